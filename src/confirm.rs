//! The page-level rule for hits that wait (`confirm: page` aliases, and `word_in` ones on a page in
//! one of those languages): such a hit stands only where the same page
//! names its company otherwise: by an alias or symbol without the rule, by the alias written as a
//! web address or after a brand label, or by being a site named after it (`Engine::scan_at`
//! reports the last three as hits of their own).
//!
//! One scan sees one batch of text; a page is many batches. So the engine marks these hits
//! (a `Verdict::Wait` rule) and whoever holds the whole page applies this rule: `backstory scan` here,
//! the content script (`createConfirmer` in extension/content/rules.js) as its batches come back.

use std::collections::HashSet;

use crate::engine::{Engine, Hit};
use crate::judge::Verdict;

/// The hits of one page that stand: every hit of an alias without `confirm: page`, and those
/// with it whose company a hit without it names.
pub fn confirmed_on_page(engine: &Engine, hits: Vec<Hit>) -> Vec<Hit> {
    confirmed_by(engine, hits, [])
}

/// `confirmed_on_page` on a page that also names `companies` otherwise: by its product data
/// (`crate::structured`), as the content script's confirmer is told of them.
pub fn confirmed_by(engine: &Engine, hits: Vec<Hit>, companies: impl IntoIterator<Item = usize>) -> Vec<Hit> {
    let waits = |h: &Hit| h.rule.verdict() == Verdict::Wait;
    let mut named: HashSet<usize> = companies.into_iter().collect();
    named.extend(hits.iter().filter(|h| !waits(h)).filter_map(|h| engine.entry(h.entry)).map(|e| e.company));
    hits.into_iter()
        .filter(|h| !waits(h) || engine.entry(h.entry).is_some_and(|e| named.contains(&e.company)))
        .collect()
}
