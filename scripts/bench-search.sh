#!/usr/bin/env bash
# Search benchmark (issue #5): our engine, Pagefind and MiniSearch over the
# same generated 10,000-article Chinese corpus, in one headless-Chromium run,
# served by nginx with gzip (deploy/nginx.conf). Prints a Markdown table.
#   scripts/bench-search.sh [ARTICLES]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/setup.sh" test
cd "$ROOT"
n=${1:-10000}
out=.tmp/bench-search
rm -rf "$out" && mkdir -p "$out"
cargo build -q --release -p portal-cli
portal=target/release/portal
$portal gen-corpus "$out" --articles "$n"
$portal index "$out" 2>/dev/null
npx pagefind --site "$out/html" --output-path "$out/pagefind" --force-language zh >/dev/null
node bench/search/build-minisearch.mjs "$out"
cargo build -q --release -p search-wasm --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir "$out/ours" target/wasm32-unknown-unknown/release/search_wasm.wasm
wasm-opt -Oz "$out/ours/search_wasm_bg.wasm" -o "$out/ours/search_wasm_bg.wasm"
echo '<!DOCTYPE html><meta charset="utf-8"><title>bench</title>' > "$out/index.html"
port=${BENCH_PORT:-8497}
pidfile=$(scripts/serve-dist.sh --background "$out" "$port")
trap 'kill "$(cat "$pidfile")" 2>/dev/null || true' EXIT
echo "corpus: $n articles, $(jq 'keys | length' "$out/queries.json" 2>/dev/null || python3 -c "import json;print(len(json.load(open('$out/queries.json'))))") labelled queries"
node bench/search/run.mjs "http://127.0.0.1:$port" "$out" ".tmp/nginx-$port/access.log"
