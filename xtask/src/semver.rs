//! `cargo xtask semver --from REV [--to REV]`: cross-checks the changelog's semver
//! verdict for a docs update with `cargo-semver-checks`.
//!
//! The changelog engine (`codegen::changelog`) judges an update from the spec, through the
//! IR; cargo-semver-checks judges the compiled crate, from `eko-api`'s rustdoc JSON at both
//! revisions. This command runs both on the same pair of revisions (`--to` defaults to the
//! working tree, as `cargo xtask changelog` does) and prints their verdicts side by side,
//! the lints cargo-semver-checks reported, and where and why the two differ.
//!
//! Exit status: 0 when both imply the same version bump, 1 when they do not (or one side
//! cannot be computed, e.g. cargo-semver-checks is not installed), 2 for a usage error.
//!
//! cargo-semver-checks is a maintainer tool: CI does not install it (its build takes about
//! 15 minutes), and each run builds `eko-api`'s rustdoc JSON twice, which takes minutes.
//! It runs as `cargo semver-checks check-release -p eko-api --baseline-rev FROM
//! --release-type patch`: cargo-semver-checks skips every lint the release type already
//! allows, and `eko-api`'s version at `--to` states the bump the changelog chose (0.1.0 →
//! 0.2.0 is "major" below 1.0), which would skip all the breaking-change lints. With
//! `--release-type patch` every lint runs, and its verdict is the `Summary semver requires
//! new X version` line, which [`parse_report`] reads.

use crate::changelog::{spec_at, version_at};
use codegen::changelog::{
    ChangeKind, Changelog, FieldWhat, Impact, Surface, Verdict, compare, next_version,
    rust_type_name,
};
use std::collections::{BTreeMap, BTreeSet};
use std::env;
use std::ffi::OsString;
use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

const USAGE: &str = "\
usage: cargo xtask semver --from REV [--to REV]

Runs cargo-semver-checks on eko-api between git revisions REV (before a docs update) and
--to REV (default: the working tree), computes the changelog engine's verdict for the same
pair of specs, and prints both. Exit status 0 when they imply the same version bump.
Needs cargo-semver-checks (not installed by CI): cargo install cargo-semver-checks --locked";

/// The crate both sides judge.
const PACKAGE: &str = "eko-api";
/// The cargo subcommand's binary.
const TOOL: &str = "cargo-semver-checks";
/// Where this machine's maintainer tools are installed, besides `PATH` and `$CARGO_HOME/bin`.
const TOOLS_BIN: &str = "/work/tools/bin";

