//! An endpoint's documented outcomes, merged from the three places a page states
//! them: the envelopes it documents as results (`outcomes`), its `Response types`
//! table, and the HTTP-200 rows of its `Error scenarios` table.
//!
//! The generator makes one variant per outcome, the mock answers each on request, and
//! the changelog compares them, so the merge lives here, once, beside the facts.
//!
//! The rules, in order:
//! 1. Each documented envelope is an outcome that matches its exact `status`:
//!    a success when the status is 0, a next step otherwise.
//! 2. A response type joins the outcome with its id (taking its meaning and next
//!    step); without one it is an outcome of its own, matching any status, and a next
//!    step — or a refusal, when it links no next step and an error row lists it.
//! 3. An HTTP-200 error row with an id joins the outcome with that id unless that
//!    outcome is a success (status 0): the same id with a non-zero status is then a
//!    refusal of its own (Mobile OTP Verify documents 1632 both ways). A row without
//!    a matching outcome is a refusal matching any non-zero status — or a next step,
//!    when its words send the caller on ("proceed to", "pending", "required next"). Rows without an
//!    id cannot be told apart on the wire; they stay prose.

use crate::{Endpoint, ErrorScenario};

/// Which envelope `status` values an outcome covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusMatch {
    /// Exactly this status.
    Exactly(i64),
    /// Any status but 0 (a refusal whose status the page does not give).
    NonZero,
    /// Any status (a response type whose status the page does not give).
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OutcomeKind {
    /// The call did what it was for.
    Success,
    /// The call was accepted and the flow continues elsewhere (an OTP to validate, a
    /// sender to onboard).
    NextStep,
    /// Eko refused the call for a documented business reason.
    Refusal,
}

impl OutcomeKind {
    /// Lower-case name, as docs and the changelog print it.
    pub fn as_str(self) -> &'static str {
        match self {
            OutcomeKind::Success => "success",
            OutcomeKind::NextStep => "next step",
            OutcomeKind::Refusal => "refusal",
        }
    }
}

/// One documented outcome of an endpoint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentedOutcome {
    /// Stable kebab-case name within the endpoint, from its meaning, e.g.
    /// `validate-the-otp`; what the mock's outcome header takes.
    pub slug: String,
    /// The `response_type_id`, when documented.
    pub response_type_id: Option<i64>,
    /// The statuses it covers.
    pub status: StatusMatch,
    /// Success, next step or refusal.
    pub kind: OutcomeKind,
    /// What it means, in the page's words.
    pub meaning: String,
    /// The envelope `message` the page shows for it, if any.
    pub message: Option<String>,
    /// Further scenarios the page lists under the same id.
    pub scenarios: Vec<String>,
    /// The endpoint (doc slug) to call next, when the page links one.
    pub next: Option<String>,
}

impl DocumentedOutcome {
    /// Whether an envelope with `status` and `response_type_id` is this outcome. An
    /// envelope without an id matches by exact status only.
    pub fn matches(&self, status: i64, response_type_id: Option<i64>) -> bool {
        match (self.response_type_id, response_type_id) {
            (Some(expected), Some(got)) => expected == got && self.status.covers(status),
            (None, _) | (Some(_), None) => self.status == StatusMatch::Exactly(status),
        }
    }
}

/// The slug reserved for the catch-all variant.
pub const OTHER_SLUG: &str = "other";

impl Endpoint {
    /// Every documented outcome, in page order: documented envelopes, then response
    /// types, then error rows.
    pub fn documented_outcomes(&self) -> Vec<DocumentedOutcome> {
        let mut merged: Vec<DocumentedOutcome> = self
            .outcomes
            .iter()
            .map(|outcome| DocumentedOutcome {
                slug: String::new(),
                response_type_id: outcome.response_type_id,
                status: StatusMatch::Exactly(outcome.status),
                kind: if outcome.status == 0 {
                    OutcomeKind::Success
                } else {
                    OutcomeKind::NextStep
                },
                meaning: outcome.message.clone(),
                message: Some(outcome.message.clone()),
                scenarios: Vec::new(),
                next: None,
            })
            .collect();
        for response_type in &self.response_types {
            let id = Some(response_type.id);
            match merged.iter_mut().find(|known| known.response_type_id == id) {
                Some(known) => {
                    known.meaning = response_type.meaning.clone();
                    known.next = response_type.next.clone();
                }
                None => merged.push(DocumentedOutcome {
                    slug: String::new(),
                    response_type_id: id,
                    status: StatusMatch::Any,
                    kind: OutcomeKind::NextStep,
                    meaning: response_type.meaning.clone(),
                    message: None,
                    scenarios: Vec::new(),
                    next: response_type.next.clone(),
                }),
            }
        }
        for error in self.errors.iter().filter(|error| error.http_status == 200) {
            let Some(id) = error.response_type_id else {
                continue;
            };
            let joins = |known: &&mut DocumentedOutcome| {
                known.response_type_id == Some(id) && known.status != StatusMatch::Exactly(0)
            };
            match merged.iter_mut().find(joins) {
                Some(known) => {
                    // A response type that leads nowhere and that the error table
                    // lists too is a refusal ("Transaction Fail").
                    if known.kind == OutcomeKind::NextStep && known.next.is_none() {
                        known.kind = OutcomeKind::Refusal;
                    }
                    known.scenarios.push(error.scenario.clone());
                }
                None => merged.push(refusal(id, error)),
            }
        }
        name_outcomes(&mut merged);
        merged
    }

