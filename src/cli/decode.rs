//! A saved HTML page's bytes as text, decoded as a browser decodes them: a byte order mark, else
//! the charset a `<meta>` declares in the page's first 1024 bytes (the HTML standard's prescan,
//! in short), else UTF-8 when the bytes are UTF-8, else windows-1252, the standard's default for
//! a page that declares nothing. Shops in China and Japan still serve GBK and Shift_JIS pages.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252, X_USER_DEFINED};

/// How far into the page a `<meta charset>` counts, as in the HTML standard.
const PRESCAN_BYTES: usize = 1024;

/// The page's text; bytes its encoding cannot read become U+FFFD, as in a browser.
pub fn decode_html(bytes: &[u8]) -> String {
    let encoding = Encoding::for_bom(bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| declared_encoding(&bytes[..bytes.len().min(PRESCAN_BYTES)]))
        .unwrap_or(if std::str::from_utf8(bytes).is_ok() { UTF_8 } else { WINDOWS_1252 });
    encoding.decode(bytes).0.into_owned()
}

/// The encoding a `<meta charset="…">` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` in `head` names. As the standard says, a page cannot declare UTF-16 in its own
/// bytes (such a declaration means UTF-8), and "x-user-defined" means windows-1252.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(&lower[from..], b"<meta").map(|i| from + i) {
        let end = lower[at..].iter().position(|&b| b == b'>').map_or(lower.len(), |i| at + i);
        if let Some(label) = charset_in(&head[at..end], &lower[at..end]) {
            if let Some(encoding) = Encoding::for_label(label) {
                return Some(match encoding {
                    e if e == UTF_16BE || e == UTF_16LE => UTF_8,
                    e if e == X_USER_DEFINED => WINDOWS_1252,
                    e => e,
                });
            }
        }
        from = end;
    }
    None
}

/// The label after "charset" and "=" in one tag's bytes, without quotes or what follows it.
fn charset_in<'a>(tag: &'a [u8], lower: &[u8]) -> Option<&'a [u8]> {
    let at = find(lower, b"charset")? + b"charset".len();
    let rest = &tag[at..];
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"=")?;
    let rest = &rest[rest.iter().position(|b| !b.is_ascii_whitespace())?..];
    let rest = rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
    let len = rest.iter().position(|b| matches!(b, b'"' | b'\'' | b';' | b'/' | b'>') || b.is_ascii_whitespace());
    Some(&rest[..len.unwrap_or(rest.len())])
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_read_in_the_encoding_it_declares() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<html><head><meta charset=\"GBK\"></head><body>京东</body></html>");
        assert!(decode_html(&gbk).contains("京东"));
        let (sjis, _, _) = encoding_rs::SHIFT_JIS
            .encode("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\"><p>アマゾン</p>");
        assert!(decode_html(&sjis).contains("アマゾン"));
    }

    #[test]
    fn without_a_declaration_utf8_then_windows_1252() {
        assert_eq!(decode_html("<p>Nestlé</p>".as_bytes()), "<p>Nestlé</p>");
        assert_eq!(decode_html(b"<p>Nestl\xe9</p>"), "<p>Nestlé</p>");
    }

    #[test]
    fn a_byte_order_mark_wins_and_utf16_in_a_meta_means_utf8() {
        assert_eq!(decode_html(b"\xef\xbb\xbf<meta charset=gbk><p>\xc3\xa9</p>"), "<meta charset=gbk><p>é</p>");
        assert_eq!(decode_html("<meta charset=utf-16><p>é</p>".as_bytes()), "<meta charset=utf-16><p>é</p>");
    }

    #[test]
    fn a_declaration_after_the_first_1024_bytes_does_not_count() {
        let mut page = vec![b' '; PRESCAN_BYTES];
        page.extend_from_slice(b"<meta charset=gbk><p>\xbe\xa9</p>");
        assert!(decode_html(&page).ends_with("<p>¾©</p>"), "windows-1252, the default");
    }
}
