//! Markdown → a flat list of top-level blocks, using `pulldown-cmark`.
//!
//! Text is taken from the page's source span of each block or table cell rather than
//! re-rendered from inline events: descriptions keep their Markdown (`code`, links)
//! and examples such as `<binary file>` or a PID XML string survive untouched.

use pulldown_cmark::{
    CodeBlockKind, Event, HeadingLevel, MetadataBlockKind, Options, Parser, Tag, TagEnd,
};
use std::ops::Range;

/// A top-level block of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// YAML-style front matter between `---` lines.
    FrontMatter {
        /// Line of the opening `---`.
        line: usize,
        /// The lines between the fences.
        text: String,
    },
    /// A heading.
    Heading {
        /// Line of the heading.
        line: usize,
        /// 1 for `#`, 2 for `##`, ...
        level: u8,
        /// The heading's source without the `#` marks.
        text: String,
    },
    /// A paragraph.
    Paragraph {
        /// First line.
        line: usize,
        /// The source, on one line.
        text: String,
        /// The code span's content, when the paragraph is nothing but one code span.
        code: Option<String>,
    },
    /// A block quote (GitHub callouts such as `> [!NOTE]` included).
    Quote {
        /// First line.
        line: usize,
        /// Destinations of the links inside it.
        links: Vec<String>,
        /// The quoted Markdown source without the `>` marks.
        text: String,
    },
    /// A table.
    Table {
        /// Line of the header row.
        line: usize,
        /// Header cells.
        header: Vec<String>,
        /// Body rows: line and cells (each cell's source, trimmed).
        rows: Vec<(usize, Vec<String>)>,
    },
    /// A fenced or indented code block.
    Code {
        /// The first content line.
        line: usize,
        /// The fence's language tag (`json`), empty when none.
        lang: String,
        /// The content.
        text: String,
    },
    /// Anything else (lists, rules, HTML).
    Other {
        /// First line.
        line: usize,
        /// What it is, for error messages.
        what: &'static str,
        /// Its Markdown source.
        text: String,
    },
}

/// Maps byte offsets to 1-based line numbers.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        Lines { starts }
    }

    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&start| start <= offset)
    }
}

/// Splits a page into its top-level blocks, in order.
pub fn blocks(text: &str) -> Vec<Block> {
    let lines = Lines::new(text);
    let options = Options::ENABLE_TABLES | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut events = Parser::new_ext(text, options).into_offset_iter();
    let mut out = Vec::new();
    while let Some((event, range)) = events.next() {
        let line = lines.line(range.start);
        let Event::Start(tag) = event else {
            continue;
        };
        let block = match tag {
            Tag::MetadataBlock(MetadataBlockKind::YamlStyle) => {
                let text = collect_text(&mut events, |end| matches!(end, TagEnd::MetadataBlock(_)));
                Block::FrontMatter { line, text }
            }
            Tag::Heading { level, .. } => {
                skip_to_end(&mut events, |end| matches!(end, TagEnd::Heading(_)));
                let text = text[range].trim().trim_matches('#').trim().to_owned();
                Block::Heading {
                    line,
                    level: heading_level(level),
                    text,
                }
            }
            Tag::Paragraph => paragraph(text, line, range, &mut events),
            Tag::BlockQuote(_) => {
                let mut links = Vec::new();
                let mut depth = 1;
                for (event, _) in events.by_ref() {
                    match event {
                        Event::Start(Tag::BlockQuote(_)) => depth += 1,
                        Event::End(TagEnd::BlockQuote(_)) => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        Event::Start(Tag::Link { dest_url, .. }) => {
                            links.push(dest_url.to_string())
                        }
                        _ => {}
                    }
                }
                Block::Quote {
                    line,
                    links,
                    text: unquote(&text[range]),
                }
            }
            Tag::Table(_) => table(text, &lines, line, &mut events),
            Tag::CodeBlock(kind) => {
                // A fence's content starts on the line after the fence.
                let (lang, first) = match kind {
                    CodeBlockKind::Fenced(info) => (
                        info.split_whitespace()
                            .next()
                            .unwrap_or_default()
                            .to_owned(),
                        line + 1,
                    ),
                    CodeBlockKind::Indented => (String::new(), line),
                };
                let content = collect_text(&mut events, |end| matches!(end, TagEnd::CodeBlock));
                Block::Code {
                    line: first,
                    lang,
                    text: content,
                }
            }
            other => {
                let what = describe(&other);
                let end = other.to_end();
                skip_to_end(&mut events, |candidate| *candidate == end);
                Block::Other {
                    line,
                    what,
                    text: text[range].trim().to_owned(),
                }
            }
        };
        out.push(block);
    }
    out
}

type Events<'a> = pulldown_cmark::OffsetIter<'a>;

