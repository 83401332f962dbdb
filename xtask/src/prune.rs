//! `cargo xtask prune`: the one command that deletes deprecated items.
//!
//! An import never deletes: an endpoint whose page is gone stays generated,
//! `#[deprecated]`, and a renamed endpoint keeps its former names as deprecated aliases,
//! so callers keep compiling. When a maintainer decides to make the breaking release,
//! this removes both from `spec/`; `cargo xtask codegen` and the changelog follow.

use eko_spec::Endpoint;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What pruning removes.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    /// Endpoint files deleted (endpoints Eko removed).
    pub deleted: Vec<PathBuf>,
    /// Endpoint files rewritten without their former names.
    pub rewritten: Vec<PathBuf>,
}

/// Runs `cargo xtask prune [--check]`.
pub fn run(args: &[String]) -> ExitCode {
    let check = match crate::cli::check_flag("prune", args) {
        Ok(check) => check,
        Err(code) => return code,
    };
    match prune(&crate::workspace_root().join("spec"), check) {
        Ok(pruned) => {
            for path in &pruned.deleted {
                println!(
                    "{} spec/{}",
                    if check { "would delete" } else { "deleted" },
                    path.display()
                );
            }
            for path in &pruned.rewritten {
                println!(
                    "{} spec/{} (former names dropped)",
                    if check { "would rewrite" } else { "rewrote" },
                    path.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("prune: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// Deletes removed endpoints and drops former names in `spec_dir` (nothing with `check`).
pub fn prune(spec_dir: &Path, check: bool) -> Result<Pruned, String> {
    let mut pruned = Pruned::default();
    let root = spec_dir.join("endpoints");
    let mut files = Vec::new();
    for group in fs::read_dir(&root)
        .map_err(|error| format!("{}: {error}", root.display()))?
        .flatten()
    {
        for file in fs::read_dir(group.path())
            .map_err(|error| error.to_string())?
            .flatten()
        {
            if file.path().extension().is_some_and(|ext| ext == "toml") {
                files.push(file.path());
            }
        }
    }
    files.sort();
    for path in files {
        let text =
            fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
        let mut endpoint: Endpoint = toml::from_str(&text)
            .map_err(|error| format!("{}: {}", path.display(), error.message()))?;
        let relative = path.strip_prefix(spec_dir).unwrap_or(&path).to_path_buf();
        if endpoint.is_removed() {
            if !check {
                fs::remove_file(&path).map_err(|error| error.to_string())?;
            }
            pruned.deleted.push(relative);
        } else if !endpoint.lifecycle.renamed_from.is_empty() {
            endpoint.lifecycle.renamed_from.clear();
            if !check {
                // The same bytes an import writes for this endpoint.
                let file = crate::import::PageImporter::render(&endpoint)?;
                fs::write(&path, file.text).map_err(|error| error.to_string())?;
            }
            pruned.rewritten.push(relative);
        }
    }
    Ok(pruned)
}
