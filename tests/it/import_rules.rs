//! The rules `backstory import --from nsi` adds so a shop-name list can match page text: each test
//! pins one rule of src/organizer/import/nsi.rs, found by `make eval` on the shared corpus.
#![cfg(feature = "cli")]

use std::process::Command;

use serde_json::Value;

use crate::common::cli::backstory;

/// Imports a TSV written from `rows` (header added); returns the dataset, the import's stderr,
/// and the dataset's path for scanning.
fn import(name: &str, rows: &[&str]) -> (Value, String, String) {
    import_table(name, "wikidata\tbrand\tcategory\tnames", rows)
}

/// As `import`, with the table's own header.
fn import_table(name: &str, header: &str, rows: &[&str]) -> (Value, String, String) {
    let dir = std::env::temp_dir().join(format!("backstory-import-rules-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let tsv = dir.join("nsi.tsv");
    let text = std::iter::once(header).chain(rows.iter().copied()).collect::<Vec<_>>().join("\n");
    std::fs::write(&tsv, text + "\n").expect("write tsv");
    let out = dir.join("out.json");
    let run = backstory(&[
        "import",
        "--from",
        "nsi",
        "--as-of",
        "2025-11-01",
        "-o",
        &out.to_string_lossy(),
        &tsv.to_string_lossy(),
    ]);
    assert!(run.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&run.stderr));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("dataset written")).expect("json");
    (json, String::from_utf8_lossy(&run.stderr).into_owned(), out.to_string_lossy().into_owned())
}

fn company<'a>(d: &'a Value, id: &str) -> Option<&'a Value> {
    d["companies"].as_array().expect("companies").iter().find(|c| c["id"] == id)
}

/// Companies found in `text` by `backstory scan` with the dataset.
fn scan(dataset: &str, text: &str) -> Vec<String> {
    scan_on(dataset, text, &[])
}

