//! The response side of a page: the response table (envelope first, then `data.*`
//! rows) and the example response's envelope.

use super::draft::Lines;
use super::error::ImportError;
use super::page::Page;
use eko_spec::{Outcome, ResponseField, Shared, Type};
use serde_json::{Map, Value};

/// The `data.*` rows as response fields. The envelope rows must come first, in the
/// order of spec/shared.toml; other rows outside `data` are returned separately — they
/// need an override, since the spec describes only the `data` payload.
pub fn response_fields(
    page: &Page,
    shared: &Shared,
    lines: &mut Lines,
    errors: &mut Vec<ImportError>,
) -> (Vec<ResponseField>, Vec<ResponseField>) {
    let fail = |line: usize, problem: String| ImportError::new(&page.file, line, problem);
    let envelope: Vec<&str> = shared
        .envelope
        .iter()
        .filter(|field| !field.beyond_pages)
        .map(|field| field.name.as_str())
        .collect();
    let mut next_envelope = 0;
    let mut fields: Vec<ResponseField> = Vec::new();
    let mut beside: Vec<ResponseField> = Vec::new();
    for (index, row) in page.response.rows.iter().enumerate() {
        let [field, ty, description] = &row.cells[..] else {
            errors.push(fail(row.line, "a response row needs 3 cells".into()));
            continue;
        };
        let (field, verifiable) = match field.strip_suffix('⭐') {
            Some(field) => (field.trim(), true),
            None => (field.trim(), false),
        };
        if envelope.get(next_envelope) == Some(&field) {
            next_envelope += 1;
            continue;
        }
        if next_envelope < envelope.len()
            && (field.starts_with("data.") || envelope.contains(&field))
        {
            errors.push(fail(
                row.line,
                format!(
                    "response row {} is `{field}`, but the table must first list the envelope fields {} \
                     (spec/shared.toml) in that order; `{}` is next",
                    index + 1,
                    envelope.join(", "),
                    envelope[next_envelope]
                ),
            ));
            return (Vec::new(), Vec::new());
        }
        let ty = match Type::parse(ty) {
            Ok(ty) => ty,
            Err(problem) => {
                errors.push(fail(
                    row.line,
                    format!("response field `{field}`: {problem}"),
                ));
                continue;
            }
        };
        let Some(path) = field.strip_prefix("data.").filter(|path| !path.is_empty()) else {
            // Beside the envelope: kept for an override to place.
            if field.is_empty() || field.contains(['.', ' ']) {
                errors.push(fail(
                    row.line,
                    format!("`{field}` is not a response field name"),
                ));
            } else {
                lines.beside.insert(field.to_owned(), row.line);
                beside.push(ResponseField {
                    path: field.to_owned(),
                    ty,
                    description: description.clone(),
                    verifiable,
                    items: None,
                    undocumented: false,
                    semantic: None,
                    sensitive: false,
                });
            }
            continue;
        };
        if lines.response.insert(path.to_owned(), row.line).is_some() {
            errors.push(fail(
                row.line,
                format!("response field `{field}` is listed twice"),
            ));
            continue;
        }
        if let Some((parent, _)) = path.rsplit_once('.') {
            let parent_type = fields
                .iter()
                .find(|known| known.path == parent)
                .map(|known| known.ty);
            if !matches!(parent_type, Some(Type::Object | Type::Array)) {
                errors.push(fail(
                    row.line,
                    format!("response field `{field}`: its parent `data.{parent}` is not listed above it as an object or array"),
                ));
                continue;
            }
        }
        fields.push(ResponseField {
            path: path.to_owned(),
            ty,
            description: description.clone(),
            verifiable,
            items: None,
            undocumented: false,
            semantic: None,
            sensitive: false,
        });
    }
    if let Some(missing) = envelope.get(next_envelope) {
        errors.push(fail(
            page.response.line,
            format!("the response table lacks the envelope field `{missing}` (spec/shared.toml)"),
        ));
    }
    (fields, beside)
}

/// Parses an example block, which must hold a JSON object; errors point at the page line.
pub fn json_object(
    file: &str,
    line: usize,
    text: &str,
    what: &str,
) -> Result<Map<String, Value>, ImportError> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(_) => Err(ImportError::new(
            file,
            line,
            format!("the {what} is not a JSON object"),
        )),
        Err(error) => {
            // serde_json counts lines within the block; the page line replaces that.
            let text = error.to_string();
            let message = text
                .rsplit_once(" at line ")
                .map_or(text.as_str(), |(message, _)| message);
            Err(ImportError::new(
                file,
                line + error.line().saturating_sub(1),
                format!(
                    "the {what} is not valid JSON: {message} (column {})",
                    error.column()
                ),
            ))
        }
    }
}

/// The envelope the example shows, as a documented outcome (when it has a `status`).
pub fn outcome(example: &Map<String, Value>) -> Result<Option<Outcome>, String> {
    let Some(status) = example.get("status") else {
        return Ok(None);
    };
    let status = status
        .as_i64()
        .ok_or("the example response's `status` is not a whole number")?;
    let response_type_id = match example.get("response_type_id") {
        None | Some(Value::Null) => None,
        Some(value) => Some(
            value
                .as_i64()
                .ok_or("the example response's `response_type_id` is not a whole number")?,
        ),
    };
    let message = match example.get("message") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(message)) => message.clone(),
        Some(_) => return Err("the example response's `message` is not a string".into()),
    };
    Ok(Some(Outcome {
        status,
        response_type_id,
        message,
    }))
}
