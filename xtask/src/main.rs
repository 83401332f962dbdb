//! `cargo xtask`: the maintainer's command line (see `cargo xtask help`).

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [args]

commands:
  codegen [--check]          regenerate eko-api/src/generated/ (and the mock's spec bundle) from spec/;
                             --check: change nothing, fail with a diff if the checked-in files are stale
  import [--check] PATH...   import Eko doc pages (files or folders of .md) into spec/endpoints/;
                             --check: change nothing, fail with a diff if spec/ differs from the pages
  import [--dry-run] PATH... read pages of any docs version, report, write nothing
  changelog --from REV       write eko-api/CHANGELOG.md's section for the spec's docs version, comparing
                             the spec at git revision REV (before the update) with the working tree, and
                             set eko-api's version to the bump it implies; --check: fail if not current
  semver --from REV [--to REV]
                             cross-check the changelog's verdict for REV → --to REV (default: the
                             working tree) with cargo-semver-checks (a maintainer tool CI does not
                             install); exit 1 when the two imply different version bumps
  openapi [--check]          write openapi.json (OpenAPI 3.1) from spec/; --check: change nothing, fail
                             with a diff if the checked-in document is stale
  prune [--check]            delete endpoints Eko removed and drop former names (deprecated items);
                             the only command that deletes them
  synth --endpoints N --out DIR
                             write a synthetic spec of N endpoints copied from spec/ (renamed ids,
                             paths and groups) to DIR, for measuring compile cost at scale
                             (scripts/compile-cost.sh)
  help                       this text
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => xtask::generate::run(&args[1..]),
        Some("import") => xtask::import::run(&args[1..]),
        Some("changelog") => xtask::changelog::run(&args[1..]),
        Some("openapi") => xtask::openapi::run(&args[1..]),
        Some("prune") => xtask::prune::run(&args[1..]),
        Some("semver") => xtask::semver::run(&args[1..]),
        Some("synth") => xtask::synth::run(&args[1..]),
        Some("help" | "--help" | "-h") => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some(other) => {
            eprint!("unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
        None => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
