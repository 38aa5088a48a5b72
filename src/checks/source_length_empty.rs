//! `source-length-empty`: a target that is empty or only whitespace while its source has words:
//! everything was omitted. (Units a translation tool marks as not translated yet are skipped
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

impl Check for SourceEmpty {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        if p.text.trim().is_empty() && source.words.iter().any(|w| w.is_letters()) {
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
        for (source, target) in [("Wash your hands.", " "), ("Wash.", "ধুয়ে নিন।"), ("42", "")]
        {
            let t = crate::checks::source_placeholders::tests::pair(source, target);
            SourceEmpty.paragraph(&t, &Context::default(), &mut out);
        }
        assert_eq!(out.len(), 1);
    }
}
