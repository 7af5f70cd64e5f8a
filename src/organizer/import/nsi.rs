//! The name-suggestion-index brand table (`wikidata, brand, category, names` with `|`-separated
//! names): every row becomes a company named after its brand, with its local spellings as aliases.
//! A name already claimed by another row is reported, not silently shared.
//!
//! NSI names shops, not words on a page, so the import adds rules a page needs (measured with
//! `make eval` on saved retail pages; each rule has a test in tests/it/import_rules.rs):
//! - rows are read in Wikidata order, lowest id first: when several rows share a name ("Walmart",
//!   "Staples"), the lowest id is the main entity and the later ones are regional chains or side
//!   businesses (Staples Canada, Walmart's fuel stations), so it keeps the name;
//! - a row's own brand name comes before every row's other names: "Loft" is the brand of Ann
//!   Taylor's Loft (Q62075137) and only a local spelling of the Japanese ロフト (Q5358428);
//! - a name that has fewer than two letters ("3", "W") is dropped;
//! - a name that is one ordinary English word (`data/english-words.txt`, a dictionary without
//!   proper names: "Staples", "Gap", "Tops", "Marathon") counts only where the page confirms it
//!   (`confirm: page`: the page also names the company otherwise, writes "staples.com", or is
//!   on staples.com): on its own shop it is the brand, elsewhere nearly always the word, and no
//!   rule of one text block tells them apart. Its `word_in` is English and the languages whose
//!   lists (`data/words/`) hold it (so for the plurals below): on a page in another language
//!   that writes ordinary words in lowercase, the name capitalized right after a function word
//!   of that language counts ("Mooie momenten met Rituals", rule `name-in-sentence`). A name NSI
//!   writes in two to four capitals is an acronym, not a word ("YETI", "JAM"), unless it is also
//!   one of the 5,000 most common words (`data/common-words.txt`: "WE", "ONLY"); an acronym of two
//!   or three capitals ("IP", "DS", "JAM"), or of two or three lowercase letters as NSI lists them
//!   ("sc"), also needs the page to confirm it. Proper nouns are not in the dictionary and count on their own:
//!   "Amazon", "Tiffany", "Columbia", "CVS";
//! - a parcel carrier's acronym (a row in a parcel locker, post depot, post office, courier or
//!   logistics category: "DPD", "GLS", "UPS") counts, in capitals, where its text block speaks of
//!   delivery in any of 25 languages (`data/delivery-words.txt` as `context`: "Kurier, DPD",
//!   "Ship by DHL"), and elsewhere still waits for the page;
//! - another name of a row that is a word is dropped (the brand name beside it names the company),
//!   by a wider dictionary that adds SCOWL's level 50 (`data/english-words-50.txt`: "Solstice" of
//!   Solstice Sunglasses); the brand's own name is not tested against it, since that level also
//!   holds "google" and "amazon";
//! - a name that is a given name ("Laura", "Pablo"; `data/given-names.txt`) counts only where the
//!   page confirms it: on shop pages it is mostly a person ("Laura Mercier", "Pablo Picasso");
//! - so does a brand named by the plural of a word ("Hoodies"; by the wider dictionary above):
//!   on a shop page, the goods;
//! - so does a phrase of ordinary words that starts with a possessive or a preposition ("My
//!   Basket", "Your Move", "At Home"): a shop's own links read like that;
//! - so does a name made only of colour words ("Black Red White"; `data/colours.txt`), and a word
//!   with an exclamation mark ("Live!") is the word;
//! - a name that is a country's ("Iceland", "Georgia"; `data/countries.txt`) or a national
//!   capital's ("París"; `data/capitals.txt`) counts only where the page confirms it too, and no
//!   name counts inside a longer country or capital name ("Costa" in "Costa Rica"): shops list
//!   every country in their footers and address forms, poster shops caption prints by city, and
//!   brands add their home city ("Delsey Paris");
//! - no name counts inside a longer English fixed expression that holds it as whole words
//!   (`data/english-phrases.txt`, WordNet's multi-word lemmas): "Prix" in "Grand Prix", "Dali" in
//!   "Salvador Dali", "Swiss" in "Swiss franc", "Deco" in "art deco" are the expression's letters;
//! - a row whose brand is written in another script than Latin ("リトルマーメイド", "绿茶餐厅")
//!   lists its translation among its names ("Little Mermaid", "Green Tea"); where that is a
//!   phrase of ordinary English words it counts only where the page confirms it: on a page in
//!   English those words are the film or the drink, and the brand's own pages use its own script;
//! - a name that is a size, unit, limit, currency or legal-form code ("XL", "LBS", "Max", "CAD", "Inc";
//!   `data/letter-codes.txt`) is dropped: shop pages print those codes everywhere;
//! - a short all-capitals name ("TVS", "SDI") and a name made only of ordinary words ("Best Buy",
//!   "west elm"; the days of the week count as ordinary words: "Tuesday Morning") keep their letter
//!   case: as written, in Title Case or in capitals (`case: exact`);
//! - accented names of four letters or more also match without their accents ("Chloé", "Chloe");
//!   shorter ones are codes that their accents tell apart ("ČD" is not "CD");
//! - each name is also matched as pages write it when NSI does not list that spelling: "&" as
//!   "and" and the reverse ("Crate and Barrel"), hyphens as spaces ("Williams Sonoma", but not
//!   "Off White", a colour, for Off-White) or left out ("Rayban"), camel case spaced on the same
//!   terms ("Media Markt" of MediaMarkt, not "Pet Smart"), "&" between letters spaced ("H & M"),
//!   and without a leading "The" ("Home Depot"). These spellings follow the rules above (a
//!   spelling that is a word, "Coop" of "Co-op", is dropped) and never take a name from another
//!   row;
//! - an optional `markets` column (country codes, `-xx` for one left out: NSI's locationSet,
//!   `scripts/nsi-markets.mjs`) scopes every name of its row (`markets` in DATASET.md): "Otto",
//!   listed only in Finland (an ATM network), is another company's name on otto.de.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::{plain, Builder, Meta, Unmapped};
use crate::dataset::{AccentPolicy, Alias, AliasRule, CasePolicy, Confirm, Dataset};
use crate::market::Markets;
use crate::words::{
    capitals, countries, english_phrases, is_colour, is_common_word, is_english_word, is_english_word_wide,
    is_given_name, is_letter_code,
};

