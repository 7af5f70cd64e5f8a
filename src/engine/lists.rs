//! Names in a list of brands: a waiting name written among other companies' names that stand on
//! their own ("… Calvin Klein, Converse, Diesel, Esprit …", or one per item of a brand filter) is a
//! brand too. Shops list the brands they carry in filters, menus and compatibility lines; an
//! ordinary word, a given name or an abbreviation among them is one of those brands, not the word.
//! A list is seen within one scan: one the content script's batches cut (every 32 K characters),
//! or one a page change rescans in part, is judged by the part each scan holds.

use std::collections::HashMap;

use super::{BlockIndex, Engine};
use crate::judge::{Rule, Verdict};
use crate::normalize::Normalized;

/// How many other companies must stand by their own names in the list around a waiting name. One
/// is not enough: a menu puts single words beside a single brand ("Nike", "Sale", "More"; row 27
/// of docs/evidence/rejected-ideas.md: +119 false hits on the English corpus).
const OTHERS_NAMED: usize = 2;

/// What may stand between two names of one list: list punctuation, or the end of one block and
/// the start of the next (a filter's items), and nothing else. Not a space alone: "Amazon Prime",
/// "Brooks Logo" are one name; nor a hyphen without a space: "Sisley-Paris" is one name. Not
/// "and", "by", "for": "Nespresso by Breville" is one product, not a list.
fn separates_list_items(gap: &str, blocks_apart: bool) -> bool {
    let punctuation = |c: char| matches!(c, ',' | ';' | '/' | '|' | '-' | '–' | '—' | '·' | '•');
    let only_separators = gap.chars().all(|c| c.is_whitespace() || punctuation(c));
    let compound = gap == "-";
    only_separators && (blocks_apart || (gap.chars().any(punctuation) && !compound))
}

impl Engine {
    /// Turns the waiting hits among `kept` (sorted, not overlapping) that stand in a list of
    /// brands into `Rule::BrandList` hits. A list is a run of hits with only list separators
    /// between them; it names a waiting hit's company when it holds standing names of
    /// at least `OTHERS_NAMED` other companies.
    pub(super) fn brands_listed(
        &self,
        text: &str,
        norm: &Normalized,
        block_of: &BlockIndex,
        kept: &[(usize, usize, u32)],
        rules: &mut HashMap<(usize, usize, u32), Rule>,
    ) {
        let rule_of = |rules: &HashMap<_, Rule>, k: &(usize, usize, u32)| rules.get(k).copied().unwrap_or(Rule::Name);
        let mut start = 0;
        while start < kept.len() {
            let mut end = start + 1;
            while end < kept.len() && self.listed_together(text, norm, block_of, kept[end - 1], kept[end]) {
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
                if rule_of(rules, k).verdict() == Verdict::Wait && others >= OTHERS_NAMED {
                    rules.insert(*k, Rule::BrandList);
                }
            }
            start = end;
        }
    }

    /// Whether two consecutive hits are items of one list: only list separators between them.
    fn listed_together(
        &self,
        text: &str,
        norm: &Normalized,
        block_of: &BlockIndex,
        a: (usize, usize, u32),
        b: (usize, usize, u32),
    ) -> bool {
        let (_, a_end) = norm.original_range(a.0, a.1);
        let (b_start, _) = norm.original_range(b.0, b.1);
        let blocks_apart = block_of.block(a.0) != block_of.block(b.0);
        a_end <= b_start && separates_list_items(&text[a_end..b_start], blocks_apart)
    }
}
