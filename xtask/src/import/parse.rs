//! A page's blocks → [`Page`]: which block is the title, the request line, each section.
//!
//! Anything the importer does not recognise is an error naming the line, so a change in
//! Eko's page layout surfaces here instead of silently dropping information.

use super::error::ImportError;
use super::markdown::{self, Block};
use super::page::{CodeBlock, Located, Page, ParamTable, Row, Table};
use eko_spec::Location;

const PARAM_COLUMNS: [&str; 4] = ["Field", "Type", "Required", "Description"];
const RESPONSE_COLUMNS: [&str; 3] = ["Field", "Type", "Description"];
const ERROR_COLUMNS: [&str; 2] = ["Status", "Scenario"];
const KNOWN_SECTIONS: &str = "Path parameters, Query parameters, Body parameters, Headers, Response, \
                              Example request, Example response, Error scenarios";
/// Product pages are linked as `https://eps.eko.in/products/<name>.md`.
pub const PRODUCT_PREFIX: &str = "https://eps.eko.in/products/";

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

    // Between the title and the first section: request line, summary, description, product link.
    let mut request_line = None;
    let mut summary = None;
    let mut description: Vec<String> = Vec::new();
    let mut product = None;
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
            Block::Paragraph { text, .. } if product.is_none() => {
                if summary.is_none() {
                    summary = Some(text);
                } else {
                    description.push(text);
                }
            }
            Block::Quote { line, links } if request_line.is_some() && product.is_none() => {
                let link = links
                    .into_iter()
                    .find(|link| link.starts_with(PRODUCT_PREFIX));
                let link = link.ok_or_else(|| {
                    fail(
                        line,
                        "a quote after the summary must link the product page".into(),
                    )
                })?;
                product = Some(Located { line, value: link });
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

    let mut sections = Sections::default();
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
        let mut content = Vec::new();
        while let Some(block) =
            blocks.next_if(|block| !matches!(block, Block::Heading { level: 1 | 2, .. }))
        {
            content.push(block);
        }
        sections.add(file, line, &heading, content)?;
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
        product,
        param_tables: sections.params,
        headers: sections.headers,
        response,
        example_request: sections.example_request,
        example_response,
        errors: sections.errors,
    })
}

#[derive(Default)]
struct Sections {
    seen: Vec<String>,
    params: Vec<ParamTable>,
    headers: Option<Table>,
    response: Option<Table>,
    example_request: Option<CodeBlock>,
    example_response: Option<CodeBlock>,
    errors: Option<Table>,
}

impl Sections {
    fn add(
        &mut self,
        file: &str,
        line: usize,
        heading: &str,
        content: Vec<Block>,
    ) -> Result<(), ImportError> {
        let fail = |line: usize, problem: String| ImportError::new(file, line, problem);
        if self.seen.iter().any(|seen| seen == heading) {
            return Err(fail(line, format!("section `## {heading}` appears twice")));
        }
        self.seen.push(heading.to_owned());
        match heading {
            "Path parameters" | "Query parameters" | "Body parameters" => {
                let location = match heading {
                    "Path parameters" => Location::Path,
                    "Query parameters" => Location::Query,
                    _ => Location::Body,
                };
                let table = only_table(file, line, heading, content, &PARAM_COLUMNS)?;
                self.params.push(ParamTable { location, table });
            }
            "Headers" => {
                self.headers = Some(only_table(file, line, heading, content, &PARAM_COLUMNS)?)
            }
            "Response" => {
                // The table may be preceded by the note explaining the ⭐ mark.
                let content = content
                    .into_iter()
                    .filter(|block| !matches!(block, Block::Paragraph { .. }))
                    .collect();
                self.response = Some(only_table(file, line, heading, content, &RESPONSE_COLUMNS)?);
            }
            "Error scenarios" => {
                self.errors = Some(only_table(file, line, heading, content, &ERROR_COLUMNS)?)
            }
            "Example request" => {
                self.example_request = Some(only_code(file, line, heading, content)?)
            }
            "Example response" => {
                self.example_response = Some(only_code(file, line, heading, content)?)
            }
            other => {
                return Err(fail(
                    line,
                    format!("unknown section `## {other}` (known sections: {KNOWN_SECTIONS})"),
                ));
            }
        }
        Ok(())
    }
}

fn only_table(
    file: &str,
    line: usize,
    heading: &str,
    content: Vec<Block>,
    columns: &[&str],
) -> Result<Table, ImportError> {
    let fail = |line: usize, problem: String| ImportError::new(file, line, problem);
    let mut content = content.into_iter();
    let table = match content.next() {
        Some(Block::Table { line, header, rows }) => {
            if header != columns {
                return Err(fail(
                    line,
                    format!(
                        "table under `## {heading}` has columns {}; expected {}",
                        quoted(&header),
                        quoted(columns)
                    ),
                ));
            }
            let rows = rows
                .into_iter()
                .map(|(line, cells)| Row { line, cells })
                .collect();
            Table { line, rows }
        }
        Some(other) => {
            return Err(fail(
                line_of(&other),
                format!(
                    "expected a table under `## {heading}`, found {}",
                    name_of(&other)
                ),
            ));
        }
        None => return Err(fail(line, format!("section `## {heading}` has no table"))),
    };
    match content.next() {
        Some(extra) => Err(fail(
            line_of(&extra),
            format!(
                "unexpected {} after the table of `## {heading}`",
                name_of(&extra)
            ),
        )),
        None => Ok(table),
    }
}

fn only_code(
    file: &str,
    line: usize,
    heading: &str,
    content: Vec<Block>,
) -> Result<CodeBlock, ImportError> {
    let fail = |line: usize, problem: String| ImportError::new(file, line, problem);
    let mut content = content.into_iter();
    let code = match content.next() {
        Some(Block::Code { line, lang, text }) if lang.is_empty() || lang == "json" => CodeBlock {
            line,
            text: text.trim().to_owned(),
        },
        Some(other) => {
            return Err(fail(
                line_of(&other),
                format!(
                    "expected a json code block under `## {heading}`, found {}",
                    name_of(&other)
                ),
            ));
        }
        None => {
            return Err(fail(
                line,
                format!("section `## {heading}` has no code block"),
            ));
        }
    };
    match content.next() {
        Some(extra) => Err(fail(
            line_of(&extra),
            format!(
                "unexpected {} after the code block of `## {heading}`",
                name_of(&extra)
            ),
        )),
        None => Ok(code),
    }
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

fn quoted(cells: &[impl AsRef<str>]) -> String {
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
