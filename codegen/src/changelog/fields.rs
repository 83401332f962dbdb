//! Field-level differences between two versions of an endpoint's generated structs.
//!
//! Fields are matched by Rust name, because that is what callers write: a wire name
//! that changes but maps to the same Rust name is no API change. Nested structs are
//! followed through the fields whose type they are, so a change deep in a request is
//! reported with its path (`address.line1`) and the struct it is in.

use super::{FieldChange, FieldWhat};
use crate::ir::{EndpointIr, FieldIr, RustType, Side, StructIr};
use crate::names;

/// The field changes from `before` to `after` (the same endpoint, or its former and
/// new id after a rename), request struct first.
pub(super) fn diff(before: &EndpointIr, after: &EndpointIr) -> Vec<FieldChange> {
    let trees = Trees {
        before,
        after,
        old_prefix: names::type_name(&[&before.id]),
        new_prefix: names::type_name(&[&after.id]),
    };
    let mut changes = Vec::new();
    if let (Some(old), Some(new)) = (&before.request, &after.request) {
        trees.structs(old, new, "", &mut changes);
    }
    trees.structs(&before.data, &after.data, "", &mut changes);
    changes
}

/// The two endpoints whose structs are compared, with the type-name prefixes of their
/// ids: after a rename every generated name changes prefix, and the old names become
/// aliases of the new ones, so `OldIdAddress` and `NewIdAddress` are the same type.
struct Trees<'a> {
    before: &'a EndpointIr,
    after: &'a EndpointIr,
    old_prefix: String,
    new_prefix: String,
}

/// How two field types compare.
enum Compared<'a> {
    Same,
    Retyped,
    /// The same generated struct (modulo a rename), to be compared field by field.
    Nested(&'a str, &'a str),
}

impl Trees<'_> {
    fn structs(&self, old: &StructIr, new: &StructIr, prefix: &str, out: &mut Vec<FieldChange>) {
        let at = |name: &str| format!("{prefix}{name}");
        let (old_extra, new_extra) = (old.extra_field_name(), new.extra_field_name());
        if new.side == Side::Response && old_extra != new_extra {
            let what = FieldWhat::ExtraRenamed {
                before: old_extra.to_owned(),
                after: new_extra.to_owned(),
            };
            out.push(change(new, at(new_extra), what));
        }
        for field in &old.fields {
            match find(new, &field.rust) {
                Some(current) => self.field(new, field, current, &at(&field.rust), out),
                None => {
                    let what = FieldWhat::Removed {
                        ty: field.ty.clone(),
                        required: field.required,
                    };
                    out.push(change(new, at(&field.rust), what));
                }
            }
        }
        for field in new.fields.iter().filter(|f| find(old, &f.rust).is_none()) {
            let what = FieldWhat::Added {
                ty: field.ty.clone(),
                required: field.required,
            };
            out.push(change(new, at(&field.rust), what));
        }
    }

    /// A field present on both sides, in struct `owner`.
    fn field(
        &self,
        owner: &StructIr,
        old: &FieldIr,
        new: &FieldIr,
        path: &str,
        out: &mut Vec<FieldChange>,
    ) {
        let ty = new.ty.clone();
        match (old.required, new.required) {
            (false, true) => out.push(change(
                owner,
                path.to_owned(),
                FieldWhat::MadeRequired { ty },
            )),
            (true, false) => out.push(change(
                owner,
                path.to_owned(),
                FieldWhat::MadeOptional { ty },
            )),
            _ => {}
        }
        match self.compare(&old.ty, &new.ty) {
            Compared::Same => {}
            Compared::Retyped => {
                let what = FieldWhat::Retyped {
                    before: old.ty.clone(),
                    after: new.ty.clone(),
                };
                out.push(change(owner, path.to_owned(), what));
            }
            Compared::Nested(old_name, new_name) => {
                let nested = (
                    find_struct(self.before, old_name),
                    find_struct(self.after, new_name),
                );
                if let (Some(old), Some(new)) = nested {
                    self.structs(old, new, &format!("{path}."), out);
                }
            }
        }
    }

    fn compare<'t>(&self, old: &'t RustType, new: &'t RustType) -> Compared<'t> {
        match (old, new) {
            (RustType::Vec(old), RustType::Vec(new)) => self.compare(old, new),
            (RustType::Named(old), RustType::Named(new)) if self.same_name(old, new) => {
                Compared::Nested(old, new)
            }
            _ if old == new => Compared::Same,
            _ => Compared::Retyped,
        }
    }

    fn same_name(&self, old: &str, new: &str) -> bool {
        old == new
            || old
                .strip_prefix(&self.old_prefix)
                .zip(new.strip_prefix(&self.new_prefix))
                .is_some_and(|(old_rest, new_rest)| old_rest == new_rest)
    }
}

fn change(owner: &StructIr, path: String, what: FieldWhat) -> FieldChange {
    FieldChange {
        side: owner.side,
        owner: owner.name.clone(),
        path,
        what,
    }
}

fn find<'s>(item: &'s StructIr, rust: &str) -> Option<&'s FieldIr> {
    item.fields.iter().find(|field| field.rust == rust)
}

fn find_struct<'e>(endpoint: &'e EndpointIr, name: &str) -> Option<&'e StructIr> {
    endpoint.nested.iter().find(|item| item.name == name)
}
