//! A stand-in for Eko's EPS API, driven by the same spec as the client.
//!
//! Every endpoint of the spec (except webhooks, which Eko calls rather than serves) is
//! served at its method and path below [`MockConfig::base_path`]. A request goes
//! through what Eko does with it:
//!
//! 1. routing: unknown path → HTTP 404, known path with another method → 405;
//! 2. authentication: `developer_key`, `secret-key` and `secret-key-timestamp` are
//!    checked against the configuration and the server clock → 403 on failure (a
//!    header whose value is not UTF-8 → 400 naming it);
//! 3. reading: a body in another content type → 415 (no body at all is no
//!    parameters, as `{}` is), malformed JSON or multipart or a body cut short →
//!    400, an oversized body → 413, a body that stops arriving → 408 after
//!    [`MockConfig::request_timeout`];
//! 4. validation against the spec (presence, type, format, the configured
//!    `initiator_id`): failures answer HTTP 200 with a non-zero `status`,
//!    `response_type_id` -1 and an `invalid_params` map naming every bad field;
//! 5. the answer: the documented example response, with `data` keys that repeat a
//!    request parameter set to the value sent, adjusted by the onboarding flow below.
//!
//! # Asking for an outcome
//!
//! A request with the header [`OUTCOME_HEADER`] (`x-eko-mock-outcome`) gets the
//! documented outcome it names instead of the example answer: the name is the
//! kebab-case name of the outcome's variant in the client's outcome enum (e.g.
//! `validate-the-otp`, `incorrect-or-expired-otp`), or its `response_type_id` where
//! only one outcome has that id. The answer carries the outcome's documented `status`
//! (the `response_type_id` where the docs give none), `response_type_id` and message,
//! and the example `data` where the page's example shows that outcome. A name the
//! endpoint does not document is HTTP 400 listing the names it does. A header keeps
//! clear of every endpoint's parameters, which a query parameter (Eko's docs mock
//! uses one) would not. With the client: `CallOptions::new().with_header(eko_mock::OUTCOME_HEADER, "validate-the-otp")`.
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
//!
//! # Connections
//!
//! [`MockServer`] serves HTTP/1.1 and sheds what would hold it: a connection that has
//! not delivered a complete request head within [`MockConfig::header_read_timeout`]
//! (half a request line, a head trickled byte by byte, nothing at all, or a kept-alive
//! connection left idle) is closed, and at most [`MockConfig::max_connections`]
//! connections are served at once; the others wait to be accepted.
//!
//! # Status callbacks
//!
//! The mock also plays Eko's part in the one webhook of the spec, the transaction
//! status callback, sent to the address in [`MockConfig::callback_url`] (the binary's
//! `--callback-url`). After each successful non-GET call whose answer's `data` has a
//! `tid` (a transfer, bill payment, refund, ...), the mock POSTs to that address in the
//! background a JSON body `{"data": {...}}` whose keys are exactly the fields the spec
//! documents for the webhook: `tid`, `amount`, `fee`, `gst`, `bank_ref_num`,
//! `payment_mode` and `client_ref_id` from the transaction's answer (else its request),
//! `old_tx_status` 2 / `"Response Awaited"` as the state left, and `timestamp` now in
//! India Standard Time. The request carries `developer_key`, `secret-key` and
//! `secret-key-timestamp`, signed with the configured keys as a client signs its
//! calls, so a receiver can check it with [`sign`].
//!
//! The deprecated Setup Callback URL (any successful non-GET call taking a `user_code`
//! and a `callback_url`) is still served: it registers a URL for that `user_code`,
//! which then receives that `user_code`'s callbacks instead of the configured address.
//!
//! Delivery is tried up to [`CALLBACK_ATTEMPTS`] times, each within
//! [`CALLBACK_TIMEOUT`], pausing briefly between tries, until the receiver answers
//! 2xx. Only plain `http` URLs on loopback hosts (127.0.0.0/8, `::1`, `localhost`) are
//! contacted unless [`MockConfig::allow_remote_callbacks`] is set (the binary's
//! `--allow-remote-callbacks`); `https` URLs are never sent. Every callback, sent or
//! refused, is recorded as a [`Delivery`] ([`MockServer::callback_deliveries`],
//! [`MockServer::wait_for_deliveries`]), the latest `state_capacity` of them.

// The layers, each using only those above it in this list:
//
// - foundations: `spec` (the embedded bundle), `config` (with the `callback_url`
//   policy), `http_error`, `formats`, `scalar`;
// - `catalog`: the spec compiled once (routes, format rules, documented values);
// - `state`: what one mock remembers (flow tables, callback records), behind a lock;
// - `auth`: the signing check;
// - reading a request: `inputs`, `routing`, `validate`, `choose`;
// - answering it: `envelope`, `flows`, `scenario` (an outcome asked for by header),
//   `status_callback` (which callback is due);
// - `delivery`: sending due callbacks and recording how they went;
// - `app`: one mock instance (config, catalog, state, dispatcher);
// - `handler`: the router and the request pipeline;
// - `serve`: connections (timeouts, connection limit); `server`: the public handle.
//
// `tests/layering.rs` fails on any import cycle between them.
mod app;
mod auth;
mod callback_url;
mod catalog;
mod choose;
mod config;
mod delivery;
mod envelope;
mod flows;
mod formats;
mod handler;
mod http_error;
mod inputs;
mod routing;
mod scalar;
mod scenario;
mod serve;
mod server;
mod spec;
mod state;
mod status_callback;
mod validate;

pub use auth::{DEVELOPER_KEY_HEADER, SECRET_KEY_HEADER, TIMESTAMP_HEADER, now_ms, sign};
pub use config::{
    MockConfig, SANDBOX_ACCESS_KEY, SANDBOX_DEVELOPER_KEY, SANDBOX_INITIATOR_ID, TEST_OTP,
};
pub use delivery::{CALLBACK_ATTEMPTS, CALLBACK_TIMEOUT};
pub use inputs::{MAX_JSON_BODY, MAX_MULTIPART_BODY};
pub use scenario::OUTCOME_HEADER;
pub use server::MockServer;
pub use spec::bundle;
pub use state::{Delivery, DeliveryOutcome};

/// An axum router serving the mock with `config`, for in-process use (e.g. with
/// `tower::ServiceExt::oneshot`). Each router has its own state. The connection
/// bounds of [`MockConfig`] (header timeout, connection limit) belong to a socket and
/// apply only to [`MockServer`]; the request timeout applies here too.
pub fn router(config: MockConfig) -> axum::Router {
    handler::router(std::sync::Arc::new(app::App::new(config)))
}
