//! `--check`: how `spec/` differs from what importing the pages would write.

use super::Plan;
use similar::TextDiff;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One way the spec folder differs from the pages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The file exists with other contents; `diff` is a unified diff (spec → pages).
    Changed {
        /// Relative to the spec folder.
        path: PathBuf,
        /// Unified diff from the file on disk to what the import would write.
        diff: String,
    },
    /// The import would create this file.
    Missing {
        /// Relative to the spec folder.
        path: PathBuf,
    },
    /// The endpoint's file sits in another group's folder; the import would remove it.
    Misplaced {
        /// Relative to the spec folder.
        path: PathBuf,
    },
    /// An endpoint file that no imported page produces (only reported for folder imports).
    Unclaimed {
        /// Relative to the spec folder.
        path: PathBuf,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Changed { path, diff } => {
                write!(f, "{} differs from its page:\n{diff}", path.display())
            }
            Difference::Missing { path } => write!(f, "{} is missing", path.display()),
            Difference::Misplaced { path } => {
                write!(
                    f,
                    "{} is in the wrong group folder (the page now belongs to another group)",
                    path.display()
                )
            }
            Difference::Unclaimed { path } => {
                write!(
                    f,
                    "{} comes from no imported page (page removed or renamed?)",
                    path.display()
                )
            }
        }
    }
}

/// Compares the plan with the files under `spec_dir`.
pub fn differences(spec_dir: &Path, plan: &Plan) -> io::Result<Vec<Difference>> {
    let mut found = Vec::new();
    for file in &plan.files {
        match fs::read_to_string(spec_dir.join(&file.path)) {
            Ok(current) if current == file.text => {}
            Ok(current) => {
                let name = file.path.display().to_string();
                let diff = TextDiff::from_lines(&current, &file.text)
                    .unified_diff()
                    .context_radius(2)
                    .header(&format!("{name} (spec)"), &format!("{name} (pages)"))
                    .to_string();
                found.push(Difference::Changed {
                    path: file.path.clone(),
                    diff,
                });
            }
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                found.push(Difference::Missing {
                    path: file.path.clone(),
                });
            }
            Err(error) => return Err(error),
        }
    }
    found.extend(
        plan.misplaced
            .iter()
            .map(|path| Difference::Misplaced { path: path.clone() }),
    );
    found.extend(
        plan.unclaimed
            .iter()
            .map(|path| Difference::Unclaimed { path: path.clone() }),
    );
    Ok(found)
}
