#!/usr/bin/env bash
# Quick start 2: install what is missing and run every test.
#   1. format and lints          cargo fmt --check, clippy (native and wasm)
#   2. native                    cargo test (core + CLI), portal validate on the demo API
#   3. browser                   wasm-bindgen-test in headless Chromium
#   4. end-to-end                release build served by nginx with deploy/nginx.conf,
#                                Playwright journeys in Chromium
#   5. download size             scripts/size.sh on the same build: every route within
#                                its ceiling (brotli; issue #8's targets, home <= 200 KB
#                                and a deep link <= 260 KB, are reported beside them)
# .ci/run calls exactly this.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/setup.sh" test
cd "$ROOT"
mkdir -p .tmp
log=.tmp/test.log
: > "$log"
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all -- --check
step "clippy"
cargo clippy --workspace --exclude portal-app --all-targets -- -D warnings
cargo clippy -p portal-app --target wasm32-unknown-unknown --all-targets -- -D warnings
# The split build's code paths (#[lazy] sections and engines), linted too.
cargo clippy -p portal-app --target wasm32-unknown-unknown --features split -- -D warnings

step "native tests (core, CLI)"
cargo test -p portal-core -p portal-cli 2>&1 | tee -a "$log"
# The splitter's chunk-merging plan (tools/wasm-split, its own workspace).
cargo test --quiet --release --locked --lib --manifest-path tools/wasm-split/Cargo.toml \
  --target-dir target/tools merge 2>&1 | tee -a "$log"
step "portal validate public/api"
cargo run --quiet -p portal-cli -- validate public/api

step "browser tests (wasm-bindgen-test, headless Chromium)"
CHROMEDRIVER=/usr/bin/chromedriver cargo test -p portal-app --target wasm32-unknown-unknown 2>&1 | tee -a "$log"

step "release build"
trunk build --release

step "end-to-end (nginx + deploy/nginx.conf, Playwright, Chromium)"
port=${E2E_PORT:-8499}
# The outbox journeys start `portal intake` themselves on this port, the one
# nginx proxies /intake/ to.
export INTAKE_PORT=${E2E_INTAKE_PORT:-8798}
cargo build --quiet -p portal-cli
export PORTAL_BIN="${CARGO_TARGET_DIR:-target}/debug/portal"
pidfile=$(scripts/serve-dist.sh --background dist "$port")
trap 'kill "$(cat "$pidfile")" 2>/dev/null || true' EXIT
PORTAL_URL="http://127.0.0.1:$port" npx playwright test --config tests/e2e/playwright.config.mjs 2>&1 | tee -a "$log"

step "download budget (scripts/size.sh)"
if SIZE_URL="http://127.0.0.1:$port" scripts/size.sh --no-build; then
  echo "1 passed (download budget)" >> "$log"
else
  echo "1 failed (download budget)" >> "$log"
fi

# One closing line for the whole run.
passed=$(grep -hoE '([0-9]+) passed' "$log" | awk '{s+=$1} END {print s+0}')
failed=$(grep -hoE '([0-9]+) failed' "$log" | awk '{s+=$1} END {print s+0}')
echo
echo "all: $passed passed, $failed failed"
[ "$failed" = 0 ]
