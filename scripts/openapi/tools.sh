#!/usr/bin/env bash
# Installs the independent OpenAPI tools, pinned, under the build directory:
#   target/openapi-tools/venv          openapi-spec-validator, schemathesis (requirements.txt)
#   target/openapi-tools/node          @redocly/cli, @stoplight/prism-cli (package-lock.json)
# Source it (`. scripts/openapi/tools.sh`) to get them on PATH; a second run reuses
# what is installed when the pins have not changed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
tools="${EKO_OPENAPI_TOOLS:-$root/target/openapi-tools}"
mkdir -p "$tools"

if ! cmp -s "$here/requirements.txt" "$tools/venv/requirements.txt"; then
  echo "-- installing Python tools into $tools/venv"
  rm -rf "$tools/venv"
  python3 -m venv "$tools/venv"
  "$tools/venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$tools/venv/requirements.txt"
fi

if ! cmp -s "$here/package-lock.json" "$tools/node/package-lock.json"; then
  echo "-- installing Node tools into $tools/node"
  rm -rf "$tools/node"
  mkdir -p "$tools/node"
  cp "$here/package.json" "$here/package-lock.json" "$tools/node/"
  # Scarf's install script only reports downloads; nothing needs it.
  SCARF_ANALYTICS=false npm ci --prefix "$tools/node" --no-audit --no-fund --ignore-scripts --loglevel=error
fi

export PATH="$tools/venv/bin:$tools/node/node_modules/.bin:$PATH"

# The workspace's target folder, where cargo puts the binaries the checks run.
cargo_target_dir() {
  cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])'
}
