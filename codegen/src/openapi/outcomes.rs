//! Documented outcomes in the export: a table per endpoint (`x-eko-outcomes`), and the
//! envelope's `response_type_id` described value by value.
//!
//! The envelope stays open: an id the docs do not list is still a valid answer (the
//! generated client reads it as `Other`), so the documented ids are `anyOf` branches
//! with a description each, beside a catch-all branch.

use eko_spec::{DocumentedOutcome, Endpoint, StatusMatch};
use serde_json::{Map, Value, json};

/// The endpoint's outcomes, in page order: name (the generated variant and the mock's
/// selector), `response_type_id`, which `status` values it covers, kind, meaning, and
/// the operation to call next.
pub fn table(endpoint: &Endpoint) -> Value {
    Value::Array(endpoint.documented_outcomes().iter().map(entry).collect())
}

fn entry(outcome: &DocumentedOutcome) -> Value {
    let mut entry = Map::new();
    entry.insert("name".into(), Value::String(outcome.slug.clone()));
    if let Some(id) = outcome.response_type_id {
        entry.insert("response_type_id".into(), Value::from(id));
    }
    entry.insert("status".into(), status(outcome.status));
    entry.insert(
        "kind".into(),
        Value::String(outcome.kind.as_str().replace(' ', "-")),
    );
    entry.insert("meaning".into(), Value::String(outcome.meaning.clone()));
    if let Some(message) = &outcome.message {
        entry.insert("message".into(), Value::String(message.clone()));
    }
    if !outcome.scenarios.is_empty() {
        entry.insert("scenarios".into(), json!(outcome.scenarios));
    }
    if let Some(next) = &outcome.next {
        entry.insert("next".into(), Value::String(next.clone()));
    }
    Value::Object(entry)
}

/// `0`, `"non-zero"` or `"any"`.
fn status(status: StatusMatch) -> Value {
    match status {
        StatusMatch::Exactly(code) => Value::from(code),
        StatusMatch::NonZero => Value::from("non-zero"),
        StatusMatch::Any => Value::from("any"),
    }
}

/// The `response_type_id` of the endpoints answering at one operation: each
/// documented id with what it means, then any other id.
pub fn response_type_id(endpoints: &[&Endpoint], description: &str) -> Value {
    let mut branches: Vec<(i64, String)> = Vec::new();
    for endpoint in endpoints {
        for outcome in endpoint.documented_outcomes() {
            let Some(id) = outcome.response_type_id else {
                continue;
            };
            if branches.iter().any(|(known, _)| *known == id) {
                continue;
            }
            let mut text = format!(
                "{} ({}): {}",
                outcome.slug,
                outcome.kind.as_str(),
                outcome.meaning
            );
            if let Some(next) = &outcome.next {
                text.push_str(&format!(" Next: {next}."));
            }
            branches.push((id, text));
        }
    }
    let mut any_of: Vec<Value> = branches
        .into_iter()
        .map(|(id, text)| json!({ "const": id, "description": text }))
        .collect();
    let other = json!({
        "type": ["integer", "string", "null"],
        "description": "An id the docs do not list for this endpoint.",
    });
    if any_of.is_empty() {
        let mut schema = other;
        schema["description"] = description.into();
        return schema;
    }
    any_of.push(other);
    json!({ "description": description, "anyOf": any_of })
}
