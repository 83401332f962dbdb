//! Checks that the spec makes sense as a whole, beyond what deserializing enforces.
//!
//! Each check reports the endpoint and the field it concerns, so a bad import or a
//! hand edit is caught here with a precise message rather than as broken Rust later.

use crate::error::SpecError;
use crate::names;
use eko_spec::{
    BodyEncoding, Bundle, Endpoint, Location, Method, Param, ResponseField, Role, Type,
};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// All problems in `bundle`; empty when it is valid.
pub fn validate(bundle: &Bundle) -> Vec<SpecError> {
    let mut problems = Problems::default();
    check_shared(bundle, &mut problems);
    let mut ids = BTreeSet::new();
    let mut methods = BTreeMap::new();
    for endpoint in &bundle.endpoints {
        problems.endpoint = Some(endpoint.clone());
        if !ids.insert(endpoint.id.as_str()) {
            problems.push(None, "the id is used by another endpoint".into());
        }
        let method = names::method_name(&endpoint.id);
        if let Some(other) = methods.insert(method.clone(), endpoint.id.clone()) {
            problems.push(
                None,
                format!("the client method `{method}` would clash with endpoint `{other}`"),
            );
        }
        check_endpoint(bundle, endpoint, &mut problems);
    }
    problems.list
}

#[derive(Default)]
struct Problems {
    endpoint: Option<Endpoint>,
    list: Vec<SpecError>,
}

impl Problems {
    fn push(&mut self, field: Option<String>, message: String) {
        let (file, endpoint) = match &self.endpoint {
            Some(endpoint) => (
                PathBuf::from(format!("endpoints/{}/{}.toml", endpoint.group, endpoint.id)),
                Some(endpoint.id.clone()),
            ),
            None => (PathBuf::from(eko_spec::SHARED_FILE), None),
        };
        self.list.push(SpecError {
            file,
            endpoint,
            field,
            message,
        });
    }
}

fn check_shared(bundle: &Bundle, problems: &mut Problems) {
    let shared = &bundle.shared;
    let mut groups = BTreeSet::new();
    for (index, group) in shared.groups.iter().enumerate() {
        if !groups.insert(group.id.as_str()) {
            problems.push(
                Some(format!("groups[{index}].id")),
                format!("group `{}` is defined twice", group.id),
            );
        }
        if !names::is_snake_ident(&group.id) {
            problems.push(
                Some(format!("groups[{index}].id")),
                format!(
                    "`{}` must be a snake_case word: it names a module and a cargo feature",
                    group.id
                ),
            );
        }
    }
    for required in [
        "status",
        "message",
        "response_status_id",
        "response_type_id",
        "data",
    ] {
        if !shared.envelope.iter().any(|field| field.name == required) {
            problems.push(
                Some("envelope".into()),
                format!("the envelope lacks `{required}`"),
            );
        }
    }
    let formats: BTreeSet<_> = shared.formats.iter().map(|format| format.name).collect();
    let used: BTreeSet<_> = bundle
        .endpoints
        .iter()
        .flat_map(|endpoint| all_params(&endpoint.params))
        .filter_map(|p| p.format)
        .collect();
    for format in &shared.formats {
        if let Some(construct) = dialect_dependent(&format.pattern) {
            problems.push(
                Some("formats".into()),
                format!(
                    "format `{:?}`: `{construct}` means different things in ECMA-262 (OpenAPI's patterns, which Schemathesis and other tools draw from) and in Rust's regex (the client and the mock); spell the characters out, e.g. `[0-9]` or `[^@\\x00-\\x20]`",
                    format.name
                ),
            );
        }
    }
    for missing in used.difference(&formats) {
        problems.push(
            Some("formats".into()),
            format!("format `{missing:?}` is used but has no definition"),
        );
    }
    if !shared
        .common_params
        .iter()
        .any(|param| param.role == Role::Config)
    {
        problems.push(
            Some("common_params".into()),
            "no parameter has role `config` (initiator_id)".into(),
        );
    }
}

