//! Client configuration: where to call, as whom, and how patiently.

use crate::clock::{Clock, SystemClock};
use crate::{Error, RetryPolicy, Secret};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

pub use crate::generated::environments::{PRODUCTION_BASE_URL, STAGING_BASE_URL};

/// Default limit on a response body: far above any documented payload, small
/// enough that a misbehaving server cannot exhaust memory.
pub const DEFAULT_MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Which deployment of the API to call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Environment {
    /// Eko's UAT environment (works with the public sandbox credentials).
    Staging,
    /// The live environment.
    Production,
    /// Any other base URL, e.g. a local mock server. Endpoint paths are appended to it.
    Custom(String),
}

impl Environment {
    /// The base URL that endpoint paths are appended to, without a trailing `/`.
    pub fn base_url(&self) -> &str {
        match self {
            Environment::Staging => STAGING_BASE_URL,
            Environment::Production => PRODUCTION_BASE_URL,
            Environment::Custom(url) => url.trim_end_matches('/'),
        }
    }
}

/// Everything a [`crate::Client`] needs.
///
/// Build one with [`Config::new`] (or [`Config::from_env`]) and adjust the public
/// fields or chain the `with_*` methods. The keys are [`Secret`]s, so printing a
/// configuration never shows them.
#[derive(Clone)]
#[non_exhaustive]
pub struct Config {
    /// Where to send calls.
    pub environment: Environment,
    /// The static `developer_key` header value.
    pub developer_key: Secret,
    /// The access key that signs each request; never sent itself.
    pub access_key: Secret,
    /// Registered mobile number of the API user, sent as `initiator_id`.
    pub initiator_id: String,
    /// Limit for establishing a connection.
    pub connect_timeout: Duration,
    /// Limit for one attempt, from sending to the last byte of the response.
    pub timeout: Duration,
    /// The `user-agent` header.
    pub user_agent: String,
    /// Retries of GET calls.
    pub retry: RetryPolicy,
    /// Largest response body read; a longer one is an error.
    pub max_body_bytes: usize,
    /// Source of signing timestamps (and of the time part of generated `client_ref_id`s).
    pub clock: Arc<dyn Clock>,
}

impl Config {
    /// A configuration with default timeouts (connect 10 s, total 30 s), retry
    /// policy, body limit and the system clock.
    pub fn new(
        environment: Environment,
        developer_key: impl Into<Secret>,
        access_key: impl Into<Secret>,
        initiator_id: impl Into<String>,
    ) -> Self {
        Config {
            environment,
            developer_key: developer_key.into(),
            access_key: access_key.into(),
            initiator_id: initiator_id.into(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            user_agent: concat!("eko-api-rust/", env!("CARGO_PKG_VERSION")).to_owned(),
            retry: RetryPolicy::default(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            clock: Arc::new(SystemClock),
        }
    }

    /// Reads the configuration from the process environment; see [`Config::from_lookup`].
    pub fn from_env() -> Result<Self, Error> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration from named variables:
    ///
    /// - `EKO_BASE_URL` (any base URL), or else `EKO_ENV` = `staging` (default) or `production`;
    /// - `EKO_DEVELOPER_KEY`, `EKO_ACCESS_KEY`, `EKO_INITIATOR_ID` (required);
    /// - `EKO_TIMEOUT_MS` (optional total timeout per attempt, in milliseconds).
    ///
    /// Missing or malformed variables are an [`Error::Config`] naming the variable.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let read = |name: &str| lookup(name).filter(|value| !value.trim().is_empty());
        let require =
            |name: &str| read(name).ok_or_else(|| Error::config(format!("{name} is not set")));

        let environment = match (read("EKO_BASE_URL"), read("EKO_ENV")) {
            (Some(url), _) => Environment::Custom(url.trim().to_owned()),
            (None, None) => Environment::Staging,
            (None, Some(name)) => match name.trim().to_ascii_lowercase().as_str() {
                "staging" | "uat" | "sandbox" => Environment::Staging,
                "production" | "prod" | "live" => Environment::Production,
                _ => {
                    return Err(Error::config(format!(
                        "EKO_ENV must be `staging` or `production`, not `{}`",
                        name.trim()
                    )));
                }
            },
        };
        let developer_key = Secret::new(require("EKO_DEVELOPER_KEY")?.trim());
        let access_key = Secret::new(require("EKO_ACCESS_KEY")?.trim());
        let initiator_id = require("EKO_INITIATOR_ID")?.trim().to_owned();
        let mut config = Config::new(environment, developer_key, access_key, initiator_id);
        if let Some(text) = read("EKO_TIMEOUT_MS") {
            let millis = text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|millis| *millis > 0)
                .ok_or_else(|| {
                    Error::config(format!(
                        "EKO_TIMEOUT_MS must be a positive whole number of milliseconds, not `{}`",
                        text.trim()
                    ))
                })?;
            config.timeout = Duration::from_millis(millis);
        }
        Ok(config)
    }

