//! Issue 20's organizer defects in the command line, one regression test each: nothing an
//! organizer has is lost (atomic writes, failed runs keep the previous output, hand edits kept in
//! their own file), and bad input is an error naming its place with a non-zero exit.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::cli::backstory;

/// The binary with its file-size limit set to `blocks` × 512 bytes: a write past it kills the
/// process (SIGXFSZ) mid-file, as a crash or a full disk would stop it.
fn backstory_killed_after(blocks: u32, args: &[&str]) -> Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{}'", a.replace('\'', r"'\''"))).collect();
    let script = format!("ulimit -f {blocks}; exec '{}' {}", env!("CARGO_BIN_EXE_backstory"), quoted.join(" "));
    Command::new("sh").arg("-c").arg(script).output().expect("sh runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder per test (tests run in parallel).
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backstory-organizer-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

const GOOD_CSV: &str = "brand,owner_company,symbol,category,reason,source_url\n\
Acme Rockets,Acme Holdings,NYSE: ACMH,Military,Makes rocket motors.,https://example.org/acme\n\
Borealis Oats,Borealis Foods,,Occupation,Runs a factory.,https://example.org/borealis\n";

/// Imports `csv` (written to `dir/list.csv`) into `dir/out.json` with extra arguments.
fn import_csv(dir: &Path, csv: &str, extra: &[&str]) -> Output {
    let (list, out) = (dir.join("list.csv"), dir.join("out.json"));
    std::fs::write(&list, csv).expect("write csv");
    let mut args = vec!["import", "--from", "csv", "--as-of", "2025-01-01", "-o", path(&out)];
    args.extend_from_slice(extra);
    args.push(path(&list));
    backstory(&args)
}

fn written(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("out.json")).expect("out.json")).expect("JSON")
}

// ---- nothing lost ------------------------------------------------------------------------------

#[test]
fn a_failed_import_leaves_the_previous_dataset_as_it_was() {
    let dir = temp("failed-import");
    assert_eq!(import_csv(&dir, GOOD_CSV, &[]).status.code(), Some(0));
    let before = std::fs::read(dir.join("out.json")).expect("good dataset");
    // A header-only file used to write an empty dataset over the good one, with exit 0.
    let out = import_csv(&dir, "brand,owner_company\n", &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("no rows"), "{}", stderr(&out));
    assert!(std::fs::read(dir.join("out.json")).expect("still there") == before, "the previous dataset changed");
}

#[test]
fn an_import_killed_while_writing_leaves_the_previous_dataset_whole() {
    let dir = temp("killed-import");
    assert_eq!(import_csv(&dir, GOOD_CSV, &[]).status.code(), Some(0));
    let before = std::fs::read(dir.join("out.json")).expect("good dataset");
    let mut big = String::from("brand,owner_company,reason\n");
    for i in 0..400 {
        big.push_str(&format!("Brand number {i},Company {},A long enough reason for the dataset to grow.\n", i / 4));
    }
    let list = dir.join("big.csv");
    std::fs::write(&list, big).expect("write");
    let out = dir.join("out.json");
    // 8 blocks (4 KB) is less than the new dataset: the write is cut off.
    let run =
        backstory_killed_after(8, &["import", "--from", "csv", "--as-of", "2025-01-01", "-o", path(&out), path(&list)]);
    assert!(!run.status.success(), "the size limit stops the write");
    assert!(std::fs::read(&out).expect("still there") == before, "the previous dataset was truncated");
}

/// Packs the bundled dataset with `name` from a template that has the test-only local matches.
fn pack(dir: &Path, name: &str, extra: &[&str]) -> Output {
    let template = dir.join("template");
    if !template.exists() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pack-template");
        std::fs::create_dir_all(template.join("extension")).expect("template");
        std::fs::copy(src.join("extension/content.js"), template.join("extension/content.js")).expect("copy");
        let manifest = std::fs::read_to_string(src.join("manifest.json")).expect("manifest").replace(
            r#""matches": ["https://*.shop.example/*"]"#,
            r#""matches": ["https://*.shop.example/*", "http://127.0.0.1/*", "http://localhost/*"]"#,
        );
        std::fs::write(template.join("manifest.json"), manifest).expect("manifest");
    }
    let dataset = format!("{}/extension/data/default.json", env!("CARGO_MANIFEST_DIR"));
    let out = dir.join("out");
    let mut args =
        vec!["pack", "--dataset", &dataset, "--name", name, "--extension", path(&template), "-o", path(&out)];
    args.extend_from_slice(extra);
    backstory(&args)
}

