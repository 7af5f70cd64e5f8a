//! Issue 20: `pack` with the extension built into the binary, and without one.
//!
//! With the `embedded` feature (`make cli`) `pack` brands the built-in extension and gives the
//! same bytes as `pack --extension` on the folder it was built from; without it, `pack` says how
//! to get one.
//!
//! `cargo test --features cli --test embedded` runs the plain binary's tests;
//! `cargo test --features embedded --test embedded` (after `make build`) the built-in one's.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use backstory::cli::tree;

/// The binary run in `cwd`, so no dist/chromium of this repository is found by accident.
fn backstory_in(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_backstory")).current_dir(cwd).args(args).output().expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh folder per test (tests run in parallel).
fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("backstory-embedded-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn fixture_template() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pack-template")
}

/// `pack` with every branding option that rewrites a file, into `out`, plus `extra`.
fn pack(cwd: &Path, out: &Path, extra: &[&str]) -> Output {
    let dataset = format!("{}/extension/data/default.json", env!("CARGO_MANIFEST_DIR"));
    let svg = cwd.join("icon.svg");
    std::fs::write(&svg, r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><circle cx="4" cy="4" r="4" fill="#0f766e"/></svg>"##)
        .expect("svg");
    let mut args = vec!["pack", "--dataset", &dataset, "--name", "Fair Shopper", "--name-in", "de=Fairer Einkauf"];
    args.extend_from_slice(&["--color", "#0f766e", "--sites", "shop.example", "--icon", path(&svg), "-o", path(out)]);
    args.extend_from_slice(extra);
    backstory_in(cwd, &args)
}

#[cfg(feature = "embedded")]
fn zips(out: &Path) -> Vec<(String, Vec<u8>)> {
    ["chromium", "firefox"]
        .iter()
        .map(|b| {
            let name = format!("fair-shopper-{b}.zip");
            let bytes = std::fs::read(out.join(&name)).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, bytes)
        })
        .collect()
}

#[test]
fn the_archive_gives_back_every_file_and_refuses_a_damaged_one() {
    let files = tree::read_dir(&fixture_template()).expect("fixture");
    assert!(
        files.contains_key("manifest.json") && files.contains_key("_locales/de/messages.json"),
        "{:?}",
        files.keys()
    );
    let archive = tree::encode(&files);
    assert_eq!(tree::encode(&files), archive, "the same files give the same archive");
    assert_eq!(tree::decode(&archive).expect("decodes"), files);
    for cut in [archive.len() - 1, archive.len() / 2, 3] {
        let err = tree::decode(&archive[..cut]).expect_err("a cut archive is refused");
        assert!(err.contains("rebuild this binary"), "{err}");
    }
    let mut longer = archive.clone();
    longer.push(0);
    assert!(tree::decode(&longer).is_err(), "trailing bytes are refused");
}

#[test]
fn a_folder_that_is_not_a_built_extension_is_named() {
    let dir = temp("not-built");
    let out = pack(&dir, &dir.join("out"), &["--extension", path(&dir)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("not a built extension, no manifest.json"), "{}", stderr(&out));
    assert!(!dir.join("out").exists(), "nothing is written");
}

#[cfg(not(feature = "embedded"))]
#[test]
fn without_a_built_in_extension_pack_says_how_to_get_one() {
    let dir = temp("none-built-in");
    let out = pack(&dir, &dir.join("out"), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for needed in ["no built extension", "make cli", "--features embedded", "--extension DIR"] {
        assert!(err.contains(needed), "the error should say {needed:?}: {err}");
    }
    assert!(!dir.join("out").exists(), "nothing is written");
    // Run where `make build` left one, the plain binary still brands it, as before `make cli`.
    copy_dir(&fixture_template(), &dir.join("dist/chromium"));
    let out = pack(&dir, &dir.join("out"), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[cfg(not(feature = "embedded"))]
fn copy_dir(from: &Path, to: &Path) {
    for (rel, bytes) in tree::read_dir(from).expect("read") {
        let target = to.join(rel);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, bytes).expect("write");
    }
}

#[cfg(feature = "embedded")]
#[test]
fn the_built_in_extension_packs_byte_identical_zips_to_its_folder() {
    // build.rs names the folder it archived; packing that folder must give the very same bytes.
    let source = env!("BACKSTORY_EMBEDDED_FROM");
    let dir = temp("built-in");
    let built_in = pack(&dir, &dir.join("built-in"), &[]);
    assert_eq!(built_in.status.code(), Some(0), "{}", stderr(&built_in));
    let folder = pack(&dir, &dir.join("folder"), &["--extension", source]);
    assert_eq!(folder.status.code(), Some(0), "{}", stderr(&folder));
    let (a, b) = (zips(&dir.join("built-in")), zips(&dir.join("folder")));
    for ((name, a), (_, b)) in a.iter().zip(&b) {
        assert!(a == b, "{name}: {} bytes from the built-in extension, {} from {source}", a.len(), b.len());
    }
    // And the unpacked folders, file for file (the zips hold the same files).
    for browser in ["chromium", "firefox"] {
        let slug = format!("fair-shopper-{browser}");
        let a = tree::read_dir(&dir.join("built-in").join(&slug)).expect("built-in folder");
        let b = tree::read_dir(&dir.join("folder").join(&slug)).expect("folder");
        assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{slug}");
        assert!(a == b, "{slug}: a file differs");
    }
    // The built-in extension is used even where a different dist/chromium lies around.
    let other = temp("built-in-other-dist");
    let stray = other.join("dist/chromium");
    std::fs::create_dir_all(&stray).expect("mkdir");
    std::fs::write(stray.join("manifest.json"), "{}").expect("stray manifest");
    let here = pack(&other, &other.join("out"), &[]);
    assert_eq!(here.status.code(), Some(0), "{}", stderr(&here));
    assert!(zips(&other.join("out")) == zips(&dir.join("built-in")), "the built-in extension, not ./dist/chromium");
}