    /// The documented outcome an envelope with `status` and `response_type_id` is, if any.
    pub fn outcome_of(
        &self,
        status: i64,
        response_type_id: Option<i64>,
    ) -> Option<DocumentedOutcome> {
        self.documented_outcomes()
            .into_iter()
            .find(|outcome| outcome.matches(status, response_type_id))
    }
}

fn refusal(id: i64, error: &ErrorScenario) -> DocumentedOutcome {
    DocumentedOutcome {
        slug: String::new(),
        response_type_id: Some(id),
        status: StatusMatch::NonZero,
        kind: if points_onward(&error.scenario) {
            OutcomeKind::NextStep
        } else {
            OutcomeKind::Refusal
        },
        meaning: error.scenario.clone(),
        message: None,
        scenarios: Vec::new(),
        next: None,
    }
}

/// Whether an error row's words send the caller on rather than refuse: Eko lists
/// "Customer not enrolled — proceed to Onboard Customer" and "Aadhaar validated — PAN
/// required next" among its errors, but a flow continues from them.
fn points_onward(scenario: &str) -> bool {
    let scenario = scenario.to_ascii_lowercase();
    ["proceed to", "pending", "required next", "next step"]
        .iter()
        .any(|phrase| scenario.contains(phrase))
}

/// Gives each outcome a slug from its meaning, unique within the endpoint.
fn name_outcomes(outcomes: &mut [DocumentedOutcome]) {
    let mut taken: Vec<String> = vec![OTHER_SLUG.to_owned()];
    for outcome in outcomes.iter_mut() {
        let mut slug = slug_of(&outcome.meaning);
        if slug.is_empty() {
            slug = match outcome.kind {
                OutcomeKind::Success => "success",
                OutcomeKind::NextStep => "next-step",
                OutcomeKind::Refusal => "refused",
            }
            .to_owned();
        } else if slug.starts_with(|c: char| c.is_ascii_digit()) {
            slug = format!("outcome-{slug}");
        }
        if taken.contains(&slug) {
            let suffix = match (outcome.response_type_id, outcome.kind) {
                (Some(id), OutcomeKind::Refusal) => format!("refused-{}", id.unsigned_abs()),
                (Some(id), _) => id.unsigned_abs().to_string(),
                (None, _) => "status".to_owned(),
            };
            slug = format!("{slug}-{suffix}");
        }
        let base = slug.clone();
        let mut counter = 2;
        while taken.contains(&slug) {
            slug = format!("{base}-{counter}");
            counter += 1;
        }
        taken.push(slug.clone());
        outcome.slug = slug;
    }
}

/// The words of a meaning before its first aside (` — `, `(`, `;`, `:`, `.`), at most
/// six, as lower-case ASCII joined by `-`.
fn slug_of(meaning: &str) -> String {
    let head = meaning
        .split(['—', '(', ';', ':', '.', '!'])
        .next()
        .unwrap_or_default();
    head.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_keep_the_head_of_the_meaning() {
        assert_eq!(slug_of("Validate the OTP"), "validate-the-otp");
        assert_eq!(
            slug_of("Sender found, Biometric eKYC pending"),
            "sender-found-biometric-ekyc-pending"
        );
        assert_eq!(
            slug_of("Token timed out (older than 5 minutes)"),
            "token-timed-out"
        );
        assert_eq!(
            slug_of("Alternate success — sender already exists"),
            "alternate-success"
        );
        assert_eq!(slug_of("Success!"), "success");
        assert_eq!(slug_of("—"), "");
    }

    #[test]
    fn value_lists_name_fields_at_any_depth() {
        let list = |field: &str| crate::ValueList {
            field: field.to_owned(),
            title: String::new(),
            description: None,
            label_field: None,
            values: Vec::new(),
        };
        assert!(list("service_status_list[].status").applies_to("service_status_list.status"));
        assert!(list("verification_status").applies_to("service_status_list.verification_status"));
        assert!(!list("service_status_list.status").applies_to("status"));
        assert!(!list("status").applies_to("status_desc"));
    }

    #[test]
    fn status_matching() {
        assert!(StatusMatch::NonZero.covers(7) && !StatusMatch::NonZero.covers(0));
        assert!(StatusMatch::Any.covers(0) && StatusMatch::Exactly(3).covers(3));
    }
}
