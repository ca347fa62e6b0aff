//! `cargo +nightly fuzz run config`: see `tread::fuzzing` for what it drives.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tread::fuzzing::config(bytes));
