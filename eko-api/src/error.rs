//! The one error type every call returns.
//!
//! Variants that arise after a request was built carry the endpoint id and the
//! `client_ref_id` that was sent, so a caller can always reconcile a failed call
//! with Eko. Bodies are kept whole (up to the configured limit); `Display` shows
//! only a bounded snippet of them.

use std::collections::BTreeMap;
use std::fmt;

/// How many characters of a body an error message quotes.
const SNIPPET_CHARS: usize = 240;

/// Everything that can go wrong building, sending or decoding a call.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client configuration is unusable (missing key, bad base URL, ...).
    #[error("invalid configuration: {message}")]
    Config {
        /// What is wrong.
        message: String,
    },

    /// The request failed validation; nothing was sent.
    #[error(
        "{endpoint}: invalid request, nothing was sent: {}",
        list_fields(problems)
    )]
    Validation {
        /// Endpoint id.
        endpoint: &'static str,
        /// Every bad field, in parameter order.
        problems: Vec<FieldError>,
    },

    /// No complete HTTP response arrived: connection, timeout or body read failure.
    #[error("{endpoint}: {kind} after {attempts} attempt(s): {message}{}", retry_advice(*retry_safe, client_ref_id.as_deref()))]
    Transport {
        /// Endpoint id.
        endpoint: &'static str,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// What failed.
        kind: TransportKind,
        /// Whether sending the same request again cannot cause a duplicate effect:
        /// true for GET calls and for failures before the request left the client.
        retry_safe: bool,
        /// Attempts made, including retries.
        attempts: u32,
        /// The underlying failure.
        message: String,
    },

    /// The response body exceeded [`crate::Config::max_body_bytes`].
    #[error("{endpoint}: response body larger than the {limit}-byte limit (HTTP {http_status}){}", ref_note(client_ref_id.as_deref()))]
    BodyTooLarge {
        /// Endpoint id.
        endpoint: &'static str,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// HTTP status of the response.
        http_status: u16,
        /// The configured limit in bytes.
        limit: usize,
    },

    /// The server answered with a non-2xx HTTP status.
    #[error("{endpoint}: HTTP {status}{}{}{}; body: {}", http_hint(*status), message.as_deref().map(|m| format!(": {m}")).unwrap_or_default(), ref_note(client_ref_id.as_deref()), snippet(body))]
    Http {
        /// Endpoint id.
        endpoint: &'static str,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// HTTP status code.
        status: u16,
        /// The envelope's `message`, when the body carried one.
        message: Option<String>,
        /// The response body (secrets removed).
        body: String,
        /// Attempts made, including retries.
        attempts: u32,
    },

    /// The response could not be read as the documented JSON.
    #[error("{endpoint}: could not decode the HTTP {http_status} response at `{path}`: {message}{}; body: {}", ref_note(client_ref_id.as_deref()), snippet(body))]
    Decode {
        /// Endpoint id.
        endpoint: &'static str,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// HTTP status of the response.
        http_status: u16,
        /// JSON path of the value that failed, e.g. `data.amount` (`.` for the whole body).
        path: String,
        /// What was wrong there.
        message: String,
        /// The response body (secrets removed).
        body: String,
    },

    /// A webhook body Eko delivered could not be read as the documented payload.
    #[error(
        "{webhook}: could not decode the webhook payload at `{path}`: {message}; body: {}",
        snippet(body)
    )]
    Webhook {
        /// Webhook id, e.g. `qr-transaction-status-callback`.
        webhook: &'static str,
        /// JSON path of the value that failed (`.` for the whole body).
        path: String,
        /// What was wrong there.
        message: String,
        /// The delivered body, lossily decoded as UTF-8.
        body: String,
    },

    /// Eko answered with a `status` that is not a documented outcome of this endpoint.
    #[error("{endpoint}: Eko status {status}{}{}: {message}{}{}", id_note("response_type_id", *response_type_id), id_note("response_status_id", *response_status_id), list_invalid(invalid_params), ref_note(client_ref_id.as_deref()))]
    Api {
        /// Endpoint id.
        endpoint: &'static str,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// Envelope `status`.
        status: i64,
        /// Envelope `message`.
        message: String,
        /// Envelope `response_status_id`.
        response_status_id: Option<i64>,
        /// Envelope `response_type_id`.
        response_type_id: Option<i64>,
        /// Envelope `invalid_params`: field → server's message (non-text values as JSON).
        invalid_params: BTreeMap<String, String>,
        /// The envelope's `data`, as sent.
        data: serde_json::Value,
        /// HTTP status of the response.
        http_status: u16,
        /// The response body (secrets removed).
        body: String,
    },
}

