//! Dataset text in other languages (issue 21, "Dataset text per language"): the `translations`
//! fields parse and validate strictly, `backstory check` warns about a language that leaves some
//! text out, the CSV importer reads `reason:LANG` and `category:LANG` columns, and the default
//! dataset carries German, French and Spanish for every category and every company's summary.
#![cfg(feature = "cli")]

use std::path::PathBuf;

use backstory::dataset::language_tag;
use backstory::validate::{validate, Problem, Severity};
use backstory::Dataset;
use serde_json::{json, Value};

use crate::common::cli::backstory;

/// A small valid dataset: two categories, two companies (the first with a profile section).
fn base() -> Value {
    json!({
        "format": "backstory-dataset", "format_version": 1, "id": "t", "title": "T",
        "publisher": {"name": "P"}, "version": 1, "license": "CC0-1.0", "as_of": "2025-01-01",
        "profile_origins": [],
        "categories": [
            {"id": "military", "label": "Military and weapons", "description": "Weapons makers."},
            {"id": "surveillance", "label": "Surveillance", "description": "Mass surveillance."}
        ],
        "companies": [
            {"id": "acme", "name": "Acme Rockets", "legal_name": "Acme Rockets Inc.", "categories": ["military"],
             "summary": "Makes rocket motors.", "as_of": "2025-01-01",
             "sources": [{"title": "S", "url": "https://example.org/a"}],
             "profile": [{"title": "Business", "text": "Rockets.", "as_of": "2025-01-01", "sources": ["https://example.org/a"]}]},
            {"id": "borealis", "name": "Borealis Cameras", "legal_name": "Borealis Cameras Ltd", "categories": ["surveillance"],
             "summary": "Makes face-recognition cameras.", "as_of": "2025-01-01",
             "sources": [{"title": "S", "url": "https://example.org/b"}]}
        ]
    })
}

fn check(d: &Value) -> Result<Vec<Problem>, String> {
    let d = Dataset::from_json(&d.to_string()).map_err(|e| e.to_string())?;
    Ok(validate(&d))
}

fn errors(d: &Value) -> Vec<String> {
    check(d).expect("parses").into_iter().filter(|p| p.severity == Severity::Error).map(|p| p.to_string()).collect()
}

fn warnings(d: &Value) -> Vec<String> {
    check(d).expect("parses").into_iter().filter(|p| p.severity == Severity::Warning).map(|p| p.to_string()).collect()
}

/// `base()` translated completely into German and French.
fn translated() -> Value {
    let mut d = base();
    d["categories"][0]["translations"] = json!({"de": {"label": "Militär und Waffen", "description": "Waffenhersteller."},
                                                "fr": {"label": "Armée et armes", "description": "Fabricants d'armes."}});
    d["categories"][1]["translations"] = json!({"de": {"label": "Überwachung", "description": "Massenüberwachung."},
                                                "fr": {"label": "Surveillance", "description": "Surveillance de masse."}});
    d["companies"][0]["translations"] = json!({
        "de": {"summary": "Stellt Raketenmotoren her.", "profile": [{"title": "Geschäft", "text": "Raketen."}]},
        "fr": {"summary": "Fabrique des moteurs de fusée.", "profile": [{"title": "Activité", "text": "Fusées."}]}
    });
    d["companies"][1]["translations"] = json!({
        "de": {"summary": "Stellt Kameras mit Gesichtserkennung her."},
        "fr": {"summary": "Fabrique des caméras à reconnaissance faciale.", "name": "Caméras Borealis"}
    });
    d
}

#[test]
fn a_complete_translation_validates_without_problems_and_round_trips() {
    let d = translated();
    assert_eq!(check(&d).expect("parses"), vec![], "no errors and no warnings");
    let parsed = Dataset::from_json(&d.to_string()).expect("parses");
    assert_eq!(parsed.categories[0].translations["de"].label.as_deref(), Some("Militär und Waffen"));
    assert_eq!(parsed.companies[1].translations["fr"].name.as_deref(), Some("Caméras Borealis"));
    // Written back, the same fields come out; a dataset without translations writes none.
    let again = Dataset::from_json(&serde_json::to_string(&parsed).expect("serializes")).expect("parses again");
    assert_eq!(again, parsed);
    let plain = serde_json::to_string(&Dataset::from_json(&base().to_string()).expect("parses")).expect("serializes");
    assert!(!plain.contains("translations"), "absent stays absent: {plain}");
}

