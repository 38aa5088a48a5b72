//! Words by UAX #29 (unicode-segmentation), with each word's script resolved per UTS #39.
//! Paragraphs whose characters all have simple word-break classes (nearly all prose) are
//! segmented here from the property table's classes; any other goes to the crate.
//!
//! `split_word_bound_indices` is walked rather than `unicode_words`, which silently drops
//! segments such as an orphaned mark; virama, nukta, vowel signs and ZWJ/ZWNJ stay inside words.

use unicode_script::Script;
use unicode_segmentation::UnicodeSegmentation;

use super::Span;
use super::props::{CASED, DECIMAL, LETTER, MARK, Props, UPPER, WHITESPACE, Wb, props};
use super::scan::{Machine, run};
use super::script::is_mixed_script;

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
    /// It holds a character with case (a cased letter, or another uppercase character such as
    /// `Ⓐ`): a word without one (any Bengali, Devanagari or Han word) has no case to judge, and
    /// rules that fold or weigh case skip reading it.
    pub has_case: bool,
    /// Where its NFC form is kept when it differs from the text (see `Analysis::norm`).
    pub(crate) norm: Option<(u32, u32)>,
}

impl Word {
    #[inline]
    pub fn text<'a>(&self, paragraph: &'a str) -> &'a str {
        &paragraph[self.span.start..self.span.end]
    }

    pub fn is_letters(&self) -> bool {
        self.kind == WordKind::Letters
    }
}

pub fn words(text: &str) -> Vec<Word> {
    run(text, Words::default())
}

/// The words of a paragraph, a character at a time: segmented by `Bounds` and classified by
/// `Kind` as the characters pass; at the first character of a complex word-break class the
/// paragraph is left to the crate (`finish`).
#[derive(Default)]
pub(super) struct Words {
    out: Vec<Word>,
    bounds: Bounds,
    /// A complex class was met: the crate segments the paragraph.
    complex: bool,
    /// The segment being read: where it starts, whether it starts with whitespace (`" ়"`, a
    /// space and an orphaned mark, is one segment under WB4 and no word), what it holds.
    start: usize,
    space: bool,
    kind: Kind,
}

impl Words {
    /// Words that go into `out` (emptied first: the one pass hands each machine a vector kept
    /// from the paragraph before, see `scan::Room`).
    pub(super) fn writing_into(mut out: Vec<Word>) -> Words {
        out.clear();
        Words {
            out,
            ..Words::default()
        }
    }

    fn close(&mut self, text: &str, end: usize) {
        let kind = std::mem::take(&mut self.kind);
        if !self.space
            && let Some(word) = kind.word(self.start, &text[self.start..end])
        {
            self.out.push(word);
        }
    }
}

impl Machine for Words {
    type Out = Vec<Word>;

    #[inline(always)]
    fn step(&mut self, text: &str, i: usize, c: char, p: &Props) {
        if self.complex {
            return;
        }
        match self.bounds.step(text, i + c.len_utf8(), p.wb) {
            Step::Complex => {
                self.complex = true;
                return;
            }
            Step::Break => {
                self.close(text, i);
                (self.start, self.space) = (i, p.has(WHITESPACE));
            }
            Step::First => self.space = p.has(WHITESPACE),
            Step::Join => {}
        }
        self.kind.add(c, p);
    }

    /// Inside a word (after a letter or digit, or any mark): the character joins it.
    #[inline(always)]
    fn plain(&mut self, text: &str, i: usize, c: char, p: &Props) {
        if self.complex || !self.bounds.plain(p.wb) {
            return self.step(text, i, c, p);
        }
        self.kind.add_plain(p);
    }

    fn finish(mut self, text: &str) -> Vec<Word> {
        if self.complex {
            return text
                .split_word_bound_indices()
                .filter(|(_, seg)| !seg.starts_with(char::is_whitespace))
                .filter_map(|(start, seg)| classify(start, seg))
                .collect();
        }
        if self.bounds.started {
            self.close(text, text.len());
        }
        self.out
    }
}

/// What the boundary rules decide at a character.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    /// The first character: a segment starts.
    First,
    /// A segment starts at this character.
    Break,
    /// It continues the segment.
    Join,
    /// A complex word-break class: these rules do not apply.
    Complex,
}

/// UAX #29 word boundaries of a paragraph whose characters all have a simple word-break class
/// (`Wb`, from the property table): rules WB3d, WB4 and WB5–WB12 over ALetter, Numeric, Extend
/// (with Format and ZWJ), WSegSpace, MidLetter, MidNum, MidNumLet and Other. At the first
/// `Complex` character (line breaks, Hebrew, Katakana, ExtendNumLet, regional indicators,
/// pictographs) it gives up: the crate segments those paragraphs. A test holds the two against
/// each other.
struct Bounds {
    started: bool,
    /// The classes before the boundary, Extend ignored (WB4), and the class right before it.
    l: Wb,
    ll: Wb,
    prev: Wb,
}

impl Default for Bounds {
    fn default() -> Bounds {
        Bounds {
            started: false,
            l: Wb::Other,
            ll: Wb::Other,
            prev: Wb::Other,
        }
    }
}

