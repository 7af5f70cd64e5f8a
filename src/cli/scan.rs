//! `backstory scan`: prints each hit in text or HTML files with its company, alias and context.

use serde::Serialize;

use crate::confirm::confirmed_on_page;
use crate::engine::{Engine, HitKind};
use crate::page_text::{page_host, visible_text, BLOCK_SEPARATOR};
use crate::utf16::utf16_to_byte;

/// The dataset bundled with the extension, used when `--dataset` is absent.
const DEFAULT_DATASET: &str = include_str!("../../extension/data/default.json");

/// Characters of context shown on each side of a hit.
const CONTEXT_CHARS: usize = 40;

#[derive(Serialize)]
pub struct ScanReport {
    pub input: String,
    pub hits: Vec<HitView>,
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
}

pub fn run(dataset: Option<&str>, json: bool, host: Option<&str>, inputs: &[String]) -> Result<u8, String> {
    let engine = load_engine(dataset)?;
    for input in inputs {
        let raw = super::read_input(input)?;
        let report = scan_input(&engine, input, &raw, host);
        if json {
            println!("{}", serde_json::to_string(&report).map_err(|e| e.to_string())?);
            continue;
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

/// The text of an input as the extension would see it: visible text for HTML, else as is.
pub fn input_text(path: &str, raw: &str) -> String {
    if is_html(path) {
        visible_text(raw)
    } else {
        raw.to_string()
    }
}

fn is_html(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm")
}

/// The hits of one input, read as one page: `host` (else the HTML page's own address) is the site
/// it comes from, and the page-level rule of `confirm: page` aliases holds over the whole input.
pub fn scan_input(engine: &Engine, input: &str, raw: &str, host: Option<&str>) -> ScanReport {
    let text = input_text(input, raw);
    let address = if host.is_none() && is_html(input) { page_host(raw) } else { None };
    let host = host.or(address.as_deref());
    let d = engine.dataset();
    let hits = confirmed_on_page(engine, engine.scan_at(&text, host))
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
            })
        })
        .collect();
    ScanReport { input: input.to_string(), hits }
}

/// Up to CONTEXT_CHARS characters each side of the hit, on one line.
fn context(text: &str, start: u32, end: u32) -> String {
    let (s, e) = (utf16_to_byte(text, start), utf16_to_byte(text, end));
    let before: String = text[..s].chars().rev().take(CONTEXT_CHARS).collect::<Vec<_>>().into_iter().rev().collect();
    let after: String = text[e..].chars().take(CONTEXT_CHARS).collect();
    format!("{before}{}{after}", &text[s..e])
        .chars()
        .map(|c| if c == BLOCK_SEPARATOR || c.is_whitespace() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
