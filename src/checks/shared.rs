//! Helpers the kinds share: reading options that name single characters, and the marks the
//! mark kinds judge.

use unicode_normalization::UnicodeNormalization;

use super::BuildError;
use crate::text::script::{is_mark, is_variation_selector};

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
