//! Parameter validation against the spec: presence, type and format.
//!
//! Every bad field is reported, not just the first, keyed by its wire name (nested
//! keys as `parent.child`, list elements as `parent[0]`), the way Eko's
//! `invalid_params` map reports them.

use crate::catalog::Catalog;
use crate::inputs::Inputs;
use eko_spec::{Endpoint, Format, Location, Param, Role, Type, ValueList};
use serde_json::Value;
use std::collections::BTreeMap;

/// Field name → what is wrong with it.
pub(crate) type InvalidParams = BTreeMap<String, String>;

/// Checks every parameter of `endpoint` in `inputs`; `initiator_id` must also equal
/// `initiator_id`, the one the mock is configured with.
pub(crate) fn validate(
    endpoint: &Endpoint,
    inputs: &Inputs,
    catalog: &Catalog,
    initiator_id: &str,
) -> InvalidParams {
    let mut invalid = InvalidParams::new();
    let checker = Checker {
        catalog,
        lists: &endpoint.value_lists,
    };
    for param in &endpoint.params {
        if param.ty == Type::File {
            let sent = inputs
                .files
                .get(&param.name)
                .is_some_and(|upload| upload.len > 0);
            if param.required && !sent {
                invalid.insert(
                    param.name.clone(),
                    "a non-empty file part is required".to_owned(),
                );
            }
            continue;
        }
        let value = inputs.value(param);
        let textual = param.location != Location::Body;
        checker.check_param(&param.name, param, value.as_ref(), textual, &mut invalid);
        if catalog.role(&param.name) == Role::Config
            && !invalid.contains_key(&param.name)
            && let Some(sent) = value.as_ref().and_then(crate::scalar::scalar_text)
            && sent != initiator_id
        {
            invalid.insert(
                param.name.clone(),
                "is not the initiator registered for this developer_key".to_owned(),
            );
        }
    }
    for part in &inputs.unknown_parts {
        invalid.insert(
            part.clone(),
            format!("is not a part this endpoint takes: send the non-file fields as JSON in the `{}` part", crate::inputs::FORM_DATA_PART),
        );
    }
    invalid
}

struct Checker<'a> {
    catalog: &'a Catalog,
    /// The endpoint's documented value lists: the document's `enum`s.
    lists: &'a [ValueList],
}

