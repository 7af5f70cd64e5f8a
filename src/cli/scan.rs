//! `backstory scan`: prints each hit in text or HTML files with its company, alias and context.

use serde::Serialize;

use crate::confirm::confirmed_by;
use crate::detect::detect_language;
use crate::engine::{Engine, HitKind, Page};
use crate::page_text::{page_host, page_lang, visible_text, BLOCK_SEPARATOR};
use crate::structured::structured_brands;
use crate::utf16::utf16_to_byte;

/// The dataset bundled with the extension, used when `--dataset` is absent.
const DEFAULT_DATASET: &str = include_str!("../../extension/data/default.json");

/// Characters of context shown on each side of a hit.
const CONTEXT_CHARS: usize = 40;

#[derive(Serialize)]
pub struct ScanReport {
    pub input: String,
    pub hits: Vec<HitView>,
    /// Brands the page's product data names that the dataset knows (rule `structured-data`).
    pub structured: Vec<StructuredView>,
}

#[derive(Serialize)]
pub struct StructuredView {
    pub company: String,
    pub brand: Option<String>,
    /// The name as the product data writes it.
    pub name: String,
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

/// What the command line says of the inputs' page, overriding what an HTML page says of itself.
#[derive(Clone, Copy, Default)]
pub struct PageArgs<'a> {
    pub host: Option<&'a str>,
    pub lang: Option<&'a str>,
}

pub fn run(dataset: Option<&str>, json: bool, explain: bool, args: PageArgs, inputs: &[String]) -> Result<u8, String> {
    let engine = load_engine(dataset)?;
    for input in inputs {
        let raw = super::read_input(input)?;
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

/// The page an input stands for: the command line's host and language, else what an HTML page
/// says of itself (its canonical address, its `lang`), else the language its text is written in
/// (`detect`, on the sample the extension's first batch would hold).
pub fn input_page(input: &str, raw: &str, args: PageArgs) -> Page {
    let html = is_html(input);
    let host = args.host.map(str::to_string).or_else(|| if html { page_host(raw) } else { None });
    let declared = args.lang.map(str::to_string).or_else(|| if html { page_lang(raw) } else { None });
    let page = Page::new(host.as_deref(), declared.as_deref());
    if page.lang.is_some() {
        return page;
    }
    let detected = detect_language(&input_text(input, raw));
    Page::new(host.as_deref(), detected)
}

/// The brands an HTML page's product data names that the dataset knows, and their companies.
fn product_data(engine: &Engine, input: &str, raw: &str) -> (Vec<StructuredView>, Vec<usize>) {
    if !is_html(input) {
        return (Vec::new(), Vec::new());
    }
    let d = engine.dataset();
    structured_brands(raw)
        .into_iter()
        .filter_map(|name| {
            let (brand, company) = engine.entry(engine.named(&name)?)?.target();
            let view = StructuredView {
                company: d.companies[company].id.clone(),
                brand: brand.map(|b| d.brands[b].id.clone()),
                name,
            };
            Some((view, company))
        })
        .unzip()
}

/// Every candidate of one input with its verdict and rule, in text order.
fn print_explained(engine: &Engine, input: &str, raw: &str, args: PageArgs) {
    let text = input_text(input, raw);
    let page = input_page(input, raw, args);
    let lang = page.lang.as_deref().unwrap_or("unknown");
    println!("{input}: language {lang}, host {}", page.host.as_deref().unwrap_or("unknown"));
    let judged = engine.explain(&text, &page);
    let (structured, stated) = product_data(engine, input, raw);
    for s in &structured {
        println!(
            "{input}: flag [structured-data] \"{}\" ({}): {}",
            s.name,
            s.company,
            crate::judge::Rule::StructuredData.words()
        );
    }
    let standing: std::collections::HashSet<(u32, u32)> =
        confirmed_by(engine, engine.scan_page(&text, &page), stated).iter().map(|h| (h.start, h.end)).collect();
    for j in &judged {
        let Some(entry) = engine.entry(j.entry) else { continue };
        let company = &engine.dataset().companies[entry.company].name;
        let verdict = match j.rule.verdict() {
            crate::judge::Verdict::Flag => "flag",
            crate::judge::Verdict::Wait if standing.contains(&(j.start, j.end)) => "wait, confirmed",
            crate::judge::Verdict::Wait => "wait, unconfirmed",
            crate::judge::Verdict::Reject => "reject",
        };
        println!(
            "{input}:{}-{}: {verdict} [{}] \"{}\" ({company}): {}  …{}…",
            j.start,
            j.end,
            j.rule.id(),
            entry.alias,
            j.rule.words(),
            context(&text, j.start, j.end)
        );
    }
    println!("{input}: {} candidate(s), {} standing", judged.len(), standing.len());
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
