//! Helpers shared by the Rust integration tests.
pub mod scan_table;
