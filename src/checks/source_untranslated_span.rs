//! `source-untranslated-span`: a run of `min_words` or more consecutive source words copied
//! into a target written in another script (`ঘরে থাকুন, wash your hands often`). Names,
//! titles and acronyms are kept in the source's script on purpose, so a run counts only when
//! it holds a lowercase word of two letters or more and is not all capitalised words; a run
//! that is all there is between brackets or quotes is a gloss or a citation (`সুপ্তিকাল
//! (incubation period)`); `allow` lists runs never flagged. A whole target copied is
//! `source-untranslated`'s: its critical finding stands for the runs inside it (one finding per
//! defect, `findings::Locator`).

use serde::Deserialize;
use unicode_script::Script;

use super::shared::nfc_all;
use super::{BuildError, Check, Context, Hit};
use crate::lexicon::SourceCase;
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Fewest consecutive source words that make a run.
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// Runs never flagged (compared case-insensitively).
    #[serde(default)]
    allow: Vec<String>,
}

fn default_min_words() -> usize {
    3
}

#[derive(Debug)]
pub struct UntranslatedSpan {
    min_words: usize,
    allow: Vec<String>,
}

pub fn build(o: Options) -> Result<UntranslatedSpan, BuildError> {
    if o.min_words < 2 {
        return Err(BuildError::new("`min_words` must be 2 or more"));
    }
    Ok(UntranslatedSpan {
        min_words: o.min_words,
        allow: nfc_all(&o.allow)
            .into_iter()
            .map(|a| a.to_lowercase())
            .collect(),
    })
}

impl Check for UntranslatedSpan {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        let Some(native) = ctx.script else { return };
        let mut foreign = foreign_words(p, native);
        let mut min_words = self.min_words;
        // A target in the source's own script (German, French for English): any of its words
        // may be the source's, so a run needs four words at least and two of them among the
        // source language's most frequent words (`Please sign in again to continue working.`
        // left in a German target); never where the target is in the source's language.
        let same_script = foreign.is_empty()
            && ctx
                .source_language
                .as_deref()
                .unwrap_or("en")
                .split(['-', '_'])
                .next()
                != Some(ctx.language.as_str())
            && source.words.iter().any(|w| w.script == Some(native));
        if same_script {
            foreign = p
                .words
                .iter()
                .filter(|w| w.is_letters())
                .map(|w| (w.span, p.norm(w).to_lowercase()))
                .collect();
            min_words = min_words.max(SAME_SCRIPT_MIN_WORDS);
        }
        if foreign.len() < min_words {
            return;
        }
        let src: Vec<String> = source
            .words
            .iter()
            .filter(|w| w.is_letters())
            .map(|w| source.norm(w).to_lowercase())
            .collect();
        let in_source = |run: &[(Span, String)]| {
            let words: Vec<&str> = run.iter().map(|(_, w)| w.as_str()).collect();
            src.windows(words.len())
                .any(|win| win.iter().map(String::as_str).eq(words.iter().copied()))
        };
        let mut i = 0;
        while i + min_words <= foreign.len() {
            // Consecutive in the target: only spaces and punctuation between them.
            let mut j = i + 1;
            while j < foreign.len()
                && p.text[foreign[j - 1].0.end..foreign[j].0.start]
                    .chars()
                    .all(|c| c.is_whitespace() || matches!(c, ',' | '-' | '\'' | '’'))
                && in_source(&foreign[i..=j])
            {
                j += 1;
            }
            if j - i >= min_words && in_source(&foreign[i..j]) {
                let run = &foreign[i..j];
                let span = Span::new(run[0].0.start, run[run.len() - 1].0.end);
                let text = p.slice(span);
                let lowercase = run.iter().any(|(s, w)| {
                    w.chars().count() >= 2 && p.slice(*s).chars().all(|c| !c.is_uppercase())
                });
                // A title or a name (`Add to Shortcuts`, `Travel History of the Patients`).
                let title = is_title(p, run);
                let enclosed = if same_script {
                    quoted(p.text, span)
                } else {
                    gloss(p.text, span, native)
                };
                let source_words = run
                    .iter()
                    .filter(|(s, _)| {
                        ctx.lexicon.source_word(p.slice(*s)) == Some(SourceCase::Lower)
                    })
                    .count();
                if lowercase
                    && !title
                    && !enclosed
                    && (!same_script || source_words >= 2)
                    && !self.allow.contains(&text.to_lowercase())
                {
                    out.push(Hit::new(span));
                }
                i = j;
            } else {
                i += 1;
            }
        }
    }
}

/// Fewest words of a run copied into a target in the source's own script.
const SAME_SCRIPT_MIN_WORDS: usize = 4;

/// Whether the run at `span` stands in brackets or quotes (a title or a citation kept in the
/// source's language: `„Bohemian Rhapsody“`, `(auf Englisch: ...)`); a straight single quote
/// is an apostrophe in these languages (`l'entreprise`), not a quote.
fn quoted(text: &str, span: Span) -> bool {
    enclosures(text, span).any(|(open, _)| open != '\'')
}

