//! The Markdown section of `eko-api/CHANGELOG.md` for one docs import.

use super::{Category, Changelog, Counts, VersionError, line, next_version};

/// The crate the changelog is about, as its section headers name it.
pub const CRATE_NAME: &str = "eko-api";

/// The section for `changelog`, given the crate's current (released) version:
///
/// ```text
/// ## eko-api 0.2.0 — Eko docs 2026-07-20 (from 2026-06-22)
///
/// Semver: **breaking** (0.1.0 → 0.2.0): 1 breaking, 2 additive changes.
///
/// ### Endpoints
/// - **additive** `mobile-otp-send` added: `Client::mobile_otp_send` (`POST /tools/kyc/mobile/otp`).
/// ```
///
/// The text ends with one newline and depends on nothing but its inputs. The header
/// carries the docs version, which [`super::upsert_section`] keys sections by.
pub fn render_section(
    changelog: &Changelog,
    current_version: &str,
) -> Result<String, VersionError> {
    let verdict = changelog.verdict();
    let next = next_version(current_version, verdict)?;
    let mut out = format!(
        "## {CRATE_NAME} {next} — Eko docs {} (from {})\n\n",
        changelog.to_docs, changelog.from_docs
    );
    out.push_str(&format!(
        "Semver: **{}** ({current_version} → {next}): {}\n",
        verdict.label(),
        summary(changelog.counts())
    ));
    for category in CATEGORIES {
        let lines: Vec<String> = changelog
            .changes
            .iter()
            .filter(|change| change.category() == category)
            .map(|change| format!("- {}\n", line(change)))
            .collect();
        if !lines.is_empty() {
            out.push_str(&format!("\n### {}\n\n", title(category)));
            out.extend(lines);
        }
    }
    Ok(out)
}

const CATEGORIES: [Category; 5] = [
    Category::Features,
    Category::Endpoints,
    Category::RequestParameters,
    Category::ResponseFields,
    Category::Outcomes,
];

fn title(category: Category) -> &'static str {
    match category {
        Category::Features => "Cargo features",
        Category::Endpoints => "Endpoints",
        Category::RequestParameters => "Request parameters",
        Category::ResponseFields => "Response fields",
        Category::Outcomes => "Outcomes",
    }
}

/// `1 breaking, 2 additive changes.`, then what is listed without counting for semver.
fn summary(counts: Counts) -> String {
    let api = counts.breaking + counts.additive;
    let mut text = if api == 0 {
        "no change to the generated API.".to_owned()
    } else {
        format!(
            "{} breaking, {} additive {}.",
            counts.breaking,
            counts.additive,
            plural(counts.additive, "change", "changes")
        )
    };
    let mut also = Vec::new();
    if counts.behaviour > 0 {
        let noun = plural(counts.behaviour, "change", "changes");
        also.push(format!("{} behaviour {noun}", counts.behaviour));
    }
    if counts.info > 0 {
        let noun = plural(counts.info, "note", "notes");
        also.push(format!("{} {noun} without API change", counts.info));
    }
    if !also.is_empty() {
        text.push_str(&format!(" Also listed: {}.", also.join(", ")));
    }
    text
}

fn plural(count: usize, one: &'static str, many: &'static str) -> &'static str {
    if count == 1 { one } else { many }
}
