//! The one text normalization used for dataset patterns and page text, with an exact map back to the original.
//!
//! Patterns and page text must go through the same routine, or they drift apart and a brand stops
//! matching for reasons no one can see. Every normalized byte remembers the byte range of the
//! original character it came from, so a match in normalized text maps back exactly.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Which optional foldings to apply. Structural foldings (spaces, dashes, apostrophes, invisible
/// characters, trademark signs) always apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    /// Unicode lowercase plus the full-folding exceptions (ß -> ss, final sigma).
    pub case: bool,
    /// Drop combining marks after canonical decomposition (é -> e), plus a few letters that do
    /// not decompose (ø, ł, đ, ħ, ı, æ, œ).
    pub accents: bool,
    /// Put WORD_START before every character that begins a word (see `is_boundary`).
    pub word_starts: bool,
}

impl Fold {
    /// The loosest form, for comparing names: case and accents folded.
    pub const MATCH: Fold = Fold { case: true, accents: true, word_starts: false };
    /// What the automaton holds and runs on: MATCH plus word-start marks. Candidates are then
    /// checked against each alias's own case and accent policy.
    pub const AUTOMATON: Fold = Fold { case: true, accents: true, word_starts: true };

    /// A fold for checking a candidate against an alias's own policy (no word-start marks).
    pub const fn policy(case: bool, accents: bool) -> Fold {
        Fold { case, accents, word_starts: false }
    }
}

/// Marks the start of a word in automaton text. Patterns that begin with a word character begin
/// with it too, so they can only match where a word starts: "ring" never even becomes a candidate
/// inside "during", and the automaton reports a tenth of the matches it did without it. Page text
/// never contains it: C0 control characters are dropped.
///
/// The mark takes the place of the space that separates a word from the word before ("whole
/// foods" becomes "\u{1}whole\u{1}foods") and is inserted elsewhere (at the start, after
/// punctuation, in scripts written without spaces), so ordinary prose stays one byte for one byte
/// and its offset map a single run. A match that begins with the mark begins at the byte after it.
pub const WORD_START: char = '\u{1}';

/// The character that separates text blocks in normalized text. Page text marks a block break with
/// U+2029 PARAGRAPH SEPARATOR or a blank line; both become this.
pub const BLOCK_BREAK: char = '\n';

/// Normalized text with a map from each of its bytes to the original byte range it came from.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    pub text: String,
    /// Sorted by `start`; span `k` covers normalized bytes `spans[k].start..spans[k+1].start`.
    /// Invariant: the first span starts at 0 when `text` is not empty, and original starts never
    /// decrease. Kept run-length encoded because most page text is ASCII copied one to one: a
    /// per-byte table cost more than the whole automaton search.
    spans: Vec<Span>,
}

/// Builds a `Normalized`: bytes go to a plain buffer (checked once at the end, not per push).
struct Writer {
    bytes: Vec<u8>,
    spans: Vec<Span>,
    /// Whether word starts are marked, and what the last character written was, for that.
    word_starts: bool,
    last_is_word: bool,
    last_is_unspaced: bool,
    last_is_katakana: bool,
}

#[derive(Debug, Clone, Copy)]
struct Span {
    /// First normalized byte of the span.
    start: u32,
    /// Original byte range; for a one-to-one span, `orig_start` is where its first byte came from.
    orig_start: u32,
    orig_end: u32,
    /// Normalized byte `start + k` came from original byte `orig_start + k` alone.
    one_to_one: bool,
}

impl Normalized {
    /// Original byte range covering normalized bytes `start..end` (`start < end`).
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        debug_assert!(start < end && end <= self.text.len());
        (self.origin(start).0 as usize, self.origin(end - 1).1 as usize)
    }

    /// Original byte range of normalized byte `at`.
    fn origin(&self, at: usize) -> (u32, u32) {
        let at = at as u32;
        let k = self.spans.partition_point(|s| s.start <= at) - 1;
        let span = self.spans[k];
        if span.one_to_one {
            let o = span.orig_start + (at - span.start);
            (o, o + 1)
        } else {
            (span.orig_start, span.orig_end)
        }
    }
}

