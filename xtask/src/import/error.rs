//! The one error type of the importer: a problem located in a page (or an override file).

use std::fmt;

/// A problem that stops the import, located at a line of the file it comes from.
///
/// `page` is the doc page's file name (`onboard-customer.md`) for problems in a page,
/// or the override file's path below `spec/` for problems in an override.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// The file the problem is in.
    pub page: String,
    /// 1-based line of that file.
    pub line: usize,
    /// What is wrong, and where useful what to do about it.
    pub problem: String,
}

impl ImportError {
    /// A problem at `line` of `page`.
    pub fn new(page: impl Into<String>, line: usize, problem: impl Into<String>) -> Self {
        ImportError {
            page: page.into(),
            line,
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.page, self.line, self.problem)
    }
}

impl std::error::Error for ImportError {}
