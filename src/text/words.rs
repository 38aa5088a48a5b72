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
    for (start, seg) in text.split_word_bound_indices() {
        // " ়" (a space followed by an orphaned mark) is one segment under WB4: not a word.
        if seg.starts_with(char::is_whitespace) {
            continue;
        }
        if let Some(word) = classify(start, seg) {
            out.push(word);
        }
    }
    out
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
