//! Table-driven tests of the engine (scan, symbols, search, domains, validation) over a test fixture.
//!
//! Shaped after BurntSushi/aho-corasick's `src/tests.rs`: each table is a list of named rows written
//! through a tiny macro, and one `#[test]` runs a whole table, reporting every failing row by name
//! rather than stopping at the first. The dataset is `tests/fixtures/test-dataset.json`, a synthetic
//! fixture (its summaries are placeholders, not campaign facts).
//!
//! A scan row lists the hits it expects as `"text as written" = "alias"`. The runner locates each
//! expected text in the haystack, in order, each search starting where the previous hit ended, and
//! compares UTF-16 offsets and the alias exactly; a row with no expected hits asserts that nothing
//! matches. The `UTF16` table spells offsets out as numbers for the cases where counting matters.

use backstory::search::SearchKind;
use backstory::validate::validate;
use backstory::{Dataset, Engine, Severity};
use serde_json::Value;

use crate::common::scan_table::{rendered, run_scan_table_on, ScanTest};
use crate::common::TEST_DATASET as FIXTURE;
use crate::scan_tests;

fn engine() -> Engine {
    Engine::from_json(FIXTURE).expect("the test fixture is a valid dataset")
}

fn run_scan_table(table: &[ScanTest]) {
    run_scan_table_on(&engine(), table);
}

scan_tests!(CASE_FOLDING {
    german_upper_umlaut: "KÄRCHER Hochdruckreiniger" => ["KÄRCHER" = "Kärcher"];
    german_lower_umlaut: "ein kärcher im Keller" => ["kärcher" = "Kärcher"];
    german_sharp_s_folds_to_ss: "GROSSMANN WERKE liefert" => ["GROSSMANN WERKE" = "Großmann Werke"];
    german_capital_sharp_s: "GROẞMANN WERKE" => ["GROẞMANN WERKE" = "Großmann Werke"];
    french_upper_accents: "SOCIÉTÉ GÉNÉRALE annonce" => ["SOCIÉTÉ GÉNÉRALE" = "Société Générale"];
    spanish_upper_accent: "TELEFÓNICA y Movistar" => ["TELEFÓNICA" = "Telefónica"];
    turkish_upper_u_umlaut: "ÜLKER bisküvi" => ["ÜLKER" = "Ülker"];
    turkish_dotted_capital_i_with_optional_accents: "İŞ BANKASI şubesi" => ["İŞ BANKASI" = "İş Bankası"];
    greek_upper_needs_optional_accents: "ΚΩΤΣΟΒΟΛΟΣ προσφορές" => ["ΚΩΤΣΟΒΟΛΟΣ" = "Κωτσόβολος"];
    greek_lower_final_sigma: "στον κωτσόβολος σήμερα" => ["κωτσόβολος" = "Κωτσόβολος"];
    cyrillic_upper: "ЯНДЕКС запустил" => ["ЯНДЕКС" = "Яндекс"];
    cyrillic_lower: "яндекс" => ["яндекс" = "Яндекс"];
    ascii_mixed_case: "aMaZoN" => ["aMaZoN" = "Amazon"];
    ascii_upper_brand: "WHOLE FOODS MARKET" => ["WHOLE FOODS MARKET" = "Whole Foods Market"];
});

scan_tests!(ACCENTS {
    optional_accent_absent: "Nestle chocolate" => ["Nestle" = "Nestlé"];
    optional_accent_present: "Nestlé chocolate" => ["Nestlé" = "Nestlé"];
    optional_accent_upper_absent: "NESTLE" => ["NESTLE" = "Nestlé"];
    optional_accent_decomposed: "Nestle\u{301} chocolate" => ["Nestle\u{301}" = "Nestlé"];
    optional_accent_spanish: "El Corte Ingles abre" => ["El Corte Ingles" = "El Corte Inglés"];
    optional_accent_spanish_upper: "EL CORTE INGLÉS" => ["EL CORTE INGLÉS" = "El Corte Inglés"];
    optional_accent_turkish_ascii: "Is Bankasi kredisi" => ["Is Bankasi" = "İş Bankası"];
    optional_accent_greek_plain: "κωτσοβολος" => ["κωτσοβολος" = "Κωτσόβολος"];
    optional_accent_arabic_bare_alef: "شركة ارامكو" => ["ارامكو" = "أرامكو"];
    optional_accent_arabic_tashkeel: "أَرَامْكُو" => ["أَرَامْكُو" = "أرامكو"];
    exact_accent_missing_german: "Karcher" => [];
    exact_accent_missing_spanish: "Telefonica" => [];
    exact_accent_missing_french: "Societe Generale" => [];
    exact_accent_missing_turkish: "Ulker" => [];
    exact_accent_decomposed_is_canonically_equal: "Ka\u{308}rcher" => ["Ka\u{308}rcher" = "Kärcher"];
    exact_accent_french_decomposed: "Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale" => ["Socie\u{301}te\u{301} Ge\u{301}ne\u{301}rale" = "Société Générale"];
    exact_accent_extra_mark_rejected: "Telefónicá" => [];
    // A combining mark after the last letter belongs to that letter, so an accent-exact alias
    // without it must not match, and an optional one must cover it.
    exact_accent_trailing_combining_mark_rejected: "Aramco\u{301} news" => [];
    exact_accent_dotted_i_not_plain_i: "Is Bankasi" => ["Is Bankasi" = "İş Bankası"];
});

scan_tests!(APOSTROPHES {
    ascii_apostrophe: "Domino's tonight" => ["Domino's" = "Domino's"];
    right_single_quote: "Domino’s tonight" => ["Domino’s" = "Domino's"];
    left_single_quote: "Domino‘s tonight" => ["Domino‘s" = "Domino's"];
    modifier_letter_apostrophe: "Dominoʼs" => ["Dominoʼs" = "Domino's"];
    fullwidth_apostrophe: "Domino＇s" => ["Domino＇s" = "Domino's"];
    upper_curly: "DOMINO’S PIZZA" => ["DOMINO’S PIZZA" = "Domino's Pizza"];
    no_apostrophe_no_match: "Dominos" => [];
    possessive_of_brand: "Zappos’s return policy" => ["Zappos" = "Zappos"];
});

