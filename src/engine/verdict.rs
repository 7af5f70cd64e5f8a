//! How the judge decides one candidate: one entry of a name, at one place in the page's text.
//! The page-level evidence comes first (market, own site, web address, brand label), then the
//! rejections read from the text around the name, then the kind of acceptance; the first rule
//! that decides gives the verdict (`crate::judge` names them).

use std::collections::HashSet;
use std::sync::OnceLock;

use super::{floor_char_boundary, Engine, Entry, HitKind, FINANCIAL};
use crate::dataset::{AccentPolicy, CasePolicy};
use crate::judge::Rule;
use crate::market::PageMarket;
use crate::normalize::{normalize, Fold, Normalized};
use crate::symbols;

/// A name as a site's name writes it: its ASCII letters and digits, folded ("H&M" -> "hm").
pub(super) fn host_label(name: &str) -> String {
    normalize(name, Fold::MATCH).text.chars().filter(char::is_ascii_alphanumeric).collect()
}

impl Engine {
    pub(super) fn accepts(
        &self,
        entry: &Entry,
        text: &str,
        norm: &Normalized,
        (s, e, block): (usize, usize, u32),
        contexts: &HashSet<(u32, u32)>,
        site: &Site,
    ) -> Result<Rule, Rule> {
        // On a site named after the alias ("Target" on target.com) the alias is the site's own
        // name: it needs no context words there.
        let own_site = site.is_named(entry);
        // Another company's name on this site, in this country or language: nothing else matters.
        if site.market.excludes(&entry.markets_in, &entry.markets_out, own_site) {
            return Err(Rule::OtherMarket);
        }
        let (os, oe) = norm.original_range(s, e);
        let original = &text[os..oe];
        // Whether this alias waits for the page here: everywhere, or in the page's language.
        let word_here = site.lang.as_deref().is_some_and(|l| entry.word_in.iter().any(|w| w == l));
        // A name with context words is disambiguated by them, not by the page (below).
        let waits_here = entry.waits_everywhere || (word_here && entry.context.is_empty());
        let mut outright_by = None;
        if (entry.confirm || entry.outright) && waits_here {
            let web_address = written_as_web_address(&text[oe..]);
            let labelled = labelled_as_brand(&text[..os]);
            let model = before_model_code(&text[oe..]);
            // A word of other languages only (`word_in` without the page's), which waits because
            // words travel between languages on shop pages; the page's own grammar may say it is a
            // name here.
            let in_sentence = entry.waits_everywhere
                && !entry.word_in.is_empty()
                && !word_here
                && site
                    .lang
                    .as_deref()
                    .is_some_and(|lang| capitalized_in_sentence(&text[..os], original, &text[oe..], lang));
            outright_by = [
                (own_site, Rule::OwnSite),
                (web_address, Rule::WebAddress),
                (labelled, Rule::BrandLabel),
                (model, Rule::ProductModel),
                (in_sentence, Rule::NameInSentence),
            ]
            .into_iter()
            .find_map(|(yes, rule)| yes.then_some(rule));
            if entry.outright && outright_by.is_none() {
                return Err(Rule::NotOutright);
            }
            // Such a name is an ordinary word; written in lowercase where the dataset capitalizes
            // it, it is the word ("standard size staples" on staples.com), unless a web address, a
            // brand label, a social handle or a hashtag ("@godiva", "#godiva") says otherwise.
            let handle = text[..os].ends_with(['@', '#']);
            if is_lowercase_word(original) && !is_lowercase_word(&entry.alias) && !(web_address || labelled || handle) {
                return Err(Rule::LowercaseWord);
            }
        } else if entry.confirm {
            // Not an ordinary word on this page: its outright twin, tried first, decided.
            return Err(Rule::NotOutright);
        }
        if entry.kind != HitKind::Symbol {
            if starts_model_number(&text[oe..]) {
                return Err(Rule::ModelNumber);
            }
            if cut_off_by_ellipsis(&text[oe..]) {
                return Err(Rule::CutOff);
            }
            if after_title(&text[..os]) {
                return Err(Rule::AfterTitle);
            }
        }
        if entry.kind == HitKind::Symbol {
            // The symbol rule reads the text around the ticker in its plain folded form (no marks),
            // taken from the original: tickers are rare, so this costs nothing measurable.
            let before_start = floor_char_boundary(text, os.saturating_sub(64));
            let after_end = floor_char_boundary(text, (oe + 16).min(text.len()));
            let before = normalize(&text[before_start..os], Fold::MATCH).text;
            let after = normalize(&text[oe..after_end], Fold::MATCH).text;
            let candidate = symbols::Candidate {
                before: &before,
                after: &after,
                original,
                exchange: entry.exchange.as_deref().unwrap_or_default(),
                financial_block: contexts.contains(&(block, FINANCIAL)),
            };
            return symbols::judge(&candidate).map(|_| Rule::Symbol).ok_or(Rule::NotASymbol);
        }
        // An alias with context words and `word_in` is ambiguous only in those languages ("Kindle" is
        // an English verb, on a German page Amazon's reader): elsewhere it needs no context word.
        // A page whose language is not known is treated as one where it is ambiguous.
        let ambiguous_here = entry.word_in.is_empty() || site.lang.is_none() || word_here;
        let by_context = !entry.context.is_empty() && !own_site && ambiguous_here;
        // No context word in its block: the name waits for the page to name the company otherwise
        // (a shop's list of Canon products says "Canon EOS" somewhere), as an ordinary word does.
        let without_context = by_context && !entry.context.iter().any(|c| contexts.contains(&(block, *c)));
        let loose_case = entry.case == CasePolicy::Any;
        let loose_accents = entry.accents == AccentPolicy::Optional;
        let written_right = (loose_case && (loose_accents || (original.is_ascii() && entry.verify_form.is_ascii())))
            || normalize(original, Fold::policy(loose_case, loose_accents)).text == entry.verify_form;
        if !written_right {
            return Err(Rule::WrongCase);
        }
        Ok(if without_context {
            Rule::ContextOnPage
        } else if entry.confirm {
            if word_here && !entry.waits_everywhere {
                Rule::OrdinaryWordInLanguage
            } else {
                Rule::OrdinaryWord
            }
        } else if let Some(rule) = outright_by {
            rule
        } else if own_site && !entry.context.is_empty() {
            Rule::OwnSite
        } else if by_context {
            Rule::ContextWord
        } else {
            Rule::Name
        })
    }
}

