//! Hostile input on every endpoint: the mock answers with a 4xx or an Eko envelope,
//! never a crash and never a 5xx. In process through the router, then as a barrage of
//! malformed requests over real sockets (random methods, paths, headers and bodies,
//! requests cut short, stalled or dropped), after which the mock still answers, never
//! panicked, and kept its records and its connections within bounds.

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use common::{example_request, path_of, send, signed};
use eko_mock::MockConfig;
use eko_spec::{BodyEncoding, EndpointKind, Location, Method};
use serde_json::{Value, json};

fn served() -> impl Iterator<Item = &'static eko_spec::Endpoint> {
    eko_mock::bundle()
        .endpoints
        .iter()
        .filter(|endpoint| endpoint.kind == EndpointKind::Call)
}

fn uri_of(config: &MockConfig, endpoint: &eko_spec::Endpoint) -> String {
    format!("{}{}", config.base_path, path_of(endpoint, &[]))
}

fn content_type(endpoint: &eko_spec::Endpoint) -> &'static str {
    match endpoint.body {
        BodyEncoding::Json => "application/json",
        BodyEncoding::Multipart => "multipart/form-data; boundary=xyz",
    }
}

#[tokio::test]
async fn raw_garbage_bodies_are_client_errors() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let bodies: Vec<Vec<u8>> = vec![
        vec![0xff, 0xfe, 0xfd, 0x00, 0x80],
        b"{\"a\": \"\xff\xfe\"}".to_vec(),
        b"{{{{{{{{{{".to_vec(),
        "[".repeat(100_000).into_bytes(),
        b"--xyz\r\nContent-Disposition: form-data; name=\"form-data\"\r\n\r\n{broken".to_vec(),
        b"null".to_vec(),
    ];
    for endpoint in served().filter(|endpoint| endpoint.method != Method::Get) {
        for body in &bodies {
            let request = signed(
                &config,
                endpoint.method.as_str(),
                &uri_of(&config, endpoint),
            )
            .header(header::CONTENT_TYPE, content_type(endpoint))
            .body(Body::from(body.clone()))
            .unwrap();
            let reply = send(&router, request).await;
            assert!(
                reply.status.is_client_error(),
                "{}: {} {}",
                endpoint.id,
                reply.status,
                reply.json
            );
            assert_eq!(reply.json["status"], reply.status.as_u16());
        }
    }
}

#[tokio::test]
async fn every_parameter_of_the_wrong_type_is_reported_not_crashed_on() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let wrong_values = [
        json!({"deep": [1, {"x": null}]}),
        json!([[[]]]),
        json!(true),
        json!(-1e300),
        json!("\u{0000}\u{202e}"),
    ];
    for endpoint in served()
        .filter(|endpoint| endpoint.method != Method::Get && endpoint.body == BodyEncoding::Json)
    {
        for wrong in &wrong_values {
            let body: serde_json::Map<String, Value> = endpoint
                .params
                .iter()
                .filter(|param| param.location == Location::Body)
                .map(|param| (param.name.clone(), wrong.clone()))
                .collect();
            let request = common::json_request(
                &config,
                endpoint.method.as_str(),
                &uri_of(&config, endpoint),
                &Value::Object(body),
            );
            let reply = send(&router, request).await;
            assert_eq!(reply.status, 200, "{}: {}", endpoint.id, reply.json);
            // A boolean fits no other type, so it must be reported wherever it lands.
            let some_non_boolean = endpoint.params.iter().any(|param| {
                param.location == Location::Body && param.ty != eko_spec::Type::Boolean
            });
            if wrong.is_boolean() && some_non_boolean {
                assert!(
                    reply.json["invalid_params"].is_object(),
                    "{}: {wrong} {}",
                    endpoint.id,
                    reply.json
                );
            }
        }
    }
}

#[tokio::test]
async fn unsigned_requests_to_every_endpoint_are_403() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    for endpoint in served() {
        let mut request = example_request(&config, endpoint);
        request.headers_mut().remove(eko_mock::SECRET_KEY_HEADER);
        let reply = send(&router, request).await;
        assert_eq!(reply.status, 403, "{}", endpoint.id);
    }
}

