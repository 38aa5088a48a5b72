//! `source-length`: a target much shorter or longer than its source, for the language pair:
//! its length in letters and digits over the source's lies outside the pair's band (`bands`,
//! measured on professional translation; see the rule's doc). A target under `min` is short
//! whatever its end; one under `min_unfinished` is short when it also stops without the
//! sentence-final punctuation its source ends with (a translation cut off). Sources shorter
//! than `min_source` characters vary too much to judge. A rule with only lower bounds finds
//! omissions, one with only `max` bounds additions. Values: `{ratio}`, `{bound}`.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::Analysis;
use crate::text::script::script_of;
use unicode_script::Script;

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    min_unfinished: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
}

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Per language pair, `"en-bn" = { min = 0.5 }`: the band of target/source length.
    bands: BTreeMap<String, Band>,
    /// Shortest source judged, in letters and digits.
    #[serde(default = "default_min_source")]
    min_source: usize,
}

fn default_min_source() -> usize {
    20
}

#[derive(Debug)]
pub struct SourceLength {
    bands: BTreeMap<String, Band>,
    min_source: usize,
}

pub fn build(o: Options) -> Result<SourceLength, BuildError> {
    for (pair, b) in &o.bands {
        let ok = |x: Option<f64>| x.is_none_or(|v| v.is_finite() && v > 0.0);
        if !ok(b.min) || !ok(b.min_unfinished) || !ok(b.max) || pair.split('-').count() != 2 {
            return Err(BuildError::new(format!(
                "`bands`: `{pair}` needs a `SOURCE-TARGET` pair and positive bounds"
            )));
        }
    }
    Ok(SourceLength {
        bands: o.bands,
        min_source: o.min_source,
    })
}

/// Letters and digits outside placeholders, tags, URLs and e-mail addresses: those are copied
/// as they are, so a long URL in both texts would pull the ratio towards 1 and a URL added to
/// both would move a short unit's ratio out of its band.
/// `None` for a text that holds an ICU plural (a case by a plural category): it says its text
/// once a plural category, and languages have their own (Russian four where English has two),
/// so its length tells nothing.
fn length(text: &str) -> Option<usize> {
    let count = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).count();
    let mut at = 0;
    let mut n = 0;
    for ph in crate::text::placeholders::placeholders(text) {
        if ph.class == crate::text::placeholders::Class::PluralCase {
            return None;
        }
        n += count(&text[at..ph.span.start.max(at)]);
        at = at.max(ph.span.end);
    }
    Some(n + count(&text[at..]))
}

/// Whether a text ends a sentence: its last character that is not a quote or bracket is
/// sentence-final punctuation of any script.
fn finished(text: &str) -> bool {
    text.trim_end()
        .chars()
        .rev()
        .find(|c| {
            !matches!(
                c,
                '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '）' | '」' | '』'
            )
        })
        .is_some_and(|c| {
            matches!(
                c,
                '.' | '!' | '?' | '।' | '॥' | '。' | '！' | '？' | '؟' | '۔' | '…' | ':' | ';'
            )
        })
}

/// Whether a source reads as English by its words: a third of them at least, and two, among
/// the English source words of the language data (`the`, `said`, `that`, `will`), and every
/// letter Latin. whatlang leaves a short sentence undecided (`The ministry said that schools
/// will open again in March.`).
fn english_words(source: &Analysis, ctx: &Context) -> bool {
    let words: Vec<&str> = source
        .words
        .iter()
        .filter(|w| w.is_letters())
        .map(|w| source.slice(w.span))
        .collect();
    let known = words
        .iter()
        .filter(|w| ctx.lexicon.source_word(w).is_some())
        .count();
    known >= 2
        && 3 * known >= words.len()
        && source
            .text
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| script_of(c) == Some(Script::Latin))
}

