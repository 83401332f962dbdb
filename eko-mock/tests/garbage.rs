//! Hostile input on every endpoint: the mock answers with a 4xx or an Eko envelope,
//! never a crash and never a 5xx.

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{example_request, path_of, send, signed};
use eko_mock::MockConfig;
use eko_spec::{BodyEncoding, EndpointKind, Location, Method};
use serde_json::{Value, json};

fn served() -> impl Iterator<Item = &'static eko_spec::Endpoint> {
    eko_mock::bundle()
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Call)
}

fn uri_of(config: &MockConfig, endpoint: &eko_spec::Endpoint) -> String {
    format!("{}{}", config.base_path, path_of(endpoint, &[]))
}

fn content_type(endpoint: &eko_spec::Endpoint) -> &'static str {
    match endpoint.body {
        BodyEncoding::Json => "application/json",
        BodyEncoding::Multipart => "multipart/form-data; boundary=xyz",
    }
}

#[tokio::test]
async fn raw_garbage_bodies_are_client_errors() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let bodies: Vec<Vec<u8>> = vec![
        vec![0xff, 0xfe, 0xfd, 0x00, 0x80],
        b"{\"a\": \"\xff\xfe\"}".to_vec(),
        b"{{{{{{{{{{".to_vec(),
        "[".repeat(100_000).into_bytes(),
        b"--xyz\r\nContent-Disposition: form-data; name=\"form-data\"\r\n\r\n{broken".to_vec(),
        b"null".to_vec(),
    ];
    for endpoint in served().filter(|endpoint| endpoint.method != Method::Get) {
        for body in &bodies {
            let request = signed(
                &config,
                endpoint.method.as_str(),
                &uri_of(&config, endpoint),
            )
            .header(header::CONTENT_TYPE, content_type(endpoint))
            .body(Body::from(body.clone()))
            .unwrap();
            let reply = send(&router, request).await;
            assert!(
                reply.status.is_client_error(),
                "{}: {} {}",
                endpoint.id,
                reply.status,
                reply.json
            );
            assert_eq!(reply.json["status"], reply.status.as_u16());
        }
    }
}

#[tokio::test]
async fn every_parameter_of_the_wrong_type_is_reported_not_crashed_on() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let wrong_values = [
        json!({"deep": [1, {"x": null}]}),
        json!([[[]]]),
        json!(true),
        json!(-1e300),
        json!("\u{0000}\u{202e}"),
    ];
    for endpoint in served()
        .filter(|endpoint| endpoint.method != Method::Get && endpoint.body == BodyEncoding::Json)
    {
        for wrong in &wrong_values {
            let body: serde_json::Map<String, Value> = endpoint
                .params
                .iter()
                .filter(|param| param.location == Location::Body)
                .map(|param| (param.name.clone(), wrong.clone()))
                .collect();
            let request = common::json_request(
                &config,
                endpoint.method.as_str(),
                &uri_of(&config, endpoint),
                &Value::Object(body),
            );
            let reply = send(&router, request).await;
            assert_eq!(reply.status, 200, "{}: {}", endpoint.id, reply.json);
            // A boolean fits no other type, so it must be reported wherever it lands.
            let some_non_boolean = endpoint.params.iter().any(|param| {
                param.location == Location::Body && param.ty != eko_spec::Type::Boolean
            });
            if wrong.is_boolean() && some_non_boolean {
                assert!(
                    reply.json["invalid_params"].is_object(),
                    "{}: {wrong} {}",
                    endpoint.id,
                    reply.json
                );
            }
        }
    }
}

#[tokio::test]
async fn unsigned_requests_to_every_endpoint_are_403() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    for endpoint in served() {
        let mut request = example_request(&config, endpoint);
        request.headers_mut().remove(eko_mock::SECRET_KEY_HEADER);
        let reply = send(&router, request).await;
        assert_eq!(reply.status, 403, "{}", endpoint.id);
    }
}

#[tokio::test]
async fn odd_headers_and_paths_are_handled() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let endpoint = served().next().expect("the spec serves an endpoint");
    let uri = uri_of(&config, endpoint);

    let request = Request::builder()
        .method(endpoint.method.as_str())
        .uri(&uri)
        .header(eko_mock::DEVELOPER_KEY_HEADER, &config.developer_key)
        .header(
            eko_mock::TIMESTAMP_HEADER,
            "99999999999999999999999999999999",
        )
        .header(eko_mock::SECRET_KEY_HEADER, "====")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&router, request).await.status, 403);

    let request = Request::builder()
        .method(endpoint.method.as_str())
        .uri(&uri)
        .header(
            eko_mock::DEVELOPER_KEY_HEADER,
            axum::http::HeaderValue::from_bytes(b"\xff\xfe").unwrap(),
        )
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&router, request).await.status, 403);

    for path in ["/%ff%fe/x", "/%", "//", "/a/../../etc/passwd"] {
        let request = signed(&config, "GET", &format!("{}{path}", config.base_path))
            .body(Body::empty())
            .unwrap();
        let reply = send(&router, request).await;
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path}: {}",
            reply.status
        );
    }
}

#[tokio::test]
async fn a_huge_query_string_is_handled() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let Some(endpoint) = served().find(|endpoint| endpoint.method == Method::Get) else {
        return;
    };
    let uri = format!("{}?{}", uri_of(&config, endpoint), "a=%ff&".repeat(5_000));
    let request = signed(&config, "GET", &uri).body(Body::empty()).unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.status, 200, "{}", reply.json);
}
