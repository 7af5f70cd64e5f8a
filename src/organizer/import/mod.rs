//! Turns an organizer's list (CSV, TechForPalestine JSON, name-suggestion-index TSV) into a
//! dataset, or adds SEC stock symbols to one, listing precisely what could not be mapped; text in,
//! dataset out, so `backstory import` and the Organizer Studio run the very same code.

mod csv_list;
mod csv_read;
mod nsi;
mod overrides;
mod sec;
mod techforpalestine;

pub use csv_read::delimiter_arg;

use std::collections::{HashMap, HashSet};

use crate::dataset::{
    Alias, Brand, Category, Company, Dataset, Owner, Publisher, Source, FORMAT_MARKER, FORMAT_VERSION,
};
use crate::normalize::{normalize, Fold};

/// Metadata for the dataset an import produces: `backstory import`'s flags, or the Studio's form
/// (deserialized from it), so the same values give the same dataset file.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub license: String,
    /// YYYY-MM-DD; the Studio passes today's, as `import` defaults to it.
    pub as_of: String,
    pub version: u64,
}

/// One input record that could not become part of the dataset, and why.
pub struct Unmapped {
    /// Where: "line 12", "brands.sodastream.stakeholders[0]", ...
    pub at: String,
    pub why: String,
}

/// An import's inputs: each text with the name its errors give it (a file name, a sheet's name).
pub struct Inputs<'a> {
    /// csv, techforpalestine, nsi or sec.
    pub from: &'a str,
    pub file: (&'a str, &'a str),
    /// With `from` sec: the dataset to add symbols to.
    pub base: Option<(&'a str, &'a str)>,
    /// The organizer's hand edits, merged over what the import makes (overrides.rs).
    pub overrides: Option<(&'a str, &'a str)>,
    /// The CSV separator; detected from the header when absent.
    pub delimiter: Option<u8>,
}

/// What an import made: the dataset, the records it could not map, and the dataset's validation
/// errors (a dataset with any must not be written or packed).
pub struct Imported {
    pub dataset: Dataset,
    pub unmapped: Vec<Unmapped>,
    pub errors: Vec<String>,
}

impl Imported {
    /// The dataset file's text, as `backstory import` writes it and `pack` bundles it.
    pub fn to_json(&self) -> Result<String, String> {
        Ok(serde_json::to_string_pretty(&self.dataset).map_err(|e| e.to_string())? + "\n")
    }
}

/// Runs an import over texts; `Err` when an input cannot be read as its format at all.
pub fn import(i: &Inputs, meta: Meta) -> Result<Imported, String> {
    let (file, input) = i.file;
    if i.delimiter.is_some() && i.from != "csv" {
        return Err("--delimiter is for --from csv".into());
    }
    let (mut dataset, unmapped) = match i.from {
        "csv" => csv_list::import(input, meta, i.delimiter).map_err(|e| format!("{file}: {e}; nothing written"))?,
        "techforpalestine" => techforpalestine::import(input, meta).map_err(|e| format!("{file}: {e}"))?,
        "nsi" => nsi::import(input, meta),
        "sec" => {
            let (base, base_text) =
                i.base.ok_or("--from sec adds symbols to an existing dataset: give it with --dataset")?;
            let dataset = Dataset::from_json(base_text).map_err(|e| format!("{base}: {e}"))?;
            sec::import(input, dataset).map_err(|e| format!("{file}: {e}"))?
        }
        other => return Err(format!("unknown format {other:?}; use csv, techforpalestine, nsi or sec")),
    };
    // Names that are ordinary words of some language wait for the page there (crate::languages);
    // `sec` only adds symbols to a dataset whose names are its author's.
    if i.from != "sec" {
        crate::languages::annotate(&mut dataset);
    }
    // The organizer's hand edits come last, so they win over anything the import decided.
    let dataset = match i.overrides {
        Some((path, text)) => overrides::apply(dataset, text).map_err(|e| format!("{path}: {e}; nothing written"))?,
        None => dataset,
    };
    let errors = crate::validate::errors(&dataset);
    Ok(Imported { dataset, unmapped, errors })
}