pub fn import(input: &str, meta: Meta) -> (Dataset, Vec<Unmapped>) {
    let mut b = Builder::new(meta);
    let mut lines = input.lines().enumerate();
    let header = lines.next().map(|(_, h)| h.split('\t').map(str::trim).collect::<Vec<_>>()).unwrap_or_default();
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (Some(qid), Some(brand), Some(category), Some(names)) =
        (column("wikidata"), column("brand"), column("category"), column("names"))
    else {
        b.skip("line 1", "the header must name the columns wikidata, brand, category, names");
        return b.finish();
    };
    // Optional: the countries NSI lists the brand in (its locationSet), "fi" or "de at ch -li".
    let markets_column = column("markets");
    let mut rows: Vec<(usize, Vec<&str>)> =
        lines.map(|(n, line)| (n, line.split('\t').map(str::trim).collect())).collect();
    // Stable sort: rows without a Wikidata id keep their file order, after the others.
    rows.sort_by_key(|(_, cells)| wikidata_number(cells.get(qid).copied().unwrap_or("")));

    // First every row's own brand name, then the other names: a brand name is never taken by
    // another row's local spelling.
    let mut kept: Vec<(String, usize, Vec<&str>)> = Vec::new();
    let mut carriers: Vec<usize> = Vec::new();
    for (n, cells) in rows {
        let at = format!("line {}", n + 1);
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        if cell(brand).is_empty() {
            if cells.iter().any(|c| !c.is_empty()) {
                b.skip(at, "no brand name");
            }
            continue;
        }
        if let Some(why) = unsafe_name(cell(brand)) {
            b.skip(at, format!("brand {:?} {why}", cell(brand)));
            continue;
        }
        if let Some(owner) = b.claimed.get(&super::fold(cell(brand))) {
            let why = format!("brand {:?} is already a name of company {owner}", cell(brand));
            b.skip(at, why);
            continue;
        }
        let before = b.companies.len();
        let c =
            b.company(cell(brand), Some(&cell(qid).to_ascii_lowercase()).filter(|q| !q.is_empty()).map(String::as_str));
        if c < before {
            b.skip(at, format!("brand {:?} is listed twice", cell(brand)));
            continue;
        }
        if !cell(category).is_empty() {
            let cat = b.category(cell(category));
            b.companies[c].categories.push(cat);
        }
        b.companies[c].summary =
            format!("{} ({}), a brand listed in the name-suggestion-index.", cell(brand), cell(category));
        let rules = spellings(cell(brand));
        if rules != [plain(cell(brand))] {
            // An alias object whose text is the name gives the name its rules (DATASET.md).
            b.companies[c].aliases.extend(rules);
        }
        if CARRIER_CATEGORIES.contains(&cell(category)) {
            carriers.push(c);
        }
        kept.push((at, c, cells));
    }
    let scoped: Vec<(usize, Markets)> = match markets_column {
        Some(m) => kept.iter().filter_map(|(_, c, cells)| Some((*c, markets_of(cells.get(m)?)?))).collect(),
        None => Vec::new(),
    };

    // Then the names NSI lists, then the spellings pages use that NSI does not list; those are
    // silently left out when unsafe or already taken, so they never take a listed name.
    let mut spellings_of: Vec<(usize, &str, Vec<&str>)> = Vec::new();
    for (at, c, cells) in kept {
        let cell = |i: usize| cells.get(i).copied().unwrap_or("");
        let listed: Vec<&str> = cell(names).split('|').map(str::trim).filter(|s| !s.is_empty()).collect();
        for &name in &listed {
            if super::fold(name) == super::fold(cell(brand)) {
                continue;
            }
            if let Some(why) = unsafe_name(name).or_else(|| other_name_is_a_word(name).then_some(ORDINARY)) {
                b.skip(format!("{at}, names"), format!("{name:?} {why}"));
                continue;
            }
            if b.claim(name, c, &format!("{at}, names")) && !b.companies[c].aliases.iter().any(|a| a.text() == name) {
                b.companies[c].aliases.extend(other_name_spellings(name, cell(brand)));
            }
        }
        spellings_of.push((c, cell(brand), std::iter::once(cell(brand)).chain(listed).collect()));
    }
    for (c, brand_name, names) in spellings_of {
        for variant in names.into_iter().flat_map(page_spellings) {
            let key = super::fold(&variant);
            if unsafe_name(&variant).is_none() && !other_name_is_a_word(&variant) && !b.claimed.contains_key(&key) {
                b.claimed.insert(key, b.companies[c].id.clone());
                b.companies[c].aliases.extend(other_name_spellings(&variant, brand_name));
            }
        }
    }
    for c in carriers {
        deliver_by_context(&mut b.companies[c]);
    }
    for (c, markets) in scoped {
        scope(&mut b.companies[c], &markets);
    }
    b.finish()
}

