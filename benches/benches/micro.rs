//! `cargo bench -p eko-bench --bench micro`: the runtime's per-call work without a
//! network — signing, preparing Onboard Customer, decoding its example response and
//! the largest example response of the spec (Vehicle RC; a test in `eko-bench`
//! fails when another becomes the largest). Allocation counts come from divan's
//! allocation profiler.

// eko-api's `Error` is one flat enum by design (see its lib.rs); results are only dropped here.
#![allow(clippy::result_large_err)]

use eko_api::customer::OnboardCustomerRequest;
use eko_api::kyc::VehicleRcRequest;
use eko_api::{Secret, signing};
use eko_bench::fixtures;
use std::hint::black_box;

#[global_allocator]
static ALLOCATOR: divan::AllocProfiler = divan::AllocProfiler::system();

const TIMESTAMP_MS: u64 = 1_700_000_000_000;

fn main() {
    divan::main();
}

/// `signing::secret_key`: the one-shot function, which encodes the key each time.
#[divan::bench]
fn sign_secret_key() -> Secret {
    signing::secret_key(
        black_box(&Secret::new(fixtures::ACCESS_KEY)),
        black_box(TIMESTAMP_MS),
    )
}

/// A `Signer` keyed once, as the client signs each attempt.
#[divan::bench]
fn sign_with_signer(bencher: divan::Bencher) {
    let signer = signing::Signer::new(&Secret::new(fixtures::ACCESS_KEY));
    bencher.bench(|| signer.secret_key(black_box(TIMESTAMP_MS)));
}

/// What `Client::prepare` does for Onboard Customer: complete, validate, place, sign.
#[divan::bench]
fn prepare_onboard_customer(bencher: divan::Bencher) {
    // Nothing is sent: the address is never contacted.
    let client = fixtures::client("http://127.0.0.1:9");
    let request = fixtures::onboard_customer();
    bencher.bench(|| client.prepare(black_box(&request)));
}

/// `decode_response` of Onboard Customer's documented example response.
#[divan::bench]
fn decode_onboard_customer_example(bencher: divan::Bencher) {
    decode::<OnboardCustomerRequest>(bencher, "customer", "onboard-customer");
}

/// `decode_response` of the largest example response in the spec.
#[divan::bench]
fn decode_largest_example(bencher: divan::Bencher) {
    decode::<VehicleRcRequest>(bencher, "kyc", "vehicle-rc");
}

/// Decodes the example response of `group/id` as `E`'s response; each run gets its
/// own copy of the body, as a call would.
fn decode<E: eko_api::Endpoint>(bencher: divan::Bencher, group: &str, id: &str) {
    let body = example(group, id);
    bencher
        .with_inputs(|| body.clone())
        .bench_values(|body| eko_api::decode_response::<E>(200, body));
}

fn example(group: &str, id: &str) -> String {
    fixtures::example_response(group, id).unwrap_or_else(|error| {
        eprintln!("micro: {error}");
        std::process::exit(1);
    })
}
