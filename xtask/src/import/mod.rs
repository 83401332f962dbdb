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
pub mod cli;
mod complete;
mod draft;
mod enumerations;
mod error;
mod example;
mod groups;
mod infer;
mod lifecycle;
mod markdown;
mod overrides;
mod page;
mod parse;
mod response;
mod semantics;
mod sources;
mod tables;
mod undocumented;
mod write;

pub use check::Difference;
pub use cli::run;
pub use error::ImportError;

use eko_spec::{Endpoint, GROUPS_FILE, Shared};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The file of shared definitions, below the spec folder.
pub use eko_spec::SHARED_FILE;

/// A spec file the import would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecFile {
    /// Relative to the spec folder, e.g. `endpoints/customer/onboard-customer.toml`.
    pub path: PathBuf,
    /// The full contents.
    pub text: String,
}

/// A spec file the import would delete, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deletion {
    /// Relative to the spec folder.
    pub path: PathBuf,
    /// Why: the endpoint moved group, or was renamed.
    pub why: String,
}

/// How strictly pages are held to the spec's overrides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The pages are the version the spec follows: every override must still find its
    /// flaw, and every page it names must be among them.
    Follow,
    /// A dry run over another docs version: overrides that do not fit are reported,
    /// not errors. Nothing is written.
    DryRun,
}

/// Everything an import would do, computed without touching the spec folder.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Pages read.
    pub pages: usize,
    /// The docs version imported, when the input is one whole dated folder.
    pub version: Option<String>,
    /// Every file to write: one per endpoint (sorted by path), then `groups.toml` and
    /// `shared.toml`.
    pub files: Vec<SpecFile>,
    /// Files to delete.
    pub deletions: Vec<Deletion>,
    /// Endpoints renamed in this version: (former id, new id).
    pub renamed: Vec<(String, String)>,
    /// Endpoints newly marked removed.
    pub removed: Vec<String>,
    /// Endpoints new in this version.
    pub added: Vec<String>,
    /// What was kept or inferred without an error: unknown sections, fields only the
    /// examples show, new groups, overrides a dry run could not apply.
    pub warnings: Vec<ImportError>,
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
    /// Files deleted.
    pub deleted: Vec<PathBuf>,
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

fn invalid(file: &str, problem: impl Into<String>) -> Failure {
    Failure::Invalid(vec![ImportError::new(file, 1, problem)])
}

