//! The `data` struct of a response (or a webhook's payload) and the structs of the
//! objects nested in it, built from the dotted response paths.

use super::types::{self, Typing};
use super::{FieldIr, Side, StructIr, ValueEnumIr, value_enum};
use crate::names;
use eko_spec::{Endpoint, EndpointKind, ResponseField, Type};

/// The `data` struct; nested objects become response-side structs pushed to `nested`.
pub(super) fn lower(
    endpoint: &Endpoint,
    enums: &[ValueEnumIr],
    nested: &mut Vec<StructIr>,
) -> StructIr {
    let tree = Tree::from_fields(&endpoint.response);
    let summary = match endpoint.kind {
        EndpointKind::Call => format!("Payload (`data`) of the {} response.", endpoint.name),
        EndpointKind::Webhook => {
            format!(
                "Payload of {}: Eko POSTs it to your callback URL.",
                endpoint.name
            )
        }
    };
    let fields = fields(&[&endpoint.id], &tree, enums, nested);
    StructIr {
        name: names::type_name(&[&endpoint.id, "data"]),
        docs: crate::docs::lines([
            summary.as_str(),
            "Every field is optional and read leniently (numbers may arrive as strings); keys the docs do not list are kept in the extra map.",
        ]),
        side: Side::Response,
        fields,
        deprecated: None,
    }
}

/// Response fields grouped by parent path.
struct Tree<'a> {
    field: Option<&'a ResponseField>,
    children: Vec<(String, Tree<'a>)>,
}

impl<'a> Tree<'a> {
    fn from_fields(fields: &'a [ResponseField]) -> Tree<'a> {
        let mut root = Tree {
            field: None,
            children: Vec::new(),
        };
        for field in fields {
            let segments: Vec<&str> = field.path.split('.').collect();
            root.insert(&segments, field);
        }
        root
    }

    fn insert(&mut self, segments: &[&str], field: &'a ResponseField) {
        let Some((first, rest)) = segments.split_first() else {
            return;
        };
        let position = self.children.iter().position(|(name, _)| name == first);
        let child = match position {
            Some(index) => &mut self.children[index].1,
            None => {
                self.children.push((
                    (*first).to_owned(),
                    Tree {
                        field: None,
                        children: Vec::new(),
                    },
                ));
                &mut self.children.last_mut().expect("just pushed").1
            }
        };
        if rest.is_empty() {
            child.field = Some(field);
        } else {
            child.insert(rest, field);
        }
    }
}

fn fields(
    path: &[&str],
    tree: &Tree<'_>,
    enums: &[ValueEnumIr],
    nested: &mut Vec<StructIr>,
) -> Vec<FieldIr> {
    let mut fields = Vec::new();
    for (name, child) in &tree.children {
        let Some(field) = child.field else { continue };
        let mut child_path = path.to_vec();
        child_path.push(name);
        // An object, or an array of objects, whose keys the docs list gets a struct.
        let generated = match field.ty {
            _ if child.children.is_empty() => None,
            Type::Object => Some(nested_struct(&child_path, field, child, enums, nested)),
            Type::Array => {
                child_path.push("item");
                Some(nested_struct(&child_path, field, child, enums, nested))
            }
            _ => None,
        };
        let ty = types::rust_type(Typing {
            side: Side::Response,
            ty: field.ty,
            items: field.items,
            format: None,
            semantic: field.semantic,
            value_enum: value_enum::enum_for(enums, &field.path).map(|item| item.name.as_str()),
            generated,
        });
        let mut notes = Vec::new();
        if field.verifiable {
            notes.push("Marked verifiable in the docs.".to_owned());
        }
        if names::unraw(&names::field_name(name)) != name {
            notes.push(format!("Received as `{name}`."));
        }
        let notes = notes.join(" ");
        fields.push(FieldIr {
            rust: names::field_name(name),
            wire: name.clone(),
            ty,
            required: false,
            docs: crate::docs::lines([field.description.as_str(), notes.as_str()]),
            sensitive: field.sensitive,
            constant: None,
        });
    }
    fields
}

/// The struct of an object field's documented keys, inserted before the structs of
/// its own nested objects; returns its name.
fn nested_struct(
    path: &[&str],
    field: &ResponseField,
    tree: &Tree<'_>,
    enums: &[ValueEnumIr],
    nested: &mut Vec<StructIr>,
) -> String {
    let name = names::type_name(path);
    let at = nested.len();
    let fields = fields(path, tree, enums, nested);
    let docs = crate::docs::lines([format!("`{}`: {}", field.path, field.description).as_str()]);
    nested.insert(
        at,
        StructIr {
            name: name.clone(),
            docs,
            side: Side::Response,
            fields,
            deprecated: None,
        },
    );
    name
}
