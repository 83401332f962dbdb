//! Writing a section into `CHANGELOG.md`, keyed by docs version, so that re-running
//! the changelog for the same import replaces its section instead of adding another.

/// The title a new changelog file starts with.
const TITLE: &str = "# Changelog\n";

/// `changelog` (the text of `CHANGELOG.md`, possibly empty) with `section` in it: in
/// place of the section for the same `docs_version` if there is one, otherwise first,
/// below the file's title and introduction.
///
/// Sections are the `## ` headings; their docs version is read with
/// [`section_docs_version`]. Sections are separated by one blank line and the text ends
/// with one newline, so applying the same section twice gives the same text.
pub fn upsert_section(changelog: &str, docs_version: &str, section: &str) -> String {
    let (intro, sections) = split(changelog);
    let intro = if intro.trim().is_empty() && sections.is_empty() {
        TITLE
    } else {
        intro
    };
    let section = section.trim_end();
    let mut parts: Vec<&str> = Vec::new();
    let mut placed = false;
    for existing in sections {
        let same = existing
            .lines()
            .next()
            .and_then(section_docs_version)
            .is_some_and(|version| version == docs_version);
        if same && !placed {
            parts.push(section);
            placed = true;
        } else if !same {
            parts.push(existing.trim_end());
        }
    }
    if !placed {
        parts.insert(0, section);
    }
    join(intro.trim_end(), &parts)
}

/// The docs version a section heading names: `2026-07-20` in
/// `## eko-api 0.2.0 — Eko docs 2026-07-20 (from 2026-06-22)`.
pub fn section_docs_version(heading: &str) -> Option<&str> {
    let rest = heading.strip_prefix("## ")?;
    let (_, after) = rest.split_once("Eko docs ")?;
    after.split_whitespace().next()
}

/// The text before the first `## ` heading, and each section from its heading on.
fn split(text: &str) -> (&str, Vec<&str>) {
    let starts: Vec<usize> = line_starts(text)
        .filter(|&at| text[at..].starts_with("## "))
        .collect();
    let Some(&first) = starts.first() else {
        return (text, Vec::new());
    };
    let ends = starts.iter().skip(1).copied().chain([text.len()]);
    let sections = starts
        .iter()
        .zip(ends)
        .map(|(&start, end)| &text[start..end]);
    (&text[..first], sections.collect())
}

fn line_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(0).chain(text.match_indices('\n').map(|(at, _)| at + 1))
}

fn join(intro: &str, sections: &[&str]) -> String {
    let mut parts = Vec::new();
    if !intro.is_empty() {
        parts.push(intro);
    }
    parts.extend_from_slice(sections);
    let mut text = parts.join("\n\n");
    text.push('\n');
    text
}
