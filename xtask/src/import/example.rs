//! The pages' example JSON: values at a documented path, types inferred from values,
//! and the two edits overrides make to examples.

use eko_spec::Type;
use serde_json::Value;

/// Every value found at a dotted `path` below `root`, looking through arrays the way the
/// pages write array children (`list.child` for each element's `child`).
pub fn values_at<'a>(root: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut current = vec![root];
    for segment in path.split('.') {
        current = current
            .into_iter()
            .flat_map(elements)
            .filter_map(|value| value.get(segment))
            .collect();
    }
    current
}

/// An array's elements (arrays of arrays included); any other value itself.
pub fn elements(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().flat_map(elements).collect(),
        other => vec![other],
    }
}

/// The spec type of a JSON value; `None` for `null`, which says nothing.
///
/// JSON numbers map to `number`: it decodes losslessly whether the value arrives as an
/// integer, a decimal or a string.
pub fn type_of(value: &Value) -> Option<Type> {
    match value {
        Value::Null => None,
        Value::Bool(_) => Some(Type::Boolean),
        Value::Number(_) => Some(Type::Number),
        Value::String(_) => Some(Type::String),
        Value::Array(_) => Some(Type::Array),
        Value::Object(_) => Some(Type::Object),
    }
}

/// The element type of the arrays among `values`: the type of the first non-null element.
pub fn element_type(values: &[&Value]) -> Option<Type> {
    values
        .iter()
        .filter_map(|value| value.as_array())
        .flatten()
        .find_map(type_of)
}

/// The first non-null type among `values`.
pub fn first_type(values: &[&Value]) -> Option<Type> {
    values.iter().find_map(|value| type_of(value))
}

/// A value as example text: strings as they are, anything else as compact JSON.
pub fn example_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Compact JSON with each object's keys in the documented `order` (the example
/// request's order), any others after them.
pub fn ordered_json(value: &Value, order: &[&str]) -> String {
    match value {
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|item| ordered_json(item, order)).collect();
            format!("[{}]", items.join(","))
        }
        Value::Object(object) => {
            let known = order.iter().filter_map(|key| object.get_key_value(*key));
            let rest = object
                .iter()
                .filter(|(key, _)| !order.contains(&key.as_str()));
            let entries: Vec<String> = known
                .chain(rest)
                .map(|(key, value)| format!("{}:{value}", Value::String(key.clone())))
                .collect();
            format!("{{{}}}", entries.join(","))
        }
        other => other.to_string(),
    }
}

/// An object parameter's example: the value the example request `shown`, as compact
/// JSON with its keys in the order of the parameter's fields.
pub fn example_in_field_order(param: &eko_spec::Param, shown: &Value) -> String {
    let order: Vec<&str> = param
        .fields
        .iter()
        .map(|field| field.name.as_str())
        .collect();
    ordered_json(shown, &order)
}

/// Removes top-level `"key": value` lines from pretty-printed JSON, keeping every other
/// byte, and proves the result is the same document without those keys.
pub fn drop_keys(text: &str, keys: &[String]) -> Result<String, String> {
    let prefixes: Vec<String> = keys
        .iter()
        .map(|key| format!("{}:", Value::String(key.clone())))
        .collect();
    let mut kept: Vec<String> = text
        .lines()
        .filter(|line| {
            !prefixes
                .iter()
                .any(|prefix| line.trim_start().starts_with(prefix.as_str()))
        })
        .map(str::to_owned)
        .collect();
    // The entry before a closing bracket must not keep its comma.
    for index in 1..kept.len() {
        if kept[index].trim_start().starts_with(['}', ']'])
            && kept[index - 1].trim_end().ends_with(',')
        {
            let line = &mut kept[index - 1];
            line.truncate(line.trim_end().len() - 1);
        }
    }
    let result = kept.join("\n");
    let mut expected: Value = serde_json::from_str(text).map_err(|error| error.to_string())?;
    if let Value::Object(object) = &mut expected {
        for key in keys {
            object.remove(key);
        }
    }
    match serde_json::from_str::<Value>(&result) {
        Ok(actual) if actual == expected => Ok(result),
        _ => Err("cannot remove the keys from the example request line by line; they must each be on a line of their own".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn array_children_are_found_in_every_element() {
        let data = json!({"list": [{"a": 1}, {"a": "x", "b": true}], "nested": [[{"a": 2}]]});
        assert_eq!(values_at(&data, "list.a"), vec![&json!(1), &json!("x")]);
        assert_eq!(values_at(&data, "list.b"), vec![&json!(true)]);
        assert_eq!(values_at(&data, "nested.a"), vec![&json!(2)]);
        assert!(values_at(&data, "list.c").is_empty());
    }

    #[test]
    fn element_types_skip_nulls() {
        let list = json!([null, "a"]);
        assert_eq!(element_type(&[&list]), Some(Type::String));
        assert_eq!(element_type(&[&json!([])]), None);
        assert_eq!(first_type(&[&Value::Null, &json!(3)]), Some(Type::Number));
    }
}
