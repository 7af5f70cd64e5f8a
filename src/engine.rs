//! The engine: a dataset compiled into one Aho-Corasick automaton, and the scan that turns page
//! text into hits with UTF-16 offsets.
//!
//! One scan is three steps. (1) The automaton runs over the normalized text and reports every
//! candidate, overlapping ones included, so a rejected long candidate cannot hide a valid shorter
//! one at the same place. (2) Each candidate is judged: word boundaries, the alias's case and
//! accent policy, its context words, exclusion phrases, and the stock-symbol rule. (3) The
//! survivors are resolved leftmost-longest, a waiting name in a list of brands stands, and the
//! hits are mapped back to the original text.
//!
//! This file holds the types and the scan; `engine/build.rs` compiles a dataset, `engine/verdict.rs`
//! judges one candidate (step 2), `engine/particles.rs` lets a Korean particle end a name's word,
//! `engine/lists.rs` finds lists of brands and `engine/frames.rs` shops' templates (step 3), and `engine/lookup.rs` answers what the
//! engine knows besides.

mod build;
mod frames;
mod lists;
mod lookup;
mod particles;
mod verdict;

pub use build::BuildError;

use std::collections::{HashMap, HashSet};

use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::Input;

use crate::dataset::{AccentPolicy, CasePolicy, Dataset};
use crate::judge::{primary_language, Rule, Verdict};
use crate::market::Market;
use crate::normalize::{self, normalize, Fold, Normalized, BLOCK_BREAK};
use crate::search::SearchIndex;
use crate::utf16::byte_to_utf16;

use verdict::Site;

/// What kind of name a hit matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HitKind {
    Brand = 0,
    Company = 1,
    Symbol = 2,
}

/// One match in scanned text. Offsets are UTF-16 code units into the scanned text, `start < end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: u32,
    pub end: u32,
    pub kind: HitKind,
    /// Index into the engine's entry table (`Engine::entry`).
    pub entry: u32,
    /// The rule that decided: a `Verdict::Flag` rule, or a `Verdict::Wait` one for a name that
    /// stands only where the page names its company otherwise (`crate::confirm`).
    pub rule: Rule,
}

/// One candidate and what the judge said of it, for `backstory scan --explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Judged {
    pub start: u32,
    pub end: u32,
    /// The entry the verdict is about: the accepted one, else the first one tried.
    pub entry: u32,
    pub rule: Rule,
}

/// What the judge knows of the page a text comes from.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// The page's host name ("shop.mango.com").
    pub host: Option<String>,
    /// The page's language, as a primary subtag ("fr"); see `judge::primary_language`.
    pub lang: Option<String>,
}

impl Page {
    pub fn new(host: Option<&str>, lang: Option<&str>) -> Page {
        Page { host: host.map(str::to_string), lang: lang.and_then(primary_language) }
    }
}

/// A brand run under licence by a company other than its owner (`Engine::licence`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Licence {
    /// Index of the licensee among the dataset's companies, when it is one of them.
    pub company: Option<usize>,
    /// The licensee's name: its company's, or the plain name the dataset gives.
    pub name: String,
    /// The alias that hit is scoped `in` markets, so the licence is the one of the page's market
    /// ("run in this market under licence"); otherwise it holds wherever the brand is.
    pub in_market: bool,
}

