//! A branded extension from a built one, as a sorted map of files: the organizer's dataset, name,
//! icon, colour, sites and update key written in; and the zip of those files, whose bytes depend
//! only on them. `backstory pack` writes these to disk; the Studio offers them as downloads, so the
//! same inputs give byte-identical zips on both.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{json, Value};

use super::{limits, pack_locales, tree};
use crate::dataset::Dataset;
use crate::engine::Engine;

/// Icon sizes the manifest names (extension/icons/icon-<size>.png).
pub const ICON_SIZES: [u32; 4] = [16, 32, 48, 128];

/// Where the packed extension reads its branding and update subscription.
pub const CONFIG_PATH: &str = "extension/data/config.json";

/// Content-script matches the built extension carries only so tests can serve pages from this
/// machine; a store package must not run there, so `pack` drops them unless `for_testing`.
pub const TEST_MATCHES: [&str; 2] = ["http://127.0.0.1/*", "http://localhost/*"];

/// The extension archived by build.rs under the `bundle` feature (src/organizer/tree.rs format).
#[cfg(feature = "bundle")]
pub const BUNDLED: Option<&[u8]> = Some(include_bytes!(concat!(env!("OUT_DIR"), "/extension.bin")));
#[cfg(not(feature = "bundle"))]
pub const BUNDLED: Option<&[u8]> = None;

/// The organizer's choices, checked by [`pack`] before anything is built.
#[derive(Default, Clone)]
pub struct Options {
    pub name: String,
    pub description: Option<String>,
    /// The name and description in other locales (`_locales` folder -> text).
    pub names: BTreeMap<String, String>,
    pub descriptions: BTreeMap<String, String>,
    /// `#rrggbb`.
    pub color: Option<String>,
    pub sites: Vec<String>,
    pub update_url: Option<String>,
    /// The base64 key line of a minisign public key ([`public_key_line`]).
    pub public_key: Option<String>,
    pub addon_id: Option<String>,
    /// The extension's version (manifest `version`); the built extension's when absent.
    pub version: Option<String>,
    /// Keep the test-only localhost matches (never for a store upload).
    pub for_testing: bool,
}

/// A branded extension: its files (the same for both browsers: one manifest carries both
/// browsers' keys), the name's slug for file names, and warnings worth showing.
pub struct Packed {
    pub files: tree::Files,
    pub slug: String,
    pub warnings: Vec<String>,
}

/// The checks made before anything is read: name, description and version within the stores' limits.
pub fn check_options(o: &Options) -> Result<(), String> {
    limits::name(&o.name)?;
    if let Some(d) = &o.description {
        limits::description(d)?;
    }
    if let Some(v) = &o.version {
        limits::version(v)?;
    }
    Ok(())
}

/// The id of a dataset the extension can load, or why it cannot.
pub fn dataset_id(text: &str) -> Result<String, String> {
    Engine::from_json(text).map_err(|e| e.to_string())?;
    Dataset::from_json(text).map(|d| d.id).map_err(|e| e.to_string())
}

/// Brands `template` (a built extension) with `dataset` (its JSON text) and `o`; `icon` is
/// (a name for errors, PNG or SVG bytes). `template_name` names the extension in errors.
pub fn pack(
    template_name: &str,
    mut files: tree::Files,
    dataset: &str,
    o: &Options,
    icon: Option<(&str, &[u8])>,
) -> Result<Packed, String> {
    check_options(o)?;
    let dataset_id = dataset_id(dataset)?;
    let mut warnings: Vec<String> = super::size::update_size_warning(dataset.len()).into_iter().collect();
    let manifest_bytes = files
        .get("manifest.json")
        .ok_or_else(|| format!("{template_name}: not a built extension, no manifest.json"))?;
    let manifest: Value =
        serde_json::from_slice(manifest_bytes).map_err(|e| format!("{template_name}/manifest.json: {e}"))?;
    let slug = super::import::slug(&o.name);
    let branding = pack_locales::Branding {
        name: &o.name,
        description: o.description.as_deref(),
        names: &o.names,
        descriptions: &o.descriptions,
    };
    pack_locales::brand_messages(&mut files, &branding)?;
    files.insert("extension/data/default.json".into(), dataset.as_bytes().to_vec());
    files.insert(CONFIG_PATH.into(), config(o, &dataset_id, &mut warnings)?);
    if let Some((name, bytes)) = icon {
        for (size, png) in icons(bytes).map_err(|e| format!("{name}: {e}"))? {
            files.insert(format!("extension/icons/icon-{size}.png"), png);
        }
    }
    let manifest = branded_manifest(manifest, o, &slug)?;
    let mut manifest_bytes = serde_json::to_vec_pretty(&manifest).map_err(|e| e.to_string())?;
    manifest_bytes.push(b'\n');
    files.insert("manifest.json".into(), manifest_bytes);
    Ok(Packed { files, slug, warnings })
}

