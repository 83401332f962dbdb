//! No key or signature ever shows up in what the crate prints: `Debug` and
//! `Display` of the client, its configuration, prepared requests and every error
//! variant — even when the server echoes them. (Tracing output: `tracing_span.rs`.)

mod common;

use base64::Engine as _;
use common::*;
use eko_api::customer::OnboardCustomerRequest;
use eko_api::{Client, Config, Environment, Error};
use serde_json::json;
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn secrets() -> Vec<String> {
    vec![
        DEVELOPER_KEY.to_owned(),
        ACCESS_KEY.to_owned(),
        base64::engine::general_purpose::STANDARD.encode(ACCESS_KEY),
        expected_signature(ACCESS_KEY, &NOW_MS.to_string()),
    ]
}

fn assert_no_secret(what: &str, text: &str) {
    for secret in secrets() {
        assert!(!text.contains(&secret), "{what} shows a secret: {text}");
    }
}

fn assert_error_clean(error: &Error) {
    assert_no_secret("Debug of an error", &format!("{error:?}"));
    assert_no_secret("Display of an error", &error.to_string());
}

/// Answers with `status` and a body quoting every header it received.
struct EchoHeaders {
    status: u16,
    envelope: bool,
}

impl Respond for EchoHeaders {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let quoted: Vec<String> = request
            .headers
            .iter()
            .map(|(name, value)| format!("{name}={}", value.to_str().unwrap_or("")))
            .collect();
        let body = if self.envelope {
            json!({"status": 1, "message": format!("rejected: {}", quoted.join(" ")), "data": {"echo": quoted}}).to_string()
        } else {
            format!("<html>{}</html>", quoted.join(" "))
        };
        ResponseTemplate::new(self.status).set_body_string(body)
    }
}

#[test]
fn client_configuration_and_prepared_requests_print_no_secret() {
    let config = config("http://127.0.0.1:9");
    assert_no_secret("Config Debug", &format!("{config:?} {config:#?}"));
    let client = Client::new(config).unwrap();
    assert_no_secret("Client Debug", &format!("{client:?} {client:#?}"));
    let prepared = client.prepare(&example_customer()).unwrap();
    assert_no_secret(
        "PreparedRequest Debug",
        &format!("{prepared:?} {prepared:#?}"),
    );
    assert_no_secret("Secret Display", &client.config().access_key.to_string());
}

#[tokio::test]
async fn no_error_variant_prints_a_secret() {
    let mut errors = Vec::new();

    errors.push(
        Client::new(Config::new(
            Environment::Custom("ftp://x".into()),
            eko_api::DeveloperKey::new(DEVELOPER_KEY),
            eko_api::AccessKey::new(ACCESS_KEY),
            INITIATOR_ID,
        ))
        .unwrap_err(),
    );
    errors.push(
        Config::from_lookup(|name| (name == "EKO_DEVELOPER_KEY").then(|| DEVELOPER_KEY.to_owned()))
            .unwrap_err(),
    );
    let invalid = OnboardCustomerRequest::new(
        eko_api::Mobile::new("1"),
        "",
        eko_api::Date::constant(1990, 5, 15),
        vec![],
    );
    errors.push(
        client("http://127.0.0.1:9")
            .onboard_customer(&invalid)
            .await
            .and_then(eko_api::Outcome::into_result)
            .unwrap_err(),
    );

    for (status, envelope) in [(403, false), (502, false), (200, true), (200, false)] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(EchoHeaders { status, envelope })
            .mount(&server)
            .await;
        let error = client(&server.uri())
            .onboard_customer(&example_customer())
            .await
            .and_then(eko_api::Outcome::into_result)
            .unwrap_err();
        assert!(
            error.body().is_some_and(|body| body.contains("[redacted]")),
            "the echo was scrubbed: {error:?}"
        );
        errors.push(error);
    }

    let slow = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": 0}))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&slow)
        .await;
    let timeout =
        Client::new(config(&slow.uri()).with_timeout(Duration::from_millis(100))).unwrap();
    errors.push(
        timeout
            .onboard_customer(&example_customer())
            .await
            .and_then(eko_api::Outcome::into_result)
            .unwrap_err(),
    );

    let big = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_string("x".repeat(5000)))
        .mount(&big)
        .await;
    let limited = Client::new(config(&big.uri()).with_max_body_bytes(100)).unwrap();
    errors.push(
        limited
            .onboard_customer(&example_customer())
            .await
            .and_then(eko_api::Outcome::into_result)
            .unwrap_err(),
    );

    let kinds: Vec<&str> = errors
        .iter()
        .map(|error| match error {
            Error::Config { .. } => "config",
            Error::Validation { .. } => "validation",
            Error::Transport { .. } => "transport",
            Error::BodyTooLarge { .. } => "too-large",
            Error::Http { .. } => "http",
            Error::Decode { .. } => "decode",
            Error::Api { .. } => "api",
            _ => "other",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "config",
            "config",
            "validation",
            "http",
            "http",
            "api",
            "decode",
            "transport",
            "too-large"
        ]
    );
    errors.iter().for_each(assert_error_clean);
}
