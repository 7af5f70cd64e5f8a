//! The spreadsheet layout: one row per brand (or per company when `brand` is empty), with columns
//! `brand, owner_company, symbol, category, reason, source_url, badge` in any order (see
//! docs/organizers.md), and translation columns `reason:LANG` and `category:LANG` (`reason:de`,
//! `category:pt-BR`): the reason and the category labels in another language, written into the
//! dataset's `translations`. `category` may hold several, separated by `;`; so may `owner_company`, for
//! a brand several companies own together. `badge` is the company's short badge label (at most
//! three characters; the first row that gives one sets it). Reading the file strictly is
//! csv_read.rs's job; this one maps each cell and names its line and column when it cannot.

use std::collections::HashMap;

use super::csv_read::{self, Row};
use super::{symbol, Builder, Meta, Unmapped};
use crate::dataset::Dataset;

const COLUMNS: [&str; 7] = ["brand", "owner_company", "symbol", "category", "reason", "source_url", "badge"];
const BRAND: usize = 0;
const OWNER: usize = 1;
const SYMBOL: usize = 2;
const BADGE: usize = 6;

/// Imports a spreadsheet; `Err` when the file itself is malformed (nothing is imported then).
/// The columns that can hold a translation: `reason:de`, `category:fr`.
const TRANSLATED: [&str; 2] = ["reason", "category"];

/// A header's language tag in canonical case (`read` lowercases the header: `pt-br` -> `pt-BR`,
/// `zh-hans` -> `zh-Hans`), if it is a tag a dataset accepts.
fn language(tag: &str) -> Option<String> {
    let canonical: Vec<String> = tag
        .split('-')
        .enumerate()
        .map(|(i, part)| match (i, part.len()) {
            (0, _) => part.to_ascii_lowercase(),
            (_, 4) => part[..1].to_ascii_uppercase() + &part[1..].to_ascii_lowercase(),
            _ => part.to_ascii_uppercase(),
        })
        .collect();
    let canonical = canonical.join("-");
    crate::dataset::language_tag(&canonical).then_some(canonical)
}

