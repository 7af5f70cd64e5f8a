//! Popup search over brands, aliases, companies and stock symbols, ranked by what a shopper means:
//! whole names, then names that begin with the query, then later words of names, then near
//! spellings, where a company's own name comes before its brands'.
//!
//! Case, accents, spaces and punctuation do not count ("mc donalds", "post it", "cocacola"), and
//! "and" stands for "&" ("cat and jack"). Edit distances come from the `strsim` crate.

use std::collections::hash_map::{Entry, HashMap};

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

    /// Order among names met equally well. Spelt right, a brand comes first: the popup searches by
    /// brand, and a brand's card names its owners. Spelt wrong, the company's own name comes first:
    /// "amazom" means Amazon, not one of the brands that begin "Amazon".
    fn rank(self, near: bool) -> u8 {
        match (self, near) {
            (SearchKind::Brand, false) | (SearchKind::Company, true) => 0,
            (SearchKind::Company, false) | (SearchKind::Alias, true) => 1,
            (SearchKind::Alias, false) | (SearchKind::Brand, true) => 2,
            (SearchKind::Symbol, _) => 3,
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
    /// How the query met the name, higher is better: 1000 the whole name, 800 its beginning, 600
    /// the beginning of a later word, 400 a near spelling of the name, 300 of its beginning.
    pub score: u32,
}

/// How a query meets one name. The derived order is the ranking, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Meet {
    Exact,
    /// The name begins with the query and goes on for `rest` more characters: "amaz" is nearer
    /// to Amazon than to Amazon Basics.
    Prefix {
        rest: usize,
    },
    /// A later word begins with the query ("nest" in "Google Nest").
    Word {
        rest: usize,
    },
    /// `edits` typos from the whole name, or (`part`) from its beginning; `unlike` breaks ties by
    /// Jaro-Winkler, which favours a shared beginning: "cosco" is one edit from both Costco and
    /// Cisco, and means Costco.
    Near {
        edits: usize,
        part: bool,
        unlike: u32,
    },
}

impl Meet {
    fn is_near(self) -> bool {
        matches!(self, Meet::Near { .. })
    }

    fn score(self) -> u32 {
        match self {
            Meet::Exact => 1000,
            Meet::Prefix { .. } => 800,
            Meet::Word { .. } => 600,
            Meet::Near { part: false, .. } => 400,
            Meet::Near { part: true, .. } => 300,
        }
    }
}

#[derive(Debug)]
struct Item {
    /// The name folded and compacted (`compact`).
    key: String,
    /// Byte offsets in `key` where a word after the first begins.
    words: Vec<usize>,
    label: String,
    kind: SearchKind,
    /// The company's or brand's own name, not an alias: shown when it meets the query as well as
    /// an alias does ("Amazon Basics" for "amazon basics", not "AmazonBasics").
    own: bool,
    company: usize,
    brand: Option<usize>,
}

/// Every searchable name of a dataset, folded once at build time.
#[derive(Debug, Default)]
pub struct SearchIndex {
    items: Vec<Item>,
}

/// The name as search compares it: case and accents folded, and only letters and digits kept, so
/// spacing and punctuation never decide a match. Also the byte offsets where later words begin.
fn compact(s: &str) -> (String, Vec<usize>) {
    let folded = normalize(s, Fold::MATCH).text;
    let mut key = String::with_capacity(folded.len());
    let mut words = Vec::new();
    let mut gap = false;
    for c in folded.chars() {
        if c.is_alphanumeric() {
            if gap && !key.is_empty() {
                words.push(key.len());
            }
            gap = false;
            key.push(c);
        } else if c != '\'' && c != '\u{2019}' {
            // An apostrophe does not end a word: "Wendy's" has one, and "s" should not find it.
            gap = true;
        }
    }
    (key, words)
}

/// How many typos a query of `len` letters and digits may carry: none under four, where one
/// changed letter reaches too many names ("coke" and "core"), then one, two from eight.
fn typos_allowed(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The byte offset of character `n` of `s` (`s.len()` past the end).
fn char_offset(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(i, _)| i)
}

