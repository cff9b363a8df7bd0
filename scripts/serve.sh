#!/usr/bin/env bash
# Quick start 1: install what is missing, build the release, and serve the
# portal with the demo data at http://127.0.0.1:${PORT:-8080}/ through nginx
# with the production config (deploy/nginx.conf).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/setup.sh" build
cd "$ROOT"
trunk build --release
exec scripts/serve-dist.sh dist "${PORT:-8080}"