/// Runs `cargo xtask semver`.
pub fn run(args: &[String]) -> ExitCode {
    let mut from = None;
    let mut to = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--from" => from = args.next().cloned(),
            "--to" => to = args.next().cloned(),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("semver: unexpected `{other}`\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(from) = from else {
        eprintln!("semver: name the revision before the update with --from\n{USAGE}");
        return ExitCode::from(2);
    };
    let Some(tool) = find_tool() else {
        eprintln!(
            "semver: {TOOL} not found (looked in PATH, $CARGO_HOME/bin and {TOOLS_BIN}).\n\
             Install it once (a ~15 minute build; CI does not run this check):\n\n    \
             cargo install {TOOL} --locked\n"
        );
        return ExitCode::FAILURE;
    };
    match check(&crate::workspace_root(), &tool, &from, to.as_deref()) {
        Ok(comparison) => {
            print!("{}", comparison.text);
            if comparison.agree {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Err(problem) => {
            eprintln!("semver: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// The printed comparison and whether the two verdicts imply the same bump.
struct Comparison {
    text: String,
    agree: bool,
}

/// Both verdicts for `from` → `to` (the working tree when `None`).
fn check(root: &Path, tool: &Path, from: &str, to: Option<&str>) -> Result<Comparison, String> {
    let from_commit = commit(root, from)?;
    let to_commit = to.map(|rev| commit(root, rev)).transpose()?;
    // The worktree is removed when this guard drops, on every return path.
    let worktree = to_commit
        .as_deref()
        .map(|rev| Worktree::add(root, rev))
        .transpose()?;
    let dir = worktree.as_ref().map_or(root, |worktree| &worktree.dir);

    // The engine first: it takes a second, and a spec that does not load should not wait
    // for two rustdoc builds.
    let changelog = engine_changelog(root, &from_commit, &dir.join("spec"))?;
    let base_version = version_at(root, &from_commit)?;
    let current_version = manifest_version(dir)?;

    let target_dir = target_dir(root);
    let run = run_semver_checks(tool, dir, &from_commit, worktree.is_some(), &target_dir)?;
    let to_name = to_commit.as_deref().map_or("worktree", short);
    let saved = save_run(&target_dir, &from_commit, to_name, &run);
    let report = parse_report(&run.stdout, &run.stderr)?;
    let levels = lint_levels(tool);

    let input = Input {
        from: short(&from_commit),
        to: to_commit.as_deref().map_or("working tree", short),
        tool_version: tool_version(tool),
        base_version: &base_version,
        current_version: &current_version,
        changelog: &changelog,
        report: &report,
        levels: &levels,
        saved: saved.as_deref(),
    };
    render(&input)
}

/// The changelog engine's comparison of the spec at `from` with the spec in `after_dir`.
fn engine_changelog(root: &Path, from: &str, after_dir: &Path) -> Result<Changelog, String> {
    let before_dir = spec_at(root, from)?;
    let before =
        codegen::load_spec(&before_dir).map_err(|errors| format!("the spec at {from}: {errors}"));
    let _ = fs::remove_dir_all(before_dir.parent().unwrap_or(&before_dir));
    let after = codegen::load_spec(after_dir)
        .map_err(|errors| format!("the spec in {}: {errors}", after_dir.display()))?;
    compare(&before?, &after, Surface::current()).map_err(|errors| errors.to_string())
}

/// The full commit hash `rev` names (so that `HEAD` means the same inside a worktree).
fn commit(root: &Path, rev: &str) -> Result<String, String> {
    let output = Command::new("git")
        .current_dir(root)
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    let hash = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    if output.status.success() && !hash.is_empty() {
        Ok(hash)
    } else {
        Err(format!("`{rev}` is not a commit"))
    }
}

fn short(hash: &str) -> &str {
    &hash[..hash.len().min(7)]
}

/// A temporary `git worktree` of one revision, removed on drop.
struct Worktree {
    repo: PathBuf,
    dir: PathBuf,
}

impl Worktree {
    fn add(repo: &Path, rev: &str) -> Result<Worktree, String> {
        let dir = env::temp_dir().join(format!("eko-semver-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let status = Command::new("git")
            .current_dir(repo)
            .args(["worktree", "add", "--quiet", "--detach"])
            .arg(&dir)
            .arg(rev)
            .status()
            .map_err(|error| format!("cannot run git: {error}"))?;
        if !status.success() {
            return Err(format!("`git worktree add {} {rev}` failed", dir.display()));
        }
        Ok(Worktree {
            repo: repo.to_owned(),
            dir,
        })
    }
}

impl Drop for Worktree {
    fn drop(&mut self) {
        let removed = Command::new("git")
            .current_dir(&self.repo)
            .args(["worktree", "remove", "--force"])
            .arg(&self.dir)
            .status()
            .is_ok_and(|status| status.success());
        if !removed {
            let _ = fs::remove_dir_all(&self.dir);
            let _ = Command::new("git")
                .current_dir(&self.repo)
                .args(["worktree", "prune"])
                .status();
        }
    }
}

/// `cargo-semver-checks` in `PATH`, `$CARGO_HOME/bin` (default `~/.cargo/bin`) or
/// [`TOOLS_BIN`].
fn find_tool() -> Option<PathBuf> {
    let name = format!("{TOOL}{}", env::consts::EXE_SUFFIX);
    let mut dirs: Vec<PathBuf> = env::var_os("PATH")
        .map(|path| env::split_paths(&path).collect())
        .unwrap_or_default();
    let cargo_home = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")));
    dirs.extend(cargo_home.map(|home| home.join("bin")));
    dirs.push(PathBuf::from(TOOLS_BIN));
    dirs.into_iter()
        .map(|dir| dir.join(&name))
        .find(|path| path.is_file())
}

/// `cargo semver-checks ...` with the folder of `tool` first in `PATH`, so that cargo
/// finds the subcommand wherever [`find_tool`] found it.
fn cargo_semver_checks(tool: &Path) -> Command {
    let mut dirs: Vec<PathBuf> = tool.parent().map(Path::to_owned).into_iter().collect();
    if let Some(path) = env::var_os("PATH") {
        dirs.extend(env::split_paths(&path));
    }
    let path = env::join_paths(dirs).unwrap_or_else(|_| env::var_os("PATH").unwrap_or_default());
    let mut command = Command::new(env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo")));
    command.env("PATH", path).arg("semver-checks");
    command
}

/// `cargo-semver-checks 0.51.0`, or what is known when `--version` fails.
fn tool_version(tool: &Path) -> String {
    cargo_semver_checks(tool)
        .arg("--version")
        .output()
        .ok()
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned())
        .filter(|version| !version.is_empty())
        .unwrap_or_else(|| format!("{TOOL} (unknown version)"))
}

/// The cargo target folder: `$CARGO_TARGET_DIR` or the workspace's `target/`.
fn target_dir(root: &Path) -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|dir| {
            if dir.is_relative() {
                root.join(dir)
            } else {
                dir
            }
        })
        .unwrap_or_else(|| root.join("target"))
}

/// What one cargo-semver-checks run printed.
struct Run {
    stdout: String,
    stderr: String,
}

/// Runs `check-release` in `dir` against `from`, echoing its progress (stderr) as it goes.
/// In a worktree, the workspace's target folder is shared, so the dependencies' rustdoc
/// builds and the baseline checkout under `target/semver-checks/` are reused.
fn run_semver_checks(
    tool: &Path,
    dir: &Path,
    from: &str,
    in_worktree: bool,
    target_dir: &Path,
) -> Result<Run, String> {
    let mut command = cargo_semver_checks(tool);
    command
        .current_dir(dir)
        .args(["check-release", "-p", PACKAGE, "--baseline-rev", from])
        .args(["--release-type", "patch", "--color", "never"])
        .env("CARGO_TERM_COLOR", "never")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if in_worktree {
        command.env("CARGO_TARGET_DIR", target_dir);
    }
    eprintln!(
        "semver: cargo semver-checks check-release -p {PACKAGE} --baseline-rev {} --release-type patch (in {}; builds rustdoc JSON twice, takes minutes)",
        short(from),
        dir.display()
    );
    let mut child = command
        .spawn()
        .map_err(|error| format!("cannot run cargo semver-checks: {error}"))?;
    let stderr = child.stderr.take().expect("stderr is piped");
    let echo = std::thread::spawn(move || {
        let mut captured = String::new();
        for line in BufReader::new(stderr).split(b'\n') {
            let Ok(line) = line else { break };
            let line = String::from_utf8_lossy(&line);
            eprintln!("  | {}", line.trim_end());
            captured.push_str(&line);
            captured.push('\n');
        }
        captured
    });
    let mut stdout = Vec::new();
    let read = child
        .stdout
        .take()
        .expect("stdout is piped")
        .read_to_end(&mut stdout);
    let status = child.wait();
    let stderr = echo.join().unwrap_or_default();
    read.map_err(|error| format!("reading cargo semver-checks' output: {error}"))?;
    status.map_err(|error| format!("waiting for cargo semver-checks: {error}"))?;
    // Its exit status says only "some lint failed"; the report says which bump.
    Ok(Run {
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
    })
}

/// Keeps the full report (every item of every lint) next to cargo-semver-checks' own
/// files; returns the stdout file, or `None` if it cannot be written.
fn save_run(target_dir: &Path, from: &str, to: &str, run: &Run) -> Option<PathBuf> {
    let dir = target_dir.join("semver-checks");
    let stem = format!("xtask-{PACKAGE}-{}-{to}", short(from));
    fs::create_dir_all(&dir).ok()?;
    let stdout = dir.join(format!("{stem}.stdout"));
    fs::write(&stdout, &run.stdout).ok()?;
    fs::write(dir.join(format!("{stem}.stderr")), &run.stderr).ok()?;
    Some(stdout)
}

/// `eko-api`'s version in the manifest under `dir`.
fn manifest_version(dir: &Path) -> Result<String, String> {
    let path = dir.join(PACKAGE).join("Cargo.toml");
    let text = fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))?;
    text.lines()
        .find_map(|line| line.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_owned)
        .ok_or_else(|| format!("no version in {}", path.display()))
}

/// The level of a lint, as `check-release --list` states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// A failure requires a new major version (below 1.0: a new minor one).
    Major,
    /// A failure requires a new minor version (below 1.0: a new patch one).
    Minor,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Major => "major",
            Level::Minor => "minor",
        }
    }

    /// The changelog verdict of the same strength.
    pub fn verdict(required: Option<Level>) -> Verdict {
        match required {
            Some(Level::Major) => Verdict::Breaking,
            Some(Level::Minor) => Verdict::Additive,
            None => Verdict::Compatible,
        }
    }
}

/// One lint that fired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// `constructible_struct_adds_field`.
    pub id: String,
    /// `false` for a failure, `true` for a warning (which does not require a bump).
    pub warning: bool,
    /// The lines under `Failed in:`, one per item, without their indentation.
    pub items: Vec<String>,
}

