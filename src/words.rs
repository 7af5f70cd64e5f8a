//! Word lists shipped as data: ordinary English words (for the alias lint and bare tickers) and
//! the words that make a text block financial.

use std::collections::HashSet;
use std::sync::OnceLock;

const COMMON_WORDS: &str = include_str!("../data/common-words.txt");

/// Words that mark a block as talking about securities, so a bare uppercase ticker may count.
pub const FINANCIAL_CONTEXT: &[&str] = &[
    "stock", "stocks", "share", "shares", "shareholder", "shareholders", "ticker", "symbol",
    "equity", "equities", "etf", "fund", "funds", "holding", "holdings", "portfolio", "dividend",
    "dividends", "invest", "investing", "investment", "investments", "investor", "investors",
    "divest", "divestment", "market cap", "securities", "nasdaq", "nyse", "exchange", "ipo",
    "earnings", "bond", "bonds", "index", "s&p 500", "dow jones", "brokerage", "buy rating",
    "sell rating", "price target",
];

/// The common-word list, lowercase.
pub fn common_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        COMMON_WORDS
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// True if `folded` (already case-folded) is an ordinary English word.
pub fn is_common_word(folded: &str) -> bool {
    common_words().contains(folded)
}
