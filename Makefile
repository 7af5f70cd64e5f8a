# Entry points: build the extension, run it on the demo shop, test every tier, bench the engine.
.PHONY: setup build run test bench clean

setup:
	@bash scripts/setup.sh

build: setup
	bash scripts/build-extension.sh

# Headless (no $DISPLAY): saves target/run/screenshot.png and prints the badges found.
run: build
	node scripts/run.mjs

# Every tier runs even if an earlier one fails; the last line is "N passed, M failed".
test: setup
	node scripts/test-all.mjs

bench: setup
	cargo bench

clean:
	rm -rf target dist extension/pkg
