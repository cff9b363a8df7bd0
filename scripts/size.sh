#!/usr/bin/env bash
# Size benchmark and budget: what a cold first visit to each route
# downloads, brotli as nginx serves it (scripts/size.mjs). Fails when the
# home page is over 200 KB or a deep link to any section over 260 KB.
#   scripts/size.sh              build the release, serve it, measure
#   scripts/size.sh --no-build   measure the existing dist/
#   SIZE_URL=http://… scripts/size.sh --no-build   measure a build already served
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/setup.sh" test
cd "$ROOT"
[ "${1:-}" = "--no-build" ] || trunk build --release
url=${SIZE_URL:-}
if [ -z "$url" ]; then
  port=${SIZE_PORT:-8498}
  pidfile=$(scripts/serve-dist.sh --background dist "$port")
  trap 'kill "$(cat "$pidfile")" 2>/dev/null || true' EXIT
  url="http://127.0.0.1:$port"
fi
node scripts/size.mjs "$url" dist
