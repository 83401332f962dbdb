//! The semver class of a set of changes and the version it leads to.

use super::Impact;
use std::fmt;

/// The semver class of a changelog section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// At least one breaking change.
    Breaking,
    /// New API and nothing breaking.
    Additive,
    /// The generated API is unchanged (behaviour and documentation changes at most):
    /// a patch release.
    Compatible,
}

impl Verdict {
    /// The strongest API impact among `impacts`; behaviour and informational changes
    /// do not count.
    pub fn of(impacts: impl IntoIterator<Item = Impact>) -> Verdict {
        impacts
            .into_iter()
            .map(|impact| match impact {
                Impact::Breaking => Verdict::Breaking,
                Impact::Additive => Verdict::Additive,
                Impact::Behaviour | Impact::Info => Verdict::Compatible,
            })
            .min()
            .unwrap_or(Verdict::Compatible)
    }

    /// The word the Markdown uses.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Breaking => "breaking",
            Verdict::Additive => "additive",
            Verdict::Compatible => "compatible",
        }
    }
}

/// How many changes have each impact.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Breaking changes.
    pub breaking: usize,
    /// Additive changes.
    pub additive: usize,
    /// Behaviour-only changes.
    pub behaviour: usize,
    /// Changes listed for information, with no API change.
    pub info: usize,
}

impl Counts {
    /// Counts `impacts`.
    pub fn of(impacts: impl IntoIterator<Item = Impact>) -> Counts {
        let mut counts = Counts::default();
        for impact in impacts {
            match impact {
                Impact::Breaking => counts.breaking += 1,
                Impact::Additive => counts.additive += 1,
                Impact::Behaviour => counts.behaviour += 1,
                Impact::Info => counts.info += 1,
            }
        }
        counts
    }
}

/// A crate version that is not `MAJOR.MINOR.PATCH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionError(pub String);

impl fmt::Display for VersionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` is not a release version MAJOR.MINOR.PATCH (pre-release and build suffixes are not supported)",
            self.0
        )
    }
}

impl std::error::Error for VersionError {}

/// The version after `current` (a `MAJOR.MINOR.PATCH` release) for a section with this
/// verdict, by Cargo's semver rules: below 1.0.0 the minor number is the breaking one
/// (`0.1.3` → `0.2.0` for breaking, `0.1.4` otherwise); from 1.0.0 breaking bumps the
/// major, additive the minor, compatible the patch.
pub fn next_version(current: &str, verdict: Verdict) -> Result<String, VersionError> {
    let [major, minor, patch] = parse(current)?;
    let next = match (major, verdict) {
        (0, Verdict::Breaking) => [0, minor + 1, 0],
        (0, _) => [0, minor, patch + 1],
        (_, Verdict::Breaking) => [major + 1, 0, 0],
        (_, Verdict::Additive) => [major, minor + 1, 0],
        (_, Verdict::Compatible) => [major, minor, patch + 1],
    };
    Ok(format!("{}.{}.{}", next[0], next[1], next[2]))
}

fn parse(version: &str) -> Result<[u64; 3], VersionError> {
    let error = || VersionError(version.to_owned());
    let numbers: Vec<u64> = version
        .trim()
        .split('.')
        .map(|part| {
            // `u64::from_str` also takes `+1`; a version takes digits only.
            let digits = !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
            digits
                .then(|| part.parse().ok())
                .flatten()
                .ok_or_else(error)
        })
        .collect::<Result<_, _>>()?;
    numbers.try_into().map_err(|_| error())
}
