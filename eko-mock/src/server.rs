//! A mock listening on a real socket, for clients that speak HTTP.

use crate::MockConfig;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// A running mock server. Dropping it shuts the server down.
pub struct MockServer {
    address: SocketAddr,
    config: MockConfig,
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
        let router = crate::router(config.clone());
        tokio::spawn(async move {
            let serving = axum::serve(listener, router).with_graceful_shutdown(async {
                // A dropped sender is a shutdown request too.
                let _ = stopped.await;
            });
            if let Err(error) = serving.await {
                tracing::error!(%error, "the mock server stopped");
            }
        });
        Ok(MockServer {
            address,
            config,
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
