//! The name-suggestion-index brand table (`wikidata, brand, category, names` with `|`-separated
//! names): every row becomes a company named after its brand, with its local spellings as aliases.
//! A name already claimed by another row is reported, not silently shared.
//!
//! NSI names shops, not words on a page, so the import adds rules a page needs (measured with
//! `make eval` on saved retail pages; each rule has a test in tests/import_rules.rs):
//! - rows are read in Wikidata order, lowest id first: when several rows share a name ("Walmart",
//!   "Staples"), the lowest id is the main entity and the later ones are regional chains or side
//!   businesses (Staples Canada, Walmart's fuel stations), so it keeps the name;
//! - a name that is one ordinary English word (`data/common-words.txt`: "Free", "More", "Select",
//!   "Seat") or has fewer than two letters ("3", "W") is dropped: on a shop page it is the word,
//!   not the brand, nearly every time, and no declarative rule can tell them apart;
//! - a short all-capitals name ("TVS", "SDI") and a name made only of ordinary words ("Best Buy",
//!   "The Big") must keep their written letter case or be in capitals (`case: exact`).

use super::{plain, Builder, Meta, Unmapped};
use crate::dataset::{Alias, AliasRule, CasePolicy, Dataset};
use crate::words::is_common_word;

pub fn import(input: &str, meta: Meta) -> (Dataset, Vec<Unmapped>) {
    let mut b = Builder::new(meta);
    let mut lines = input.lines().enumerate();
    let header = lines.next().map(|(_, h)| h.split('\t').map(str::trim).collect::<Vec<_>>()).unwrap_or_default();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (Some(qid), Some(brand), Some(category), Some(names)) =
        (column("wikidata"), column("brand"), column("category"), column("names"))
    else {
        b.skip("line 1", "the header must name the columns wikidata, brand, category, names");
        return b.finish();
    };
    let mut rows: Vec<(usize, Vec<&str>)> = lines.map(|(n, line)| (n, line.split('\t').map(str::trim).collect())).collect();
    // Stable sort: rows without a Wikidata id keep their file order, after the others.
    rows.sort_by_key(|(_, cells)| wikidata_number(cells.get(qid).copied().unwrap_or("")));
    for (n, cells) in rows {
        let at = format!("line {}", n + 1);
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        if cell(brand).is_empty() {
            if cells.iter().any(|c| !c.is_empty()) {
                b.skip(at, "no brand name");
            }
            continue;
        }
        if let Some(why) = unsafe_name(cell(brand)) {
            b.skip(at, format!("brand {:?} {why}", cell(brand)));
            continue;
        }
        if let Some(owner) = b.claimed.get(&super::fold(cell(brand))) {
            let why = format!("brand {:?} is already a name of company {owner}", cell(brand));
            b.skip(at, why);
            continue;
        }
        let before = b.companies.len();
        let c = b.company(cell(brand), Some(&cell(qid).to_ascii_lowercase()).filter(|q| !q.is_empty()).map(String::as_str));
        if c < before {
            b.skip(at, format!("brand {:?} is listed twice", cell(brand)));
            continue;
        }
        if !cell(category).is_empty() {
            let cat = b.category(cell(category));
            b.companies[c].categories.push(cat);
        }
        b.companies[c].summary = format!("{} ({}), a brand listed in the name-suggestion-index.", cell(brand), cell(category));
        if needs_exact_case(cell(brand)) {
            // An alias object whose text is the name gives the name its rules (DATASET.md).
            b.companies[c].aliases.extend(exact_spellings(cell(brand)));
        }
        for name in cell(names).split('|').map(str::trim).filter(|s| !s.is_empty()) {
            if super::fold(name) == super::fold(cell(brand)) {
                continue;
            }
            if let Some(why) = unsafe_name(name) {
                b.skip(format!("{at}, names"), format!("{name:?} {why}"));
                continue;
            }
            if b.claim(name, c, &format!("{at}, names")) && !b.companies[c].aliases.iter().any(|a| a.text() == name) {
                if needs_exact_case(name) {
                    b.companies[c].aliases.extend(exact_spellings(name));
                } else {
                    b.companies[c].aliases.push(plain(name));
                }
            }
        }
    }
    b.finish()
}

/// "Q1046951" -> 1046951; anything else sorts last.
fn wikidata_number(qid: &str) -> u64 {
    qid.strip_prefix(['Q', 'q']).and_then(|n| n.parse().ok()).unwrap_or(u64::MAX)
}

/// Why a name cannot be matched safely on a page, if it cannot.
fn unsafe_name(name: &str) -> Option<&'static str> {
    let folded = super::fold(name);
    if folded.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Some("has fewer than two letters");
    }
    if !folded.contains(' ') && is_common_word(&folded) {
        return Some("is an ordinary English word (data/common-words.txt)");
    }
    None
}

/// Short all-capitals names and names made only of ordinary words keep their letter case.
fn needs_exact_case(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    let short_capitals = letters.len() <= 4 && letters.iter().all(|c| c.is_uppercase());
    let folded = super::fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    let ordinary_phrase = words.len() > 1 && words.iter().all(|w| is_common_word(w) || w.chars().all(|c| !c.is_alphabetic()));
    short_capitals || ordinary_phrase
}

/// The name as written and, when that is not already capitals, in capitals: headings and logos
/// write brands in capitals ("BEST BUY"), ordinary words far less often.
fn exact_spellings(name: &str) -> Vec<Alias> {
    let upper = name.to_uppercase();
    if upper == name { vec![exact(name)] } else { vec![exact(name), exact(&upper)] }
}

fn exact(text: &str) -> Alias {
    Alias::Ruled(AliasRule {
        text: text.trim().to_string(),
        case: CasePolicy::Exact,
        accents: Default::default(),
        context: Vec::new(),
        exclude: Vec::new(),
    })
}
