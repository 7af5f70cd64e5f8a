//! Reads a spreadsheet exported as CSV strictly: the separator (comma, semicolon or tab) detected
//! from the header or given, every quote balanced, every column named and known, at least one row;
//! each failure is an error naming its line and column, before anything is imported.

/// One data row: its line in the file and its cells, trimmed, in header order (missing cells are
/// empty).
pub struct Row {
    pub line: u64,
    pub cells: Vec<String>,
}

/// The rows of a file whose header was checked against `known` columns.
pub struct Table {
    /// For each known column, its 0-based position in the file, if present.
    pub position: Vec<Option<usize>>,
    pub rows: Vec<Row>,
    /// Cells found where no column was named: (line, 1-based column).
    pub stray: Vec<(u64, usize)>,
}

/// The separator named by `--delimiter` ("," ";" "tab" or a single character).
pub fn delimiter_arg(arg: &str) -> Result<u8, String> {
    match arg {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        "comma" => Ok(b','),
        "semicolon" => Ok(b';'),
        s if s.len() == 1 && s.is_ascii() && s != "\"" => Ok(s.as_bytes()[0]),
        _ => Err(format!("--delimiter {arg:?}: give one character such as , or ; or the word tab")),
    }
}

/// The separator the header line uses most among comma, semicolon and tab (comma when none).
pub fn detect_delimiter(input: &str) -> u8 {
    let header = input.lines().next().unwrap_or_default();
    let count = |d: char| header.chars().filter(|&c| c == d).count();
    // Ties go to the comma, the CSV default.
    [b',', b';', b'\t'].into_iter().max_by_key(|&d| (count(char::from(d)), d == b',')).unwrap_or(b',')
}

fn name_of(d: u8) -> String {
    match d {
        b'\t' => "tab".into(),
        b',' => "comma".into(),
        b';' => "semicolon".into(),
        d => format!("{:?}", char::from(d)),
    }
}

/// The first quoted cell left open at the end of the file, as (line, column): both 1-based, the
/// column counted in cells as a spreadsheet does.
/// Mirrors the csv crate: a quote opens a quoted field only at the start of a field, and `""`
/// inside one is an escaped quote.
fn unclosed_quote(input: &str, delimiter: u8) -> Option<(usize, usize)> {
    let (mut line, mut column) = (1, 1);
    let mut field_start = true;
    let mut open: Option<(usize, usize)> = None;
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if open.is_some() {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open = None;
                }
            }
        } else if c == '"' && field_start {
            open = Some((line, column));
        }
        if c == '\n' {
            line += 1;
        }
        if open.is_none() && c == '\n' {
            column = 1;
        } else if open.is_none() && c.is_ascii() && c as u8 == delimiter {
            column += 1;
        }
        field_start = open.is_none() && (c == '\n' || c == '\r' || (c.is_ascii() && c as u8 == delimiter));
    }
    open
}

/// The header's column names as `read` compares them (lowercase, spaces as `_`); empty when the
/// header cannot be read (`read` then says why).
pub fn header(input: &str, delimiter: Option<u8>) -> Vec<String> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input);
    let d = delimiter.unwrap_or_else(|| detect_delimiter(input));
    let mut reader =
        csv::ReaderBuilder::new().delimiter(d).flexible(true).trim(csv::Trim::All).from_reader(input.as_bytes());
    reader.headers().map(|h| h.iter().map(|c| c.to_lowercase().replace(' ', "_")).collect()).unwrap_or_default()
}

/// Reads `input`, separated by `delimiter` or the detected one, against the `known` column names.
///
/// # Errors
/// An empty file, a header-only file, an unclosed quote, an unknown or repeated column name, or
/// no `required` column; each message names the line (and column) and the separator used.
pub fn read(input: &str, delimiter: Option<u8>, known: &[&str], required: &str) -> Result<Table, String> {
    let input = input.strip_prefix('\u{feff}').unwrap_or(input); // spreadsheet programs add a BOM
    if input.trim().is_empty() {
        return Err("the file is empty: the first line must name the columns".into());
    }
    let d = delimiter.unwrap_or_else(|| detect_delimiter(input));
    let sep = name_of(d);
    if let Some((line, column)) = unclosed_quote(input, d) {
        return Err(format!("line {line}, column {column}: this quote is never closed (a cell that starts with \" must end with \"; write \"\" for a quote inside it)"));
    }
    let mut reader =
        csv::ReaderBuilder::new().delimiter(d).flexible(true).trim(csv::Trim::All).from_reader(input.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("line 1: the header cannot be read: {e}"))?
        .iter()
        .map(|c| c.to_lowercase().replace(' ', "_"))
        .collect();
    debug_assert_eq!(header, self::header(input, Some(d)));
    let mut position = vec![None; known.len()];
    let mut unknown = Vec::new();
    for (i, h) in header.iter().enumerate() {
        if h.is_empty() {
            continue; // an unnamed column (spreadsheets export trailing separators); its cells are checked
        }
        match known.iter().position(|k| k == h) {
            Some(k) if position[k].is_some() => {
                return Err(format!("line 1, column {}: the column {h:?} appears twice", i + 1))
            }
            Some(k) => position[k] = Some(i),
            None => unknown.push(format!("column {} {h:?}", i + 1)),
        }
    }
    if !unknown.is_empty() {
        return Err(format!(
            "line 1: unknown column(s) {} (separator: {sep}); the columns are {}",
            unknown.join(", "),
            known.join(", ")
        ));
    }
    let Some(Some(_)) = known.iter().position(|k| *k == required).map(|k| position[k]) else {
        return Err(format!(
            "line 1: no {required} column (separator: {sep}; give --delimiter if the file uses another); the columns are {}",
            known.join(", ")
        ));
    };
    let mut rows = Vec::new();
    let mut stray = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            format!("line {line}: {e}")
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.iter().all(str::is_empty) {
            continue; // a blank row
        }
        for (i, cell) in record.iter().enumerate() {
            let named = header.get(i).is_some_and(|h| !h.is_empty());
            if !named && !cell.is_empty() {
                stray.push((line, i + 1));
            }
        }
        let cells = position.iter().map(|p| p.and_then(|i| record.get(i)).unwrap_or_default().to_string()).collect();
        rows.push(Row { line, cells });
    }
    if rows.is_empty() {
        return Err("the file has a header but no rows".into());
    }
    Ok(Table { position, rows, stray })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_and_quotes() {
        assert_eq!(detect_delimiter("brand;owner_company\n"), b';');
        assert_eq!(detect_delimiter("brand\towner_company;x\tsymbol\n"), b'\t');
        assert_eq!(detect_delimiter("owner_company\n"), b',');
        assert_eq!(unclosed_quote("a,\"b\"\"c\",d\n", b','), None);
        assert_eq!(unclosed_quote("a,b\nx,\"open,y\nz\n", b','), Some((2, 2)));
        assert_eq!(unclosed_quote("a,b\"c\n", b','), None); // a quote inside a cell is a character
    }
}
