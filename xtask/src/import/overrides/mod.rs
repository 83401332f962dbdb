//! Named fixes for known flaws of the doc pages (`spec/overrides/<name>.toml`).
//!
//! Each override names the flaw as it appears on the page (its precondition) and the
//! change that repairs it. The flaw is checked on every import against the page as
//! published: when a page no longer shows it, the import fails and names the override,
//! so a maintainer reviews the page and deletes the fix instead of it silently
//! overwriting a corrected page.
//!
//! ```toml
//! name = "otp-ref-id-is-text"
//! why = "One sentence: why the page is wrong."
//!
//! [[apply]]
//! pages = ["verify-customer-otp"]
//! flaw = { params = ["otp_ref_id"], type = "integer" }
//! change = { type = "string" }
//! ```

mod apply;

pub use apply::apply;

use super::error::ImportError;
use eko_spec::{BodyEncoding, EndpointKind, Format, Semantic, Type};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// Folder of override files, below the spec folder.
pub const OVERRIDES_DIR: &str = "overrides";

/// Description given to response fields that only the example shows.
pub const UNDOCUMENTED: &str = "Not in the page's response table; the example response shows it (type inferred from the example).";

/// One override file: a named fix and the pages it applies to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Kebab-case name, equal to the file stem; recorded in each fixed endpoint's `fixes`.
    pub name: String,
    /// Why the page is wrong, in one sentence.
    pub why: String,
    /// Where and how the fix applies.
    pub apply: Vec<Apply>,
    /// The file, for error messages (set when loaded).
    #[serde(skip)]
    pub file: String,
}

/// The same flaw, and its repair, on one or more pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Apply {
    /// Page slugs (file stems).
    pub pages: Vec<String>,
    /// The flaw as the page shows it: every condition given must hold.
    pub flaw: Flaw,
    /// The repair.
    #[serde(default)]
    pub change: Change,
    /// Line of this entry in the override file (set when loaded).
    #[serde(skip)]
    pub line: usize,
}

/// Conditions on the page as published. Parameter conditions hold for every named
/// parameter, response conditions for every named response path.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Flaw {
    /// Parameters the conditions (and the parameter changes) concern.
    #[serde(default)]
    pub params: Vec<String>,
    /// Response paths (below `data`) the conditions (and changes) concern.
    #[serde(default)]
    pub response: Vec<String>,
    /// The documented type.
    #[serde(rename = "type")]
    pub ty: Option<Type>,
    /// The documented example, exactly.
    pub example: Option<String>,
    /// Text the parameter's description contains.
    pub description_contains: Option<String>,
    /// The endpoint path taken from the `METHOD URL` line.
    pub path: Option<String>,
    /// Paths below `data` that the example response shows and the table does not list.
    #[serde(default)]
    pub undocumented: Vec<String>,
    /// Keys the example request shows that are not parameters.
    #[serde(default)]
    pub request_example_keys: Vec<String>,
    /// Fields the page shows beside the envelope, outside `data`: as response table rows
    /// without `data.`, or as keys of the example response.
    #[serde(default)]
    pub beside_envelope: Vec<String>,
}

/// What to change. Type, items, format, fields and example apply to the flaw's
/// parameters (type also to its response paths).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// The right type.
    #[serde(rename = "type")]
    pub ty: Option<Type>,
    /// The element type of an array.
    pub items: Option<Type>,
    /// A format the values must have.
    pub format: Option<Format>,
    /// What the values are (identifier, amount), where the field names mislead the
    /// general rule of `semantics.rs`.
    pub semantic: Option<Semantic>,
    /// Mark the values personal or secret, which the names do not reveal.
    #[serde(default)]
    pub sensitive: bool,
    /// The keys of an object (or of an array's objects), which the page names only in prose.
    #[serde(default)]
    pub fields: Vec<Field>,
    /// Replace the example with the value the example request shows, as JSON text.
    #[serde(default)]
    pub example_from_request: bool,
    /// Who calls whom.
    pub kind: Option<EndpointKind>,
    /// How the body travels.
    pub body: Option<BodyEncoding>,
    /// Add the flaw's `undocumented` paths to the response, typed from the example.
    #[serde(default)]
    pub add_undocumented: bool,
    /// Response paths whose objects have free-form keys (no fields to list).
    #[serde(default)]
    pub maps: Vec<String>,
    /// Remove the flaw's `request_example_keys` from the example request.
    #[serde(default)]
    pub drop_from_request_example: bool,
    /// Describe the flaw's `beside_envelope` fields as part of `data` (the runtime reads
    /// them from either place): their table rows move to the front of the response.
    #[serde(default)]
    pub into_data: bool,
    /// The page is the renamed successor of this endpoint id, although its method or
    /// path changed (a rename with the same call is found without an override).
    pub renamed_from: Option<String>,
}

/// A key of an object parameter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Field {
    /// Wire name.
    pub name: String,
    /// Type.
    #[serde(rename = "type")]
    pub ty: Type,
    /// Whether it must be present.
    pub required: bool,
    /// What it means, in our words.
    pub description: String,
    /// A format its values must have.
    pub format: Option<Format>,
    /// For arrays: the element type.
    pub items: Option<Type>,
}