/// What `cargo semver-checks check-release` printed, as far as the comparison needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// `eko-api v0.1.0 -> v0.2.0 (assume patch change)`.
    pub checking: Option<String>,
    /// `229 checks: 223 pass, 6 fail, 0 warn, 31 skip`.
    pub checked: Option<String>,
    /// The bump the failed lints require; `None`: no semver update required.
    pub required: Option<Level>,
    /// The `Summary` line without its label.
    pub summary: String,
    /// The lints that fired, in report order.
    pub lints: Vec<Lint>,
}

/// Reads a `check-release` report: the lint blocks from `stdout` (`--- failure ID: title
/// ---`, then the items under `Failed in:`), the status lines (`Checking`, `Checked`,
/// `Summary`) from `stderr`. Fails when there is no `Summary` line (the run did not get
/// to compare, e.g. a build failed) or when its counts do not match the lint blocks, so
/// that a change in cargo-semver-checks' output cannot pass for a verdict.
pub fn parse_report(stdout: &str, stderr: &str) -> Result<Report, String> {
    let status = |label: &str| {
        stderr.lines().find_map(|line| {
            line.trim_start()
                .strip_prefix(label)
                .and_then(|rest| rest.strip_prefix(' '))
                .map(str::trim)
        })
    };
    let Some(summary) = status("Summary") else {
        let tail: Vec<&str> = stderr.lines().rev().take(15).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        return Err(format!(
            "cargo semver-checks printed no `Summary` line, so it did not compare the crates; its last lines:\n{}",
            tail.join("\n")
        ));
    };
    let required = if summary.starts_with("no semver update required") {
        None
    } else if let Some(rest) = summary.strip_prefix("semver requires new ") {
        match rest.split_whitespace().next() {
            Some("major") => Some(Level::Major),
            Some("minor") => Some(Level::Minor),
            _ => return Err(format!("unrecognised `Summary {summary}`")),
        }
    } else {
        return Err(format!("unrecognised `Summary {summary}`"));
    };
    let checked = status("Checked").map(|rest| match rest.split_once("] ") {
        Some((_, counts)) => counts.trim().to_owned(),
        None => rest.to_owned(),
    });
    let lints = lint_blocks(stdout)?;

    let failures = lints.iter().filter(|lint| !lint.warning).count();
    if let Some(counted) = summary_failures(summary)
        && counted != failures
    {
        return Err(format!(
            "`Summary {summary}` counts {counted} failed checks, but the report has {failures} `--- failure` blocks"
        ));
    }
    if required.is_some() != (failures > 0) {
        return Err(format!(
            "`Summary {summary}` does not match the report's {failures} `--- failure` blocks"
        ));
    }
    if let Some(counted) = checked.as_deref().and_then(checked_failures)
        && counted != failures
    {
        return Err(format!(
            "`Checked` counts {counted} failures, but the report has {failures} `--- failure` blocks"
        ));
    }
    Ok(Report {
        checking: status("Checking").map(str::to_owned),
        checked,
        required,
        summary: summary.to_owned(),
        lints,
    })
}

