#!/usr/bin/env bash
# Search benchmark (issues #5, #9): our engine, Pagefind and MiniSearch (its
# default options, and the CJK bigram tokenizer) over the same generated
# 10,000-article Chinese corpus, in headless Chromium, served by nginx with
# gzip (deploy/nginx.conf). Relevance is labelled from the corpus text by
# bench/search/run.mjs itself. Prints Markdown tables of this run only.
#   scripts/bench-search.sh [ARTICLES]
# Exits non-zero when any step fails or our engine misses a target (a false
# hit, a nonsense word answered, a relevant article not found, more than
# 120 KB before the first result).
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
$portal index "$out"
npx pagefind --site "$out/html" --output-path "$out/pagefind" --force-language zh >/dev/null
node bench/search/build-minisearch.mjs "$out"
cargo build -q --release -p search-wasm --target wasm32-unknown-unknown
wasm-bindgen --target web --out-dir "$out/ours" target/wasm32-unknown-unknown/release/search_wasm.wasm
wasm-opt -Oz "$out/ours/search_wasm_bg.wasm" -o "$out/ours/search_wasm_bg.wasm"
echo '<!DOCTYPE html><meta charset="utf-8"><title>bench</title>' > "$out/index.html"
port=${BENCH_PORT:-8497}
pidfile=$(scripts/serve-dist.sh --background "$out" "$port")
trap 'kill "$(cat "$pidfile")" 2>/dev/null || true' EXIT
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, scripts/bench-search.sh $n"
node bench/search/run.mjs "http://127.0.0.1:$port" "$out" ".tmp/nginx-$port/access.log"
