//! Segmentation only, no judgements: each paragraph is analysed once and every rule reads the
//! result. Spans are byte offsets into the paragraph.

pub mod language;
pub mod numbers;
pub mod script;
pub mod sentences;
pub mod words;

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_script::Script;

pub use numbers::Number;
pub use words::{Word, WordKind};

/// NFC of `s`, borrowed when it is already NFC (the usual case).
pub fn nfc(s: &str) -> Cow<'_, str> {
    match unicode_normalization::is_nfc_quick(s.chars()) {
        unicode_normalization::IsNormalized::Yes => Cow::Borrowed(s),
        _ => Cow::Owned(s.nfc().collect()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
            || (self.start == self.end && other.start <= self.start && self.start <= other.end)
    }
}

/// Letter-and-mark counts per script, most frequent first (ties by script name, so results are stable).
#[derive(Debug, Clone, Default)]
pub struct ScriptCounts(pub Vec<(Script, usize)>);

impl ScriptCounts {
    pub fn of(text: &str) -> ScriptCounts {
        let mut counts = ScriptCounts::default();
        counts.add_text(text);
        counts.sort();
        counts
    }

    /// Letters and marks count: Indic vowel signs are marks, and leaving them out would
    /// under-weigh abugidas against alphabets.
    fn add_text(&mut self, text: &str) {
        let mut last: Option<(Script, usize)> = None;
        for c in text.chars().filter(|&c| script::is_letter_or_mark(c)) {
            if let Some(s) = script::script_of(c) {
                match last {
                    Some((ls, li)) if ls == s => self.0[li].1 += 1,
                    _ => {
                        let i = match self.0.iter().position(|(x, _)| *x == s) {
                            Some(i) => i,
                            None => {
                                self.0.push((s, 0));
                                self.0.len() - 1
                            }
                        };
                        self.0[i].1 += 1;
                        last = Some((s, i));
                    }
                }
            }
        }
    }

    pub fn merge(&mut self, other: &ScriptCounts) {
        for &(s, n) in &other.0 {
            match self.0.iter_mut().find(|(x, _)| *x == s) {
                Some(e) => e.1 += n,
                None => self.0.push((s, n)),
            }
        }
        self.sort();
    }

    fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.0.full_name().cmp(b.0.full_name()))
        });
    }

    pub fn total(&self) -> usize {
        self.0.iter().map(|(_, n)| n).sum()
    }

    pub fn dominant(&self) -> Option<Script> {
        self.0.first().map(|(s, _)| *s)
    }

    pub fn count(&self, script: Script) -> usize {
        self.0
            .iter()
            .find(|(s, _)| *s == script)
            .map_or(0, |(_, n)| *n)
    }
}

/// Everything the rules read about one paragraph, computed once.
#[derive(Debug)]
pub struct Analysis<'a> {
    pub text: &'a str,
    pub words: Vec<Word>,
    pub numbers: Vec<Number>,
    pub sentences: Vec<Span>,
    pub scripts: ScriptCounts,
}

impl<'a> Analysis<'a> {
    pub fn new(text: &'a str) -> Analysis<'a> {
        Analysis {
            text,
            words: words::words(text),
            numbers: numbers::numbers(text),
            sentences: sentences::sentences(text),
            scripts: ScriptCounts::of(text),
        }
    }

    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// The text between two spans holds only whitespace.
    pub fn only_space_between(&self, a: Span, b: Span) -> bool {
        a.end <= b.start && self.text[a.end..b.start].chars().all(char::is_whitespace)
    }
}
