//! Build script: under feature `bundle` (`embedded` for the CLI; the Studio too), archives a built extension for the binary to carry.
//!
//! That lets `pack` work with no `--extension` folder (`make cli`). The folder archived (into
//! OUT_DIR) is BACKSTORY_EXTENSION, else dist/chromium from `make build`. Without the feature this
//! does nothing, so the engine, wasm and test builds pay only for compiling this file.

use std::path::PathBuf;

// The same walk and archive format that `pack` decodes with: one file, so they cannot drift.
#[path = "src/organizer/tree.rs"]
#[allow(dead_code)] // `decode` is for the binary, not for this script
mod tree;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/organizer/tree.rs");
    println!("cargo:rerun-if-env-changed=BACKSTORY_EXTENSION");
    if std::env::var_os("CARGO_FEATURE_BUNDLE").is_none() {
        return;
    }
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = match std::env::var_os("BACKSTORY_EXTENSION") {
        Some(d) => manifest_dir.join(d), // join keeps an absolute path as it is
        None => manifest_dir.join("dist/chromium"),
    };
    if !dir.join("manifest.json").is_file() {
        fail(&format!(
            "the `embedded` feature needs a built extension, and {} has no manifest.json: run `make cli` \
             (builds the extension, then this binary), or `make build` first, or set BACKSTORY_EXTENSION \
             to a built extension folder",
            dir.display()
        ));
    }
    // A folder makes cargo rerun this script when any file under it changes.
    println!("cargo:rerun-if-changed={}", dir.display());
    let files = tree::read_dir(&dir).unwrap_or_else(|e| fail(&e));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("extension.bin");
    std::fs::write(&out, tree::encode(&files)).unwrap_or_else(|e| fail(&format!("{}: {e}", out.display())));
    // Tests compare the built-in extension with `pack --extension` on this same folder.
    println!("cargo:rustc-env=BACKSTORY_EMBEDDED_FROM={}", dir.display());
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