/// Brackets and quotation marks that enclose a phrase, as (opening, closing); Chinese and
/// Japanese write full-width brackets and corner quotes (`（Severe acute respiratory
/// syndrome）`, `「Zoom」`).
const ENCLOSERS: [(char, char); 14] = [
    ('(', ')'),
    ('[', ']'),
    ('（', '）'),
    ('［', '］'),
    ('【', '】'),
    ('「', '」'),
    ('『', '』'),
    ('"', '"'),
    ('“', '”'),
    ('„', '“'),
    ('‘', '’'),
    ('\'', '\''),
    ('«', '»'),
    ('‹', '›'),
];

/// Each pair of brackets or quotes around `span`, with the text it holds besides the span: the
/// nearest opener before the span not closed before it (a quote closes itself), and the first
/// closer after it.
fn enclosures(text: &str, span: Span) -> impl Iterator<Item = (char, String)> + '_ {
    let (before, after) = (&text[..span.start], &text[span.end..]);
    ENCLOSERS.iter().filter_map(move |&(open, close)| {
        let o = before.rfind(open)?;
        if open != close && before[o..].contains(close) {
            return None;
        }
        let c = after.find(close)?;
        Some((
            open,
            format!("{}{}", &before[o + open.len_utf8()..], &after[..c]),
        ))
    })
}

/// The words of a target in another script than the document's, with their text lowercased
/// for comparing with the source. A source word with a native ending glued on (`haveে`) is
/// compared without it.
pub(super) fn foreign_words(p: &Analysis, native: Script) -> Vec<(Span, String)> {
    p.words
        .iter()
        .filter(|w| w.is_letters() && w.script.is_some_and(|s| s != native))
        .map(|w| {
            let text = p.norm(w);
            let cut = text
                .char_indices()
                .find(|&(_, c)| crate::text::script::script_of(c) == Some(native))
                .map_or(text.len(), |(i, _)| i);
            (w.span, text[..cut].to_lowercase())
        })
        .collect()
}

/// Whether a run of words is shaped as a title or a name: its first word and every word of
/// five letters or more capitalised (`Add to Shortcuts`, `Travel History of the Patients`,
/// `Gone with the Wind`: title case leaves short prepositions small). `run` is
/// `foreign_words`'s.
pub(super) fn is_title(p: &Analysis, run: &[(Span, String)]) -> bool {
    let capital = |s: Span| p.slice(s).chars().next().is_some_and(char::is_uppercase);
    run.first().is_some_and(|&(s, _)| capital(s))
        && run
            .iter()
            .all(|(s, w)| w.chars().count() < 5 || capital(*s))
}

/// Whether the run at `span` is part of a gloss or a citation: brackets or quotes around it
/// that hold no word of the document's script (`প্রাদুর্ভাব (outbreak of the disease)`,
/// `সংক্রমণ (Lower respiratory tract infection, LRTI)`).
fn gloss(text: &str, span: Span, native: Script) -> bool {
    enclosures(text, span).any(|(_, inside)| {
        !inside
            .chars()
            .any(|ch| crate::text::script::script_of(ch) == Some(native))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(source: &str, target: &str) -> Vec<String> {
        let check = build(Options {
            min_words: 3,
            allow: vec![],
        })
        .unwrap();
        crate::checks::testing::flagged_against(&check, source, target)
    }

    #[test]
    fn copied_runs_not_names() {
        assert_eq!(
            flagged(
                "Stay home and wash your hands often.",
                "ঘরে থাকুন এবং wash your hands often।"
            ),
            ["wash your hands often"]
        );
        assert!(
            flagged(
                "the World Health Organization said",
                "World Health Organization জানিয়েছে"
            )
            .is_empty()
        );
        assert!(
            flagged("wash your hands", "wash hands your হাত").is_empty(),
            "not a run of the source"
        );
        assert!(
            flagged("side effects are rare", "side effects বিরল").is_empty(),
            "two words"
        );
        assert!(
            flagged(
                "the incubation period of the virus",
                "ভাইরাসের সুপ্তিকাল (incubation period of the virus)"
            )
            .is_empty(),
            "a gloss"
        );
        assert!(
            flagged(
                "lower respiratory tract infection (LRTI)",
                "শ্বাসনালীর সংক্রমণ (lower respiratory tract infection, LRTI)"
            )
            .is_empty(),
            "a gloss with its acronym"
        );
        assert!(
            flagged(
                "the incubation period of the virus",
                "ভাইরাসের সুপ্তিকাল （incubation period of the virus）"
            )
            .is_empty(),
            "a gloss in full-width brackets"
        );
        assert_eq!(
            flagged(
                "lower respiratory tract infection",
                "শ্বাসনালীর (মানে lower respiratory tract infection)"
            ),
            ["lower respiratory tract infection"],
            "brackets that also hold the translation's words are no gloss"
        );
        assert!(
            flagged(
                "Select Add to Shortcuts from the menu",
                "মেনু থেকে Add to Shortcuts নির্বাচন করুন"
            )
            .is_empty(),
            "a title"
        );
    }
}
