//! Reading `spec/` from disk into an [`eko_spec::Bundle`].

use crate::error::{SpecError, SpecErrors};
use eko_spec::{Bundle, Endpoint, GROUPS_FILE, GroupsFile, Shared};
use std::fs;
use std::path::{Path, PathBuf};

/// The shared definitions, relative to the spec folder.
pub use eko_spec::SHARED_FILE;
/// The folder of endpoint files, relative to the spec folder.
pub const ENDPOINTS_DIR: &str = "endpoints";

/// Loads and validates the spec in `spec_dir` (the folder holding `shared.toml`).
///
/// Every problem is reported, each naming the file, the endpoint and the field.
pub fn load_spec(spec_dir: &Path) -> Result<Bundle, SpecErrors> {
    let mut errors = Vec::new();
    let shared = load_shared(spec_dir);
    let mut endpoints = Vec::new();
    for file in endpoint_files(spec_dir, &mut errors) {
        match load_endpoint(spec_dir, &file) {
            Ok(endpoint) => endpoints.push(endpoint),
            Err(error) => errors.push(error),
        }
    }
    let shared = match shared {
        Ok(shared) => shared,
        Err(error) => {
            errors.insert(0, error);
            return Err(SpecErrors(errors));
        }
    };
    endpoints.sort_by(|a, b| a.id.cmp(&b.id));
    let bundle = Bundle { shared, endpoints };
    errors.extend(crate::validate::validate(&bundle));
    if errors.is_empty() {
        Ok(bundle)
    } else {
        Err(SpecErrors(errors))
    }
}

/// `shared.toml` with the groups of `groups.toml`.
pub fn load_shared(spec_dir: &Path) -> Result<Shared, SpecError> {
    let text = read(spec_dir, SHARED_FILE)?;
    let mut shared: Shared = toml::from_str(&text)
        .map_err(|error| SpecError::file(SHARED_FILE, one_line(&text, &error)))?;
    if !shared.groups.is_empty() {
        return Err(SpecError::file(
            SHARED_FILE,
            format!("groups belong in {GROUPS_FILE}, not in {SHARED_FILE}"),
        ));
    }
    let text = read(spec_dir, GROUPS_FILE)?;
    let groups: GroupsFile = toml::from_str(&text)
        .map_err(|error| SpecError::file(GROUPS_FILE, one_line(&text, &error)))?;
    shared.groups = groups.groups;
    Ok(shared)
}

/// Endpoint files below `endpoints/`, in a stable order (by path).
fn endpoint_files(spec_dir: &Path, errors: &mut Vec<SpecError>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut folders = vec![PathBuf::from(ENDPOINTS_DIR)];
    while let Some(folder) = folders.pop() {
        let entries = match fs::read_dir(spec_dir.join(&folder)) {
            Ok(entries) => entries,
            Err(error) => {
                errors.push(SpecError::file(
                    &folder,
                    format!("cannot read folder: {error}"),
                ));
                continue;
            }
        };
        for entry in entries.flatten() {
            let relative = folder.join(entry.file_name());
            if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
                folders.push(relative);
            } else if relative.extension().is_some_and(|ext| ext == "toml") {
                files.push(relative);
            }
        }
    }
    files.sort();
    files
}

fn load_endpoint(spec_dir: &Path, file: &Path) -> Result<Endpoint, SpecError> {
    let text = read(spec_dir, file)?;
    let endpoint: Endpoint =
        toml::from_str(&text).map_err(|error| SpecError::file(file, one_line(&text, &error)))?;
    let located = |message: String| SpecError {
        file: file.to_path_buf(),
        endpoint: Some(endpoint.id.clone()),
        field: None,
        message,
    };
    let stem = file
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default();
    if stem != endpoint.id {
        return Err(located(format!(
            "file is named `{stem}.toml` but the endpoint id is `{}`",
            endpoint.id
        )));
    }
    let folder = file
        .parent()
        .and_then(|parent| parent.file_name())
        .and_then(|name| name.to_str());
    if folder != Some(endpoint.group.as_str()) {
        return Err(located(format!(
            "an endpoint of group `{}` belongs in {ENDPOINTS_DIR}/{}/",
            endpoint.group, endpoint.group
        )));
    }
    Ok(endpoint)
}

fn read(spec_dir: &Path, file: impl AsRef<Path>) -> Result<String, SpecError> {
    let file = file.as_ref();
    fs::read_to_string(spec_dir.join(file))
        .map_err(|error| SpecError::file(file, format!("cannot read: {error}")))
}

/// TOML errors span several lines (a source excerpt); keep them to one line with its line number.
fn one_line(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim();
    match error.span() {
        Some(span) => {
            let line = text[..span.start.min(text.len())].matches('\n').count() + 1;
            format!("line {line}: {message}")
        }
        None => message.to_owned(),
    }
}
