//! Shop templates: a waiting name whose item says what the items of two other companies' standing
//! names say, anywhere in one scan, with numbers aside, is one of those brands: "Champion Herren
//! T-Shirts" among "Lacoste Herren T-Shirts" and "Superdry Herren T-Shirts", "O-Ring Jaguar 11.10
//! x 1.60" among "O-Ring BMW-Ford-Opel 9.30 x 2.52", a pickup point's table row among other chains'
//! rows, the first row after the table's header among the rows by the amount after it alone.
//! `lists.rs` applies it with its list rules (rule `brand-list`).

use std::collections::HashMap;

use super::lists::{is_list_punctuation, is_space, words_of, PageText, MAX_GAP_BYTES, OTHERS_NAMED};
use super::Engine;
use crate::judge::Verdict;
use crate::normalize::WORD_START;

impl Engine {
    /// The waiting hits of `kept` whose item says what the items of standing names of at least
    /// `OTHERS_NAMED` other companies say anywhere in the scan, with the name in its place and
    /// numbers aside (see `record_frame`): a shop's template repeated for each brand ("Champion
    /// Herren T-Shirts" among "Lacoste Herren T-Shirts" and "Superdry Herren T-Shirts", "O-Ring
    /// Jaguar 11.10 x 1.60" among "O-Ring BMW-Ford-Opel 9.30 x 2.52", a pickup point's row among
    /// the rows of other chains).
    pub(super) fn framed_alike(
        &self,
        page: &PageText,
        kept: &[(usize, usize, u32)],
        verdict: impl Fn(&(usize, usize, u32)) -> Verdict,
    ) -> Vec<(usize, usize, u32)> {
        if !kept.iter().any(|k| verdict(k) == Verdict::Wait) {
            return Vec::new();
        }
        let text = &page.norm.text;
        let company = |k: &(usize, usize, u32)| self.entries[k.2 as usize].company;
        // Each frame with the companies whose standing names it holds: a few per frame.
        let mut framed: HashMap<RecordFrame, Vec<usize>> = HashMap::new();
        for k in kept.iter().filter(|k| verdict(k) == Verdict::Flag) {
            for frame in record_frame(text, k.0, k.1).into_iter().flat_map(RecordFrame::keys) {
                let companies = framed.entry(frame).or_default();
                if !companies.contains(&company(k)) {
                    companies.push(company(k));
                }
            }
        }
        kept.iter()
            .filter(|k| verdict(k) == Verdict::Wait)
            .filter(|k| {
                record_frame(text, k.0, k.1).into_iter().flat_map(RecordFrame::keys).any(|frame| {
                    framed.get(&frame).map_or(0, |companies| companies.iter().filter(|&&c| c != company(k)).count())
                        >= OTHERS_NAMED
                })
            })
            .copied()
            .collect()
    }
}

/// What a shop's template writes around a name: the words before and after it in its item, up to
/// the list punctuation or block ends around it, each number written as `#`. A name glued by
/// hyphens to others is read with them ("BMW-Ford-Opel"); a name that is its whole item (a cell
/// of a table, an entry of a filter) is framed by the items before and after it instead.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct RecordFrame {
    before: String,
    after: String,
    /// The name is its whole item, framed by the items around it.
    cell: bool,
}

impl RecordFrame {
    /// The frame, and for a whole item also the item after it alone when that is an amount (a
    /// number and a word: "6,70 zł"): a table's first row follows its header, not another row
    /// ("Odbiór w punkcie | RUCH | 6,70 zł"). Any other next item may be the next name of a menu.
    fn keys(self) -> Vec<RecordFrame> {
        let amount_after = self.after.contains('#') && self.after.chars().any(char::is_alphabetic);
        let after_only = (self.cell && amount_after).then(|| RecordFrame {
            before: "\u{0}".to_string(),
            after: self.after.clone(),
            cell: true,
        });
        std::iter::once(self).chain(after_only).collect()
    }
}

/// The frame of the name at `start..end` of normalized `text`, or none when the frame holds no
/// word: numbers and punctuation alone ("(12)" after each entry of a filter) tell no template.
fn record_frame(text: &str, start: usize, end: usize) -> Option<RecordFrame> {
    let (start, end) = hyphen_chain(text, start, end);
    let from = super::floor_char_boundary(text, start.saturating_sub(MAX_GAP_BYTES));
    let to = super::floor_char_boundary(text, (end + MAX_GAP_BYTES).min(text.len()));
    // Where the separator at `p` ends: list punctuation is one to three bytes.
    let past = |p: usize| p + text[p..].chars().next().map_or(1, char::len_utf8);
    let cuts = |p: &usize| frame_separator(text, *p);
    let cut_before = |at: usize| text[from..at].char_indices().rev().map(|(p, _)| from + p).find(cuts);
    let cut_after = |at: usize| text[at..to].char_indices().map(|(p, _)| at + p).find(cuts);
    let head_start = cut_before(start).map_or(from, past);
    let tail_end = cut_after(end).unwrap_or(to);
    let mut before = masked(&text[head_start..start]);
    let mut after = masked(&text[end..tail_end]);
    let cell = before.is_empty() && after.is_empty();
    if cell {
        // Blank items (a block break after a list's comma) are no items.
        let blank = |c: char| is_space(c) || is_list_punctuation(c);
        let previous = cut_before(start).map(|p| {
            let piece_end = from + text[from..p].trim_end_matches(blank).len();
            (cut_before(piece_end).map_or(from, past), piece_end)
        });
        let next = cut_after(end).map(|p| {
            let piece_start = to - text[p..to].trim_start_matches(blank).len();
            (piece_start, cut_after(piece_start).unwrap_or(to))
        });
        before = previous.map(|(a, b)| masked(&text[a..b])).unwrap_or_default();
        after = next.map(|(a, b)| masked(&text[a..b])).unwrap_or_default();
    }
    let worded = |s: &str| s.chars().any(char::is_alphabetic);
    (worded(&before) || worded(&after)).then_some(RecordFrame { before, after, cell })
}