impl Checker<'_> {
    /// Presence first; a present value is then checked for type and format. An empty
    /// string (or `null`) counts as absent: the document gives a required text `minLength: 1`.
    fn check_param(
        &self,
        field: &str,
        param: &Param,
        value: Option<&Value>,
        textual: bool,
        invalid: &mut InvalidParams,
    ) {
        let value = value.filter(|value| !is_blank(value));
        match value {
            None if param.required => {
                invalid.insert(field.to_owned(), "is required".to_owned());
            }
            None => {}
            Some(value) => {
                self.check_value(field, param.ty, param, value, textual, invalid);
                if !invalid.contains_key(field)
                    && let Some(problem) = self.allowed_problem(field, param, value)
                {
                    invalid.insert(field.to_owned(), problem);
                }
            }
        }
    }

    /// A scalar the document pins (`const`) or lists (`enum`, from a value list) must be
    /// one of those values; numbers compare as numbers (`80.0` is `80`).
    fn allowed_problem(&self, field: &str, param: &Param, value: &Value) -> Option<String> {
        if !matches!(
            param.ty,
            Type::String | Type::Number | Type::Integer | Type::Boolean
        ) {
            return None;
        }
        let sent = crate::scalar::scalar_text(value)?;
        let same = |code: &str| match param.ty {
            Type::Number | Type::Integer => match (code.parse::<f64>(), sent.parse::<f64>()) {
                (Ok(code), Ok(sent)) => code == sent,
                _ => code == sent,
            },
            _ => code == sent,
        };
        if let Some(constant) = &param.constant {
            return (!same(constant)).then(|| format!("must be {constant}"));
        }
        let path = schema_path(field);
        let list = self.lists.iter().find(|list| list.applies_to(&path))?;
        if list.values.iter().any(|value| same(&value.code)) {
            return None;
        }
        let codes: Vec<&str> = list
            .values
            .iter()
            .map(|value| value.code.as_str())
            .collect();
        Some(format!("must be one of {}", codes.join(", ")))
    }

    fn check_value(
        &self,
        field: &str,
        ty: Type,
        param: &Param,
        value: &Value,
        textual: bool,
        invalid: &mut InvalidParams,
    ) {
        let problem = match ty {
            Type::String => match value {
                Value::String(_) | Value::Number(_) => self.format_problem(param.format, value),
                _ => Some("must be a string".to_owned()),
            },
            // Text in a path or query is any JSON number (`1.5e-7` included), which is how
            // a number travels there; in a JSON body, text is read leniently as a decimal.
            Type::Number => match value {
                Value::Number(_) => self.format_problem(param.format, value),
                Value::String(text) if is_decimal(text) || (textual && is_number(text)) => {
                    self.format_problem(param.format, value)
                }
                _ => Some("must be a number".to_owned()),
            },
            // Whole as JSON Schema's `integer` counts it: `110.0` is whole.
            Type::Integer => match value {
                Value::Number(number) if is_whole_number(number) => {
                    self.format_problem(param.format, value)
                }
                Value::String(text) if is_whole(text) => self.format_problem(param.format, value),
                _ => Some("must be a whole number".to_owned()),
            },
            Type::Boolean => match value {
                Value::Bool(_) => None,
                Value::String(text) if text == "true" || text == "false" => None,
                _ => Some("must be true or false".to_owned()),
            },
            // The document gives a required list `minItems: 1`.
            Type::Array => match value {
                Value::Array(items) if items.is_empty() && param.required => {
                    Some("must not be empty".to_owned())
                }
                Value::Array(items) => {
                    let item_type = param.items.unwrap_or(if param.fields.is_empty() {
                        Type::String
                    } else {
                        Type::Object
                    });
                    for (index, item) in items.iter().enumerate() {
                        self.check_item(
                            &format!("{field}[{index}]"),
                            item_type,
                            param,
                            item,
                            invalid,
                        );
                    }
                    None
                }
                // A list in a query string or path travels as comma-separated text.
                Value::String(_) if textual => None,
                _ => Some("must be a list".to_owned()),
            },
            Type::Object => match value {
                Value::Object(map) => {
                    self.check_fields(field, &param.fields, map, invalid);
                    None
                }
                Value::String(text) if textual => match serde_json::from_str::<Value>(text) {
                    Ok(Value::Object(map)) => {
                        self.check_fields(field, &param.fields, &map, invalid);
                        None
                    }
                    _ => Some("must be a JSON object".to_owned()),
                },
                _ => Some("must be an object".to_owned()),
            },
            Type::File => Some("must be sent as a file part".to_owned()),
        };
        if let Some(problem) = problem {
            invalid.insert(field.to_owned(), problem);
        }
    }

    /// A list element: objects are checked key by key, scalars by the list's item type
    /// and the parameter's format.
    fn check_item(
        &self,
        field: &str,
        item_type: Type,
        param: &Param,
        item: &Value,
        invalid: &mut InvalidParams,
    ) {
        if item_type == Type::Object {
            match item {
                Value::Object(map) => self.check_fields(field, &param.fields, map, invalid),
                _ => {
                    invalid.insert(field.to_owned(), "must be an object".to_owned());
                }
            }
        } else if is_blank(item) {
            invalid.insert(field.to_owned(), "must not be empty".to_owned());
        } else {
            self.check_value(field, item_type, param, item, false, invalid);
        }
    }

    fn check_fields(
        &self,
        parent: &str,
        fields: &[Param],
        map: &serde_json::Map<String, Value>,
        invalid: &mut InvalidParams,
    ) {
        for child in fields {
            let field = format!("{parent}.{}", child.name);
            self.check_param(&field, child, map.get(&child.name), false, invalid);
        }
    }

    fn format_problem(&self, format: Option<Format>, value: &Value) -> Option<String> {
        let format = format?;
        let text = crate::scalar::scalar_text(value)?;
        self.catalog.formats.check(format, &text)
    }
}

/// The field's place in the spec, without list indexes: `entries[0].pan` is `entries.pan`.
fn schema_path(field: &str) -> String {
    let mut path = String::with_capacity(field.len());
    let mut in_index = false;
    for character in field.chars() {
        match character {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if in_index => {}
            _ => path.push(character),
        }
    }
    path
}

/// Absent for all purposes: `null` or the empty string. Whitespace is a value.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        _ => false,
    }
}

