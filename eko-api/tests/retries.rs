//! GET calls are retried on transient failures and re-signed each time; calls that
//! change state are sent exactly once.

mod common;

use common::*;
use eko_api::{Client, Error, RetryPolicy, TransportKind};
use serde_json::json;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A clock that moves one second per reading, so each signature differs.
fn ticking_client(base: &str, retry: RetryPolicy) -> Client {
    let now = Arc::new(AtomicU64::new(NOW_MS));
    let clock = move || now.fetch_add(1_000, Ordering::SeqCst);
    Client::new(config(base).with_clock(clock).with_retry(retry)).unwrap()
}

fn fast(retries: u32) -> RetryPolicy {
    RetryPolicy::with_max_retries(retries)
        .with_backoff(Duration::from_millis(1), Duration::from_millis(2))
}

async fn failing_then_ok(status: u16, failures: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_string("<html>busy</html>"))
        .up_to_n_times(failures)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": 0, "data": {"tx_status": "0"}})),
        )
        .with_priority(2)
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn get_is_retried_on_5xx_and_429_and_re_signed_each_time() {
    for status in [502, 503, 429] {
        let server = failing_then_ok(status, 2).await;
        let response = ticking_client(&server.uri(), fast(2))
            .send(&TransactionLookup::new("T1"))
            .await
            .unwrap();
        assert_eq!(response.data.tx_status.as_deref(), Some("0"));

        let requests = server.received_requests().await.unwrap();
        assert_eq!(requests.len(), 3, "status {status}");
        let mut timestamps = Vec::new();
        for request in &requests {
            let timestamp = request.headers["secret-key-timestamp"]
                .to_str()
                .unwrap()
                .to_owned();
            assert_eq!(
                request.headers["secret-key"].to_str().unwrap(),
                expected_signature(ACCESS_KEY, &timestamp)
            );
            timestamps.push(timestamp);
        }
        timestamps.dedup();
        assert_eq!(
            timestamps.len(),
            3,
            "each attempt carries a fresh timestamp: {timestamps:?}"
        );
    }
}

#[tokio::test]
async fn get_gives_up_after_the_policy_allows() {
    let server = failing_then_ok(503, 10).await;
    let error = ticking_client(&server.uri(), fast(2))
        .send(&TransactionLookup::new("T1"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Http {
                status: 503,
                attempts: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 3);

    let server = failing_then_ok(503, 10).await;
    let error = ticking_client(&server.uri(), RetryPolicy::none())
        .send(&TransactionLookup::new("T1"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Http {
                status: 503,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn get_is_not_retried_on_client_errors_or_business_errors() {
    for template in [
        ResponseTemplate::new(400).set_body_string("bad"),
        ResponseTemplate::new(200).set_body_json(json!({"status": 1, "message": "no"})),
    ] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(template)
            .mount(&server)
            .await;
        assert!(
            ticking_client(&server.uri(), fast(2))
                .send(&TransactionLookup::new("T1"))
                .await
                .is_err()
        );
        assert_eq!(server.received_requests().await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn get_is_retried_on_transport_errors() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let error = ticking_client(&format!("http://{address}"), fast(2))
        .send(&TransactionLookup::new("T1"))
        .await
        .unwrap_err();
    let Error::Transport {
        kind,
        attempts,
        retry_safe,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (*kind, *attempts, *retry_safe),
        (TransportKind::Connect, 3, true)
    );
}

#[tokio::test]
async fn post_and_put_are_sent_exactly_once() {
    let server = failing_then_ok(502, 10).await;
    let client = ticking_client(&server.uri(), fast(5));
    let request = PayBill {
        utility_acc_no: "1".into(),
        amount: 5.into(),
        user_code: "20810200".into(),
        client_ref_id: None,
    };
    let error = client.send(&request).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Http {
                status: 502,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.client_ref_id().is_some(),
        "the generated reference is reported"
    );
    assert!(client.send(&ActivateService::new()).await.is_err());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);

    let slow = MockServer::start().await;
    Mock::given(any())
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": 0}))
                .set_delay(Duration::from_secs(5)),
        )
        .mount(&slow)
        .await;
    let client = Client::new(
        config(&slow.uri())
            .with_retry(fast(5))
            .with_timeout(Duration::from_millis(150)),
    )
    .unwrap();
    let error = client.send(&request).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Timeout,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(slow.received_requests().await.unwrap().len(), 1);
}
