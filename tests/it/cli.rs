//! The `backstory` binary as organizers run it: exit codes, human and JSON output, error messages.
#![cfg(feature = "cli")]

use std::process::{Command, Output};

fn backstory(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstory")).args(args).output().expect("the binary runs")
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn check_accepts_the_bundled_dataset() {
    let out = backstory(&["check", &format!("{}/extension/data/default.json", env!("CARGO_MANIFEST_DIR"))]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("0 error(s), 0 warning(s)"), "{}", stdout(&out));
}

#[test]
fn check_reports_syntax_errors_with_line_and_column_and_exits_1() {
    let dir = std::env::temp_dir().join(format!("backstory-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("broken.json");
    std::fs::write(&file, "{\n  \"format\": \"backstory-dataset\",\n  \"id\": ,\n}").expect("write");
    let out = backstory(&["check", "--json", file.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    assert_eq!(report["errors"], 1);
    assert_eq!(report["problems"][0]["line"], 3);
    assert_eq!(report["problems"][0]["column"], 9);
}

#[test]
fn check_lists_every_validation_error_with_its_path() {
    let json = std::fs::read_to_string(format!("{}/extension/data/default.json", env!("CARGO_MANIFEST_DIR")))
        .expect("dataset");
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
    v["companies"][0]["symbols"] = serde_json::json!(["NASDAQ:amzn", "MOON:X"]);
    v["companies"][0]["profile_url"] = serde_json::json!("http://investigate.info/company/amazon");
    v["brands"][0]["owners"][0]["company"] = serde_json::json!("nobody");
    let file = std::env::temp_dir().join(format!("backstory-invalid-{}.json", std::process::id()));
    std::fs::write(&file, v.to_string()).expect("write");
    let out = backstory(&["check", file.to_str().expect("utf-8 path")]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    for path in [
        "$.companies[0].symbols[0]",
        "$.companies[0].symbols[1]",
        "$.companies[0].profile_url",
        "$.brands[0].owners[0].company",
    ] {
        assert!(text.contains(&format!("error: {path}:")), "missing {path} in:\n{text}");
    }
}

#[test]
fn scan_html_reads_visible_text_only() {
    let out = backstory(&["scan", "--json", &fixture("cli/shop.html")]);
    assert_eq!(out.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    let aliases: Vec<&str> =
        report["hits"].as_array().expect("hits").iter().map(|h| h["alias"].as_str().expect("alias")).collect();
    // "Ring size" in the title and the paragraph, and Zappos inside a script, must not flag.
    assert_eq!(aliases, vec!["Ring Video Doorbell", "Whole Foods Market"]);
    assert_eq!(report["hits"][1]["company"], "amazon");
    assert_eq!(report["hits"][1]["brand"], "whole-foods-market");
    assert!(report["hits"][1]["context"].as_str().expect("context").contains("Groceries from Whole"));
}

#[test]
fn scan_of_a_missing_file_exits_2_naming_it() {
    let out = backstory(&["scan", "/nonexistent/page.html"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/page.html"));
}

#[test]
fn stats_counts_and_ranks_risky_aliases() {
    let dir = std::env::temp_dir().join(format!("backstory-stats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("small.json");
    let dataset = serde_json::json!({
        "format": "backstory-dataset", "format_version": 1, "id": "t", "title": "Test fixture",
        "publisher": {"name": "tests"}, "version": 1, "license": "CC0-1.0", "as_of": "2025-01-01",
        "profile_origins": [], "categories": [{"id": "c", "label": "C", "description": "d"}],
        "companies": [{"id": "acme", "name": "Acme Widgets", "legal_name": "Acme Widgets Inc.",
            "symbols": ["NYSE:ACME"], "categories": ["c"], "summary": "s", "as_of": "2025-01-01"}],
        "brands": [
            {"id": "gap", "name": "Gap", "owners": [{"company": "acme"}]},
            {"id": "zq", "name": "ZQ", "aliases": [{"text": "ZQ", "case": "exact"}], "owners": [{"company": "acme"}]}
        ]
    });
    std::fs::write(&file, dataset.to_string()).expect("write");
    let out = backstory(&["stats", "--json", file.to_str().expect("utf-8 path")]);
    assert_eq!(out.status.code(), Some(0));
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("json");
    assert_eq!(
        (s["companies"].as_u64(), s["brands"].as_u64(), s["aliases"].as_u64(), s["symbols"].as_u64()),
        (Some(1), Some(2), Some(3), Some(1))
    );
    let risky: Vec<(&str, u64)> = s["riskiest_aliases"]
        .as_array()
        .expect("list")
        .iter()
        .map(|r| (r["alias"].as_str().expect("alias"), r["score"].as_u64().expect("score")))
        .collect();
    // "Gap" is an ordinary word of three letters with no rule; "ZQ" is short but has a case rule.
    assert_eq!(risky, vec![("Gap", 8), ("ZQ", 3)]);
}

/// Runs an import into a temp file; returns (exit code, stderr, the dataset written).
fn import(args: &[&str]) -> (Option<i32>, String, serde_json::Value) {
    // Tests run in parallel: each import gets its own output file.
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let out_file = std::env::temp_dir().join(format!("backstory-import-{}-{n}.json", std::process::id()));
    let out_path = out_file.to_str().expect("utf-8 path").to_string();
    let mut full = vec!["import", "--as-of", "2025-01-01", "-o", &out_path];
    full.extend_from_slice(args);
    let out = backstory(&full);
    let written = std::fs::read_to_string(&out_file)
        .map(|t| serde_json::from_str(&t).expect("valid JSON"))
        .unwrap_or(serde_json::Value::Null);
    let _ = std::fs::remove_file(&out_file);
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned(), written)
}

fn ids(v: &serde_json::Value, list: &str) -> Vec<String> {
    v[list].as_array().expect("list").iter().map(|x| x["id"].as_str().expect("id").to_string()).collect()
}

#[test]
fn import_csv_groups_brands_by_owner_and_lists_unmapped_cells() {
    let (code, err, d) = import(&["--from", "csv", &fixture("import/list.csv")]);
    assert_eq!(code, Some(1), "some rows cannot be mapped: {err}");
    assert_eq!(ids(&d, "companies"), ["acme-holdings", "borealis-foods", "cobalt-beverages"]);
    assert_eq!(ids(&d, "brands"), ["acme-rockets", "acme-jets", "borealis-oats", "cobalt-cola"]);
    assert_eq!(d["companies"][0]["symbols"], serde_json::json!(["NYSE:ACMH"]));
    assert_eq!(d["companies"][0]["categories"], serde_json::json!(["military", "surveillance"]));
    assert_eq!(d["companies"][0]["badge"], "AcH", "the badge column sets the company's badge label");
    assert!(d["companies"][1].get("badge").is_none(), "no badge cell, no label: one is made from the name");
    for expected in ["line 6, column 2 (owner_company)", "line 7, column 3 (symbol)", "line 7, column 6 (source_url)"] {
        assert!(err.contains(expected), "missing {expected:?} in {err}");
    }
    assert_eq!(err.matches("not mapped").count(), 3, "{err}");
}

#[test]
fn import_techforpalestine_maps_stakeholders_and_reports_dangling_owners() {
    let (code, err, d) = import(&["--from", "techforpalestine", &fixture("import/tfp.json")]);
    assert_eq!(code, Some(1));
    assert!(err.contains("brands.fizzmaker.stakeholders[1]") && err.contains("ghost-corp"), "{err}");
    assert_eq!(ids(&d, "companies"), ["snackco", "dunecosmetics"]);
    assert_eq!(d["brands"][0]["owners"], serde_json::json!([{"company": "snackco", "share": 60.0}]));
    assert_eq!(d["brands"][0]["alternatives"], serde_json::json!(["Bubbly Home"]));
    assert_eq!(d["companies"][0]["sources"][0]["url"], "https://example.org/snackco");
    assert!(!d["companies"][0]["summary"].as_str().expect("summary").contains("[^"));
}

#[test]
fn import_nsi_refuses_names_claimed_twice() {
    let (code, err, d) = import(&["--from", "nsi", &fixture("import/nsi.tsv")]);
    assert_eq!(code, Some(1));
    assert_eq!(ids(&d, "companies"), ["q1", "q2", "no-id-shop"]);
    assert!(err.contains("line 3, names") && err.contains("line 4"), "{err}");
}

#[test]
fn import_sec_adds_symbols_by_company_name() {
    let dir = std::env::temp_dir().join(format!("backstory-sec-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let (_, _, base) = import(&["--from", "csv", &fixture("import/list.csv")]);
    let mut base = base;
    base["companies"][1]["symbols"] = serde_json::json!([]);
    base["companies"][2]["symbols"] = serde_json::json!(["NASDAQ:NOPE"]);
    let base_file = dir.join("base.json");
    std::fs::write(&base_file, base.to_string()).expect("write");
    let (code, err, d) =
        import(&["--from", "sec", "--dataset", base_file.to_str().expect("path"), &fixture("import/sec.json")]);
    assert_eq!(code, Some(1), "NASDAQ:NOPE is not listed: {err}");
    assert!(err.contains("companies[2].symbols[0]"), "{err}");
    assert_eq!(d["companies"][1]["symbols"], serde_json::json!(["NASDAQ:BRLS"]));
    assert_eq!(d["companies"][0]["symbols"], serde_json::json!(["NYSE:ACMH", "NYSE:ACMH.P"]));
}

fn pack(out: &std::path::Path, extra: &[&str]) -> Output {
    let dataset = format!("{}/extension/data/default.json", env!("CARGO_MANIFEST_DIR"));
    let mut args = vec!["pack", "--dataset", &dataset, "--name", "Fair Shopper", "--extension"];
    let template = fixture("pack-template");
    args.push(&template);
    let out_path = out.to_str().expect("utf-8 path").to_string();
    args.extend_from_slice(&["-o", &out_path]);
    args.extend_from_slice(extra);
    backstory(&args)
}

#[test]
fn pack_brands_the_extension_and_rebuilds_byte_identical_zips() {
    let root = std::env::temp_dir().join(format!("backstory-pack-{}", std::process::id()));
    let svg = root.join("icon.svg");
    std::fs::create_dir_all(&root).expect("temp dir");
    std::fs::write(
        &svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#0a0"/></svg>"##,
    )
    .expect("svg");
    let key = "RWSuj/mIm83JL7RmZOIz6wtJpulhsaGUgwLEfDD8UEsWHnUJopX/01X/";
    let extra = [
        "--icon",
        svg.to_str().expect("path"),
        "--color",
        "#00aa00",
        "--sites",
        "fair.example",
        "--update-url",
        "https://lists.example.org/fair.json",
        "--public-key",
        key,
    ];
    let (a, b) = (root.join("a"), root.join("b"));
    assert_eq!(pack(&a, &extra).status.code(), Some(0));
    assert_eq!(pack(&b, &extra).status.code(), Some(0));
    for browser in ["chromium", "firefox"] {
        let zip = format!("fair-shopper-{browser}.zip");
        let (za, zb) = (std::fs::read(a.join(&zip)).expect("zip a"), std::fs::read(b.join(&zip)).expect("zip b"));
        assert!(za == zb, "{zip} differs between two builds from the same inputs");
    }
    let dir = a.join("fair-shopper-firefox");
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("manifest.json")).expect("manifest")).expect("json");
    assert_eq!(manifest["name"], "Fair Shopper");
    assert_eq!(manifest["browser_specific_settings"]["gecko"]["id"], "fair-shopper@backstory-pack");
    assert_eq!(
        manifest["content_scripts"][0]["matches"],
        serde_json::json!(["https://fair.example/*", "https://*.fair.example/*"])
    );
    assert_eq!(manifest["host_permissions"], serde_json::json!(["https://lists.example.org/*"]));
    let config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dir.join("extension/data/config.json")).expect("config")).expect("json");
    assert_eq!(config["update"]["public_key"], key);
    let bundled = std::fs::read_to_string(dir.join("extension/data/default.json")).expect("dataset");
    assert!(bundled.contains("\"backstory-dataset\""), "the organizer's dataset replaces the template's");
    let icon = std::fs::read(dir.join("extension/icons/icon-48.png")).expect("icon");
    assert_eq!(&icon[..8], b"\x89PNG\r\n\x1a\n");
    assert_eq!(u32::from_be_bytes([icon[16], icon[17], icon[18], icon[19]]), 48, "rendered at 48 px");
}

#[test]
fn pack_refuses_insecure_update_urls_and_lone_keys() {
    let root = std::env::temp_dir().join(format!("backstory-pack-bad-{}", std::process::id()));
    let out = pack(
        &root,
        &[
            "--update-url",
            "http://lists.example.org/x.json",
            "--public-key",
            "RWSuj/mIm83JL7RmZOIz6wtJpulhsaGUgwLEfDD8UEsWHnUJopX/01X/",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("must be https"));
    let out = pack(&root, &["--update-url", "https://lists.example.org/x.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("go together"));
}

/// Every subcommand speaks JSON for scripts: one object on stdout.
#[test]
fn keygen_sign_verify_speak_json() {
    let dir = std::env::temp_dir().join(format!("backstory-json-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let keys = dir.join("keys");
    let out = backstory(&["keygen", "--json", "-o", keys.to_str().expect("path")]);
    let k: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("keygen json");
    assert!(k["public_key_base64"].as_str().expect("key").starts_with("RW"));
    let data = dir.join("d.json");
    std::fs::copy(format!("{}/extension/data/default.json", env!("CARGO_MANIFEST_DIR")), &data).expect("copy");
    let (key, pubkey, data) =
        (keys.join("backstory.key"), keys.join("backstory.pub"), data.to_str().expect("path").to_string());
    let out = backstory(&["sign", "--json", "--key", key.to_str().expect("path"), &data]);
    let s: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("sign json");
    assert_eq!(s["signed"], true);
    let out = backstory(&[
        "verify",
        "--json",
        "--public-key",
        pubkey.to_str().expect("path"),
        "--current-version",
        "99",
        &data,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("verify json");
    assert_eq!((v["ok"].as_bool(), v["code"].as_str()), (Some(false), Some("not-newer")));
}

#[test]
fn import_and_pack_speak_json() {
    let target = std::env::temp_dir().join(format!("backstory-import-json-{}.json", std::process::id()));
    let out = backstory(&[
        "import",
        "--json",
        "--from",
        "csv",
        "-o",
        target.to_str().expect("path"),
        &fixture("import/list.csv"),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let i: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("import json");
    assert_eq!((i["companies"].as_u64(), i["brands"].as_u64()), (Some(3), Some(4)));
    assert_eq!(i["unmapped"][0]["at"], "line 6, column 2 (owner_company)");
    let dir = std::env::temp_dir().join(format!("backstory-pack-json-{}", std::process::id()));
    let out = pack(&dir, &["--json"]);
    let p: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("pack json");
    assert_eq!(p["outputs"].as_array().expect("outputs").len(), 2);
    assert_eq!(p["outputs"][1]["browser"], "firefox");
}

#[test]
fn scan_reads_the_site_from_host_or_the_pages_canonical_address() {
    // "Gap" in this synthetic dataset counts only where the page confirms it (`confirm: page`).
    let dataset = fixture("pages/confirm-dataset.json");
    let dir = std::env::temp_dir().join(format!("backstory-cli-host-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = |name: &str, head: &str| {
        let file = dir.join(name);
        std::fs::write(&file, format!("<html><head>{head}</head><body><p>Gap jeans</p></body></html>")).expect("write");
        file.to_string_lossy().into_owned()
    };
    let hits = |args: &[&str]| {
        let out = backstory(&[&["scan", "--json", "--dataset", &dataset], args].concat());
        assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
        let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
        report["hits"].as_array().expect("hits").len()
    };
    let canonical = page("canonical.html", r#"<link rel="canonical" href="https://www.gap.com/browse/jeans">"#);
    let og = page("og.html", r#"<meta property="og:url" content="//shop.gap.co.uk/p/1">"#);
    let elsewhere = page("elsewhere.html", r#"<link rel="canonical" href="https://blog.example/gap">"#);
    assert_eq!(hits(&[&canonical]), 1, "on gap.com, \"Gap\" is the brand");
    assert_eq!(hits(&[&og]), 1);
    assert_eq!(hits(&[&elsewhere]), 0, "elsewhere it waits for the page to name the company");
    assert_eq!(hits(&["--host", "www.gap.com", &elsewhere]), 1, "--host overrides the page's address");
    assert_eq!(hits(&["--host", "blog.example", &canonical]), 0);
}

#[test]
fn pack_names_the_extension_in_each_interface_language() {
    let root = std::env::temp_dir().join(format!("backstory-pack-locales-{}", std::process::id()));
    let out = root.join("out");
    let extra = ["--name-in", "de=Fairer Einkauf", "--description-in", "de=Zeigt, wem Marken gehören."];
    let done = pack(&out, &extra);
    assert_eq!(done.status.code(), Some(0), "{}", String::from_utf8_lossy(&done.stderr));
    let dir = out.join("fair-shopper-chromium");
    let read = |path: &str| -> serde_json::Value {
        serde_json::from_slice(&std::fs::read(dir.join(path)).expect("packed file")).expect("json")
    };
    let manifest = read("manifest.json");
    assert_eq!(
        (&manifest["name"], &manifest["action"]["default_title"]),
        (&serde_json::json!("__MSG_ext_name__"), &serde_json::json!("__MSG_ext_name__"))
    );
    let (de, en) = (read("_locales/de/messages.json"), read("_locales/en/messages.json"));
    assert_eq!(de["ext_name"]["message"], "Fairer Einkauf");
    assert_eq!(de["ext_description"]["message"], "Zeigt, wem Marken gehören.");
    assert_eq!(en["ext_name"]["message"], "Fair Shopper");
    // No interface string of any locale still says the template's name.
    for locale in std::fs::read_dir(dir.join("_locales")).expect("locales") {
        let text = std::fs::read_to_string(locale.expect("entry").path().join("messages.json")).expect("messages");
        let messages: serde_json::Value = serde_json::from_str(&text).expect("json");
        for (key, m) in messages.as_object().expect("object") {
            assert!(!m["message"].as_str().unwrap_or_default().contains("Backstory"), "{key} still says Backstory");
        }
    }
    // A locale the extension lacks is refused, and nothing is written.
    let refused = pack(&root.join("refused"), &["--name-in", "xx=Nope"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("no locale \"xx\""));
    assert!(!root.join("refused").join("fair-shopper-chromium").exists());
    std::fs::remove_dir_all(root).ok();
}

/// A copy of the fixture dataset whose first company has one fact of each kind, dated as given.
fn dated_dataset(company: &str, source: &str, section: &str) -> std::path::PathBuf {
    let json = std::fs::read_to_string(fixture("test-dataset.json")).expect("fixture");
    let mut v: serde_json::Value = serde_json::from_str(&json).expect("json");
    for c in v["companies"].as_array_mut().expect("companies") {
        c["as_of"] = serde_json::json!("2026-06-01");
        for s in c["sources"].as_array_mut().into_iter().flatten() {
            s.as_object_mut().expect("source").remove("as_of");
        }
    }
    let first = &mut v["companies"][0];
    first["as_of"] = serde_json::json!(company);
    first["sources"][0]["as_of"] = serde_json::json!(source);
    let url = first["sources"][0]["url"].clone();
    first["profile"] = serde_json::json!([{"title": "T", "text": "X", "as_of": section, "sources": [url]}]);
    let file =
        std::env::temp_dir().join(format!("backstory-stale-{}-{company}-{source}-{section}.json", std::process::id()));
    std::fs::write(&file, v.to_string()).expect("write");
    file
}

#[test]
fn check_stale_lists_every_fact_older_than_the_limit_with_its_path() {
    // Issue 19: `backstory check --stale 12m` lists facts older than that; exit 1 when any is.
    let file = dated_dataset("2025-12-05", "2025-12-06", "2024-01-31");
    let path = file.to_str().expect("utf-8 path");
    let out = backstory(&["check", "--stale", "12m", "--today", "2026-12-06", path]);
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("stale: $.companies[0].as_of: 2025-12-05 (amazon) is before 2025-12-06"), "{text}");
    assert!(text.contains("stale: $.companies[0].profile[0].as_of: 2024-01-31"), "{text}");
    assert!(!text.contains("$.companies[0].sources[0].as_of"), "a fact dated on the limit is not stale:\n{text}");
    assert!(text.contains("2 fact(s) dated before 2025-12-06"), "{text}");

    // 18 months and 2 years reach further back: only the profile section is older.
    for age in ["18m", "2y"] {
        let out = backstory(&["check", "--json", "--stale", age, "--today", "2026-12-06", path]);
        assert_eq!(out.status.code(), Some(1), "{age}");
        let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
        let stale = report["stale"].as_array().expect("stale list");
        assert_eq!(stale.len(), 1, "{age}: {stale:?}");
        assert_eq!(stale[0]["path"], "$.companies[0].profile[0].as_of");
        assert_eq!(stale[0]["as_of"], "2024-01-31");
        assert_eq!(stale[0]["company"], "amazon");
    }
    // Nothing older than 3 years: exit 0, and the JSON says so with an empty list.
    let out = backstory(&["check", "--json", "--stale", "3y", "--today", "2026-12-06", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    assert_eq!(report["stale"], serde_json::json!([]));
    // Without --stale, dates are not judged and the report has no stale list.
    let out = backstory(&["check", "--json", path]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let report: serde_json::Value = serde_json::from_str(stdout(&out).trim()).expect("one JSON object");
    assert!(report.get("stale").is_none());
}

#[test]
fn check_stale_refuses_ages_and_days_it_cannot_read() {
    let file = dated_dataset("2026-01-01", "2026-01-01", "2026-01-01");
    let path = file.to_str().expect("utf-8 path");
    for args in [
        vec!["check", "--stale", "12w", path],
        vec!["check", "--stale", "m", path],
        vec!["check", "--stale", "12m", "--today", "6 Dec 2026", path],
        vec!["check", "--today", "2026-12-06", path],
    ] {
        let out = backstory(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }
    // The default day is today (UTC): facts of 2026-01-01 are older than 1 day from here on.
    let out = backstory(&["check", "--stale", "1d", path]);
    assert_eq!(out.status.code(), Some(1), "{}", stdout(&out));
}
