//! Benchmarks of eko-api's runtime.
//!
//! - `cargo bench -p eko-bench --bench micro`: signing, preparing Onboard Customer,
//!   decoding its example response and the largest example response of the spec.
//! - `cargo bench -p eko-bench --bench calls`: eko-api against a hand-written
//!   [`baseline`] client, side by side, over keep-alive loopback HTTP ([`server`]),
//!   with allocations per call counted by [`alloc::Counting`].
//!
//! See BENCHMARKS.md at the repository root for the figures and how to read them.

pub mod alloc;
pub mod baseline;
pub mod fixtures;
pub mod server;
pub mod stats;