/// Whether the text right after a name makes it a web address: ".com", ".co.uk", ".de", ...
/// (Not a trademark sign: "®" marks a whole product name, "City Select®", "Crimson Sky™".)
fn written_as_web_address(after: &str) -> bool {
    const DOMAINS: [&str; 24] = [
        "com", "net", "org", "co", "shop", "store", "us", "ca", "uk", "ie", "de", "at", "ch", "fr", "be", "nl", "it",
        "es", "se", "dk", "au", "nz", "in", "jp",
    ];
    let Some(rest) = after.strip_prefix('.') else { return false };
    let label = &rest[..rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len())];
    // "staples.com", "GAP.COM"; not "…at Staples.In 2020", a missing space.
    let one_case = label.bytes().all(|b| b.is_ascii_lowercase()) || label.bytes().all(|b| b.is_ascii_uppercase());
    // "around the house.it is so pretty": a domain that is also an English word, then a space
    // and a lowercase word, is a sentence missing the space after its full stop.
    const WORD_DOMAINS: [&str; 5] = ["at", "be", "in", "it", "us"];
    let sentence_goes_on = WORD_DOMAINS.iter().any(|d| label.eq_ignore_ascii_case(d)) && {
        let next = rest[label.len()..].strip_prefix(' ').unwrap_or_default();
        next.chars().next().is_some_and(char::is_lowercase)
    };
    one_case && !sentence_goes_on && DOMAINS.iter().any(|d| label.eq_ignore_ascii_case(d))
}

