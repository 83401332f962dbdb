//! One Markdown sentence per change, naming the Rust items a caller writes.

use super::{
    Change, ChangeKind, EndpointChange, FeatureChange, FieldChange, FieldWhat, Impact,
    OutcomeChange,
};
use crate::ir::{RustType, Side};
use eko_spec::{DocumentedOutcome, EndpointKind, StatusMatch};

/// The bullet text of a change (without the leading `- `): its impact in bold, then
/// what changed, e.g. ``**additive** `kyc-pan` added: `Client::kyc_pan` (`GET /pan`).``
pub fn line(change: &Change) -> String {
    let label = match change.impact {
        Impact::Breaking => "**breaking**",
        Impact::Additive => "**additive**",
        Impact::Behaviour => "**behaviour**",
        Impact::Info => "**no API change**",
    };
    let endpoint = change.endpoint.as_deref().unwrap_or_default();
    let text = match &change.kind {
        ChangeKind::Feature(feature) => feature_text(&change.group, *feature),
        ChangeKind::Endpoint(kind) => endpoint_text(endpoint, &change.group, kind),
        ChangeKind::Field(field) => format!("`{endpoint}`: {}", field_text(field, change.impact)),
        ChangeKind::Outcome(outcome) => format!("`{endpoint}`: {}", outcome_text(outcome)),
    };
    format!("{label} {text}")
}

/// A Rust type as the generated code spells it, without the `crate::` and
/// `serde_json::` paths: `Vec<OnboardUserAddress>`, `Number`, `Map<String, Value>`.
pub fn rust_type_name(ty: &RustType) -> String {
    match ty {
        RustType::String => "String".to_owned(),
        RustType::Number => "Number".to_owned(),
        RustType::Integer => "i64".to_owned(),
        RustType::Boolean => "bool".to_owned(),
        RustType::Vec(item) => format!("Vec<{}>", rust_type_name(item)),
        RustType::Named(name) | RustType::Enum(name) => name.clone(),
        RustType::Identifier(name) => (*name).to_owned(),
        RustType::Date => "Date".to_owned(),
        RustType::JsonMap => "Map<String, Value>".to_owned(),
        RustType::JsonValue => "Value".to_owned(),
        RustType::File => "FilePart".to_owned(),
    }
}

/// The declared type of an optional field (every response field is one), in backticks.
fn optional(ty: &RustType) -> String {
    format!("`Option<{}>`", rust_type_name(ty))
}

/// The type in backticks.
fn code(ty: &RustType) -> String {
    format!("`{}`", rust_type_name(ty))
}

fn feature_text(group: &str, change: FeatureChange) -> String {
    match change {
        FeatureChange::Added => format!("feature `{group}` added."),
        FeatureChange::Removed => {
            format!("feature `{group}` removed: `features = [\"{group}\"]` no longer resolves.")
        }
    }
}

fn endpoint_text(id: &str, group: &str, change: &EndpointChange) -> String {
    match change {
        EndpointChange::Added {
            kind,
            client_method,
            data_type,
            method,
            path,
        } => {
            let route = format!("`{} {path}`", method.as_str());
            match (kind, client_method) {
                (EndpointKind::Call, Some(client_method)) => {
                    format!("`{id}` added: `Client::{client_method}` ({route}).")
                }
                _ => format!("`{id}` added: webhook payload `{data_type}` ({route})."),
            }
        }
        EndpointChange::Deprecated { removed_in, kept } => format!(
            "`{id}` deprecated: Eko removed it in {removed_in}; `{kept}` stays, `#[deprecated]`."
        ),
        EndpointChange::Restored { kept } => {
            format!("`{id}` restored: back in Eko's docs; `{kept}` is no longer `#[deprecated]`.")
        }
        EndpointChange::Renamed {
            from,
            old_items,
            unresolved,
        } => {
            let old = list(old_items);
            if unresolved.is_empty() {
                format!(
                    "`{id}` renamed from `{from}`: the old names {old} stay as `#[deprecated]` aliases."
                )
            } else {
                format!(
                    "`{id}` renamed from `{from}`: of the old names {old}, {} no longer resolve.",
                    list(unresolved)
                )
            }
        }
        EndpointChange::AliasDropped { from, items } => format!(
            "`{id}`: the deprecated aliases of its former name `{from}` are gone: {} no longer resolve.",
            list(items)
        ),
        EndpointChange::Deleted { items } => format!(
            "`{id}` deleted from the spec (not renamed): {} are gone.",
            list(items)
        ),
        EndpointChange::Moved {
            from_group,
            unresolved,
        } => {
            let gone = gone(
                unresolved,
                "no longer resolve",
                "its former names still resolve",
            );
            format!(
                "`{id}` moved from group `{from_group}` to `{group}` (module and feature `{group}`): {gone}."
            )
        }
        EndpointChange::KindChanged {
            after, unresolved, ..
        } => match after {
            EndpointKind::Webhook => format!(
                "`{id}` is now a webhook (was a call): {}.",
                gone(unresolved, "are gone", "its former names still resolve")
            ),
            EndpointKind::Call => format!(
                "`{id}` is now a call (was a webhook): it gains a request type and a `Client` method."
            ),
        },
        EndpointChange::RouteChanged { before, after } => format!(
            "`{id}` moved on the wire: `{before}` → `{after}`; callers' requests go to the new route."
        ),
    }
}

