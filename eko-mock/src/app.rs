//! The state shared by every request to one mock instance.

use crate::MockConfig;
use crate::catalog::{Catalog, catalog};
use crate::state::State;
use std::sync::{Mutex, MutexGuard, PoisonError};

/// One mock instance: its configuration, the compiled spec and the flow state.
pub(crate) struct App {
    pub(crate) config: MockConfig,
    pub(crate) base_path: String,
    pub(crate) catalog: &'static Catalog,
    state: Mutex<State>,
}

impl App {
    pub(crate) fn new(config: MockConfig) -> App {
        let state = Mutex::new(State::new(config.state_capacity));
        App {
            base_path: config.normalized_base_path(),
            config,
            catalog: catalog(),
            state,
        }
    }

    /// The flow state. The lock is never held across an `.await`; a poisoned lock is
    /// taken over rather than failing every later request.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