impl Check for SourceLength {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        // A file that names no source language (a TSV, a JSONL or PO file) is read as English,
        // as the source-language data is: the English bands, for a source whatlang reads as
        // English (asked only of a unit outside them). Such files are often UI strings, said
        // more briefly than the news the bands come from (`Please do not hesitate to contact us
        // …` → `कोई और सवाल हो तो हमसे संपर्क करें।`): there a finished target is held to half
        // the lowest ratio, and only a target cut off to the band's `min_unfinished`.
        let sl = ctx.source_language.as_deref();
        // The pair's band, else the source language's band for any target (`en-*`) where the
        // target is written in letters; Han, Kana and Hangul write a word in a character or
        // two, so only their own pairs have bands.
        let syllabic = ctx.script.is_some_and(|s| {
            matches!(
                s,
                Script::Han | Script::Hiragana | Script::Katakana | Script::Hangul | Script::Yi
            )
        });
        let Some(band) = self
            .bands
            .get(&format!("{}-{}", sl.unwrap_or("en"), ctx.language))
            .or_else(|| {
                (!syllabic)
                    .then(|| self.bands.get(&format!("{}-*", sl.unwrap_or("en"))))
                    .flatten()
            })
        else {
            return;
        };
        let (Some(s), Some(t)) = (length(source.text), length(p.text)) else {
            return;
        };
        if s < self.min_source || t == 0 {
            return;
        }
        let ratio = t as f64 / s as f64;
        let cut_off = finished(source.text) && !finished(p.text);
        let unnamed = sl.is_none();
        let bound = match (
            band.min.map(|m| if unnamed { m / 2.0 } else { m }),
            band.min_unfinished,
            band.max,
        ) {
            (Some(min), _, _) if ratio < min => min,
            (_, Some(min), _) if ratio < min && cut_off => min,
            (_, _, Some(max)) if ratio > max => max,
            _ => return,
        };
        if sl.is_none()
            && !english_words(source, ctx)
            && crate::text::language::detect(source.text).is_none_or(|d| d.code != "en")
        {
            return;
        }
        let whole = super::shared::trimmed(p.text);
        out.push(
            Hit::new(whole)
                .var("ratio", format!("{ratio:.2}"))
                .var("bound", format!("{bound}")),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outside_the_band_of_the_pair() {
        let rule = build(Options {
            bands: BTreeMap::from([(
                "en-bn".into(),
                Band {
                    min: Some(0.5),
                    min_unfinished: Some(0.8),
                    max: None,
                },
            )]),
            min_source: 20,
        })
        .unwrap();
        let ctx = Context {
            language: "bn".into(),
            source_language: Some("en".into()),
            ..Context::default()
        };
        let source = "Wash your hands often with soap and water for twenty seconds.";
        let mut out = Vec::new();
        for target in [
            "হাত ধুয়ে নিন।",
            "সাবান ও পানি দিয়ে কুড়ি সেকেন্ড ধরে ঘন ঘন হাত ধুয়ে নিন।",
            "সাবান ও পানি দিয়ে কুড়ি সেকেন্ড ধরে ঘন ঘন",
            "সাবান ও পানি দিয়ে কুড়ি সেকেন্ড ধরে।",
        ] {
            let t = crate::checks::source_placeholders::tests::pair(source, target);
            rule.paragraph(&t, &ctx, &mut out);
        }
        assert_eq!(out.len(), 2, "the short one, and the one cut off");
        // A URL both texts keep counts in neither: it neither hides a short target nor
        // makes a short but whole one look cut.
        out.clear();
        let url = "https://www.who.int/emergencies/diseases/novel-coronavirus-2019";
        let source = format!("Wash your hands with soap and water for twenty seconds {url}.");
        for (target, flagged) in [
            (format!("হাত ধুয়ে নিন {url}।"), true),
            (format!("সাবান ও পানি দিয়ে কুড়ি সেকেন্ড ধরে {url}।"), false),
        ] {
            let t = crate::checks::source_placeholders::tests::pair(&source, &target);
            let before = out.len();
            rule.paragraph(&t, &ctx, &mut out);
            assert_eq!(out.len() > before, flagged, "{target}");
        }
        // A file without a source language: English sources are held to the English bands,
        // others to none.
        out.clear();
        let unnamed = Context {
            source_language: None,
            ..ctx.clone()
        };
        for (source, flagged) in [
            (
                "Wash your hands often with soap and water for twenty seconds.",
                true,
            ),
            (
                "Lavez-vous souvent les mains avec du savon et de l'eau pendant vingt secondes.",
                false,
            ),
        ] {
            let t = crate::checks::source_placeholders::tests::pair(source, "হাত ধুয়ে নিন।");
            let before = out.len();
            rule.paragraph(&t, &unnamed, &mut out);
            assert_eq!(out.len() > before, flagged, "{source}");
        }
        // There a finished target is held to half the lowest ratio (UI strings are brief), a
        // target cut off to the band's `min_unfinished`.
        let source = "Wash your hands often with soap and water for twenty seconds.";
        for (target, named, unnamed_flagged) in [
            ("সাবান দিয়ে হাত ধুয়ে নিন।", true, false),
            ("সাবান ও পানি দিয়ে কুড়ি সেকেন্ড ধরে", true, true),
        ] {
            let t = crate::checks::source_placeholders::tests::pair(source, target);
            for (context, expected) in [(&ctx, named), (&unnamed, unnamed_flagged)] {
                let before = out.len();
                rule.paragraph(&t, context, &mut out);
                assert_eq!(out.len() > before, expected, "{target}");
            }
        }
        let band = Band {
            min: Some(0.5),
            min_unfinished: None,
            max: None,
        };
        let one = BTreeMap::from([("en".into(), band)]);
        assert!(
            build(Options {
                bands: one,
                min_source: 1
            })
            .is_err()
        );
    }
}