    /// Sets [`Config::timeout`].
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets [`Config::connect_timeout`].
    pub fn with_connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets [`Config::user_agent`].
    pub fn with_user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// Sets [`Config::retry`].
    pub fn with_retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// Sets [`Config::max_body_bytes`].
    pub fn with_max_body_bytes(mut self, limit: usize) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Sets [`Config::clock`].
    pub fn with_clock(mut self, clock: impl Clock) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Checks what can be checked without a network: keys present, a usable base
    /// URL, non-zero limits.
    pub(crate) fn check(&self) -> Result<url::Url, Error> {
        let mut missing = Vec::new();
        if self.developer_key.is_blank() {
            missing.push("developer_key");
        }
        if self.access_key.is_blank() {
            missing.push("access_key");
        }
        if self.initiator_id.trim().is_empty() {
            missing.push("initiator_id");
        }
        if !missing.is_empty() {
            return Err(Error::config(format!("missing {}", missing.join(", "))));
        }
        if self.timeout.is_zero() || self.connect_timeout.is_zero() {
            return Err(Error::config("timeouts must be greater than zero"));
        }
        if self.max_body_bytes == 0 {
            return Err(Error::config("max_body_bytes must be greater than zero"));
        }
        let base = self.environment.base_url();
        let url = url::Url::parse(base)
            .map_err(|error| Error::config(format!("base URL `{base}` is not a URL: {error}")))?;
        if !matches!(url.scheme(), "http" | "https") || !url.has_host() {
            return Err(Error::config(format!(
                "base URL `{base}` must be an http or https URL with a host"
            )));
        }
        if url.query().is_some()
            || url.fragment().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return Err(Error::config(format!(
                "base URL `{base}` must not carry credentials, a query or a fragment"
            )));
        }
        Ok(url)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("environment", &self.environment)
            .field("base_url", &self.environment.base_url())
            .field("developer_key", &self.developer_key)
            .field("access_key", &self.access_key)
            .field("initiator_id", &self.initiator_id)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("user_agent", &self.user_agent)
            .field("retry", &self.retry)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.get(name).cloned()
    }

    const KEYS: [(&str, &str); 3] = [
        ("EKO_DEVELOPER_KEY", "becbbce45f79c6f5109f848acd540567"),
        ("EKO_ACCESS_KEY", "d2fe1d99-6298-4af2-8cc5-d97dcf46df30"),
        ("EKO_INITIATOR_ID", "9962981729"),
    ];

    #[test]
    fn reads_variables_with_staging_as_default() {
        let config = Config::from_lookup(lookup(&KEYS)).unwrap();
        assert_eq!(config.environment, Environment::Staging);
        assert_eq!(
            config.developer_key.expose(),
            "becbbce45f79c6f5109f848acd540567"
        );
        assert_eq!(config.initiator_id, "9962981729");
        assert_eq!(config.timeout, Duration::from_secs(30));
        assert!(config.check().is_ok());
    }

    #[test]
    fn base_url_wins_over_env_name_and_timeout_is_read() {
        let mut vars = KEYS.to_vec();
        vars.extend([
            ("EKO_BASE_URL", "http://127.0.0.1:9/v3/"),
            ("EKO_ENV", "production"),
            ("EKO_TIMEOUT_MS", "1500"),
        ]);
        let config = Config::from_lookup(lookup(&vars)).unwrap();
        assert_eq!(config.environment.base_url(), "http://127.0.0.1:9/v3");
        assert_eq!(config.timeout, Duration::from_millis(1500));
        let mut vars = KEYS.to_vec();
        vars.push(("EKO_ENV", "Production"));
        assert_eq!(
            Config::from_lookup(lookup(&vars)).unwrap().environment,
            Environment::Production
        );
    }

    #[test]
    fn bad_variables_are_named() {
        let error = Config::from_lookup(lookup(&KEYS[..2])).unwrap_err();
        assert!(error.to_string().contains("EKO_INITIATOR_ID"), "{error}");
        let mut vars = KEYS.to_vec();
        vars.push(("EKO_ENV", "moon"));
        assert!(
            Config::from_lookup(lookup(&vars))
                .unwrap_err()
                .to_string()
                .contains("EKO_ENV")
        );
        let mut vars = KEYS.to_vec();
        vars.push(("EKO_TIMEOUT_MS", "soon"));
        assert!(
            Config::from_lookup(lookup(&vars))
                .unwrap_err()
                .to_string()
                .contains("EKO_TIMEOUT_MS")
        );
    }

    #[test]
    fn check_rejects_unusable_settings() {
        let base = || Config::new(Environment::Staging, "dev", "access", "9962981729");
        assert!(base().check().is_ok());
        assert!(
            Config::new(Environment::Staging, "", "access", "9962981729")
                .check()
                .is_err()
        );
        assert!(base().with_timeout(Duration::ZERO).check().is_err());
        for url in [
            "not a url",
            "ftp://host/v3",
            "http://host/v3?x=1",
            "http://user:pw@host/v3",
        ] {
            let config = Config {
                environment: Environment::Custom(url.into()),
                ..base()
            };
            assert!(config.check().is_err(), "{url}");
        }
    }

    #[test]
    fn debug_hides_keys() {
        let config = Config::new(
            Environment::Staging,
            "becbbce45f79c6f5109f848acd540567",
            "d2fe1d99-6298",
            "9962981729",
        );
        let shown = format!("{config:?}");
        assert!(
            !shown.contains("becbbce4") && !shown.contains("d2fe1d99"),
            "{shown}"
        );
        assert!(shown.contains("9962981729"));
    }
}
