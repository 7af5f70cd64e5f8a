//! Names in other scripts: one table per script (Arabic, Hebrew, Cyrillic, Greek, CJK) of aliases
//! written in that script, found on pages written in it, and not found inside longer words.
//!
//! Shaped like `tests/it/engine_table.rs` (named rows, one `#[test]` per table reporting every failing
//! row), but over a small dataset built here, so each alias carries the default rules (`case: any`,
//! `accents: exact`) unless its row says otherwise: what an organizer gets by typing the name.
//! The folds these rows pin are listed in DATASET.md, "How text is matched", and on
//! `script_fold` in src/normalize.rs; each has a row that fails without it.

use backstory::Engine;

use crate::common::dataset::{self as fixture, company};
use crate::common::scan_table::{run_scan_table_on, ScanTest};
use crate::scan_tests;
use serde_json::{json, Value};

/// A company per alias; an alias is a string (default rules) or an alias object.
fn run_scan_table(table: &[ScanTest]) {
    run_scan_table_on(&engine(), table);
}

fn engine() -> Engine {
    let aliases: Vec<Value> = vec![
        // Arabic
        json!("أديداس"),
        json!("آبل"),
        json!("إيكيا"),
        json!("هيونداي"),
        json!("مكتبة جرير"),
        json!("المراعي"),
        json!("دیجی\u{200C}کالا"),
        json!("فوريفر 21"),
        json!("مؤسسة الريان"),
        json!("بيت الهيئة"),
        // Hebrew
        json!("אדידס"),
        json!("שטראוס"),
        json!("אסם"),
        json!("סופר-פארם"),
        json!("בז\"ן"),
        json!("צ'יטוס"),
        // Cyrillic
        json!("Яндекс"),
        json!("Пятёрочка"),
        json!("Ёлки-Палки"),
        json!("Билайн"),
        // Greek
        json!({"text": "Μασούτης", "case": "exact"}),
        json!({"text": "Σκλαβενίτης", "accents": "optional"}),
        json!("Πλαίσιο"),
        json!({"text": "Κωτσόβολος", "accents": "optional"}),
        // CJK
        json!("ユニクロ"),
        json!("ガスト"),
        json!("ヤマダ"),
        json!("セブン-イレブン"),
        json!("ABCマート"),
        json!("7-Eleven"),
        json!("亚马逊"),
    ];
    let companies: Vec<Value> = aliases
        .into_iter()
        .enumerate()
        .map(|(k, alias)| company(&format!("c{k}"), &format!("Company {k}"), json!([alias])))
        .collect();
    fixture::engine(fixture::dataset(json!(companies), json!([])))
}

scan_tests!(ARABIC {
    arabic_name_as_written: "تسوق أديداس الآن" => ["أديداس" = "أديداس"];
    arabic_tatweel_in_page: "تسوق أديـــداس الآن" => ["أديـــداس" = "أديداس"];
    arabic_harakat_in_page: "تسوق أَدِيدَاس الآن" => ["أَدِيدَاس" = "أديداس"];
    arabic_tatweel_and_harakat_together: "أَديـــدَاس" => ["أَديـــدَاس" = "أديداس"];
    arabic_superscript_alef_dropped: "أديدا\u{670}س" => ["أديدا\u{670}س" = "أديداس"];
    arabic_bare_alef_for_hamza_above: "حذاء اديداس" => ["اديداس" = "أديداس"];
    arabic_bare_alef_for_madda: "هاتف ابل جديد" => ["ابل" = "آبل"];
    arabic_hamza_alef_for_madda: "هاتف أبل جديد" => ["أبل" = "آبل"];
    arabic_bare_alef_for_hamza_below: "أثاث ايكيا" => ["ايكيا" = "إيكيا"];
    arabic_alef_wasla: "ٱديداس" => ["ٱديداس" = "أديداس"];
    arabic_alef_maksura_for_final_yeh: "سيارات هيونداى" => ["هيونداى" = "هيونداي"];
    arabic_heh_for_teh_marbuta: "فرع مكتبه جرير" => ["مكتبه جرير" = "مكتبة جرير"];
    arabic_waw_without_hamza: "موسسة الريان" => ["موسسة الريان" = "مؤسسة الريان"];
    arabic_yeh_without_hamza: "بيت الهييه" => ["بيت الهييه" = "بيت الهيئة"];
    persian_letters_in_arabic_spelling: "خرید از ديجي\u{200C}كالا" => ["ديجي\u{200C}كالا" = "دیجی\u{200C}کالا"];
    arabic_indic_digits: "متجر فوريفر ٢١" => ["فوريفر ٢١" = "فوريفر 21"];
    persian_digits: "متجر فوريفر ۲۱" => ["فوريفر ۲۱" = "فوريفر 21"];
    // An attached article or preposition makes another word: brands that take the article carry
    // it in their name ("المراعي"), and a bare alias must not match inside it.
    arabic_article_before_name_not_matched: "الأديداس" => [];
    arabic_article_in_the_name_matches: "حليب المراعي الطازج" => ["المراعي" = "المراعي"];
    arabic_name_without_its_article_not_matched: "مراعي خضراء" => [];
    arabic_attached_conjunction_not_matched: "نايك وأديداس" => [];
    arabic_attached_preposition_not_matched: "تسوق بأديداس" => [];
    arabic_suffix_not_matched: "أديداسي" => [];
    arabic_digits_inside_longer_number_not_matched: "فوريفر ٢١٣" => [];
});