/// What a hit stands for: one alias of one brand, company or symbol.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: HitKind,
    /// The alias as the dataset writes it (for symbols, `EXCHANGE:SYMBOL`).
    pub alias: String,
    /// Index of the brand in the dataset, for brand hits.
    pub brand: Option<usize>,
    /// Index of the first owner (brands) or the company itself.
    pub company: usize,
    case: CasePolicy,
    accents: AccentPolicy,
    /// The alias normalized under the fold its policies allow, compared with the page's text.
    verify_form: String,
    /// Context word ids; empty means no context is required.
    context: Vec<u32>,
    /// Canonical exchange, for symbol entries.
    exchange: Option<String>,
    /// The twin that waits for the page to name the company otherwise (`confirm: page`, or
    /// `word_in` on a page in one of those languages).
    pub confirm: bool,
    /// The alias has `confirm: page`: it waits on every page.
    waits_everywhere: bool,
    /// Languages in which the alias is an ordinary word: on pages in them it waits, or, when it has
    /// context words, needs one; elsewhere it is a name.
    word_in: Vec<String>,
    /// The markets the alias names its company in, and those it never does (`market.rs`).
    markets_in: Vec<Market>,
    markets_out: Vec<Market>,
    /// The twin of a `confirm: page` entry that names the company by itself: accepted only where
    /// the alias is written as a web address ("staples.com"), after a brand label ("Brand:
    /// Staples"), or on a site named after it (staples.com). Its hits confirm the other twin's on
    /// the page.
    outright: bool,
    /// The alias folded to ASCII letters and digits, compared with a page's site name.
    host_label: String,
}

/// The roles one normalized pattern plays; one string may be an alias and a context word at once.
#[derive(Debug, Default)]
struct Pattern {
    entries: Vec<u32>,
    /// A top-level exclusion: suppresses every alias inside it.
    excludes_all: bool,
    /// Entries whose own `exclude` lists this phrase: it suppresses only them, so "GeForce RTX"
    /// excluded from one company's "RTX" cannot silence another company's "GeForce RTX".
    excludes: Vec<u32>,
    context: Option<u32>,
}

const FINANCIAL: u32 = 0;

/// A dataset compiled for matching. Built once, then shared by every scan.
#[derive(Debug)]
pub struct Engine {
    dataset: Dataset,
    automaton: NFA,
    patterns: Vec<Pattern>,
    entries: Vec<Entry>,
    company_by_id: HashMap<String, usize>,
    brand_by_id: HashMap<String, usize>,
    company_by_domain: HashMap<String, usize>,
    /// Brand and company names and aliases folded as the automaton folds text, to the first entry
    /// of each: how a page's product data ("McDonald’s") is looked up (`Engine::named`).
    by_name: HashMap<String, u32>,
    search: SearchIndex,
}

impl Engine {
    /// Parses, validates and compiles a dataset.
    ///
    /// # Errors
    /// A parse error with line and column, or every validation problem, or an automaton error.
    pub fn from_json(json: &str) -> Result<Engine, BuildError> {
        let dataset = Dataset::from_json(json).map_err(BuildError::Parse)?;
        Engine::new(dataset)
    }

    /// Finds every brand, company and symbol in `text`. Text blocks are separated by U+2029 or a
    /// blank line; context rules look within one block. Hits are sorted and never overlap.
    pub fn scan(&self, text: &str) -> Vec<Hit> {
        self.scan_at(text, None)
    }

    /// `scan` of text from a page at `host` ("shop.mango.com"). On a site named after an alias
    /// ("mango") that alias needs no context words, and with `confirm: page` it names its company
    /// outright.
    pub fn scan_at(&self, text: &str, host: Option<&str>) -> Vec<Hit> {
        self.scan_page(text, &Page::new(host, None))
    }

    /// `scan` of text from `page`: its host (see `scan_at`) and its language, in which an alias
    /// with `word_in` may be an ordinary word.
    pub fn scan_page(&self, text: &str, page: &Page) -> Vec<Hit> {
        self.judge(text, page, None)
    }

    /// Every candidate in `text` with the judge's verdict and rule, rejected ones included, in
    /// text order: what `backstory scan --explain` prints.
    pub fn explain(&self, text: &str, page: &Page) -> Vec<Judged> {
        let mut all = Vec::new();
        let hits = self.judge(text, page, Some(&mut all));
        let kept: HashSet<(u32, u32)> = hits.iter().map(|h| (h.start, h.end)).collect();
        for j in &mut all {
            if j.rule.verdict() != Verdict::Reject && !kept.contains(&(j.start, j.end)) {
                j.rule = Rule::Overlapped;
            }
        }
        all
    }

