//! The tracing span of a call carries endpoint, method, path, `client_ref_id`,
//! status and duration, and nothing secret; server text in log records cannot
//! forge a line. In a test binary of their own because tracing caches
//! per-callsite interest process-wide: a test running in parallel without a
//! subscriber could otherwise switch the span off for these ones (both tests here
//! install one).

mod common;

use common::*;
use eko_api::customer::OnboardCustomerRequest;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn secrets() -> Vec<String> {
    use base64::Engine as _;
    vec![
        DEVELOPER_KEY.to_owned(),
        ACCESS_KEY.to_owned(),
        base64::engine::general_purpose::STANDARD.encode(ACCESS_KEY),
        expected_signature(ACCESS_KEY, &NOW_MS.to_string()),
    ]
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_call_span_has_its_fields_and_no_secret() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"status": 2129, "response_type_id": 2129, "message": "Validate the OTP"}),
        ))
        .mount(&server)
        .await;
    let address = ["123 MG Road", "Bangalore", "Karnataka", "560001"]
        .map(String::from)
        .to_vec();
    let request = OnboardCustomerRequest::new(
        eko_api::Mobile::new("9444444444"),
        "Karan Garg",
        eko_api::Date::constant(1990, 5, 15),
        address,
    )
    .client_ref_id("TRACE-1");
    let response = client(&server.uri())
        .onboard_customer(&request)
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();
    assert_eq!(response.status, 2129);

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    for expected in [
        "eko.call",
        "endpoint=\"onboard-customer\"",
        "method=\"POST\"",
        // The template, never the filled-in path: it holds the customer's mobile number.
        "path=\"/customer/account/{customer_id}\"",
        "client_ref_id=\"TRACE-1\"",
        "status=2129",
        "http_status=200",
        "attempts=1",
        "duration_ms=",
    ] {
        assert!(log.contains(expected), "missing {expected} in:\n{log}");
    }
    for secret in secrets() {
        assert!(!log.contains(&secret), "the log shows a secret:\n{log}");
    }
    assert!(
        !log.contains("9444444444"),
        "the log shows the customer's mobile number:\n{log}"
    );
}

/// Server text with line breaks and ANSI escapes, trying to add a line of its own.
const FORGED: &str = "done\r\nFORGED-LINE INFO eko.call: payment settled\u{1b}[2J\u{1b}[32m";

#[tokio::test]
async fn server_text_cannot_forge_a_log_line() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let _default = tracing::subscriber::set_default(subscriber);

    for body in [
        json!({"status": 0, "message": FORGED}),
        json!({"status": 1, "message": FORGED, "invalid_params": {FORGED: FORGED}}),
    ] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_json(body))
            .mount(&server)
            .await;
        // `send` applies the success rule, so the refusal is an error and is logged as one.
        let _ = client(&server.uri()).send(&example_customer()).await;
    }

    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("eko call answered") && log.contains("eko call failed"),
        "{log}"
    );
    assert!(
        log.contains("FORGED-LINE"),
        "the text is logged, escaped:\n{log}"
    );
    assert!(
        !log.contains(['\r', '\u{1b}']),
        "raw control characters in:\n{log:?}"
    );
    for line in log.lines() {
        assert!(!line.starts_with("FORGED-LINE"), "a forged line:\n{log}");
    }
}
