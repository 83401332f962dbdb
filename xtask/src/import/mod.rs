//! `cargo xtask import [--check] PAGE.md|DIR ...`: Eko's doc pages → `spec/endpoints/`.
//!
//! ```text
//! page.md ──markdown──▶ blocks ──parse──▶ Page ──build──▶ Draft ──overrides──▶ ──complete──▶ Endpoint ──write──▶ TOML
//! ```
//!
//! Every page is read and checked before anything is written: one bad page means no
//! file changes. Known flaws of the pages are repaired only by the named overrides in
//! `spec/overrides/`, each of which must still find its flaw on the page.

mod build;
mod check;
mod cli;
mod complete;
mod draft;
mod error;
mod example;
mod infer;
mod markdown;
mod overrides;
mod page;
mod parse;
mod response;
mod sources;
mod write;

pub use check::Difference;
pub use cli::run;
pub use error::ImportError;

use eko_spec::Shared;
use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The file of shared definitions, below the spec folder.
pub const SHARED_FILE: &str = "shared.toml";

/// A spec file the import would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecFile {
    /// Relative to the spec folder, e.g. `endpoints/customer/onboard-customer.toml`.
    pub path: PathBuf,
    /// The full contents.
    pub text: String,
}

/// Everything an import would do, computed without touching the spec folder.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Pages read.
    pub pages: usize,
    /// One file per endpoint, sorted by path.
    pub files: Vec<SpecFile>,
    /// Existing files for the same endpoints in another group's folder (to remove).
    pub misplaced: Vec<PathBuf>,
    /// Existing endpoint files no page produces (only computed when a folder was imported).
    pub unclaimed: Vec<PathBuf>,
    /// Time spent reading and converting the pages.
    pub elapsed: Duration,
}

/// What an import changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Files created or rewritten.
    pub written: Vec<PathBuf>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Misplaced files removed.
    pub removed: Vec<PathBuf>,
    /// Endpoint files no page produces; left alone for a maintainer to delete.
    pub unclaimed: Vec<PathBuf>,
}

/// Why an import or check could not complete.
#[derive(Debug)]
pub enum Failure {
    /// Problems in the pages or overrides; nothing was written.
    Invalid(Vec<ImportError>),
    /// A file could not be read or written.
    Io {
        /// The file.
        path: PathBuf,
        /// What happened.
        error: io::Error,
    },
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Invalid(errors) => {
                for error in errors {
                    writeln!(f, "{error}")?;
                }
                write!(
                    f,
                    "{} problem{}; nothing was written",
                    errors.len(),
                    if errors.len() == 1 { "" } else { "s" }
                )
            }
            Failure::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

impl std::error::Error for Failure {}

fn io_failure(path: &Path) -> impl FnOnce(io::Error) -> Failure + '_ {
    move |error| Failure::Io {
        path: path.to_path_buf(),
        error,
    }
}

