//! `cargo +nightly fuzz run positions_file`: see `tread::fuzzing` for what it drives.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tread::fuzzing::positions_file(bytes));
