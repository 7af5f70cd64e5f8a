# Entry points: build the extension, run it on the demo shop, test every tier, bench the engine.
.PHONY: setup cli build studio run test bench eval dist fuzz clean screenshots

setup:
	@bash scripts/setup.sh

build: setup
	bash scripts/build-extension.sh

# The organizer's one binary: installs only what it needs (scripts/setup-cli.sh: no browsers,
# drivers or fuzzers), builds the extension, then `cargo install`s `backstory` with that extension
# built in (feature `embedded`, build.rs), so `pack` needs no folder. CARGO_INSTALL_ROOT moves it.
cli:
	@bash scripts/setup-cli.sh
	REQUIRE_WASM_OPT=1 bash scripts/build-extension.sh
	BACKSTORY_EXTENSION="$(CURDIR)/dist/chromium" cargo install --locked --path . --features embedded

# The Organizer Studio (docs/organizers.md): the extension, then the Studio built from the same
# crate into dist/studio (scripts/build-studio.sh), served on 127.0.0.1; it prints the address.
# dist/studio/index.html also works opened from disk, offline.
studio: build
	bash scripts/build-studio.sh
	node scripts/serve.mjs dist/studio

# Headless (no $DISPLAY): saves target/run/screenshot.png and prints the badges found.
run: build
	node scripts/run.mjs

# Every surface (popup, card, options, profile, check a list, badges), light and dark, into docs/screenshots/;
# then in German and in Arabic (right to left), light only.
screenshots: build
	node scripts/screenshots.mjs
	node scripts/screenshots.mjs --lang=de
	node scripts/screenshots.mjs --lang=ar

# Every tier runs even if an earlier one fails; the last line is "N passed, M failed".
test: setup
	node scripts/test-all.mjs

# Engine micro-benchmarks (criterion, bench/engine.rs; BENCH_SKIP_CARGO=1 skips them, they are slow), then the browser:
# every corpus and fixture page with the real extension beside the floor and peer-style matchers
# (bench/report.md, BENCH_RUNS, BENCH_PAGES), the least a content script costs on the same pages
# (bench/minimal.md), the infinite-scroll soak (bench/soak.md, BENCH_SOAK_SECONDS), and our
# main-thread time on a page that never stops animating, once settled (bench/idle.md), our longest
# task per page in wall and thread time (bench/slices.md), and badge
# geometry on every corpus page in Chromium (bench/geometry.md) and in Firefox (bench/geometry-firefox.md).
# First, `backstory import` on a generated 100k-row spreadsheet (bench/import.md, IMPORT_ROWS), and
# the Organizer Studio checking a 10k-row one in Chromium (bench/studio.md, STUDIO_ROWS; goal under 2 s).
bench: build
	$(if $(BENCH_SKIP_CARGO),,cargo bench --bench engine)
	cargo build --release --features cli --bin backstory
	node bench/import.mjs
	bash scripts/build-studio.sh
	node bench/studio.mjs
	node bench/run.mjs
	node bench/minimal.mjs
	node bench/soak.mjs
	node bench/idle.mjs
	node bench/slices.mjs
	node bench/geometry.mjs
	target/venv/bin/python bench/geometry_firefox.py

# Precision and recall on the shared corpus (../shared, or $$BACKSTORY_SHARED) against the hand
# labels in tests/corpus-labels.json, default and NSI-imported datasets; tests/eval/main.rs.
# Profile eval-opt (Cargo.toml): optimized without LTO, so a rerun after a change takes a minute or two.
eval: setup
	cargo test --profile eval-opt --features cli --test eval -- --ignored --nocapture --test-threads=1 eval_corpus

# Store packages dist/backstory-<version>-{chromium,firefox}.zip; builds twice and fails unless
# both builds give byte-identical zips (scripts/dist.sh). Checksums in dist/SHA256SUMS.
dist: setup
	bash scripts/dist.sh

# Every fuzz target for FUZZ_SECONDS each (default 600), one after another on one core;
# `make test` runs a 2000-run smoke of each. Findings land in fuzz/artifacts/.
fuzz: setup
	bash fuzz/run.sh $(or $(FUZZ_SECONDS),600)

clean:
	rm -rf target dist extension/pkg
