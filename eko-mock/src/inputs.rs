//! A request's parameters, read from wherever the spec says they travel: path, query,
//! and a body of the content type the endpoint takes, within a size limit.

use crate::http_error::HttpError;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use eko_spec::{BodyEncoding, Endpoint, Location, Method, Param, Type};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Largest JSON body accepted.
pub const MAX_JSON_BODY: usize = 2 * 1024 * 1024;
/// Largest multipart body accepted: the JSON part plus the files.
pub const MAX_MULTIPART_BODY: usize = MAX_JSON_BODY + 5 * 1024 * 1024;

/// Name of the multipart part that carries the JSON of the non-file fields.
pub(crate) const FORM_DATA_PART: &str = "form-data";

/// An uploaded file part; the mock keeps its shape, not its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Upload {
    pub(crate) len: usize,
}

/// Everything a request carried, by location.
#[derive(Debug, Default)]
pub(crate) struct Inputs {
    pub(crate) path: BTreeMap<String, String>,
    pub(crate) query: BTreeMap<String, String>,
    pub(crate) body: Map<String, Value>,
    pub(crate) files: BTreeMap<String, Upload>,
    /// Multipart parts the endpoint does not take: neither `form-data` nor one of its files.
    pub(crate) unknown_parts: BTreeSet<String>,
}

impl Inputs {
    /// The value sent for `param`, from the location the spec gives it. Path and query
    /// values are text.
    pub(crate) fn value(&self, param: &Param) -> Option<Value> {
        match param.location {
            Location::Path => self.path.get(&param.name).cloned().map(Value::String),
            Location::Query => self.query.get(&param.name).cloned().map(Value::String),
            Location::Body => self.body.get(&param.name).cloned(),
        }
    }

    /// The value sent for the parameter `name` of `endpoint`, if the endpoint has one.
    pub(crate) fn named(&self, endpoint: &Endpoint, name: &str) -> Option<Value> {
        endpoint
            .params
            .iter()
            .find(|param| param.name == name)
            .and_then(|param| self.value(param))
    }

    /// Like [`Inputs::named`], as text; `None` for absent, null or non-scalar values.
    pub(crate) fn text(&self, endpoint: &Endpoint, name: &str) -> Option<String> {
        self.named(endpoint, name)
            .as_ref()
            .and_then(crate::scalar::scalar_text)
    }
}

/// Query parameters; the first of repeated names wins.
pub(crate) fn query(uri: &Uri) -> Result<BTreeMap<String, String>, HttpError> {
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri).map_err(|error| {
        HttpError::bad_request(format!("the query string does not parse: {error}"))
    })?;
    let mut query = BTreeMap::new();
    for (name, value) in pairs {
        query.entry(name).or_insert(value);
    }
    Ok(query)
}

/// The body fields and file parts of a request, and the parts it should not have sent.
#[derive(Debug, Default)]
pub(crate) struct BodyParts {
    pub(crate) body: Map<String, Value>,
    pub(crate) files: BTreeMap<String, Upload>,
    pub(crate) unknown_parts: BTreeSet<String>,
}

