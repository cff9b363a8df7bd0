#!/usr/bin/env bash
# Installs whatever the portal needs and is missing; re-running it when all
# is installed takes a second or two. Source it (it exports PATH) or run it.
#
#   scripts/setup.sh          what building and serving need
#   scripts/setup.sh test     also what the tests need (Chromium, chromedriver)
#
# Pinned versions: Trunk 0.21.14 (0.22 needs a newer rustc than this
# machine's), wasm-bindgen-cli = the wasm-bindgen in Cargo.lock,
# wasm-split-cli 0.2.4, binaryen (wasm-opt) 132 from npm (Debian's v108
# corrupts wasm-bindgen output).
set -euo pipefail

TRUNK_VERSION=0.21.14
# The splitter for route-level code splitting (scripts/build-wasm.sh): 0.2.4
# writes __wasm_split.js in a stable order (0.2.3 shuffles it every build).
WASM_SPLIT_VERSION=0.2.4
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

if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  say "installing wasm-split-cli $WASM_SPLIT_VERSION (about 3 minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary
fi

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
