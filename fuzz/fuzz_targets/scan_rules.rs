//! Fuzz target: a small dataset whose aliases and match rules (case, accents, context words,
//! exclusions) come from the input, scanning text assembled from raw pieces and those aliases,
//! so that matches, rules and Unicode edge cases meet far more often than with random text.
#![no_main]

mod common;

use arbitrary::Arbitrary;
use backstory::Engine;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

#[derive(Arbitrary, Debug)]
struct Alias {
    text: String,
    case_exact: bool,
    accents_optional: bool,
    context: Vec<String>,
    exclude: Vec<String>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    aliases: Vec<Alias>,
    brand_aliases: Vec<String>,
    symbols: Vec<String>,
    exclusions: Vec<String>,
    pieces: Vec<common::Piece>,
}

fn alias_json(a: &Alias) -> Value {
    json!({
        "text": a.text,
        "case": if a.case_exact { "exact" } else { "any" },
        "accents": if a.accents_optional { "optional" } else { "exact" },
        "context": a.context,
        "exclude": a.exclude,
    })
}

fn dataset(input: &Input) -> String {
    let company = |i: usize, aliases: &[Alias]| json!({
        "id": format!("c{i}"), "name": format!("Zq{i}xw"), "legal_name": format!("Zq{i}xw Inc."),
        "aliases": aliases.iter().map(alias_json).collect::<Vec<_>>(),
        "symbols": if i == 0 { input.symbols.clone() } else { Vec::new() },
        "categories": ["t"], "summary": "Fuzz company.", "as_of": "2024-01-01",
    });
    // Two companies, so that one alias claimed by both exercises the duplicate-owner check.
    let half = input.aliases.len() / 2;
    json!({
        "format": "backstory-dataset", "format_version": 1, "id": "fuzz", "title": "Fuzz",
        "publisher": {"name": "Fuzz"}, "version": 1, "license": "CC0-1.0", "as_of": "2024-01-01",
        "profile_origins": ["https://example.org"],
        "categories": [{"id": "t", "label": "T", "description": "Fuzz category."}],
        "companies": [company(0, &input.aliases[..half]), company(1, &input.aliases[half..])],
        "brands": [{"id": "b0", "name": "Qv Brand", "aliases": input.brand_aliases, "owners": [{"company": "c0"}]}],
        "exclusions": input.exclusions,
    })
    .to_string()
}

fuzz_target!(|input: Input| {
    let Ok(engine) = Engine::from_json(&dataset(&input)) else { return };
    let aliases: Vec<&str> = input.aliases.iter().map(|a| a.text.as_str()).collect();
    let text = common::assemble(&input.pieces, &aliases);
    let hits = engine.scan(&text);
    common::check_hits(&engine, &text, &hits);
});
