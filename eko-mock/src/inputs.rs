//! A request's parameters, read from wherever the spec says they travel.

use crate::http_error::HttpError;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request};
use axum::http::Uri;
use eko_spec::{Endpoint, Location, Param, Type};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

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
            .and_then(crate::catalog::scalar_text)
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

/// A JSON body: an object, or nothing at all (read as an empty object).
pub(crate) fn json_body(bytes: &[u8]) -> Result<Map<String, Value>, HttpError> {
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

/// A multipart body, already buffered in `bytes`: the `form-data` part holds the JSON
/// of the non-file fields, every part with a file name is a file. A part without a
/// file name that names a non-file parameter is taken as that parameter's text, as
/// plain form posts send it.
pub(crate) async fn multipart_body(
    endpoint: &Endpoint,
    request_parts: axum::http::request::Parts,
    bytes: Bytes,
) -> Result<(Map<String, Value>, BTreeMap<String, Upload>), HttpError> {
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
    let mut body = Map::new();
    let mut files = BTreeMap::new();
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
                body.insert(key, value);
            }
        } else if is_file || is_file_param(endpoint, &name) {
            files.insert(name, Upload { len: content.len() });
        } else {
            let text = String::from_utf8(content.to_vec())
                .map_err(|_| HttpError::bad_request(format!("part `{name}` is not UTF-8 text")))?;
            body.insert(name, Value::String(text));
        }
    }
    Ok((body, files))
}

fn is_file_param(endpoint: &Endpoint, name: &str) -> bool {
    endpoint
        .params
        .iter()
        .any(|param| param.name == name && param.ty == Type::File)
}
