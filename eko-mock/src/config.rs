//! What the mock accepts: credentials, clock tolerance, base path, state and
//! connection limits; and where it sends transaction status callbacks.

use std::fmt;
use std::time::Duration;

/// Eko's public sandbox `developer_key`; the mock accepts it by default.
pub const SANDBOX_DEVELOPER_KEY: &str = "becbbce45f79c6f5109f848acd540567";
/// Eko's public sandbox access key (the secret behind `secret-key`).
pub const SANDBOX_ACCESS_KEY: &str = "d2fe1d99-6298-4af2-8cc5-d97dcf46df30";
/// Eko's public sandbox `initiator_id`.
pub const SANDBOX_INITIATOR_ID: &str = "9962981729";
/// The OTP the mock accepts on Verify Customer OTP: the value the docs use in their example.
pub const TEST_OTP: &str = "123456";

/// Configuration of a mock server.
///
/// `Default` gives the public sandbox credentials, a 5-minute timestamp window, the
/// staging base path `/ekoapi/v3`, room for 10 000 entries per state table, no
/// callback address, status callbacks to loopback receivers only, and on a socket
/// ([`crate::MockServer`]) a 10-second header timeout, a 30-second request timeout
/// and at most 1024 connections at once.
#[derive(Clone, PartialEq, Eq)]
pub struct MockConfig {
    /// The only `developer_key` header value accepted.
    pub developer_key: String,
    /// The access key `secret-key` signatures must be made with.
    pub access_key: String,
    /// The only `initiator_id` accepted; any other is a business error.
    pub initiator_id: String,
    /// How far `secret-key-timestamp` may be from the server's clock, either way.
    pub timestamp_window: Duration,
    /// Path prefix every endpoint is served under, e.g. `/ekoapi/v3`.
    pub base_path: String,
    /// Maximum entries in each state table (users, customers, OTP sessions); the
    /// oldest entry is evicted when a table is full.
    pub state_capacity: usize,
    /// The OTP Verify Customer OTP accepts; every other OTP is rejected.
    pub test_otp: String,
    /// Whether transaction status callbacks may go to hosts other than loopback
    /// (127.0.0.0/8, `::1`, `localhost`). Off by default, so that a mock fed with
    /// someone else's URL never becomes a way to make requests elsewhere; a refused
    /// URL is recorded as such (see [`crate::DeliveryOutcome::Refused`]).
    pub allow_remote_callbacks: bool,
    /// Where transaction status callbacks go, e.g. `http://127.0.0.1:9000/eko/callback`
    /// (the binary's `--callback-url`). `None` sends none, except to a `user_code` that
    /// registered its own URL with the deprecated Setup Callback URL, which takes
    /// precedence for that `user_code`'s transactions.
    ///
    /// Eko's docs no longer document Setup Callback URL, so a client that follows them
    /// has no call that sets an address: the mock takes it from its configuration
    /// instead. It is subject to the same rules as a registered URL: see
    /// [`MockConfig::check_callback_url`].
    pub callback_url: Option<String>,
    /// How long a connection may take to deliver a request's head (request line and
    /// headers), counted from when the mock starts waiting for it. A connection that
    /// has not sent a complete head by then is closed: one that trickles its head byte
    /// by byte, one that never says anything, and one kept alive but left idle after
    /// its last answer (the wait for the next request is a wait for a head).
    pub header_read_timeout: Duration,
    /// How long one request may take once its head has arrived: reading its body and
    /// answering. A body that stops arriving is answered HTTP 408 and its connection
    /// closed.
    pub request_timeout: Duration,
    /// How many connections the mock serves at once (at least 1). Further connections
    /// wait, unaccepted, until one closes; together with the timeouts this bounds
    /// what idle or slow clients can hold.
    pub max_connections: usize,
}

