#!/usr/bin/env bash
# Quick start 1: install what is missing, build the release, and serve the
# portal with the demo data at http://127.0.0.1:${PORT:-8080}/ through nginx
# with the production config (deploy/nginx.conf), with the reference
# submission endpoint `portal intake` behind /intake/ (accepted submissions
# land in .tmp/inbox/; stopped with the server).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/setup.sh" build
cd "$ROOT"
trunk build --release
cargo build --quiet -p portal-cli
export INTAKE_PORT=${INTAKE_PORT:-8788}
mkdir -p .tmp && : > .tmp/intake.out
"${CARGO_TARGET_DIR:-target}/debug/portal" intake --dir .tmp/inbox \
  --listen "127.0.0.1:$INTAKE_PORT" --api public/api --private demo/private > .tmp/intake.out &
intake=$!
trap 'kill "$intake" 2>/dev/null || true' EXIT
# Listening before nginx starts, or gone with its reason (port taken, inbox
# not writable) on stderr.
until grep -q '^listening on' .tmp/intake.out; do
  kill -0 "$intake" 2>/dev/null || { echo "portal intake did not start (see above)" >&2; exit 1; }
  sleep 0.1
done
cat .tmp/intake.out
scripts/serve-dist.sh dist "${PORT:-8080}"