    fn judge(&self, text: &str, page: &Page, mut explained: Option<&mut Vec<Judged>>) -> Vec<Hit> {
        let site = Site::new(page.host.as_deref(), page.lang.as_deref());
        let norm = normalize(text, Fold::AUTOMATON);
        let hay = norm.text.as_str();
        let block_of = BlockIndex::new(hay);

        let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
        let mut exclusions: Vec<(usize, usize, usize)> = Vec::new();
        let mut contexts: HashSet<(u32, u32)> = HashSet::new();
        // The contiguous NFA's own type rather than the `AhoCorasick` wrapper, which would also
        // link the search code of every other automaton kind into the wasm (40 KB).
        let input = Input::new(hay);
        let mut state = OverlappingState::start();
        // Standard semantics over a valid input: the search cannot fail.
        while self.automaton.try_find_overlapping(&input, &mut state).is_ok() {
            let Some(m) = state.get_match() else { break };
            let (s, e) = (m.start(), m.end());
            let ends_word = normalize::is_boundary(hay[..e].chars().next_back(), hay[e..].chars().next())
                || particles::particle_follows(hay, e);
            if !normalize::is_boundary(char_before(hay, s), hay[s..].chars().next()) || !ends_word {
                continue;
            }
            // The name begins after its word-start mark (which may stand for the space before it).
            let s = if hay.as_bytes()[s] == normalize::WORD_START as u8 { s + 1 } else { s };
            let pattern = &self.patterns[m.pattern().as_usize()];
            if pattern.excludes_all || !pattern.excludes.is_empty() {
                exclusions.push((s, e, m.pattern().as_usize()));
            }
            if let Some(ctx) = pattern.context {
                contexts.insert((block_of.block(s), ctx));
            }
            if !pattern.entries.is_empty() {
                candidates.push((s, e, m.pattern().as_usize()));
            }
        }

        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        let mut rules: HashMap<(usize, usize, u32), Rule> = HashMap::new();
        for &(s, e, p) in &candidates {
            let covering: Vec<&Pattern> = exclusions
                .iter()
                .filter(|&&(xs, xe, _)| xs <= s && e <= xe)
                .map(|&(_, _, x)| &self.patterns[x])
                .collect();
            let entries = &self.patterns[p].entries;
            let first_rejection = if covering.iter().any(|x| x.excludes_all) {
                Some((entries[0], Rule::Excluded))
            } else {
                let block = block_of.block(s);
                // The rejection an explanation gives: the first entry's, unless that is only
                // "not outright", when its waiting twin's says more ("written in lowercase").
                let mut first: Option<(u32, Rule)> = None;
                let mut accepted = None;
                // A name waiting only for want of a context word is the last resort: another entry
                // of the same name that counts, or waits as an ordinary word, is taken before it.
                let mut lacking_context = None;
                for &id in entries {
                    let verdict = if covering.iter().any(|x| x.excludes.contains(&id)) {
                        Err(Rule::Excluded)
                    } else {
                        self.accepts(&self.entries[id as usize], text, &norm, (s, e, block), &contexts, &site)
                    };
                    match verdict {
                        Ok(Rule::ContextOnPage) => {
                            lacking_context.get_or_insert((id, Rule::ContextOnPage));
                        }
                        Ok(rule) => {
                            accepted = Some((id, rule));
                            break;
                        }
                        Err(rule) if first.is_none_or(|(_, r)| r == Rule::NotOutright && rule != Rule::NotOutright) => {
                            first = Some((id, rule));
                        }
                        Err(_) => {}
                    }
                }
                if let Some((id, rule)) = accepted.or(lacking_context) {
                    found.push((s, e, id));
                    rules.insert((s, e, id), rule);
                    None
                } else {
                    first
                }
            };
            if let (Some(out), Some((entry, rule))) = (explained.as_mut(), first_rejection) {
                let (os, oe) = norm.original_range(s, e);
                let units = byte_to_utf16(text, &[os, oe]);
                out.push(Judged { start: units[0], end: units[1], entry, rule });
            }
        }
        // Leftmost-longest among the accepted candidates; those that wait for the page to confirm
        // them come second, where no other hit is: a name that may never count must not take
        // the place of one that does ("New Look" waiting, "Look Fantastic" not).
        let waits = |f: &(usize, usize, u32)| rules.get(f).is_some_and(|r| r.verdict() == Verdict::Wait);
        let (waiting, named): (Vec<_>, Vec<_>) = found.iter().copied().partition(|f| waits(f));
        let mut kept = leftmost_longest(named);
        for w in leftmost_longest(waiting) {
            let at = kept.partition_point(|k| k.0 < w.0);
            let clear_before = at == 0 || kept[at - 1].1 <= w.0;
            let clear_after = kept.get(at).is_none_or(|k| w.1 <= k.0);
            if clear_before && clear_after {
                kept.insert(at, w);
            }
        }
        self.brands_listed(&lists::PageText { text, norm: &norm }, &kept, &mut rules);
        if let Some(out) = explained.as_mut() {
            for f in &found {
                let (os, oe) = norm.original_range(f.0, f.1);
                let units = byte_to_utf16(text, &[os, oe]);
                out.push(Judged { start: units[0], end: units[1], entry: f.2, rule: rules[f] });
            }
            out.sort_by_key(|j| (j.start, std::cmp::Reverse(j.end)));
        }
        self.to_hits(text, &norm, &kept, &rules)
    }