impl Writer {
    fn finish(self) -> Normalized {
        // Only whole characters are ever written, so the buffer is valid UTF-8.
        Normalized { text: String::from_utf8(self.bytes).unwrap_or_default(), spans: self.spans }
    }

    /// Appends one ASCII byte that came from original byte `at` alone.
    #[inline]
    fn push_ascii(&mut self, b: u8, at: u32) {
        self.begin_ascii(at, b.is_ascii_alphanumeric());
        self.bytes.push(b);
    }

    /// Before ASCII that came one to one from original bytes starting at `at`: the word-start
    /// mark if a word begins here, and a new one-to-one span unless the last one continues.
    #[inline]
    fn begin_ascii(&mut self, at: u32, word: bool) {
        if self.word_starts {
            if word && (!self.last_is_word || self.last_is_unspaced) {
                self.mark_word_start((at, at + 1), true);
            }
            self.last_is_word = word;
            self.last_is_unspaced = false;
            self.last_is_katakana = false;
        }
        let here = self.bytes.len() as u32;
        let continues = self.spans.last().is_some_and(|s| s.one_to_one && s.orig_start + (here - s.start) == at);
        if !continues {
            self.spans.push(Span { start: here, orig_start: at, orig_end: at + 1, one_to_one: true });
        }
    }

    /// Copies plain ASCII prose one to one, starting at `bytes[at]`, which the caller has just
    /// written through `push_ascii` (so the one-to-one span and `last_is_word` are current).
    /// Letters are lowercased when `fold_case`; a single space, tab or line break between a word
    /// character and the next becomes the separator (WORD_START when marking, else a space); the
    /// copy stops at anything else: other whitespace runs, control characters, non-ASCII, and a
    /// word that needs an inserted mark. Returns where it stopped.
    ///
    /// This loop sees nearly every byte of a page, so it classifies bytes with a table and writes
    /// into a slice 256 bytes at a time instead of pushing byte by byte.
    fn copy_ascii_prose(&mut self, bytes: &[u8], mut at: usize, fold_case: bool) -> usize {
        let separator = if self.word_starts { WORD_START as u8 } else { b' ' };
        let case_bit = if fold_case { 0x20 } else { 0 };
        let lower = |b: u8, class: u8| {
            if class == PROSE_UPPER {
                b | case_bit
            } else {
                b
            }
        };
        let word_starts = self.word_starts;
        let mut last_is_word = self.last_is_word;
        loop {
            let end = bytes.len().min(at + 256);
            if at >= end {
                break;
            }
            // One byte out per byte in, plus one spare: a separator and the letter after it are
            // written together and that letter may lie just past `end`.
            let start = self.bytes.len();
            self.bytes.resize(start + (end - at) + 1, 0);
            let out = &mut self.bytes[start..];
            let mut written = 0;
            let mut stopped = false;
            while at < end {
                let b = bytes[at];
                let class = PROSE[usize::from(b)];
                match class {
                    PROSE_UPPER | PROSE_WORD => {
                        if word_starts && !last_is_word {
                            stopped = true;
                            break;
                        }
                        out[written] = lower(b, class);
                        last_is_word = true;
                    }
                    PROSE_PUNCT => {
                        out[written] = b;
                        last_is_word = false;
                    }
                    PROSE_SPACE => {
                        let next = bytes.get(at + 1).copied().unwrap_or(0);
                        match PROSE[usize::from(next)] {
                            next_class @ (PROSE_UPPER | PROSE_WORD) if last_is_word => {
                                out[written] = separator;
                                out[written + 1] = lower(next, next_class);
                                written += 2;
                                at += 2;
                                last_is_word = true;
                                continue;
                            }
                            // After punctuation the space stays and the word after it
                            // gets an inserted mark (the copy stops there).
                            PROSE_UPPER | PROSE_WORD | PROSE_PUNCT => {
                                out[written] = b' ';
                                last_is_word = false;
                            }
                            _ => {
                                stopped = true;
                                break;
                            }
                        }
                    }
                    _ => {
                        stopped = true;
                        break;
                    }
                }
                written += 1;
                at += 1;
            }
            self.bytes.truncate(start + written);
            if stopped {
                break;
            }
        }
        self.last_is_word = last_is_word;
        at
    }

