//! The one error type every call returns.
//!
//! Variants that arise after a request was built carry the endpoint id and the
//! `client_ref_id` that was sent, so a caller can always reconcile a failed call
//! with Eko. Bodies are kept whole (up to the configured limit); `Display` shows
//! only a bounded snippet of them.

use crate::redact::{Redactor, printable};
use std::collections::BTreeMap;
use std::fmt;
use std::time::Duration;

/// How many characters of a body an error message quotes.
const SNIPPET_CHARS: usize = 240;

/// Everything that can go wrong building, sending or decoding a call.
///
/// | what happened | variant |
/// | --- | --- |
/// | bad input: a field, a URL too long to send, a file type that is not MIME | [`Error::Validation`] (nothing sent) |
/// | unusable configuration or call option: missing or unsendable key, base URL with credentials, zero deadline | [`Error::Config`] (nothing sent) |
/// | no connection | [`Error::Transport`], [`TransportKind::Connect`] |
/// | no complete answer before the attempt timeout or the call's deadline | [`Error::Transport`], [`TransportKind::Timeout`] |
/// | connection closed in the middle of the body | [`Error::Transport`], [`TransportKind::Body`] |
/// | a body over [`crate::Config::max_body_bytes`], announced or streamed | [`Error::BodyTooLarge`] |
/// | a non-2xx status: HTML 5xx page, 429, 403 for a bad signature or a stale clock | [`Error::Http`] |
/// | a 2xx body that is not the JSON envelope: cut short, not UTF-8, an array, an HTML page | [`Error::Decode`] |
/// | an envelope `status` that is not a documented outcome | [`Error::Api`] |
///
/// `Display` is safe to log: server text in it (messages, paths, body snippets) has
/// its control characters escaped, and keys and signatures are removed from every
/// field, even when a server echoed them JSON-escaped. Errors of a call say how many
/// attempts were made and how long the call took ([`Error::attempts`],
/// [`Error::elapsed`]).
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The client configuration is unusable (missing key, bad base URL, ...).
    Config {
        /// What is wrong. A base URL is quoted without its userinfo (`user:password@`).
        message: String,
    },

    /// The request failed validation; nothing was sent.
    Validation {
        /// Endpoint id.
        endpoint: &'static str,
        /// Every bad field, in parameter order.
        problems: Vec<FieldError>,
    },

    /// No complete HTTP response arrived: connection, timeout (the attempt's or the
    /// call's deadline), body read failure, or a request that could not be sent.
    Transport {
        /// Endpoint id.
        endpoint: &'static str,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// What failed.
        kind: TransportKind,
        /// Whether sending the same request again cannot cause a duplicate effect:
        /// true exactly when the request is a GET or never left the client
        /// ([`TransportKind::Connect`], [`TransportKind::NotSent`]).
        retry_safe: bool,
        /// Attempts made, including retries.
        attempts: u32,
        /// Time from the start of the call to this error: every attempt and backoff.
        elapsed: Duration,
        /// The underlying failure.
        message: String,
    },

    /// The response body exceeded [`crate::Config::max_body_bytes`]; reading stopped there.
    BodyTooLarge {
        /// Endpoint id.
        endpoint: &'static str,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// HTTP status of the response.
        http_status: u16,
        /// The configured limit in bytes.
        limit: usize,
        /// Attempts made, including retries.
        attempts: u32,
        /// Time from the start of the call to this error.
        elapsed: Duration,
    },

    /// The server answered with a non-2xx HTTP status.
    Http {
        /// Endpoint id.
        endpoint: &'static str,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// HTTP status code.
        status: u16,
        /// The envelope's `message`, when the body carried one (secrets removed).
        message: Option<String>,
        /// The response body (secrets removed).
        body: String,
        /// Attempts made, including retries (0 for [`crate::decode_response`]).
        attempts: u32,
        /// Time from the start of the call to this error.
        elapsed: Duration,
        /// The wait the server asked for in `Retry-After`, if it sent one. A GET is
        /// retried after it only when the call's deadline leaves time.
        retry_after: Option<Duration>,
    },

    /// The response could not be read as the documented JSON (including a body that
    /// is not UTF-8, not a JSON object, or cut short).
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
        /// The response body, lossily decoded as UTF-8 (secrets removed).
        body: String,
        /// Attempts made, including retries (0 for [`crate::decode_response`]).
        attempts: u32,
        /// Time from the start of the call to this error.
        elapsed: Duration,
    },

    /// A webhook body Eko delivered could not be read as the documented payload.
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

    /// Eko refused the call: a documented refusal, or a non-zero `status` the
    /// endpoint's docs do not list. Returned by [`crate::Client::send`] and
    /// [`crate::Outcome::into_result`]; the typed outcome of [`crate::Client::call`]
    /// has these as variants instead.
    Api {
        /// Endpoint id.
        endpoint: &'static str,
        /// The documented refusal this is, when the endpoint's docs list it.
        outcome: Option<&'static crate::OutcomeMeta>,
        /// The `client_ref_id` sent, if any.
        client_ref_id: Option<String>,
        /// Envelope `status`.
        status: i64,
        /// Envelope `message` (secrets removed).
        message: String,
        /// Envelope `response_status_id`.
        response_status_id: Option<i64>,
        /// Envelope `response_type_id`.
        response_type_id: Option<i64>,
        /// Envelope `invalid_params`: field → server's message (non-text values as JSON).
        invalid_params: BTreeMap<String, String>,
        /// The envelope's `data`, as sent (secrets removed).
        data: serde_json::Value,
        /// HTTP status of the response.
        http_status: u16,
        /// The response body (secrets removed).
        body: String,
        /// Attempts made, including retries (0 for [`crate::decode_response`]).
        attempts: u32,
        /// Time from the start of the call to this error.
        elapsed: Duration,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config { message } => {
                write!(f, "invalid configuration: {}", printable(message))
            }
            Error::Validation { endpoint, problems } => write!(
                f,
                "{endpoint}: invalid request, nothing was sent: {}",
                list_fields(problems)
            ),
            Error::Transport {
                endpoint,
                client_ref_id,
                kind,
                retry_safe,
                attempts,
                elapsed,
                message,
            } => write!(
                f,
                "{endpoint}: {kind} after {}: {}{}",
                attempts_in(*attempts, *elapsed),
                printable(message),
                retry_advice(*retry_safe, client_ref_id.as_deref())
            ),
            Error::BodyTooLarge {
                endpoint,
                client_ref_id,
                http_status,
                limit,
                attempts,
                elapsed,
            } => write!(
                f,
                "{endpoint}: response body larger than the {limit}-byte limit (HTTP {http_status}){}{}",
                ref_note(client_ref_id.as_deref()),
                call_note(*attempts, *elapsed)
            ),
            Error::Http {
                endpoint,
                client_ref_id,
                status,
                message,
                body,
                attempts,
                elapsed,
                retry_after,
            } => write!(
                f,
                "{endpoint}: HTTP {status}{}{}{}{}{}; body: {}",
                http_hint(*status),
                message
                    .as_deref()
                    .map(|message| format!(": {}", printable(message)))
                    .unwrap_or_default(),
                retry_after
                    .map(|wait| format!(" (Retry-After {})", human(wait)))
                    .unwrap_or_default(),
                ref_note(client_ref_id.as_deref()),
                call_note(*attempts, *elapsed),
                snippet(body)
            ),
            Error::Decode {
                endpoint,
                client_ref_id,
                http_status,
                path,
                message,
                body,
                attempts,
                elapsed,
            } => write!(
                f,
                "{endpoint}: could not decode the HTTP {http_status} response at `{}`: {}{}{}; body: {}",
                printable(path),
                printable(message),
                ref_note(client_ref_id.as_deref()),
                call_note(*attempts, *elapsed),
                snippet(body)
            ),
            Error::Webhook {
                webhook,
                path,
                message,
                body,
            } => write!(
                f,
                "{webhook}: could not decode the webhook payload at `{}`: {}; body: {}",
                printable(path),
                printable(message),
                snippet(body)
            ),
            Error::Api {
                endpoint,
                client_ref_id,
                status,
                message,
                response_status_id,
                response_type_id,
                invalid_params,
                attempts,
                elapsed,
                outcome,
                ..
            } => write!(
                f,
                "{endpoint}: {}Eko status {status}{}{}: {}{}{}{}",
                outcome.map_or(String::new(), |outcome| format!(
                    "documented refusal `{}`, ",
                    outcome.name
                )),
                id_note("response_type_id", *response_type_id),
                id_note("response_status_id", *response_status_id),
                printable(message),
                list_invalid(invalid_params),
                ref_note(client_ref_id.as_deref()),
                call_note(*attempts, *elapsed)
            ),
        }
    }
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
        write!(
            f,
            "`{}` {}",
            printable(&self.field),
            printable(&self.problem)
        )
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
    /// The request could not be built or handed to the network (e.g. a URL or header
    /// the HTTP stack refuses): nothing left the client, and sending it again
    /// unchanged would fail the same way, so it is never retried.
    NotSent,
}

