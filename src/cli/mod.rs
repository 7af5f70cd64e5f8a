//! The subcommands behind the `backstory` binary, kept in the library so tests can call them.
//! Each is file and console I/O around the pure organizer tools (crate::organizer), which the
//! Organizer Studio runs in the browser too.

pub mod atomic;
pub mod check;
pub mod decode;
pub mod import;
pub mod pack;
pub use crate::organizer::pack_locales::parse_localized;
// Kept under their old paths: tests and the binary name them here.
pub use crate::organizer::{limits, size, tree};
pub mod scan;
pub mod signing;
pub mod stale;
pub mod stats;
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

/// Reads an input of `backstory scan`: an HTML page (by its extension) decoded as a browser
/// decodes it (`decode::decode_html`), any other file as UTF-8.
pub fn read_page(path: &str) -> Result<String, String> {
    if crate::organizer::preview::is_html(path) {
        return read_bytes(path).map(|bytes| decode::decode_html(&bytes));
    }
    read_input(path)
}

/// Reads a file's bytes, or standard input's for `-`; the error names the file.
pub fn read_bytes(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|e| format!("standard input: {e}"))?;
        return Ok(bytes);
    }
    std::fs::read(path).map_err(|e| format!("{path}: {e}"))
}
