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
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    /// The smallest XLSX a spreadsheet program would open: one sheet of inline strings, rows as given.
    pub(crate) fn xlsx(rows: &[&[&str]]) -> Vec<u8> {
        let cells = |r: usize, row: &[&str]| -> String {
            row.iter()
                .enumerate()
                .filter(|(_, v)| !v.is_empty())
                .map(|(c, v)| {
                    let col = char::from(b'A' + c as u8);
                    format!(r#"<c r="{col}{}" t="inlineStr"><is><t>{v}</t></is></c>"#, r + 1)
                })
                .collect()
        };
        let rows: String =
            rows.iter().enumerate().map(|(r, row)| format!(r#"<row r="{}">{}</row>"#, r + 1, cells(r, row))).collect();
        let files = [
            ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#.to_string()),
            ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.to_string()),
            ("xl/workbook.xml", r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="List" sheetId="1" r:id="rId1"/></sheets></workbook>"#.to_string()),
            ("xl/_rels/workbook.xml.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#.to_string()),
            ("xl/worksheets/sheet1.xml", format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#)),
        ];
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for (name, text) in files {
            zip.start_file(name, zip::write::SimpleFileOptions::default()).expect("entry");
            zip.write_all(text.as_bytes()).expect("write");
        }
        zip.finish().expect("zip").into_inner()
    }

    #[test]
    fn an_xlsx_sheet_reads_as_the_csv_it_would_export() {
        let book = xlsx(&[
            &["brand", "owner_company", "reason"],
            &["Acme Soap", "Acme Corp", "Tested, often."],
            &["Bolt", "", ""],
        ]);
        assert!(is_workbook(&book));
        assert_eq!(
            to_csv(&book).expect("read"),
            "brand,owner_company,reason\nAcme Soap,Acme Corp,\"Tested, often.\"\nBolt\n"
        );
    }

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
