//! `cargo fuzz run page_importer`: see [`eko_fuzz::page_importer`] for the input and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eko_fuzz::page_importer(data));