/// The words shops print before a product's brand, in every language with a word list
/// (`data/brand-labels.txt`): "brand", "Marke", "marque", "品牌". Lowercase, longest first.
fn brand_labels() -> &'static [String] {
    static LABELS: OnceLock<Vec<String>> = OnceLock::new();
    LABELS.get_or_init(|| {
        let rows = include_str!("../../data/brand-labels.txt").lines().filter(|l| !l.starts_with('#'));
        let mut labels: Vec<String> =
            rows.filter_map(|l| Some(l.split_once('\t')?.1.trim().to_lowercase())).filter(|l| !l.is_empty()).collect();
        labels.sort_by_key(|l| std::cmp::Reverse(l.len()));
        labels.dedup();
        labels
    })
}

/// Whether the text right before a name labels it as a brand: "Brand: PUMA", "Vendor : CHAMPION
/// PRODUCTS", "Marke: LG", a "Brand" heading over the name, as product pages print their item
/// specifics, in the page's language or another.
fn labelled_as_brand(before: &str) -> bool {
    // The label, then only spaces, block breaks (U+2029 is white space) and one colon.
    let trimmed = before.trim_end();
    let trimmed = trimmed.strip_suffix([':', '\u{ff1a}']).unwrap_or(trimmed).trim_end();
    // Every waiting name asks this: a label whose last letter is not the text's is ruled out
    // without lowercasing anything.
    let Some(last) = trimmed.chars().next_back() else { return false };
    brand_labels()
        .iter()
        .filter(|label| label.chars().next_back().is_some_and(|end| last.to_lowercase().eq([end])))
        .any(|label| ends_with_label(trimmed, label))
}

/// Languages that capitalize their nouns: there a capital tells no name from a word.
const NOUNS_CAPITALIZED: [&str; 2] = ["de", "lb"];

/// Whether `name` is written capitalized ("Rituals", "Whole Foods") right after one lowercase
/// function word of `lang` and one space ("met Rituals"): mid-sentence, in a language that writes
/// its ordinary words in lowercase, a capital marks a name. The function words
/// (`data/words/function-words.tsv`) are the language's own, so the sentence is in it. A
/// capitalized word right after the name makes it part of a phrase in title case ("voor Power
/// Bank"), which tells no name.
fn capitalized_in_sentence(before: &str, name: &str, after: &str, lang: &str) -> bool {
    if after.strip_prefix(' ').is_some_and(|next| next.starts_with(char::is_uppercase)) {
        return false;
    }
    let capitalized = |word: &str| {
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase)
    };
    if NOUNS_CAPITALIZED.contains(&lang) || !name.split(' ').all(capitalized) {
        return false;
    }
    let Some(words) = before.strip_suffix(' ') else { return false };
    let word_start = words.trim_end_matches(|c: char| c.is_alphabetic()).len();
    let word = &words[word_start..];
    let starts_word = !words[..word_start].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '-');
    !word.is_empty()
        && starts_word
        && word.chars().all(char::is_lowercase)
        && crate::detect::is_function_word(word, lang)
}

/// Whether `text` ends with `label` (lowercase) as a word of its own, whatever its letter case. In
/// a script written without spaces the label has no word boundary to check ("商品品牌").
fn ends_with_label(text: &str, label: &str) -> bool {
    let chars = label.chars().count();
    let Some((at, _)) = text.char_indices().rev().nth(chars - 1) else { return false };
    let unspaced = label.chars().any(crate::normalize::is_unspaced_script);
    text[at..].to_lowercase() == label
        && (unspaced || !text[..at].chars().next_back().is_some_and(char::is_alphanumeric))
}

/// Whether the text right after a name makes it the start of a model number: "MFC-L6800DW",
/// "RD-M8000" are printers and derailleurs, not the companies that share those letters.
fn starts_model_number(after: &str) -> bool {
    let Some(rest) = after.strip_prefix('-') else { return false };
    let code = &rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())];
    code.chars().any(|c| c.is_ascii_digit())
}

