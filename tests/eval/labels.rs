//! The hand labels of the shared corpus (`tests/corpus-labels.json` for the English pages,
//! `tests/corpus-labels-intl.json` for `intl`): for each saved page, the brands and companies of
//! each dataset that a reader of the page sees named as brands.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The label files, one per corpus, in the same format; pages are keyed by their path under the
/// corpus, so the files never share a page.
pub const FILES: [&str; 2] = ["tests/corpus-labels.json", "tests/corpus-labels-intl.json"];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// How the labels were made, for whoever checks or extends them.
    pub about: Vec<String>,
    /// Which pages carry large-dataset labels, and why only those.
    pub large_subset: String,
    /// Keyed by the page's path under the corpus folder, e.g. `fathom/test_data__nike.html`.
    pub pages: BTreeMap<String, Page>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Page {
    /// Mentions of the default dataset's companies (by company id, brands by their owner).
    pub default: Vec<Mention>,
    /// Mentions of the large (name-suggestion-index) dataset's companies; absent when the page
    /// is not in the labeled subset.
    #[serde(default)]
    pub large: Option<Vec<Mention>>,
    /// Decisions about text that looks like a brand but was judged not to be one.
    #[serde(default)]
    pub notes: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mention {
    pub company: String,
    /// The name as the page writes it (compared case- and accent-folded).
    pub text: String,
    /// How many times the page's visible text names the company this way, as a brand.
    pub count: usize,
    /// Neither right nor wrong when matched (the reason goes in `note`).
    #[serde(default)]
    pub arguable: bool,
    #[serde(default)]
    pub note: Option<String>,
}

pub fn load_file(root: &str, file: &str) -> Labels {
    let path = format!("{root}/{file}");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every label file, its pages merged; `about` and `large_subset` are each file's, in order.
pub fn load(root: &str) -> Labels {
    let mut all = Labels { about: Vec::new(), large_subset: String::new(), pages: BTreeMap::new() };
    for file in FILES {
        let labels = load_file(root, file);
        assert!(!labels.about.is_empty() && !labels.large_subset.is_empty(), "{file}: say how the labels were made");
        all.about.extend(labels.about);
        all.large_subset = if all.large_subset.is_empty() {
            labels.large_subset
        } else {
            format!("{}\n  {}", all.large_subset, labels.large_subset)
        };
        for (name, page) in labels.pages {
            assert!(!all.pages.contains_key(&name), "{name} is labeled in two files");
            all.pages.insert(name, page);
        }
    }
    all
}
