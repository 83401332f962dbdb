//! The documentation of an endpoint's `Client` method: what it does, where it goes,
//! what it can answer and which errors the page documents.

use super::OutcomeEnumIr;
use crate::docs;
use eko_spec::{Endpoint, Type};

/// A method's doc lines, around the example request the emitter prints between them.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodDocsIr {
    /// Summary, deprecation, route, outcomes and documented errors.
    pub head: Vec<String>,
    /// What follows the example: how the body travels, where that needs saying.
    pub tail: Vec<String>,
}

pub(super) fn lower(
    endpoint: &Endpoint,
    outcome: Option<&OutcomeEnumIr>,
    deprecated: Option<&str>,
) -> MethodDocsIr {
    let mut paragraphs = vec![format!("{}: {}", endpoint.name, endpoint.summary)];
    paragraphs.extend(endpoint.description.clone());
    let mut head = docs::lines(paragraphs.iter().map(String::as_str));
    if let Some(note) = deprecated {
        head.push(String::new());
        head.push(format!(" **Deprecated:** {}", docs::escape(note)));
    }
    head.push(String::new());
    head.push(format!(
        " `{} {}` ([Eko docs](<{}>))",
        endpoint.method.as_str(),
        endpoint.path,
        endpoint.source.url
    ));
    if let Some(outcome) = outcome {
        head.push(String::new());
        head.push(" # Outcomes".into());
        head.push(String::new());
        head.push(format!(
            " Answers with [`{0}`]: one variant per documented outcome, `Other` for the rest.",
            outcome.name
        ));
        head.push(String::new());
        for variant in &outcome.variants {
            head.push(format!(
                " - [`{0}::{1}`] — {2}",
                outcome.name,
                variant.name,
                variant.docs.first().map_or("", |line| line.trim_start())
            ));
        }
    }
    if !endpoint.errors.is_empty() {
        head.push(String::new());
        head.push(" # Documented error scenarios".into());
        head.push(String::new());
        for error in &endpoint.errors {
            head.push(format!(
                " - HTTP {}: {}",
                error.http_status,
                docs::escape(&error.scenario)
            ));
        }
    }
    let mut tail = Vec::new();
    if endpoint.params.iter().any(|param| param.ty == Type::File) {
        tail.push(String::new());
        tail.push(" Sent as `multipart/form-data`: the JSON of the other fields in a part named `form-data`, then one part per file.".into());
    }
    MethodDocsIr { head, tail }
}
