//! The SEC ticker file (`{"fields": ["cik","name","ticker","exchange"], "data": [...]}`): adds
//! the US stock symbols of a dataset's companies, and reports symbols the SEC does not list.

use std::collections::HashMap;

use serde::Deserialize;

use super::Unmapped;
use crate::dataset::Dataset;

#[derive(Deserialize)]
struct SecFile {
    data: Vec<(u64, String, String, Option<String>)>,
}

/// Words that differ between the SEC's and a dataset's spelling of one company name.
const SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "company",
    "ltd",
    "limited",
    "plc",
    "llc",
    "the",
    "holdings",
    "holding",
    "group",
    "sa",
    "ag",
    "nv",
    "se",
    "de",
    "com",
];

pub fn import(input: &str, mut dataset: Dataset) -> Result<(Dataset, Vec<Unmapped>), String> {
    let sec: SecFile = serde_json::from_str(input).map_err(|e| format!("not the SEC ticker layout: {e}"))?;
    let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
    let mut listed = std::collections::HashSet::new();
    for (_, name, ticker, exchange) in &sec.data {
        let Some(exchange) = exchange.as_deref().and_then(|e| crate::exchanges::canonical(&e.to_ascii_lowercase()))
        else {
            continue;
        };
        let symbol = format!("{exchange}:{}", ticker.to_ascii_uppercase().replace('-', "."));
        listed.insert(symbol.clone());
        by_name.entry(key(name)).or_default().push(symbol);
    }
    let mut unmapped = Vec::new();
    for (i, c) in dataset.companies.iter_mut().enumerate() {
        for (j, s) in c.symbols.iter().enumerate() {
            let us = s.starts_with("NASDAQ:") || s.starts_with("NYSE:");
            if us && !listed.contains(&s.replace('-', ".")) {
                unmapped.push(Unmapped {
                    at: format!("companies[{i}].symbols[{j}]"),
                    why: format!("{s} is not in the SEC list"),
                });
            }
        }
        let found = by_name.get(&key(&c.legal_name)).or_else(|| by_name.get(&key(&c.name)));
        for symbol in found.into_iter().flatten() {
            if !c.symbols.iter().any(|s| s.replace('-', ".") == *symbol) {
                c.symbols.push(symbol.clone());
            }
        }
    }
    Ok((dataset, unmapped))
}

/// A company name reduced to the words that identify it.
fn key(name: &str) -> String {
    let folded = crate::normalize::normalize(name, crate::normalize::Fold::MATCH).text;
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !SUFFIXES.contains(w))
        .collect::<Vec<_>>()
        .join(" ")
}
