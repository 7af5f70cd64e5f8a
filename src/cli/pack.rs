//! `backstory pack`: a branded extension for Chromium and for Firefox from the built one, with the
//! organizer's dataset, name, icon, colour, sites and update key; each a folder and a zip, and the
//! same inputs always give byte-identical zips so a reviewer can rebuild them. The branding and the
//! zip are crate::organizer::pack's, which the Organizer Studio runs too.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::json;

use super::{atomic, tree};
use crate::organizer::pack::{self as core, Options};
pub use crate::organizer::pack::{CONFIG_PATH, TEST_MATCHES};

/// The built extension `pack` brands when none is given and the binary carries none: `make build`'s,
/// for a binary run from the repository's root.
pub const DEFAULT_EXTENSION: &str = "dist/chromium";

/// The extension archived by build.rs under the `embedded` feature (src/organizer/tree.rs format).
pub const EMBEDDED: Option<&[u8]> = core::BUNDLED;

/// `pack`'s arguments: the files it reads and writes around the branding choices, which are
/// crate::organizer::pack's `Options` (the Studio fills the same struct).
pub struct PackOptions {
    pub dataset: String,
    /// The branding; its `public_key` is taken from `public_key_file`.
    pub options: Options,
    pub icon: Option<String>,
    /// A minisign public key file, whose key line goes into the extension.
    pub public_key_file: Option<String>,
    /// The built extension to brand; without it, the one built into the binary, else `DEFAULT_EXTENSION`.
    pub extension: Option<String>,
    pub out: String,
    pub json: bool,
}

pub fn run(o: &PackOptions) -> Result<u8, String> {
    let options =
        Options { public_key: o.public_key_file.as_deref().map(public_key).transpose()?, ..o.options.clone() };
    // Every argument is checked before anything is read or written (src/organizer/limits.rs).
    core::check_options(&options)?;
    let dataset_text = super::read_input(&o.dataset)?;
    if let Err(e) = core::dataset_id(&dataset_text) {
        eprintln!("{}: not packed: {e}", o.dataset);
        return Ok(1);
    }
    let icon = o.icon.as_deref().map(|p| std::fs::read(p).map(|b| (p, b)).map_err(|e| format!("{p}: {e}")));
    let icon = icon.transpose()?;
    let (template, files) = template(o.extension.as_deref())?;
    let packed = core::pack(&template, files, &dataset_text, &options, icon.as_ref().map(|(p, b)| (*p, &b[..])))?;
    for w in &packed.warnings {
        if w.starts_with("the file is") {
            eprintln!("{}: warning: {w}", o.dataset);
        } else {
            eprintln!("warning: {w}");
        }
    }
    let (slug, files) = (packed.slug, packed.files);
    let zip = core::zip(&files)?;

    // Everything is built in a staging folder inside `out` first; only when all four outputs are
    // complete are they renamed into place, so a failure leaves the previous outputs as they were.
    let out = Path::new(&o.out);
    let browsers = ["chromium", "firefox"];
    let targets: Vec<(PathBuf, PathBuf)> =
        browsers.iter().map(|b| (out.join(format!("{slug}-{b}")), out.join(format!("{slug}-{b}.zip")))).collect();
    for (folder, zip) in &targets {
        atomic::check_replaceable(folder, true)?;
        atomic::check_replaceable(zip, false)?;
    }
    let staging = atomic::staging(out)?;
    for browser in browsers {
        write_tree(&staging.path().join(browser), &files)?;
        write_file(&staging.path().join(format!("{browser}.zip")), &zip)?;
    }
    let mut outputs = Vec::new();
    for (browser, (folder, zip)) in browsers.iter().zip(&targets) {
        atomic::replace_dir(&staging.path().join(browser), folder)?;
        std::fs::rename(staging.path().join(format!("{browser}.zip")), zip)
            .map_err(|e| format!("{}: {e}", zip.display()))?;
        if !o.json {
            println!("{}  {}", folder.display(), zip.display());
        }
        outputs.push(json!({"browser": browser, "folder": folder, "zip": zip}));
    }
    if o.json {
        println!("{}", json!({"name": o.options.name, "outputs": outputs}));
    }
    Ok(0)
}

/// The extension to brand and a name for it in messages: the folder given, else the built-in one,
/// else `DEFAULT_EXTENSION` if it is there; otherwise an error that says how to get one.
fn template(extension: Option<&str>) -> Result<(String, tree::Files), String> {
    let dir = match (extension, EMBEDDED) {
        (Some(dir), _) => dir,
        (None, Some(archive)) => return Ok(("the built-in extension".into(), tree::decode(archive)?)),
        (None, None) if Path::new(DEFAULT_EXTENSION).join("manifest.json").is_file() => DEFAULT_EXTENSION,
        (None, None) => return Err(NO_EXTENSION.into()),
    };
    if !Path::new(dir).join("manifest.json").is_file() {
        return Err(format!("{dir}: not a built extension, no manifest.json (run `make build` first)"));
    }
    Ok((dir.to_string(), tree::read_dir(Path::new(dir))?))
}

/// Said when `pack` has no extension to brand: this binary was built without one (plain
/// `cargo install --features cli`) and it is not run where `make build` left one.
pub const NO_EXTENSION: &str = "no built extension to brand: this backstory has none built in, and there is no \
dist/chromium here. Install the one with the extension inside (`make cli` in the repository, or `make build` \
then `cargo install --locked --path . --features embedded`), or give a folder from `make build` with \
`--extension DIR`";

fn write_tree(root: &Path, files: &tree::Files) -> Result<(), String> {
    for (rel, bytes) in files {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        write_file(&path, bytes)?;
    }
    Ok(())
}

/// Writes and syncs `bytes`, so a full disk fails the pack instead of a later rename.
fn write_file(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| format!("{}: {e}", path.display()))
}

/// The base64 key line, from a `.pub` file or the key itself; checked to be a minisign key.
fn public_key(key: &str) -> Result<String, String> {
    let text = if Path::new(key).is_file() {
        std::fs::read_to_string(key).map_err(|e| format!("{key}: {e}"))?
    } else {
        key.to_string()
    };
    core::public_key_line(&text).ok_or_else(|| format!("{key}: not a minisign public key"))
}
