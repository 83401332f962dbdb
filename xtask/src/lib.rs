//! The maintainer's commands behind `cargo xtask`: importing Eko's doc pages into
//! `spec/` and generating the bindings from it.

pub mod changelog;
pub mod cli;
pub mod generate;
pub mod import;
pub mod openapi;
pub mod prune;
pub mod semver;
pub mod synth;

use std::path::PathBuf;

/// The workspace root (the folder holding `spec/`, `eko-api/`, ...).
pub fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