/// Collects companies, brands and categories by name while an importer reads its input.
struct Builder {
    meta: Meta,
    categories: Vec<Category>,
    companies: Vec<Company>,
    brands: Vec<Brand>,
    company_by_key: HashMap<String, usize>,
    brand_by_key: HashMap<String, usize>,
    /// Folded alias -> company id that claimed it first.
    claimed: HashMap<String, String>,
    /// Ids in use, so a new id is found in constant time (a scan per row made imports quadratic).
    company_ids: HashSet<String>,
    brand_ids: HashSet<String>,
    /// Company name with only its letters and digits -> (folded name, line first seen), to catch
    /// one company spelt two ways ("HP Inc." and "HP Inc").
    loose_names: HashMap<String, (String, String, u64)>,
    /// (company index, sentence) already in a summary, so a repeated reason is added once.
    summary_parts: HashSet<(usize, String)>,
    unmapped: Vec<Unmapped>,
}

impl Builder {
    fn new(meta: Meta) -> Builder {
        Builder {
            meta,
            categories: Vec::new(),
            companies: Vec::new(),
            brands: Vec::new(),
            company_by_key: HashMap::new(),
            brand_by_key: HashMap::new(),
            claimed: HashMap::new(),
            company_ids: HashSet::new(),
            brand_ids: HashSet::new(),
            loose_names: HashMap::new(),
            summary_parts: HashSet::new(),
            unmapped: Vec::new(),
        }
    }

    fn skip(&mut self, at: impl Into<String>, why: impl Into<String>) {
        self.unmapped.push(Unmapped { at: at.into(), why: why.into() });
    }

    /// The category with this label (or id), created on first use.
    fn category(&mut self, label: &str) -> String {
        let id = slug(label);
        if !self.categories.iter().any(|c| c.id == id) {
            self.categories.push(Category {
                id: id.clone(),
                label: humanize(label),
                description: format!("Imported category \"{label}\"."),
                color: None,
                translations: Default::default(),
            });
        }
        id
    }

    /// The company with this name, created on first use; returns its index.
    fn company(&mut self, name: &str, id_hint: Option<&str>) -> usize {
        let key = fold(name);
        if let Some(&i) = self.company_by_key.get(&key) {
            return i;
        }
        let id = unique_id(id_hint.map_or_else(|| slug(name), slug), |c| self.company_ids.contains(c));
        self.company_ids.insert(id.clone());
        self.claimed.entry(key.clone()).or_insert_with(|| id.clone());
        self.companies.push(Company {
            id,
            name: name.trim().to_string(),
            legal_name: name.trim().to_string(),
            aliases: Vec::new(),
            symbols: Vec::new(),
            headquarters: None,
            parent: None,
            categories: Vec::new(),
            summary: String::new(),
            profile: Vec::new(),
            profile_url: None,
            sources: Vec::new(),
            as_of: self.meta.as_of.clone(),
            domains: Vec::new(),
            badge: None,
            translations: Default::default(),
        });
        self.company_by_key.insert(key, self.companies.len() - 1);
        self.companies.len() - 1
    }

    /// The company with this name as a spreadsheet row on `line` gives it; an error when the name
    /// differs from an earlier one only in punctuation, spaces or case ("HP Inc" after "HP Inc."),
    /// which would otherwise make two companies of one.
    fn company_at(&mut self, name: &str, line: u64) -> Result<usize, String> {
        let key = fold(name);
        let loose: String = key.chars().filter(|c| c.is_alphanumeric()).collect();
        match self.loose_names.get(&loose) {
            Some((first, _, _)) if *first == key => {}
            Some((_, earlier, first_line)) => {
                return Err(format!(
                    "{:?} is nearly {earlier:?} (line {first_line}): write each company's name the same way on every row",
                    name.trim()
                ));
            }
            None => {
                self.loose_names.insert(loose, (key, name.trim().to_string(), line));
            }
        }
        Ok(self.company(name, None))
    }

    /// Adds a brand owned by `owners` (company index, share); merges owners of a known brand.
    fn brand(&mut self, name: &str, id_hint: Option<&str>, owners: &[(usize, Option<f64>)]) -> usize {
        let key = fold(name);
        let index = match self.brand_by_key.get(&key) {
            Some(&i) => i,
            None => {
                let id = unique_id(id_hint.map_or_else(|| slug(name), slug), |c| self.brand_ids.contains(c));
                self.brand_ids.insert(id.clone());
                self.brands.push(Brand {
                    id,
                    name: name.trim().to_string(),
                    aliases: Vec::new(),
                    owners: Vec::new(),
                    alternatives: Vec::new(),
                    licensee: None,
                });
                self.brand_by_key.insert(key, self.brands.len() - 1);
                self.brands.len() - 1
            }
        };
        for &(c, share) in owners {
            let company = self.companies[c].id.clone();
            if !self.brands[index].owners.iter().any(|o| o.company == company) {
                self.brands[index].owners.push(Owner { company, share });
            }
        }
        index
    }

