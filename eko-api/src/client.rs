//! The client: configuration, one connection pool, and the send loop.

use crate::request::PreparedRequest;
use crate::response::Received;
use crate::transport::{AttemptError, RawResponse, Transport};
use crate::{Config, Endpoint, Error, Method, Response, RetryPolicy, build};
use serde::de::DeserializeOwned;
use std::fmt;
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument as _;
use tracing::field::Empty;

/// A signed client for Eko's API. Cheap to clone; clones share one connection pool.
///
/// ```no_run
/// # async fn run() -> Result<(), eko_api::Error> {
/// use eko_api::{Client, Config, Environment};
/// let config = Config::new(Environment::Staging, "developer-key", "access-key", "9962981729");
/// let client = Client::new(config)?;
/// # let _ = client; Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    config: Config,
    base: url::Url,
    transport: Transport,
}

impl Client {
    /// A client for `config`; fails if the configuration is unusable.
    pub fn new(config: Config) -> Result<Self, Error> {
        let base = config.check()?;
        let transport = Transport::new(&config)?;
        Ok(Client {
            inner: Arc::new(Inner {
                config,
                base,
                transport,
            }),
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
        build::prepare(&self.inner.config, &self.inner.base, request)
    }

    /// Prepares and sends `request`; see [`crate::Response`] for what counts as success.
    pub async fn send<E: Endpoint>(&self, request: &E) -> Result<Response<E::Data>, Error> {
        let prepared = self.prepare(request)?;
        self.execute(&prepared).await
    }

    /// Sends a request made by [`Client::prepare`] (of this client), decoding `data` as `D`.
    ///
    /// Each attempt is signed afresh. GET calls are retried on transport failures,
    /// 429 and 5xx as [`Config::retry`] allows; other methods are sent exactly once.
    pub async fn execute<D: DeserializeOwned + Default>(
        &self,
        prepared: &PreparedRequest,
    ) -> Result<Response<D>, Error> {
        let meta = prepared.endpoint();
        let span = tracing::info_span!(
            "eko.call",
            endpoint = meta.id,
            method = meta.method.as_str(),
            path = prepared.path(),
            client_ref_id = prepared.client_ref_id(),
            status = Empty,
            http_status = Empty,
            attempts = Empty,
            duration_ms = Empty,
        );
        let started = Instant::now();
        let result = self.attempts(prepared).instrument(span.clone()).await;
        span.record(
            "duration_ms",
            u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX),
        );
        let _entered = span.enter();
        match &result {
            Ok(response) => {
                span.record("status", response.status);
                span.record("http_status", response.http_status);
                tracing::debug!(message = response.message.as_str(), "eko call succeeded");
            }
            Err(error) => {
                if let Error::Api { status, .. } = error {
                    span.record("status", status);
                }
                if let Some(http_status) = error.http_status() {
                    span.record("http_status", http_status);
                }
                tracing::warn!(error = %error, "eko call failed");
            }
        }
        result
    }

    async fn attempts<D: DeserializeOwned + Default>(
        &self,
        prepared: &PreparedRequest,
    ) -> Result<Response<D>, Error> {
        let config = &self.inner.config;
        let policy = if prepared.method() == Method::Get {
            config.retry
        } else {
            RetryPolicy::none()
        };
        let mut attempt = 0;
        loop {
            attempt += 1;
            let headers = prepared.signed_headers(config, config.clock.now_ms());
            let outcome = self.inner.transport.attempt(prepared, &headers).await;
            let retryable = match &outcome {
                Ok(raw) => RetryPolicy::retries_status(raw.status),
                Err(AttemptError::Transport { .. }) => true,
                Err(AttemptError::TooLarge { .. }) => false,
            };
            if retryable && attempt <= policy.max_retries {
                let delay = policy.backoff(attempt);
                tracing::info!(
                    attempt,
                    delay_ms = delay.as_millis() as u64,
                    "retrying GET after a transient failure"
                );
                tokio::time::sleep(delay).await;
                continue;
            }
            tracing::Span::current().record("attempts", attempt);
            let secrets: Vec<&str> = headers
                .iter()
                .filter(|header| header.sensitive)
                .map(|header| header.value.expose())
                .collect();
            return self.finish(prepared, outcome, attempt, &secrets);
        }
    }

    fn finish<D: DeserializeOwned + Default>(
        &self,
        prepared: &PreparedRequest,
        outcome: Result<RawResponse, AttemptError>,
        attempts: u32,
        sent_secrets: &[&str],
    ) -> Result<Response<D>, Error> {
        let meta = prepared.endpoint();
        let client_ref_id = prepared.client_ref_id().map(str::to_owned);
        match outcome {
            Ok(raw) => {
                let mut secrets = sent_secrets.to_vec();
                secrets.push(self.inner.config.access_key.expose());
                let body = scrub(String::from_utf8_lossy(&raw.body).into_owned(), &secrets);
                Received {
                    meta,
                    client_ref_id: prepared.client_ref_id(),
                    http_status: raw.status,
                    attempts,
                    body,
                }
                .interpret()
            }
            Err(AttemptError::TooLarge { status, limit }) => Err(Error::BodyTooLarge {
                endpoint: meta.id,
                client_ref_id,
                http_status: status,
                limit,
            }),
            Err(AttemptError::Transport { kind, message }) => Err(Error::Transport {
                endpoint: meta.id,
                client_ref_id,
                retry_safe: prepared.method() == Method::Get
                    || kind == crate::TransportKind::Connect,
                kind,
                attempts,
                message,
            }),
        }
    }
}

/// Removes any key or signature a server might echo back before the body is
/// stored in a response or an error.
fn scrub(mut body: String, secrets: &[&str]) -> String {
    for secret in secrets.iter().filter(|secret| secret.len() >= 4) {
        if body.contains(secret) {
            body = body.replace(secret, "[redacted]");
        }
    }
    body
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
    use super::scrub;

    #[test]
    fn scrub_removes_every_occurrence() {
        let body = r#"{"developer_key":"becbbce45f79","echo":"becbbce45f79"}"#.to_owned();
        assert_eq!(
            scrub(body, &["becbbce45f79", ""]),
            r#"{"developer_key":"[redacted]","echo":"[redacted]"}"#
        );
    }
}
