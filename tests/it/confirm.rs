//! What the page as a whole tells the engine. `confirm: page`: an alias that counts only where the
//! page names its company otherwise; the engine reports such hits marked (`Entry::confirm`) and
//! `confirmed_on_page` applies the rule over a whole page; a web address, the page's host or the
//! site named after the alias names it outright, and there the alias needs no context words.

use backstory::confirm::confirmed_on_page;
use backstory::{Engine, Hit};
use serde_json::{json, Value};

use crate::common::dataset::{company, dataset, engine as build, with};

/// "Gap" needs the page, "Gap Inc." and "Old Navy" do not.
fn engine() -> Engine {
    let companies = json!([
        with(
            company("gap", "Gap Inc.", json!([{"text": "Gap", "confirm": "page", "exclude": ["gap year"]}])),
            json!({"domains": ["gapinc.example"]})
        ),
        with(
            company("other", "Zyxco", json!([{"text": "Zyx", "case": "exact", "context": ["kettle"]}])),
            json!({"domains": ["zyxco.example"]})
        ),
    ]);
    build(dataset(companies, json!([{"id": "old-navy", "name": "Old Navy", "owners": [{"company": "gap"}]}])))
}

/// The page's surviving hits as the text they cover.
fn page(engine: &Engine, text: &str, host: Option<&str>) -> Vec<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let hits: Vec<Hit> = confirmed_on_page(engine, engine.scan_at(text, host));
    hits.iter().map(|h| String::from_utf16_lossy(&units[h.start as usize..h.end as usize])).collect()
}

#[test]
fn the_alias_alone_is_held_back_and_marked() {
    let e = engine();
    let hits = e.scan("Mind the Gap between the shelves");
    assert_eq!(hits.len(), 1, "scan reports the candidate");
    assert!(e.entry(hits[0].entry).is_some_and(|x| x.confirm), "marked as waiting for the page");
    assert!(page(&e, "Mind the Gap between the shelves", None).is_empty());
    assert_eq!(e.entry_count(), 5, "Gap Inc., Gap, Zyxco, Zyx, Old Navy: the rule's two entries count once");
}

#[test]
fn another_name_of_the_company_confirms_it_anywhere_on_the_page() {
    let e = engine();
    assert_eq!(page(&e, "Gap jeans. Gap Inc. also sells", None), ["Gap", "Gap Inc."]);
    // A brand of the company confirms it too; the brand's hit comes later in the text.
    assert_eq!(page(&e, "Gap hoodie\u{2029}More from Old Navy", None), ["Gap", "Old Navy"]);
    // Another company's name does not.
    assert!(page(&e, "Gap hoodie by Zyxco", None).iter().all(|h| h != "Gap"));
}

#[test]
fn a_web_address_names_it_outright() {
    let e = engine();
    assert_eq!(page(&e, "Order at Gap.com or gap.co.uk. A Gap", None), ["Gap", "gap", "Gap"]);
    assert!(page(&e, "gap.example is not a shop domain", None).is_empty());
    assert!(page(&e, "the gap.", None).is_empty(), "a full stop is not a web address");
    assert!(page(&e, "Mind the Gap.In 2020", None).is_empty(), "nor a missing space after one");
    // A domain that is an English word, then a lowercase word: the sentence goes on.
    assert!(page(&e, "wearing it around the gap.it is so pretty", None).is_empty());
    assert_eq!(page(&e, "gap.it, GAP.IT/saldi, gap.it. Gap.in Mumbai", None), ["gap", "GAP", "gap", "Gap"]);
}

#[test]
fn a_brand_label_names_it_outright() {
    let e = engine();
    // Item specifics ("Brand: PUMA"), a "Brand" heading over a facet list, a vendor field.
    assert_eq!(page(&e, "Brand: Gap\u{2029}Mind the Gap", None), ["Gap", "Gap"]);
    assert_eq!(page(&e, "Brand\u{2029}Gap (120)", None), ["Gap"]);
    assert_eq!(page(&e, "Vendor : GAP", None), ["GAP"]);
    assert_eq!(page(&e, "brand name:gap", None), ["gap"]);
    assert!(page(&e, "Rebrand gap", None).is_empty(), "the label is a whole word");
    assert!(page(&e, "Brand new gap", None).is_empty(), "right before the name");
    assert!(page(&e, "Brands: mind the gap", None).is_empty());
}

#[test]
fn in_lowercase_it_is_the_word_even_where_the_company_is_named() {
    let e = engine();
    // "Compatible with standard size staples" on staples.com: the dataset writes "Gap" capitalized.
    assert_eq!(page(&e, "Gap Inc. jeans. Mind the gap, GAP", None), ["Gap Inc.", "GAP"]);
    assert!(page(&e, "mind the gap", Some("www.gap.com")).is_empty(), "not even on its own site");
    // Unless a web address, a brand label, a handle or a hashtag makes it the name.
    assert_eq!(page(&e, "gap.com, brand: gap, @gap, #gap", None), ["gap", "gap", "gap", "gap"]);
}

