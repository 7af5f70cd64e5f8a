#!/usr/bin/env bash
# `make dist`: builds the extension, zips the store packages (scripts/dist.mjs), then rebuilds the
# crate, the wasm glue and the packages a second time and fails unless every byte is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-extension.sh
first=$(node scripts/dist.mjs)
# Second build: recompile this crate (dependencies stay cached), rerun wasm-bindgen and wasm-opt.
cargo clean --release --target wasm32-unknown-unknown -p backstory >/dev/null 2>&1
bash scripts/build-extension.sh
second=$(node scripts/dist.mjs)
if [ "$first" != "$second" ]; then
  printf 'dist: NOT reproducible\nfirst build:\n%s\nsecond build:\n%s\n' "$first" "$second" >&2
  exit 1
fi
echo "$second" | tee dist/SHA256SUMS
echo "dist: two builds gave byte-identical packages" >&2
