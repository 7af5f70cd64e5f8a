//! Property tests: hits are well-formed UTF-16 ranges, and scan agrees with a slow reference matcher.
//!
//! The reference matcher knows nothing of the engine: it folds text one character at a time with
//! the documented rules, restricted to the small alphabet generated here, tries every span of the
//! original text, checks word boundaries and each alias's case and accent policy, and resolves
//! leftmost-longest. Keeping the alphabet small is what keeps the reference obviously correct.

use backstory::{Dataset, Engine, Hit};
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;
use serde_json::json;

use crate::common::dataset::{self as fixture, company, with};
use crate::common::TEST_DATASET as FIXTURE;

/// `config`, replaying the failures found before from `properties.proptest-regressions` beside this
/// file, where a new one is also saved. Said here because proptest's default (`SourceParallel`)
/// would look for `tests/proptest-regressions/properties.txt` now that `tests/it/` has a main.rs.
fn replaying(config: ProptestConfig) -> ProptestConfig {
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..config
    }
}

/// Every hit is a non-empty range inside the text that starts and ends on a character boundary
/// (never between the two halves of a surrogate pair); hits are sorted and do not overlap.
fn assert_well_formed(text: &str, hits: &[Hit]) -> Result<(), TestCaseError> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let is_low_surrogate = |at: u32| units.get(at as usize).is_some_and(|u| (0xDC00..0xE000).contains(u));
    let mut previous_end = 0;
    for h in hits {
        prop_assert!(h.start < h.end && h.end as usize <= units.len(), "bad range {h:?} in {} units", units.len());
        prop_assert!(!is_low_surrogate(h.start) && !is_low_surrogate(h.end), "{h:?} splits a surrogate pair");
        prop_assert!(h.start >= previous_end, "{h:?} overlaps or precedes the previous hit");
        previous_end = h.end;
    }
    Ok(())
}

/// Pieces of page text around the fixture's names: astral characters, marks, symbols, scripts.
fn fixture_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Amazon".to_string()),
        Just("Whole Foods Market".to_string()),
        Just("NASDAQ: AMZN".to_string()),
        Just("$AMZN".to_string()),
        Just("Ring doorbell".to_string()),
        Just("Nestle\u{301}".to_string()),
        Just("ซีพีออลล์".to_string()),
        Just("阿里巴巴".to_string()),
        Just("😀".to_string()),
        Just("𠀀".to_string()),
        Just("\u{AD}".to_string()),
        Just("\u{2029}".to_string()),
        Just(" ".to_string()),
        Just("’s".to_string()),
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..16).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(replaying(ProptestConfig::default()))]

    #[test]
    fn hits_are_well_formed_on_page_like_text(text in fixture_text()) {
        let engine = Engine::from_json(FIXTURE).expect("fixture builds");
        assert_well_formed(&text, &engine.scan(&text))?;
    }

    #[test]
    fn hits_are_well_formed_on_any_text(text in any::<String>()) {
        let engine = Engine::from_json(FIXTURE).expect("fixture builds");
        assert_well_formed(&text, &engine.scan(&text))?;
    }
}

// ---- The reference matcher -------------------------------------------------------------------

/// One generated alias with its policies.
#[derive(Debug, Clone)]
struct RefAlias {
    text: String,
    /// `case: any` (Unicode case folding) rather than `exact`.
    any_case: bool,
    /// `accents: optional` rather than `exact`.
    optional_accents: bool,
}

const SOFT_HYPHEN: char = '\u{AD}';
const ACUTE: char = '\u{301}';

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{A0}'
}

/// Word characters per the documented rule (letters, digits, combining marks); for this alphabet.
fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == ACUTE
}

/// Word boundary between two characters; a text edge is always one.
fn boundary(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) => !is_word(b) || !is_word(a),
        _ => true,
    }
}

/// The documented fold, one character at a time, for exactly the generated alphabet: soft hyphens
/// vanish, each run of spaces is one space, curly apostrophes are ASCII ones, case folding lowers
/// A, B and É, and "é" is canonically "e" + U+0301, whose mark is dropped when accents are optional.
fn ref_fold(s: &str, any_case: bool, optional_accents: bool) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.chars() {
        if c == SOFT_HYPHEN {
            continue;
        }
        if is_space(c) {
            space = true;
            continue;
        }
        if std::mem::take(&mut space) && !out.is_empty() {
            out.push(' ');
        }
        let c = match (any_case, c) {
            (true, 'A') => 'a',
            (true, 'B') => 'b',
            (true, 'É') => 'é',
            _ => c,
        };
        let mark = if optional_accents { "" } else { "\u{301}" };
        match c {
            '’' => out.push('\''),
            'é' => (out.push('e'), out.push_str(mark)).1,
            'É' => (out.push('E'), out.push_str(mark)).1,
            ACUTE => out.push_str(mark),
            'a' | 'b' | 'e' | 'A' | 'B' | 'E' | '\'' | '.' | '😀' => out.push(c),
            other => panic!("reference fold does not know {other:?}"),
        }
    }
    out
}

