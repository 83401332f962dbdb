//! HTTP/1.1 spoken by hand over a loopback socket, for what no client library sends:
//! half a request line, bytes that are not UTF-8 in a header, a connection left idle.

use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// A response read off the socket.
#[derive(Debug)]
pub struct RawResponse {
    pub status: u16,
    /// The head, status line included, as text.
    pub head: String,
    pub body: Vec<u8>,
}

impl RawResponse {
    /// The body parsed as JSON (`Null` when it is not JSON).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

/// How reading a response ended without one.
#[derive(Debug, PartialEq, Eq)]
pub enum NoResponse {
    /// The server closed (or reset) the connection first.
    Closed,
    /// Nothing complete arrived in time.
    TimedOut,
    /// Bytes arrived that are not an HTTP/1.x response.
    Garbled,
}

/// The bytes of a request: request line, headers (raw bytes, so values need not be
/// text), `content-length` when there is a body and `headers` set none, then the body.
pub fn request_bytes(method: &str, uri: &str, headers: &[(&str, &[u8])], body: &[u8]) -> Vec<u8> {
    let mut bytes = format!("{method} {uri} HTTP/1.1\r\nhost: 127.0.0.1\r\n").into_bytes();
    for (name, value) in headers {
        bytes.extend_from_slice(name.as_bytes());
        bytes.extend_from_slice(b": ");
        bytes.extend_from_slice(value);
        bytes.extend_from_slice(b"\r\n");
    }
    let has_length = headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("content-length"));
    if !has_length && (!body.is_empty() || matches!(method, "POST" | "PUT" | "PATCH")) {
        bytes.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
    }
    bytes.extend_from_slice(b"\r\n");
    bytes.extend_from_slice(body);
    bytes
}

/// The three auth headers, signed for now with `config`'s keys.
pub fn auth_headers(config: &eko_mock::MockConfig) -> Vec<(&'static str, Vec<u8>)> {
    let timestamp = eko_mock::now_ms().to_string();
    vec![
        (
            eko_mock::DEVELOPER_KEY_HEADER,
            config.developer_key.clone().into_bytes(),
        ),
        (
            eko_mock::SECRET_KEY_HEADER,
            eko_mock::sign(&config.access_key, &timestamp).into_bytes(),
        ),
        (eko_mock::TIMESTAMP_HEADER, timestamp.into_bytes()),
    ]
}

/// Writes `bytes` on a fresh connection to `address`.
pub async fn send(address: std::net::SocketAddr, bytes: &[u8]) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.expect("the mock accepts");
    stream.write_all(bytes).await.expect("the mock reads");
    stream
}

/// Reads one response (its `content-length` decides where it ends), within `limit`.
pub async fn read_response(
    stream: &mut TcpStream,
    limit: Duration,
) -> Result<RawResponse, NoResponse> {
    let deadline = tokio::time::Instant::now() + limit;
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(response) = parse(&buffer)? {
            return Ok(response);
        }
        let read = tokio::time::timeout_at(deadline, stream.read(&mut chunk)).await;
        match read {
            Err(_) => return Err(NoResponse::TimedOut),
            Ok(Ok(0)) | Ok(Err(_)) => {
                return parse(&buffer)?.ok_or(NoResponse::Closed);
            }
            Ok(Ok(count)) => buffer.extend_from_slice(&chunk[..count]),
        }
    }
}

/// A complete response at the start of `buffer`, `None` while more is needed.
fn parse(buffer: &[u8]) -> Result<Option<RawResponse>, NoResponse> {
    if buffer.len() >= 5 && !buffer.starts_with(b"HTTP/") {
        return Err(NoResponse::Garbled);
    }
    let Some(end) = buffer.windows(4).position(|window| window == b"\r\n\r\n") else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&buffer[..end]).into_owned();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or(NoResponse::Garbled)?;
    let length = head
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(name, _)| name.trim().eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.trim().parse::<usize>().ok())
        .unwrap_or(0);
    let body = &buffer[end + 4..];
    if body.len() < length {
        return Ok(None);
    }
    Ok(Some(RawResponse {
        status,
        head,
        body: body[..length].to_vec(),
    }))
}

/// How long the server took to close `stream`, discarding whatever it sends first;
/// `None` if it was still open after `limit`.
pub async fn closed_within(stream: &mut TcpStream, limit: Duration) -> Option<Duration> {
    let start = Instant::now();
    let deadline = tokio::time::Instant::now() + limit;
    let mut chunk = [0u8; 1024];
    loop {
        match tokio::time::timeout_at(deadline, stream.read(&mut chunk)).await {
            Err(_) => return None,
            Ok(Ok(0)) | Ok(Err(_)) => return Some(start.elapsed()),
            Ok(Ok(_)) => {}
        }
    }
}
