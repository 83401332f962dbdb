#!/usr/bin/env bash
# Instructions per call, eko-api against the hand-written baseline, counted by
# valgrind's callgrind (issue 14; figures in BENCHMARKS.md).
#
# Timings on a shared two-core machine move with its load (a call takes 38 µs when
# the cores are busy and 110 µs when they idle); instruction counts do not. This runs
# the `calls` benchmark once per side (`EKO_BENCH_SIDE`, 10,000 calls per scenario)
# under callgrind and prints, per call:
#   - every instruction the process ran (client, loopback server, runtime), and
#   - the instructions of the client's call futures alone (`Clients::call`: building,
#     signing, sending through reqwest/hyper, decoding), sequential and concurrent,
# with the ratio eko-api ÷ baseline. The server answers both sides alike, so the
# difference of the totals is what eko-api adds.
#
# Usage: scripts/call-instructions.sh [BINARY]   (needs valgrind: apt-get install valgrind)
#   BINARY: a `calls` benchmark executable built elsewhere (a before/after of a runtime
#   change, as BENCHMARKS.md's "How to re-run" builds one); by default this tree's.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
command -v valgrind >/dev/null || { echo "call-instructions: needs valgrind" >&2; exit 1; }
cd "$root"
binary="${1:-}"
[ -n "$binary" ] || binary=$(cargo bench -p eko-bench --bench calls --no-run --message-format=json 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "calls" and m.get("executable"):
        print(m["executable"])')
[ -x "$binary" ] || { echo "call-instructions: could not build the calls benchmark" >&2; exit 1; }
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

for side in eko-api baseline; do
  EKO_BENCH_SIDE="$side" EKO_BENCH_CALLS=10000 valgrind --tool=callgrind \
    --callgrind-out-file="$scratch/$side.out" "$binary" --bench >"$scratch/$side.log" 2>&1
  callgrind_annotate --inclusive=yes "$scratch/$side.out" >"$scratch/$side.txt"
done

python3 - "$scratch" <<'EOF'
import re, sys
scratch = sys.argv[1]
# 10,000 calls per scenario (POST and GET, sequential and concurrent) and a warm-up
# of 500 concurrent calls of each kind.
CALLS = {"total": 41_000, "sequential": 20_000, "concurrent": 21_000}
ROWS = {
    "total": "PROGRAM TOTALS",
    "client": r"calls::Clients::call::\{\{closure\}\}",
    "sequential": r"calls::run::\{\{closure\}\}",
    "concurrent": r"calls::concurrent_block::\{\{closure\}\}::\{\{closure\}\}",
}

def read(side):
    text = open(f"{scratch}/{side}.txt").read()
    found = {}
    for key, pattern in ROWS.items():
        match = re.search(r"^\s*([\d,]+) \([^)]*\)\s+(?:\?\?\?:)?" + pattern, text, re.M)
        if not match:
            sys.exit(f"call-instructions: no `{pattern}` in the {side} profile")
        found[key] = int(match.group(1).replace(",", ""))
    return found

eko, base = read("eko-api"), read("baseline")
print("| instructions per call | eko-api | baseline | eko-api − baseline | ratio |")
print("| --- | --- | --- | --- | --- |")
for key, label, calls in [
    ("total", "whole process (client, server, runtime)", CALLS["total"]),
    ("client", "client call futures, all calls", CALLS["total"]),
    ("sequential", "client, sequential calls", CALLS["sequential"]),
    ("concurrent", "client, 64 concurrent callers", CALLS["concurrent"]),
]:
    a, b = eko[key] / calls, base[key] / calls
    print(f"| {label} | {a:,.0f} | {b:,.0f} | {a - b:,.0f} | {a / b:.3f} |")
EOF
