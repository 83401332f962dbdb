//! One mock instance: what every request to it shares. Its configuration, the
//! compiled spec, its state and what sends its status callbacks; nothing about HTTP.

use crate::MockConfig;
use crate::catalog::{Catalog, catalog};
use crate::delivery::Dispatcher;
use crate::state::{State, Store};
use std::sync::{Arc, MutexGuard};

/// One mock instance.
pub(crate) struct App {
    pub(crate) config: MockConfig,
    pub(crate) base_path: String,
    pub(crate) catalog: &'static Catalog,
    pub(crate) dispatcher: Arc<Dispatcher>,
    store: Arc<Store>,
}

impl App {
    pub(crate) fn new(config: MockConfig) -> App {
        let store = Arc::new(Store::new(config.state_capacity));
        App {
            base_path: config.normalized_base_path(),
            dispatcher: Arc::new(Dispatcher::new(&config, Arc::clone(&store))),
            config,
            catalog: catalog(),
            store,
        }
    }

    /// The flow state. The lock is never held across an `.await`.
    pub(crate) fn state(&self) -> MutexGuard<'_, State> {
        self.store.lock()
    }
}
