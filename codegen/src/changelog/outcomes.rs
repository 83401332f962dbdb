//! The outcome enum of one endpoint: its variants are API.
//!
//! Each documented outcome is a variant of a `#[non_exhaustive]` enum, so a new one
//! is additive (callers already have a catch-all arm) and a vanished one is breaking
//! (a `match` naming it stops compiling; such answers now arrive as `Other`). A
//! variant whose matching or kind changed keeps compiling but answers differently;
//! a changed meaning or next step is only documentation. Error rows without a
//! `response_type_id` cannot be matched on the wire and are listed as notes.

use super::{Impact, OutcomeChange};
use crate::ir::{EndpointIr, OutcomeEnumIr, OutcomeVariantIr};
use std::collections::BTreeMap;

/// The changes between two versions of an endpoint, with their impact.
pub(super) fn diff(before: &EndpointIr, after: &EndpointIr) -> Vec<(Impact, OutcomeChange)> {
    let (Some(old), Some(new)) = (&before.outcome, &after.outcome) else {
        return Vec::new();
    };
    let mut changes = Vec::new();
    let old_variants = by_name(&old.variants);
    let mut new_variants = by_name(&new.variants);
    for (name, previous) in old_variants {
        match new_variants.remove(name) {
            None => changes.push((
                Impact::Breaking,
                OutcomeChange::VariantRemoved {
                    enum_name: new.name.clone(),
                    variant: Box::new(previous.clone()),
                },
            )),
            Some(current) => changes.extend(changed(&new.name, previous, current)),
        }
    }
    changes.extend(new_variants.into_values().map(|current| {
        (
            Impact::Additive,
            OutcomeChange::VariantAdded {
                enum_name: new.name.clone(),
                variant: Box::new(current.clone()),
            },
        )
    }));
    let (added, removed) = unidentified(old, new);
    changes.extend(
        added
            .into_iter()
            .map(|scenario| (Impact::Info, OutcomeChange::UnidentifiedAdded(scenario))),
    );
    changes.extend(
        removed
            .into_iter()
            .map(|scenario| (Impact::Info, OutcomeChange::UnidentifiedRemoved(scenario))),
    );
    changes
}

fn by_name(variants: &[OutcomeVariantIr]) -> BTreeMap<&str, &OutcomeVariantIr> {
    variants
        .iter()
        .map(|variant| (variant.name.as_str(), variant))
        .collect()
}

/// A variant kept under its name: what now arrives in it, and what it means.
fn changed(
    enum_name: &str,
    before: &OutcomeVariantIr,
    after: &OutcomeVariantIr,
) -> Option<(Impact, OutcomeChange)> {
    let (old, new) = (&before.outcome, &after.outcome);
    let impact = if (old.status, old.response_type_id, old.kind)
        != (new.status, new.response_type_id, new.kind)
    {
        Impact::Behaviour
    } else if (&old.meaning, &old.next, &old.scenarios) != (&new.meaning, &new.next, &new.scenarios)
    {
        Impact::Info
    } else {
        return None;
    };
    Some((
        impact,
        OutcomeChange::VariantChanged {
            enum_name: enum_name.to_owned(),
            before: Box::new(before.clone()),
            after: Box::new(after.clone()),
        },
    ))
}

/// HTTP-200 error rows without a `response_type_id`: added, then removed.
fn unidentified(old: &OutcomeEnumIr, new: &OutcomeEnumIr) -> (Vec<String>, Vec<String>) {
    let (old, new) = (&old.unidentified, &new.unidentified);
    let added = new
        .iter()
        .filter(|row| !old.contains(row))
        .cloned()
        .collect();
    let removed = old
        .iter()
        .filter(|row| !new.contains(row))
        .cloned()
        .collect();
    (added, removed)
}