    /// Writes WORD_START before a word whose first character came from `range`: over the separator
    /// space just written when that space stands between two words of spaced scripts (`spaced`
    /// says the new word is), or else inserted and mapped to that character. Only between two
    /// spaced-script word characters does the mark replace a space, because only there is a mark
    /// never inserted; so "x y" and "xy", "' b" and "'b", "中 国" and "中国" stay apart.
    fn mark_word_start(&mut self, range: (u32, u32), spaced: bool) {
        if spaced && self.space_follows_spaced_word() {
            if let Some(last) = self.bytes.last_mut() {
                *last = WORD_START as u8;
            }
            return;
        }
        let here = self.bytes.len() as u32;
        self.spans.push(Span { start: here, orig_start: range.0, orig_end: range.1, one_to_one: false });
        self.bytes.push(WORD_START as u8);
    }

    /// Appends `c`, which came from the original range `range`.
    fn push(&mut self, c: char, range: (u32, u32)) {
        if c.is_ascii() && range.1 - range.0 == 1 {
            return self.push_ascii(c as u8, range.0);
        }
        if self.word_starts {
            let word = is_word_char(c);
            let unspaced = is_unspaced_script(c);
            // A combining mark continues the word before it; it never starts one. Nor does a
            // katakana letter after another: a loanword runs unbroken (`is_boundary`).
            let katakana = is_katakana(c);
            let continues_katakana = katakana && self.last_is_katakana;
            if word
                && !is_combining_mark(c)
                && !continues_katakana
                && (!self.last_is_word || self.last_is_unspaced || unspaced)
            {
                self.mark_word_start(range, !unspaced);
            }
            self.last_is_word = word;
            self.last_is_unspaced = unspaced;
            self.last_is_katakana = katakana;
        }
        let here = self.bytes.len() as u32;
        let same_origin = self.spans.last().is_some_and(|s| !s.one_to_one && (s.orig_start, s.orig_end) == range);
        if !same_origin {
            self.spans.push(Span { start: here, orig_start: range.0, orig_end: range.1, one_to_one: false });
        }
        self.bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
    }

    /// Whether the output ends with a space right after a word character of a spaced script.
    fn space_follows_spaced_word(&self) -> bool {
        let Some((b' ', before)) = self.bytes.split_last() else { return false };
        let Some(lead) = before.iter().rposition(|&b| b & 0xC0 != 0x80) else { return false };
        let last = std::str::from_utf8(&before[lead..]).ok().and_then(|s| s.chars().next());
        last.is_some_and(|c| is_word_char(c) && !is_unspaced_script(c))
    }

    /// Makes the last normalized character's original range end at `end`.
    fn extend_last(&mut self, end: u32) {
        let Some(lead) = self.bytes.iter().rposition(|&b| b & 0xC0 != 0x80) else { return };
        let last_start = lead as u32;
        let Some(span) = self.spans.last_mut() else { return };
        if span.one_to_one {
            // Split the last byte off the one-to-one run into a span of its own.
            let orig = span.orig_start + (last_start - span.start);
            if span.start == last_start {
                *span = Span { start: last_start, orig_start: orig, orig_end: end, one_to_one: false };
            } else {
                self.spans.push(Span { start: last_start, orig_start: orig, orig_end: end, one_to_one: false });
            }
        } else {
            span.orig_end = end;
        }
    }
}

