//! The JavaScript boundary: one opaque `Engine` handle exported with wasm-bindgen. No logic here;
//! every method forwards to the pure core and converts values.
#![deny(clippy::unwrap_used, clippy::expect_used)]

// The Organizer Studio's exports, only in its own build (scripts/build-studio.sh).
#[cfg(feature = "studio")]
mod studio;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::engine::{Engine as Core, HitKind, Page};
use crate::judge::{Verdict, RULES};

#[wasm_bindgen]
pub struct Engine {
    core: Core,
}

#[derive(Serialize)]
struct Named<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct Owner<'a> {
    id: &'a str,
    name: &'a str,
    share: Option<f64>,
}

/// Who runs a licensed brand: `id` when the licensee is a dataset company; `in_market` when the
/// hit's alias is scoped to markets, so the licence is the page's market's.
#[derive(Serialize)]
struct LicenceView<'a> {
    id: Option<&'a str>,
    name: String,
    in_market: bool,
}

#[derive(Serialize)]
struct EntryView<'a> {
    kind: &'static str,
    alias: &'a str,
    brand: Option<Named<'a>>,
    company: Named<'a>,
    owners: Vec<Owner<'a>>,
    licensee: Option<LicenceView<'a>>,
}

#[derive(Serialize)]
struct RuleView {
    id: &'static str,
    verdict: &'static str,
    words: &'static str,
}

#[derive(Serialize)]
struct CompanyView<'a> {
    #[serde(flatten)]
    company: &'a crate::dataset::Company,
    brands: Vec<Named<'a>>,
    category_details: Vec<&'a crate::dataset::Category>,
    /// What the badge shows: the dataset's `badge`, else one made from the name.
    badge_text: String,
}

/// What a badge needs of its company: a page brings a few new companies per scan, and the whole
/// company (aliases with their markets, profile, sources) cost 3 to 5 times as much to convert.
#[derive(Serialize)]
struct CompanyBrief<'a> {
    id: &'a str,
    name: &'a str,
    /// The name in other languages only, by language tag, as `translations` in the dataset.
    translations: NameTexts<'a>,
    profile_url: Option<&'a str>,
    category_details: Vec<&'a crate::dataset::Category>,
    badge_text: String,
}

#[derive(Serialize)]
struct NameText<'a> {
    name: &'a str,
}

/// Language tag -> `NameText`, serialized as an object like the dataset's `translations`.
struct NameTexts<'a>(Vec<(&'a str, NameText<'a>)>);

impl Serialize for NameTexts<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(tag, text)| (tag, text)))
    }
}

#[derive(Serialize)]
struct SearchView<'a> {
    kind: &'static str,
    label: &'a str,
    company: &'a str,
    company_name: &'a str,
    brand: Option<&'a str>,
    score: u32,
}

#[derive(Serialize)]
struct Counts {
    companies: usize,
    brands: usize,
    aliases: usize,
    symbols: usize,
}

#[derive(Serialize)]
struct Info<'a> {
    id: &'a str,
    title: &'a str,
    version: u64,
    as_of: &'a str,
    license: &'a str,
    publisher: &'a crate::dataset::Publisher,
    counts: Counts,
}

/// The dataset's categories of `company`, in its order.
fn category_details<'a>(d: &'a crate::Dataset, company: &crate::dataset::Company) -> Vec<&'a crate::dataset::Category> {
    company.categories.iter().filter_map(|c| d.categories.iter().find(|k| &k.id == c)).collect()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}

fn kind_name(kind: HitKind) -> &'static str {
    match kind {
        HitKind::Brand => "brand",
        HitKind::Company => "company",
        HitKind::Symbol => "symbol",
    }
}

