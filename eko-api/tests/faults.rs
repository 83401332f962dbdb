//! The fault matrix: every way a server (or the network, or the caller's own input)
//! can fail a call, each through a loopback server these tests control. Every case
//! checks its documented `Error` variant, the `client_ref_id` that was actually
//! sent, how many requests reached the server, and that the call ended within its
//! deadline plus a margin.
//!
//! Deadlines here are small so the suite stays fast; the margin is generous (1 s)
//! because the machine running the tests may be loaded. Nothing sleeps to wait for
//! the server: servers that must not answer simply never do.

mod common;

use base64::Engine as _;
use common::*;
use eko_api::{
    BodyEncoding, CallOptions, Client, Config, Endpoint, EndpointMeta, Environment, Error, Kind,
    Location, Method, ParamMeta, RetryPolicy, Role, TransportKind,
};
use serde::Serialize;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// How far past its deadline a call may end on a loaded machine.
const MARGIN: Duration = Duration::from_secs(1);

// ---------------------------------------------------------------------------
// A loopback server that misbehaves on command.
// ---------------------------------------------------------------------------

/// One request as the server read it.
#[derive(Debug, Clone)]
struct Received {
    head: String,
    body: Vec<u8>,
}

impl Received {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().skip(1).find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.trim()
                .eq_ignore_ascii_case(name)
                .then(|| value.trim().to_owned())
        })
    }

    /// The `client_ref_id` the request carried, in its JSON body or its query string.
    fn client_ref_id(&self) -> Option<String> {
        if let Ok(body) = serde_json::from_slice::<Value>(&self.body)
            && let Some(id) = body.get("client_ref_id").and_then(Value::as_str)
        {
            return Some(id.to_owned());
        }
        let target = self.head.split(' ').nth(1)?;
        let query = target.split_once('?')?.1;
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("client_ref_id="))
            .map(str::to_owned)
    }
}

/// What the server does with the n-th request (0-based).
enum Reply {
    /// Write these bytes, then close the connection.
    Bytes(Vec<u8>),
    /// Keep the connection open and never answer.
    Hang,
    /// Write `head`, then `chunk` over and over until the client goes away.
    Endless { head: Vec<u8>, chunk: Vec<u8> },
}

type Behaviour = dyn Fn(usize, &Received) -> Reply + Send + Sync;

struct FaultServer {
    base: String,
    requests: Arc<Mutex<Vec<Received>>>,
}

impl FaultServer {
    async fn start(behaviour: impl Fn(usize, &Received) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let behaviour: Arc<Behaviour> = Arc::new(behaviour);
        let recorded = requests.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let (behaviour, recorded) = (behaviour.clone(), recorded.clone());
                tokio::spawn(async move {
                    serve(socket, &*behaviour, &recorded).await;
                });
            }
        });
        FaultServer { base, requests }
    }

    fn requests(&self) -> Vec<Received> {
        self.requests.lock().unwrap().clone()
    }

    fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// The one `client_ref_id` every request carried.
    fn sent_client_ref_id(&self) -> String {
        let ids: Vec<Option<String>> = self
            .requests()
            .iter()
            .map(Received::client_ref_id)
            .collect();
        let first = ids
            .first()
            .cloned()
            .flatten()
            .expect("a client_ref_id was sent");
        assert!(
            ids.iter().all(|id| id.as_deref() == Some(first.as_str())),
            "{ids:?}"
        );
        first
    }
}

async fn serve(mut socket: TcpStream, behaviour: &Behaviour, recorded: &Mutex<Vec<Received>>) {
    let Some(request) = read_request(&mut socket).await else {
        return;
    };
    let index = {
        let mut requests = recorded.lock().unwrap();
        requests.push(request.clone());
        requests.len() - 1
    };
    match behaviour(index, &request) {
        Reply::Bytes(bytes) => {
            let _ = socket.write_all(&bytes).await;
            let _ = socket.shutdown().await;
        }
        Reply::Hang => {
            // Hold the connection open; the test ends before this does.
            std::future::pending::<()>().await;
        }
        Reply::Endless { head, chunk } => {
            if socket.write_all(&head).await.is_err() {
                return;
            }
            // Only a client that stops reading ends this.
            while socket.write_all(&chunk).await.is_ok() {}
        }
    }
}

async fn read_request(socket: &mut TcpStream) -> Option<Received> {
    let mut data = Vec::new();
    let mut buffer = [0_u8; 8192];
    loop {
        let read = socket.read(&mut buffer).await.ok()?;
        if read == 0 {
            return None;
        }
        data.extend_from_slice(&buffer[..read]);
        let Some(head_end) = data.windows(4).position(|window| window == b"\r\n\r\n") else {
            continue;
        };
        let head = String::from_utf8_lossy(&data[..head_end]).into_owned();
        let length = head
            .lines()
            .find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.eq_ignore_ascii_case("content-length")
                    .then(|| value.trim().parse::<usize>().unwrap_or(0))
            })
            .unwrap_or(0);
        if data.len() >= head_end + 4 + length {
            let body = data[head_end + 4..head_end + 4 + length].to_vec();
            return Some(Received { head, body });
        }
    }
}

