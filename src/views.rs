//! What the extension's card and profile page show, read from the dataset the engine holds: a
//! brand's owners and alternatives, a company's profile (parent, subsidiaries, brands grouped by
//! owner, co-owners, licensees, markets), and the dataset's publication facts. The background asks
//! the engine for these views (through `src/wasm.rs`) instead of parsing the dataset JSON a second
//! time beside it, so the two can never disagree. Text in other languages is the caller's to pick:
//! each company comes with its `translations`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::dataset::{Alias, Brand, Category, Company, CompanyText, Dataset};

/// A company as another view names it: its id, its name and that name's translations.
#[derive(Debug, Serialize)]
pub struct CompanyRef<'a> {
    pub id: &'a str,
    pub name: &'a str,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub translations: &'a BTreeMap<String, CompanyText>,
}

impl<'a> From<&'a Company> for CompanyRef<'a> {
    fn from(c: &'a Company) -> Self {
        CompanyRef { id: &c.id, name: &c.name, translations: &c.translations }
    }
}

/// An owner's share of a brand; `company` is absent when the owner is not a dataset company.
#[derive(Debug, Serialize)]
pub struct Share<'a> {
    pub id: &'a str,
    pub company: Option<CompanyRef<'a>>,
    pub share: Option<f64>,
}

/// A brand as its card shows it.
#[derive(Debug, Serialize)]
pub struct BrandCard<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owners: Vec<Share<'a>>,
    pub alternatives: &'a [String],
}

/// Who runs a licensed brand: a dataset company, or only a name.
#[derive(Debug, Serialize)]
pub struct LicenseeRef<'a> {
    pub company: Option<CompanyRef<'a>>,
    pub name: Option<&'a str>,
}

/// One brand on a company's profile, seen from the owner it is listed under.
#[derive(Debug, Serialize)]
pub struct ProfileBrand<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub share: Option<f64>,
    pub co_owners: Vec<Share<'a>>,
    pub licensee: Option<LicenseeRef<'a>>,
    pub markets: Vec<String>,
}

/// The brands one owner holds: the company itself, or one of its subsidiaries.
#[derive(Debug, Serialize)]
pub struct BrandGroup<'a> {
    pub owner: CompanyRef<'a>,
    pub brands: Vec<ProfileBrand<'a>>,
}

/// Everything the offline profile page shows about one company.
#[derive(Debug, Serialize)]
pub struct Profile<'a> {
    pub company: &'a Company,
    pub categories: Vec<&'a Category>,
    pub parent: Option<CompanyRef<'a>>,
    pub subsidiaries: Vec<CompanyRef<'a>>,
    pub brand_groups: Vec<BrandGroup<'a>>,
}

/// The dataset as a publication: what the card, options and the profile page cite.
#[derive(Debug, Serialize)]
pub struct Publication<'a> {
    pub title: &'a str,
    pub as_of: &'a str,
    pub license: &'a str,
    pub attribution: Option<&'a str>,
    pub report_url: Option<&'a str>,
    pub categories: &'a [Category],
}

fn company<'a>(d: &'a Dataset, id: &str) -> Option<&'a Company> {
    d.companies.iter().find(|c| c.id == id)
}

fn share<'a>(d: &'a Dataset, id: &'a str, share: Option<f64>) -> Share<'a> {
    Share { id, company: company(d, id).map(CompanyRef::from), share }
}

/// The brand with `id` as its card shows it, or `None`.
pub fn brand_card<'a>(d: &'a Dataset, id: &str) -> Option<BrandCard<'a>> {
    let b = d.brands.iter().find(|b| b.id == id)?;
    Some(BrandCard {
        id: &b.id,
        name: &b.name,
        owners: b.owners.iter().map(|o| share(d, &o.company, o.share)).collect(),
        alternatives: &b.alternatives,
    })
}

/// The countries (lower-case two-letter codes, in the dataset's order) that every name of a brand
/// is scoped `in` (DATASET.md, alias `markets`), when all of them are: "KFC" run by Yum China is
/// the one of "cn". Empty for a brand named everywhere. The brand's name counts as a name of its
/// own only when no alias object repeats it with rules.
pub fn countries_in(b: &Brand) -> Vec<String> {
    let name_ruled = b.aliases.iter().any(|a| matches!(a, Alias::Ruled(r) if r.text == b.name));
    let mut names: Vec<&[String]> = Vec::new();
    if !name_ruled {
        names.push(&[]); // the bare name: no markets
    }
    for a in &b.aliases {
        names.push(match a {
            Alias::Plain(_) => &[],
            Alias::Ruled(r) => &r.markets.inside,
        });
    }
    if names.is_empty() || names.iter().any(|m| m.is_empty()) {
        return Vec::new();
    }
    let mut codes: Vec<String> = Vec::new();
    for code in names.into_iter().flatten() {
        let c = code.to_ascii_lowercase();
        if c.len() == 2 && c.bytes().all(|b| b.is_ascii_lowercase()) && !codes.contains(&c) {
            codes.push(c);
        }
    }
    codes
}

/// The profile of the company with `id`, or `None`: this company's brands first, then each
/// subsidiary's that owns any; a brand with several owners lists its co-owners and shares.
pub fn profile<'a>(d: &'a Dataset, id: &str) -> Option<Profile<'a>> {
    let c = company(d, id)?;
    let subsidiaries: Vec<&Company> = d.companies.iter().filter(|s| s.parent.as_deref() == Some(&c.id)).collect();
    let brands_of = |owner: &'a Company| -> Vec<ProfileBrand<'a>> {
        d.brands
            .iter()
            .filter_map(|b| {
                let own = b.owners.iter().find(|o| o.company == owner.id)?;
                Some(ProfileBrand {
                    id: &b.id,
                    name: &b.name,
                    share: own.share,
                    co_owners: b
                        .owners
                        .iter()
                        .filter(|o| o.company != owner.id)
                        .map(|o| share(d, &o.company, o.share))
                        .collect(),
                    licensee: b.licensee.as_ref().map(|l| LicenseeRef {
                        company: l.company.as_deref().and_then(|id| company(d, id)).map(CompanyRef::from),
                        name: l.name.as_deref(),
                    }),
                    markets: countries_in(b),
                })
            })
            .collect()
    };
    let brand_groups = std::iter::once(c)
        .chain(subsidiaries.iter().copied())
        .map(|owner| BrandGroup { owner: owner.into(), brands: brands_of(owner) })
        .filter(|g| !g.brands.is_empty())
        .collect();
    Some(Profile {
        company: c,
        categories: c.categories.iter().filter_map(|id| d.categories.iter().find(|k| &k.id == id)).collect(),
        parent: c.parent.as_deref().and_then(|p| company(d, p)).map(CompanyRef::from),
        subsidiaries: subsidiaries.into_iter().map(CompanyRef::from).collect(),
        brand_groups,
    })
}

/// The dataset's publication facts.
pub fn publication(d: &Dataset) -> Publication<'_> {
    Publication {
        title: &d.title,
        as_of: &d.as_of,
        license: &d.license,
        attribution: d.attribution.as_deref(),
        report_url: d.report_url.as_deref(),
        categories: &d.categories,
    }
}
