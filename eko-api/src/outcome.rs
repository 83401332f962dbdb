//! Typed outcomes: what a call's answer means, as one `match`.
//!
//! Eko answers business results with HTTP 200 and tells them apart by the envelope's
//! `status` and `response_type_id`. Each endpoint's documented outcomes (from its
//! page's example envelopes, `Response types` table and error table) are generated as
//! an enum, one variant each, plus `Other` for anything the docs do not list. The
//! runtime only classifies an envelope against [`EndpointMeta::outcomes`] and hands
//! the decoded response to the generated [`Outcome`] implementation.
//!
//! Documented refusals are variants too, not errors: Eko's pages present them beside
//! the successes as the answers a flow branches on, and a caller's `match` should see
//! all of them. `Err` is left for what no flow branches on: a request refused before
//! sending, transport failures, HTTP errors and undecodable bodies.
//! [`Outcome::into_result`] turns refusals and unlisted answers into
//! [`Error::Api`] for code that prefers `?`.

use crate::{EndpointMeta, Error, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Which envelope `status` values a documented outcome covers.
///
/// It mirrors `eko_spec::StatusMatch` (as [`OutcomeKind`] mirrors `OutcomeKind`):
/// the runtime must not depend on the generator's crates, so the generated tables
/// spell the spec's values in these types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatusMatch {
    /// Exactly this status.
    Exactly(i64),
    /// Any status but 0: a refusal whose status the docs do not give.
    NonZero,
    /// Any status: a response type whose status the docs do not give.
    Any,
}

impl StatusMatch {
    /// Whether `status` is covered.
    pub fn covers(self, status: i64) -> bool {
        match self {
            StatusMatch::Exactly(expected) => status == expected,
            StatusMatch::NonZero => status != 0,
            StatusMatch::Any => true,
        }
    }
}

/// What a documented outcome means for the caller's flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OutcomeKind {
    /// The call did what it was for.
    Success,
    /// Accepted; the flow continues with another call (an OTP to validate, a sender
    /// to onboard).
    NextStep,
    /// Refused for a documented business reason.
    Refusal,
}

/// One documented outcome of an endpoint, generated from the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeMeta {
    /// Kebab-case name, unique within the endpoint (e.g. `validate-the-otp`); the
    /// name the mock server's outcome header takes.
    pub name: &'static str,
    /// The `response_type_id`, when documented.
    pub response_type_id: Option<i64>,
    /// The statuses it covers.
    pub status: StatusMatch,
    /// Success, next step or refusal.
    pub kind: OutcomeKind,
    /// What it means, in the docs' words.
    pub meaning: &'static str,
    /// The id of the endpoint to call next, when the docs link one.
    pub next: Option<&'static str>,
}

impl OutcomeMeta {
    /// Whether an envelope with `status` and `response_type_id` is this outcome. An
    /// envelope without an id matches by exact status only.
    pub fn matches(&self, status: i64, response_type_id: Option<i64>) -> bool {
        match (self.response_type_id, response_type_id) {
            (Some(expected), Some(got)) => expected == got && self.status.covers(status),
            (None, _) | (Some(_), None) => self.status == StatusMatch::Exactly(status),
        }
    }
}

impl EndpointMeta {
    /// The index in [`EndpointMeta::outcomes`] of the documented outcome an envelope
    /// is, if the docs list it.
    pub fn outcome_index(&self, status: i64, response_type_id: Option<i64>) -> Option<usize> {
        self.outcomes
            .iter()
            .position(|outcome| outcome.matches(status, response_type_id))
    }

    /// The success rule of [`crate::Client::send`] and [`Outcome::into_result`]: a
    /// documented success or next step, or an unlisted `status` 0.
    pub fn succeeds(&self, status: i64, response_type_id: Option<i64>) -> bool {
        match self.outcome_index(status, response_type_id) {
            Some(index) => self.outcomes[index].kind != OutcomeKind::Refusal,
            None => status == 0,
        }
    }

