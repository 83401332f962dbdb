//! A request that is fully built and signed but not yet sent.

use crate::signing::{
    DEVELOPER_KEY_HEADER, REQUEST_HASH_HEADER, SECRET_KEY_HEADER, Signature, Signer,
    TIMESTAMP_HEADER, Timestamp,
};
use crate::{BodyEncoding, EndpointMeta, FilePart, Method, Secret};
use bytes::Bytes;
use serde_json::Value;
use std::fmt;
use std::sync::OnceLock;

/// Content type of JSON requests.
pub(crate) const JSON_CONTENT_TYPE: &str = "application/json";
/// Content type of multipart requests; the transport appends the boundary.
pub(crate) const MULTIPART_CONTENT_TYPE: &str = "multipart/form-data";

/// The output of [`crate::Client::prepare`]: validated, with `initiator_id` and
/// `client_ref_id` filled in, placed in path, query or body, and signed.
///
/// Inspect it to see exactly what would be sent, then hand it to
/// [`crate::Client::execute`], which signs it again with a fresh timestamp on each
/// attempt. `Debug` redacts the key and signature headers.
#[derive(Clone)]
pub struct PreparedRequest {
    pub(crate) meta: &'static EndpointMeta,
    pub(crate) url: String,
    pub(crate) path: String,
    pub(crate) query: Vec<(String, String)>,
    /// The JSON body (for multipart, of its `form-data` part), written once and sent
    /// by every attempt; `None` for GET.
    pub(crate) body_bytes: Option<Bytes>,
    /// `body_bytes` read as a `Value`, only when [`PreparedRequest::body`] asks.
    pub(crate) body: OnceLock<Value>,
    pub(crate) files: Vec<(&'static str, FilePart)>,
    pub(crate) client_ref_id: Option<String>,
    /// Values of the `request_hash` fields, in order; empty when the endpoint has none.
    pub(crate) hash_values: Vec<String>,
    pub(crate) timestamp_ms: u64,
    pub(crate) headers: Vec<Header>,
}

/// What one attempt is signed with; the signatures never leave the stack.
pub(crate) struct Signing {
    pub(crate) timestamp: Timestamp,
    pub(crate) secret_key: Signature,
    pub(crate) request_hash: Option<Signature>,
}

impl Signing {
    /// The signature values, which must never be shown.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&self.secret_key)
            .chain(&self.request_hash)
            .map(Signature::expose)
    }
}

/// A header as signed; sensitive values stay [`Secret`].
#[derive(Clone)]
pub(crate) struct Header {
    pub(crate) name: &'static str,
    pub(crate) value: Secret,
    pub(crate) sensitive: bool,
}

impl PreparedRequest {
    /// Static description of the endpoint being called.
    pub fn endpoint(&self) -> &'static EndpointMeta {
        self.meta
    }

    /// The HTTP method.
    pub fn method(&self) -> Method {
        self.meta.method
    }

    /// The full URL, query string included.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The endpoint path with its tokens filled in and percent-encoded, below the
    /// base URL, e.g. `/customer/account/9444444444`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Query parameters in the order they are sent, as plain text (the URL carries
    /// them percent-encoded).
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The JSON body read as a [`Value`]; for a multipart request, the JSON of its
    /// `form-data` part. `None` for GET.
    ///
    /// A `Value` holds a number's value, not its spelling (`110.00` reads as `110.0`);
    /// [`PreparedRequest::body_text`] is the body exactly as it is sent.
    pub fn body(&self) -> Option<&Value> {
        let text = self.body_text()?;
        // The body was written by serde_json, so it always reads back.
        Some(
            self.body
                .get_or_init(|| serde_json::from_str(text).unwrap_or(Value::Null)),
        )
    }

    /// The JSON body exactly as it is sent, e.g. `{"amount":110.00}`; for a
    /// multipart request, the text of its `form-data` part. `None` for GET.
    pub fn body_text(&self) -> Option<&str> {
        self.body_bytes
            .as_deref()
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
    }

    /// Names of the file parts of a multipart request, in the order they are sent.
    pub fn file_names(&self) -> Vec<&'static str> {
        self.files.iter().map(|(name, _)| *name).collect()
    }

    /// How the body travels.
    pub fn encoding(&self) -> BodyEncoding {
        self.meta.body
    }

    /// The `client_ref_id` this request carries (the caller's or a generated one).
    pub fn client_ref_id(&self) -> Option<&str> {
        self.client_ref_id.as_deref()
    }

    /// The `secret-key-timestamp` it was signed with.
    pub fn timestamp_ms(&self) -> u64 {
        self.timestamp_ms
    }

    /// Headers as signed, in the order they are sent, with their real values.
    ///
    /// For multipart requests the transport completes `content-type` with the
    /// part boundary.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, &str)> + '_ {
        self.headers
            .iter()
            .map(|header| (header.name, header.value.expose()))
    }

    /// The value of one header, by exact name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|header| header.name == name)
            .map(|header| header.value.expose())
    }

    /// The signatures for an attempt signed at `timestamp_ms`.
    pub(crate) fn sign(&self, signer: &Signer, timestamp_ms: u64) -> Signing {
        let request_hash = (!self.meta.request_hash.is_empty()).then(|| {
            let values: Vec<&str> = self.hash_values.iter().map(String::as_str).collect();
            signer.request_hash(timestamp_ms, &values)
        });
        Signing {
            timestamp: Timestamp::new(timestamp_ms),
            secret_key: signer.secret_key(timestamp_ms),
            request_hash,
        }
    }

    /// The `content-type` header (for multipart, completed by the transport).
    pub(crate) fn content_type(&self) -> &'static str {
        match self.meta.body {
            BodyEncoding::Json => JSON_CONTENT_TYPE,
            BodyEncoding::Multipart => MULTIPART_CONTENT_TYPE,
        }
    }

    /// The headers of `signing`, as [`PreparedRequest::headers`] shows them, in the
    /// order they are sent.
    pub(crate) fn signed_headers(&self, developer_key: &Secret, signing: &Signing) -> Vec<Header> {
        let header = |name, value: &str, sensitive| Header {
            name,
            value: Secret::new(value),
            sensitive,
        };
        let mut headers = vec![
            header(DEVELOPER_KEY_HEADER, developer_key.expose(), true),
            header(SECRET_KEY_HEADER, signing.secret_key.expose(), true),
            header(TIMESTAMP_HEADER, signing.timestamp.as_str(), false),
        ];
        if let Some(hash) = &signing.request_hash {
            headers.push(header(REQUEST_HASH_HEADER, hash.expose(), true));
        }
        headers.push(header("content-type", self.content_type(), false));
        headers
    }
}

impl fmt::Debug for PreparedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: Vec<(&str, String)> = self
            .headers
            .iter()
            .map(|header| {
                let shown = if header.sensitive {
                    header.value.to_string()
                } else {
                    header.value.expose().to_owned()
                };
                (header.name, shown)
            })
            .collect();
        f.debug_struct("PreparedRequest")
            .field("endpoint", &self.meta.id)
            .field("method", &self.meta.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body_text())
            .field("files", &self.files)
            .field("client_ref_id", &self.client_ref_id)
            .finish()
    }
}