scan_tests!(HEBREW {
    hebrew_name_as_written: "נעלי אדידס במבצע" => ["אדידס" = "אדידס"];
    hebrew_niqqud_in_page: "נעלי אֲדִידָס במבצע" => ["אֲדִידָס" = "אדידס"];
    hebrew_cantillation_in_page: "אדי\u{591}דס" => ["אדי\u{591}דס" = "אדידס"];
    hebrew_shin_dot_in_page: "מוצרי שׁטראוס" => ["שׁטראוס" = "שטראוס"];
    hebrew_presentation_form_shin: "מוצרי \u{FB2A}טראוס" => ["\u{FB2A}טראוס" = "שטראוס"];
    hebrew_final_mem_written_as_mem: "מוצרי אסמ" => ["אסמ" = "אסם"];
    hebrew_maqaf_for_hyphen: "סניף סופר־פארם" => ["סופר־פארם" = "סופר-פארם"];
    hebrew_gershayim_for_quote: "מניות בז״ן" => ["בז״ן" = "בז\"ן"];
    hebrew_geresh_for_apostrophe: "חטיף צ׳יטוס" => ["צ׳יטוס" = "צ'יטוס"];
    // A prefix written with a hyphen or maqaf leaves the name its own word.
    hebrew_prefix_with_maqaf_matches: "קנו ב־אדידס" => ["אדידס" = "אדידס"];
    hebrew_prefix_he_not_matched: "האדידס החדשות" => [];
    hebrew_prefix_vav_not_matched: "נייקי ואדידס" => [];
    hebrew_prefix_bet_not_matched: "קנו באדידס" => [];
    hebrew_prefix_lamed_not_matched: "הולכים לאדידס" => [];
    hebrew_prefix_mem_not_matched: "נעליים מאדידס" => [];
    hebrew_prefix_shin_not_matched: "הנעל שאדידס מכרה" => [];
    hebrew_plural_not_matched: "שני אדידסים" => [];
});

scan_tests!(CYRILLIC {
    cyrillic_name_as_written: "магазин Пятёрочка рядом" => ["Пятёрочка" = "Пятёрочка"];
    cyrillic_ye_for_yo: "магазин Пятерочка рядом" => ["Пятерочка" = "Пятёрочка"];
    cyrillic_upper_ye_for_yo: "ПЯТЕРОЧКА" => ["ПЯТЕРОЧКА" = "Пятёрочка"];
    cyrillic_decomposed_yo: "Пяте\u{308}рочка" => ["Пяте\u{308}рочка" = "Пятёрочка"];
    cyrillic_capital_ye_for_capital_yo: "ресторан Елки-Палки" => ["Елки-Палки" = "Ёлки-Палки"];
    cyrillic_upper: "ЯНДЕКС запустил" => ["ЯНДЕКС" = "Яндекс"];
    cyrillic_before_hyphen_matches: "Яндекс-Маркет" => ["Яндекс" = "Яндекс"];
    cyrillic_genitive_not_matched: "Яндекса" => [];
    cyrillic_instrumental_not_matched: "с Яндексом" => [];
    cyrillic_prepositional_not_matched: "в Пятёрочке" => [];
    cyrillic_short_i_is_not_i: "Билаин" => [];
    cyrillic_latin_lookalike_not_folded: "Яндeкс" => [];
});

