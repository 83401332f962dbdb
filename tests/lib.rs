//! Shared pieces of the workspace tests: typed example requests generated from the
//! spec (see `generated/examples.rs`), the spec itself, the workspace's location, and
//! a mock server with a client for it.

use eko_api::{Client, Config, Environment};
use eko_mock::{MockConfig, MockServer};
use eko_spec::{Bundle, Endpoint};
use std::sync::OnceLock;

#[path = "generated/examples.rs"]
#[rustfmt::skip]
pub mod examples;

/// The workspace root (the folder holding `spec/`).
pub use xtask::workspace_root;

/// The spec in `spec/`, loaded once per test binary.
pub fn bundle() -> &'static Bundle {
    static BUNDLE: OnceLock<Bundle> = OnceLock::new();
    BUNDLE.get_or_init(|| {
        codegen::load_spec(&workspace_root().join("spec"))
            .unwrap_or_else(|errors| panic!("{errors}"))
    })
}

/// The spec of one endpoint.
pub fn endpoint(id: &str) -> &'static Endpoint {
    bundle()
        .endpoints
        .iter()
        .find(|endpoint| endpoint.id == id)
        .unwrap_or_else(|| panic!("no endpoint `{id}` in spec/"))
}

/// The mock on a free loopback port, and a client configured with its credentials.
/// Keep the server alive for as long as the client is used.
pub async fn start_mock() -> (MockServer, Client) {
    start_mock_with(MockConfig::default()).await
}

/// Like [`start_mock`], with the mock configured by `config` (e.g. a callback URL).
pub async fn start_mock_with(config: MockConfig) -> (MockServer, Client) {
    let server = MockServer::start(config)
        .await
        .expect("the mock starts on loopback");
    let client = client_for(server.base_url(), server.config());
    (server, client)
}

/// A client of the server at `base_url` with the credentials `mock` accepts (the
/// public sandbox ones by default).
pub fn client_for(base_url: String, mock: &MockConfig) -> Client {
    let config = Config::new(
        Environment::Custom(base_url),
        eko_api::DeveloperKey::new(mock.developer_key.clone()),
        eko_api::AccessKey::new(mock.access_key.clone()),
        mock.initiator_id.clone(),
    );
    Client::new(config).expect("client builds")
}

/// The README's Rust examples, compiled as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
