//! The engine: a dataset compiled into one Aho-Corasick automaton, and the scan that turns page
//! text into hits with UTF-16 offsets.
//!
//! One scan is three steps. (1) The automaton runs over the normalized text and reports every
//! candidate, overlapping ones included, so a rejected long candidate cannot hide a valid shorter
//! one at the same place. (2) Each candidate is judged: word boundaries, the alias's case and
//! accent policy, its context words, exclusion phrases, and the stock-symbol rule. (3) The
//! survivors are resolved leftmost-longest and mapped back to the original text.

use std::collections::{HashMap, HashSet};

use aho_corasick::automaton::{Automaton, OverlappingState};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Input, MatchKind};

use crate::dataset::{AccentPolicy, AliasRule, CasePolicy, Confirm, Dataset};
use crate::judge::{primary_language, Rule, Verdict};
use crate::market::{self, Market, PageMarket};
use crate::normalize::{self, normalize, Fold, Normalized, BLOCK_BREAK};
use crate::search::SearchIndex;
use crate::symbols;
use crate::utf16::byte_to_utf16;
use crate::validate::{self, Problem};
use crate::words::FINANCIAL_CONTEXT;

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

/// Why an engine could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    /// The JSON could not be read as a dataset.
    Parse(crate::dataset::ParseError),
    /// The dataset has errors; every problem found is listed (warnings included).
    Invalid(Vec<Problem>),
    /// The automaton could not be built (too large).
    Automaton(String),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::Parse(e) => write!(f, "dataset is not valid JSON for format v1: {e}"),
            BuildError::Invalid(problems) => {
                let errors: Vec<String> = problems
                    .iter()
                    .filter(|p| p.severity == validate::Severity::Error)
                    .map(|p| p.to_string())
                    .collect();
                write!(f, "dataset has {} error(s):\n{}", errors.len(), errors.join("\n"))
            }
            BuildError::Automaton(e) => write!(f, "could not build the matcher: {e}"),
        }
    }
}

impl std::error::Error for BuildError {}

#[derive(Default)]
struct Builder {
    pattern_ids: HashMap<String, usize>,
    patterns: Vec<Pattern>,
    texts: Vec<String>,
    context_ids: HashMap<String, u32>,
}

impl Builder {
    fn pattern(&mut self, text: &str) -> Option<usize> {
        let folded = normalize(text, Fold::AUTOMATON).text;
        let folded = folded.trim_matches(|c: char| c == ' ' || c == BLOCK_BREAK);
        if folded.is_empty() {
            return None;
        }
        let next = self.patterns.len();
        let id = *self.pattern_ids.entry(folded.to_string()).or_insert(next);
        if id == next {
            self.patterns.push(Pattern::default());
            self.texts.push(folded.to_string());
        }
        Some(id)
    }

    fn context_word(&mut self, word: &str) -> Option<u32> {
        let folded = normalize(word, Fold::MATCH).text;
        let next = self.context_ids.len() as u32;
        let id = *self.context_ids.entry(folded).or_insert(next);
        let pattern = self.pattern(word)?;
        self.patterns[pattern].context = Some(id);
        Some(id)
    }
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