/// The lint blocks of the report's stdout.
fn lint_blocks(stdout: &str) -> Result<Vec<Lint>, String> {
    let mut lints: Vec<Lint> = Vec::new();
    let mut in_items = false;
    for line in stdout.lines() {
        let header = line
            .strip_prefix("--- failure ")
            .map(|rest| (rest, false))
            .or_else(|| line.strip_prefix("--- warning ").map(|rest| (rest, true)));
        if let Some((rest, warning)) = header {
            let Some((id, _title)) = rest.split_once(':') else {
                return Err(format!("unrecognised lint header `{line}`"));
            };
            lints.push(Lint {
                id: id.trim().to_owned(),
                warning,
                items: Vec::new(),
            });
            in_items = false;
        } else if line.trim_end() == "Failed in:" {
            in_items = true;
        } else if in_items
            && is_item(line)
            && let Some(lint) = lints.last_mut()
        {
            lint.items.push(line.trim().to_owned());
        }
    }
    if let Some(empty) = lints.iter().find(|lint| lint.items.is_empty()) {
        return Err(format!(
            "lint `{}` lists no item under `Failed in:`",
            empty.id
        ));
    }
    Ok(lints)
}

/// An item line: indented by exactly two spaces.
fn is_item(line: &str) -> bool {
    line.strip_prefix("  ")
        .is_some_and(|rest| rest.starts_with(|c: char| !c.is_whitespace()))
}

/// `5 major and 2 minor checks failed` → 7.
fn summary_failures(summary: &str) -> Option<usize> {
    let (_, counts) = summary.split_once(": ")?;
    let words: Vec<&str> = counts.split_whitespace().collect();
    match words.as_slice() {
        [major, "major", "and", minor, "minor", ..] => {
            Some(major.parse::<usize>().ok()? + minor.parse::<usize>().ok()?)
        }
        _ => None,
    }
}

/// `229 checks: 222 pass, 7 fail, 0 warn, 31 skip` → 7.
fn checked_failures(checked: &str) -> Option<usize> {
    checked
        .split([':', ','])
        .find_map(|part| part.trim().strip_suffix(" fail"))
        .and_then(|count| count.trim().parse().ok())
}

/// Every lint's level from `check-release --list` (`id  major  description`).
pub fn parse_lint_list(text: &str) -> BTreeMap<String, Level> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let id = words.next()?;
            let level = match words.next()? {
                "major" => Level::Major,
                "minor" => Level::Minor,
                _ => return None,
            };
            Some((id.to_owned(), level))
        })
        .collect()
}

/// The levels of cargo-semver-checks' lints; empty if `--list` fails (levels then print
/// as `?`).
fn lint_levels(tool: &Path) -> BTreeMap<String, Level> {
    cargo_semver_checks(tool)
        .args(["check-release", "--list"])
        .output()
        .map(|output| parse_lint_list(&String::from_utf8_lossy(&output.stdout)))
        .unwrap_or_default()
}

/// Everything the printed comparison shows.
struct Input<'a> {
    from: &'a str,
    to: &'a str,
    tool_version: String,
    base_version: &'a str,
    current_version: &'a str,
    changelog: &'a Changelog,
    report: &'a Report,
    levels: &'a BTreeMap<String, Level>,
    saved: Option<&'a Path>,
}

/// The comparison as printed: both verdicts, the lints, AGREE or DISAGREE with reasons.
fn render(input: &Input) -> Result<Comparison, String> {
    let changelog = input.changelog;
    let report = input.report;
    let engine = changelog.verdict();
    let checks = Level::verdict(report.required);
    let engine_next =
        next_version(input.base_version, engine).map_err(|error| error.to_string())?;
    let checks_next =
        next_version(input.base_version, checks).map_err(|error| error.to_string())?;
    let agree = engine_next == checks_next;

    let mut out = format!(
        "{PACKAGE} {} → {}: Eko docs {} → {} ({} at {}, {} at {})\n\n",
        input.from,
        input.to,
        changelog.from_docs,
        changelog.to_docs,
        input.base_version,
        input.from,
        input.current_version,
        input.to,
    );
    let counts = changelog.counts();
    let engine_basis = format!(
        "{} breaking, {} additive (not counted: {} behaviour, {} notes)",
        counts.breaking, counts.additive, counts.behaviour, counts.info
    );
    let rows = [
        ("", "verdict", "bump".to_owned(), "basis".to_owned()),
        (
            "changelog engine",
            engine.label(),
            format!("{} → {engine_next}", input.base_version),
            engine_basis,
        ),
        (
            "cargo-semver-checks",
            checks.label(),
            format!("{} → {checks_next}", input.base_version),
            report.summary.clone(),
        ),
    ];
    for (who, verdict, bump, basis) in rows {
        let row = format!("  {who:<21}{verdict:<12}{bump:<17}{basis}");
        out.push_str(row.trim_end());
        out.push('\n');
    }
    if input.current_version != engine_next {
        out.push_str(&format!(
            "  ({PACKAGE}'s version at {} is {}, not the changelog's {engine_next})\n",
            input.to, input.current_version
        ));
    }

    out.push_str(&format!(
        "\n{}: {}\n",
        input.tool_version,
        report.checked.as_deref().unwrap_or("no `Checked` line")
    ));
    let width = report
        .lints
        .iter()
        .map(|lint| lint.id.len())
        .max()
        .unwrap_or(0);
    for lint in &report.lints {
        let level = input
            .levels
            .get(&lint.id)
            .map_or("?", |level| level.label());
        let kind = if lint.warning { "warning" } else { "failure" };
        out.push_str(&format!(
            "  {kind}  {level:<5}  {:<width$}  {:>4} {}\n",
            lint.id,
            lint.items.len(),
            if lint.items.len() == 1 {
                "item"
            } else {
                "items"
            }
        ));
    }
    if let Some(saved) = input.saved {
        out.push_str(&format!("  (every item: {})\n", saved.display()));
    }

    let items = item_checks(changelog, report);
    out.push_str("\nItem by item:\n");
    for check in &items {
        out.push_str(&format!("  {}\n", check.text));
    }

    let mut notes = notes(changelog, report, input.levels);
    if items.iter().any(|check| !check.same) {
        notes.insert(
            0,
            "the two name different items (see \"Item by item\"): a missing item on the changelog's side is an engine bug (codegen::changelog)".to_owned(),
        );
    }
    if agree {
        out.push_str(&format!(
            "\nAGREE: both imply {} → {engine_next} (changelog: {}, cargo-semver-checks: {}).\n",
            input.base_version,
            engine.label(),
            checks.label()
        ));
        if !notes.is_empty() {
            out.push_str("Where the details differ (the bump does not):\n");
        }
    } else {
        out.push_str(&format!(
            "\nDISAGREE: the changelog implies {} → {engine_next} ({}), cargo-semver-checks {} → {checks_next} ({}).\n",
            input.base_version,
            engine.label(),
            input.base_version,
            checks.label()
        ));
        for reason in reasons(engine, checks, changelog, report, input.levels) {
            out.push_str(&format!("  - {reason}\n"));
        }
        if !notes.is_empty() {
            out.push_str("Also:\n");
        }
    }
    for note in notes {
        out.push_str(&format!("  - {note}\n"));
    }
    Ok(Comparison { text: out, agree })
}