/// The markets of a row's `markets` cell: country codes it is in, and "-xx" for those it is not;
/// none for an empty cell. NSI's locationSet, reduced to countries (`scripts/nsi-markets.mjs`).
fn markets_of(cell: &str) -> Option<Markets> {
    let mut markets = Markets::default();
    for code in cell.split_whitespace() {
        match code.strip_prefix('-') {
            Some(out) => markets.outside.push(out.to_ascii_lowercase()),
            None => markets.inside.push(code.to_ascii_lowercase()),
        }
    }
    (!markets.is_empty()).then_some(markets)
}

/// NSI's categories of parcel carriers and postal services: lockers, depots, post offices.
const CARRIER_CATEGORIES: [&str; 5] =
    ["amenity/parcel_locker", "amenity/post_depot", "amenity/post_office", "office/courier", "office/logistics"];

/// Words of delivery in 25 languages (`data/delivery-words.txt`), lowercase.
fn delivery_words() -> &'static [String] {
    static WORDS: OnceLock<Vec<String>> = OnceLock::new();
    WORDS.get_or_init(|| {
        let rows = include_str!("../../../data/delivery-words.txt").lines().filter(|l| !l.starts_with('#'));
        rows.filter_map(|row| row.split_once('\t'))
            .flat_map(|(_, words)| words.split(' '))
            .map(str::to_string)
            .collect()
    })
}

