//! A mock listening on a real socket, for clients that speak HTTP: the public handle
//! that starts one, reports on it and stops it.

use crate::MockConfig;
use crate::app::App;
use crate::handler;
use crate::serve::{self, Limits};
use crate::state::Delivery;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running mock server. Dropping it shuts the server down.
pub struct MockServer {
    address: SocketAddr,
    config: MockConfig,
    app: Arc<App>,
    shutdown: Option<oneshot::Sender<()>>,
}

impl MockServer {
    /// Starts a mock on a free port of 127.0.0.1.
    pub async fn start(config: MockConfig) -> io::Result<MockServer> {
        MockServer::start_on(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), config).await
    }

    /// Starts a mock on `address` (port 0 picks a free port).
    pub async fn start_on(address: SocketAddr, config: MockConfig) -> io::Result<MockServer> {
        let listener = TcpListener::bind(address).await?;
        let address = listener.local_addr()?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = Arc::new(App::new(config.clone()));
        let router = handler::router(Arc::clone(&app));
        let limits = Limits {
            header_read_timeout: config.header_read_timeout,
            max_connections: config.max_connections,
        };
        // A dropped sender is a shutdown request too.
        tokio::spawn(serve::serve(listener, router, limits, stopped));
        Ok(MockServer {
            address,
            config,
            app,
            shutdown: Some(shutdown),
        })
    }

    /// The base URL to give a client, e.g. `http://127.0.0.1:41234/ekoapi/v3`.
    pub fn base_url(&self) -> String {
        format!(
            "http://{}{}",
            self.address,
            self.config.normalized_base_path()
        )
    }

    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The configuration the server runs with.
    pub fn config(&self) -> &MockConfig {
        &self.config
    }

    /// The status callbacks this server owed, oldest first: the most recent
    /// [`MockConfig::state_capacity`] of them, settled or still [pending].
    ///
    /// A callback is recorded before the answer to the transaction that caused it is
    /// sent, so right after a call returns this already shows whether one is due.
    ///
    /// [pending]: crate::DeliveryOutcome::Pending
    pub fn callback_deliveries(&self) -> Vec<Delivery> {
        self.app.dispatcher.deliveries()
    }

    /// Waits until `count` status callbacks in all have settled (acknowledged, failed
    /// or refused) since the server started, then returns
    /// [`callback_deliveries`](MockServer::callback_deliveries). It waits as long as
    /// it takes: bound it with a timeout (at most [`CALLBACK_ATTEMPTS`] tries of
    /// [`CALLBACK_TIMEOUT`] each, plus short pauses, per callback).
    ///
    /// [`CALLBACK_ATTEMPTS`]: crate::CALLBACK_ATTEMPTS
    /// [`CALLBACK_TIMEOUT`]: crate::CALLBACK_TIMEOUT
    pub async fn wait_for_deliveries(&self, count: usize) -> Vec<Delivery> {
        let count = u64::try_from(count).unwrap_or(u64::MAX);
        self.app.dispatcher.settled_deliveries(count).await
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            // The server may already have stopped; nothing is waiting for an answer.
            let _ = shutdown.send(());
        }
    }
}

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer")
            .field("address", &self.address)
            .field("config", &self.config)
            .finish()
    }
}
