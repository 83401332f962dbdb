//! `cargo xtask openapi [--check]`: spec/ → `openapi.json` (OpenAPI 3.1).
//!
//! Without `--check` it writes the document; with `--check` it writes nothing and
//! fails with a unified diff when the checked-in document is stale.

use similar::TextDiff;
use std::fs;
use std::path::Path;
use std::process::ExitCode;

/// Runs `cargo xtask openapi`.
pub fn run(args: &[String]) -> ExitCode {
    let check = match crate::cli::check_flag("openapi", args) {
        Ok(check) => check,
        Err(code) => return code,
    };
    crate::cli::finish(export(&crate::workspace_root(), check))
}

/// The document the spec under `root` exports.
pub fn render(root: &Path) -> Result<String, String> {
    let bundle = codegen::load_spec(&root.join("spec")).map_err(|errors| errors.to_string())?;
    Ok(codegen::openapi::render(&bundle))
}

/// Writes (or with `check`, compares) `root/openapi.json`.
pub fn export(root: &Path, check: bool) -> Result<String, String> {
    let document = render(root)?;
    let path = root.join(codegen::openapi::OPENAPI_FILE);
    let current = fs::read_to_string(&path).unwrap_or_default();
    let name = codegen::openapi::OPENAPI_FILE;
    if current == document {
        return Ok(format!("openapi: {name} up to date"));
    }
    if check {
        let diff = TextDiff::from_lines(&current, &document);
        return Err(format!(
            "{}\n{name} is stale: run `cargo xtask openapi`",
            diff.unified_diff()
                .context_radius(2)
                .header(name, &format!("{name} (from spec)"))
        ));
    }
    fs::write(&path, &document)
        .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
    Ok(format!("openapi: wrote {name}"))
}
