//! Transaction status callbacks over real loopback HTTP: the configured callback
//! address, the payload the spec documents, signatures, retries, the loopback-only
//! policy and bounded records; and the deprecated Setup Callback URL, still honoured.

// Setup Callback URL and Initiate Fund Transfer left Eko's docs; they stay deprecated
// and tested, in the tests at the end of this file.
#![allow(deprecated)]

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use eko_api::dmt::DmtInitiateTransferRequest;
use eko_api::payout::{InitiateFundTransferRequest, SetupCallbackUrlRequest};
use eko_api::{Client, Config, Environment, Number};
use eko_mock::{Delivery, DeliveryOutcome, MockConfig, MockServer};
use serde_json::Value;
use std::collections::{BTreeSet, VecDeque};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::time::timeout;

const DOCUMENTED_USER_CODE: &str = "20810200";
/// Bound on every wait: far above a loopback round trip, far below a hung test.
const WAIT: Duration = Duration::from_secs(10);

/// One request the receiver got.
struct Received {
    headers: HeaderMap,
    body: Bytes,
}

#[derive(Clone)]
struct Receiver {
    seen: mpsc::UnboundedSender<Received>,
    /// Statuses to answer, in order; 200 once they run out.
    answers: Arc<Mutex<VecDeque<u16>>>,
}

async fn receive(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    body: Bytes,
) -> (StatusCode, &'static str) {
    let _ = receiver.seen.send(Received { headers, body });
    let status = receiver
        .answers
        .lock()
        .map(|mut answers| answers.pop_front().unwrap_or(200))
        .unwrap_or(200);
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    (status, r#"{"status":200,"message":"Acknowledged"}"#)
}

/// A callback receiver on 127.0.0.1 answering `answers` in turn, then 200; its URL and
/// the requests it gets.
async fn start_receiver(answers: &[u16]) -> (String, mpsc::UnboundedReceiver<Received>) {
    let (seen, requests) = mpsc::unbounded_channel();
    let state = Receiver {
        seen,
        answers: Arc::new(Mutex::new(answers.iter().copied().collect())),
    };
    let router = Router::new()
        .route("/hook", post(receive))
        .with_state(state);
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("a bound address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{address}/hook"), requests)
}

async fn next_request(requests: &mut mpsc::UnboundedReceiver<Received>) -> Received {
    timeout(WAIT, requests.recv())
        .await
        .expect("a callback arrives in time")
        .expect("the receiver is running")
}

async fn settled(server: &MockServer, count: usize) -> Vec<Delivery> {
    timeout(WAIT, server.wait_for_deliveries(count))
        .await
        .expect("the callbacks settle in time")
}

fn client_for(server: &MockServer) -> Client {
    let mock = server.config();
    Client::new(Config::new(
        Environment::Custom(server.base_url()),
        eko_api::DeveloperKey::new(mock.developer_key.clone()),
        eko_api::AccessKey::new(mock.access_key.clone()),
        mock.initiator_id.clone(),
    ))
    .expect("the client builds")
}

async fn start(config: MockConfig) -> (MockServer, Client) {
    let server = MockServer::start(config).await.expect("the mock starts");
    let client = client_for(&server);
    (server, client)
}

/// A mock whose configured callback address is `url`, and a client for it.
async fn start_calling_back(url: &str, config: MockConfig) -> (MockServer, Client) {
    start(MockConfig {
        callback_url: Some(url.to_owned()),
        ..config
    })
    .await
}

async fn register(client: &Client, user_code: &str, url: &str) {
    let response = client
        .setup_callback_url(&SetupCallbackUrlRequest::new(
            user_code,
            url,
            Number::from(45i64),
        ))
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("Setup Callback URL succeeds");
    assert_eq!(response.status, 0);
}

/// A DMT transfer, a transaction of the current docs that takes no `user_code`.
fn dmt_transfer(client_ref_id: &str, amount: i64) -> DmtInitiateTransferRequest {
    DmtInitiateTransferRequest::new(
        "117015428",
        amount,
        eko_api::Mobile::new("9155927131"),
        "4702",
        "667007109",
        client_ref_id,
    )
}

/// Sends a DMT transfer and returns its tid.
async fn pay(client: &Client, client_ref_id: &str, amount: i64) -> String {
    let response = client
        .dmt_initiate_transfer(&dmt_transfer(client_ref_id, amount))
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("the transfer succeeds");
    assert!(response.is_complete(), "{}", response.raw_body);
    response.data.tid.expect("the transfer answers a tid")
}

/// The payload keys the spec's status callback webhook documents.
fn documented_fields() -> BTreeSet<String> {
    let webhook = eko_mock::bundle()
        .endpoints
        .iter()
        .find(|endpoint| endpoint.kind == eko_spec::EndpointKind::Webhook)
        .expect("the spec has a webhook");
    webhook
        .response
        .iter()
        .map(|field| field.path.clone())
        .collect()
}

