//! The TechForPalestine boycott dataset's JSON layout: `{"brands": {id: {...}}, "companies":
//! {id: {...}}}`, brands with `status`, `reasons`, `description` (footnotes `[^1]: URL`),
//! `alternatives` and owner `stakeholders` (`{id, type, percent}`).

use serde_json::{Map, Value};

use super::{Builder, Meta, Unmapped};
use crate::dataset::Dataset;

pub fn import(input: &str, meta: Meta) -> Result<(Dataset, Vec<Unmapped>), String> {
    let root: Value = serde_json::from_str(input).map_err(|e| format!("not JSON: {e}"))?;
    let empty = Map::new();
    let brands = root.get("brands").and_then(Value::as_object).ok_or("no \"brands\" object")?;
    let companies = root.get("companies").and_then(Value::as_object).unwrap_or(&empty);
    let mut b = Builder::new(meta);

    let mut company_index = std::collections::HashMap::new();
    for (id, c) in companies {
        let at = format!("companies.{id}");
        let Some(name) = text(c, "name") else {
            b.skip(at, "no name");
            continue;
        };
        let index = b.company(name, Some(id));
        describe(&mut b, index, c, &at);
        company_index.insert(id.clone(), index);
    }
    let names_by_id: std::collections::HashMap<&str, &str> =
        brands.iter().filter_map(|(id, v)| Some((id.as_str(), text(v, "name")?))).collect();

    for (id, brand) in brands {
        let at = format!("brands.{id}");
        let Some(name) = text(brand, "name") else {
            b.skip(at, "no name");
            continue;
        };
        if text(brand, "status") != Some("avoid") {
            continue; // neutral brands are only alternatives
        }
        let mut owners = Vec::new();
        for (k, s) in brand.get("stakeholders").and_then(Value::as_array).into_iter().flatten().enumerate() {
            let sid = text(s, "id").unwrap_or_default();
            if text(s, "type").is_some_and(|t| t != "owner") {
                continue;
            }
            match company_index.get(sid) {
                Some(&c) => owners.push((c, s.get("percent").and_then(Value::as_f64))),
                None => b.skip(format!("{at}.stakeholders[{k}]"), format!("owner id {sid:?} points to no company")),
            }
        }
        let reasons: Vec<String> = brand
            .get("reasons")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|r| r.as_str().map(str::to_string))
            .collect();
        if owners.is_empty() {
            // A brand with no known owner is listed as a company of its own, so nothing is lost.
            let c = b.company(name, Some(id));
            describe(&mut b, c, brand, &at);
            owners.push((c, None));
        } else if b.claim(name, owners[0].0, &at) {
            let bi = b.brand(name, Some(id), &owners);
            b.brands[bi].alternatives = brand
                .get("alternatives")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().and_then(|a| names_by_id.get(a)).map(|n| n.to_string()))
                .collect();
            if let Some(d) = text(brand, "description") {
                let (prose, _) = footnotes(d);
                b.add_summary(owners[0].0, &prose);
            }
        }
        for &(c, _) in &owners {
            for reason in &reasons {
                let cat = b.category(reason);
                if !b.companies[c].categories.contains(&cat) {
                    b.companies[c].categories.push(cat);
                }
            }
        }
    }
    Ok(b.finish())
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}

/// Summary and sources from a `description` with Markdown footnotes.
fn describe(b: &mut Builder, c: usize, v: &Value, at: &str) {
    if let Some(d) = text(v, "description") {
        let (prose, urls) = footnotes(d);
        b.add_summary(c, &prose);
        for url in urls {
            let title = format!("Cited by the TechForPalestine entry for {}", b.companies[c].name);
            b.add_source(c, &url, &title, &format!("{at}.description"));
        }
    }
}

/// Splits `Text.[^1]\n\n[^1]: https://...` into the prose without markers and the cited URLs.
fn footnotes(description: &str) -> (String, Vec<String>) {
    let mut prose = Vec::new();
    let mut urls = Vec::new();
    for line in description.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("[^") {
            if let Some((_, url)) = rest.split_once("]:") {
                urls.push(url.trim().to_string());
                continue;
            }
        }
        let mut clean = String::new();
        let mut rest = line;
        while let Some(start) = rest.find("[^") {
            clean.push_str(&rest[..start]);
            rest = rest[start..].find(']').map_or("", |end| &rest[start + end + 1..]);
        }
        clean.push_str(rest);
        if !clean.trim().is_empty() {
            prose.push(clean.trim().to_string());
        }
    }
    (prose.join(" "), urls)
}