/// Byte classes for `Writer::copy_ascii_prose`: anything else (control characters, non-ASCII)
/// ends the one-to-one copy.
const PROSE_STOP: u8 = 0;
const PROSE_UPPER: u8 = 1;
const PROSE_WORD: u8 = 2;
const PROSE_PUNCT: u8 = 3;
const PROSE_SPACE: u8 = 4;
static PROSE: [u8; 256] = {
    let mut table = [PROSE_STOP; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_uppercase() {
            PROSE_UPPER
        } else if byte.is_ascii_alphanumeric() {
            PROSE_WORD
        } else if byte.is_ascii_graphic() {
            PROSE_PUNCT
        } else if matches!(byte, b' ' | b'\t' | b'\n' | b'\r') {
            PROSE_SPACE
        } else {
            PROSE_STOP
        };
        b += 1;
    }
    table
};

/// Normalizes `input` under `fold`. See the module docs and DESIGN.md for every rule.
pub fn normalize(input: &str, fold: Fold) -> Normalized {
    let mut out = Writer {
        bytes: Vec::with_capacity(input.len() + input.len() / 4),
        spans: Vec::new(),
        word_starts: fold.word_starts,
        last_is_word: false,
        last_is_unspaced: false,
        last_is_katakana: false,
    };
    // A run of whitespace becomes one space, or one BLOCK_BREAK if it holds a paragraph separator
    // or at least two line feeds. It is written when the next visible character arrives (or at the
    // end), mapped to the run's first character.
    let mut space_run: Option<(u32, u32)> = None;
    let mut line_feeds = 0u32;
    let mut paragraph = false;
    let bytes = input.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // Visible ASCII (most of page text): the first byte through the general path (word-start
        // mark, span), then plain prose is copied one to one without per-byte bookkeeping.
        if b.is_ascii_graphic() {
            if let Some(run) = space_run.take() {
                let sep = if paragraph || line_feeds >= 2 { BLOCK_BREAK } else { ' ' };
                out.push(sep, run);
                line_feeds = 0;
                paragraph = false;
            }
            out.push_ascii(if fold.case { b.to_ascii_lowercase() } else { b }, at as u32);
            at = out.copy_ascii_prose(bytes, at + 1, fold.case);
            continue;
        }
        // Other ASCII is handled byte by byte without decoding.
        let (c, width) = if b < 0x80 {
            (b as char, 1)
        } else {
            let c = input[at..].chars().next().unwrap_or_default();
            (c, c.len_utf8())
        };
        let range = (at as u32, (at + width) as u32);
        at += width;
        if c.is_whitespace() {
            if space_run.is_none() {
                space_run = Some(range);
            }
            match c {
                '\n' => line_feeds += 1,
                '\u{2029}' => paragraph = true,
                _ => {}
            }
            continue;
        }
        if (width > 1 && is_invisible(c)) || (width == 1 && b.is_ascii_control()) {
            continue;
        }
        if let Some(run) = space_run.take() {
            let sep = if paragraph || line_feeds >= 2 { BLOCK_BREAK } else { ' ' };
            out.push(sep, run);
            line_feeds = 0;
            paragraph = false;
        }
        if let Some(mapped) = structural(c) {
            out.push(mapped, range);
            continue;
        }
        if fold.case {
            match c {
                'ß' | 'ẞ' => {
                    push_folded(&mut out, 's', range, fold);
                    push_folded(&mut out, 's', range, fold);
                }
                'ς' => push_folded(&mut out, 'σ', range, fold),
                _ => {
                    for lower in c.to_lowercase() {
                        push_folded(&mut out, lower, range, fold);
                    }
                }
            }
        } else {
            push_folded(&mut out, c, range, fold);
        }
    }
    if let Some(run) = space_run {
        let sep = if paragraph || line_feeds >= 2 { BLOCK_BREAK } else { ' ' };
        out.push(sep, run);
    }
    out.finish()
}

