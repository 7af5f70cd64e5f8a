//! The host each saved page was saved from, as the real-page test bed serves it
//! (`scripts/lib/corpus.mjs`): the page's canonical or og:url address, else the `site` column of
//! `intl/SOURCES.tsv`, else its file name ("test_data__gap.html" -> www.gap.com). The extension
//! judges a page knowing its host (the shop's own name, the country of its domain), so the eval
//! gives `scan` the same host.

use std::collections::HashMap;
use std::path::Path;

/// File names that do not spell their site: the WebShop mocks abbreviate Amazon.
const NAME_HOSTS: [(&str, &str); 2] = [("amz", "www.amazon.com"), ("ebay", "www.ebay.com")];

/// The intl pages' sites, by path under the corpus ("intl/pages/green-db/otto__damen-pullover.html").
pub fn intl_sites(corpus: &Path) -> HashMap<String, String> {
    let Ok(tsv) = std::fs::read_to_string(corpus.join("intl/SOURCES.tsv")) else { return HashMap::new() };
    let mut rows = tsv.lines().map(|l| l.split('\t').collect::<Vec<_>>());
    let Some(header) = rows.next() else { return HashMap::new() };
    let column = |name: &str| header.iter().position(|h| *h == name);
    let (Some(path), Some(site)) = (column("path"), column("site")) else { return HashMap::new() };
    rows.filter_map(|r| Some((format!("intl/{}", r.get(path)?), r.get(site)?.to_string()))).collect()
}

/// The host of the saved page `name` (its path under the corpus), whose HTML is `raw`.
pub fn saved_host(name: &str, raw: &str, sites: &HashMap<String, String>) -> String {
    backstory::page_text::page_host(raw)
        .or_else(|| sites.get(name).filter(|s| !s.is_empty()).cloned())
        .unwrap_or_else(|| host_from_name(name))
}

/// "test_data__stupid.com.html" -> www.stupid.com, "training_data__gap.html" -> www.gap.com,
/// "mock_parse_results_amz.html" -> www.amazon.com.
fn host_from_name(name: &str) -> String {
    let base = name.rsplit('/').next().unwrap_or(name).trim_end_matches(".html");
    let word = if base.contains("__") { base.rsplit("__").next() } else { base.rsplit('_').next() }.unwrap_or(base);
    if let Some((_, host)) = NAME_HOSTS.iter().find(|(w, _)| *w == word) {
        return (*host).to_string();
    }
    let name: String =
        word.to_lowercase().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-').collect();
    if name.contains('.') {
        format!("www.{}", name.trim_start_matches("www."))
    } else {
        format!("www.{name}.com")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_address_comes_first_then_sources_then_the_file_name() {
        let sites = HashMap::from([("intl/pages/a/shop.html".to_string(), "www.shop.fr".to_string())]);
        let canonical = r#"<link rel="canonical" href="https://www.otto.de/p/1">"#;
        assert_eq!(saved_host("intl/pages/a/shop.html", canonical, &sites), "www.otto.de");
        assert_eq!(saved_host("intl/pages/a/shop.html", "<p>no address</p>", &sites), "www.shop.fr");
        assert_eq!(saved_host("fathom/test_data__gap.html", "<p>no address</p>", &sites), "www.gap.com");
    }

    #[test]
    fn file_names_spell_their_site() {
        assert_eq!(host_from_name("fathom/test_data__stupid.com.html"), "www.stupid.com");
        assert_eq!(host_from_name("fathom/training_data__gap.html"), "www.gap.com");
        assert_eq!(host_from_name("webshop/mock_parse_results_amz.html"), "www.amazon.com");
        assert_eq!(host_from_name("webshop/mock_parse_item_page_ebay.html"), "www.ebay.com");
    }
}