/// A query folded as names are, with its length in characters.
struct Query {
    key: String,
    words: Vec<usize>,
    len: usize,
    sketch: [u64; 2],
}

/// Which characters `s` has, one bit each modulo 64, in two words: seen once, seen twice or more.
/// A character the query has more often than a name costs an edit at least (characters sharing a
/// bit only let more names through), so `missing` is a lower bound of the edit distance.
fn sketch(s: &str) -> [u64; 2] {
    s.chars().fold([0, 0], |[once, twice], c| {
        let bit = 1 << (c as u32 % 64);
        [once | bit, twice | (once & bit)]
    })
}

fn missing(q: [u64; 2], name: [u64; 2]) -> usize {
    ((q[0] & !name[0]).count_ones() + (q[1] & !name[1]).count_ones()) as usize
}

/// Whether the query matches the name from byte `at` with the name's words starting where the
/// query's do: "foods market" meets "Whole Foods Market", but "colt" does not meet the "Co., Ltd."
/// of a legal name, nor "nestle" "Nest Learning Thermostat".
fn aligned(q: &Query, item: &Item, at: usize) -> bool {
    item.key[at..].starts_with(&q.key)
        && item.words.iter().filter(|&&w| w > at && w < at + q.key.len()).all(|&w| q.words.contains(&(w - at)))
}

fn meet(q: &Query, item: &Item) -> Option<Meet> {
    let key = item.key.as_str();
    if key == q.key {
        return Some(Meet::Exact);
    }
    // A stock symbol is a code: its beginning or a misspelling is no clue ("t", "TASE:ESLT" for
    // "taser").
    if item.kind == SearchKind::Symbol {
        return None;
    }
    let rest = |at: usize| key[at + q.key.len()..].chars().count();
    if aligned(q, item, 0) {
        return Some(Meet::Prefix { rest: rest(0) });
    }
    if let Some(&at) = item.words.iter().find(|&&w| aligned(q, item, w)) {
        return Some(Meet::Word { rest: rest(at) });
    }
    let (q, q_len, q_sketch, key_len) = (q.key.as_str(), q.len, q.sketch, key.chars().count());
    let k = typos_allowed(q_len);
    if k == 0 {
        return None;
    }
    // A sketch of the characters passes over most names before any edit distance is computed:
    // over 22,000 names "whole fods" took 65 ms without it, 3 ms with it.
    let window = &key[..char_offset(key, q_len + k)];
    if missing(q_sketch, sketch(window)) > k {
        return None;
    }
    let near = |name: &str, part: bool| {
        let edits = strsim::osa_distance(q, name);
        (edits <= k).then(|| {
            let unlike = ((1.0 - strsim::jaro_winkler(q, name)) * 1000.0).round() as u32;
            Meet::Near { edits, part, unlike }
        })
    };
    let whole = if key_len.abs_diff(q_len) <= k { near(key, false) } else { None };
    // The beginning of a longer name, as far as the query goes give or take its typos ("whole
    // fods"). Only from five characters: four with one changed reach too many names.
    let part = if q_len >= 5 {
        (q_len - k..=q_len + k).filter(|&n| n < key_len).filter_map(|n| near(&key[..char_offset(key, n)], true)).min()
    } else {
        None
    };
    whole.into_iter().chain(part).min()
}

