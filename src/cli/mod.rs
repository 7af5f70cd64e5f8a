//! The subcommands behind the `backstory` binary, kept in the library so tests can call them.

pub mod atomic;
pub mod check;
pub mod import;
pub mod limits;
pub mod pack;
mod pack_locales;
pub use pack_locales::parse_localized;
pub mod scan;
pub mod signing;
pub mod size;
pub mod stale;
pub mod stats;
pub mod tree;
pub mod words;

/// Reads a file, or standard input for `-`; the error names the file.
pub fn read_input(path: &str) -> Result<String, String> {
    if path == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text).map_err(|e| format!("standard input: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}