/// Decomposes `c` canonically and drops marks when accents fold; so "é" and "e\u{301}" agree.
/// Each decomposed character then goes through `script_fold`, whatever the fold.
fn push_folded(out: &mut Writer, c: char, range: (u32, u32), fold: Fold) {
    if fold.accents {
        if let Some(base) = undecomposable_base(c) {
            for b in base.chars() {
                out.push(b, range);
            }
            return;
        }
    }
    let before = out.bytes.len();
    let mut mark = is_combining_mark(c);
    decompose_canonical(c, |d| {
        let Some(d) = script_fold(d) else { return };
        if is_combining_mark(d) {
            // Half-width ﾞ and ﾟ become combining marks here; they belong to the letter before.
            mark = true;
            // The diaeresis of ё, precomposed or written after the letter (see `script_fold`).
            let yo = d == '\u{308}' && (out.bytes.ends_with("е".as_bytes()) || out.bytes.ends_with("Е".as_bytes()));
            if fold.accents || yo {
                return;
            }
        }
        out.push(d, range);
    });
    // A combining mark written as its own character ("e\u{301}", Thai vowel and tone marks) leaves
    // nothing behind when accents fold, but it belongs to the letter before it. Without this, a match
    // ending at that letter maps back to an original range that stops short of the mark: the hit
    // splits the grapheme, and an accent-exact alias is verified against text missing its accent
    // ("Aramco\u{301}" passed for "Aramco"; Thai "ซีพีออลล์" never matched itself).
    if out.bytes.len() == before && mark {
        out.extend_last(range.1);
    }
}

/// Folds that hold whatever the alias's case and accent rules say, because the two forms are one
/// spelling written two ways, not two spellings (DATASET.md, "How text is matched"). `c` comes
/// out of canonical decomposition, so a precomposed letter arrives as its base and its marks
/// ("أ" as "ا" + hamza above, "ё" as "е" + diaeresis). `None` drops the character.
///
/// - Arabic: harakat and the other vowel and reading marks (U+064B..U+065F, which include the
///   hamza and madda that "أ", "إ", "آ", "ؤ", "ئ" decompose into, and U+0670 superscript alef)
///   are dropped; alef wasla "ٱ" is "ا"; alef maksura "ى" is "ي"; teh marbuta "ة" is "ه"; Persian
///   yeh "ی" and keheh "ک" are Arabic "ي" and "ك"; Arabic-Indic and Persian digits are ASCII
///   digits. (Tatweel, a stretch with no meaning, is dropped earlier with the invisible characters.)
/// - Hebrew: points and cantillation marks are dropped; final letters are their ordinary forms.
/// - Greek: final sigma is sigma (case folding already maps it; this holds for `case: exact` too).
/// - Full-width ASCII is ASCII; half-width katakana is full-width, its voicing marks the combining
///   ones, so "ｶﾞ" is "ガ".
///
/// Cyrillic "ё" is "е": the caller drops a diaeresis that follows "е" or "Е".
#[inline]
fn script_fold(c: char) -> Option<char> {
    let u = c as u32;
    // Latin, its combining marks, and anything else below Greek: nothing to do.
    if u < 0x0370 {
        return Some(c);
    }
    Some(match u {
        0x03C2 => 'σ',
        // Hebrew points and cantillation marks (not maqaf, paseq, sof pasuq: punctuation).
        0x0591..=0x05BD | 0x05BF | 0x05C1 | 0x05C2 | 0x05C4 | 0x05C5 | 0x05C7 => return None,
        // Hebrew final letters ך ם ן ף ץ: each is the letter after it.
        0x05DA | 0x05DD | 0x05DF | 0x05E3 | 0x05E5 => char::from_u32(u + 1).unwrap_or(c),
        0x064B..=0x065F | 0x0670 => return None,
        0x0629 => 'ه',
        0x0649 | 0x06CC => 'ي',
        0x06A9 => 'ك',
        0x0671 => 'ا',
        0x0660..=0x0669 => char::from(b'0' + (u - 0x0660) as u8),
        0x06F0..=0x06F9 => char::from(b'0' + (u - 0x06F0) as u8),
        0xFF01..=0xFF5E => char::from((u - 0xFEE0) as u8),
        0xFF61..=0xFF9F => HALF_WIDTH_KANA[(u - 0xFF61) as usize],
        _ => c,
    })
}

