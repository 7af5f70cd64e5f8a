//! Where a name names its company: the markets an alias is scoped to, and the page's own market.
//!
//! One name can belong to different companies in different places: "Target" on target.com.au is
//! Wesfarmers' Target Australia, "Otto" is a Finnish ATM network and, on otto.de, the German shop.
//! An alias lists the markets it names its company `in` (only there) and `out` (never there); a
//! market is a country (its country-code domain: "au"), a site ("site:target.com.au", with its
//! subdomains) or a page language ("lang:fr"). The page tells its market through its host and its
//! language; a page that does not tell one dimension (a ".com" host says no country) is never
//! judged on it, so a name scoped to a country still counts on a generic domain.

use serde::{Deserialize, Serialize};

/// An alias's markets, as the dataset writes them (`"markets": {"in": ["fi"], "out": []}`).
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Markets {
    /// The name names its company only in these markets.
    #[serde(default, rename = "in", skip_serializing_if = "Vec::is_empty")]
    pub inside: Vec<String>,
    /// The name never names its company in these markets (another company has it there).
    #[serde(default, rename = "out", skip_serializing_if = "Vec::is_empty")]
    pub outside: Vec<String>,
}

impl Markets {
    pub fn is_empty(&self) -> bool {
        self.inside.is_empty() && self.outside.is_empty()
    }
}

/// One market, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Market {
    /// A country, by its ISO 3166-1 alpha-2 code in lowercase ("gb", not "uk").
    Country(String),
    /// A host and its subdomains ("target.com.au").
    Site(String),
    /// A page language, as a primary subtag ("fr").
    Language(String),
}

impl Market {
    /// Parses "au", "site:target.com.au" or "lang:fr"; an error says what is wrong.
    pub fn parse(text: &str) -> Result<Market, String> {
        let text = text.trim();
        if let Some(site) = text.strip_prefix("site:") {
            let site = site.trim_end_matches('.').to_ascii_lowercase();
            let valid = site.contains('.')
                && site.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
            return if valid {
                Ok(Market::Site(site))
            } else {
                Err(format!("{text:?} is not a site (\"site:example.com\")"))
            };
        }
        if let Some(lang) = text.strip_prefix("lang:") {
            return crate::judge::primary_language(lang)
                .filter(|l| l.len() == lang.trim().len())
                .map(Market::Language)
                .ok_or_else(|| format!("{text:?} is not a language (\"lang:fr\")"));
        }
        if text.len() == 2 && text.chars().all(|c| c.is_ascii_alphabetic()) {
            let code = text.to_ascii_lowercase();
            return if code == "uk" {
                Err("the United Kingdom's code is \"gb\" (\"uk\" is its domain)".into())
            } else {
                Ok(Market::Country(code))
            };
        }
        Err(format!("{text:?} is not a market: a country code (\"au\"), \"site:example.com\" or \"lang:fr\""))
    }
}

/// What a page tells of its market: its host, the country of its host's domain, its language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMarket {
    host: String,
    country: Option<String>,
    lang: Option<String>,
    /// Where the host names no country: the countries where the page's language is official
    /// (`data/country-languages.txt`), sorted; empty when no language or no country is known.
    speaking: Vec<&'static str>,
}

/// Official languages by country (national, de facto or regional), from CLDR's territory data
/// (`scripts/country-languages.mjs`): "ch de fr gsw it rm". 2.5 KB.
const COUNTRY_LANGUAGES: &str = include_str!("../data/country-languages.txt");

/// The countries where `lang` (a primary subtag) is an official language, sorted.
fn countries_speaking(lang: &str) -> Vec<&'static str> {
    let rows = COUNTRY_LANGUAGES.lines().filter(|l| !l.starts_with('#'));
    let mut countries: Vec<&'static str> = rows
        .filter_map(|row| {
            let mut cells = row.split(' ');
            let country = cells.next()?;
            cells.any(|l| l == lang).then_some(country)
        })
        .collect();
    countries.sort_unstable();
    countries
}

impl PageMarket {
    /// host: the page's host name; lang: its language as a primary subtag.
    pub fn new(host: Option<&str>, lang: Option<&str>) -> PageMarket {
        let host = host.unwrap_or_default().trim_end_matches('.').to_ascii_lowercase();
        let country = country_of_host(&host);
        let speaking = match (&country, lang) {
            (None, Some(lang)) => countries_speaking(lang),
            _ => Vec::new(),
        };
        PageMarket { country, host, lang: lang.map(str::to_string), speaking }
    }

    /// Whether the page tells where it is on the market's dimension. A generic domain tells no
    /// country, but `by_language` the page's language narrows it to the countries where that
    /// language is official.
    fn tells(&self, m: &Market, by_language: bool) -> bool {
        match m {
            Market::Country(_) => self.country.is_some() || (by_language && !self.speaking.is_empty()),
            Market::Site(_) => !self.host.is_empty(),
            Market::Language(_) => self.lang.is_some(),
        }
    }

    /// Whether the page is in the market, as far as it tells.
    fn is_in(&self, m: &Market) -> bool {
        match m {
            Market::Country(c) => self.country.as_deref() == Some(c),
            Market::Site(s) => self.host == *s || self.host.strip_suffix(s.as_str()).is_some_and(|p| p.ends_with('.')),
            Market::Language(l) => self.lang.as_deref() == Some(l),
        }
    }

    /// Whether the page can be in the market: it is in it, or its host names no country and
    /// (`by_language`) its language is official in that country.
    fn may_be_in(&self, m: &Market, by_language: bool) -> bool {
        match m {
            Market::Country(c) if self.country.is_none() && by_language => {
                self.speaking.binary_search(&c.as_str()).is_ok()
            }
            _ => self.is_in(m),
        }
    }