/// One field that failed validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// Path of the field: wire name, with `.key` and `[index]` for nested values,
    /// e.g. `office_address.pincode` or `entries[1].ifsc`.
    pub field: String,
    /// What is wrong, e.g. `must be a 6-digit pincode`.
    pub problem: String,
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` {}", self.field, self.problem)
    }
}

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportKind {
    /// No connection could be made; the request never left the client.
    Connect,
    /// The attempt exceeded its time limit.
    Timeout,
    /// The connection broke while the response body was being read.
    Body,
    /// Any other failure while sending.
    Other,
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "connection failed",
            TransportKind::Timeout => "timed out",
            TransportKind::Body => "response body interrupted",
            TransportKind::Other => "request failed",
        })
    }
}

impl Error {
    pub(crate) fn config(message: impl Into<String>) -> Self {
        Error::Config {
            message: message.into(),
        }
    }

    /// The endpoint (or webhook) id the error belongs to, if it came from a call or a payload.
    pub fn endpoint(&self) -> Option<&'static str> {
        match self {
            Error::Config { .. } => None,
            Error::Validation { endpoint, .. }
            | Error::Transport { endpoint, .. }
            | Error::BodyTooLarge { endpoint, .. }
            | Error::Http { endpoint, .. }
            | Error::Decode { endpoint, .. }
            | Error::Api { endpoint, .. } => Some(endpoint),
            Error::Webhook { webhook, .. } => Some(webhook),
        }
    }

    /// The `client_ref_id` that was sent, when the call got that far.
    pub fn client_ref_id(&self) -> Option<&str> {
        match self {
            Error::Config { .. } | Error::Validation { .. } | Error::Webhook { .. } => None,
            Error::Transport { client_ref_id, .. }
            | Error::BodyTooLarge { client_ref_id, .. }
            | Error::Http { client_ref_id, .. }
            | Error::Decode { client_ref_id, .. }
            | Error::Api { client_ref_id, .. } => client_ref_id.as_deref(),
        }
    }

    /// The HTTP status of the response, when one arrived.
    pub fn http_status(&self) -> Option<u16> {
        match self {
            Error::BodyTooLarge { http_status, .. }
            | Error::Decode { http_status, .. }
            | Error::Api { http_status, .. } => Some(*http_status),
            Error::Http { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The response (or webhook) body, when one was read.
    pub fn body(&self) -> Option<&str> {
        match self {
            Error::Http { body, .. }
            | Error::Decode { body, .. }
            | Error::Api { body, .. }
            | Error::Webhook { body, .. } => Some(body),
            _ => None,
        }
    }
}

fn list_fields(problems: &[FieldError]) -> String {
    problems
        .iter()
        .map(FieldError::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

fn list_invalid(invalid: &BTreeMap<String, String>) -> String {
    if invalid.is_empty() {
        return String::new();
    }
    let fields: Vec<String> = invalid
        .iter()
        .map(|(field, message)| format!("`{field}`: {message}"))
        .collect();
    format!(" (invalid_params: {})", fields.join("; "))
}

fn id_note(name: &str, id: Option<i64>) -> String {
    id.map(|id| format!(", {name} {id}")).unwrap_or_default()
}

fn ref_note(client_ref_id: Option<&str>) -> String {
    client_ref_id
        .map(|id| format!(" [client_ref_id {id}]"))
        .unwrap_or_default()
}

fn retry_advice(retry_safe: bool, client_ref_id: Option<&str>) -> String {
    let reference = ref_note(client_ref_id);
    if retry_safe {
        format!("{reference}; safe to retry")
    } else {
        format!(
            "{reference}; NOT safe to re-send blindly: Eko may have processed it, check its status first"
        )
    }
}

fn http_hint(status: u16) -> &'static str {
    match status {
        401 | 403 => {
            " (authentication failed: wrong developer_key or access key, or a secret-key-timestamp too far from Eko's clock)"
        }
        404 => " (unknown path or resource)",
        429 => " (rate limited)",
        500..=599 => " (server or gateway error)",
        _ => "",
    }
}

/// The start of a body, quoted, with a note when it was cut.
pub(crate) fn snippet(body: &str) -> String {
    if body.is_empty() {
        return "(empty)".to_owned();
    }
    let mut cut: String = body.chars().take(SNIPPET_CHARS).collect();
    let total = body.chars().count();
    if total > SNIPPET_CHARS {
        cut.push_str(&format!("… ({total} chars)"));
    }
    format!("{cut:?}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_bounded_and_quoted() {
        assert_eq!(snippet(""), "(empty)");
        assert_eq!(snippet("<html>"), "\"<html>\"");
        let long = "é".repeat(1000);
        let shown = snippet(&long);
        assert!(shown.chars().count() < 300, "{shown}");
        assert!(shown.contains("1000 chars"));
    }

    #[test]
    fn display_names_fields_and_reference() {
        let error = Error::Validation {
            endpoint: "onboard-customer",
            problems: vec![
                FieldError {
                    field: "customer_id".into(),
                    problem: "must be a 10-digit mobile number".into(),
                },
                FieldError {
                    field: "office_address.pincode".into(),
                    problem: "must be a 6-digit pincode".into(),
                },
            ],
        };
        let shown = error.to_string();
        assert!(
            shown.contains("`customer_id` must be") && shown.contains("`office_address.pincode`"),
            "{shown}"
        );

        let error = Error::Transport {
            endpoint: "onboard-user",
            client_ref_id: Some("REF1".into()),
            kind: TransportKind::Timeout,
            retry_safe: false,
            attempts: 1,
            message: "operation timed out".into(),
        };
        let shown = error.to_string();
        assert!(
            shown.contains("timed out") && shown.contains("REF1") && shown.contains("NOT safe"),
            "{shown}"
        );
        assert_eq!(error.client_ref_id(), Some("REF1"));
        assert_eq!(error.endpoint(), Some("onboard-user"));
    }

    #[test]
    fn forbidden_is_explained() {
        let error = Error::Http {
            endpoint: "onboard-user",
            client_ref_id: None,
            status: 403,
            message: None,
            body: String::new(),
            attempts: 1,
        };
        assert!(error.to_string().contains("secret-key-timestamp"));
        assert_eq!(error.http_status(), Some(403));
    }
}