/// Checks a signed dataset update (src/update.rs): returns the dataset text to load, or throws an
/// Error whose message is "<code>: <why, in plain words>" (codes from `UpdateError::code`).
/// `expected_id` pins the list: the dataset id the extension was built with (absent: any id).
#[wasm_bindgen(js_name = verifyUpdate)]
pub fn verify_update(
    file: &[u8],
    signature: &str,
    public_key: &str,
    current_version: f64,
    expected_id: Option<String>,
) -> Result<String, JsError> {
    // JavaScript numbers carry the version; anything not a whole non-negative number is refused.
    if !(current_version.is_finite() && current_version >= 0.0 && current_version.fract() == 0.0) {
        return Err(JsError::new("the version in use is not a whole number"));
    }
    crate::update::verify_update_of(file, signature, public_key, current_version as u64, expected_id.as_deref())
        .map_err(|e| JsError::new(&format!("{}: {e}", e.code())))?;
    String::from_utf8(file.to_vec()).map_err(|e| JsError::new(&e.to_string()))
}

/// Whether `key` is a minisign public key (base64 line or whole `.pub` file).
#[wasm_bindgen(js_name = isPublicKey)]
pub fn is_public_key(key: &str) -> bool {
    crate::update::parse_public_key(key).is_ok()
}

