//! The general rule for what only the examples show.
//!
//! Eko's examples often carry fields its tables omit, and some `object` parameters name
//! their keys only in prose. Rather than needing an override per field, such a field
//! becomes optional, typed from the example, marked `undocumented` in the spec (and in
//! its rustdoc), and listed in the import report. An override can still type it better.

use super::draft::Draft;
use super::example::{
    elements, example_in_field_order, example_text, first_type, type_of, values_at,
};
use super::overrides::UNDOCUMENTED;
use eko_spec::{Location, Method, Param, ResponseField, Type};
use serde_json::{Map, Value};

/// Description of a request parameter only the example request shows.
pub const UNDOCUMENTED_PARAM: &str = "Not in the page's parameter tables; the example request shows it (type inferred from the example).";

/// Adds every key the example response shows below `data` that the spec lacks, except
/// inside objects an override declares free-form maps. Keys shown beside the envelope
/// count as `data` keys: the runtime reads payload fields from either place.
pub fn add_response_fields(draft: &mut Draft, envelope: &[String]) {
    let mut data = draft
        .response_example
        .get("data")
        .cloned()
        .unwrap_or(Value::Null);
    let beside: Map<String, Value> = draft
        .response_example
        .iter()
        .filter(|(key, _)| !envelope.contains(key) && !draft.into_data.contains(*key))
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect();
    if !beside.is_empty() {
        let mut object = data.as_object().cloned().unwrap_or_default();
        for (key, value) in &beside {
            object.entry(key.clone()).or_insert_with(|| value.clone());
            draft.into_data.insert(key.clone());
        }
        data = Value::Object(object);
    }
    let mut added = Vec::new();
    if let Value::Object(object) = &data {
        walk_response(draft, &data, object, "", &mut added);
    }
    for path in added {
        let line = draft.lines.response_example;
        draft.warn(
            line,
            format!("`data.{path}` is only in the example response: added as an undocumented optional field"),
        );
    }
}

fn walk_response(
    draft: &mut Draft,
    data: &Value,
    object: &Map<String, Value>,
    prefix: &str,
    added: &mut Vec<String>,
) {
    for (key, value) in object {
        let path = format!("{prefix}{key}");
        if !draft
            .endpoint
            .response
            .iter()
            .any(|field| field.path == path)
        {
            let field = example_only_field(&path, None, data);
            draft.endpoint.response.push(field);
            added.push(path.clone());
        }
        if draft.maps.contains(&path) {
            continue;
        }
        for element in elements(value) {
            if let Value::Object(child) = element {
                walk_response(draft, data, child, &format!("{path}."), added);
            }
        }
    }
}

/// A response field only the example shows, typed `ty` or else from the example's
/// values at `path` below `data` (a null says nothing: text is the most tolerant).
pub fn example_only_field(path: &str, ty: Option<Type>, data: &Value) -> ResponseField {
    ResponseField {
        path: path.to_owned(),
        ty: ty
            .or_else(|| first_type(&values_at(data, path)))
            .unwrap_or(Type::String),
        description: UNDOCUMENTED.to_owned(),
        verifiable: false,
        items: None,
        undocumented: true,
        semantic: None,
        sensitive: false,
    }
}

/// Adds the keys the example request shows that no parameter table lists.
pub fn add_request_params(draft: &mut Draft) {
    let Some(request) = draft.request_example.clone() else {
        return;
    };
    let location = if draft.endpoint.method == Method::Get {
        Location::Query
    } else {
        Location::Body
    };
    for (key, value) in &request {
        if draft.endpoint.params.iter().any(|param| &param.name == key) {
            continue;
        }
        let Some(mut param) = param_from_example(key, value, location, "") else {
            continue;
        };
        param.description = UNDOCUMENTED_PARAM.to_owned();
        param.undocumented = true;
        draft.endpoint.params.push(param);
        let line = draft.lines.request_example.unwrap_or(draft.lines.title);
        draft.warn(
            line,
            format!("`{key}` is only in the example request: added as an undocumented optional parameter"),
        );
    }
}

