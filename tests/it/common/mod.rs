//! Helpers shared by the integration tests: the hand-built dataset (`dataset`), the scan-table
//! runner (`scan_table`), running the binary (`cli`), and the two dataset files the tests read.
#[cfg(feature = "cli")]
pub mod cli;
pub mod dataset;
pub mod scan_table;

/// The bundled default dataset, as the extension ships it.
pub const DEFAULT_JSON: &str = include_str!("../../../extension/data/default.json");

/// `tests/fixtures/test-dataset.json`: a synthetic fixture (placeholder summaries, not campaign facts).
pub const TEST_DATASET: &str = include_str!("../../fixtures/test-dataset.json");
