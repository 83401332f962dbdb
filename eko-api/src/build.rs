//! Turning a typed request into a [`PreparedRequest`]: the request's JSON object is
//! completed from the configuration, validated, and split into path, query and
//! body as its endpoint's metadata says.

use crate::request::PreparedRequest;
use crate::validate::{self, scalar_str, scalar_text};
use crate::{
    Config, Endpoint, EndpointMeta, Error, FieldError, FilePart, Location, Method, client_ref,
};
use bytes::Bytes;
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

/// Builds `request` for the API at `base` (the checked base URL's text, without a
/// trailing slash), unsigned: every attempt signs it afresh, and
/// [`crate::Client::prepare`] signs it once more for inspection.
pub(crate) fn prepare<E: Endpoint>(
    config: &Config,
    base: &str,
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
    // Written once, as bytes every attempt sends without copying.
    let body_bytes = match &body {
        Some(body) => {
            // Room for a typical request body, so writing it rarely reallocates.
            let mut bytes = Vec::with_capacity(512);
            serde_json::to_writer(&mut bytes, body).map_err(|error| {
                invalid(
                    meta,
                    "request",
                    &format!("could not be serialized: {error}"),
                )
            })?;
            Some(Bytes::from(bytes))
        }
        None => None,
    };
    Ok(PreparedRequest {
        meta,
        url,
        path,
        query,
        body,
        body_bytes,
        files,
        client_ref_id,
        hash_values,
        timestamp_ms: 0,
        headers: Vec::new(),
    })
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
            Some(value) => path.extend(utf8_percent_encode(&scalar_str(&value), ESCAPED)),
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
            query.push((param.name.to_owned(), into_text(value)));
        }
    }
    if meta.method == Method::Get {
        // Keys the metadata does not list (hand-written requests) follow, in key order.
        query.extend(
            fields
                .into_iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(name, value)| (name, into_text(value))),
        );
        (query, None)
    } else {
        (query, Some(Value::Object(fields)))
    }
}

/// [`scalar_text`] of a value that is no longer needed: text is moved, not copied.
fn into_text(value: Value) -> String {
    match value {
        Value::String(text) => text,
        other => scalar_text(&other),
    }
}

/// The base URL, the filled path and the encoded query, written once. The path is
/// checked to be one a URL parser keeps as it is — only unreserved characters,
/// sub-delimiters, `:`, `@`, `/` and percent escapes, and no dot segment — so the
/// request goes to exactly the endpoint's path: no value added or removed a segment.
fn join_url(
    meta: &EndpointMeta,
    base: &str,
    path: &str,
    query: &[(String, String)],
) -> Result<String, Error> {
    if !stays_as_written(path) {
        return Err(invalid(
            meta,
            "path",
            "would not resolve to the endpoint's path",
        ));
    }
    let query_len: usize = query
        .iter()
        .map(|(name, value)| name.len() + value.len() + 2)
        .sum();
    let mut url = String::with_capacity(base.len() + path.len() + query_len);
    url.push_str(base);
    url.push_str(path);
    for (index, (name, value)) in query.iter().enumerate() {
        url.push(if index == 0 { '?' } else { '&' });
        url.extend(utf8_percent_encode(name, ESCAPED));
        url.push('=');
        url.extend(utf8_percent_encode(value, ESCAPED));
    }
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

/// Whether a URL parser keeps `path` exactly: it starts with `/`, holds only bytes
/// that need no escaping in a path, and has no `.` or `..` segment (literal or as
/// `%2e`), which parsers resolve away.
fn stays_as_written(path: &str) -> bool {
    let plain = |byte: u8| byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&byte);
    let dot = |segment: &str| {
        let lower = segment.to_ascii_lowercase();
        let rest = lower.replace("%2e", ".");
        rest == "." || rest == ".."
    };
    path.starts_with('/')
        && path.bytes().all(plain)
        && path
            .split('/')
            .filter(|segment| segment.len() <= 6 && segment.contains(['.', '%']))
            .all(|segment| !dot(segment))
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

#[cfg(test)]
mod tests {
    use super::stays_as_written;

    #[test]
    fn only_paths_a_parser_keeps_are_accepted() {
        for kept in [
            "/customer/account/9444444444",
            "/a/b.c/%20x/~y",
            "/a//b",
            "/.x/..y",
        ] {
            assert!(stays_as_written(kept), "{kept}");
        }
        for changed in [
            "relative",
            "/a/../b",
            "/a/./b",
            "/a/..",
            "/a/%2e%2E/b",
            "/a/.%2e",
            "/a?b",
            "/a#b",
            "/a\\b",
            "/a b",
            "/é",
        ] {
            assert!(!stays_as_written(changed), "{changed}");
        }
    }
}
