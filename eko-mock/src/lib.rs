//! A stand-in for Eko's EPS API, driven by the same spec as the client.
//!
//! Every endpoint of the spec (except webhooks, which Eko calls rather than serves) is
//! served at its method and path below [`MockConfig::base_path`]. A request goes
//! through what Eko does with it:
//!
//! 1. routing: unknown path → HTTP 404, known path with another method → 405;
//! 2. authentication: `developer_key`, `secret-key` and `secret-key-timestamp` are
//!    checked against the configuration and the server clock → 403 on failure;
//! 3. reading: wrong content type → 415, malformed JSON or multipart → 400, an
//!    oversized body → 413;
//! 4. validation against the spec (presence, type, format, the configured
//!    `initiator_id`): failures answer HTTP 200 with a non-zero `status`,
//!    `response_type_id` -1 and an `invalid_params` map naming every bad field;
//! 5. the answer: the documented example response, with `data` keys that repeat a
//!    request parameter set to the value sent, adjusted by the onboarding flow below.
//!
//! Where several pages document endpoints at the same method and path, the request
//! goes to the one it fits best: valid first, then the one whose example values it
//! repeats, then the one with most of its parameters present.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let mock = eko_mock::MockServer::start(eko_mock::MockConfig::default()).await?;
//! println!("point a client at {}", mock.base_url());
//! # Ok(()) }
//! ```
//!
//! The onboarding flow is stateful: Onboard User returns a fresh `user_code` that
//! later calls accept (an unknown `user_code` is a business error, `response_type_id`
//! 9001); Onboard Customer returns an `otp_ref_id`; Verify Customer OTP accepts that
//! `otp_ref_id` for that customer with the OTP [`TEST_OTP`] (9003 for another OTP, 9004
//! for an unknown session); Get Customer Information reports onboarded customers as
//! enrolled and others as not (308). Every value in the documented examples is known
//! up front, so every documented example request succeeds as-is, any number of times.
//! State lives in memory, at most [`MockConfig::state_capacity`] entries per table.

mod app;
mod auth;
mod catalog;
mod choose;
mod config;
mod envelope;
mod flows;
mod formats;
mod handler;
mod http_error;
mod inputs;
mod routing;
mod server;
mod state;
mod validate;

pub use auth::{DEVELOPER_KEY_HEADER, SECRET_KEY_HEADER, TIMESTAMP_HEADER, now_ms, sign};
pub use config::{
    MockConfig, SANDBOX_ACCESS_KEY, SANDBOX_DEVELOPER_KEY, SANDBOX_INITIATOR_ID, TEST_OTP,
};
pub use handler::{MAX_JSON_BODY, MAX_MULTIPART_BODY};
pub use server::MockServer;

use std::sync::{Arc, LazyLock};

/// The spec bundle the mock serves, as written by `cargo xtask codegen`.
const SPEC_JSON: &str = include_str!("../spec.json");

/// The spec the mock serves: shared definitions and every endpoint.
///
/// The bundle is checked in and regenerated together with the client, so it always
/// parses; should it ever not, the mock serves an empty spec (every path is a 404)
/// and logs why, rather than panicking inside a server.
pub fn bundle() -> &'static eko_spec::Bundle {
    static BUNDLE: LazyLock<eko_spec::Bundle> = LazyLock::new(|| {
        eko_spec::Bundle::from_json(SPEC_JSON).unwrap_or_else(|error| {
            tracing::error!(%error, "the embedded spec bundle does not parse; serving nothing");
            eko_spec::Bundle {
                shared: empty_shared(),
                endpoints: Vec::new(),
            }
        })
    });
    &BUNDLE
}

fn empty_shared() -> eko_spec::Shared {
    eko_spec::Shared {
        environments: Default::default(),
        auth_headers: Vec::new(),
        common_params: Vec::new(),
        envelope: Vec::new(),
        status_codes: Vec::new(),
        formats: Vec::new(),
        groups: Vec::new(),
    }
}

/// An axum router serving the mock with `config`, for in-process use (e.g. with
/// `tower::ServiceExt::oneshot`). Each router has its own state.
pub fn router(config: MockConfig) -> axum::Router {
    let app = Arc::new(app::App::new(config));
    axum::Router::new()
        .fallback(handler::handle)
        .with_state(app)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_embedded_bundle_parses() {
        assert!(eko_spec::Bundle::from_json(super::SPEC_JSON).is_ok());
        assert!(!super::bundle().endpoints.is_empty());
    }
}
