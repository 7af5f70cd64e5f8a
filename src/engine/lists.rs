//! Names in a list of brands: a waiting name written among other companies' names that stand on
//! their own ("… Calvin Klein, Converse, Diesel, Esprit …", or one per item of a brand filter) is a
//! brand too. Shops list the brands they carry in filters, menus and compatibility lines; an
//! ordinary word, a given name or an abbreviation among them is one of those brands, not the word.
//! Lists also hold brands the dataset does not have ("Jaguar-Saab-Volvo" where Saab is unknown):
//! a waiting name that is an item of its own counts across a few such items. A shop's template
//! repeated for each brand is a list too, wherever its items stand (`frames.rs`).
//! A list is seen within one scan: one the content script's batches cut (every 32 K characters),
//! or one a page change rescans in part, is judged by the part each scan holds.

use std::collections::HashMap;

use super::Engine;
use crate::judge::{Rule, Verdict};
use crate::normalize::{Normalized, BLOCK_BREAK, WORD_START};

/// How many other companies must stand by their own names in the list around a waiting name. One
/// is not enough: a menu puts single words beside a single brand ("Nike", "Sale", "More"; row 27
/// of docs/evidence/rejected-ideas.md: +119 false hits on the English corpus).
pub(super) const OTHERS_NAMED: usize = 2;

/// How many words an item of a list may hold besides its name ("Calvin Klein Underwear",
/// "Diesel Uhren"), and how many an item without a name of the dataset may hold ("Saab" in
/// "Jaguar-Saab-Volvo", "Castañer" in a brand filter): more is a sentence, not a list item.
const ITEM_WORDS: usize = 3;

/// How many items without a name of the dataset may stand between two named items: brand lists
/// hold brands the dataset does not have, but a long run of them is a menu, not a brand list.
const UNNAMED_ITEMS: usize = 2;

/// The longest text between two names of one list: two unnamed items of `ITEM_WORDS` words, the
/// rest of one item and the start of the next, with room for long words. Longer is prose, and
/// reading it would cost a huge page for nothing.
pub(super) const MAX_GAP_BYTES: usize = 256;

/// Whether the normalized text `from..to` between two names holds only what may stand between two
/// items of one loose list: the rest of the first name's item, list separators (see `items_of`),
/// at most `UNNAMED_ITEMS` items the dataset does not name, and the start of the second name's
/// item; each piece of `ITEM_WORDS` words at most, every word written as a name (a capital or a
/// digit first, where the script has case): "Converse femme" or "Google+ More" are a name and
/// more, not two items of a brand list.
fn separates_list_items(page: &PageText, from: usize, to: usize) -> bool {
    let pieces = items_of(&page.norm.text, from, to);
    if pieces.len() < 2 {
        return false;
    }
    let mut unnamed = 0;
    for (k, &(at, piece)) in pieces.iter().enumerate() {
        let mut words = 0;
        for (offset, word) in words_of(piece) {
            words += 1;
            if !page.written_as_name(from + at + offset, word) {
                return false;
            }
        }
        if words > ITEM_WORDS {
            return false;
        }
        let between = k > 0 && k + 1 < pieces.len();
        unnamed += usize::from(between && words > 0);
    }
    unnamed <= UNNAMED_ITEMS
}

/// A scan's text with its normalized form, for reading a normalized word as it was written.
pub(super) struct PageText<'a> {
    pub(super) text: &'a str,
    pub(super) norm: &'a Normalized,
}

impl PageText<'_> {
    /// Whether the normalized `word` at byte `at` was written with a capital or a digit first, or
    /// in a script without case.
    fn written_as_name(&self, at: usize, word: &str) -> bool {
        let (start, _) = self.norm.original_range(at, at + word.len());
        self.text[start..].chars().next().is_some_and(|c| c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase()))
    }
}

/// The words of `piece` with their byte offsets in it.
pub(super) fn words_of(piece: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in piece.char_indices().chain([(piece.len(), ' ')]) {
        match (is_space(c), start) {
            (true, Some(from)) => {
                words.push((from, &piece[from..at]));
                start = None;
            }
            (false, None) => start = Some(at),
            _ => {}
        }
    }
    words
}

/// A space between words: normalized text marks each word's start with WORD_START, which also
/// stands for the space before it.
pub(super) fn is_space(c: char) -> bool {
    c.is_whitespace() || c == WORD_START
}

