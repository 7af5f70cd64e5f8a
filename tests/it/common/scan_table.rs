//! The scan-table runner `tests/it/engine_table.rs` and `tests/it/scripts_table.rs` share: named rows
//! written through a tiny macro, one `#[test]` per table reporting every failing row by name.

use backstory::{Engine, Hit};

/// One scan case: a name, a haystack, and the hits expected as (text as written, alias).
pub struct ScanTest {
    pub name: &'static str,
    pub text: &'static str,
    pub want: &'static [(&'static str, &'static str)],
}

/// Declares a table of `ScanTest`s: `name: "haystack" => ["match" = "alias", ...];`.
#[macro_export]
macro_rules! scan_tests {
    ($table:ident { $( $name:ident : $text:expr => [ $( $m:literal = $alias:literal ),* $(,)? ] ; )* }) => {
        const $table: &[$crate::common::scan_table::ScanTest] = &[
            $( $crate::common::scan_table::ScanTest { name: stringify!($name), text: $text, want: &[ $( ($m, $alias) ),* ] }, )*
        ];
    };
}

pub fn utf16_len(s: &str) -> u32 {
    s.encode_utf16().count() as u32
}

/// UTF-16 start of the first occurrence of `needle` in `hay` at or after UTF-16 offset `from`.
pub fn find_utf16(hay: &str, needle: &str, from: u32) -> Option<u32> {
    let mut units = 0u32;
    for (at, c) in hay.char_indices() {
        if units >= from && hay[at..].starts_with(needle) {
            return Some(units);
        }
        units += c.len_utf16() as u32;
    }
    None
}

pub fn rendered(engine: &Engine, hits: &[Hit]) -> Vec<(u32, u32, String)> {
    hits.iter().map(|h| (h.start, h.end, engine.entry(h.entry).map(|e| e.alias.clone()).unwrap_or_default())).collect()
}

/// Hits are sorted, non-overlapping and non-empty, and lie inside the text.
pub fn check_shape(text: &str, hits: &[Hit]) -> Result<(), String> {
    let len = utf16_len(text);
    for (i, h) in hits.iter().enumerate() {
        if !(h.start < h.end && h.end <= len) {
            return Err(format!("hit {i} has bad range {}..{} (len {len})", h.start, h.end));
        }
        if i > 0 && hits[i - 1].end > h.start {
            return Err(format!("hits {} and {i} overlap or are out of order", i - 1));
        }
    }
    Ok(())
}

/// Runs `table` on `engine`: each row's hits at their UTF-16 offsets with their aliases, in order,
/// and every hit well formed.
pub fn run_scan_table_on(engine: &Engine, table: &[ScanTest]) {
    let mut failures = Vec::new();
    for t in table {
        // What the page shows: a name that waits stands only where the text names its company otherwise.
        let hits = backstory::confirm::confirmed_on_page(engine, engine.scan(t.text));
        let got = rendered(engine, &hits);
        let mut want = Vec::new();
        let mut from = 0;
        for &(m, alias) in t.want {
            let Some(start) = find_utf16(t.text, m, from) else {
                failures.push(format!("{}: bad test, {m:?} is not in {:?}", t.name, t.text));
                continue;
            };
            from = start + utf16_len(m);
            want.push((start, from, alias.to_string()));
        }
        if let Err(why) = check_shape(t.text, &hits) {
            failures.push(format!("{}: {why}", t.name));
        }
        if got != want {
            failures.push(format!("{}: text {:?}\n    want {want:?}\n    got  {got:?}", t.name, t.text));
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), table.len(), failures.join("\n"));
}
