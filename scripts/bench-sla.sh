#!/usr/bin/env bash
# SLA throughput benchmark (Criterion, native, one thread): deadlines per
# second for a same-day request and one across the 2026 Spring Festival,
# and the ratio of their median times. Numbers go in BENCHMARKS.md.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
cargo bench -q -p portal-core --bench sla -- --noplot "$@" 2>&1 | grep -vE '^(Gnuplot|WARNING)' || true
median() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['median']['point_estimate'])" "target/criterion/deadline/$1/new/estimates.json"; }
same=$(median same_day)
cross=$(median cross_spring_festival)
python3 - "$same" "$cross" <<'PY'
import sys
same, cross = (float(x) for x in sys.argv[1:3])
print(f"same_day:              median {same:8.1f} ns  = {1e9 / same:12,.0f} deadlines/s")
print(f"cross_spring_festival: median {cross:8.1f} ns  = {1e9 / cross:12,.0f} deadlines/s")
print(f"ratio cross/same: {cross / same:.2f}")
PY
