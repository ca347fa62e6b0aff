//! `cargo +nightly fuzz run import_page`: see `tread::fuzzing` for what it drives.
#![no_main]

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| tread::fuzzing::import(
    tread::formats::Format::Page,
    bytes
));
