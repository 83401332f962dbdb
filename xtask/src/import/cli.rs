//! The command line: `cargo xtask import [--check] PAGE.md|DIR ...`.

use super::{check, import};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask import [--check] PAGE.md|DIR ...";

/// Runs `cargo xtask import` with the arguments after `import`.
pub fn run(args: &[String]) -> ExitCode {
    let mut check_only = false;
    let mut inputs = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--check" => check_only = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            flag if flag.starts_with('-') => {
                eprintln!("import: unknown option `{flag}`\n{USAGE}");
                return ExitCode::from(2);
            }
            path => inputs.push(PathBuf::from(path)),
        }
    }
    if inputs.is_empty() {
        eprintln!("import: name at least one page or folder of pages\n{USAGE}");
        return ExitCode::from(2);
    }
    let spec_dir = crate::workspace_root().join("spec");
    if check_only {
        run_check(&spec_dir, &inputs)
    } else {
        run_import(&spec_dir, &inputs)
    }
}

fn run_import(spec_dir: &Path, inputs: &[PathBuf]) -> ExitCode {
    match import(spec_dir, inputs) {
        Ok((plan, outcome)) => {
            for path in &outcome.written {
                println!("wrote spec/{}", path.display());
            }
            for path in &outcome.removed {
                println!(
                    "removed spec/{} (its page moved to another group)",
                    path.display()
                );
            }
            for path in &outcome.unclaimed {
                eprintln!(
                    "warning: spec/{} comes from no imported page; delete it if its page is gone",
                    path.display()
                );
            }
            println!(
                "import: {} pages in {:.1} ms; {} files written, {} unchanged",
                plan.pages,
                plan.elapsed.as_secs_f64() * 1000.0,
                outcome.written.len(),
                outcome.unchanged
            );
            ExitCode::SUCCESS
        }
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}

fn run_check(spec_dir: &Path, inputs: &[PathBuf]) -> ExitCode {
    match check(spec_dir, inputs) {
        Ok((plan, found)) if found.is_empty() => {
            println!(
                "import --check: spec/ matches {} pages ({:.1} ms)",
                plan.pages,
                plan.elapsed.as_secs_f64() * 1000.0
            );
            ExitCode::SUCCESS
        }
        Ok((_, found)) => {
            for difference in &found {
                eprintln!("spec/{difference}");
            }
            eprintln!(
                "import --check: {} spec file{} differ from the pages; run `cargo xtask import` on them",
                found.len(),
                if found.len() == 1 { "" } else { "s" }
            );
            ExitCode::FAILURE
        }
        Err(failure) => {
            eprintln!("{failure}");
            ExitCode::FAILURE
        }
    }
}
