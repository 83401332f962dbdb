//! A page's blocks → [`Page`]: which block is the title, the request line, each section.
//!
//! The reading is by construct, not by docs version: a section is recognised by its
//! heading (`Body parameters`, `Response types`, ``Service status (`field`)``, ...), a
//! table by its header row. A section the importer does not know is kept as prose and
//! reported as a warning; a known section or table in an unexpected shape is an error
//! naming the line, so a change in Eko's layout never drops information silently.

use super::error::ImportError;
use super::markdown::{self, Block};
use super::page::{CodeBlock, Located, Page, PageNote, ParamTable, Row, Table, ValueListTable};
use eko_spec::Location;

/// Product pages are linked as `https://eps.eko.in/products/<name>.md`.
pub const PRODUCT_PREFIX: &str = "https://eps.eko.in/products/";
/// The legend above every response table; the ⭐ marks themselves are kept per field.
const STAR_LEGEND: &str = "⭐ marks fields highlighted as verifiable.";

/// What a `##` heading announces.
#[derive(Debug, Clone, PartialEq, Eq)]
enum SectionKind {
    Params(Location),
    Headers,
    Response,
    Errors,
    ResponseTypes,
    ExampleRequest,
    ExampleResponse,
    /// ``Title (`field`)``: the documented values of one field.
    ValueList {
        title: String,
        field: String,
    },
    Unknown,
}

fn classify(heading: &str) -> SectionKind {
    match heading {
        "Path parameters" => return SectionKind::Params(Location::Path),
        "Query parameters" => return SectionKind::Params(Location::Query),
        "Body parameters" => return SectionKind::Params(Location::Body),
        "Headers" => return SectionKind::Headers,
        "Response" => return SectionKind::Response,
        "Error scenarios" => return SectionKind::Errors,
        "Response types" => return SectionKind::ResponseTypes,
        _ => {}
    }
    // `Example request (`form-data` part)`: the parenthesis only qualifies the example.
    if heading == "Example request" || heading.starts_with("Example request (") {
        return SectionKind::ExampleRequest;
    }
    if heading == "Example response" || heading.starts_with("Example response (") {
        return SectionKind::ExampleResponse;
    }
    if let Some((title, rest)) = heading.split_once(" (`")
        && let Some(field) = rest.strip_suffix("`)")
        && !field.is_empty()
        && !field.contains(char::is_whitespace)
    {
        return SectionKind::ValueList {
            title: title.trim().to_owned(),
            field: field.to_owned(),
        };
    }
    SectionKind::Unknown
}

/// Reads the page `file` (found in folder `version`) from its Markdown `text`.
pub fn parse_page(file: &str, version: &str, text: &str) -> Result<Page, ImportError> {
    let fail = |line: usize, problem: String| ImportError::new(file, line, problem);
    let blocks = markdown::blocks(text);
    let mut blocks = blocks.into_iter().peekable();

    let Some(Block::FrontMatter {
        line: front_line,
        text: front,
    }) = blocks.next()
    else {
        return Err(fail(
            1,
            "the page does not start with front matter (`---` ... `---`)".into(),
        ));
    };
    let canonical = front_matter_value(&front, "canonical")
        .map_err(|problem| fail(front_line, problem))?
        .ok_or_else(|| {
            fail(
                front_line,
                "the front matter has no `canonical:` address".into(),
            )
        })?;
    let canonical = Located {
        line: front_line,
        value: canonical,
    };

    // Before the title: only the "canonical URL" note.
    let mut title = None;
    for block in blocks.by_ref() {
        match block {
            Block::Quote { .. } => {}
            Block::Heading {
                line,
                level: 1,
                text,
            } => {
                title = Some(Located { line, value: text });
                break;
            }
            other => {
                return Err(fail(
                    line_of(&other),
                    format!(
                        "expected the `# ... API Reference` title, found {}",
                        name_of(&other)
                    ),
                ));
            }
        }
    }
    let title = title.ok_or_else(|| {
        fail(
            front_line,
            "the page has no `# ... API Reference` title".into(),
        )
    })?;

    let mut sections = Sections::new(file, text);
    // Between the title and the first section: request line, summary, description,
    // callouts and the product link.
    let mut request_line = None;
    let mut summary = None;
    let mut description: Vec<String> = Vec::new();
    while let Some(block) =
        blocks.next_if(|block| !matches!(block, Block::Heading { level: 2, .. }))
    {
        match block {
            Block::Paragraph { line, text, code } if request_line.is_none() => {
                let parsed = code.as_deref().and_then(split_request_line).ok_or_else(|| {
                    fail(line, format!("missing method line: expected `METHOD URL` right after the title, found `{text}`"))
                })?;
                request_line = Some(Located {
                    line,
                    value: parsed,
                });
            }
            Block::Paragraph { text, .. } => {
                if summary.is_none() {
                    summary = Some(text);
                } else {
                    description.push(text);
                }
            }
            Block::Quote { line, links, text } if request_line.is_some() => {
                sections.quote(line, links, text, None)?;
            }
            other => {
                return Err(fail(
                    line_of(&other),
                    format!(
                        "unexpected {} before the first `##` section",
                        name_of(&other)
                    ),
                ));
            }
        }
    }
    let request_line = request_line.ok_or_else(|| {
        fail(
            title.line,
            "missing method line: expected `METHOD URL` right after the title".into(),
        )
    })?;

    let mut headings = Vec::new();
    while let Some(block) = blocks.next() {
        let Block::Heading {
            line,
            level: 2,
            text: heading,
        } = block
        else {
            return Err(fail(
                line_of(&block),
                format!("unexpected {}", name_of(&block)),
            ));
        };
        if headings.contains(&heading) {
            return Err(fail(line, format!("section `## {heading}` appears twice")));
        }
        headings.push(heading.clone());
        let mut content = Vec::new();
        while let Some(block) =
            blocks.next_if(|block| !matches!(block, Block::Heading { level: 1 | 2, .. }))
        {
            content.push(block);
        }
        let end = blocks.peek().map_or(usize::MAX, line_of);
        sections.add(line, end, &heading, content)?;
    }

    let response = sections
        .response
        .ok_or_else(|| fail(title.line, "the page has no `## Response` section".into()))?;
    let example_response = sections.example_response.ok_or_else(|| {
        fail(
            title.line,
            "the page has no `## Example response` section".into(),
        )
    })?;
    Ok(Page {
        file: file.to_owned(),
        version: version.to_owned(),
        canonical,
        title,
        request_line,
        summary,
        description: if description.is_empty() {
            None
        } else {
            Some(description.join("\n\n"))
        },
        product: sections.product,
        param_tables: sections.params,
        headers: sections.headers,
        response,
        example_request: sections.example_request,
        example_response,
        errors: sections.errors,
        response_types: sections.response_types,
        value_lists: sections.value_lists,
        notes: sections.notes,
        example_response_note: sections.example_response_note,
        warnings: sections.warnings,
    })
}

