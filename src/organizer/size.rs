//! The update size limit, said where an organizer can still act on it: `check`, `sign` and `pack`
//! warn when a dataset file is larger than an installed extension will download as an update.

use crate::update::MAX_UPDATE_BYTES;

/// The warning for a dataset file of `bytes`, or `None` when an update of it would be accepted.
pub fn update_size_warning(bytes: usize) -> Option<String> {
    (bytes > MAX_UPDATE_BYTES).then(|| {
        format!(
            "the file is {bytes} bytes, over the {MAX_UPDATE_BYTES}-byte ({} MB) limit for updates: installed extensions will refuse it as an update (it still works bundled in a new release)",
            MAX_UPDATE_BYTES / (1024 * 1024)
        )
    })
}

/// Prints the warning on stderr, naming the file.
pub fn warn_update_size(file: &str, bytes: usize) {
    if let Some(w) = update_size_warning(bytes) {
        eprintln!("{file}: warning: {w}");
    }
}
