#!/usr/bin/env bash
# Installs what the build and tests need, only what is missing: fast (~1 s) when all is there.
# scripts/setup-cli.sh installs the part `make cli` needs; this adds browsers, drivers and tools.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { echo "setup: $*" >&2; }

# node_modules is stale when package-lock.json changed after the last install.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The wasm32 target, wasm-bindgen-cli and wasm-opt (found in node_modules, after npm ci above):
# all that `make cli` needs.
bash scripts/setup-cli.sh

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr) # the Firefox smoke test (tests/firefox)
command -v openssl >/dev/null || missing+=(openssl) # the real-page test bed's throwaway certificate
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}"
fi

# Built from crates.io: geckodriver is not in Debian (~2m40s), cargo-fuzz for the fuzz smoke (~2 min).
GECKODRIVER_VERSION=0.37.1
CARGO_FUZZ_VERSION=0.13.2
if [ "$(geckodriver --version 2>/dev/null | head -1)" != "geckodriver $GECKODRIVER_VERSION" ]; then
  say "installing geckodriver $GECKODRIVER_VERSION (~3 min)"
  cargo install geckodriver --version "$GECKODRIVER_VERSION" --force
fi
if [ "$(cargo fuzz --version 2>/dev/null)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (~2 min)"
  cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --force
fi

# Selenium for the Firefox smoke test, in a project-local venv; reinstalled when the pins change.
VENV=target/venv
if ! cmp -s tests/firefox/requirements.txt "$VENV/requirements.txt"; then
  say "python venv $VENV with tests/firefox/requirements.txt"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r tests/firefox/requirements.txt
  cp tests/firefox/requirements.txt "$VENV/requirements.txt"
fi
