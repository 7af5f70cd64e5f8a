//! The organizer's hand edits, kept in their own file and merged over every import, so re-importing
//! the spreadsheet never throws them away (docs/organizers.md, step 2).
//!
//! The file is JSON: `companies`, `brands` and `categories` map an id the import makes to the fields
//! to set on it; `dataset` holds top-level fields (`profile_origins`, `attribution`, `exclusions`).
//! Each is a JSON merge patch (RFC 7396): a field replaces the imported one, `null` removes it. An
//! id the import did not make is an error, so a renamed row cannot silently drop its edits.

use serde_json::{Map, Value};

use crate::dataset::Dataset;

const LISTS: [&str; 3] = ["companies", "brands", "categories"];

/// `dataset` with `overrides` (the file's text) merged in.
///
/// # Errors
/// The file is not a JSON object of the shape above, names an id the import did not make, tries to
/// change an id, or the merged dataset does not parse (the message gives its JSON path).
pub fn apply(dataset: Dataset, overrides: &str) -> Result<Dataset, String> {
    let patch: Value =
        serde_json::from_str(overrides).map_err(|e| format!("line {}, column {}: {e}", e.line(), e.column()))?;
    let patch = patch.as_object().ok_or("must be a JSON object with companies, brands, categories or dataset")?;
    let mut merged = serde_json::to_value(&dataset).map_err(|e| e.to_string())?;
    for (key, value) in patch {
        match key.as_str() {
            "dataset" => {
                let fields = value.as_object().ok_or("dataset: must be an object of top-level fields")?;
                for (field, v) in fields {
                    if LISTS.contains(&field.as_str()) || field == "id" || field == "format" {
                        return Err(format!(
                            "dataset.{field}: set in the spreadsheet (or by import options), not here"
                        ));
                    }
                    merge(&mut merged[field.as_str()], v);
                }
            }
            list if LISTS.contains(&list) => {
                let entries = value.as_object().ok_or_else(|| format!("{list}: must map ids to fields"))?;
                merge_entries(&mut merged, list, entries)?;
            }
            other => return Err(format!("{other}: unknown section; use companies, brands, categories or dataset")),
        }
    }
    Dataset::from_json(&merged.to_string()).map_err(|e| format!("after merging, {}: {}", e.path, e.message))
}

fn merge_entries(merged: &mut Value, list: &str, entries: &Map<String, Value>) -> Result<(), String> {
    let Some(items) = merged[list].as_array_mut() else { return Err(format!("{list}: the dataset has none")) };
    for (id, fields) in entries {
        if !fields.is_object() {
            return Err(format!("{list}.{id}: must be an object of fields"));
        }
        if fields.get("id").is_some_and(|v| v.as_str() != Some(id)) {
            return Err(format!("{list}.{id}: ids come from the spreadsheet and cannot be changed here"));
        }
        let Some(item) = items.iter_mut().find(|i| i["id"].as_str() == Some(id.as_str())) else {
            return Err(format!("{list}.{id}: the import made no such id (was the row renamed or removed?)"));
        };
        merge(item, fields);
    }
    Ok(())
}

/// RFC 7396 JSON merge patch: objects merge key by key, `null` removes, anything else replaces.
fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(fields) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    if let Value::Object(t) = target {
        for (k, v) in fields {
            if v.is_null() {
                t.remove(k);
            } else {
                merge(t.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
    }
}
