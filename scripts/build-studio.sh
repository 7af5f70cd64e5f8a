#!/usr/bin/env bash
# Builds the Organizer Studio into dist/studio: this crate compiled to WebAssembly with the
# organizer tools (feature `studio`) and the built extension dist/chromium archived inside it
# (feature `bundle`, build.rs), so the page brands the very files `backstory pack` would, and needs
# nothing beside it. Run after scripts/build-extension.sh.
# The wasm is wasm-bindgen's `no-modules` glue plus the module as base64 in a classic script:
# browsers refuse module scripts and fetch() from file://, and the Studio must open from there.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f dist/chromium/manifest.json ]; then
  echo "build-studio: no dist/chromium; run scripts/build-extension.sh first" >&2
  exit 1
fi
# A target folder of its own: the extension's build (no features) and this one do not rebuild
# each other, and the extension's wasm stays what it was.
target="${CARGO_TARGET_DIR:-target}/studio"
BACKSTORY_EXTENSION="$PWD/dist/chromium" cargo build --release --target wasm32-unknown-unknown --lib \
  --features studio,bundle --target-dir "$target"
out=dist/studio
rm -rf "$out"
mkdir -p "$out/pkg"
wasm-bindgen --target no-modules --no-typescript --remove-name-section --remove-producers-section \
  --out-dir "$out/pkg" --out-name studio "$target/wasm32-unknown-unknown/release/backstory.wasm"
# The pinned wasm-opt, as scripts/build-extension.sh finds it (only package-lock.json's version).
WASM_OPT=
for dir in node_modules target/binaryen/node_modules; do
  ok=$(node -p "try { require('./$dir/binaryen/package.json').version ===
    require('./package-lock.json').packages['node_modules/binaryen'].version } catch { false }" 2>/dev/null || echo false)
  if [ "$ok" = true ]; then WASM_OPT=$dir/.bin/wasm-opt; break; fi
done
if [ -n "$WASM_OPT" ]; then
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$out/pkg/studio_bg.wasm" -o "$out/pkg/studio_bg.wasm"
else
  echo "build-studio: wasm-opt missing (run scripts/setup.sh); wasm left unoptimized" >&2
fi
node -e '
  const fs = require("node:fs");
  const wasm = fs.readFileSync(process.argv[1]).toString("base64");
  fs.writeFileSync(process.argv[2], "// The Studio wasm (scripts/build-studio.sh), for a page opened from file://.\nself.STUDIO_WASM = \"" + wasm + "\";\n");
' "$out/pkg/studio_bg.wasm" "$out/pkg/studio_wasm.js"
rm "$out/pkg/studio_bg.wasm"
cp studio/*.html studio/*.css studio/*.js "$out/"
echo "build-studio: $out ($(du -sh "$out" | cut -f1))" >&2
