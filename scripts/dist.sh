#!/usr/bin/env bash
# `make dist`: builds the extension and the Organizer Studio, zips the store packages and the
# Studio (scripts/dist.mjs), then rebuilds the crate, the wasm glue and the zips a second time and
# fails unless every byte is the same.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-extension.sh
bash scripts/build-studio.sh
first=$(node scripts/dist.mjs)
# Second build: recompile this crate (dependencies stay cached), rerun wasm-bindgen and wasm-opt.
cargo clean --release --target wasm32-unknown-unknown -p backstory >/dev/null 2>&1
cargo clean --release --target wasm32-unknown-unknown -p backstory --target-dir "${CARGO_TARGET_DIR:-target}/studio" >/dev/null 2>&1
bash scripts/build-extension.sh
bash scripts/build-studio.sh
second=$(node scripts/dist.mjs)
if [ "$first" != "$second" ]; then
  printf 'dist: NOT reproducible\nfirst build:\n%s\nsecond build:\n%s\n' "$first" "$second" >&2
  exit 1
fi
# Firefox's reviewers rebuild the WebAssembly from source: the source package is the commit
# itself (git archive stamps entries with the commit's time, so it is reproducible too).
version=$(node -p "require('./manifest.json').version")
source_zip="dist/backstory-$version-source.zip"
if git rev-parse --git-dir >/dev/null 2>&1; then
  git archive --format=zip -o "$source_zip" HEAD
  [ -z "$(git status --porcelain)" ] || echo "dist: note: uncommitted changes are not in $source_zip" >&2
  second=$(printf '%s\n%s  %s' "$second" "$(sha256sum "$source_zip" | cut -d' ' -f1)" "$(basename "$source_zip")")
fi
echo "$second" | tee dist/SHA256SUMS
echo "dist: two builds gave byte-identical packages" >&2
