//! `source-length-empty`: a target that is empty, only whitespace or only punctuation (`?`, `…`)
//! while its source has words: everything was omitted. (Units a translation tool marks as not translated yet are skipped
//! and counted, not judged: see `--fail-on-untranslated`.)

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct SourceEmpty;

pub fn build(_: Options) -> Result<SourceEmpty, BuildError> {
    Ok(SourceEmpty)
}

/// Whether a target says nothing: only whitespace, punctuation and symbols (`?`, `…`, `-`,
/// `।`, `""`), no letter, digit, placeholder or inline code.
fn says_nothing(p: &Analysis) -> bool {
    !p.text
        .chars()
        .any(|c| c.is_alphanumeric() || c == crate::input::unit::CODE)
        && crate::text::placeholders::placeholders(p.text).is_empty()
}

impl Check for SourceEmpty {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        if says_nothing(p) && source.words.iter().any(|w| w.is_letters()) {
            out.push(Hit::new(Span::new(0, p.text.len())));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_target_of_a_source_with_words() {
        let mut out = Vec::new();
        for (source, target) in [
            ("Wash your hands.", " "),
            ("Do you want to delete these files?", "?"),
            ("Wash.", "ধুয়ে নিন।"),
            ("42", ""),
            ("Delete?", "%s?"),
        ] {
            let t = crate::checks::source_placeholders::tests::pair(source, target);
            SourceEmpty.paragraph(&t, &Context::default(), &mut out);
        }
        assert_eq!(out.len(), 2);
    }
}
