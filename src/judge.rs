//! The judge's vocabulary: every verdict a candidate name can get and the named rule behind it.
//!
//! Aho-Corasick finds candidates; `Engine` judges each by the rules below (`Engine::accepts`: the
//! page-level evidence first, then the rejections, then the kind of acceptance), and the first
//! rule that decides gives the verdict. The same table serves the
//! extension (the card's "Why this badge"), `backstory scan --explain` and the tests
//! (`tests/it/judge_table.rs` holds one row per rule), so a rule cannot exist without its words and
//! its example.

/// What the judge says of one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// A mention of the company: badge it.
    Flag,
    /// Maybe the company: it stands only where the page names the company otherwise (`confirm`).
    Wait,
    /// Not a mention.
    Reject,
}

/// One row of the rule table. The discriminant is what crosses the WebAssembly boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Rule {
    /// The dataset's name, with its case and accent policy met.
    Name = 0,
    /// A name that needs context words found one in the same text block.
    ContextWord = 1,
    /// The page is the site named after the name ("Gap" on gap.com).
    OwnSite = 2,
    /// Written as a web address ("staples.com").
    WebAddress = 3,
    /// Written after a brand label ("Brand: Staples").
    BrandLabel = 4,
    /// A stock symbol with its exchange, a `$` or a financial context.
    Symbol = 5,
    /// The dataset says the page must confirm the name everywhere (`confirm: page`): it is also an
    /// ordinary word, an abbreviation or a person's name.
    OrdinaryWord = 6,
    /// The name is an ordinary word in the page's language (`word_in`).
    OrdinaryWordInLanguage = 7,
    /// Written in another case or with other accents than the dataset allows.
    WrongCase = 8,
    /// A name that needs a context word has none in its block: it waits for the page to name the
    /// company otherwise ("Canon" in a list of B&H's Canon products that says "Canon EOS" elsewhere).
    ContextOnPage = 9,
    /// Inside a phrase the dataset excludes ("ring size").
    Excluded = 10,
    /// Written in lowercase where the dataset capitalizes a name that is also a word.
    LowercaseWord = 11,
    /// The start of a model number ("RD-M8000").
    ModelNumber = 12,
    /// Cut off by an ellipsis: the letters may be the start of a longer word ("Meta…").
    CutOff = 13,
    /// A person's name after a title ("Dr. Harvey").
    AfterTitle = 14,
    /// Letters that look like a ticker with nothing saying they are one.
    NotASymbol = 15,
    /// A name that names its company only when written as a web address, after a brand label,
    /// before a model number or on its own site, and is none of those here.
    NotOutright = 16,
    /// Overlapped by a longer or earlier name that won the place.
    Overlapped = 17,
    /// The page's product data (JSON-LD, microdata, Open Graph) names it as the product's brand.
    StructuredData = 18,
    /// The dataset scopes the name to other markets: on this page's site, country or language
    /// another company has it (`markets`).
    OtherMarket = 19,
    /// Written before a manufacturer's model number ("LG 25UM58-P").
    ProductModel = 20,
    /// A name that would wait, written in a list among other companies' names that stand on their
    /// own ("Calvin Klein, Converse, Diesel"): a shop's list of the brands it carries.
    BrandList = 21,
    /// A name that waits everywhere for being a word of other languages (`confirm: page` with
    /// `word_in`), written capitalized right after a function word of the page's language, which
    /// writes its ordinary words in lowercase: "Mooie momenten met Rituals" on a Dutch page.
    NameInSentence = 22,
}

/// Every rule, in table order.
pub const RULES: [Rule; 23] = [
    Rule::Name,
    Rule::ContextWord,
    Rule::OwnSite,
    Rule::WebAddress,
    Rule::BrandLabel,
    Rule::Symbol,
    Rule::OrdinaryWord,
    Rule::OrdinaryWordInLanguage,
    Rule::WrongCase,
    Rule::ContextOnPage,
    Rule::Excluded,
    Rule::LowercaseWord,
    Rule::ModelNumber,
    Rule::CutOff,
    Rule::AfterTitle,
    Rule::NotASymbol,
    Rule::NotOutright,
    Rule::Overlapped,
    Rule::StructuredData,
    Rule::OtherMarket,
    Rule::ProductModel,
    Rule::BrandList,
    Rule::NameInSentence,
];

impl Rule {
    /// The rule from its number, as `scan` hands it to JavaScript.
    pub fn from_code(code: u32) -> Option<Rule> {
        RULES.get(usize::try_from(code).ok()?).copied()
    }

    pub fn verdict(self) -> Verdict {
        match self {
            Rule::Name
            | Rule::ContextWord
            | Rule::OwnSite
            | Rule::WebAddress
            | Rule::BrandLabel
            | Rule::Symbol
            | Rule::StructuredData
            | Rule::ProductModel
            | Rule::BrandList
            | Rule::NameInSentence => Verdict::Flag,
            Rule::OrdinaryWord | Rule::OrdinaryWordInLanguage | Rule::ContextOnPage => Verdict::Wait,
            _ => Verdict::Reject,
        }
    }