impl TransportKind {
    /// Whether the request certainly never left the client.
    pub fn never_sent(self) -> bool {
        matches!(self, TransportKind::Connect | TransportKind::NotSent)
    }
}

impl fmt::Display for TransportKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportKind::Connect => "connection failed",
            TransportKind::Timeout => "timed out",
            TransportKind::Body => "response body interrupted",
            TransportKind::Other => "request failed",
            TransportKind::NotSent => "request not sent",
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

    /// How many HTTP attempts the call made, when it got as far as sending.
    pub fn attempts(&self) -> Option<u32> {
        match self {
            Error::Transport { attempts, .. }
            | Error::BodyTooLarge { attempts, .. }
            | Error::Http { attempts, .. }
            | Error::Decode { attempts, .. }
            | Error::Api { attempts, .. } => Some(*attempts),
            _ => None,
        }
    }

    /// How long the call took until this error, every attempt and backoff included.
    pub fn elapsed(&self) -> Option<Duration> {
        match self {
            Error::Transport { elapsed, .. }
            | Error::BodyTooLarge { elapsed, .. }
            | Error::Http { elapsed, .. }
            | Error::Decode { elapsed, .. }
            | Error::Api { elapsed, .. } => Some(*elapsed),
            _ => None,
        }
    }

    /// Removes every secret `redactor` knows from every text the error holds.
    pub(crate) fn redact(&mut self, redactor: &Redactor) {
        match self {
            Error::Config { message } => redactor.string(message),
            Error::Validation { problems, .. } => {
                for problem in problems {
                    redactor.string(&mut problem.field);
                    redactor.string(&mut problem.problem);
                }
            }
            Error::Transport { message, .. } => redactor.string(message),
            Error::BodyTooLarge { .. } => {}
            Error::Http { message, body, .. } => {
                if let Some(message) = message {
                    redactor.string(message);
                }
                redactor.string(body);
            }
            Error::Decode {
                path,
                message,
                body,
                ..
            }
            | Error::Webhook {
                path,
                message,
                body,
                ..
            } => {
                redactor.string(path);
                redactor.string(message);
                redactor.string(body);
            }
            Error::Api {
                message,
                invalid_params,
                data,
                body,
                ..
            } => {
                redactor.string(message);
                *invalid_params = std::mem::take(invalid_params)
                    .into_iter()
                    .map(|(field, text)| {
                        (
                            redactor.text(&field).into_owned(),
                            redactor.text(&text).into_owned(),
                        )
                    })
                    .collect();
                redactor.value(data);
                redactor.string(body);
            }
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
        .map(|(field, message)| format!("`{}`: {}", printable(field), printable(message)))
        .collect();
    format!(" (invalid_params: {})", fields.join("; "))
}

fn id_note(name: &str, id: Option<i64>) -> String {
    id.map(|id| format!(", {name} {id}")).unwrap_or_default()
}

fn ref_note(client_ref_id: Option<&str>) -> String {
    client_ref_id
        .map(|id| format!(" [client_ref_id {}]", printable(id)))
        .unwrap_or_default()
}

/// ` (2 attempts in 1.204 s)`; nothing when no call was made.
fn call_note(attempts: u32, elapsed: Duration) -> String {
    if attempts == 0 {
        return String::new();
    }
    format!(" ({})", attempts_in(attempts, elapsed))
}

fn attempts_in(attempts: u32, elapsed: Duration) -> String {
    let plural = if attempts == 1 { "" } else { "s" };
    format!("{attempts} attempt{plural} in {}", human(elapsed))
}

/// A duration as people read it: `850 ms`, `2.004 s`.
pub(crate) fn human(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else {
        format!("{:.3} s", duration.as_secs_f64())
    }
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
            attempts: 2,
            elapsed: Duration::from_millis(2_004),
            message: "operation timed out".into(),
        };
        let shown = error.to_string();
        assert!(
            shown.contains("timed out") && shown.contains("REF1") && shown.contains("NOT safe"),
            "{shown}"
        );
        assert!(shown.contains("after 2 attempts in 2.004 s"), "{shown}");
        assert_eq!(error.attempts(), Some(2));
        assert_eq!(error.elapsed(), Some(Duration::from_millis(2_004)));
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
            elapsed: Duration::from_millis(12),
            retry_after: None,
        };
        let shown = error.to_string();
        assert!(shown.contains("secret-key-timestamp"), "{shown}");
        assert!(shown.contains("(1 attempt in 12 ms)"), "{shown}");
        assert_eq!(error.http_status(), Some(403));
    }

    #[test]
    fn server_text_cannot_break_a_line() {
        let forged = "ok\r\n2026-01-01 INFO payment settled\u{1b}[2J\u{202e}";
        let errors = [
            Error::Api {
                endpoint: "onboard-user",
                outcome: None,
                client_ref_id: Some("REF\n1".into()),
                status: 1,
                message: forged.into(),
                response_status_id: None,
                response_type_id: None,
                invalid_params: BTreeMap::from([(forged.to_owned(), forged.to_owned())]),
                data: serde_json::Value::Null,
                http_status: 200,
                body: forged.into(),
                attempts: 1,
                elapsed: Duration::ZERO,
            },
            Error::Http {
                endpoint: "onboard-user",
                client_ref_id: None,
                status: 502,
                message: Some(forged.into()),
                body: forged.into(),
                attempts: 1,
                elapsed: Duration::ZERO,
                retry_after: Some(Duration::from_secs(3)),
            },
            Error::Decode {
                endpoint: "onboard-user",
                client_ref_id: None,
                http_status: 200,
                path: forged.into(),
                message: forged.into(),
                body: forged.into(),
                attempts: 0,
                elapsed: Duration::ZERO,
            },
            Error::Transport {
                endpoint: "onboard-user",
                client_ref_id: None,
                kind: TransportKind::Other,
                retry_safe: false,
                attempts: 1,
                elapsed: Duration::ZERO,
                message: forged.into(),
            },
            Error::Webhook {
                webhook: "callback",
                path: forged.into(),
                message: forged.into(),
                body: forged.into(),
            },
            Error::Config {
                message: forged.into(),
            },
            Error::Validation {
                endpoint: "onboard-user",
                problems: vec![FieldError {
                    field: forged.into(),
                    problem: forged.into(),
                }],
            },
        ];
        for error in errors {
            let shown = error.to_string();
            assert!(
                !shown.contains(['\r', '\n', '\u{1b}', '\u{202e}']),
                "{shown:?}"
            );
            assert!(shown.contains("ok\\r\\n2026"), "{shown}");
        }
    }
}
