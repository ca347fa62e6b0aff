//! `cargo +nightly fuzz run bookmarks_file`: see `tread::fuzzing` for what it drives.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tread::fuzzing::bookmarks_file(bytes));
