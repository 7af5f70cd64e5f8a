#!/usr/bin/env bash
# Builds the wasm engine and assembles the unpacked extension in dist/chromium and dist/firefox.
# Also writes extension/pkg (the wasm-bindgen output and the content-script bundle) so the repo root
# loads unpacked as well.
# REQUIRE_WASM_OPT=1 (`make cli`) fails without wasm-opt instead of leaving the wasm unoptimized.
set -euo pipefail
cd "$(dirname "$0")/.."

t() { date +%s.%N; }
t0=$(t)
cargo build --release --target wasm32-unknown-unknown --lib
t1=$(t)
rm -rf extension/pkg
wasm-bindgen --target web --remove-name-section --remove-producers-section \
  --out-dir extension/pkg --out-name backstory "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/backstory.wasm"
rm -f extension/pkg/*.d.ts # type declarations are for editors, not the browser
# wasm-opt from npm binaryen (pinned in package.json). Debian's binaryen 108 is NOT used: its -Oz
# swaps the funcref table with wasm-bindgen's externref table, and init() then fails with
# "WebAssembly.Table.set(): Argument 1 is invalid for table".
# `npm ci` puts it in node_modules; scripts/setup-cli.sh, for `make cli`, in target/binaryen alone.
# Only package-lock.json's version is used: a stale node_modules would give other wasm bytes.
pinned() { # pinned DIR [PACKAGE]: whether DIR holds PACKAGE (binaryen) at package-lock.json's version
  local pkg=${2:-binaryen}
  node -p "try { require('./$1/$pkg/package.json').version ===
    require('./package-lock.json').packages['node_modules/$pkg'].version } catch { false }" 2>/dev/null || echo false
}
WASM_OPT=
for dir in node_modules target/binaryen/node_modules; do
  if [ "$(pinned "$dir")" = true ]; then WASM_OPT=$dir/.bin/wasm-opt; break; fi
done
if [ -n "$WASM_OPT" ]; then
  "$WASM_OPT" -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    extension/pkg/backstory_bg.wasm -o extension/pkg/backstory_bg.wasm
elif [ "${REQUIRE_WASM_OPT:-}" = 1 ]; then
  echo "build: wasm-opt missing (run scripts/setup-cli.sh)" >&2
  exit 1
else
  echo "build: wasm-opt missing (run scripts/setup.sh); wasm left unoptimized" >&2
fi
# The content script: ES modules under extension/content, bundled into the one file the manifest
# loads, by esbuild pinned in package-lock.json (`npm ci`, or scripts/setup-cli.sh alone). Not minified: the shipped
# code reads like its source. The shared/ files the extension pages also load as classic scripts
# come in as CommonJS.
ESBUILD=
for dir in node_modules target/binaryen/node_modules; do
  if [ "$(pinned "$dir" esbuild)" = true ]; then ESBUILD=$dir/.bin/esbuild; break; fi
done
if [ -z "$ESBUILD" ]; then
  echo "build: esbuild missing or not the pinned version (run scripts/setup.sh)" >&2
  exit 1
fi
"$ESBUILD" extension/content/main.js --bundle --format=iife --target=chrome120,firefox140 \
  --legal-comments=none --log-level=warning --outfile=extension/pkg/content.js
t2=$(t)

# Both browsers load the same tree: the one manifest carries both background keys (each browser
# ignores the one it does not use) and Firefox's browser_specific_settings (Chromium ignores it).
for browser in chromium firefox; do
  rm -rf "dist/$browser"
  mkdir -p "dist/$browser"
  cp manifest.json "dist/$browser/"
  cp -r extension "dist/$browser/"
  # Browsers read _locales only beside the manifest; the source keeps it under extension/.
  mv "dist/$browser/extension/_locales" "dist/$browser/_locales"
  # The manifest loads the bundle: the content script's module sources stay out of the package.
  find "dist/$browser/extension/content" -type f ! -name '*.css' -delete
  cp LICENSE-MIT LICENSE-APACHE "dist/$browser/"
  # The wasm holds data/country-languages.txt (CLDR): its license travels with it.
  cp data/country-languages.COPYRIGHT "dist/$browser/"
done
t3=$(t)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v w="$(stat -c %s extension/pkg/backstory_bg.wasm)" \
  'BEGIN { printf "build: cargo %.1fs, wasm-bindgen+wasm-opt+esbuild %.1fs, assemble %.1fs; wasm %d bytes\n", b-a, c-b, d-c, w }' >&2
