//! The state shared by every request to one mock instance.

use crate::MockConfig;
use crate::catalog::{Catalog, catalog};
use crate::delivery::{Delivery, Dispatcher};
use crate::state::State;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// One mock instance: its configuration, the compiled spec, the flow state and what
/// sends status callbacks.
pub(crate) struct App {
    pub(crate) config: MockConfig,
    pub(crate) base_path: String,
    pub(crate) catalog: &'static Catalog,
    pub(crate) dispatcher: Dispatcher,
    state: Mutex<State>,
}

impl App {
    pub(crate) fn new(config: MockConfig) -> App {
        let state = Mutex::new(State::new(config.state_capacity));
        App {
            base_path: config.normalized_base_path(),
            config,
            catalog: catalog(),
            dispatcher: Dispatcher::new(),
            state,
        }
    }

    /// The flow state. The lock is never held across an `.await`; a poisoned lock is
    /// taken over rather than failing every later request.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The recorded status callbacks, oldest first.
    pub(crate) fn deliveries(&self) -> Vec<Delivery> {
        self.state().deliveries.values().cloned().collect()
    }

    /// Waits until `count` status callbacks have settled since the mock started, then
    /// returns the record.
    pub(crate) async fn settled_deliveries(&self, count: u64) -> Vec<Delivery> {
        let mut settled = self.dispatcher.settled();
        // The sender lives in `self`, so waiting only ends when the count is reached.
        let _ = settled.wait_for(|settled| *settled >= count).await;
        self.deliveries()
    }
}

/// The router serving `app`.
pub(crate) fn router(app: Arc<App>) -> axum::Router {
    axum::Router::new()
        .fallback(crate::handler::handle)
        .with_state(app)
}