scan_tests!(SPACES_AND_DASHES {
    no_break_space: "Whole\u{A0}Foods sells" => ["Whole\u{A0}Foods" = "Whole Foods"];
    narrow_no_break_space: "Whole\u{202F}Foods" => ["Whole\u{202F}Foods" = "Whole Foods"];
    two_spaces: "Whole  Foods" => ["Whole  Foods" = "Whole Foods"];
    tab: "Whole\tFoods" => ["Whole\tFoods" = "Whole Foods"];
    line_break_inside_name: "Whole\nFoods Market" => ["Whole\nFoods Market" = "Whole Foods Market"];
    crlf_inside_name: "Whole\r\nFoods" => ["Whole\r\nFoods" = "Whole Foods"];
    line_separator_inside_name: "Whole\u{2028}Foods" => ["Whole\u{2028}Foods" = "Whole Foods"];
    blank_line_splits_name: "Whole\n\nFoods" => [];
    paragraph_separator_splits_name: "Whole\u{2029}Foods" => [];
    soft_hyphen: "Ama\u{AD}zon" => ["Ama\u{AD}zon" = "Amazon"];
    zero_width_space: "Ama\u{200B}zon" => ["Ama\u{200B}zon" = "Amazon"];
    zero_width_joiner: "Ama\u{200D}zon" => ["Ama\u{200D}zon" = "Amazon"];
    zero_width_non_joiner: "Ama\u{200C}zon" => ["Ama\u{200C}zon" = "Amazon"];
    word_joiner: "Ama\u{2060}zon" => ["Ama\u{2060}zon" = "Amazon"];
    leading_bom: "\u{FEFF}Amazon" => ["Amazon" = "Amazon"];
    non_breaking_hyphen: "Mercedes\u{2011}Benz" => ["Mercedes\u{2011}Benz" = "Mercedes-Benz"];
    en_dash: "Mercedes–Benz" => ["Mercedes–Benz" = "Mercedes-Benz"];
    em_dash: "Mercedes—Benz" => ["Mercedes—Benz" = "Mercedes-Benz"];
    minus_sign: "Mercedes\u{2212}Benz" => ["Mercedes\u{2212}Benz" = "Mercedes-Benz"];
});

scan_tests!(TRADEMARKS {
    registered_after_name: "Amazon® Prime" => ["Amazon" = "Amazon"];
    trademark_after_name: "Kärcher™ K5" => ["Kärcher" = "Kärcher"];
    service_mark_after_name: "Zappos℠ shoes" => ["Zappos" = "Zappos"];
    registered_inside_long_name: "Whole Foods® Market" => ["Whole Foods® Market" = "Whole Foods Market"];
    registered_then_possessive: "Amazon®'s app" => ["Amazon" = "Amazon"];
    registered_at_end: "Ring Alarm®" => ["Ring Alarm" = "Ring Alarm"];
});

scan_tests!(LONGEST {
    whole_foods_market_beats_whole_foods: "at Whole Foods Market today" => ["Whole Foods Market" = "Whole Foods Market"];
    whole_foods_alone: "at Whole Foods today" => ["Whole Foods" = "Whole Foods"];
    both_in_one_text: "Whole Foods Market, or Whole Foods" => ["Whole Foods Market" = "Whole Foods Market", "Whole Foods" = "Whole Foods"];
    aws_beats_amazon: "Amazon Web Services outage" => ["Amazon Web Services" = "Amazon Web Services"];
    domain_alias_beats_name: "Amazon.com order" => ["Amazon.com" = "Amazon.com"];
    mercedes_group_beats_brand: "Mercedes-Benz Group AG" => ["Mercedes-Benz Group" = "Mercedes-Benz Group"];
    ring_alarm_beats_ring: "Ring Alarm kit" => ["Ring Alarm" = "Ring Alarm"];
    dominos_pizza_beats_dominos: "Domino's Pizza" => ["Domino's Pizza" = "Domino's Pizza"];
    adjacent_hits_do_not_overlap: "Amazon Zappos Amazon" => ["Amazon" = "Amazon", "Zappos" = "Zappos", "Amazon" = "Amazon"];
});

scan_tests!(EXCLUSIONS {
    global_exclusion: "the Amazon rainforest burns" => [];
    global_exclusion_upper: "AMAZON RAINFOREST" => [];
    global_exclusion_nbsp: "Amazon\u{A0}rainforest" => [];
    alias_exclusion: "the Amazon river" => [];
    exclusion_then_alias: "the AMAZON rainforest, not Amazon" => ["Amazon" = "Amazon"];
    target_audience: "our Target audience" => [];
    target_store: "a Target store" => ["Target" = "Target"];
    ring_size_with_context: "Ring size chart for the doorbell" => [];
    exclusion_is_a_whole_phrase: "Amazon rainforests" => ["Amazon" = "Amazon"];
});