#[wasm_bindgen]
impl Engine {
    /// Builds the engine from dataset JSON; throws an Error listing every problem.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(json: &str) -> Result<Engine, JsError> {
        Core::from_json(json).map(|core| Engine { core }).map_err(|e| JsError::new(&e.to_string()))
    }

    /// Flat `[start, end, kind, entry, rule, ...]`, offsets in UTF-16 code units, `rule` a code of
    /// `rules()`. `host` is the page's host name and `lang` its language tag, when the text comes
    /// from a page (`Engine::scan_page`).
    pub fn scan(&self, text: &str, host: Option<String>, lang: Option<String>) -> Vec<u32> {
        let hits = self.core.scan_page(text, &Page::new(host.as_deref(), lang.as_deref()));
        let mut flat = Vec::with_capacity(hits.len() * 5);
        for h in hits {
            flat.extend_from_slice(&[h.start, h.end, h.kind as u32, h.entry, h.rule as u32]);
        }
        flat
    }

    /// The entry a page's product data names (`Engine::named`): its index for `entry()`, or undefined.
    pub fn named(&self, name: &str) -> Option<u32> {
        self.core.named(name)
    }

    /// The language of a page that does not declare one, told from `text` (its first batch), or
    /// undefined (`detect::detect_language`).
    #[wasm_bindgen(js_name = detectLanguage)]
    pub fn detect_language(text: &str) -> Option<String> {
        crate::detect::detect_language(text).map(str::to_string)
    }

    /// The judge's rule table, indexed by rule code: `{id, verdict, words}`.
    pub fn rules() -> Result<JsValue, JsError> {
        let rows: Vec<RuleView> = RULES
            .iter()
            .map(|r| RuleView {
                id: r.id(),
                verdict: match r.verdict() {
                    Verdict::Flag => "flag",
                    Verdict::Wait => "wait",
                    Verdict::Reject => "reject",
                },
                words: r.words(),
            })
            .collect();
        to_js(&rows)
    }

    /// What hit entry `id` stands for, or undefined.
    pub fn entry(&self, id: u32) -> Result<JsValue, JsError> {
        let Some(entry) = self.core.entry(id) else { return Ok(JsValue::UNDEFINED) };
        let d = self.core.dataset();
        let company = &d.companies[entry.company];
        let owners = match entry.brand {
            Some(b) => d.brands[b]
                .owners
                .iter()
                .filter_map(|o| {
                    let c = &d.companies[self.core.company_index(&o.company)?];
                    Some(Owner { id: &c.id, name: &c.name, share: o.share })
                })
                .collect(),
            None => vec![Owner { id: &company.id, name: &company.name, share: None }],
        };
        to_js(&EntryView {
            kind: kind_name(entry.kind),
            alias: &entry.alias,
            brand: entry.brand.map(|b| Named { id: &d.brands[b].id, name: &d.brands[b].name }),
            company: Named { id: &company.id, name: &company.name },
            owners,
            licensee: self.core.licence(id).map(|l| LicenceView {
                id: l.company.map(|c| d.companies[c].id.as_str()),
                name: l.name,
                in_market: l.in_market,
            }),
        })
    }

    /// The company with `id`, its brands and category details, or undefined.
    pub fn company(&self, id: &str) -> Result<JsValue, JsError> {
        let Some(ci) = self.core.company_index(id) else { return Ok(JsValue::UNDEFINED) };
        let d = self.core.dataset();
        let company = &d.companies[ci];
        let brands = self
            .core
            .brands_of(ci)
            .into_iter()
            .map(|b| Named { id: &d.brands[b].id, name: &d.brands[b].name })
            .collect();
        let category_details = category_details(d, company);
        let badge_text = crate::badge::badge_text(&company.name, company.badge.as_deref());
        to_js(&CompanyView { company, brands, category_details, badge_text })
    }

    /// The part of company `id` a badge and its findings show (`CompanyBrief`), or undefined.
    #[wasm_bindgen(js_name = companyBrief)]
    pub fn company_brief(&self, id: &str) -> Result<JsValue, JsError> {
        let Some(ci) = self.core.company_index(id) else { return Ok(JsValue::UNDEFINED) };
        let d = self.core.dataset();
        let company = &d.companies[ci];
        let translations = NameTexts(
            company
                .translations
                .iter()
                .filter_map(|(tag, t)| Some((tag.as_str(), NameText { name: t.name.as_deref()? })))
                .collect(),
        );
        let category_details = category_details(d, company);
        to_js(&CompanyBrief {
            id: &company.id,
            name: &company.name,
            translations,
            profile_url: company.profile_url.as_deref(),
            category_details,
            badge_text: crate::badge::badge_text(&company.name, company.badge.as_deref()),
        })
    }

    /// Ranked search results for the popup.
    pub fn search(&self, query: &str, limit: usize) -> Result<JsValue, JsError> {
        let d = self.core.dataset();
        let results = self.core.search(query, limit);
        let views: Vec<SearchView> = results
            .iter()
            .map(|r| SearchView {
                kind: r.kind.as_str(),
                label: &r.label,
                company: &d.companies[r.company].id,
                company_name: &d.companies[r.company].name,
                brand: r.brand.map(|b| d.brands[b].id.as_str()),
                score: r.score,
            })
            .collect();
        to_js(&views)
    }

    /// The id of the company operating `host`, or undefined.
    #[wasm_bindgen(js_name = companyForHost)]
    pub fn company_for_host(&self, host: &str) -> Option<String> {
        self.core.company_for_host(host).map(|c| self.core.dataset().companies[c].id.clone())
    }

    /// The brand with `id` as its card shows it (owners, shares, alternatives), or undefined.
    #[wasm_bindgen(js_name = brandCard)]
    pub fn brand_card(&self, id: &str) -> Result<JsValue, JsError> {
        crate::views::brand_card(self.core.dataset(), id).map_or(Ok(JsValue::UNDEFINED), |v| to_js(&v))
    }

    /// What the offline profile page shows about the company with `id`, or undefined.
    pub fn profile(&self, id: &str) -> Result<JsValue, JsError> {
        crate::views::profile(self.core.dataset(), id).map_or(Ok(JsValue::UNDEFINED), |v| to_js(&v))
    }

    /// The dataset's publication facts: title, date, licence, attribution, report address, categories.
    pub fn publication(&self) -> Result<JsValue, JsError> {
        to_js(&crate::views::publication(self.core.dataset()))
    }

    /// Dataset metadata and counts.
    pub fn info(&self) -> Result<JsValue, JsError> {
        let d = self.core.dataset();
        to_js(&Info {
            id: &d.id,
            title: &d.title,
            version: d.version,
            as_of: &d.as_of,
            license: &d.license,
            publisher: &d.publisher,
            counts: Counts {
                companies: d.companies.len(),
                brands: d.brands.len(),
                aliases: self.core.entry_count(),
                symbols: d.companies.iter().map(|c| c.symbols.len()).sum(),
            },
        })
    }
}
