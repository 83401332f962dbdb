//! The mock on a real loopback socket, spoken to by hand: it sheds connections that
//! are slow or idle, waits rather than grows past its connection limit, and names a
//! header whose value is not text instead of calling it a bad signature.

mod common;

use common::endpoint;
use common::raw::{self, NoResponse, auth_headers, closed_within, read_response, request_bytes};
use eko_mock::{MockConfig, MockServer};
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// The header timeout these tests run with: short, so that they take well under a second.
const HEADER_TIMEOUT: Duration = Duration::from_millis(400);
/// The request timeout these tests run with.
const REQUEST_TIMEOUT: Duration = Duration::from_millis(600);
/// Room for a loaded machine on top of a timeout.
const SLACK: Duration = Duration::from_secs(2);

fn short_timeouts() -> MockConfig {
    MockConfig {
        header_read_timeout: HEADER_TIMEOUT,
        request_timeout: REQUEST_TIMEOUT,
        ..MockConfig::default()
    }
}

async fn start(config: MockConfig) -> MockServer {
    MockServer::start(config)
        .await
        .expect("the mock starts on loopback")
}

fn onboard_user_uri(config: &MockConfig) -> String {
    format!("{}{}", config.base_path, endpoint("onboard-user").path)
}

/// A signed Onboard User request with the documented body, kept alive.
fn onboard_user(config: &MockConfig) -> Vec<u8> {
    let body = endpoint("onboard-user")
        .examples
        .request
        .clone()
        .expect("the page documents a request");
    let mut headers: Vec<(&str, Vec<u8>)> = auth_headers(config);
    headers.push(("content-type", b"application/json".to_vec()));
    let headers: Vec<(&str, &[u8])> = headers
        .iter()
        .map(|(name, value)| (*name, value.as_slice()))
        .collect();
    request_bytes("POST", &onboard_user_uri(config), &headers, body.as_bytes())
}

#[tokio::test]
async fn half_a_request_line_is_cut_off_after_the_header_timeout() {
    let config = short_timeouts();
    let server = start(config.clone()).await;
    let mut stream = raw::send(server.address(), b"POST /ekoapi/v3/user/netw").await;
    let closed = closed_within(&mut stream, HEADER_TIMEOUT + SLACK).await;
    let elapsed = closed.expect("a stalled request line holds the connection open");
    assert!(elapsed >= HEADER_TIMEOUT / 2, "closed early: {elapsed:?}");
}