/// Reads and converts every page named by `inputs` against the spec in `spec_dir`
/// (shared definitions and overrides), without writing anything.
pub fn plan(spec_dir: &Path, inputs: &[PathBuf]) -> Result<Plan, Failure> {
    let started = Instant::now();
    let label = spec_dir.file_name().map_or_else(
        || "spec".to_owned(),
        |name| name.to_string_lossy().into_owned(),
    );
    let shared_path = spec_dir.join(SHARED_FILE);
    let shared_text = fs::read_to_string(&shared_path).map_err(io_failure(&shared_path))?;
    let shared: Shared = toml::from_str(&shared_text).map_err(|error| {
        let line = error.span().map_or(1, |span| {
            shared_text[..span.start].matches('\n').count() + 1
        });
        Failure::Invalid(vec![ImportError::new(
            format!("{label}/{SHARED_FILE}"),
            line,
            error.message(),
        )])
    })?;
    let formats = infer::Formats::new(&shared).map_err(|problem| {
        Failure::Invalid(vec![ImportError::new(
            format!("{label}/{SHARED_FILE}"),
            1,
            problem,
        )])
    })?;
    let envelope: Vec<String> = shared
        .envelope
        .iter()
        .map(|field| field.name.clone())
        .collect();
    let overrides = overrides::load(spec_dir, &label).map_err(Failure::Invalid)?;
    let (pages, any_folder) =
        sources::collect(inputs).map_err(|(path, error)| Failure::Io { path, error })?;

    let mut errors = Vec::new();
    let mut files = Vec::new();
    let mut ids = BTreeSet::new();
    for source in &pages {
        let text = fs::read_to_string(&source.path).map_err(io_failure(&source.path))?;
        let id = source
            .file
            .strip_suffix(".md")
            .unwrap_or(&source.file)
            .to_owned();
        if !ids.insert(id.clone()) {
            errors.push(ImportError::new(
                &source.file,
                1,
                format!("two imported pages are named `{}`", source.file),
            ));
            continue;
        }
        match import_page(source, &text, &shared, &overrides, &formats, &envelope) {
            Ok(file) => files.push(file),
            Err(mut found) => errors.append(&mut found),
        }
    }
    if any_folder {
        for (item, line, page) in overrides::unknown_pages(&overrides, &ids) {
            errors.push(ImportError::new(
                &item.file,
                line,
                format!(
                    "override `{}` names page `{page}`, which is not among the imported pages",
                    item.name
                ),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Invalid(errors));
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let existing = existing_endpoint_files(spec_dir)?;
    let planned: BTreeSet<&PathBuf> = files.iter().map(|file| &file.path).collect();
    let stem = |path: &PathBuf| {
        path.file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let mut misplaced = Vec::new();
    let mut unclaimed = Vec::new();
    for path in existing.into_iter().filter(|path| !planned.contains(path)) {
        if ids.contains(&stem(&path)) {
            misplaced.push(path);
        } else if any_folder {
            unclaimed.push(path);
        }
    }
    Ok(Plan {
        pages: pages.len(),
        files,
        misplaced,
        unclaimed,
        elapsed: started.elapsed(),
    })
}

fn import_page(
    source: &sources::PageFile,
    text: &str,
    shared: &Shared,
    overrides: &[overrides::Override],
    formats: &infer::Formats,
    envelope: &[String],
) -> Result<SpecFile, Vec<ImportError>> {
    let page =
        parse::parse_page(&source.file, &source.version, text).map_err(|error| vec![error])?;
    let mut draft = build::build(&page, shared)?;
    overrides::apply(&mut draft, overrides)?;
    complete::complete(&mut draft, formats, envelope)?;
    let text = write::render(&draft.endpoint)
        .map_err(|problem| vec![draft.error(draft.lines.title, problem)])?;
    Ok(SpecFile {
        path: write::relative_path(&draft.endpoint),
        text,
    })
}

/// Endpoint files below `spec_dir/endpoints/`, relative to `spec_dir`, sorted.
fn existing_endpoint_files(spec_dir: &Path) -> Result<Vec<PathBuf>, Failure> {
    let root = spec_dir.join(write::ENDPOINTS_DIR);
    let mut found = Vec::new();
    let groups = match fs::read_dir(&root) {
        Ok(groups) => groups,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(error) => return Err(Failure::Io { path: root, error }),
    };
    for group in groups.flatten().filter(|entry| entry.path().is_dir()) {
        let files = fs::read_dir(group.path()).map_err(io_failure(&group.path()))?;
        for file in files.flatten() {
            let path = file.path();
            if path.extension().is_some_and(|ext| ext == "toml") {
                let relative = PathBuf::from(write::ENDPOINTS_DIR)
                    .join(group.file_name())
                    .join(file.file_name());
                found.push(relative);
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Imports the pages into `spec_dir`: writes every changed file, removes misplaced ones.
/// Nothing is written unless every page imports cleanly.
pub fn import(spec_dir: &Path, inputs: &[PathBuf]) -> Result<(Plan, Written), Failure> {
    let plan = plan(spec_dir, inputs)?;
    let mut outcome = Written {
        unclaimed: plan.unclaimed.clone(),
        ..Written::default()
    };
    for file in &plan.files {
        let target = spec_dir.join(&file.path);
        if fs::read_to_string(&target).is_ok_and(|current| current == file.text) {
            outcome.unchanged += 1;
            continue;
        }
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder).map_err(io_failure(folder))?;
        }
        fs::write(&target, &file.text).map_err(io_failure(&target))?;
        outcome.written.push(file.path.clone());
    }
    for path in &plan.misplaced {
        let target = spec_dir.join(path);
        fs::remove_file(&target).map_err(io_failure(&target))?;
        outcome.removed.push(path.clone());
    }
    Ok((plan, outcome))
}

/// Compares `spec_dir` with what importing the pages would write.
pub fn check(spec_dir: &Path, inputs: &[PathBuf]) -> Result<(Plan, Vec<Difference>), Failure> {
    let plan = plan(spec_dir, inputs)?;
    let found = check::differences(spec_dir, &plan).map_err(|error| Failure::Io {
        path: spec_dir.to_path_buf(),
        error,
    })?;
    Ok((plan, found))
}
