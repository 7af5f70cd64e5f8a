//! The spreadsheet layout: one row per brand (or per company when `brand` is empty), with columns
//! `brand, owner_company, symbol, category, reason, source_url, badge` in any order (see
//! docs/organizers.md). `category` may hold several, separated by `;`. `badge` is the company's
//! short badge label (at most three characters; the first row that gives one sets it).

use super::{symbol, Builder, Meta, Unmapped};
use crate::dataset::Dataset;

const COLUMNS: [&str; 7] = ["brand", "owner_company", "symbol", "category", "reason", "source_url", "badge"];

pub fn import(input: &str, meta: Meta) -> (Dataset, Vec<Unmapped>) {
    let mut b = Builder::new(meta);
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(input.as_bytes());
    let header: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|c| c.to_ascii_lowercase().replace(' ', "_")).collect(),
        Err(e) => {
            b.skip("line 1", format!("no header row: {e}"));
            return b.finish();
        }
    };
    let column = |name: &str| header.iter().position(|h| h == name);
    let at: Vec<Option<usize>> = COLUMNS.iter().map(|c| column(c)).collect();
    if at[1].is_none() {
        b.skip("line 1", format!("the header has no owner_company column (expected {})", COLUMNS.join(", ")));
        return b.finish();
    }
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                b.skip(format!("line {line}"), e.to_string());
                continue;
            }
        };
        let line = format!("line {}", record.position().map_or(0, |p| p.line()));
        let get = |i: usize| at[i].and_then(|c| record.get(c)).unwrap_or("");
        let (brand, owner, sym, category, reason, source, badge) = (get(0), get(1), get(2), get(3), get(4), get(5), get(6));
        if owner.is_empty() {
            b.skip(format!("{line}, owner_company"), "empty: every row needs the company that owns the brand");
            continue;
        }
        let c = b.company(owner, None);
        if !sym.is_empty() {
            match symbol(sym) {
                Some(s) if !b.companies[c].symbols.contains(&s) => b.companies[c].symbols.push(s),
                Some(_) => {}
                None => b.skip(format!("{line}, symbol"), format!("{sym:?} is not EXCHANGE:SYMBOL with a known exchange")),
            }
        }
        if !badge.is_empty() && b.companies[c].badge.is_none() {
            let n = badge.chars().count();
            if n <= crate::badge::MAX_CHARS && !badge.chars().any(char::is_whitespace) {
                b.companies[c].badge = Some(badge.to_owned());
            } else {
                let max = crate::badge::MAX_CHARS;
                b.skip(format!("{line}, badge"), format!("{badge:?} is not 1 to {max} characters without spaces"));
            }
        }
        for cat in category.split(';').map(str::trim).filter(|c| !c.is_empty()) {
            let id = b.category(cat);
            if !b.companies[c].categories.contains(&id) {
                b.companies[c].categories.push(id);
            }
        }
        b.add_summary(c, reason);
        b.add_source(c, source, &format!("Source for {owner}"), &format!("{line}, source_url"));
        if !brand.is_empty() && super::fold(brand) != super::fold(owner) && b.claim(brand, c, &format!("{line}, brand")) {
            b.brand(brand, None, &[(c, None)]);
        }
    }
    b.finish()
}
