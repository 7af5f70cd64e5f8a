//! Each test pins a bug that was found and fixed, named after what went wrong.

use backstory::Engine;
use serde_json::{json, Value};

use crate::common::dataset as fixture;

fn dataset(companies: Value) -> Engine {
    fixture::engine(fixture::dataset(companies, json!([])))
}

fn company(id: &str, aliases: Value, symbols: &[&str]) -> Value {
    fixture::with(fixture::company(id, id, aliases), json!({"symbols": symbols}))
}

fn matched(engine: &Engine, text: &str) -> Vec<String> {
    engine.scan(text).iter().map(|h| engine.entry(h.entry).expect("entry").alias.clone()).collect()
}

/// An alias's own exclusion phrase silenced another company's alias with that very text:
/// RTX excluding "GeForce RTX" hid NVIDIA's "GeForce RTX".
#[test]
fn an_alias_exclusion_suppresses_only_that_alias() {
    let engine = dataset(json!([
        company("rtx", json!([{"text": "RTX", "case": "exact", "exclude": ["GeForce RTX"]}]), &[]),
        company("nvidia", json!(["GeForce RTX"]), &[]),
    ]));
    assert_eq!(matched(&engine, "GeForce RTX 4070"), ["GeForce RTX"]);
    assert_eq!(matched(&engine, "RTX missiles"), ["RTX"]);
}

/// "In stock" on product pages made a block financial, so bare tickers fired: "GeForce RTX
/// 4070 — In Stock" was read as NYSE:RTX.
#[test]
fn in_stock_does_not_make_a_block_financial() {
    let engine = dataset(json!([company("raytheon", json!([]), &["NYSE:RTX"])]));
    assert_eq!(matched(&engine, "GeForce RTX 4070 graphics card. In Stock"), Vec::<String>::new());
    assert_eq!(matched(&engine, "RTX shares rose after earnings."), ["NYSE:RTX"]);
}
