//! The Organizer Studio's steps over bytes, each returning a report the page shows as it is:
//! check a sheet (every problem with its line and column), and pack the built-in extension into
//! the store zip. The wasm layer (src/wasm_studio.rs) only converts values.

use serde::{Deserialize, Serialize};

use super::import::{import, Inputs, Meta};
use super::pack::{self as core, Options};
use super::{sheet, tree};

/// One thing to fix, where a spreadsheet shows it (line = the sheet's row, column counted from 1)
/// when it has a place in the sheet.
#[derive(Serialize, Debug, PartialEq)]
pub struct Issue {
    pub severity: &'static str,
    pub line: Option<u64>,
    pub column: Option<u64>,
    pub message: String,
}

/// A checked sheet: its problems, and the dataset file's text when one could be made.
#[derive(Serialize)]
pub struct Checked {
    /// True when the dataset can be packed: no error (rows not mapped are errors to fix).
    pub ok: bool,
    pub issues: Vec<Issue>,
    pub companies: usize,
    pub brands: usize,
    /// The dataset file `backstory import` would write, when valid.
    pub dataset: Option<String>,
}

/// Imports a sheet (CSV text, or an XLSX/ODS workbook) named `name` and lists every problem.
pub fn check_sheet(name: &str, bytes: &[u8], meta: Meta) -> Checked {
    let fatal = |message: String| Checked {
        ok: false,
        issues: vec![issue("error", message)],
        companies: 0,
        brands: 0,
        dataset: None,
    };
    let text = if sheet::is_workbook(bytes) {
        match sheet::to_csv(bytes) {
            Ok(t) => t,
            Err(e) => return fatal(e),
        }
    } else {
        match String::from_utf8(bytes.to_vec()) {
            Ok(t) => t,
            Err(_) => return fatal("the file is neither UTF-8 text (CSV) nor an XLSX or ODS workbook".into()),
        }
    };
    let inputs = Inputs { from: "csv", file: (name, &text), base: None, overrides: None, delimiter: None };
    let imported = match import(&inputs, meta) {
        Ok(i) => i,
        Err(e) => {
            // "sheet.csv: line 3, column 2: ...; nothing written": the file's name is the page's.
            let e = e.strip_prefix(&format!("{name}: ")).unwrap_or(&e);
            return fatal(e.strip_suffix("; nothing written").unwrap_or(e).to_string());
        }
    };
    let mut issues: Vec<Issue> =
        imported.unmapped.iter().map(|u| issue("error", format!("{}: {}", u.at, u.why))).collect();
    issues.extend(imported.errors.iter().map(|e| issue("error", e.clone())));
    let warnings = crate::validate::validate(&imported.dataset)
        .into_iter()
        .filter(|p| p.severity == crate::validate::Severity::Warning);
    issues.extend(warnings.map(|p| issue("warning", p.to_string())));
    // What the judge will hold back, as `backstory check` says it (notes after the warnings).
    let mut words = super::word_findings::of(&imported.dataset);
    words.sort_by_key(|w| w.severity == "note");
    issues.extend(words.into_iter().map(|w| issue(w.severity, format!("alias {:?}: {}", w.alias, w.message))));
    let dataset = if imported.errors.is_empty() { imported.to_json().ok() } else { None };
    Checked {
        ok: dataset.is_some() && imported.unmapped.is_empty(),
        issues,
        companies: imported.dataset.companies.len(),
        brands: imported.dataset.brands.len(),
        dataset,
    }
}