/// Whether a manufacturer's model number follows the name after one space: "LG 25UM58-P", "LG
/// OLED65C36LC". A model number here is a word of capitals, digits and hyphens made of at least four
/// alternating runs of letters and digits (25|UM|58|P): a shop's article number after a colour
/// ("Green BS3682"), a part code ("PRIME Z270-A", "Code FIVE4U") or a size ("128GB") alternates
/// less, and a word with lowercase letters ("Gen2") is not one.
fn before_model_code(after: &str) -> bool {
    const MIN_RUNS: usize = 4;
    let Some(rest) = after.strip_prefix(' ') else { return false };
    let word = &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-')).unwrap_or(rest.len())];
    if word.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let kinds = word.bytes().filter(|b| *b != b'-').map(|b| b.is_ascii_digit());
    let runs = kinds.clone().zip(kinds.skip(1)).filter(|(a, b)| a != b).count() + 1;
    runs >= MIN_RUNS
}

/// Whether an ellipsis right after the name cuts the text off there: "Counter Stool Meta…" is a
/// title cut inside "Metal", "if you have babi..." a review cut inside "babies". Where a shop cuts
/// its text, the letters before the ellipsis may be the start of any longer word.
fn cut_off_by_ellipsis(after: &str) -> bool {
    after.starts_with('\u{2026}') || after.starts_with("...")
}

/// Whether a title and its full stop right before the name make it a person's: "Dr. Harvey's",
/// "Mr. Wilson". A brand that begins with a title ("Dr. Martens") is matched whole by its own
/// longer alias; without the full stop, "MS" may be Microsoft ("MS Surface").
fn after_title(before: &str) -> bool {
    const TITLES: [&str; 10] = ["Dr", "DR", "Mr", "MR", "Mrs", "MRS", "Ms", "MS", "Prof", "PROF"];
    let Some(rest) = before.strip_suffix(". ") else { return false };
    TITLES
        .iter()
        .any(|t| rest.strip_suffix(t).is_some_and(|head| !head.chars().next_back().is_some_and(char::is_alphanumeric)))
}

/// Letters, all of them lowercase: "staples", not "Staples", "STAPLES" or "H&M".
fn is_lowercase_word(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_uppercase)
}

/// What the judge knows of the page beyond its text: the site's own name, from its address, and
/// the page's language.
pub(super) struct Site {
    /// The label before the public suffix, without hyphens: "mango" for "shop.mango.com",
    /// "argos" for "www.argos.co.uk"; empty for an IP address or a bare name.
    name: String,
    /// The page's language as a primary subtag (`Page::lang`).
    lang: Option<String>,
    /// What the host and language tell of the page's market.
    market: PageMarket,
}

impl Site {
    pub(super) fn new(host: Option<&str>, lang: Option<&str>) -> Site {
        let host = host.unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
        let labels: Vec<&str> = host.split('.').collect();
        // "co.uk", "com.au": a generic second level under a country code is part of the suffix.
        let suffix = match labels.as_slice() {
            [.., second, last] if last.len() == 2 && ["co", "com", "org", "net", "ac", "gov"].contains(second) => 2,
            _ => 1,
        };
        let numeric = labels.last().is_some_and(|l| l.chars().all(|c| c.is_ascii_digit()));
        let name = match labels.len().checked_sub(suffix + 1) {
            Some(i) if !numeric => labels[i].replace('-', ""),
            _ => String::new(),
        };
        Site { name, lang: lang.map(str::to_string), market: PageMarket::new(Some(&host), lang) }
    }

    /// Whether the site is named after the entry's alias: "mango" for "MANGO" on shop.mango.com,
    /// "hm" for "H&M" on www2.hm.com, and with "&" read as "and", "bedbathandbeyond" for "Bed
    /// Bath & Beyond". Not a company's other domains: Amazon's include imdb.com, where "Ring" is a
    /// film. A one-letter name is never a site's.
    fn is_named(&self, entry: &Entry) -> bool {
        if entry.host_label.len() < 2 {
            return false;
        }
        // The spelled-out label is made only for a site whose name could be it: this runs for every
        // candidate of every scan.
        self.name == entry.host_label
            || (entry.alias.contains('&')
                && self.name.contains("and")
                && self.name == host_label(&entry.alias.replace('&', " and ")))
    }
}
