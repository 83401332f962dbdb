//! Authentication over raw HTTP: what passes and what Eko answers with 403.

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{endpoint, example_request, send};
use eko_mock::{DEVELOPER_KEY_HEADER, MockConfig, SECRET_KEY_HEADER, TIMESTAMP_HEADER};
use std::time::Duration;

fn onboard_user_body() -> String {
    endpoint("onboard-user")
        .examples
        .request
        .clone()
        .expect("the page documents a request")
}

/// An Onboard User request with the given header values (`None` leaves one out).
fn request(
    config: &MockConfig,
    developer_key: Option<&str>,
    timestamp: Option<&str>,
    signature: Option<&str>,
) -> Request<Body> {
    let uri = format!("{}{}", config.base_path, endpoint("onboard-user").path);
    let mut builder = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(value) = developer_key {
        builder = builder.header(DEVELOPER_KEY_HEADER, value);
    }
    if let Some(value) = timestamp {
        builder = builder.header(TIMESTAMP_HEADER, value);
    }
    if let Some(value) = signature {
        builder = builder.header(SECRET_KEY_HEADER, value);
    }
    builder.body(Body::from(onboard_user_body())).unwrap()
}

#[tokio::test]
async fn a_correctly_signed_request_passes() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let reply = send(&router, example_request(&config, endpoint("onboard-user"))).await;
    assert_eq!(reply.status, 200, "{}", reply.json);
    assert_eq!(reply.json["status"], 0);
}

#[tokio::test]
async fn an_unknown_developer_key_is_refused() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let now = eko_mock::now_ms().to_string();
    let signature = eko_mock::sign(&config.access_key, &now);
    let reply = send(
        &router,
        request(&config, Some("not-a-key"), Some(&now), Some(&signature)),
    )
    .await;
    assert_eq!(reply.status, 403);
    assert_eq!(reply.json["status"], 403);
    assert!(
        reply.json["message"]
            .as_str()
            .unwrap()
            .contains("developer_key")
    );
}

#[tokio::test]
async fn a_signature_made_with_the_wrong_key_is_refused() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let now = eko_mock::now_ms().to_string();
    let signature = eko_mock::sign("some-other-access-key", &now);
    let reply = send(
        &router,
        request(
            &config,
            Some(&config.developer_key),
            Some(&now),
            Some(&signature),
        ),
    )
    .await;
    assert_eq!(reply.status, 403);
    assert!(
        reply.json["message"]
            .as_str()
            .unwrap()
            .contains("secret-key")
    );
}

#[tokio::test]
async fn a_signature_for_another_timestamp_is_refused() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let now = eko_mock::now_ms();
    let signature = eko_mock::sign(&config.access_key, &(now - 1).to_string());
    let reply = send(
        &router,
        request(
            &config,
            Some(&config.developer_key),
            Some(&now.to_string()),
            Some(&signature),
        ),
    )
    .await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn a_stale_or_future_timestamp_is_refused() {
    let config = MockConfig {
        timestamp_window: Duration::from_secs(60),
        ..MockConfig::default()
    };
    let router = eko_mock::router(config.clone());
    let now = eko_mock::now_ms();
    for timestamp in [now - 10 * 60 * 1000, now + 10 * 60 * 1000] {
        let timestamp = timestamp.to_string();
        let signature = eko_mock::sign(&config.access_key, &timestamp);
        let reply = send(
            &router,
            request(
                &config,
                Some(&config.developer_key),
                Some(&timestamp),
                Some(&signature),
            ),
        )
        .await;
        assert_eq!(reply.status, 403, "{timestamp}");
        assert!(
            reply.json["message"]
                .as_str()
                .unwrap()
                .contains("timestamp")
        );
    }
}

#[tokio::test]
async fn missing_headers_are_refused() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let now = eko_mock::now_ms().to_string();
    let signature = eko_mock::sign(&config.access_key, &now);
    let key = config.developer_key.as_str();
    for (developer_key, timestamp, secret) in [
        (None, Some(now.as_str()), Some(signature.as_str())),
        (Some(key), None, Some(&signature)),
        (Some(key), Some(&now), None),
    ] {
        let reply = send(&router, request(&config, developer_key, timestamp, secret)).await;
        assert_eq!(reply.status, 403);
    }
}

#[tokio::test]
async fn custom_credentials_replace_the_sandbox_ones() {
    let config = MockConfig {
        developer_key: "dev-key-for-tests".into(),
        access_key: "access-key-for-tests".into(),
        ..MockConfig::default()
    };
    let router = eko_mock::router(config.clone());
    let reply = send(&router, example_request(&config, endpoint("onboard-user"))).await;
    assert_eq!(reply.status, 200);

    let sandbox = MockConfig::default();
    let reply = send(&router, example_request(&sandbox, endpoint("onboard-user"))).await;
    assert_eq!(reply.status, 403);
}

#[tokio::test]
async fn refusals_never_reveal_the_keys() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let now = eko_mock::now_ms().to_string();
    let reply = send(
        &router,
        request(
            &config,
            Some(&config.developer_key),
            Some(&now),
            Some("bad"),
        ),
    )
    .await;
    let text = reply.json.to_string();
    assert!(!text.contains(&config.access_key) && !text.contains(&config.developer_key));
}