/// U+FF61..U+FF9F, half-width katakana and punctuation, in their full-width forms (their
/// compatibility decompositions; a unit test checks each against Unicode's).
const HALF_WIDTH_KANA: [char; 63] = [
    '。', '「', '」', '、', '・', 'ヲ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ', 'ャ', 'ュ', 'ョ', 'ッ', 'ー', //
    'ア', 'イ', 'ウ', 'エ', 'オ', 'カ', 'キ', 'ク', 'ケ', 'コ', 'サ', 'シ', 'ス', 'セ', 'ソ', 'タ', //
    'チ', 'ツ', 'テ', 'ト', 'ナ', 'ニ', 'ヌ', 'ネ', 'ノ', 'ハ', 'ヒ', 'フ', 'ヘ', 'ホ', 'マ', 'ミ', //
    'ム', 'メ', 'モ', 'ヤ', 'ユ', 'ヨ', 'ラ', 'リ', 'ル', 'レ', 'ロ', 'ワ', 'ン', '\u{3099}', '\u{309A}',
];

/// Characters that never count: soft hyphen, zero-width characters, BOM, trademark signs
/// ("Kärcher®" must match "Kärcher"), and Arabic tatweel, which only stretches a word ("أديـــداس").
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '®' | '™' | '℠' | '\u{0640}'
    )
}

/// Apostrophe and dash variants, folded to their ASCII forms; so are Hebrew geresh (׳), gershayim
/// (״, written `"` as often) and maqaf (־).
fn structural(c: char) -> Option<char> {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '\u{00B4}' | '\u{FF07}' | '\u{05F3}' => {
            Some('\'')
        }
        '\u{05F4}' => Some('"'),
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}' | '\u{2212}' | '\u{FE63}'
        | '\u{FF0D}' | '\u{05BE}' => Some('-'),
        '\u{FF04}' => Some('$'),
        _ => None,
    }
}

/// Letters with a base letter that canonical decomposition does not reveal.
fn undecomposable_base(c: char) -> Option<&'static str> {
    Some(match c {
        'ø' => "o",
        'ł' => "l",
        'đ' => "d",
        'ħ' => "h",
        'ı' => "i",
        'æ' => "ae",
        'œ' => "oe",
        _ => return None,
    })
}

/// True for characters that form words: letters, digits, and marks inside them.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// True for scripts written without spaces between words, where any position can start a word.
pub fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF   // Thai, Lao
        | 0x1000..=0x109F // Myanmar
        | 0x1780..=0x17FF // Khmer
        | 0x3040..=0x30FF // Hiragana, Katakana
        | 0x31F0..=0x31FF // Katakana extensions
        | 0x3400..=0x4DBF // CJK extension A
        | 0x4E00..=0x9FFF // CJK unified ideographs
        | 0xF900..=0xFAFF // CJK compatibility ideographs
        | 0xFF66..=0xFF9F // half-width Katakana
        | 0x20000..=0x2FA1F // CJK extensions B and later
    )
}

/// Whether a word boundary lies between `before` and `after` (either may be absent: text edge).
/// In scripts written without spaces any position may be one, except inside a run of katakana:
/// Japanese writes a loanword as one unbroken run, so "ライフ" in "セカンドライフ" is not a word.
pub fn is_boundary(before: Option<char>, after: Option<char>) -> bool {
    match (before, after) {
        (Some(b), Some(a)) if is_katakana(b) && is_katakana(a) => false,
        (Some(b), Some(a)) => !is_word_char(b) || !is_word_char(a) || is_unspaced_script(b) || is_unspaced_script(a),
        _ => true,
    }
}

