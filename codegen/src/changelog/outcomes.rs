//! Documented outcomes, response types and error scenarios of one endpoint.
//!
//! None of these change a Rust signature. Outcomes decide at runtime whether a
//! response is `Ok` or `Error::Api` (`EndpointMeta::is_success`), so they are
//! behaviour changes; response types and error scenarios only document.

use super::{Impact, OutcomeChange};
use eko_spec::Endpoint;
use std::collections::BTreeMap;

/// The changes between two versions of an endpoint, with their impact.
pub(super) fn diff(before: &Endpoint, after: &Endpoint) -> Vec<(Impact, OutcomeChange)> {
    let mut changes = Vec::new();
    let (added, removed) = keyed_diff(outcomes(before), outcomes(after));
    changes.extend(added.map(|o| (Impact::Behaviour, OutcomeChange::Added(o.clone()))));
    changes.extend(removed.map(|o| (Impact::Behaviour, OutcomeChange::Removed(o.clone()))));
    let (added, removed) = keyed_diff(response_types(before), response_types(after));
    changes.extend(added.map(|t| (Impact::Info, OutcomeChange::ResponseTypeAdded(t.clone()))));
    changes.extend(removed.map(|t| (Impact::Info, OutcomeChange::ResponseTypeRemoved(t.clone()))));
    let (added, removed) = keyed_diff(errors(before), errors(after));
    changes.extend(added.map(|(response_type_id, scenario)| {
        let scenario = scenario.to_owned();
        let kind = OutcomeChange::ErrorTypeAdded {
            response_type_id,
            scenario,
        };
        (Impact::Info, kind)
    }));
    changes.extend(removed.map(|(response_type_id, scenario)| {
        let scenario = scenario.to_owned();
        let kind = OutcomeChange::ErrorTypeRemoved {
            response_type_id,
            scenario,
        };
        (Impact::Info, kind)
    }));
    changes
}

/// The values whose key only `new` has, then those whose key only `old` has.
fn keyed_diff<K: Ord, V>(
    old: BTreeMap<K, V>,
    mut new: BTreeMap<K, V>,
) -> (impl Iterator<Item = V>, impl Iterator<Item = V>) {
    let mut removed = Vec::new();
    for (key, value) in old {
        if new.remove(&key).is_none() {
            removed.push(value);
        }
    }
    (new.into_values(), removed.into_iter())
}

/// Keyed as the runtime matches them: by `status` and `response_type_id`.
fn outcomes(endpoint: &Endpoint) -> BTreeMap<(i64, Option<i64>), &eko_spec::Outcome> {
    endpoint
        .outcomes
        .iter()
        .map(|outcome| ((outcome.status, outcome.response_type_id), outcome))
        .collect()
}

fn response_types(endpoint: &Endpoint) -> BTreeMap<i64, &eko_spec::ResponseType> {
    endpoint
        .response_types
        .iter()
        .map(|response_type| (response_type.id, response_type))
        .collect()
}

/// Error scenarios that name a `response_type_id`, keyed by it (the first scenario
/// of an id stands for the rest).
fn errors(endpoint: &Endpoint) -> BTreeMap<i64, (i64, &str)> {
    let mut errors = BTreeMap::new();
    for error in &endpoint.errors {
        if let Some(id) = error.response_type_id {
            errors.entry(id).or_insert((id, error.scenario.as_str()));
        }
    }
    errors
}
