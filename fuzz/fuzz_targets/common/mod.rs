//! Checks every fuzz target applies to a scan: the invariants DESIGN.md promises for hits.

use arbitrary::Arbitrary;
use backstory::{Engine, Hit};

/// A piece of generated page text: raw text, one of the input's aliases, or a separator.
#[derive(Arbitrary, Debug)]
pub enum Piece {
    Raw(String),
    Alias(u8),
    Space,
    BlockBreak,
    Ellipsis,
}

/// The text `pieces` spell, with `Alias(i)` the i-th of `aliases` (modulo their number).
pub fn assemble(pieces: &[Piece], aliases: &[&str]) -> String {
    let mut text = String::new();
    for piece in pieces {
        match piece {
            Piece::Raw(s) => text.push_str(s),
            Piece::Alias(i) => {
                if let Some(a) = aliases.get(usize::from(*i) % aliases.len().max(1)) {
                    text.push_str(a);
                }
            }
            Piece::Space => text.push(' '),
            Piece::BlockBreak => text.push('\u{2029}'),
            Piece::Ellipsis => text.push_str("..."),
        }
    }
    text
}

/// Panics unless `hits` of `text` are in range, non-empty, sorted, non-overlapping, on UTF-16
/// character boundaries (never inside a surrogate pair), and name an entry of the same kind.
pub fn check_hits(engine: &Engine, text: &str, hits: &[Hit]) {
    let units: Vec<u16> = text.encode_utf16().collect();
    let on_boundary = |at: u32| {
        let at = at as usize;
        at == units.len() || (at < units.len() && !(0xDC00..=0xDFFF).contains(&units[at]))
    };
    let mut previous_end = 0u32;
    for (i, h) in hits.iter().enumerate() {
        assert!(h.start < h.end, "hit {i} is empty or reversed: {h:?}");
        assert!(h.end as usize <= units.len(), "hit {i} ends past the text ({} units): {h:?}", units.len());
        assert!(on_boundary(h.start) && on_boundary(h.end), "hit {i} splits a surrogate pair: {h:?}");
        assert!(i == 0 || h.start >= previous_end, "hit {i} overlaps or precedes the one before: {hits:?}");
        previous_end = h.end;
        let entry = engine.entry(h.entry).unwrap_or_else(|| panic!("hit {i} names no entry: {h:?}"));
        assert_eq!(entry.kind, h.kind, "hit {i} kind differs from its entry's");
    }
}
