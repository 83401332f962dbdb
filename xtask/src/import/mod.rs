//! `cargo xtask import` (being written).
use std::process::ExitCode;

/// Runs `cargo xtask import`.
pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("import: not available yet");
    ExitCode::FAILURE
}