    /// A stable id for reports and data files.
    pub fn id(self) -> &'static str {
        match self {
            Rule::Name => "name",
            Rule::ContextWord => "context-word",
            Rule::OwnSite => "own-site",
            Rule::WebAddress => "web-address",
            Rule::BrandLabel => "brand-label",
            Rule::Symbol => "symbol",
            Rule::OrdinaryWord => "ordinary-word",
            Rule::OrdinaryWordInLanguage => "ordinary-word-in-language",
            Rule::WrongCase => "wrong-case",
            Rule::ContextOnPage => "context-on-page",
            Rule::Excluded => "excluded",
            Rule::LowercaseWord => "lowercase-word",
            Rule::ModelNumber => "model-number",
            Rule::CutOff => "cut-off",
            Rule::AfterTitle => "after-title",
            Rule::NotASymbol => "not-a-symbol",
            Rule::NotOutright => "not-outright",
            Rule::Overlapped => "overlapped",
            Rule::StructuredData => "structured-data",
            Rule::OtherMarket => "other-market",
            Rule::ProductModel => "product-model",
            Rule::BrandList => "brand-list",
            Rule::NameInSentence => "name-in-sentence",
        }
    }

    /// The rule in plain words, completing "Badged because …" or "Left alone because …".
    pub fn words(self) -> &'static str {
        match self {
            Rule::Name => "the text is one of the dataset's names for this company",
            Rule::ContextWord => "the name is ambiguous and a word nearby says it is meant here",
            Rule::OwnSite => "this page is the site named after it",
            Rule::WebAddress => "it is written as a web address",
            Rule::BrandLabel => "it follows a brand label",
            Rule::Symbol => "it is a stock symbol, with its exchange, a $ sign or talk of shares",
            Rule::OrdinaryWord => {
                "the name can also mean something else (a word, an abbreviation, a person), so the page must name the company otherwise"
            }
            Rule::OrdinaryWordInLanguage => {
                "the name is an ordinary word in this page's language, so the page must name the company otherwise"
            }
            Rule::WrongCase => "it is written in another case or with other accents than the name",
            Rule::ContextOnPage => {
                "the name is ambiguous and nothing nearby says it is meant, so the page must name the company otherwise"
            }
            Rule::Excluded => "it is part of a phrase the dataset excludes",
            Rule::LowercaseWord => "it is written in lowercase, as the ordinary word",
            Rule::ModelNumber => "it starts a model number",
            Rule::CutOff => "an ellipsis cuts the text there, so it may be part of a longer word",
            Rule::AfterTitle => "a title before it makes it a person's name",
            Rule::NotASymbol => "nothing says these letters are a stock symbol",
            Rule::NotOutright => {
                "this name counts only as a web address, after a brand label, before a model number or on its own site"
            }
            Rule::Overlapped => "a longer or earlier name takes its place",
            Rule::StructuredData => "the page's product data names it as the product's brand",
            Rule::OtherMarket => {
                "the dataset says another company has this name on this site, in this country or language"
            }
            Rule::ProductModel => "a product's model number follows it",
            Rule::BrandList => "it stands in a list among other brands' names",
            Rule::NameInSentence => "it is capitalized mid-sentence, in a language that writes ordinary words in lowercase",
        }
    }
}

/// A page's language as the judge compares it: the primary subtag of a language tag, lowercase
/// ("fr" for "fr-CA", "zh" for "zh-Hant-TW"); None for an empty or malformed tag.
pub fn primary_language(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    ((2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_in_table_order() {
        for (i, rule) in RULES.iter().enumerate() {
            assert_eq!(*rule as usize, i);
            assert_eq!(Rule::from_code(i as u32), Some(*rule));
        }
        assert_eq!(Rule::from_code(RULES.len() as u32), None);
    }

    /// `confirm: page` is set for acronyms ("BMW", "DPD") and given names as well as for words: the
    /// explanation called "BMW" an ordinary word.
    #[test]
    fn confirm_page_is_explained_by_every_reason_for_it() {
        let words = Rule::OrdinaryWord.words();
        for reason in ["a word", "an abbreviation", "a person"] {
            assert!(words.contains(reason), "{words}");
        }
    }

    #[test]
    fn language_tags() {
        assert_eq!(primary_language("fr-CA").as_deref(), Some("fr"));
        assert_eq!(primary_language("zh_Hant_TW").as_deref(), Some("zh"));
        assert_eq!(primary_language(" EN ").as_deref(), Some("en"));
        assert_eq!(primary_language(""), None);
        assert_eq!(primary_language("x"), None);
        assert_eq!(primary_language("12"), None);
    }
}