/// Reads the body the endpoint's encoding calls for, after checking its content type.
/// A request without a body (no content type, no bytes) sends no parameters, like an
/// empty JSON object: validation then names each missing one in `invalid_params`, as
/// Eko answers; only a body that is there in another content type is a 415.
pub(crate) async fn body(endpoint: &Endpoint, request: Request) -> Result<BodyParts, HttpError> {
    if endpoint.method == Method::Get {
        return Ok(BodyParts::default());
    }
    let expected = match endpoint.body {
        BodyEncoding::Json => "application/json",
        BodyEncoding::Multipart => "multipart/form-data",
    };
    let unsupported = || {
        HttpError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("the content-type must be {expected}"),
        )
    };
    let (parts, body) = request.into_parts();
    let media = media_type(&parts.headers)?;
    if media.as_deref().is_some_and(|media| media != expected) {
        return Err(unsupported());
    }
    let limit = match endpoint.body {
        BodyEncoding::Json => MAX_JSON_BODY,
        BodyEncoding::Multipart => MAX_MULTIPART_BODY,
    };
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|error| {
        if error.into_inner().is::<http_body_util::LengthLimitError>() {
            HttpError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                format!("the request body is larger than {limit} bytes"),
            )
        } else {
            // The client went away or broke the framing mid-body.
            HttpError::bad_request("the request body could not be read in full")
        }
    })?;
    if media.is_none() {
        return if bytes.is_empty() {
            Ok(BodyParts::default())
        } else {
            Err(unsupported())
        };
    }
    match endpoint.body {
        BodyEncoding::Json => Ok(BodyParts {
            body: json_body(&bytes)?,
            ..BodyParts::default()
        }),
        BodyEncoding::Multipart => multipart_body(endpoint, parts, bytes).await,
    }
}

/// The media type of `content-type`, lowercased, without parameters; a value that is
/// not UTF-8 is a 400 naming the header.
fn media_type(headers: &HeaderMap) -> Result<Option<String>, HttpError> {
    let Some(value) = headers.get(header::CONTENT_TYPE) else {
        return Ok(None);
    };
    let value = std::str::from_utf8(value.as_bytes())
        .map_err(|_| HttpError::bad_request("the content-type header is not valid UTF-8 text"))?;
    let media = value.split(';').next().unwrap_or_default().trim();
    Ok(Some(media.to_ascii_lowercase()))
}

/// A JSON body: an object, or nothing at all (read as an empty object).
fn json_body(bytes: &[u8]) -> Result<Map<String, Value>, HttpError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(HttpError::bad_request(
            "the request body must be a JSON object",
        )),
        Err(error) => Err(HttpError::bad_request(format!(
            "the request body is not valid JSON: {error}"
        ))),
    }
}

/// A multipart body, already buffered in `bytes`: the `form-data` part (without a file
/// name) holds the JSON of the non-file fields, and each file parameter is a part of
/// its own. Those are all the parts there are (the document's `additionalProperties:
/// false`): any other part is named in `unknown_parts`, for validation to refuse.
async fn multipart_body(
    endpoint: &Endpoint,
    request_parts: axum::http::request::Parts,
    bytes: Bytes,
) -> Result<BodyParts, HttpError> {
    let mut request = Request::from_parts(request_parts, axum::body::Body::from(bytes));
    // The handler has already capped the body; axum's own, smaller default cap must not apply twice.
    DefaultBodyLimit::disable().apply(&mut request);
    let mut multipart = Multipart::from_request(request, &())
        .await
        .map_err(|error| {
            HttpError::bad_request(format!(
                "the multipart body does not parse: {}",
                error.body_text()
            ))
        })?;
    let mut parts = BodyParts::default();
    loop {
        let field = multipart.next_field().await.map_err(|error| {
            HttpError::bad_request(format!(
                "the multipart body does not parse: {}",
                error.body_text()
            ))
        })?;
        let Some(field) = field else { break };
        let name = field.name().unwrap_or_default().to_owned();
        let is_file = field.file_name().is_some();
        let content = field.bytes().await.map_err(|error| {
            HttpError::bad_request(format!(
                "part `{name}` does not read: {}",
                error.body_text()
            ))
        })?;
        if name == FORM_DATA_PART && !is_file {
            for (key, value) in json_body(&content).map_err(|error| {
                HttpError::bad_request(format!("part `{FORM_DATA_PART}`: {}", error.message))
            })? {
                parts.body.insert(key, value);
            }
        } else if is_file_param(endpoint, &name) {
            parts.files.insert(name, Upload { len: content.len() });
        } else {
            parts.unknown_parts.insert(name);
        }
    }
    Ok(parts)
}

fn is_file_param(endpoint: &Endpoint, name: &str) -> bool {
    endpoint
        .params
        .iter()
        .any(|param| param.name == name && param.ty == Type::File)
}