fn assert_signed(headers: &HeaderMap, config: &MockConfig) {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|value| value.to_str().ok())
            .unwrap_or_else(|| panic!("the callback has no {name} header"))
            .to_owned()
    };
    assert_eq!(text(eko_mock::DEVELOPER_KEY_HEADER), config.developer_key);
    let timestamp = text(eko_mock::TIMESTAMP_HEADER);
    assert_eq!(
        text(eko_mock::SECRET_KEY_HEADER),
        eko_mock::sign(&config.access_key, &timestamp)
    );
    let sent: u128 = timestamp.parse().expect("milliseconds");
    assert!(
        sent.abs_diff(eko_mock::now_ms()) < 60_000,
        "the timestamp is current"
    );
}

#[tokio::test]
async fn a_transaction_sends_the_documented_payload_signed() {
    let (url, mut requests) = start_receiver(&[]).await;
    let (server, client) = start_calling_back(&url, MockConfig::default()).await;
    // No Setup Callback URL: the configured address is all it takes.
    let tid = pay(&client, "CB-PAYLOAD-1", 1234).await;

    let request = next_request(&mut requests).await;
    assert_signed(&request.headers, server.config());
    assert_eq!(
        request
            .headers
            .get("content-type")
            .and_then(|value| value.to_str().ok()),
        Some("application/json")
    );
    let body: Value = serde_json::from_slice(&request.body).expect("a JSON body");
    let outer: Vec<&str> = body
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(outer, ["data"]);
    let data = body["data"].as_object().expect("data is an object");
    assert_eq!(
        data.keys().cloned().collect::<BTreeSet<_>>(),
        documented_fields()
    );
    assert_eq!(data["tid"].as_str(), Some(tid.as_str()));
    assert_eq!(data["amount"].to_string(), "1234");
    assert_eq!(data["client_ref_id"], "CB-PAYLOAD-1");
    assert_eq!(data["old_tx_status"], 2);
    // From the transfer's answer; DMT documents no payment mode, so that one is null.
    assert!(data["bank_ref_num"].is_string(), "{body}");
    assert!(data["payment_mode"].is_null(), "{body}");
    let timestamp = data["timestamp"].as_str().expect("a timestamp");
    assert_eq!(timestamp.len(), "2024-06-15 10:30:45".len(), "{timestamp}");

    let deliveries = settled(&server, 1).await;
    assert_eq!(deliveries.len(), 1);
    let delivery = &deliveries[0];
    assert_eq!(delivery.url, url);
    assert_eq!(
        delivery.user_code, None,
        "a DMT transfer takes no user_code"
    );
    assert_eq!(delivery.endpoint, "dmt-initiate-transfer");
    assert_eq!(delivery.payload, body);
    assert_eq!(delivery.attempts, 1);
    assert!(
        matches!(&delivery.outcome, DeliveryOutcome::Acknowledged { status: 200, body } if body.contains("Acknowledged")),
        "{:?}",
        delivery.outcome
    );
}

#[tokio::test]
async fn a_failing_receiver_is_retried_until_it_acknowledges() {
    let (url, mut requests) = start_receiver(&[500]).await;
    let (server, client) = start_calling_back(&url, MockConfig::default()).await;
    pay(&client, "CB-RETRY-1", 10).await;

    let first = next_request(&mut requests).await;
    let second = next_request(&mut requests).await;
    assert_signed(&second.headers, server.config());
    assert_eq!(first.body, second.body, "a retry sends the same payload");
    let deliveries = settled(&server, 1).await;
    assert_eq!(deliveries[0].attempts, 2);
    assert!(matches!(
        deliveries[0].outcome,
        DeliveryOutcome::Acknowledged { status: 200, .. }
    ));
}

#[tokio::test]
async fn a_receiver_that_keeps_failing_is_given_up_on() {
    let (url, mut requests) = start_receiver(&[503, 503, 503, 503]).await;
    let (server, client) = start_calling_back(&url, MockConfig::default()).await;
    pay(&client, "CB-FAIL-1", 10).await;

    let deliveries = settled(&server, 1).await;
    assert_eq!(deliveries[0].attempts, eko_mock::CALLBACK_ATTEMPTS);
    assert!(
        matches!(
            deliveries[0].outcome,
            DeliveryOutcome::Failed {
                status: Some(503),
                ..
            }
        ),
        "{:?}",
        deliveries[0].outcome
    );
    let mut received = 0;
    while requests.try_recv().is_ok() {
        received += 1;
    }
    assert_eq!(received, 3);
}

