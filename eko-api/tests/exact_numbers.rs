//! Numbers in a request travel with exactly the digits the caller gave: an amount of
//! `110.00` is sent as `110.00`, not `110.0`, and digits past an `f64`'s precision
//! are kept. Checked in what `prepare` shows and in the bytes a server receives.

mod common;

use common::*;
use eko_api::Number;
use eko_api::dmt::DmtInitiateTransferRequest;
use serde_json::json;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn transfer(amount: &str) -> DmtInitiateTransferRequest {
    DmtInitiateTransferRequest::new(
        "0012345",
        amount.parse::<Number>().expect("a decimal"),
        eko_api::Mobile::new("9876543210"),
        "123456",
        "66748392",
        "REF110",
    )
}

#[test]
fn prepare_keeps_the_digits_of_every_number() {
    let client = client("https://staging.example/ekoapi/v3");
    for amount in ["110.00", "0.10", "12345678901234567890.123456789", "250"] {
        let prepared = client.prepare(&transfer(amount)).unwrap();
        let text = prepared.body_text().expect("a POST has a body");
        assert!(
            text.contains(&format!(r#""amount":{amount}"#)),
            "{amount} in {text}"
        );
        // Every field the caller set is there, once, and the text is valid JSON.
        let body = prepared.body().unwrap();
        assert_eq!(body["recipient_id"], json!("0012345"));
        assert_eq!(body["client_ref_id"], json!("REF110"));
        assert_eq!(body["initiator_id"], json!(INITIATOR_ID));
        assert_eq!(text.matches("\"amount\"").count(), 1);
    }
}

#[tokio::test]
async fn the_server_receives_the_digits_as_written() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"status": 0, "response_type_id": 325, "message": "ok", "data": {}}),
        ))
        .mount(&server)
        .await;
    let client = client(&server.uri());
    client
        .dmt_initiate_transfer(&transfer("110.00"))
        .await
        .expect("the call is made");
    let requests = server.received_requests().await.expect("recording is on");
    let sent = String::from_utf8(requests[0].body.clone()).unwrap();
    assert!(sent.contains(r#""amount":110.00"#), "{sent}");
    assert!(sent.contains(r#""recipient_id":"0012345""#), "{sent}");
}