/// Loads every `*.toml` in `spec_dir/overrides/`, sorted by file name. `label` is how the
/// spec folder is named in error messages (e.g. `spec`).
pub fn load(spec_dir: &Path, label: &str) -> Result<Vec<Override>, Vec<ImportError>> {
    let folder = spec_dir.join(OVERRIDES_DIR);
    let mut files: Vec<_> = match fs::read_dir(&folder) {
        Ok(entries) => entries
            .flatten()
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect(),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(error) => {
            return Err(vec![ImportError::new(
                format!("{label}/{OVERRIDES_DIR}"),
                1,
                format!("cannot read: {error}"),
            )]);
        }
    };
    files.sort();
    let mut errors = Vec::new();
    let mut overrides: Vec<Override> = Vec::new();
    for path in files {
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .unwrap_or_default()
            .to_owned();
        let file = format!("{label}/{OVERRIDES_DIR}/{stem}.toml");
        match fs::read_to_string(&path) {
            Ok(text) => match parse(&file, &stem, &text) {
                Ok(parsed) => overrides.push(parsed),
                Err(mut found) => errors.append(&mut found),
            },
            Err(error) => errors.push(ImportError::new(&file, 1, format!("cannot read: {error}"))),
        }
    }
    if errors.is_empty() {
        Ok(overrides)
    } else {
        Err(errors)
    }
}

/// Parses and checks one override file.
pub fn parse(file: &str, stem: &str, text: &str) -> Result<Override, Vec<ImportError>> {
    let mut parsed: Override = toml::from_str(text).map_err(|error| {
        let line = error.span().map_or(1, |span| line_at(text, span.start));
        vec![ImportError::new(
            file,
            line,
            format!("not a valid override: {}", error.message()),
        )]
    })?;
    parsed.file = file.to_owned();
    let entry_lines: Vec<usize> = text
        .match_indices("[[apply]]")
        .map(|(offset, _)| line_at(text, offset))
        .collect();
    for (index, apply) in parsed.apply.iter_mut().enumerate() {
        apply.line = entry_lines.get(index).copied().unwrap_or(1);
    }
    let mut errors = Vec::new();
    let fail = |line: usize, problem: &str| ImportError::new(file, line, problem.to_owned());
    if parsed.name != stem {
        errors.push(fail(
            1,
            &format!(
                "the override's name `{}` must equal its file name `{stem}`",
                parsed.name
            ),
        ));
    }
    if parsed.why.trim().is_empty() {
        errors.push(fail(
            1,
            "`why` must say, in one sentence, what is wrong with the page",
        ));
    }
    if parsed.apply.is_empty() {
        errors.push(fail(1, "an override needs at least one `[[apply]]` entry"));
    }
    for apply in &parsed.apply {
        if let Err(problem) = apply.validate() {
            errors.push(fail(apply.line, &problem));
        }
    }
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(errors)
    }
}

impl Apply {
    /// Rejects entries that check nothing, change nothing, or mix unrelated things.
    fn validate(&self) -> Result<(), String> {
        let flaw = &self.flaw;
        let change = &self.change;
        if self.pages.is_empty() {
            return Err("`pages` must name at least one page".into());
        }
        let has_target = !flaw.params.is_empty() || !flaw.response.is_empty();
        let target_condition =
            flaw.ty.is_some() || flaw.example.is_some() || flaw.description_contains.is_some();
        if !flaw.params.is_empty() && !flaw.response.is_empty() {
            return Err("a flaw names either `params` or `response` paths, not both".into());
        }
        if has_target != target_condition {
            return Err("`flaw.params`/`flaw.response` go with a condition on them (`type`, `example`, `description_contains`)".into());
        }
        if !flaw.response.is_empty()
            && (flaw.example.is_some() || flaw.description_contains.is_some())
        {
            return Err("response paths can only be checked by `type`".into());
        }
        if !has_target
            && flaw.path.is_none()
            && flaw.undocumented.is_empty()
            && flaw.beside_envelope.is_empty()
            && flaw.request_example_keys.is_empty()
        {
            return Err("`flaw` must describe what the page shows".into());
        }
        let param_change = change.items.is_some()
            || change.format.is_some()
            || !change.fields.is_empty()
            || change.example_from_request;
        if param_change && flaw.params.is_empty() {
            return Err("`items`, `format`, `fields` and `example_from_request` change the flaw's `params`; name them".into());
        }
        if change.ty.is_some() && !has_target {
            return Err(
                "`change.type` changes the flaw's `params` or `response` paths; name them".into(),
            );
        }
        if change.ty == Some(Type::File) && !flaw.response.is_empty() {
            return Err("a response field cannot be a file".into());
        }
        if change.add_undocumented && flaw.undocumented.is_empty() {
            return Err("`change.add_undocumented = true` needs `flaw.undocumented`".into());
        }
        if change
            .maps
            .iter()
            .any(|map| !flaw.undocumented.contains(map) && !flaw.response.contains(map))
        {
            return Err(
                "each of `change.maps` must be named by `flaw.undocumented` or `flaw.response`"
                    .into(),
            );
        }
        if flaw.request_example_keys.is_empty() == change.drop_from_request_example {
            return Err("`flaw.request_example_keys` and `change.drop_from_request_example = true` go together".into());
        }
        if flaw.beside_envelope.is_empty() == change.into_data {
            return Err("`flaw.beside_envelope` and `change.into_data = true` go together".into());
        }
        let any_change = change.ty.is_some()
            || param_change
            || change.kind.is_some()
            || change.body.is_some()
            || change.add_undocumented
            || !change.maps.is_empty()
            || change.into_data
            || change.renamed_from.is_some()
            || change.drop_from_request_example;
        if !any_change {
            return Err("`change` must change something".into());
        }
        Ok(())
    }
}

fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// Pages that overrides name but that are not among `imported` slugs.
pub fn unknown_pages<'a>(
    overrides: &'a [Override],
    imported: &BTreeSet<String>,
) -> Vec<(&'a Override, usize, &'a str)> {
    let mut unknown = Vec::new();
    for item in overrides {
        for entry in &item.apply {
            for page in &entry.pages {
                if !imported.contains(page) {
                    unknown.push((item, entry.line, page.as_str()));
                }
            }
        }
    }
    unknown
}