/// A zip whose bytes depend only on `files`: sorted entries, a fixed date, fixed permissions.
pub fn zip(files: &tree::Files) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (rel, bytes) in files {
        zip.start_file(rel.as_str(), options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

fn branded_manifest(mut m: Value, o: &Options, slug: &str) -> Result<Value, String> {
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
        let mut perms: Vec<Value> = m["host_permissions"].as_array().cloned().unwrap_or_default();
        let pattern = json!(format!("{origin}/*"));
        if !perms.contains(&pattern) {
            perms.push(pattern);
        }
        m["host_permissions"] = json!(perms);
    }
    Ok(m)
}

/// config.json: the branding, and the update subscription pinned to this dataset id and key.
fn config(o: &Options, dataset_id: &str, warnings: &mut Vec<String>) -> Result<Vec<u8>, String> {
    if let Some(color) = &o.color {
        let hex = color.len() == 7 && color.starts_with('#') && color[1..].chars().all(|c| c.is_ascii_hexdigit());
        if !hex {
            return Err(format!("colour {color:?} must be #rrggbb"));
        }
        match limits::contrast_with_white(color) {
            Some(c) if c < 4.5 => warnings.push(format!(
                "colour {color} is too light for white text ({c:.1}:1, under 4.5:1): popup and options keep their default accent"
            )),
            _ => {}
        }
    }
    let update = match (&o.update_url, &o.public_key) {
        (Some(url), Some(key)) => {
            limits::update_origin(url)?;
            let line = public_key_line(key).ok_or("the public key is not a minisign public key")?;
            Some(json!({"url": url, "public_key": line}))
        }
        (None, None) => None,
        _ => return Err("--update-url and --public-key go together".into()),
    };
    let config = json!({"name": o.name, "color": o.color, "dataset_id": dataset_id, "update": update});
    let mut bytes = serde_json::to_vec_pretty(&config).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The base64 key line of a `.pub` file's text or of the key itself, if it is a minisign key.
pub fn public_key_line(text: &str) -> Option<String> {
    let line = text
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .unwrap_or_default();
    minisign_verify::PublicKey::from_base64(line).ok()?;
    Some(line.to_string())
}

/// PNG files for every icon size: a PNG is used as given for all sizes (browsers scale it); an
/// SVG is rendered at each size.
pub fn icons(bytes: &[u8]) -> Result<Vec<(u32, Vec<u8>)>, String> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Ok(ICON_SIZES.iter().map(|&s| (s, bytes.to_vec())).collect());
    }
    let tree = resvg::usvg::Tree::from_data(bytes, &resvg::usvg::Options::default())
        .map_err(|e| format!("neither a PNG nor an SVG: {e}"))?;
    let mut out = Vec::new();
    for size in ICON_SIZES {
        let mut pixmap = tiny_skia::Pixmap::new(size, size).ok_or("icon size")?;
        let scale = size as f32 / tree.size().width().max(tree.size().height());
        resvg::render(&tree, tiny_skia::Transform::from_scale(scale, scale), &mut pixmap.as_mut());
        out.push((size, pixmap.encode_png().map_err(|e| e.to_string())?));
    }
    Ok(out)
}