scan_tests!(BOUNDARIES {
    ring_not_inside_during: "during the doorbell test" => [];
    ring_not_inside_ringo: "Ringo rang the doorbell" => [];
    amazon_possessive: "Amazon's warehouse" => ["Amazon" = "Amazon"];
    amazon_curly_possessive: "Amazon’s warehouse" => ["Amazon" = "Amazon"];
    amazon_hyphen_compound: "an Amazon-owned brand" => ["Amazon" = "Amazon"];
    model_number_is_not_the_name: "the Zappos-Z100 shoe rack" => [];
    model_number_only_with_a_digit: "Zappos-style returns, Zappos-ZX" => ["Zappos" = "Zappos", "Zappos" = "Zappos"];
    // A shop's cut-off text: the letters before the ellipsis may begin a longer word ("Metal").
    cut_off_by_ellipsis: "Counter Stool Zappos… Trenton Stool" => [];
    cut_off_by_three_dots: "if you have Zappos... read full review" => [];
    ellipsis_after_a_space_is_no_cut: "Shoes by Zappos … more" => ["Zappos" = "Zappos"];
    ellipsis_after_a_mark_is_no_cut: "Zappos®… more" => ["Zappos" = "Zappos"];
    // After a title and its full stop, a name is a person's.
    after_a_title: "Dr. Zappos, Mr. Target, MRS. Amazon" => [];
    title_without_full_stop_is_no_title: "MS Zappos, Dr Zappos" => ["Zappos" = "Zappos", "Zappos" = "Zappos"];
    title_inside_a_word_is_no_title: "Abdr. Zappos" => ["Zappos" = "Zappos"];
    amazon_en_dash_compound: "an Amazon–owned brand" => ["Amazon" = "Amazon"];
    not_inside_longer_word: "amazonian tribes" => [];
    not_after_letters: "NotAmazon" => [];
    not_before_digits: "Amazon2 clone" => [];
    in_parentheses: "(Amazon)" => ["Amazon" = "Amazon"];
    in_guillemets: "«Amazon»" => ["Amazon" = "Amazon"];
    in_quotes: "\"Zappos\"" => ["Zappos" = "Zappos"];
    end_of_sentence: "Bought at Zappos." => ["Zappos" = "Zappos"];
    text_edges: "Zappos" => ["Zappos" = "Zappos"];
    after_digit_no: "1Zappos" => [];
    german_compound_not_matched: "Kärcherwerk" => [];
    cyrillic_inflection_not_matched: "Яндекса" => [];
});

scan_tests!(UNSPACED_SCRIPTS {
    // Chinese, Japanese and Thai have no spaces between words, so any position inside a run of
    // them is a word boundary: an alias in such a script matches inside a longer run.
    chinese_inside_run: "我在阿里巴巴买东西" => ["阿里巴巴" = "阿里巴巴"];
    chinese_followed_by_group: "阿里巴巴集团" => ["阿里巴巴" = "阿里巴巴"];
    japanese_katakana_with_particle: "ユニクロの服" => ["ユニクロ" = "ユニクロ"];
    japanese_long_katakana: "株式会社ファーストリテイリングは" => ["ファーストリテイリング" = "ファーストリテイリング"];
    // Except inside a run of katakana: a loanword is one unbroken run ("ユニクロ" is not in
    // "ユニクロース"), while a middle dot separates words.
    katakana_inside_longer_katakana: "ユニクロースの服" => [];
    katakana_after_middle_dot: "ファッション・ユニクロの服" => ["ユニクロ" = "ユニクロ"];
    katakana_after_a_space: "セール ユニクロ" => ["ユニクロ" = "ユニクロ"];
    thai_inside_run: "หุ้นซีพีออลล์ขึ้น" => ["ซีพีออลล์" = "ซีพีออลล์"];
    thai_alias_with_space: "ร้านเซเว่น อีเลฟเว่นใกล้บ้าน" => ["เซเว่น อีเลฟเว่น" = "เซเว่น อีเลฟเว่น"];
    // A Latin alias next to an unspaced script is bounded by the script change.
    latin_between_chinese: "在Amazon购物" => ["Amazon" = "Amazon"];
    latin_before_japanese: "Zapposで買う" => ["Zappos" = "Zappos"];
    // ...but still needs a boundary on its Latin side.
    latin_inside_latin_next_to_chinese: "在XAmazon购物" => [];
    // Arabic and Hebrew are spaced scripts: attached prefixes (و "and") are not split off.
    hebrew_spaced: "מניות של אלביט עלו" => ["אלביט" = "אלביט"];
    hebrew_attached_prefix_not_matched: "ואלביט" => [];
    arabic_spaced: "أسهم أرامكو" => ["أرامكو" = "أرامكو"];
});

scan_tests!(REJECTED_LONGER_CANDIDATE {
    // "Apple Inc" fails its right boundary; the shorter "Apple" at the same start must survive.
    apple_incx_lets_apple_through: "Apple Incx" => ["Apple" = "Apple"];
    apple_inc_with_period: "Apple Inc. reported" => ["Apple Inc" = "Apple Inc"];
    amazon_dot_community: "Amazon.community" => ["Amazon" = "Amazon"];
    whole_foods_marketplace: "Whole Foods Marketplace" => ["Whole Foods" = "Whole Foods"];
    ring_alarms_then_context: "Ring Alarms and a doorbell" => ["Ring" = "Ring"];
    both_rejected: "APPLE INCX" => [];
    mercedes_benz_groupie: "Mercedes-Benz Groupie" => ["Mercedes-Benz" = "Mercedes-Benz"];
});

scan_tests!(CASE_EXACT {
    target_capitalized: "shop at Target" => ["Target" = "Target"];
    target_lower_is_a_word: "hit the target" => [];
    target_upper: "TARGET" => [];
    aws_upper: "runs on AWS" => ["AWS" = "AWS"];
    aws_lower: "aws" => [];
    aws_title: "Aws" => [];
    apple_exact: "Apple stores" => ["Apple" = "Apple"];
    apple_lower_fruit: "an apple pie" => [];
    apple_inc_any_case: "APPLE INC" => ["APPLE INC" = "Apple Inc"];
    cp_all_exact: "CP All results" => ["CP All" = "CP All"];
    cp_all_lower: "cp all" => [];
});

