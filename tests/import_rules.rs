//! The rules `backstory import --from nsi` adds so a shop-name list can match page text: each test
//! pins one rule of src/cli/import/nsi.rs, found by `make eval` on the shared corpus.
#![cfg(feature = "cli")]

use std::process::{Command, Output};

use serde_json::Value;

fn backstory(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstory")).args(args).output().expect("the binary runs")
}

/// Imports a TSV written from `rows` (header added); returns the dataset, the import's stderr,
/// and the dataset's path for scanning.
fn import(name: &str, rows: &[&str]) -> (Value, String, String) {
    let dir = std::env::temp_dir().join(format!("backstory-import-rules-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let tsv = dir.join("nsi.tsv");
    let text = std::iter::once("wikidata\tbrand\tcategory\tnames").chain(rows.iter().copied()).collect::<Vec<_>>().join("\n");
    std::fs::write(&tsv, text + "\n").expect("write tsv");
    let out = dir.join("out.json");
    let run = backstory(&["import", "--from", "nsi", "--as-of", "2025-11-01", "-o", &out.to_string_lossy(), &tsv.to_string_lossy()]);
    assert!(run.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&run.stderr));
    let json: Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("dataset written")).expect("json");
    (json, String::from_utf8_lossy(&run.stderr).into_owned(), out.to_string_lossy().into_owned())
}

fn company<'a>(d: &'a Value, id: &str) -> Option<&'a Value> {
    d["companies"].as_array().expect("companies").iter().find(|c| c["id"] == id)
}

/// Companies found in `text` by `backstory scan` with the dataset.
fn scan(dataset: &str, text: &str) -> Vec<String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_backstory"))
        .args(["scan", "--json", "--dataset", dataset, "-"])
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
    let (d, stderr, _) = import("order", &["Q62606411\tWalmart\tamenity/fuel\tWalmart", "Q483551\tWalmart\tamenity/pharmacy\tWalmart|walmart supercenter"]);
    assert!(company(&d, "q483551").is_some(), "the main entity keeps the name");
    assert!(company(&d, "q62606411").is_none());
    assert!(stderr.contains("brand \"Walmart\" is already a name of company q483551"), "{stderr}");
}

#[test]
fn ordinary_words_and_names_without_two_letters_are_dropped_and_reported() {
    let (d, stderr, path) = import(
        "words",
        &["Q2467627\tFree\tshop/telecommunication\tFree", "Q19840921\t3 Store\tshop/mobile_phone\t3|3 Store", "Q483915\tNike\tshop/clothes\tNike|more"],
    );
    assert!(company(&d, "q2467627").is_none(), "\"Free\" would flag every \"free shipping\"");
    assert!(stderr.contains("brand \"Free\" is an ordinary English word"), "{stderr}");
    let three = company(&d, "q19840921").expect("\"3 Store\" itself is safe");
    assert!(!three["aliases"].to_string().contains("\"3\""), "the alias \"3\" is dropped: {three}");
    assert!(stderr.contains("\"3\" has fewer than two letters"), "{stderr}");
    assert!(stderr.contains("\"more\" is an ordinary English word"), "{stderr}");
    assert_eq!(scan(&path, "Free shipping on 3 or more items from Nike."), vec!["q483915"]);
}

#[test]
fn short_capitals_and_phrases_of_ordinary_words_keep_their_case_or_capitals() {
    let (_, _, path) = import("case", &["Q3300084\tTVS\tshop/motorcycle\tTVS", "Q533415\tBest Buy\tshop/electronics\tBest Buy"]);
    assert!(scan(&path, "Smart TVs, the best buy of the year").is_empty(), "\"TVs\" and lowercase words are not brands");
    assert_eq!(scan(&path, "TVS motorcycles"), vec!["q3300084"]);
    assert_eq!(scan(&path, "Shop at Best Buy. BEST BUY logo"), vec!["q533415", "q533415"]);
}