/// Gives an object parameter (or an array of objects) whose keys the table does not
/// list the keys its example request shows. A key is required when the parameter's
/// description names it and the parameter itself is required.
pub fn type_objects_from_example(draft: &mut Draft) {
    let Some(request) = draft.request_example.clone() else {
        return;
    };
    let mut typed = Vec::new();
    for param in &mut draft.endpoint.params {
        let is_objects = param.ty == Type::Object
            || (param.ty == Type::Array && matches!(param.items, None | Some(Type::Object)));
        if !is_objects || !param.fields.is_empty() {
            continue;
        }
        let Some(shown) = request.get(&param.name) else {
            continue;
        };
        let objects: Vec<&Map<String, Value>> = elements(shown)
            .into_iter()
            .filter_map(Value::as_object)
            .collect();
        if objects.is_empty() {
            continue;
        }
        if param.ty == Type::Array {
            param.items = Some(Type::Object);
        }
        param.fields = keys_of(&objects, param.location, &param.description, param.required);
        param.example = Some(example_in_field_order(param, shown));
        typed.push(param.name.clone());
    }
    for name in typed {
        let line = draft.param_line(&name);
        draft.warn(
            line,
            format!("parameter `{name}`: its keys are typed from the example request"),
        );
    }
}

/// The union of the objects' keys, in order of first appearance, as parameters.
fn keys_of(
    objects: &[&Map<String, Value>],
    location: Location,
    description: &str,
    required: bool,
) -> Vec<Param> {
    let mut fields: Vec<Param> = Vec::new();
    for object in objects {
        for (key, value) in *object {
            if fields.iter().any(|field| &field.name == key) {
                continue;
            }
            if let Some(mut field) = param_from_example(key, value, location, description) {
                field.required = required && names_word(description, key);
                fields.push(field);
            }
        }
    }
    // The description's order (`line, city, state, ...`) is the documented one; the
    // example's key order is not kept by the JSON reader.
    fields.sort_by_key(|field| word_position(description, &field.name).unwrap_or(usize::MAX));
    fields
}

/// Where `text` first names `word` as a whole word, counted in words.
fn word_position(text: &str, word: &str) -> Option<usize> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|part| !part.is_empty())
        .position(|part| part == word)
}

/// A parameter typed from one example value; `None` for `null`, which says nothing.
fn param_from_example(
    name: &str,
    value: &Value,
    location: Location,
    context: &str,
) -> Option<Param> {
    let ty = type_of(value)?;
    let mut param = Param {
        name: name.to_owned(),
        location,
        ty,
        required: false,
        description: String::new(),
        example: Some(example_text(value)),
        format: None,
        items: None,
        fields: Vec::new(),
        undocumented: false,
        semantic: None,
        sensitive: false,
        constant: None,
    };
    match value {
        Value::Object(object) => param.fields = keys_of(&[object], location, context, false),
        Value::Array(items) => {
            param.items = items.iter().find_map(type_of);
            let objects: Vec<&Map<String, Value>> =
                items.iter().filter_map(Value::as_object).collect();
            if !objects.is_empty() {
                param.fields = keys_of(&objects, location, context, false);
            }
        }
        _ => {}
    }
    if param.fields.is_empty() && param.ty == Type::Object {
        param.example = Some(value.to_string());
    }
    Some(param)
}

/// Whether `text` names `word` as a whole word (`line, city, state` names `city`).
fn names_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .any(|part| part == word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_named_in_the_description_are_required() {
        let object: Map<String, Value> =
            serde_json::from_str(r#"{"line":"Eko India","pincode":"122002","area":"x"}"#).unwrap();
        let fields = keys_of(&[&object], Location::Body, "fields: line, pincode.", true);
        let required: Vec<(&str, bool)> = fields
            .iter()
            .map(|field| (field.name.as_str(), field.required))
            .collect();
        assert_eq!(
            required,
            [("line", true), ("pincode", true), ("area", false)]
        );
        assert!(fields.iter().all(|field| field.ty == Type::String));
    }
}
