//! Pieces every subcommand's argument handling shares.

use std::process::ExitCode;

/// Reads the lone optional `--check` flag of `cargo xtask <command> [--check]`; on
/// anything else, prints the usage and gives the exit code to return.
pub fn check_flag(command: &str, args: &[String]) -> Result<bool, ExitCode> {
    match args {
        [] => Ok(false),
        [flag] if flag == "--check" => Ok(true),
        _ => {
            eprintln!("usage: cargo xtask {command} [--check]");
            Err(ExitCode::from(2))
        }
    }
}

/// Prints a command's summary, or its failure, and gives the exit code.
pub fn finish(result: Result<String, String>) -> ExitCode {
    match result {
        Ok(message) => {
            println!("{message}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