scan_tests!(CONTEXT {
    context_after: "Ring doorbell review" => ["Ring" = "Ring"];
    context_before: "A doorbell from Ring" => ["Ring" = "Ring"];
    context_same_block_across_line_break: "Ring\ndoorbell" => ["Ring" = "Ring"];
    context_in_next_paragraph_separator: "Ring\u{2029}doorbell" => [];
    context_in_next_blank_line_block: "Ring\n\ndoorbell" => [];
    context_in_previous_block: "camera\n  \nRing" => [];
    no_context: "Ring the bell" => [];
    context_word_must_be_whole: "Ring doorbells" => [];
    context_word_case_insensitive: "Ring DOORBELL" => ["Ring" = "Ring"];
    context_german: "Die Ring Türklingel" => ["Ring" = "Ring"];
    context_german_upper: "Ring TÜRKLINGEL" => ["Ring" = "Ring"];
    context_is_another_alias: "Amazon sells Ring" => ["Amazon" = "Amazon", "Ring" = "Ring"];
    context_exact_case_still_applies: "ring doorbell" => [];
    leonardo_with_context: "Leonardo helicopter" => ["Leonardo" = "Leonardo"];
    leonardo_without_context: "Leonardo da Vinci painted" => [];
    leonardo_context_other_block: "Leonardo\u{2029}defence" => [];
});

scan_tests!(SYMBOLS {
    nasdaq_colon_space: "NASDAQ: AMZN" => ["AMZN" = "NASDAQ:AMZN"];
    nasdaq_colon: "NASDAQ:AMZN" => ["AMZN" = "NASDAQ:AMZN"];
    nasdaq_space_colon: "NASDAQ : AMZN" => ["AMZN" = "NASDAQ:AMZN"];
    parenthesized_nyse: "The GEO Group (NYSE: GEO)" => ["The GEO Group" = "The GEO Group", "GEO" = "NYSE:GEO"];
    two_exchanges: "NASDAQ & TASE: ESLT" => ["ESLT" = "NASDAQ:ESLT"];
    tase_only: "TASE: ESLT" => ["ESLT" = "TASE:ESLT"];
    tlv_alias: "TLV: ESLT" => ["ESLT" = "TASE:ESLT"];
    nsdq_alias: "NSDQ: AMZN" => ["AMZN" = "NASDAQ:AMZN"];
    cashtag: "$AMZN to the moon" => ["AMZN" = "NASDAQ:AMZN"];
    fullwidth_cashtag: "＄AMZN" => ["AMZN" = "NASDAQ:AMZN"];
    cashtag_lowercase: "$amzn" => [];
    cashtag_after_word: "US$AMZN" => [];
    reuters_suffix: "AMZN.O closed higher" => ["AMZN" = "NASDAQ:AMZN"];
    reuters_suffix_oq: "AMZN.OQ" => ["AMZN" = "NASDAQ:AMZN"];
    reuters_wrong_exchange: "AMZN.N" => [];
    lon_alias: "LON: BA" => ["BA" = "LSE:BA"];
    lse_alias: "LSE: BA" => ["BA" = "LSE:BA"];
    lse_suffix: "BA.L" => ["BA" = "LSE:BA"];
    fwb: "FWB: MBG" => ["MBG" = "FWB:MBG"];
    fra_alias: "FRA: MBG" => ["MBG" = "FWB:MBG"];
    xetra_alias: "Xetra: MBG" => ["MBG" = "FWB:MBG"];
    de_suffix: "MBG.DE" => ["MBG" = "FWB:MBG"];
    epa: "EPA: AIR" => ["AIR" = "EPA:AIR"];
    epa_ticker_is_a_word_bare: "AIR shares rose" => [];
    krx_numeric: "KRX: 329180" => ["329180" = "KRX:329180"];
    krx_numeric_bare_never: "329180 shares rose" => [];
    bit: "BIT: LDO" => ["LDO" = "BIT:LDO"];
    bit_suffix: "LDO.MI" => ["LDO" = "BIT:LDO"];
    six: "SIX: NESN" => ["NESN" = "SIX:NESN"];
    wrong_exchange_rejected: "NYSE: AMZN" => [];
    wrong_exchange_lse: "LSE: AMZN" => [];
    name_and_symbol: "Amazon (NASDAQ: AMZN)" => ["Amazon" = "Amazon", "AMZN" = "NASDAQ:AMZN"];
    listed_on_prefix: "listed on NASDAQ: AAPL" => ["AAPL" = "NASDAQ:AAPL"];
    nyse_american_spelling: "NYSE American: GEO" => ["GEO" = "NYSE:GEO"];
    bare_in_financial_block: "AMZN shares rose 3%" => ["AMZN" = "NASDAQ:AMZN"];
    bare_with_stock_price: "GEO stock price fell" => ["GEO" = "NYSE:GEO"];
    // Shop pages say "in stock" everywhere; bare "stock" must not make a block financial.
    bare_beside_in_stock: "GEO hubcaps, in stock" => [];
    bare_beside_share_this: "Share this: GEO hubcaps" => [];
    bare_without_context: "AMZN is great" => [];
    bare_lowercase_never: "amzn shares rose" => [];
    bare_mixed_case_never: "Amzn shares" => [];
    bare_context_other_block: "GEO tours\u{2029}shares fell" => [];
    bare_common_word_never: "CAT shares rose" => [];
    cat_toy: "a CAT toy" => [];
    cat_with_prefix: "NYSE: CAT" => ["CAT" = "NYSE:CAT"];
    // Exchange spellings that are ordinary words ("she", "six", "pink", "bit") must not make a
    // block financial by themselves.
    she_is_not_a_financial_word: "She visited GEO" => [];
    pink_is_not_a_financial_word: "GEO in pink" => [];
    a_real_exchange_name_is: "GEO on the NYSE" => ["GEO" = "NYSE:GEO"];
});

#[test]
fn case_folding() {
    run_scan_table(CASE_FOLDING);
}

#[test]
fn accents() {
    run_scan_table(ACCENTS);
}

#[test]
fn apostrophes() {
    run_scan_table(APOSTROPHES);
}

#[test]
fn spaces_and_dashes() {
    run_scan_table(SPACES_AND_DASHES);
}

#[test]
fn trademarks() {
    run_scan_table(TRADEMARKS);
}

#[test]
fn longest() {
    run_scan_table(LONGEST);
}

#[test]
fn exclusions() {
    run_scan_table(EXCLUSIONS);
}