/// Leftmost-longest matches as (UTF-16 start, UTF-16 end, alias index), by brute force.
fn reference_scan(aliases: &[RefAlias], text: &str) -> Vec<(u32, u32, u32)> {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    // UTF-16 offset of each char index.
    let mut unit = vec![0u32; n + 1];
    for (i, c) in chars.iter().enumerate() {
        unit[i + 1] = unit[i] + c.len_utf16() as u32;
    }
    let visible_before = |i: usize| chars[..i].iter().rev().copied().find(|&c| c != SOFT_HYPHEN);
    let visible_after = |j: usize| chars[j..].iter().copied().find(|&c| c != SOFT_HYPHEN);
    let mut found = Vec::new();
    for i in 0..n {
        for j in i + 1..=n {
            let (first, last) = (chars[i], chars[j - 1]);
            // A match starts on a visible character and ends on one, and takes the marks that
            // follow its last letter with it.
            if is_space(first) || first == SOFT_HYPHEN || first == ACUTE {
                continue;
            }
            if is_space(last) || last == SOFT_HYPHEN || chars.get(j) == Some(&ACUTE) {
                continue;
            }
            if !boundary(visible_before(i), Some(first)) || !boundary(Some(last), visible_after(j)) {
                continue;
            }
            // The documented ellipsis rule: letters right before "..." may be a cut-off longer word.
            if chars[j..].starts_with(&['.', '.', '.']) {
                continue;
            }
            let span: String = chars[i..j].iter().collect();
            let accepted = aliases.iter().position(|a| {
                ref_fold(&span, a.any_case, a.optional_accents) == ref_fold(&a.text, a.any_case, a.optional_accents)
            });
            if let Some(k) = accepted {
                found.push((unit[i], unit[j], k as u32));
            }
        }
    }
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut kept: Vec<(u32, u32, u32)> = Vec::new();
    for f in found {
        if kept.last().is_none_or(|k| f.0 >= k.1) {
            kept.push(f);
        }
    }
    kept
}

/// A dataset with one company whose name and aliases are the generated aliases, in order, so the
/// engine's entry `k` is alias `k`. One owner keeps validation from calling them ambiguous.
fn dataset(aliases: &[RefAlias]) -> Dataset {
    let rules: Vec<_> = aliases
        .iter()
        .map(|a| {
            json!({
                "text": a.text,
                "case": if a.any_case { "any" } else { "exact" },
                "accents": if a.optional_accents { "optional" } else { "exact" },
            })
        })
        .collect();
    let generated = with(company("c", &aliases[0].text, json!(rules)), json!({"legal_name": "Generated"}));
    fixture::parse(fixture::dataset(json!([generated]), json!([])))
}

fn alias_strategy() -> impl Strategy<Value = RefAlias> {
    let token = prop::sample::select(vec!["a", "b", "e", "A", "B", "é", "É", " ", "'", "’"]);
    (prop::collection::vec(token, 1..5), any::<bool>(), any::<bool>())
        .prop_map(|(tokens, any_case, optional_accents)| RefAlias {
            text: tokens.concat().trim().to_string(),
            any_case,
            optional_accents,
        })
        .prop_filter("an alias needs a letter", |a| a.text.chars().any(char::is_alphabetic))
}

fn text_strategy() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "a", "b", "e", "A", "B", "é", "É", "e\u{301}", "ab", "AB", " ", "\u{A0}", "'", "’", "\u{AD}", "😀", ".",
    ]);
    prop::collection::vec(token, 0..14).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(replaying(ProptestConfig::with_cases(2000)))]

    #[test]
    fn scan_agrees_with_reference(aliases in prop::collection::vec(alias_strategy(), 1..5), text in text_strategy()) {
        let engine = Engine::new(dataset(&aliases)).expect("generated dataset builds");
        prop_assert_eq!(engine.entry_count(), aliases.len());
        let hits = engine.scan(&text);
        assert_well_formed(&text, &hits)?;
        let got: Vec<(u32, u32, u32)> = hits.iter().map(|h| (h.start, h.end, h.entry)).collect();
        prop_assert_eq!(got, reference_scan(&aliases, &text), "aliases {:?}, text {:?}", aliases, text);
    }
}

/// The reference itself, on cases worked out by hand, so a bug in it cannot hide one in the engine.
#[test]
fn reference_matches_hand_worked_cases() {
    let any = |t: &str| RefAlias { text: t.into(), any_case: true, optional_accents: false };
    let loose = |t: &str| RefAlias { text: t.into(), any_case: true, optional_accents: true };
    let exact = |t: &str| RefAlias { text: t.into(), any_case: false, optional_accents: false };
    assert_eq!(reference_scan(&[any("ab")], "AB ab"), vec![(0, 2, 0), (3, 5, 0)]);
    assert_eq!(reference_scan(&[any("ab")], "aab"), vec![]);
    assert_eq!(reference_scan(&[any("a"), any("a b")], "a\u{A0} b"), vec![(0, 4, 1)]);
    assert_eq!(reference_scan(&[any("é")], "e\u{301}"), vec![(0, 2, 0)]);
    assert_eq!(reference_scan(&[any("e")], "e\u{301}"), vec![]);
    assert_eq!(reference_scan(&[loose("e")], "😀e\u{301}"), vec![(2, 4, 0)]);
    assert_eq!(reference_scan(&[exact("A")], "a A"), vec![(2, 3, 0)]);
    assert_eq!(reference_scan(&[any("a'b")], "a’b a\u{AD}b"), vec![(0, 3, 0)]);
    assert_eq!(reference_scan(&[any("ab")], "a\u{AD}b"), vec![(0, 3, 0)]);
    assert_eq!(reference_scan(&[any("e")], "e..."), vec![]);
    assert_eq!(reference_scan(&[any("e")], "e.. e."), vec![(0, 1, 0), (4, 5, 0)]);
}
