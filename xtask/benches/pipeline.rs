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
const DOCS: &str = "../shared/eko-docs/2026-06-22";

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
    let docs = root.join(DOCS);
    if !docs.is_dir() {
        println!("pipeline: skipped, {} is absent", docs.display());
        return;
    }
    let spec = root.join("spec");
    let inputs: Vec<PathBuf> = vec![docs];

    let import = time(RUNS, || {
        xtask::import::plan(&spec, &inputs, xtask::import::Mode::Follow)
            .unwrap_or_else(|error| panic!("import failed: {error}"))
    });
    let codegen = time(RUNS, || {
        xtask::generate::plan(&root).unwrap_or_else(|error| panic!("codegen failed: {error}"))
    });
    let total = import + codegen;
    let pages = std::fs::read_dir(root.join(DOCS))
        .map(|entries| entries.count())
        .unwrap_or(0);

    println!("pipeline over {pages} doc files, median of {RUNS} runs:");
    println!("  import (parse + overrides + TOML plan): {import:>10.2?}");
    println!("  codegen (load + validate + IR + emit):  {codegen:>10.2?}");
    println!("  total:                                  {total:>10.2?}");
    println!(
        "  total / 1 s budget:                     {:>10.3}",
        total.as_secs_f64() / BUDGET.as_secs_f64()
    );
}
