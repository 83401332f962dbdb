//! Raw HTTP helpers for the mock's tests: signed requests sent through the router
//! in-process, and documented example requests rebuilt from the spec.
#![allow(dead_code)] // each test file uses its own subset

pub mod raw;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use eko_mock::MockConfig;
use eko_spec::{BodyEncoding, Endpoint, Location, Method, Param, Type};
use http_body_util::BodyExt;
use serde_json::{Map, Value, json};
use tower::ServiceExt;

/// What came back: HTTP status, headers and the body parsed as JSON.
pub struct Reply {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub json: Value,
}

/// Sends one request through `router` (each call consumes a clone; state is shared).
pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("the router is infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body reads")
        .to_bytes();
    let json = serde_json::from_slice(&bytes)
        .unwrap_or_else(|error| panic!("not JSON ({error}): {}", String::from_utf8_lossy(&bytes)));
    Reply {
        status,
        headers,
        json,
    }
}

/// A request builder with the three auth headers signed for now.
pub fn signed(config: &MockConfig, method: &str, uri: &str) -> axum::http::request::Builder {
    let timestamp = eko_mock::now_ms().to_string();
    Request::builder()
        .method(method)
        .uri(uri)
        .header(eko_mock::DEVELOPER_KEY_HEADER, &config.developer_key)
        .header(eko_mock::TIMESTAMP_HEADER, &timestamp)
        .header(
            eko_mock::SECRET_KEY_HEADER,
            eko_mock::sign(&config.access_key, &timestamp),
        )
}

/// A signed JSON request.
pub fn json_request(config: &MockConfig, method: &str, uri: &str, body: &Value) -> Request<Body> {
    signed(config, method, uri)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .expect("a valid request")
}

/// The endpoint with this id; panics with a clear message when the spec lacks it.
pub fn endpoint(id: &str) -> &'static Endpoint {
    eko_mock::bundle()
        .endpoints
        .iter()
        .find(|endpoint| endpoint.id == id)
        .unwrap_or_else(|| panic!("the spec has no endpoint `{id}`"))
}

/// The endpoint's path below the base path with `values` (or the documented examples)
/// in place of its `{tokens}`.
pub fn path_of(endpoint: &Endpoint, values: &[(&str, &str)]) -> String {
    let mut path = endpoint.path.clone();
    for token in endpoint.path_tokens() {
        let value = values
            .iter()
            .find(|(name, _)| *name == token)
            .map(|(_, value)| (*value).to_owned())
            .or_else(|| param(endpoint, token).and_then(|param| param.example.clone()))
            .unwrap_or_else(|| "1".to_owned());
        path = path.replace(&format!("{{{token}}}"), &value);
    }
    path
}

fn param<'a>(endpoint: &'a Endpoint, name: &str) -> Option<&'a Param> {
    endpoint.params.iter().find(|param| param.name == name)
}

/// A JSON value for a parameter from its documented example text.
pub fn example_value(param: &Param) -> Value {
    let text = param.example.clone().unwrap_or_default();
    match param.ty {
        Type::Number | Type::Integer => text
            .parse::<serde_json::Number>()
            .map(Value::Number)
            .unwrap_or(Value::String(text)),
        Type::Boolean => Value::Bool(text == "true"),
        Type::Array => Value::Array(
            text.split(',')
                .map(|item| Value::String(item.trim().to_owned()))
                .collect(),
        ),
        Type::Object => Value::Object(
            param
                .fields
                .iter()
                .map(|field| (field.name.clone(), example_value(field)))
                .collect(),
        ),
        Type::String | Type::File => Value::String(text),
    }
}

/// The documented example request of `endpoint`, as a ready-to-send signed request.
pub fn example_request(config: &MockConfig, endpoint: &Endpoint) -> Request<Body> {
    let mut uri = format!("{}{}", config.base_path, path_of(endpoint, &[]));
    let query: Vec<String> = endpoint
        .params
        .iter()
        .filter(|param| param.location == Location::Query)
        .filter_map(|param| {
            let value = param.example.as_ref()?;
            Some(format!("{}={}", param.name, percent_encode(value)))
        })
        .collect();
    if !query.is_empty() {
        uri = format!("{uri}?{}", query.join("&"));
    }
    if endpoint.method == Method::Get {
        return signed(config, "GET", &uri)
            .body(Body::empty())
            .expect("a valid request");
    }
    let body = example_request_body(endpoint);
    match endpoint.body {
        BodyEncoding::Json => {
            json_request(config, endpoint.method.as_str(), &uri, &Value::Object(body))
        }
        BodyEncoding::Multipart => multipart_request(config, endpoint, &uri, body),
    }
}

/// The documented example body, or one built from the parameters' examples.
pub fn example_request_body(endpoint: &Endpoint) -> Map<String, Value> {
    let documented = endpoint
        .examples
        .request
        .as_deref()
        .and_then(|text| serde_json::from_str::<Value>(text).ok())
        .and_then(|value| value.as_object().cloned());
    documented.unwrap_or_else(|| {
        endpoint
            .params
            .iter()
            .filter(|param| param.location == Location::Body && param.example.is_some())
            .map(|param| (param.name.clone(), example_value(param)))
            .collect()
    })
}

/// A signed multipart request: the non-file fields as JSON in `form-data`, a small
/// PDF-like part per file parameter.
pub fn multipart_request(
    config: &MockConfig,
    endpoint: &Endpoint,
    uri: &str,
    mut body: Map<String, Value>,
) -> Request<Body> {
    let boundary = "eko-mock-test-boundary";
    let mut payload = String::new();
    let files: Vec<&Param> = endpoint
        .params
        .iter()
        .filter(|param| param.ty == Type::File)
        .collect();
    for file in &files {
        body.remove(&file.name);
    }
    payload.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"form-data\"\r\n\r\n{}\r\n",
        Value::Object(body)
    ));
    for file in files {
        payload.push_str(&format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"; filename=\"{}.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 test\r\n",
            file.name, file.name
        ));
    }
    payload.push_str(&format!("--{boundary}--\r\n"));
    signed(config, endpoint.method.as_str(), uri)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(payload))
        .expect("a valid request")
}

fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// The envelope fields that identify an outcome, `status` and `response_type_id`,
/// from `envelope` (missing ones as null). Messages are left out: two pages
/// (fund-transfer-inquiry, qr-transaction-inquiry) document byte-identical requests at
/// one path with different wording, so no server could tell which page was meant.
pub fn outcome_of(envelope: &Value) -> Value {
    json!({
        "status": envelope["status"],
        "response_type_id": envelope["response_type_id"],
    })
}

/// The outcome the endpoint's page shows in its example response.
pub fn documented_outcome(endpoint: &Endpoint) -> Value {
    serde_json::from_str::<Value>(&endpoint.examples.response)
        .map(|mut example| {
            // An example without an envelope (`{}`) is answered as a plain success.
            if example.get("status").is_none() {
                example["status"] = Value::from(0);
            }
            outcome_of(&example)
        })
        .unwrap_or(Value::Null)
}
