//! Words by UAX #29 (unicode-segmentation), with each word's script resolved per UTS #39.
//! Paragraphs whose characters all have simple word-break classes (nearly all prose) are
//! segmented here from the property table's classes; any other goes to the crate.
//!
//! `split_word_bound_indices` is walked rather than `unicode_words`, which silently drops
//! segments such as an orphaned mark; virama, nukta, vowel signs and ZWJ/ZWNJ stay inside words.

use unicode_script::Script;
use unicode_segmentation::UnicodeSegmentation;

use super::Span;
use super::props::{Wb, props};
use super::script::{is_decimal_digit, is_letter, is_letter_or_mark, is_mixed_script, script_of};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Letters and marks only.
    Letters,
    /// Digits only.
    Number,
    /// Letters and digits (`H5N1`, `m2000`).
    Alphanumeric,
}

#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub span: Span,
    pub kind: WordKind,
    /// Script of the first script-specific letter or mark; `None` for digits only.
    pub script: Option<Script>,
    /// Letters and marks from more than one script (empty UTS #39 resolved set).
    pub mixed_script: bool,
    /// Where its NFC form is kept when it differs from the text (see `Analysis::norm`).
    pub(crate) norm: Option<(u32, u32)>,
}

impl Word {
    pub fn text<'a>(&self, paragraph: &'a str) -> &'a str {
        &paragraph[self.span.start..self.span.end]
    }

    pub fn is_letters(&self) -> bool {
        self.kind == WordKind::Letters
    }
}

pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut push = |start: usize, seg: &str| {
        // " ়" (a space followed by an orphaned mark) is one segment under WB4: not a word.
        if seg.starts_with(char::is_whitespace) {
            return;
        }
        if let Some(word) = classify(start, seg) {
            out.push(word);
        }
    };
    if !simple_segments(text, |start, end| push(start, &text[start..end])) {
        out.clear();
        for (start, seg) in text.split_word_bound_indices() {
            if seg.starts_with(char::is_whitespace) {
                continue;
            }
            if let Some(word) = classify(start, seg) {
                out.push(word);
            }
        }
    }
    out
}

/// UAX #29 word segments, as byte ranges in order, of a paragraph whose characters all have a
/// simple word-break class (`Wb`, from the property table): rules WB3d, WB4 and WB5–WB12 over
/// ALetter, Numeric, Extend (with Format and ZWJ), WSegSpace, MidLetter, MidNum, MidNumLet and
/// Other. Stops and returns false at the first `Complex` character (line breaks, Hebrew,
/// Katakana, ExtendNumLet, regional indicators, pictographs): the crate segments those
/// paragraphs, and the segments given so far are to be dropped. A test holds the two against
/// each other.
fn simple_segments(text: &str, mut segment: impl FnMut(usize, usize)) -> bool {
    let mut chars = text.char_indices();
    let Some((_, c)) = chars.next() else {
        return true;
    };
    let first = props(c).wb;
    if first == Wb::Complex {
        return false;
    }
    let mut start = 0;
    // The classes before the boundary, Extend ignored (WB4); `Extend` at the start of text.
    let (mut l, mut ll, mut prev) = (first, Wb::Other, first);
    for (i, c) in chars {
        let r = props(c).wb;
        if r == Wb::Complex {
            return false;
        }
        // The class after this character, Extend ignored.
        let rr = || {
            text[i + c.len_utf8()..]
                .chars()
                .map(|c| props(c).wb)
                .find(|&w| w != Wb::Extend)
        };
        let join = r == Wb::Extend
            || (r == Wb::WSegSpace && prev == Wb::WSegSpace)
            || match (ll, l, r) {
                (_, Wb::ALetter | Wb::Numeric, Wb::ALetter | Wb::Numeric) => true,
                (_, Wb::ALetter, Wb::MidLetter | Wb::MidNumLet) => rr() == Some(Wb::ALetter),
                (Wb::ALetter, Wb::MidLetter | Wb::MidNumLet, Wb::ALetter) => true,
                (_, Wb::Numeric, Wb::MidNum | Wb::MidNumLet) => rr() == Some(Wb::Numeric),
                (Wb::Numeric, Wb::MidNum | Wb::MidNumLet, Wb::Numeric) => true,
                _ => false,
            };
        if !join {
            segment(start, i);
            start = i;
        }
        if r != Wb::Extend {
            (ll, l) = (l, r);
        }
        prev = r;
    }
    segment(start, text.len());
    true
}

