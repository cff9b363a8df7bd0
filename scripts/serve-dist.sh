#!/usr/bin/env bash
# Serves a built dist/ with deploy/nginx.conf exactly as production does,
# rewriting only the `# @listen`, `# @root` and `# @intake` lines.
#
#   [INTAKE_PORT=8788] scripts/serve-dist.sh [--background] DIST_DIR PORT
#
# /intake/ is proxied to `portal intake` on 127.0.0.1:$INTAKE_PORT (started
# separately, as scripts/serve.sh does); without it, submissions get 502.
#
# With --background it starts nginx, waits until it answers, and prints the
# pid file path; stop it with `nginx -s stop -c <conf> -g 'pid <pidfile>;'`
# or `kill $(cat <pidfile>)`.
set -euo pipefail
background=0
if [ "${1:-}" = "--background" ]; then background=1; shift; fi
dist=$(cd "$1" && pwd)
port=$2
here=$(cd "$(dirname "$0")/.." && pwd)
run="$here/.tmp/nginx-$port"
mkdir -p "$run"
sed -e "s|^\(\s*\)listen .*# @listen|\1listen 127.0.0.1:$port;|" \
    -e "s|^\(\s*\)root .*# @root|\1root $dist;|" \
    -e "s|^\(\s*\)proxy_pass .*# @intake|\1proxy_pass http://127.0.0.1:${INTAKE_PORT:-8788}/;|" \
    -e "s|^\(\s*\)sendfile on;|&\n    access_log $run/access.log;|" \
    "$here/deploy/nginx.conf" > "$run/nginx.conf"
grep -q "listen 127.0.0.1:$port;" "$run/nginx.conf" || { echo "could not rewrite # @listen in deploy/nginx.conf" >&2; exit 1; }
grep -q "root $dist;" "$run/nginx.conf" || { echo "could not rewrite # @root in deploy/nginx.conf" >&2; exit 1; }
grep -q "proxy_pass http://127.0.0.1:${INTAKE_PORT:-8788}/;" "$run/nginx.conf" || { echo "could not rewrite # @intake in deploy/nginx.conf" >&2; exit 1; }
# A previous run on this port: stop it first.
if [ -f "$run/nginx.pid" ] && kill -0 "$(cat "$run/nginx.pid")" 2>/dev/null; then
  kill "$(cat "$run/nginx.pid")"; sleep 0.5
fi
globals="pid $run/nginx.pid; error_log $run/error.log warn;"
nginx -t -q -c "$run/nginx.conf" -g "$globals"
if [ "$background" = 1 ]; then
  nginx -c "$run/nginx.conf" -g "$globals"
  for _ in $(seq 50); do
    curl -fsS -o /dev/null "http://127.0.0.1:$port/" && { echo "$run/nginx.pid"; exit 0; }
    sleep 0.1
  done
  echo "nginx did not answer on 127.0.0.1:$port; see $run/error.log" >&2
  exit 1
fi
echo "Serving $dist on http://127.0.0.1:$port/ (Ctrl-C to stop)"
exec nginx -c "$run/nginx.conf" -g "$globals daemon off;"
