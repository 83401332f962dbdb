//! `cargo bench -p xtask --bench pipeline`: the maintainer's loop over all of Eko's
//! pages — import every page into a spec plan, then load the spec and generate every
//! file — timed in release mode, without writing anything.
//!
//! Prints the median of each phase and the ratio of the whole loop to its budget
//! (well under one second). It measures; it does not fail on a slow machine.

use std::path::PathBuf;
use std::time::{Duration, Instant};

const RUNS: usize = 15;
const BUDGET: Duration = Duration::from_secs(1);

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(work());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let root = xtask::workspace_root();
    let spec = root.join("spec");
    // The docs version the spec follows, as `cargo xtask import --check` reads it.
    let docs = match xtask::import::cli::followed_docs(&spec) {
        Ok(docs) => docs,
        Err(problem) => {
            println!("pipeline: skipped, {problem}");
            return;
        }
    };
    let inputs: Vec<PathBuf> = vec![docs.clone()];

    let import = time(RUNS, || {
        xtask::import::plan(&spec, &inputs, xtask::import::Mode::Follow)
            .unwrap_or_else(|error| panic!("import failed: {error}"))
    });
    let codegen = time(RUNS, || {
        xtask::generate::plan(&root).unwrap_or_else(|error| panic!("codegen failed: {error}"))
    });
    let total = import + codegen;
    let pages = std::fs::read_dir(&docs)
        .map(|entries| entries.count())
        .unwrap_or(0);

    println!(
        "pipeline over {pages} doc files of {}, median of {RUNS} runs:",
        docs.display()
    );
    println!("  import (parse + overrides + TOML plan): {import:>10.2?}");
    println!("  codegen (load + validate + IR + emit):  {codegen:>10.2?}");
    println!("  total:                                  {total:>10.2?}");
    println!(
        "  total / 1 s budget:                     {:>10.3}",
        total.as_secs_f64() / BUDGET.as_secs_f64()
    );
}
