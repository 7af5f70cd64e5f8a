//! The Organizer Studio's exports (feature `studio`): each forwards to crate::organizer and
//! converts values; no logic here. Only the Studio's own wasm build has them, so the extension's
//! wasm does not grow.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::to_js;
use crate::engine::Engine;
use crate::organizer::{keys, preview, studio};

/// Checks a sheet (CSV text or XLSX/ODS bytes): `{ok, issues: [{severity, line, column, message}],
/// companies, brands, dataset}`. `meta` is `{id, title, publisher, license, as_of, version}`.
#[wasm_bindgen(js_name = checkSheet)]
pub fn check_sheet(name: &str, bytes: &[u8], meta: JsValue) -> Result<JsValue, JsError> {
    let meta: crate::organizer::import::Meta = serde_wasm_bindgen::from_value(meta)?;
    to_js(&studio::check_sheet(name, bytes, meta))
}

/// Every candidate in `text` (a page when `name` ends in .html) with the judge's verdict and reason.
#[wasm_bindgen]
pub fn preview(dataset: &str, name: &str, text: &str) -> Result<JsValue, JsError> {
    let engine = Engine::from_json(dataset).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&preview::explain(&engine, name, text, preview::PageArgs::default()))
}

#[derive(Serialize)]
struct PairView {
    secret: String,
    public: String,
    public_base64: String,
}

/// A new key pair, the secret key encrypted with `password`: `{secret, public, public_base64}`.
#[wasm_bindgen(js_name = generateKeys)]
pub fn generate_keys(password: &str) -> Result<JsValue, JsError> {
    let pair = keys::generate(Some(password)).map_err(|e| JsError::new(&e))?;
    to_js(&PairView { secret: pair.secret, public: pair.public, public_base64: pair.public_base64 })
}

/// The public key (base64) of a secret key file's text, opened with `password` if it is protected.
#[wasm_bindgen(js_name = openKey)]
pub fn open_key(secret: &str, password: &str) -> Result<String, JsError> {
    let key = keys::secret_key(secret, Some(password)).map_err(|e| JsError::new(&e))?;
    keys::public_of(&key).map_err(|e| JsError::new(&e))
}

#[derive(Serialize)]
struct SignedView {
    signature: String,
    comment: String,
}

/// The `.minisig` text for a dataset file: `{signature, comment}`.
#[wasm_bindgen(js_name = signDataset)]
pub fn sign_dataset(secret: &str, password: &str, dataset: &[u8]) -> Result<JsValue, JsError> {
    let key = keys::secret_key(secret, Some(password)).map_err(|e| JsError::new(&e))?;
    let (signature, comment) = keys::sign_dataset(&key, dataset).map_err(|e| JsError::new(&e.join("\n")))?;
    to_js(&SignedView { signature, comment })
}

/// The store zip's bytes for the built-in extension branded with the dataset and `form`
/// (`{name, description, color, sites, update_url, public_key, version}`); `icon` may be empty.
#[wasm_bindgen]
pub fn pack(dataset: &str, form: JsValue, icon_name: &str, icon: &[u8]) -> Result<Packed, JsError> {
    let form: studio::PackForm = serde_wasm_bindgen::from_value(form)?;
    let template = studio::template().map_err(|e| JsError::new(&e))?;
    let icon = (!icon.is_empty()).then_some((icon_name, icon));
    let zipped = studio::pack(template, dataset, form, icon).map_err(|e| JsError::new(&e))?;
    Ok(Packed { zipped })
}

/// A packed extension: its zip, name slug and warnings.
#[wasm_bindgen]
pub struct Packed {
    zipped: studio::Zipped,
}

#[wasm_bindgen]
impl Packed {
    /// The zip's bytes: the same file for the Chromium and the Firefox store, as `pack` writes.
    pub fn zip(&self) -> Vec<u8> {
        self.zipped.zip.clone()
    }
    /// The name as it starts the zips' file names (`fair-shopper` for "Fair Shopper").
    pub fn slug(&self) -> String {
        self.zipped.slug.clone()
    }
    /// What `pack` would print as warnings (a colour too light for white text, a large list).
    pub fn warnings(&self) -> Vec<String> {
        self.zipped.warnings.clone()
    }
}