/// A complete HTTP/1.1 response that closes its connection.
fn http(status: u16, headers: &[(&str, &str)], body: impl AsRef<[u8]>) -> Vec<u8> {
    let body = body.as_ref();
    let mut out = format!("HTTP/1.1 {status} Status\r\nConnection: close\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

fn json_reply(status: u16, body: &Value) -> Vec<u8> {
    http(
        status,
        &[("Content-Type", "application/json")],
        body.to_string(),
    )
}

const HTML_PAGE: &str =
    "<html><head><title>502 Bad Gateway</title></head>\r\n<body><h1>Bad Gateway</h1></body></html>";

// ---------------------------------------------------------------------------
// Clients and calls.
// ---------------------------------------------------------------------------

/// Near-instant backoff, `retries` retries.
fn fast(retries: u32) -> RetryPolicy {
    RetryPolicy::with_max_retries(retries)
        .with_backoff(Duration::from_millis(1), Duration::from_millis(5))
}

fn client_with(base: &str, adjust: impl FnOnce(Config) -> Config) -> Client {
    Client::new(adjust(config(base))).expect("valid configuration")
}

/// A payment (POST, with a `request_hash`) whose `client_ref_id` the client generates.
fn payment() -> PayBill {
    PayBill {
        utility_acc_no: "1234567890".into(),
        amount: 110.into(),
        user_code: "20810200".into(),
        client_ref_id: None,
    }
}

/// A GET lookup carrying a `client_ref_id` of its own.
fn lookup() -> TransactionLookup {
    let mut lookup = TransactionLookup::new("T1");
    lookup.client_ref_id = Some("LOOKUP0001".into());
    lookup
}

fn deadline(millis: u64) -> CallOptions {
    CallOptions::new().with_deadline(Duration::from_millis(millis))
}

/// Runs `call`, returning its result and how long it took.
async fn timed<T>(call: impl std::future::Future<Output = T>) -> (T, Duration) {
    let started = Instant::now();
    let result = call.await;
    (result, started.elapsed())
}

/// The call ended within `deadline` plus the margin, and the error says so too.
fn assert_on_time(error: &Error, took: Duration, deadline: Duration) {
    assert!(
        took <= deadline + MARGIN,
        "took {took:?}, deadline {deadline:?}: {error}"
    );
    let reported = error.elapsed().expect("a call error reports its duration");
    assert!(
        reported <= took && reported + MARGIN >= took,
        "reported {reported:?}, measured {took:?}"
    );
    let attempts = error.attempts().expect("a call error reports its attempts");
    assert!(attempts >= 1, "{error}");
    let shown = error.to_string();
    let noun = if attempts == 1 { "attempt" } else { "attempts" };
    assert!(
        shown.contains(&format!("{attempts} {noun} in ")),
        "Display states attempts and time: {shown}"
    );
}

// ---------------------------------------------------------------------------
// The matrix.
// ---------------------------------------------------------------------------

#[tokio::test]
async fn no_answer_post_times_out_at_its_deadline_and_is_not_resent() {
    let server = FaultServer::start(|_, _| Reply::Hang).await;
    let client = client_with(&server.base, |config| config.with_retry(fast(5)));
    let (result, took) = timed(client.send_with(&payment(), deadline(400))).await;
    let error = result.unwrap_err();
    let Error::Transport {
        kind,
        retry_safe,
        attempts,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (*kind, *retry_safe, *attempts),
        (TransportKind::Timeout, false, 1)
    );
    assert!(took >= Duration::from_millis(400), "{took:?}");
    assert_on_time(&error, took, Duration::from_millis(400));
    assert_eq!(server.count(), 1);
    assert_eq!(
        client_ref_id.as_deref(),
        Some(server.sent_client_ref_id().as_str())
    );
    assert!(error.to_string().contains("deadline"), "{error}");
    assert!(error.to_string().contains("NOT safe"), "{error}");
}

#[tokio::test]
async fn no_answer_get_is_retried_only_within_the_deadline() {
    let server = FaultServer::start(|_, _| Reply::Hang).await;
    let client = client_with(&server.base, |config| {
        config
            .with_retry(fast(10))
            .with_timeout(Duration::from_millis(200))
            .with_deadline(Duration::from_millis(700))
    });
    let (result, took) = timed(client.send(&lookup())).await;
    let error = result.unwrap_err();
    let Error::Transport {
        kind,
        retry_safe,
        attempts,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*kind, *retry_safe), (TransportKind::Timeout, true));
    assert!(
        (2..=4).contains(attempts),
        "attempts of 200 ms fit a 700 ms deadline at most 4 times: {attempts}"
    );
    assert!(took >= Duration::from_millis(400), "{took:?}");
    assert_on_time(&error, took, Duration::from_millis(700));
    assert!(server.count() >= 1 && server.count() <= *attempts as usize);
    assert_eq!(client_ref_id.as_deref(), Some("LOOKUP0001"));
    assert_eq!(server.sent_client_ref_id(), "LOOKUP0001");
}

#[tokio::test]
async fn a_deadline_beyond_the_timeout_lets_a_get_recover_from_a_hung_attempt() {
    let server = FaultServer::start(|index, _| {
        if index == 0 {
            Reply::Hang
        } else {
            Reply::Bytes(json_reply(
                200,
                &json!({"status": 0, "data": {"tx_status": "0"}}),
            ))
        }
    })
    .await;
    let client = client_with(&server.base, |config| {
        config
            .with_retry(fast(2))
            .with_timeout(Duration::from_millis(200))
    });
    let (result, took) = timed(client.send_with(&lookup(), deadline(3_000))).await;
    let response = result.unwrap();
    assert_eq!(response.data.tx_status.as_deref(), Some("0"));
    assert_eq!(server.count(), 2);
    assert!(took <= Duration::from_millis(3_000) + MARGIN, "{took:?}");
}

#[tokio::test]
async fn connection_closed_mid_body_is_a_body_error() {
    let cut = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"status\":0,\"da".to_vec();

    let server = FaultServer::start({
        let cut = cut.clone();
        move |_, _| Reply::Bytes(cut.clone())
    })
    .await;
    let client = client_with(&server.base, |config| config.with_retry(fast(2)));
    let (result, took) = timed(client.send_with(&payment(), deadline(2_000))).await;
    let error = result.unwrap_err();
    let Error::Transport {
        kind,
        retry_safe,
        attempts,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(
        (*kind, *retry_safe, *attempts),
        (TransportKind::Body, false, 1)
    );
    assert_on_time(&error, took, Duration::from_millis(2_000));
    assert_eq!(server.count(), 1);
    assert_eq!(
        client_ref_id.as_deref(),
        Some(server.sent_client_ref_id().as_str())
    );

    // A GET is retried, and says it is safe to retry.
    let server = FaultServer::start(move |_, _| Reply::Bytes(cut.clone())).await;
    let client = client_with(&server.base, |config| config.with_retry(fast(2)));
    let (result, took) = timed(client.send_with(&lookup(), deadline(2_000))).await;
    let error = result.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Body,
                retry_safe: true,
                attempts: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert_on_time(&error, took, Duration::from_millis(2_000));
    assert_eq!(server.count(), 3);
    assert_eq!(error.client_ref_id(), Some("LOOKUP0001"));
}

#[tokio::test]
async fn server_errors_with_html_are_http_errors_and_only_gets_are_retried() {
    for status in [500, 502, 503] {
        let server = FaultServer::start(move |_, _| {
            Reply::Bytes(http(status, &[("Content-Type", "text/html")], HTML_PAGE))
        })
        .await;
        let client = client_with(&server.base, |config| config.with_retry(fast(2)));
        let (result, took) = timed(client.send_with(&payment(), deadline(2_000))).await;
        let error = result.unwrap_err();
        let Error::Http {
            status: got,
            message,
            body,
            attempts,
            client_ref_id,
            ..
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!((*got, *attempts, message.as_deref()), (status, 1, None));
        assert_eq!(body, HTML_PAGE);
        assert_on_time(&error, took, Duration::from_millis(2_000));
        assert_eq!(server.count(), 1, "a POST is never re-sent ({status})");
        assert_eq!(
            client_ref_id.as_deref(),
            Some(server.sent_client_ref_id().as_str())
        );
        assert!(
            !error.to_string().contains("\r\n"),
            "the page's line breaks are escaped: {error}"
        );

        let server = FaultServer::start(move |_, _| {
            Reply::Bytes(http(status, &[("Content-Type", "text/html")], HTML_PAGE))
        })
        .await;
        let client = client_with(&server.base, |config| config.with_retry(fast(2)));
        let (result, took) = timed(client.send_with(&lookup(), deadline(2_000))).await;
        let error = result.unwrap_err();
        assert!(
            matches!(error, Error::Http { status: s, attempts: 3, .. } if s == status),
            "{error:?}"
        );
        assert_on_time(&error, took, Duration::from_millis(2_000));
        assert_eq!(server.count(), 3, "a GET is retried ({status})");
        assert_eq!(error.client_ref_id(), Some("LOOKUP0001"));
    }
}

/// A 200 whose body is not the documented JSON envelope.
async fn decode_case(body: Vec<u8>, content_type: &'static str) -> (Error, FaultServer) {
    let server = FaultServer::start(move |_, _| {
        Reply::Bytes(http(200, &[("Content-Type", content_type)], &body))
    })
    .await;
    let client = client_with(&server.base, |config| config.with_retry(fast(2)));
    let (result, took) = timed(client.send_with(&payment(), deadline(2_000))).await;
    let error = result.unwrap_err();
    assert_on_time(&error, took, Duration::from_millis(2_000));
    assert_eq!(server.count(), 1);
    assert_eq!(
        error.client_ref_id(),
        Some(server.sent_client_ref_id().as_str())
    );
    assert_eq!(error.http_status(), Some(200));
    (error, server)
}

#[tokio::test]
async fn ok_with_truncated_json_is_a_decode_error() {
    let (error, _server) = decode_case(
        br#"{"status":0,"message":"Bill paid","data":{"tid"#.to_vec(),
        "application/json",
    )
    .await;
    let Error::Decode { message, body, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(message.contains("EOF"), "{message}");
    assert_eq!(body, r#"{"status":0,"message":"Bill paid","data":{"tid"#);
}

#[tokio::test]
async fn ok_with_invalid_utf8_is_a_decode_error() {
    let mut body = br#"{"status":0,"message":"paid "#.to_vec();
    body.extend_from_slice(&[0xFF, 0xFE, 0xC3]);
    body.extend_from_slice(br#"","data":{}}"#);
    let (error, _server) = decode_case(body, "application/json").await;
    let Error::Decode {
        path,
        message,
        body,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!(path, ".");
    assert!(
        message.contains("UTF-8") && message.contains("offset 28"),
        "{message}"
    );
    assert!(body.contains("paid \u{FFFD}"), "kept, lossily: {body}");
}

#[tokio::test]
async fn ok_with_a_json_array_is_a_decode_error() {
    let (error, _server) = decode_case(
        br#"[{"status":0,"message":"Bill paid"}]"#.to_vec(),
        "application/json",
    )
    .await;
    let Error::Decode { path, body, .. } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(path, ".");
    assert!(body.starts_with('['), "{body}");
}

#[tokio::test]
async fn ok_with_the_wrong_content_type_is_read_by_its_body() {
    // An HTML page labelled as such: a decode error that names the content type.
    let (error, _server) =
        decode_case(HTML_PAGE.as_bytes().to_vec(), "text/html; charset=UTF-8").await;
    let Error::Decode { message, .. } = &error else {
        panic!("{error:?}")
    };
    assert!(message.contains("`text/html; charset=UTF-8`"), "{message}");

    // A JSON envelope mislabelled as text (PHP back ends do this) is still read.
    let envelope = json!({"status": 0, "message": "Bill paid", "data": {"tid": "2050"}});
    let server = FaultServer::start(move |_, _| {
        Reply::Bytes(http(
            200,
            &[("Content-Type", "text/html")],
            envelope.to_string(),
        ))
    })
    .await;
    let response = client(&server.base).send(&payment()).await.unwrap();
    assert_eq!(response.data["tid"], "2050");
    assert_eq!(response.client_ref_id, Some(server.sent_client_ref_id()));
}

#[tokio::test]
async fn ok_far_over_the_body_cap_stops_reading_at_the_cap() {
    const LIMIT: usize = 64 * 1024;
    // Endless chunked body: only a client that stops reading can return.
    let chunk = {
        let data = "x".repeat(16 * 1024);
        format!("{:x}\r\n{data}\r\n", data.len()).into_bytes()
    };
    let head = b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    let server = FaultServer::start(move |_, _| Reply::Endless {
        head: head.clone(),
        chunk: chunk.clone(),
    })
    .await;
    let client = client_with(&server.base, |config| config.with_max_body_bytes(LIMIT));
    let (result, took) = timed(client.send_with(&payment(), deadline(3_000))).await;
    let error = result.unwrap_err();
    let Error::BodyTooLarge {
        limit,
        http_status,
        attempts,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*limit, *http_status, *attempts), (LIMIT, 200, 1));
    assert_on_time(&error, took, Duration::from_millis(3_000));
    assert_eq!(
        client_ref_id.as_deref(),
        Some(server.sent_client_ref_id().as_str())
    );
    assert_eq!(server.count(), 1);

    // An announced length over the cap is refused before reading any of it.
    let server = FaultServer::start(|_, _| {
        Reply::Bytes(
            b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n{\"status\":0,".to_vec(),
        )
    })
    .await;
    let client = client_with(&server.base, |config| config.with_max_body_bytes(LIMIT));
    let (result, took) = timed(client.send_with(&lookup(), deadline(3_000))).await;
    let error = result.unwrap_err();
    assert!(
        matches!(
            error,
            Error::BodyTooLarge {
                limit: LIMIT,
                attempts: 1,
                ..
            }
        ),
        "not retried even for a GET: {error:?}"
    );
    assert_on_time(&error, took, Duration::from_millis(3_000));
    assert_eq!(error.client_ref_id(), Some("LOOKUP0001"));
}

/// Regression: `Retry-After` was ignored (the retry came after the 1-5 ms backoff).
#[tokio::test]
async fn rate_limited_get_waits_for_retry_after_within_the_deadline() {
    for retry_after in ["1", "Tue, 14 Nov 2023 22:13:21 GMT"] {
        // The HTTP date is the test clock (NOW_MS) plus one second.
        let server = FaultServer::start(move |index, _| {
            if index == 0 {
                Reply::Bytes(http(
                    429,
                    &[("Retry-After", retry_after), ("Content-Type", "text/plain")],
                    "slow down",
                ))
            } else {
                Reply::Bytes(json_reply(
                    200,
                    &json!({"status": 0, "data": {"tx_status": "0"}}),
                ))
            }
        })
        .await;
        // A 3 s timeout, hence a 3 s deadline for the call.
        let client = client_with(&server.base, |config| {
            config
                .with_retry(fast(2))
                .with_timeout(Duration::from_secs(3))
        });
        let (result, took) = timed(client.send(&lookup())).await;
        let response = result.unwrap();
        assert_eq!(response.data.tx_status.as_deref(), Some("0"));
        assert_eq!(server.count(), 2);
        assert!(
            took >= Duration::from_millis(950),
            "Retry-After {retry_after:?} was honoured: {took:?}"
        );
        assert!(took <= Duration::from_millis(3_000) + MARGIN, "{took:?}");
    }
}

#[tokio::test]
async fn retry_after_beyond_the_deadline_ends_the_call_at_once() {
    for status in [429, 503] {
        let server = FaultServer::start(move |_, _| {
            Reply::Bytes(http(status, &[("Retry-After", "30")], "busy"))
        })
        .await;
        let client = client_with(&server.base, |config| config.with_retry(fast(5)));
        let (result, took) = timed(client.send_with(&lookup(), deadline(2_000))).await;
        let error = result.unwrap_err();
        let Error::Http {
            status: got,
            attempts,
            retry_after,
            client_ref_id,
            ..
        } = &error
        else {
            panic!("{error:?}")
        };
        assert_eq!(
            (*got, *attempts, *retry_after),
            (status, 1, Some(Duration::from_secs(30)))
        );
        assert!(
            took < Duration::from_millis(2_000),
            "no pointless wait: {took:?}"
        );
        assert_on_time(&error, took, Duration::from_millis(2_000));
        assert_eq!(client_ref_id.as_deref(), Some("LOOKUP0001"));
        assert!(
            error.to_string().contains("Retry-After 30.000 s"),
            "{error}"
        );
        assert_eq!(server.count(), 1);
    }
}

#[tokio::test]
async fn a_non_get_is_never_resent_whatever_the_status() {
    for status in [429, 500, 502, 503, 504] {
        let server = FaultServer::start(move |_, _| {
            Reply::Bytes(http(status, &[("Retry-After", "0")], "try again"))
        })
        .await;
        let client = client_with(&server.base, |config| config.with_retry(fast(5)));
        let (result, took) = timed(client.send_with(&payment(), deadline(2_000))).await;
        let error = result.unwrap_err();
        assert!(
            matches!(error, Error::Http { status: s, attempts: 1, .. } if s == status),
            "{error:?}"
        );
        assert_on_time(&error, took, Duration::from_millis(2_000));
        assert_eq!(server.count(), 1, "{status}");
        assert_eq!(
            error.client_ref_id(),
            Some(server.sent_client_ref_id().as_str())
        );
    }
}

#[tokio::test]
async fn a_stale_clock_gets_an_explained_403() {
    // The server checks the signing time against its own clock, as Eko does; the
    // test client's clock is fixed in 2023.
    let behaviour = |_: usize, request: &Received| {
        let sent: u64 = request
            .header("secret-key-timestamp")
            .and_then(|value| value.parse().ok())
            .unwrap_or(0);
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        if now.abs_diff(sent) > 5 * 60 * 1000 {
            Reply::Bytes(json_reply(
                403,
                &json!({"message": "Authentication failed: secret-key-timestamp is too far from the server's clock"}),
            ))
        } else {
            Reply::Bytes(json_reply(200, &json!({"status": 0})))
        }
    };
    let server = FaultServer::start(behaviour).await;
    let client = client_with(&server.base, |config| config.with_retry(fast(2)));
    let (result, took) = timed(client.send_with(&payment(), deadline(2_000))).await;
    let error = result.unwrap_err();
    let Error::Http {
        status,
        message,
        attempts,
        client_ref_id,
        ..
    } = &error
    else {
        panic!("{error:?}")
    };
    assert_eq!((*status, *attempts), (403, 1));
    assert!(
        message.as_deref().unwrap().contains("too far"),
        "{message:?}"
    );
    assert_eq!(
        client_ref_id.as_deref(),
        Some(server.sent_client_ref_id().as_str())
    );
    assert!(error.to_string().contains("clock"), "{error}");
    assert_on_time(&error, took, Duration::from_millis(2_000));

    // Not a transient failure: a GET is not retried either.
    let server = FaultServer::start(behaviour).await;
    let client = client_with(&server.base, |config| config.with_retry(fast(2)));
    let error = client.send(&lookup()).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Http {
                status: 403,
                attempts: 1,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.count(), 1);
}

// ---------------------------------------------------------------------------
// Secrets echoed back in every JSON escape form.
// ---------------------------------------------------------------------------

/// Every way a JSON text can spell `secret`.
fn escape_forms(secret: &str) -> Vec<String> {
    let unicode = |upper: bool, every: usize| -> String {
        secret
            .chars()
            .enumerate()
            .map(|(index, character)| {
                if index % every == 0 {
                    if upper {
                        format!("\\u{:04X}", u32::from(character))
                    } else {
                        format!("\\u{:04x}", u32::from(character))
                    }
                } else if character == '/' {
                    "\\/".to_owned()
                } else {
                    character.to_string()
                }
            })
            .collect()
    };
    let mut forms = vec![
        secret.to_owned(),
        secret.to_ascii_uppercase(),
        secret.replace('/', "\\/"),
        unicode(false, 1),
        unicode(true, 1),
        unicode(false, 2),
        unicode(true, 3),
    ];
    // Escaped twice: a JSON string whose text is itself JSON-escaped.
    forms.push(unicode(false, 1).replace('\\', "\\\\"));
    forms
}

/// The secrets a request carried (as the server saw them) plus the access key.
fn request_secrets(request: &Received) -> Vec<String> {
    let mut secrets = vec![
        ACCESS_KEY.to_owned(),
        base64::engine::general_purpose::STANDARD.encode(ACCESS_KEY),
    ];
    for name in ["developer_key", "secret-key", "request_hash"] {
        if let Some(value) = request.header(name) {
            secrets.push(value);
        }
    }
    secrets
}

fn every_form_of_every_secret(request: &Received) -> Vec<String> {
    request_secrets(request)
        .iter()
        .flat_map(|secret| escape_forms(secret))
        .collect()
}

/// No spelling of any secret in `text`, whatever the case.
fn assert_no_secret(what: &str, text: &str, secrets: &[String]) {
    let text = text.to_ascii_lowercase();
    for secret in secrets {
        for form in escape_forms(secret) {
            assert!(
                !text.contains(&form.to_ascii_lowercase()),
                "{what} shows a secret as {form}: {text}"
            );
        }
    }
}

/// Every string and key of a JSON value, decoded.
fn strings_of(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings_of(item, out)),
        Value::Object(fields) => {
            for (key, value) in fields {
                out.push(key.clone());
                strings_of(value, out);
            }
        }
        _ => {}
    }
}

/// Regression: the body was scrubbed only literally before decoding, so a key echoed
/// as `\u0062…` reached `message`, `Display` and the decoded fields.
#[tokio::test]
async fn a_reply_echoing_every_secret_in_every_escape_form_leaks_none() {
    type Shape = fn(&[String]) -> Vec<u8>;
    let shapes: [(&str, Shape); 6] = [
        ("api error", |forms| {
            let list = forms.join(" ");
            let mut body =
                format!(r#"{{"status":1,"message":"rejected: {list}","invalid_params":{{"#);
            for (index, form) in forms.iter().enumerate() {
                body.push_str(&format!(r#""{form}":"bad {form}","#));
                body.push_str(&format!(r#""field{index}":"{form}","#));
            }
            body.push_str(&format!(r#""last":"x"}},"data":{{"echo":"{list}"}}}}"#));
            http(200, &[("Content-Type", "application/json")], body)
        }),
        ("success", |forms| {
            let list = forms.join(" ");
            let body = format!(
                r#"{{"status":0,"message":"ok {list}","data":{{"echo":"{list}","{}":1}},"beside":"{list}"}}"#,
                forms[0]
            );
            http(200, &[("Content-Type", "application/json")], body)
        }),
        ("403 html", |forms| {
            http(
                403,
                &[("Content-Type", "text/html")],
                format!("<html>{}</html>", forms.join("<br>")),
            )
        }),
        ("502 json", |forms| {
            let body = format!(r#"{{"message":"upstream said {}"}}"#, forms.join(" "));
            http(502, &[("Content-Type", "application/json")], body)
        }),
        ("broken json", |forms| {
            let body = format!(r#"{{"status":0,"message":"{}"#, forms.join(" "));
            http(200, &[("Content-Type", "application/json")], body)
        }),
        ("bad data type", |forms| {
            // `Data` of PayBill is a map: a string there fails, quoting the value.
            let body = format!(r#"{{"status":0,"data":"{}"}}"#, forms.join(" "));
            http(200, &[("Content-Type", "application/json")], body)
        }),
    ];
    for (name, shape) in shapes {
        let server = FaultServer::start(move |_, request| {
            Reply::Bytes(shape(&every_form_of_every_secret(request)))
        })
        .await;
        let client = client_with(&server.base, |config| config.with_retry(fast(2)));
        let result = client.send(&payment()).await;
        let requests = server.requests();
        assert_eq!(requests.len(), 1, "{name}");
        let secrets = request_secrets(&requests[0]);
        assert_eq!(
            secrets.len(),
            5,
            "developer key, signature and request hash were sent"
        );
        match result {
            Ok(response) => {
                assert_eq!(name, "success");
                assert_no_secret("raw_body", &response.raw_body, &secrets);
                assert_no_secret("message", &response.message, &secrets);
                assert_no_secret("data", &format!("{:?}", response.data), &secrets);
                assert_no_secret("extra", &format!("{:?}", response.extra), &secrets);
                let mut decoded = Vec::new();
                strings_of(
                    &serde_json::from_str(&response.raw_body).unwrap(),
                    &mut decoded,
                );
                assert_no_secret("decoded raw_body", &decoded.join(" "), &secrets);
                assert!(response.raw_body.contains("[redacted]"));
                assert_eq!(
                    response.client_ref_id.as_deref(),
                    Some(server.sent_client_ref_id().as_str())
                );
            }
            Err(error) => {
                assert_no_secret(&format!("{name}: Display"), &error.to_string(), &secrets);
                assert_no_secret(&format!("{name}: Debug"), &format!("{error:?}"), &secrets);
                let body = error.body().expect("the body is kept");
                assert_no_secret(&format!("{name}: body"), body, &secrets);
                assert!(body.contains("[redacted]"), "{name}: {body}");
                if let Ok(value) = serde_json::from_str::<Value>(body) {
                    let mut decoded = Vec::new();
                    strings_of(&value, &mut decoded);
                    assert_no_secret(
                        &format!("{name}: decoded body"),
                        &decoded.join(" "),
                        &secrets,
                    );
                }
                if let Error::Api {
                    message,
                    invalid_params,
                    data,
                    ..
                } = &error
                {
                    assert_no_secret("message", message, &secrets);
                    assert_no_secret("invalid_params", &format!("{invalid_params:?}"), &secrets);
                    assert_no_secret("data", &data.to_string(), &secrets);
                    assert!(invalid_params.contains_key("last"));
                }
                assert_eq!(
                    error.client_ref_id(),
                    Some(server.sent_client_ref_id().as_str()),
                    "{name}"
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------
// Server text cannot forge a log line.
// ---------------------------------------------------------------------------

const FORGED: &str =
    "rejected\r\n2026-01-01T00:00:00Z  INFO eko.call: payment settled\u{1b}[2J\u{1b}[32mOK\u{202e}";

fn assert_printable(what: &str, shown: &str) {
    assert!(
        !shown.contains(['\r', '\n', '\u{1b}', '\u{202e}']),
        "{what} lets server text break the line: {shown:?}"
    );
}

/// Regression: CR, LF and ANSI escapes from the server reached `Display` as they were.
#[tokio::test]
async fn server_text_is_escaped_in_every_error_display() {
    let replies = [
        json_reply(
            200,
            &json!({"status": 1, "message": FORGED, "invalid_params": {FORGED: FORGED}}),
        ),
        json_reply(502, &json!({"message": FORGED})),
        http(200, &[("Content-Type", "text/html")], FORGED),
        json_reply(200, &json!({"status": 0, "data": FORGED})),
    ];
    for reply in replies {
        let server = FaultServer::start(move |_, _| Reply::Bytes(reply.clone())).await;
        let error = client(&server.base).send(&payment()).await.unwrap_err();
        let shown = error.to_string();
        assert_printable("Display", &shown);
        assert!(
            shown.contains("rejected") && shown.contains("payment settled"),
            "the text is still shown, escaped: {shown}"
        );
    }
}

// ---------------------------------------------------------------------------
// Failures before anything is sent.
// ---------------------------------------------------------------------------

/// A POST with a free-text path token.
#[derive(Debug, Clone, Serialize)]
struct NoteShop {
    shop_id: String,
    note: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    client_ref_id: Option<String>,
}

impl Endpoint for NoteShop {
    type Data = serde_json::Map<String, Value>;
    type Outcome = eko_api::IndexedOutcome<Self>;
    const META: &'static EndpointMeta = &EndpointMeta {
        id: "note-shop",
        name: "Note Shop",
        method: Method::Post,
        path: "/user/shop/{shop_id}/note",
        body: BodyEncoding::Json,
        params: &[
            ParamMeta {
                name: "shop_id",
                location: Location::Path,
                kind: Kind::String,
                required: true,
                format: None,
                role: Role::Caller,
                fields: &[],
            },
            ParamMeta {
                name: "note",
                location: Location::Body,
                kind: Kind::String,
                required: true,
                format: None,
                role: Role::Caller,
                fields: &[],
            },
            ParamMeta {
                name: "client_ref_id",
                location: Location::Body,
                kind: Kind::String,
                required: false,
                format: Some(eko_api::Format::ClientRefId),
                role: Role::ClientRef,
                fields: &[],
            },
        ],
        outcomes: &[],
        request_hash: &[],
        sensitive: &[],
    };
}

/// Regression: reported as a transport failure "NOT safe to re-send" (GETs were
/// retried), although the HTTP stack refused the URL before anything was sent.
#[tokio::test]
async fn a_url_over_the_length_limit_is_refused_before_sending() {
    let server =
        FaultServer::start(|_, _| Reply::Bytes(json_reply(200, &json!({"status": 0})))).await;
    let client = client_with(&server.base, |config| config.with_retry(fast(2)));
    let long = "a".repeat(70_000);

    let post = NoteShop {
        shop_id: long.clone(),
        note: "moved".into(),
        client_ref_id: None,
    };
    let error = client.send(&post).await.unwrap_err();
    assert!(
        matches!(&error, Error::Validation { problems, .. } if problems[0].field == "url"),
        "{error:?}"
    );
    assert!(!error.to_string().contains("NOT safe"), "{error}");

    let error = client
        .send(&TransactionLookup::new(&long))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Validation { .. }), "{error:?}");
    assert_eq!(server.count(), 0, "nothing left the client");

    // Just under the limit is still sent.
    let fits = TransactionLookup::new(&"a".repeat(60_000));
    client.send(&fits).await.unwrap();
    assert_eq!(server.count(), 1);
}

/// Regression: the client was built, and each call failed as a possibly-sent request.
#[tokio::test]
async fn an_unsendable_developer_key_is_a_configuration_error() {
    let server =
        FaultServer::start(|_, _| Reply::Bytes(json_reply(200, &json!({"status": 0})))).await;
    for key in ["becbbce45f79\r\nX-Injected: 1", "becbbce45f79\u{7}c6f5"] {
        let config = Config::new(
            Environment::Custom(server.base.clone()),
            eko_api::DeveloperKey::new(key),
            eko_api::AccessKey::new(ACCESS_KEY),
            INITIATOR_ID,
        );
        let error = Client::new(config).unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        let shown = format!("{error} {error:?}");
        assert!(shown.contains("developer_key"), "{shown}");
        assert!(!shown.contains("becbbce45f79"), "{shown}");
    }
    assert_eq!(server.count(), 0);
}

/// Regression: the configuration error quoted the base URL with its password.
#[test]
fn a_base_url_with_credentials_is_refused_without_echoing_them() {
    for url in [
        "https://eko-user:hunter2-secret@api.example.com/ekoapi/v3",
        "http://eko-user:hunter2-secret@127.0.0.1:9/v3",
        "https://eko-user:hunter2-secret@api.example.com:badport/v3",
    ] {
        let config = Config::new(
            Environment::Custom(url.into()),
            eko_api::DeveloperKey::new(DEVELOPER_KEY),
            eko_api::AccessKey::new(ACCESS_KEY),
            INITIATOR_ID,
        );
        let shown_config = format!("{config:?}");
        let error = Client::new(config).unwrap_err();
        assert!(matches!(error, Error::Config { .. }), "{error:?}");
        for shown in [error.to_string(), format!("{error:?}"), shown_config] {
            assert!(
                !shown.contains("hunter2") && !shown.contains("eko-user"),
                "{shown}"
            );
        }
        assert!(
            error.to_string().contains("api.example.com")
                || error.to_string().contains("127.0.0.1"),
            "{error}"
        );
    }
}

// ---------------------------------------------------------------------------
// Deadlines.
// ---------------------------------------------------------------------------

/// Regression: there was no overall deadline; each retry got the whole timeout.
#[tokio::test]
async fn a_timeout_bounds_the_whole_call_retries_included() {
    // Before deadlines, each of the 6 attempts got the full 400 ms timeout (2.4 s).
    let server = FaultServer::start(|_, _| Reply::Hang).await;
    let client = client_with(&server.base, |config| {
        config
            .with_timeout(Duration::from_millis(400))
            .with_retry(fast(5))
    });
    let (result, took) = timed(client.send(&lookup())).await;
    let error = result.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                kind: TransportKind::Timeout,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        took <= Duration::from_millis(400) + MARGIN,
        "a 400 ms timeout took {took:?}"
    );
}

#[tokio::test]
async fn a_per_call_deadline_overrides_the_configuration() {
    let server = FaultServer::start(|_, _| Reply::Hang).await;
    // Configured: 30 s. This call: 300 ms.
    let client = client(&server.base);
    let (result, took) = timed(client.send_with(&payment(), deadline(300))).await;
    let error = result.unwrap_err();
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
    assert_on_time(&error, took, Duration::from_millis(300));

    // A prepared request takes the same options.
    let prepared = client.prepare(&payment()).unwrap();
    let (result, took) = timed(client.execute_with::<Value>(&prepared, deadline(300))).await;
    let error = result.unwrap_err();
    assert_on_time(&error, took, Duration::from_millis(300));
    assert_eq!(error.client_ref_id(), prepared.client_ref_id());

    // A zero deadline is refused before sending.
    let before = server.count();
    let error = client
        .send_with(&payment(), CallOptions::new().with_deadline(Duration::ZERO))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Config { .. }), "{error:?}");
    assert_eq!(server.count(), before);
}
