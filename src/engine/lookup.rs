//! What the engine knows besides scanning: its entries, the companies, brands and licences behind
//! them, the host a company owns, the name a page's product data gives, and the popup's search.

use aho_corasick::automaton::Automaton;

use super::{Engine, Entry, Licence};
use crate::dataset::Dataset;
use crate::normalize::{normalize, Fold};

impl Engine {
    /// The brand or company a page's product data names (JSON-LD, microdata or Open Graph
    /// `brand`), by its whole name or alias under the fold page text gets: never a fuzzy match.
    /// Returns the entry's id (`Engine::entry`).
    pub fn named(&self, name: &str) -> Option<u32> {
        self.by_name.get(normalize(name, Fold::MATCH).text.trim()).copied()
    }

    /// The entry a hit refers to.
    pub fn entry(&self, id: u32) -> Option<&Entry> {
        self.entries.get(id as usize)
    }

    /// Who runs a brand hit's brand under licence (the brand's `licensee`), or `None`.
    ///
    /// # Examples
    /// ```
    /// # use backstory::engine::{Engine, Page};
    /// # let json = r#"{"format": "backstory-dataset", "format_version": 1, "id": "t", "title": "T",
    /// #   "publisher": {"name": "P"}, "version": 1, "license": "CC0-1.0", "as_of": "2026-01-01",
    /// #   "profile_origins": [], "categories": [],
    /// #   "companies": [{"id": "yum", "name": "Yum Brands", "legal_name": "Yum! Brands, Inc.",
    /// #     "categories": [], "summary": "S.", "as_of": "2026-01-01"}],
    /// #   "brands": [{"id": "kfc-cn", "name": "KFC", "owners": [{"company": "yum"}],
    /// #     "aliases": [{"text": "KFC", "markets": {"in": ["cn"]}}], "licensee": {"name": "Yum China"}}]}"#;
    /// let engine = Engine::from_json(json).unwrap();
    /// let hit = engine.scan_page("KFC", &Page::new(Some("www.kfc.com.cn"), None))[0];
    /// let licence = engine.licence(hit.entry).unwrap();
    /// assert_eq!(licence.name, "Yum China");
    /// assert!(licence.in_market);
    /// ```
    pub fn licence(&self, id: u32) -> Option<Licence> {
        let entry = self.entry(id)?;
        let licensee = self.dataset.brands.get(entry.brand?)?.licensee.as_ref()?;
        let company = licensee.company.as_deref().and_then(|c| self.company_index(c));
        let name = match company {
            Some(c) => self.dataset.companies[c].name.clone(),
            None => licensee.name.clone()?,
        };
        Some(Licence { company, name, in_market: !entry.markets_in.is_empty() })
    }

    /// Number of aliases, names and symbols the engine matches (a `confirm: page` alias, two
    /// entries inside, counts once).
    pub fn entry_count(&self) -> usize {
        self.entries.iter().filter(|e| !e.outright).count()
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    pub fn company_index(&self, id: &str) -> Option<usize> {
        self.company_by_id.get(id).copied()
    }

    pub fn brand_index(&self, id: &str) -> Option<usize> {
        self.brand_by_id.get(id).copied()
    }

    /// Indices of the brands any of whose owners is the company at `company`.
    pub fn brands_of(&self, company: usize) -> Vec<usize> {
        let id = &self.dataset.companies[company].id;
        (0..self.dataset.brands.len())
            .filter(|&b| self.dataset.brands[b].owners.iter().any(|o| &o.company == id))
            .collect()
    }

    /// The company operating `host` ("www.amazon.com", "smile.amazon.com" -> amazon), if any.
    pub fn company_for_host(&self, host: &str) -> Option<usize> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        let mut rest = host.as_str();
        loop {
            if let Some(&c) = self.company_by_domain.get(rest) {
                return Some(c);
            }
            rest = rest.split_once('.')?.1;
        }
    }

    /// Popup search: ranked results for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<crate::search::SearchResult> {
        self.search.search(query, limit)
    }

    /// Bytes held by the automaton (its own report).
    pub fn automaton_memory(&self) -> usize {
        self.automaton.memory_usage()
    }
}