/// Whether the character at byte `p` of normalized `text` ends an item for a frame: list
/// punctuation, but not the decimal comma of a number ("8,80 x 1,50": normalized text marks the
/// digits after it as a word start).
fn frame_separator(text: &str, p: usize) -> bool {
    let Some(c) = text[p..].chars().next() else { return false };
    let digit_before = text[..p].chars().next_back().is_some_and(|d| d.is_ascii_digit());
    let digit_after = text[p + c.len_utf8()..].trim_start_matches(WORD_START).starts_with(|d: char| d.is_ascii_digit());
    is_list_punctuation(c) && !(c == ',' && digit_before && digit_after)
}

/// The name at `start..end` with the words hyphens glue to it ("bmw-ford-opel" around "ford"), up
/// to `MAX_GAP_BYTES` each way: a chain is a few names, and reading a huge one for each of its
/// names would cost a page quadratic time. Normalized text marks a glued word's start with
/// WORD_START right after the hyphen.
fn hyphen_chain(text: &str, mut start: usize, mut end: usize) -> (usize, usize) {
    let glued = |c: char| !(is_space(c) || is_list_punctuation(c) || c == '-');
    let first = super::floor_char_boundary(text, start.saturating_sub(MAX_GAP_BYTES));
    let last = super::floor_char_boundary(text, (end + MAX_GAP_BYTES).min(text.len()));
    let near = &text[..last];
    while start > first {
        let before = text[first..start].trim_end_matches(WORD_START);
        let Some(hyphen) = before.strip_suffix('-') else { break };
        let word = hyphen.trim_end_matches(glued);
        if word.len() == hyphen.len() {
            break;
        }
        start = first + word.len();
    }
    while end < last && near[end..].starts_with('-') {
        let rest = near[end + 1..].trim_start_matches(WORD_START);
        let word = rest.len() - rest.trim_start_matches(glued).len();
        if word == 0 {
            break;
        }
        end = near.len() - rest.len() + word;
    }
    (start, end)
}

/// The words of a frame, every run of numbers written as one `#`: "11.10 x 1.60 (5 st.)" and
/// "9.30 x 2.52 (5 st.)" are one template.
fn masked(piece: &str) -> String {
    let mut words: Vec<&str> = Vec::new();
    for (_, word) in words_of(piece) {
        let word = if word.chars().any(|c| c.is_ascii_digit()) { "#" } else { word };
        if !(word == "#" && words.last() == Some(&"#")) {
            words.push(word);
        }
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{normalize, Fold};

    #[test]
    fn a_record_frame_reads_any_text_around_any_name() {
        // Multi-byte list punctuation, decimal commas, hyphen chains and block breaks at every edge.
        let texts = ["„Ä“ – 9,99 zł • x-y-z\u{2029}—·\n", "—a,1,b-–-c—", "ż-ż,ż•9,9—", "-", "1,"];
        for text in texts {
            let norm = normalize(text, Fold::AUTOMATON);
            let t = &norm.text;
            let bounds: Vec<usize> = t.char_indices().map(|(i, _)| i).chain([t.len()]).collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in &bounds[k + 1..] {
                    let _ = record_frame(t, start, end);
                }
            }
        }
    }

    #[test]
    fn a_hyphen_chain_is_read_a_few_names_each_way() {
        let norm = normalize(&"Ab-".repeat(100_000), Fold::AUTOMATON);
        let at = norm.text.len() / 2;
        let at = norm.text[at..].find("ab").expect("a name") + at;
        let (start, end) = hyphen_chain(&norm.text, at, at + 2);
        assert!(start < at && end > at + 2, "the chain is read");
        assert!(end - start <= 2 * MAX_GAP_BYTES + 2, "but not all of it: {}", end - start);
    }

    #[test]
    fn a_record_frame_is_the_words_around_a_name_with_numbers_aside() {
        let frame = |text: &str, name: &str| {
            let norm = normalize(text, Fold::AUTOMATON);
            let at = norm.text.find(name).expect("the name is in the text");
            record_frame(&norm.text, at, at + name.len()).map(|f| {
                let plain = |s: String| s.replace('\u{1}', " ").split_whitespace().collect::<Vec<_>>().join(" ");
                (plain(f.before), plain(f.after))
            })
        };
        let pair = |a: &str, b: &str| Some((a.to_string(), b.to_string()));
        assert_eq!(frame("Nike Herren T-Shirts | Puma", "nike"), pair("", "herren t- shirts"));
        assert_eq!(frame("Puma, Damen Nike Schuhe", "nike"), pair("damen", "schuhe"));
        // Numbers are one `#`, and a hyphen chain of names is one item.
        assert_eq!(
            frame("O-Ring Jaguar 11.10 x 1.60 (5 St.)", "jaguar"),
            frame("O-Ring BMW-Ford-Opel 9,30 x 2,52 (5 St.)", "ford")
        );
        assert_eq!(frame("O-Ring BMW-Ford-Opel 9,30 x 2,52 (5 St.)", "opel"), pair("o- ring", "# x # ( # st.)"));
        // A name that is its whole item is framed by the items around it.
        assert_eq!(frame("w punkcie\n\nŻabka\n\n9,99 zł", "zabka"), pair("w punkcie", "# zl"));
        // Numbers and punctuation alone tell no template.
        assert_eq!(frame("Nike (12)", "nike"), None);
        assert_eq!(frame("Nike", "nike"), None);
    }
}