/// One pass over a segment: its kind, first script and whether its letters and marks may mix
/// scripts. Only then, and rarely, is the UTS #39 resolved set computed: when every letter and
/// mark has one specific Script value, that script lies in each one's Script_Extensions (UAX
/// #24: scx is a superset of sc, except for Common and Inherited), so the set is not empty.
fn classify(start: usize, seg: &str) -> Option<Word> {
    let (mut has_letter, mut has_digit) = (false, false);
    let mut script: Option<Script> = None;
    let mut must_resolve = false;
    for c in seg.chars() {
        if is_decimal_digit(c) {
            has_digit = true;
            continue;
        }
        if !is_letter_or_mark(c) {
            continue;
        }
        has_letter |= is_letter(c);
        match (script_of(c), script) {
            (None, _) => must_resolve = true,
            (Some(s), None) => script = Some(s),
            (Some(s), Some(first)) => must_resolve |= s != first,
        }
    }
    let kind = match (has_letter, has_digit) {
        (true, false) => WordKind::Letters,
        (false, true) => WordKind::Number,
        (true, true) => WordKind::Alphanumeric,
        (false, false) => return None,
    };
    Some(Word {
        span: Span::new(start, start + seg.len()),
        kind,
        script,
        mixed_script: must_resolve && is_mixed_script(seg),
        norm: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).iter().map(|w| w.text(s)).collect()
    }

    fn crate_starts(text: &str) -> Vec<usize> {
        text.split_word_bound_indices().map(|(i, _)| i).collect()
    }

    fn simple_bounds(text: &str) -> Option<Vec<usize>> {
        let mut starts = Vec::new();
        let mut end = 0;
        let simple = simple_segments(text, |s, e| {
            assert_eq!(s, end, "{text:?}");
            starts.push(s);
            end = e;
        });
        simple.then(|| {
            assert_eq!(end, text.len(), "{text:?}");
            starts
        })
    }

    /// Every string of up to five characters from one or two of each simple word-break class
    /// (with the Format and ZWJ variants of Extend, and the quotes) segments as the crate does.
    #[test]
    fn simple_bounds_match_the_crate_exhaustively() {
        const ALPHABET: &[char] = &[
            'a', 'ক', '1', '৭', '\u{09BE}', '\u{0308}', '\u{200D}', '\u{00AD}', ' ', ':', ',', '.',
            '\'', '"', '-', '#',
        ];
        let n = ALPHABET.len();
        let mut text = String::new();
        for len in 0..=5u32 {
            for mut k in 0..n.pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(ALPHABET[k % n]);
                    k /= n;
                }
                assert_eq!(simple_bounds(&text), Some(crate_starts(&text)), "{text:?}");
            }
        }
    }

    /// Every line of the fixtures: the fast path agrees with the crate, or hands the line to it.
    #[test]
    fn simple_bounds_match_the_crate_on_the_fixtures() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let mut simple = 0;
        for name in [
            "bn-news-mt.txt",
            "tico19-bn-sample.txt",
            "wmt24-en-hi-labelled.tsv",
        ] {
            let all = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
            for line in all.lines() {
                if let Some(starts) = simple_bounds(line) {
                    assert_eq!(starts, crate_starts(line), "{line:?}");
                    simple += 1;
                }
            }
        }
        assert!(simple > 100, "{simple}");
    }

    #[test]
    fn bengali_words_keep_their_signs() {
        assert_eq!(texts("আজও দৃ solid ় এবং"), ["আজও", "দৃ", "solid", "এবং"]);
        assert_eq!(texts("ব্য্যাচেস্লাভ, র\u{200D}্যাব।"), ["ব্য্যাচেস্লাভ", "র\u{200D}্যাব"]);
    }

    #[test]
    fn attached_latin_is_one_mixed_word() {
        let s = "দৃsolid";
        let w = words(s);
        assert_eq!(w.len(), 1);
        assert!(w[0].mixed_script);
        assert_eq!(w[0].script, Some(Script::Bengali));
    }

    #[test]
    fn hyphen_separates_acronym_and_case_ending() {
        let s = "COVID-19-এর";
        let w = words(s);
        assert_eq!(texts(s), ["COVID", "19", "এর"]);
        assert!(w.iter().all(|w| !w.mixed_script));
        assert_eq!(w[1].kind, WordKind::Number);
    }
}
