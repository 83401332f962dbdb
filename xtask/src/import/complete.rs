//! The last step for each page: infer what the page implies, then make sure nothing the
//! page shows is left unexplained — every flaw either has an override or stops the import.

use super::draft::Draft;
use super::enumerations;
use super::error::ImportError;
use super::example::values_at;
use super::infer::{self, Formats};
use super::semantics;
use super::undocumented;
use eko_spec::{BodyEncoding, Param, Type};
use serde_json::Value;

/// Infers formats and element types, then checks the draft against its page.
pub fn complete(
    draft: &mut Draft,
    formats: &Formats,
    envelope: &[String],
) -> Result<(), Vec<ImportError>> {
    let mut errors = Vec::new();
    undocumented::type_objects_from_example(draft);
    undocumented::add_request_params(draft);
    let request = draft.request_example.clone();
    let mut params = std::mem::take(&mut draft.endpoint.params);
    let mut warnings = Vec::new();
    for param in &mut params {
        let line = draft.param_line(&param.name);
        if param.ty == Type::Array && param.items.is_none() {
            param.items = infer::param_items(param, request.as_ref());
        }
        let label = param.name.clone();
        check_param(
            draft,
            param,
            label,
            line,
            formats,
            &mut errors,
            &mut warnings,
        );
    }
    draft.endpoint.params = params;
    // A file travels only as a multipart part (typed so by the page, an override, or
    // the upload rule in `check_param`).
    if draft
        .endpoint
        .params
        .iter()
        .any(|param| param.ty == Type::File)
    {
        draft.endpoint.body = BodyEncoding::Multipart;
    }

    place_beside_envelope_rows(draft);
    undocumented::add_response_fields(draft, envelope);
    let data = draft
        .response_example
        .get("data")
        .cloned()
        .unwrap_or(Value::Null);
    infer::response_items(&mut draft.endpoint.response, &data);
    retype_contradicted_fields(draft, &data, &mut warnings);
    draft.warnings.append(&mut warnings);
    enumerations::add_value_lists(draft);
    semantics::mark(draft);
    check_envelope_keys(draft, &mut errors);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Checks one parameter (and its fields), inferring its format. `label` is its dotted
/// name. What the page leaves open is settled by a general rule and reported in
/// `warnings` (an override can still do better); only an override's own mistake is an
/// error.
fn check_param(
    draft: &Draft,
    param: &mut Param,
    label: String,
    line: usize,
    formats: &Formats,
    errors: &mut Vec<ImportError>,
    warnings: &mut Vec<ImportError>,
) {
    let mut warn = |problem: String| {
        warnings.push(draft.error(line, format!("parameter `{label}` {problem}")))
    };
    let junk = param.example.as_deref().is_some_and(is_object_placeholder);
    match param.ty {
        Type::Object if param.fields.is_empty() && junk => warn(
            "is an object whose keys the page names only in prose and no example shows: a free-form map".into(),
        ),
        Type::Array => match param.items {
            None => warn(
                "is an array whose elements no example shows: elements of any JSON type".into(),
            ),
            Some(Type::Object) if param.fields.is_empty() => warn(
                "is an array of objects whose keys the page does not list: free-form maps".into(),
            ),
            Some(_) => {}
        },
        Type::String if param.description.contains("multipart/form-data") => {
            param.ty = Type::File;
            warn("is typed string but described as a multipart file upload: imported as a file".into());
        }
        _ => {}
    }
    if let Some(example) = param.example.as_deref()
        && !junk
        && !example_fits(param.ty, example)
    {
        warn(format!(
            "is typed {} but its example is `{example}`: imported as a string, which keeps any value",
            param.ty.as_str()
        ));
        param.ty = Type::String;
    }
    if param.format.is_none() {
        param.format = formats.infer(param);
    }
    // A format comes from an override or from the example itself, so a mismatch is
    // the override's mistake.
    if let Some(format) = param.format {
        let mut fail = |problem: String| {
            errors.push(draft.error(line, format!("parameter `{label}` {problem}")))
        };
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
        check_param(draft, field, label, line, formats, errors, warnings);
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

/// Integer and number fields whose example cannot be read as documented become text,
/// which decodes any value; the report says so.
fn retype_contradicted_fields(draft: &mut Draft, data: &Value, warnings: &mut Vec<ImportError>) {
    let mut retyped = Vec::new();
    for field in &mut draft.endpoint.response {
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
            retyped.push((
                field.path.clone(),
                format!(
                    "response field `data.{}` is typed {} but the example shows {value}: imported as a string",
                    field.path,
                    field.ty.as_str()
                ),
            ));
            field.ty = Type::String;
        }
    }
    for (path, problem) in retyped {
        warnings.push(draft.error(draft.response_line(&path), problem));
    }
}

/// Response rows the table lists beside the envelope, outside `data`, are payload
/// fields: the runtime reads payload fields from either place, so the spec describes
/// them with `data` (their rows first, as on the page). A row the table also lists
/// under `data` is kept once.
fn place_beside_envelope_rows(draft: &mut Draft) {
    let rows = std::mem::take(&mut draft.beside_envelope);
    let mut moved = Vec::new();
    for field in rows {
        let line = draft
            .lines
            .beside
            .get(&field.path)
            .copied()
            .unwrap_or(draft.lines.response_table);
        draft.into_data.insert(field.path.clone());
        if draft
            .endpoint
            .response
            .iter()
            .any(|known| known.path == field.path)
        {
            continue;
        }
        draft.lines.response.insert(field.path.clone(), line);
        draft.warn(
            line,
            format!(
                "response row `{}` is outside `data`: described as part of the payload, where the runtime also looks",
                field.path
            ),
        );
        moved.push(field);
    }
    draft.endpoint.response.splice(0..0, moved);
}

/// Fields an override placed in `data` must be described there.
fn check_envelope_keys(draft: &Draft, errors: &mut Vec<ImportError>) {
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
