//! Shared pieces of the workspace tests: typed example requests generated from the
//! spec (see `generated/examples.rs`) and the workspace's location.

use eko_spec::{Bundle, Endpoint};
use std::path::PathBuf;
use std::sync::OnceLock;

#[path = "generated/examples.rs"]
#[rustfmt::skip]
pub mod examples;

/// The workspace root (the folder holding `spec/`).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

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

/// The README's Rust examples, compiled as doc tests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
