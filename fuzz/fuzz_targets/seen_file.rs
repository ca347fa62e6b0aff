//! `cargo +nightly fuzz run seen_file`: see `tread::fuzzing` for what it drives.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tread::fuzzing::seen_file(bytes));
