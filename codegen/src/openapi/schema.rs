//! JSON Schemas (2020-12, as OpenAPI 3.1 uses them) for parameters and for the
//! response `data` tree.
//!
//! Requests are typed as our client sends them; responses as Eko may answer: numbers
//! the docs type `number` often arrive as text (`"110.00"`), so a response number
//! accepts both. Amounts and formatted identifiers point at shared component schemas,
//! so that a reader sees `Mobile` or `Amount` rather than a bare string.

use super::components;
use eko_spec::{DocumentedValue, Param, ResponseField, Semantic, Type, ValueList};
use serde_json::{Map, Value, json};

/// Which way a value travels, which decides how strictly numbers are typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Sent by our client: numbers are JSON numbers.
    Request,
    /// Sent by Eko: numbers may arrive as text.
    Response,
}

/// The schema of a value of type `ty` with nothing else known about it.
///
/// A response value is typed as the runtime reads it (`eko_api`'s lenient decoders),
/// documented type first: Eko sends ids documented as text as numbers, numbers as
/// text, `null` for absent values, and `[]` for an empty object.
pub fn plain(ty: Type, side: Side) -> Value {
    match (ty, side) {
        (Type::String, Side::Request) => json!({ "type": "string" }),
        (Type::String, Side::Response) => {
            json!({ "type": ["string", "number", "boolean", "null"] })
        }
        (Type::Number, Side::Request) => json!({ "type": "number" }),
        (Type::Number, Side::Response) => json!({ "type": ["number", "string", "null"] }),
        (Type::Integer, Side::Request) => json!({ "type": "integer" }),
        (Type::Integer, Side::Response) => json!({ "type": ["integer", "string", "null"] }),
        (Type::Boolean, Side::Request) => json!({ "type": "boolean" }),
        (Type::Boolean, Side::Response) => {
            json!({ "type": ["boolean", "string", "integer", "null"] })
        }
        (Type::Array, Side::Request) => json!({ "type": "array" }),
        (Type::Array, Side::Response) => json!({ "type": ["array", "object", "string", "null"] }),
        (Type::Object, Side::Request) => json!({ "type": "object" }),
        (Type::Object, Side::Response) => json!({ "type": ["object", "array", "string", "null"] }),
        (Type::File, _) => json!({
            "type": "string",
            "contentMediaType": "application/octet-stream",
        }),
    }
}

/// An amount Eko sends: the shared `Amount`, or `null` when absent.
fn response_amount() -> Value {
    json!({ "anyOf": [components::reference(components::AMOUNT), { "type": "null" }] })
}

/// An amount a page types `integer`: the shared `Amount`, whole (a JSON number with no
/// fractional part, or digits).
const WHOLE_AMOUNT_PATTERN: &str = "^-?[0-9]+$";

/// The schema of one request parameter (its nested fields included), without the
/// `required` of its parent.
///
/// Eko reads an empty value as a missing one (`null` too, which the types already
/// exclude), so a required value is never empty: text has `minLength: 1` (formats and
/// amounts have patterns that say so already), a list `minItems: 1`, a file at least a
/// byte. Text in a list is never empty either.
pub fn param(param: &Param, lists: &[ValueList], path: &str) -> Value {
    let amount = param.semantic == Some(Semantic::Amount) && param.ty.is_scalar();
    let mut schema = if amount {
        components::reference(components::AMOUNT)
    } else if let Some(format) = param.format {
        components::reference(&components::format_name(format))
    } else {
        plain(param.ty, Side::Request)
    };
    let object = schema.as_object_mut().expect("schemas are objects");
    if amount && param.ty == Type::Integer {
        object.insert("multipleOf".into(), 1.into());
        object.insert("pattern".into(), WHOLE_AMOUNT_PATTERN.into());
    }
    if param.required && param.constant.is_none() {
        match param.ty {
            Type::String | Type::File if !amount && param.format.is_none() => {
                object.insert("minLength".into(), 1.into());
            }
            Type::Array => {
                object.insert("minItems".into(), 1.into());
            }
            _ => {}
        }
    }
    match param.ty {
        Type::Object => object_fields(object, &param.fields, lists, path),
        Type::Array if !param.fields.is_empty() => {
            let mut item = Map::new();
            item.insert("type".into(), "object".into());
            object_fields(&mut item, &param.fields, lists, path);
            object.insert("items".into(), Value::Object(item));
        }
        Type::Array => {
            let items = param.items.unwrap_or(Type::String);
            let mut item = plain(items, Side::Request);
            if items == Type::String {
                item["minLength"] = 1.into();
            }
            object.insert("items".into(), item);
        }
        _ => {}
    }
    describe(object, &param.description);
    if let Some(list) = lists.iter().find(|list| list.applies_to(path)) {
        values(object, list, param.ty, Side::Request);
    }
    if let Some(constant) = &param.constant {
        object.insert("const".into(), typed(constant, param.ty));
    } else if let Some(example) = param.example.as_deref().filter(|_| param.ty.is_scalar()) {
        object.insert("examples".into(), json!([typed(example, param.ty)]));
    }
    mark_sensitive(object, param.sensitive);
    schema
}

