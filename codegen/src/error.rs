//! Errors for a spec that cannot be loaded or does not make sense.

use std::fmt;
use std::path::PathBuf;

/// One problem in the spec, located as precisely as possible.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The spec file (relative to the spec folder where possible).
    pub file: PathBuf,
    /// The endpoint id, when the problem is inside one.
    pub endpoint: Option<String>,
    /// The field, as a path such as `params[2].format` or `response.recipient.ifsc`.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

impl SpecError {
    /// A problem with a whole file.
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        SpecError {
            file: file.into(),
            endpoint: None,
            field: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(endpoint) = &self.endpoint {
            write!(f, ": endpoint `{endpoint}`")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field `{field}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for SpecError {}

/// Every problem found, so a maintainer fixes them in one pass.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecErrors(pub Vec<SpecError>);

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.0.len();
        writeln!(
            f,
            "the spec has {count} problem{}:",
            if count == 1 { "" } else { "s" }
        )?;
        for error in &self.0 {
            writeln!(f, "  {error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

impl From<SpecError> for SpecErrors {
    fn from(error: SpecError) -> Self {
        SpecErrors(vec![error])
    }
}