/// A carrier's acronym that waits for the page ("DPD", "UPS": short capitals name many things)
/// counts where its block speaks of delivery instead, in any language ("Kurier, DPD", "Ship by
/// DHL"), and elsewhere still waits for the page (`context` in DATASET.md). It keeps its capitals
/// there: "ups" in a sentence about deliveries is the word.
fn deliver_by_context(company: &mut crate::dataset::Company) {
    for alias in &mut company.aliases {
        let rule = alias.rule();
        if rule.confirm == Confirm::Page && short_capitals(&rule.text) {
            *alias = Alias::Ruled(AliasRule {
                confirm: Confirm::None,
                case: CasePolicy::Exact,
                context: delivery_words().to_vec(),
                // Needed on a page in any language: with `word_in` a context is needed only there.
                word_in: Vec::new(),
                ..rule
            });
        }
    }
}

/// Scopes every name of a company to its markets: a brand NSI lists only in Finland ("Otto", an
/// ATM network) is someone else's on a German page (the shop otto.de).
fn scope(company: &mut crate::dataset::Company, markets: &Markets) {
    if !company.aliases.iter().any(|a| a.text() == company.name) {
        company.aliases.insert(0, plain(&company.name));
    }
    for alias in &mut company.aliases {
        *alias = Alias::Ruled(AliasRule { markets: markets.clone(), ..alias.rule() });
    }
}

/// "Q1046951" -> 1046951; anything else sorts last.
fn wikidata_number(qid: &str) -> u64 {
    qid.strip_prefix(['Q', 'q']).and_then(|n| n.parse().ok()).unwrap_or(u64::MAX)
}

/// Why a name cannot be matched safely on a page, if it cannot.
fn unsafe_name(name: &str) -> Option<&'static str> {
    let folded = super::fold(name);
    if folded.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return Some("has fewer than two letters");
    }
    if folded.contains(' ') {
        return None;
    }
    if is_letter_code(&folded) {
        return Some("is a size, unit, limit, currency or legal-form code (data/letter-codes.txt)");
    }
    None
}

/// Why another name of a row is dropped when it is an ordinary word: confirmed by the brand name
/// beside it, "landmark" (of Landmark Cinemas) would flag the word on every page about them.
const ORDINARY: &str = "is an ordinary English word (data/english-words*.txt); only a brand's own name may be one";

/// The plural of a word, by the wider dictionary ("Hoodies", "Margaritas"): on a shop page, the
/// goods. The medium dictionary already holds the common plurals ("Staples", "Boots").
fn plural_noun(name: &str) -> bool {
    let folded = super::fold(name);
    let singular =
        [folded.strip_suffix("es"), folded.strip_suffix('s')].into_iter().flatten().any(is_english_word_wide);
    !short_capitals(name) && is_english_word_wide(&folded) && singular
}

/// Words a shop's own interface starts its labels with ("My Basket", "Your Move", "At Home").
const INTERFACE_STARTS: [&str; 7] = ["my", "your", "our", "at", "on", "in", "with"];

/// A phrase of ordinary words that starts with a possessive or a preposition: on a shop page,
/// one of its own links ("My Credit Card Account", "Your Move Tips & Advice").
fn interface_phrase(name: &str) -> bool {
    let folded = super::fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    words.len() > 1 && INTERFACE_STARTS.contains(&words[0]) && words.iter().all(|w| is_english_word(w))
}

/// A name made only of colour words, two or more ("Black Red White"): shops list colours.
fn colour_phrase(name: &str) -> bool {
    let folded = super::fold(name);
    let words: Vec<&str> = folded.split([' ', '-', '/']).filter(|w| !w.is_empty()).collect();
    words.len() >= 2 && words.iter().all(|w| is_colour(w))
}

/// One ordinary English word (`data/english-words.txt`) that is not an acronym. Written in two to
/// four capitals, a name is an acronym ("CVS", "YETI") unless the word is also one of the 5,000
/// most common ("WE", "ONLY", "UPS").
fn ordinary_word(name: &str) -> bool {
    let word = as_word(name);
    let acronym = short_capitals(name) && !is_common_word(&word);
    !word.contains(' ') && is_english_word(&word) && !acronym
}

