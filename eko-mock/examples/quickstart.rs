//! Placeholder until the mock lands.
fn main() {}
