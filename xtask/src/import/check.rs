//! `--check`: how `spec/` differs from what importing the pages would write.

use super::Plan;
use similar::TextDiff;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One way the spec differs from what importing the pages would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The file exists with other contents; `diff` is a unified diff (spec → pages).
    Changed {
        /// Relative to the spec folder.
        path: PathBuf,
        /// Unified diff.
        diff: String,
    },
    /// The import would create the file.
    Missing {
        /// Relative to the spec folder.
        path: PathBuf,
    },
    /// The import would delete the file.
    Deleted {
        /// Relative to the spec folder.
        path: PathBuf,
        /// Why.
        why: String,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::Changed { path, diff } => {
                write!(f, "{} differs from its page:\n{diff}", path.display())
            }
            Difference::Missing { path } => write!(f, "{} is missing", path.display()),
            Difference::Deleted { path, why } => {
                write!(f, "{} would be deleted ({why})", path.display())
            }
        }
    }
}

/// Every difference between `spec_dir` and `plan`.
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
    found.extend(plan.deletions.iter().map(|deletion| Difference::Deleted {
        path: deletion.path.clone(),
        why: deletion.why.clone(),
    }));
    Ok(found)
}
