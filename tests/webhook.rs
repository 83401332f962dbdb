//! The transaction status webhook end to end: a receiver written the way a client
//! application would write one (check the signature with the client's own signing
//! code, decode with `eko_api::parse_webhook`, answer the documented acknowledgement)
//! is the mock's configured callback address, and the mock calls it back after a
//! transfer made through the real client.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::routing::post;
use eko_api::qr::QrTransactionStatusCallbackData;
use eko_api::signing::{DEVELOPER_KEY_HEADER, SECRET_KEY_HEADER, TIMESTAMP_HEADER, secret_key};
use eko_api::{Number, Secret, Webhook, parse_webhook};
use eko_mock::{DeliveryOutcome, MockConfig};
use eko_tests::start_mock_with;
use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio::time::timeout;

/// Bound on every wait: far above a loopback round trip, far below a hung test.
const WAIT: Duration = Duration::from_secs(10);

/// What the receiver made of one callback: the typed payload, or why it refused it.
type Received = Result<QrTransactionStatusCallbackData, String>;

#[derive(Clone)]
struct Receiver {
    developer_key: String,
    access_key: Secret,
    received: mpsc::UnboundedSender<Received>,
}

impl Receiver {
    /// Accepts only callbacks signed with our keys, as Eko signs calls.
    fn verify(&self, headers: &HeaderMap) -> Result<(), String> {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .ok_or(format!("no {name} header"))
        };
        if text(DEVELOPER_KEY_HEADER)? != self.developer_key {
            return Err("unknown developer_key".to_owned());
        }
        let timestamp: u64 = text(TIMESTAMP_HEADER)?
            .parse()
            .map_err(|_| "the timestamp is not milliseconds".to_owned())?;
        if text(SECRET_KEY_HEADER)? != secret_key(&self.access_key, timestamp).expose() {
            return Err("the secret-key does not match".to_owned());
        }
        Ok(())
    }
}

async fn callback(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    body: Bytes,
) -> (
    StatusCode,
    [(header::HeaderName, &'static str); 1],
    &'static str,
) {
    let json = [(header::CONTENT_TYPE, "application/json")];
    let decoded = receiver.verify(&headers).and_then(|()| {
        parse_webhook::<QrTransactionStatusCallbackData>(&body).map_err(|error| error.to_string())
    });
    let status = if decoded.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNAUTHORIZED
    };
    let _ = receiver.received.send(decoded);
    (
        status,
        json,
        QrTransactionStatusCallbackData::ACKNOWLEDGEMENT,
    )
}

/// Starts the receiver on 127.0.0.1; its callback URL and what it receives.
async fn start_receiver(mock: &MockConfig) -> (String, mpsc::UnboundedReceiver<Received>) {
    let (received, callbacks) = mpsc::unbounded_channel();
    let receiver = Receiver {
        developer_key: mock.developer_key.clone(),
        access_key: Secret::new(mock.access_key.clone()),
        received,
    };
    let router = Router::new()
        .route("/eko/callback", post(callback))
        .with_state(receiver);
    let listener = TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .expect("a loopback port");
    let address = listener.local_addr().expect("a bound address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    (format!("http://{address}/eko/callback"), callbacks)
}

#[tokio::test]
async fn a_transfer_is_called_back_at_the_configured_address() {
    // The receiver comes first: its address is part of the mock's configuration, and
    // no call (Setup Callback URL left Eko's docs) is needed to register it.
    let keys = MockConfig::default();
    let (url, mut callbacks) = start_receiver(&keys).await;
    let (server, client) = start_mock_with(MockConfig {
        callback_url: Some(url.clone()),
        ..keys
    })
    .await;

    // The documented DMT transfer, with our own reference and amount.
    let mut transfer = eko_tests::examples::dmt_initiate_transfer();
    transfer.client_ref_id = "WEBHOOK-E2E-0001".to_owned();
    transfer.amount = Number::from(4321i64);
    let paid = client
        .dmt_initiate_transfer(&transfer)
        .await
        .and_then(eko_api::Outcome::into_result)
        .expect("the transfer succeeds");
    assert!(paid.is_complete(), "{}", paid.raw_body);
    let tid = paid.data.tid.clone().expect("the transfer answers a tid");

    let payload = timeout(WAIT, callbacks.recv())
        .await
        .expect("the callback arrives in time")
        .expect("the receiver runs")
        .unwrap_or_else(|refused| panic!("the receiver refused the callback: {refused}"));
    assert_eq!(payload.tid.as_deref(), Some(tid.as_str()));
    assert_eq!(
        payload.amount.as_ref().map(Number::as_str),
        Some(transfer.amount.as_str())
    );
    assert_eq!(payload.client_ref_id.as_deref(), Some("WEBHOOK-E2E-0001"));
    assert_eq!(payload.client_ref_id, paid.client_ref_id);
    assert_eq!(
        payload.old_tx_status.as_ref().map(Number::as_str),
        Some("2")
    );
    assert!(payload.timestamp.is_some());
    assert!(
        payload.extra.is_empty(),
        "only documented fields: {:?}",
        payload.extra
    );

    let deliveries = timeout(WAIT, server.wait_for_deliveries(1))
        .await
        .expect("the delivery settles in time");
    assert_eq!(deliveries.len(), 1);
    assert_eq!(deliveries[0].url, url);
    assert_eq!(deliveries[0].attempts, 1);
    assert_eq!(
        deliveries[0].outcome,
        DeliveryOutcome::Acknowledged {
            status: 200,
            body: QrTransactionStatusCallbackData::ACKNOWLEDGEMENT.to_owned(),
        }
    );
}
