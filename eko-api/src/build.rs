//! Turning a typed request into a [`PreparedRequest`]: the request's fields are
//! written as JSON once ([`Captured`]), completed from the configuration,
//! validated, and placed in path, query or body as its endpoint's metadata says.
//! The body is put together from the fields' JSON text, so values travel exactly as
//! their `Serialize` wrote them (`110.00` stays `110.00`).

use crate::capture::{CaptureError, Captured, json_text, write_json};
use crate::request::PreparedRequest;
use crate::validate;
use crate::{
    Config, Endpoint, EndpointMeta, Error, FieldError, FilePart, Location, Method, client_ref,
};
use bytes::Bytes;
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

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
    let mut fields = Captured::of(request).map_err(|error| not_written(meta, error))?;
    if let Some(param) = meta.initiator_param() {
        fields.set_text(param.name, &config.initiator_id);
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
        .map(|name| {
            fields
                .json(name)
                .map(json_text)
                .unwrap_or_default()
                .into_owned()
        })
        .collect();
    let path = fill_path(meta, &fields, &mut problems);
    if !problems.is_empty() {
        return Err(Error::Validation {
            endpoint: meta.id,
            problems,
        });
    }

    let query = query(meta, &fields);
    let url = join_url(meta, base, &path, &query)?;
    let body_bytes = (meta.method != Method::Get).then(|| body(meta, &fields));
    Ok(PreparedRequest {
        meta,
        url,
        path,
        query,
        body: std::sync::OnceLock::new(),
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
fn fill_client_ref(meta: &EndpointMeta, fields: &mut Captured, config: &Config) -> Option<String> {
    let param = meta.client_ref_param()?;
    match fields.json(param.name) {
        None if meta.method != Method::Get => {
            let generated = client_ref::generate(config.clock.now_ms());
            fields.set_text(param.name, &generated);
            Some(generated)
        }
        None => None,
        Some(json) => Some(json_text(json).into_owned()),
    }
}

/// A piece of a path template: literal text, or the name inside a `{token}`. An
/// unclosed brace is literal text.
enum TemplatePart<'a> {
    Text(&'a str),
    Token(&'a str),
}

fn template_parts(template: &str) -> impl Iterator<Item = TemplatePart<'_>> {
    let mut rest = template;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let token = rest
            .find('{')
            .and_then(|open| Some((open, rest[open..].find('}')? + open)));
        let part = match token {
            Some((0, close)) => TemplatePart::Token(&rest[1..close]),
            Some((open, _)) => TemplatePart::Text(&rest[..open]),
            None => TemplatePart::Text(rest),
        };
        rest = match token {
            Some((0, close)) => &rest[close + 1..],
            Some((open, _)) => &rest[open..],
            None => "",
        };
        Some(part)
    })
}

/// Replaces each `{token}` of the path template with its percent-encoded value.
fn fill_path(meta: &EndpointMeta, fields: &Captured, problems: &mut Vec<FieldError>) -> String {
    let mut path = String::with_capacity(meta.path.len() + 16);
    for part in template_parts(meta.path) {
        let token = match part {
            TemplatePart::Text(text) => {
                path.push_str(text);
                continue;
            }
            TemplatePart::Token(token) => token,
        };
        match fields.json(token) {
            Some(json) => path.extend(utf8_percent_encode(&json_text(json), ESCAPED)),
            None if meta.param(token).is_some() => {} // already reported by validation
            None => problems.push(FieldError {
                field: token.to_owned(),
                problem: "is a path token with no value in the request".to_owned(),
            }),
        }
    }
    path
}

/// Where a field the metadata places at `location` travels: the path stays the path;
/// a GET sends everything else in the query string; other methods send documented
/// query parameters there and everything else in the body.
fn travels(method: Method, location: Location) -> Location {
    match location {
        Location::Path => Location::Path,
        _ if method == Method::Get => Location::Query,
        other => other,
    }
}

/// Where the field `name` travels. A field the metadata does not list (hand-written
/// requests) goes into the path when the template has a `{name}` token for it, and
/// is a body field otherwise.
fn place(meta: &EndpointMeta, name: &str) -> Location {
    let location = match meta.param(name) {
        Some(param) => param.location,
        None if template_parts(meta.path)
            .any(|part| matches!(part, TemplatePart::Token(token) if token == name)) =>
        {
            Location::Path
        }
        None => Location::Body,
    };
    travels(meta.method, location)
}

/// The query parameters as plain text. Their order follows the metadata, so the URL
/// is deterministic; fields the metadata does not list (hand-written requests of a
/// GET) follow, in name order.
fn query(meta: &EndpointMeta, fields: &Captured) -> Vec<(String, String)> {
    let text = |name: &str, json: &str| (name.to_owned(), json_text(json).into_owned());
    let mut query: Vec<(String, String)> = meta
        .params
        .iter()
        .filter(|param| travels(meta.method, param.location) == Location::Query)
        .filter_map(|param| Some(text(param.name, fields.json(param.name)?)))
        .collect();
    let mut unlisted: Vec<(String, String)> = fields
        .present()
        .filter(|(name, _)| meta.param(name).is_none() && place(meta, name) == Location::Query)
        .map(|(name, json)| text(name, json))
        .collect();
    unlisted.sort();
    query.extend(unlisted);
    query
}

/// The JSON body: every field that goes neither into the path nor into the query,
/// in the order the request wrote them, each value exactly as written.
fn body(meta: &EndpointMeta, fields: &Captured) -> Bytes {
    let mut body = String::with_capacity(fields.text_len() + 64);
    body.push('{');
    for (name, json) in fields
        .present()
        .filter(|(name, _)| place(meta, name) == Location::Body)
    {
        if body.len() > 1 {
            body.push(',');
        }
        write_json(&mut body, name);
        body.push(':');
        body.push_str(json);
    }
    body.push('}');
    Bytes::from(body)
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

/// The bytes a path may hold as they are: RFC 3986's unreserved characters,
/// sub-delimiters, `:`, `@`, `/` and `%` (of escapes). A table, as every byte of
/// every call's path is looked up.
const PLAIN_IN_PATH: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    let others = b"-._~!$&'()*+,;=:@/%";
    let mut at = 0;
    while at < others.len() {
        table[others[at] as usize] = true;
        at += 1;
    }
    table
};

/// Whether a URL parser keeps `path` exactly: it starts with `/`, holds only bytes
/// that need no escaping in a path, and has no `.` or `..` segment (literal or as
/// `%2e`), which parsers resolve away.
fn stays_as_written(path: &str) -> bool {
    let plain = |byte: u8| PLAIN_IN_PATH[usize::from(byte)];
    let dot = |segment: &str| {
        let lower = segment.to_ascii_lowercase();
        let rest = lower.replace("%2e", ".");
        rest == "." || rest == ".."
    };
    // One pass; the segments are looked at only when a dot could hide in them.
    let mut dotted = false;
    for byte in path.bytes() {
        if !plain(byte) {
            return false;
        }
        dotted |= byte == b'.' || byte == b'%';
    }
    path.starts_with('/')
        && (!dotted
            || path
                .split('/')
                .filter(|segment| segment.len() <= 6 && segment.contains(['.', '%']))
                .all(|segment| !dot(segment)))
}

/// The request could not be written as JSON: the field to blame, or the request.
fn not_written(meta: &EndpointMeta, error: CaptureError) -> Error {
    invalid(
        meta,
        error.field.as_deref().unwrap_or("request"),
        &error.problem,
    )
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
    use super::{TemplatePart, stays_as_written, template_parts};

    #[test]
    fn templates_split_into_text_and_tokens() {
        let parts = |template| {
            template_parts(template)
                .map(|part| match part {
                    TemplatePart::Text(text) => format!("text {text}"),
                    TemplatePart::Token(token) => format!("token {token}"),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(
            parts("/customer/{id}/otp/{ref}"),
            ["text /customer/", "token id", "text /otp/", "token ref"]
        );
        assert_eq!(parts("/a/{open"), ["text /a/{open"]);
        assert_eq!(parts("{x}"), ["token x"]);
        assert_eq!(parts(""), Vec::<String>::new());
    }

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