/// List punctuation, and the end of a block (a filter's items are blocks of their own).
pub(super) fn is_list_punctuation(c: char) -> bool {
    matches!(c, ',' | ';' | '/' | '|' | '–' | '—' | '·' | '•' | BLOCK_BREAK)
}

/// `text[from..to]` cut at its list separators, each piece with its byte offset in that range.
/// A hyphen separates when a space is beside it, or when it glues a chain of three words or more
/// ("BMW-Ford-Opel-Saab-Volvo"): two words glued are one name or one word ("Sisley-Paris",
/// "T-Shirts").
fn items_of(text: &str, from: usize, to: usize) -> Vec<(usize, &str)> {
    let gap = &text[from..to];
    let mut pieces = Vec::new();
    let mut piece = 0;
    for (at, c) in gap.char_indices() {
        if separates_at(text, from + at, c) {
            pieces.push((piece, &gap[piece..at]));
            piece = at + c.len_utf8();
        }
    }
    pieces.push((piece, &gap[piece..]));
    pieces
}

/// Whether `c`, at byte `at` of normalized `text`, separates list items: list punctuation, or a
/// hyphen as `hyphen_separates` says.
fn separates_at(text: &str, at: usize, c: char) -> bool {
    is_list_punctuation(c) || (c == '-' && hyphen_separates(text, at))
}

/// Whether the hyphen at byte `at` of normalized `text` separates list items (see `items_of`).
/// Normalized text marks the word after a glued hyphen with WORD_START ("t-\u{1}shirts"); any
/// other WORD_START stands for a space.
fn hyphen_separates(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + 1..].chars().find(|&c| c != WORD_START);
    if before.is_none_or(char::is_whitespace) || after.is_none_or(char::is_whitespace) {
        return true;
    }
    // The glued chain around the hyphen ends at a space, list punctuation, or a word start that
    // no hyphen glues.
    let ends_chain = |c: char, prev: Option<char>| {
        c.is_whitespace() || is_list_punctuation(c) || (c == WORD_START && prev != Some('-'))
    };
    // Each side stops at its nearest hyphen: the work is the distance to it, not the chain's length.
    let mut left = text[..at].chars().rev().peekable();
    while let Some(c) = left.next() {
        if ends_chain(c, left.peek().copied()) {
            break;
        }
        if c == '-' {
            return true;
        }
    }
    let mut prev = '-';
    for c in text[at + 1..].chars() {
        if ends_chain(c, Some(prev)) {
            break;
        }
        if c == '-' {
            return true;
        }
        prev = c;
    }
    false
}

/// Whether a name is a whole item of its list: nothing but spaces between it and the separators
/// (or the text's ends) around it. A waiting name followed or led by other words ("More
/// Information", "Smart Kitchen Appliances", "Learn More") is a phrase, not a brand in a list.
/// A hyphen chain of names is a list of its own, whatever stands before or after it: "BMW" is an
/// item of "O-Ring BMW-Ford-Opel".
fn is_whole_item(text: &str, start: usize, end: usize) -> bool {
    let inner_space = |c: char| is_space(c) && c != BLOCK_BREAK;
    let before = text[..start].trim_end_matches(inner_space);
    let after_at = text.len() - text[end..].trim_start_matches(inner_space).len();
    let opens = before.chars().next_back().is_none_or(|c| separates_at(text, before.len() - c.len_utf8(), c));
    let closes = text[after_at..].chars().next().is_none_or(|c| separates_at(text, after_at, c));
    let glued_before = before.len() == text[..start].trim_end_matches(WORD_START).len()
        && before.ends_with('-')
        && hyphen_separates(text, before.len() - 1);
    let glued_after = after_at == end && text[end..].starts_with('-') && hyphen_separates(text, end);
    (opens || glued_after) && (closes || glued_before)
}

