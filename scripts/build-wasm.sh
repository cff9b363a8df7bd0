#!/usr/bin/env bash
# Builds the app's wasm split per route (Trunk 0.21 has no split step,
# trunk-rs/trunk#1022). Trunk runs this as a pre_build hook (Trunk.toml); it
# can also run alone. Steps, as cargo-leptos's front-end build does them:
#
#   1. cargo build, wasm32, feature `split` (turns `#[lazy_route]` on), with
#      relocations kept (`--emit-relocs`: the splitter needs them);
#   2. wasm-split-cli (tools/wasm-split: upstream 0.2.4 plus a pass that
#      merges small shared chunks): the main module, one module per lazy
#      function (split_*.wasm), shared code (chunk_*.wasm) and the loader
#      __wasm_split.js;
#   3. wasm-bindgen on the main module (--keep-lld-exports: the chunks link
#      against its function table);
#   4. wasm-opt -Os on every module, esbuild --minify on the JS (release only).
#
# Output: target/split/pkg/ with plain names. `portal seal` (post_build)
# content-hashes them into the build, adds SRI to every chunk fetch and
# precaches them all in the service worker.
#
#   scripts/build-wasm.sh [release|debug]      (default: $TRUNK_PROFILE, else release)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
export PATH="$ROOT/scripts/bin:$ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"
profile=${1:-${TRUNK_PROFILE:-release}}
app=portal-app
target_dir=target/split
stage=$target_dir/stage
pkg=$target_dir/pkg

cargo_args=(build -p "$app" --bin "$app" --target wasm32-unknown-unknown --features split
            --target-dir "$target_dir")
if [ "$profile" = release ]; then cargo_args+=(--release); fi
# A separate target dir: RUSTFLAGS change every crate's build, and the plain
# (unsplit) builds of clippy and wasm-bindgen-test keep theirs.
# Panic locations name their source files; without the machine's registry
# path (a 58-byte prefix, dozens of times) the wasm is smaller and the same
# on every machine.
registry="${CARGO_HOME:-$HOME/.cargo}/registry/src"
for index in "$registry"/*/; do
  [ -d "$index" ] && RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=${index%/}=crates"
done
RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$ROOT=portal -Clink-args=--emit-relocs" cargo "${cargo_args[@]}"

# The splitter, built from tools/wasm-split (a no-op when it is up to date).
cargo build --quiet --release --locked --features build-binary \
  --manifest-path tools/wasm-split/Cargo.toml --target-dir target/tools
splitter=target/tools/release/wasm-split-cli

wasm="$target_dir/wasm32-unknown-unknown/$profile/$app.wasm"
rm -rf "$stage" "$pkg"
mkdir -p "$stage" "$pkg"
# Merge shared chunks while that saves bytes (tools/wasm-split/README.md):
# costs in bytes of the input wasm, tuned on this app (BENCHMARKS.md,
# "Chunk merging"). Without it: 296 chunks, 10 KB of digests in the loader.
"$splitter" --target web --out-name "$app" --merge-module-overhead 250 --merge-loader-entry 150 \
  "$wasm" "$stage" >/dev/null
wasm-bindgen --target web --keep-lld-exports --no-demangle --no-typescript \
  --out-name "$app" --out-dir "$pkg" "$stage/$app.wasm"
cp "$stage/__wasm_split.js" "$pkg/"
for f in "$stage"/split_*.wasm "$stage"/chunk_*.wasm; do
  [ -e "$f" ] && cp "$f" "$pkg/"
done
if [ "$profile" = release ]; then
  # One wasm-opt per core, -Os (brotli packs its output a little smaller
  # than -Oz's, 0.3 %). The producers and target_features sections go:
  # about 200 bytes in each of a hundred modules, more than the code of the
  # smallest, and nothing reads them at run time. The "unknown name subsection" notes are about the
  # splitter's name sections, which wasm-opt drops anyway; any other failure stops
  # the build. --low-memory-unused (as Emscripten builds by default): nothing
  # reads or writes the first 1 KB of memory (Rust's stack is the first
  # megabyte and would have overflowed), so constant offsets fold into loads
  # and stores: 0.2 KB less brotli on the main module alone.
  printf '%s\0' "$pkg"/*.wasm | xargs -0 -P "$(nproc)" -I{} sh -c '
    wasm-opt -Os --low-memory-unused --strip-producers --strip-target-features "$1" -o "$1" 2>"$1.log"; rc=$?
    grep -v "unknown name subsection" "$1.log" >&2; rm -f "$1.log"; exit $rc' _ {}
  # The glue, minified (esbuild from npm: a build tool,
  # nothing of it ships). `portal seal` hashes them afterwards.
  # (Only the glue: minified, the chunk loader compresses worse than as written.)
  for f in "$pkg/$app.js"; do
    esbuild "$f" --minify --format=esm --log-level=warning --outfile="$f.min" && mv "$f.min" "$f"
  done
fi
echo "build-wasm: $(ls "$pkg" | wc -l) files in $pkg" >&2
