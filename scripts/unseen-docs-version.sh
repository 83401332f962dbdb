#!/usr/bin/env bash
# The promise behind `cargo xtask import`: a docs version nobody has seen imports and
# compiles with no code edits, and callers of the old names keep compiling.
#
# Builds such a version from the newest pages we hold — one page renamed (same call,
# new slug), one page gone, the older page layout mixed in (an error table without the
# response_type_id column), and two pages in the newer layout from the importer's
# fixtures (DELETE with a value list, response types, callouts and an unknown section;
# PATCH with a file upload and no product page) — then, in a scratch copy of the
# workspace: import it, generate, check eko-api with every feature and with none, and
# run the end-to-end and former-name tests against the mock.
#
# Usage: scripts/unseen-docs-version.sh [DOCS_ROOT]   (default: ../shared/eko-docs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
docs_root="${1:-$root/../shared/eko-docs}"
[ -d "$docs_root" ] || { echo "unseen-docs-version: $docs_root is absent; skipped"; exit 0; }
newest=$(ls -d "$docs_root"/*/ | sort | tail -n 1)
oldest=$(ls -d "$docs_root"/*/ | sort | head -n 1)
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
version=2099-01-01

# The workspace copy sees the held versions and the unseen one as ../shared/eko-docs.
mkdir -p "$scratch/shared/eko-docs"
for folder in "$docs_root"/*/; do
  ln -s "$(cd "$folder" && pwd)" "$scratch/shared/eko-docs/$(basename "$folder")"
done
unseen="$scratch/shared/eko-docs/$version"
mkdir -p "$unseen"
cp "$newest"/*.md "$unseen/"
# A rename Eko might make: same method and path, new slug.
sed 's#docs/get-ifsc-details#docs/ifsc-lookup#; s#^\# Get IFSC Details#\# IFSC Lookup#' \
  "$unseen/get-ifsc-details.md" > "$unseen/ifsc-lookup.md"
rm "$unseen/get-ifsc-details.md"
# A page that is gone.
rm "$unseen/pan-fetch.md"
# The older layout of a page that exists in both.
cp "$oldest/get-bank-details.md" "$unseen/get-bank-details.md"
# Two pages in the newer layout, with constructs the held versions do not have.
cp "$root"/xtask/tests/fixtures/pages/2030-02-01/{close-shop,upload-shop-photo}.md "$unseen/"

mkdir -p "$scratch/main"
# Tracked and new files as they are in the working tree (a deleted one is skipped).
(cd "$root" && git ls-files -z --cached --others --exclude-standard |
  while IFS= read -r -d '' file; do
    [ -e "$file" ] && cp --parents "$file" "$scratch/main"
  done; true)
cd "$scratch/main"
# The workspace's own target folder, so that the dependencies built for the tests are
# reused. The copy's crates have other paths, hence other fingerprints, so they build
# beside the workspace's own; what they share is the uplifted binaries
# (target/debug/xtask, the test crate's bins), which cargo links again from the
# workspace's fresh artifacts the next time the workspace builds them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"

echo "-- import $version (renamed, removed, both layouts, new constructs)"
cargo xtask import "$unseen" | grep -E '^(docs version|  (added|renamed|removed)|import:)'
grep -q "docs_version = \"$version\"" spec/shared.toml
grep -q 'id = "ifsc-lookup"' spec/endpoints/utilities/ifsc-lookup.toml
grep -q "removed = \"$version\"" spec/endpoints/kyc/pan-fetch.toml
echo "-- generate"
cargo xtask codegen
grep -q 'pub type GetIfscDetailsRequest = crate::utilities::IfscLookupRequest;' eko-api/src/generated/utilities.rs
echo "-- eko-api compiles with every feature, and with none"
cargo check -q -p eko-api --all-features
cargo check -q -p eko-api --no-default-features
echo "-- every endpoint end to end, and every former name, against the mock"
cargo test -q -p eko-tests --test end_to_end --test former_names 2>&1 | grep -E '^test result'
echo "unseen-docs-version: $version imported, generated, compiled and tested with no code edits"