    fn to_hits(
        &self,
        text: &str,
        norm: &Normalized,
        kept: &[(usize, usize, u32)],
        rules: &HashMap<(usize, usize, u32), Rule>,
    ) -> Vec<Hit> {
        let ranges: Vec<(usize, usize)> = kept.iter().map(|&(s, e, _)| norm.original_range(s, e)).collect();
        let mut offsets: Vec<usize> = ranges.iter().flat_map(|&(s, e)| [s, e]).collect();
        offsets.sort_unstable();
        offsets.dedup();
        let units = byte_to_utf16(text, &offsets);
        let unit_of = |o: usize| units[offsets.binary_search(&o).unwrap_or_default()];
        kept.iter()
            .zip(ranges)
            .map(|(&(s, e, id), (os, oe))| Hit {
                start: unit_of(os),
                end: unit_of(oe),
                kind: self.entries[id as usize].kind,
                entry: id,
                rule: rules.get(&(s, e, id)).copied().unwrap_or(Rule::Name),
            })
            .collect()
    }
}

impl Entry {
    /// The brand and owning company of the entry, as dataset indices.
    pub fn target(&self) -> (Option<usize>, usize) {
        (self.brand, self.company)
    }
}

/// Non-overlapping hits, leftmost first and then longest, in order.
fn leftmost_longest(mut found: Vec<(usize, usize, u32)>) -> Vec<(usize, usize, u32)> {
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut kept: Vec<(usize, usize, u32)> = Vec::with_capacity(found.len());
    for f in found {
        if kept.last().is_none_or(|k| f.0 >= k.1) {
            kept.push(f);
        }
    }
    kept
}

fn char_before(s: &str, at: usize) -> Option<char> {
    s[..at].chars().next_back()
}

fn floor_char_boundary(s: &str, mut at: usize) -> usize {
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Block number of a byte offset in normalized text, from the positions of BLOCK_BREAK.
struct BlockIndex {
    breaks: Vec<usize>,
}

impl BlockIndex {
    fn new(hay: &str) -> BlockIndex {
        BlockIndex { breaks: hay.match_indices(BLOCK_BREAK).map(|(i, _)| i).collect() }
    }

    fn block(&self, at: usize) -> u32 {
        self.breaks.partition_point(|&b| b < at) as u32
    }
}
