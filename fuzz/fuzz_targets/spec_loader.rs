//! `cargo fuzz run spec_loader`: see [`eko_fuzz::spec_loader`] for the input and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eko_fuzz::spec_loader(data));