#[tokio::test]
async fn an_unreachable_receiver_fails_without_hurting_the_mock() {
    // A port that was free a moment ago and has nobody listening now.
    let closed = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .expect("a loopback port")
        .local_addr()
        .expect("an address");
    let url = format!("http://{closed}/hook");
    let (server, client) = start_calling_back(&url, MockConfig::default()).await;
    pay(&client, "CB-DOWN-1", 10).await;

    let deliveries = settled(&server, 1).await;
    assert_eq!(deliveries[0].attempts, eko_mock::CALLBACK_ATTEMPTS);
    assert!(
        matches!(
            &deliveries[0].outcome,
            DeliveryOutcome::Failed { status: None, error } if !error.is_empty()
        ),
        "{:?}",
        deliveries[0].outcome
    );
    // The mock still answers.
    pay(&client, "CB-DOWN-2", 10).await;
}

#[tokio::test]
async fn remote_and_https_urls_are_refused_without_a_request() {
    // 203.0.113.0/24 is reserved for documentation: nothing answers there.
    for (url, why) in [
        ("http://203.0.113.1/hook", "loopback"),
        ("https://127.0.0.1:9/hook", "https"),
    ] {
        let config = MockConfig {
            callback_url: Some(url.to_owned()),
            ..MockConfig::default()
        };
        assert!(config.check_callback_url().is_err(), "{url}");
        // A library user may still start such a mock: every callback is then refused.
        let (server, client) = start(config).await;
        pay(&client, "CB-REFUSED-1", 10).await;

        // Refusal is decided before the transaction is answered: nothing to wait for.
        let deliveries = server.callback_deliveries();
        assert_eq!(deliveries.len(), 1, "{url}");
        assert_eq!(deliveries[0].url, url);
        assert_eq!(deliveries[0].attempts, 0, "{url}");
        assert!(
            matches!(&deliveries[0].outcome, DeliveryOutcome::Refused { reason } if reason.contains(why)),
            "{url}: {:?}",
            deliveries[0].outcome
        );
        assert_eq!(settled(&server, 1).await.len(), 1);
    }
}

#[tokio::test]
async fn only_successful_transactions_are_called_back() {
    // Without a configured address (and no registration) nothing is owed.
    let (server, client) = start(MockConfig::default()).await;
    pay(&client, "CB-NONE-1", 10).await;
    assert!(server.callback_deliveries().is_empty());

    let (url, mut requests) = start_receiver(&[]).await;
    let (server, client) = start_calling_back(&url, MockConfig::default()).await;
    // Calls that are no transaction (no tid) owe nothing.
    let onboarded = client
        .onboard_user(&onboard_user_request())
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("Onboard User succeeds");
    assert!(onboarded.is_complete());
    assert!(server.callback_deliveries().is_empty(), "not a transaction");
    // A failed transfer owes no callback: here the mock refuses another initiator_id.
    let mock = server.config();
    let stranger = Client::new(Config::new(
        Environment::Custom(server.base_url()),
        eko_api::DeveloperKey::new(mock.developer_key.clone()),
        eko_api::AccessKey::new(mock.access_key.clone()),
        "9876543210",
    ))
    .expect("the client builds");
    let refused = stranger
        .dmt_initiate_transfer(&dmt_transfer("CB-NONE-X", 10))
        .await
        .and_then(eko_api::Outcome::into_result);
    assert!(refused.is_err(), "{refused:?}");
    assert!(server.callback_deliveries().is_empty());
    pay(&client, "CB-NONE-2", 10).await;
    let request = next_request(&mut requests).await;
    let body: Value = serde_json::from_slice(&request.body).expect("JSON");
    assert_eq!(body["data"]["client_ref_id"], "CB-NONE-2");
    assert_eq!(settled(&server, 1).await.len(), 1);
}

#[tokio::test]
async fn the_delivery_record_is_bounded() {
    let (url, _requests) = start_receiver(&[]).await;
    let config = MockConfig {
        state_capacity: 2,
        ..MockConfig::default()
    };
    let (server, client) = start_calling_back(&url, config).await;
    for client_ref_id in ["CB-BOUND-1", "CB-BOUND-2", "CB-BOUND-3"] {
        pay(&client, client_ref_id, 10).await;
    }
    let deliveries = settled(&server, 3).await;
    let kept: Vec<&Value> = deliveries
        .iter()
        .map(|delivery| &delivery.payload["data"]["client_ref_id"])
        .collect();
    assert_eq!(kept, ["CB-BOUND-2", "CB-BOUND-3"]);
    assert_eq!(
        deliveries
            .iter()
            .map(|delivery| delivery.id)
            .collect::<Vec<_>>(),
        [1, 2]
    );
}

// The deprecated Setup Callback URL: still served, and a registration still decides
// where that user_code's transactions are called back.

