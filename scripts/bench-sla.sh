#!/usr/bin/env bash
# SLA throughput benchmark (Criterion, native, one thread): the engine against
# the plain day-by-day walk (crates/core/benches/support/day_by_day.rs) on
# gaps of an hour, a day, a week, a month and a year, plus the same-day and
# across-the-2026-Spring-Festival cases. Prints a Markdown table for
# BENCHMARKS.md: median, deadlines per second, ratio to the one-hour gap,
# and engine / walk.
#
# Exits non-zero, printing no numbers, when the benchmark fails (a build
# error, or a case whose deadline is not the hand-worked one) or when any
# case's estimate was not written by this run. Extra arguments go to
# Criterion (e.g. `--measurement-time 10`); every case must still run.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"

CASES="gap_1_hour gap_1_day gap_1_week gap_1_month gap_1_year same_day cross_spring_festival"
# Where Criterion writes, fixed here so this script reads the same place.
export CRITERION_HOME="${CARGO_TARGET_DIR:-$ROOT/target}/criterion"

# No estimate from an earlier run may survive to be read as this run's.
# (`deadline/` held the cases before the walk was added.)
for case in $CASES deadline; do
  rm -rf "${CRITERION_HOME:?}/$case"
done
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT

status=0
cargo bench -q -p portal-core --bench sla -- --noplot "$@" 2>&1 \
  | { grep -vE '^(Gnuplot|WARNING)' || true; } || status=$?
if [ "$status" -ne 0 ]; then
  echo "bench-sla: the benchmark failed (exit $status); no numbers printed" >&2
  exit "$status"
fi

cpu=$(grep -m1 '^model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
echo
echo "Measured $(date +%F) with \`scripts/bench-sla.sh\`: $(nproc) cores ($cpu), $(rustc -V | cut -d' ' -f1-2)."
echo
python3 - "$CRITERION_HOME" "$stamp" $CASES <<'PY'
import json, os, sys

home, stamp, cases = sys.argv[1], sys.argv[2], sys.argv[3:]
started = os.stat(stamp).st_mtime

def median(case, function):
    path = os.path.join(home, case, function, "new", "estimates.json")
    if not os.path.exists(path):
        sys.exit(f"bench-sla: {path} was not written by this run")
    if os.stat(path).st_mtime < started:
        sys.exit(f"bench-sla: {path} is older than this run")
    with open(path) as f:
        return json.load(f)["median"]["point_estimate"]

labels = {
    "gap_1_hour": "1 hour: Thu 2025-03-27 10:00 → 11:00 (1 h open)",
    "gap_1_day": "1 day: → Fri 28 Mar 10:00 (9 h open)",
    "gap_1_week": "1 week: → Thu 3 Apr 10:00 (45 h open)",
    "gap_1_month": "1 month: → Sun 27 Apr 10:00, 调休 (189 h open)",
    "gap_1_year": "1 year: → Fri 2026-03-27 10:00 (2232 h open)",
    "same_day": "same day: P1 phone Thu 2026-11-26 10:00 → 11:00",
    "cross_spring_festival": "Spring Festival: P3 e-mail Sat 2026-02-14 19:50 → Tue 24 Feb 15:50",
}
engine = {c: median(c, "engine") for c in cases}
walk = {c: median(c, "day_by_day") for c in cases}
base_e, base_w = engine["gap_1_hour"], walk["gap_1_hour"]

def ratio(r):
    # Two decimals, or two significant digits below 0.1 (the year: 0.0037).
    return f"{r:.2f}" if r >= 0.095 else f"{r:.2g}"

def per_second(ns):
    return f"{1e9 / ns / 1e6:.1f} M"

print("| case | engine median | engine deadlines/s | engine ÷ 1 h | walk median | walk deadlines/s | walk ÷ 1 h | **engine ÷ walk** |")
print("|---|---|---|---|---|---|---|---|")
for c in cases:
    e, w = engine[c], walk[c]
    print(f"| {labels.get(c, c)} | {e:.1f} ns | {per_second(e)} | {e / base_e:.2f} "
          f"| {w:.1f} ns | {per_second(w)} | {w / base_w:.2f} | **{ratio(e / w)}** |")
PY
