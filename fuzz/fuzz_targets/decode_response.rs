//! `cargo fuzz run decode_response`: see [`eko_fuzz::decode_response`] for the input and what must hold.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| eko_fuzz::decode_response(data));