/// The sections of a page as they are read.
struct Sections<'a> {
    file: &'a str,
    /// The page's lines, for keeping an unknown section's Markdown as it is.
    lines: Vec<&'a str>,
    product: Option<Located<String>>,
    params: Vec<ParamTable>,
    headers: Option<Table>,
    response: Option<Table>,
    example_request: Option<CodeBlock>,
    example_response: Option<CodeBlock>,
    example_response_note: Option<String>,
    errors: Option<Table>,
    response_types: Option<Table>,
    value_lists: Vec<ValueListTable>,
    notes: Vec<PageNote>,
    warnings: Vec<ImportError>,
}

/// A known section's content, sorted by construct.
#[derive(Default)]
struct Content {
    tables: Vec<Table>,
    code: Vec<(CodeBlock, String)>,
    prose: Vec<(usize, String)>,
}

impl<'a> Sections<'a> {
    fn new(file: &'a str, text: &'a str) -> Self {
        Sections {
            file,
            lines: text.lines().collect(),
            product: None,
            params: Vec::new(),
            headers: None,
            response: None,
            example_request: None,
            example_response: None,
            example_response_note: None,
            errors: None,
            response_types: None,
            value_lists: Vec::new(),
            notes: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn fail(&self, line: usize, problem: String) -> ImportError {
        ImportError::new(self.file, line, problem)
    }

    /// A block quote: the product link, a GitHub callout, or a plain quote kept as a note.
    fn quote(
        &mut self,
        line: usize,
        links: Vec<String>,
        text: String,
        section: Option<&str>,
    ) -> Result<(), ImportError> {
        if let Some(link) = links.iter().find(|link| link.starts_with(PRODUCT_PREFIX)) {
            if let Some(earlier) = &self.product {
                return Err(self.fail(
                    line,
                    format!(
                        "a second product link (the first is on line {})",
                        earlier.line
                    ),
                ));
            }
            self.product = Some(Located {
                line,
                value: link.clone(),
            });
            return Ok(());
        }
        let (kind, text) = callout(&text).unwrap_or(("quote".to_owned(), text));
        self.notes.push(PageNote {
            kind,
            title: section.map(str::to_owned),
            text,
        });
        Ok(())
    }

    /// Sorts a known section's blocks: tables, code, prose; quotes go to the notes.
    fn content(&mut self, heading: &str, blocks: Vec<Block>) -> Result<Content, ImportError> {
        let mut content = Content::default();
        for block in blocks {
            match block {
                Block::Table { line, header, rows } => content.tables.push(Table {
                    line,
                    header,
                    rows: rows
                        .into_iter()
                        .map(|(line, cells)| Row { line, cells })
                        .collect(),
                }),
                Block::Code { line, lang, text } => content.code.push((
                    CodeBlock {
                        line,
                        text: text.trim().to_owned(),
                    },
                    lang,
                )),
                Block::Paragraph { line, text, .. } => content.prose.push((line, text)),
                Block::Other { line, text, .. } => content.prose.push((line, text)),
                Block::Quote { line, links, text } => {
                    self.quote(line, links, text, Some(heading))?
                }
                other @ (Block::FrontMatter { .. } | Block::Heading { .. }) => {
                    return Err(self.fail(
                        line_of(&other),
                        format!("unexpected {} in `## {heading}`", name_of(&other)),
                    ));
                }
            }
        }
        Ok(content)
    }

    fn add(
        &mut self,
        line: usize,
        end: usize,
        heading: &str,
        blocks: Vec<Block>,
    ) -> Result<(), ImportError> {
        let kind = classify(heading);
        if kind == SectionKind::Unknown {
            self.keep_unknown(line, end, heading);
            return Ok(());
        }
        let content = self.content(heading, blocks)?;
        match kind {
            SectionKind::Params(location) => {
                let table = self.one_table(line, heading, content, Some(&PARAM_COLUMNS))?;
                self.params.push(ParamTable { location, table });
            }
            SectionKind::Headers => {
                self.headers = Some(self.one_table(line, heading, content, Some(&PARAM_COLUMNS))?)
            }
            SectionKind::Response => {
                self.response =
                    Some(self.one_table(line, heading, content, Some(&RESPONSE_COLUMNS))?)
            }
            SectionKind::Errors => {
                self.errors = Some(self.one_table(line, heading, content, None)?)
            }
            SectionKind::ResponseTypes => {
                self.response_types =
                    Some(self.one_table(line, heading, content, Some(&RESPONSE_TYPE_COLUMNS))?)
            }
            SectionKind::ValueList { title, field } => {
                let description = join_prose(&content.prose);
                let table = self.one_table(
                    line,
                    heading,
                    Content {
                        prose: Vec::new(),
                        ..content
                    },
                    None,
                )?;
                self.value_lists.push(ValueListTable {
                    title,
                    field,
                    description,
                    table,
                });
            }
            SectionKind::ExampleRequest => {
                self.example_request = Some(self.one_code(line, heading, content)?)
            }
            SectionKind::ExampleResponse => {
                self.example_response_note = join_prose(&content.prose);
                let content = Content {
                    prose: Vec::new(),
                    ..content
                };
                self.example_response = Some(self.one_code(line, heading, content)?)
            }
            SectionKind::Unknown => unreachable!("handled above"),
        }
        Ok(())
    }

    /// An unknown section is kept whole, as Markdown, and reported.
    fn keep_unknown(&mut self, line: usize, end: usize, heading: &str) {
        let last = end.saturating_sub(1).min(self.lines.len());
        let text = self.lines[line.min(last)..last]
            .join("\n")
            .trim()
            .to_owned();
        self.warnings.push(self.fail(
            line,
            format!("unknown section `## {heading}` kept as prose in the endpoint's notes"),
        ));
        self.notes.push(PageNote {
            kind: "section".into(),
            title: Some(heading.to_owned()),
            text,
        });
    }

    /// Prose of a known section (other than the response legend) is kept as a note.
    fn keep_prose(&mut self, heading: &str, prose: Vec<(usize, String)>) {
        for (_, text) in prose {
            if text != STAR_LEGEND {
                self.notes.push(PageNote {
                    kind: "section".into(),
                    title: Some(heading.to_owned()),
                    text,
                });
            }
        }
    }

    fn one_table(
        &mut self,
        line: usize,
        heading: &str,
        content: Content,
        columns: Option<&[&str]>,
    ) -> Result<Table, ImportError> {
        if let Some((code, _)) = content.code.first() {
            return Err(self.fail(
                code.line,
                format!("unexpected code block under `## {heading}`"),
            ));
        }
        let mut tables = content.tables.into_iter();
        let Some(table) = tables.next() else {
            return Err(self.fail(line, format!("section `## {heading}` has no table")));
        };
        if let Some(extra) = tables.next() {
            return Err(self.fail(extra.line, format!("a second table under `## {heading}`")));
        }
        if let Some(columns) = columns
            && table.header != columns
        {
            return Err(self.fail(
                table.line,
                format!(
                    "table under `## {heading}` has columns {}; expected {}",
                    quoted(&table.header),
                    quoted(columns)
                ),
            ));
        }
        self.keep_prose(heading, content.prose);
        Ok(table)
    }

    fn one_code(
        &mut self,
        line: usize,
        heading: &str,
        content: Content,
    ) -> Result<CodeBlock, ImportError> {
        if let Some(table) = content.tables.first() {
            return Err(self.fail(table.line, format!("unexpected table under `## {heading}`")));
        }
        let mut code = content.code.into_iter();
        let Some((block, lang)) = code.next() else {
            return Err(self.fail(line, format!("section `## {heading}` has no code block")));
        };
        if !(lang.is_empty() || lang == "json") {
            return Err(self.fail(
                block.line,
                format!("expected a json code block under `## {heading}`, found a `{lang}` block"),
            ));
        }
        if let Some((extra, _)) = code.next() {
            return Err(self.fail(
                extra.line,
                format!("a second code block under `## {heading}`"),
            ));
        }
        self.keep_prose(heading, content.prose);
        Ok(block)
    }
}

const PARAM_COLUMNS: [&str; 4] = ["Field", "Type", "Required", "Description"];
const RESPONSE_COLUMNS: [&str; 3] = ["Field", "Type", "Description"];
const RESPONSE_TYPE_COLUMNS: [&str; 3] = ["response_type_id", "Meaning", "Next step"];

fn join_prose(prose: &[(usize, String)]) -> Option<String> {
    let texts: Vec<&str> = prose.iter().map(|(_, text)| text.as_str()).collect();
    (!texts.is_empty()).then(|| texts.join("\n\n"))
}

/// `[!NOTE]\ntext` → (`note`, `text`): a GitHub-style callout.
fn callout(text: &str) -> Option<(String, String)> {
    let rest = text.strip_prefix("[!")?;
    let (kind, body) = rest.split_once(']')?;
    let valid = !kind.is_empty() && kind.bytes().all(|byte| byte.is_ascii_alphabetic());
    valid.then(|| (kind.to_ascii_lowercase(), body.trim().to_owned()))
}

/// `GET https://...` → (`GET`, `https://...`), when it has that shape.
fn split_request_line(code: &str) -> Option<(String, String)> {
    let mut parts = code.split_whitespace();
    let (method, url) = (parts.next()?, parts.next()?);
    let is_method = !method.is_empty() && method.bytes().all(|byte| byte.is_ascii_uppercase());
    (is_method && parts.next().is_none() && url.contains("://"))
        .then(|| (method.to_owned(), url.to_owned()))
}

/// The value of `key:` in YAML-style front matter; the pages quote values JSON-style.
fn front_matter_value(front: &str, key: &str) -> Result<Option<String>, String> {
    for line in front.lines() {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        if name.trim() != key {
            continue;
        }
        let value = value.trim();
        if value.starts_with('"') {
            return serde_json::from_str(value).map(Some).map_err(|error| {
                format!("front matter `{key}` is not a valid quoted string: {error}")
            });
        }
        return Ok(Some(value.to_owned()));
    }
    Ok(None)
}

/// `[a | b]`, for messages about table headers.
pub fn quoted(cells: &[impl AsRef<str>]) -> String {
    let cells: Vec<&str> = cells.iter().map(AsRef::as_ref).collect();
    format!("[{}]", cells.join(" | "))
}

fn line_of(block: &Block) -> usize {
    match block {
        Block::FrontMatter { line, .. }
        | Block::Heading { line, .. }
        | Block::Paragraph { line, .. }
        | Block::Quote { line, .. }
        | Block::Table { line, .. }
        | Block::Code { line, .. }
        | Block::Other { line, .. } => *line,
    }
}

fn name_of(block: &Block) -> String {
    match block {
        Block::FrontMatter { .. } => "front matter".into(),
        Block::Heading { level, text, .. } => {
            format!("heading `{} {text}`", "#".repeat(usize::from(*level)))
        }
        Block::Paragraph { .. } => "a paragraph".into(),
        Block::Quote { .. } => "a quote".into(),
        Block::Table { .. } => "a table".into(),
        Block::Code { .. } => "a code block".into(),
        Block::Other { what, .. } => (*what).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_are_classified_by_construct() {
        assert_eq!(
            classify("Body parameters"),
            SectionKind::Params(Location::Body)
        );
        assert_eq!(
            classify("Example request (`form-data` part)"),
            SectionKind::ExampleRequest
        );
        assert_eq!(
            classify("Service status (`service_status_list[].status`)"),
            SectionKind::ValueList {
                title: "Service status".into(),
                field: "service_status_list[].status".into()
            }
        );
        assert_eq!(classify("Rate limits"), SectionKind::Unknown);
    }

    #[test]
    fn callouts_are_recognised() {
        assert_eq!(
            callout("[!IMPORTANT]\nRead this."),
            Some(("important".into(), "Read this.".into()))
        );
        assert_eq!(callout("Just a quote"), None);
    }
}
