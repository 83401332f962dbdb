//! The request struct of a call and the structs of the objects nested in it.

use super::types::{self, Typing};
use super::{FieldIr, Formats, RustType, Side, StructIr, ValueEnumIr, value_enum};
use crate::names;
use eko_spec::{Endpoint, Param, Role, Type};

/// The request struct; nested objects become request-side structs pushed to `nested`.
pub(super) fn lower(
    endpoint: &Endpoint,
    role_of: &dyn Fn(&Param) -> Role,
    formats: &Formats,
    value_enums: &[ValueEnumIr],
    nested: &mut Vec<StructIr>,
) -> StructIr {
    let fields = endpoint
        .params
        .iter()
        .filter(|param| role_of(param) != Role::Config)
        .map(|param| {
            // Only top-level parameters are documented by value lists.
            let values = value_enum::enum_for(value_enums, &param.name);
            let mut field = field(
                &[&endpoint.id, &param.name],
                param,
                values.map(|item| item.name.as_str()),
                formats,
                nested,
            );
            if role_of(param) == Role::ClientRef {
                field.docs.push(String::new());
                field.docs.push(
                    " Left unset on a POST or PUT, the client generates one; the response or error tells which was sent."
                        .to_owned(),
                );
            }
            field
        })
        .collect();
    StructIr {
        name: names::type_name(&[&endpoint.id, "request"]),
        docs: docs(endpoint),
        side: Side::Request,
        fields,
        deprecated: None,
    }
}

fn docs(endpoint: &Endpoint) -> Vec<String> {
    let method = names::method_name(&endpoint.id);
    let mut docs =
        crate::docs::lines([
            format!("Request of {}: {}", endpoint.name, endpoint.summary).as_str(),
        ]);
    docs.push(String::new());
    docs.push(format!(
        " Required parameters are arguments of `new`; optional ones have setters. Send it with [`crate::Client::{method}`]."
    ));
    docs
}

/// The field of `param`, whose path of names is `path`.
fn field(
    path: &[&str],
    param: &Param,
    value_enum: Option<&str>,
    formats: &Formats,
    nested: &mut Vec<StructIr>,
) -> FieldIr {
    let generated = match (param.ty, param.items) {
        (Type::Object, _) if !param.fields.is_empty() => {
            Some(nested_struct(path, param, formats, nested))
        }
        (Type::Array, Some(Type::Object)) if !param.fields.is_empty() => {
            let mut item_path = path.to_vec();
            item_path.push("item");
            Some(nested_struct(&item_path, param, formats, nested))
        }
        _ => None,
    };
    let ty: RustType = types::rust_type(Typing {
        side: Side::Request,
        ty: param.ty,
        items: param.items,
        format: param.format,
        semantic: param.semantic,
        value_enum,
        generated,
    });
    FieldIr {
        rust: names::field_name(&param.name),
        wire: param.name.clone(),
        ty,
        required: param.required,
        docs: param_docs(param, formats),
        sensitive: param.sensitive,
        constant: param.constant.clone(),
    }
}

/// The struct of an object parameter's documented keys, inserted before the structs
/// of its own nested objects; returns its name.
fn nested_struct(
    path: &[&str],
    param: &Param,
    formats: &Formats,
    nested: &mut Vec<StructIr>,
) -> String {
    let name = names::type_name(path);
    let at = nested.len();
    let fields = param
        .fields
        .iter()
        .map(|child| {
            let mut child_path = path.to_vec();
            child_path.push(&child.name);
            field(&child_path, child, None, formats, nested)
        })
        .collect();
    let docs = crate::docs::lines([format!("`{}`: {}", param.name, param.description).as_str()]);
    nested.insert(
        at,
        StructIr {
            name: name.clone(),
            docs,
            side: Side::Request,
            fields,
            deprecated: None,
        },
    );
    name
}

fn param_docs(param: &Param, formats: &Formats) -> Vec<String> {
    let mut notes = Vec::new();
    if names::unraw(&names::field_name(&param.name)) != param.name {
        notes.push(format!("Sent as `{}`.", param.name));
    }
    if let Some(description) = param.format.and_then(|format| formats.get(&format)) {
        notes.push(format!("Checked before sending: {description}."));
    }
    if let Some(example) = param
        .example
        .as_deref()
        .filter(|example| !example.trim().is_empty())
    {
        notes.push(format!("Example: `{}`.", example.replace('`', "'")));
    }
    let notes = notes.join(" ");
    crate::docs::lines([param.description.as_str(), notes.as_str()])
}
