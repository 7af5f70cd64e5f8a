//! The judge's rule table, one row per rule: a text, the page it is on, the name the row is about,
//! and the verdict and rule `Engine::explain` must give it. A rule added to `judge::RULES` without
//! a row here fails `every_rule_has_a_row`.

use backstory::judge::{Rule, Verdict, RULES};
use backstory::{Engine, Page};
use serde_json::json;

use crate::common::dataset::{self as fixture, company, with};

fn engine() -> Engine {
    let companies = json!([
        with(company("ringco", "Ringco Holdings", json!(["Ringco"])), json!({"symbols": ["NYSE:ZZQ"]})),
        company("gap", "Gap Inc.", json!([{"text": "Gap", "case": "exact", "confirm": "page"}])),
        // "Tous" is an ordinary French (and Catalan) word and a Spanish jeweller's name.
        company("tous", "Tous", json!([{"text": "Tous", "case": "exact", "word_in": ["fr", "ca"]}])),
        company("meta", "Meta", json!([{"text": "Meta", "case": "exact"}])),
        company("mcd", "McDonald's", json!([])),
        // A Finnish ATM network whose name a German shop also has (otto.de).
        company("otto", "Otto", json!([{"text": "Otto", "case": "exact", "markets": {"in": ["fi"]}}])),
        // Target Australia is not the US Target (Wesfarmers owns it).
        company("target", "Target", json!([{"text": "Target", "case": "exact", "markets": {"out": ["au"]}}])),
        // A name with "&" whose site spells it "and".
        company("crate", "Crate & Co", json!([{"text": "Crate & Co", "case": "exact", "confirm": "page"}])),
        // An English word waits everywhere, since English travels to pages in every language.
        company("rituals", "Rituals", json!([{"text": "Rituals", "confirm": "page", "word_in": ["en"]}])),
    ]);
    let brands = json!([{"id": "ring", "name": "Ring", "owners": [{"company": "ringco"}],
                         "aliases": [{"text": "Ring", "case": "exact", "context": ["doorbell"], "exclude": ["ring size"],
                                      "word_in": ["en", "de"]}]}]);
    fixture::engine(fixture::dataset(companies, brands))
}

struct Row {
    text: &'static str,
    host: Option<&'static str>,
    lang: Option<&'static str>,
    /// The candidate the row is about, as written in `text`.
    at: &'static str,
    rule: Rule,
}

const fn row(text: &'static str, at: &'static str, rule: Rule) -> Row {
    Row { text, host: None, lang: None, at, rule }
}