    /// Validates and compiles a parsed dataset.
    ///
    /// # Errors
    /// Every validation problem when any is an error, or an automaton error.
    pub fn new(dataset: Dataset) -> Result<Engine, BuildError> {
        let problems = validate::validate(&dataset);
        if problems.iter().any(|p| p.severity == validate::Severity::Error) {
            return Err(BuildError::Invalid(problems));
        }
        let company_by_id: HashMap<String, usize> =
            dataset.companies.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
        let brand_by_id: HashMap<String, usize> =
            dataset.brands.iter().enumerate().map(|(i, b)| (b.id.clone(), i)).collect();

        let mut b = Builder::default();
        // Exchange spellings that are ordinary words ("she", "six", "pink", "bit") are left out:
        // as context words they made any block with "She ..." financial, so a bare ticker counted.
        let exchange_words = crate::exchanges::spellings().filter(|w| !crate::words::is_common_word(w));
        for word in FINANCIAL_CONTEXT.iter().copied().chain(exchange_words) {
            let folded = normalize(word, Fold::MATCH).text;
            b.context_ids.insert(folded, FINANCIAL);
            if let Some(p) = b.pattern(word) {
                b.patterns[p].context = Some(FINANCIAL);
            }
        }
        let mut entries = Vec::new();
        for (ci, company) in dataset.companies.iter().enumerate() {
            for rule in crate::dataset::match_rules(&company.name, &company.aliases) {
                add_alias(&mut b, &mut entries, &rule, HitKind::Company, None, ci);
            }
            for symbol in &company.symbols {
                let Some((exchange, ticker)) = symbol.split_once(':') else { continue };
                let Some(p) = b.pattern(ticker) else { continue };
                b.patterns[p].entries.push(entries.len() as u32);
                entries.push(Entry {
                    kind: HitKind::Symbol,
                    alias: symbol.clone(),
                    brand: None,
                    company: ci,
                    case: CasePolicy::Any,
                    accents: AccentPolicy::Optional,
                    verify_form: String::new(),
                    context: Vec::new(),
                    exchange: Some(exchange.to_string()),
                    confirm: false,
                    waits_everywhere: false,
                    word_in: Vec::new(),
                    markets_in: Vec::new(),
                    markets_out: Vec::new(),
                    outright: false,
                    host_label: String::new(),
                });
            }
        }
        for (bi, brand) in dataset.brands.iter().enumerate() {
            let Some(owner) = brand.owners.first().and_then(|o| company_by_id.get(&o.company)) else { continue };
            for rule in crate::dataset::match_rules(&brand.name, &brand.aliases) {
                add_alias(&mut b, &mut entries, &rule, HitKind::Brand, Some(bi), *owner);
            }
        }
        for phrase in &dataset.exclusions {
            if let Some(p) = b.pattern(phrase) {
                b.patterns[p].excludes_all = true;
            }
        }

        // A name that waits for the page must not shadow another company's same name that counts
        // on its own ("Delta" of two companies): every entry that waits is tried last.
        for pattern in &mut b.patterns {
            pattern.entries.sort_by_key(|&id| entries[id as usize].confirm);
        }
        let automaton = NFA::builder()
            .match_kind(MatchKind::Standard)
            // Nearly every pattern begins with WORD_START, so a prefilter stops at every word and
            // costs more than it saves (measured with callgrind: 40% fewer instructions without).
            .prefilter(false)
            .build(&b.texts)
            .map_err(|e| BuildError::Automaton(e.to_string()))?;

        let mut company_by_domain = HashMap::new();
        for (ci, company) in dataset.companies.iter().enumerate() {
            for domain in &company.domains {
                company_by_domain.entry(domain.to_ascii_lowercase()).or_insert(ci);
            }
        }
        let search = SearchIndex::build(&dataset);
        let mut by_name = HashMap::new();
        for (id, entry) in entries.iter().enumerate() {
            if entry.kind != HitKind::Symbol && !entry.confirm {
                by_name.entry(normalize(&entry.alias, Fold::MATCH).text.trim().to_string()).or_insert(id as u32);
            }
        }
        Ok(Engine {
            dataset,
            automaton,
            patterns: b.patterns,
            entries,
            company_by_id,
            brand_by_id,
            company_by_domain,
            by_name,
            search,
        })
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
            if !normalize::is_boundary(char_before(hay, s), hay[s..].chars().next())
                || !normalize::is_boundary(hay[..e].chars().next_back(), hay[e..].chars().next())
            {
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
        if let Some(out) = explained.as_mut() {
            for f in &found {
                let (os, oe) = norm.original_range(f.0, f.1);
                let units = byte_to_utf16(text, &[os, oe]);
                out.push(Judged { start: units[0], end: units[1], entry: f.2, rule: rules[f] });
            }
            out.sort_by_key(|j| (j.start, std::cmp::Reverse(j.end)));
        }
        let (waiting, named): (Vec<_>, Vec<_>) = found.into_iter().partition(|f| waits(f));
        let mut kept = leftmost_longest(named);
        for w in leftmost_longest(waiting) {
            let at = kept.partition_point(|k| k.0 < w.0);
            let clear_before = at == 0 || kept[at - 1].1 <= w.0;
            let clear_after = kept.get(at).is_none_or(|k| w.1 <= k.0);
            if clear_before && clear_after {
                kept.insert(at, w);
            }
        }
        self.to_hits(text, &norm, &kept, &rules)
    }

    fn accepts(
        &self,
        entry: &Entry,
        text: &str,
        norm: &Normalized,
        (s, e, block): (usize, usize, u32),
        contexts: &HashSet<(u32, u32)>,
        site: &Site,
    ) -> Result<Rule, Rule> {
        // Another company's name on this site, in this country or language: nothing else matters.
        if site.market.excludes(&entry.markets_in, &entry.markets_out) {
            return Err(Rule::OtherMarket);
        }
        let (os, oe) = norm.original_range(s, e);
        let original = &text[os..oe];
        // On a site named after the alias ("Target" on target.com) the alias is the site's own
        // name: it needs no context words there.
        let own_site = site.is_named(entry);
        // Whether this alias waits for the page here: everywhere, or in the page's language.
        let word_here = site.lang.as_deref().is_some_and(|l| entry.word_in.iter().any(|w| w == l));
        // A name with context words is disambiguated by them, not by the page (below).
        let waits_here = entry.waits_everywhere || (word_here && entry.context.is_empty());
        let mut outright_by = None;
        if (entry.confirm || entry.outright) && waits_here {
            let web_address = written_as_web_address(&text[oe..]);
            let labelled = labelled_as_brand(&text[..os]);
            outright_by = [(own_site, Rule::OwnSite), (web_address, Rule::WebAddress), (labelled, Rule::BrandLabel)]
                .into_iter()
                .find_map(|(yes, rule)| yes.then_some(rule));
            if entry.outright && outright_by.is_none() {
                return Err(Rule::NotOutright);
            }
            // Such a name is an ordinary word; written in lowercase where the dataset capitalizes
            // it, it is the word ("standard size staples" on staples.com), unless a web address, a
            // brand label, a social handle or a hashtag ("@godiva", "#godiva") says otherwise.
            let handle = text[..os].ends_with(['@', '#']);
            if is_lowercase_word(original) && !is_lowercase_word(&entry.alias) && !(web_address || labelled || handle) {
                return Err(Rule::LowercaseWord);
            }
        } else if entry.confirm {
            // Not an ordinary word on this page: its outright twin, tried first, decided.
            return Err(Rule::NotOutright);
        }
        if entry.kind != HitKind::Symbol {
            if starts_model_number(&text[oe..]) {
                return Err(Rule::ModelNumber);
            }
            if cut_off_by_ellipsis(&text[oe..]) {
                return Err(Rule::CutOff);
            }
            if after_title(&text[..os]) {
                return Err(Rule::AfterTitle);
            }
        }
        if entry.kind == HitKind::Symbol {
            // The symbol rule reads the text around the ticker in its plain folded form (no marks),
            // taken from the original: tickers are rare, so this costs nothing measurable.
            let before_start = floor_char_boundary(text, os.saturating_sub(64));
            let after_end = floor_char_boundary(text, (oe + 16).min(text.len()));
            let before = normalize(&text[before_start..os], Fold::MATCH).text;
            let after = normalize(&text[oe..after_end], Fold::MATCH).text;
            let candidate = symbols::Candidate {
                before: &before,
                after: &after,
                original,
                exchange: entry.exchange.as_deref().unwrap_or_default(),
                financial_block: contexts.contains(&(block, FINANCIAL)),
            };
            return symbols::judge(&candidate).map(|_| Rule::Symbol).ok_or(Rule::NotASymbol);
        }
        // An alias with context words and `word_in` is ambiguous only in those languages ("Kindle" is
        // an English verb, on a German page Amazon's reader): elsewhere it needs no context word.
        // A page whose language is not known is treated as one where it is ambiguous.
        let ambiguous_here = entry.word_in.is_empty() || site.lang.is_none() || word_here;
        let by_context = !entry.context.is_empty() && !own_site && ambiguous_here;
        // No context word in its block: the name waits for the page to name the company otherwise
        // (a shop's list of Canon products says "Canon EOS" somewhere), as an ordinary word does.
        let without_context = by_context && !entry.context.iter().any(|c| contexts.contains(&(block, *c)));
        let loose_case = entry.case == CasePolicy::Any;
        let loose_accents = entry.accents == AccentPolicy::Optional;
        let written_right = (loose_case && (loose_accents || (original.is_ascii() && entry.verify_form.is_ascii())))
            || normalize(original, Fold::policy(loose_case, loose_accents)).text == entry.verify_form;
        if !written_right {
            return Err(Rule::WrongCase);
        }
        Ok(if without_context {
            Rule::ContextOnPage
        } else if entry.confirm {
            if word_here && !entry.waits_everywhere {
                Rule::OrdinaryWordInLanguage
            } else {
                Rule::OrdinaryWord
            }
        } else if let Some(rule) = outright_by {
            rule
        } else if own_site && !entry.context.is_empty() {
            Rule::OwnSite
        } else if by_context {
            Rule::ContextWord
        } else {
            Rule::Name
        })
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

    /// The brand or company a page's product data names (JSON-LD, microdata or Open Graph
    /// `brand`), by its whole name or alias under the fold page text gets: never a fuzzy match.
    /// Returns the entry's id (`Engine::entry`).
    pub fn named(&self, name: &str) -> Option<u32> {
        self.by_name.get(normalize(name, Fold::MATCH).text.trim()).copied()
    }

    /// The entry a hit refers to.
    pub fn entry(&self, id: u32) -> Option<&Entry> {
        self.entries.get(id as usize)
    }

    /// Who runs a brand hit's brand under licence (the brand's `licensee`), or `None`.
    ///
    /// # Examples
    /// ```
    /// # use backstory::engine::{Engine, Page};
    /// # let json = r#"{"format": "backstory-dataset", "format_version": 1, "id": "t", "title": "T",
    /// #   "publisher": {"name": "P"}, "version": 1, "license": "CC0-1.0", "as_of": "2026-01-01",
    /// #   "profile_origins": [], "categories": [],
    /// #   "companies": [{"id": "yum", "name": "Yum Brands", "legal_name": "Yum! Brands, Inc.",
    /// #     "categories": [], "summary": "S.", "as_of": "2026-01-01"}],
    /// #   "brands": [{"id": "kfc-cn", "name": "KFC", "owners": [{"company": "yum"}],
    /// #     "aliases": [{"text": "KFC", "markets": {"in": ["cn"]}}], "licensee": {"name": "Yum China"}}]}"#;
    /// let engine = Engine::from_json(json).unwrap();
    /// let hit = engine.scan_page("KFC", &Page::new(Some("www.kfc.com.cn"), None))[0];
    /// let licence = engine.licence(hit.entry).unwrap();
    /// assert_eq!(licence.name, "Yum China");
    /// assert!(licence.in_market);
    /// ```
    pub fn licence(&self, id: u32) -> Option<Licence> {
        let entry = self.entry(id)?;
        let licensee = self.dataset.brands.get(entry.brand?)?.licensee.as_ref()?;
        let company = licensee.company.as_deref().and_then(|c| self.company_index(c));
        let name = match company {
            Some(c) => self.dataset.companies[c].name.clone(),
            None => licensee.name.clone()?,
        };
        Some(Licence { company, name, in_market: !entry.markets_in.is_empty() })
    }

    /// Number of aliases, names and symbols the engine matches (a `confirm: page` alias, two
    /// entries inside, counts once).
    pub fn entry_count(&self) -> usize {
        self.entries.iter().filter(|e| !e.outright).count()
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn company_index(&self, id: &str) -> Option<usize> {
        self.company_by_id.get(id).copied()
    }

    pub fn brand_index(&self, id: &str) -> Option<usize> {
        self.brand_by_id.get(id).copied()
    }

    /// Indices of the brands any of whose owners is the company at `company`.
    pub fn brands_of(&self, company: usize) -> Vec<usize> {
        let id = &self.dataset.companies[company].id;
        (0..self.dataset.brands.len())
            .filter(|&b| self.dataset.brands[b].owners.iter().any(|o| &o.company == id))
            .collect()
    }

    /// The company operating `host` ("www.amazon.com", "smile.amazon.com" -> amazon), if any.
    pub fn company_for_host(&self, host: &str) -> Option<usize> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut rest = host.as_str();
        loop {
            if let Some(&c) = self.company_by_domain.get(rest) {
                return Some(c);
            }
            rest = rest.split_once('.')?.1;
        }
    }

    /// Popup search: ranked results for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<crate::search::SearchResult> {
        self.search.search(query, limit)
    }

    /// Bytes held by the automaton (its own report).
    pub fn automaton_memory(&self) -> usize {
        self.automaton.memory_usage()
    }
}

impl Entry {
    /// The brand and owning company of the entry, as dataset indices.
    pub fn target(&self) -> (Option<usize>, usize) {
        (self.brand, self.company)
    }
}

fn add_alias(
    b: &mut Builder,
    entries: &mut Vec<Entry>,
    rule: &AliasRule,
    kind: HitKind,
    brand: Option<usize>,
    company: usize,
) {
    let Some(p) = b.pattern(&rule.text) else { return };
    let context: Vec<u32> = rule.context.iter().filter_map(|w| b.context_word(w)).collect();
    let fold = Fold::policy(rule.case == CasePolicy::Any, rule.accents == AccentPolicy::Optional);
    let entry = Entry {
        kind,
        alias: rule.text.clone(),
        brand,
        company,
        case: rule.case,
        accents: rule.accents,
        verify_form: normalize(rule.text.trim(), fold).text,
        context,
        exchange: None,
        confirm: false,
        waits_everywhere: rule.confirm == Confirm::Page,
        word_in: rule.word_in.iter().filter_map(|l| primary_language(l)).collect(),
        markets_in: market::parse_all(&rule.markets.inside),
        markets_out: market::parse_all(&rule.markets.outside),
        outright: false,
        host_label: normalize(&rule.text, Fold::MATCH).text.chars().filter(char::is_ascii_alphanumeric).collect(),
    };
    // An alias that may wait (`confirm: page`, `word_in`) is two entries, tried in this order: one
    // that names the company outright, one that waits for the page to confirm it.
    let twins = if entry.waits_everywhere || (!entry.word_in.is_empty() && entry.context.is_empty()) {
        vec![Entry { outright: true, ..entry.clone() }, Entry { confirm: true, ..entry }]
    } else {
        vec![entry]
    };
    for twin in twins {
        let id = entries.len() as u32;
        for phrase in &rule.exclude {
            if let Some(x) = b.pattern(phrase) {
                b.patterns[x].excludes.push(id);
            }
        }
        b.patterns[p].entries.push(id);
        entries.push(twin);
    }
}

/// Whether the text right after a name makes it a web address: ".com", ".co.uk", ".de", ...
/// (Not a trademark sign: "®" marks a whole product name, "City Select®", "Crimson Sky™".)
fn written_as_web_address(after: &str) -> bool {
    const DOMAINS: [&str; 24] = [
        "com", "net", "org", "co", "shop", "store", "us", "ca", "uk", "ie", "de", "at", "ch", "fr", "be", "nl", "it",
        "es", "se", "dk", "au", "nz", "in", "jp",
    ];
    let Some(rest) = after.strip_prefix('.') else { return false };
    let label = &rest[..rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len())];
    // "staples.com", "GAP.COM"; not "…at Staples.In 2020", a missing space.
    let one_case = label.bytes().all(|b| b.is_ascii_lowercase()) || label.bytes().all(|b| b.is_ascii_uppercase());
    // "around the house.it is so pretty": a domain that is also an English word, then a space
    // and a lowercase word, is a sentence missing the space after its full stop.
    const WORD_DOMAINS: [&str; 5] = ["at", "be", "in", "it", "us"];
    let sentence_goes_on = WORD_DOMAINS.iter().any(|d| label.eq_ignore_ascii_case(d)) && {
        let next = rest[label.len()..].strip_prefix(' ').unwrap_or_default();
        next.chars().next().is_some_and(char::is_lowercase)
    };
    one_case && !sentence_goes_on && DOMAINS.iter().any(|d| label.eq_ignore_ascii_case(d))
}

