//! Visible text of an HTML page, as the content script collects it: text blocks joined with
//! U+2029, with the same skip rules as far as a parser can know them (no styles or layout).

use scraper::node::Node;
use scraper::{ElementRef, Html};

/// Separates text blocks in scan input (see `Engine::scan`).
pub const BLOCK_SEPARATOR: char = '\u{2029}';

/// Elements whose content is never page text a shopper reads.
/// The content script's `SKIP_TAGS` (extension/content/collect.js) are the same; a test keeps them so.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "textarea", "input", "select", "option", "head", "iframe", "object",
    "svg", "math", "canvas", "embed", "video", "audio",
];

/// Elements that start a new text block (a paragraph, a product tile, a table cell). The content
/// script's `BLOCK_TAGS` (extension/content/blocks.js) are the same but for `br` (its walk sees only
/// text nodes and cuts the run at a `<br>` instead) and `img` (it reads alt texts apart from the
/// text); a test keeps them so.
pub const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "dd",
    "details",
    "dialog",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "button",
    "img",
    "caption",
    "hgroup",
    "legend",
];

/// Class names of in-page code editors, whose text is code, not prose.
const EDITOR_CLASSES: &[&str] = &["CodeMirror", "cm-editor", "monaco-editor", "ace_editor"];

/// The visible text of `html`, blocks separated by U+2029. Image `alt`, `aria-label` and `title`
/// texts count as blocks of their own, as brands often hide there.
pub fn visible_text(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = Text::default();
    walk(doc.root_element(), &mut out);
    out.text
}

/// The host of the page's own address, from `<link rel="canonical">` or `<meta property="og:url">`:
/// what the browser's address bar would have shown for a saved page.
pub fn page_host(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let selector =
        scraper::Selector::parse(r#"link[rel~="canonical"][href], meta[property="og:url"][content]"#).ok()?;
    doc.select(&selector).find_map(|e| {
        let address = e.value().attr("href").or_else(|| e.value().attr("content"))?;
        let address = address.trim();
        // "https://host/…", or scheme-relative "//host/…".
        let rest = address.split_once("://").map(|(_, r)| r).or_else(|| address.strip_prefix("//"))?;
        let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?.split(':').next()?;
        (!host.is_empty()).then(|| host.to_ascii_lowercase())
    })
}

/// The page's language as its author declared it: `<html lang>`, else a Content-Language meta
/// element (the content script reads the same two, `content/collect.js`).
pub fn page_lang(html: &str) -> Option<String> {
    let doc = Html::parse_document(html);
    let declared = doc.root_element().value().attr("lang").map(str::to_string).or_else(|| {
        let selector = scraper::Selector::parse(r#"meta[http-equiv][content]"#).ok()?;
        doc.select(&selector)
            .find(|e| e.value().attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-language")))
            .and_then(|e| e.value().attr("content"))
            .map(|c| c.split(',').next().unwrap_or_default().to_string())
    });
    declared.filter(|l| !l.trim().is_empty())
}

#[derive(Default)]
struct Text {
    text: String,
}

impl Text {
    fn block_break(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with(BLOCK_SEPARATOR) {
            self.text.push(BLOCK_SEPARATOR);
        }
    }
}

fn walk(element: ElementRef, out: &mut Text) {
    let el = element.value();
    let name = el.name();
    if SKIPPED.contains(&name) || is_hidden(&element) {
        return;
    }
    let block = BLOCK_TAGS.contains(&name);
    if block {
        out.block_break();
    }
    for attr in ["alt", "aria-label", "title"] {
        if let Some(value) = el.attr(attr).map(str::trim).filter(|v| !v.is_empty()) {
            out.block_break();
            out.text.push_str(value);
            out.block_break();
        }
    }
    for child in element.children() {
        match child.value() {
            Node::Text(t) => out.text.push_str(t),
            Node::Element(_) => {
                if let Some(child_el) = ElementRef::wrap(child) {
                    walk(child_el, out);
                }
            }
            _ => {}
        }
    }
    if block {
        out.block_break();
    }
}

fn is_hidden(element: &ElementRef) -> bool {
    let el = element.value();
    if el.attr("hidden").is_some() || el.attr("contenteditable").is_some_and(|v| v != "false") {
        return true;
    }
    if el.classes().any(|c| EDITOR_CLASSES.contains(&c)) {
        return true;
    }
    el.attr("style").is_some_and(|style| {
        let style: String = style.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_scripts_and_hidden_and_splits_blocks() {
        let html = r#"<html><head><title>T</title></head><body><div>Whole <b>Foods</b> Market</div>
            <script>var ring = 1;</script><p hidden>Zappos</p><div contenteditable>Ring</div>
            <img alt="Ring doorbell" src="x.png"><p>Two</p></body></html>"#;
        let text = visible_text(html);
        let blocks: Vec<&str> = text.split(BLOCK_SEPARATOR).map(str::trim).filter(|b| !b.is_empty()).collect();
        assert_eq!(blocks, vec!["Whole Foods Market", "Ring doorbell", "Two"]);
    }
}
