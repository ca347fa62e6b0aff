//! `cargo +nightly fuzz run reader`: see `tread::fuzzing` for what it drives.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tread::fuzzing::reader(bytes));