/// Whether the text right before a name labels it as a brand: "Brand: PUMA", "Vendor : CHAMPION
/// PRODUCTS", a "Brand" heading over the name, as product pages print their item specifics.
fn labelled_as_brand(before: &str) -> bool {
    const LABELS: [&str; 4] = ["brand", "brand name", "manufacturer", "vendor"];
    // The label, then only spaces, block breaks (U+2029 is white space) and one colon.
    let trimmed = before.trim_end();
    let trimmed = trimmed.strip_suffix([':', '\u{ff1a}']).unwrap_or(trimmed).trim_end();
    LABELS.iter().any(|label| {
        let Some(at) = trimmed.len().checked_sub(label.len()) else { return false };
        trimmed.is_char_boundary(at)
            && trimmed[at..].eq_ignore_ascii_case(label)
            && !trimmed[..at].chars().next_back().is_some_and(char::is_alphanumeric)
    })
}

/// Whether the text right after a name makes it the start of a model number: "MFC-L6800DW",
/// "RD-M8000" are printers and derailleurs, not the companies that share those letters.
fn starts_model_number(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('-') else { return false };
    let code = &rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())];
    code.chars().any(|c| c.is_ascii_digit())
}

/// Whether an ellipsis right after the name cuts the text off there: "Counter Stool Meta…" is a
/// title cut inside "Metal", "if you have babi..." a review cut inside "babies". Where a shop cuts
/// its text, the letters before the ellipsis may be the start of any longer word.
fn cut_off_by_ellipsis(after: &str) -> bool {
    after.starts_with('\u{2026}') || after.starts_with("...")
}

