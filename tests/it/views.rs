//! The card's and the profile page's views of the dataset (`src/views.rs`), which the extension's
//! background asks the engine for instead of parsing the dataset JSON again: owners with shares,
//! subsidiaries' brands, co-owners, licensees, and the markets a brand is named in.

use backstory::views::{brand_card, countries_in, profile, publication};
use serde_json::json;

use crate::common::dataset::{company, dataset, parse, with};

fn fixture() -> backstory::Dataset {
    parse(with(
        dataset(
            json!([
                company("parent", "Parent Co", json!(["Parent Co"])),
                with(company("sub", "Sub Co", json!(["Sub Co"])), json!({"parent": "parent"})),
                with(
                    company("other", "Other Co", json!(["Other Co"])),
                    json!({"translations": {"de": {"name": "Andere AG"}}})
                ),
            ]),
            json!([
                {"id": "shared", "name": "Shared", "aliases": ["Shared"], "alternatives": ["a local shop"],
                 "owners": [{"company": "parent", "share": 60}, {"company": "other", "share": 40}]},
                {"id": "subs", "name": "Subs", "aliases": ["Subs"], "owners": [{"company": "sub"}],
                 "licensee": {"company": "other"}},
                {"id": "kfc", "name": "KFC", "aliases": [{"text": "KFC", "markets": {"in": ["CN", "hk"]}}],
                 "owners": [{"company": "sub"}], "licensee": {"name": "Someone Ltd"}},
            ]),
        ),
        json!({"attribution": "Built by tests", "report_url": "https://example.org/report"}),
    ))
}

#[test]
fn a_brand_card_names_every_owner_with_its_share_and_translations() {
    let d = fixture();
    let card = serde_json::to_value(brand_card(&d, "shared").expect("a brand")).expect("serializes");
    assert_eq!(card["owners"][0]["id"], "parent");
    assert_eq!(card["owners"][0]["share"], 60.0);
    assert_eq!(card["owners"][1]["company"]["translations"]["de"]["name"], "Andere AG");
    assert_eq!(card["alternatives"], json!(["a local shop"]));
    assert!(brand_card(&d, "nothing").is_none());
}

#[test]
fn a_profile_groups_brands_by_owner_the_company_first_then_its_subsidiaries() {
    let d = fixture();
    let p = serde_json::to_value(profile(&d, "parent").expect("a company")).expect("serializes");
    assert_eq!(p["subsidiaries"][0]["id"], "sub");
    let owners: Vec<_> =
        p["brand_groups"].as_array().expect("groups").iter().map(|g| g["owner"]["id"].clone()).collect();
    assert_eq!(owners, [json!("parent"), json!("sub")]);
    let shared = &p["brand_groups"][0]["brands"][0];
    assert_eq!((shared["share"].clone(), shared["co_owners"][0]["id"].clone()), (json!(60.0), json!("other")));
    let subs = &p["brand_groups"][1]["brands"];
    assert_eq!(subs[0]["licensee"]["company"]["id"], "other");
    assert_eq!(subs[1]["licensee"], json!({"company": null, "name": "Someone Ltd"}));
    assert_eq!(subs[1]["markets"], json!(["cn", "hk"]));
    let sub = serde_json::to_value(profile(&d, "sub").expect("a company")).expect("serializes");
    assert_eq!(sub["parent"]["id"], "parent");
    assert!(profile(&d, "nothing").is_none());
}

#[test]
fn markets_count_only_when_every_name_of_the_brand_is_scoped() {
    let d = fixture();
    let brand = |id: &str| d.brands.iter().find(|b| b.id == id).expect("a brand");
    assert_eq!(countries_in(brand("kfc")), ["cn", "hk"]); // the name itself carries the rule
    assert!(countries_in(brand("shared")).is_empty());
    let mut partly = brand("kfc").clone();
    partly.aliases.push(backstory::dataset::Alias::Plain("Kentucky".into()));
    assert!(countries_in(&partly).is_empty(), "a name without markets names the brand everywhere");
}

#[test]
fn the_publication_carries_attribution_report_address_and_categories() {
    let d = fixture();
    let p = serde_json::to_value(publication(&d)).expect("serializes");
    assert_eq!(
        (p["attribution"].clone(), p["report_url"].clone()),
        (json!("Built by tests"), json!("https://example.org/report"))
    );
    assert_eq!(p["categories"][0]["id"], "test");
}
