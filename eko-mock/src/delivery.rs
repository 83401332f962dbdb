//! Sending status callbacks, and keeping the record of each one up to date.
//!
//! A callback is recorded (in [`crate::state`]) the moment it becomes due, before the
//! transaction's answer leaves the mock, so that a test can tell right after a call
//! whether one is on its way. Sending happens in a background task: up to
//! [`CALLBACK_ATTEMPTS`] signed POSTs with a short, doubling pause between them while
//! the receiver is unreachable or answers other than 2xx, each given
//! [`CALLBACK_TIMEOUT`].
//!
//! Delivery knows nothing of the request that made a callback due: it is handed a
//! [`Due`] and the mock's store, and signs with the configured keys.

use crate::MockConfig;
use crate::auth::{DEVELOPER_KEY_HEADER, SECRET_KEY_HEADER, TIMESTAMP_HEADER, now_ms, sign};
use crate::callback_url;
use crate::state::{Delivery, DeliveryOutcome, Store};
use crate::status_callback::Due;
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;
use tokio::sync::watch;

/// How many times a status callback is tried before it counts as failed.
pub const CALLBACK_ATTEMPTS: u32 = 3;
/// How long one attempt may take, from connecting to reading the answer.
pub const CALLBACK_TIMEOUT: Duration = Duration::from_secs(5);
/// The pause before the second attempt; each later pause doubles it.
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
/// How much of the receiver's answer is kept in the record.
const MAX_ACKNOWLEDGEMENT: usize = 4 * 1024;

/// What one mock needs to send callbacks: where records go, the keys to sign with,
/// the address policy, an HTTP client made on first use, ids and a count of settled
/// deliveries that waiters can watch.
pub(crate) struct Dispatcher {
    store: Arc<Store>,
    developer_key: String,
    access_key: String,
    allow_remote_callbacks: bool,
    client: OnceLock<Result<reqwest::Client, String>>,
    next_id: AtomicU64,
    settled: watch::Sender<u64>,
}

impl Dispatcher {
    pub(crate) fn new(config: &MockConfig, store: Arc<Store>) -> Dispatcher {
        Dispatcher {
            store,
            developer_key: config.developer_key.clone(),
            access_key: config.access_key.clone(),
            allow_remote_callbacks: config.allow_remote_callbacks,
            client: OnceLock::new(),
            next_id: AtomicU64::new(0),
            settled: watch::Sender::new(0),
        }
    }

    /// The recorded status callbacks, oldest first.
    pub(crate) fn deliveries(&self) -> Vec<Delivery> {
        self.store.lock().deliveries.values().cloned().collect()
    }

    /// Waits until `count` status callbacks have settled since the mock started, then
    /// returns the record.
    pub(crate) async fn settled_deliveries(&self, count: u64) -> Vec<Delivery> {
        let mut settled = self.settled.subscribe();
        // The sender lives in `self`, so waiting only ends when the count is reached.
        let _ = settled.wait_for(|settled| *settled >= count).await;
        self.deliveries()
    }

    fn settle(&self) {
        self.settled.send_modify(|count| *count += 1);
    }

    fn client(&self) -> Result<&reqwest::Client, &str> {
        self.client
            .get_or_init(|| {
                reqwest::Client::builder()
                    .timeout(CALLBACK_TIMEOUT)
                    // A redirect could lead anywhere, past the loopback check.
                    .redirect(reqwest::redirect::Policy::none())
                    // Callbacks go straight to the receiver, whatever the environment's proxy says.
                    .no_proxy()
                    .user_agent(concat!("eko-mock/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|error| {
                        format!("the HTTP client for callbacks does not build: {error}")
                    })
            })
            .as_ref()
            .map_err(String::as_str)
    }

