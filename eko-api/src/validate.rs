//! Checks a request against its endpoint's metadata before anything is sent.
//!
//! Works on the JSON text of the request's fields (after `initiator_id` and any
//! generated `client_ref_id` are filled in), so it sees exactly what would go on the
//! wire, and collects every problem rather than stopping at the first one.

use crate::capture::{Captured, json_text};
use crate::{EndpointMeta, FieldError, Kind, Location, ParamMeta, Role};
use serde_json::{Map, Value};

/// Every problem with `fields` and the file parts `file_names`.
pub(crate) fn check(
    meta: &EndpointMeta,
    fields: &Captured,
    file_names: &[&str],
) -> Vec<FieldError> {
    let mut problems = Vec::new();
    for param in meta.params {
        if param.kind == Kind::File {
            if param.required && !file_names.contains(&param.name) {
                problems.push(problem(param.name, "is required (a file part)"));
            }
            continue;
        }
        let json = fields.json(param.name);
        if param.location == Location::Path && !path_value_ok(param, json, &mut problems) {
            continue;
        }
        match json {
            None if param.required => problems.push(problem(param.name, "is required")),
            None => {}
            Some(json) => check_json(param, json, &mut problems),
        }
    }
    // Where a problem comes from the configuration, say so: the caller cannot fix it per call.
    for error in &mut problems {
        if meta
            .param(&error.field)
            .is_some_and(|param| param.role == Role::Config)
        {
            error
                .problem
                .push_str(" (it comes from the client configuration)");
        }
    }
    problems
}

/// Path values must be non-empty and must not be a dot segment, which URL parsers
/// would resolve into a different path.
fn path_value_ok(param: &ParamMeta, json: Option<&str>, problems: &mut Vec<FieldError>) -> bool {
    let Some(json) = json else {
        problems.push(problem(
            param.name,
            "is required (it is part of the URL path)",
        ));
        return false;
    };
    let text = json_text(json);
    if text.trim().is_empty() {
        problems.push(problem(
            param.name,
            "must not be empty (it is part of the URL path)",
        ));
        false
    } else if text == "." || text == ".." {
        problems.push(problem(
            param.name,
            "must not be `.` or `..` (it is part of the URL path)",
        ));
        false
    } else {
        true
    }
}

/// Where a value sits in the request, rendered as text only when a problem is
/// reported: checking a valid request allocates no field names.
#[derive(Clone, Copy)]
enum Field<'a> {
    Top(&'a str),
    Child(&'a Field<'a>, &'a str),
    Item(&'a Field<'a>, usize),
}

impl Field<'_> {
    fn render(self) -> String {
        match self {
            Field::Top(name) => name.to_owned(),
            Field::Child(parent, name) => format!("{}.{name}", parent.render()),
            Field::Item(parent, index) => format!("{}[{index}]", parent.render()),
        }
    }
}

/// Checks a top-level field from its JSON text. Text and numbers are checked as
/// written; lists and objects are read into a `Value` only when something in them
/// is to be checked (items with a format, fields with rules).
fn check_json(param: &ParamMeta, json: &str, problems: &mut Vec<FieldError>) {
    let field = Field::Top(param.name);
    match json.as_bytes().first() {
        Some(b'"') => check_text(param, &json_text(json), field, problems),
        Some(b'[' | b'{') if param.format.is_some() || !param.fields.is_empty() => {
            if let Ok(value) = serde_json::from_str::<Value>(json) {
                check_value(param, &value, field, problems);
            }
        }
        Some(b'-' | b'0'..=b'9') => check_number(param, json, field, problems),
        _ => {}
    }
}

fn check_number(param: &ParamMeta, number: &str, field: Field<'_>, problems: &mut Vec<FieldError>) {
    if let Some(format) = param.format
        && !format.accepts(number)
    {
        problems.push(problem(
            &field.render(),
            &format!("must be {}", format.description()),
        ));
    }
}

fn check_value(param: &ParamMeta, value: &Value, field: Field<'_>, problems: &mut Vec<FieldError>) {
    match value {
        Value::String(text) => check_text(param, text, field, problems),
        Value::Number(number) => check_number(param, &number.to_string(), field, problems),
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                let item_field = Field::Item(&field, index);
                match item {
                    Value::Object(object) if !param.fields.is_empty() => {
                        check_fields(param.fields, object, item_field, problems);
                    }
                    Value::String(text) => {
                        if let Some(format) = param.format
                            && !format.accepts(text)
                        {
                            problems.push(problem(
                                &item_field.render(),
                                &format!("must be {}", format.description()),
                            ));
                        }
                    }
                    _ => {}
                }
            }
        }
        Value::Object(object) if !param.fields.is_empty() => {
            check_fields(param.fields, object, field, problems)
        }
        Value::Object(_) | Value::Bool(_) | Value::Null => {}
    }
}

fn check_text(param: &ParamMeta, text: &str, field: Field<'_>, problems: &mut Vec<FieldError>) {
    if param.required && text.trim().is_empty() {
        problems.push(problem(&field.render(), "must not be empty"));
    } else if let Some(format) = param.format
        && !format.accepts(text)
    {
        problems.push(problem(
            &field.render(),
            &format!("must be {}", format.description()),
        ));
    }
}

fn check_fields(
    params: &[ParamMeta],
    object: &Map<String, Value>,
    parent: Field<'_>,
    problems: &mut Vec<FieldError>,
) {
    for param in params {
        let field = Field::Child(&parent, param.name);
        match object.get(param.name).filter(|value| !value.is_null()) {
            None if param.required => problems.push(problem(&field.render(), "is required")),
            None => {}
            Some(value) => check_value(param, value, field, problems),
        }
    }
}

fn problem(field: &str, text: &str) -> FieldError {
    FieldError {
        field: field.to_owned(),
        problem: text.to_owned(),
    }
}
