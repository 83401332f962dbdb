//! Typed, signed bindings for Eko's EPS payments API.
//!
//! Each endpoint is a request type (generated from the spec, one module per product
//! group behind a cargo feature of the same name) and a method on [`Client`]. The
//! hand-written runtime behind them validates input before any I/O, fills in
//! `initiator_id` from the configuration, generates a `client_ref_id` for calls that
//! change state, signs every attempt, retries only what is safe to retry, and
//! decodes Eko's envelope leniently.
//!
//! # Building a client
//!
//! ```no_run
//! use eko_api::{AccessKey, Client, Config, DeveloperKey, Environment};
//! # fn build() -> Result<(), eko_api::Error> {
//! // From EKO_DEVELOPER_KEY, EKO_ACCESS_KEY, EKO_INITIATOR_ID and EKO_ENV / EKO_BASE_URL:
//! let client = Client::from_env()?;
//! // Or explicitly (these are Eko's public sandbox credentials):
//! // The keys have types of their own, so they cannot be swapped by mistake.
//! let config = Config::new(
//!     Environment::Staging,
//!     DeveloperKey::new("becbbce45f79c6f5109f848acd540567"),
//!     AccessKey::new("d2fe1d99-6298-4af2-8cc5-d97dcf46df30"),
//!     "9962981729",
//! )
//! .with_timeout(std::time::Duration::from_secs(20));
//! let client = Client::new(config)?;
//! # let _ = client; Ok(()) }
//! ```
//!
//! # Requests that are hard to get wrong
//!
//! Required parameters are constructor arguments and optional ones have setters. The
//! identifiers that recur across endpoints have types of their own ([`Mobile`],
//! [`Pan`], [`Aadhaar`], [`Ifsc`], [`Pincode`], [`Email`]), dates are [`Date`]s and
//! money is an exact [`Number`], so these mistakes do not compile:
//!
//! ```compile_fail
//! # use eko_api::{Date, Email, Mobile, Pan, Pincode};
//! # use eko_api::user::{OnboardUserRequest, OnboardUserResidenceAddress};
//! # let address = OnboardUserResidenceAddress::new("l", "c", "s", Pincode::new("122002"), "d", "a");
//! // The mobile number where the PAN goes, and the PAN where the mobile goes.
//! let request = OnboardUserRequest::new(
//!     Mobile::new("9876543210"),
//!     Pan::new("ABCDE1234F"),
//!     "Ramesh", "Kumar", Email::new("ramesh@example.com"), address,
//!     Date::constant(1990, 5, 15), "Ramesh Mobile Store",
//! );
//! ```
//!
//! ```compile_fail
//! # use eko_api::{Date, Mobile};
//! // Onboard Customer without its required address.
//! let request = eko_api::customer::OnboardCustomerRequest::new(
//!     Mobile::new("9444444444"), "Karan Garg", Date::constant(1990, 5, 15),
//! );
//! ```
//!
//! ```compile_fail
//! // A date as free text.
//! let request = eko_api::customer::OnboardCustomerRequest::new(
//!     eko_api::Mobile::new("9444444444"), "Karan Garg", "15-05-1990", vec![],
//! );
//! ```
//!
//! Their shape (ten digits starting 6–9, `ABCDE1234F`, ...) is checked with the rest
//! of the request before anything is sent, and an error names every bad field.
//!
//! # Sending a call and handling outcomes
//!
//! Each endpoint method returns the endpoint's **outcome enum**: one variant per
//! outcome Eko documents for it — successes, next steps (Onboard Customer's
//! "Validate the OTP") and business refusals (Mobile OTP Verify's "Incorrect or
//! expired OTP") — each holding the [`Response`] with the typed `data`, and `Other`
//! for an answer the docs do not list, holding everything Eko sent. Each variant's
//! documentation gives its meaning, its `status` and `response_type_id`, and links
//! the method the docs say to call next, so a flow reads as a `match` with no magic
//! numbers. The enums are `#[non_exhaustive]`: Eko documenting a new outcome adds a
//! variant without breaking a caller's `match`. [`Outcome`] reads what every variant
//! has; [`Outcome::into_result`] turns a refusal or an unlisted answer into
//! [`Error::Api`] for code that prefers `?`, and [`Client::send`] applies that
//! success rule directly.
//!
//! Errors are left for what no flow branches on:
//!
//! - [`Error::Validation`] — bad input, listing every field; nothing was sent;
//! - [`Error::Api`] — from [`Outcome::into_result`] or [`Client::send`]: Eko refused
//!   the call (`status`, `message`, `invalid_params`, and the documented refusal when
//!   there is one);
//! - [`Error::Http`] — a non-2xx status (403: bad signature or clock skew);
//! - [`Error::Transport`] / [`Error::BodyTooLarge`] — no usable response (no answer
//!   before the deadline, a cut connection, a body over the limit); the error says
//!   whether re-sending is safe;
//! - [`Error::Decode`] — the body was not the documented JSON (path and snippet given);
//! - [`Error::Config`] — the configuration or a call option is unusable.
//!
//! Errors from a call carry the `client_ref_id` that was sent, to reconcile with Eko,
//! and how many attempts were made in how much time ([`Error::attempts`],
//! [`Error::elapsed`]). Every error is safe to print or log: keys and signatures are
//! removed even when a server echoes them JSON-escaped, and server text has its
//! control characters escaped, so it cannot forge a log line.
//!
//! ```no_run
//! # #[cfg(feature = "customer")]
//! # async fn call(client: eko_api::Client) -> Result<(), eko_api::Error> {
//! use eko_api::Outcome as _;
//! use eko_api::customer::{OnboardCustomerOutcome, OnboardCustomerRequest};
//! // The mobile number and the date have types of their own: they cannot be swapped
//! // with the name or with each other.
//! let request = OnboardCustomerRequest::new(
//!     eko_api::Mobile::new("9444444444"), "Karan Garg", eko_api::Date::constant(1990, 5, 15),
//!     vec!["123 MG Road".into(), "Bangalore".into(), "Karnataka".into(), "560001".into()],
//! );
//! match client.onboard_customer(&request).await? {
//!     // The documented next step: an OTP went out; verify it with `otp_ref_id`.
//!     OnboardCustomerOutcome::ValidateTheOtp(response) => {
//!         println!("OTP ref {:?}", response.data.otp_ref_id)
//!     }
//!     // Anything else (an answer the docs do not list) keeps all Eko sent.
//!     other => eprintln!("unexpected: {} ({:?})", other.message(), other.client_ref_id()),
//! }
//! # Ok(()) }
//! ```
//!
//! [`Client::prepare`] builds and signs a request without sending it (for
//! inspection, logging or tests); [`Client::execute`] sends it.
//!
//! # Deadlines and retries
//!
//! Every call has one deadline that covers all of it — each attempt, the body read,
//! the waits between retries. It is [`Config::deadline`] when set, else
//! [`Config::timeout`] (so by default no call outlasts the timeout); one call can
//! have its own through [`Client::call_with`], [`Client::send_with`] or
//! [`Client::execute_with`] with [`CallOptions`]. Each attempt is also bounded by [`Config::timeout`], so a
//! deadline above the timeout leaves a GET time to retry after an attempt hangs.
//!
//! Only GET calls are retried (on transport failures, 429 and 5xx, re-signed each
//! time), after the backoff of [`Config::retry`] or the server's `Retry-After`,
//! whichever is longer — and only when that wait ends before the deadline;
//! otherwise the last answer is returned at once. POST, PUT, PATCH and DELETE are
//! sent exactly once, whatever the answer.
//!
//! ```no_run
//! # #[cfg(feature = "customer")]
//! # async fn call(request: eko_api::customer::OnboardCustomerRequest) -> Result<(), eko_api::Error> {
//! use eko_api::{CallOptions, Client, Config, Environment};
//! use std::time::Duration;
//! let config = Config::new(
//!     Environment::Staging,
//!     eko_api::DeveloperKey::new("developer-key"),
//!     eko_api::AccessKey::new("access-key"),
//!     "9962981729",
//! )
//!     .with_timeout(Duration::from_secs(10)) // each attempt
//!     .with_deadline(Duration::from_secs(25)); // each call, retries included
//! let client = Client::new(config)?;
//! // This call may take 5 s at most.
//! let options = CallOptions::new().with_deadline(Duration::from_secs(5));
//! let outcome = client.call_with(&request, options).await?;
//! # let _ = outcome; Ok(()) }
//! ```

