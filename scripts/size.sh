#!/usr/bin/env bash
# Size benchmark: builds the release and reports raw, gzip (-9) and brotli
# (-q 11) sizes of everything the first page loads. Budget: the shell
# (HTML + JS + wasm + CSS) under 150 KB brotli.
#   scripts/size.sh            build, then measure
#   scripts/size.sh --no-build measure the existing dist/
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/setup.sh" build
cd "$ROOT"
[ "${1:-}" = "--no-build" ] || trunk build --release >/dev/null 2>&1 || trunk build --release
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
row() { # label, files...
  local label=$1; shift
  local raw=0 gz=0 br=0 f
  for f in "$@"; do
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
    br=$((br + $(brotli -q 11 -c "$f" | wc -c)))
  done
  printf '| %-28s | %9s | %9s | %9s |\n' "$label" "$(kb $raw)" "$(kb $gz)" "$(kb $br)"
  shell_raw=$((shell_raw + raw)); shell_gz=$((shell_gz + gz)); shell_br=$((shell_br + br))
}
shell_raw=0; shell_gz=0; shell_br=0
echo "| file (dist/)                 |    raw KB |   gzip KB | brotli KB |"
echo "|------------------------------|-----------|-----------|-----------|"
row "wasm (portal-app_bg.wasm)" dist/portal-app-*_bg.wasm
row "JS glue (portal-app.js)" "$(ls dist/portal-app-*.js)"
row "JS boot (boot.js)" dist/boot-*.js
row "CSS" dist/main-*.css
row "index.html" dist/index.html
printf '| %-28s | %9s | %9s | %9s |\n' "**shell total**" "$(kb $shell_raw)" "$(kb $shell_gz)" "**$(kb $shell_br)**"
api_raw=$shell_raw; api_gz=$shell_gz; api_br=$shell_br
row "API: meta, policy, calendar" dist/api/meta.json dist/api/sla/policy.json dist/api/sla/calendar.json
printf '| %-28s | %9s | %9s | %9s |\n' "first page incl. API data" "$(kb $shell_raw)" "$(kb $shell_gz)" "$(kb $shell_br)"
budget=$((150 * 1024))
if [ "$api_br" -gt "$budget" ]; then
  echo "over budget: shell is $(kb $api_br) KB brotli, budget 150 KB" >&2
  exit 1
fi
