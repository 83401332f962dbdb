//! One HTTP attempt: a prepared request goes out, status, a few headers and a
//! size-capped body come back. Time limits are the client's business: it bounds
//! each attempt (body read included) by the attempt timeout and the call's deadline.

use crate::request::{JSON_CONTENT_TYPE, PreparedRequest, Signing};
use crate::signing::{
    DEVELOPER_KEY_HEADER, REQUEST_HASH_HEADER, SECRET_KEY_HEADER, TIMESTAMP_HEADER,
};
use crate::{BodyEncoding, Config, Error, Method, TransportKind};
use bytes::Bytes;
use reqwest::header::{CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use reqwest::multipart::{Form, Part};
use std::error::Error as _;

// Header names, made at compile time rather than checked on every attempt.
const DEVELOPER_KEY: HeaderName = HeaderName::from_static(DEVELOPER_KEY_HEADER);
const SECRET_KEY: HeaderName = HeaderName::from_static(SECRET_KEY_HEADER);
const TIMESTAMP: HeaderName = HeaderName::from_static(TIMESTAMP_HEADER);
const REQUEST_HASH: HeaderName = HeaderName::from_static(REQUEST_HASH_HEADER);

/// The shared HTTP connection pool, the developer key as a header value, and the
/// body limit.
#[derive(Debug, Clone)]
pub(crate) struct Transport {
    http: reqwest::Client,
    /// Made once per client; `None` when the key cannot be a header value (then
    /// every attempt is refused before it is sent).
    developer_key: Option<HeaderValue>,
    max_body_bytes: usize,
}

/// A complete response.
pub(crate) struct RawResponse {
    pub(crate) status: u16,
    /// The `content-type` header.
    pub(crate) content_type: Option<HeaderValue>,
    /// The `retry-after` header, when it is text.
    pub(crate) retry_after: Option<String>,
    pub(crate) body: Vec<u8>,
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
        let developer_key = HeaderValue::from_str(config.developer_key.expose())
            .ok()
            .map(|mut value| {
                value.set_sensitive(true);
                value
            });
        Ok(Transport {
            http,
            developer_key,
            max_body_bytes: config.max_body_bytes,
        })
    }

    /// Sends `prepared` once, signed with `signing`, and reads the whole (capped)
    /// response.
    pub(crate) async fn attempt(
        &self,
        prepared: &PreparedRequest,
        signing: &Signing,
        extra: &[(HeaderName, HeaderValue)],
    ) -> Result<RawResponse, AttemptError> {
        let method = match prepared.method() {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Patch => reqwest::Method::PATCH,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = self
            .http
            .request(method, prepared.url())
            .build()
            .map_err(|error| transport_error(&error))?;
        // The map is the request's own, not merged into an empty one header by header.
        *request.headers_mut() = self.header_map(prepared, signing, extra)?;
        match (prepared.encoding(), &prepared.body_bytes) {
            (_, None) => {}
            // The bytes are shared, not copied.
            (BodyEncoding::Json, Some(body)) => *request.body_mut() = Some(body.clone().into()),
            (BodyEncoding::Multipart, Some(body)) => {
                request = reqwest::RequestBuilder::from_parts(self.http.clone(), request)
                    .multipart(multipart_form(prepared, body)?)
                    .build()
                    .map_err(|error| transport_error(&error))?;
            }
        }
        let mut response = self
            .http
            .execute(request)
            .await
            .map_err(|error| transport_error(&error))?;
        let status = response.status().as_u16();
        let content_type = response.headers().get(CONTENT_TYPE).cloned();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned);
        let limit = self.max_body_bytes;
        let announced = response.content_length();
        if announced.is_some_and(|length| length > limit as u64) {
            return Err(AttemptError::TooLarge { status, limit });
        }
        // One buffer of the announced size: the client turns it into the body text in place.
        let mut body = Vec::with_capacity(announced.map_or(0, |length| length as usize));
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
            body,
        })
    }

    /// The headers of one attempt, in the order [`PreparedRequest::headers`] lists them,
    /// after the caller's extra headers (which may not replace them).
    fn header_map(
        &self,
        prepared: &PreparedRequest,
        signing: &Signing,
        extra: &[(HeaderName, HeaderValue)],
    ) -> Result<HeaderMap, AttemptError> {
        let mut map = HeaderMap::with_capacity(5 + extra.len());
        for (name, value) in extra {
            map.append(name.clone(), value.clone());
        }
        let developer_key = self
            .developer_key
            .clone()
            .ok_or_else(|| not_header_text(DEVELOPER_KEY_HEADER))?;
        map.insert(DEVELOPER_KEY, developer_key);
        map.insert(
            SECRET_KEY,
            header_value(SECRET_KEY_HEADER, signing.secret_key.expose(), true)?,
        );
        map.insert(
            TIMESTAMP,
            header_value(TIMESTAMP_HEADER, signing.timestamp.as_str(), false)?,
        );
        if let Some(hash) = &signing.request_hash {
            map.insert(
                REQUEST_HASH,
                header_value(REQUEST_HASH_HEADER, hash.expose(), true)?,
            );
        }
        // reqwest writes the multipart content type itself, boundary included.
        if prepared.encoding() == BodyEncoding::Json {
            map.insert(CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
        }
        Ok(map)
    }
}

fn header_value(name: &str, text: &str, sensitive: bool) -> Result<HeaderValue, AttemptError> {
    let mut value = HeaderValue::from_str(text).map_err(|_| not_header_text(name))?;
    value.set_sensitive(sensitive);
    Ok(value)
}

fn not_header_text(name: &str) -> AttemptError {
    AttemptError::Transport {
        kind: TransportKind::NotSent,
        // The value itself may be a key, so only the name is reported.
        message: format!("the `{name}` header value is not valid header text"),
    }
}

/// The non-file fields as one JSON part named `form-data`, then each file.
fn multipart_form(prepared: &PreparedRequest, body: &Bytes) -> Result<Form, AttemptError> {
    let text = String::from_utf8_lossy(body).into_owned();
    let mut form = Form::new().part("form-data", Part::text(text));
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