fn gone(items: &[String], verb: &str, otherwise: &str) -> String {
    if items.is_empty() {
        otherwise.to_owned()
    } else {
        format!("{} {verb}", list(items))
    }
}

fn list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|item| format!("`{item}`")).collect();
    quoted.join(", ")
}

fn field_text(field: &FieldChange, impact: Impact) -> String {
    let FieldChange {
        side, owner, path, ..
    } = field;
    match &field.what {
        FieldWhat::Added { ty, required: true } if *side == Side::Request => format!(
            "required `{path}` ({}) added to `{owner}`: `{owner}::new` takes it as a new argument.",
            code(ty)
        ),
        FieldWhat::Added { ty, .. } => {
            let (kind, setter) = match side {
                Side::Request => ("optional ", ", with a setter"),
                Side::Response => ("", ""),
            };
            let why = if impact == Impact::Breaking {
                format!("; struct literals of `{owner}` must now name it")
            } else {
                String::new()
            };
            let ty = optional(ty);
            format!("{kind}`{path}` ({ty}) added to `{owner}`{setter}{why}.")
        }
        FieldWhat::Removed { ty, required: true } if *side == Side::Request => format!(
            "`{path}` ({}) removed from `{owner}`: `{owner}::new` loses that argument.",
            code(ty)
        ),
        FieldWhat::Removed { ty, .. } => {
            let setter = match side {
                Side::Request => ", with its setter",
                Side::Response => "",
            };
            let ty = optional(ty);
            format!("`{path}` ({ty}) removed from `{owner}`{setter}.")
        }
        FieldWhat::Retyped { before, after } => format!(
            "`{path}` retyped {} → {} (in `{owner}`).",
            code(before),
            code(after)
        ),
        FieldWhat::MadeRequired { ty } => format!(
            "`{path}` made required: `{owner}::new` takes it, the field is {} instead of {}, and its setter is gone.",
            code(ty),
            optional(ty)
        ),
        FieldWhat::MadeOptional { ty } => format!(
            "`{path}` made optional: `{owner}::new` no longer takes it; the field is {} instead of {}, with a setter.",
            optional(ty),
            code(ty)
        ),
        FieldWhat::ExtraRenamed { before, after } => format!(
            "the map of undocumented keys of `{owner}` is renamed `{before}` → `{after}`, because a documented field took or left the name `extra`."
        ),
    }
}

fn outcome_text(change: &OutcomeChange) -> String {
    match change {
        OutcomeChange::VariantAdded { enum_name, variant } => format!(
            "outcome `{enum_name}::{}` added ({}): such an answer arrived as `Other` before.",
            variant.name,
            outcome_facts(&variant.outcome)
        ),
        OutcomeChange::VariantRemoved { enum_name, variant } => format!(
            "outcome `{enum_name}::{}` removed ({}): such an answer now arrives as `Other`.",
            variant.name,
            outcome_facts(&variant.outcome)
        ),
        OutcomeChange::VariantChanged {
            enum_name,
            before,
            after,
        } => {
            let (old, new) = (&before.outcome, &after.outcome);
            let mut what = Vec::new();
            if (old.status, old.response_type_id, old.kind)
                != (new.status, new.response_type_id, new.kind)
            {
                what.push(format!(
                    "now {} (was {})",
                    outcome_facts(new),
                    outcome_facts(old)
                ));
            }
            if old.meaning != new.meaning {
                what.push(format!("means {}", quoted(&new.meaning)));
            }
            if old.next != new.next {
                what.push(match &new.next {
                    Some(next) => format!("leads to `{next}`"),
                    None => "no longer names a next step".to_owned(),
                });
            }
            if old.scenarios != new.scenarios {
                what.push("its listed scenarios changed".to_owned());
            }
            format!(
                "outcome `{enum_name}::{}`: {}.",
                after.name,
                what.join("; ")
            )
        }
        OutcomeChange::UnidentifiedAdded(scenario) => format!(
            "error scenario {} documented without a `response_type_id`; it arrives as `Other`.",
            quoted(scenario)
        ),
        OutcomeChange::UnidentifiedRemoved(scenario) => {
            format!("error scenario {} no longer documented.", quoted(scenario))
        }
    }
}

/// Kind, status and id of an outcome, as a changelog line states them.
fn outcome_facts(outcome: &DocumentedOutcome) -> String {
    let status = match outcome.status {
        StatusMatch::Exactly(status) => format!("`status` {status}"),
        StatusMatch::NonZero => "non-zero `status`".to_owned(),
        StatusMatch::Any => "any `status`".to_owned(),
    };
    let id = outcome
        .response_type_id
        .map(|id| format!(", `response_type_id` {id}"))
        .unwrap_or_default();
    format!("{}, {status}{id}", outcome.kind.as_str())
}

/// Doc prose inside a bullet: quoted, with the characters Markdown would interpret escaped.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}
