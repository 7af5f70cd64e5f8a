//! Compiling a dataset into the engine: one automaton pattern per distinct folded text, the
//! entries (alias, brand or symbol) behind each, the context words and the exclusion phrases.

use std::collections::HashMap;

use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::MatchKind;

use super::{Engine, Entry, HitKind, Pattern, FINANCIAL};
use crate::dataset::{AccentPolicy, AliasRule, CasePolicy, Confirm, Dataset};
use crate::judge::primary_language;
use crate::market;
use crate::normalize::{normalize, Fold, BLOCK_BREAK};
use crate::search::SearchIndex;
use crate::validate::{self, Problem};
use crate::words::FINANCIAL_CONTEXT;

/// Why an engine could not be built.
#[derive(Debug, Clone, PartialEq)]
pub enum BuildError {
    /// The JSON could not be read as a dataset.
    Parse(crate::dataset::ParseError),
    /// The dataset has errors; every error found is listed.
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
    /// Validates and compiles a parsed dataset.
    ///
    /// # Errors
    /// Every validation problem when any is an error, or an automaton error.
    pub fn new(dataset: Dataset) -> Result<Engine, BuildError> {
        let problems = validate::error_problems(&dataset);
        if !problems.is_empty() {
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
        host_label: super::verdict::host_label(&rule.text),
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