impl Default for MockConfig {
    fn default() -> Self {
        MockConfig {
            developer_key: SANDBOX_DEVELOPER_KEY.to_owned(),
            access_key: SANDBOX_ACCESS_KEY.to_owned(),
            initiator_id: SANDBOX_INITIATOR_ID.to_owned(),
            timestamp_window: Duration::from_secs(5 * 60),
            base_path: "/ekoapi/v3".to_owned(),
            state_capacity: 10_000,
            test_otp: TEST_OTP.to_owned(),
            allow_remote_callbacks: false,
            callback_url: None,
            header_read_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_connections: 1024,
        }
    }
}

/// Keys are redacted: configs end up in test failure output and logs.
impl fmt::Debug for MockConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MockConfig")
            .field("developer_key", &"<redacted>")
            .field("access_key", &"<redacted>")
            .field("initiator_id", &self.initiator_id)
            .field("timestamp_window", &self.timestamp_window)
            .field("base_path", &self.base_path)
            .field("state_capacity", &self.state_capacity)
            .field("test_otp", &self.test_otp)
            .field("allow_remote_callbacks", &self.allow_remote_callbacks)
            .field("callback_url", &self.callback_url)
            .field("header_read_timeout", &self.header_read_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("max_connections", &self.max_connections)
            .finish()
    }
}

impl MockConfig {
    /// Whether the mock would contact [`callback_url`](MockConfig::callback_url): `Ok`
    /// when it is unset or a plain `http` URL on a loopback host (any host with
    /// [`allow_remote_callbacks`](MockConfig::allow_remote_callbacks)), else why not.
    ///
    /// A mock still starts with a URL it would refuse, and records every callback to it
    /// as [refused](crate::DeliveryOutcome::Refused) without making a request; the
    /// binary refuses to start instead, since nobody would look at the record.
    pub fn check_callback_url(&self) -> Result<(), String> {
        match &self.callback_url {
            None => Ok(()),
            Some(url) => crate::callback_url::allowed(url, self.allow_remote_callbacks)
                .map(drop)
                .map_err(|refusal| refusal.reason()),
        }
    }

    /// The base path without a trailing slash (`""` when endpoints sit at the root).
    pub(crate) fn normalized_base_path(&self) -> String {
        let trimmed = self.base_path.trim_end_matches('/');
        if trimmed.is_empty() || trimmed.starts_with('/') {
            trimmed.to_owned()
        } else {
            format!("/{trimmed}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_keys() {
        let text = format!("{:?}", MockConfig::default());
        assert!(!text.contains(SANDBOX_ACCESS_KEY));
        assert!(!text.contains(SANDBOX_DEVELOPER_KEY));
        assert!(text.contains(SANDBOX_INITIATOR_ID));
    }

    #[test]
    fn the_callback_url_follows_the_delivery_rules() {
        let mut config = MockConfig::default();
        assert_eq!(config.check_callback_url(), Ok(()));
        config.callback_url = Some("http://127.0.0.1:9000/eko/callback".into());
        assert_eq!(config.check_callback_url(), Ok(()));
        config.callback_url = Some("http://203.0.113.1/hook".into());
        assert!(
            config
                .check_callback_url()
                .is_err_and(|why| why.contains("loopback"))
        );
        config.allow_remote_callbacks = true;
        assert_eq!(config.check_callback_url(), Ok(()));
        config.callback_url = Some("https://127.0.0.1/hook".into());
        assert!(
            config
                .check_callback_url()
                .is_err_and(|why| why.contains("https"))
        );
        assert!(format!("{config:?}").contains("https://127.0.0.1/hook"));
    }

    #[test]
    fn base_path_is_normalized() {
        let mut config = MockConfig::default();
        assert_eq!(config.normalized_base_path(), "/ekoapi/v3");
        config.base_path = "ekoapi/v3/".into();
        assert_eq!(config.normalized_base_path(), "/ekoapi/v3");
        config.base_path = "/".into();
        assert_eq!(config.normalized_base_path(), "");
    }
}