#[test]
fn unknown_keys_inside_a_translation_are_errors_with_their_path() {
    for (at, bad) in [
        ("categories", json!({"de": {"label": "Überwachung", "colour": "#000000"}})),
        ("companies", json!({"de": {"summary": "Kameras.", "legal_name": "Borealis GmbH"}})),
        ("companies", json!({"de": {"sumary": "Kameras."}})),
    ] {
        let mut d = base();
        d[at][1]["translations"] = bad;
        let e = check(&d).expect_err("refused");
        assert!(e.contains(&format!("$.{at}[1].translations.de")) && e.contains("unknown field"), "{e}");
    }
    // Issue 19: a section's date and sources are its own in every language; a translation gives text.
    let mut d = base();
    d["companies"][0]["translations"] =
        json!({"de": {"profile": [{"title": "Geschäft", "text": "Raketen.", "as_of": "2025-01-01"}]}});
    let e = check(&d).expect_err("refused");
    assert!(e.contains("$.companies[0].translations.de.profile[0]") && e.contains("unknown field `as_of`"), "{e}");
}

#[test]
fn language_tags_are_known_and_canonical() {
    for good in ["de", "fr", "es", "pt-BR", "zh-Hans", "zh-Hant-TW", "es-419", "ar"] {
        assert!(language_tag(good), "{good}");
    }
    for bad in ["", "DE", "De", "pt_BR", "pt-br", "xx", "deu", "german", "de-", "zh-hans", "en-US-x-foo"] {
        assert!(!language_tag(bad), "{bad}");
        let mut d = base();
        d["companies"][0]["translations"] = json!({ bad: {"summary": "Text."} });
        let e = errors(&d);
        assert!(e.iter().any(|m| m.contains("is not a language tag")), "{bad}: {e:?}");
    }
}

#[test]
fn empty_texts_and_empty_translations_are_errors() {
    let cases = [
        ("categories", json!({"de": {"label": " "}}), "$.categories[1].translations.de.label: must not be empty"),
        ("categories", json!({"de": {}}), "$.categories[1].translations.de: gives no text"),
        ("companies", json!({"de": {"summary": ""}}), "$.companies[1].translations.de.summary: must not be empty"),
        ("companies", json!({"de": {"name": ""}}), "$.companies[1].translations.de.name: must not be empty"),
        ("companies", json!({"de": {}}), "$.companies[1].translations.de: gives no text"),
    ];
    for (at, t, want) in cases {
        let mut d = base();
        d[at][1]["translations"] = t;
        let e = errors(&d);
        assert!(e.iter().any(|m| m.contains(want)), "want {want:?} in {e:?}");
    }
}

#[test]
fn a_translated_profile_has_one_section_per_section_of_the_original() {
    let mut d = translated();
    d["companies"][0]["translations"]["de"]["profile"] =
        json!([{"title": "Geschäft", "text": "Raketen."}, {"title": "Mehr", "text": "Noch mehr."}]);
    let e = errors(&d);
    assert!(
        e.iter().any(|m| m.contains("$.companies[0].translations.de.profile")
            && m.contains("2 sections where the company's profile has 1")),
        "{e:?}"
    );
    d["companies"][0]["translations"]["de"]["profile"] = json!([{"title": "Geschäft", "text": ""}]);
    let e = errors(&d);
    assert!(e.iter().any(|m| m.contains("$.companies[0].translations.de.profile[0].text: must not be empty")), "{e:?}");
}

#[test]
fn check_warns_about_a_language_that_leaves_some_text_out() {
    // German summaries for one company of two.
    let mut d = translated();
    d["companies"][1]["translations"].as_object_mut().expect("object").remove("de");
    let w = warnings(&d);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("$.companies[1].translations")
            && w[0].contains("language \"de\" has no company summary for 1 of 2 (borealis)"),
        "{w:?}"
    );
    assert!(errors(&d).is_empty());
    // A category label in French only: the French labels are incomplete, the German ones absent
    // altogether (a language need not translate every kind of text).
    let mut d = base();
    d["categories"][0]["translations"] = json!({"fr": {"label": "Armée et armes"}});
    let w = warnings(&d);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("$.categories[1].translations")
            && w[0].contains("language \"fr\" has no category label for 1 of 2 (surveillance)"),
        "{w:?}"
    );
    // French without the one profile: French translates no profile, which is no gap.
    let mut d = translated();
    d["companies"][0]["translations"]["fr"].as_object_mut().expect("object").remove("profile");
    assert_eq!(warnings(&d), Vec::<String>::new());
    // A second profiled company without a German profile is one.
    d["companies"][1]["profile"] =
        json!([{"title": "Business", "text": "Cameras.", "as_of": "2025-01-01", "sources": ["https://example.org/b"]}]);
    let w = warnings(&d);
    assert!(w.len() == 1 && w[0].contains("language \"de\" has no company profile for 1 of 2 (borealis)"), "{w:?}");
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backstory-translations-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn check_prints_the_warning_and_exits_zero_unless_strict() {
    let dir = temp("check");
    let mut d = translated();
    d["companies"][1]["translations"].as_object_mut().expect("object").remove("de");
    let file = dir.join("d.json");
    std::fs::write(&file, d.to_string()).expect("write");
    let f = file.to_str().expect("utf-8");
    let o = backstory(&["check", f]);
    let out = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("has no company summary for 1 of 2"), "{out}");
    assert_eq!(backstory(&["check", "--strict", f]).status.code(), Some(1));
}

