//! Ordinary words per language (`data/words/`, see its README): which names are words of which
//! language, written into a dataset as alias rules the judge reads on every page.
//!
//! The lists are large (9.1 MB for 26 languages), so only the command line holds them: `backstory
//! import` and `backstory words` write what they say into the dataset (`word_in`, and `exclude`
//! for names in scripts written without spaces), and the extension's engine reads those fields.
//! A rule the dataset already sets is the author's and stays.

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

use crate::dataset::{AccentPolicy, Alias, AliasRule, Confirm, Dataset};
use crate::normalize::{normalize, Fold};

/// Languages with a list of ordinary words, and the list.
const LISTS: &[(&str, &str)] = &[
    ("ar", include_str!("../data/words/ar.txt")),
    ("ca", include_str!("../data/words/ca.txt")),
    ("cs", include_str!("../data/words/cs.txt")),
    ("da", include_str!("../data/words/da.txt")),
    ("de", include_str!("../data/words/de.txt")),
    ("el", include_str!("../data/words/el.txt")),
    ("en", include_str!("../data/words/en.txt")),
    ("es", include_str!("../data/words/es.txt")),
    ("fr", include_str!("../data/words/fr.txt")),
    ("he", include_str!("../data/words/he.txt")),
    ("hu", include_str!("../data/words/hu.txt")),
    ("id", include_str!("../data/words/id.txt")),
    ("it", include_str!("../data/words/it.txt")),
    ("ja", include_str!("../data/words/ja.txt")),
    ("ko", include_str!("../data/words/ko.txt")),
    ("nb", include_str!("../data/words/nb.txt")),
    ("nl", include_str!("../data/words/nl.txt")),
    ("pl", include_str!("../data/words/pl.txt")),
    ("pt", include_str!("../data/words/pt.txt")),
    ("ro", include_str!("../data/words/ro.txt")),
    ("ru", include_str!("../data/words/ru.txt")),
    ("sv", include_str!("../data/words/sv.txt")),
    ("tr", include_str!("../data/words/tr.txt")),
    ("uk", include_str!("../data/words/uk.txt")),
    ("vi", include_str!("../data/words/vi.txt")),
    ("zh", include_str!("../data/words/zh.txt")),
];

/// Frequent words of the languages written without spaces, where a name must not match inside a
/// longer word ("维他" inside "维他命", vitamin).
const UNSPACED: &[(&str, &str)] =
    &[("zh", include_str!("../data/words/zh-frequent.txt")), ("ja", include_str!("../data/words/ja-frequent.txt"))];

/// Longer words kept per name as exclusions: enough for the common compounds, bounded so one
/// short name cannot add thousands of patterns to the automaton.
const MAX_LONGER_WORDS: usize = 100;

fn folded(word: &str) -> String {
    normalize(word, Fold::MATCH).text.trim().to_string()
}

fn entries(list: &'static str) -> impl Iterator<Item = &'static str> {
    list.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The lists as written (wordfreq's lowercase forms), compared with a name in lowercase: accents
/// count, so "Leidos" is not the Spanish "leídos" while "Škoda" is the Czech "škoda".
fn spaced() -> &'static Vec<(&'static str, HashSet<&'static str>)> {
    static SETS: OnceLock<Vec<(&'static str, HashSet<&'static str>)>> = OnceLock::new();
    SETS.get_or_init(|| LISTS.iter().map(|(lang, list)| (*lang, entries(list).collect())).collect())
}

fn unspaced() -> &'static Vec<String> {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let mut all: Vec<String> = UNSPACED.iter().flat_map(|(_, list)| entries(list).map(folded)).collect();
        all.sort();
        all.dedup();
        all
    })
}

/// The lists folded as the automaton folds page text (case and accents), for a name that matches
/// whatever its accents: "Mercatò" is also matched as the Italian word "mercato".
fn spaced_without_accents() -> &'static Vec<(&'static str, HashSet<String>)> {
    static SETS: OnceLock<Vec<(&'static str, HashSet<String>)>> = OnceLock::new();
    SETS.get_or_init(|| LISTS.iter().map(|(lang, list)| (*lang, entries(list).map(folded).collect())).collect())
}

/// Every language with a list.
pub fn languages() -> impl Iterator<Item = &'static str> {
    LISTS.iter().map(|(l, _)| *l)
}

/// The languages in which `text` (one word) is an ordinary word, in list order.
pub fn ordinary_in(text: &str) -> Vec<&'static str> {
    let word = text.trim().to_lowercase();
    if word.is_empty() || word.contains(char::is_whitespace) {
        return Vec::new();
    }
    spaced().iter().filter(|(_, set)| set.contains(word.as_str())).map(|(lang, _)| *lang).collect()
}

/// The languages in which some ordinary word is `text` once accents are dropped: what a name that
/// matches without its accents (`accents: optional`) meets on a page ("Decò" and the French "déco").
pub fn ordinary_in_without_accents(text: &str) -> Vec<&'static str> {
    let word = folded(text);
    if word.is_empty() || word.contains(char::is_whitespace) {
        return Vec::new();
    }
    spaced_without_accents().iter().filter(|(_, set)| set.contains(&word)).map(|(lang, _)| *lang).collect()
}

/// The languages in which `text` is an ordinary word as a name with `accents` meets it on a page.
pub fn ordinary_in_as_matched(text: &str, accents: AccentPolicy) -> Vec<&'static str> {
    match accents {
        AccentPolicy::Exact => ordinary_in(text),
        AccentPolicy::Optional => ordinary_in_without_accents(text),
    }
}

