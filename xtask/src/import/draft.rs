//! The endpoint taken from one page while the importer works on it, with what the
//! later steps need to check it against the page.

use super::error::ImportError;
use eko_spec::{Endpoint, ResponseField};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// An endpoint taken from a page, with what later steps need to check it against the page.
#[derive(Debug, Clone)]
pub struct Draft {
    /// The endpoint as it will be written (once overrides and inference have run).
    pub endpoint: Endpoint,
    /// The page's file name, for error messages.
    pub page: String,
    /// Where things are on the page.
    pub lines: Lines,
    /// The example request, parsed.
    pub request_example: Option<Map<String, Value>>,
    /// The example response, parsed.
    pub response_example: Map<String, Value>,
    /// Response table rows outside `data` that are not envelope fields.
    pub beside_envelope: Vec<ResponseField>,
    /// Response paths that overrides declare to be maps with free-form keys.
    pub maps: BTreeSet<String>,
    /// Fields the page shows beside the envelope that overrides place in `data`.
    pub into_data: BTreeSet<String>,
    /// What the import report lists for this page: things kept or inferred, not errors.
    pub warnings: Vec<ImportError>,
}

/// Lines of the page's parts.
#[derive(Debug, Clone, Default)]
pub struct Lines {
    /// The title.
    pub title: usize,
    /// The `METHOD URL` line.
    pub request_line: usize,
    /// Each parameter's table row, by name.
    pub params: BTreeMap<String, usize>,
    /// Each response field's table row, by path below `data`.
    pub response: BTreeMap<String, usize>,
    /// Response table rows outside `data` (other than the envelope), by name.
    pub beside: BTreeMap<String, usize>,
    /// The response table's header.
    pub response_table: usize,
    /// First line of the example request.
    pub request_example: Option<usize>,
    /// First line of the example response.
    pub response_example: usize,
}

impl Draft {
    /// Records a report line at `line` of this draft's page.
    pub fn warn(&mut self, line: usize, problem: impl Into<String>) {
        let warning = ImportError::new(&self.page, line, problem);
        self.warnings.push(warning);
    }

    /// An error at `line` of this draft's page.
    pub fn error(&self, line: usize, problem: impl Into<String>) -> ImportError {
        ImportError::new(&self.page, line, problem)
    }

    /// The line of a parameter's row (or of the title when the page has no such row).
    pub fn param_line(&self, name: &str) -> usize {
        self.lines
            .params
            .get(name)
            .copied()
            .unwrap_or(self.lines.title)
    }

    /// The line of a response field's row (or of the response table).
    pub fn response_line(&self, path: &str) -> usize {
        self.lines
            .response
            .get(path)
            .copied()
            .unwrap_or(self.lines.response_table)
    }
}
