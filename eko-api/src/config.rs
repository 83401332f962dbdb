//! Client configuration: where to call, as whom, and how patiently.

use crate::clock::{Clock, SystemClock};
use crate::{Error, RetryPolicy, Secret};
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

pub use crate::generated::environments::{PRODUCTION_BASE_URL, STAGING_BASE_URL};

/// Default limit on a response body: far above any documented payload, small
/// enough that a misbehaving server cannot exhaust memory.
pub const DEFAULT_MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// Which deployment of the API to call.
///
/// `Debug` shows a custom base URL without any userinfo (`user:password@`).
#[derive(Clone, PartialEq, Eq)]
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

impl fmt::Debug for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Environment::Staging => f.write_str("Staging"),
            Environment::Production => f.write_str("Production"),
            Environment::Custom(url) => f
                .debug_tuple("Custom")
                .field(&without_userinfo(url))
                .finish(),
        }
    }
}

/// `url` without the `user:password@` part of its authority, if it has one. Works on
/// text that does not parse as a URL too, since that is when it gets quoted in errors.
pub(crate) fn without_userinfo(url: &str) -> Cow<'_, str> {
    let authority_start = url.find("://").map_or(0, |scheme_end| scheme_end + 3);
    let rest = &url[authority_start..];
    let authority_len = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_len].rfind('@') {
        Some(at) => Cow::Owned(format!("{}{}", &url[..authority_start], &rest[at + 1..])),
        None => Cow::Borrowed(url),
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
    /// Limit for one attempt, from sending to the last byte of the response; also the
    /// limit for a whole call while [`Config::deadline`] is `None`.
    pub timeout: Duration,
    /// Limit for a whole call: every attempt, backoff, `Retry-After` wait and body
    /// read. `None` (the default) means [`Config::timeout`], so a call never takes
    /// longer than the timeout, whatever its retries. Set it above the timeout to let
    /// a GET retry after an attempt timed out. [`crate::CallOptions`] overrides it
    /// for one call.
    pub deadline: Option<Duration>,
    /// The `user-agent` header.
    pub user_agent: String,
    /// Retries of GET calls.
    pub retry: RetryPolicy,
    /// Largest response body read; a longer one is an error.
    pub max_body_bytes: usize,
    /// Source of signing timestamps (and of the time part of generated `client_ref_id`s).
    pub clock: Arc<dyn Clock>,
}

/// A key of its own type, so that `Config::new` cannot take the two keys swapped.
macro_rules! key_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone)]
        pub struct $name(Secret);

        impl $name {
            /// Wraps the key.
            pub fn new(key: impl Into<String>) -> Self {
                $name(Secret::new(key))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}([redacted])", stringify!($name))
            }
        }
    };
}

key_type!(
    /// The developer key Eko issues (sent as the `developer_key` header); never shown.
    DeveloperKey
);
key_type!(
    /// The access key Eko issues (signs every request; never sent or shown).
    AccessKey
);