/// A name folded as a dictionary writes its word: "Live!" is the word "live" on a page.
fn as_word(name: &str) -> String {
    super::fold(name).trim_end_matches(['!', '?', '.']).to_string()
}

/// Another name of a row (not its brand name) that is one English word, by the wider dictionary
/// (`data/english-words-50.txt` too): "Solstice" of Solstice Sunglasses. The brand name beside it
/// names the company, so the word is only dropped, never the company.
fn other_name_is_a_word(name: &str) -> bool {
    let word = as_word(name);
    ordinary_word(name) || (!word.contains(' ') && !short_capitals(name) && is_english_word_wide(&word))
}

/// The alias entries for another name of a row (or a spelling pages use): those of `spellings`,
/// waiting for the page where the name is a translation of a brand written in another script.
fn other_name_spellings(name: &str, brand: &str) -> Vec<Alias> {
    let aliases = spellings(name);
    if !(written_in_another_script(brand) && translated_phrase(name)) {
        return aliases;
    }
    aliases.into_iter().map(|a| Alias::Ruled(AliasRule { confirm: Confirm::Page, ..a.rule() })).collect()
}

/// A name with a letter outside the Latin script: "リトルマーメイド", "绿茶餐厅", "Իզի Փեյ".
fn written_in_another_script(name: &str) -> bool {
    name.chars().any(|c| c.is_alphabetic() && !is_latin_letter(c))
}

/// The Latin letters of Unicode: Basic Latin through Latin Extended-B, IPA, Latin Extended
/// Additional, -C, -D, -E and the fullwidth forms.
fn is_latin_letter(c: char) -> bool {
    matches!(c as u32, 0..=0x02AF | 0x1D00..=0x1DBF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xAB30..=0xAB6F | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A)
}

/// A name in Latin letters made of ordinary English words (and numbers): "Little Mermaid",
/// "Green Tea", "Easy Pay", "7 Days Inn" — a translation, not a coined name.
fn translated_phrase(name: &str) -> bool {
    let folded = super::fold(name);
    let words: Vec<&str> = folded.split([' ', '-']).filter(|w| !w.is_empty()).collect();
    !written_in_another_script(name)
        && words.iter().any(|w| w.chars().any(char::is_alphabetic))
        && words.iter().all(|w| is_english_word(w) || !w.chars().any(char::is_alphabetic))
}

/// Country and capital names as written and folded, folded once.
fn folded_countries() -> &'static [(&'static str, String)] {
    static FOLDED: OnceLock<Vec<(&'static str, String)>> = OnceLock::new();
    FOLDED.get_or_init(|| countries().chain(capitals()).map(|c| (c, super::fold(c))).collect())
}

/// A country's name ("Iceland", "Georgia") or a national capital's ("París"): a shop's country
/// list, store list or poster captions name it as the place.
fn is_country(name: &str) -> bool {
    let folded = super::fold(name);
    folded_countries().iter().any(|(_, c)| *c == folded)
}

/// The longer country and capital names that hold `name` as whole words ("Costa Rica" for
/// "Costa", "Wallis and Futuna" for "Wallis"): the alias never counts inside them.
fn countries_containing(name: &str) -> Vec<String> {
    let folded = super::fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    folded_countries()
        .iter()
        .filter(|(_, place)| {
            *place != folded && place.split(' ').collect::<Vec<_>>().windows(words.len()).any(|w| w == words)
        })
        .map(|(written, _)| written.to_string())
        .collect()
}

/// The English fixed expressions (`data/english-phrases.txt`), folded, by each of their words.
fn expressions_by_word() -> &'static HashMap<String, Vec<(&'static str, String)>> {
    static INDEX: OnceLock<HashMap<String, Vec<(&'static str, String)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<String, Vec<(&'static str, String)>> = HashMap::new();
        for written in english_phrases() {
            let folded = super::fold(written);
            let words: HashSet<&str> = folded.split(' ').collect();
            for word in words {
                index.entry(word.to_string()).or_default().push((written, folded.clone()));
            }
        }
        index
    })
}

