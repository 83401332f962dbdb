//! Cargo features: one per product group (`Ir::features`).

use super::{Change, ChangeKind, FeatureChange, Impact};
use crate::ir::Ir;
use std::collections::BTreeSet;

/// Features added (additive) and removed (breaking: `features = [...]` stops resolving).
pub(super) fn diff(before: &Ir, after: &Ir) -> Vec<Change> {
    let old = ids(before);
    let new = ids(after);
    let added = new
        .difference(&old)
        .map(|id| feature(id, FeatureChange::Added));
    let removed = old
        .difference(&new)
        .map(|id| feature(id, FeatureChange::Removed));
    added.chain(removed).collect()
}

fn ids(ir: &Ir) -> BTreeSet<&str> {
    ir.features.iter().map(String::as_str).collect()
}

fn feature(id: &str, change: FeatureChange) -> Change {
    let impact = match change {
        FeatureChange::Added => Impact::Additive,
        FeatureChange::Removed => Impact::Breaking,
    };
    Change {
        impact,
        group: id.to_owned(),
        endpoint: None,
        kind: ChangeKind::Feature(change),
    }
}
