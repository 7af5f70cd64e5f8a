//! What the judge will do with a dataset's names that are ordinary words, told before the list
//! ships: by `backstory check` and by the Organizer Studio's check, the same findings for both.

use crate::dataset::{AliasRule, CasePolicy, Confirm, Dataset};
use crate::normalize::{normalize, Fold};
use crate::words::{is_common_word, is_english_word};

/// One finding about one alias: a `warning` (a rule is missing) or a `note` (what a rule does).
#[derive(Debug, Clone, PartialEq)]
pub struct WordFinding {
    pub severity: &'static str,
    pub alias: String,
    pub message: String,
}

/// Every finding for `dataset`: the word rules the lists would add, then what the rules it has do.
pub fn of(dataset: &Dataset) -> Vec<WordFinding> {
    let mut out = missing_word_rules(dataset);
    out.extend(held_back(dataset));
    out
}

/// Names the word lists call ordinary words of some language (or that sit inside longer Chinese or
/// Japanese words) without a rule that says so: on pages in those languages they would flag the
/// word. `backstory words --write` adds the rules.
fn missing_word_rules(dataset: &Dataset) -> Vec<WordFinding> {
    let mut annotated = dataset.clone();
    crate::languages::annotate(&mut annotated)
        .into_iter()
        .map(|(alias, (langs, longer))| {
            let mut what = Vec::new();
            if !langs.is_empty() {
                what.push(format!("is an ordinary word in {}", langs.join(", ")));
            }
            if longer > 0 {
                what.push(format!("sits inside {longer} longer Chinese or Japanese word(s)"));
            }
            WordFinding {
                severity: "warning",
                alias,
                message: format!(
                    "{}; run `backstory words --write` to let pages in those languages hold it back",
                    what.join(" and ")
                ),
            }
        })
        .collect()
}

/// What the judge does with the dataset's names that are ordinary words, so an organizer knows it
/// before shipping: a note for each alias that waits for the page (it gets a badge there only where
/// the page also names its company by another name, its web address, a brand label or a model
/// number after it), and a warning for a one-word alias that is an ordinary English word but that
/// no rule holds back on an English page ("Dove": "a dove" would name its owner).
fn held_back(dataset: &Dataset) -> Vec<WordFinding> {
    let company_name = |id: &str| -> String {
        dataset.companies.iter().find(|c| c.id == id).map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let named = dataset.companies.iter().map(|c| (&c.name, &c.aliases, c.name.clone()));
    let brands = dataset.brands.iter().map(|b| {
        let owner = b.owners.first().map_or_else(|| b.name.clone(), |o| company_name(&o.company));
        (&b.name, &b.aliases, owner)
    });
    let mut out = Vec::new();
    for (name, aliases, owner) in named.chain(brands) {
        for rule in crate::dataset::match_rules(name, aliases) {
            out.extend(held_back_finding(&rule, &owner));
        }
    }
    out
}

fn held_back_finding(rule: &AliasRule, owner: &str) -> Vec<WordFinding> {
    let view = |severity, message| WordFinding { severity, alias: rule.text.clone(), message };
    let badge_only = format!(
        "it gets a badge only where the page also names {owner} otherwise (another of its names, its web address, a brand label, a model number after it or a list of other brands around it)"
    );
    let mut out = Vec::new();
    if rule.confirm == Confirm::Page {
        out.push(view("note", format!("waits on every page: {badge_only}")));
    } else if !rule.word_in.is_empty() {
        let langs = rule.word_in.join(", ");
        out.push(view(
            "note",
            if rule.context.is_empty() {
                format!("is an ordinary word in {langs}: on a page in one of those languages {badge_only}")
            } else {
                format!("is an ordinary word in {langs}: on a page in one of those languages it needs a context word nearby")
            },
        ));
    }
    // validate() already warns about the commonest words ("Apple"); this is the rest of the dictionary.
    let folded = normalize(&rule.text, Fold::MATCH).text.trim().to_string();
    let held_in_english = rule.confirm == Confirm::Page
        || rule.case == CasePolicy::Exact
        || !rule.context.is_empty()
        || rule.word_in.iter().any(|l| crate::judge::primary_language(l).as_deref() == Some("en"));
    if !held_in_english && !folded.contains(' ') && is_english_word(&folded) && !is_common_word(&folded) {
        out.push(view(
            "warning",
            "is an ordinary English word that nothing holds back on an English page; give it a case, \
             context or confirm rule, or `word_in: [\"en\"]`"
                .to_string(),
        ));
    }
    out
}
