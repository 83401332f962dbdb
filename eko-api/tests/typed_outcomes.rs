//! The typed outcome of a call: documented answers land in their named variants
//! (refusals included), an answer the docs do not list keeps everything in `Other`,
//! and `into_result` / `send` turn refusals into errors that name them.

mod common;

use common::*;
use eko_api::customer::{GetCustomerInfoOutcome, GetCustomerInfoRequest, OnboardCustomerOutcome};
use eko_api::mobile_otp_verification::{MobileOtpVerifyOutcome, MobileOtpVerifyRequest};
use eko_api::{CallOptions, Error, Outcome, OutcomeKind, decode_outcome};
use serde_json::{Value, json};
use wiremock::matchers::{any, header};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

fn verify_otp() -> MobileOtpVerifyRequest {
    MobileOtpVerifyRequest::new("3643", eko_api::Mobile::new("9002336768"))
        .client_ref_id("REQ-OTP-1")
}

#[tokio::test]
async fn a_documented_refusal_is_its_own_variant_and_a_named_error() {
    let body = json!({"status": 463, "response_type_id": 1632, "response_status_id": 1,
        "message": "Incorrect OTP", "data": {"mobile": "9002336768"}});
    let server = answering(body.clone()).await;
    let client = client(&server.uri());
    let answer = client.mobile_otp_verify(&verify_otp()).await.unwrap();
    let MobileOtpVerifyOutcome::IncorrectOrExpiredOtp(response) = &answer else {
        panic!("expected the documented refusal, got {answer:?}");
    };
    assert_eq!(
        (response.status, response.response_type_id),
        (463, Some(1632))
    );
    assert_eq!(response.data.mobile.as_deref(), Some("9002336768"));
    assert_eq!(response.client_ref_id.as_deref(), Some("REQ-OTP-1"));
    let documented = answer.documented().unwrap();
    assert_eq!(
        (documented.name, documented.kind),
        ("incorrect-or-expired-otp", OutcomeKind::Refusal)
    );

    // The same id with status 0 is the documented success, not the refusal.
    let success = decode_outcome::<MobileOtpVerifyRequest>(
        200,
        json!({"status": 0, "response_type_id": 1632, "message": "OTP verification successful.", "data": {}}).to_string(),
    )
    .unwrap();
    assert!(matches!(
        success,
        MobileOtpVerifyOutcome::OtpVerificationSuccessful(_)
    ));

    // `into_result` and `send` make the refusal an error that names it and keeps it all.
    for error in [
        answer.into_result().unwrap_err(),
        client.send(&verify_otp()).await.unwrap_err(),
    ] {
        match error {
            Error::Api {
                outcome: Some(outcome),
                status: 463,
                response_type_id: Some(1632),
                client_ref_id: Some(reference),
                data,
                body,
                ..
            } => {
                assert_eq!(outcome.name, "incorrect-or-expired-otp");
                assert_eq!(reference, "REQ-OTP-1");
                assert_eq!(data["mobile"], "9002336768");
                assert!(body.contains("Incorrect OTP"));
            }
            other => panic!("expected the named refusal, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn a_refusal_is_the_same_error_from_send_and_into_result_with_data_as_sent() {
    // `"attempts": ""` reads as absent in a typed payload; a field beside the envelope
    // is not in `data` at all. The error keeps both as Eko sent them, by either route.
    let body = json!({"status": 463, "response_type_id": 1632, "message": "Incorrect OTP",
        "data": {"mobile": "9002336768", "attempts": ""}, "trace": "T-9"});
    let server = answering(body).await;
    let client = client(&server.uri());
    let answer = client.mobile_otp_verify(&verify_otp()).await.unwrap();
    let errors = [
        answer.into_result().unwrap_err(),
        client.send(&verify_otp()).await.unwrap_err(),
    ];
    let data: Vec<Value> = errors
        .iter()
        .map(|error| match error {
            Error::Api { data, .. } => data.clone(),
            other => panic!("expected the named refusal, got {other:?}"),
        })
        .collect();
    assert_eq!(
        data[0],
        json!({"mobile": "9002336768", "attempts": "", "trace": "T-9"})
    );
    assert_eq!(data[0], data[1], "send and into_result disagree");
}

#[tokio::test]
async fn an_undocumented_id_keeps_everything_in_other() {
    let body = json!({"status": 77, "response_type_id": 9999, "response_status_id": 5,
        "message": "Something new", "invalid_params": {"mobile": "Mobile blocked"},
        "data": {"hint": {"retry_after": 30}}, "trace": "T-1"});
    let server = answering(body).await;
    let answer = client(&server.uri())
        .mobile_otp_verify(&verify_otp())
        .await
        .unwrap();
    let MobileOtpVerifyOutcome::Other(response) = &answer else {
        panic!("expected Other, got {answer:?}");
    };
    assert_eq!(response.status, 77);
    assert_eq!(response.response_type_id, Some(9999));
    assert_eq!(response.response_status_id, Some(5));
    assert_eq!(response.message, "Something new");
    assert_eq!(
        response.invalid_params.get("mobile").map(String::as_str),
        Some("Mobile blocked")
    );
    assert_eq!(response.data["hint"]["retry_after"], 30);
    assert_eq!(
        response.data["trace"], "T-1",
        "fields beside the envelope join data"
    );
    assert_eq!(response.extra["trace"], "T-1");
    assert_eq!(response.client_ref_id.as_deref(), Some("REQ-OTP-1"));
    assert!(answer.documented().is_none());
    match answer.into_result().unwrap_err() {
        Error::Api {
            outcome: None,
            status: 77,
            invalid_params,
            ..
        } => assert_eq!(invalid_params.len(), 1),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_undocumented_success_decodes_through_into_result() {
    // Status 0 with an id Onboard Customer's page does not list: `Other`, but a success.
    let body = json!({"status": 0, "response_type_id": 1, "message": "Done",
        "data": {"otp_ref_id": "R-1", "intent_id": "19"}});
    let server = answering(body).await;
    let answer = client(&server.uri())
        .onboard_customer(&example_customer())
        .await
        .unwrap();
    assert!(matches!(answer, OnboardCustomerOutcome::Other(_)));
    let response = answer.into_result().unwrap();
    assert_eq!(response.data.otp_ref_id.as_deref(), Some("R-1"));
}

#[tokio::test]
async fn a_next_step_from_the_error_table_is_never_an_error() {
    // Get Customer Information lists "Customer not enrolled — proceed to Onboard
    // Customer" among its errors; the flow continues from it.
    let body = json!({"status": 463, "response_type_id": 308, "message": "Customer not enrolled", "data": {}});
    let server = answering(body).await;
    let client = client(&server.uri());
    let request = GetCustomerInfoRequest::new(eko_api::Mobile::new("9444444444"));
    let answer = client.get_customer_info(&request).await.unwrap();
    assert!(matches!(
        answer,
        GetCustomerInfoOutcome::CustomerNotEnrolled(_)
    ));
    assert_eq!(answer.documented().unwrap().kind, OutcomeKind::NextStep);
    assert!(answer.into_result().is_ok());
    assert!(client.send(&request).await.is_ok());
}

#[tokio::test]
async fn extra_headers_are_sent_and_reserved_or_bad_ones_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(header("x-request-id", "run-42"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"status": 2129, "response_type_id": 2129, "message": "Validate the OTP", "data": {}}),
        ))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    let answer = client
        .call_with(
            &example_customer(),
            CallOptions::new().with_header("X-Request-Id", "run-42"),
        )
        .await
        .unwrap();
    assert!(matches!(answer, OnboardCustomerOutcome::ValidateTheOtp(_)));

    let bad = CallOptions::new()
        .with_header("secret-key", "forged")
        .with_header("bad name", "x")
        .with_header("x-ok", "line\nbreak");
    match client
        .call_with(&example_customer(), bad)
        .await
        .unwrap_err()
    {
        Error::Validation { problems, .. } => {
            let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
            assert_eq!(
                fields,
                ["header secret-key", "header bad name", "header x-ok"]
            );
            assert!(!format!("{problems:?}").contains("forged"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_prepared_request_is_called_only_with_its_own_outcome() {
    let server = answering(json!({"status": 0, "data": {}})).await;
    let client = client(&server.uri());
    let prepared = client.prepare(&example_customer()).unwrap();
    let error = client
        .call_prepared::<MobileOtpVerifyOutcome>(&prepared, CallOptions::new())
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn outcomes_show_clone_and_compare_by_variant_and_response() {
    let decode = |body: Value| {
        decode_outcome::<MobileOtpVerifyRequest>(200, body.to_string()).expect("decodes")
    };
    let refusal = decode(
        json!({"status": 463, "response_type_id": 1632, "message": "Incorrect OTP",
        "data": {"mobile": "9002336768"}}),
    );
    let success = decode(
        json!({"status": 0, "response_type_id": 1632, "message": "OTP verification successful.",
        "data": {"mobile": "9002336768"}}),
    );
    let other =
        decode(json!({"status": 7, "message": "unlisted", "data": {"mobile": "9002336768"}}));

    let shown = format!("{refusal:?}");
    assert!(
        shown.starts_with(
            "IncorrectOrExpiredOtp(Response { status: 463, message: \"Incorrect OTP\""
        ),
        "{shown}"
    );
    assert!(format!("{success:?}").starts_with("OtpVerificationSuccessful(Response {"));
    let shown = format!("{other:?}");
    assert!(shown.starts_with("Other(Response { status: 7,"), "{shown}");
    assert!(format!("{other:#?}").starts_with("Other(\n    Response {\n        status: 7,\n"));

    for outcome in [&refusal, &success, &other] {
        let copy = outcome.clone();
        assert!(&copy == outcome);
        assert_eq!(copy.documented_index(), outcome.documented_index());
    }
    assert!(refusal != success && success != other && refusal != other);
    let mut changed = refusal.clone();
    if let MobileOtpVerifyOutcome::IncorrectOrExpiredOtp(response) = &mut changed {
        response.message.push('!');
    }
    assert!(changed != refusal);
}