impl Engine {
    /// Turns the waiting hits among `kept` (sorted, not overlapping) that stand in a list of
    /// brands into `Rule::BrandList` hits. A list is a run of hits linked as `ListShape` says; it
    /// names a waiting hit's company when it holds standing names of at least `OTHERS_NAMED` other
    /// companies.
    pub(super) fn brands_listed(
        &self,
        page: &PageText,
        kept: &[(usize, usize, u32)],
        rules: &mut HashMap<(usize, usize, u32), Rule>,
    ) {
        let rule_of = |rules: &HashMap<_, Rule>, k: &(usize, usize, u32)| rules.get(k).copied().unwrap_or(Rule::Name);
        let mut listed = Vec::new();
        for shape in [ListShape::Tight, ListShape::Loose] {
            let mut start = 0;
            while start < kept.len() {
                let mut end = start + 1;
                while end < kept.len() && listed_together(page, kept[end - 1], kept[end], shape) {
                    end += 1;
                }
                let run = &kept[start..end];
                // A list is a handful of names: a sorted vector is the set of their companies.
                let mut standing: Vec<usize> = run
                    .iter()
                    .filter(|k| rule_of(rules, k).verdict() == Verdict::Flag)
                    .map(|k| self.entries[k.2 as usize].company)
                    .collect();
                standing.sort_unstable();
                standing.dedup();
                for k in run {
                    let company = self.entries[k.2 as usize].company;
                    let others = standing.len() - usize::from(standing.contains(&company));
                    if rule_of(rules, k).verdict() != Verdict::Wait || others < OTHERS_NAMED {
                        continue;
                    }
                    if shape == ListShape::Tight || is_whole_item(&page.norm.text, k.0, k.1) {
                        listed.push(*k);
                    }
                }
                start = end;
            }
        }
        listed.extend(self.framed_alike(page, kept, |k| rule_of(rules, k).verdict()));
        // Applied after both shapes and the frames, so that a name the list rule found does not
        // count as standing.
        for k in listed {
            rules.insert(k, Rule::BrandList);
        }
    }
}

/// How two names may be apart in one list. `Tight`: list separators only; every name of the run
/// is an item, however it is written around. `Loose`: each item may hold a few more words, and a
/// few unnamed items may stand between; only a waiting name that is a whole item counts then.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ListShape {
    Tight,
    Loose,
}

/// Whether two consecutive hits are items of one list of `shape`.
fn listed_together(page: &PageText, a: (usize, usize, u32), b: (usize, usize, u32), shape: ListShape) -> bool {
    if a.1 > b.0 || b.0 - a.1 > MAX_GAP_BYTES {
        return false;
    }
    match shape {
        ListShape::Tight => {
            let pieces = items_of(&page.norm.text, a.1, b.0);
            pieces.len() >= 2 && pieces.iter().all(|(_, p)| p.chars().all(is_space))
        }
        ListShape::Loose => separates_list_items(page, a.1, b.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{normalize, Fold};

    fn pieces(text: &str) -> Vec<String> {
        let norm = normalize(text, Fold::AUTOMATON);
        items_of(&norm.text, 0, norm.text.len())
            .into_iter()
            .map(|(_, p)| p.replace("-\u{1}", "-").replace(WORD_START, " ").trim().to_string())
            .collect()
    }

    #[test]
    fn a_hyphen_separates_when_spaced_or_in_a_chain_of_three() {
        assert_eq!(pieces("Ringco - Gap"), ["ringco", "gap"]);
        assert_eq!(pieces("BMW-Ford-Opel"), ["bmw", "ford", "opel"]);
        assert_eq!(pieces("O-Ring Jaguar-Saab-Volvo"), ["o-ring jaguar", "saab", "volvo"]);
        assert_eq!(pieces("Sisley-Paris"), ["sisley-paris"]);
        assert_eq!(pieces("Herren T-Shirts, Nike"), ["herren t-shirts", "nike"]);
    }

    #[test]
    fn whole_items_have_separators_on_both_sides() {
        let whole = |text: &str, name: &str| {
            let norm = normalize(text, Fold::AUTOMATON);
            let at = norm.text.find(name).expect("the name is in the text");
            is_whole_item(&norm.text, at, at + name.len())
        };
        assert!(whole("Nike, More, Puma", "more"));
        assert!(whole("Nike\n\nMore\n\nPuma", "more"));
        assert!(whole("BMW-Ford-Opel", "ford"));
        assert!(whole("O-Ring BMW-Ford-Opel", "bmw"));
        assert!(whole("Jaguar-Saab-Volvo 8,80 mm", "volvo"));
        assert!(!whole("O-Ring BMW-Ford 8,80 mm", "bmw"));
        assert!(!whole("Nike, Learn More, Puma", "more"));
        assert!(!whole("Nike, More Information", "more"));
        assert!(!whole("Sisley-Paris, Nike", "paris"));
    }
}
