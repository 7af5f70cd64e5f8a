//! The stock-symbol rule: when a ticker found in text really names a listed company.
//!
//! A ticker counts when any one of these holds (checked in this order):
//! 1. an exchange prefix names its exchange: "NASDAQ: AMZN", "NASDAQ:AMZN", "(NYSE: GEO)",
//!    "NASDAQ & TASE: ESLT" (any exchange in such a list may be the one);
//! 2. it is a cashtag written in capitals: "$AMZN";
//! 3. it carries a Reuters-style suffix of its exchange, in capitals: "AMZN.O";
//! 4. it stands bare, written in capitals, is at least two characters, is not all digits, is not an
//!    ordinary English word, and its text block has a financial context word ("shares", "stock",
//!    "NYSE", ...). So "CAT" in "CAT toy" never counts, and neither does "GEO" in a travel blurb.
//!
//! A prefix naming a different exchange rejects the ticker outright: "NYSE: AMZN" is not Amazon.

use crate::exchanges;
use crate::words;

/// What the rule needs to know about one candidate.
pub struct Candidate<'a> {
    /// Normalized (case-folded) text before the ticker, at most a few dozen bytes are read.
    pub before: &'a str,
    /// Normalized text after the ticker.
    pub after: &'a str,
    /// The ticker exactly as written on the page.
    pub original: &'a str,
    /// Canonical exchange of the dataset's symbol.
    pub exchange: &'a str,
    /// Whether the candidate's text block has a financial context word.
    pub financial_block: bool,
}

/// Why a candidate counts, or `None` when it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Evidence {
    ExchangePrefix,
    Cashtag,
    Suffix,
    FinancialContext,
}

pub fn judge(c: &Candidate) -> Option<Evidence> {
    match prefix_exchanges(c.before) {
        Prefix::Names(list) if list.contains(&c.exchange) => return Some(Evidence::ExchangePrefix),
        Prefix::Names(_) => return None,
        Prefix::None => {}
    }
    let capitals = is_capitals(c.original);
    if capitals && c.before.ends_with('$') && !ends_with_word_char(&c.before[..c.before.len() - 1]) {
        return Some(Evidence::Cashtag);
    }
    if let Some(rest) = c.after.strip_prefix('.') {
        let suffix: String = rest.chars().take_while(|ch| ch.is_ascii_alphabetic()).collect();
        if !suffix.is_empty() {
            if let Some(exchange) = exchanges::by_suffix(&suffix) {
                let next = rest[suffix.len()..].chars().next();
                let clean_end = next.is_none_or(|n| !crate::normalize::is_word_char(n));
                if clean_end && capitals {
                    return (exchange == c.exchange).then_some(Evidence::Suffix);
                }
            }
        }
    }
    let folded = c.original.to_lowercase();
    if capitals
        && c.original.chars().count() >= 2
        && !c.original.chars().all(|ch| ch.is_ascii_digit())
        && !words::is_common_word(&folded)
        && c.financial_block
    {
        return Some(Evidence::FinancialContext);
    }
    None
}

enum Prefix {
    None,
    Names(Vec<&'static str>),
}

/// Reads "EXCH:", "EXCH :" or "EXCH & EXCH2:" right before the ticker.
fn prefix_exchanges(before: &str) -> Prefix {
    let trimmed = before.trim_end_matches(' ');
    let Some(head) = trimmed.strip_suffix(':') else {
        return Prefix::None;
    };
    let head = head.trim_end_matches(' ');
    // Take the tail made only of exchange-list characters, then split it into names.
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, ch)| ch.is_ascii_alphanumeric() || matches!(ch, ' ' | '&' | ',' | '/'))
        .last()
        .map_or(head.len(), |(i, _)| i);
    let mut names = Vec::new();
    let tail = &head[start..];
    for part in tail.split(['&', ',', '/']) {
        let part = part.trim().trim_start_matches("and ").trim();
        if part.is_empty() {
            continue;
        }
        // "Amazon.com Inc NASDAQ" -> only the last words can be an exchange name.
        let mut found = exchanges::canonical(part);
        if found.is_none() {
            let words: Vec<&str> = part.split(' ').collect();
            for take in (1..=words.len().min(3)).rev() {
                let candidate = words[words.len() - take..].join(" ");
                if let Some(code) = exchanges::canonical(&candidate) {
                    found = Some(code);
                    break;
                }
            }
        }
        if let Some(code) = found {
            names.push(code);
        }
    }
    if names.is_empty() {
        Prefix::None
    } else {
        Prefix::Names(names)
    }
}

fn is_capitals(s: &str) -> bool {
    s.chars().any(|c| c.is_uppercase()) && !s.chars().any(|c| c.is_lowercase())
}

fn ends_with_word_char(s: &str) -> bool {
    s.chars().next_back().is_some_and(crate::normalize::is_word_char)
}
