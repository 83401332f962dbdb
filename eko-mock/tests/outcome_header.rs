//! Asking the mock for a documented outcome with the `x-eko-mock-outcome` header,
//! over raw HTTP: what a client in any language sees.

mod common;

use axum::body::Body;
use axum::http::{HeaderValue, Request, StatusCode};
use common::{endpoint, example_request, send};
use eko_mock::{MockConfig, OUTCOME_HEADER};

/// The documented example request of `id`, asking for `outcome`.
fn asking(config: &MockConfig, id: &str, outcome: HeaderValue) -> Request<Body> {
    let mut request = example_request(config, endpoint(id));
    request.headers_mut().insert(OUTCOME_HEADER, outcome);
    request
}

#[tokio::test]
async fn a_refusal_without_a_documented_status_answers_with_its_id() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let reply = send(
        &router,
        asking(
            &config,
            "mobile-otp-verify",
            HeaderValue::from_static("incorrect-or-expired-otp"),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.json["status"], 1632);
    assert_eq!(reply.json["response_type_id"], 1632);
    assert_eq!(reply.json["message"], "Incorrect or expired OTP");
    // The page's example shows the success, not this refusal: no example data.
    assert_eq!(reply.json["data"], serde_json::json!({}));
}

#[tokio::test]
async fn an_outcome_the_example_shows_carries_its_data_and_an_id_selects_too() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let reply = send(
        &router,
        asking(&config, "dmt-get-sender", HeaderValue::from_static("309")),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        (
            reply.json["status"].as_i64(),
            reply.json["response_type_id"].as_i64()
        ),
        (Some(0), Some(309))
    );
    assert!(
        reply.json["data"]["customer_profile"].is_object(),
        "{}",
        reply.json
    );
}

#[tokio::test]
async fn an_unknown_or_ambiguous_name_is_refused_listing_the_documented_ones() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    // 1632 is both the success and the refusal of Mobile OTP Verify: ambiguous.
    for wanted in ["no-such-outcome", "1632"] {
        let reply = send(
            &router,
            asking(
                &config,
                "mobile-otp-verify",
                HeaderValue::from_str(wanted).unwrap(),
            ),
        )
        .await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{wanted}");
        let message = reply.json["message"].as_str().unwrap_or_default();
        assert!(
            message.contains("otp-verification-successful")
                && message.contains("incorrect-or-expired-otp"),
            "{message}"
        );
    }
    let reply = send(
        &router,
        asking(
            &config,
            "mobile-otp-verify",
            HeaderValue::from_bytes(b"caf\xe9").unwrap(),
        ),
    )
    .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn authentication_still_comes_first() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let mut request = asking(
        &config,
        "mobile-otp-verify",
        HeaderValue::from_static("incorrect-or-expired-otp"),
    );
    request.headers_mut().remove(eko_mock::SECRET_KEY_HEADER);
    assert_eq!(send(&router, request).await.status, StatusCode::FORBIDDEN);
}