#[tokio::test]
async fn odd_headers_and_paths_are_handled() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let endpoint = served().next().expect("the spec serves an endpoint");
    let uri = uri_of(&config, endpoint);

    let request = Request::builder()
        .method(endpoint.method.as_str())
        .uri(&uri)
        .header(eko_mock::DEVELOPER_KEY_HEADER, &config.developer_key)
        .header(
            eko_mock::TIMESTAMP_HEADER,
            "99999999999999999999999999999999",
        )
        .header(eko_mock::SECRET_KEY_HEADER, "====")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&router, request).await.status, 403);

    // A key that is not text is a malformed request (400 naming the header), not a
    // wrong key (403).
    let request = Request::builder()
        .method(endpoint.method.as_str())
        .uri(&uri)
        .header(
            eko_mock::DEVELOPER_KEY_HEADER,
            axum::http::HeaderValue::from_bytes(b"\xff\xfe").unwrap(),
        )
        .body(Body::empty())
        .unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.status, 400, "{}", reply.json);
    assert!(
        reply.json["message"]
            .as_str()
            .is_some_and(|message| message.contains(eko_mock::DEVELOPER_KEY_HEADER)),
        "{}",
        reply.json
    );

    for path in ["/%ff%fe/x", "/%", "//", "/a/../../etc/passwd"] {
        let request = signed(&config, "GET", &format!("{}{path}", config.base_path))
            .body(Body::empty())
            .unwrap();
        let reply = send(&router, request).await;
        assert!(
            reply.status == 400 || reply.status == 404,
            "{path}: {}",
            reply.status
        );
    }
}

#[tokio::test]
async fn a_huge_query_string_is_handled() {
    let config = MockConfig::default();
    let router = eko_mock::router(config.clone());
    let Some(endpoint) = served().find(|endpoint| endpoint.method == Method::Get) else {
        return;
    };
    let uri = format!("{}?{}", uri_of(&config, endpoint), "a=%ff&".repeat(5_000));
    let request = signed(&config, "GET", &uri).body(Body::empty()).unwrap();
    let reply = send(&router, request).await;
    assert_eq!(reply.status, 200, "{}", reply.json);
}

// The barrage: thousands of malformed requests over real sockets.

/// Threads of the runtime the mock serves the barrage on; a panic on one is the mock's.
const MOCK_THREADS: &str = "eko-mock-under-barrage";
/// How many requests the barrage sends.
const BARRAGE: usize = 3_000;
/// How many of them are in flight at once.
const IN_FLIGHT: usize = 48;
/// The state capacity the barrage runs with: small, so that the barrage overflows it.
const CAPACITY: usize = 16;

static MOCK_PANICS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// A small deterministic generator (xorshift64*), so that a failing seed replays.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// One request of the barrage: its bytes, what to do after sending them, and whether a
/// well-formed answer is owed.
struct Case {
    bytes: Vec<u8>,
    then: Then,
    owed_an_answer: bool,
}

enum Then {
    /// Read the answer (or the close).
    Read,
    /// Close the write side, then read.
    HalfClose,
    /// Drop the connection right away.
    Drop,
}

/// The request as bytes on the wire.
async fn wire_bytes(request: Request<Body>) -> Vec<u8> {
    use http_body_util::BodyExt;
    let (parts, body) = request.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    let headers: Vec<(&str, &[u8])> = parts
        .headers
        .iter()
        .map(|(name, value)| (name.as_str(), value.as_bytes()))
        .collect();
    common::raw::request_bytes(
        parts.method.as_str(),
        &parts.uri.to_string(),
        &headers,
        &body,
    )
}

