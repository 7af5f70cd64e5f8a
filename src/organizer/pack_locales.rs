//! The organizer's name in every interface string, per locale: `pack` rewrites each packed
//! `_locales/<locale>/messages.json` so the extension's name (`ext_name`), description
//! (`ext_description`) and every message that says "Backstory" use the campaign's name, in the
//! locale's own words where `--name-in` / `--description-in` give them.

use std::collections::BTreeMap;

use serde_json::Value;

use super::limits;

/// The product name the built extension's messages use.
const PRODUCT: &str = "Backstory";

/// Per-locale values given as `LOCALE=TEXT` ("de=Fairer Einkauf"); the locale as the extension's
/// `_locales` folders name it ("de", "pt_BR").
pub fn parse_localized(pairs: &[String], what: &str) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for pair in pairs {
        let (locale, text) = pair
            .split_once('=')
            .ok_or_else(|| format!("--{what}-in {pair:?}: write it as LOCALE=TEXT (de=Fairer Einkauf)"))?;
        let (locale, text) = (locale.trim(), text.trim());
        if locale.is_empty() || !locale.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!("--{what}-in {pair:?}: {locale:?} is not a locale folder name (de, pt_BR)"));
        }
        match what {
            "name" => limits::name(text)?,
            _ => limits::description(text)?,
        }
        if out.insert(locale.to_string(), text.to_string()).is_some() {
            return Err(format!("--{what}-in gives {locale} twice"));
        }
    }
    Ok(out)
}

/// Names and descriptions chosen for the packed extension.
pub struct Branding<'a> {
    pub name: &'a str,
    pub description: Option<&'a str>,
    pub names: &'a BTreeMap<String, String>,
    pub descriptions: &'a BTreeMap<String, String>,
}

/// Rewrites the messages of every locale among `files` (path -> bytes); fails on a locale given
/// in `--name-in`/`--description-in` that the extension does not have.
pub fn brand_messages(files: &mut BTreeMap<String, Vec<u8>>, b: &Branding) -> Result<(), String> {
    let locale_of = |path: &str| path.strip_prefix("_locales/")?.strip_suffix("/messages.json").map(str::to_string);
    let locales: Vec<String> = files.keys().filter_map(|p| locale_of(p)).collect();
    for given in b.names.keys().chain(b.descriptions.keys()) {
        if !locales.contains(given) {
            return Err(format!("the extension has no locale {given:?} (it has {})", locales.join(", ")));
        }
    }
    for locale in locales {
        let path = format!("_locales/{locale}/messages.json");
        let bytes = files.get(&path).ok_or_else(|| format!("{path}: missing"))?;
        let mut messages: Value = serde_json::from_slice(bytes).map_err(|e| format!("{path}: {e}"))?;
        let name = b.names.get(&locale).map_or(b.name, String::as_str);
        let map = messages.as_object_mut().ok_or_else(|| format!("{path}: not an object"))?;
        for entry in map.values_mut() {
            if let Some(Value::String(text)) = entry.get_mut("message") {
                *text = text.replace(PRODUCT, name);
            }
        }
        set_message(map, "ext_name", name);
        if let Some(description) = b.descriptions.get(&locale).map(String::as_str).or(b.description) {
            set_message(map, "ext_description", description);
        }
        let mut out = serde_json::to_vec_pretty(&messages).map_err(|e| e.to_string())?;
        out.push(b'\n');
        files.insert(path, out);
    }
    Ok(())
}

fn set_message(map: &mut serde_json::Map<String, Value>, key: &str, text: &str) {
    match map.get_mut(key) {
        Some(Value::Object(entry)) => {
            entry.insert("message".into(), Value::String(text.to_string()));
        }
        _ => {
            map.insert(key.into(), serde_json::json!({ "message": text }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files() -> BTreeMap<String, Vec<u8>> {
        let en = r#"{"ext_name": {"message": "Backstory"}, "ext_description": {"message": "Shows who owns brands."},
                     "popup_title": {"message": "Backstory: search"}}"#;
        let de = r#"{"ext_name": {"message": "Backstory"}, "popup_title": {"message": "Backstory: Suche"}}"#;
        BTreeMap::from([
            ("_locales/en/messages.json".to_string(), en.as_bytes().to_vec()),
            ("_locales/de/messages.json".to_string(), de.as_bytes().to_vec()),
        ])
    }

    fn message(files: &BTreeMap<String, Vec<u8>>, locale: &str, key: &str) -> String {
        let v: Value = serde_json::from_slice(&files[&format!("_locales/{locale}/messages.json")]).expect("json");
        v[key]["message"].as_str().expect("message").to_string()
    }

    #[test]
    fn every_locale_says_the_campaign_name_in_its_words() {
        let mut f = files();
        let names = parse_localized(&["de=Fairer Einkauf".into()], "name").expect("valid");
        let descriptions = BTreeMap::new();
        let b = Branding {
            name: "Fair Shopper",
            description: Some("Who owns what."),
            names: &names,
            descriptions: &descriptions,
        };
        brand_messages(&mut f, &b).expect("branded");
        assert_eq!(message(&f, "en", "ext_name"), "Fair Shopper");
        assert_eq!(message(&f, "en", "popup_title"), "Fair Shopper: search");
        assert_eq!(message(&f, "de", "ext_name"), "Fairer Einkauf");
        assert_eq!(message(&f, "de", "popup_title"), "Fairer Einkauf: Suche");
        assert_eq!(message(&f, "de", "ext_description"), "Who owns what.");
    }

    #[test]
    fn unknown_locales_and_malformed_pairs_are_refused() {
        let names = parse_localized(&["fr=Achat juste".into()], "name").expect("valid");
        let none = BTreeMap::new();
        let b = Branding { name: "X", description: None, names: &names, descriptions: &none };
        assert!(brand_messages(&mut files(), &b).expect_err("fr is not a locale here").contains("no locale \"fr\""));
        assert!(parse_localized(&["Fairer Einkauf".into()], "name").is_err());
        assert!(parse_localized(&["de=".into()], "name").is_err());
        assert!(parse_localized(&["de=a".into(), "de=b".into()], "name").is_err());
    }
}
