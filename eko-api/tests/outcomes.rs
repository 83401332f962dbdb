//! How answers and failures come back: documented outcomes are `Ok`, everything
//! else is a specific `Error` that keeps what the server said and the
//! `client_ref_id` that was sent.

mod common;

use common::*;
use eko_api::customer::OnboardCustomerRequest;
use eko_api::user::OnboardUserRequest;
use eko_api::{Error, TransportKind};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn onboard_customer() -> OnboardCustomerRequest {
    example_customer().client_ref_id("REQ-42")
}

fn onboard_user() -> OnboardUserRequest {
    example_user().client_ref_id("REQ-43")
}

async fn server_with(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

async fn requests_received(server: &MockServer) -> usize {
    server.received_requests().await.unwrap().len()
}

#[tokio::test]
async fn status_2129_is_the_documented_next_step() {
    // The documented example response, numbers as strings as Eko often sends them.
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({
        "response_status_id": "1",
        "data": {"intent_id": "19", "kyc_request_id": "", "otp_ref_id": "IXrygqm0vTNb+aS8OTg/e0YrVEoPAbap746K5g==", "undocumented_flag": "Y"},
        "response_type_id": 2129,
        "message": "Validate the OTP",
        "status": "2129"
    })))
    .await;
    let response = client(&server.uri())
        .onboard_customer(&onboard_customer())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();
    assert_eq!(
        (
            response.status,
            response.response_type_id,
            response.response_status_id
        ),
        (2129, Some(2129), Some(1))
    );
    assert_eq!(response.message, "Validate the OTP");
    assert!(!response.is_complete());
    assert_eq!(
        response.data.intent_id.as_ref().and_then(|n| n.to_i64()),
        Some(19)
    );
    assert_eq!(
        response.data.otp_ref_id.as_deref(),
        Some("IXrygqm0vTNb+aS8OTg/e0YrVEoPAbap746K5g==")
    );
    assert_eq!(
        response.data.extra.get("undocumented_flag"),
        Some(&json!("Y")),
        "undocumented keys are kept"
    );
    assert_eq!(response.client_ref_id.as_deref(), Some("REQ-42"));
    assert_eq!(response.http_status, 200);
    assert!(response.raw_body.contains("otp_ref_id"));
}

#[tokio::test]
async fn status_0_is_success() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({
        "response_status_id": -1,
        "data": {"user_code": 20110002, "initiator_id": "9962981729"},
        "response_type_id": 1290,
        "message": "User onboarding successfull",
        "status": 0
    })))
    .await;
    let response = client(&server.uri())
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();
    assert!(response.is_complete());
    assert_eq!(response.data.user_code.as_deref(), Some("20110002"));
    assert_eq!(response.response_type_id, Some(1290));
}

#[tokio::test]
async fn data_null_or_missing_gives_the_default() {
    let server = server_with(
        ResponseTemplate::new(200)
            .set_body_json(json!({"status": 0, "message": "ok", "data": null})),
    )
    .await;
    let response = client(&server.uri())
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();
    assert_eq!(response.data, Default::default());
}

#[tokio::test]
async fn undocumented_status_is_a_business_error() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({
        "response_status_id": 1, "response_type_id": 463, "message": "User not found", "status": 463, "data": {"reason": "no such agent"}
    })))
    .await;
    let error = client(&server.uri())
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    match &error {
        Error::Api {
            endpoint,
            client_ref_id,
            status,
            message,
            response_type_id,
            response_status_id,
            data,
            body,
            ..
        } => {
            assert_eq!(
                (*endpoint, *status, *response_type_id, *response_status_id),
                ("onboard-user", 463, Some(463), Some(1))
            );
            assert_eq!(message, "User not found");
            assert_eq!(client_ref_id.as_deref(), Some("REQ-43"));
            assert_eq!(data["reason"], "no such agent");
            assert!(body.contains("no such agent"));
        }
        other => panic!("{other:?}"),
    }
    let shown = error.to_string();
    assert!(
        shown.contains("463") && shown.contains("User not found") && shown.contains("REQ-43"),
        "{shown}"
    );
}

#[tokio::test]
async fn server_side_validation_failure_keeps_invalid_params() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({
        "response_status_id": -1,
        "response_type_id": -1,
        "message": "Invalid parameters",
        "status": 17,
        "invalid_params": {"dob": "Invalid date of birth", "residence_address": ["must have 4 lines"]}
    })))
    .await;
    let error = client(&server.uri())
        .onboard_customer(&onboard_customer())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Api {
        invalid_params,
        status,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(*status, 17);
    assert_eq!(invalid_params["dob"], "Invalid date of birth");
    assert_eq!(
        invalid_params["residence_address"],
        r#"["must have 4 lines"]"#
    );
    assert_eq!(client_ref_id.as_deref(), Some("REQ-42"));
    assert!(
        error.to_string().contains("`dob`: Invalid date of birth"),
        "{error}"
    );
}

