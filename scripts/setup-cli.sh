#!/usr/bin/env bash
# Installs only what `make cli` needs: the wasm32 target, the pinned wasm-bindgen-cli, wasm-opt.
# No browsers, drivers or fuzzers: scripts/setup.sh runs this, then adds those for `make build`
# and `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
WASM_BINDGEN_VERSION=0.2.130 # must equal the exact wasm-bindgen version pinned in Cargo.toml

say() { echo "setup: $*" >&2; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ] ||
   ! command -v wasm-bindgen-test-runner >/dev/null; then
  # No --locked: the CLI's lockfile pins a webpki-roots version the registry mirror lacks.
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (~3 min)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-opt comes from npm's binaryen at package-lock.json's version (build-extension.sh says why
# not Debian's), and the content-script bundler from npm's esbuild, so Node.js is needed, but not
# the other dev tools: when `npm ci` has not put them in node_modules, the two alone go to
# target/binaryen (about half of node_modules' size), and their integrity must equal the lock's.
# Skipping wasm-opt would embed other wasm bytes than `make build` ships and tests.
command -v node >/dev/null || { say "Node.js 20 or later is needed (for wasm-opt and esbuild)"; exit 1; }
lock() { node -p "require('./package-lock.json').packages['node_modules/$1'].$2"; }
version_in() { node -p "try { require('./$1/$2/package.json').version } catch { '' }"; }
for tool in binaryen esbuild; do
  want=$(lock "$tool" version)
  [ "$(version_in node_modules "$tool")" = "$want" ] && continue
  [ "$(version_in target/binaryen/node_modules "$tool")" = "$want" ] && continue
  say "installing $tool $want alone into target/binaryen (npm)"
  mkdir -p target/binaryen
  npm install --prefix target/binaryen --save-exact --no-audit --no-fund --loglevel=error "$tool@$want"
  got=$(node -p "require('./target/binaryen/package-lock.json').packages['node_modules/$tool'].integrity")
  if [ "$got" != "$(lock "$tool" integrity)" ]; then
    rm -rf target/binaryen
    say "$tool $want from npm has integrity $got, not package-lock.json's; removed"
    exit 1
  fi
done
