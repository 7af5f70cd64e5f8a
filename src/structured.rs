//! A product's brand from a saved page's structured data, read as the content script reads it
//! (`extension/content/structured.js`, the same sources, order and limits): JSON-LD
//! Product.brand/manufacturer, microdata `itemprop=brand`/`manufacturer`, and the `product:brand`
//! meta tag. `backstory scan` looks each up with `Engine::named`, as the extension's background does,
//! so both paths confirm the same waiting names.

use scraper::{Html, Selector};
use serde_json::Value;

/// A product block is a few KB; a larger one is skipped rather than parsed.
const MAX_JSONLD_CHARS: usize = 200_000;
/// Longer than any brand name: a description, not a name.
const MAX_NAME_CHARS: usize = 120;
/// How deep the JSON-LD walk goes (@graph, ProductGroup, ItemPage.mainEntity).
const MAX_DEPTH: usize = 8;
/// Names read from one page at most.
const MAX_BRANDS: usize = 5;

/// The brand names `html` states, JSON-LD first, then microdata, then meta; without duplicates
/// (case-insensitive), at most five.
pub fn structured_brands(html: &str) -> Vec<String> {
    let doc = Html::parse_document(html);
    let mut out = Vec::new();
    let select = |css: &str| Selector::parse(css).ok();
    if let Some(sel) = select(r#"script[type="application/ld+json"]"#) {
        for script in doc.select(&sel) {
            let text: String = script.text().collect();
            if text.chars().count() > MAX_JSONLD_CHARS {
                continue;
            }
            // A broken block on the page is the page's problem, not a reason to stop.
            if let Ok(value) = serde_json::from_str::<Value>(&text) {
                visit(&value, 0, &mut out);
            }
        }
    }
    if let (Some(sel), Some(name)) =
        (select(r#"[itemprop~="brand"], [itemprop~="manufacturer"]"#), select(r#"[itemprop~="name"]"#))
    {
        for e in doc.select(&sel) {
            let inner = e.select(&name).next();
            let text = e
                .value()
                .attr("content")
                .map(str::to_string)
                .or_else(|| inner.and_then(|i| i.value().attr("content")).map(str::to_string))
                .unwrap_or_else(|| inner.unwrap_or(e).text().collect());
            add(&mut out, &text);
        }
    }
    if let Some(sel) = select(r#"meta[property="product:brand"], meta[name="product:brand"]"#) {
        for m in doc.select(&sel) {
            if let Some(content) = m.value().attr("content") {
                add(&mut out, content);
            }
        }
    }
    out.truncate(MAX_BRANDS);
    out
}

fn visit(node: &Value, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    match node {
        Value::Array(items) => items.iter().for_each(|n| visit(n, depth + 1, out)),
        Value::Object(map) => {
            if ["Product", "ProductGroup", "IndividualProduct"].iter().any(|t| type_is(node, t)) {
                for key in ["brand", "manufacturer"] {
                    if let Some(name) = map.get(key).and_then(name_of) {
                        add(out, &name);
                    }
                }
            }
            for (k, v) in map {
                if k != "brand" && k != "manufacturer" {
                    visit(v, depth + 1, out);
                }
            }
        }
        _ => {}
    }
}

/// Whether `@type` is `t` or lists it, with or without a vocabulary prefix ("schema:Product").
fn type_is(node: &Value, t: &str) -> bool {
    let short = |s: &str| s.rsplit(['/', '#', ':']).next() == Some(t);
    match node.get("@type") {
        Some(Value::String(s)) => short(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(short)),
        _ => false,
    }
}

/// A brand given as a string, `{name}`, or a list whose first item is one of those.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(a) => a.first().and_then(name_of),
        Value::Object(o) => o.get("name").and_then(name_of),
        _ => None,
    }
}

fn add(out: &mut Vec<String>, raw: &str) {
    let cleaned: String = raw.replace(['®', '™', '℠'], "").split_whitespace().collect::<Vec<_>>().join(" ");
    if cleaned.is_empty() || cleaned.chars().count() > MAX_NAME_CHARS {
        return;
    }
    if !out.iter().any(|o| o.to_lowercase() == cleaned.to_lowercase()) {
        out.push(cleaned);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sources_in_order_without_duplicates() {
        let html = r#"<html><head>
            <script type="application/ld+json">{"@graph": [{"@type": "schema:Product", "brand": {"@type": "Brand", "name": "McDonald’s™"}}]}</script>
            <script type="application/ld+json">{ broken</script>
            <meta property="product:brand" content="Zyxco">
            </head><body><div itemprop="brand" itemscope><span itemprop="name">mcdonald’s</span></div>
            <span itemprop="manufacturer">Acme  Works</span></body></html>"#;
        assert_eq!(structured_brands(html), vec!["McDonald’s", "Acme Works", "Zyxco"]);
    }

    #[test]
    fn only_products_and_only_names() {
        let html = r#"<script type="application/ld+json">[{"@type": "Organization", "brand": "NotAProduct"},
            {"@type": ["Thing", "ProductGroup"], "manufacturer": [{"name": "First"}, {"name": "Second"}]}]</script>"#;
        assert_eq!(structured_brands(html), vec!["First"]);
    }
}
