#!/usr/bin/env bash
# What the generated bindings cost to compile, and what generating them costs
# (issue 14; figures in BENCHMARKS.md).
#
# Prints a table of wall time and peak memory (the largest process cargo waited
# for, i.e. rustc; GNU time's "Maximum resident set size") for:
#   - cargo check and a debug build of eko-api with every feature and with one
#     (customer), on their own: dependencies are built first and not counted;
#   - the same for an eko-api generated from a synthetic spec of N endpoints
#     (`cargo xtask synth`, default N = 1000), in a scratch copy of the workspace
#     (as scripts/unseen-docs-version.sh makes one);
#   - a progenitor client (pinned cargo-progenitor) generated from our own
#     openapi.json, rendered as OpenAPI 3.0 (scripts/openapi/to_openapi30.py, since
#     progenitor reads only 3.0), for the real spec and the synthetic one: the same
#     check and debug build, side by side;
#   - `xtask import --check` of the docs version the spec follows and
#     `xtask codegen --check`, in release, and `xtask codegen` of the synthetic spec.
#
# Usage: scripts/compile-cost.sh [N]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
endpoints="${1:-1000}"
[ -x /usr/bin/time ] || { echo "compile-cost: needs GNU time at /usr/bin/time (apt-get install time)" >&2; exit 1; }
export CARGO_TERM_COLOR=never
# Not incremental: a crate that depends on eko-api (from crates.io or git) compiles it
# as a dependency, which cargo never compiles incrementally. Incremental compilation
# of a path crate adds its dep-graph bookkeeping (15 s of 77 s at 1,000 endpoints
# before payloads were generic), which no user pays.
export CARGO_INCREMENTAL=0
# Targets of their own: nothing here disturbs or reuses the everyday target/.
target="$root/target/compile-cost"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# measure LABEL COMMAND...: runs COMMAND under GNU time and prints a table row.
measure() {
  local label="$1"; shift
  local log="$scratch/time.log"
  if ! /usr/bin/time -v "$@" >"$scratch/out.log" 2>"$log"; then
    cat "$scratch/out.log" "$log" >&2
    exit 1
  fi
  local wall rss_kib
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$log")
  rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log")
  printf '| %s | %s | %s MiB |\n' "$label" "$wall" "$((rss_kib / 1024))"
}

# crate_cost DIR LABEL FEATURE: check and debug build of eko-api in the workspace at
# DIR, with every feature and with FEATURE alone, its dependencies built beforehand.
crate_cost() {
  local dir="$1" label="$2" feature="$3"
  (
    cd "$dir"
    export CARGO_TARGET_DIR="$target/$(basename "$dir")"
    for features in "--all-features" "--no-default-features --features $feature"; do
      # shellcheck disable=SC2086 # the feature flags are words
      cargo check -q -p eko-api $features
      # shellcheck disable=SC2086
      cargo build -q -p eko-api $features
      cargo clean -q -p eko-api
      # shellcheck disable=SC2086
      measure "$label: cargo check -p eko-api $features" cargo check -q -p eko-api $features
      cargo clean -q -p eko-api
      # shellcheck disable=SC2086
      measure "$label: cargo build -p eko-api $features" cargo build -q -p eko-api $features
    done
  )
}

echo "compile-cost: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo "| what | wall (m:ss) | peak RSS |"
echo "|---|---|---|"

crate_cost "$root" "real spec ($(find "$root/spec/endpoints" -name '*.toml' | wc -l) endpoint files)" customer

# The workspace's own xtask, in release: it times import and codegen of the real
# spec below, and writes the synthetic spec from the real one.
xtask="$target/root/release/xtask"
(cd "$root" && CARGO_TARGET_DIR="$target/root" cargo build -q --release -p xtask)

# The scratch workspace: tracked and new files as they are in the working tree.
mkdir -p "$scratch/synthetic"
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do
    [ -e "$file" ] && cp --parents "$file" "$scratch/synthetic"
  done; true)
rm -rf "$scratch/synthetic/spec"
# Only the generator and the library: the other members use the real groups'
# features (customer, kyc, ...), which the synthetic crate names differently.
sed -i 's/^\(default-\)\{0,1\}members = .*/\1members = ["eko-spec", "codegen", "xtask", "eko-api"]/' \
  "$scratch/synthetic/Cargo.toml"
(
  cd "$scratch/synthetic"
  export CARGO_TARGET_DIR="$target/synthetic"
  cargo build -q --release -p xtask
  measure "synthetic: xtask synth --endpoints $endpoints (release)" \
    "$xtask" synth --endpoints "$endpoints" --out "$scratch/synthetic/spec"
  measure "synthetic: xtask codegen of $endpoints endpoints (release)" \
    "$CARGO_TARGET_DIR/release/xtask" codegen
)
# The synthetic groups are the real ones with a round suffix: customer_s0 is
# Customer management's first copy.
crate_cost "$scratch/synthetic" "synthetic spec ($endpoints endpoints)" customer_s0

# progenitor_cost DOCUMENT LABEL: a progenitor client of DOCUMENT (OpenAPI 3.1),
# checked and built like eko-api, its dependencies built beforehand.
progenitor_version=0.15.1
progenitor_cost() {
  local document="$1" label="$2" dir
  dir="$scratch/progenitor-$(basename "$(dirname "$document")")"
  python3 "$root/scripts/openapi/to_openapi30.py" "$document" "$dir.openapi30.json"
  "$target/tools/bin/cargo-progenitor" progenitor -i "$dir.openapi30.json" -o "$dir" \
    -n eko-progenitor -v 0.1.0 >/dev/null
  local operations
  operations=$(grep -c 'pub async fn' "$dir/src/lib.rs" || true)
  (
    cd "$dir"
    export CARGO_TARGET_DIR="$target/progenitor"
    cargo check -q
    cargo build -q
    cargo clean -q -p eko-progenitor
    measure "$label: progenitor client ($operations operations): cargo check" cargo check -q
    cargo clean -q -p eko-progenitor
    measure "$label: progenitor client ($operations operations): cargo build" cargo build -q
  )
}
if [ ! -x "$target/tools/bin/cargo-progenitor" ]; then
  cargo install -q cargo-progenitor --version "=$progenitor_version" --locked --root "$target/tools"
fi
progenitor_cost "$root/openapi.json" "real spec"
progenitor_cost "$scratch/synthetic/openapi.json" "synthetic spec ($endpoints endpoints)"

if [ -d "$root/../shared/eko-docs" ]; then
  measure "real docs: xtask import --check (release)" "$xtask" import --check
else
  echo "| real docs: xtask import --check | skipped: ../shared/eko-docs is absent | |"
fi
measure "real spec: xtask codegen --check (release)" "$xtask" codegen --check
echo "compile-cost: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
