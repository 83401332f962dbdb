//! Sending status callbacks, and the record the mock keeps of each one.
//!
//! A callback is recorded the moment it becomes due, before the transaction's answer
//! leaves the mock, so that a test can tell right after a call whether one is on its
//! way. Sending happens in a background task: up to [`CALLBACK_ATTEMPTS`] signed POSTs
//! with a short, doubling pause between them while the receiver is unreachable or
//! answers other than 2xx, each given [`CALLBACK_TIMEOUT`].

use crate::app::App;
use crate::auth::{DEVELOPER_KEY_HEADER, SECRET_KEY_HEADER, TIMESTAMP_HEADER, now_ms, sign};
use crate::callback_url;
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

/// One status callback the mock owed a receiver: what it sent where, and how it went.
#[derive(Debug, Clone, PartialEq)]
pub struct Delivery {
    /// Sequence number within the mock, from 0; later callbacks have larger ids.
    pub id: u64,
    /// The endpoint id of the transaction that made the callback due.
    pub endpoint: String,
    /// The caller's `user_code`, when the transaction takes one.
    pub user_code: Option<String>,
    /// Where the callback went: the `user_code`'s URL if it registered one with the
    /// deprecated Setup Callback URL, else [`crate::MockConfig::callback_url`].
    pub url: String,
    /// The JSON body sent (or that would have been sent): `{"data": {...}}`.
    pub payload: Value,
    /// HTTP requests made so far (0 when the URL was refused).
    pub attempts: u32,
    /// Where the delivery stands.
    pub outcome: DeliveryOutcome,
}

/// How a status callback went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeliveryOutcome {
    /// Still being tried.
    Pending,
    /// The receiver answered 2xx.
    Acknowledged {
        /// The receiver's HTTP status.
        status: u16,
        /// The start of the receiver's answer, as text.
        body: String,
    },
    /// Every attempt failed; this is the last attempt's failure.
    Failed {
        /// The receiver's HTTP status, when it answered at all.
        status: Option<u16>,
        /// What went wrong.
        error: String,
    },
    /// Not sent: the URL is not one the mock contacts (not plain http, not loopback
    /// while remote callbacks are off, or not a URL). No request was made.
    Refused {
        /// Why not.
        reason: String,
    },
}

impl DeliveryOutcome {
    /// Whether the delivery is over, one way or another.
    pub fn is_settled(&self) -> bool {
        !matches!(self, DeliveryOutcome::Pending)
    }
}

/// What one mock needs to send callbacks: an HTTP client, made on first use, ids and a
/// count of settled deliveries that waiters can watch.
pub(crate) struct Dispatcher {
    client: OnceLock<Result<reqwest::Client, String>>,
    next_id: AtomicU64,
    settled: watch::Sender<u64>,
}

impl Dispatcher {
    pub(crate) fn new() -> Dispatcher {
        Dispatcher {
            client: OnceLock::new(),
            next_id: AtomicU64::new(0),
            settled: watch::Sender::new(0),
        }
    }

    /// Watches how many deliveries have settled since the mock started.
    pub(crate) fn settled(&self) -> watch::Receiver<u64> {
        self.settled.subscribe()
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
}

/// Records the callback and sends it in the background, or records why it is not sent.
pub(crate) fn dispatch(app: &Arc<App>, due: Due) {
    let id = app.dispatcher.next_id.fetch_add(1, Ordering::Relaxed);
    let checked = callback_url::allowed(&due.url, app.config.allow_remote_callbacks);
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
    app.state().deliveries.insert(
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
        app.dispatcher.settle();
        return;
    }
    if let (Ok(url), Ok(runtime)) = (checked, runtime) {
        let app = Arc::clone(app);
        runtime.spawn(async move {
            let outcome = send(&app, id, url, &due.body).await;
            tracing::info!(id, outcome = ?outcome, "status callback settled");
            if let Some(delivery) = app.state().deliveries.get_mut(&id) {
                delivery.outcome = outcome;
            }
            app.dispatcher.settle();
        });
    }
}

/// Tries the receiver until it acknowledges or the attempts run out.
async fn send(app: &App, id: u64, url: reqwest::Url, body: &Value) -> DeliveryOutcome {
    let client = match app.dispatcher.client() {
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
            .header(DEVELOPER_KEY_HEADER, &app.config.developer_key)
            .header(TIMESTAMP_HEADER, &timestamp)
            .header(SECRET_KEY_HEADER, sign(&app.config.access_key, &timestamp))
            .json(body)
            .send()
            .await;
        if let Some(delivery) = app.state().deliveries.get_mut(&id) {
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