/// The longer English fixed expressions that hold `name` as whole words ("Grand Prix" for
/// "Prix", "Salvador Dali" for "Dali", "art deco" for "Deco"): the name never counts inside
/// them, where the letters are the expression's, a race, a painter, a style.
fn expressions_containing(name: &str) -> Vec<String> {
    let folded = super::fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    let Some(candidates) = expressions_by_word().get(words[0]) else { return Vec::new() };
    let holds = |phrase: &str| phrase.split(' ').collect::<Vec<_>>().windows(words.len()).any(|w| w == words);
    candidates
        .iter()
        .filter(|(_, phrase)| *phrase != folded && holds(phrase))
        .map(|(written, _)| written.to_string())
        .collect()
}

/// Two to four letters, all capitals: "CVS", "YETI".
fn short_capitals(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    (2..=4).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// The days of the week: ordinary words that English writes with a capital, so the dictionary,
/// which leaves out capitalized words, does not hold them.
const WEEKDAYS: [&str; 7] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/// Short all-capitals names and names made only of ordinary words keep their letter case
/// ("Tuesday Morning", the store, is not "arrived Tuesday morning").
fn needs_exact_case(name: &str) -> bool {
    let folded = super::fold(name);
    let words: Vec<&str> = folded.split(' ').collect();
    let ordinary = |w: &&str| is_english_word(w) || WEEKDAYS.contains(w) || w.chars().all(|c| !c.is_alphabetic());
    let ordinary_phrase = words.len() > 1 && words.iter().all(ordinary);
    short_capitals(name) || ordinary_phrase
}

/// The alias entries for one name: plain, or with the case and accent rules it needs. A name
/// that keeps its case matches as written, in Title Case and in capitals: headings and logos
/// write brands in capitals ("BEST BUY"), prose in Title Case ("West Elm"), ordinary words far
/// less often.
fn spellings(name: &str) -> Vec<Alias> {
    let aliases = spelling_rules(name.trim());
    let mut longer = countries_containing(name.trim());
    longer.extend(expressions_containing(name.trim()));
    if longer.is_empty() {
        return aliases;
    }
    aliases.iter().map(|a| Alias::Ruled(AliasRule { exclude: longer.clone(), ..a.rule() })).collect()
}

fn spelling_rules(name: &str) -> Vec<Alias> {
    // Short names are codes whose accents tell them apart ("ČD" is not "CD").
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    let accents =
        if letters >= 4 && name.nfd().any(is_combining_mark) { AccentPolicy::Optional } else { AccentPolicy::Exact };
    let place_or_person = is_country(name) || is_given_name(&super::fold(name));
    let english_word = ordinary_word(name) || plural_noun(name);
    if english_word || place_or_person || colour_phrase(name) || interface_phrase(name) {
        // An English word, no person's or place's name, says which languages hold it: elsewhere
        // the page's grammar may show it is a name ("met Rituals", rule `name-in-sentence`).
        let word_in = if english_word && !place_or_person { languages_of_word(name, accents) } else { Vec::new() };
        return vec![Alias::Ruled(AliasRule {
            confirm: Confirm::Page,
            word_in,
            ..rule_of(name.to_string(), CasePolicy::Any, accents)
        })];
    }
    // Two or three capitals are an acronym a page uses for many things ("IP", "DS", "JAM"); so are
    // two or three lowercase letters, NSI's spelling of such acronyms among a row's names ("sc" of
    // Standard Chartered, "ns" of NS's OV-fiets).
    let lowercase = name.chars().all(|c| c.is_alphabetic() && c.is_lowercase());
    let acronym = letters <= 3 && (short_capitals(name) || lowercase);
    let confirm = if acronym { Confirm::Page } else { Confirm::None };
    if needs_exact_case(name) {
        let mut forms = vec![name.to_string()];
        for form in [title_case(name), name.to_uppercase()] {
            if !forms.contains(&form) {
                forms.push(form);
            }
        }
        forms
            .into_iter()
            .map(|text| Alias::Ruled(AliasRule { confirm, ..rule_of(text, CasePolicy::Exact, accents) }))
            .collect()
    } else if accents == AccentPolicy::Optional || confirm == Confirm::Page {
        vec![Alias::Ruled(AliasRule { confirm, ..rule_of(name.to_string(), CasePolicy::Any, accents) })]
    } else {
        vec![plain(name)]
    }
}

/// The languages in which `name` is an ordinary word: English, where the import's dictionary
/// found it, and those whose lists (`data/words/`) hold it.
fn languages_of_word(name: &str, accents: AccentPolicy) -> Vec<String> {
    let listed = crate::languages::ordinary_in_as_matched(name, accents);
    let mut langs: Vec<String> = std::iter::once("en").chain(listed).map(str::to_string).collect();
    langs.sort();
    langs.dedup();
    langs
}

/// "west elm" -> "West Elm": each word's first letter in capitals, the rest as written.
fn title_case(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Other spellings of `name` that pages use: "&" and "and" swapped, hyphens as spaces or left
/// out, camel case spaced, "&" between letters spaced, no leading "The".
fn page_spellings(name: &str) -> Vec<String> {
    let name = name.trim();
    let mut out = Vec::new();
    let words: Vec<&str> = name.split(' ').filter(|w| !w.is_empty()).collect();
    if words.contains(&"&") {
        out.push(words.iter().map(|w| if *w == "&" { "and" } else { w }).collect::<Vec<_>>().join(" "));
    }
    if words.iter().any(|w| w.eq_ignore_ascii_case("and")) && words.len() > 2 {
        out.push(
            words.iter().map(|w| if w.eq_ignore_ascii_case("and") { "&" } else { w }).collect::<Vec<_>>().join(" "),
        );
    }
    let chars: Vec<char> = name.chars().collect();
    // "&" glued between letters, spaced as pages also write it ("H & M" of H&M, "AT & T").
    let glued_and = (1..chars.len().saturating_sub(1))
        .any(|i| chars[i] == '&' && chars[i - 1].is_alphanumeric() && chars[i + 1].is_alphanumeric());
    if glued_and {
        out.push(name.replace('&', " & "));
    }
    // Not where the parts are ordinary words: "Off White" is the colour, "Off-White" the brand.
    let spaced = name.replace('-', " ");
    let hyphenated = (1..chars.len().saturating_sub(1))
        .any(|i| chars[i] == '-' && chars[i - 1].is_alphanumeric() && chars[i + 1].is_alphanumeric());
    if hyphenated && !super::fold(&spaced).split(' ').all(is_english_word) {
        out.push(spaced);
    }
    // And glued, as brand filters write it ("Rayban" of Ray-Ban, whose parts are words); `import`
    // drops it where that is a word itself ("Coop" of "Co-op").
    if hyphenated {
        out.push(name.replace('-', ""));
    }
    // A name written in camel case, spaced as other pages write it ("Media Markt" of MediaMarkt), on
    // the same terms as a hyphen: not where the parts are ordinary words ("Pet Smart", "Go Pro").
    let camel = split_camel_case(name);
    if camel != name && !super::fold(&camel).split(' ').all(is_english_word) {
        out.push(camel);
    }
    if let Some(rest) = words.first().filter(|w| w.eq_ignore_ascii_case("the")).map(|_| words[1..].join(" ")) {
        if !rest.is_empty() {
            out.push(rest);
        }
    }
    out.retain(|s| super::fold(s) != super::fold(name));
    out
}

/// `name` with a space where a lowercase letter meets a capital inside a word, when both parts
/// have two letters or more ("MediaMarkt", "McDonald's"; not "iPhone", "eBay").
fn split_camel_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    let mut word_start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            word_start = i + 1;
        } else if i >= word_start + 2 && c.is_uppercase() && chars[i - 1].is_lowercase() {
            let rest = chars[i..].iter().take_while(|c| c.is_alphabetic()).count();
            if rest >= 2 {
                out.push(' ');
                word_start = i;
            }
        }
        out.push(c);
    }
    out
}

fn rule_of(text: String, case: CasePolicy, accents: AccentPolicy) -> AliasRule {
    AliasRule {
        markets: Markets::default(),
        text,
        case,
        accents,
        context: Vec::new(),
        exclude: Vec::new(),
        confirm: Confirm::None,
        word_in: Vec::new(),
    }
}