#[tokio::test]
async fn a_head_trickled_byte_by_byte_is_cut_off_too() {
    // Slowloris proper: bytes keep coming, but the head never completes in time.
    let config = short_timeouts();
    let server = start(config.clone()).await;
    let request = onboard_user(&config);
    let mut stream = tokio::net::TcpStream::connect(server.address())
        .await
        .unwrap();
    let start = std::time::Instant::now();
    let mut cut_off = false;
    for byte in &request {
        if stream.write_all(&[*byte]).await.is_err() {
            cut_off = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
        if start.elapsed() > HEADER_TIMEOUT + SLACK {
            break;
        }
    }
    if !cut_off {
        cut_off = closed_within(&mut stream, Duration::from_millis(100))
            .await
            .is_some();
    }
    assert!(
        cut_off,
        "a trickled head kept the connection for {:?}",
        start.elapsed()
    );
    assert!(start.elapsed() <= HEADER_TIMEOUT + SLACK);
}

#[tokio::test]
async fn a_connection_that_never_speaks_is_closed() {
    let server = start(short_timeouts()).await;
    let mut stream = raw::send(server.address(), b"").await;
    assert!(
        closed_within(&mut stream, HEADER_TIMEOUT + SLACK)
            .await
            .is_some(),
        "a silent connection stays open"
    );
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let config = short_timeouts();
    let server = start(config.clone()).await;
    let mut stream = raw::send(server.address(), &onboard_user(&config)).await;
    let response = read_response(&mut stream, SLACK).await.expect("an answer");
    assert_eq!(response.status, 200, "{}", response.head);
    assert!(
        !response
            .head
            .to_ascii_lowercase()
            .contains("connection: close"),
        "the answer should keep the connection alive: {}",
        response.head
    );
    // Kept alive, the connection still serves a second request...
    stream.write_all(&onboard_user(&config)).await.unwrap();
    let response = read_response(&mut stream, SLACK).await.expect("an answer");
    assert_eq!(response.status, 200);
    // ...then, left idle, it is closed.
    let closed = closed_within(&mut stream, HEADER_TIMEOUT + SLACK).await;
    assert!(closed.is_some(), "an idle connection stays open");
}

#[tokio::test]
async fn a_body_that_stops_arriving_is_answered_408() {
    let config = short_timeouts();
    let server = start(config.clone()).await;
    let mut headers: Vec<(&str, Vec<u8>)> = auth_headers(&config);
    headers.push(("content-type", b"application/json".to_vec()));
    headers.push(("content-length", b"1000".to_vec()));
    let headers: Vec<(&str, &[u8])> = headers
        .iter()
        .map(|(name, value)| (*name, value.as_slice()))
        .collect();
    // A thousand bytes announced, a few sent.
    let request = request_bytes("POST", &onboard_user_uri(&config), &headers, b"");
    let mut stream = raw::send(server.address(), &request).await;
    stream.write_all(b"{\"initiator_id\": ").await.unwrap();
    let response = read_response(&mut stream, REQUEST_TIMEOUT + SLACK)
        .await
        .expect("an answer once the request timeout passes");
    assert_eq!(response.status, 408, "{}", response.head);
    assert_eq!(response.json()["status"], 408);
    assert!(
        closed_within(&mut stream, SLACK).await.is_some(),
        "a connection with an unread body is closed after the 408"
    );
}

#[tokio::test]
async fn connections_beyond_the_limit_wait_for_a_free_slot() {
    // A longer header timeout here, so that the first connection surely still holds
    // its slot while the second is watched.
    let header_read_timeout = Duration::from_secs(1);
    let config = MockConfig {
        max_connections: 1,
        header_read_timeout,
        ..short_timeouts()
    };
    let server = start(config.clone()).await;
    let mut first = raw::send(server.address(), b"").await;
    // Let the mock take the first connection before the second arrives.
    tokio::time::sleep(Duration::from_millis(50)).await;
    let mut second = raw::send(server.address(), &onboard_user(&config)).await;
    assert_eq!(
        read_response(&mut second, Duration::from_millis(300))
            .await
            .unwrap_err(),
        NoResponse::TimedOut,
        "the second connection was served while the first held the only slot"
    );
    // The idle first connection is shed, which frees the slot.
    assert!(
        closed_within(&mut first, header_read_timeout + SLACK)
            .await
            .is_some()
    );
    let response = read_response(&mut second, SLACK)
        .await
        .expect("served once the slot is free");
    assert_eq!(response.status, 200);
}

#[tokio::test]
async fn a_header_that_is_not_utf8_is_a_400_naming_it() {
    let config = MockConfig::default();
    let server = start(config.clone()).await;
    let body = endpoint("onboard-user").examples.request.clone().unwrap();
    for broken in [
        eko_mock::DEVELOPER_KEY_HEADER,
        eko_mock::SECRET_KEY_HEADER,
        eko_mock::TIMESTAMP_HEADER,
        "content-type",
    ] {
        let mut headers: Vec<(&str, Vec<u8>)> = auth_headers(&config);
        headers.push(("content-type", b"application/json".to_vec()));
        for (name, value) in &mut headers {
            if *name == broken {
                value.extend_from_slice(b"\xff\xfe\xc3");
            }
        }
        let headers: Vec<(&str, &[u8])> = headers
            .iter()
            .map(|(name, value)| (*name, value.as_slice()))
            .collect();
        let request = request_bytes(
            "POST",
            &onboard_user_uri(&config),
            &headers,
            body.as_bytes(),
        );
        let mut stream = raw::send(server.address(), &request).await;
        let response = read_response(&mut stream, SLACK).await.expect("an answer");
        assert_eq!(response.status, 400, "{broken}: {}", response.head);
        let json = response.json();
        assert_eq!(json["status"], 400, "{broken}");
        let message = json["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(broken) && message.contains("UTF-8"),
            "{broken}: {message}"
        );
    }
    // Text that is UTF-8 but not ASCII is still checked as a key, and refused as one.
    let mut headers: Vec<(&str, Vec<u8>)> = auth_headers(&config);
    headers[0].1 = "clé".as_bytes().to_vec();
    headers.push(("content-type", b"application/json".to_vec()));
    let headers: Vec<(&str, &[u8])> = headers
        .iter()
        .map(|(name, value)| (*name, value.as_slice()))
        .collect();
    let request = request_bytes(
        "POST",
        &onboard_user_uri(&config),
        &headers,
        body.as_bytes(),
    );
    let mut stream = raw::send(server.address(), &request).await;
    let response = read_response(&mut stream, SLACK).await.expect("an answer");
    assert_eq!(response.status, 403, "{}", response.head);
}

#[tokio::test]
async fn a_body_cut_short_is_a_400_not_a_413() {
    // The client announces a small body, sends part of it and closes its side: the
    // body is incomplete, not too large.
    let config = MockConfig::default();
    let server = start(config.clone()).await;
    let mut headers: Vec<(&str, Vec<u8>)> = auth_headers(&config);
    headers.push(("content-type", b"application/json".to_vec()));
    headers.push(("content-length", b"100".to_vec()));
    let headers: Vec<(&str, &[u8])> = headers
        .iter()
        .map(|(name, value)| (*name, value.as_slice()))
        .collect();
    let request = request_bytes("POST", &onboard_user_uri(&config), &headers, b"{\"a\": 1");
    let mut stream = raw::send(server.address(), &request).await;
    stream.shutdown().await.unwrap();
    let response = read_response(&mut stream, SLACK).await.expect("an answer");
    assert_eq!(response.status, 400, "{}", response.head);
    let message = response.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(message.contains("body"), "{message}");
}