    /// The documented outcome with this name, if any.
    pub fn outcome_named(&self, name: &str) -> Option<&'static OutcomeMeta> {
        self.outcomes.iter().find(|outcome| outcome.name == name)
    }
}

/// The typed answer of one endpoint: a generated enum with a variant per documented
/// outcome and `Other` for the rest. Match on it; the provided methods read what
/// every variant has.
pub trait Outcome: Sized + Send + 'static {
    /// The endpoint's `data` payload.
    type Data: DeserializeOwned + Serialize + Default + Send + 'static;

    /// The endpoint the outcome belongs to.
    const ENDPOINT: &'static EndpointMeta;

    /// The variant for documented outcome `index` of [`Outcome::ENDPOINT`], or the
    /// response back when there is none at that index.
    fn from_documented(
        index: usize,
        response: Response<Self::Data>,
    ) -> Result<Self, Response<Self::Data>>;

    /// The catch-all variant, for an envelope the docs do not list.
    fn from_other(response: Response<Value>) -> Self;

    /// The documented outcome's index in [`Outcome::ENDPOINT`]'s list; `None` for `Other`.
    fn documented_index(&self) -> Option<usize>;

    /// The response: typed for a documented outcome, raw for `Other`.
    fn as_parts(&self) -> Result<&Response<Self::Data>, &Response<Value>>;

    /// [`Outcome::as_parts`], by value.
    fn into_parts(self) -> Result<Response<Self::Data>, Response<Value>>;

    /// The documented outcome this is; `None` for an answer the docs do not list.
    fn documented(&self) -> Option<&'static OutcomeMeta> {
        self.documented_index()
            .and_then(|index| Self::ENDPOINT.outcomes.get(index))
    }

    /// Envelope `status`.
    fn status(&self) -> i64 {
        envelope(self).status
    }

    /// Envelope `response_type_id`.
    fn response_type_id(&self) -> Option<i64> {
        envelope(self).response_type_id
    }

    /// Envelope `message`.
    fn message(&self) -> &str {
        envelope(self).message
    }

    /// The `client_ref_id` that was sent.
    fn client_ref_id(&self) -> Option<&str> {
        envelope(self).client_ref_id
    }

    /// HTTP status of the answer.
    fn http_status(&self) -> u16 {
        envelope(self).http_status
    }

    /// The response for a documented success or next step (or an unlisted answer with
    /// `status` 0, its `data` decoded); [`Error::Api`] for a documented refusal (naming
    /// it in `outcome`) or an unlisted non-zero `status`, with everything the server sent.
    fn into_result(self) -> Result<Response<Self::Data>, Error> {
        let documented = self.documented();
        match self.into_parts() {
            Ok(response) => match documented {
                Some(outcome) if outcome.kind == OutcomeKind::Refusal => {
                    // The error keeps `data` as sent, not as the typed payload read it.
                    let data =
                        crate::response::data_as_sent(&response.raw_body).unwrap_or(Value::Null);
                    Err(api_error(
                        Self::ENDPOINT,
                        Some(outcome),
                        response.with_data(data),
                    ))
                }
                _ => Ok(response),
            },
            Err(response) if response.status == 0 => {
                match crate::response::decode_data::<Self::Data>(response.data.clone()) {
                    Ok(data) => Ok(response.with_data(data)),
                    Err((path, message)) => Err(Error::Decode {
                        endpoint: Self::ENDPOINT.id,
                        client_ref_id: response.client_ref_id,
                        http_status: response.http_status,
                        path,
                        message,
                        body: crate::sensitive::scrub_text(
                            &response.raw_body,
                            Self::ENDPOINT.sensitive,
                        )
                        .into_owned(),
                        attempts: response.attempts,
                        elapsed: response.elapsed,
                    }),
                }
            }
            Err(response) => Err(api_error(Self::ENDPOINT, None, response)),
        }
    }
}

/// What every variant's response has, whatever its payload type.
struct Envelope<'a> {
    status: i64,
    response_type_id: Option<i64>,
    message: &'a str,
    client_ref_id: Option<&'a str>,
    http_status: u16,
}