/// Imports a spreadsheet; `Err` when the file itself is malformed (nothing is imported then).
pub fn import(input: &str, meta: Meta, delimiter: Option<u8>) -> Result<(Dataset, Vec<Unmapped>), String> {
    // Translation columns join the known ones; any other name, or an unknown language, stays an
    // unknown column (`reason:xx`, `summary:de`).
    let mut known: Vec<String> = COLUMNS.iter().map(|c| (*c).to_string()).collect();
    let mut translated: Vec<(usize, &str, String)> = Vec::new(); // (column index in `known`, base, language)
    for h in csv_read::header(input, delimiter) {
        let Some((base, tag)) = h.split_once(':') else { continue };
        let (Some(&base), Some(lang)) = (TRANSLATED.iter().find(|b| **b == base), language(tag)) else { continue };
        if !known.contains(&h) {
            translated.push((known.len(), base, lang));
            known.push(h);
        }
    }
    let known_refs: Vec<&str> = known.iter().map(String::as_str).collect();
    let table = csv_read::read(input, delimiter, &known_refs, "owner_company")?;
    let mut b = Builder::new(meta);
    for (line, column) in &table.stray {
        b.skip(format!("line {line}, column {column}"), "a value in a column without a name in the header");
    }
    // "line 7, column 3 (symbol)": where a cell is, as a spreadsheet shows it.
    let at = |row: &Row, k: usize| match table.position[k] {
        Some(p) => format!("line {}, column {} ({})", row.line, p + 1, known[k]),
        None => format!("line {}", row.line),
    };
    // Who holds each symbol and where it was first given, to refuse it on a second company.
    let mut symbol_rows: HashMap<String, (usize, u64)> = HashMap::new();
    for row in &table.rows {
        let get = |k: usize| row.cells[k].as_str();
        let (brand, sym, category, reason, source, badge) =
            (get(BRAND), get(SYMBOL), get(3), get(4), get(5), get(BADGE));
        let names: Vec<&str> = get(OWNER).split(';').map(str::trim).filter(|n| !n.is_empty()).collect();
        if names.is_empty() {
            b.skip(at(row, OWNER), "empty: every row needs the company that owns the brand");
            continue;
        }
        let mut owners = Vec::new();
        for name in &names {
            match b.company_at(name, row.line) {
                Ok(c) => owners.push(c),
                Err(why) => b.skip(at(row, OWNER), why),
            }
        }
        if owners.len() != names.len() {
            continue;
        }
        let sole = (owners.len() == 1).then(|| owners[0]);
        if !sym.is_empty() {
            // Checked here, so a bad ticker is reported at its cell, not by the dataset's JSON path.
            let checked = symbol(sym)
                .ok_or_else(|| format!("{sym:?} is not EXCHANGE:SYMBOL with a known exchange"))
                .and_then(|s| crate::validate::symbol(&s).map(|()| s));
            match (checked, sole) {
                (Err(why), _) => b.skip(at(row, SYMBOL), why),
                (Ok(_), None) => b.skip(
                    at(row, SYMBOL),
                    "a row with several owners cannot give a symbol: give it on the company's own row",
                ),
                (Ok(s), Some(c)) => match symbol_rows.get(&s) {
                    Some(&(other, first)) if other != c => {
                        let who = b.companies[other].name.clone();
                        b.skip(
                            at(row, SYMBOL),
                            format!("{s} already belongs to {who:?} (line {first}); a symbol names one company"),
                        );
                    }
                    Some(_) => {}
                    None => {
                        symbol_rows.insert(s.clone(), (c, row.line));
                        b.companies[c].symbols.push(s);
                    }
                },
            }
        }
        if !badge.is_empty() {
            match sole {
                None => b.skip(
                    at(row, BADGE),
                    "a row with several owners cannot give a badge: give it on the company's own row",
                ),
                Some(c) if b.companies[c].badge.is_some() => {}
                Some(c) => {
                    let n = badge.chars().count();
                    if n <= crate::badge::MAX_CHARS && !badge.chars().any(char::is_whitespace) {
                        b.companies[c].badge = Some(badge.to_owned());
                    } else {
                        let max = crate::badge::MAX_CHARS;
                        b.skip(at(row, BADGE), format!("{badge:?} is not 1 to {max} characters without spaces"));
                    }
                }
            }
        }
        for &c in &owners {
            for cat in category.split(';').map(str::trim).filter(|c| !c.is_empty()) {
                let id = b.category(cat);
                if !b.companies[c].categories.contains(&id) {
                    b.companies[c].categories.push(id);
                }
            }
            b.add_summary(c, reason);
            let owner = b.companies[c].name.clone();
            b.add_source(c, source, &format!("Source for {owner}"), &at(row, 5));
        }
        for (k, base, lang) in &translated {
            let cell = get(*k);
            if cell.is_empty() {
                continue;
            }
            if *base == "reason" {
                for &c in &owners {
                    let text = b.companies[c]
                        .translations
                        .entry(lang.clone())
                        .or_default()
                        .summary
                        .get_or_insert_with(String::new);
                    if !text.contains(cell) {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(cell);
                    }
                }
                continue;
            }
            // One label per category, in the `category` cell's order.
            let cats: Vec<&str> = category.split(';').map(str::trim).filter(|c| !c.is_empty()).collect();
            let labels: Vec<&str> = cell.split(';').map(str::trim).collect();
            if labels.len() != cats.len() || labels.iter().any(|l| l.is_empty()) {
                let why = format!(
                    "{} label(s) where category gives {}: give one per category, in the same order, separated by ;",
                    labels.len(),
                    cats.len()
                );
                b.skip(at(row, *k), why);
                continue;
            }
            for (cat, label) in cats.iter().zip(labels) {
                let id = b.category(cat);
                let Some(category) = b.categories.iter_mut().find(|c| c.id == id) else { continue };
                let text = &mut category.translations.entry(lang.clone()).or_default().label;
                let conflict = match text {
                    Some(earlier) if earlier != label => Some(format!(
                        "{cat:?} is already {earlier:?} in {lang} on an earlier row; a category has one label per language"
                    )),
                    Some(_) => None,
                    None => {
                        *text = Some(label.to_string());
                        None
                    }
                };
                if let Some(why) = conflict {
                    b.skip(at(row, *k), why);
                }
            }
        }
        let own_name = names.iter().any(|n| super::fold(n) == super::fold(brand));
        if !brand.is_empty() && !own_name && b.claim(brand, owners[0], &at(row, BRAND)) {
            let shares: Vec<(usize, Option<f64>)> = owners.iter().map(|&c| (c, None)).collect();
            b.brand(brand, None, &shares);
        }
    }
    Ok(b.finish())
}
