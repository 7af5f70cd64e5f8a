//! `backstory scan`: prints each hit in text or HTML files with its company, alias and context.

use serde::Serialize;

use crate::confirm::confirmed_by;
use crate::engine::{Engine, HitKind};
use crate::organizer::preview::{context, explain, product_data};
pub use crate::organizer::preview::{input_page, input_text};
pub use crate::organizer::preview::{PageArgs, StructuredView};

/// The dataset bundled with the extension, used when `--dataset` is absent.
const DEFAULT_DATASET: &str = include_str!("../../extension/data/default.json");

#[derive(Serialize)]
pub struct ScanReport {
    pub input: String,
    pub hits: Vec<HitView>,
    /// Brands the page's product data names that the dataset knows (rule `structured-data`).
    pub structured: Vec<StructuredView>,
}

#[derive(Serialize)]
pub struct HitView {
    pub company: String,
    pub brand: Option<String>,
    pub alias: String,
    pub kind: &'static str,
    /// UTF-16 offsets into the scanned text (for HTML, its visible text).
    pub start: u32,
    pub end: u32,
    pub context: String,
    /// The judge's rule (`judge::Rule::id`).
    pub rule: &'static str,
}

pub fn run(dataset: Option<&str>, json: bool, explain: bool, args: PageArgs, inputs: &[String]) -> Result<u8, String> {
    let engine = load_engine(dataset)?;
    for input in inputs {
        let raw = super::read_page(input)?;
        if explain {
            print_explained(&engine, input, &raw, args);
            continue;
        }
        let report = scan_input(&engine, input, &raw, args);
        if json {
            println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
            continue;
        }
        for s in &report.structured {
            println!("{input}: product data: {} \"{}\"", s.company, s.name);
        }
        for h in &report.hits {
            let via = h.brand.as_ref().map(|b| format!(" via brand {b}")).unwrap_or_default();
            println!("{input}:{}-{}: {} [{}{via}] \"{}\"  …{}…", h.start, h.end, h.company, h.kind, h.alias, h.context);
        }
        println!("{input}: {} hit(s)", report.hits.len());
    }
    Ok(0)
}

/// Builds the engine from a dataset file, or the bundled one.
pub fn load_engine(dataset: Option<&str>) -> Result<Engine, String> {
    let (name, json) = match dataset {
        Some(path) => (path.to_string(), super::read_input(path)?),
        None => ("bundled dataset".to_string(), DEFAULT_DATASET.to_string()),
    };
    Engine::from_json(&json).map_err(|e| format!("{name}: {e}"))
}

/// The hits of one input, read as one page (`input_page`); the page-level rule of waiting hits
/// holds over the whole input.
pub fn scan_input(engine: &Engine, input: &str, raw: &str, args: PageArgs) -> ScanReport {
    let text = input_text(input, raw);
    let page = input_page(input, raw, args);
    let d = engine.dataset();
    let (structured, stated) = product_data(engine, input, raw);
    let hits = confirmed_by(engine, engine.scan_page(&text, &page), stated)
        .into_iter()
        .filter_map(|h| {
            let entry = engine.entry(h.entry)?;
            let (brand, company) = entry.target();
            Some(HitView {
                company: d.companies[company].id.clone(),
                brand: brand.map(|b| d.brands[b].id.clone()),
                alias: entry.alias.clone(),
                kind: match h.kind {
                    HitKind::Brand => "brand",
                    HitKind::Company => "company",
                    HitKind::Symbol => "symbol",
                },
                start: h.start,
                end: h.end,
                context: context(&text, h.start, h.end),
                rule: h.rule.id(),
            })
        })
        .collect();
    ScanReport { input: input.to_string(), hits, structured }
}

/// Every candidate of one input with its verdict and rule, in text order.
fn print_explained(engine: &Engine, input: &str, raw: &str, args: PageArgs) {
    let e = explain(engine, input, raw, args);
    let lang = e.lang.as_deref().unwrap_or("unknown");
    println!("{input}: language {lang}, host {}", e.host.as_deref().unwrap_or("unknown"));
    for s in &e.structured {
        println!(
            "{input}: flag [structured-data] \"{}\" ({}): {}",
            s.name,
            s.company,
            crate::judge::Rule::StructuredData.words()
        );
    }
    for c in &e.candidates {
        let (start, end, verdict, rule, alias, company) = (c.start, c.end, c.verdict, c.rule, &c.alias, &c.company);
        println!("{input}:{start}-{end}: {verdict} [{rule}] \"{alias}\" ({company}): {}  …{}…", c.reason, c.context);
    }
    println!("{input}: {} candidate(s), {} standing", e.candidates.len(), e.standing);
}
