//! Fuzz target: the judge on whole pages: aliases that are words of some languages (`word_in`),
//! a page language that may be absent, malformed or mixed, an arbitrary host, text assembled from
//! raw pieces and the aliases, and a product-data brand looked up by name. No panic; hits keep
//! their invariants; every hit is a candidate `explain` reports with a verdict that is not a
//! rejection; language detection and the product-data lookup answer on any text.
#![no_main]

mod common;

use arbitrary::Arbitrary;
use backstory::detect::detect_language;
use backstory::judge::Verdict;
use backstory::{Engine, Page};
use libfuzzer_sys::fuzz_target;
use serde_json::json;

#[derive(Arbitrary, Debug)]
struct Alias {
    text: String,
    /// Indexes into LANGS: the languages it is a word in.
    word_in: Vec<u8>,
    confirm_page: bool,
    case_exact: bool,
}

#[derive(Arbitrary, Debug)]
enum Piece {
    Raw(String),
    Alias(u8),
    Space,
    BlockBreak,
    Ellipsis,
}

#[derive(Arbitrary, Debug)]
struct Input {
    aliases: Vec<Alias>,
    lang: Option<String>,
    host: Option<String>,
    structured_brand: String,
    pieces: Vec<Piece>,
}

const LANGS: [&str; 6] = ["fr", "de", "en", "ja", "zh", "pt-BR"];

fuzz_target!(|input: Input| {
    let aliases: Vec<_> = input
        .aliases
        .iter()
        .map(|a| {
            let word_in: Vec<&str> = a.word_in.iter().map(|i| LANGS[usize::from(*i) % LANGS.len()]).collect();
            json!({"text": a.text, "word_in": word_in, "case": if a.case_exact { "exact" } else { "any" },
                   "confirm": if a.confirm_page { "page" } else { "none" }})
        })
        .collect();
    let dataset = json!({
        "format": "backstory-dataset", "format_version": 1, "id": "fuzz", "title": "Fuzz",
        "publisher": {"name": "Fuzz"}, "version": 1, "license": "CC0-1.0", "as_of": "2024-01-01",
        "profile_origins": ["https://example.org"],
        "categories": [{"id": "t", "label": "T", "description": "Fuzz category."}],
        "companies": [{"id": "c0", "name": "Zq0xw", "legal_name": "Zq0xw Inc.", "aliases": aliases,
                       "categories": ["t"], "summary": "Fuzz company.", "as_of": "2024-01-01"}],
    });
    let Ok(engine) = Engine::from_json(&dataset.to_string()) else { return };
    let mut text = String::new();
    for piece in &input.pieces {
        match piece {
            Piece::Raw(s) => text.push_str(s),
            Piece::Alias(i) => {
                if let Some(a) = input.aliases.get(usize::from(*i) % input.aliases.len().max(1)) {
                    text.push_str(&a.text);
                }
            }
            Piece::Space => text.push(' '),
            Piece::BlockBreak => text.push('\u{2029}'),
            Piece::Ellipsis => text.push_str("..."),
        }
    }
    let detected = detect_language(&text);
    let lang = input.lang.as_deref().or(detected);
    let page = Page::new(input.host.as_deref(), lang);
    let hits = engine.scan_page(&text, &page);
    common::check_hits(&engine, &text, &hits);
    let judged = engine.explain(&text, &page);
    for h in &hits {
        assert!(
            judged.iter().any(|j| (j.start, j.end) == (h.start, h.end) && j.rule.verdict() != Verdict::Reject),
            "hit {h:?} missing from the explanation {judged:?}"
        );
    }
    let _ = engine.named(&input.structured_brand).map(|id| engine.entry(id).expect("named gives an entry"));
});
