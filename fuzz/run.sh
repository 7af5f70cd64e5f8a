#!/usr/bin/env bash
# Runs every fuzz target one after another on one core: `fuzz/run.sh 600` fuzzes each for 600 s,
# `fuzz/run.sh smoke` does 2000 runs each (what `make test` uses). Findings land in
# fuzz/artifacts/<target>/; the corpus in fuzz/corpus/ is seeded from the repository, not committed.
set -euo pipefail
cd "$(dirname "$0")"
# cargo fuzz needs nightly-only flags (-Zsanitizer); the installed stable toolchain accepts them
# with RUSTC_BOOTSTRAP=1, and no other toolchain can be downloaded here.
export RUSTC_BOOTSTRAP=1
TARGETS=(${FUZZ_TARGETS:-scan scan_rules judge dataset update})
case "${1:-smoke}" in
  smoke) limit=(-runs=2000) ;;
  *[!0-9]*) echo "usage: fuzz/run.sh [smoke|SECONDS]" >&2; exit 2 ;;
  *) limit=(-max_total_time="$1") ;;
esac

seed() { mkdir -p "corpus/$1"; cp -n "${@:2}" "corpus/$1/" 2>/dev/null || true; }
seed dataset ../tests/fixtures/test-dataset.json
seed scan ../tests/fixtures/demo-shop/index.html ../tests/fixtures/cli/shop.html ../DATASET.md
mkdir -p corpus/scan_rules corpus/judge corpus/update

failed=()
for t in "${TARGETS[@]}"; do
  echo "fuzz: $t ${limit[*]}" >&2
  # -timeout: an input taking over 10 s is a finding (a quadratic blow-up is a denial of service).
  cargo fuzz run -O "$t" "corpus/$t" -- "${limit[@]}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 ||
    failed+=("$t")
done
# One line a test runner can count; the exit code says the same.
echo "fuzz: $(( ${#TARGETS[@]} - ${#failed[@]} )) passed, ${#failed[@]} failed${failed:+ (${failed[*]})}"
[ ${#failed[@]} -eq 0 ]