/// The first construct of `pattern` whose meaning differs between ECMA-262 and Rust's
/// regex: the Perl classes (`\s` takes U+0085 in Rust only and U+FEFF in ECMA-262 only;
/// `\d` and `\w` are Unicode-wide in Rust only), word boundaries, Unicode properties,
/// and `.` outside a class (Rust's matches `\r`, ECMA-262's does not).
fn dialect_dependent(pattern: &str) -> Option<String> {
    let mut chars = pattern.chars();
    let mut in_class = false;
    while let Some(character) = chars.next() {
        match character {
            '\\' => {
                let escaped = chars.next()?;
                if "sSdDwWbBpP".contains(escaped) {
                    return Some(format!("\\{escaped}"));
                }
            }
            '[' => in_class = true,
            ']' => in_class = false,
            '.' if !in_class => return Some(".".into()),
            _ => {}
        }
    }
    None
}

fn all_params(params: &[Param]) -> Vec<&Param> {
    let mut all = Vec::new();
    for param in params {
        all.push(param);
        all.extend(all_params(&param.fields));
    }
    all
}

fn check_endpoint(bundle: &Bundle, endpoint: &Endpoint, problems: &mut Problems) {
    if !bundle
        .shared
        .groups
        .iter()
        .any(|group| group.id == endpoint.group)
    {
        problems.push(
            Some("group".into()),
            format!("`{}` is not a group in shared.toml", endpoint.group),
        );
    }
    if !names::is_slug(&endpoint.id) {
        problems.push(
            Some("id".into()),
            "ids are lowercase words joined by `-`".into(),
        );
    }
    check_path(endpoint, problems);
    check_params(endpoint, problems);
    check_response(&endpoint.response, problems);
    check_examples(endpoint, problems);
    for (index, name) in endpoint.request_hash.iter().enumerate() {
        let field = Some(format!("request_hash[{index}]"));
        match endpoint.params.iter().find(|param| &param.name == name) {
            Some(param) if param.location == Location::Body => {}
            _ => problems.push(field, format!("`{name}` is not a body parameter")),
        }
    }
}

fn check_path(endpoint: &Endpoint, problems: &mut Problems) {
    if !endpoint.path.starts_with('/') {
        problems.push(Some("path".into()), "the path must start with `/`".into());
    }
    if endpoint.path.contains(['?', '#']) {
        problems.push(
            Some("path".into()),
            "the path template must not contain a query or fragment".into(),
        );
    }
    let tokens = endpoint.path_tokens();
    for token in &tokens {
        let declared = endpoint
            .params
            .iter()
            .any(|p| p.location == Location::Path && p.name == *token);
        if !declared {
            problems.push(
                Some("path".into()),
                format!("`{{{token}}}` has no path parameter"),
            );
        }
    }
    for (index, param) in endpoint.params.iter().enumerate() {
        if param.location == Location::Path && !tokens.contains(&param.name.as_str()) {
            problems.push(
                Some(format!("params[{index}]")),
                format!("path parameter `{}` is not in the path", param.name),
            );
        }
    }
}