impl<'a> Envelope<'a> {
    fn of<D>(response: &'a Response<D>) -> Self {
        Envelope {
            status: response.status,
            response_type_id: response.response_type_id,
            message: &response.message,
            client_ref_id: response.client_ref_id.as_deref(),
            http_status: response.http_status,
        }
    }
}

/// The envelope of `outcome`'s response, typed or raw.
fn envelope<O: Outcome>(outcome: &O) -> Envelope<'_> {
    match outcome.as_parts() {
        Ok(response) => Envelope::of(response),
        Err(response) => Envelope::of(response),
    }
}

/// [`Error::Api`] holding everything `response` has.
pub(crate) fn api_error(
    endpoint: &'static EndpointMeta,
    outcome: Option<&'static OutcomeMeta>,
    response: Response<Value>,
) -> Error {
    // Errors are printed and logged: personal data is withheld, the rest kept.
    let mut data = response.data;
    crate::sensitive::scrub_value(&mut data, endpoint.sensitive);
    let body = crate::sensitive::scrub_text(&response.raw_body, endpoint.sensitive).into_owned();
    Error::Api {
        endpoint: endpoint.id,
        outcome,
        client_ref_id: response.client_ref_id,
        status: response.status,
        message: response.message,
        response_status_id: response.response_status_id,
        response_type_id: response.response_type_id,
        invalid_params: response.invalid_params,
        data,
        http_status: response.http_status,
        body,
        attempts: response.attempts,
        elapsed: response.elapsed,
    }
}

/// The outcome of an endpoint described by hand (an [`crate::Endpoint`] implemented
/// outside this crate's generated code): the documented outcome as its table row
/// rather than a named variant.
#[non_exhaustive]
pub enum IndexedOutcome<E: crate::Endpoint> {
    /// A documented outcome: its row in `E::META.outcomes`, and the typed response.
    Documented(&'static OutcomeMeta, Response<E::Data>),
    /// An answer the docs do not list.
    Other(Response<Value>),
}

impl<E: crate::Endpoint> std::fmt::Debug for IndexedOutcome<E>
where
    E::Data: std::fmt::Debug,
{
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexedOutcome::Documented(outcome, response) => f
                .debug_tuple("Documented")
                .field(&outcome.name)
                .field(response)
                .finish(),
            IndexedOutcome::Other(response) => f.debug_tuple("Other").field(response).finish(),
        }
    }
}

impl<E: crate::Endpoint + 'static> Outcome for IndexedOutcome<E> {
    type Data = E::Data;
    const ENDPOINT: &'static EndpointMeta = E::META;

    fn from_documented(
        index: usize,
        response: Response<Self::Data>,
    ) -> Result<Self, Response<Self::Data>> {
        match E::META.outcomes.get(index) {
            Some(outcome) => Ok(IndexedOutcome::Documented(outcome, response)),
            None => Err(response),
        }
    }

    fn from_other(response: Response<Value>) -> Self {
        IndexedOutcome::Other(response)
    }

    fn documented_index(&self) -> Option<usize> {
        match self {
            IndexedOutcome::Documented(outcome, _) => E::META
                .outcomes
                .iter()
                .position(|row| std::ptr::eq(row, *outcome)),
            IndexedOutcome::Other(_) => None,
        }
    }

    fn as_parts(&self) -> Result<&Response<Self::Data>, &Response<Value>> {
        match self {
            IndexedOutcome::Documented(_, response) => Ok(response),
            IndexedOutcome::Other(response) => Err(response),
        }
    }

    fn into_parts(self) -> Result<Response<Self::Data>, Response<Value>> {
        match self {
            IndexedOutcome::Documented(_, response) => Ok(response),
            IndexedOutcome::Other(response) => Err(response),
        }
    }
}

