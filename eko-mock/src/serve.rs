//! Serving a router on a listening socket, within bounds: HTTP/1.1 with a deadline for
//! each request head and a cap on connections held at once.
//!
//! `axum::serve` takes no configuration, and without a timer hyper enforces no header
//! timeout, so a client could hold a connection for as long as it liked by sending half
//! a request line, or nothing at all. Here every connection is served by hyper with
//! [`MockConfig::header_read_timeout`](crate::MockConfig::header_read_timeout), which
//! hyper counts from when it starts waiting for a head: it sheds a head trickled byte
//! by byte, a connection that never speaks, and a kept-alive connection left idle.
//! Slow bodies are the handler's business (its request timeout). Beyond
//! `max_connections`, connections wait in the listen backlog, unaccepted, until one
//! closes.

use axum::Router;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::service::TowerToHyperService;
use std::io;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot, watch};

/// The pause after an accept error that is not about one connection (such as running
/// out of file descriptors), so that the loop waits for relief instead of spinning.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// What bounds the connections of one server.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    pub(crate) header_read_timeout: Duration,
    pub(crate) max_connections: usize,
}

/// Accepts connections on `listener` and serves `router` on each, until `shutdown`
/// fires or its sender is dropped. Then the listener closes at once, idle connections
/// close, and a connection in the middle of a request finishes that request first.
pub(crate) async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    mut shutdown: oneshot::Receiver<()>,
) {
    let slots = Arc::new(Semaphore::new(
        limits.max_connections.clamp(1, Semaphore::MAX_PERMITS),
    ));
    // Dropping the sender tells every connection to wind down.
    let (closing, closed) = watch::channel(());
    loop {
        let slot = tokio::select! {
            _ = &mut shutdown => break,
            slot = Arc::clone(&slots).acquire_owned() => match slot {
                Ok(slot) => slot,
                Err(_) => break,
            },
        };
        let stream = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(error) => {
                    if !concerns_one_connection(&error) {
                        tracing::warn!(%error, "accepting a connection failed; pausing");
                        tokio::time::sleep(ACCEPT_BACKOFF).await;
                    }
                    continue;
                }
            },
        };
        // Answers are small and written whole: send them without waiting for more.
        let _ = stream.set_nodelay(true);
        let service = TowerToHyperService::new(router.clone());
        let mut closed = closed.clone();
        tokio::spawn(async move {
            // The slot is given back when the connection is over, however it ends.
            let _slot = slot;
            let mut builder = http1::Builder::new();
            builder
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout);
            let connection = builder.serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            let result = tokio::select! {
                result = connection.as_mut() => result,
                _ = closed.changed() => {
                    connection.as_mut().graceful_shutdown();
                    connection.await
                }
            };
            if let Err(error) = result {
                // Timeouts, malformed heads and clients gone mid-request end up here.
                tracing::debug!(%error, "connection closed");
            }
        });
    }
    drop(listener);
    drop(closing);
}

/// Whether an accept error is about the one connection being accepted (which is then
/// simply gone), rather than about the listener or the process.
fn concerns_one_connection(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}
