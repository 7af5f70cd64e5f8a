//! What the extension would do on a page, explained: every candidate in a text or a saved HTML page
//! with the judge's verdict and reason. `backstory scan --explain` prints it; the Studio shows it
//! as the organizer edits the sheet.

use serde::Serialize;

use crate::confirm::confirmed_by;
use crate::detect::detect_language;
use crate::engine::{Engine, Page};
use crate::page_text::{page_host, page_lang, visible_text, BLOCK_SEPARATOR};
use crate::structured::structured_brands;
use crate::utf16::utf16_to_byte;

/// Characters of context shown on each side of a hit.
const CONTEXT_CHARS: usize = 40;

/// What the command line says of the inputs' page, overriding what an HTML page says of itself.
#[derive(Clone, Copy, Default)]
pub struct PageArgs<'a> {
    pub host: Option<&'a str>,
    pub lang: Option<&'a str>,
}

#[derive(Serialize)]
pub struct StructuredView {
    pub company: String,
    pub brand: Option<String>,
    /// The name as the product data writes it.
    pub name: String,
}

/// One candidate the engine found, judged.
#[derive(Serialize)]
pub struct Candidate {
    /// UTF-16 offsets into the text (for HTML, its visible text).
    pub start: u32,
    pub end: u32,
    /// flag, "wait, confirmed", "wait, unconfirmed" or reject.
    pub verdict: &'static str,
    /// The judge's rule (`judge::Rule::id`) and its reason in words.
    pub rule: &'static str,
    pub reason: &'static str,
    pub alias: String,
    /// The company's name.
    pub company: String,
    pub context: String,
}

/// Every candidate of one input, in text order, and the page it was read as.
#[derive(Serialize)]
pub struct Explained {
    pub lang: Option<String>,
    pub host: Option<String>,
    /// Brands the page's product data names (rule `structured-data`).
    pub structured: Vec<StructuredView>,
    pub candidates: Vec<Candidate>,
    /// How many candidates the extension would badge.
    pub standing: usize,
}

/// Judges every candidate of `raw` (named `input`: a name ending in .html or .htm is read as a page).
pub fn explain(engine: &Engine, input: &str, raw: &str, args: PageArgs) -> Explained {
    let text = input_text(input, raw);
    let page = input_page(input, raw, args);
    let judged = engine.explain(&text, &page);
    let (structured, stated) = product_data(engine, input, raw);
    let standing: std::collections::HashSet<(u32, u32)> =
        confirmed_by(engine, engine.scan_page(&text, &page), stated).iter().map(|h| (h.start, h.end)).collect();
    let candidates = judged
        .iter()
        .filter_map(|j| {
            let entry = engine.entry(j.entry)?;
            let verdict = match j.rule.verdict() {
                crate::judge::Verdict::Flag => "flag",
                crate::judge::Verdict::Wait if standing.contains(&(j.start, j.end)) => "wait, confirmed",
                crate::judge::Verdict::Wait => "wait, unconfirmed",
                crate::judge::Verdict::Reject => "reject",
            };
            Some(Candidate {
                start: j.start,
                end: j.end,
                verdict,
                rule: j.rule.id(),
                reason: j.rule.words(),
                alias: entry.alias.clone(),
                company: engine.dataset().companies[entry.company].name.clone(),
                context: context(&text, j.start, j.end),
            })
        })
        .collect();
    Explained { lang: page.lang, host: page.host, structured, candidates, standing: standing.len() }
}

/// The text of an input as the extension would see it: visible text for HTML, else as is.
pub fn input_text(path: &str, raw: &str) -> String {
    if is_html(path) {
        visible_text(raw)
    } else {
        raw.to_string()
    }
}

/// Whether an input is read as an HTML page: its name ends in .html or .htm.
pub fn is_html(path: &str) -> bool {
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
pub(crate) fn product_data(engine: &Engine, input: &str, raw: &str) -> (Vec<StructuredView>, Vec<usize>) {
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

/// Up to CONTEXT_CHARS characters each side of the hit, on one line.
pub(crate) fn context(text: &str, start: u32, end: u32) -> String {
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
