//! The last step for each page: infer what the page implies, then make sure nothing the
//! page shows is left unexplained — every flaw either has an override or stops the import.

use super::build::type_name;
use super::draft::Draft;
use super::error::ImportError;
use super::example::values_at;
use super::infer::{self, Formats};
use super::undocumented;
use eko_spec::{BodyEncoding, Param, Type};
use serde_json::Value;

const ADD_OVERRIDE: &str = "add an override in spec/overrides/";

/// Infers formats and element types, then checks the draft against its page.
pub fn complete(
    draft: &mut Draft,
    formats: &Formats,
    envelope: &[String],
) -> Result<(), Vec<ImportError>> {
    let mut errors = Vec::new();
    if draft
        .endpoint
        .params
        .iter()
        .any(|param| param.ty == Type::File)
    {
        // A file travels only as a multipart part.
        draft.endpoint.body = BodyEncoding::Multipart;
    }
    undocumented::type_objects_from_example(draft);
    undocumented::add_request_params(draft);
    let request = draft.request_example.clone();
    let mut params = std::mem::take(&mut draft.endpoint.params);
    for param in &mut params {
        let line = draft.param_line(&param.name);
        if param.ty == Type::Array && param.items.is_none() {
            param.items = infer::param_items(param, request.as_ref());
        }
        check_param(draft, param, param.name.clone(), line, formats, &mut errors);
    }
    draft.endpoint.params = params;

    undocumented::add_response_fields(draft, envelope);
    let data = draft
        .response_example
        .get("data")
        .cloned()
        .unwrap_or(Value::Null);
    infer::response_items(&mut draft.endpoint.response, &data);
    check_response_values(draft, &data, &mut errors);
    check_envelope_keys(draft, envelope, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Checks one parameter (and its fields), inferring its format. `label` is its dotted name.
fn check_param(
    draft: &Draft,
    param: &mut Param,
    label: String,
    line: usize,
    formats: &Formats,
    errors: &mut Vec<ImportError>,
) {
    let mut fail =
        |problem: String| errors.push(draft.error(line, format!("parameter `{label}` {problem}")));
    let junk = param.example.as_deref().is_some_and(is_object_placeholder);
    match param.ty {
        Type::Object if param.fields.is_empty() && junk => fail(format!(
            "is an object whose keys the page names only in prose (its example reads `[object Object]`); {ADD_OVERRIDE} giving its `fields`"
        )),
        Type::Array => match param.items {
            None => fail(format!(
                "is an array but the example request shows no element to tell its type; {ADD_OVERRIDE} setting `items`"
            )),
            Some(Type::Object) if param.fields.is_empty() => fail(format!(
                "is an array of objects whose keys the page does not list; {ADD_OVERRIDE} giving its `fields`"
            )),
            Some(_) => {}
        },
        Type::String if param.description.contains("multipart/form-data") => fail(format!(
            "is typed string but its description says it is a multipart file upload; {ADD_OVERRIDE} making it a `file`"
        )),
        Type::File if draft.endpoint.body != BodyEncoding::Multipart => {
            fail("is a file, so the endpoint's body must be `multipart`".into());
        }
        _ => {}
    }
    if let Some(example) = param.example.as_deref()
        && !junk
        && !example_fits(param.ty, example)
    {
        fail(format!(
            "is typed {} but its example is `{example}`; {ADD_OVERRIDE} fixing its type",
            type_name(param.ty)
        ));
    }
    if param.format.is_none() {
        param.format = formats.infer(param);
    }
    if let Some(format) = param.format {
        match param.example.as_deref() {
            Some(example) if formats.matches(format, example) == Some(true) => {}
            Some(example) => fail(format!(
                "has format `{format:?}` but its example `{example}` does not satisfy it"
            )),
            None => fail(format!(
                "has format `{format:?}` but no example to confirm it"
            )),
        }
    }
    for field in &mut param.fields {
        let label = format!("{label}.{}", field.name);
        check_param(draft, field, label, line, formats, errors);
    }
}

/// `[object Object]` (or a list of them): how the pages print an object example.
fn is_object_placeholder(example: &str) -> bool {
    example
        .split(',')
        .all(|part| part.trim() == "[object Object]")
}

/// Whether a table example is plausible for the type (strings and arrays take anything).
fn example_fits(ty: Type, example: &str) -> bool {
    match ty {
        Type::Integer => example.parse::<i64>().is_ok(),
        Type::Number => is_decimal(example),
        Type::Boolean => matches!(example, "true" | "false"),
        Type::String | Type::Array | Type::Object | Type::File => true,
    }
}

fn is_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    !whole.is_empty()
        && !fraction.is_empty()
        && whole.bytes().all(|byte| byte.is_ascii_digit())
        && fraction.bytes().all(|byte| byte.is_ascii_digit())
}

/// Integer and number fields whose example cannot be read as documented.
fn check_response_values(draft: &Draft, data: &Value, errors: &mut Vec<ImportError>) {
    for field in &draft.endpoint.response {
        let fits = |value: &&Value| match (field.ty, value) {
            (_, Value::Null) => true,
            (Type::Integer, Value::Number(number)) => number.is_i64() || number.is_u64(),
            (Type::Integer, Value::String(text)) => text.is_empty() || text.parse::<i64>().is_ok(),
            (Type::Integer, _) => false,
            (Type::Number, Value::String(text)) => text.is_empty() || is_decimal(text),
            (Type::Number, value) => value.is_number(),
            _ => true,
        };
        if let Some(value) = values_at(data, &field.path)
            .iter()
            .find(|value| !fits(value))
        {
            errors.push(draft.error(
                draft.response_line(&field.path),
                format!(
                    "response field `data.{}` is typed {} but the example shows {value}; {ADD_OVERRIDE} fixing its type",
                    field.path,
                    type_name(field.ty)
                ),
            ));
        }
    }
}

/// Fields beside the envelope — table rows or example keys — must be placed by an override.
fn check_envelope_keys(draft: &Draft, envelope: &[String], errors: &mut Vec<ImportError>) {
    for field in &draft.beside_envelope {
        errors.push(draft.error(
            draft.lines.beside.get(&field.path).copied().unwrap_or(draft.lines.response_table),
            format!(
                "response row `{}` is outside `data` and not an envelope field of spec/shared.toml; {ADD_OVERRIDE}",
                field.path
            ),
        ));
    }
    for key in draft.response_example.keys() {
        if !envelope.contains(key) && !draft.into_data.contains(key) {
            errors.push(draft.error(
                draft.lines.response_example,
                format!("the example response has `{key}` beside the envelope, outside `data`; {ADD_OVERRIDE}"),
            ));
        }
    }
    for key in &draft.into_data {
        if !draft
            .endpoint
            .response
            .iter()
            .any(|field| &field.path == key)
        {
            errors.push(draft.error(
                draft.lines.response_table,
                format!("`{key}` is placed in `data` by an override but the response does not describe `data.{key}`"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_decimals() {
        assert!(is_object_placeholder("[object Object]"));
        assert!(is_object_placeholder("[object Object],[object Object]"));
        assert!(!is_object_placeholder("a,b"));
        assert!(
            is_decimal("110.00")
                && is_decimal("-3")
                && !is_decimal("1.")
                && !is_decimal("x1")
                && !is_decimal("")
        );
        assert!(example_fits(Type::Integer, "42") && !example_fits(Type::Integer, "4.2"));
        assert!(!example_fits(Type::Boolean, "yes"));
    }
}
