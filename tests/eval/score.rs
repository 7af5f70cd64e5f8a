//! Scoring one page: engine hits against hand labels, counted per (company, text as it appears).
//!
//! A label says "company C is named N times on this page with text T". Hits are grouped the same
//! way; up to N hits of a group are true positives, the rest false positives, and a shortfall is
//! false negatives. Counting per group rather than per offset keeps the labels writable by hand
//! (a page naming "adidas" 300 times gets one line) while still charging every extra or missing
//! badge. Labels marked `arguable` are neutral: a hit on them is neither right nor wrong.

use std::collections::BTreeMap;

/// One engine hit, as the CLI reports it.
#[derive(Debug, Clone)]
pub struct Found {
    pub company: String,
    /// The page's own text at the hit (not the dataset's alias).
    pub text: String,
    pub context: String,
    /// Byte range in the page's visible text.
    pub range: (usize, usize),
}

/// One hand label.
#[derive(Debug, Clone)]
pub struct Expected {
    pub company: String,
    pub text: String,
    pub count: usize,
    pub arguable: bool,
}

/// A false positive or false negative, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    pub company: String,
    pub text: String,
    pub context: String,
}

#[derive(Debug, Default)]
pub struct Outcome {
    pub true_positives: usize,
    pub neutral: usize,
    pub false_positives: Vec<Miss>,
    /// One entry per missing mention; `context` shows an occurrence no hit of that company covers.
    pub false_negatives: Vec<Miss>,
}

/// Scores one page. `key` folds text for comparison (case, accents, spaces); `contexts_of`
/// returns contexts of the occurrences of an expected text that no hit of its company covers.
pub fn score(
    found: &[Found],
    expected: &[Expected],
    key: impl Fn(&str) -> String,
    contexts_of: impl Fn(&Expected, &[Found]) -> Vec<String>,
) -> Outcome {
    let mut groups: BTreeMap<(String, String), Vec<&Found>> = BTreeMap::new();
    for f in found {
        groups.entry((f.company.clone(), key(&f.text))).or_default().push(f);
    }
    // Labels whose texts fold alike ("Windows® 10", "Windows 10") are one group: sum them.
    let mut merged: Vec<Expected> = Vec::new();
    for e in expected {
        match merged
            .iter_mut()
            .find(|m| m.company == e.company && key(&m.text) == key(&e.text) && m.arguable == e.arguable)
        {
            Some(m) => m.count += e.count,
            None => merged.push(e.clone()),
        }
    }
    let mut out = Outcome::default();
    for e in &merged {
        let hits = groups.remove(&(e.company.clone(), key(&e.text))).unwrap_or_default();
        if e.arguable {
            out.neutral += hits.len();
            continue;
        }
        out.true_positives += hits.len().min(e.count);
        // Which hits of a group are the extra ones cannot be told from counts; the report shows
        // the first ones and says how many were found and labeled.
        for h in hits.iter().take(hits.len().saturating_sub(e.count)) {
            let context = format!("{} [{} found, {} labeled]", h.context, hits.len(), e.count);
            out.false_positives.push(Miss { company: h.company.clone(), text: h.text.clone(), context });
        }
        let missing = e.count.saturating_sub(hits.len());
        if missing > 0 {
            let same_company: Vec<Found> = found.iter().filter(|f| f.company == e.company).cloned().collect();
            let contexts = contexts_of(e, &same_company);
            for i in 0..missing {
                let context =
                    contexts.get(i).cloned().unwrap_or_else(|| "(no uncovered occurrence of the text found)".into());
                out.false_negatives.push(Miss { company: e.company.clone(), text: e.text.clone(), context });
            }
        }
    }
    for ((_, _), hits) in groups {
        for h in hits {
            out.false_positives.push(Miss {
                company: h.company.clone(),
                text: h.text.clone(),
                context: h.context.clone(),
            });
        }
    }
    out
}

