//! Doc round trips for every endpoint, stamped out from the spec by `for_each_endpoint!`.
//!
//! Request: the typed request built from the doc's example values (generated in
//! `generated/examples.rs`) prepares to the doc's example request — the same keys and
//! values in the JSON body (or multipart `form-data` part), or for GET endpoints the
//! query string.
//! Response: the doc's example response decodes into the typed `data`, and encoding it
//! again gives back every field the server sent (numbers sent as strings compare by value).

use eko_api::{Client, Config, Endpoint, Environment};
use eko_spec::Location;
use eko_tests::endpoint;
use serde_json::Value;

const INITIATOR_ID: &str = "9962981729";

fn client() -> Client {
    let config = Config::new(
        Environment::Staging,
        eko_api::DeveloperKey::new("becbbce45f79c6f5109f848acd540567"),
        eko_api::AccessKey::new("d2fe1d99-6298-4af2-8cc5-d97dcf46df30"),
        INITIATOR_ID,
    );
    Client::new(config).expect("client builds")
}

fn check_request<E: Endpoint>(id: &str, request: &E) {
    let spec = endpoint(id);
    let prepared = client()
        .prepare(request)
        .unwrap_or_else(|error| panic!("{id}: the documented example does not validate: {error}"));
    match &spec.examples.request {
        Some(text) => {
            let mut expected: Value = serde_json::from_str(text).expect("example request is JSON");
            let files: Vec<&str> = spec
                .params
                .iter()
                .filter(|p| p.ty == eko_spec::Type::File)
                .map(|p| p.name.as_str())
                .collect();
            if let Some(object) = expected.as_object_mut() {
                object.retain(|key, _| !files.contains(&key.as_str()));
            }
            let body = prepared
                .body()
                .unwrap_or_else(|| panic!("{id}: a body was expected"));
            // Keys and values must match; a scalar that a named override retyped (an OTP
            // documented as a number but sent as text) compares by value.
            let mut differences = Vec::new();
            same_value("body", &expected, body, &mut differences);
            assert!(
                differences.is_empty(),
                "{id}: the prepared body differs from the documented example: {differences:#?}\nsent: {body}"
            );
            assert_eq!(prepared.file_names(), files, "{id}: file parts");
        }
        None => {
            for param in spec
                .params
                .iter()
                .filter(|param| param.location == Location::Query)
            {
                let expected = if param.name == "initiator_id" {
                    Some(INITIATOR_ID)
                } else {
                    param.example.as_deref()
                };
                let Some(expected) = expected else { continue };
                let sent = prepared
                    .query()
                    .iter()
                    .find(|(name, _)| name == &param.name)
                    .map(|(_, value)| value.as_str());
                assert_eq!(
                    sent,
                    Some(expected),
                    "{id}: query parameter `{}`",
                    param.name
                );
            }
        }
    }
    for param in spec
        .params
        .iter()
        .filter(|param| param.location == Location::Path)
    {
        let example = param.example.as_deref().expect("path params have examples");
        assert!(
            prepared.path().contains(example),
            "{id}: path {} lacks `{}`",
            prepared.path(),
            param.name
        );
    }
}

fn check_response<E: Endpoint>(id: &str, _request: &E)
where
    E::Data: serde::Serialize,
{
    let spec = endpoint(id);
    let example: Value =
        serde_json::from_str(&spec.examples.response).expect("example response is JSON");
    if example.get("status").is_none() {
        // The page shows no envelope (Get Banks documents `{}`): there is nothing to
        // decode, and a real body without `status` is rightly an error.
        assert!(
            example.as_object().is_some_and(|object| object.is_empty()),
            "{id}: an example response without `status` must be empty"
        );
        return;
    }
    let response = eko_api::decode_response::<E>(200, spec.examples.response.clone())
        .unwrap_or_else(|error| panic!("{id}: the documented response does not decode: {error}"));
    // The payload as sent: `data`, plus the payload fields some pages put beside the envelope.
    let envelope = [
        "status",
        "message",
        "response_status_id",
        "response_type_id",
        "data",
    ];
    let mut sent = match example.get("data") {
        Some(Value::Object(fields)) => fields.clone(),
        _ => serde_json::Map::new(),
    };
    for (key, value) in example.as_object().into_iter().flatten() {
        if !envelope.contains(&key.as_str()) {
            sent.entry(key.clone()).or_insert_with(|| value.clone());
        }
    }
    let decoded = serde_json::to_value(&response.data).expect("typed data encodes");
    let mut differences = Vec::new();
    same_value("data", &Value::Object(sent), &decoded, &mut differences);
    assert!(
        differences.is_empty(),
        "{id}: decoding the documented response lost or changed: {differences:#?}"
    );
    assert_eq!(
        response.message,
        example["message"].as_str().unwrap_or_default(),
        "{id}: message"
    );
}

/// Equal as Eko means it: numbers and numeric strings by value, `""`/`null`/absent alike.
fn same_value(path: &str, sent: &Value, decoded: &Value, differences: &mut Vec<String>) {
    match (sent, decoded) {
        (Value::Object(sent), Value::Object(decoded)) => {
            for (key, value) in sent {
                let child = format!("{path}.{key}");
                match decoded.get(key) {
                    Some(other) => same_value(&child, value, other, differences),
                    None if is_blank(value) => {}
                    None => differences.push(format!("{child}: dropped {value}")),
                }
            }
            for key in decoded.keys().filter(|key| !sent.contains_key(*key)) {
                differences.push(format!("{path}.{key}: invented"));
            }
        }
        (Value::Array(sent), Value::Array(decoded)) if sent.len() == decoded.len() => {
            for (index, (sent, decoded)) in sent.iter().zip(decoded).enumerate() {
                same_value(&format!("{path}[{index}]"), sent, decoded, differences);
            }
        }
        _ if scalar_text(sent).is_some() && scalar_text(sent) == scalar_text(decoded) => {}
        _ if as_number(sent).is_some() && as_number(sent) == as_number(decoded) => {}
        _ if sent == decoded => {}
        _ => differences.push(format!("{path}: sent {sent}, decoded {decoded}")),
    }
}

fn is_blank(value: &Value) -> bool {
    value.is_null() || value.as_str().is_some_and(|text| text.trim().is_empty())
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(flag) => Some(flag.to_string()),
        Value::Number(number) => Some(number.to_string()),
        _ => None,
    }
}

fn as_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => number.as_f64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

macro_rules! roundtrip_tests {
    ($(($name:ident, $id:literal)),* $(,)?) => {
        mod request {
            $(
                #[test]
                fn $name() {
                    super::check_request($id, &eko_tests::examples::$name());
                }
            )*
        }
        mod response {
            $(
                #[test]
                fn $name() {
                    super::check_response($id, &eko_tests::examples::$name());
                }
            )*
        }
    };
}

eko_tests::for_each_endpoint!(roundtrip_tests);