/// A JSON number (RFC 8259) as text: `-1.5`, `2e-311`, `1E+16`.
fn is_number(text: &str) -> bool {
    text.trim() == text && serde_json::from_str::<serde_json::Number>(text).is_ok()
}

/// A JSON number without a fractional part, however it is spelled (`7`, `7.0`, `1e3`).
fn is_whole_number(number: &serde_json::Number) -> bool {
    number.is_i64()
        || number.is_u64()
        || number
            .as_f64()
            .is_some_and(|value| value.is_finite() && value.fract() == 0.0)
}

/// An optionally signed decimal such as `110`, `110.00` or `-1.5`.
fn is_decimal(text: &str) -> bool {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, "0"));
    is_digits(whole) && is_digits(fraction)
}

/// An optionally signed whole number.
fn is_whole(text: &str) -> bool {
    is_digits(text.strip_prefix('-').unwrap_or(text))
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::catalog;
    use serde_json::json;

    fn param(name: &str, ty: Type, required: bool) -> Param {
        Param {
            name: name.to_owned(),
            location: Location::Body,
            ty,
            required,
            description: String::new(),
            example: None,
            format: None,
            items: None,
            fields: Vec::new(),
            undocumented: false,
            semantic: None,
            sensitive: false,
            constant: None,
        }
    }

    fn endpoint(params: Vec<Param>) -> Endpoint {
        let mut endpoint = crate::bundle().endpoints[0].clone();
        endpoint.params = params;
        endpoint
    }

    fn run(params: Vec<Param>, body: Value) -> InvalidParams {
        let inputs = Inputs {
            body: body.as_object().cloned().unwrap_or_default(),
            ..Inputs::default()
        };
        validate(&endpoint(params), &inputs, catalog(), "9962981729")
    }

    #[test]
    fn numbers() {
        assert!(is_decimal("110.00") && is_decimal("110") && is_decimal("-1.5"));
        assert!(
            !is_decimal("1e5")
                && !is_decimal("1.")
                && !is_decimal(".5")
                && !is_decimal("")
                && !is_decimal("12a")
        );
        assert!(is_whole("42") && is_whole("-42") && !is_whole("4.2") && !is_whole("-"));
    }

    #[test]
    fn reports_every_bad_field() {
        let mut mobile = param("mobile", Type::String, true);
        mobile.format = Some(Format::Mobile);
        let mut address = param("address", Type::Object, true);
        address.fields = vec![
            param("pincode", Type::String, true),
            param("line", Type::String, false),
        ];
        let mut tags = param("tags", Type::Array, true);
        tags.items = Some(Type::Integer);
        let params = vec![
            mobile,
            param("amount", Type::Number, true),
            param("count", Type::Integer, false),
            param("flag", Type::Boolean, false),
            address,
            tags,
            param("missing", Type::String, true),
            param("optional", Type::String, false),
        ];
        let invalid = run(
            params,
            json!({"mobile": "12345", "amount": "ten", "count": 1.5, "flag": "yes", "address": {"line": true}, "tags": [1, "x"], "optional": ""}),
        );
        let fields: Vec<&str> = invalid.keys().map(String::as_str).collect();
        assert_eq!(
            fields,
            [
                "address.line",
                "address.pincode",
                "amount",
                "count",
                "flag",
                "missing",
                "mobile",
                "tags[1]"
            ]
        );
        assert_eq!(invalid["missing"], "is required");
        assert_eq!(invalid["address.pincode"], "is required");
    }

    #[test]
    fn accepts_lenient_forms() {
        let params = vec![
            param("amount", Type::Number, true),
            param("count", Type::Integer, true),
            param("flag", Type::Boolean, true),
            param("code", Type::String, true),
        ];
        let invalid = run(
            params,
            json!({"amount": "110.00", "count": "7", "flag": "true", "code": 20810200}),
        );
        assert!(invalid.is_empty(), "{invalid:?}");
    }

    #[test]
    fn only_the_empty_string_is_absent() {
        let params = || vec![param("code", Type::String, true)];
        assert_eq!(run(params(), json!({"code": ""}))["code"], "is required");
        assert_eq!(run(params(), json!({"code": null}))["code"], "is required");
        for value in [" ", "\n", "\u{85}"] {
            let invalid = run(params(), json!({ "code": value }));
            assert!(invalid.is_empty(), "{value:?}: {invalid:?}");
        }
    }

    #[test]
    fn whole_numbers_as_json_schema_counts_them() {
        let params = || vec![param("amount", Type::Integer, true)];
        for whole in [json!(0.0), json!(110.0), json!(1e20), json!(7), json!("7")] {
            let invalid = run(params(), json!({ "amount": whole }));
            assert!(invalid.is_empty(), "{whole}: {invalid:?}");
        }
        for fraction in [json!(0.5), json!("7.0"), json!("7.5")] {
            let invalid = run(params(), json!({ "amount": fraction }));
            assert_eq!(invalid["amount"], "must be a whole number", "{fraction}");
        }
    }

    #[test]
    fn numbers_in_a_query_are_json_numbers() {
        assert!(is_number("2.225073858507e-311") && is_number("-7.03e+16") && is_number("0"));
        assert!(is_number("1E5") && is_number("-0.5") && is_number("12"));
        for bad in [
            "", "-", "1e", "1.", ".5", "01", "1e+", "0x10", "1.5.2", "NaN", "inf",
        ] {
            assert!(!is_number(bad), "{bad}");
        }
        let mut category = param("category", Type::Number, true);
        category.location = Location::Query;
        let inputs = Inputs {
            query: [("category".to_owned(), "-7.031492866900981e+16".to_owned())].into(),
            ..Inputs::default()
        };
        let invalid = validate(&endpoint(vec![category]), &inputs, catalog(), "9962981729");
        assert!(invalid.is_empty(), "{invalid:?}");
    }

    #[test]
    fn parts_the_endpoint_does_not_take_are_refused() {
        let inputs = Inputs {
            unknown_parts: ["initiator_id".to_owned()].into(),
            ..Inputs::default()
        };
        let invalid = validate(&endpoint(Vec::new()), &inputs, catalog(), "9962981729");
        assert!(invalid["initiator_id"].starts_with("is not a part this endpoint takes"));
    }

    #[test]
    fn pinned_and_listed_values_are_the_only_ones() {
        let mut state = param("state", Type::Integer, true);
        state.constant = Some("1".to_owned());
        let mut address = param("address", Type::Object, true);
        address.fields = vec![param("kind", Type::String, true)];
        let mut endpoint = endpoint(vec![state, address]);
        endpoint.value_lists = vec![ValueList {
            field: "kind".to_owned(),
            title: "Kinds".to_owned(),
            description: None,
            label_field: None,
            values: ["home", "office"]
                .map(|code| eko_spec::DocumentedValue {
                    code: code.to_owned(),
                    label: None,
                    meaning: String::new(),
                })
                .to_vec(),
        }];
        let check = |body: Value| {
            let inputs = Inputs {
                body: body.as_object().cloned().unwrap_or_default(),
                ..Inputs::default()
            };
            validate(&endpoint, &inputs, catalog(), "9962981729")
        };
        for good in [json!(1), json!(1.0), json!("1")] {
            let invalid = check(json!({"state": good, "address": {"kind": "home"}}));
            assert!(invalid.is_empty(), "{good}: {invalid:?}");
        }
        let invalid = check(json!({"state": 2, "address": {"kind": "shop"}}));
        assert_eq!(invalid["state"], "must be 1");
        assert_eq!(invalid["address.kind"], "must be one of home, office");
        assert_eq!(schema_path("entries[0].pan[12]"), "entries.pan");
    }

    #[test]
    fn dates_must_exist() {
        let mut dob = param("dob", Type::String, true);
        dob.format = Some(Format::Date);
        let invalid = run(vec![dob], json!({"dob": "2023-02-29"}));
        assert!(invalid.contains_key("dob"));
    }

    #[test]
    fn initiator_must_be_the_configured_one() {
        let initiator = param("initiator_id", Type::String, true);
        assert!(
            run(
                vec![initiator.clone()],
                json!({"initiator_id": "9962981729"})
            )
            .is_empty()
        );
        let invalid = run(vec![initiator], json!({"initiator_id": "9000000000"}));
        assert!(invalid.contains_key("initiator_id"));
    }

    #[test]
    fn required_files_need_a_part() {
        let invalid = run(vec![param("pan_card", Type::File, true)], json!({}));
        assert!(invalid.contains_key("pan_card"));
    }
}