    /// Whether a name scoped to `inside` and `outside` is someone else's on this page: the page is
    /// in one of its `outside` markets, or it has `inside` markets and the page tells that it can
    /// be in none of them (on some dimension the list uses). An English page on a ".com" may be
    /// in Australia, so it is not out of a name scoped out of Australia ("Target"), but it is
    /// out of a name scoped in Italy only. A site named after the name (`own_site`) is in its
    /// market whatever its language says: only its domain's country can put it out.
    pub fn excludes(&self, inside: &[Market], outside: &[Market], own_site: bool) -> bool {
        if outside.iter().any(|m| self.is_in(m)) {
            return true;
        }
        let by_language = !own_site;
        !inside.is_empty()
            && !inside.iter().any(|m| self.may_be_in(m, by_language))
            && inside.iter().any(|m| self.tells(m, by_language))
    }
}

/// The country a host's domain names: its last label when that is a two-letter country code
/// ("amazon.co.uk" -> "gb", "otto.de" -> "de"); none for generic domains (".com", ".shop"), for
/// ".eu" and for IP addresses.
pub fn country_of_host(host: &str) -> Option<String> {
    let last = host.trim_end_matches('.').rsplit('.').next()?.to_ascii_lowercase();
    if last.len() != 2
        || !last.chars().all(|c| c.is_ascii_lowercase())
        || host.chars().all(|c| c.is_ascii_digit() || c == '.')
    {
        return None;
    }
    match last.as_str() {
        "uk" => Some("gb".into()),
        "eu" | "su" => None,
        _ => Some(last),
    }
}

/// The parsed markets of an alias; an entry that does not parse is left out (`check` reports it).
pub fn parse_all(list: &[String]) -> Vec<Market> {
    list.iter().filter_map(|m| Market::parse(m).ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markets(list: &[&str]) -> Vec<Market> {
        list.iter().map(|m| Market::parse(m).expect("a valid market")).collect()
    }

    #[test]
    fn hosts_tell_their_country() {
        assert_eq!(country_of_host("www.amazon.co.uk").as_deref(), Some("gb"));
        assert_eq!(country_of_host("www.otto.de").as_deref(), Some("de"));
        assert_eq!(country_of_host("www.target.com.au").as_deref(), Some("au"));
        assert_eq!(country_of_host("www.amazon.com"), None);
        assert_eq!(country_of_host("europa.eu"), None);
        assert_eq!(country_of_host("127.0.0.1"), None);
        assert_eq!(country_of_host(""), None);
    }

    #[test]
    fn markets_parse_or_say_why_not() {
        assert_eq!(Market::parse("AU"), Ok(Market::Country("au".into())));
        assert_eq!(Market::parse("site:Target.com.au"), Ok(Market::Site("target.com.au".into())));
        assert_eq!(Market::parse("lang:fr"), Ok(Market::Language("fr".into())));
        for bad in ["uk", "australia", "site:", "site:localhost", "lang:", "lang:fr-FR", "a"] {
            assert!(Market::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_name_scoped_in_counts_only_where_the_page_can_be_in_its_market() {
        let finland = markets(&["fi"]);
        assert!(PageMarket::new(Some("www.otto.de"), Some("de")).excludes(&finland, &[], false));
        assert!(!PageMarket::new(Some("www.otto.fi"), Some("fi")).excludes(&finland, &[], false));
        // A generic domain tells no country, but the page's language narrows it to the countries
        // where that language is official: English is not Finland's, Finnish and Swedish are.
        assert!(PageMarket::new(Some("www.example.com"), Some("en")).excludes(&finland, &[], false));
        assert!(!PageMarket::new(Some("www.example.com"), Some("fi")).excludes(&finland, &[], false));
        assert!(!PageMarket::new(Some("www.example.com"), Some("sv")).excludes(&finland, &[], false));
        // No language, or one no country has as official: the name counts.
        assert!(!PageMarket::new(Some("www.example.com"), None).excludes(&finland, &[], false));
        assert!(!PageMarket::new(Some("www.example.com"), Some("eo")).excludes(&finland, &[], false));
        assert!(!PageMarket::new(None, None).excludes(&finland, &[], false));
        // A site named after the name is in its market whatever its language, but not a domain
        // of another country.
        assert!(!PageMarket::new(Some("www.otto.com"), Some("en")).excludes(&finland, &[], true));
        assert!(PageMarket::new(Some("www.otto.de"), Some("de")).excludes(&finland, &[], true));
        // A language scope is told by the page's language.
        assert!(PageMarket::new(Some("shop.example.com"), Some("en")).excludes(&markets(&["lang:fr"]), &[], false));
        assert!(!PageMarket::new(Some("shop.example.com"), None).excludes(&markets(&["lang:fr"]), &[], false));
    }

    #[test]
    fn a_name_scoped_out_never_counts_there() {
        let not_australia = markets(&["au", "site:target.com"]);
        assert!(PageMarket::new(Some("www.target.com.au"), Some("en")).excludes(&[], &not_australia, false));
        assert!(PageMarket::new(Some("shop.target.com"), Some("en")).excludes(&[], &not_australia, false));
        assert!(!PageMarket::new(Some("www.nottarget.com"), Some("en")).excludes(&[], &not_australia, false));
        assert!(!PageMarket::new(Some("www.target.com.us"), Some("en")).excludes(&[], &not_australia, false));
        // An English page on a ".com" may be in Australia, not surely: the language never puts a
        // page in a market it is scoped out of.
        assert!(!PageMarket::new(Some("www.example.com"), Some("en")).excludes(&markets(&["au"]), &[], false));
        assert!(!PageMarket::new(Some("www.example.com"), Some("en")).excludes(&[], &markets(&["au"]), false));
    }
}
