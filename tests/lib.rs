//! Shared pieces of the workspace tests: typed example requests generated from the
//! spec (see `generated/examples.rs`) and the workspace's location.

use std::path::PathBuf;

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