const ROWS: &[Row] = &[
    row("Shop Ringco today", "Ringco", Rule::Name),
    // Korean glues its particles to the name before them ("Ringco에서", at Ringco).
    Row { lang: Some("ko"), ..row("Ringco에서 샀어요", "Ringco", Rule::Name) },
    row("The Ring doorbell", "Ring", Rule::ContextWord),
    Row { host: Some("www.gap.com"), ..row("New at Gap", "Gap", Rule::OwnSite) },
    row("Order at Gap.com", "Gap", Rule::WebAddress),
    row("Brand: Gap", "Gap", Rule::BrandLabel),
    // Shops label the brand in their own language (data/brand-labels.txt), in any letter case; a
    // label must be a word of its own, except in a script written without spaces.
    Row { lang: Some("de"), ..row("Marke: Gap", "Gap", Rule::BrandLabel) },
    Row { lang: Some("fr"), ..row("MARQUE : Gap", "Gap", Rule::BrandLabel) },
    Row { lang: Some("pl"), ..row("Producent\u{2029}Gap", "Gap", Rule::BrandLabel) },
    Row { lang: Some("sv"), ..row("Märke: Gap", "Gap", Rule::BrandLabel) },
    Row { lang: Some("zh"), ..row("商品品牌：Gap", "Gap", Rule::BrandLabel) },
    Row { lang: Some("de"), ..row("Wortmarke Gap", "Gap", Rule::OrdinaryWord) },
    row("Shares (NYSE: ZZQ) rose", "ZZQ", Rule::Symbol),
    row("Mind the Gap", "Gap", Rule::OrdinaryWord),
    // A manufacturer's model number after the name; a shop's article number, a part code, a size
    // or a word with lowercase letters after it is none, and the name still waits.
    row("Gap 25UM58-P monitor", "Gap", Rule::ProductModel),
    row("Gap OLED65C36LC", "Gap", Rule::ProductModel),
    row("Trace Gap BS3682", "Gap", Rule::OrdinaryWord),
    row("Gap Z270-A board", "Gap", Rule::OrdinaryWord),
    row("Gap FIVE4U code", "Gap", Rule::OrdinaryWord),
    row("Gap 128GB", "Gap", Rule::OrdinaryWord),
    row("Gap Gen2Pro4", "Gap", Rule::OrdinaryWord),
    row("Gap-25UM58-P", "Gap", Rule::ModelNumber),
    // Among two other companies' names that stand: in a list written with punctuation, or one name
    // per block (a brand filter). A space alone or a hyphen without spaces makes one name
    // ("Amazon Prime", "Sisley-Paris"); one other company is a pair, not a list.
    row("Brands: Ringco, Gap, Meta", "Gap", Rule::BrandList),
    row("Ringco | Gap | McDonald's", "Gap", Rule::BrandList),
    row("Ringco\u{2029}Gap\u{2029}Meta", "Gap", Rule::BrandList),
    row("Ringco Gap Meta", "Gap", Rule::OrdinaryWord),
    row("Ringco-Gap, Meta", "Gap", Rule::OrdinaryWord),
    row("Ringco, Gap and more", "Gap", Rule::OrdinaryWord),
    row("Ringco, Gap, Ringco", "Gap", Rule::OrdinaryWord),
    row("Ringco, Gap and Meta", "Gap", Rule::OrdinaryWord),
    // Items the dataset does not name may stand between (at most two, each a few words written as
    // names), when the waiting name is an item of its own; a hyphen chain of three names or more
    // is a list ("BMW-Ford-Opel-Saab-Volvo" on a parts shop).
    row("Ringco\u{2029}Castañer\u{2029}Gap\u{2029}Meta", "Gap", Rule::BrandList),
    row("Ringco Underwear, Zork, Gap, Meta", "Gap", Rule::BrandList),
    row("O-Ring Ringco-Gap-Zork-Meta", "Gap", Rule::BrandList),
    row("O-Ring Gap-Ringco-Zork-Meta", "Gap", Rule::BrandList),
    row("O-Ring Gap-Ringco, Zork, Meta", "Gap", Rule::OrdinaryWord),
    row("Ringco, Learn Gap, Meta", "Gap", Rule::OrdinaryWord),
    row("Ringco, Gap Sale, Zork, Meta", "Gap", Rule::OrdinaryWord),
    row("Ringco, sale, Gap, Meta", "Gap", Rule::OrdinaryWord),
    row("Ringco, One, Two, Three, Gap, Zork, Meta", "Gap", Rule::OrdinaryWord),
    // Items that share their words but the brand ("Lacoste Herren T-Shirts", "Champion Herren
    // T-Shirts" on a shop's list of other brands); with other words around it, it waits.
    row("Ringco Shirts\u{2029}Gap Shirts\u{2029}Meta Shirts", "Gap", Rule::BrandList),
    row("Men Ringco Logo | Men Gap Logo | Men Meta Logo", "Gap", Rule::BrandList),
    // The template counts anywhere in the scan, with numbers aside: a parts shop's "O-Ring Jaguar
    // 11.10 x 1.60" among its "O-Ring BMW-Ford-Opel 9,30 x 2,52" rows, and a pickup point's row
    // (a table cell of its own) among the rows of other chains.
    row(
        "O-Ring Ringco 9,30 x 2,52 (5 St.)\u{2029}Versand in 2 Tagen und mehr Worte hier\u{2029}O-Ring Meta-Zork 8.80 x 1.50 (5 St.)\u{2029}Lieferung\u{2029}O-Ring Gap 11.10 x 1.60 (5 St.)",
        "Gap",
        Rule::BrandList,
    ),
    row(
        "pon. 13 cze. w punkcie\u{2029}Ringco\u{2029}9,99 zł\u{2029}pon. 14 cze. w punkcie\u{2029}Meta\u{2029}9,99 zł\u{2029}pon. 14 cze. w punkcie\u{2029}Gap\u{2029}12,49 zł",
        "Gap",
        Rule::BrandList,
    ),
    // A table's first row follows its header, not a row: a whole cell followed by an amount is
    // framed by that amount alone; followed by any other item (the next name of a menu), it waits.
    row(
        "Odbiór w punkcie\u{2029}Gap\u{2029}6,70 zł\u{2029}pon. 14 cze. w punkcie\u{2029}Ringco\u{2029}9,99 zł\u{2029}wt. 15 cze. w punkcie\u{2029}Meta\u{2029}8,99 zł",
        "Gap",
        Rule::BrandList,
    ),
    row(
        "alpha text one\u{2029}Gap\u{2029}cutlery sale\u{2029}beta words two\u{2029}Ringco\u{2029}cutlery sale\u{2029}gamma words three\u{2029}Meta\u{2029}cutlery sale",
        "Gap",
        Rule::OrdinaryWord,
    ),
    // A frame of numbers alone tells no template ("(12)" after each entry of a filter, which the
    // list rules judge); nor does one other company.
    row("Ringco (12) and more\u{2029}Meta (3) and more\u{2029}great Gap (7)", "Gap", Rule::OrdinaryWord),
    row("O-Ring Ringco 9,30 x 2,52\u{2029}O-Ring Ringco 8,80\u{2029}O-Ring Gap 11.10", "Gap", Rule::OrdinaryWord),
    row("Ringco Shirts\u{2029}Gap Jeans\u{2029}Meta Shirts", "Gap", Rule::OrdinaryWord),
    row("Ringco Shirts\u{2029}Gap Shirts\u{2029}Ringco Shirts", "Gap", Rule::OrdinaryWord),
    // Capitalized right after a function word of a language that writes its words in lowercase,
    // it is a name; in a language the dataset says holds the word, or one that capitalizes its
    // nouns, it waits.
    Row { lang: Some("nl"), ..row("Mooie momenten met Rituals", "Rituals", Rule::NameInSentence) },
    Row { lang: Some("en"), ..row("Moments with Rituals", "Rituals", Rule::OrdinaryWord) },
    Row { lang: Some("de"), ..row("Momente mit Rituals", "Rituals", Rule::OrdinaryWord) },
    Row { lang: Some("nl"), ..row("Rituals van het huis", "Rituals", Rule::OrdinaryWord) },
    Row { lang: Some("nl"), ..row("Een set met Rituals Body Cream", "Rituals", Rule::OrdinaryWord) },
    Row { lang: Some("fr-FR"), ..row("Tous les prix", "Tous", Rule::OrdinaryWordInLanguage) },
    Row { lang: Some("es"), ..row("Pendientes Tous de plata", "Tous", Rule::Name) },
    row("Pendientes Tous de plata", "Tous", Rule::Name),
    row("META QUEST", "META", Rule::WrongCase),
    row("Ring the bell", "Ring", Rule::ContextOnPage),
    // A name with context words needs them only where it is an ordinary word (`word_in`).
    Row { lang: Some("en"), ..row("Ring the bell", "Ring", Rule::ContextOnPage) },
    Row { lang: Some("fr"), ..row("La sonnette Ring est arrivée", "Ring", Rule::Name) },
    Row { lang: Some("de"), ..row("Der Ring ist aus Gold", "Ring", Rule::ContextOnPage) },
    row("Check your Ring size chart", "Ring", Rule::Excluded),
    row("a gap in the fence", "gap", Rule::LowercaseWord),
    row("Part Meta-X100 fits", "Meta", Rule::ModelNumber),
    row("Counter Stool Meta...", "Meta", Rule::CutOff),
    row("Ask Dr. Meta about it", "Meta", Rule::AfterTitle),
    row("ZZQ", "ZZQ", Rule::NotASymbol),
    Row { lang: Some("de"), ..row("Wir lieben Gap", "Gap", Rule::OrdinaryWord) },
    row("Gap Inc. stores", "Gap", Rule::Overlapped),
    Row { host: Some("www.otto.de"), ..row("Jetzt bei Otto bestellen", "Otto", Rule::OtherMarket) },
    Row { host: Some("www.otto.fi"), ..row("Otto-automaatti", "Otto", Rule::Name) },
    // A generic domain tells no country: the name counts there, unless the page's language is
    // official in none of the name's countries (`data/country-languages.txt`).
    Row { host: Some("www.example.com"), ..row("Otto ATM", "Otto", Rule::Name) },
    Row { host: Some("www.example.com"), lang: Some("en"), ..row("Otto ATM", "Otto", Rule::OtherMarket) },
    Row { host: Some("www.example.com"), lang: Some("sv"), ..row("Otto bankomat", "Otto", Rule::Name) },
    Row { host: Some("www.crateandco.com"), ..row("Shop Crate & Co online", "Crate & Co", Rule::OwnSite) },
    Row { host: Some("www.crateco.com"), ..row("Shop Crate & Co online", "Crate & Co", Rule::OwnSite) },
    Row { host: Some("www.crateandbarrel.com"), ..row("Shop Crate & Co online", "Crate & Co", Rule::OrdinaryWord) },
    Row { host: Some("www.target.com.au"), ..row("Shop Target online", "Target", Rule::OtherMarket) },
    Row { host: Some("www.target.com"), ..row("Shop Target online", "Target", Rule::Name) },
];

