//! Spec → IR → Rust.