/// Whether a title and its full stop right before the name make it a person's: "Dr. Harvey's",
/// "Mr. Wilson". A brand that begins with a title ("Dr. Martens") is matched whole by its own
/// longer alias; without the full stop, "MS" may be Microsoft ("MS Surface").
fn after_title(before: &str) -> bool {
    const TITLES: [&str; 10] = ["Dr", "DR", "Mr", "MR", "Mrs", "MRS", "Ms", "MS", "Prof", "PROF"];
    let Some(rest) = before.strip_suffix(". ") else { return false };
    TITLES
        .iter()
        .any(|t| rest.strip_suffix(t).is_some_and(|head| !head.chars().next_back().is_some_and(char::is_alphanumeric)))
}

/// Letters, all of them lowercase: "staples", not "Staples", "STAPLES" or "H&M".
fn is_lowercase_word(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase)
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

/// What the judge knows of the page beyond its text: the site's own name, from its address, and
/// the page's language.
struct Site {
    /// The label before the public suffix, without hyphens: "mango" for "shop.mango.com",
    /// "argos" for "www.argos.co.uk"; empty for an IP address or a bare name.
    name: String,
    /// The page's language as a primary subtag (`Page::lang`).
    lang: Option<String>,
    /// What the host and language tell of the page's market.
    market: PageMarket,
}

impl Site {
    fn new(host: Option<&str>, lang: Option<&str>) -> Site {
        let host = host.unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        // "co.uk", "com.au": a generic second level under a country code is part of the suffix.
        let suffix = match labels.as_slice() {
            [.., second, last] if last.len() == 2 && ["co", "com", "org", "net", "ac", "gov"].contains(second) => 2,
            _ => 1,
        };
        let numeric = labels.last().is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
        let name = match labels.len().checked_sub(suffix + 1) {
            Some(i) if !numeric => labels[i].replace('-', ""),
            _ => String::new(),
        };
        Site { name, lang: lang.map(str::to_string), market: PageMarket::new(Some(&host), lang) }
    }

    /// Whether the site is named after the entry's alias: "mango" for "MANGO" on shop.mango.com,
    /// "hm" for "H&M" on www2.hm.com. Not a company's other domains: Amazon's include imdb.com,
    /// where "Ring" is a film. A one-letter name is never a site's.
    fn is_named(&self, entry: &Entry) -> bool {
        entry.host_label.len() >= 2 && self.name == entry.host_label
    }
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