#![doc = ""]
#![doc = include_str!("generated/groups.md")]
// `Error` is deliberately one flat enum whose variants keep everything the server
// said; moving ~200 bytes on the failure path of a network call costs nothing
// measurable, so boxing the variants would only make matching clumsier.
#![allow(clippy::result_large_err)]
#![deny(missing_docs)]

mod build;
mod capture;
mod client;
mod client_ref;
mod clock;
mod config;
mod endpoint;
mod error;
mod field_value;
mod file;
mod format;
mod identifiers;
pub mod lenient;
mod number;
mod outcome;
mod payload;
mod redact;
mod request;
mod request_fields;
mod response;
mod retry;
mod secret;
mod sensitive;
pub mod signing;
mod transport;
mod validate;
mod value_list;
mod webhook;

#[rustfmt::skip]
mod generated;

pub use client::{CallOptions, Client};
pub use clock::{Clock, SystemClock};
pub use config::{
    AccessKey, Config, DEFAULT_MAX_BODY_BYTES, DeveloperKey, Environment, PRODUCTION_BASE_URL,
    STAGING_BASE_URL,
};
pub use endpoint::{
    BodyEncoding, Endpoint, EndpointMeta, Format, Kind, Location, Method, ParamMeta, Role,
};
pub use error::{Error, FieldError, TransportKind};
pub use file::FilePart;
#[allow(
    unused_imports,
    reason = "nothing to re-export when every product group feature is off"
)]
pub use generated::*;
pub use identifiers::{Aadhaar, Date, Email, Ifsc, Mobile, Pan, Pincode};
pub use number::{Number, ParseNumberError};
pub use outcome::{IndexedOutcome, Outcome, OutcomeKind, OutcomeMeta, StatusMatch};
pub use request::PreparedRequest;
pub use response::{Response, decode_outcome, decode_response};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use webhook::{Webhook, parse_webhook};
