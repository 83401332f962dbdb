//! The client: configuration, one connection pool, and the send loop.
//!
//! A call has one deadline ([`Config::call_deadline`] or [`CallOptions::deadline`]),
//! counted from the start of [`Client::execute_with`]: each attempt is bounded by
//! the attempt timeout and by what is left of it, and a GET is retried only when
//! the wait before the retry ends before it.

use crate::error::{FieldError, human};
use crate::redact::{Redactor, printable};
use crate::request::PreparedRequest;
use crate::response::Received;
use crate::signing::Signer;
use crate::transport::{AttemptError, RawResponse, Transport};
use crate::{
    Config, Endpoint, Error, Method, Outcome, Response, RetryPolicy, TransportKind, build,
};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use reqwest::header::{HeaderName, HeaderValue};
use serde::de::DeserializeOwned;
use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};
use tokio::time::Instant;
use tracing::Instrument as _;
use tracing::field::Empty;

/// A signed client for Eko's API. Cheap to clone; clones share one connection pool.
///
/// ```no_run
/// # async fn run() -> Result<(), eko_api::Error> {
/// use eko_api::{Client, Config, Environment};
/// use eko_api::{AccessKey, DeveloperKey};
/// let config = Config::new(
///     Environment::Staging,
///     DeveloperKey::new("developer-key"),
///     AccessKey::new("access-key"),
///     "9962981729",
/// );
/// let client = Client::new(config)?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// What every call of a client shares, computed once: the checked base URL, the
/// keyed signer, the lowered secrets to scrub from answers, the connection pool.
struct Inner {
    config: Config,
    /// The checked base URL's text, without a trailing slash.
    base: String,
    signer: Signer,
    secrets: Redactor<'static>,
    transport: Transport,
}

impl Inner {
    fn new(config: Config, base: &url::Url) -> Result<Self, Error> {
        let transport = Transport::new(&config)?;
        let secrets = Redactor::new([
            config.developer_key.expose(),
            config.access_key.expose(),
            STANDARD.encode(config.access_key.expose()).as_str(),
        ]);
        Ok(Inner {
            base: base.as_str().trim_end_matches('/').to_owned(),
            signer: Signer::new(&config.access_key),
            secrets,
            transport,
            config,
        })
    }
}

impl Client {
    /// A client for `config`; fails if the configuration is unusable.
    pub fn new(config: Config) -> Result<Self, Error> {
        let base = config.check()?;
        Ok(Client {
            inner: Arc::new(Inner::new(config, &base)?),
        })
    }

    /// A client configured from `EKO_*` environment variables (see [`Config::from_lookup`]).
    pub fn from_env() -> Result<Self, Error> {
        Client::new(Config::from_env()?)
    }

    /// The configuration the client was built with.
    pub fn config(&self) -> &Config {
        &self.inner.config
    }

    /// Validates, completes and signs `request` without sending it.
    pub fn prepare<E: Endpoint>(&self, request: &E) -> Result<PreparedRequest, Error> {
        let config = &self.inner.config;
        let mut prepared = build::prepare(config, &self.inner.base, request)?;
        prepared.timestamp_ms = config.clock.now_ms();
        let signing = prepared.sign(&self.inner.signer, prepared.timestamp_ms);
        prepared.headers = prepared.signed_headers(&config.developer_key, &signing);
        Ok(prepared)
    }

    /// Prepares and sends `request`, applying the success rule: a documented success
    /// or next step (or an unlisted `status` 0) is a [`Response`]; a documented refusal
    /// or another `status` is an [`Error::Api`]. [`Client::call`] gives the typed
    /// outcome instead.
    ///
    /// The call is bounded by [`Config::call_deadline`]; [`Client::send_with`] sets
    /// another limit for one call.
    pub async fn send<E: Endpoint>(&self, request: &E) -> Result<Response<E::Data>, Error> {
        self.send_with(request, CallOptions::default()).await
    }

