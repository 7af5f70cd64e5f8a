//! The core compiled to wasm32 must give the same hits and UTF-16 offsets as natively.
//!
//! `src/wasm.rs` (the exported handle) is a private module, so these tests drive the public core
//! inside the wasm runtime; the handle itself is covered from JavaScript (tests/js).
#![cfg(target_arch = "wasm32")]

use backstory::{Engine, HitKind};
use wasm_bindgen_test::wasm_bindgen_test;

const DATASET: &str = include_str!("fixtures/test-dataset.json");

fn engine() -> Engine {
    Engine::from_json(DATASET).expect("the test fixture builds")
}

fn spans(engine: &Engine, text: &str) -> Vec<(u32, u32, String)> {
    engine
        .scan(text)
        .iter()
        .map(|h| (h.start, h.end, engine.entry(h.entry).expect("hit entry exists").alias.clone()))
        .collect()
}

#[wasm_bindgen_test]
fn builds_and_scans_ascii() {
    let e = engine();
    assert_eq!(spans(&e, "Fresh bread from Whole Foods Market."), vec![(17, 35, "Whole Foods Market".into())]);
}

#[wasm_bindgen_test]
fn utf16_offsets_after_astral_characters() {
    // 😀 is two UTF-16 units; JavaScript indexes the string the same way.
    let e = engine();
    assert_eq!(spans(&e, "😀😀 Amazon"), vec![(5, 11, "Amazon".into())]);
    assert_eq!(spans(&e, "é Amazon"), vec![(2, 8, "Amazon".into())]);
}

#[wasm_bindgen_test]
fn folding_and_unspaced_scripts() {
    let e = engine();
    assert_eq!(spans(&e, "KÄRCHER"), vec![(0, 7, "Kärcher".into())]);
    assert_eq!(spans(&e, "我在阿里巴巴买"), vec![(2, 6, "阿里巴巴".into())]);
}

#[wasm_bindgen_test]
fn stock_symbols() {
    let e = engine();
    let hits = e.scan("(NASDAQ: AMZN) and NYSE: AMZN");
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].start, hits[0].end, hits[0].kind), (9, 13, HitKind::Symbol));
}

#[wasm_bindgen_test]
fn search_and_domains() {
    let e = engine();
    let top = e.search("zapos", 5);
    assert_eq!(top.first().map(|r| r.label.as_str()), Some("Zappos"));
    assert_eq!(e.company_for_host("smile.amazon.com"), e.company_index("amazon"));
    assert_eq!(e.company_for_host("notamazon.com"), None);
}