fn garbage_case(rng: &mut Rng, documented: &[Vec<u8>], base_path: &str) -> Case {
    const METHODS: [&str; 12] = [
        "GET",
        "POST",
        "PUT",
        "DELETE",
        "PATCH",
        "HEAD",
        "OPTIONS",
        "TRACE",
        "BREW",
        "G\0T",
        "",
        "POST POST",
    ];
    const PATHS: [&str; 8] = [
        "/",
        "/%ff%fe",
        "/%",
        "//",
        "/../../etc/passwd",
        "*",
        "http://elsewhere/x",
        "/user/network/eps-agent?x=%ff&&==",
    ];
    let good = rng.pick(documented).clone();
    let mut case = Case {
        bytes: Vec::new(),
        then: Then::Read,
        owed_an_answer: false,
    };
    match rng.below(9) {
        // Noise.
        0 => {
            let len = rng.below(600);
            case.bytes = rng.bytes(len);
        }
        // A request line and headers of random parts.
        1 => {
            let mut text = format!(
                "{} {}{} HTTP/1.{}\r\n",
                rng.pick(&METHODS),
                if rng.chance(50) { base_path } else { "" },
                rng.pick(&PATHS),
                rng.below(3)
            )
            .into_bytes();
            for _ in 0..rng.below(6) {
                let len = rng.below(40);
                let mut header = rng.bytes(len);
                header.retain(|byte| *byte != b'\r' && *byte != b'\n');
                text.extend_from_slice(b"x-noise: ");
                text.extend_from_slice(&header);
                text.extend_from_slice(b"\r\n");
            }
            if rng.chance(50) {
                text.extend_from_slice(
                    format!(
                        "content-length: {}\r\n",
                        rng.pick(&["5", "-1", "abc", "99999999999999999999", "0"])
                    )
                    .as_bytes(),
                );
            }
            text.extend_from_slice(b"\r\n");
            let len = rng.below(64);
            text.extend(rng.bytes(len));
            case.bytes = text;
        }
        // A documented request, as is: it must be answered.
        2 | 3 => {
            case.bytes = good;
            case.owed_an_answer = true;
        }
        // A documented request with bytes of its body overwritten.
        4 => {
            case.bytes = good;
            let head_end = case
                .bytes
                .windows(4)
                .position(|window| window == b"\r\n\r\n")
                .map_or(0, |at| at + 4);
            if case.bytes.len() > head_end {
                for _ in 0..1 + rng.below(8) {
                    let at = head_end + rng.below(case.bytes.len() - head_end);
                    case.bytes[at] = rng.next() as u8;
                }
            }
            case.owed_an_answer = true;
        }
        // A documented request with a header value that is not text, or a hostile one.
        5 => {
            let text = String::from_utf8_lossy(&good).into_owned();
            let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
            let mut lines: Vec<Vec<u8>> = head
                .split("\r\n")
                .map(|line| line.as_bytes().to_vec())
                .collect();
            if lines.len() > 1 {
                let at = 1 + rng.below(lines.len() - 1);
                match rng.below(4) {
                    0 => lines[at].extend_from_slice(b"\xff\xfe\x80"),
                    1 => {
                        lines.remove(at);
                    }
                    2 => lines.push(b"transfer-encoding: chunked".to_vec()),
                    _ => lines
                        .push(format!("x-long: {}", "a".repeat(rng.below(200_000))).into_bytes()),
                }
            }
            case.bytes = lines.join(&b"\r\n"[..]);
            case.bytes.extend_from_slice(b"\r\n\r\n");
            case.bytes.extend_from_slice(body.as_bytes());
        }
        // A documented request cut short, then dropped or half-closed.
        6 | 7 => {
            let cut = rng.below(good.len());
            case.bytes = good[..cut].to_vec();
            case.then = if rng.chance(50) {
                Then::Drop
            } else {
                Then::HalfClose
            };
        }
        // Two documented requests back to back, then noise.
        _ => {
            case.bytes = good.clone();
            let second = rng.pick(documented).clone();
            case.bytes.extend_from_slice(&second);
            let len = rng.below(100);
            case.bytes.extend(rng.bytes(len));
            case.owed_an_answer = true;
        }
    }
    // Now and then a request that stalls: the mock has to shed it.
    if rng.chance(2) && !case.bytes.is_empty() {
        let cut = rng.below(case.bytes.len());
        case.bytes.truncate(cut);
        case.then = Then::Read;
        case.owed_an_answer = false;
    }
    case
}

/// What came back for one case.
#[derive(Debug)]
enum Seen {
    Answered { status: u16, json: Value },
    Closed,
    Dropped,
}

async fn run_case(
    address: std::net::SocketAddr,
    case: Case,
    limit: std::time::Duration,
) -> Result<Seen, String> {
    use common::raw::{NoResponse, read_response};
    use tokio::io::AsyncWriteExt;
    let Ok(mut stream) = tokio::net::TcpStream::connect(address).await else {
        return Err("the mock refused a connection".to_owned());
    };
    // The mock may close before it read everything (a 431, a 400): that is its right.
    let _ = stream.write_all(&case.bytes).await;
    match case.then {
        Then::Drop => return Ok(Seen::Dropped),
        Then::HalfClose => {
            let _ = stream.shutdown().await;
        }
        Then::Read => {}
    }
    let seen = match read_response(&mut stream, limit).await {
        Ok(response) => Seen::Answered {
            status: response.status,
            json: response.json(),
        },
        Err(NoResponse::Closed) => Seen::Closed,
        Err(NoResponse::TimedOut) => {
            return Err(format!("neither answered nor closed within {limit:?}"));
        }
        Err(NoResponse::Garbled) => return Err("the answer is not HTTP".to_owned()),
    };
    match &seen {
        Seen::Answered { status, json } if *status >= 500 => Err(format!("HTTP {status}: {json}")),
        Seen::Closed if case.owed_an_answer => Err("closed without an answer".to_owned()),
        _ => Ok(seen),
    }
}

fn open_descriptors() -> Option<usize> {
    std::fs::read_dir("/proc/self/fd").ok().map(Iterator::count)
}