/// An issue, its line and column read from the message's "line N, column M".
fn issue(severity: &'static str, message: String) -> Issue {
    let number_after = |word: &str| {
        let rest = &message[message.find(word)? + word.len()..];
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let line = number_after("line ");
    let column = line.and(number_after("column "));
    Issue { severity, line, column, message }
}

/// The built extension this Studio carries (feature `bundle`), to brand.
pub fn template() -> Result<tree::Files, String> {
    match core::BUNDLED {
        Some(archive) => tree::decode(archive),
        None => Err("this Studio was built without an extension (build it with scripts/build-studio.sh)".into()),
    }
}

/// The store zip, the same file for both browsers as `backstory pack` writes, with its name slug
/// and warnings.
#[derive(Serialize, Debug)]
pub struct Zipped {
    pub slug: String,
    #[serde(skip)]
    pub zip: Vec<u8>,
    pub warnings: Vec<String>,
}

/// The organizer's choices as the page's form gives them (`backstory pack`'s flags).
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct PackForm {
    pub name: String,
    pub description: Option<String>,
    /// The name and description in other locales, as `--name-in` takes them: `de=Fairer Einkauf`.
    pub names_in: Vec<String>,
    pub descriptions_in: Vec<String>,
    pub color: Option<String>,
    pub sites: Vec<String>,
    pub update_url: Option<String>,
    /// A `.pub` file's text or the base64 key line.
    pub public_key: Option<String>,
    pub version: Option<String>,
    /// The Firefox add-on id (`name@domain`); `<slug>@backstory-pack` when absent.
    pub addon_id: Option<String>,
}

/// Brands `template` with the dataset file's text and the form, and zips it.
pub fn pack(
    template: tree::Files,
    dataset: &str,
    form: PackForm,
    icon: Option<(&str, &[u8])>,
) -> Result<Zipped, String> {
    let public_key = match form.public_key {
        Some(text) => Some(core::public_key_line(&text).ok_or("the public key is not a minisign public key")?),
        None => None,
    };
    let options = Options {
        names: super::pack_locales::parse_localized(&form.names_in, "name")?,
        descriptions: super::pack_locales::parse_localized(&form.descriptions_in, "description")?,
        addon_id: form.addon_id,
        name: form.name,
        description: form.description,
        color: form.color,
        sites: form.sites,
        update_url: form.update_url,
        public_key,
        version: form.version,
        ..Options::default()
    };
    let packed = core::pack("the built-in extension", template, dataset, &options, icon)?;
    Ok(Zipped { zip: core::zip(&packed.files)?, slug: packed.slug, warnings: packed.warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta {
        Meta {
            id: "fair-shopper".into(),
            title: "Fair Shopper".into(),
            publisher: "Us".into(),
            license: "CC0-1.0".into(),
            as_of: "2026-01-01".into(),
            version: 1,
        }
    }

    #[test]
    fn every_problem_names_its_line_and_column() {
        let sheet = "brand,owner_company,symbol\nAcme Soap,Acme Corp,MOON:X\nBolt,,\n";
        let checked = check_sheet("s.csv", sheet.as_bytes(), meta());
        assert!(!checked.ok);
        let errors: Vec<&Issue> = checked.issues.iter().filter(|i| i.severity == "error").collect();
        assert_eq!(errors.len(), 2, "{:?}", checked.issues);
        assert_eq!((errors[0].line, errors[0].column), (Some(2), Some(3)));
        assert_eq!((errors[1].line, errors[1].column), (Some(3), Some(2)));
        let broken = check_sheet("s.csv", b"brand,owner_company\n\"Acme,Acme Corp\n", meta());
        assert_eq!((broken.issues[0].line, broken.issues[0].column), (Some(2), Some(1)));
        assert!(broken.dataset.is_none());
    }

    #[test]
    fn the_check_says_which_names_the_judge_holds_back_as_the_command_line_does() {
        let sheet = "brand,owner_company\nTide,Procter & Gamble\nFebreze,Procter & Gamble\n";
        let checked = check_sheet("s.csv", sheet.as_bytes(), meta());
        assert!(checked.ok, "a note is no problem: {:?}", checked.issues);
        let notes: Vec<&str> =
            checked.issues.iter().filter(|i| i.severity == "note").map(|i| i.message.as_str()).collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(notes[0].starts_with("alias \"Tide\": is an ordinary word in da, en, nb"), "{notes:?}");
    }

    #[test]
    fn a_clean_sheet_gives_the_dataset_import_writes() {
        let sheet = "brand,owner_company\nAcme Soap,Acme Corp\n";
        let checked = check_sheet("s.csv", sheet.as_bytes(), meta());
        assert!(checked.ok, "{:?}", checked.issues);
        let dataset = checked.dataset.expect("a dataset");
        assert!(dataset.ends_with('\n') && dataset.contains("\"Acme Soap\""));
        assert_eq!((checked.companies, checked.brands), (1, 1));
    }

    #[test]
    fn a_workbook_gives_the_same_list_and_the_same_places_as_its_csv() {
        let book = crate::organizer::sheet::tests::xlsx(&[
            &["brand", "owner_company", "symbol"],
            &["Acme Soap", "Acme Corp", ""],
            &["Bolt", "Bolt Inc", "MOON:X"],
        ]);
        let csv = "brand,owner_company,symbol\nAcme Soap,Acme Corp,\nBolt,Bolt Inc,MOON:X\n";
        let (from_book, from_csv) =
            (check_sheet("l.xlsx", &book, meta()), check_sheet("l.csv", csv.as_bytes(), meta()));
        assert_eq!(from_book.issues, from_csv.issues);
        assert_eq!((from_book.issues[0].line, from_book.issues[0].column), (Some(3), Some(3)));
        assert_eq!(from_book.dataset, from_csv.dataset);
    }

    #[test]
    fn packing_refuses_what_pack_refuses() {
        let dataset = include_str!("../../extension/data/default.json");
        let files = tree::Files::from([("manifest.json".to_string(), br#"{"content_scripts": []}"#.to_vec())]);
        let form = PackForm { name: "Fair Shopper".into(), color: Some("red".into()), ..PackForm::default() };
        assert!(pack(files.clone(), dataset, form, None).expect_err("not #rrggbb").contains("#rrggbb"));
        let form =
            PackForm { name: "Fair Shopper".into(), names_in: vec!["Fairer Einkauf".into()], ..PackForm::default() };
        assert!(pack(files.clone(), dataset, form, None).expect_err("not LOCALE=TEXT").contains("LOCALE=TEXT"));
        let form = PackForm { name: "Fair Shopper".into(), ..PackForm::default() };
        let zipped = pack(files, dataset, form, None).expect("packed");
        assert_eq!(zipped.slug, "fair-shopper");
        assert!(zipped.zip.starts_with(b"PK\x03\x04"));
    }
}
