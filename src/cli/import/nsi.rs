//! The name-suggestion-index brand table (`wikidata, brand, category, names` with `|`-separated
//! names): every row becomes a company named after its brand, with its local spellings as aliases.
//! A name already claimed by another row is reported, not silently shared.

use super::{plain, Builder, Meta, Unmapped};
use crate::dataset::Dataset;

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
    for (n, line) in lines {
        let at = format!("line {}", n + 1);
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        if cell(brand).is_empty() {
            if !line.trim().is_empty() {
                b.skip(at, "no brand name");
            }
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
        for name in cell(names).split('|').map(str::trim).filter(|s| !s.is_empty()) {
            if super::fold(name) == super::fold(cell(brand)) {
                continue;
            }
            if b.claim(name, c, &format!("{at}, names")) && !b.companies[c].aliases.iter().any(|a| a.text() == name) {
                b.companies[c].aliases.push(plain(name));
            }
        }
    }
    b.finish()
}
