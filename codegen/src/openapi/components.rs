//! What every operation shares: servers, the signing headers as security schemes, the
//! input formats and the amount type as named schemas, the HTTP error answers, tags.

use eko_spec::{Format, Shared, StatusKind};
use heck::ToUpperCamelCase;
use serde_json::{Map, Value, json};

/// The schema every amount points at.
pub const AMOUNT: &str = "Amount";

/// A `$ref` to the component schema `name`.
pub fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// The component schema name of an input format, e.g. `ClientRefId`.
pub fn format_name(format: Format) -> String {
    let wire = serde_json::to_value(format).expect("formats serialize as their name");
    wire.as_str()
        .expect("formats serialize as a string")
        .to_upper_camel_case()
}

/// `servers`: staging first, since that is where an integration starts.
pub fn servers(shared: &Shared) -> Value {
    let mut names: Vec<&String> = shared.environments.keys().collect();
    names.sort_by_key(|name| (name.as_str() != "staging", name.as_str()));
    let servers: Vec<Value> = names
        .into_iter()
        .map(|name| {
            let environment = &shared.environments[name];
            json!({
                "url": environment.base_url,
                "description": format!("{name}: {}", environment.description),
            })
        })
        .collect();
    Value::Array(servers)
}

/// The signing headers as `apiKey` schemes, and the one requirement that names them
/// all (a requirement object's entries must all be satisfied together).
pub fn security_schemes(shared: &Shared) -> (Map<String, Value>, Value) {
    let mut schemes = Map::new();
    let mut requirement = Map::new();
    for header in shared
        .auth_headers
        .iter()
        .filter(|header| is_signing(&header.name))
    {
        let name = scheme_name(&header.name);
        schemes.insert(
            name.clone(),
            json!({
                "type": "apiKey",
                "in": "header",
                "name": header.name,
                "description": header.description,
            }),
        );
        requirement.insert(name, json!([]));
    }
    (schemes, json!([requirement]))
}

/// `content-type` is an auth header in the spec, but OpenAPI describes it through the
/// request body's media type, not as a header.
fn is_signing(header: &str) -> bool {
    !header.eq_ignore_ascii_case("content-type")
}

fn scheme_name(header: &str) -> String {
    header.replace('-', "_")
}

/// One schema per input format (its pattern, a description and the spec's valid
/// values as examples), and the amount type.
pub fn format_schemas(shared: &Shared) -> Map<String, Value> {
    let mut schemas = Map::new();
    for format in &shared.formats {
        let mut schema = json!({
            "type": "string",
            "pattern": format.pattern,
            "description": format.description,
            "examples": format.valid,
        });
        if format.name == Format::Date {
            schema["format"] = "date".into();
        }
        schemas.insert(format_name(format.name), schema);
    }
    schemas.insert(
        AMOUNT.into(),
        json!({
            "type": ["number", "string"],
            "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
            "format": "decimal",
            "description": "Money in rupees, exact: a JSON number or decimal text such as \"110.00\". Never read it into a binary float.",
            "examples": ["110.00", 5000],
        }),
    );
    schemas
}

/// Shared answers for the HTTP statuses other than 200, keyed by status code.
pub fn http_responses(shared: &Shared) -> Map<String, Value> {
    shared
        .status_codes
        .iter()
        .filter(|code| code.kind == StatusKind::Http && code.code != 200)
        .map(|code| {
            (
                code.code.to_string(),
                json!({ "description": code.meaning }),
            )
        })
        .collect()
}

/// One tag per product group.
pub fn tags(shared: &Shared) -> Value {
    let mut groups: Vec<_> = shared.groups.iter().collect();
    groups.sort_by(|a, b| a.id.cmp(&b.id));
    Value::Array(
        groups
            .into_iter()
            .map(|group| {
                json!({
                    "name": group.id,
                    "description": format!("{}: {}", group.title, group.description),
                })
            })
            .collect(),
    )
}

/// The name under `components/responses` of the answer for an HTTP status.
pub fn response_name(status: &str) -> String {
    format!("Http{status}")
}
