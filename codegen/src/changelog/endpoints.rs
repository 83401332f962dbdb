//! Endpoint-level differences: which endpoints were added, deprecated, renamed, moved
//! or deleted, and the field and outcome changes of those present on both sides.

use super::items::{self, Item};
use super::{Change, ChangeKind, EndpointChange, Impact, Surface, fields, outcomes};
use crate::ir::{EndpointIr, Ir};
use eko_spec::EndpointKind;
use std::collections::{BTreeMap, BTreeSet};

/// Every endpoint change from `before` to `after`, unsorted.
pub(super) fn diff(before: &Ir, after: &Ir, surface: Surface) -> Vec<Change> {
    let old = index(before);
    let new = index(after);
    let context = Context {
        resolvable: items::resolvable(after),
        surface,
    };
    let mut changes = Vec::new();
    let mut renamed = BTreeSet::new();
    for (id, current) in &new {
        if let Some(previous) = old.get(id) {
            context.same_id(previous, current, &mut changes);
        } else if let Some(previous) = renamed_from(current, &old, &new) {
            renamed.insert(previous.id.as_str());
            context.renamed(previous, current, &mut changes);
        } else {
            changes.push(added(current));
        }
    }
    for (id, previous) in &old {
        if !new.contains_key(id) && !renamed.contains(id) {
            changes.push(deleted(previous));
        }
    }
    changes.extend(dropped_aliases(before, &context.resolvable));
    changes
}

/// Former names that the previous release kept as deprecated aliases and this one no
/// longer does (e.g. pruned): breaking, like any name that stops resolving.
fn dropped_aliases(before: &Ir, resolvable: &BTreeSet<Item>) -> Vec<Change> {
    let mut changes = Vec::new();
    for module in &before.modules {
        for alias in &module.aliases {
            let items = items::unresolved(&items::alias_items(&module.id, alias), resolvable);
            if items.is_empty() {
                continue;
            }
            changes.push(Change {
                impact: Impact::Breaking,
                group: module.id.clone(),
                endpoint: Some(alias.target_id.clone()),
                kind: ChangeKind::Endpoint(EndpointChange::AliasDropped {
                    from: alias.id.clone(),
                    items,
                }),
            });
        }
    }
    changes
}

fn index(ir: &Ir) -> BTreeMap<&str, &EndpointIr> {
    ir.modules
        .iter()
        .flat_map(|module| &module.endpoints)
        .map(|endpoint| (endpoint.id.as_str(), endpoint))
        .collect()
}

/// The endpoint `current` was renamed from in this import: one of its aliases that
/// existed before and no longer exists under its own id.
fn renamed_from<'a>(
    current: &EndpointIr,
    old: &BTreeMap<&str, &'a EndpointIr>,
    new: &BTreeMap<&str, &EndpointIr>,
) -> Option<&'a EndpointIr> {
    current
        .renamed_from
        .iter()
        .filter(|id| !new.contains_key(id.as_str()))
        .find_map(|id| old.get(id.as_str()).copied())
}

fn added(current: &EndpointIr) -> Change {
    let client_method = (current.kind == EndpointKind::Call).then(|| current.client_method.clone());
    let kind = EndpointChange::Added {
        kind: current.kind,
        client_method,
        data_type: current.data.name.clone(),
        method: current.method,
        path: current.path.clone(),
    };
    change(current, Impact::Additive, kind)
}

fn change(endpoint: &EndpointIr, impact: Impact, kind: impl Into<ChangeKind>) -> Change {
    Change {
        impact,
        group: endpoint.group.clone(),
        endpoint: Some(endpoint.id.clone()),
        kind: kind.into(),
    }
}

fn deleted(previous: &EndpointIr) -> Change {
    let items = items::texts(&items::top_level(previous));
    change(
        previous,
        Impact::Breaking,
        EndpointChange::Deleted { items },
    )
}

/// Breaking when any former name no longer resolves.
fn breaking_if_any(unresolved: &[String]) -> Impact {
    if unresolved.is_empty() {
        Impact::Additive
    } else {
        Impact::Breaking
    }
}

/// What every comparison needs: the names the new crate resolves, and the surface rules.
struct Context {
    resolvable: BTreeSet<Item>,
    surface: Surface,
}

impl Context {
    fn unresolved(&self, previous: &EndpointIr) -> Vec<String> {
        items::unresolved(&items::top_level(previous), &self.resolvable)
    }

    fn same_id(&self, previous: &EndpointIr, current: &EndpointIr, out: &mut Vec<Change>) {
        // One former name can only break once: a move reports it, a kind change then
        // reports what is left.
        let mut unresolved = self.unresolved(previous);
        if previous.group != current.group {
            let unresolved = std::mem::take(&mut unresolved);
            let impact = breaking_if_any(&unresolved);
            let kind = EndpointChange::Moved {
                from_group: previous.group.clone(),
                unresolved,
            };
            out.push(change(current, impact, kind));
        }
        if previous.kind != current.kind {
            let impact = breaking_if_any(&unresolved);
            let kind = EndpointChange::KindChanged {
                before: previous.kind,
                after: current.kind,
                unresolved,
            };
            out.push(change(current, impact, kind));
        }
        self.common(previous, current, out);
    }

    fn renamed(&self, previous: &EndpointIr, current: &EndpointIr, out: &mut Vec<Change>) {
        let unresolved = self.unresolved(previous);
        let impact = breaking_if_any(&unresolved);
        let kind = EndpointChange::Renamed {
            from: previous.id.clone(),
            old_items: items::texts(&items::top_level(previous)),
            unresolved,
        };
        out.push(change(current, impact, kind));
        self.common(previous, current, out);
    }

    /// Lifecycle, route, fields and outcomes: compared alike for a kept and a renamed endpoint.
    fn common(&self, previous: &EndpointIr, current: &EndpointIr, out: &mut Vec<Change>) {
        out.extend(lifecycle(previous, current));
        out.extend(route(previous, current));
        for field in fields::diff(previous, current) {
            let impact = self.surface.field_impact(&field);
            out.push(change(current, impact, field));
        }
        for (impact, kind) in outcomes::diff(previous, current) {
            out.push(change(current, impact, kind));
        }
    }
}

/// A deprecation (or its reversal) is additive: `#[deprecated]` only warns.
fn lifecycle(previous: &EndpointIr, current: &EndpointIr) -> Option<Change> {
    let kept = kept_name(current);
    let kind = match (&previous.removed, &current.removed) {
        (None, Some(removed_in)) => EndpointChange::Deprecated {
            removed_in: removed_in.clone(),
            kept,
        },
        (Some(_), None) => EndpointChange::Restored { kept },
        _ => return None,
    };
    Some(change(current, Impact::Additive, kind))
}

/// What callers use of an endpoint: the client method of a call, the payload of a webhook.
fn kept_name(endpoint: &EndpointIr) -> String {
    match endpoint.kind {
        EndpointKind::Call => format!("Client::{}", endpoint.client_method),
        EndpointKind::Webhook => endpoint.data.name.clone(),
    }
}

fn route(previous: &EndpointIr, current: &EndpointIr) -> Option<Change> {
    let (before, after) = (route_text(previous), route_text(current));
    (before != after).then(|| {
        change(
            current,
            Impact::Info,
            EndpointChange::RouteChanged { before, after },
        )
    })
}

fn route_text(endpoint: &EndpointIr) -> String {
    format!("{} {}", endpoint.method.as_str(), endpoint.path)
}