/// Katakana letters and the prolonged sound mark, not the middle dot (・) that separates words.
fn is_katakana(c: char) -> bool {
    matches!(c as u32, 0x30A1..=0x30FA | 0x30FC | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> String {
        normalize(s, Fold::MATCH).text
    }

    #[test]
    fn folds_case_beyond_ascii() {
        assert_eq!(m("KÄRCHER"), m("Kärcher"));
        assert_eq!(m("STRAßE"), "strasse");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let n = normalize("Ä\u{00AD}b  C", Fold::MATCH);
        assert_eq!(n.text, "ab c");
        // Ä = bytes 0..2, soft hyphen 2..4 (dropped), b 4..5, two spaces 5..7 (one), C 7..8.
        assert_eq!(n.original_range(0, 1), (0, 2));
        assert_eq!(n.original_range(1, 2), (4, 5));
        assert_eq!(n.original_range(2, 3), (5, 6));
        assert_eq!(n.original_range(0, 4), (0, 8));
    }

    #[test]
    fn word_start_mark_replaces_only_a_space_between_words() {
        let a = |s: &str| normalize(s, Fold::AUTOMATON).text;
        assert_eq!(a("Whole Foods"), "\u{1}whole\u{1}foods");
        assert_eq!(a("Whole \u{A0} Foods"), "\u{1}whole\u{1}foods");
        // Where a mark is inserted without a space, a space must stay to keep the texts apart.
        assert_eq!(a("' B"), "' \u{1}b");
        assert_eq!(a("'B"), "'\u{1}b");
        assert_ne!(a("中 国"), a("中国"));
        assert_ne!(a("a 中"), a("a中"));
        // Prose stays one byte for one byte: the hit maps back through a single run.
        let n = normalize("Shop Whole Foods, now", Fold::AUTOMATON);
        let at = n.text.find("\u{1}foods").map_or(0, |i| i + 1);
        assert_eq!(n.original_range(at, at + 5), (11, 16));
    }

    #[test]
    fn half_width_kana_table_is_unicodes() {
        for (k, &full) in HALF_WIDTH_KANA.iter().enumerate() {
            let half = char::from_u32(0xFF61 + k as u32).unwrap_or_default();
            let mut want = Vec::new();
            unicode_normalization::char::decompose_compatible(half, |d| want.push(d));
            assert_eq!(vec![full], want, "{half:?}");
        }
    }

    #[test]
    fn script_folds_hold_under_every_policy() {
        for fold in [Fold::MATCH, Fold::policy(false, false), Fold::policy(true, false), Fold::policy(false, true)] {
            let n = |s: &str| normalize(s, fold).text;
            assert_eq!(n("أَديـــدَاس"), n("اديداس"), "{fold:?}");
            assert_eq!(n("אֲדִידָס"), n("אדידס"), "{fold:?}");
            assert_eq!(n("Пятёрочка"), n("Пятерочка"), "{fold:?}");
            assert_eq!(n("Ёлки"), n("Е\u{308}лки"), "{fold:?}");
            assert_eq!(n("ΜΑΣΟΥΤΗΣ ς"), n("ΜΑΣΟΥΤΗΣ σ"), "{fold:?}");
            assert_eq!(n("ｾﾌﾞﾝ"), n("セブン"), "{fold:?}");
            assert_eq!(n("Ａｂ７"), n("Ab7"), "{fold:?}");
        }
        // Other diaereses stay accents: only Cyrillic е takes its diaeresis off.
        assert_ne!(normalize("Kärcher", Fold::policy(true, false)).text, "karcher");
        assert_ne!(normalize("ї", Fold::policy(true, false)).text, "і");
    }

    #[test]
    fn dropped_marks_map_back_with_their_letter() {
        // "أَ": alef with hamza (2 bytes) and fatha (2 bytes) map to one "ا"; "ﾞ" goes with "ｶ".
        let n = normalize("أَ", Fold::MATCH);
        assert_eq!(n.text, "ا");
        assert_eq!(n.original_range(0, n.text.len()), (0, 4));
        let n = normalize("ｶﾞ", Fold::MATCH);
        assert_eq!(n.text, "カ");
        assert_eq!(n.original_range(0, n.text.len()), (0, 6));
    }

    #[test]
    fn block_breaks() {
        assert_eq!(m("a\nb"), "a b");
        assert_eq!(m("a\n \nb"), "a\nb");
        assert_eq!(m("a\u{2029}b"), "a\nb");
    }
}
