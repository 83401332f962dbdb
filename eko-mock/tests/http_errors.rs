//! Transport errors: each answers with its HTTP status and a small JSON body.

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{endpoint, json_request, path_of, send, signed};
use eko_mock::MockConfig;
use eko_spec::Method;
use serde_json::json;

fn onboard_user_uri(config: &MockConfig) -> String {
    format!("{}{}", config.base_path, endpoint("onboard-user").path)
}

#[tokio::test]
async fn malformed_json_is_a_400() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    for body in ["{\"initiator_id\": ", "not json", "[1, 2]", "\"text\""] {
        let request = signed(&config, "POST", &onboard_user_uri(&config))
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let reply = send(&router, request).await;
        assert_eq!(reply.status, 400, "{body}");
        assert_eq!(reply.json["status"], 400);
        assert!(reply.json["message"].is_string());
    }
}

#[tokio::test]
async fn a_wrong_content_type_is_a_415() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let body = endpoint("onboard-user").examples.request.clone().unwrap();
    for content_type in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        let mut builder = signed(&config, "POST", &onboard_user_uri(&config));
        if let Some(content_type) = content_type {
            builder = builder.header(header::CONTENT_TYPE, content_type);
        }
        let reply = send(&router, builder.body(Body::from(body.clone())).unwrap()).await;
        assert_eq!(reply.status, 415, "{content_type:?}");
        assert_eq!(reply.json["status"], 415);
    }
}

/// No body at all (no content type, no bytes) is no parameters, as `{}` is: the
/// answer is Eko's HTTP 200 naming each missing one, for JSON and upload endpoints
/// alike, not a 415 (which the document lists for a body in another content type).
#[tokio::test]
async fn no_body_at_all_is_validated_like_an_empty_object() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let takes_a_body = |endpoint: &&eko_spec::Endpoint| {
        endpoint.method != Method::Get
            && endpoint.kind == eko_spec::EndpointKind::Call
            && endpoint
                .params
                .iter()
                .any(|param| param.location == eko_spec::Location::Body && param.required)
    };
    let mut encodings = std::collections::BTreeSet::new();
    for endpoint in eko_mock::bundle().endpoints.iter().filter(takes_a_body) {
        let uri = format!("{}{}", config.base_path, path_of(endpoint, &[]));
        let request = signed(&config, endpoint.method.as_str(), &uri)
            .body(Body::empty())
            .unwrap();
        let reply = send(&router, request).await;
        assert_eq!(reply.status, 200, "{}: {}", endpoint.id, reply.json);
        let invalid = reply.json["invalid_params"]
            .as_object()
            .unwrap_or_else(|| panic!("{}: no invalid_params in {}", endpoint.id, reply.json));
        assert!(!invalid.is_empty(), "{}", endpoint.id);
        encodings.insert(format!("{:?}", endpoint.body));
    }
    assert_eq!(
        encodings.len(),
        2,
        "both JSON and upload endpoints: {encodings:?}"
    );
}

#[tokio::test]
async fn json_with_a_charset_is_accepted() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let body = endpoint("onboard-user").examples.request.clone().unwrap();
    let request = signed(&config, "POST", &onboard_user_uri(&config))
        .header(header::CONTENT_TYPE, "Application/JSON; charset=utf-8")
        .body(Body::from(body))
        .unwrap();
    assert_eq!(send(&router, request).await.status, 200);
}

#[tokio::test]
async fn an_unknown_path_is_a_404() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    for uri in [
        format!("{}/no/such/endpoint", config.base_path),
        "/elsewhere/v1/user/network/eps-agent".to_owned(),
        "/".to_owned(),
    ] {
        let reply = send(&router, json_request(&config, "POST", &uri, &json!({}))).await;
        assert_eq!(reply.status, 404, "{uri}");
        assert_eq!(reply.json["status"], 404);
    }
}

#[tokio::test]
async fn a_wrong_method_is_a_405_naming_the_right_one() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let endpoint = endpoint("onboard-user");
    assert_eq!(endpoint.method, Method::Post);
    for method in ["GET", "PUT", "DELETE", "PATCH"] {
        let request = signed(&config, method, &onboard_user_uri(&config))
            .body(Body::empty())
            .unwrap();
        let reply = send(&router, request).await;
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.json["status"], 405);
        assert_eq!(reply.headers[header::ALLOW], "POST");
    }
}

#[tokio::test]
async fn routing_comes_before_authentication() {
    // An unsigned request to a path nobody serves is still a 404, not a 403.
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let request = Request::get(format!("{}/nothing/here", config.base_path))
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&router, request).await.status, 404);
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let huge = format!(
        "{{\"pad\": \"{}\"}}",
        "x".repeat(eko_mock::MAX_JSON_BODY + 1)
    );
    let request = signed(&config, "POST", &onboard_user_uri(&config))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(huge))
        .unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.json["status"], 413);
}

#[tokio::test]
async fn a_custom_base_path_moves_every_endpoint() {
    let config = MockConfig {
        base_path: "/mock/".into(),
        ..MockConfig::default()
    };
    let router = eko_mock::router(config.clone());
    let body: serde_json::Value =
        serde_json::from_str(&endpoint("onboard-user").examples.request.clone().unwrap()).unwrap();
    let moved = format!("/mock{}", endpoint("onboard-user").path);
    assert_eq!(
        send(&router, json_request(&config, "POST", &moved, &body))
            .await
            .status,
        200
    );
    let old = format!("/ekoapi/v3{}", endpoint("onboard-user").path);
    assert_eq!(
        send(&router, json_request(&config, "POST", &old, &body))
            .await
            .status,
        404
    );
}