    /// [`Client::send`] with per-call options, e.g. a deadline of its own:
    ///
    /// ```no_run
    /// # #[cfg(feature = "customer")]
    /// # async fn call(client: eko_api::Client, request: eko_api::customer::OnboardCustomerRequest) {
    /// use eko_api::CallOptions;
    /// use std::time::Duration;
    /// let options = CallOptions::new().with_deadline(Duration::from_secs(5));
    /// let result = client.send_with(&request, options).await;
    /// # let _ = result; }
    /// ```
    pub async fn send_with<E: Endpoint>(
        &self,
        request: &E,
        options: CallOptions,
    ) -> Result<Response<E::Data>, Error> {
        // Unsigned: each attempt signs it (`Client::prepare` signs for inspection).
        let prepared = build::prepare(&self.inner.config, &self.inner.base, request)?;
        self.execute_with(&prepared, options).await
    }

    /// Prepares and sends `request`, and gives its typed outcome: the variant of the
    /// documented outcome Eko answered with, or `Other` for one the docs do not list.
    /// Every generated endpoint method calls this.
    ///
    /// ```no_run
    /// # #[cfg(feature = "customer")]
    /// # async fn run(client: eko_api::Client) -> Result<(), eko_api::Error> {
    /// use eko_api::customer::{OnboardCustomerOutcome, OnboardCustomerRequest};
    /// use eko_api::{Date, Mobile};
    /// let request = OnboardCustomerRequest::new(
    ///     Mobile::new("9444444444"),
    ///     "Karan Garg",
    ///     Date::constant(1990, 5, 15),
    ///     vec![],
    /// );
    /// match client.call(&request).await? {
    ///     OnboardCustomerOutcome::ValidateTheOtp(response) => {
    ///         let _otp_ref_id = response.data.otp_ref_id;
    ///     }
    ///     other => println!("not documented for this call: {other:?}"),
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn call<E: Endpoint>(&self, request: &E) -> Result<E::Outcome, Error> {
        self.call_with(request, CallOptions::default()).await
    }

    /// [`Client::call`] with per-call options.
    pub async fn call_with<E: Endpoint>(
        &self,
        request: &E,
        options: CallOptions,
    ) -> Result<E::Outcome, Error> {
        // Unsigned, as in `send_with`: each attempt signs it.
        let prepared = build::prepare(&self.inner.config, &self.inner.base, request)?;
        self.call_prepared(&prepared, options).await
    }

    /// Sends a request made by [`Client::prepare`] (of this client) and gives its
    /// typed outcome `O`, the endpoint's outcome enum (`E::Outcome`), as
    /// [`Client::call_with`] does.
    pub async fn call_prepared<O: Outcome>(
        &self,
        prepared: &PreparedRequest,
        options: CallOptions,
    ) -> Result<O, Error> {
        if O::ENDPOINT.id != prepared.endpoint().id {
            return Err(Error::config(format!(
                "the request was prepared for `{}`, but the outcome asked for is `{}`'s",
                prepared.endpoint().id,
                O::ENDPOINT.id
            )));
        }
        self.run::<Typed<O>>(prepared, options)
            .await
            .map(|typed| typed.0)
    }

    /// Sends a request made by [`Client::prepare`] (of this client), decoding `data` as `D`.
    ///
    /// Each attempt is signed afresh. GET calls are retried on transport failures,
    /// 429 and 5xx as [`Config::retry`] allows, after the backoff or the server's
    /// `Retry-After` (whichever is longer), as long as the call's deadline leaves
    /// time; other methods are sent exactly once, whatever the answer.
    pub async fn execute<D: DeserializeOwned + Default>(
        &self,
        prepared: &PreparedRequest,
    ) -> Result<Response<D>, Error> {
        self.execute_with(prepared, CallOptions::default()).await
    }

    /// [`Client::execute`] with per-call options.
    pub async fn execute_with<D: DeserializeOwned + Default>(
        &self,
        prepared: &PreparedRequest,
        options: CallOptions,
    ) -> Result<Response<D>, Error> {
        self.run::<Response<D>>(prepared, options).await
    }

