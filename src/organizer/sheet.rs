//! Spreadsheet workbooks (XLSX, ODS) read as CSV text, so a workbook goes through the same strict
//! CSV import (and names the same lines and columns) as the file a spreadsheet program exports.

use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};

/// Whether `bytes` look like a workbook (a zip: XLSX and ODS both are) rather than CSV text.
pub fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// The first sheet as CSV: one line per row (the sheet's row 1 is line 1), cells joined by commas
/// and quoted when they hold a comma, a quote or a line break; trailing empty cells left out.
///
/// # Errors
/// A file calamine cannot read as XLSX, XLSB, XLS or ODS, or a workbook without sheets.
pub fn to_csv(bytes: &[u8]) -> Result<String, String> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| format!("not a spreadsheet workbook (XLSX or ODS): {e}"))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or("the workbook has no sheets")?
        .map_err(|e| format!("the first sheet cannot be read: {e}"))?;
    let mut out = String::new();
    // A sheet whose first used cell is below row 1 keeps its line numbers.
    let (first_row, first_col) = range.start().unwrap_or((0, 0));
    for _ in 0..first_row {
        out.push('\n');
    }
    for row in range.rows() {
        let mut cells: Vec<String> =
            std::iter::repeat_n(String::new(), first_col as usize).chain(row.iter().map(|c| quote(&cell(c)))).collect();
        while cells.last().is_some_and(String::is_empty) {
            cells.pop();
        }
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    Ok(out)
}

/// A cell's text as the spreadsheet shows it: whole numbers without ".0".
fn cell(c: &Data) -> String {
    match c {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        other => other.to_string(),
    }
}

fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_only_when_they_must_be() {
        assert_eq!(quote("Nestlé"), "Nestlé");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell(&Data::Float(3.0)), "3");
        assert_eq!(cell(&Data::Float(2.5)), "2.5");
        assert!(!is_workbook(b"brand,owner_company\n"));
        assert!(to_csv(b"PK\x03\x04 not really").is_err());
    }
}
