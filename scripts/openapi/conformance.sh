#!/usr/bin/env bash
# Our client against an independent mock: Prism serves openapi.json on loopback and
# validates every request against it (`--errors`: a violation is a 4xx listing it);
# the `conformance` binary sends every endpoint's documented example request through
# eko-api. Fails when Prism rejects any request or its log reports a violation.
#
#   bash scripts/openapi/conformance.sh [PORT]
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/openapi/tools.sh

port=${1:-4010}
log=target/openapi-tools/prism.log
cargo build --quiet -p eko-tests --bin conformance
target_dir=$(cargo_target_dir)

echo "-- prism $(prism --version) mocking openapi.json on 127.0.0.1:$port, validating requests"
prism mock openapi.json --host 127.0.0.1 --port "$port" --errors >"$log" 2>&1 &
prism_pid=$!
trap 'kill $prism_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  if curl -s -o /dev/null "http://127.0.0.1:$port/"; then break; fi
  if ! kill -0 $prism_pid 2>/dev/null; then cat "$log"; echo "prism did not start" >&2; exit 1; fi
  sleep 0.5
done

# The check can fail: a request without the signing headers, and one whose body
# lacks required fields and mistypes one, must both be refused.
unsigned=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' \
  -d '{}' "http://127.0.0.1:$port/customer/account/9444444444")
invalid=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'content-type: application/json' \
  -H 'developer_key: x' -H 'secret-key: x' -H 'secret-key-timestamp: 1' \
  -d '{"initiator_id": 9962981729}' "http://127.0.0.1:$port/customer/account/9444444444")
echo "-- self-check: unsigned request -> HTTP $unsigned, invalid body -> HTTP $invalid"
if [ "$unsigned" -lt 400 ] || [ "$invalid" -lt 400 ]; then
  echo "prism accepted a request that violates openapi.json; the check below would prove nothing" >&2
  exit 1
fi
sleep 0.5
# Only what Prism logs from here on is about the example requests.
from=$(($(wc -l <"$log") + 1))

status=0
"$target_dir/debug/conformance" "http://127.0.0.1:$port" || status=$?

# Prism logs each request it validated; a violation it only warns about is a failure too.
sleep 0.5
tail -n "+$from" "$log" >"$log.examples"
violations=$(grep -c -i 'violation' "$log.examples" || true)
echo "-- prism log: $(grep -c -i 'request received' "$log.examples" || true) requests received, $violations violation lines ($log.examples)"
if [ "$violations" != 0 ]; then
  grep -i -B1 -A3 'violation' "$log.examples" | head -n 60
  status=1
fi
exit $status
