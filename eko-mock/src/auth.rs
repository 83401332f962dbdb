//! Header authentication, checked the way Eko checks it: the signing check.
//!
//! A header that is present but not UTF-8 text is a malformed request (HTTP 400 naming
//! the header), not a wrong key: nothing about the keys can be said of bytes that are
//! not text.
//!
//! This is a second, independent implementation of the signing scheme (the client's
//! lives in `eko-api`): if both agreed on a mistake, tests against the mock would pass
//! while real calls fail, so the mock never borrows the client's code.

use crate::MockConfig;
use axum::http::{HeaderMap, StatusCode};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;
use std::time::{SystemTime, UNIX_EPOCH};

/// Header carrying the static developer key.
pub const DEVELOPER_KEY_HEADER: &str = "developer_key";
/// Header carrying the per-request signature.
pub const SECRET_KEY_HEADER: &str = "secret-key";
/// Header carrying the signing time in milliseconds since the UNIX epoch.
pub const TIMESTAMP_HEADER: &str = "secret-key-timestamp";

/// The `secret-key` for `timestamp_ms`: base64 of HMAC-SHA256 keyed with the base64
/// text of the access key, over the decimal timestamp.
///
/// Public so that tests and clients speaking raw HTTP to the mock can sign requests.
pub fn sign(access_key: &str, timestamp_ms: &str) -> String {
    STANDARD.encode(mac(access_key, timestamp_ms).finalize().into_bytes())
}

fn mac(access_key: &str, timestamp_ms: &str) -> Hmac<Sha256> {
    let key = STANDARD.encode(access_key);
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(timestamp_ms.as_bytes());
    mac
}

/// Milliseconds since the UNIX epoch by the server's clock.
pub fn now_ms() -> u128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis())
        .unwrap_or(0)
}

/// Why a request was refused: HTTP 400 for a header that is not text, else 403.
/// Messages never contain the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AuthFailure {
    /// The named header's value is not UTF-8.
    NotText(&'static str),
    MissingDeveloperKey,
    UnknownDeveloperKey,
    MissingTimestamp,
    MalformedTimestamp,
    StaleTimestamp,
    MissingSignature,
    WrongSignature,
}

impl AuthFailure {
    /// The HTTP status to refuse with.
    pub(crate) fn status(self) -> StatusCode {
        match self {
            AuthFailure::NotText(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::FORBIDDEN,
        }
    }

    pub(crate) fn message(self) -> String {
        let text = match self {
            AuthFailure::NotText(header) => {
                return format!("the {header} header is not valid UTF-8 text");
            }
            AuthFailure::MissingDeveloperKey => {
                "authentication failed: the developer_key header is missing"
            }
            AuthFailure::UnknownDeveloperKey => "authentication failed: unknown developer_key",
            AuthFailure::MissingTimestamp => {
                "authentication failed: the secret-key-timestamp header is missing"
            }
            AuthFailure::MalformedTimestamp => {
                "authentication failed: secret-key-timestamp must be milliseconds since the UNIX epoch"
            }
            AuthFailure::StaleTimestamp => {
                "authentication failed: secret-key-timestamp is too far from the server's clock"
            }
            AuthFailure::MissingSignature => {
                "authentication failed: the secret-key header is missing"
            }
            AuthFailure::WrongSignature => {
                "authentication failed: secret-key does not match the timestamp"
            }
        };
        text.to_owned()
    }
}

/// Checks the three auth headers against `config`, with `now_ms` as the server's clock.
/// A header that is not text is reported before any key is looked at.
pub(crate) fn check(
    headers: &HeaderMap,
    config: &MockConfig,
    now_ms: u128,
) -> Result<(), AuthFailure> {
    let developer_key = header_text(headers, DEVELOPER_KEY_HEADER)?;
    let timestamp = header_text(headers, TIMESTAMP_HEADER)?;
    let signature = header_text(headers, SECRET_KEY_HEADER)?;

    let developer_key = developer_key.ok_or(AuthFailure::MissingDeveloperKey)?;
    if !constant_time_eq(developer_key.as_bytes(), config.developer_key.as_bytes()) {
        return Err(AuthFailure::UnknownDeveloperKey);
    }
    let timestamp = timestamp.ok_or(AuthFailure::MissingTimestamp)?;
    if timestamp.is_empty()
        || timestamp.len() > 20
        || !timestamp.bytes().all(|byte| byte.is_ascii_digit())
    {
        return Err(AuthFailure::MalformedTimestamp);
    }
    let sent_ms: u128 = timestamp
        .parse()
        .map_err(|_| AuthFailure::MalformedTimestamp)?;
    if sent_ms.abs_diff(now_ms) > config.timestamp_window.as_millis() {
        return Err(AuthFailure::StaleTimestamp);
    }
    let signature = signature.ok_or(AuthFailure::MissingSignature)?;
    let tag = STANDARD
        .decode(signature.trim())
        .map_err(|_| AuthFailure::WrongSignature)?;
    mac(&config.access_key, timestamp)
        .verify_slice(&tag)
        .map_err(|_| AuthFailure::WrongSignature)
}

/// The header's value as trimmed text; `None` when absent, an error when its bytes
/// are not UTF-8.
fn header_text<'a>(
    headers: &'a HeaderMap,
    name: &'static str,
) -> Result<Option<&'a str>, AuthFailure> {
    headers
        .get(name)
        .map(|value| {
            std::str::from_utf8(value.as_bytes())
                .map(str::trim)
                .map_err(|_| AuthFailure::NotText(name))
        })
        .transpose()
}

