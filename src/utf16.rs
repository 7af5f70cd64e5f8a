//! Converting UTF-8 byte offsets to UTF-16 code-unit offsets, the unit JavaScript strings use.

/// Converts sorted, deduplicated byte offsets of `text` (each on a char boundary, at most
/// `text.len()`) to UTF-16 offsets in one forward pass, counting bytes rather than decoding:
/// every byte that starts a character is one unit, and a 4-byte start is one more (a surrogate
/// pair). ASCII text needs no conversion.
pub fn byte_to_utf16(text: &str, sorted_offsets: &[usize]) -> Vec<u32> {
    if text.is_ascii() {
        return sorted_offsets.iter().map(|&o| o as u32).collect();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(sorted_offsets.len());
    let (mut pos, mut units) = (0usize, 0u32);
    for &offset in sorted_offsets {
        units += bytes[pos..offset]
            .iter()
            .map(|&b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0))
            .sum::<u32>();
        pos = offset;
        out.push(units);
    }
    out
}

/// The byte offset of UTF-16 offset `units` in `text` (clamped to the end; a unit inside a
/// surrogate pair maps to the start of its character).
pub fn utf16_to_byte(text: &str, units: u32) -> usize {
    let mut seen = 0u32;
    for (at, c) in text.char_indices() {
        if seen >= units {
            return at;
        }
        seen += c.len_utf16() as u32;
        if seen > units {
            return at;
        }
    }
    text.len()
}

#[cfg(test)]
mod tests {
    use super::byte_to_utf16;

    #[test]
    fn astral_characters_count_two_units() {
        let text = "a😀b é";
        // bytes: a=0, 😀=1..5, b=5, ' '=6, é=7..9, end=9
        assert_eq!(byte_to_utf16(text, &[0, 1, 5, 6, 7, 9]), vec![0, 1, 3, 4, 5, 6]);
    }
}

