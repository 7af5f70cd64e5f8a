//! `backstory pack`: a branded extension for Chromium and for Firefox from the built one, with the
//! organizer's dataset, name, icon, colour, sites and update key; each a folder and a zip, and the
//! same inputs always give byte-identical zips so a reviewer can rebuild them.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{atomic, limits, pack_locales, tree};
use crate::dataset::Dataset;
use crate::engine::Engine;

/// Icon sizes the manifest names (extension/icons/icon-<size>.png).
const ICON_SIZES: [u32; 4] = [16, 32, 48, 128];

/// Where the packed extension reads its branding and update subscription.
pub const CONFIG_PATH: &str = "extension/data/config.json";

/// Content-script matches the built extension carries only so tests can serve pages from this
/// machine; a store package must not run there, so `pack` drops them unless `--for-testing`.
pub const TEST_MATCHES: [&str; 2] = ["http://127.0.0.1/*", "http://localhost/*"];

/// The built extension `pack` brands when none is given and the binary carries none: `make build`'s,
/// for a binary run from the repository's root.
pub const DEFAULT_EXTENSION: &str = "dist/chromium";

/// The extension archived by build.rs under the `embedded` feature (src/cli/tree.rs format).
#[cfg(feature = "embedded")]
pub const EMBEDDED: Option<&[u8]> = Some(include_bytes!(concat!(env!("OUT_DIR"), "/extension.bin")));
#[cfg(not(feature = "embedded"))]
pub const EMBEDDED: Option<&[u8]> = None;

pub struct PackOptions {
    pub dataset: String,
    pub name: String,
    pub description: Option<String>,
    /// The name and description in other locales (`_locales` folder -> text), `--name-in de=...`.
    pub names: BTreeMap<String, String>,
    pub descriptions: BTreeMap<String, String>,
    pub icon: Option<String>,
    pub color: Option<String>,
    pub sites: Vec<String>,
    pub update_url: Option<String>,
    pub public_key: Option<String>,
    pub addon_id: Option<String>,
    /// The extension's version (manifest `version`); the built extension's when absent.
    pub version: Option<String>,
    /// Keep the test-only localhost matches (never for a store upload).
    pub for_testing: bool,
    /// The built extension to brand; without it, the one built into the binary, else `DEFAULT_EXTENSION`.
    pub extension: Option<String>,
    pub out: String,
    pub json: bool,
}

pub fn run(o: &PackOptions) -> Result<u8, String> {
    // Every argument is checked before anything is read or written (src/cli/limits.rs).
    limits::name(&o.name)?;
    if let Some(d) = &o.description {
        limits::description(d)?;
    }
    if let Some(v) = &o.version {
        limits::version(v)?;
    }
    let dataset_text = super::read_input(&o.dataset)?;
    let checked = Engine::from_json(&dataset_text)
        .map_err(|e| e.to_string())
        .and_then(|_| Dataset::from_json(&dataset_text).map_err(|e| e.to_string()));
    let dataset_id = match checked {
        Ok(d) => d.id,
        Err(e) => {
            eprintln!("{}: not packed: {e}", o.dataset);
            return Ok(1);
        }
    };
    super::size::warn_update_size(&o.dataset, dataset_text.len());
    let (template, mut files) = template(o.extension.as_deref())?;
    let manifest_bytes =
        files.get("manifest.json").ok_or_else(|| format!("{template}: not a built extension, no manifest.json"))?;
    let manifest: Value =
        serde_json::from_slice(manifest_bytes).map_err(|e| format!("{template}/manifest.json: {e}"))?;

    let slug = super::import::slug(&o.name);
    let branding = pack_locales::Branding {
        name: &o.name,
        description: o.description.as_deref(),
        names: &o.names,
        descriptions: &o.descriptions,
    };
    pack_locales::brand_messages(&mut files, &branding)?;
    files.insert("extension/data/default.json".into(), dataset_text.into_bytes());
    files.insert(CONFIG_PATH.into(), config(o, &dataset_id)?);
    if let Some(icon) = &o.icon {
        for (size, png) in icons(icon)? {
            files.insert(format!("extension/icons/icon-{size}.png"), png);
        }
    }
    let manifest = branded_manifest(manifest, o, &slug)?;
    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    manifest_bytes.push(b'\n');
    files.insert("manifest.json".into(), manifest_bytes);

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
        write_zip(&staging.path().join(format!("{browser}.zip")), &files)?;
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
        println!("{}", json!({"name": o.name, "outputs": outputs}));
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
        let mut file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        file.write_all(bytes).and_then(|()| file.sync_all()).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}

