//! A built extension as a sorted map of files, from a folder or from the archive in the binary.
//!
//! The archive is what the `embedded` feature builds in; std only, because build.rs includes this
//! file too.
//! One walk and one archive format for both sides is what makes `pack` give byte-identical zips
//! whether the extension comes from `--extension DIR` or from inside the binary.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Slash-separated path inside the extension -> the file's bytes; sorted, so output order is fixed.
pub type Files = BTreeMap<String, Vec<u8>>;

/// First bytes of an archive; the digit changes if the layout below ever does.
const MAGIC: &[u8] = b"backstory-extension 1\n";

/// Every regular file under `root` (symbolic links and other kinds are skipped, as a zip of the
/// folder would not hold them either).
pub fn read_dir(root: &Path) -> Result<Files, String> {
    let mut files = BTreeMap::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let dir = root.join(&rel);
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let rel_path = rel.join(entry.file_name());
            let kind = entry.file_type().map_err(|e| e.to_string())?;
            if kind.is_dir() {
                stack.push(rel_path);
            } else if kind.is_file() {
                let bytes = std::fs::read(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
                let key = rel_path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
                files.insert(key, bytes);
            }
        }
    }
    Ok(files)
}

/// The archive: MAGIC, then per file in path order its path length (u32 LE), path, byte length
/// (u64 LE) and bytes. No dates, owners or modes, so the same files always give the same archive.
pub fn encode(files: &Files) -> Vec<u8> {
    let size = files.iter().map(|(k, v)| 12 + k.len() + v.len()).sum::<usize>();
    let mut out = Vec::with_capacity(MAGIC.len() + size);
    out.extend_from_slice(MAGIC);
    for (path, bytes) in files {
        out.extend_from_slice(&(path.len() as u32).to_le_bytes());
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        out.extend_from_slice(bytes);
    }
    out
}

/// The files of an archive from `encode`; an error for anything else, cut short or trailing.
pub fn decode(mut archive: &[u8]) -> Result<Files, String> {
    let bad = |what: &str| format!("the built-in extension is damaged ({what}); rebuild this binary");
    archive = archive.strip_prefix(MAGIC).ok_or_else(|| bad("no header"))?;
    let mut files = BTreeMap::new();
    while !archive.is_empty() {
        let (len, rest) = take(archive, 4).ok_or_else(|| bad("path length"))?;
        let len = u32::from_le_bytes(len.try_into().map_err(|_| bad("path length"))?) as usize;
        let (path, rest) = take(rest, len).ok_or_else(|| bad("path"))?;
        let path = std::str::from_utf8(path).map_err(|_| bad("path"))?;
        let (len, rest) = take(rest, 8).ok_or_else(|| bad("file length"))?;
        let len = u64::from_le_bytes(len.try_into().map_err(|_| bad("file length"))?);
        let (bytes, rest) = take(rest, usize::try_from(len).map_err(|_| bad("file length"))?)
            .ok_or_else(|| bad(&format!("{path} cut short")))?;
        files.insert(path.to_string(), bytes.to_vec());
        archive = rest;
    }
    Ok(files)
}

fn take(bytes: &[u8], n: usize) -> Option<(&[u8], &[u8])> {
    (bytes.len() >= n).then(|| bytes.split_at(n))
}
