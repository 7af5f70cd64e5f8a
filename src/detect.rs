//! A page's language when the page does not declare one: told by its script, else by the function
//! words it uses most (`data/words/function-words.tsv`, 30 a language, made from wordfreq).
//!
//! A trigram detector (whatlang) would add about 290 KB to the WebAssembly, about half of what
//! it holds now; counting "und", "the", "avec" is enough for a shop page's thousands of words, and both
//! paths (`backstory scan` and the extension) call this one routine on the same sample. The same
//! words tell the judge a sentence of the page's language (`is_function_word`).

use std::collections::HashMap;
use std::sync::OnceLock;

const FUNCTION_WORDS: &str = include_str!("../data/words/function-words.tsv");

/// How much text a page's language is told from: the extension's first batch holds this many
/// UTF-16 units of the page's text, and `backstory scan` takes the same from its visible text.
pub const SAMPLE_UNITS: usize = 32768;
/// Function words needed before a language is named at all.
const MIN_HITS: u32 = 3;
/// How far ahead of the runner-up the named language must be.
const MIN_LEAD: f64 = 1.5;
/// The share of letters a script must have to name its language outright.
const SCRIPT_SHARE: f64 = 0.3;

/// Languages and their function words, and each word's languages.
struct Table {
    langs: Vec<&'static str>,
    by_word: HashMap<&'static str, Vec<usize>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut langs = Vec::new();
        let mut by_word: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for line in FUNCTION_WORDS.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            let Some((lang, words)) = line.split_once('\t') else { continue };
            for w in words.split_whitespace() {
                by_word.entry(w).or_default().push(langs.len());
            }
            langs.push(lang);
        }
        Table { langs, by_word }
    })
}

/// The first `SAMPLE_UNITS` UTF-16 units of `text`, cut at a character boundary.
pub fn sample(text: &str) -> &str {
    let mut units = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > SAMPLE_UNITS {
            return &text[..i];
        }
    }
    text
}

/// The language of `text` as a primary subtag ("de"), or None when neither its script nor its
/// words say so clearly.
pub fn detect_language(text: &str) -> Option<&'static str> {
    let text = sample(text);
    let (mut letters, mut kana, mut han, mut hangul, mut arabic, mut hebrew, mut greek) = (0u32, 0, 0, 0, 0, 0, 0);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        match c as u32 {
            0x3040..=0x30FF => kana += 1,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => han += 1,
            0xAC00..=0xD7AF | 0x1100..=0x11FF => hangul += 1,
            0x0600..=0x06FF | 0x0750..=0x077F => arabic += 1,
            0x0590..=0x05FF => hebrew += 1,
            0x0370..=0x03FF => greek += 1,
            _ => {}
        }
    }
    if letters == 0 {
        return None;
    }
    let share = |n: u32| f64::from(n) / f64::from(letters);
    // Japanese writes kana between its kanji; Chinese has none.
    if share(kana) >= 0.05 && share(kana + han) >= SCRIPT_SHARE {
        return Some("ja");
    }
    for (n, lang) in [(han, "zh"), (hangul, "ko"), (arabic, "ar"), (hebrew, "he"), (greek, "el")] {
        if share(n) >= SCRIPT_SHARE {
            return Some(lang);
        }
    }
    let t = table();
    let mut hits = vec![0u32; t.langs.len()];
    for word in text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 2) {
        let lower = word.to_lowercase().replace('ς', "σ");
        if let Some(langs) = t.by_word.get(lower.as_str()) {
            for &l in langs {
                hits[l] += 1;
            }
        }
    }
    let mut ranked: Vec<(u32, usize)> = hits.iter().copied().zip(0..).collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let (best, lang) = ranked[0];
    let second = ranked.get(1).map_or(0, |r| r.0);
    (best >= MIN_HITS && f64::from(best) >= MIN_LEAD * f64::from(second)).then(|| t.langs[lang])
}

/// Whether `word` (lowercase) is one of `lang`'s function words: a word of a sentence in that
/// language and hardly any other (the judge's rule `name-in-sentence`).
pub fn is_function_word(word: &str, lang: &str) -> bool {
    let t = table();
    t.by_word.get(word).is_some_and(|ls| ls.iter().any(|&i| t.langs[i] == lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_by_their_words_and_scripts() {
        let cases = [
            ("Der Kühlschrank ist sehr leise und hat ein großes Gefrierfach, das mit wenig Strom auskommt.", Some("de")),
            ("Livraison gratuite pour toutes les commandes, avec retour possible sous trente jours dans nos magasins.", Some("fr")),
            ("Envío gratis en todos los pedidos de más de 50 euros, y también puedes devolver tus productos cuando quieras.", Some("es")),
            ("Gratis verzending voor alle bestellingen, en je kunt het product binnen dertig dagen terugsturen naar ons.", Some("nl")),
            ("The fridge is quiet and has a large freezer that uses little power, with free delivery.", Some("en")),
            ("大容量の冷蔵庫です。静かで省エネ、送料無料でお届けします。", Some("ja")),
            ("大容量冰箱，静音节能，全国包邮，七天无理由退货。", Some("zh")),
            ("Price 199.99 SKU 12345", None),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(detect_language(text), want, "{text}");
        }
    }

    #[test]
    fn the_sample_ends_on_a_character_boundary() {
        let text = "😀".repeat(SAMPLE_UNITS);
        assert_eq!(sample(&text).encode_utf16().count(), SAMPLE_UNITS);
    }
}