/// `Debug` of a generated outcome enum, as the derive showed it: the variant's name
/// (`variants` in table order, or `Other`) and its response.
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) fn debug<O: Outcome>(
    outcome: &O,
    variants: &[&str],
    f: &mut std::fmt::Formatter<'_>,
) -> std::fmt::Result
where
    Response<O::Data>: std::fmt::Debug,
{
    match outcome.as_parts() {
        Ok(response) => {
            let variant = outcome
                .documented_index()
                .and_then(|index| variants.get(index))
                .copied()
                .unwrap_or_default();
            f.debug_tuple(variant).field(response).finish()
        }
        Err(response) => f.debug_tuple("Other").field(response).finish(),
    }
}

/// `Clone` of a generated outcome enum: the same variant with a copy of its response.
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) fn clone<O: Outcome>(outcome: &O) -> O
where
    Response<O::Data>: Clone,
{
    match (outcome.as_parts(), outcome.documented_index()) {
        (Ok(response), Some(index)) => O::from_documented(index, response.clone())
            .unwrap_or_else(|_| unreachable!("a documented variant's index has a variant")),
        (Ok(_), None) => unreachable!("a documented variant has an index"),
        (Err(response), _) => O::from_other(response.clone()),
    }
}

/// `PartialEq` of a generated outcome enum: the same variant with equal responses.
#[allow(
    dead_code,
    reason = "used by generated code only: unused when every product group feature is off"
)]
pub(crate) fn eq<O: Outcome>(outcome: &O, other: &O) -> bool
where
    Response<O::Data>: PartialEq,
{
    outcome.documented_index() == other.documented_index()
        && match (outcome.as_parts(), other.as_parts()) {
            (Ok(response), Ok(other)) => response == other,
            (Err(response), Err(other)) => response == other,
            _ => false,
        }
}

/// The [`Outcome`] implementation of a generated outcome enum: `$index => $variant`
/// pairs in the order of the endpoint's outcome table, plus the `Other` variant every
/// outcome enum has. Generated code names it, so that each endpoint's file shows its
/// variants rather than the same forty lines of plumbing. `Debug`, `Clone` and
/// `PartialEq` come with it, from the generic [`debug`], [`clone`] and [`eq`]: derived,
/// they were compiled once per enum.
#[allow(
    unused_macros,
    reason = "nothing uses it when every product group feature is off"
)]
macro_rules! impl_outcome {
    ($outcome:ident for $request:ident, $data:ident { $($index:literal => $variant:ident),* $(,)? }) => {
        impl crate::Outcome for $outcome {
            type Data = $data;
            const ENDPOINT: &'static crate::EndpointMeta = <$request as crate::Endpoint>::META;
            fn from_documented(
                index: usize,
                response: crate::Response<$data>,
            ) -> Result<Self, crate::Response<$data>> {
                match index {
                    $($index => Ok(Self::$variant(response)),)*
                    _ => Err(response),
                }
            }
            fn from_other(response: crate::Response<serde_json::Value>) -> Self {
                Self::Other(response)
            }
            fn documented_index(&self) -> Option<usize> {
                match self {
                    $(Self::$variant(_) => Some($index),)*
                    Self::Other(_) => None,
                }
            }
            fn as_parts(
                &self,
            ) -> Result<&crate::Response<$data>, &crate::Response<serde_json::Value>> {
                match self {
                    $(Self::$variant(response) => Ok(response),)*
                    Self::Other(response) => Err(response),
                }
            }
            fn into_parts(
                self,
            ) -> Result<crate::Response<$data>, crate::Response<serde_json::Value>> {
                match self {
                    $(Self::$variant(response) => Ok(response),)*
                    Self::Other(response) => Err(response),
                }
            }
        }

        impl std::fmt::Debug for $outcome {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                crate::outcome::debug(self, &[$(stringify!($variant)),*], f)
            }
        }

        impl Clone for $outcome {
            fn clone(&self) -> Self {
                crate::outcome::clone(self)
            }
        }

        impl PartialEq for $outcome {
            fn eq(&self, other: &Self) -> bool {
                crate::outcome::eq(self, other)
            }
        }
    };
}
#[allow(
    unused_imports,
    reason = "nothing uses it when every product group feature is off"
)]
pub(crate) use impl_outcome;
