#!/usr/bin/env bash
# Runs every fuzz target for SECONDS each (default 60), starting from its checked-in
# seed corpus, and fails if any target crashes, panics, leaks or hangs.
#
#   bash fuzz/run.sh [SECONDS] [TARGET...]
#
# cargo-fuzz is used from PATH, or installed (pinned) into fuzz/target/tools. It
# needs nightly-only `-Z` flags; only the stable toolchain exists here, so it runs
# with RUSTC_BOOTSTRAP=1. Inputs the fuzzer finds go to fuzz/work/<target>/ (not the
# checked-in corpus); a crashing input is saved in fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode_response spec_loader page_importer)

cargo_fuzz_version=0.13.2
tools=$PWD/target/tools
if ! cargo fuzz --version >/dev/null 2>&1; then
  if [ ! -x "$tools/bin/cargo-fuzz" ]; then
    echo "-- installing cargo-fuzz $cargo_fuzz_version into $tools"
    started=$SECONDS
    cargo install cargo-fuzz --version "=$cargo_fuzz_version" --locked --root "$tools" --quiet
    echo "-- installed in $((SECONDS - started)) s"
  fi
  export PATH="$tools/bin:$PATH"
fi
cargo fuzz --version

export RUSTC_BOOTSTRAP=1
# Release build with debug assertions (overflow checks). No sanitizer by default: every
# crate of the workspace forbids `unsafe`, and without AddressSanitizer the build is
# about 40% and the runs about 3x faster. FUZZ_SANITIZER=address brings it back.
build_flags=(--release --debug-assertions --sanitizer "${FUZZ_SANITIZER:-none}")

echo "-- building ${targets[*]}"
started=$SECONDS
for target in "${targets[@]}"; do
  cargo fuzz build "${build_flags[@]}" "$target"
done
echo "-- built in $((SECONDS - started)) s"

failed=()
for target in "${targets[@]}"; do
  echo "-- $target: ${seconds} s"
  mkdir -p "work/$target" "artifacts/$target"
  # New inputs go to the first folder (work/), never into the seed corpus.
  if ! cargo fuzz run "${build_flags[@]}" "$target" "work/$target" "corpus/$target" -- \
    -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
    2>"work/$target.log"; then
    failed+=("$target")
  fi
  # The last status line and the final stats: executions, speed, coverage.
  grep -E '^#[0-9]+' "work/$target.log" | tail -n 1 || true
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "work/$target.log" || true
  if [[ " ${failed[*]} " == *" $target "* ]]; then
    echo "!! $target failed; the end of its log (fuzz/work/$target.log):" >&2
    tail -n 60 "work/$target.log" >&2
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzzing found problems in: ${failed[*]} (inputs in fuzz/artifacts/)" >&2
  exit 1
fi
echo "-- no crashes"