scan_tests!(GREEK {
    greek_name_as_written: "σούπερ μάρκετ Μασούτης" => ["Μασούτης" = "Μασούτης"];
    greek_sigma_for_final_sigma_with_exact_case: "σούπερ μάρκετ Μασούτησ" => ["Μασούτησ" = "Μασούτης"];
    greek_exact_case_still_exact: "ΜΑΣΟΥΤΗΣ" => [];
    greek_optional_accents_plain: "Σκλαβενιτης" => ["Σκλαβενιτης" = "Σκλαβενίτης"];
    greek_optional_accents_capitals: "ΣΚΛΑΒΕΝΙΤΗΣ" => ["ΣΚΛΑΒΕΝΙΤΗΣ" = "Σκλαβενίτης"];
    greek_exact_accents_present: "κατάστημα Πλαίσιο" => ["Πλαίσιο" = "Πλαίσιο"];
    greek_exact_accents_decomposed: "Πλαι\u{301}σιο" => ["Πλαι\u{301}σιο" = "Πλαίσιο"];
    greek_exact_accents_missing: "Πλαισιο" => [];
    greek_genitive_not_matched: "του Σκλαβενίτη" => [];
    greek_accusative_not_matched: "στον Κωτσόβολο" => [];
    greek_genitive_neuter_not_matched: "του Πλαισίου" => [];
    greek_lowercase_with_final_sigma: "στον κωτσόβολος σήμερα" => ["κωτσόβολος" = "Κωτσόβολος"];
});

scan_tests!(CJK {
    cjk_katakana_as_written: "ユニクロの服" => ["ユニクロ" = "ユニクロ"];
    cjk_fullwidth_latin: "ＡＢＣマートで買う" => ["ＡＢＣマート" = "ABCマート"];
    cjk_fullwidth_lowercase_latin: "ａｂｃマート" => ["ａｂｃマート" = "ABCマート"];
    cjk_fullwidth_digits: "７－Ｅｌｅｖｅｎ店舗" => ["７－Ｅｌｅｖｅｎ" = "7-Eleven"];
    cjk_halfwidth_katakana: "ﾕﾆｸﾛの服" => ["ﾕﾆｸﾛ" = "ユニクロ"];
    cjk_halfwidth_voiced_mark: "ｶﾞｽﾄで食事" => ["ｶﾞｽﾄ" = "ガスト"];
    cjk_halfwidth_voiced_marks_and_hyphen: "ｾﾌﾞﾝ-ｲﾚﾌﾞﾝで買う" => ["ｾﾌﾞﾝ-ｲﾚﾌﾞﾝ" = "セブン-イレブン"];
    // A voiced mark is part of the letter before it, at the end of a name too.
    cjk_halfwidth_voiced_mark_at_the_end: "ﾔﾏﾀﾞで買う" => ["ﾔﾏﾀﾞ" = "ヤマダ"];
    cjk_decomposed_voiced_mark: "カ\u{3099}スト" => ["カ\u{3099}スト" = "ガスト"];
    cjk_voiced_mark_distinguishes: "カストで食事" => [];
    cjk_simplified_as_written: "在亚马逊购物" => ["亚马逊" = "亚马逊"];
    cjk_traditional_not_folded_to_simplified: "在亞馬遜購物" => [];
    cjk_katakana_inside_longer_katakana: "ユニクロースの服" => [];
    cjk_halfwidth_inside_longer_katakana: "ﾕﾆｸﾛｰｽの服" => [];
    cjk_fullwidth_latin_inside_latin_word: "ＸＡＢＣマート" => [];
});

#[test]
fn arabic() {
    run_scan_table(ARABIC);
}

#[test]
fn hebrew() {
    run_scan_table(HEBREW);
}

#[test]
fn cyrillic() {
    run_scan_table(CYRILLIC);
}

#[test]
fn greek() {
    run_scan_table(GREEK);
}

#[test]
fn cjk() {
    run_scan_table(CJK);
}