    /// Records the callback and sends it in the background, or records why it is not
    /// sent.
    pub(crate) fn dispatch(self: &Arc<Self>, due: Due) {
        let id = self.next_id.fetch_add(1, Ordering::Relaxed);
        let checked = callback_url::allowed(&due.url, self.allow_remote_callbacks);
        let runtime = tokio::runtime::Handle::try_current();
        let outcome = match (&checked, &runtime) {
            (Err(refusal), _) => DeliveryOutcome::Refused {
                reason: refusal.reason(),
            },
            (Ok(_), Err(_)) => DeliveryOutcome::Failed {
                status: None,
                error: "no async runtime to send the callback on".to_owned(),
            },
            (Ok(_), Ok(_)) => DeliveryOutcome::Pending,
        };
        tracing::info!(
            id,
            endpoint = %due.endpoint,
            user_code = due.user_code.as_deref().unwrap_or("-"),
            url = %due.url,
            outcome = ?outcome,
            "status callback due"
        );
        let settled = outcome.is_settled();
        self.store.lock().deliveries.insert(
            id,
            Delivery {
                id,
                endpoint: due.endpoint,
                user_code: due.user_code,
                url: due.url,
                payload: due.body.clone(),
                attempts: 0,
                outcome,
            },
        );
        if settled {
            self.settle();
            return;
        }
        if let (Ok(url), Ok(runtime)) = (checked, runtime) {
            let dispatcher = Arc::clone(self);
            runtime.spawn(async move {
                let outcome = dispatcher.send(id, url, &due.body).await;
                tracing::info!(id, outcome = ?outcome, "status callback settled");
                if let Some(delivery) = dispatcher.store.lock().deliveries.get_mut(&id) {
                    delivery.outcome = outcome;
                }
                dispatcher.settle();
            });
        }
    }

    /// Tries the receiver until it acknowledges or the attempts run out.
    async fn send(&self, id: u64, url: reqwest::Url, body: &Value) -> DeliveryOutcome {
        let client = match self.client() {
            Ok(client) => client,
            Err(error) => {
                return DeliveryOutcome::Failed {
                    status: None,
                    error: error.to_owned(),
                };
            }
        };
        let mut pause = FIRST_BACKOFF;
        let mut last = DeliveryOutcome::Failed {
            status: None,
            error: "no attempt was made".to_owned(),
        };
        for attempt in 1..=CALLBACK_ATTEMPTS {
            if attempt > 1 {
                tokio::time::sleep(pause).await;
                pause *= 2;
            }
            // Signed afresh each time, so a retry is not refused as stale.
            let timestamp = now_ms().to_string();
            let sent = client
                .post(url.clone())
                .header(DEVELOPER_KEY_HEADER, &self.developer_key)
                .header(TIMESTAMP_HEADER, &timestamp)
                .header(SECRET_KEY_HEADER, sign(&self.access_key, &timestamp))
                .json(body)
                .send()
                .await;
            if let Some(delivery) = self.store.lock().deliveries.get_mut(&id) {
                delivery.attempts = attempt;
            }
            match sent {
                Ok(response) if response.status().is_success() => {
                    let status = response.status().as_u16();
                    return DeliveryOutcome::Acknowledged {
                        status,
                        body: read_start(response).await,
                    };
                }
                Ok(response) => {
                    let status = response.status().as_u16();
                    last = DeliveryOutcome::Failed {
                        status: Some(status),
                        error: format!("the receiver answered HTTP {status}"),
                    };
                }
                Err(error) => {
                    last = DeliveryOutcome::Failed {
                        status: None,
                        error: describe(&error),
                    };
                }
            }
        }
        last
    }
}

/// The first [`MAX_ACKNOWLEDGEMENT`] bytes of an answer, lossily as text; a receiver
/// cannot make the mock buffer more than that.
async fn read_start(mut response: reqwest::Response) -> String {
    let mut kept = Vec::new();
    while kept.len() < MAX_ACKNOWLEDGEMENT {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = MAX_ACKNOWLEDGEMENT - kept.len();
                kept.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            Ok(None) | Err(_) => break,
        }
    }
    String::from_utf8_lossy(&kept).into_owned()
}

/// An error with its causes, which name what actually failed (refused, timed out...).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