    async fn run<A: Answer>(
        &self,
        prepared: &PreparedRequest,
        options: CallOptions,
    ) -> Result<A, Error> {
        let started = Instant::now();
        let meta = prepared.endpoint();
        let extra = extra_headers(meta.id, &options.headers)?;
        // The macro reads these values only when a subscriber wants the span.
        let span = tracing::info_span!(
            "eko.call",
            endpoint = meta.id,
            method = meta.method.as_str(),
            path = meta.path,
            client_ref_id = prepared.client_ref_id(),
            status = Empty,
            http_status = Empty,
            attempts = Empty,
            duration_ms = Empty,
        );
        if span.is_disabled() {
            // No subscriber listens: no instrumentation, no events.
            return self
                .attempts::<A>(prepared, &options, &extra, started)
                .await
                .0;
        }
        let (result, attempts) = self
            .attempts::<A>(prepared, &options, &extra, started)
            .instrument(span.clone())
            .await;
        span.record("attempts", attempts);
        span.record(
            "duration_ms",
            u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        );
        let _entered = span.enter();
        match &result {
            Ok(answer) => {
                let (status, http_status, message) = answer.summary();
                span.record("status", status);
                span.record("http_status", http_status);
                // Server text: escaped, so it cannot forge a log line.
                tracing::debug!(
                    server_message = %printable(message),
                    "eko call answered"
                );
            }
            Err(error) => {
                if let Error::Api { status, .. } = error {
                    span.record("status", status);
                }
                if let Some(http_status) = error.http_status() {
                    span.record("http_status", http_status);
                }
                // `Display` of an error escapes server text and holds no secret.
                tracing::warn!(error = %error, "eko call failed");
            }
        }
        result
    }