fn paragraph(source: &str, line: usize, range: Range<usize>, events: &mut Events<'_>) -> Block {
    let mut spans = 0;
    let mut code = None;
    let mut other_inline = false;
    for (event, _) in events.by_ref() {
        match event {
            Event::End(TagEnd::Paragraph) => break,
            Event::Code(text) => {
                spans += 1;
                code = Some(text.to_string());
            }
            Event::Text(text) if text.trim().is_empty() => {}
            _ => other_inline = true,
        }
    }
    let code = if spans == 1 && !other_inline {
        code
    } else {
        None
    };
    Block::Paragraph {
        line,
        text: one_line(&source[range]),
        code,
    }
}

fn table(source: &str, lines: &Lines, line: usize, events: &mut Events<'_>) -> Block {
    let mut header = Vec::new();
    let mut rows = Vec::new();
    let mut row: Option<(usize, Vec<String>)> = None;
    let mut in_head = false;
    for (event, range) in events.by_ref() {
        match event {
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableHead) => in_head = true,
            Event::End(TagEnd::TableHead) => in_head = false,
            Event::Start(Tag::TableRow) => row = Some((lines.line(range.start), Vec::new())),
            Event::End(TagEnd::TableRow) => rows.extend(row.take()),
            Event::Start(Tag::TableCell) => {
                let cell = cell_text(&source[range]);
                match (&mut row, in_head) {
                    (_, true) => header.push(cell),
                    (Some((_, cells)), false) => cells.push(cell),
                    (None, false) => {}
                }
            }
            _ => {}
        }
    }
    Block::Table { line, header, rows }
}

/// A cell's source without the surrounding pipes and spaces; `\|` stands for `|`.
fn cell_text(source: &str) -> String {
    source
        .trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .trim()
        .replace("\\|", "|")
}

/// A block quote's source without the leading `>` (and one space) of each line.
fn unquote(source: &str) -> String {
    source
        .lines()
        .map(|line| {
            let line = line.trim_start();
            let line = line.strip_prefix('>').unwrap_or(line);
            line.strip_prefix(' ').unwrap_or(line).trim_end()
        })
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_owned()
}

/// A paragraph's source on one line: the pages wrap nothing, but a soft break must not
/// leave a newline inside a one-line summary.
fn one_line(source: &str) -> String {
    source.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn collect_text(events: &mut Events<'_>, is_end: impl Fn(&TagEnd) -> bool) -> String {
    let mut out = String::new();
    for (event, _) in events.by_ref() {
        match event {
            Event::End(end) if is_end(&end) => break,
            Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text) => {
                out.push_str(&text)
            }
            Event::SoftBreak | Event::HardBreak => out.push('\n'),
            _ => {}
        }
    }
    out
}

fn skip_to_end(events: &mut Events<'_>, is_end: impl Fn(&TagEnd) -> bool) {
    for (event, _) in events.by_ref() {
        if let Event::End(end) = event
            && is_end(&end)
        {
            break;
        }
    }
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn describe(tag: &Tag<'_>) -> &'static str {
    match tag {
        Tag::List(_) | Tag::Item => "a list",
        Tag::HtmlBlock => "an HTML block",
        Tag::FootnoteDefinition(_) => "a footnote",
        _ => "an unexpected block",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_one_based() {
        let lines = Lines::new("a\nbc\n\nd");
        assert_eq!(
            [
                lines.line(0),
                lines.line(2),
                lines.line(3),
                lines.line(5),
                lines.line(6)
            ],
            [1, 2, 2, 3, 4]
        );
    }

    #[test]
    fn table_cells_keep_markdown_and_html() {
        let page = "| Field | Description |\n| --- | --- |\n| a | `code` e.g. <binary file> |\n| b | x \\| y |\n";
        let found = blocks(page);
        assert_eq!(
            found,
            vec![Block::Table {
                line: 1,
                header: vec!["Field".into(), "Description".into()],
                rows: vec![
                    (3, vec!["a".into(), "`code` e.g. <binary file>".into()]),
                    (4, vec!["b".into(), "x | y".into()]),
                ],
            }]
        );
    }

    #[test]
    fn a_lone_code_span_is_recognised() {
        let found = blocks("`GET https://x/y`\n\nsee `a` here\n");
        assert_eq!(
            found,
            vec![
                Block::Paragraph {
                    line: 1,
                    text: "`GET https://x/y`".into(),
                    code: Some("GET https://x/y".into())
                },
                Block::Paragraph {
                    line: 3,
                    text: "see `a` here".into(),
                    code: None
                },
            ]
        );
    }

    #[test]
    fn fenced_code_reports_its_first_content_line() {
        let found = blocks("# T\n\n```json\n{}\n```\n");
        assert_eq!(
            found[1],
            Block::Code {
                line: 4,
                lang: "json".into(),
                text: "{}\n".into()
            }
        );
    }
}