/// Imports `csv` and returns (exit code, stderr, the dataset written if any).
fn import(name: &str, csv: &str) -> (Option<i32>, String, Option<Value>) {
    let dir = temp(name);
    let (list, out) = (dir.join("list.csv"), dir.join("out.json"));
    std::fs::write(&list, csv).expect("write csv");
    let o = backstory(&[
        "import",
        "--from",
        "csv",
        "--as-of",
        "2025-01-01",
        "-o",
        out.to_str().expect("utf-8"),
        list.to_str().expect("utf-8"),
    ]);
    let written = std::fs::read_to_string(&out).ok().map(|t| serde_json::from_str(&t).expect("JSON"));
    (o.status.code(), String::from_utf8_lossy(&o.stderr).into_owned(), written)
}

#[test]
fn the_importer_reads_reason_and_category_columns_per_language() {
    let csv = "brand,owner_company,category,reason,source_url,reason:de,category:de,Reason:pt-BR,category:fr\n\
Acme Rockets,Acme Holdings,Military;Surveillance,Makes rocket motors.,https://example.org/a,Stellt Raketenmotoren her.,Militär;Überwachung,Fabrica motores de foguete.,Armée;Surveillance\n\
Acme Drones,Acme Holdings,Military,Makes drones.,https://example.org/a,Stellt Drohnen her.,Militär,,\n";
    let (code, err, d) = import("columns", csv);
    assert_eq!(code, Some(0), "{err}");
    let d = d.expect("written");
    let acme = &d["companies"][0];
    assert_eq!(acme["summary"], "Makes rocket motors. Makes drones.");
    assert_eq!(acme["translations"]["de"]["summary"], "Stellt Raketenmotoren her. Stellt Drohnen her.");
    assert_eq!(acme["translations"]["pt-BR"]["summary"], "Fabrica motores de foguete.");
    assert_eq!(d["categories"][0]["translations"]["de"]["label"], "Militär");
    assert_eq!(d["categories"][1]["translations"]["de"]["label"], "Überwachung");
    assert_eq!(d["categories"][1]["translations"]["fr"]["label"], "Surveillance");
    // What it wrote validates.
    let parsed = Dataset::from_json(&d.to_string()).expect("parses");
    let problems: Vec<_> = validate(&parsed).into_iter().filter(|p| p.severity == Severity::Error).collect();
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn other_columns_and_unknown_languages_are_still_unknown_columns() {
    for header in ["summary:de", "reason:xx", "reason:german", "brand:de", "reason:"] {
        let csv =
            format!("brand,owner_company,reason,{header}\nAcme Rockets,Acme Holdings,Makes rocket motors.,Text\n");
        let (code, err, d) = import("unknown", &csv);
        assert_ne!(code, Some(0), "{header}: {err}");
        assert!(err.contains("unknown column") && err.contains(&format!("{header:?}")), "{header}: {err}");
        assert!(d.is_none(), "{header}: nothing written");
    }
}

#[test]
fn a_category_translation_needs_one_label_per_category() {
    let csv = "brand,owner_company,category,reason,category:de\n\
Acme Rockets,Acme Holdings,Military;Surveillance,Makes rocket motors.,Militär\n";
    let (code, err, _) = import("count", csv);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("line 2, column 5 (category:de)") && err.contains("1 label(s) where category gives 2"),
        "{err}"
    );
}
// ---- the default dataset ------------------------------------------------------------------------

const DEFAULT: &str = crate::common::DEFAULT_JSON;

#[test]
fn the_default_dataset_speaks_german_french_and_spanish() {
    let d = Dataset::from_json(DEFAULT).expect("parses");
    for lang in ["de", "fr", "es"] {
        for c in &d.categories {
            let t = c.translations.get(lang).unwrap_or_else(|| panic!("category {} has no {lang}", c.id));
            assert!(t.label.as_deref().is_some_and(|s| !s.trim().is_empty()), "{} {lang}", c.id);
            assert!(t.description.as_deref().is_some_and(|s| !s.trim().is_empty()), "{} {lang}", c.id);
        }
        for c in &d.companies {
            let t = c.translations.get(lang).unwrap_or_else(|| panic!("company {} has no {lang}", c.id));
            assert!(t.summary.as_deref().is_some_and(|s| !s.trim().is_empty()), "{} {lang}", c.id);
        }
    }
}
