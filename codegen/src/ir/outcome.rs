//! The outcome enum of an endpoint: one variant per documented outcome (merged by
//! [`eko_spec::Endpoint::documented_outcomes`]), plus the catch-all.

use crate::{docs, names};
use eko_spec::{DocumentedOutcome, Endpoint, OutcomeKind, StatusMatch};
use heck::ToUpperCamelCase;
use std::collections::BTreeMap;

/// The name of the catch-all variant.
pub const OTHER_VARIANT: &str = "Other";

/// An endpoint's outcome enum.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeEnumIr {
    /// Type name, e.g. `OnboardCustomerOutcome`.
    pub name: String,
    /// Doc lines (already escaped).
    pub docs: Vec<String>,
    /// One per documented outcome, in the order of the runtime's outcome table.
    pub variants: Vec<OutcomeVariantIr>,
    /// Doc lines of the catch-all variant.
    pub other_docs: Vec<String>,
    /// The scenarios of HTTP-200 error rows without a `response_type_id`: answers
    /// that cannot be told apart on the wire, so they arrive as the catch-all.
    pub unidentified: Vec<String>,
}

/// One documented outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeVariantIr {
    /// Variant name, e.g. `ValidateTheOtp`.
    pub name: String,
    /// Doc lines (already escaped).
    pub docs: Vec<String>,
    /// The facts the runtime's table holds.
    pub outcome: DocumentedOutcome,
}

/// The client method of each endpoint that has one, by id: where "next step" links lead.
pub type NextMethods = BTreeMap<String, String>;

/// Lowers the outcomes of a call endpoint.
pub fn lower(endpoint: &Endpoint, next_methods: &NextMethods) -> OutcomeEnumIr {
    let method = names::method_name(&endpoint.id);
    let variants: Vec<OutcomeVariantIr> = endpoint
        .documented_outcomes()
        .into_iter()
        .map(|outcome| OutcomeVariantIr {
            name: variant_name(&outcome.slug),
            docs: variant_docs(&outcome, next_methods),
            outcome,
        })
        .collect();
    let mut lines = vec![
        format!(
            " What [`Client::{method}`](crate::Client::{method}) can answer: one variant per outcome Eko documents for {}, and [`{OTHER_VARIANT}`](Self::{OTHER_VARIANT}) for anything else.",
            docs::escape(&endpoint.name)
        ),
        String::new(),
        " New documented outcomes become new variants, so the enum is `#[non_exhaustive]`: keep a catch-all arm. [`crate::Outcome`] reads what every variant has, and [`crate::Outcome::into_result`] turns refusals into errors for `?`.".to_owned(),
    ];
    let unidentified: Vec<String> = endpoint
        .errors
        .iter()
        .filter(|error| error.http_status == 200 && error.response_type_id.is_none())
        .map(|error| error.scenario.clone())
        .collect();
    if !unidentified.is_empty() {
        lines.push(String::new());
        lines.push(
            " The docs also list answers without a `response_type_id`; they arrive as `Other`:"
                .to_owned(),
        );
        lines.push(String::new());
        lines.extend(
            unidentified
                .iter()
                .map(|scenario| format!(" - {}", docs::escape(scenario))),
        );
    }
    OutcomeEnumIr {
        name: names::type_name(&[&endpoint.id, "outcome"]),
        docs: lines,
        variants,
        other_docs: vec![
            " An answer the docs do not list for this endpoint: everything Eko sent, with `data` undecoded.".to_owned(),
        ],
        unidentified,
    }
}

/// `validate-the-otp` → `ValidateTheOtp`.
fn variant_name(slug: &str) -> String {
    slug.to_upper_camel_case()
}

fn variant_docs(outcome: &DocumentedOutcome, next_methods: &NextMethods) -> Vec<String> {
    let mut lines = vec![format!(" {}", docs::escape(&outcome.meaning))];
    lines.push(String::new());
    let status = match outcome.status {
        StatusMatch::Exactly(status) => format!("`status` {status}"),
        StatusMatch::NonZero => "a non-zero `status`".to_owned(),
        StatusMatch::Any => "any `status`".to_owned(),
    };
    let id = outcome
        .response_type_id
        .map(|id| format!(" with `response_type_id` {id}"))
        .unwrap_or_default();
    lines.push(format!(" A {} ({status}{id}).", outcome.kind.as_str()));
    if let Some(message) = outcome
        .message
        .as_ref()
        .filter(|message| **message != outcome.meaning)
    {
        lines.push(format!(" Eko's message: \"{}\".", docs::escape(message)));
    }
    for scenario in &outcome.scenarios {
        lines.push(format!(
            " Also documented as: {}.",
            docs::escape(scenario.trim_end_matches('.'))
        ));
    }
    if let Some(next) = &outcome.next {
        lines.push(String::new());
        lines.push(match next_methods.get(next) {
            Some(method) => format!(" Next: [`Client::{method}`](crate::Client::{method})."),
            None => format!(" Next: Eko's `{next}` page."),
        });
    }
    if outcome.kind == OutcomeKind::Refusal {
        lines.push(String::new());
        lines
            .push(" [`crate::Outcome::into_result`] makes it an [`crate::Error::Api`].".to_owned());
    }
    lines
}
