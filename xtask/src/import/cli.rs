//! The `cargo xtask import` command line.

use super::{Failure, Mode, Plan, check, import, plan};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask import [--check | --dry-run] [PAGE.md|DIR ...]

  (no paths)   the docs folder spec/ follows: <docs root>/<docs_version of spec/shared.toml>
  --check      change nothing; fail with a diff if spec/ differs from what the pages give
  --dry-run    read and convert the pages (any docs version), report, write nothing;
               fail only on pages the importer cannot read

The docs root is ../shared/eko-docs beside the workspace, or $EKO_DOCS_ROOT.";

/// Runs `cargo xtask import` with `args`.
pub fn run(args: &[String]) -> ExitCode {
    let mut mode = None;
    let mut inputs = Vec::new();
    for arg in args {
        match arg.as_str() {
            "--check" | "--dry-run" if mode.is_some() => {
                eprintln!("import: give one of --check and --dry-run\n{USAGE}");
                return ExitCode::from(2);
            }
            "--check" => mode = Some("check"),
            "--dry-run" => mode = Some("dry-run"),
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
    let spec_dir = crate::workspace_root().join("spec");
    if inputs.is_empty() {
        match followed_docs(&spec_dir) {
            Ok(folder) => inputs.push(folder),
            Err(problem) => {
                eprintln!("import: {problem}");
                return ExitCode::FAILURE;
            }
        }
    }
    match mode {
        Some("check") => run_check(&spec_dir, &inputs),
        Some(_) => run_dry(&spec_dir, &inputs),
        None => run_import(&spec_dir, &inputs),
    }
}

/// Where Eko's dated docs folders are.
pub fn docs_root() -> PathBuf {
    std::env::var_os("EKO_DOCS_ROOT").map_or_else(
        || crate::workspace_root().join("../shared/eko-docs"),
        PathBuf::from,
    )
}

/// The docs folder of the version `spec/shared.toml` names.
pub fn followed_docs(spec_dir: &Path) -> Result<PathBuf, String> {
    let shared = codegen::load::load_shared(spec_dir).map_err(|error| error.to_string())?;
    let folder = docs_root().join(&shared.docs_version);
    if folder.is_dir() {
        Ok(folder)
    } else {
        Err(format!(
            "spec/ follows docs version {}, but {} is not a folder",
            shared.docs_version,
            folder.display()
        ))
    }
}

/// The report every mode prints: history decisions, then warnings.
fn report(plan: &Plan) {
    if let Some(version) = &plan.version {
        println!("docs version {version}");
    }
    for id in &plan.added {
        println!("  added    {id}");
    }
    for (from, to) in &plan.renamed {
        println!("  renamed  {from} -> {to} (the old name stays as a deprecated alias)");
    }
    for id in &plan.removed {
        println!("  removed  {id} (kept, generated #[deprecated])");
    }
    for warning in &plan.warnings {
        println!("warning: {warning}");
    }
}

fn failed(failure: Failure) -> ExitCode {
    eprintln!("{failure}");
    ExitCode::FAILURE
}

fn run_import(spec_dir: &Path, inputs: &[PathBuf]) -> ExitCode {
    match import(spec_dir, inputs) {
        Ok((plan, outcome)) => {
            report(&plan);
            for path in &outcome.written {
                println!("wrote spec/{}", path.display());
            }
            for path in &outcome.deleted {
                println!("deleted spec/{}", path.display());
            }
            println!(
                "import: {} pages in {:.1} ms; {} files written, {} deleted, {} unchanged, {} warnings",
                plan.pages,
                plan.elapsed.as_secs_f64() * 1000.0,
                outcome.written.len(),
                outcome.deleted.len(),
                outcome.unchanged,
                plan.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(failure) => failed(failure),
    }
}

fn run_dry(spec_dir: &Path, inputs: &[PathBuf]) -> ExitCode {
    match plan(spec_dir, inputs, Mode::DryRun) {
        Ok(plan) => {
            report(&plan);
            println!(
                "import --dry-run: {} pages read without error in {:.1} ms ({} endpoint files, {} warnings); nothing written",
                plan.pages,
                plan.elapsed.as_secs_f64() * 1000.0,
                plan.files.len(),
                plan.warnings.len()
            );
            ExitCode::SUCCESS
        }
        Err(failure) => failed(failure),
    }
}

fn run_check(spec_dir: &Path, inputs: &[PathBuf]) -> ExitCode {
    match check(spec_dir, inputs) {
        Ok((plan, found)) if found.is_empty() => {
            println!(
                "import --check: spec/ matches {} pages ({:.1} ms, {} warnings)",
                plan.pages,
                plan.elapsed.as_secs_f64() * 1000.0,
                plan.warnings.len()
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
        Err(failure) => failed(failure),
    }
}