#[test]
fn the_pages_host_names_it_outright() {
    let e = engine();
    assert_eq!(page(&e, "Gap jeans", Some("www.gap.com")), ["Gap"]);
    assert_eq!(page(&e, "Gap jeans", Some("shop.gap.co.uk")), ["Gap"]);
    // Only the site's own name counts, not a subdomain or a longer name.
    assert!(page(&e, "Gap jeans", Some("gap.shop.example")).is_empty());
    assert!(page(&e, "Gap jeans", Some("www.gapfactory.com")).is_empty());
    // Not the company's other domains: a conglomerate's sites use the word too.
    assert!(page(&e, "Mind the gap", Some("www.gapinc.example")).is_empty());
    // Odd hosts name nothing and break nothing.
    for host in ["", ".", "localhost", "co.uk", "10.0.0.1", "[::1]", "gap.", "www.gap.com."] {
        let _ = page(&e, "Gap jeans", Some(host));
    }
    assert_eq!(page(&e, "Gap jeans", Some("www.gap.com.")), ["Gap"], "a trailing dot is the same host");
}

#[test]
fn exclusions_still_hold_on_a_confirmed_page() {
    let e = engine();
    assert_eq!(page(&e, "Gap Inc. on your gap year", None), ["Gap Inc."]);
    assert_eq!(page(&e, "A gap year", Some("www.gap.com")), Vec::<String>::new());
}

#[test]
fn on_a_site_named_after_the_alias_context_words_are_not_needed() {
    let e = engine();
    assert!(page(&e, "Zyx toaster", None).is_empty(), "elsewhere \"Zyx\" needs \"kettle\" in its block");
    assert_eq!(page(&e, "Zyx kettle", None), ["Zyx"]);
    assert_eq!(page(&e, "Zyx toaster", Some("shop.zyx.example")), ["Zyx"], "a site named after the alias");
    assert!(page(&e, "zyx toaster", Some("shop.zyx.example")).is_empty(), "the case rule still holds");
    // The company's other domains are not named after the alias: there the rule stands.
    assert!(page(&e, "Zyx toaster", Some("www.zyxco.example")).is_empty());
}

/// Two companies, one word: "Delta" waits for the page at one, needs "faucet" at the other; and
/// "New Look" waits while "Look Fantastic" does not.
#[test]
fn a_name_that_waits_never_shadows_one_that_counts() {
    let e = build(dataset(
        json!([
            company(
                "a",
                "Alpha Air",
                json!([{"text": "Delta", "confirm": "page"}, {"text": "New Look", "confirm": "page"}])
            ),
            company("b", "Beta Taps", json!([{"text": "Delta", "context": ["faucet"]}, "Look Fantastic"])),
        ]),
        json!([]),
    ));
    let companies = |text: &str| -> Vec<String> {
        confirmed_on_page(&e, e.scan(text))
            .iter()
            .filter_map(|h| e.entry(h.entry))
            .map(|x| e.dataset().companies[x.company].id.clone())
            .collect()
    };
    assert_eq!(companies("A Delta faucet for the kitchen"), ["b"], "the same name of another company is still tried");
    assert_eq!(companies("Buy New Look Fantastic serum"), ["b"], "an overlapping hit that counts wins");
    assert_eq!(companies("Alpha Air flies Delta routes"), ["a", "a"]);
}

/// A company and its brand whose name needs a context word.
fn ring() -> Value {
    dataset(
        json!([with(company("amazon", "Amazon", json!([])), json!({"legal_name": "Amazon.com, Inc."}))]),
        json!([{"id": "ring", "name": "Ring", "owners": [{"company": "amazon"}],
                "aliases": [{"text": "Ring", "case": "exact", "context": ["doorbell"]}, "Ring Video Doorbell"]}]),
    )
}

#[test]
fn a_name_without_its_context_word_stands_where_the_page_names_it_otherwise() {
    let e = build(ring());
    let aliases = |text: &str| -> Vec<String> {
        confirmed_on_page(&e, e.scan(text)).iter().filter_map(|h| e.entry(h.entry)).map(|x| x.alias.clone()).collect()
    };
    assert!(aliases("Ring the bell").is_empty(), "no context word, nothing else on the page");
    assert_eq!(
        aliases("Ring doorbell\u{2029}Ring chime, white"),
        ["Ring", "Ring"],
        "the page names the brand with its context"
    );
    assert_eq!(aliases("Ring Video Doorbell\u{2029}Ring chime, white"), ["Ring Video Doorbell", "Ring"]);
    // Found with make eval: on an Amazon page "Ring" in "Sterling Silver Ring" was confirmed by the
    // owner's name; the brand's own name must be on the page.
    assert_eq!(aliases("Amazon Essentials\u{2029}Sterling Silver Ring, Size 7"), ["Amazon"]);
}

#[test]
fn a_stock_symbol_does_not_confirm_a_name_without_its_context_word() {
    // Found by the check-a-list e2e test: "$CAT 10 shares" confirmed "CAT toy for the kitten".
    let cat = company("cat", "Caterpillar Inc.", json!([{"text": "CAT", "case": "exact", "context": ["excavator"]}]));
    let e = build(dataset(json!([with(cat, json!({"symbols": ["NYSE:CAT"]}))]), json!([])));
    let aliases = |text: &str| -> Vec<String> {
        confirmed_on_page(&e, e.scan(text)).iter().filter_map(|h| e.entry(h.entry)).map(|x| x.alias.clone()).collect()
    };
    assert_eq!(aliases("$CAT 10 shares\u{2029}CAT toy for the kitten"), ["NYSE:CAT"]);
    assert_eq!(aliases("Caterpillar Inc.\u{2029}CAT toy for the kitten"), ["Caterpillar Inc.", "CAT"]);
}