/// As `scan`, with more arguments (`--host`, `--lang`).
fn scan_on(dataset: &str, text: &str, page: &[&str]) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["scan", "--json", "--dataset", dataset])
        .args(page)
        .arg("-")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    std::io::Write::write_all(child.stdin.as_mut().expect("stdin"), text.as_bytes()).expect("write stdin");
    let out = child.wait_with_output().expect("scan finishes");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json report");
    report["hits"].as_array().expect("hits").iter().map(|h| h["company"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn a_shared_name_goes_to_the_lowest_wikidata_id_whatever_the_file_order() {
    // NSI lists Walmart's fuel stations (Q62606411) before Walmart Inc. (Q483551); walmart.com
    // means the company, and the lower id is the main entity.
    let (d, stderr, _) = import(
        "order",
        &[
            "Q62606411\tWalmart\tamenity/fuel\tWalmart",
            "Q483551\tWalmart\tamenity/pharmacy\tWalmart|walmart supercenter",
        ],
    );
    assert!(company(&d, "q483551").is_some(), "the main entity keeps the name");
    assert!(company(&d, "q62606411").is_none());
    assert!(stderr.contains("brand \"Walmart\" is already a name of company q483551"), "{stderr}");
}

#[test]
fn a_brand_named_by_an_ordinary_word_counts_only_where_the_page_confirms_it() {
    let (d, stderr, path) = import(
        "words",
        &[
            "Q2467627\tFree\tshop/telecommunication\tFree",
            "Q19840921\t3 Store\tshop/mobile_phone\t3|3 Store",
            "Q3895\tadidas\tshop/clothes\tadidas|more",
        ],
    );
    let free = company(&d, "q2467627").expect("the brand \"Free\" is kept, behind a page rule");
    assert_eq!(free["aliases"][0]["confirm"], "page", "{free}");
    let three = company(&d, "q19840921").expect("\"3 Store\" itself is safe");
    assert!(!three["aliases"].to_string().contains("\"3\""), "the alias \"3\" is dropped: {three}");
    assert!(stderr.contains("\"3\" has fewer than two letters"), "{stderr}");
    // Another row name that is a word stays dropped: adidas on the page would confirm it.
    assert!(stderr.contains("\"more\" is an ordinary English word"), "{stderr}");
    assert_eq!(scan(&path, "Free shipping on 3 or more items from adidas."), vec!["q3895"]);
    // The page writes the brand's web address: each "Free" there is the brand.
    assert_eq!(scan(&path, "Free Mobile plans, order at free.fr"), vec!["q2467627", "q2467627"]);
}

#[test]
fn two_or_three_capitals_count_only_where_the_page_confirms_them() {
    let (_, _, path) = import("two", &["Q1145878\tDS\tshop/car\tDS|DS Automobiles"]);
    assert!(scan(&path, "Nintendo DS games").is_empty(), "\"DS\" alone is an acronym of many things");
    let (_, _, jam) = import("three", &["Q129814709\tJAM\tshop/clothes\tJAM|jam clothing"]);
    assert!(scan(&jam, "JAM Paper envelopes").is_empty(), "another JAM");
    assert_eq!(scan(&jam, "Jam Clothing: the JAM tee"), vec!["q129814709", "q129814709"]);
    assert_eq!(scan(&path, "DS Automobiles: the DS 7"), vec!["q1145878", "q1145878"]);
    // NSI writes such acronyms in lowercase among a row's names; pages write them in capitals.
    let (_, _, sc) = import("lower", &["Q548278\tStandard Chartered\toffice/bank\tStandard Chartered|sc"]);
    assert!(scan(&sc, "Nike Air Max SC shoes").is_empty(), "\"sc\" alone is an acronym of many things");
    assert_eq!(scan(&sc, "Standard Chartered (SC) results"), vec!["q548278", "q548278"]);
}

#[test]
fn a_carriers_acronym_counts_where_its_block_speaks_of_delivery() {
    let (_, _, path) = import(
        "carrier",
        &["Q541030\tDPD\tamenity/parcel_locker\tDPD", "Q155026\tUPS\tamenity/post_depot\tUPS|united parcel service"],
    );
    // In any language: "Kurier" is Polish, "Lieferungen" German, "ship" English.
    assert_eq!(scan(&path, "Kurier, DPD 12,99 zł"), vec!["q541030"]);
    assert_eq!(scan(&path, "Unsere Lieferungen kommen per UPS"), vec!["q155026"]);
    assert_eq!(scan(&path, "Ship by UPS or DPD"), vec!["q155026", "q541030"]);
    // Elsewhere it still waits for the page, and in lowercase it is the word.
    assert!(scan(&path, "APC UPS 1500VA battery backup").is_empty(), "a power supply");
    // "ups" is an English word, but the context is needed on a page in any language.
    assert!(scan_on(&path, "APC UPS 1500VA Netzteil", &["--lang", "de"]).is_empty(), "a power supply in German");
    assert!(scan(&path, "DPD 2 rounds").is_empty());
    assert!(scan(&path, "ups and downs of shipping").is_empty(), "the word");
    // Not a carrier: an acronym of another category keeps waiting everywhere.
    let (_, _, other) = import("not-carrier", &["Q129814709\tJAM\tshop/clothes\tJAM"]);
    assert!(scan(&other, "Kurier, JAM").is_empty());
}

#[test]
fn an_english_word_says_its_languages_so_a_sentence_of_another_may_name_it() {
    let (d, _, path) =
        import("sentence", &["Q62874140\tRituals\tshop/cosmetics\tRituals", "Q110952031\tEmma\tshop/bed\tEmma"]);
    let rule = &company(&d, "q62874140").expect("imported")["aliases"][0];
    assert_eq!(rule["confirm"], "page");
    assert!(rule["word_in"].as_array().expect("word_in").iter().any(|l| l == "en"), "{rule}");
    // Capitalized after a Dutch function word, on a Dutch page, it is the brand; in lowercase, on
    // an English page or after no function word it still waits.
    assert_eq!(scan_on(&path, "Mooie momenten met Rituals", &["--lang", "nl"]), vec!["q62874140"]);
    assert!(scan_on(&path, "Mooie momenten met rituals", &["--lang", "nl"]).is_empty());
    assert!(scan_on(&path, "Beautiful moments with Rituals", &["--lang", "en"]).is_empty());
    assert!(scan_on(&path, "Rituals van het huis", &["--lang", "nl"]).is_empty());
    // German capitalizes its nouns: there a capital tells nothing.
    assert!(scan_on(&path, "Schöne Momente mit Rituals", &["--lang", "de"]).is_empty());
    // A given name is a person after a function word ("voor Emma"): it says no language.
    let emma = &company(&d, "q110952031").expect("imported")["aliases"][0];
    assert!(emma.get("word_in").is_none_or(|w| w.as_array().is_some_and(Vec::is_empty)), "{emma}");
    assert!(scan_on(&path, "Een cadeau voor Emma", &["--lang", "nl"]).is_empty());
}

#[test]
fn short_capitals_and_phrases_of_ordinary_words_keep_their_case_or_capitals() {
    let (_, _, path) =
        import("case", &["Q3300084\tTVS\tshop/motorcycle\tTVS", "Q533415\tBest Buy\tshop/electronics\tBest Buy"]);
    assert!(
        scan(&path, "Smart TVs, the best buy of the year").is_empty(),
        "\"TVs\" and lowercase words are not brands"
    );
    assert_eq!(
        scan(&path, "TVS motorcycles at TVS.in"),
        vec!["q3300084", "q3300084"],
        "three capitals wait for the page"
    );
    assert_eq!(scan(&path, "Shop at Best Buy. BEST BUY logo"), vec!["q533415", "q533415"]);
}

#[test]
fn a_brand_name_beats_another_rows_local_spelling() {
    // Travis Perkins (Q2450664) lists "perkins" among its names; Perkins (Q7169056) is the
    // restaurant chain of that name. Read by Wikidata order alone, the builders' merchant would
    // take it.
    let (d, stderr, path) = import(
        "precedence",
        &[
            "Q2450664\tTravis Perkins\tshop/doityourself\tTravis Perkins|perkins",
            "Q7169056\tPerkins\tamenity/restaurant\tPerkins",
        ],
    );
    assert!(company(&d, "q7169056").is_some(), "{stderr}");
    assert!(stderr.contains("\"perkins\" already names company q7169056"), "{stderr}");
    assert_eq!(scan(&path, "Breakfast at Perkins, timber from Travis Perkins"), vec!["q7169056", "q2450664"]);
}

#[test]
fn dictionary_words_wait_for_the_page_but_proper_names_and_acronyms_stay() {
    // The 5,000-word frequency list held "amazon", "cvs" and "lg" (they are frequent on the web),
    // so the import dropped Amazon, CVS and LG; a dictionary (SCOWL) lists ordinary words only.
    let (d, stderr, path) = import(
        "dictionary",
        &[
            "Q3884\tAmazon\tamenity/post_depot\tAmazon",
            "Q162345\tLG\tshop/electronics\tLG|lg electronics",
            "Q22026369\tYETI\tshop/outdoor\tYETI",
            "Q458363\tMarathon\tamenity/fuel\tMarathon|marathon gas",
            "Q1987861\tWE\tshop/clothes\tWE|we fashion",
            "Q6484762\tLandmark Cinemas\tamenity/cinema\tLandmark Cinemas|landmark|landmark cinema",
        ],
    );
    for id in ["q3884", "q162345", "q22026369", "q6484762", "q458363", "q1987861"] {
        assert!(company(&d, id).is_some(), "{id} is kept: {stderr}");
    }
    assert!(stderr.contains("\"landmark\" is an ordinary English word"), "{stderr}");
    let page =
        "Britax Marathon car seat, Landmark colour. WE ACCEPT cards. Amazon Alexa, LG TVs and a YETI cooler; a yeti.";
    assert_eq!(
        scan(&path, page),
        vec!["q3884", "q22026369"],
        "two capitals (\"LG\") wait for the page to confirm them"
    );
    assert_eq!(scan(&path, "LG TVs by LG Electronics"), vec!["q162345", "q162345"]);
    // "WE" in capitals is still the common word; the brand's other name confirms it.
    assert_eq!(scan(&path, "We Fashion jeans. WE ship free."), vec!["q1987861", "q1987861"]);
}

#[test]
fn size_unit_currency_and_legal_form_codes_are_dropped() {
    let (d, stderr, path) = import(
        "codes",
        &[
            "Q4836838\tXL\tshop/convenience\tXL",
            "Q10225\tIndian National Congress\toffice/political_party\tIndian National Congress|congress party|inc",
            "Q1912172\tMax\tamenity/fast_food\tMax",
        ],
    );
    assert!(company(&d, "q4836838").is_none(), "\"XL\" is a size on every clothing page");
    assert!(stderr.contains("brand \"XL\" is a size, unit, limit, currency or legal-form code"), "{stderr}");
    assert!(stderr.contains("\"inc\" is a size, unit, limit, currency or legal-form code"), "{stderr}");
    assert!(stderr.contains("brand \"Max\" is a size, unit, limit, currency or legal-form code"), "{stderr}");
    assert!(scan(&path, "Twin XL sheet set by Home Expressions Inc. Max quantity is 5; wash at MAX 30°C").is_empty());
}

#[test]
fn names_are_also_found_as_pages_write_them() {
    let (d, _, path) = import(
        "spellings",
        &[
            "Q5182604\tCrate & Barrel\tshop/furniture\tCrate & Barrel",
            "Q2581220\tWilliams-Sonoma\tshop/houseware\tWilliams-Sonoma|william sonoma",
            "Q864407\tThe Home Depot\tshop/doityourself\tThe Home Depot",
            "Q6746\tCitroën\tshop/car\tCitroën",
            "Q304944\tČeské dráhy\tshop/ticket\tČD|České dráhy",
        ],
    );
    assert!(company(&d, "q5182604").is_some());
    let page = "Crate and Barrel, Williams Sonoma, Home Depot, Citroen and Citroën. Software CD-ROM";
    assert_eq!(scan(&path, page), vec!["q5182604", "q2581220", "q864407", "q6746", "q6746"]);
    assert!(scan(&path, "ČD tickets").is_empty(), "two capitals wait for the page to confirm them");
    assert_eq!(
        scan(&path, "ČD tickets from České dráhy"),
        vec!["q304944", "q304944"],
        "the accent tells the short code apart"
    );
    // Hyphens as spaces, but not where that makes a phrase of ordinary words: "Off White" is a colour.
    let (_, _, off) = import("hyphen-words", &["Q53472173\tOff-White\tshop/clothes\tOff-White"]);
    assert_eq!(scan(&off, "Off-White sneakers. Tank Top Off White / Grey"), vec!["q53472173"]);
    // Hyphens left out, as brand filters write them, even where the parts are words; not where the
    // glued name is a word ("Coop" of "Co-op").
    let (_, _, glued) =
        import("glued", &["Q653941\tRay-Ban\tshop/optician\tRay-Ban", "Q1\tCo-op\tshop/supermarket\tCo-op"]);
    assert_eq!(scan(&glued, "Rayban, Ray-Ban"), vec!["q653941", "q653941"]);
    assert!(scan(&glued, "A chicken coop").is_empty());
    // A name in camel case, spaced, unless its parts are words ("Pet Smart").
    let (_, _, camel) = import(
        "camel",
        &[
            "Q2381223\tMediaMarkt\tshop/electronics\tMediaMarkt",
            "Q2\tPetSmart\tshop/pet\tPetSmart",
            "Q3\teBay\tshop/x\teBay",
        ],
    );
    assert_eq!(scan(&camel, "Media Markt, MediaMarkt"), vec!["q2381223", "q2381223"]);
    assert!(scan(&camel, "Pet Smart treats").is_empty());
    assert!(scan(&camel, "e Bay").is_empty());
    // "&" glued between letters, also spaced: a legal line writes "H & M Hennes & Mauritz AB".
    let (_, _, amp) = import("ampersand", &["Q188326\tH&M\tshop/clothes\tH&M"]);
    // (Two capitals wait for the page: here the site is named after the name.)
    let text = "H&M: property of H & M Hennes & Mauritz AB";
    assert_eq!(scan_on(&amp, text, &["--host", "www2.hm.com"]), vec!["q188326", "q188326"]);
}

#[test]
fn a_spelling_pages_use_never_takes_another_rows_name() {
    // NSI lists both The Grocery Outlet (Q16062155) and Grocery Outlet (Q5609934): dropping the
    // article from the first must not take the second's name, whatever the file order.
    let (_, _, path) = import(
        "spelling-claims",
        &[
            "Q16062155\tThe Grocery Outlet\tshop/supermarket\tThe Grocery Outlet",
            "Q5609934\tGrocery Outlet\tshop/supermarket\tGrocery Outlet",
        ],
    );
    assert_eq!(scan(&path, "The Grocery Outlet and Grocery Outlet"), vec!["q16062155", "q5609934"]);
}

#[test]
fn phrases_of_ordinary_words_match_as_written_in_title_case_or_in_capitals() {
    // NSI writes some names in lowercase ("west elm"); pages write them in Title Case too.
    let (_, _, path) = import("title", &["Q7985021\twest elm\tshop/furniture\twest elm"]);
    assert_eq!(scan(&path, "west elm, West Elm, WEST ELM"), vec!["q7985021"; 3]);
    assert!(scan(&path, "a west Elm tree").is_empty());
}

#[test]
fn a_day_of_the_week_in_a_name_is_an_ordinary_word_for_its_letter_case() {
    // The dictionary leaves out capitalized words, days too: "Tuesday Morning" (the houseware
    // store) matched "it arrived Tuesday morning!" in a review.
    let (_, _, path) = import("weekday", &["Q7851426\tTuesday Morning\tshop/houseware\tTuesday Morning"]);
    assert!(scan(&path, "I purchased it Thursday evening and it arrived Tuesday morning!").is_empty());
    assert_eq!(scan(&path, "Deals at Tuesday Morning. TUESDAY MORNING"), vec!["q7851426"; 2]);
}

#[test]
fn country_names_wait_for_the_page_and_never_count_inside_a_longer_one() {
    // Shops list every country in their footers and address forms (`data/countries.txt`).
    let (d, _, path) = import(
        "countries",
        &[
            "Q608845\tCosta\tamenity/cafe\tCosta|costa coffee",
            "Q721810\tIceland\tshop/frozen_food\tIceland|iceland foods",
            "Q7963123\tWallis\tshop/clothes\tWallis",
        ],
    );
    let costa = company(&d, "q608845").expect("Costa is kept");
    assert!(costa["aliases"].to_string().contains("Costa Rica"), "{costa}");
    assert!(scan(&path, "Ship to: Croatia, Costa Rica, Iceland, India, Wallis and Futuna, Yemen").is_empty());
    assert_eq!(scan(&path, "A Costa Coffee flat white"), vec!["q608845"], "Costa Coffee is still the café");
    assert_eq!(
        scan(&path, "Iceland Foods: Iceland prawn rings"),
        vec!["q721810", "q721810"],
        "its other name confirms it"
    );
}

#[test]
fn a_national_capitals_name_waits_for_the_page() {
    // Poster shops caption their prints by city ("New York City, Paris, South America") and
    // brands add their home city ("Delsey Paris"): a store named like a capital (`data/capitals.txt`)
    // is, there, the city.
    let (d, _, path) = import("capitals", &["Q20812805\tParís\tshop/department_store\tParís|Tiendas Paris"]);
    let paris = company(&d, "q20812805").expect("París is kept, behind a page rule");
    assert_eq!(paris["aliases"][0]["confirm"], "page", "{paris}");
    assert!(scan(&path, "Travel posters: New York City, Paris, South America. Delsey Paris Luggage").is_empty());
    assert_eq!(
        scan(&path, "Tiendas Paris: ofertas en París"),
        vec!["q20812805", "q20812805"],
        "its other name confirms it"
    );
}

#[test]
fn no_name_counts_inside_a_longer_english_expression() {
    // "Grand Prix" is a car seat's model, "Salvador Dali" a painter, "Art Deco" a style
    // (`data/english-phrases.txt`, WordNet's multi-word expressions): the letters are the
    // expression's, not the shops Prix, Dali and Decò. Alone, the names still count.
    let (d, _, path) = import(
        "expressions",
        &[
            "Q61994819\tPrix\tshop/supermarket\tPrix",
            "Q119854219\tDali\tshop/supermarket\tDali",
            "Q65127915\tDecò\tshop/supermarket\tDecò",
        ],
    );
    let prix = company(&d, "q61994819").expect("Prix is kept");
    assert!(prix["aliases"].to_string().contains("Grand Prix"), "{prix}");
    assert!(scan(&path, "Evenflo Big Kid Booster Car Seat, Grand Prix. Salvador Dali prints. Country Art Deco lamp")
        .is_empty());
    assert_eq!(scan(&path, "Weekly offers at Prix, Dali and Decò"), vec!["q61994819", "q119854219", "q65127915"]);
}

#[test]
fn given_names_wait_for_the_page() {
    // A shop named like a person ("Laura") is, on a shop page, nearly always a person: "Laura
    // Mercier" foundation, "Pablo Picasso" prints (`data/given-names.txt`).
    let (d, _, path) = import(
        "names",
        &["Q6498590\tLaura\tshop/clothes\tLaura", "Q483915\tNike\tshop/clothes\tNike|Nike Factory Store"],
    );
    let laura = company(&d, "q6498590").expect("Laura is kept, behind a page rule");
    assert_eq!(laura["aliases"][0]["confirm"], "page", "{laura}");
    assert!(scan(&path, "Laura Mercier Translucent Powder. Nike Air Max").is_empty());
    assert_eq!(
        scan(&path, "Nike Air Max at the Nike Factory Store"),
        vec!["q483915", "q483915"],
        "its other name confirms it"
    );
    assert_eq!(scan(&path, "Brand: Nike"), vec!["q483915"], "so does a brand label");
}

#[test]
fn colour_phrases_and_words_with_an_exclamation_mark_wait_for_the_page() {
    // Shop pages name colours everywhere ("Black Red White" trainers); "Live!" is the word "live".
    let (d, _, path) = import(
        "colours",
        &["Q4921546\tBlack Red White\tshop/furniture\tBlack Red White", "Q115486385\tLive!\tshop/clothes\tLive!"],
    );
    for id in ["q4921546", "q115486385"] {
        assert!(
            company(&d, id).is_some_and(|c| c["aliases"].to_string().contains("\"confirm\":\"page\"")),
            "{id} waits: {d}"
        );
    }
    assert!(scan(&path, "Air Jordan Stay Loyal Black Red White. Isaac Mizrahi Live! tee").is_empty());
    assert_eq!(scan(&path, "Brand: Black Red White. A Black Red White sofa"), vec!["q4921546", "q4921546"]);
}

#[test]
fn another_name_that_is_a_rarer_word_is_dropped_but_the_brand_stays() {
    // "solstice" is in SCOWL's level 50, not in its medium dictionary: as the other name of Solstice
    // Sunglasses it would flag "Urban Decay: Solstice Cat Look" eyeshadow tutorials.
    let (d, stderr, path) =
        import("rarer", &["Q112144417\tSolstice Sunglasses\tshop/optician\tSolstice|Solstice Sunglasses"]);
    assert!(company(&d, "q112144417").is_some());
    assert!(stderr.contains("\"Solstice\" is an ordinary English word"), "{stderr}");
    assert!(scan(&path, "Urban Decay: Solstice Cat Look").is_empty());
    assert_eq!(scan(&path, "Sale at Solstice Sunglasses"), vec!["q112144417"]);
}

#[test]
fn a_brand_named_by_a_plural_noun_waits_for_the_page() {
    // "hoodies" is in SCOWL's level 50 with its singular: on a shop page, "Hoodies & Sweatshirts"
    // is a department, not the clothes shop Hoodies. Words only of that level, like "google", stay.
    let (d, _, path) =
        import("plural", &["Q57981223\tHoodies\tshop/clothes\tHoodies", "Q95\tGoogle\toffice/company\tGoogle"]);
    let hoodies = company(&d, "q57981223").expect("Hoodies is kept, behind a page rule");
    assert_eq!(hoodies["aliases"][0]["confirm"], "page", "{hoodies}");
    assert_eq!(scan(&path, "Hoodies & Sweatshirts. Get it on Google Play"), vec!["q95"]);
}

#[test]
fn phrases_that_start_like_a_shops_own_links_wait_for_the_page() {
    // "My Credit Card Account", "Your Move Tips & Advice": a shop's own menu, not these brands.
    let (_, _, path) = import(
        "interface",
        &["Q81078416\tYour Move\tshop/estate_agent\tYour Move", "Q11278154\tMy Basket\tshop/convenience\tMy Basket"],
    );
    assert!(scan(&path, "Your Move Tips & Advice. My Basket (2 items)").is_empty());
    assert_eq!(scan(&path, "Brand: My Basket. My Basket stores"), vec!["q11278154", "q11278154"]);
}

#[test]
fn a_translation_of_a_brand_in_another_script_waits_for_the_page() {
    // NSI lists the Japanese bakery リトルマーメイド with its English name and the Armenian
    // payment terminals Իզի Փեյ with theirs: on a page in English those words are the film and a
    // phrase. A coined name of such a row ("Starbucks" of Старбакс) and a Latin brand named by
    // ordinary words ("Best Buy") are not translations and count on their own.
    let (d, _, path) = import(
        "translation",
        &[
            "Q96186008\tリトルマーメイド\tshop/bakery\tLittle Mermaid|リトルマーメイド",
            "Q117840019\tԻզի Փեյ\tamenity/payment_terminal\tEasy Pay",
            "Q37158\tСтарбакс\tamenity/cafe\tStarbucks|Старбакс",
            "Q533415\tBest Buy\tshop/electronics\tBest Buy",
        ],
    );
    let mermaid = company(&d, "q96186008").expect("the bakery is kept");
    let english = mermaid["aliases"]
        .as_array()
        .expect("aliases")
        .iter()
        .find(|a| a["text"] == "Little Mermaid")
        .expect("its English name");
    assert_eq!(english["confirm"], "page", "{mermaid}");
    assert!(scan(&path, "Disney The Little Mermaid poster. Easy Pay Every Day!").is_empty());
    assert_eq!(scan(&path, "リトルマーメイド: Little Mermaid bakery"), vec!["q96186008", "q96186008"]);
    assert_eq!(scan(&path, "Starbucks Pods at Best Buy"), vec!["q37158", "q533415"]);
}

#[test]
fn the_markets_column_scopes_every_name_of_a_brand() {
    // Found on otto.de: NSI's Otto (Q7109498) is a Finnish ATM network, listed only in Finland;
    // the German shop of the same name was flagged as it 32 times. NSI's locationSet, reduced to
    // countries (tests/fixtures/nsi-markets.tsv), says where each brand is.
    let (d, _, path) = import_table(
        "markets",
        "wikidata\tbrand\tcategory\tnames\tmarkets",
        &["Q7109498\tOtto\tamenity/atm\tOtto|Otto-automaatti\tfi", "Q1\tZorblax\tshop/clothes\tZorblax\t-us"],
    );
    let otto = company(&d, "q7109498").expect("imported");
    assert!(
        otto["aliases"].as_array().expect("aliases").iter().all(|a| a["markets"]["in"] == serde_json::json!(["fi"])),
        "{otto}"
    );
    let text = "Otto-automaatti ja Otto. Zorblax.";
    assert_eq!(scan_on(&path, text, &["--host", "www.otto.de"]), ["q1"], "another company's name in Germany");
    assert_eq!(scan_on(&path, text, &["--host", "www.otto.fi"]), ["q7109498", "q7109498", "q1"]);
    assert_eq!(
        scan_on(&path, text, &["--host", "shop.example.com"]),
        ["q7109498", "q7109498", "q1"],
        "a .com tells no country"
    );
    assert!(
        scan_on(&path, text, &["--host", "shop.example.us"]).is_empty(),
        "Otto is Finland's only, Zorblax is not the US's"
    );
}

#[test]
fn a_name_waits_where_the_page_writes_it_as_a_word_of_its_language() {
    // Found by scanning wordfreq's 20,000 most frequent words of 26 languages, one per paragraph,
    // with the imported NSI list: the Italian supermarket "Mercatò" matched "mercato" (accents
    // are optional for it), the French shop "Soeur" matched "soeur" (the dictionary spells
    // "sœur"), the bakery "Dreißig" the German "dreißig" (wordfreq spells "dreissig"), and the
    // supermarket "ライフ" the Japanese word for life.
    let (_, _, path) = import(
        "words-as-written",
        &[
            "Q127389715\tMercatò\tshop/supermarket\tMercatò",
            "Q104232980\tSoeur\tshop/clothes\tSoeur",
            "Q1018923\tDreißig\tshop/bakery\tDreißig",
            "Q11346474\tライフ\tshop/supermarket\tライフ",
        ],
    );
    for (lang, text) in [
        ("it", "Il mercato dei prezzi."),
        ("fr", "Ma soeur aime ce pull."),
        ("de", "Dreißig Tage Rückgabe."),
        ("ja", "バッテリー ライフ は長い。"),
    ] {
        assert!(scan_on(&path, text, &["--lang", lang]).is_empty(), "{lang}: {text}");
    }
    // In another language each is a name.
    assert_eq!(scan_on(&path, "Mercatò, Soeur, Dreißig, ライフ", &["--lang", "en"]).len(), 4);
}