impl SearchIndex {
    pub fn build(dataset: &Dataset) -> SearchIndex {
        let mut items = Vec::new();
        let mut add = |label: &str, kind, own, company, brand| {
            let (key, words) = compact(label);
            if key.is_empty() {
                return;
            }
            // "Cat & Jack" is also found as "cat and jack", and "AT&T" as "att" and "at and t".
            if label.contains('&') {
                let (key, words) = compact(&label.replace('&', " and "));
                items.push(Item { key, words, label: label.to_string(), kind, own, company, brand });
            }
            items.push(Item { key, words, label: label.to_string(), kind, own, company, brand });
        };
        for (ci, c) in dataset.companies.iter().enumerate() {
            add(&c.name, SearchKind::Company, true, ci, None);
            add(&c.legal_name, SearchKind::Alias, false, ci, None);
            for a in &c.aliases {
                add(a.text(), SearchKind::Alias, false, ci, None);
            }
            for s in &c.symbols {
                add(s, SearchKind::Symbol, false, ci, None);
                if let Some((_, ticker)) = s.split_once(':') {
                    add(ticker, SearchKind::Symbol, false, ci, None);
                }
            }
        }
        // A second entry of one brand name for the same owner is the brand in some markets (run
        // there under licence, DATASET.md "Licences"): the popup lists the brand once, by its first.
        let mut listed = std::collections::HashSet::new();
        for (bi, b) in dataset.brands.iter().enumerate() {
            for owner in &b.owners {
                let Some(ci) = dataset.companies.iter().position(|c| c.id == owner.company) else {
                    continue;
                };
                if !listed.insert((ci, compact(&b.name).0)) {
                    continue;
                }
                add(&b.name, SearchKind::Brand, true, ci, Some(bi));
                for a in &b.aliases {
                    add(a.text(), SearchKind::Brand, false, ci, Some(bi));
                }
            }
        }
        SearchIndex { items }
    }

    /// Up to `limit` results, best first; one per (company, brand) pair, under its best name.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchResult> {
        let (key, words) = compact(query);
        if key.is_empty() {
            return Vec::new();
        }
        let q = Query { len: key.chars().count(), sketch: sketch(&key), key, words };
        let mut met: Vec<(Meet, &Item)> =
            self.items.iter().filter_map(|item| meet(&q, item).map(|m| (m, item))).collect();
        // Among names met equally well: by kind (`SearchKind::rank`), own names before aliases.
        let order = |m: Meet, item: &Item| (item.kind.rank(m.is_near()), !item.own);
        met.sort_by(|&(ma, a), &(mb, b)| {
            ma.cmp(&mb)
                .then(order(ma, a).cmp(&order(mb, b)))
                .then(a.label.chars().count().cmp(&b.label.chars().count()))
                .then(a.label.cmp(&b.label))
        });
        // A pair ranks by its best name, and shows its own name when that met the query in the
        // same way: "motorola" lists Motorola Solutions, not the shorter alias "Motorola Solns".
        // Any near spelling counts as the same way: a typo tells less which name was meant, so
        // "whole fods" lists Whole Foods Market, not its alias Whole Foods.
        let mut results: Vec<SearchResult> = Vec::new();
        let mut shown = HashMap::new();
        for (m, item) in met {
            let score = m.score();
            let way = (m.is_near(), if m.is_near() { 0 } else { score });
            match shown.entry((item.company, item.brand)) {
                Entry::Occupied(mut e) => {
                    let (i, best_way, best) = *e.get();
                    let r: &mut SearchResult = &mut results[i];
                    if way == best_way && order(m, item) < best {
                        e.insert((i, way, order(m, item)));
                        r.kind = item.kind;
                        r.label.clone_from(&item.label);
                    }
                }
                Entry::Vacant(e) => {
                    e.insert((results.len(), way, order(m, item)));
                    results.push(SearchResult {
                        kind: item.kind,
                        label: item.label.clone(),
                        company: item.company,
                        brand: item.brand,
                        score,
                    });
                }
            }
        }
        results.truncate(limit);
        results
    }
}

#[cfg(test)]
mod tests {
    use super::{compact, typos_allowed};

    #[test]
    fn compact_keeps_letters_and_digits_and_marks_later_words() {
        assert_eq!(compact("Post-it Notes"), ("postitnotes".to_string(), vec![4, 6]));
        assert_eq!(compact("  Wendy\u{2019}s Frosty"), ("wendysfrosty".to_string(), vec![6]));
        assert_eq!(compact("Škoda").0, "skoda");
        assert_eq!(compact("&&").0, "");
    }

    #[test]
    fn typos_grow_with_the_query() {
        assert_eq!((typos_allowed(3), typos_allowed(4), typos_allowed(7), typos_allowed(8)), (0, 1, 1, 2));
    }
}