#[tokio::test]
async fn forbidden_is_explained_and_keeps_the_body() {
    let server =
        server_with(ResponseTemplate::new(403).set_body_string(r#"{"message":"Forbidden"}"#)).await;
    let error = client(&server.uri())
        .onboard_customer(&onboard_customer())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Http {
        status,
        body,
        message,
        client_ref_id,
        endpoint,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*status, *endpoint), (403, "onboard-customer"));
    assert_eq!(body, r#"{"message":"Forbidden"}"#);
    assert_eq!(message.as_deref(), Some("Forbidden"));
    assert_eq!(client_ref_id.as_deref(), Some("REQ-42"));
    let shown = error.to_string();
    assert!(
        shown.contains("secret-key-timestamp") && shown.contains("access key"),
        "{shown}"
    );
}

#[tokio::test]
async fn bad_gateway_html_is_an_http_error_and_a_post_is_not_resent() {
    let html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";
    let server = server_with(ResponseTemplate::new(502).set_body_raw(html, "text/html")).await;
    let error = client(&server.uri())
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Http {
        status,
        body,
        message,
        attempts,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*status, *attempts, message.as_deref()), (502, 1, None));
    assert_eq!(body, html);
    assert!(error.to_string().contains("502 Bad Gateway"));
    assert_eq!(requests_received(&server).await, 1);
}

#[tokio::test]
async fn html_with_status_200_is_a_decode_error_with_a_snippet() {
    let server = server_with(
        ResponseTemplate::new(200).set_body_raw("<html>maintenance</html>", "text/html"),
    )
    .await;
    let error = client(&server.uri())
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Decode {
        http_status, body, ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (*http_status, body.as_str()),
        (200, "<html>maintenance</html>")
    );
    assert!(error.to_string().contains("<html>maintenance"), "{error}");
}

#[tokio::test]
async fn wrong_data_types_name_the_json_path() {
    let server = server_with(
        ResponseTemplate::new(200)
            .set_body_json(json!({"status": 2129, "data": {"intent_id": {"x": 1}}})),
    )
    .await;
    let error = client(&server.uri())
        .onboard_customer(&onboard_customer())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Decode {
        path,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(path, "data.intent_id");
    assert_eq!(client_ref_id.as_deref(), Some("REQ-42"));
}

#[tokio::test]
async fn a_timeout_is_reported_as_unsafe_to_resend() {
    let server = server_with(
        ResponseTemplate::new(200)
            .set_body_json(json!({"status": 0}))
            .set_delay(Duration::from_secs(5)),
    )
    .await;
    let config = config(&server.uri()).with_timeout(Duration::from_millis(200));
    let error = eko_api::Client::new(config)
        .unwrap()
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Transport {
        kind,
        retry_safe,
        attempts,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (*kind, *retry_safe, *attempts),
        (TransportKind::Timeout, false, 1)
    );
    assert_eq!(client_ref_id.as_deref(), Some("REQ-43"));
    assert!(error.to_string().contains("NOT safe"), "{error}");
    assert_eq!(requests_received(&server).await, 1);
}

#[tokio::test]
async fn a_truncated_json_body_is_a_decode_error() {
    let server = server_with(
        ResponseTemplate::new(200)
            .set_body_raw(r#"{"status":0,"message":"User onboard"#, "application/json"),
    )
    .await;
    let error = client(&server.uri())
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Decode { message, body, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(message.contains("EOF"), "{message}");
    assert_eq!(body, r#"{"status":0,"message":"User onboard"#);
}

#[tokio::test]
async fn a_connection_cut_mid_body_is_a_transport_error() {
    let response = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"status\":0,\"da".to_vec();
    let base = raw_server(response).await;
    let error = client(&base)
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Transport {
        kind,
        retry_safe,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*kind, *retry_safe), (TransportKind::Body, false));
    assert_eq!(client_ref_id.as_deref(), Some("REQ-43"));
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused() {
    let big = json!({"status": 0, "data": {"padding": "x".repeat(10_000)}});
    let server = server_with(ResponseTemplate::new(200).set_body_json(big)).await;
    let config = config(&server.uri()).with_max_body_bytes(1024);
    let error = eko_api::Client::new(config)
        .unwrap()
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                limit: 1024,
                http_status: 200,
                ..
            }
        ),
        "{error:?}"
    );

    // Without a Content-Length the limit applies while reading.
    let chunk = "x".repeat(700);
    let chunked = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n{len:x}\r\n{chunk}\r\n{len:x}\r\n{chunk}\r\n0\r\n\r\n",
        len = chunk.len()
    );
    let base = raw_server(chunked.into_bytes()).await;
    let error = eko_api::Client::new(config_for(&base, 1024))
        .unwrap()
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    assert!(
        matches!(error, Error::BodyTooLarge { limit: 1024, .. }),
        "{error:?}"
    );
}

fn config_for(base: &str, limit: usize) -> eko_api::Config {
    config(base).with_max_body_bytes(limit)
}

#[tokio::test]
async fn refused_connections_are_safe_to_retry() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let error = client(&format!("http://{address}"))
        .onboard_user(&onboard_user())
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    let Error::Transport {
        kind,
        retry_safe,
        attempts,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (*kind, *retry_safe, *attempts),
        (TransportKind::Connect, true, 1)
    );
    assert!(error.to_string().contains("safe to retry"), "{error}");
}

#[tokio::test]
async fn validation_errors_send_nothing() {
    let server = server_with(ResponseTemplate::new(200).set_body_json(json!({"status": 0}))).await;
    let request = OnboardCustomerRequest::new(
        eko_api::Mobile::new("123"),
        "Karan",
        eko_api::Date::constant(1990, 5, 15),
        address(),
    );
    let error = client(&server.uri())
        .onboard_customer(&request)
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap_err();
    assert!(
        matches!(&error, Error::Validation { problems, .. } if problems[0].field == "customer_id"),
        "{error:?}"
    );
    assert_eq!(requests_received(&server).await, 0);
}
