//! The judge on the command line: `scan --explain` and `--lang`, a page's own `lang`, and
//! `words` writing what the word lists say into a dataset that `check` warned about.
#![cfg(feature = "cli")]

use std::path::PathBuf;
use std::process::Output;

use serde_json::json;

use crate::common::cli::backstory;
use crate::common::dataset as fixture;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A temporary folder with a dataset naming a Spanish jeweller, "Tous", also a French word.
fn workspace(name: &str) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("backstory-cli-judge-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let tous = fixture::with(fixture::company("tous", "Tous", json!([])), json!({"legal_name": "Tous S.L."}));
    let dataset = fixture::dataset(json!([tous]), json!([]));
    let file = dir.join("dataset.json");
    std::fs::write(&file, serde_json::to_string_pretty(&dataset).expect("json")).expect("write");
    (dir, file.to_str().expect("utf-8 path").to_string())
}

#[test]
fn words_writes_what_check_warns_about_and_the_judge_then_reads_the_page_language() {
    let (dir, file) = workspace("words");
    let page = dir.join("page.txt");
    std::fs::write(&page, "Tous les prix sont bas.").expect("write");
    let page = page.to_str().expect("utf-8 path");

    // Before: a word of French, undeclared: check warns and a French page flags it.
    let check = stdout(&backstory(&["check", &file]));
    assert!(check.contains("alias \"Tous\": is an ordinary word in ca, fr"), "{check}");
    let before = stdout(&backstory(&["scan", "--dataset", &file, "--lang", "fr", page]));
    assert!(before.contains("1 hit(s)"), "{before}");

    let words = backstory(&["words", "--write", &file]);
    assert_eq!(words.status.code(), Some(0), "{}", stdout(&words));
    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).expect("read")).expect("json");
    let alias = &written["companies"][0]["aliases"][0];
    assert_eq!((&alias["text"], &alias["word_in"]), (&serde_json::json!("Tous"), &serde_json::json!(["ca", "fr"])));
    let declared = stdout(&backstory(&["check", &file]));
    assert!(!declared.contains("warning: alias \"Tous\""), "the warning is gone once declared: {declared}");
    assert!(
        declared.contains("note: alias \"Tous\": is an ordinary word in ca, fr"),
        "what it does stays said: {declared}"
    );

    // After: on a French page it waits and nothing else names the company; in Spanish it is a name.
    let fr = stdout(&backstory(&["scan", "--dataset", &file, "--lang", "fr", "--explain", page]));
    assert!(fr.contains("wait, unconfirmed [ordinary-word-in-language] \"Tous\""), "{fr}");
    let es = stdout(&backstory(&["scan", "--dataset", &file, "--lang", "es-ES", "--explain", page]));
    assert!(es.contains("flag [name] \"Tous\""), "{es}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn an_html_page_gives_its_own_language() {
    let (dir, file) = workspace("html");
    assert_eq!(backstory(&["words", "--write", &file]).status.code(), Some(0));
    for (lang, hits) in [("fr", 0), ("es", 1)] {
        let page = dir.join(format!("page-{lang}.html"));
        std::fs::write(
            &page,
            format!("<!doctype html><html lang=\"{lang}\"><body><p>Tous les bijoux</p></body></html>"),
        )
        .expect("write");
        let out = stdout(&backstory(&["scan", "--dataset", &file, page.to_str().expect("utf-8 path")]));
        assert!(out.contains(&format!("{hits} hit(s)")), "{lang}: {out}");
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn product_data_names_the_brand_and_confirms_the_names_that_wait() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dataset = format!("{root}/tests/fixtures/pages/confirm-dataset.json");
    let scan = |page: &str| {
        let out = backstory(&["scan", "--json", "--dataset", &dataset, &format!("{root}/tests/fixtures/pages/{page}")]);
        serde_json::from_str::<serde_json::Value>(stdout(&out).trim()).expect("one JSON report")
    };
    // JSON-LD names the brand "Gap Test Inc.": the "Gap" in the text, which waits, stands.
    let with_data = scan("confirm-product.html");
    assert_eq!(with_data["structured"][0]["company"], "gap-test", "{with_data}");
    assert_eq!(with_data["hits"][0]["alias"], "Gap", "{with_data}");
    // Without product data or another name, the same word is held back.
    let without = scan("confirm.html");
    assert_eq!(without["structured"], serde_json::json!([]));
    assert!(without["hits"].as_array().expect("hits").iter().all(|h| h["alias"] != "Gap"), "{without}");
}

/// The examples: an organizer learns from `check` which names the judge holds back, and
/// where, before shipping the list; and which ordinary English word nothing holds back.
#[test]
fn check_says_which_names_the_judge_holds_back_and_where() {
    let dir = std::env::temp_dir().join(format!("backstory-cli-judge-held-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let csv = dir.join("list.csv");
    std::fs::write(
        &csv,
        "brand,owner_company\nDove,Unilever\nTide,Procter & Gamble\nKayak,Booking Holdings\n\
         Caterpillar,Caterpillar Inc.\nApple,Apple Inc.\nGap,Gap Inc.\nFebreze,Procter & Gamble\n",
    )
    .expect("write");
    let file = dir.join("list.json");
    let (csv, file) = (csv.to_str().expect("utf-8"), file.to_str().expect("utf-8"));
    let import = backstory(&["import", "--from", "csv", "--id", "held", "--as-of", "2026-01-01", "-o", file, csv]);
    assert!(import.status.code().is_some_and(|c| c <= 1), "{}", stdout(&import));
    let check = stdout(&backstory(&["check", file]));
    for (alias, said) in [
        ("Tide", "note: alias \"Tide\": is an ordinary word in da, en, nb: on a page in one of those languages it gets a badge only where the page also names Procter & Gamble otherwise"),
        ("Kayak", "note: alias \"Kayak\": is an ordinary word in en, fr, id, it, tr"),
        ("Caterpillar", "note: alias \"Caterpillar\": is an ordinary word in en"),
        ("Gap", "note: alias \"Gap\": is an ordinary word in en"),
        ("Dove", "note: alias \"Dove\": is an ordinary word in it"),
        ("Dove", "warning: alias \"Dove\": is an ordinary English word that nothing holds back on an English page"),
        ("Apple", "alias \"Apple\" is an ordinary English word; give it a case, context or confirm rule"),
    ] {
        assert!(check.contains(said), "{alias}: {check}");
    }
    assert!(!check.contains("alias \"Febreze\""), "a coined name is no word anywhere: {check}");
    assert!(check.contains("5 note(s)"), "{check}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_page_in_a_legacy_encoding_is_read_as_its_meta_charset_says() {
    // jd.com served GBK; `scan` read UTF-8 only and stopped on such a page ("stream did not
    // contain valid UTF-8"), while the browser shows its Chinese text.
    let dir = std::env::temp_dir().join(format!("backstory-cli-judge-gbk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let dataset = fixture::dataset(json!([fixture::company("jd", "JD.com", json!(["京东"]))]), json!([]));
    let file = dir.join("dataset.json");
    std::fs::write(&file, serde_json::to_string(&dataset).expect("json")).expect("write");
    let page = dir.join("page.html");
    // "京东" in GBK.
    std::fs::write(&page, b"<html><head><meta charset=\"gbk\"></head><body><p>\xbe\xa9\xb6\xab</p></body></html>")
        .expect("write");
    let out = backstory(&["scan", "--dataset", file.to_str().expect("utf-8"), page.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout(&out).contains("1 hit(s)"), "{}", stdout(&out));
    std::fs::remove_dir_all(dir).ok();
}
