//! What reaches a real HTTP server on loopback: method, path, query, the four
//! signing headers (signature recomputed here) and the body, for both generated
//! onboarding endpoints plus a GET and a multipart call.

mod common;

use common::*;
use eko_api::customer::OnboardCustomerRequest;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server_answering(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request was sent");
    requests.remove(0)
}

fn header<'a>(request: &'a Request, name: &str) -> &'a str {
    request
        .headers
        .get(name)
        .unwrap_or_else(|| panic!("header {name} missing"))
        .to_str()
        .unwrap()
}

fn assert_signed(request: &Request, content_type: &str) {
    assert_eq!(header(request, "developer_key"), DEVELOPER_KEY);
    let timestamp = header(request, "secret-key-timestamp");
    assert_eq!(timestamp, NOW_MS.to_string());
    assert_eq!(
        header(request, "secret-key"),
        expected_signature(ACCESS_KEY, timestamp)
    );
    assert!(
        header(request, "content-type").starts_with(content_type),
        "{}",
        header(request, "content-type")
    );
}

#[tokio::test]
async fn onboard_customer_on_the_wire() {
    let server = server_answering(json!({"status": 2129, "response_type_id": 2129, "message": "Validate the OTP", "data": {}})).await;
    let client = client(&format!("{}/ekoapi/v3", server.uri()));
    let request = example_customer().client_ref_id("REQ-20260101-001");
    client
        .onboard_customer(&request)
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/ekoapi/v3/customer/account/9444444444");
    assert_eq!(sent.url.query(), None);
    assert_signed(&sent, "application/json");
    assert_eq!(
        sent.body_json::<Value>().unwrap(),
        json!({
            "initiator_id": "9962981729",
            "client_ref_id": "REQ-20260101-001",
            "name": "Karan Garg",
            "dob": "1990-05-15",
            "residence_address": ["123 MG Road", "Bangalore", "Karnataka", "560001"]
        })
    );
}

#[tokio::test]
async fn onboard_user_on_the_wire_with_a_generated_reference() {
    let server = server_answering(json!({"status": 0, "response_type_id": 1290, "message": "User onboarding successfull", "data": {"user_code": "20110002"}})).await;
    let client = client(&server.uri());
    let request = example_user();
    let response = client
        .onboard_user(&request)
        .await
        .and_then(eko_api::Outcome::into_result)
        .unwrap();

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "POST");
    assert_eq!(sent.url.path(), "/user/network/eps-agent");
    assert_eq!(sent.url.query(), None);
    assert_signed(&sent, "application/json");
    let mut body = sent.body_json::<Value>().unwrap();
    let sent_ref = body
        .as_object_mut()
        .unwrap()
        .remove("client_ref_id")
        .expect("a client_ref_id is always sent");
    assert_eq!(
        Some(sent_ref.as_str().unwrap()),
        response.client_ref_id.as_deref(),
        "the response tells which reference was sent"
    );
    assert_eq!(
        body,
        json!({
            "initiator_id": "9962981729",
            "pan_number": "ABCDE1234F",
            "mobile": "9876543210",
            "first_name": "Ramesh",
            "last_name": "Kumar",
            "email": "ramesh@example.com",
            "residence_address": {
                "line": "Eko India", "city": "Gurgaon", "state": "Haryana",
                "pincode": "122002", "district": "Banswara", "area": "Mongol"
            },
            "dob": "1990-05-15",
            "shop_name": "Ramesh Mobile Store"
        })
    );
}

#[tokio::test]
async fn get_sends_a_query_string_and_no_body() {
    let server = server_answering(
        json!({"status": 0, "message": "ok", "data": {"tx_status": "0", "amount": "110.00"}}),
    )
    .await;
    let mut lookup = TransactionLookup::new("TX/1");
    lookup.include_history = Some(false);
    let response = client(&server.uri()).send(&lookup).await.unwrap();
    assert_eq!(response.data.amount.unwrap().as_str(), "110.00");

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "GET");
    assert_eq!(sent.url.path(), "/tools/reference/transaction/TX%2F1");
    assert_eq!(
        sent.url.query(),
        Some("initiator_id=9962981729&user_code=20810200&include_history=false")
    );
    assert_signed(&sent, "application/json");
    assert!(sent.body.is_empty());
}

#[tokio::test]
async fn multipart_sends_a_form_data_part_and_the_files() {
    let server = server_answering(json!({"status": 0, "message": "Activated"})).await;
    let response = client(&server.uri())
        .send(&ActivateService::new())
        .await
        .unwrap();
    assert!(response.data.is_empty());

    let sent = only_request(&server).await;
    assert_eq!(sent.method.as_str(), "PUT");
    assert_signed(&sent, "multipart/form-data; boundary=");
    let body = String::from_utf8_lossy(&sent.body);
    let form_data = body
        .split("name=\"form-data\"")
        .nth(1)
        .expect("a form-data part");
    let json_text = form_data
        .split("\r\n\r\n")
        .nth(1)
        .unwrap()
        .split("\r\n--")
        .next()
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(json_text).unwrap(),
        json!({
            "initiator_id": "9962981729",
            "user_code": "20810200",
            "service_code": "43",
            "office_address": {"line": "12 MG Road", "city": "Bengaluru", "pincode": "560001"}
        })
    );
    assert!(body.contains("name=\"pan_card\"; filename=\"pan.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 pan"), "{body}");
    assert!(
        body.contains("name=\"aadhar_front\"; filename=\"front.jpg\"\r\nContent-Type: image/jpeg"),
        "{body}"
    );
    assert!(
        body.find("form-data\"").unwrap() < body.find("pan_card").unwrap(),
        "fields come before files"
    );
}

#[test]
fn the_client_is_shareable_and_calls_can_be_spawned() {
    fn shareable<T: Clone + Send + Sync + 'static>(_: &T) {}
    fn spawnable<F: std::future::Future + Send>(_: F) {}
    let client = client("http://127.0.0.1:9");
    shareable(&client);
    let request = OnboardCustomerRequest::new(
        eko_api::Mobile::new("9444444444"),
        "Karan Garg",
        eko_api::Date::constant(1990, 5, 15),
        address(),
    );
    spawnable(client.onboard_customer(&request));
    spawnable(client.send(&TransactionLookup::new("T1")));
}
