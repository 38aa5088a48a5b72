//! Helpers the kinds share: reading options that name single characters, the marks the mark
//! kinds judge, and words joined by hyphens as the repetition kinds compare them.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::BuildError;
use crate::text::script::{is_mark, is_variation_selector};
use crate::text::{Analysis, Span, nfc};

/// Each entry of option `key` as one character that `keep` accepts (a `one`).
pub fn single_chars(
    list: &[String],
    key: &str,
    one: &str,
    keep: impl Fn(char) -> bool,
) -> Result<Vec<char>, BuildError> {
    list.iter()
        .map(|l| {
            let mut it = l.chars();
            match (it.next(), it.next()) {
                (Some(c), None) if keep(c) => Ok(c),
                _ => Err(BuildError::new(format!("`{key}`: `{l}` is not one {one}"))),
            }
        })
        .collect()
}

/// A combining mark the mark kinds judge: variation selectors (emoji presentation) are not.
pub fn is_judged_mark(c: char) -> bool {
    is_mark(c) && !is_variation_selector(c)
}

/// Words of an option in NFC, the form rules compare.
pub fn nfc_all(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.nfc().collect()).collect()
}

/// Hyphens that join the parts of one word (`что-то`, `धीरे-धीरे`): the hyphen-minus, U+2010
/// HYPHEN and U+2011 NON-BREAKING HYPHEN; not dashes, which set phrases apart.
fn is_joining_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// A word as the repetition kinds compare it: UAX #29 words (which split at a hyphen) joined
/// again where one hyphen and nothing else stands between them, so `что-то` is one token and
/// `что что-то` is not `что` said twice. Word segmentation itself is left as it is: the other
/// kinds keep reading the parts.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    pub span: Span,
    /// NFC of the token's text.
    pub norm: Cow<'a, str>,
    /// Every part is letters (no digits: `COVID-19` is no word to repeat).
    pub letters: bool,
    /// It has more than one part.
    pub hyphenated: bool,
}

impl Token<'_> {
    /// The token split at its last hyphen (`যোগাযোগ-এর`: `যোগাযোগ`, `এর`), when it has one.
    pub fn split_last_hyphen(&self) -> Option<(&str, &str)> {
        if !self.hyphenated {
            return None;
        }
        let (i, c) = self
            .norm
            .char_indices()
            .rev()
            .find(|&(_, c)| matches!(c, '-' | '\u{2010}' | '\u{2011}'))?;
        Some((&self.norm[..i], &self.norm[i + c.len_utf8()..]))
    }
}

/// The paragraph's words joined at hyphens, in order.
pub fn hyphen_tokens<'p>(p: &'p Analysis) -> Vec<Token<'p>> {
    let mut out: Vec<Token<'p>> = Vec::with_capacity(p.words.len());
    let mut i = 0;
    while i < p.words.len() {
        let first = &p.words[i];
        let mut end = i;
        while end + 1 < p.words.len()
            && is_joining_hyphen(&p.text[p.words[end].span.end..p.words[end + 1].span.start])
        {
            end += 1;
        }
        let span = Span::new(first.span.start, p.words[end].span.end);
        let norm = if end == i {
            Cow::Borrowed(p.norm(first))
        } else {
            nfc(p.slice(span))
        };
        out.push(Token {
            span,
            norm,
            letters: p.words[i..=end].iter().all(|w| w.is_letters()),
            hyphenated: end > i,
        });
        i = end + 1;
    }
    out
}