    /// The call's attempts, and how many were made.
    async fn attempts<A: Answer>(
        &self,
        prepared: &PreparedRequest,
        options: &CallOptions,
        extra: &[(HeaderName, HeaderValue)],
        started: Instant,
    ) -> (Result<A, Error>, u32) {
        let config = &self.inner.config;
        let budget = options.deadline.unwrap_or_else(|| config.call_deadline());
        if budget.is_zero() {
            return (
                Err(Error::config("a call deadline must be greater than zero")),
                0,
            );
        }
        // `None`: a deadline too far away to represent, i.e. none.
        let deadline = started.checked_add(budget);
        let remaining = || {
            deadline.map_or(Duration::MAX, |deadline| {
                deadline.saturating_duration_since(Instant::now())
            })
        };
        let policy = if prepared.method() == Method::Get {
            config.retry
        } else {
            RetryPolicy::none()
        };
        let mut redactor = Redactor::over(&self.inner.secrets);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let signing = prepared.sign(&self.inner.signer, config.clock.now_ms());
            redactor.extend(signing.secrets());
            let limit = config.timeout.min(remaining());
            let outcome = match tokio::time::timeout(
                limit,
                self.inner.transport.attempt(prepared, &signing, extra),
            )
            .await
            {
                Ok(outcome) => outcome,
                Err(_elapsed) => Err(AttemptError::Transport {
                    kind: TransportKind::Timeout,
                    message: if limit < config.timeout {
                        format!(
                            "no complete response before the call's {} deadline",
                            human(budget)
                        )
                    } else {
                        format!(
                            "no complete response within the {} attempt timeout",
                            human(limit)
                        )
                    },
                }),
            };
            let retryable = match &outcome {
                Ok(raw) => RetryPolicy::retries_status(raw.status),
                Err(AttemptError::Transport { kind, .. }) => *kind != TransportKind::NotSent,
                Err(AttemptError::TooLarge { .. }) => false,
            };
            if retryable && attempt <= policy.max_retries {
                let asked = match &outcome {
                    Ok(raw) => retry_after(raw, config.clock.now_ms()),
                    Err(_) => None,
                };
                let delay = policy.backoff(attempt).max(asked.unwrap_or_default());
                if delay < remaining() {
                    tracing::info!(
                        attempt,
                        delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                        "retrying GET after a transient failure"
                    );
                    tokio::time::sleep(delay).await;
                    continue;
                }
                tracing::info!(
                    attempt,
                    delay_ms = u64::try_from(delay.as_millis()).unwrap_or(u64::MAX),
                    "not retrying: the wait would pass the call's deadline"
                );
            }
            let result = self.finish(prepared, outcome, attempt, started.elapsed(), &redactor);
            return (result, attempt);
        }
    }

    fn finish<A: Answer>(
        &self,
        prepared: &PreparedRequest,
        outcome: Result<RawResponse, AttemptError>,
        attempts: u32,
        elapsed: Duration,
        redactor: &Redactor<'_>,
    ) -> Result<A, Error> {
        let meta = prepared.endpoint();
        let client_ref_id = || prepared.client_ref_id().map(str::to_owned);
        let result = match outcome {
            Ok(raw) => {
                // The clock is read only for an answer that may carry a wait.
                let retry_after = (RetryPolicy::retries_status(raw.status)
                    && raw.retry_after.is_some())
                .then(|| retry_after(&raw, self.inner.config.clock.now_ms()))
                .flatten();
                let content_type = raw
                    .content_type
                    .as_ref()
                    .and_then(|value| value.to_str().ok());
                // The body becomes text in place, without a copy, unless it is not UTF-8.
                let (body, invalid_utf8_at) = match String::from_utf8(raw.body) {
                    Ok(text) => (text, None),
                    Err(error) => (
                        String::from_utf8_lossy(error.as_bytes()).into_owned(),
                        Some(error.utf8_error().valid_up_to()),
                    ),
                };
                // Secrets come out before decoding (here) and, when the body held
                // any, again after (in `Received`).
                let scrubbed = match redactor.text(&body) {
                    Cow::Owned(clean) => Some(clean),
                    Cow::Borrowed(_) => None,
                };
                A::from_received(Received {
                    meta,
                    client_ref_id: prepared.client_ref_id(),
                    http_status: raw.status,
                    attempts,
                    elapsed,
                    had_secrets: scrubbed.is_some(),
                    body: scrubbed.unwrap_or(body),
                    invalid_utf8_at,
                    content_type,
                    retry_after,
                    redactor,
                })
            }
            Err(AttemptError::TooLarge { status, limit }) => Err(Error::BodyTooLarge {
                endpoint: meta.id,
                client_ref_id: client_ref_id(),
                http_status: status,
                limit,
                attempts,
                elapsed,
            }),
            Err(AttemptError::Transport { kind, message }) => Err(Error::Transport {
                endpoint: meta.id,
                client_ref_id: client_ref_id(),
                retry_safe: prepared.method() == Method::Get || kind.never_sent(),
                kind,
                attempts,
                elapsed,
                message,
            }),
        };
        result.map_err(|mut error| {
            error.redact(redactor);
            error
        })
    }
}

/// What a call gives back: a [`Response`] under the success rule, or a typed outcome.
trait Answer: Sized {
    fn from_received(received: Received<'_>) -> Result<Self, Error>;
    /// `status`, HTTP status and `message`, for the call's span and log.
    fn summary(&self) -> (i64, u16, &str);
}

impl<D: DeserializeOwned + Default> Answer for Response<D> {
    fn from_received(received: Received<'_>) -> Result<Self, Error> {
        received.interpret()
    }

    fn summary(&self) -> (i64, u16, &str) {
        (self.status, self.http_status, &self.message)
    }
}

/// A typed outcome, wrapped so that it and [`Response`] can both be an [`Answer`].
struct Typed<O>(O);

impl<O: Outcome> Answer for Typed<O> {
    fn from_received(received: Received<'_>) -> Result<Self, Error> {
        received.classify().map(Typed)
    }