#[test]
fn a_barrage_of_malformed_requests_neither_panics_nor_grows_the_mock() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let on_mock = std::thread::current()
            .name()
            .is_some_and(|name| name.starts_with(MOCK_THREADS));
        if on_mock {
            MOCK_PANICS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
        previous(info);
    }));
    let mock_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name(MOCK_THREADS)
        .enable_all()
        .build()
        .unwrap();
    let client_runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    // Callbacks go to a loopback port nobody listens on: each is tried and recorded.
    let dead_port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = MockConfig {
        header_read_timeout: std::time::Duration::from_millis(300),
        request_timeout: std::time::Duration::from_millis(500),
        state_capacity: CAPACITY,
        callback_url: Some(format!("http://127.0.0.1:{dead_port}/callback")),
        ..MockConfig::default()
    };
    let server = mock_runtime
        .block_on(eko_mock::MockServer::start(config.clone()))
        .unwrap();
    let address = server.address();
    let limit =
        config.header_read_timeout + config.request_timeout + std::time::Duration::from_secs(3);
    let descriptors_before = open_descriptors();

    let (seen, elapsed) = client_runtime.block_on(async {
        let mut documented = Vec::new();
        for endpoint in served() {
            documented.push(wire_bytes(example_request(&config, endpoint)).await);
        }
        let mut rng = Rng(0x5eed_f0ba_22a9_e5c3);
        let started = std::time::Instant::now();
        let mut tasks = tokio::task::JoinSet::new();
        let mut seen = Vec::with_capacity(BARRAGE);
        for _ in 0..BARRAGE {
            if tasks.len() >= IN_FLIGHT
                && let Some(done) = tasks.join_next().await
            {
                seen.push(done.unwrap());
            }
            let case = garbage_case(&mut rng, &documented, &config.base_path);
            tasks.spawn(run_case(address, case, limit));
        }
        while let Some(done) = tasks.join_next().await {
            seen.push(done.unwrap());
        }
        (seen, started.elapsed())
    });

    let failures: Vec<&String> = seen.iter().filter_map(|seen| seen.as_ref().err()).collect();
    let answered: Vec<(u16, &Value)> = seen
        .iter()
        .filter_map(|seen| match seen {
            Ok(Seen::Answered { status, json }) => Some((*status, json)),
            _ => None,
        })
        .collect();
    let transactions = answered
        .iter()
        .filter(|(status, json)| {
            *status == 200 && json["status"] == 0 && !json["data"]["tid"].is_null()
        })
        .count();
    eprintln!(
        "barrage: {BARRAGE} requests in {elapsed:?}; {} answered ({} with 2xx, {transactions} transactions), {} closed unanswered, {} dropped by the client",
        answered.len(),
        answered
            .iter()
            .filter(|(status, _)| (200..300).contains(status))
            .count(),
        seen.iter()
            .filter(|seen| matches!(seen, Ok(Seen::Closed)))
            .count(),
        seen.iter()
            .filter(|seen| matches!(seen, Ok(Seen::Dropped)))
            .count(),
    );
    assert!(
        failures.is_empty(),
        "{} failures, e.g. {:?}",
        failures.len(),
        &failures[..failures.len().min(5)]
    );
    assert_eq!(
        MOCK_PANICS.load(std::sync::atomic::Ordering::SeqCst),
        0,
        "the mock panicked"
    );

    // The mock still serves, its records stayed within their bound, and every
    // connection of the barrage was let go.
    client_runtime.block_on(async {
        let request = wire_bytes(example_request(&config, common::endpoint("onboard-user"))).await;
        let mut stream = common::raw::send(address, &request).await;
        let response = common::raw::read_response(&mut stream, limit)
            .await
            .expect("an answer after the barrage");
        assert_eq!(response.status, 200, "{}", response.head);
    });
    assert!(
        transactions > CAPACITY,
        "the barrage should owe more callbacks than the record holds"
    );
    let deliveries = server.callback_deliveries();
    assert!(
        !deliveries.is_empty() && deliveries.len() <= CAPACITY,
        "{} deliveries recorded",
        deliveries.len()
    );
    if let Some(before) = descriptors_before {
        let deadline = std::time::Instant::now() + limit;
        let mut now = open_descriptors().unwrap_or(0);
        while now > before + 8 && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(50));
            now = open_descriptors().unwrap_or(0);
        }
        assert!(
            now <= before + 8,
            "{before} descriptors open before the barrage, {now} after"
        );
    }
    drop(server);
    mock_runtime.shutdown_timeout(std::time::Duration::from_secs(1));
}
