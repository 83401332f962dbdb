//! Which pages an import reads: the files and folders named on the command line.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// A doc page to import.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PageFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its file name, e.g. `onboard-customer.md`.
    pub file: String,
    /// The name of its folder: the docs' publication, e.g. `2026-06-22`.
    pub version: String,
}

/// The pages named by `inputs` (`.md` files, or folders whose `.md` files are all
/// pages), sorted by file name; and whether any input was a folder. An input that
/// cannot be read fails with its path.
pub fn collect(inputs: &[PathBuf]) -> Result<(Vec<PageFile>, bool), (PathBuf, io::Error)> {
    let mut pages = Vec::new();
    let mut any_folder = false;
    for input in inputs {
        let failed = |error: io::Error| (input.clone(), error);
        if input.is_dir() {
            any_folder = true;
            for entry in fs::read_dir(input).map_err(failed)? {
                let path = entry.map_err(failed)?.path();
                if path.is_file() && path.extension().is_some_and(|ext| ext == "md") {
                    pages.push(page_file(&path));
                }
            }
        } else if input.is_file() {
            pages.push(page_file(input));
        } else {
            return Err(failed(io::Error::new(
                io::ErrorKind::NotFound,
                "no such file or folder",
            )));
        }
    }
    pages.sort_by(|a, b| a.file.cmp(&b.file).then_with(|| a.path.cmp(&b.path)));
    pages.dedup_by(|a, b| a.path == b.path);
    Ok((pages, any_folder))
}

fn page_file(path: &Path) -> PageFile {
    let name = |path: Option<&Path>| {
        path.and_then(Path::file_name)
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    // A relative path such as `page.md` has an empty parent; its folder is the current one.
    let folder = match path.parent() {
        Some(parent) if parent.as_os_str().is_empty() => std::env::current_dir().ok(),
        Some(parent) => parent
            .canonicalize()
            .ok()
            .or_else(|| Some(parent.to_path_buf())),
        None => None,
    };
    PageFile {
        path: path.to_path_buf(),
        file: name(Some(path)),
        version: name(folder.as_deref()),
    }
}
