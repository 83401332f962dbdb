//! `cargo xtask codegen` (being written).
use std::process::ExitCode;

/// Runs `cargo xtask codegen`.
pub fn run(_args: &[String]) -> ExitCode {
    eprintln!("codegen: not available yet");
    ExitCode::FAILURE
}