/// Whether `c` belongs to a script written without spaces between words.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Frequent Chinese and Japanese words that hold `text` and are longer: a name in those scripts
/// found inside one is part of that word.
pub fn longer_words(text: &str) -> Vec<String> {
    if !text.chars().any(is_unspaced) {
        return Vec::new();
    }
    let name = folded(text);
    unspaced().iter().filter(|w| w.len() > name.len() && w.contains(&name)).take(MAX_LONGER_WORDS).cloned().collect()
}

/// What `annotate` wrote: alias text -> (languages, longer words added), for the report.
pub type Annotations = BTreeMap<String, (Vec<&'static str>, usize)>;

/// Writes into `dataset` what the lists say of each brand's and company's names: `word_in` for a
/// one-word name that is an ordinary word somewhere, and exclusions for a name in an unspaced
/// script. Aliases with a context or `confirm: page` rule already wait for evidence everywhere,
/// and an alias with its own `word_in` has its author's: both are left as they are.
pub fn annotate(dataset: &mut Dataset) -> Annotations {
    let mut notes = Annotations::new();
    for c in &mut dataset.companies {
        annotate_names(&c.name, &mut c.aliases, &mut notes);
    }
    for b in &mut dataset.brands {
        annotate_names(&b.name, &mut b.aliases, &mut notes);
    }
    notes
}

fn annotate_names(name: &str, aliases: &mut Vec<Alias>, notes: &mut Annotations) {
    // match_rules puts the name first when no alias spells it; it then becomes an alias of its own.
    let rules = crate::dataset::match_rules(name, aliases);
    let name_added = rules.len() > aliases.len();
    let mut name_rule = None;
    for (i, rule) in rules.into_iter().enumerate() {
        let Some(better) = annotated(&rule) else { continue };
        let langs = better.word_in.iter().map(|l| lang_static(l)).collect();
        notes.insert(better.text.clone(), (langs, better.exclude.len() - rule.exclude.len()));
        match i.checked_sub(usize::from(name_added)) {
            Some(at) => aliases[at] = Alias::Ruled(better),
            None => name_rule = Some(better),
        }
    }
    if let Some(rule) = name_rule {
        aliases.insert(0, Alias::Ruled(rule));
    }
}

fn lang_static(lang: &str) -> &'static str {
    languages().find(|l| *l == lang).unwrap_or("?")
}

/// The rule with what the lists add, or None when they add nothing.
fn annotated(rule: &AliasRule) -> Option<AliasRule> {
    // An alias with context words is left to its author: `word_in` there makes the context needed
    // only in those languages, which loosens it elsewhere (DATASET.md), a choice the lists cannot make.
    if !rule.context.is_empty() || rule.confirm == Confirm::Page || !rule.word_in.is_empty() {
        return None;
    }
    let word_in: Vec<String> =
        ordinary_in_as_matched(&rule.text, rule.accents).into_iter().map(str::to_string).collect();
    let longer: Vec<String> =
        longer_words(&rule.text).into_iter().filter(|w| !rule.exclude.iter().any(|x| folded(x) == *w)).collect();
    if word_in.is_empty() && longer.is_empty() {
        return None;
    }
    let mut exclude = rule.exclude.clone();
    exclude.extend(longer);
    Some(AliasRule { word_in, exclude, ..rule.clone() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_of_a_language_and_names_of_the_world() {
        assert_eq!(ordinary_in("Tous"), vec!["ca", "fr"]);
        assert_eq!(ordinary_in("canali"), vec!["it"]);
        assert!(ordinary_in("Amazon").is_empty(), "a name used the world over is no word");
        assert!(ordinary_in("Edeka").is_empty(), "no dictionary has it");
        assert!(ordinary_in("Whole Foods").is_empty(), "one word only");
    }

    #[test]
    fn spellings_the_dictionaries_and_wordfreq_disagree_on() {
        assert!(ordinary_in("Dreißig").contains(&"de"), "wordfreq writes \"dreissig\"");
        assert!(ordinary_in("Soeur").contains(&"fr"), "the dictionary writes \"sœur\"");
    }

    #[test]
    fn a_name_matched_without_its_accents_meets_the_words_without_theirs() {
        assert!(ordinary_in("Mercatò").is_empty());
        assert!(ordinary_in_without_accents("Mercatò").contains(&"it"));
        assert!(ordinary_in_without_accents("Decò").contains(&"fr"), "the French \"déco\"");
        assert!(ordinary_in("Leidos").is_empty(), "with its accents as written, not the Spanish \"leídos\"");
    }

    #[test]
    fn ordinary_words_of_chinese_and_japanese_are_not_their_proper_nouns() {
        assert_eq!(ordinary_in("ライフ"), vec!["ja"], "life");
        assert!(ordinary_in("トヨタ").is_empty(), "IPAdic: a proper noun (an organization)");
        assert_eq!(ordinary_in("理想"), vec!["ja", "zh"], "ideal, in both");
        assert!(ordinary_in("华为").is_empty(), "jieba: a proper noun");
    }

    #[test]
    fn unspaced_names_inside_longer_words() {
        assert!(longer_words("维他").contains(&"维他命".to_string()));
        assert!(longer_words("Vita").is_empty());
    }
}
