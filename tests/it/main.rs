//! The native integration tests, one binary with a module per subject (ripgrep's `tests/tests.rs`
//! shape): one link instead of fifteen, and one place for what they share (`common`: the
//! hand-built dataset, the scan-table runner). Each module opens with what it pins.
//!
//! One module: `cargo test --features cli --test it judge_table::`. Three suites stay their own
//! binaries: `tests/wasm.rs` (wasm32 only, `wasm-bindgen-test`), `tests/eval/` (`make eval`,
//! detection scores on the shared corpus) and `tests/embedded.rs` (its packing test needs the
//! feature that builds the extension into the crate; as a module here it would rebuild all of them).

mod common;

// ---- the engine ---------------------------------------------------------------------------------

/// What the page as a whole tells the engine (`confirm: page`, web addresses, the page's host).
mod confirm;
/// Scan, symbols, search, domains and validation over the test fixture, as tables of named rows.
mod engine_table;
/// The judge's rule table: one row per rule, and the rule `Engine::explain` gives it.
mod judge_table;
/// Hits are well-formed UTF-16 ranges, and scan agrees with a slow reference matcher.
mod properties;
/// One test per bug found and fixed, named after what went wrong.
mod regressions;
/// Names in other scripts (Arabic, Hebrew, Cyrillic, Greek, CJK), one table per script.
mod scripts_table;
/// What the card and the profile page read from the engine's dataset (`src/views.rs`).
mod views;

// ---- the bundled dataset and its updates --------------------------------------------------------

/// The bundled default dataset: valid, sourced, checked against ../shared, no wrong hit on the corpus.
mod default_dataset;
/// Popup search against the bundled dataset: what a shopper types, and what must come first.
mod search_table;
/// Dataset text in other languages: parsing, validation, `check` warnings, the CSV importer.
mod translations;
/// Signed dataset updates: every way an update must be refused, and the one way it is accepted.
mod update;

// ---- the `backstory` command line (feature `cli`) ---------------------------------------------

/// The binary as organizers run it: exit codes, human and JSON output, error messages.
mod cli;
/// The judge on the command line: `scan --explain`, `--lang`, `words`.
mod cli_judge;
/// Runs every command of docs/organizers.md and checks it prints what the guide shows.
mod guide;
/// The rules `backstory import --from nsi` adds, one test per rule.
mod import_rules;
/// Issue 20's organizer defects: nothing an organizer has is lost, bad input is an error.
mod organizer;
