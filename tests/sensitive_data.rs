//! Personal data never shows: for every endpoint, the values of its sensitive keys
//! (PAN, Aadhaar, OTP, account number, biometric data) are planted in its request, its
//! response and its error paths, and must appear in no `Debug`, no `Display` and no
//! captured tracing output.

// Endpoints Eko removed stay generated (deprecated) and tested until pruned.
#![allow(deprecated)]

use eko_api::{Endpoint, Error, decode_outcome, decode_response};
use eko_tests::{endpoint, start_mock};
use serde_json::{Value, json};
use std::io::Write;
use std::sync::{Arc, Mutex};

/// The values a request holds at its sensitive keys (at any depth), long enough to
/// be recognisable in text.
fn planted_in(value: &Value, keys: &[&str], out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                if keys.contains(&key.as_str()) {
                    let text = match value {
                        Value::String(text) => text.clone(),
                        other => other.to_string(),
                    };
                    if text.len() >= 4 {
                        out.push(text);
                    }
                } else {
                    planted_in(value, keys, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| planted_in(item, keys, out)),
        _ => {}
    }
}

/// Replaces the value of every sensitive key with a recognisable one, and adds the
/// keys `data` lacks.
fn plant(value: &mut Value, keys: &[&str]) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if keys.contains(&key.as_str()) {
                    *value = Value::from(format!("PLANTED-{key}-7731"));
                } else {
                    plant(value, keys);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| plant(item, keys)),
        _ => {}
    }
}

fn assert_hidden(shown: &str, planted: &[String], what: &str, id: &str) {
    for value in planted {
        assert!(
            !shown.contains(value.as_str()),
            "{id}: {what} shows the sensitive value `{value}`:\n{shown}"
        );
    }
}

/// The example response with every sensitive key it shows holding a planted value.
fn planted_response<E: Endpoint>(id: &str) -> (Value, Vec<String>) {
    let keys = E::META.sensitive;
    let mut body: Value =
        serde_json::from_str(&endpoint(id).examples.response).expect("example is JSON");
    plant(&mut body, keys);
    let planted = keys
        .iter()
        .map(|key| format!("PLANTED-{key}-7731"))
        .filter(|value| body.to_string().contains(value.as_str()))
        .collect();
    (body, planted)
}

/// Every scalar the request holds outside its sensitive keys, as text.
fn other_values(value: &Value, keys: &[&str], out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                if !keys.contains(&key.as_str()) {
                    other_values(value, keys, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| other_values(item, keys, out)),
        Value::String(text) => out.push(text.clone()),
        other => out.push(other.to_string()),
    }
}

/// Captures what a tracing subscriber writes during one test.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .expect("not poisoned")
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn check<E: Endpoint + std::fmt::Debug>(request: E, id: &str)
where
    E::Outcome: std::fmt::Debug,
    E::Data: std::fmt::Debug,
{
    let keys = E::META.sensitive;
    if keys.is_empty() {
        return;
    }
    // The request.
    let wire = serde_json::to_value(&request).expect("requests serialize");
    let mut in_request = Vec::new();
    planted_in(&wire, keys, &mut in_request);
    // A sensitive example value that is part of another field's value (an OTP inside
    // a mobile number) cannot tell a leak from that field.
    let mut others = Vec::new();
    other_values(&wire, keys, &mut others);
    in_request.retain(|value| !others.iter().any(|other| other.contains(value.as_str())));
    assert_hidden(
        &format!("{request:?}"),
        &in_request,
        "the request's Debug",
        id,
    );

    // The response, typed and as the success rule gives it.
    let (body, planted) = planted_response::<E>(id);
    let outcome = decode_outcome::<E>(200, body.to_string()).expect("the example decodes");
    assert_hidden(&format!("{outcome:?}"), &planted, "the outcome's Debug", id);
    if let Ok(response) = decode_response::<E>(200, body.to_string()) {
        assert_hidden(
            &format!("{response:?}"),
            &planted,
            "the response's Debug",
            id,
        );
    }

    // The error paths: a refusal the docs do not list, and an HTTP error.
    let mut refused = body.clone();
    refused["status"] = json!(463);
    refused["response_type_id"] = json!(999_999);
    for error in [
        decode_response::<E>(200, refused.to_string()).expect_err("an unlisted refusal"),
        eko_api::Outcome::into_result(
            decode_outcome::<E>(200, refused.to_string()).expect("decodes as Other"),
        )
        .expect_err("an unlisted refusal"),
        decode_response::<E>(500, body.to_string()).expect_err("an HTTP error"),
    ] {
        assert!(
            matches!(error, Error::Api { .. } | Error::Http { .. }),
            "{error:?}"
        );
        assert_hidden(&format!("{error:?}"), &planted, "an error's Debug", id);
        assert_hidden(&error.to_string(), &planted, "an error's Display", id);
    }

    // A real call with a subscriber listening at every level.
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    {
        let _default = tracing::subscriber::set_default(subscriber);
        let (_server, client) = start_mock().await;
        let _ = client.call(&request).await;
    }
    let log = String::from_utf8(captured.0.lock().expect("not poisoned").clone()).expect("text");
    assert!(
        log.contains("eko.call"),
        "{id}: the call was traced:\n{log}"
    );
    assert_hidden(&log, &in_request, "the tracing output", id);
}

macro_rules! sensitive_data_tests {
    ($(($name:ident, $id:literal)),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $name() {
                check(eko_tests::examples::$name(), $id).await;
            }
        )*
    };
}

eko_tests::for_each_endpoint!(sensitive_data_tests);

#[test]
fn the_spec_marks_personal_data_sensitive() {
    // Guards against a rule that marks nothing, which would make every test above pass.
    let marked = eko_tests::bundle()
        .endpoints
        .iter()
        .filter(|endpoint| {
            endpoint.params.iter().any(|param| param.sensitive)
                || endpoint.response.iter().any(|field| field.sensitive)
        })
        .count();
    assert!(
        marked >= 30,
        "only {marked} endpoints carry sensitive fields"
    );
}
