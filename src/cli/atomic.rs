//! Atomic output: every file and folder the CLI writes appears whole or not at all.
//!
//! A file is written to a temporary file in the same folder, flushed to disk, then renamed over
//! the target (a rename within one file system is atomic), so a full disk or a crash leaves the
//! previous file as it was. A folder is built beside its target, then swapped in by renames.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder a path lives in ("." for a bare file name), where its temporary file goes.
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn temp_beside(path: &Path) -> Result<tempfile::NamedTempFile, String> {
    let folder = folder_of(path);
    tempfile::Builder::new()
        .prefix(".backstory-")
        .suffix(".tmp")
        .tempfile_in(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))
}

fn fill(file: &mut tempfile::NamedTempFile, bytes: &[u8], path: &Path) -> Result<(), String> {
    // sync_all: the rename must not reach the disk before the bytes do.
    file.write_all(bytes).and_then(|()| file.as_file().sync_all()).map_err(|e| format!("{}: {e}", path.display()))
}

/// Replaces `path` with `bytes` atomically; on any error the previous file is untouched.
///
/// # Errors
/// The folder cannot hold a temporary file, the disk is full, or the rename fails; the message
/// names the path.
pub fn write_file(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), String> {
    let path = path.as_ref();
    let mut file = temp_beside(path)?;
    fill(&mut file, bytes, path)?;
    // tempfile creates the file 0600; a dataset or a signature is meant to be shared.
    set_mode(file.path(), 0o644);
    file.persist(path).map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok(())
}

/// Writes a new secret file (owner-only permissions), refusing to replace an existing one.
///
/// # Errors
/// As [`write_file`], or the file exists already.
pub fn write_new_private(path: impl AsRef<Path>, bytes: &[u8]) -> Result<(), String> {
    let path = path.as_ref();
    let mut file = temp_beside(path)?;
    fill(&mut file, bytes, path)?;
    file.persist_noclobber(path).map_err(|e| format!("{}: {}", path.display(), e.error))?;
    Ok(())
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    // Best effort: a file system without modes keeps its default, which is not an error.
    let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) {}

/// A folder to build outputs in, inside the folder they will replace things in (so the final
/// renames stay on one file system); removed with whatever is left in it when dropped.
pub fn staging(out: &Path) -> Result<tempfile::TempDir, String> {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    tempfile::Builder::new()
        .prefix(".backstory-staging-")
        .tempdir_in(out)
        .map_err(|e| format!("{}: {e}", out.display()))
}

/// Moves the built folder `staged` to `target`, replacing any folder there. The old folder is
/// first renamed aside, so a failure puts it back instead of leaving neither.
///
/// # Errors
/// `target` is something other than a folder, or a rename fails.
pub fn replace_dir(staged: &Path, target: &Path) -> Result<(), String> {
    if !target.exists() {
        return std::fs::rename(staged, target).map_err(|e| format!("{}: {e}", target.display()));
    }
    if !target.is_dir() {
        return Err(format!("{}: exists and is not a folder", target.display()));
    }
    let aside = tempfile::Builder::new()
        .prefix(".backstory-old-")
        .tempdir_in(folder_of(target))
        .map_err(|e| format!("{}: {e}", target.display()))?;
    let old = aside.path().join("old");
    std::fs::rename(target, &old).map_err(|e| format!("{}: {e}", target.display()))?;
    if let Err(e) = std::fs::rename(staged, target) {
        // Put the previous output back; if even that fails, say where it is.
        return Err(match std::fs::rename(&old, target) {
            Ok(()) => format!("{}: {e}", target.display()),
            Err(back) => format!("{}: {e}; the previous folder is at {} ({back})", target.display(), old.display()),
        });
    }
    Ok(()) // `aside` and the old folder inside it are removed on drop
}

/// Refuses, before anything is replaced, an output path held by the wrong kind of thing.
///
/// # Errors
/// `path` exists and is (or is not) a folder, against `want_dir`.
pub fn check_replaceable(path: &Path, want_dir: bool) -> Result<(), String> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() != want_dir => {
            let kind = if want_dir { "a folder" } else { "a file" };
            Err(format!("{}: exists and is not {kind}; move it away first", path.display()))
        }
        _ => Ok(()),
    }
}