impl Config {
    /// A configuration with default timeouts (connect 10 s, 30 s per attempt and per
    /// call), retry policy, body limit and the system clock.
    ///
    /// The two keys have types of their own, so they cannot be passed in each
    /// other's place:
    ///
    /// ```compile_fail
    /// use eko_api::{AccessKey, Config, DeveloperKey, Environment};
    /// let developer_key = DeveloperKey::new("becbbce45f79c6f5109f848acd540567");
    /// let access_key = AccessKey::new("d2fe1d99-6298-4af2-8cc5-d97dcf46df30");
    /// // Swapped: does not compile.
    /// let config = Config::new(Environment::Staging, access_key, developer_key, "9962981729");
    /// ```
    pub fn new(
        environment: Environment,
        developer_key: DeveloperKey,
        access_key: AccessKey,
        initiator_id: impl Into<String>,
    ) -> Self {
        Config {
            environment,
            developer_key: developer_key.0,
            access_key: access_key.0,
            initiator_id: initiator_id.into(),
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(30),
            deadline: None,
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
    /// - `EKO_TIMEOUT_MS` (optional [`Config::timeout`], in milliseconds);
    /// - `EKO_DEADLINE_MS` (optional [`Config::deadline`], in milliseconds).
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
        let developer_key = DeveloperKey::new(require("EKO_DEVELOPER_KEY")?.trim());
        let access_key = AccessKey::new(require("EKO_ACCESS_KEY")?.trim());
        let initiator_id = require("EKO_INITIATOR_ID")?.trim().to_owned();
        let mut config = Config::new(environment, developer_key, access_key, initiator_id);
        let millis = |name: &str| -> Result<Option<Duration>, Error> {
            let Some(text) = read(name) else {
                return Ok(None);
            };
            let millis = text
                .trim()
                .parse::<u64>()
                .ok()
                .filter(|millis| *millis > 0)
                .ok_or_else(|| {
                    Error::config(format!(
                        "{name} must be a positive whole number of milliseconds, not `{}`",
                        text.trim()
                    ))
                })?;
            Ok(Some(Duration::from_millis(millis)))
        };
        if let Some(timeout) = millis("EKO_TIMEOUT_MS")? {
            config.timeout = timeout;
        }
        config.deadline = millis("EKO_DEADLINE_MS")?;
        Ok(config)
    }

    /// Sets [`Config::timeout`].
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets [`Config::deadline`]: no call takes longer than `deadline`, retries included.
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The limit for a whole call: [`Config::deadline`], or else [`Config::timeout`].
    pub fn call_deadline(&self) -> Duration {
        self.deadline.unwrap_or(self.timeout)
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

    /// Checks what can be checked without a network: keys present and sendable, a
    /// usable base URL, non-zero limits. Messages quote no key and no URL userinfo.
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
        if reqwest::header::HeaderValue::from_str(self.developer_key.expose()).is_err() {
            return Err(Error::config(
                "developer_key cannot be sent as an HTTP header value (it holds a line break \
                 or another control character)",
            ));
        }
        if self.timeout.is_zero()
            || self.connect_timeout.is_zero()
            || self.deadline.is_some_and(|deadline| deadline.is_zero())
        {
            return Err(Error::config(
                "timeouts and deadlines must be greater than zero",
            ));
        }
        if self.max_body_bytes == 0 {
            return Err(Error::config("max_body_bytes must be greater than zero"));
        }
        let base = without_userinfo(self.environment.base_url());
        let url = url::Url::parse(self.environment.base_url())
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
                "base URL `{base}` must not carry credentials (user:password@), a query or a fragment"
            )));
        }
        Ok(url)
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("environment", &self.environment)
            .field("base_url", &without_userinfo(self.environment.base_url()))
            .field("developer_key", &self.developer_key)
            .field("access_key", &self.access_key)
            .field("initiator_id", &self.initiator_id)
            .field("connect_timeout", &self.connect_timeout)
            .field("timeout", &self.timeout)
            .field("deadline", &self.deadline)
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
        let base = || {
            Config::new(
                Environment::Staging,
                DeveloperKey::new("dev"),
                AccessKey::new("access"),
                "9962981729",
            )
        };
        assert!(base().check().is_ok());
        assert!(
            Config::new(
                Environment::Staging,
                DeveloperKey::new(""),
                AccessKey::new("access"),
                "9962981729"
            )
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
            DeveloperKey::new("becbbce45f79c6f5109f848acd540567"),
            AccessKey::new("d2fe1d99-6298"),
            "9962981729",
        );
        let shown = format!("{config:?}");
        assert!(
            !shown.contains("becbbce4") && !shown.contains("d2fe1d99"),
            "{shown}"
        );
        assert!(shown.contains("9962981729"));
    }

    #[test]
    fn errors_and_debug_drop_base_url_userinfo() {
        let base = || {
            Config::new(
                Environment::Staging,
                DeveloperKey::new("dev"),
                AccessKey::new("access"),
                "9962981729",
            )
        };
        for url in [
            "https://eko-user:hunter2-pw@api.example.com/v3",
            "https://eko-user:hunter2-pw@api.example.com:bad/v3",
            "eko-user:hunter2-pw@api.example.com/v3",
            "ftp://eko-user:hunter2-pw@api.example.com",
        ] {
            let config = Config {
                environment: Environment::Custom(url.into()),
                ..base()
            };
            let error = config.check().unwrap_err();
            let shown = format!("{error} {error:?} {config:?} {:?}", config.environment);
            assert!(
                !shown.contains("hunter2") && !shown.contains("eko-user"),
                "{shown}"
            );
            assert!(shown.contains("api.example.com"), "{shown}");
        }
        assert_eq!(without_userinfo("http://h/p@q"), "http://h/p@q");
        assert_eq!(without_userinfo("http://u@h:1/x?y@z"), "http://h:1/x?y@z");
    }

    #[test]
    fn unsendable_developer_key_and_zero_deadline_are_config_errors() {
        let base = || {
            Config::new(
                Environment::Staging,
                DeveloperKey::new("dev"),
                AccessKey::new("access"),
                "9962981729",
            )
        };
        let config = Config::new(
            Environment::Staging,
            DeveloperKey::new("becbbce45f79\nX-Injected: 1"),
            AccessKey::new("access"),
            "9962981729",
        );
        let error = config.check().unwrap_err();
        assert!(error.to_string().contains("developer_key"), "{error}");
        assert!(!error.to_string().contains("becbbce45f79"), "{error}");
        assert!(base().with_deadline(Duration::ZERO).check().is_err());
        assert_eq!(base().call_deadline(), Duration::from_secs(30));
        assert_eq!(
            base().with_timeout(Duration::from_secs(2)).call_deadline(),
            Duration::from_secs(2)
        );
        assert_eq!(
            base()
                .with_timeout(Duration::from_secs(2))
                .with_deadline(Duration::from_secs(7))
                .call_deadline(),
            Duration::from_secs(7)
        );
        let mut vars = KEYS.to_vec();
        vars.push(("EKO_DEADLINE_MS", "2500"));
        let config = Config::from_lookup(lookup(&vars)).unwrap();
        assert_eq!(config.deadline, Some(Duration::from_millis(2500)));
        let mut vars = KEYS.to_vec();
        vars.push(("EKO_DEADLINE_MS", "0"));
        assert!(
            Config::from_lookup(lookup(&vars))
                .unwrap_err()
                .to_string()
                .contains("EKO_DEADLINE_MS")
        );
    }
}
