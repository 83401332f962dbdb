//! `cargo xtask synth --endpoints N --out DIR`: a synthetic spec of N endpoints,
//! shaped like the real ones, for measuring what the generated crate costs to
//! compile at scale (`scripts/compile-cost.sh`).
//!
//! Endpoint k is a copy of the real endpoint k mod R (R real endpoints, by id), in
//! round c = k div R: its id, name, path and group gain the round (`-s3`, ` S3`,
//! `/s3/...`, `_s3`), so every copy is a distinct endpoint with the same params,
//! nested response fields, outcomes and examples as its original. Groups keep the
//! real size (about nine endpoints each), so modules and features grow with N.
//! Lifecycle history and override fixes are dropped: a copy is a current endpoint
//! with no former names. `shared.toml` is copied as it is.

use eko_spec::{Endpoint, Group, GroupsFile};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask synth --endpoints N --out DIR";

/// Runs `cargo xtask synth`.
pub fn run(args: &[String]) -> ExitCode {
    let (count, out) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(problem) => {
            eprintln!("{problem}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match write(&crate::workspace_root().join("spec"), count, &out) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(problem) => {
            eprintln!("synth: {problem}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args(args: &[String]) -> Result<(usize, PathBuf), String> {
    let mut count = None;
    let mut out = None;
    let mut rest = args.iter();
    while let Some(flag) = rest.next() {
        let value = rest
            .next()
            .ok_or_else(|| format!("`{flag}` needs a value"))?;
        match flag.as_str() {
            "--endpoints" => {
                let parsed = value
                    .parse::<usize>()
                    .ok()
                    .filter(|count| (1..=100_000).contains(count))
                    .ok_or_else(|| format!("--endpoints must be 1 to 100000, not `{value}`"))?;
                count = Some(parsed);
            }
            "--out" => out = Some(PathBuf::from(value)),
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    match (count, out) {
        (Some(count), Some(out)) => Ok((count, out)),
        _ => Err("both --endpoints and --out are required".to_owned()),
    }
}

/// Writes a spec of `count` endpoints copied from the spec in `spec_dir` to `out`
/// (which must not hold a spec already); returns a summary.
pub fn write(spec_dir: &Path, count: usize, out: &Path) -> Result<String, String> {
    if out.join("shared.toml").exists() || out.join("endpoints").exists() {
        return Err(format!("{} already holds a spec", out.display()));
    }
    let bundle = codegen::load_spec(spec_dir).map_err(|errors| errors.to_string())?;
    if bundle.endpoints.is_empty() {
        return Err(format!("{} has no endpoints to copy", spec_dir.display()));
    }
    let (endpoints, groups) = synthesize(&bundle.endpoints, &bundle.shared.groups, count);
    let shared = fs::read_to_string(spec_dir.join("shared.toml"))
        .map_err(|error| format!("cannot read shared.toml: {error}"))?;
    write_file(&out.join("shared.toml"), &shared)?;
    let groups_text = toml::to_string(&GroupsFile { groups })
        .map_err(|error| format!("cannot write groups.toml: {error}"))?;
    write_file(&out.join("groups.toml"), &groups_text)?;
    for endpoint in &endpoints {
        let text = toml::to_string(endpoint)
            .map_err(|error| format!("cannot write {}: {error}", endpoint.id))?;
        let path = out
            .join("endpoints")
            .join(&endpoint.group)
            .join(format!("{}.toml", endpoint.id));
        write_file(&path, &text)?;
    }
    Ok(format!(
        "synth: {} endpoints in {} groups written to {}",
        endpoints.len(),
        endpoints
            .iter()
            .map(|endpoint| endpoint.group.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        out.display()
    ))
}

/// `count` copies of `real` (round-robin), with the groups they fall in.
pub fn synthesize(
    real: &[Endpoint],
    groups: &[Group],
    count: usize,
) -> (Vec<Endpoint>, Vec<Group>) {
    let mut endpoints = Vec::with_capacity(count);
    let mut synthetic_groups: Vec<Group> = Vec::new();
    for index in 0..count {
        let Some(original) = real.get(index % real.len().max(1)) else {
            break;
        };
        let round = index / real.len();
        let mut copy = original.clone();
        copy.id = format!("{}-s{round}", original.id);
        copy.name = format!("{} S{round}", original.name);
        copy.group = format!("{}_s{round}", original.group);
        copy.path = format!("/s{round}{}", original.path);
        copy.source.url = format!("{}-s{round}", original.source.url);
        copy.source.page = format!("{}.md", copy.id);
        copy.lifecycle.removed = None;
        copy.lifecycle.renamed_from.clear();
        copy.fixes.clear();
        if !synthetic_groups.iter().any(|group| group.id == copy.group) {
            let model = groups.iter().find(|group| group.id == original.group);
            synthetic_groups.push(Group {
                id: copy.group.clone(),
                title: model.map_or_else(
                    || copy.group.clone(),
                    |group| format!("{} S{round}", group.title),
                ),
                description: model.map_or_else(String::new, |group| group.description.clone()),
                products: Vec::new(),
                pages: Vec::new(),
            });
        }
        endpoints.push(copy);
    }
    synthetic_groups.sort_by(|a, b| a.id.cmp(&b.id));
    (endpoints, synthetic_groups)
}

fn write_file(path: &Path, text: &str) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|error| format!("cannot create {}: {error}", parent.display()))?;
    }
    fs::write(path, text).map_err(|error| format!("cannot write {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    /// A synthetic spec larger than the real one loads, validates and generates.
    #[test]
    fn a_synthetic_spec_generates() {
        let root = crate::workspace_root();
        let out = std::env::temp_dir().join(format!("eko-synth-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&out);
        let real = codegen::load_spec(&root.join("spec"))
            .unwrap()
            .endpoints
            .len();
        write(&root.join("spec"), real * 2 + 3, &out).unwrap();
        let bundle = codegen::load_spec(&out).unwrap_or_else(|errors| panic!("{errors}"));
        assert_eq!(bundle.endpoints.len(), real * 2 + 3);
        let manifest = fs::read_to_string(root.join(codegen::emit::LIBRARY_MANIFEST)).unwrap();
        let files =
            codegen::generate(&bundle, &manifest).unwrap_or_else(|errors| panic!("{errors}"));
        assert!(
            files
                .iter()
                .any(|file| file.path.ends_with("customer_s1.rs"))
        );
        assert!(
            write(&root.join("spec"), 1, &out).is_err(),
            "an existing spec is kept"
        );
        fs::remove_dir_all(&out).unwrap();
    }

    #[test]
    fn arguments_are_checked() {
        assert_eq!(
            parse_args(&args("--endpoints 12 --out /tmp/x")).unwrap(),
            (12, PathBuf::from("/tmp/x"))
        );
        for bad in [
            "",
            "--endpoints 0 --out x",
            "--endpoints many --out x",
            "--out x",
            "--endpoints",
            "--size 3 --out x",
        ] {
            assert!(parse_args(&args(bad)).is_err(), "{bad}");
        }
    }
}