#[test]
fn each_row_gets_its_rule() {
    let engine = engine();
    let mut failures = Vec::new();
    for r in ROWS {
        let page = Page::new(r.host, r.lang);
        let start = r.text.find(r.at).expect("row names text it holds");
        let (start, end) = (
            r.text[..start].encode_utf16().count() as u32,
            (r.text[..start + r.at.len()]).encode_utf16().count() as u32,
        );
        let judged = engine.explain(r.text, &page);
        let got = judged.iter().find(|j| j.start == start && j.end == end).map(|j| j.rule);
        if got != Some(r.rule) {
            failures.push(format!(
                "{:?} at {:?} ({:?}): expected {:?}, got {got:?} of {judged:?}",
                r.text, r.at, r.lang, r.rule
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_rule_has_a_row() {
    // Product data is judged by the page, not in a text: `named_under_the_engine_fold` and the
    // e2e structured-data tests cover it. "Not outright" is the first twin's rejection of a name
    // that may wait; an explanation shows its waiting twin's verdict instead, which every such
    // candidate has (rows "Mind the Gap", "a gap in the fence").
    let unexplained = [Rule::StructuredData, Rule::NotOutright];
    let missing: Vec<Rule> = RULES
        .iter()
        .copied()
        .filter(|rule| !unexplained.contains(rule) && !ROWS.iter().any(|r| r.rule == *rule))
        .collect();
    assert!(missing.is_empty(), "rules without a row: {missing:?}");
}

#[test]
fn a_word_in_another_language_is_a_name_and_waits_in_its_own() {
    let engine = engine();
    let verdict = |text: &str, lang: Option<&str>| {
        let hits = engine.scan_page(text, &Page::new(None, lang));
        hits.iter().map(|h| h.rule.verdict()).collect::<Vec<_>>()
    };
    assert_eq!(verdict("Tous les bijoux", Some("fr")), vec![Verdict::Wait]);
    assert_eq!(verdict("Tots els Tous", Some("ca-ES")), vec![Verdict::Wait]);
    assert_eq!(verdict("Joyería Tous", Some("es-MX")), vec![Verdict::Flag]);
    assert_eq!(verdict("Joyería Tous", None), vec![Verdict::Flag], "no language: the dataset's own default holds");
}

#[test]
fn named_under_the_engine_fold() {
    let engine = engine();
    let company_of = |name: &str| {
        engine.named(name).and_then(|id| engine.entry(id)).map(|e| engine.dataset().companies[e.company].id.clone())
    };
    // A JSON-LD brand with a curly apostrophe, another case, a trademark sign.
    assert_eq!(company_of("McDonald’s").as_deref(), Some("mcd"));
    assert_eq!(company_of("MCDONALD'S™").as_deref(), Some("mcd"));
    assert_eq!(company_of("Ring").as_deref(), Some("ringco"));
    assert_eq!(company_of("Ringc"), None, "never a fuzzy match");
    assert_eq!(company_of("ZZQ"), None, "never a symbol");
}

#[test]
fn word_in_takes_language_tags_only() {
    let value = json!({
        "format": "backstory-dataset", "format_version": 1, "id": "bad-lang", "title": "t",
        "publisher": {"name": "tests"}, "version": 1, "license": "CC0-1.0", "as_of": "2024-01-01",
        "profile_origins": [], "categories": [{"id": "test", "label": "Test", "description": "Test."}],
        "companies": [{"id": "tous", "name": "Tous", "legal_name": "Tous", "categories": ["test"],
            "summary": "Test.", "as_of": "2024-01-01",
            "aliases": [{"text": "Tous", "case": "exact", "word_in": ["French!"]}]}],
    });
    let err = Engine::new(serde_json::from_value(value).expect("shape")).expect_err("a malformed tag is an error");
    assert!(err.to_string().contains("word_in[0]"), "{err}");
}