    /// Claims `alias` for company `c`; false (and unmapped) if another company has it.
    fn claim(&mut self, alias: &str, c: usize, at: &str) -> bool {
        let key = fold(alias);
        let id = self.companies[c].id.clone();
        match self.claimed.get(&key) {
            Some(owner) if owner != &id => {
                self.skip(at, format!("\"{}\" already names company {owner}", alias.trim()));
                false
            }
            _ => {
                self.claimed.insert(key, id);
                true
            }
        }
    }

    fn add_source(&mut self, c: usize, url: &str, title: &str, at: &str) {
        let url = url.trim();
        if url.is_empty() {
            return;
        }
        if crate::validate::origin(url).is_none() {
            self.skip(at, format!("source {url:?} is not an https URL"));
            return;
        }
        if !self.companies[c].sources.iter().any(|s| s.url == url) {
            self.companies[c].sources.push(Source { title: title.to_string(), url: url.to_string(), as_of: None });
        }
    }

    fn add_summary(&mut self, c: usize, text: &str) {
        let text = text.trim();
        if text.is_empty() || !self.summary_parts.insert((c, text.to_string())) {
            return;
        }
        let summary = &mut self.companies[c].summary;
        if !summary.contains(text) {
            if !summary.is_empty() {
                summary.push(' ');
            }
            summary.push_str(text);
        }
    }

    fn finish(mut self) -> (Dataset, Vec<Unmapped>) {
        for c in &mut self.companies {
            if c.summary.is_empty() {
                c.summary = format!("{} (imported without a description).", c.name);
            }
        }
        let dataset = Dataset {
            format: FORMAT_MARKER.to_string(),
            format_version: FORMAT_VERSION,
            id: self.meta.id,
            title: self.meta.title,
            publisher: Publisher { name: self.meta.publisher, url: None },
            version: self.meta.version,
            license: self.meta.license,
            attribution: None,
            as_of: self.meta.as_of,
            profile_origins: Vec::new(),
            report_url: None,
            categories: self.categories,
            companies: self.companies,
            brands: self.brands,
            exclusions: Vec::new(),
        };
        (dataset, self.unmapped)
    }
}

fn fold(s: &str) -> String {
    normalize(s, Fold::MATCH).text.trim().to_string()
}

/// A dataset id from any name: lowercase ASCII letters and digits joined by '-'.
pub fn slug(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "item".to_string()
    } else {
        out
    }
}

fn unique_id(base: String, taken: impl Fn(&str) -> bool) -> String {
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|c| !taken(c)).unwrap_or(base)
}

fn humanize(label: &str) -> String {
    let spaced = label.trim().replace(['_', '-', '/'], " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// "NASDAQ: AMZN", "nasdaq:amzn", "NSDQ AMZN" -> "NASDAQ:AMZN"; `None` if no known exchange.
fn symbol(raw: &str) -> Option<String> {
    let cleaned = raw.trim().replace(':', " ");
    let mut parts = cleaned.split_whitespace();
    let exchange = crate::exchanges::canonical(&parts.next()?.to_ascii_lowercase())?;
    let ticker = parts.next()?.to_ascii_uppercase();
    if parts.next().is_some() {
        return None;
    }
    Some(format!("{exchange}:{ticker}"))
}

/// An alias with default rules.
fn plain(text: &str) -> Alias {
    Alias::Plain(text.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_symbols() {
        assert_eq!(slug("Nestlé S.A."), "nestle-s-a");
        assert_eq!(slug("  "), "item");
        assert_eq!(symbol("NASDAQ: AMZN").as_deref(), Some("NASDAQ:AMZN"));
        assert_eq!(symbol("nsdq amzn").as_deref(), Some("NASDAQ:AMZN"));
        assert_eq!(symbol("MOON: X"), None);
    }
}