    fn summary(&self) -> (i64, u16, &str) {
        (self.0.status(), self.0.http_status(), self.0.message())
    }
}

/// Options for one call, overriding the client's [`Config`] for that call only.
///
/// ```
/// use eko_api::CallOptions;
/// use std::time::Duration;
/// let options = CallOptions::new().with_deadline(Duration::from_millis(2_500));
/// assert_eq!(options.deadline, Some(Duration::from_millis(2_500)));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallOptions {
    /// Limit for the whole call — every attempt, backoff, `Retry-After` wait and
    /// body read — instead of [`Config::call_deadline`]. Must be greater than zero.
    pub deadline: Option<Duration>,
    /// Extra request headers, sent with every attempt: for a proxy, a trace id, or a
    /// mock server's outcome selection. They may not replace the signing headers or
    /// the body's framing (`developer_key`, `secret-key`, `secret-key-timestamp`,
    /// `request_hash`, `content-type`, `content-length`, `host`, ...); a name or value
    /// that cannot be sent is an [`Error::Validation`] before anything is sent.
    pub headers: Vec<(String, String)>,
}

impl CallOptions {
    /// Options that change nothing: the client's configuration applies.
    pub fn new() -> Self {
        CallOptions::default()
    }

    /// Sets [`CallOptions::deadline`].
    pub fn with_deadline(mut self, deadline: Duration) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// Adds a header to [`CallOptions::headers`].
    ///
    /// ```
    /// use eko_api::CallOptions;
    /// let options = CallOptions::new().with_header("x-request-id", "run-42");
    /// assert_eq!(options.headers, [("x-request-id".to_owned(), "run-42".to_owned())]);
    /// ```
    pub fn with_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// Headers a caller may not set: the signature, and what the HTTP stack derives from
/// the request itself.
const RESERVED_HEADERS: [&str; 9] = [
    crate::signing::DEVELOPER_KEY_HEADER,
    crate::signing::SECRET_KEY_HEADER,
    crate::signing::TIMESTAMP_HEADER,
    crate::signing::REQUEST_HASH_HEADER,
    "content-type",
    "content-length",
    "transfer-encoding",
    "host",
    "connection",
];

/// [`CallOptions::headers`] as header values, or the validation error naming each bad one.
fn extra_headers(
    endpoint: &'static str,
    headers: &[(String, String)],
) -> Result<Vec<(HeaderName, HeaderValue)>, Error> {
    let mut problems = Vec::new();
    let mut extra = Vec::with_capacity(headers.len());
    for (name, value) in headers {
        let field = format!("header {}", printable(name));
        let Ok(header_name) = HeaderName::from_bytes(name.as_bytes()) else {
            problems.push(FieldError {
                field,
                problem: "is not a valid header name".to_owned(),
            });
            continue;
        };
        if RESERVED_HEADERS.contains(&header_name.as_str()) {
            problems.push(FieldError {
                field,
                problem: "is set by the client itself".to_owned(),
            });
            continue;
        }
        match HeaderValue::from_str(value) {
            Ok(header_value) => extra.push((header_name, header_value)),
            Err(_) => problems.push(FieldError {
                field,
                problem: "has a value that is not valid header text".to_owned(),
            }),
        }
    }
    if problems.is_empty() {
        Ok(extra)
    } else {
        Err(Error::Validation { endpoint, problems })
    }
}

/// The wait a response asks for in `Retry-After`: delay-seconds or an HTTP date
/// (read against the configured clock). Only 429 and 5xx answers are retried, so
/// only theirs counts.
fn retry_after(raw: &RawResponse, now_ms: u64) -> Option<Duration> {
    if !RetryPolicy::retries_status(raw.status) {
        return None;
    }
    let value = raw.retry_after.as_deref()?.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        // Too many digits for a u64 is still a (very long) wait.
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    let when_ms = when.duration_since(UNIX_EPOCH).ok()?.as_millis();
    let wait_ms = u64::try_from(when_ms.saturating_sub(u128::from(now_ms))).unwrap_or(u64::MAX);
    Some(Duration::from_millis(wait_ms))
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("config", &self.inner.config)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{BodyEncoding, EndpointMeta, Environment, Secret};
    use serde_json::Value;

    #[derive(serde::Serialize)]
    struct Ping<const GET: bool> {}

    impl<const GET: bool> Endpoint for Ping<GET> {
        type Data = serde_json::Value;
        type Outcome = crate::IndexedOutcome<Self>;
        const META: &'static EndpointMeta = &EndpointMeta {
            id: "ping",
            name: "Ping",
            method: if GET { Method::Get } else { Method::Post },
            path: "/ping",
            body: BodyEncoding::Json,
            params: &[],
            outcomes: &[],
            request_hash: &[],
            sensitive: &[],
        };
    }