fn check_params(endpoint: &Endpoint, problems: &mut Problems) {
    let mut wire_names = BTreeSet::new();
    let mut rust_names = BTreeMap::new();
    for (index, param) in endpoint.params.iter().enumerate() {
        let field = format!("params[{index}]");
        if !wire_names.insert(param.name.as_str()) {
            problems.push(
                Some(field.clone()),
                format!("`{}` is declared twice", param.name),
            );
        }
        let rust = names::field_name(&param.name);
        if let Some(other) = rust_names.insert(rust.clone(), param.name.clone()) {
            problems.push(
                Some(field.clone()),
                format!(
                    "`{}` and `{other}` both become the Rust name `{rust}`",
                    param.name
                ),
            );
        }
        if endpoint.method == Method::Get && param.location == Location::Body {
            problems.push(
                Some(field.clone()),
                "a GET endpoint cannot take body parameters".into(),
            );
        }
        if param.location != Location::Body
            && matches!(param.ty, Type::Object | Type::Array | Type::File)
        {
            problems.push(
                Some(field.clone()),
                format!(
                    "a {:?} parameter cannot be a {:?}",
                    param.location, param.ty
                ),
            );
        }
        if param.location == Location::Path && !param.required {
            problems.push(
                Some(field.clone()),
                "path parameters are always required".into(),
            );
        }
        if param.ty == Type::File && endpoint.body != BodyEncoding::Multipart {
            problems.push(
                Some(field.clone()),
                "file parameters need `body = \"multipart\"`".into(),
            );
        }
        if param.constant.is_some()
            && endpoint
                .value_lists
                .iter()
                .any(|list| list.applies_to(&param.name))
        {
            problems.push(
                Some(format!("{field}.constant")),
                "a fixed value cannot also have a value list (its field would be an enum)".into(),
            );
        }
        check_param_shape(param, &field, problems);
    }
    if endpoint.body == BodyEncoding::Multipart
        && !endpoint.params.iter().any(|p| p.ty == Type::File)
    {
        problems.push(
            Some("body".into()),
            "a multipart endpoint needs at least one file parameter".into(),
        );
    }
}

fn check_param_shape(param: &Param, field: &str, problems: &mut Problems) {
    // The request sets a fixed value itself, as a literal of the field's Rust type:
    // text without a format (an identifier or date type has no literal) or a whole
    // number.
    if let Some(constant) = &param.constant {
        let literal = match param.ty {
            Type::String => param.format.is_none(),
            Type::Integer | Type::Number => constant.parse::<i64>().is_ok(),
            _ => false,
        };
        if !literal {
            problems.push(
                Some(format!("{field}.constant")),
                format!(
                    "the fixed value `{constant}` of a {:?}{} has no literal the request could set: \
                     only text without a format and whole numbers do",
                    param.ty,
                    param
                        .format
                        .map(|format| format!(" with format `{format:?}`"))
                        .unwrap_or_default()
                ),
            );
        }
    }
    if let Some(format) = param.format
        && !matches!(param.ty, Type::String | Type::Integer | Type::Number)
    {
        problems.push(
            Some(format!("{field}.format")),
            format!("format `{format:?}` applies to text, not {:?}", param.ty),
        );
    }
    match (param.ty, param.items) {
        (Type::Array, Some(Type::Array | Type::File)) => {
            problems.push(
                Some(format!("{field}.items")),
                "arrays of arrays or files are not supported".into(),
            );
        }
        (Type::Array, _) => {}
        (_, Some(_)) => problems.push(
            Some(format!("{field}.items")),
            "only arrays have `items`".into(),
        ),
        _ => {}
    }
    let holds_fields =
        param.ty == Type::Object || (param.ty == Type::Array && param.items == Some(Type::Object));
    if !param.fields.is_empty() && !holds_fields {
        problems.push(
            Some(format!("{field}.fields")),
            "only objects and arrays of objects have `fields`".into(),
        );
    }
    let mut names = BTreeSet::new();
    for (index, child) in param.fields.iter().enumerate() {
        let child_field = format!("{field}.fields[{index}]");
        if !names.insert(child.name.as_str()) {
            problems.push(
                Some(child_field.clone()),
                format!("`{}` is declared twice", child.name),
            );
        }
        if child.ty == Type::File {
            problems.push(
                Some(child_field.clone()),
                "files must be top-level parameters".into(),
            );
        }
        check_param_shape(child, &child_field, problems);
    }
}

