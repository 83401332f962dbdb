//! Answering with a documented outcome the caller asks for.
//!
//! Eko's own docs mock picks its answer from a query parameter; a query parameter
//! could collide with an endpoint's real ones, so this mock reads a request header
//! that no Eko endpoint uses: [`OUTCOME_HEADER`]. Its value names one of the
//! endpoint's documented outcomes, by name (the generated variant's name in kebab
//! case, e.g. `validate-the-otp`) or, when only one outcome has it, by
//! `response_type_id`. The answer carries the outcome's documented `status`, its
//! `response_type_id` and message, and the documented example `data` when the page's
//! example shows that outcome (otherwise an empty `data`). Where the docs give no
//! status (a refusal, or a response type), the answer uses the `response_type_id` as
//! its status (1 when that id is 0), as Eko does for its business errors.
//!
//! Routing, authentication and validation come first, as for any request; the
//! stateful onboarding flow is skipped.

use crate::catalog::Route;
use crate::envelope;
use crate::http_error::HttpError;
use crate::inputs::Inputs;
use axum::http::HeaderMap;
use eko_spec::{DocumentedOutcome, StatusMatch};
use serde_json::{Map, Value};

/// The request header that selects a documented outcome.
pub const OUTCOME_HEADER: &str = "x-eko-mock-outcome";

/// The outcome a request asks for, if it names one.
pub(crate) fn requested(headers: &HeaderMap) -> Result<Option<String>, HttpError> {
    let Some(value) = headers.get(OUTCOME_HEADER) else {
        return Ok(None);
    };
    let value = value.to_str().map_err(|_| {
        HttpError::bad_request(format!("the `{OUTCOME_HEADER}` header is not text"))
    })?;
    Ok(Some(value.trim().to_owned()))
}

/// The answer of `route` for the outcome named `wanted`.
pub(crate) fn answer(route: &Route, wanted: &str, inputs: &Inputs) -> Result<Value, HttpError> {
    let outcome = find(&route.outcomes, wanted).ok_or_else(|| {
        let names: Vec<&str> = route
            .outcomes
            .iter()
            .map(|outcome| outcome.slug.as_str())
            .collect();
        HttpError::bad_request(format!(
            "`{}` documents no outcome `{wanted}` (header `{OUTCOME_HEADER}`); it documents: {}",
            route.endpoint.id,
            if names.is_empty() {
                "none".to_owned()
            } else {
                names.join(", ")
            }
        ))
    })?;
    let example = route.example.as_ref().ok();
    let shown = example.is_some_and(|example| shows(example, outcome));
    let status = match outcome.status {
        StatusMatch::Exactly(status) => status,
        _ if shown => example
            .and_then(|example| example.get("status"))
            .and_then(Value::as_i64)
            .unwrap_or(0),
        _ => match outcome.response_type_id {
            Some(id) if id != 0 => id,
            _ => 1,
        },
    };
    let data = match example {
        Some(example) if shown => envelope::from_example(example, route.endpoint, inputs)
            .get("data")
            .cloned()
            .unwrap_or_else(|| Value::Object(Map::new())),
        _ => Value::Object(Map::new()),
    };
    let mut answer = Map::new();
    answer.insert("status".into(), Value::from(status));
    answer.insert(
        "response_status_id".into(),
        Value::from(if status == 0 { -1 } else { 1 }),
    );
    if let Some(id) = outcome.response_type_id {
        answer.insert("response_type_id".into(), Value::from(id));
    }
    answer.insert(
        "message".into(),
        Value::from(
            outcome
                .message
                .clone()
                .unwrap_or_else(|| outcome.meaning.clone()),
        ),
    );
    answer.insert("data".into(), data);
    Ok(Value::Object(answer))
}

/// The outcome named `wanted`: by name, else by a `response_type_id` only one has.
fn find<'a>(outcomes: &'a [DocumentedOutcome], wanted: &str) -> Option<&'a DocumentedOutcome> {
    if let Some(outcome) = outcomes.iter().find(|outcome| outcome.slug == wanted) {
        return Some(outcome);
    }
    let id: i64 = wanted.parse().ok()?;
    let mut with_id = outcomes
        .iter()
        .filter(|outcome| outcome.response_type_id == Some(id));
    match (with_id.next(), with_id.next()) {
        (Some(outcome), None) => Some(outcome),
        _ => None,
    }
}

/// Whether the page's example response is this outcome.
fn shows(example: &Value, outcome: &DocumentedOutcome) -> bool {
    let status = example.get("status").and_then(Value::as_i64).unwrap_or(0);
    let id = example.get("response_type_id").and_then(Value::as_i64);
    outcome.matches(status, id)
}
