//! `source-untranslated`: a target that is no translation of its source: the source copied
//! (the same words, case and spacing aside), or text in the source language (its script,
//! where the target language is written in another; else the language whatlang reads, on a
//! target of `min_words` words or more). A source of names, codes, terms or numbers only may
//! stay as it is (`COVID-19`, `WHO`, `hash`, a URL, placeholders), so a copy counts only when
//! the source holds two words or more, one of them lowercase of `min_letters` letters, or is
//! a label of an interface (`Cancel`, `Sign in`: the source language's `interface_words`)
//! copied into a language of another script; a unit whose target language is its source
//! language (an `en-US` file of an English project) is never judged. Value: `{language}` (the
//! source language's name, or `the source` for a copy).

use serde::Deserialize;
use unicode_script::Script;

use super::{BuildError, Check, Context, Hit};
use crate::text::Analysis;
use crate::text::script::script_of;

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Fewest letters of the lowercase word that makes a copied source a text, not a name.
    #[serde(default = "default_min_letters")]
    min_letters: usize,
    /// Fewest words of a target judged by its language when it shares the target's script.
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// Least confidence of whatlang's reading of such a target (0..1) when it does not call
    /// the reading reliable.
    #[serde(default = "default_min_confidence")]
    min_confidence: f64,
}

fn default_min_confidence() -> f64 {
    0.3
}

fn default_min_letters() -> usize {
    3
}

fn default_min_words() -> usize {
    4
}

#[derive(Debug)]
pub struct Untranslated {
    min_letters: usize,
    min_words: usize,
    min_confidence: f64,
}

pub fn build(o: Options) -> Result<Untranslated, BuildError> {
    Ok(Untranslated {
        min_letters: o.min_letters,
        min_words: o.min_words,
        min_confidence: o.min_confidence,
    })
}

/// Words lowercased and joined by one space: what a copy is compared on.
fn folded(a: &Analysis) -> String {
    a.words
        .iter()
        .map(|w| a.norm(w).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

impl Check for Untranslated {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        let source_language = ctx.source_language.as_deref();
        if source_language == Some(ctx.language.as_str()) {
            return;
        }
        let whole = super::shared::trimmed(p.text);
        if whole.start == whole.end {
            return;
        }
        // Text, not a name, a term or a code: two words or more, one of them lowercase.
        let letter_words = source.words.iter().filter(|w| w.is_letters()).count();
        let texty = letter_words >= 2
            && source.words.iter().any(|w| {
                let t = source.norm(w);
                w.is_letters()
                    && t.chars().count() >= self.min_letters
                    && t.chars().all(|c| !c.is_uppercase())
            });
        let name = |l: Option<&str>| {
            l.and_then(crate::text::language::name_of)
                .unwrap_or("the source language")
                .to_string()
        };
        let source_folded = folded(source);
        let copied = source_folded == folded(p);
        if texty && copied {
            out.push(Hit::new(whole).var("language", "the source"));
            return;
        }
        let Some(sl) = source_language else { return };
        // A source language written in several scripts (Serbian) is in its text's.
        let source_script = crate::lang::script_of(sl).or_else(|| source.scripts.dominant());
        let target_script = crate::lang::script_of(&ctx.language).or(ctx.script);
        // A label of an interface (`Cancel`, `Sign in`) copied into a language of another
        // script: no name, so no text that may stay as it is.
        if copied
            && source_script.is_some()
            && target_script != source_script
            && ctx.lexicon.is_interface_word(&source_folded)
        {
            out.push(Hit::new(whole).var("language", "the source"));
            return;
        }
        let dominant = p.scripts.dominant();
        let in_source_script =
            source_script.is_some() && dominant == source_script && target_script != source_script;
        let letters = p.scripts.total();
        let share = |s: Option<Script>| s.map_or(0, |s| p.scripts.count(s));
        if in_source_script && letters > 0 && share(source_script) * 10 >= letters * 9 && texty {
            out.push(Hit::new(whole).var("language", name(Some(sl))));
            return;
        }
        // One script for both languages: what whatlang reads.
        if source_script.is_some()
            && source_script == target_script
            && p.tokens.len() >= self.min_words
            && let Some(d) =
                crate::text::language::detect(&crate::text::placeholders::unmasked(p.text))
            && (d.reliable || d.confidence >= self.min_confidence)
            && d.code == sl
            && p.text
                .chars()
                .filter(|&c| script_of(c) == source_script)
                .count()
                > 0
        {
            out.push(Hit::new(whole).var("language", name(Some(sl))));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(source: &str, target: &str, language: &str, source_language: &str) -> bool {
        let t = crate::checks::source_placeholders::tests::pair(source, target);
        let ctx = Context {
            language: language.into(),
            source_language: Some(source_language.into()),
            script: crate::lang::script_of(language),
            ..Context::default()
        };
        let mut out = Vec::new();
        build(Options {
            min_letters: 3,
            min_words: 4,
            min_confidence: 0.3,
        })
        .unwrap()
        .paragraph(&t, &ctx, &mut out);
        !out.is_empty()
    }

    #[test]
    fn a_source_language_of_two_scripts_is_in_its_texts() {
        // Serbian in Cyrillic left in a Bengali target, shortened: no copy, but its script.
        assert!(flagged(
            "Сва људска бића рађају се слободна и једнака у достојанству и правима.",
            "Сва људска бића рађају се слободна и једнака.",
            "bn",
            "sr"
        ));
        assert!(!flagged(
            "Сва људска бића рађају се слободна и једнака у достојанству и правима.",
            "সকল মানুষ স্বাধীনভাবে সমান মর্যাদা এবং অধিকার নিয়ে জন্মগ্রহণ করে।",
            "bn",
            "sr"
        ));
    }

    #[test]
    fn copies_and_source_language_targets() {
        assert!(flagged(
            "Wash your hands often.",
            "Wash your hands often.",
            "bn",
            "en"
        ));
        assert!(flagged(
            "Wash your hands often.",
            "Keep a distance of two metres.",
            "bn",
            "en"
        ));
        assert!(!flagged("COVID-19", "COVID-19", "bn", "en"), "a name stays");
        assert!(!flagged("WHO", "WHO", "bn", "en"));
        assert!(
            !flagged("Wash your hands.", "Wash your hands.", "en", "en"),
            "same language"
        );
        assert!(!flagged(
            "Wash your hands often.",
            "ঘন ঘন হাত ধুয়ে নিন।",
            "bn",
            "en"
        ));
        assert!(flagged(
            "Wash your hands often with soap and water.",
            "Wash your hands often with soap and water, please.",
            "fr",
            "en"
        ));
        assert!(!flagged(
            "Wash your hands often with soap and water.",
            "Lavez-vous souvent les mains avec du savon et de l'eau.",
            "fr",
            "en"
        ));
    }
}
