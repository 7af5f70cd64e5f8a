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
        units += utf16_units(&bytes[pos..offset]);
        pos = offset;
        out.push(units);
    }
    out
}

/// UTF-16 units in a run of UTF-8 bytes that starts and ends on character boundaries: every byte
/// that starts a character counts one, a 4-byte start (0xF0 and above) one more. Eight bytes at a
/// time as one word, since this runs over every byte of a page up to its last hit.
fn utf16_units(bytes: &[u8]) -> u32 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut units = 0u32;
    for chunk in &mut chunks {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        // A continuation byte is 10xxxxxx: high bit set, next bit clear.
        let continuation = x & !(x << 1) & HIGH;
        // A 4-byte start is 11110xxx: the top four bits set.
        let four_byte = x & (x << 1) & (x << 2) & (x << 3) & HIGH;
        units += 8 - continuation.count_ones() + four_byte.count_ones();
    }
    units + chunks.remainder().iter().map(|&b| u32::from(b & 0xC0 != 0x80) + u32::from(b >= 0xF0)).sum::<u32>()
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

    #[test]
    fn word_at_a_time_count_agrees_with_the_standard_library() {
        // Long enough for several eight-byte words, with every UTF-8 length at every alignment.
        let text = "ab😀cé中x😀😀éé中中 Ünïcödé 𝄞 ".repeat(5);
        let offsets: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
        let expected: Vec<u32> = offsets.iter().map(|&o| text[..o].encode_utf16().count() as u32).collect();
        assert_eq!(byte_to_utf16(&text, &offsets), expected);
    }
}
