//! What the importer reads from one doc page, before any interpretation.
//!
//! Every piece keeps the line it came from, so later steps can point a maintainer at
//! the exact place on the page.

use eko_spec::Location;

/// One doc page, split into the sections every Eko reference page has.
#[derive(Debug, Clone)]
pub struct Page {
    /// File name, e.g. `onboard-customer.md`.
    pub file: String,
    /// Name of the folder the page is in: the publication date, e.g. `2026-06-22`.
    pub version: String,
    /// The `canonical:` address from the front matter.
    pub canonical: Located<String>,
    /// The `# ... API Reference` heading.
    pub title: Located<String>,
    /// The `METHOD URL` line, split in two.
    pub request_line: Located<(String, String)>,
    /// The paragraph right after the request line.
    pub summary: Option<String>,
    /// Further paragraphs before the first section, joined by blank lines.
    pub description: Option<String>,
    /// Address of the "View product & pricing" link, if the page has one.
    pub product: Option<Located<String>>,
    /// `Path parameters`, `Query parameters` and `Body parameters`, in page order.
    pub param_tables: Vec<ParamTable>,
    /// The `Headers` table.
    pub headers: Option<Table>,
    /// The `Response` table.
    pub response: Table,
    /// The `Example request` block.
    pub example_request: Option<CodeBlock>,
    /// The `Example response` block.
    pub example_response: CodeBlock,
    /// The `Error scenarios` table.
    pub errors: Option<Table>,
    /// The `Response types` table.
    pub response_types: Option<Table>,
    /// Sections documenting the values of one field, e.g. ``## Service status (`x[].status`)``.
    pub value_lists: Vec<ValueListTable>,
    /// Callouts, prose inside sections, and sections the importer does not know.
    pub notes: Vec<PageNote>,
    /// The words before the example response's code block.
    pub example_response_note: Option<String>,
    /// What the importer kept without understanding: sections it does not know.
    pub warnings: Vec<super::error::ImportError>,
}

/// A section documenting one field's values.
#[derive(Debug, Clone)]
pub struct ValueListTable {
    /// The heading's title, without the field.
    pub title: String,
    /// The field, as the heading names it.
    pub field: String,
    /// The section's prose.
    pub description: Option<String>,
    /// The table.
    pub table: Table,
}

/// Prose the importer keeps as it is.
#[derive(Debug, Clone)]
pub struct PageNote {
    /// `note`, `important`, `warning`, ... for callouts; `section` for prose.
    pub kind: String,
    /// The section heading the prose stands under (or is).
    pub title: Option<String>,
    /// The Markdown.
    pub text: String,
}

/// A value and the 1-based line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    /// Line on the page.
    pub line: usize,
    /// The value.
    pub value: T,
}

/// A parameter table and where its parameters travel.
#[derive(Debug, Clone)]
pub struct ParamTable {
    /// From the section title.
    pub location: Location,
    /// The table.
    pub table: Table,
}

/// A table and its header row.
#[derive(Debug, Clone)]
pub struct Table {
    /// Line of the header row.
    pub line: usize,
    /// The header cells.
    pub header: Vec<String>,
    /// Body rows.
    pub rows: Vec<Row>,
}

/// A table body row: its cells' Markdown source, trimmed.
#[derive(Debug, Clone)]
pub struct Row {
    /// Line of the row.
    pub line: usize,
    /// One entry per column.
    pub cells: Vec<String>,
}

/// A fenced code block.
#[derive(Debug, Clone)]
pub struct CodeBlock {
    /// Line of the block's first content line.
    pub line: usize,
    /// The content, trimmed.
    pub text: String,
}
