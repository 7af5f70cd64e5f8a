//! `backstory import`: reads the organizer's files, runs the import (crate::organizer::import) and
//! writes the dataset atomically, printing what could not be mapped.

use crate::organizer::import::{delimiter_arg, import, Inputs};
pub use crate::organizer::import::{slug, Meta, Unmapped};

/// What `backstory import` was asked to do, beyond the dataset's metadata.
pub struct Request<'a> {
    /// csv, techforpalestine, nsi or sec.
    pub from: &'a str,
    pub file: &'a str,
    pub out: &'a str,
    /// With --from sec: the dataset to add symbols to.
    pub base: Option<&'a str>,
    /// The organizer's hand edits, merged over what the import makes (overrides.rs); only read.
    pub overrides: Option<&'a str>,
    /// The CSV separator; detected from the header when absent.
    pub delimiter: Option<&'a str>,
    pub json: bool,
}

/// Runs an import; writes `out` and returns 0 when everything mapped, 1 when something did not
/// (the rest is still written if it forms a valid dataset), 2-style errors as `Err`. `out` is
/// replaced atomically and only when the import succeeds, so a failure leaves it as it was.
pub fn run(r: &Request, meta: Meta) -> Result<u8, String> {
    let (file, out) = (r.file, r.out);
    if let Some(o) = r.overrides {
        if same_file(o, out) {
            return Err(format!(
                "{out}: this is the overrides file; import never writes over hand edits, give another -o"
            ));
        }
    }
    let delimiter = r.delimiter.map(delimiter_arg).transpose()?;
    if delimiter.is_some() && r.from != "csv" {
        return Err("--delimiter is for --from csv".into());
    }
    // A spreadsheet workbook (XLSX, ODS) is read as the CSV of its first sheet, as in the Studio.
    let bytes = super::read_bytes(file)?;
    let input = if r.from == "csv" && crate::organizer::sheet::is_workbook(&bytes) {
        crate::organizer::sheet::to_csv(&bytes).map_err(|e| format!("{file}: {e}; nothing written"))?
    } else {
        String::from_utf8(bytes).map_err(|_| format!("{file}: stream did not contain valid UTF-8"))?
    };
    let base = r.base.map(|b| super::read_input(b).map(|t| (b, t))).transpose()?;
    let overrides = r.overrides.map(|o| super::read_input(o).map(|t| (o, t))).transpose()?;
    let inputs = Inputs {
        from: r.from,
        file: (file, &input),
        base: base.as_ref().map(|(n, t)| (*n, t.as_str())),
        overrides: overrides.as_ref().map(|(n, t)| (*n, t.as_str())),
        delimiter,
    };
    let imported = import(&inputs, meta)?;
    for u in &imported.unmapped {
        eprintln!("{file}: {}: not mapped: {}", u.at, u.why);
    }
    if !imported.errors.is_empty() {
        return Err(format!("the imported dataset is not valid, nothing written:\n{}", imported.errors.join("\n")));
    }
    let json = imported.to_json()?;
    crate::organizer::size::warn_update_size(out, json.len());
    super::atomic::write_file(out, json.as_bytes())?;
    let (dataset, unmapped) = (&imported.dataset, &imported.unmapped);
    if r.json {
        let unmapped: Vec<serde_json::Value> =
            unmapped.iter().map(|u| serde_json::json!({"at": u.at, "why": u.why})).collect();
        let report = serde_json::json!({"out": out, "companies": dataset.companies.len(), "brands": dataset.brands.len(), "unmapped": unmapped});
        println!("{report}");
    } else {
        println!(
            "{out}: {} companies, {} brands; {} record(s) not mapped",
            dataset.companies.len(),
            dataset.brands.len(),
            unmapped.len()
        );
    }
    Ok(u8::from(!unmapped.is_empty()))
}

/// Whether two paths name one file (both must exist to compare; a new output is never the same).
fn same_file(a: &str, b: &str) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Today's date (UTC) as YYYY-MM-DD, the default `as_of` of an import.
pub fn today() -> String {
    let days =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0)
            as i64;
    // Civil-from-days (Howard Hinnant's algorithm), valid for the Gregorian calendar.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn today_is_a_day() {
        assert_eq!(super::today().len(), 10);
    }
}