/// Reads and converts every page named by `inputs` against the spec in `spec_dir`
/// (shared definitions, groups, overrides and the endpoints as they are), without
/// writing anything.
pub fn plan(spec_dir: &Path, inputs: &[PathBuf], mode: Mode) -> Result<Plan, Failure> {
    let started = Instant::now();
    let importer = PageImporter::load(spec_dir)?;
    let mut shared = importer.shared.clone();
    let (old, old_files) = existing_endpoints(spec_dir, &spec_label(spec_dir))?;
    let (pages, any_folder) =
        sources::collect(inputs).map_err(|(path, error)| Failure::Io { path, error })?;
    let version = whole_version(inputs, &pages, any_folder);

    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut endpoints = Vec::new();
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
        match importer.convert(source, &text, mode) {
            Ok((endpoint, mut found)) => {
                endpoints.push(endpoint);
                warnings.append(&mut found);
            }
            Err(mut found) => errors.append(&mut found),
        }
    }
    if any_folder {
        for (item, line, page) in overrides::unknown_pages(&importer.overrides, &ids) {
            let problem = ImportError::new(
                &item.file,
                line,
                format!(
                    "override `{}` names page `{page}`, which is not among the imported pages; \
                     the page is gone or renamed: remove or rename it in the override",
                    item.name
                ),
            );
            match mode {
                Mode::Follow => errors.push(problem),
                Mode::DryRun => warnings.push(problem),
            }
        }
    }
    if !errors.is_empty() {
        // Page order, then line order: the report reads like the pages.
        errors.sort_by(|a, b| (&a.page, a.line).cmp(&(&b.page, b.line)));
        return Err(Failure::Invalid(errors));
    }

    let decisions =
        lifecycle::carry(&old, &mut endpoints, version.as_deref()).map_err(Failure::Invalid)?;
    let groups_before = shared.groups.clone();
    warnings.extend(groups::assign(&mut endpoints, &mut shared.groups));

    check_generates(&shared, &old, &endpoints, &decisions, mode, &mut warnings)?;

    let mut files = Vec::new();
    for endpoint in endpoints.iter().chain(&decisions.removed) {
        let text =
            write::render(endpoint).map_err(|problem| invalid(&endpoint.source.page, problem))?;
        files.push(SpecFile {
            path: write::relative_path(endpoint),
            text,
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    if shared.groups != groups_before {
        let current = read_spec_file(spec_dir, GROUPS_FILE)?;
        files.push(SpecFile {
            path: PathBuf::from(GROUPS_FILE),
            text: write::render_groups(&current, &shared.groups)
                .map_err(|problem| invalid(GROUPS_FILE, problem))?,
        });
    }
    if let Some(version) = &version
        && *version != shared.docs_version
    {
        let current = read_spec_file(spec_dir, SHARED_FILE)?;
        files.push(SpecFile {
            path: PathBuf::from(SHARED_FILE),
            text: write::set_docs_version(&current, version)
                .map_err(|problem| invalid(SHARED_FILE, problem))?,
        });
    }

    // Files of endpoints that moved folder, or whose endpoint now lives under a new name.
    let planned: BTreeSet<&PathBuf> = files.iter().map(|file| &file.path).collect();
    let renamed_away: BTreeSet<&str> = endpoints
        .iter()
        .flat_map(|endpoint| &endpoint.lifecycle.renamed_from)
        .map(|alias| alias.id.as_str())
        .filter(|id| !ids.contains(*id))
        .collect();
    let mut deletions = Vec::new();
    for (path, id) in old_files {
        if planned.contains(&path) {
            continue;
        }
        if renamed_away.contains(id.as_str()) {
            deletions.push(Deletion {
                path,
                why: "renamed: a deprecated alias of the new name replaces it".into(),
            });
        } else if ids.contains(&id) {
            deletions.push(Deletion {
                path,
                why: "its endpoint moved to another group folder".into(),
            });
        }
    }
    Ok(Plan {
        pages: pages.len(),
        version,
        files,
        deletions,
        renamed: decisions.renamed,
        removed: decisions
            .removed
            .iter()
            .map(|endpoint| endpoint.id.clone())
            .collect(),
        added: decisions.added,
        warnings,
        elapsed: started.elapsed(),
    })
}

/// The spec as the import would leave it must pass the generator's validation, so a
/// page that imports but could not generate stops here, before anything is written,
/// naming its page. (A dry run over another version only reports it.)
fn check_generates(
    shared: &Shared,
    old: &BTreeMap<String, Endpoint>,
    endpoints: &[Endpoint],
    decisions: &lifecycle::Decisions,
    mode: Mode,
    warnings: &mut Vec<ImportError>,
) -> Result<(), Failure> {
    let mut all: BTreeMap<&str, &Endpoint> = old
        .iter()
        .filter(|(_, endpoint)| endpoint.is_removed())
        .map(|(id, endpoint)| (id.as_str(), endpoint))
        .collect();
    for endpoint in endpoints.iter().chain(&decisions.removed) {
        all.insert(&endpoint.id, endpoint);
    }
    let bundle = eko_spec::Bundle {
        shared: shared.clone(),
        endpoints: all.into_values().cloned().collect(),
    };
    let mut found = codegen::validate::validate(&bundle);
    if found.is_empty() {
        // Validation does not see every Rust name the generator derives (the nested
        // types of two fields can meet); building the IR does.
        found = codegen::ir::build(&bundle)
            .err()
            .map_or_else(Vec::new, |errors| errors.0);
    }
    let problems: Vec<ImportError> = found
        .into_iter()
        .map(|problem| {
            let page = problem
                .endpoint
                .as_ref()
                .and_then(|id| bundle.endpoints.iter().find(|endpoint| &endpoint.id == id))
                .map_or_else(
                    || problem.file.display().to_string(),
                    |endpoint| endpoint.source.page.clone(),
                );
            let field = problem
                .field
                .map(|field| format!("`{field}`: "))
                .unwrap_or_default();
            ImportError::new(
                page,
                1,
                format!("{field}{} (the generator would reject it)", problem.message),
            )
        })
        .collect();
    match (mode, problems.is_empty()) {
        (_, true) => Ok(()),
        (Mode::Follow, false) => Err(Failure::Invalid(problems)),
        (Mode::DryRun, false) => {
            warnings.extend(problems);
            Ok(())
        }
    }
}

/// The dated folder's name, when the input is exactly one folder of pages.
fn whole_version(
    inputs: &[PathBuf],
    pages: &[sources::PageFile],
    any_folder: bool,
) -> Option<String> {
    let [_] = inputs else { return None };
    if !any_folder {
        return None;
    }
    pages.first().map(|page| page.version.clone())
}

fn read_spec_file(spec_dir: &Path, file: &str) -> Result<String, Failure> {
    let path = spec_dir.join(file);
    fs::read_to_string(&path).map_err(io_failure(&path))
}

/// The endpoints of the spec as it is, by id, and every endpoint file with its id.
type Existing = (BTreeMap<String, Endpoint>, Vec<(PathBuf, String)>);

fn existing_endpoints(spec_dir: &Path, label: &str) -> Result<Existing, Failure> {
    let mut found = BTreeMap::new();
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in existing_endpoint_files(spec_dir)? {
        let text = read_spec_file(spec_dir, &path.to_string_lossy())?;
        match toml::from_str::<Endpoint>(&text) {
            Ok(endpoint) => {
                // A copy in the folder of its group wins over a stray one elsewhere.
                let home = write::relative_path(&endpoint) == path;
                files.push((path, endpoint.id.clone()));
                if home || !found.contains_key(&endpoint.id) {
                    found.insert(endpoint.id.clone(), endpoint);
                }
            }
            Err(error) => errors.push(ImportError::new(
                format!("{label}/{}", path.display()),
                1,
                format!("cannot read the spec file: {}", error.message()),
            )),
        }
    }
    if errors.is_empty() {
        Ok((found, files))
    } else {
        Err(Failure::Invalid(errors))
    }
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

/// Imports the pages into `spec_dir`: writes every changed file, deletes the files of
/// renamed and moved endpoints. Nothing is written unless every page imports cleanly.
pub fn import(spec_dir: &Path, inputs: &[PathBuf]) -> Result<(Plan, Written), Failure> {
    let plan = plan(spec_dir, inputs, Mode::Follow)?;
    let mut outcome = Written::default();
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
    for deletion in &plan.deletions {
        let target = spec_dir.join(&deletion.path);
        fs::remove_file(&target).map_err(io_failure(&target))?;
        outcome.deleted.push(deletion.path.clone());
    }
    Ok((plan, outcome))
}

/// Compares `spec_dir` with what importing the pages would write.
pub fn check(spec_dir: &Path, inputs: &[PathBuf]) -> Result<(Plan, Vec<Difference>), Failure> {
    let plan = plan(spec_dir, inputs, Mode::Follow)?;
    let found = check::differences(spec_dir, &plan).map_err(|error| Failure::Io {
        path: spec_dir.to_path_buf(),
        error,
    })?;
    Ok((plan, found))
}

/// How the spec folder is named in error messages (e.g. `spec`).
fn spec_label(spec_dir: &Path) -> String {
    spec_dir.file_name().map_or_else(
        || "spec".to_owned(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// What converting a page needs from a spec folder (shared definitions, formats,
/// envelope, overrides), read once, so that page texts can then be converted without
/// touching the filesystem: for the fuzzer and for tests that hold a page as text.
pub struct PageImporter {
    shared: Shared,
    overrides: Vec<overrides::Override>,
    formats: infer::Formats,
    envelope: Vec<String>,
}

impl PageImporter {
    /// Reads what [`plan`] reads from `spec_dir` before it converts pages.
    pub fn load(spec_dir: &Path) -> Result<Self, Failure> {
        let label = spec_label(spec_dir);
        let shared = codegen::load::load_shared(spec_dir).map_err(|error| {
            invalid(&format!("{label}/{}", error.file.display()), error.message)
        })?;
        let formats = infer::Formats::new(&shared)
            .map_err(|problem| invalid(&format!("{label}/{SHARED_FILE}"), problem))?;
        let envelope = shared
            .envelope
            .iter()
            .map(|field| field.name.clone())
            .collect();
        let overrides = overrides::load(spec_dir, &label).map_err(Failure::Invalid)?;
        Ok(PageImporter {
            shared,
            overrides,
            formats,
            envelope,
        })
    }

    /// Converts one page's `text`, as if it were the file `file` (e.g.
    /// `onboard-customer.md`) of the docs folder `version`, exactly as [`plan`] converts
    /// each page: parse, build, overrides, complete. Returns the endpoint and its warnings.
    pub fn import_page(
        &self,
        file: &str,
        version: &str,
        text: &str,
        mode: Mode,
    ) -> Result<(Endpoint, Vec<ImportError>), Vec<ImportError>> {
        let source = sources::PageFile {
            path: PathBuf::from(version).join(file),
            file: file.to_owned(),
            version: version.to_owned(),
        };
        self.convert(&source, text, mode)
    }

    /// One page: parse, build, overrides (a dry run only reports those that do not
    /// fit), complete.
    fn convert(
        &self,
        source: &sources::PageFile,
        text: &str,
        mode: Mode,
    ) -> Result<(Endpoint, Vec<ImportError>), Vec<ImportError>> {
        let page =
            parse::parse_page(&source.file, &source.version, text).map_err(|error| vec![error])?;
        let mut draft = build::build(&page, &self.shared)?;
        if let Err(problems) = overrides::apply(&mut draft, &self.overrides) {
            match mode {
                Mode::Follow => return Err(problems),
                Mode::DryRun => draft.warnings.extend(problems),
            }
        }
        complete::complete(&mut draft, &self.formats, &self.envelope)?;
        Ok((draft.endpoint, draft.warnings))
    }

    /// The spec [`plan`] validates, for these converted pages alone: each endpoint
    /// given its group as `plan` gives it (new groups added to the shared definitions).
    pub fn bundle(&self, mut endpoints: Vec<Endpoint>) -> eko_spec::Bundle {
        let mut shared = self.shared.clone();
        groups::assign(&mut endpoints, &mut shared.groups);
        eko_spec::Bundle { shared, endpoints }
    }

    /// The spec file [`plan`] would write for `endpoint`, or why it cannot be written.
    pub fn render(endpoint: &Endpoint) -> Result<SpecFile, String> {
        Ok(SpecFile {
            path: write::relative_path(endpoint),
            text: write::render(endpoint)?,
        })
    }
}