/// The changelog's field retypes: breaking, and no cargo-semver-checks lint looks at a
/// field's type.
fn retypes(changelog: &Changelog) -> Vec<String> {
    changelog
        .changes
        .iter()
        .filter(|change| change.impact == Impact::Breaking)
        .filter_map(|change| match &change.kind {
            ChangeKind::Field(field) => match &field.what {
                FieldWhat::Retyped { before, after } => Some(format!(
                    "`{}.{}` {} → {}",
                    field.owner,
                    field.path.rsplit('.').next().unwrap_or(&field.path),
                    rust_type_name(before),
                    rust_type_name(after)
                )),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn count_fields(changelog: &Changelog, matches: impl Fn(&FieldWhat) -> bool) -> usize {
    changelog
        .changes
        .iter()
        .filter(|change| matches!(&change.kind, ChangeKind::Field(field) if matches(&field.what)))
        .count()
}

/// `a (3), b (1)`: the failed lints of `level`, with their item counts (a lint whose
/// level is unknown is listed under every level).
fn lint_list(report: &Report, levels: &BTreeMap<String, Level>, level: Level) -> String {
    let names: Vec<String> = report
        .lints
        .iter()
        .filter(|lint| !lint.warning)
        .filter(|lint| levels.get(&lint.id).is_none_or(|known| *known == level))
        .map(|lint| format!("{} ({})", lint.id, lint.items.len()))
        .collect();
    names.join(", ")
}

fn examples(items: &[String]) -> String {
    let shown: Vec<&str> = items.iter().take(3).map(String::as_str).collect();
    let more = items.len().saturating_sub(shown.len());
    if more > 0 {
        format!("{}, and {more} more", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// One item-level comparison of the changelog with a cargo-semver-checks lint.
struct ItemCheck {
    text: String,
    same: bool,
}

type Field = (String, String);

/// The fields the changelog adds (breaking: to an exhaustive struct) and removes, by
/// struct and field name, and the struct-level lints' items, compared.
fn item_checks(changelog: &Changelog, report: &Report) -> Vec<ItemCheck> {
    let mut added = BTreeSet::new();
    let mut removed = BTreeSet::new();
    for change in &changelog.changes {
        let ChangeKind::Field(field) = &change.kind else {
            continue;
        };
        let owner = field.owner.clone();
        let name = field
            .path
            .rsplit('.')
            .next()
            .unwrap_or(&field.path)
            .to_owned();
        match &field.what {
            FieldWhat::Added { .. } if change.impact == Impact::Breaking => {
                added.insert((owner, name));
            }
            FieldWhat::Removed { .. } => {
                removed.insert((owner, name));
            }
            FieldWhat::ExtraRenamed { before, after } => {
                removed.insert((owner.clone(), before.clone()));
                added.insert((owner, after.clone()));
            }
            _ => {}
        }
    }
    let lint_added = lint_fields(report, "constructible_struct_adds_field", added_field_item);
    let lint_removed = lint_fields(report, "struct_pub_field_missing", removed_field_item);
    let mut checks = vec![
        compare_fields(
            "fields added to exhaustive structs",
            &added,
            "constructible_struct_adds_field",
            &lint_added,
        ),
        compare_fields(
            "fields removed",
            &removed,
            "struct_pub_field_missing",
            &lint_removed,
        ),
    ];
    let gone: BTreeSet<String> = lint_items(report, "struct_missing")
        .map(|item| missing_struct_item(item).unwrap_or_else(|| item.to_owned()))
        .collect();
    if !gone.is_empty() {
        let breaking: Vec<String> = changelog
            .changes
            .iter()
            .filter(|change| change.impact == Impact::Breaking)
            .map(codegen::changelog::line)
            .collect();
        let unexplained: Vec<String> = gone
            .iter()
            .filter(|name| !breaking.iter().any(|line| names(line, name)))
            .map(|name| format!("`{name}`"))
            .collect();
        let text = if unexplained.is_empty() {
            format!(
                "nested structs gone: struct_missing {}, each named by a breaking changelog line (the removed or retyped field that held it)",
                gone.len()
            )
        } else {
            format!(
                "nested structs gone: struct_missing {}, {} named by no breaking changelog line: {}",
                gone.len(),
                unexplained.len(),
                examples(&unexplained)
            )
        };
        checks.push(ItemCheck {
            text,
            same: unexplained.is_empty(),
        });
    }
    checks
}

fn compare_fields(
    what: &str,
    changelog: &BTreeSet<Field>,
    lint: &str,
    linted: &BTreeSet<Field>,
) -> ItemCheck {
    let show = |fields: Vec<&Field>| -> String {
        let texts: Vec<String> = fields
            .into_iter()
            .map(|(owner, field)| match field.is_empty() {
                true => format!("`{owner}`"),
                false => format!("`{owner}.{field}`"),
            })
            .collect();
        examples(&texts)
    };
    let only_lint: Vec<&Field> = linted.difference(changelog).collect();
    let only_changelog: Vec<&Field> = changelog.difference(linted).collect();
    let mut text = format!(
        "{what}: changelog {}, {lint} {}",
        changelog.len(),
        linted.len()
    );
    if only_lint.is_empty() && only_changelog.is_empty() {
        text.push_str(", the same fields");
    }
    if !only_lint.is_empty() {
        text.push_str(&format!("; only {lint}: {}", show(only_lint.clone())));
    }
    if !only_changelog.is_empty() {
        text.push_str(&format!(
            "; only the changelog: {}",
            show(only_changelog.clone())
        ));
    }
    ItemCheck {
        text,
        same: only_lint.is_empty() && only_changelog.is_empty(),
    }
}

/// The item lines of lint `id` (failures only).
fn lint_items<'a>(report: &'a Report, id: &'a str) -> impl Iterator<Item = &'a str> + 'a {
    report
        .lints
        .iter()
        .filter(move |lint| lint.id == id && !lint.warning)
        .flat_map(|lint| lint.items.iter().map(String::as_str))
}

/// The fields a lint's items name; an item that does not read as one is kept whole, so
/// that it shows up as a difference rather than vanishes.
fn lint_fields(report: &Report, id: &str, read: fn(&str) -> Option<Field>) -> BTreeSet<Field> {
    lint_items(report, id)
        .map(|item| read(item).unwrap_or_else(|| (item.to_owned(), String::new())))
        .collect()
}

/// `field BbpsPayBillRequest.category in /path/bbps.rs:1553`.
fn added_field_item(item: &str) -> Option<Field> {
    let (name, _) = item.strip_prefix("field ")?.split_once(" in ")?;
    let (owner, field) = name.split_once('.')?;
    Some((owner.to_owned(), field.to_owned()))
}

/// `field mobile of struct DmtFinoSenderEkycData, previously in file /path/dmt.rs:733`.
fn removed_field_item(item: &str) -> Option<Field> {
    let (field, rest) = item.strip_prefix("field ")?.split_once(" of struct ")?;
    let (owner, _) = rest.split_once(", previously")?;
    Some((owner.to_owned(), field.to_owned()))
}

/// `struct eko_api::bbps::BbpsGetOperatorsOperatorsItem, previously in file ...`.
fn missing_struct_item(item: &str) -> Option<String> {
    let (path, _) = item.strip_prefix("struct ")?.split_once(", previously")?;
    Some(path.rsplit("::").next().unwrap_or(path).to_owned())
}

/// Whether `text` names the Rust identifier `name` (not as part of a longer one).
fn names(text: &str, name: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(ident) && !after.is_some_and(ident)
    })
}

/// Why the two verdicts imply different bumps.
fn reasons(
    engine: Verdict,
    checks: Verdict,
    changelog: &Changelog,
    report: &Report,
    levels: &BTreeMap<String, Level>,
) -> Vec<String> {
    let counts = changelog.counts();
    let retypes = retypes(changelog);
    let mut reasons = Vec::new();
    match (engine, checks) {
        (Verdict::Breaking, _) if retypes.len() == counts.breaking => reasons.push(format!(
            "the changelog's {} breaking change(s) are all field retypes ({}), and cargo-semver-checks has no lint for a field's type: the changelog is stricter here, not wrong",
            retypes.len(),
            examples(&retypes)
        )),
        (Verdict::Breaking, _) => {
            let lines: Vec<String> = changelog
                .changes
                .iter()
                .filter(|change| change.impact == Impact::Breaking)
                .filter(|change| {
                    !matches!(&change.kind, ChangeKind::Field(field) if matches!(field.what, FieldWhat::Retyped { .. }))
                })
                .map(codegen::changelog::line)
                .collect();
            reasons.push(format!(
                "cargo-semver-checks flags none of the changelog's {} breaking changes that have a lint, e.g. {}: check the engine (codegen::changelog) and the generated code",
                lines.len(),
                examples(&lines)
            ));
        }
        (_, Verdict::Breaking) => reasons.push(format!(
            "cargo-semver-checks' major lints {} find breaking changes the changelog does not list as breaking: the engine misses them (codegen::changelog)",
            lint_list(report, levels, Level::Major)
        )),
        (Verdict::Additive, Verdict::Compatible) => reasons.push(format!(
            "cargo-semver-checks has no lints for added items, so the changelog's {} additive change(s) (new endpoints, fields, features) do not show there",
            counts.additive
        )),
        (Verdict::Compatible, Verdict::Additive) => reasons.push(format!(
            "cargo-semver-checks' minor lints {} find additive changes the changelog does not list",
            lint_list(report, levels, Level::Minor)
        )),
        _ => {}
    }
    reasons
}

/// Differences in detail that do not change the bump.
fn notes(changelog: &Changelog, report: &Report, levels: &BTreeMap<String, Level>) -> Vec<String> {
    let counts = changelog.counts();
    let mut notes = Vec::new();
    let retypes = retypes(changelog);
    if !retypes.is_empty() && retypes.len() < counts.breaking {
        notes.push(format!(
            "the changelog calls {} field retype(s) breaking ({}); cargo-semver-checks has no lint for a field's type, so they count only on the changelog's side",
            retypes.len(),
            examples(&retypes)
        ));
    }
    let required = count_fields(changelog, |what| {
        matches!(what, FieldWhat::MadeRequired { .. })
    });
    let optional = count_fields(changelog, |what| {
        matches!(what, FieldWhat::MadeOptional { .. })
    });
    if required + optional > 0 {
        notes.push(format!(
            "{} field(s) made required and {} made optional change `Option<T>` ↔ `T`: cargo-semver-checks sees them only as a setter gone or added (inherent_method_missing) and `new`'s arity (method_parameter_count_changed)",
            required, optional
        ));
    }
    if counts.additive > 0 {
        let minor = lint_list(report, levels, Level::Minor);
        let seen = if minor.is_empty() {
            "it reports none of them".to_owned()
        } else {
            format!("its minor-level lints {minor} are the #[deprecated] side of them")
        };
        notes.push(format!(
            "{} additive change(s) in the changelog: cargo-semver-checks has no lint for added endpoints, fields or features; {seen}",
            counts.additive
        ));
    }
    if counts.behaviour > 0 {
        notes.push(format!(
            "{} outcome change(s) are behaviour (a response that was Ok is now Err(Error::Api) or the reverse): no API lint can see them, and neither side counts them for the bump",
            counts.behaviour
        ));
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    /// cargo-semver-checks 0.51.0 on eko-api 8cb05f0 → a571f56 (Eko docs 2026-07-20 →
    /// 2026-08-22), as `cargo xtask semver` captured it.
    const STDOUT: &str = include_str!("../tests/fixtures/semver-checks/8cb05f0-a571f56.stdout");
    const STDERR: &str = include_str!("../tests/fixtures/semver-checks/8cb05f0-a571f56.stderr");

    #[test]
    fn captured_report_is_read() {
        let report = parse_report(STDOUT, STDERR).expect("the captured report parses");
        assert_eq!(report.required, Some(Level::Major));
        assert_eq!(
            report.summary,
            "semver requires new major version: 5 major and 2 minor checks failed"
        );
        assert_eq!(
            report.checking.as_deref(),
            Some("eko-api v0.2.0 -> v0.3.0 (assume patch change)")
        );
        assert_eq!(
            report.checked.as_deref(),
            Some("229 checks: 222 pass, 7 fail, 0 warn, 31 skip")
        );
        let lints: Vec<(&str, usize)> = report
            .lints
            .iter()
            .map(|lint| (lint.id.as_str(), lint.items.len()))
            .collect();
        assert_eq!(
            lints,
            [
                ("constructible_struct_adds_field", 64),
                ("inherent_method_missing", 13),
                ("method_parameter_count_changed", 9),
                ("struct_missing", 5),
                ("struct_pub_field_missing", 54),
                ("type_marked_deprecated", 8),
                ("type_method_marked_deprecated", 12),
            ]
        );
        assert!(report.lints.iter().all(|lint| !lint.warning));
        assert_eq!(Level::verdict(report.required), Verdict::Breaking);
    }

    #[test]
    fn captured_items_read_as_fields_and_structs() {
        let report = parse_report(STDOUT, STDERR).expect("parses");
        for (id, read) in [
            (
                "constructible_struct_adds_field",
                added_field_item as fn(&str) -> _,
            ),
            ("struct_pub_field_missing", removed_field_item),
        ] {
            for item in lint_items(&report, id) {
                assert!(read(item).is_some(), "{id}: {item}");
            }
        }
        let added = lint_fields(&report, "constructible_struct_adds_field", added_field_item);
        assert!(added.contains(&("BbpsPayBillRequest".to_owned(), "category".to_owned())));
        let removed = lint_fields(&report, "struct_pub_field_missing", removed_field_item);
        assert!(removed.contains(&("DmtFinoSenderEkycData".to_owned(), "mobile".to_owned())));
        let gone: Vec<Option<String>> = lint_items(&report, "struct_missing")
            .map(missing_struct_item)
            .collect();
        assert_eq!(gone.len(), 5);
        assert!(gone.contains(&Some("BbpsGetOperatorsOperatorsItem".to_owned())));
        let line = "`operators` (`Option<Vec<BbpsGetOperatorsOperatorsItem>>`) removed";
        assert!(names(line, "BbpsGetOperatorsOperatorsItem"));
        assert!(!names(line, "BbpsGetOperatorsOperators"));
    }

    /// A changelog whose only change is a breaking field retype.
    fn retype_only() -> Changelog {
        use codegen::changelog::{Change, FieldChange};
        use codegen::ir::{RustType, Side};
        Changelog {
            from_docs: "2026-07-20".into(),
            to_docs: "2026-08-22".into(),
            changes: vec![Change {
                impact: Impact::Breaking,
                group: "dmt".into(),
                endpoint: Some("dmt-initiate-transfer".into()),
                kind: ChangeKind::Field(FieldChange {
                    side: Side::Response,
                    owner: "DmtInitiateTransferData".into(),
                    path: "fee".into(),
                    what: FieldWhat::Retyped {
                        before: RustType::Number,
                        after: RustType::String,
                    },
                }),
            }],
        }
    }

    fn comparison(changelog: &Changelog, report: &Report, base_version: &str) -> Comparison {
        let levels = BTreeMap::new();
        render(&Input {
            from: "8cb05f0",
            to: "a571f56",
            tool_version: "cargo-semver-checks 0.51.0".into(),
            base_version,
            current_version: "0.3.0",
            changelog,
            report,
            levels: &levels,
            saved: None,
        })
        .expect("renders")
    }

    #[test]
    fn a_retype_alone_is_a_disagreement_explained_by_the_missing_lint() {
        let clean = parse_report("", "     Summary no semver update required\n").expect("parses");
        let result = comparison(&retype_only(), &clean, "0.2.0");
        assert!(!result.agree, "{}", result.text);
        assert!(
            result.text.contains("DISAGREE: the changelog implies 0.2.0 → 0.3.0 (breaking), cargo-semver-checks 0.2.0 → 0.2.1 (compatible)"),
            "{}",
            result.text
        );
        assert!(
            result
                .text
                .contains("all field retypes (`DmtInitiateTransferData.fee` Number → String)"),
            "{}",
            result.text
        );
    }

    #[test]
    fn the_captured_report_agrees_with_a_breaking_changelog() {
        let report = parse_report(STDOUT, STDERR).expect("parses");
        let result = comparison(&retype_only(), &report, "0.2.0");
        assert!(result.agree, "{}", result.text);
        assert!(
            result.text.contains("\nAGREE: both imply 0.2.0 → 0.3.0"),
            "{}",
            result.text
        );
        // The one-change changelog names none of the report's fields.
        assert!(result.text.contains("changelog 0, constructible_struct_adds_field 64; only constructible_struct_adds_field: "), "{}", result.text);
    }

    #[test]
    fn clean_report_requires_nothing() {
        let stderr = "    Checking eko-api v0.3.0 -> v0.3.0 (assume patch change)\n     \
                      Checked [   0.210s] 229 checks: 229 pass, 31 skip\n     \
                      Summary no semver update required\n    Finished [  90.000s] eko-api\n";
        let report = parse_report("", stderr).expect("parses");
        assert_eq!(report.required, None);
        assert!(report.lints.is_empty());
        assert_eq!(Level::verdict(report.required), Verdict::Compatible);
    }

    #[test]
    fn minor_only_report() {
        let stdout = "\n--- failure type_marked_deprecated: #[deprecated] added on type ---\n\n\
                      Description:\nA type is now #[deprecated].\n\nFailed in:\n  \
                      Struct BbpsActivateServiceData in eko-api/src/generated/bbps.rs:69\n";
        let stderr = "     Checked [   0.2s] 229 checks: 228 pass, 1 fail, 0 warn, 31 skip\n\n     \
                      Summary semver requires new minor version: 0 major and 1 minor checks failed\n";
        let report = parse_report(stdout, stderr).expect("parses");
        assert_eq!(report.required, Some(Level::Minor));
        assert_eq!(
            report.lints[0].items,
            ["Struct BbpsActivateServiceData in eko-api/src/generated/bbps.rs:69"]
        );
        assert_eq!(Level::verdict(report.required), Verdict::Additive);
    }

    #[test]
    fn a_run_that_did_not_compare_is_an_error() {
        let stderr = "    Building eko-api v0.3.0 (current)\nerror: failed to build rustdoc for crate eko-api v0.3.0\n";
        let error = parse_report("", stderr).unwrap_err();
        assert!(error.contains("no `Summary` line"), "{error}");
        assert!(error.contains("failed to build rustdoc"), "{error}");
    }

    #[test]
    fn a_summary_that_does_not_match_the_blocks_is_an_error() {
        // The captured report with its last lint block cut off.
        let cut = &STDOUT[..STDOUT
            .find("--- failure type_method_marked_deprecated")
            .expect("in the sample")];
        let error = parse_report(cut, STDERR).unwrap_err();
        assert!(error.contains("counts 7 failed checks"), "{error}");
        // An unknown wording of the verdict.
        let reworded = STDERR.replace("semver requires new major version", "needs a major bump");
        assert!(parse_report(STDOUT, &reworded).is_err());
    }

    #[test]
    fn lint_levels_are_read_from_the_list() {
        let list = "id                                 type  description\n\
                    ==                                 ====  ===========\n\
                    constructible_struct_adds_field    major A struct ... added a new pub field.\n\
                    type_marked_deprecated             minor A type has been newly marked with #[deprecated].\n";
        let levels = parse_lint_list(list);
        assert_eq!(levels.len(), 2);
        assert_eq!(
            levels.get("constructible_struct_adds_field"),
            Some(&Level::Major)
        );
        assert_eq!(levels.get("type_marked_deprecated"), Some(&Level::Minor));
    }
}