#[test]
fn boundaries() {
    run_scan_table(BOUNDARIES);
}

#[test]
fn unspaced_scripts() {
    run_scan_table(UNSPACED_SCRIPTS);
}

#[test]
fn rejected_longer_candidate() {
    run_scan_table(REJECTED_LONGER_CANDIDATE);
}

#[test]
fn case_exact() {
    run_scan_table(CASE_EXACT);
}

#[test]
fn context() {
    run_scan_table(CONTEXT);
}

#[test]
fn symbols() {
    run_scan_table(SYMBOLS);
}

/// One case with offsets spelled out: (name, text, [(start, end, alias)]) in UTF-16 units.
type Utf16Test = (&'static str, &'static str, &'static [(u32, u32, &'static str)]);

const UTF16: &[Utf16Test] = &[
    ("emoji_before", "😀 Amazon", &[(3, 9, "Amazon")]),
    ("two_emoji_before", "😀😀 Amazon", &[(5, 11, "Amazon")]),
    ("flag_before_accented_name", "🇩🇪 Kärcher", &[(5, 12, "Kärcher")]),
    ("math_letter_before", "𝔸 Zappos", &[(3, 9, "Zappos")]),
    ("bmp_accent_before", "é Amazon", &[(2, 8, "Amazon")]),
    ("chinese_before_latin", "中文Amazon", &[(2, 8, "Amazon")]),
    ("astral_ideograph_before_chinese_alias", "𠀀阿里巴巴", &[(2, 6, "阿里巴巴")]),
    ("soft_hyphen_inside", "Ama\u{AD}zon", &[(0, 7, "Amazon")]),
    ("curly_apostrophe", "Domino’s", &[(0, 8, "Domino's")]),
    ("decomposed_mark_covered", "Nestle\u{301}", &[(0, 7, "Nestlé")]),
    ("symbol_after_emoji", "😀 NASDAQ: AMZN", &[(11, 15, "NASDAQ:AMZN")]),
    ("emoji_between_hits", "Amazon 🛒 Zappos", &[(0, 6, "Amazon"), (10, 16, "Zappos")]),
    ("sharp_s_one_unit", "Großmann Werke!", &[(0, 14, "Großmann Werke")]),
];