/// A zip whose bytes depend only on `files`: sorted entries, a fixed date, fixed permissions.
fn write_zip(path: &Path, files: &tree::Files) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (rel, bytes) in files {
        zip.start_file(rel.as_str(), options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    let file = zip.finish().map_err(|e| format!("{}: {e}", path.display()))?;
    // Flushed and synced here, so a full disk fails the pack instead of a later rename.
    let file = file.into_inner().map_err(|e| format!("{}: {}", path.display(), e.error()))?;
    file.sync_all().map_err(|e| format!("{}: {e}", path.display()))
}

fn branded_manifest(mut m: Value, o: &PackOptions, slug: &str) -> Result<Value, String> {
    // Named per locale, the manifest takes its name from the messages (`pack_locales`).
    let localized =
        |plain: &str, key: &str, given: bool| if given { json!(format!("__MSG_{key}__")) } else { json!(plain) };
    m["name"] = localized(&o.name, "ext_name", !o.names.is_empty());
    if let Some(v) = &o.version {
        m["version"] = json!(v);
    }
    m["short_name"] = json!(o.name.chars().take(12).collect::<String>());
    if let Some(d) = &o.description {
        m["description"] = localized(d, "ext_description", !o.descriptions.is_empty());
    }
    if m.get("action").is_some() {
        m["action"]["default_title"] = localized(&o.name, "ext_name", !o.names.is_empty());
    }
    let id = o.addon_id.clone().unwrap_or_else(|| format!("{slug}@backstory-pack"));
    if !id.contains('@') {
        return Err(format!("add-on id {id:?} must look like name@domain"));
    }
    m["browser_specific_settings"]["gecko"]["id"] = json!(id);
    let scripts = m["content_scripts"].as_array_mut().ok_or("the manifest has no content_scripts")?;
    if !o.sites.is_empty() {
        let patterns = o.sites.iter().map(|s| limits::site_patterns(s)).collect::<Result<Vec<_>, _>>()?.concat();
        for script in scripts.iter_mut() {
            script["matches"] = json!(patterns);
        }
    } else if !o.for_testing {
        for script in scripts.iter_mut() {
            if let Some(matches) = script["matches"].as_array_mut() {
                matches.retain(|p| !p.as_str().is_some_and(|p| TEST_MATCHES.contains(&p)));
            }
        }
    }
    if let Some(url) = &o.update_url {
        let origin = limits::update_origin(url)?;
        let perms = m["host_permissions"].as_array().cloned().unwrap_or_default();
        let mut perms: Vec<Value> = perms;
        let pattern = json!(format!("{origin}/*"));
        if !perms.contains(&pattern) {
            perms.push(pattern);
        }
        m["host_permissions"] = json!(perms);
    }
    Ok(m)
}

/// config.json: the branding, and the update subscription pinned to this dataset id and key.
fn config(o: &PackOptions, dataset_id: &str) -> Result<Vec<u8>, String> {
    if let Some(color) = &o.color {
        let hex = color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !hex {
            return Err(format!("colour {color:?} must be #rrggbb"));
        }
        match limits::contrast_with_white(color) {
            Some(c) if c < 4.5 => eprintln!(
                "warning: colour {color} is too light for white text ({c:.1}:1, under 4.5:1): popup and options keep their default accent"
            ),
            _ => {}
        }
    }
    let update = match (&o.update_url, &o.public_key) {
        (Some(url), Some(key)) => {
            limits::update_origin(url)?;
            Some(json!({"url": url, "public_key": public_key(key)?}))
        }
        (None, None) => None,
        _ => return Err("--update-url and --public-key go together".into()),
    };
    let config = json!({"name": o.name, "color": o.color, "dataset_id": dataset_id, "update": update});
    let mut bytes = serde_json::to_vec_pretty(&config).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The base64 key line, from a `.pub` file or the key itself; checked to be a minisign key.
fn public_key(key: &str) -> Result<String, String> {
    let text = if Path::new(key).is_file() {
        std::fs::read_to_string(key).map_err(|e| format!("{key}: {e}"))?
    } else {
        key.to_string()
    };
    let line = text
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .unwrap_or_default();
    minisign_verify::PublicKey::from_base64(line).map_err(|_| format!("{key}: not a minisign public key"))?;
    Ok(line.to_string())
}

/// PNG files for every icon size: a PNG is used as given for all sizes (browsers scale it); an
/// SVG is rendered at each size.
fn icons(path: &str) -> Result<Vec<(u32, Vec<u8>)>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(ICON_SIZES.iter().map(|&s| (s, bytes.clone())).collect());
    }
    let tree = resvg::usvg::Tree::from_data(&bytes, &resvg::usvg::Options::default())
        .map_err(|e| format!("{path}: neither a PNG nor an SVG: {e}"))?;
    let mut out = Vec::new();
    for size in ICON_SIZES {
        let mut pixmap = tiny_skia::Pixmap::new(size, size).ok_or("icon size")?;
        let scale = size as f32 / tree.size().width().max(tree.size().height());
        resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        out.push((size, pixmap.encode_png().map_err(|e| e.to_string())?));
    }
    Ok(out)
}
