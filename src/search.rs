//! Popup search over brands, aliases, companies and stock symbols: case- and accent-insensitive,
//! prefix and one-typo tolerant, ranked exact > prefix > word prefix > typo, brands first.

use crate::dataset::Dataset;
use crate::normalize::{normalize, Fold};

/// What a search result names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SearchKind {
    Brand,
    Company,
    Alias,
    Symbol,
}

impl SearchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Brand => "brand",
            SearchKind::Company => "company",
            SearchKind::Alias => "alias",
            SearchKind::Symbol => "symbol",
        }
    }

    fn bonus(self) -> u32 {
        match self {
            SearchKind::Brand => 30,
            SearchKind::Company => 20,
            SearchKind::Alias => 10,
            SearchKind::Symbol => 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct SearchResult {
    pub kind: SearchKind,
    /// The name as the dataset writes it.
    pub label: String,
    pub company: usize,
    pub brand: Option<usize>,
    pub score: u32,
}

#[derive(Debug)]
struct Item {
    key: Vec<char>,
    label: String,
    kind: SearchKind,
    company: usize,
    brand: Option<usize>,
}

/// Every searchable name of a dataset, folded once at build time.
#[derive(Debug, Default)]
pub struct SearchIndex {
    items: Vec<Item>,
}

fn fold(s: &str) -> Vec<char> {
    normalize(s, Fold::MATCH).text.trim().chars().collect()
}

impl SearchIndex {
    pub fn build(dataset: &Dataset) -> SearchIndex {
        let mut items = Vec::new();
        let mut add = |label: &str, kind, company, brand| {
            let key = fold(label);
            if !key.is_empty() {
                items.push(Item { key, label: label.to_string(), kind, company, brand });
            }
        };
        for (ci, c) in dataset.companies.iter().enumerate() {
            add(&c.name, SearchKind::Company, ci, None);
            add(&c.legal_name, SearchKind::Alias, ci, None);
            for a in &c.aliases {
                add(a.text(), SearchKind::Alias, ci, None);
            }
            for s in &c.symbols {
                add(s, SearchKind::Symbol, ci, None);
                if let Some((_, ticker)) = s.split_once(':') {
                    add(ticker, SearchKind::Symbol, ci, None);
                }
            }
        }
        for (bi, b) in dataset.brands.iter().enumerate() {
            for owner in &b.owners {
                let Some(ci) = dataset.companies.iter().position(|c| c.id == owner.company) else {
                    continue;
                };
                add(&b.name, SearchKind::Brand, ci, Some(bi));
                for a in &b.aliases {
                    add(a.text(), SearchKind::Brand, ci, Some(bi));
                }
            }
        }
        SearchIndex { items }
    }

    /// Up to `limit` results, best first; one per (company, brand) pair.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchResult> {
        let q = fold(query);
        if q.is_empty() {
            return Vec::new();
        }
        let mut results: Vec<SearchResult> = Vec::new();
        for item in &self.items {
            let Some(base) = score(&q, &item.key) else { continue };
            let score = base + item.kind.bonus();
            if let Some(r) = results.iter_mut().find(|r| r.company == item.company && r.brand == item.brand) {
                if score > r.score {
                    r.score = score;
                    r.kind = item.kind;
                    r.label = item.label.clone();
                }
                continue;
            }
            results.push(SearchResult {
                kind: item.kind,
                label: item.label.clone(),
                company: item.company,
                brand: item.brand,
                score,
            });
        }
        results.sort_by(|a, b| {
            b.score.cmp(&a.score).then(a.label.len().cmp(&b.label.len())).then(a.label.cmp(&b.label))
        });
        results.truncate(limit);
        results
    }
}

fn score(q: &[char], key: &[char]) -> Option<u32> {
    if key == q {
        return Some(1000);
    }
    if key.starts_with(q) {
        return Some(800u32.saturating_sub((key.len() - q.len()).min(100) as u32 * 2));
    }
    let word_prefix = key
        .iter()
        .enumerate()
        .any(|(i, &c)| i > 0 && !c.is_alphanumeric() && key[i + 1..].starts_with(q));
    if word_prefix {
        return Some(600);
    }
    if q.len() >= 4 {
        let near = |len: usize| len <= key.len() && within_one_edit(q, &key[..len]);
        if within_one_edit(q, key) || near(q.len()) || near(q.len() + 1) || near(q.len() - 1) {
            return Some(400);
        }
    }
    None
}

/// Damerau-Levenshtein distance of at most one (one insertion, deletion, substitution or swap).
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let (a, b) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if b.len() - a.len() > 1 {
        return false;
    }
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if a.len() == b.len() {
        if prefix == a.len() {
            return true;
        }
        let (ra, rb) = (&a[prefix..], &b[prefix..]);
        ra[1..] == rb[1..] || (ra.len() >= 2 && ra[0] == rb[1] && ra[1] == rb[0] && ra[2..] == rb[2..])
    } else {
        a[prefix..] == b[prefix + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::within_one_edit;

    fn w(a: &str, b: &str) -> bool {
        within_one_edit(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>())
    }

    #[test]
    fn one_edit() {
        assert!(w("zapos", "zappos"));
        assert!(w("zpapos", "zappos"));
        assert!(w("zappis", "zappos"));
        assert!(!w("zapis", "zappos"));
        assert!(w("", "a"));
    }
}