fn check_response(fields: &[ResponseField], problems: &mut Problems) {
    let mut seen: BTreeMap<&str, Type> = BTreeMap::new();
    for (index, field) in fields.iter().enumerate() {
        let at = Some(format!("response[{index}] ({})", field.path));
        if field.path.is_empty() || field.path.split('.').any(str::is_empty) {
            problems.push(at, "the path has an empty segment".into());
            continue;
        }
        if seen.contains_key(field.path.as_str()) {
            problems.push(at.clone(), "the path is listed twice".into());
        }
        if let Some((parent, _)) = field.path.rsplit_once('.') {
            match seen.get(parent) {
                Some(Type::Object | Type::Array) => {}
                Some(other) => problems.push(
                    at.clone(),
                    format!("its parent `{parent}` is a {other:?}, not an object or array"),
                ),
                None => problems.push(
                    at.clone(),
                    format!("its parent `{parent}` must be listed before it"),
                ),
            }
        }
        if field.items.is_some() && field.ty != Type::Array {
            problems.push(at, "only arrays have `items`".into());
        }
        seen.insert(&field.path, field.ty);
    }
}

fn check_examples(endpoint: &Endpoint, problems: &mut Problems) {
    if let Some(request) = &endpoint.examples.request {
        match serde_json::from_str::<serde_json::Value>(request) {
            Ok(serde_json::Value::Object(_)) => {}
            Ok(_) => problems.push(
                Some("examples.request".into()),
                "the example request is not a JSON object".into(),
            ),
            Err(error) => problems.push(
                Some("examples.request".into()),
                format!("invalid JSON: {error}"),
            ),
        }
    }
    match serde_json::from_str::<serde_json::Value>(&endpoint.examples.response) {
        Ok(serde_json::Value::Object(_)) => {}
        Ok(_) => problems.push(
            Some("examples.response".into()),
            "the example response is not a JSON object".into(),
        ),
        Err(error) => problems.push(
            Some("examples.response".into()),
            format!("invalid JSON: {error}"),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{Problems, check_param_shape, dialect_dependent};
    use eko_spec::{Format, Location, Param, Type};

    fn fixed(ty: Type, format: Option<Format>, value: &str) -> Param {
        Param {
            name: "mode".into(),
            location: Location::Body,
            ty,
            required: true,
            description: String::new(),
            example: None,
            format,
            items: None,
            fields: Vec::new(),
            undocumented: false,
            semantic: None,
            sensitive: false,
            constant: Some(value.into()),
        }
    }

    #[test]
    fn a_fixed_value_must_be_a_literal_of_its_field() {
        for (param, literal) in [
            (fixed(Type::String, None, "mobile_number"), true),
            (fixed(Type::Integer, None, "80"), true),
            (fixed(Type::Number, None, "1"), true),
            (fixed(Type::Number, None, "1.5"), false),
            (
                fixed(Type::String, Some(Format::Mobile), "9962981729"),
                false,
            ),
            (fixed(Type::Boolean, None, "true"), false),
        ] {
            let mut problems = Problems::default();
            check_param_shape(&param, "params[0]", &mut problems);
            assert_eq!(problems.list.is_empty(), literal, "{param:?}");
        }
    }

    #[test]
    fn patterns_must_mean_the_same_in_both_dialects() {
        for neutral in [
            "^[6-9][0-9]{9}$",
            "^[A-Za-z0-9_-]{1,20}$",
            "^[^@\\x00-\\x20]+@[^@\\x00-\\x20]+\\.[^@.]+$",
            "^a[.]b$",
        ] {
            assert_eq!(dialect_dependent(neutral), None, "{neutral}");
        }
        for (pattern, construct) in [
            ("^[^@\\s]+@[^@\\s]+$", "\\s"),
            ("^\\d{6}$", "\\d"),
            ("^\\w+$", "\\w"),
            ("^a.b$", "."),
            ("^\\p{L}+$", "\\p"),
        ] {
            assert_eq!(
                dialect_dependent(pattern).as_deref(),
                Some(construct),
                "{pattern}"
            );
        }
    }

    #[test]
    fn the_spec_formats_are_dialect_neutral() {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let shared = crate::load::load_shared(&spec).expect("shared.toml loads");
        for format in &shared.formats {
            assert_eq!(
                dialect_dependent(&format.pattern),
                None,
                "{:?}",
                format.name
            );
        }
    }
}