    /// Nothing listens on port 9 of loopback, but nothing must get that far either.
    fn unchecked_client(config: Config) -> Client {
        let base = url::Url::parse(config.environment.base_url()).unwrap();
        Client {
            inner: Arc::new(Inner::new(config, &base).unwrap()),
        }
    }

    fn config() -> Config {
        Config::new(
            Environment::Custom("http://127.0.0.1:9".into()),
            crate::DeveloperKey::new("developer-key"),
            crate::AccessKey::new("access-key"),
            "9962981729",
        )
        .with_retry(RetryPolicy::with_max_retries(3).with_backoff(Duration::ZERO, Duration::ZERO))
    }

    /// Requests the HTTP stack refuses are reported as never sent, safe to retry,
    /// and not retried (they would fail the same way), GET or not. `Client::new`
    /// and `prepare` catch the known causes first; this is the net below them.
    #[tokio::test]
    async fn requests_refused_before_sending_are_never_sent_and_not_retried() {
        let client = unchecked_client(config());
        let mut prepared = client.prepare(&Ping::<true> {}).unwrap();
        prepared.url = format!("http://127.0.0.1:9/ping?q={}", "a".repeat(70_000));
        let error = client.execute::<Value>(&prepared).await.unwrap_err();
        let shown = error.to_string();
        assert!(
            matches!(
                error,
                Error::Transport {
                    kind: TransportKind::NotSent,
                    retry_safe: true,
                    attempts: 1,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(shown.contains("safe to retry"), "{shown}");

        let mut config = config();
        config.developer_key = Secret::new("developer-key\r\nX-Injected: 1");
        let client = unchecked_client(config);
        let error = client.send(&Ping::<false> {}).await.unwrap_err();
        assert!(
            matches!(
                error,
                Error::Transport {
                    kind: TransportKind::NotSent,
                    retry_safe: true,
                    attempts: 1,
                    ..
                }
            ),
            "{error:?}"
        );
        assert!(!error.to_string().contains("X-Injected"), "{error}");
    }

    fn raw(status: u16, retry_after: &str) -> RawResponse {
        RawResponse {
            status,
            content_type: None,
            retry_after: Some(retry_after.to_owned()),
            body: Vec::new(),
        }
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now_ms = 1_700_000_000_000;
        assert_eq!(
            retry_after(&raw(429, " 3 "), now_ms),
            Some(Duration::from_secs(3))
        );
        // 1_700_000_000 s is Tue, 14 Nov 2023 22:13:20 GMT.
        assert_eq!(
            retry_after(&raw(503, "Tue, 14 Nov 2023 22:13:25 GMT"), now_ms),
            Some(Duration::from_secs(5))
        );
        assert_eq!(
            retry_after(&raw(503, "Tue, 14 Nov 2023 22:13:00 GMT"), now_ms),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after(&raw(503, "soon"), now_ms), None);
        assert_eq!(retry_after(&raw(503, "-1"), now_ms), None);
        assert_eq!(
            retry_after(&raw(503, "99999999999999999999999"), now_ms),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(retry_after(&raw(400, "3"), now_ms), None);
    }
}
