//! `cargo +nightly fuzz run library_file`: see `tread::fuzzing` for what it drives.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tread::fuzzing::library_file(bytes));