/// `properties` and `required` of an object from its documented fields.
pub fn object_fields(
    object: &mut Map<String, Value>,
    fields: &[Param],
    lists: &[ValueList],
    parent: &str,
) {
    properties(
        object,
        fields.iter().map(|field| {
            let path = if parent.is_empty() {
                field.name.clone()
            } else {
                format!("{parent}.{}", field.name)
            };
            (&field.name, param(field, lists, &path), field.required)
        }),
    );
}

/// `properties` and `required` of an object from its fields: name, schema, and
/// whether it is required (a field with a fixed value is required too: the client
/// always sends it).
pub fn properties<'a>(
    object: &mut Map<String, Value>,
    fields: impl Iterator<Item = (&'a String, Value, bool)>,
) {
    let mut properties = Map::new();
    let mut required = Vec::new();
    for (name, schema, is_required) in fields {
        properties.insert(name.clone(), schema);
        if is_required {
            required.push(Value::String(name.clone()));
        }
    }
    object.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        object.insert("required".into(), Value::Array(required));
    }
}

/// The schema of an endpoint's `data`, from its dotted response paths. A documented
/// child whose parent the table does not list is left out, as the generated structs
/// leave it out.
pub fn data(fields: &[ResponseField], lists: &[ValueList], description: &str) -> Value {
    let mut object = Map::new();
    object.insert("type".into(), "object".into());
    describe(&mut object, description);
    let properties = data_properties(fields, lists, "");
    object.insert("properties".into(), Value::Object(properties));
    Value::Object(object)
}

/// The properties of the object at `parent` (empty for `data` itself).
fn data_properties(
    fields: &[ResponseField],
    lists: &[ValueList],
    parent: &str,
) -> Map<String, Value> {
    let mut properties = Map::new();
    for field in fields
        .iter()
        .filter(|field| parent_of(&field.path) == parent)
    {
        let name = field.path.rsplit('.').next().unwrap_or(&field.path);
        let children = data_properties(fields, lists, &field.path);
        properties.insert(name.to_owned(), response_field(field, children, lists));
    }
    properties
}

fn parent_of(path: &str) -> &str {
    path.rsplit_once('.').map_or("", |(parent, _)| parent)
}

fn response_field(
    field: &ResponseField,
    children: Map<String, Value>,
    lists: &[ValueList],
) -> Value {
    let mut schema = if field.semantic == Some(Semantic::Amount) && field.ty.is_scalar() {
        response_amount()
    } else {
        plain(field.ty, Side::Response)
    };
    let object = schema.as_object_mut().expect("schemas are objects");
    match field.ty {
        Type::Object if !children.is_empty() => {
            object.insert("properties".into(), Value::Object(children));
        }
        Type::Array if !children.is_empty() => {
            object.insert(
                "items".into(),
                json!({ "type": "object", "properties": children }),
            );
        }
        Type::Array => {
            if let Some(items) = field.items {
                object.insert("items".into(), plain(items, Side::Response));
            }
        }
        _ => {}
    }
    describe(object, &field.description);
    if let Some(list) = lists.iter().find(|list| list.applies_to(&field.path)) {
        values(object, list, field.ty, Side::Response);
    }
    mark_sensitive(object, field.sensitive);
    schema
}

/// A documented value list as `enum`, with each value's label and meaning beside it
/// in `x-eko-values` (JSON Schema's `enum` has no room for them).
fn values(object: &mut Map<String, Value>, list: &ValueList, ty: Type, side: Side) {
    // Where the generated code makes an enum, and nowhere else.
    if !ty.is_enumerable() {
        return;
    }
    let mut allowed = Vec::new();
    for value in &list.values {
        let typed = typed(&value.code, ty);
        // A number Eko may send as text is allowed in both spellings.
        if side == Side::Response && typed.is_number() {
            allowed.push(typed);
            allowed.push(Value::String(value.code.clone()));
        } else {
            allowed.push(typed);
        }
    }
    if side == Side::Response {
        allowed.push(Value::Null);
    }
    allowed.dedup();
    object.insert("enum".into(), Value::Array(allowed));
    object.insert(
        "x-eko-values".into(),
        Value::Array(list.values.iter().map(documented_value).collect()),
    );
}

fn documented_value(value: &DocumentedValue) -> Value {
    let mut entry = Map::new();
    entry.insert("value".into(), Value::String(value.code.clone()));
    if let Some(label) = &value.label {
        entry.insert("label".into(), Value::String(label.clone()));
    }
    entry.insert("meaning".into(), Value::String(value.meaning.clone()));
    Value::Object(entry)
}

/// A value written as text in the spec, as the JSON value of type `ty`: `"80"` of an
/// integer is `80`. Text that does not parse as the type stays text.
pub fn typed(text: &str, ty: Type) -> Value {
    let parsed = match ty {
        Type::Integer => text.parse::<i64>().ok().map(Value::from),
        Type::Number => serde_json::from_str::<serde_json::Number>(text)
            .ok()
            .map(Value::Number),
        Type::Boolean => text.parse::<bool>().ok().map(Value::Bool),
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::String(text.to_owned()))
}

fn describe(object: &mut Map<String, Value>, description: &str) {
    if !description.is_empty() {
        object.insert("description".into(), Value::String(description.to_owned()));
    }
}

/// Personal or secret data: tools that log or display payloads should mask it.
fn mark_sensitive(object: &mut Map<String, Value>, sensitive: bool) {
    if sensitive {
        object.insert("x-eko-sensitive".into(), Value::Bool(true));
    }
}
