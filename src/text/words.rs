//! Words by UAX #29 (unicode-segmentation), with each word's script resolved per UTS #39.
//!
//! `split_word_bound_indices` is walked rather than `unicode_words`, which silently drops
//! segments such as an orphaned mark; virama, nukta, vowel signs and ZWJ/ZWNJ stay inside words.

use unicode_script::Script;
use unicode_segmentation::UnicodeSegmentation;

use super::Span;
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
    for (start, seg) in text.split_word_bound_indices() {
        let first = match seg.chars().next() {
            Some(c) => c,
            None => continue,
        };
        // " ়" (a space followed by an orphaned mark) is one segment under WB4: not a word.
        if first.is_whitespace() {
            continue;
        }
        let has_letter = seg.chars().any(is_letter);
        let has_digit = seg.chars().any(is_decimal_digit);
        let kind = match (has_letter, has_digit) {
            (true, false) => WordKind::Letters,
            (false, true) => WordKind::Number,
            (true, true) => WordKind::Alphanumeric,
            (false, false) => continue,
        };
        let script = seg
            .chars()
            .filter(|&c| is_letter_or_mark(c))
            .find_map(script_of);
        out.push(Word {
            span: Span::new(start, start + seg.len()),
            kind,
            script,
            mixed_script: is_mixed_script(seg),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        words(s).iter().map(|w| w.text(s)).collect()
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