fn manifest(dir: &Path, slug: &str) -> serde_json::Value {
    let file = dir.join(format!("out/{slug}-chromium/manifest.json"));
    serde_json::from_slice(&std::fs::read(file).expect("manifest")).expect("JSON")
}

#[test]
fn a_failed_pack_leaves_every_previous_output_as_it_was() {
    let dir = temp("failed-pack");
    assert_eq!(pack(&dir, "Fair Shopper", &["--version", "1.0.0"]).status.code(), Some(0));
    let zip = dir.join("out/fair-shopper-chromium.zip");
    let before = (std::fs::read(&zip).expect("zip"), manifest(&dir, "fair-shopper"));
    // Something in the way of the last output: the run used to replace three outputs, then fail.
    std::fs::remove_file(dir.join("out/fair-shopper-firefox.zip")).expect("rm");
    std::fs::create_dir_all(dir.join("out/fair-shopper-firefox.zip/x")).expect("a folder in the way");
    let out = pack(&dir, "Fair Shopper", &["--version", "2.0.0"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(std::fs::read(&zip).expect("zip") == before.0, "the previous zip changed");
    assert_eq!(manifest(&dir, "fair-shopper"), before.1, "the previous folder changed");
}

#[test]
fn a_pack_killed_while_writing_leaves_the_previous_outputs_whole() {
    let dir = temp("killed-pack");
    assert_eq!(pack(&dir, "Fair Shopper", &[]).status.code(), Some(0));
    let zip = dir.join("out/fair-shopper-chromium.zip");
    let folder = dir.join("out/fair-shopper-chromium");
    let before = (
        std::fs::read(&zip).expect("zip"),
        std::fs::read(folder.join("extension/data/default.json")).expect("dataset"),
    );
    let dataset = format!("{}/extension/data/default.json", env!("CARGO_MANIFEST_DIR"));
    let (template, out) = (dir.join("template"), dir.join("out"));
    let size = std::fs::metadata(&dataset).expect("dataset").len();
    // Files may grow to half the dataset: its first copy is cut off. The folder used to be
    // deleted first, then rewritten file by file.
    let blocks = u32::try_from(size / 1024).expect("small");
    let run = backstory_killed_after(
        blocks,
        &["pack", "--dataset", &dataset, "--name", "Fair Shopper", "--extension", path(&template), "-o", path(&out)],
    );
    assert!(!run.status.success());
    assert!(std::fs::read(&zip).expect("zip") == before.0, "the previous zip changed");
    let kept = std::fs::read(folder.join("extension/data/default.json")).expect("the previous folder is whole");
    assert!(kept == before.1, "the previous folder's dataset changed");
    assert_eq!(manifest(&dir, "fair-shopper")["name"], "Fair Shopper");
}

#[test]
fn hand_edits_live_in_an_overrides_file_that_every_import_merges() {
    let dir = temp("overrides");
    let overrides = dir.join("overrides.json");
    let edits = r#"{
      "dataset": {"profile_origins": ["https://profiles.example.org"]},
      "companies": {"acme-holdings": {"profile_url": "https://profiles.example.org/acme", "aliases": ["Acme Group"]}},
      "brands": {"borealis-oats": {"aliases": [{"text": "Oats", "case": "exact"}]}}
    }"#;
    std::fs::write(&overrides, edits).expect("write");
    for _ in 0..2 {
        // Importing twice keeps the edits: they are in their own file, which import only reads.
        let out = import_csv(&dir, GOOD_CSV, &["--overrides", path(&overrides)]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let d = written(&dir);
        assert_eq!(d["companies"][0]["profile_url"], "https://profiles.example.org/acme");
        assert_eq!(d["companies"][0]["aliases"], serde_json::json!(["Acme Group"]));
        assert_eq!(d["brands"][1]["aliases"][0]["case"], "exact");
        assert_eq!(std::fs::read_to_string(&overrides).expect("kept"), edits);
    }
    // An edit for a company the sheet no longer has is an error, not silently dropped.
    std::fs::write(&overrides, r#"{"companies": {"acme-holding": {"summary": "x"}}}"#).expect("write");
    let out = import_csv(&dir, GOOD_CSV, &["--overrides", path(&overrides)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("companies.acme-holding"), "{}", stderr(&out));
    // And import refuses to write over the overrides file.
    let out = backstory(&[
        "import",
        "--from",
        "csv",
        "--overrides",
        path(&overrides),
        "-o",
        path(&overrides),
        path(&dir.join("list.csv")),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(std::fs::read_to_string(&overrides).expect("kept").contains("acme-holding"));
}

// ---- strict input ------------------------------------------------------------------------------

#[test]
fn an_unbalanced_quote_is_an_error_at_its_row_and_column() {
    let dir = temp("quote");
    let csv = "brand,owner_company,reason\nAcme Jets,Acme Holdings,ok\nBorealis Oats,\"Borealis Foods,x\nCobalt Cola,Cobalt Beverages,y\n";
    let out = import_csv(&dir, csv, &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("line 3, column 2: this quote is never closed"), "{}", stderr(&out));
    assert!(!dir.join("out.json").exists());
}

/// Issue 20: an XLSX or ODS workbook imports as its first sheet's CSV export would: the same
/// dataset, and each problem at the same line and column (tests/fixtures/organizer-sheet.*).
#[test]
fn xlsx_and_ods_workbooks_import_like_their_csv() {
    let dir = temp("workbooks");
    let csv = "brand,owner_company,symbol,reason\nAcme Soap,Acme Corp,,\"Tested, often.\"\nBolt Cola,Bolt Beverages,MOON:X,\n";
    let out = import_csv(&dir, csv, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("line 3, column 3 (symbol)"), "{}", stderr(&out));
    let from_csv = std::fs::read(dir.join("out.json")).expect("dataset");
    for book in ["organizer-sheet.xlsx", "organizer-sheet.ods"] {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(book);
        let out_json = dir.join(format!("{book}.json"));
        let out = backstory(&["import", "--from", "csv", "--as-of", "2025-01-01", "-o", path(&out_json), path(&file)]);
        assert_eq!(out.status.code(), Some(1), "{book}: {}", stderr(&out));
        assert!(stderr(&out).contains("line 3, column 3 (symbol)"), "{book}: {}", stderr(&out));
        let from_book = std::fs::read(&out_json).expect("dataset");
        // The title names the file; everything else is the same.
        let strip = |b: &[u8]| {
            String::from_utf8_lossy(b).lines().filter(|l| !l.contains("\"title\"")).collect::<Vec<_>>().join("\n")
        };
        assert_eq!(strip(&from_book), strip(&from_csv), "{book}");
    }
}

/// Issue 20: the Studio's keys are password-protected; `sign` opens one with the password from
/// $BACKSTORY_KEY_PASSWORD (never an argument, which `ps` shows), and says so without it.
#[test]
fn sign_opens_a_password_protected_key_with_the_password_from_the_environment() {
    let dir = temp("protected-key");
    let pair = backstory::organizer::keys::generate(Some("s3cret horse")).expect("a key pair");
    let (key, public, dataset) = (dir.join("studio.key"), dir.join("studio.pub"), dir.join("list.json"));
    std::fs::write(&key, &pair.secret).expect("key");
    std::fs::write(&public, &pair.public).expect("pub");
    std::fs::copy(Path::new(env!("CARGO_MANIFEST_DIR")).join("extension/data/default.json"), &dataset)
        .expect("dataset");
    let sign = |password: Option<&str>| {
        let mut c = Command::new(env!("CARGO_BIN_EXE_backstory"));
        c.args(["sign", "--key", path(&key), path(&dataset)]).env_remove("BACKSTORY_KEY_PASSWORD");
        if let Some(p) = password {
            c.env("BACKSTORY_KEY_PASSWORD", p);
        }
        c.output().expect("the binary runs")
    };
    let out = sign(None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("password-protected: give its password in the BACKSTORY_KEY_PASSWORD"),
        "{}",
        stderr(&out)
    );
    let out = sign(Some("wrong"));
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("list.json.minisig").exists());
    let out = sign(Some("s3cret horse"));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let verified = backstory(&["verify", "--public-key", path(&public), path(&dataset)]);
    assert_eq!(verified.status.code(), Some(0), "{}", String::from_utf8_lossy(&verified.stdout));
}

#[test]
fn semicolon_and_tab_separators_are_detected_or_given() {
    let dir = temp("separators");
    let semi = GOOD_CSV.replace(',', ";");
    let out = import_csv(&dir, &semi, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(written(&dir)["companies"].as_array().expect("companies").len(), 2);
    let tab = GOOD_CSV.replace(',', "\t");
    let out = import_csv(&dir, &tab, &["--delimiter", "tab"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // A wrong --delimiter names the separator it used.
    let out = import_csv(&dir, &tab, &["--delimiter", ","]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("separator: comma"), "{}", stderr(&out));
}

#[test]
fn unknown_columns_empty_and_header_only_files_are_errors() {
    let dir = temp("columns");
    let out = import_csv(&dir, "brand,owner_company,profile_url,aliases\nA,B,https://x.example,C\n", &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(r#"column 3 "profile_url""#) && err.contains(r#"column 4 "aliases""#), "{err}");
    for empty in ["", "\n\n", "brand,owner_company\n"] {
        let out = import_csv(&dir, empty, &[]);
        assert_eq!(out.status.code(), Some(2), "{empty:?}: {}", stderr(&out));
        assert!(!dir.join("out.json").exists());
    }
}

#[test]
fn a_symbol_on_two_companies_is_reported_where_it_repeats() {
    let dir = temp("symbols");
    let csv = "brand,owner_company,symbol\nA1,Acme Holdings,NYSE: ACMH\nB1,Borealis Foods,NYSE: ACMH\nA2,Acme Holdings,NYSE: ACMH\n";
    let out = import_csv(&dir, csv, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(r#"line 3, column 3 (symbol): not mapped: NYSE:ACMH already belongs to "Acme Holdings" (line 2)"#),
        "{err}"
    );
    assert_eq!(err.matches("not mapped").count(), 1, "the same company may repeat it: {err}");
    assert_eq!(written(&dir)["companies"][1]["symbols"], serde_json::json!([]));
}

#[test]
fn a_malformed_ticker_is_reported_at_its_cell_not_by_json_path() {
    let dir = temp("ticker");
    let csv = "brand,owner_company,symbol\nA1,Acme Holdings,NYSE: ACMHOLDINGSLONGTICKER\n";
    let out = import_csv(&dir, csv, &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 2, column 3 (symbol): not mapped: symbol \"ACMHOLDINGSLONGTICKER\""),
        "{}",
        stderr(&out)
    );
}

#[test]
fn company_names_spelt_two_ways_are_reported_not_split_in_two() {
    let dir = temp("near");
    let csv = "brand,owner_company\nLaserJet,HP Inc.\nOfficeJet,HP Inc\nDeskJet,hp inc.\n";
    let out = import_csv(&dir, csv, &[]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(r#"line 3, column 2 (owner_company): not mapped: "HP Inc" is nearly "HP Inc." (line 2)"#),
        "{err}"
    );
    let d = written(&dir);
    assert_eq!(d["companies"].as_array().expect("companies").len(), 1, "one company");
    assert_eq!(d["brands"].as_array().expect("brands").len(), 2, "case alone is the same name: DeskJet joins");
}

#[test]
fn joint_ownership_is_several_owners_separated_by_semicolons() {
    let dir = temp("joint");
    let csv = "brand,owner_company,category\nJoint Cola,\"Acme Holdings; Borealis Foods\",Occupation\n";
    let out = import_csv(&dir, csv, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d = written(&dir);
    assert_eq!(
        d["brands"][0]["owners"],
        serde_json::json!([{"company": "acme-holdings"}, {"company": "borealis-foods"}])
    );
    assert_eq!(d["companies"][1]["categories"], serde_json::json!(["occupation"]));
}

#[test]
fn pack_refuses_names_sites_and_versions_no_store_takes() {
    let dir = temp("pack-limits");
    let long_name = "N".repeat(46);
    let long_description = "D".repeat(133);
    let cases: [(&str, &[&str], &str); 6] = [
        ("", &[], "--name is empty"),
        (&long_name, &[], "at most 45"),
        ("Fair", &["--description", &long_description], "at most 132"),
        ("Fair", &["--sites", "javascript://x"], "not a match pattern"),
        ("Fair", &["--version", "1.02"], "--version"),
        (
            "Fair",
            &[
                "--update-url",
                "http://localhost.evil.com/l.json",
                "--public-key",
                "RWSuj/mIm83JL7RmZOIz6wtJpulhsaGUgwLEfDD8UEsWHnUJopX/01X/",
            ],
            "must be https",
        ),
    ];
    for (name, extra, want) in cases {
        let out = pack(&dir, name, extra);
        assert_eq!(out.status.code(), Some(2), "{name:?} {extra:?}");
        assert!(stderr(&out).contains(want), "{name:?} {extra:?}: {}", stderr(&out));
        assert!(
            !dir.join("out").exists() || std::fs::read_dir(dir.join("out")).expect("out").next().is_none(),
            "nothing written"
        );
    }
}

#[test]
fn pack_sets_the_version_pins_the_dataset_and_drops_test_only_matches() {
    let dir = temp("pack-store");
    let key = "RWSuj/mIm83JL7RmZOIz6wtJpulhsaGUgwLEfDD8UEsWHnUJopX/01X/";
    let out = pack(
        &dir,
        "Fair Shopper",
        &["--version", "1.2.3", "--update-url", "http://[::1]:8080/l.json", "--public-key", key],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let m = manifest(&dir, "fair-shopper");
    assert_eq!(m["version"], "1.2.3");
    assert_eq!(
        m["content_scripts"][0]["matches"],
        serde_json::json!(["https://*.shop.example/*"]),
        "no localhost in a store build"
    );
    let config: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join("out/fair-shopper-chromium/extension/data/config.json")).expect("config"),
    )
    .expect("json");
    assert_eq!(config["dataset_id"], "backstory-default");
    let out = pack(&dir, "Fair Shopper", &["--for-testing"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let m = manifest(&dir, "fair-shopper");
    assert_eq!(
        m["content_scripts"][0]["matches"].as_array().expect("matches").len(),
        3,
        "tests keep their local pages"
    );
}

#[test]
fn sign_and_pack_warn_over_the_update_size_limit() {
    let dir = temp("size");
    let mut d: serde_json::Value = serde_json::from_str(crate::common::DEFAULT_JSON).expect("bundled dataset");
    d["companies"][0]["summary"] = serde_json::json!("x".repeat(5 * 1024 * 1024));
    let big = dir.join("big.json");
    std::fs::write(&big, d.to_string()).expect("write");
    let keys = dir.join("keys");
    assert!(backstory(&["keygen", "-o", path(&keys)]).status.success());
    let out = backstory(&["sign", "--key", path(&keys.join("backstory.key")), path(&big)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("over the 5242880-byte (5 MB) limit for updates"), "{}", stderr(&out));
    let out = backstory(&["check", path(&big)]);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("limit for updates"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = backstory(&[
        "pack",
        "--dataset",
        path(&big),
        "--name",
        "Big",
        "--extension",
        &format!("{}/tests/fixtures/pack-template", env!("CARGO_MANIFEST_DIR")),
        "-o",
        path(&dir.join("out")),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("limit for updates"), "{}", stderr(&out));
}

#[test]
fn check_warns_about_a_symbol_two_companies_share() {
    // Issue 20: one ticker on four companies passed; the first company silently won every mention.
    let dir = temp("shared-symbol");
    let mut d: serde_json::Value = serde_json::from_str(crate::common::DEFAULT_JSON).expect("bundled dataset");
    let first = d["companies"][0]["symbols"][0].clone();
    assert!(first.is_string(), "the first company has a symbol");
    d["companies"][1]["symbols"] = serde_json::json!([first]);
    let file = dir.join("shared.json");
    std::fs::write(&file, d.to_string()).expect("write");
    let out = backstory(&["check", path(&file)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(&format!(
            "warning: $.companies[1].symbols[0]: {} is also a symbol of $.companies[0]",
            first.as_str().unwrap_or_default()
        )),
        "{text}"
    );
}
