//! `backstory words`: what the word lists (`crate::languages`) say of a dataset's names, and, with
//! `--write`, those rules written into it (atomically: a temporary file, then a rename).

use crate::dataset::Dataset;
use crate::languages::annotate;

pub fn run(file: &str, write: bool, json: bool) -> Result<u8, String> {
    let text = super::read_input(file)?;
    let mut dataset = Dataset::from_json(&text).map_err(|e| format!("{file}: {e}"))?;
    let notes = annotate(&mut dataset);
    if json {
        let rows: Vec<serde_json::Value> = notes
            .iter()
            .map(|(alias, (langs, longer))| serde_json::json!({"alias": alias, "word_in": langs, "longer_words": longer}))
            .collect();
        println!("{}", serde_json::Value::Array(rows));
    } else {
        for (alias, (langs, longer)) in &notes {
            let mut parts = Vec::new();
            if !langs.is_empty() {
                parts.push(format!("an ordinary word in {}: waits on pages in them", langs.join(", ")));
            }
            if *longer > 0 {
                parts.push(format!("{longer} longer word(s) that hold it excluded"));
            }
            println!("{file}: {alias:?}: {}", parts.join("; "));
        }
        println!("{file}: {} name(s) {}", notes.len(), if write { "updated" } else { "would be updated (--write)" });
    }
    if write && !notes.is_empty() {
        let json = serde_json::to_string_pretty(&dataset).map_err(|e| e.to_string())? + "\n";
        super::atomic::write_file(file, json.as_bytes())?;
    }
    Ok(0)
}