/// Compares without an early exit, so timing does not reveal how much of a key matched.
fn constant_time_eq(left: &[u8], right: &[u8]) -> bool {
    left.len() == right.len()
        && left
            .iter()
            .zip(right)
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;
    use std::time::Duration;

    #[test]
    fn signs_the_documented_vectors() {
        assert_eq!(
            sign("TEST_ACCESS_KEY_DO_NOT_USE", "1700000000000"),
            "u30ak/iOGwKCaspqCeiYng8fd98QDx7kF3DBBOadQHk="
        );
        assert_eq!(
            sign("f74c50a1-f705-4634-9cda-30a477df91b7", "1516705204593"),
            "MC6dKW278tBef+AuqL/5rW2K3WgOegF0ZHLW/FriZQw="
        );
    }

    fn signed(config: &MockConfig, timestamp: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(
            DEVELOPER_KEY_HEADER,
            HeaderValue::from_str(&config.developer_key).unwrap(),
        );
        headers.insert(TIMESTAMP_HEADER, HeaderValue::from_str(timestamp).unwrap());
        headers.insert(
            SECRET_KEY_HEADER,
            HeaderValue::from_str(&sign(&config.access_key, timestamp)).unwrap(),
        );
        headers
    }

    #[test]
    fn accepts_a_fresh_signature() {
        let config = MockConfig::default();
        assert_eq!(
            check(
                &signed(&config, "1700000000000"),
                &config,
                1_700_000_000_000
            ),
            Ok(())
        );
    }

    #[test]
    fn window_is_inclusive_both_ways() {
        let config = MockConfig {
            timestamp_window: Duration::from_secs(1),
            ..MockConfig::default()
        };
        let headers = signed(&config, "1700000000000");
        assert_eq!(check(&headers, &config, 1_700_000_001_000), Ok(()));
        assert_eq!(check(&headers, &config, 1_699_999_999_000), Ok(()));
        assert_eq!(
            check(&headers, &config, 1_700_000_001_001),
            Err(AuthFailure::StaleTimestamp)
        );
        assert_eq!(
            check(&headers, &config, 1_699_999_998_999),
            Err(AuthFailure::StaleTimestamp)
        );
    }

    #[test]
    fn rejects_each_broken_header() {
        let config = MockConfig::default();
        let now = 1_700_000_000_000;
        let good = signed(&config, "1700000000000");

        let mut headers = good.clone();
        headers.remove(DEVELOPER_KEY_HEADER);
        assert_eq!(
            check(&headers, &config, now),
            Err(AuthFailure::MissingDeveloperKey)
        );

        let mut headers = good.clone();
        headers.insert(
            DEVELOPER_KEY_HEADER,
            HeaderValue::from_static("someone-else"),
        );
        assert_eq!(
            check(&headers, &config, now),
            Err(AuthFailure::UnknownDeveloperKey)
        );

        let mut headers = good.clone();
        headers.insert(TIMESTAMP_HEADER, HeaderValue::from_static("17e11"));
        assert_eq!(
            check(&headers, &config, now),
            Err(AuthFailure::MalformedTimestamp)
        );

        let mut headers = good.clone();
        headers.insert(TIMESTAMP_HEADER, HeaderValue::from_static("1700000000001"));
        assert_eq!(
            check(&headers, &config, now),
            Err(AuthFailure::WrongSignature)
        );

        let mut headers = good.clone();
        headers.insert(SECRET_KEY_HEADER, HeaderValue::from_static("not base64!"));
        assert_eq!(
            check(&headers, &config, now),
            Err(AuthFailure::WrongSignature)
        );

        let mut headers = good;
        headers.remove(SECRET_KEY_HEADER);
        assert_eq!(
            check(&headers, &config, now),
            Err(AuthFailure::MissingSignature)
        );
    }

    #[test]
    fn a_header_that_is_not_text_is_named_whatever_else_is_wrong() {
        let config = MockConfig::default();
        let now = 1_700_000_000_000;
        for name in [DEVELOPER_KEY_HEADER, TIMESTAMP_HEADER, SECRET_KEY_HEADER] {
            let mut headers = signed(&config, "1700000000000");
            headers.insert(name, HeaderValue::from_bytes(b"\xff\xfe").unwrap());
            let failure = check(&headers, &config, now).unwrap_err();
            assert_eq!(failure, AuthFailure::NotText(name));
            assert_eq!(failure.status(), StatusCode::BAD_REQUEST);
            assert!(failure.message().contains(name));
        }
        // Even next to an unknown key: the request is malformed before it is unauthorized.
        let mut headers = signed(&config, "1700000000000");
        headers.insert(
            DEVELOPER_KEY_HEADER,
            HeaderValue::from_static("someone-else"),
        );
        headers.insert(SECRET_KEY_HEADER, HeaderValue::from_bytes(b"\xc3").unwrap());
        assert_eq!(
            check(&headers, &config, now),
            Err(AuthFailure::NotText(SECRET_KEY_HEADER))
        );
        // UTF-8 that is not ASCII is text: a wrong key, not a malformed one.
        let mut headers = signed(&config, "1700000000000");
        headers.insert(
            DEVELOPER_KEY_HEADER,
            HeaderValue::from_bytes("clé".as_bytes()).unwrap(),
        );
        assert_eq!(
            check(&headers, &config, now),
            Err(AuthFailure::UnknownDeveloperKey)
        );
        assert_eq!(
            AuthFailure::UnknownDeveloperKey.status(),
            StatusCode::FORBIDDEN
        );
    }

    #[test]
    fn a_signature_made_with_another_key_fails() {
        let config = MockConfig::default();
        let mut headers = signed(&config, "1700000000000");
        headers.insert(
            SECRET_KEY_HEADER,
            HeaderValue::from_str(&sign("other-key", "1700000000000")).unwrap(),
        );
        assert_eq!(
            check(&headers, &config, 1_700_000_000_000),
            Err(AuthFailure::WrongSignature)
        );
    }
}
