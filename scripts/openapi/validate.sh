#!/usr/bin/env bash
# Two independent validators accept openapi.json: openapi-spec-validator (PyPI) checks
# it against the OpenAPI 3.1 schema, Redocly CLI lints it with its strict recommended
# rules plus every example checked against its schema (redocly.yaml).
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/openapi/tools.sh

operations=$(python3 -c 'import json,sys; d=json.load(open("openapi.json")); print(sum(len(v) for v in d["paths"].values()), "operations,", len(d.get("webhooks", {})), "webhooks,", len(d["components"]["schemas"]), "schemas")')
echo "-- openapi.json: $operations"
echo "-- openapi-spec-validator $(pip show openapi-spec-validator 2>/dev/null | sed -n 's/^Version: //p')"
openapi-spec-validator openapi.json
echo "-- redocly lint ($(redocly --version 2>/dev/null | tail -n 1)), rules: scripts/openapi/redocly.yaml"
# Redocly prints a banner about Node versions on stderr; the verdict is its exit code.
redocly lint openapi.json --config scripts/openapi/redocly.yaml --format=stylish 2> >(grep -v '[║╔╚]' >&2)
