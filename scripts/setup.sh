#!/usr/bin/env bash
# Installs whatever the portal needs and is missing; re-running it when all
# is installed takes a second or two. Source it (it exports PATH) or run it.
#
#   scripts/setup.sh          what building and serving need
#   scripts/setup.sh test     also what the tests need (Chromium, chromedriver)
#
# Pinned versions: Trunk 0.21.14 (0.22 needs a newer rustc than this
# machine's), wasm-bindgen-cli = the wasm-bindgen in Cargo.lock,
# wasm-split-cli (tools/wasm-split, built from the repo), binaryen (wasm-opt) 132 from npm (Debian's v108
# corrupts wasm-bindgen output).
set -euo pipefail

TRUNK_VERSION=0.21.14
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$ROOT/scripts/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile=${1:-build}

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian packages -------------------------------------------------------
packages=()
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || packages+=(nginx)
command -v curl >/dev/null 2>&1 || packages+=(curl)
command -v node >/dev/null 2>&1 || packages+=(nodejs npm)
command -v brotli >/dev/null 2>&1 || packages+=(brotli)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || packages+=(libnginx-mod-http-brotli-static)
if [ "$profile" = test ]; then
  [ -x /usr/bin/chromium ] || packages+=(chromium)
  [ -x /usr/bin/chromedriver ] || packages+=(chromium-driver)
  # The page's font stack ends in Noto Sans CJK SC on Linux: without it
  # Chromium falls back to DejaVu, whose wider Latin glyphs overflow the
  # navigation the layout tests measure, and CJK shows as boxes in screenshots.
  fc-list 2>/dev/null | grep -q "Noto Sans CJK SC" || packages+=(fonts-noto-cjk)
fi
if [ ${#packages[@]} -gt 0 ]; then
  say "installing Debian packages: ${packages[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
export PATH="$PATH:/usr/sbin"

# --- Rust: wasm target, Trunk, wasm-bindgen-cli -----------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "installing Trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock")
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $bindgen_version" ]; then
  say "installing wasm-bindgen-cli $bindgen_version (about 4 minutes)"
  # Not --locked: one of its locked dependencies is no longer on crates.io.
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi

# The splitter for route-level code splitting: upstream 0.2.4 (0.2.3 writes
# __wasm_split.js in a random order) with a chunk-merging pass, vendored in
# tools/wasm-split. scripts/build-wasm.sh builds it too; building it here
# keeps the first `trunk build` short.
if [ ! -x "$ROOT/target/tools/release/wasm-split-cli" ]; then
  say "building wasm-split-cli from tools/wasm-split (about 1 minute)"
fi
cargo build --quiet --release --locked --features build-binary \
  --manifest-path "$ROOT/tools/wasm-split/Cargo.toml" --target-dir "$ROOT/target/tools"

# --- npm: wasm-opt and the end-to-end test runner ---------------------------
if [ ! -f "$ROOT/node_modules/.package-lock.json" ] || [ "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]; then
  say "installing npm packages (binaryen, esbuild, @playwright/test)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi
command -v esbuild >/dev/null 2>&1 || { echo "esbuild from node_modules is missing (npm ci)" >&2; exit 1; }
if [ "$(wasm-opt --version 2>/dev/null)" != "wasm-opt version 132 (version_132)" ]; then
  echo "wasm-opt on PATH is not binaryen 132 from node_modules: $(command -v wasm-opt)" >&2
  exit 1
fi
