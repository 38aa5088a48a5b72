//! `source-glossary`: a term of the project's glossary (`--glossary`) in the source whose
//! translation is not in the target: none of the glossary's target terms (a term may take an
//! ending of the language's pack after it, `টিকার` for `টিকা`), or, for a term not to
//! translate, the term itself. Terms are matched whole, case aside (in text written without
//! spaces, anywhere). Values: `{term}`, `{expected}`.

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::{BuildError, Check, Context, Hit};
use crate::lexicon::Lexicon;
use crate::text::script::{is_letter_or_mark, is_unspaced, script_of};
use crate::text::{Analysis, Span};

/// No options: the terms are the project's.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct Glossary;

pub fn build(_: Options) -> Result<Glossary, BuildError> {
    Ok(Glossary)
}

/// Whether `term` (lowercase NFC) occurs in `text` (lowercase NFC) as a whole word, or with an
/// ending of `lexicon` after it when `inflected`.
pub(crate) fn contains_term(text: &str, term: &str, lexicon: &Lexicon, inflected: bool) -> bool {
    if term.is_empty() {
        return false;
    }
    let unspaced = term.chars().any(|c| script_of(c).is_some_and(is_unspaced));
    text.match_indices(term).any(|(i, m)| {
        if unspaced {
            return true;
        }
        let before = text[..i].chars().next_back();
        if before.is_some_and(is_letter_or_mark) {
            return false;
        }
        let rest = &text[i + m.len()..];
        let tail: String = rest.chars().take_while(|&c| is_letter_or_mark(c)).collect();
        tail.is_empty() || (inflected && lexicon.is_ending(&tail))
    })
}

impl Check for Glossary {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        if ctx.glossary.is_empty() {
            return;
        }
        let Some(source) = p.source() else { return };
        let src: String = source.text.nfc().collect::<String>().to_lowercase();
        let tgt: String = p.text.nfc().collect::<String>().to_lowercase();
        let start = p.text.len() - p.text.trim_start().len();
        let whole = Span::new(start, p.text.trim_end().len().max(start));
        for term in &ctx.glossary.terms {
            if !contains_term(&src, &term.source, &ctx.lexicon, false) {
                continue;
            }
            let (found, expected) = if term.do_not_translate() {
                (
                    contains_term(&tgt, &term.source, &ctx.lexicon, true),
                    term.source.clone(),
                )
            } else {
                (
                    term.targets.iter().any(|t| {
                        contains_term(&tgt, &t.to_lowercase(), &ctx.lexicon, true)
                    }),
                    term.targets.join(" / "),
                )
            };
            if !found {
                out.push(
                    Hit::new(whole)
                        .var("term", term.source.clone())
                        .var("expected", expected),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse_tsv;

    fn flagged(source: &str, target: &str) -> Vec<String> {
        let t = crate::checks::source_placeholders::tests::pair(source, target);
        let ctx = Context {
            glossary: std::sync::Arc::new(
                parse_tsv("g.tsv", "vaccine\tটিকা|ভ্যাকসিন\nWHO\t=\n疫苗\tvaccine\n").unwrap(),
            ),
            lexicon: std::sync::Arc::new(Lexicon {
                endings: vec!["র".into(), "ের".into()],
                ..Lexicon::default()
            }),
            ..Context::default()
        };
        let mut out = Vec::new();
        Glossary.paragraph(&t, &ctx, &mut out);
        out.into_iter()
            .map(|h| h.vars.iter().find(|(k, _)| *k == "term").unwrap().1.clone())
            .collect()
    }

    #[test]
    fn terms_found_inflected_or_missing() {
        assert!(flagged("The vaccine works.", "টিকার কাজ শুরু।").is_empty());
        assert_eq!(flagged("The vaccine works.", "প্রতিষেধক কাজ করে।"), ["vaccine"]);
        assert!(flagged("Vaccines work.", "প্রতিষেধক।").is_empty(), "a whole term only");
        assert_eq!(flagged("WHO said", "বিশ্ব স্বাস্থ্য সংস্থা জানায়"), ["who"]);
        assert!(flagged("WHO said", "WHO জানায়").is_empty());
    }
}
