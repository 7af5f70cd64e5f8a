//! The page-level rule for hits that wait (`confirm: page` aliases, `word_in` ones on a page in
//! one of those languages, and names lacking their context word): such a hit stands only where the
//! same page names its company otherwise: by an alias or symbol without the rule, by the alias
//! written as a web address or after a brand label, or by being a site named after it
//! (`Engine::scan_at` reports the last three as hits of their own). A name that lacks its context
//! word needs a name of its company on the page, not a stock symbol ("$CAT 10 shares" says nothing
//! of "CAT toy for the kitten"), and a brand's such name needs the brand itself named, not only its
//! owner: on an Amazon page, "Ring" in "Sterling Silver Ring" is not Amazon's Ring, and on a Canon
//! page "Dual Pixel" is not Google's Pixel.
//!
//! One scan sees one batch of text; a page is many batches. So the engine marks these hits
//! (a `Verdict::Wait` rule) and whoever holds the whole page applies this rule: `backstory scan` here,
//! the content script (`createConfirmer` in extension/content/rules.js) as its batches come back.

use std::collections::HashSet;

use crate::engine::{Engine, Entry, Hit, HitKind};
use crate::judge::{Rule, Verdict};

/// What a page must name for a waiting hit to stand: its company (by any hit), or, for a name
/// lacking its context word, the company by a name (not a symbol) or its brand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Named {
    Company(usize),
    CompanyByName(usize),
    Brand(usize),
}

fn needs(h: &Hit, e: &Entry) -> Named {
    match e.brand {
        _ if h.rule != Rule::ContextOnPage => Named::Company(e.company),
        Some(b) => Named::Brand(b),
        None => Named::CompanyByName(e.company),
    }
}

/// The hits of one page that stand: every hit of an alias without `confirm: page`, and those
/// with it whose company a hit without it names.
pub fn confirmed_on_page(engine: &Engine, hits: Vec<Hit>) -> Vec<Hit> {
    confirmed_by(engine, hits, [])
}

/// `confirmed_on_page` on a page that also names `companies` otherwise: by its product data
/// (`crate::structured`), as the content script's confirmer is told of them.
pub fn confirmed_by(engine: &Engine, hits: Vec<Hit>, companies: impl IntoIterator<Item = usize>) -> Vec<Hit> {
    let waits = |h: &Hit| h.rule.verdict() == Verdict::Wait;
    let mut named: HashSet<Named> = companies.into_iter().map(Named::Company).collect();
    for e in hits.iter().filter(|h| !waits(h)).filter_map(|h| engine.entry(h.entry)) {
        named.insert(Named::Company(e.company));
        if e.kind != HitKind::Symbol {
            named.insert(Named::CompanyByName(e.company));
        }
        named.extend(e.brand.map(Named::Brand));
    }
    hits.into_iter()
        .filter(|h| !waits(h) || engine.entry(h.entry).is_some_and(|e| named.contains(&needs(h, e))))
        .collect()
}