/// Byte ranges of `needle` in `haystack`, compared case-insensitively, with a word boundary on
/// both sides (a letter or digit next to the occurrence means it is part of a longer word).
pub fn occurrences(haystack: &str, needle: &str) -> Vec<(usize, usize)> {
    let (hay, pin) = (haystack.to_lowercase(), needle.to_lowercase());
    // Lowercasing can change byte lengths (rare letters); offsets would then not map back.
    if hay.len() != haystack.len() || pin.is_empty() {
        return Vec::new();
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    hay.match_indices(&pin)
        .map(|(s, m)| (s, s + m.len()))
        .filter(|&(s, e)| {
            let edge_word_start = pin.chars().next().is_some_and(char::is_alphanumeric);
            let edge_word_end = pin.chars().last().is_some_and(char::is_alphanumeric);
            let glued_before = edge_word_start && word(hay[..s].chars().last());
            let glued_after = edge_word_end && word(hay[e..].chars().next());
            !glued_before && !glued_after
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(company: &str, text: &str, at: usize) -> Found {
        Found { company: company.into(), text: text.into(), context: format!("ctx {at}"), range: (at, at + text.len()) }
    }
    fn expected(company: &str, text: &str, count: usize) -> Expected {
        Expected { company: company.into(), text: text.into(), count, arguable: false }
    }
    fn fold(s: &str) -> String {
        s.to_lowercase()
    }

    #[test]
    fn counts_extra_hits_as_false_positives_and_shortfalls_as_false_negatives() {
        let hits =
            [found("nike", "Nike", 0), found("nike", "NIKE", 10), found("nike", "nike", 20), found("gap", "Gap", 30)];
        let labels = [expected("nike", "Nike", 2), expected("target", "Target", 1)];
        let out = score(&hits, &labels, fold, |_, _| vec!["… Target …".into()]);
        assert_eq!(out.true_positives, 2);
        assert_eq!(out.false_positives.len(), 2, "one extra Nike, one unlabeled Gap: {:?}", out.false_positives);
        assert!(out.false_positives.iter().any(|m| m.company == "gap"));
        assert_eq!(
            out.false_negatives,
            vec![Miss { company: "target".into(), text: "Target".into(), context: "… Target …".into() }]
        );
    }

    #[test]
    fn a_hit_for_the_wrong_company_is_both_a_false_positive_and_a_false_negative() {
        let out =
            score(&[found("giant-food", "Giant", 0)], &[expected("giant-bicycles", "Giant", 1)], fold, |_, _| vec![]);
        assert_eq!((out.true_positives, out.false_positives.len(), out.false_negatives.len()), (0, 1, 1));
    }

    #[test]
    fn labels_whose_texts_fold_alike_are_summed() {
        let hits = [found("microsoft", "Windows 10", 0), found("microsoft", "Windows® 10", 20)];
        let labels = [expected("microsoft", "Windows 10", 1), expected("microsoft", "windows® 10", 1)];
        let fold_marks = |s: &str| s.to_lowercase().replace('®', "");
        let out = score(&hits, &labels, fold_marks, |_, _| vec![]);
        assert_eq!((out.true_positives, out.false_positives.len(), out.false_negatives.len()), (2, 0, 0));
    }

    #[test]
    fn arguable_labels_are_neutral() {
        let mut e = expected("meta", "Facebook", 1);
        e.arguable = true;
        let out = score(&[found("meta", "Facebook", 0), found("meta", "facebook", 9)], &[e], fold, |_, _| vec![]);
        assert_eq!(
            (out.true_positives, out.neutral, out.false_positives.len(), out.false_negatives.len()),
            (0, 2, 0, 0)
        );
    }

    #[test]
    fn occurrences_respect_word_boundaries_and_case() {
        assert_eq!(occurrences("Ring, during RING ringo ring.", "Ring"), vec![(0, 4), (13, 17), (24, 28)]);
        assert_eq!(occurrences("H&M and h&m", "H&M"), vec![(0, 3), (8, 11)]);
    }
}
