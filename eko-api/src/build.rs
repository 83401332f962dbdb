//! Turning a typed request into a [`PreparedRequest`]: the request's JSON object is
//! completed from the configuration, validated, and split into path, query and
//! body as its endpoint's metadata says.

use crate::request::PreparedRequest;
use crate::validate::{self, scalar_text};
use crate::{
    Config, Endpoint, EndpointMeta, Error, FieldError, FilePart, Location, Method, client_ref,
};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Map, Value};

/// Bytes left as they are in path segments and query components: RFC 3986's
/// unreserved characters. Everything else, `/ ? # % &` included, is escaped, so a
/// value can never change the shape of the URL.
const ESCAPED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// The longest URL the HTTP stack can send (`http::Uri` refuses longer ones). A
/// request whose URL would be longer is refused here, before anything is sent.
pub(crate) const MAX_URL_BYTES: usize = u16::MAX as usize - 1;

/// Builds and signs `request` for the API at `base` (a parsed, checked base URL).
pub(crate) fn prepare<E: Endpoint>(
    config: &Config,
    base: &url::Url,
    request: &E,
) -> Result<PreparedRequest, Error> {
    let meta = E::META;
    let mut fields = match serde_json::to_value(request) {
        Ok(Value::Object(fields)) => fields,
        Ok(_) => return Err(invalid(meta, "request", "must serialize to a JSON object")),
        Err(error) => {
            return Err(invalid(
                meta,
                "request",
                &format!("could not be serialized: {error}"),
            ));
        }
    };
    if let Some(param) = meta.initiator_param() {
        fields.insert(
            param.name.to_owned(),
            Value::String(config.initiator_id.clone()),
        );
    }
    let client_ref_id = fill_client_ref(meta, &mut fields, config);
    let files: Vec<(&'static str, FilePart)> = request
        .files()
        .into_iter()
        .map(|(name, file)| (name, file.clone()))
        .collect();
    let file_names: Vec<&str> = files.iter().map(|(name, _)| *name).collect();

    let mut problems = validate::check(meta, &fields, &file_names);
    for (name, file) in &files {
        // The transport would refuse it after the call started; say so now.
        if reqwest::multipart::Part::bytes(Vec::new())
            .mime_str(&file.content_type)
            .is_err()
        {
            problems.push(FieldError {
                field: (*name).to_owned(),
                problem: "has a content type that is not a MIME type".to_owned(),
            });
        }
    }
    let hash_values = meta
        .request_hash
        .iter()
        .map(|name| fields.get(*name).map(scalar_text).unwrap_or_default())
        .collect();
    let path = fill_path(meta, &mut fields, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Validation {
            endpoint: meta.id,
            problems,
        });
    }

    let (query, body) = split(meta, fields);
    let url = join_url(meta, base, &path, &query)?;
    let mut prepared = PreparedRequest {
        meta,
        url,
        path,
        query,
        body,
        files,
        client_ref_id,
        hash_values,
        timestamp_ms: config.clock.now_ms(),
        headers: Vec::new(),
    };
    prepared.headers = prepared.signed_headers(config, prepared.timestamp_ms);
    Ok(prepared)
}

/// Reads the caller's `client_ref_id`, or generates one for a non-GET call that
/// has none, so every state-changing call can be reconciled later.
fn fill_client_ref(
    meta: &EndpointMeta,
    fields: &mut Map<String, Value>,
    config: &Config,
) -> Option<String> {
    let param = meta.client_ref_param()?;
    match fields.get(param.name) {
        Some(Value::Null) | None if meta.method != Method::Get => {
            let generated = client_ref::generate(config.clock.now_ms());
            fields.insert(param.name.to_owned(), Value::String(generated.clone()));
            Some(generated)
        }
        Some(Value::Null) | None => None,
        Some(value) => Some(scalar_text(value)),
    }
}

/// Replaces each `{token}` of the path template with its percent-encoded value,
/// taking path parameters out of `fields`.
fn fill_path(
    meta: &EndpointMeta,
    fields: &mut Map<String, Value>,
    problems: &mut Vec<FieldError>,
) -> String {
    let mut path = String::with_capacity(meta.path.len() + 16);
    let mut rest = meta.path;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            // An unclosed brace is literal text in the template.
            path.push_str(&rest[open..]);
            return path;
        };
        let token = &after[..close];
        match fields.remove(token).filter(|value| !value.is_null()) {
            Some(value) => path.extend(utf8_percent_encode(&scalar_text(&value), ESCAPED)),
            None if meta.param(token).is_some() => {} // already reported by validation
            None => problems.push(FieldError {
                field: token.to_owned(),
                problem: "is a path token with no value in the request".to_owned(),
            }),
        }
        rest = &after[close + 1..];
    }
    path.push_str(rest);
    // Parameters the metadata places in the path but the template lacks must not
    // travel elsewhere by accident.
    for param in meta
        .params
        .iter()
        .filter(|param| param.location == Location::Path)
    {
        fields.remove(param.name);
    }
    path
}

/// GET sends every parameter in the query string; other methods send the ones
/// documented as query parameters there and everything else in the body. Query
/// order follows the metadata, so the URL is deterministic.
fn split(
    meta: &EndpointMeta,
    mut fields: Map<String, Value>,
) -> (Vec<(String, String)>, Option<Value>) {
    let in_query = |location: Location| meta.method == Method::Get || location == Location::Query;
    let mut query = Vec::new();
    for param in meta.params.iter().filter(|param| in_query(param.location)) {
        if let Some(value) = fields.remove(param.name)
            && !value.is_null()
        {
            query.push((param.name.to_owned(), scalar_text(&value)));
        }
    }
    if meta.method == Method::Get {
        // Keys the metadata does not list (hand-written requests) follow, in key order.
        query.extend(
            fields
                .into_iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(name, value)| (name, scalar_text(&value))),
        );
        (query, None)
    } else {
        (query, Some(Value::Object(fields)))
    }
}

/// The base URL, the filled path and the encoded query, checked to resolve to
/// exactly that path: a final guard that no value added or removed a segment.
fn join_url(
    meta: &EndpointMeta,
    base: &url::Url,
    path: &str,
    query: &[(String, String)],
) -> Result<String, Error> {
    let base_text = base.as_str().trim_end_matches('/');
    let mut url = format!("{base_text}{path}");
    if !query.is_empty() {
        let pairs: Vec<String> = query
            .iter()
            .map(|(name, value)| {
                format!(
                    "{}={}",
                    utf8_percent_encode(name, ESCAPED),
                    utf8_percent_encode(value, ESCAPED)
                )
            })
            .collect();
        url.push('?');
        url.push_str(&pairs.join("&"));
    }
    let expected_path = format!("{}{path}", base.path().trim_end_matches('/'));
    let url: String = match url::Url::parse(&url) {
        Ok(parsed) if parsed.path() == expected_path && parsed.fragment().is_none() => {
            parsed.into()
        }
        _ => {
            return Err(invalid(
                meta,
                "path",
                "would not resolve to the endpoint's path",
            ));
        }
    };
    if url.len() > MAX_URL_BYTES {
        return Err(invalid(
            meta,
            "url",
            &format!(
                "would be {} bytes long with these path and query values, over the \
                 {MAX_URL_BYTES}-byte limit of the HTTP stack",
                url.len()
            ),
        ));
    }
    Ok(url)
}

fn invalid(meta: &EndpointMeta, field: &str, problem: &str) -> Error {
    Error::Validation {
        endpoint: meta.id,
        problems: vec![FieldError {
            field: field.to_owned(),
            problem: problem.to_owned(),
        }],
    }
}
