#!/usr/bin/env bash
# Writes foo.br next to every compressible file of a release build (and of
# the API copy inside it), so nginx's brotli_static serves the smaller
# encoding without compressing on each request. Run by Trunk after
# `portal seal` (Trunk.toml), release builds only.
#   scripts/precompress.sh DIR
set -euo pipefail
dir=$1
if [ "${TRUNK_PROFILE:-release}" != "release" ]; then exit 0; fi
if ! command -v brotli >/dev/null 2>&1; then
  echo "precompress: brotli not installed (scripts/setup.sh installs it); serving gzip only" >&2
  exit 0
fi
find "$dir" -type f \( -name '*.html' -o -name '*.js' -o -name '*.css' -o -name '*.wasm' \
  -o -name '*.json' -o -name '*.svg' -o -name '*.md' \) -print0 |
  xargs -0 -r -P 2 -n 16 brotli -q 11 -f -k
