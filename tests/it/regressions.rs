//! Each test pins a bug that was found and fixed, named after what went wrong.

use backstory::Engine;

fn dataset(companies: serde_json::Value) -> Engine {
    let json = serde_json::json!({
        "format": "backstory-dataset", "format_version": 1, "id": "regressions", "title": "Test fixture",
        "publisher": {"name": "tests"}, "version": 1, "license": "CC0-1.0", "as_of": "2025-01-01",
        "profile_origins": [], "categories": [], "companies": companies
    });
    Engine::from_json(&json.to_string()).expect("fixture builds")
}

fn company(id: &str, aliases: serde_json::Value, symbols: &[&str]) -> serde_json::Value {
    serde_json::json!({"id": id, "name": id, "legal_name": id, "aliases": aliases, "symbols": symbols,
        "categories": [], "summary": "Test fixture company.", "as_of": "2025-01-01"})
}

fn matched(engine: &Engine, text: &str) -> Vec<String> {
    engine.scan(text).iter().map(|h| engine.entry(h.entry).expect("entry").alias.clone()).collect()
}

/// An alias's own exclusion phrase silenced another company's alias with that very text:
/// RTX excluding "GeForce RTX" hid NVIDIA's "GeForce RTX".
#[test]
fn an_alias_exclusion_suppresses_only_that_alias() {
    let engine = dataset(serde_json::json!([
        company("rtx", serde_json::json!([{"text": "RTX", "case": "exact", "exclude": ["GeForce RTX"]}]), &[]),
        company("nvidia", serde_json::json!(["GeForce RTX"]), &[]),
    ]));
    assert_eq!(matched(&engine, "GeForce RTX 4070"), ["GeForce RTX"]);
    assert_eq!(matched(&engine, "RTX missiles"), ["RTX"]);
}

/// "In stock" on product pages made a block financial, so bare tickers fired: "GeForce RTX
/// 4070 — In Stock" was read as NYSE:RTX.
#[test]
fn in_stock_does_not_make_a_block_financial() {
    let engine = dataset(serde_json::json!([company("raytheon", serde_json::json!([]), &["NYSE:RTX"])]));
    assert_eq!(matched(&engine, "GeForce RTX 4070 graphics card. In Stock"), Vec::<String>::new());
    assert_eq!(matched(&engine, "RTX shares rose after earnings."), ["NYSE:RTX"]);
}