impl Bounds {
    /// The character of class `r`, followed by `text[after..]`.
    #[inline(always)]
    fn step(&mut self, text: &str, after: usize, r: Wb) -> Step {
        if r == Wb::Complex {
            return Step::Complex;
        }
        if !self.started {
            self.started = true;
            (self.l, self.ll, self.prev) = (r, Wb::Other, r);
            return Step::First;
        }
        let (l, ll) = (self.l, self.ll);
        // The class after this character, Extend ignored.
        let rr = || {
            text[after..]
                .chars()
                .map(|c| props(c).wb)
                .find(|&w| w != Wb::Extend)
        };
        let join = r == Wb::Extend
            || (r == Wb::WSegSpace && self.prev == Wb::WSegSpace)
            || match (ll, l, r) {
                (_, Wb::ALetter | Wb::Numeric, Wb::ALetter | Wb::Numeric) => true,
                (_, Wb::ALetter, Wb::MidLetter | Wb::MidNumLet) => rr() == Some(Wb::ALetter),
                (Wb::ALetter, Wb::MidLetter | Wb::MidNumLet, Wb::ALetter) => true,
                (_, Wb::Numeric, Wb::MidNum | Wb::MidNumLet) => rr() == Some(Wb::Numeric),
                (Wb::Numeric, Wb::MidNum | Wb::MidNumLet, Wb::Numeric) => true,
                _ => false,
            };
        if r != Wb::Extend {
            (self.ll, self.l) = (self.l, r);
        }
        self.prev = r;
        if join { Step::Join } else { Step::Break }
    }

    /// `step` for a character of class `r`, ALetter or Extend, where it joins the segment
    /// (Extend always, WB4; ALetter after ALetter or Numeric, WB5 and WB10): false, and nothing
    /// done, where `step` must decide.
    #[inline(always)]
    fn plain(&mut self, r: Wb) -> bool {
        if !self.started {
            return false;
        }
        if r == Wb::ALetter {
            if !matches!(self.l, Wb::ALetter | Wb::Numeric) {
                return false;
            }
            (self.ll, self.l) = (self.l, r);
        }
        self.prev = r;
        true
    }
}

/// What a segment's characters say of it, gathered one character at a time: its kind, first
/// script and whether its letters and marks may mix scripts. Only then, and rarely, is the UTS
/// #39 resolved set computed: when every letter and mark has one specific Script value, that
/// script lies in each one's Script_Extensions (UAX #24: scx is a superset of sc, except for
/// Common and Inherited), so the set is not empty.
#[derive(Default)]
struct Kind {
    has_case: bool,
    has_letter: bool,
    has_digit: bool,
    script: Option<Script>,
    must_resolve: bool,
}

impl Kind {
    #[inline]
    fn add(&mut self, c: char, p: &Props) {
        self.has_case |= p.has(CASED | UPPER);
        if c.is_ascii_digit() || p.has(DECIMAL) {
            self.has_digit = true;
            return;
        }
        if !p.has(LETTER | MARK) {
            return;
        }
        self.has_letter |= p.has(LETTER);
        let script = match p.script {
            Script::Common | Script::Inherited | Script::Unknown => None,
            s => Some(s),
        };
        match (script, self.script) {
            (None, _) => self.must_resolve = true,
            (Some(s), None) => self.script = Some(s),
            (Some(s), Some(first)) => self.must_resolve |= s != first,
        }
    }

    /// `add` for a `PLAIN` character: no case, no digit, a letter or mark of a script.
    #[inline(always)]
    fn add_plain(&mut self, p: &Props) {
        self.has_letter |= p.has(LETTER);
        match self.script {
            None => self.script = Some(p.script),
            Some(first) => self.must_resolve |= p.script != first,
        }
    }

    fn word(self, start: usize, seg: &str) -> Option<Word> {
        let kind = match (self.has_letter, self.has_digit) {
            (true, false) => WordKind::Letters,
            (false, true) => WordKind::Number,
            (true, true) => WordKind::Alphanumeric,
            (false, false) => return None,
        };
        Some(Word {
            span: Span::new(start, start + seg.len()),
            kind,
            script: self.script,
            mixed_script: self.must_resolve && is_mixed_script(seg),
            has_case: self.has_case,
            norm: None,
        })
    }
}

/// A segment the crate gave, classified.
fn classify(start: usize, seg: &str) -> Option<Word> {
    let mut kind = Kind::default();
    for c in seg.chars() {
        kind.add(c, props(c));
    }
    kind.word(start, seg)
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

    /// The segment starts `Bounds` gives, or `None` where it gives up.
    fn simple_bounds(text: &str) -> Option<Vec<usize>> {
        let mut bounds = Bounds::default();
        let mut starts = Vec::new();
        for (i, c) in text.char_indices() {
            match bounds.step(text, i + c.len_utf8(), props(c).wb) {
                Step::Complex => return None,
                Step::First | Step::Break => starts.push(i),
                Step::Join => {}
            }
        }
        Some(starts)
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