fn onboard_user_request() -> eko_api::user::OnboardUserRequest {
    eko_api::user::OnboardUserRequest::new(
        eko_api::Pan::new("ABCDE1234F"),
        eko_api::Mobile::new("9876543210"),
        "Ramesh",
        "Kumar",
        eko_api::Email::new("ramesh@example.com"),
        eko_api::user::OnboardUserResidenceAddress::new(
            "Eko India",
            "Gurgaon",
            "Haryana",
            eko_api::Pincode::new("122002"),
            "Banswara",
            "Mongol",
        ),
        eko_api::Date::constant(1990, 5, 15),
        "Ramesh Mobile Store",
    )
}

async fn fresh_user_code(client: &Client) -> String {
    client
        .onboard_user(&onboard_user_request())
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("Onboard User succeeds")
        .data
        .user_code
        .expect("a fresh user_code")
}

/// A payout (deprecated), which takes the `user_code` a registration is made for.
async fn pay_out(client: &Client, user_code: &str, client_ref_id: &str) {
    let request = InitiateFundTransferRequest::new(
        user_code,
        Number::from(45i64),
        Number::from(5i64),
        "Ravi Kumar",
        "50100123456789",
        eko_api::Ifsc::new("HDFC0001234"),
        Number::from(10i64),
        "Acme Corp",
    )
    .client_ref_id(client_ref_id)
    .latlong("28.78123,72.808912");
    let response = client
        .initiate_fund_transfer(&request)
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("the payout succeeds");
    assert_eq!(response.status, 0);
}

async fn client_ref_of(requests: &mut mpsc::UnboundedReceiver<Received>) -> Value {
    let request = next_request(requests).await;
    let body: Value = serde_json::from_slice(&request.body).expect("JSON");
    body["data"]["client_ref_id"].clone()
}

#[tokio::test]
async fn setup_callback_url_still_registers_a_url_for_its_user_code() {
    let (configured, mut at_configured) = start_receiver(&[]).await;
    let (registered, mut at_registered) = start_receiver(&[]).await;
    let (server, client) = start_calling_back(&configured, MockConfig::default()).await;
    let other = fresh_user_code(&client).await;
    register(&client, DOCUMENTED_USER_CODE, &registered).await;
    assert!(
        server.callback_deliveries().is_empty(),
        "registering is not a transaction"
    );

    // The registered user_code's transactions go to its own URL...
    pay_out(&client, DOCUMENTED_USER_CODE, "CB-SETUP-1").await;
    assert_eq!(client_ref_of(&mut at_registered).await, "CB-SETUP-1");
    // ...everyone else's, with or without a user_code, to the configured address.
    pay_out(&client, &other, "CB-SETUP-2").await;
    assert_eq!(client_ref_of(&mut at_configured).await, "CB-SETUP-2");
    pay(&client, "CB-SETUP-3", 10).await;
    assert_eq!(client_ref_of(&mut at_configured).await, "CB-SETUP-3");

    let deliveries = settled(&server, 3).await;
    let routed: Vec<(Option<&str>, &str)> = deliveries
        .iter()
        .map(|delivery| (delivery.user_code.as_deref(), delivery.url.as_str()))
        .collect();
    assert_eq!(
        routed,
        [
            (Some(DOCUMENTED_USER_CODE), registered.as_str()),
            (Some(other.as_str()), configured.as_str()),
            (None, configured.as_str()),
        ]
    );
    assert!(at_registered.try_recv().is_err() && at_configured.try_recv().is_err());

    // Without a configured address a registration alone still works.
    let (server, client) = start(MockConfig::default()).await;
    register(&client, DOCUMENTED_USER_CODE, &registered).await;
    pay_out(&client, DOCUMENTED_USER_CODE, "CB-SETUP-4").await;
    assert_eq!(client_ref_of(&mut at_registered).await, "CB-SETUP-4");
    assert_eq!(settled(&server, 1).await[0].url, registered);
}

#[tokio::test]
async fn callback_urls_are_bounded_too() {
    let config = MockConfig {
        state_capacity: 1,
        ..MockConfig::default()
    };
    let (server, client) = start(config).await;
    let fresh = fresh_user_code(&client).await;
    let (url, mut requests) = start_receiver(&[]).await;
    register(&client, &fresh, &url).await;
    // The table holds one URL: this one pushes out the fresh user's.
    register(&client, DOCUMENTED_USER_CODE, &url).await;

    pay_out(&client, &fresh, "CB-EVICT-1").await;
    assert!(
        server.callback_deliveries().is_empty(),
        "the evicted registration owes nothing"
    );
    pay_out(&client, DOCUMENTED_USER_CODE, "CB-EVICT-2").await;
    assert_eq!(client_ref_of(&mut requests).await, "CB-EVICT-2");
}
