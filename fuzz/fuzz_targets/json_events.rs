//! `cargo +nightly fuzz run json_events`: see `tread::fuzzing` for what it drives.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tread::fuzzing::json_events(bytes));
