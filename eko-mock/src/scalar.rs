//! JSON scalars as the text a caller would type: how the mock compares a value sent
//! with a value documented, whichever JSON type either came as.

use serde_json::Value;

/// The text of a string, number or boolean, as a caller would type it.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// Whether `value` is a string, number or boolean.
pub(crate) fn is_scalar(value: &Value) -> bool {
    matches!(value, Value::String(_) | Value::Number(_) | Value::Bool(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars_read_as_typed() {
        assert_eq!(scalar_text(&json!("a")), Some("a".to_owned()));
        assert_eq!(scalar_text(&json!(42)), Some("42".to_owned()));
        assert_eq!(scalar_text(&json!(1.5)), Some("1.5".to_owned()));
        assert_eq!(scalar_text(&json!(true)), Some("true".to_owned()));
        assert_eq!(scalar_text(&json!(null)), None);
        assert_eq!(scalar_text(&json!([1])), None);
        assert!(is_scalar(&json!(0)) && !is_scalar(&json!({})) && !is_scalar(&json!(null)));
    }
}