#[test]
fn utf16_offsets() {
    let engine = engine();
    let mut failures = Vec::new();
    for &(name, text, want) in UTF16 {
        let got = rendered(&engine, &engine.scan(text));
        let want: Vec<(u32, u32, String)> = want.iter().map(|&(s, e, a)| (s, e, a.to_string())).collect();
        if got != want {
            failures.push(format!("{name}: want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn hit_kinds_and_targets() {
    let engine = engine();
    let amazon = engine.company_index("amazon");
    let hits = engine.scan("Zappos, Amazon and NASDAQ: AMZN");
    let kinds: Vec<_> = hits.iter().map(|h| h.kind).collect();
    use backstory::HitKind::*;
    assert_eq!(kinds, vec![Brand, Company, Symbol]);
    for h in &hits {
        assert_eq!(Some(engine.entry(h.entry).expect("entry").company), amazon);
    }
    let zappos = engine.entry(hits[0].entry).expect("entry");
    assert_eq!(zappos.brand, engine.brand_index("zappos"));
}

/// One search case: query, then the expected best result as (label, kind), or `None` for no result.
type SearchTest = (&'static str, &'static str, Option<(&'static str, SearchKind)>);

const SEARCH: &[SearchTest] = &[
    ("exact_company", "Amazon", Some(("Amazon", SearchKind::Company))),
    ("exact_case_insensitive", "AMAZON", Some(("Amazon", SearchKind::Company))),
    ("exact_accent_insensitive", "amazôn", Some(("Amazon", SearchKind::Company))),
    ("prefix", "amaz", Some(("Amazon", SearchKind::Company))),
    ("brand_exact", "zappos", Some(("Zappos", SearchKind::Brand))),
    ("one_typo_deletion", "zapos", Some(("Zappos", SearchKind::Brand))),
    ("one_typo_substitution", "zappis", Some(("Zappos", SearchKind::Brand))),
    ("one_typo_swap", "zpapos", Some(("Zappos", SearchKind::Brand))),
    ("one_typo_company", "yandx", Some(("Yandex", SearchKind::Company))),
    ("two_typos_no_match", "zpaos", None),
    ("short_query_no_typo", "rng", None),
    ("brand_over_company_same_name", "karcher", Some(("Kärcher", SearchKind::Brand))),
    ("accent_insensitive_nestle", "nestle", Some(("Nestlé", SearchKind::Company))),
    ("brand_alias", "whole foods", Some(("Whole Foods", SearchKind::Brand))),
    ("word_prefix", "foods", Some(("Whole Foods Market", SearchKind::Brand))),
    ("ticker", "amzn", Some(("AMZN", SearchKind::Symbol))),
    ("exchange_and_ticker", "NASDAQ:AMZN", Some(("NASDAQ:AMZN", SearchKind::Symbol))),
    ("cyrillic", "ЯНДЕКС", Some(("Яндекс", SearchKind::Alias))),
    ("chinese", "阿里巴巴", Some(("阿里巴巴", SearchKind::Alias))),
    ("greek_without_accents", "κωτσοβολος", Some(("Κωτσόβολος", SearchKind::Company))),
    ("nothing", "xyzzy", None),
    ("empty", "   ", None),
];

#[test]
fn search() {
    let engine = engine();
    let mut failures = Vec::new();
    for &(name, query, want) in SEARCH {
        let got = engine.search(query, 10).first().map(|r| (r.label.clone(), r.kind));
        let want = want.map(|(l, k)| (l.to_string(), k));
        if got != want {
            failures.push(format!("{name}: query {query:?} want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn search_ranks_exact_then_prefix_then_typo() {
    let engine = engine();
    // "amazon": the company's exact name, then the brand "Amazon Web Services" by prefix.
    let labels: Vec<String> = engine.search("amazon", 10).into_iter().map(|r| r.label).collect();
    assert_eq!(labels.first().map(String::as_str), Some("Amazon"));
    let aws = labels.iter().position(|l| l == "Amazon Web Services").expect("AWS found by prefix");
    assert!(aws > 0);
    // "elbit" is exact for Elbit Systems and one typo from nothing else; "apple" exact beats any
    // typo neighbour; scores strictly decrease from exact to prefix to typo.
    // "alib" begins the alias "Alibaba" and the name "Alibaba Group": the company's own name shows.
    let r = engine.search("alib", 10);
    assert_eq!(r.first().map(|r| r.label.as_str()), Some("Alibaba Group"));
    let exact = engine.search("zappos", 1)[0].score;
    let prefix = engine.search("zapp", 1)[0].score;
    let typo = engine.search("zapos", 1)[0].score;
    assert!(exact > prefix && prefix > typo, "{exact} > {prefix} > {typo}");
}

const DOMAINS: &[(&str, &str, Option<&str>)] = &[
    ("bare_domain", "amazon.com", Some("amazon")),
    ("www_subdomain", "www.amazon.com", Some("amazon")),
    ("deep_subdomain", "smile.amazon.com", Some("amazon")),
    ("upper_case_host", "WWW.AMAZON.COM", Some("amazon")),
    ("trailing_dot", "amazon.com.", Some("amazon")),
    ("country_domain", "amazon.de", Some("amazon")),
    ("other_company", "apple.com", Some("apple")),
    ("suffix_is_not_subdomain", "notamazon.com", None),
    ("domain_as_label", "amazon.com.evil.example", None),
    ("unknown", "example.org", None),
    ("tld_only", "com", None),
    ("empty", "", None),
];

#[test]
fn domains() {
    let engine = engine();
    let mut failures = Vec::new();
    for &(name, host, want) in DOMAINS {
        let got = engine.company_for_host(host).map(|c| engine.dataset().companies[c].id.as_str());
        if got != want {
            failures.push(format!("{name}: host {host:?} want {want:?}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// One validation case: a change to the fixture, then the problem it must cause as
/// (severity, exact JSON path, part of the message), or `None` when it must cause no problem at
/// `path` at all.
struct ValidationTest {
    name: &'static str,
    change: fn(&mut Value),
    want: (Option<Severity>, &'static str, &'static str),
}

macro_rules! validation_tests {
    ($( $name:ident : $change:expr => $sev:expr, $path:literal, $msg:literal ; )*) => {
        fn validation_table() -> Vec<ValidationTest> {
            vec![ $( ValidationTest { name: stringify!($name), change: $change, want: ($sev, $path, $msg) }, )* ]
        }
    };
}

const E: Option<Severity> = Some(Severity::Error);
const W: Option<Severity> = Some(Severity::Warning);

validation_tests! {
    wrong_format: |d| d["format"] = "other".into() => E, "$.format", "backstory-dataset";
    wrong_format_version: |d| d["format_version"] = 2.into() => E, "$.format_version", "version 1";
    empty_title: |d| d["title"] = " ".into() => E, "$.title", "must not be empty";
    bad_dataset_date: |d| d["as_of"] = "2024-13-01".into() => E, "$.as_of", "YYYY-MM-DD";
    broken_parent: |d| d["companies"][1]["parent"] = "nobody".into() => E, "$.companies[1].parent", "no company has id";
    own_parent: |d| d["companies"][1]["parent"] = "apple".into() => E, "$.companies[1].parent", "own parent";
    broken_owner: |d| d["brands"][0]["owners"][0]["company"] = "nobody".into() => E, "$.brands[0].owners[0].company", "no company has id";
    brand_without_owner: |d| d["brands"][0]["owners"] = Value::Array(vec![]) => E, "$.brands[0].owners", "has no owner";
    share_over_100: |d| d["brands"][0]["owners"][0]["share"] = 150.0.into() => E, "$.brands[0].owners[0].share", "percentage";
    duplicate_company_id: |d| d["companies"][1]["id"] = "amazon".into() => E, "$.companies[1].id", "duplicate id";
    duplicate_brand_id: |d| d["brands"][2]["id"] = "ring".into() => E, "$.brands[2].id", "duplicate id";
    duplicate_category_id: |d| { let c = d["categories"][0].clone(); d["categories"].as_array_mut().expect("array").push(c) } => E, "$.categories[1].id", "duplicate id";
    id_with_capitals: |d| d["companies"][1]["id"] = "Apple".into() => E, "$.companies[1].id", "lowercase";
    empty_company_name: |d| d["companies"][2]["name"] = "".into() => E, "$.companies[2].name", "must not be empty";
    empty_legal_name: |d| d["companies"][2]["legal_name"] = "".into() => E, "$.companies[2].legal_name", "must not be empty";
    empty_summary: |d| d["companies"][2]["summary"] = "".into() => E, "$.companies[2].summary", "must not be empty";
    empty_brand_name: |d| d["brands"][2]["name"] = "".into() => E, "$.brands[2].name", "must not be empty";
    empty_alias: |d| d["companies"][2]["aliases"][0] = "  ".into() => E, "$.companies[2].aliases[0]", "alias is empty";
    alias_of_only_invisibles: |d| d["companies"][2]["aliases"][0] = "\u{AD}®".into() => E, "$.companies[2].aliases[0]", "alias is empty";
    http_source: |d| d["companies"][0]["sources"][0]["url"] = "http://example.org/a".into() => E, "$.companies[0].sources[0].url", "not an https URL";
    javascript_source: |d| d["companies"][0]["sources"][0]["url"] = "javascript:alert(1)".into() => E, "$.companies[0].sources[0].url", "not an https URL";
    empty_source_title: |d| d["companies"][0]["sources"][0]["title"] = "".into() => E, "$.companies[0].sources[0].title", "must not be empty";
    profile_url_off_origin: |d| d["companies"][0]["profile_url"] = "https://evil.example/amazon".into() => E, "$.companies[0].profile_url", "not in profile_origins";
    profile_url_userinfo_trick: |d| d["companies"][0]["profile_url"] = "https://example.org@evil.example/".into() => E, "$.companies[0].profile_url", "not an https URL";
    profile_url_http: |d| d["companies"][0]["profile_url"] = "http://example.org/amazon".into() => E, "$.companies[0].profile_url", "not an https URL";
    profile_origin_not_https: |d| d["profile_origins"][0] = "http://example.org".into() => E, "$.profile_origins[0]", "https origin";
    profile_origin_with_path: |d| d["profile_origins"][0] = "https://example.org/x".into() => E, "$.profile_origins[0]", "https origin";
    report_url_http: |d| d["report_url"] = "http://example.org/report".into() => E, "$.report_url", "not an https URL";
    symbol_without_exchange: |d| d["companies"][0]["symbols"][0] = "AMZN".into() => E, "$.companies[0].symbols[0]", "EXCHANGE:SYMBOL";
    symbol_unknown_exchange: |d| d["companies"][0]["symbols"][0] = "MOON:AMZN".into() => E, "$.companies[0].symbols[0]", "unknown exchange";
    symbol_lowercase: |d| d["companies"][0]["symbols"][0] = "NASDAQ:amzn".into() => E, "$.companies[0].symbols[0]", "capitals";
    symbol_empty_ticker: |d| d["companies"][0]["symbols"][0] = "NASDAQ:".into() => E, "$.companies[0].symbols[0]", "capitals";
    symbol_lowercase_exchange: |d| d["companies"][0]["symbols"][0] = "nasdaq:AMZN".into() => E, "$.companies[0].symbols[0]", "unknown exchange";
    unknown_category: |d| d["companies"][3]["categories"][0] = "weapons".into() => E, "$.companies[3].categories[0]", "unknown category";
    bad_color: |d| d["categories"][0]["color"] = "red".into() => E, "$.categories[0].color", "#rrggbb";
    uppercase_domain: |d| d["companies"][0]["domains"][0] = "Amazon.com".into() => E, "$.companies[0].domains[0]", "lowercase host name";
    domain_without_dot: |d| d["companies"][0]["domains"][0] = "localhost".into() => E, "$.companies[0].domains[0]", "lowercase host name";
    bad_source_date: |d| d["companies"][0]["sources"][0]["as_of"] = "yesterday".into() => E, "$.companies[0].sources[0].as_of", "YYYY-MM-DD";
    ambiguous_alias_two_companies: |d| push_alias(d, 2, "Zappos".into()) => E, "$.brands[2]", "also claimed by $.companies[2]";
    ambiguous_alias_folded_forms: |d| push_alias(d, 2, "ZAPPOS".into()) => E, "$.brands[2]", "also claimed by $.companies[2]";
    separated_by_case_rule: |d| push_alias(d, 2, serde_json::json!({"text": "Zappos", "case": "exact"})) => None, "$.companies[2]", "";
    separated_by_context_rule: |d| push_alias(d, 2, serde_json::json!({"text": "Zappos", "context": ["prison"]})) => None, "$.companies[2]", "";
    common_word_alias: |d| push_alias(d, 2, "Shell".into()) => W, "$.companies[2] (geo-group)", "ordinary English word";
    short_alias: |d| push_alias(d, 2, "GEO".into()) => W, "$.companies[2] (geo-group)", "three letters or fewer";
    short_alias_with_case_rule: |d| push_alias(d, 2, serde_json::json!({"text": "GEO", "case": "exact"})) => None, "$.companies[2] (geo-group)", "";
    short_alias_with_context_rule: |d| push_alias(d, 2, serde_json::json!({"text": "GEO", "context": ["prison"]})) => None, "$.companies[2] (geo-group)", "";
    exclusion_without_alias: |d| push_alias(d, 2, serde_json::json!({"text": "GEO Group", "exclude": ["Geography"]})) => W, "$.companies[2].aliases[1].exclude[0]", "never suppresses";
    missing_sources: |d| d["companies"][4]["sources"] = Value::Array(vec![]) => W, "$.companies[4].sources", "no source";
    old_as_of: |d| d["companies"][4]["as_of"] = "2015-06-01".into() => W, "$.companies[4].as_of", "years older";
    recent_as_of_is_fine: |d| d["companies"][4]["as_of"] = "2020-06-01".into() => None, "$.companies[4].as_of", "";
    empty_exclusion: |d| d["exclusions"][0] = "".into() => E, "$.exclusions[0]", "must not be empty";
    // Issue 19: licences, per-fact dates and names scoped to markets.
    licensee_by_name: |d| d["brands"][0]["licensee"] = serde_json::json!({"name": "Yum China"}) => None, "$.brands[0].licensee", "";
    licensee_by_company: |d| d["brands"][0]["licensee"] = serde_json::json!({"company": "apple"}) => None, "$.brands[0].licensee", "";
    licensee_unknown_company: |d| d["brands"][0]["licensee"] = serde_json::json!({"company": "nobody"}) => E, "$.brands[0].licensee.company", "no company has id";
    licensee_is_the_owner: |d| d["brands"][0]["licensee"] = serde_json::json!({"company": "amazon"}) => E, "$.brands[0].licensee.company", "owns the brand";
    licensee_both_ways: |d| d["brands"][0]["licensee"] = serde_json::json!({"company": "apple", "name": "Apple"}) => E, "$.brands[0].licensee", "not both";
    licensee_neither_way: |d| d["brands"][0]["licensee"] = serde_json::json!({}) => E, "$.brands[0].licensee", "company id or its name";
    licensee_empty_name: |d| d["brands"][0]["licensee"] = serde_json::json!({"name": " "}) => E, "$.brands[0].licensee.name", "must not be empty";
    licensee_without_licensor: |d| { d["brands"][0]["owners"] = Value::Array(vec![]); d["brands"][0]["licensee"] = serde_json::json!({"name": "X"}) } => E, "$.brands[0].licensee", "needs a licensor";
    section_dated_and_sourced: |d| d["companies"][0]["profile"] = serde_json::json!([{"title": "T", "text": "X", "as_of": "2021-10-05", "sources": ["https://example.org/source/amazon"]}]) => None, "$.companies[0].profile[0].sources[0]", "";
    section_source_not_the_companys: |d| d["companies"][0]["profile"] = serde_json::json!([{"title": "T", "text": "X", "as_of": "2021-10-05", "sources": ["https://example.org/elsewhere"]}]) => E, "$.companies[0].profile[0].sources[0]", "not among the company's sources";
    section_bad_date: |d| d["companies"][0]["profile"] = serde_json::json!([{"title": "T", "text": "X", "as_of": "2021-13-05", "sources": ["https://example.org/source/amazon"]}]) => E, "$.companies[0].profile[0].as_of", "YYYY-MM-DD";
    section_undated: |d| d["companies"][0]["profile"] = serde_json::json!([{"title": "T", "text": "X", "sources": ["https://example.org/source/amazon"]}]) => W, "$.companies[0].profile[0].as_of", "no date of its own";
    section_unsourced: |d| d["companies"][0]["profile"] = serde_json::json!([{"title": "T", "text": "X", "as_of": "2021-10-05"}]) => W, "$.companies[0].profile[0].sources", "names none";
    separated_by_markets: |d| { push_alias(d, 2, serde_json::json!({"text": "Zappos", "markets": {"in": ["gb"]}})); d["brands"][2]["aliases"] = serde_json::json!([{"text": "Zappos", "markets": {"out": ["gb", "ie"]}}]) } => None, "$.brands[2]", "";
    markets_that_overlap_do_not_separate: |d| { push_alias(d, 2, serde_json::json!({"text": "Zappos", "markets": {"in": ["gb", "fr"]}})); d["brands"][2]["aliases"] = serde_json::json!([{"text": "Zappos", "markets": {"out": ["gb"]}}]) } => E, "$.brands[2]", "markets rule";
}

fn push_alias(d: &mut Value, company: usize, alias: Value) {
    d["companies"][company]["aliases"].as_array_mut().expect("aliases array").push(alias);
}

#[test]
fn fixture_has_no_errors() {
    let d = Dataset::from_json(FIXTURE).expect("fixture parses");
    let errors: Vec<String> =
        validate(&d).into_iter().filter(|p| p.severity == Severity::Error).map(|p| p.to_string()).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn validation() {
    let base: Value = serde_json::from_str(FIXTURE).expect("fixture is JSON");
    let mut failures = Vec::new();
    for t in validation_table() {
        let mut v = base.clone();
        (t.change)(&mut v);
        let d: Dataset = match serde_json::from_value(v) {
            Ok(d) => d,
            Err(e) => {
                failures.push(format!("{}: bad test, changed fixture does not parse: {e}", t.name));
                continue;
            }
        };
        let problems = validate(&d);
        // The engine checks with the errors-only pass: it must find every error the full one does.
        let errors: Vec<_> =
            problems.iter().filter(|p| p.severity == Severity::Error).map(ToString::to_string).collect();
        let errors_only: Vec<_> = backstory::validate::error_problems(&d).iter().map(ToString::to_string).collect();
        if errors != errors_only {
            failures.push(format!("{}: the errors-only pass found {errors_only:?}, the full one {errors:?}", t.name));
        }
        let (sev, path, msg) = t.want;
        let at_path: Vec<_> = problems.iter().filter(|p| p.path == path).collect();
        let ok = match sev {
            Some(sev) => at_path.iter().any(|p| p.severity == sev && p.message.contains(msg)),
            None => at_path.is_empty(),
        };
        if !ok {
            failures.push(format!("{}: want {sev:?} at {path} containing {msg:?}, got {at_path:?}", t.name));
        }
        if sev == Some(Severity::Error) && Engine::new(d).is_ok() {
            failures.push(format!("{}: engine built from a dataset with an error", t.name));
        }
    }
    assert!(failures.is_empty(), "{} failed:\n{}", failures.len(), failures.join("\n"));
}

/// JSON that cannot be read reports where: (name, text, line, column).
const PARSE_ERRORS: &[(&str, &str, usize, usize)] = &[
    ("bare_word", "{\n  \"format\": \"backstory-dataset\",\n  oops\n}", 3, 3),
    ("trailing_comma", "{\n  \"format\": \"x\",\n}", 3, 1),
    ("unterminated_string", "{\n  \"format\": \"x", 2, 14),
    ("wrong_type", "{\n  \"format\": 5\n}", 2, 13),
    ("empty_input", "", 1, 0),
];

#[test]
fn parse_errors_carry_line_and_column() {
    let mut failures = Vec::new();
    for &(name, json, line, column) in PARSE_ERRORS {
        match Engine::from_json(json) {
            Err(backstory::engine::BuildError::Parse(e)) if (e.line, e.column) == (line, column) => {}
            other => failures.push(format!("{name}: want parse error at {line}:{column}, got {other:?}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unknown_field_is_a_parse_error() {
    let json = FIXTURE.replacen("\"license\"", "\"licence\": \"x\", \"license\"", 1);
    match Engine::from_json(&json) {
        Err(backstory::engine::BuildError::Parse(e)) => {
            assert!(e.message.contains("licence"), "{e}");
            assert!(e.line >= 1);
        }
        other => panic!("want a parse error, got {other:?}"),
    }
}

#[test]
fn bundled_default_dataset_builds_and_matches() {
    let engine = Engine::from_json(crate::common::DEFAULT_JSON).expect("default dataset builds");
    let hits = engine.scan("Ring doorbells and Amazon (NASDAQ: AMZN) in the Amazon rainforest");
    let aliases: Vec<String> = rendered(&engine, &hits).into_iter().map(|h| h.2).collect();
    assert_eq!(aliases, vec!["Ring", "Amazon", "NASDAQ:AMZN"]);
}
