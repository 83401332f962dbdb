//! One HTTP attempt: a prepared request goes out, status, a few headers and a
//! size-capped body come back. Time limits are the client's business: it bounds
//! each attempt (body read included) by the attempt timeout and the call's deadline.

use crate::request::{Header, PreparedRequest};
use crate::{BodyEncoding, Config, Error, Method, TransportKind};
use bytes::{Bytes, BytesMut};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::multipart::{Form, Part};
use std::error::Error as _;

/// The shared HTTP connection pool plus the body limit.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
    max_body_bytes: usize,
}

/// A complete response.
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    /// The `content-type` header, when it is text.
    pub(crate) content_type: Option<String>,
    /// The `retry-after` header, when it is text.
    pub(crate) retry_after: Option<String>,
    pub(crate) body: Bytes,
}

/// Why an attempt produced no complete response.
pub(crate) enum AttemptError {
    /// Connection, timeout or read failure.
    Transport {
        kind: TransportKind,
        message: String,
    },
    /// The body went past the limit.
    TooLarge { status: u16, limit: usize },
}

impl Transport {
    pub(crate) fn new(config: &Config) -> Result<Self, Error> {
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .user_agent(config.user_agent.as_str())
            // Redirects would carry the signed headers to another URL; retries are
            // decided by the runtime, which knows which calls are safe to repeat.
            .redirect(reqwest::redirect::Policy::none())
            .retry(reqwest::retry::never())
            .build()
            .map_err(|error| {
                Error::config(format!(
                    "cannot build the HTTP client: {}",
                    describe(&error)
                ))
            })?;
        Ok(Transport {
            http,
            max_body_bytes: config.max_body_bytes,
        })
    }

    /// Sends `prepared` once with `headers` and reads the whole (capped) response.
    pub(crate) async fn attempt(
        &self,
        prepared: &PreparedRequest,
        headers: &[Header],
        extra: &[(HeaderName, HeaderValue)],
    ) -> Result<RawResponse, AttemptError> {
        let method = match prepared.method() {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut builder = self
            .http
            .request(method, prepared.url())
            .headers(header_map(prepared, headers, extra)?);
        builder = match (prepared.encoding(), prepared.body()) {
            (_, None) => builder,
            (BodyEncoding::Json, Some(body)) => builder.body(body.to_string()),
            (BodyEncoding::Multipart, Some(body)) => {
                builder.multipart(multipart_form(prepared, body)?)
            }
        };
        let mut response = builder
            .send()
            .await
            .map_err(|error| transport_error(&error))?;
        let status = response.status().as_u16();
        let header_text = |name| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let content_type = header_text(reqwest::header::CONTENT_TYPE);
        let retry_after = header_text(reqwest::header::RETRY_AFTER);
        let limit = self.max_body_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(AttemptError::TooLarge { status, limit });
        }
        let mut body = BytesMut::new();
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|error| transport_error(&error))?
        {
            if body.len() + chunk.len() > limit {
                return Err(AttemptError::TooLarge { status, limit });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(RawResponse {
            status,
            content_type,
            retry_after,
            body: body.freeze(),
        })
    }
}

fn header_map(
    prepared: &PreparedRequest,
    headers: &[Header],
    extra: &[(HeaderName, HeaderValue)],
) -> Result<HeaderMap, AttemptError> {
    let mut map = HeaderMap::with_capacity(headers.len() + extra.len());
    for (name, value) in extra {
        map.append(name.clone(), value.clone());
    }
    for header in headers {
        // reqwest writes the multipart content type itself, boundary included.
        if header.name == "content-type" && prepared.encoding() == BodyEncoding::Multipart {
            continue;
        }
        let name = HeaderName::from_static(header.name);
        let mut value =
            HeaderValue::from_str(header.value.expose()).map_err(|_| AttemptError::Transport {
                kind: TransportKind::NotSent,
                // The value itself may be a key, so only the name is reported.
                message: format!(
                    "the `{}` header value is not valid header text",
                    header.name
                ),
            })?;
        value.set_sensitive(header.sensitive);
        map.insert(name, value);
    }
    Ok(map)
}

/// The non-file fields as one JSON part named `form-data`, then each file.
fn multipart_form(
    prepared: &PreparedRequest,
    body: &serde_json::Value,
) -> Result<Form, AttemptError> {
    let mut form = Form::new().part("form-data", Part::text(body.to_string()));
    for (name, file) in &prepared.files {
        let part = Part::bytes(file.bytes.to_vec()).file_name(file.file_name.clone());
        let part = part
            .mime_str(&file.content_type)
            .map_err(|_| AttemptError::Transport {
                kind: TransportKind::NotSent,
                message: format!(
                    "file part `{name}` has an invalid content type `{}`",
                    file.content_type
                ),
            })?;
        form = form.part(*name, part);
    }
    Ok(form)
}

fn transport_error(error: &reqwest::Error) -> AttemptError {
    let kind = if error.is_connect() {
        TransportKind::Connect
    } else if error.is_timeout() {
        TransportKind::Timeout
    } else if error.is_body() || error.is_decode() {
        TransportKind::Body
    } else if error.is_builder() {
        // reqwest refused to build the request (e.g. a URL the HTTP stack cannot
        // carry): it never reached a connection.
        TransportKind::NotSent
    } else {
        TransportKind::Other
    };
    AttemptError::Transport {
        kind,
        message: describe(error),
    }
}

/// The error and its causes on one line, without the URL (it may hold personal
/// data from query parameters).
fn describe(error: &reqwest::Error) -> String {
    let mut parts = vec![without_url(error)];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

fn without_url(error: &reqwest::Error) -> String {
    let text = error.to_string();
    match error.url() {
        Some(url) => text
            .replace(&format!(" for url ({url})"), "")
            .replace(url.as_str(), "<url>"),
        None => text,
    }
}
