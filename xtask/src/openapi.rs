//! `cargo xtask openapi [--check]`: `openapi.json` alone, the one file of
//! `cargo xtask codegen` that other tools read.

use std::process::ExitCode;

/// Runs `cargo xtask openapi`.
pub fn run(args: &[String]) -> ExitCode {
    let check = match crate::cli::check_flag("openapi", args) {
        Ok(check) => check,
        Err(code) => return code,
    };
    let root = crate::workspace_root();
    let only = Some(codegen::openapi::OPENAPI_FILE);
    crate::cli::finish(if check {
        crate::generate::check_selected(&root, only)
    } else {
        crate::generate::write_selected(&root, only)
    })
}
