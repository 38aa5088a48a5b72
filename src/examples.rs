//! The examples runner: every example of every rule, each rule alone. A firing example must be
//! flagged at each of its `flags`, and get as many findings as it lists (or its `count`); a
//! silent one must get none; every rule needs at least one of each. Backs both the test suite
//! and `mtqc rules test`.

use std::sync::Arc;

use crate::checks::Context;
use crate::engine;
use crate::glossary::{Glossary, Term};
use crate::input::unit::{LengthUnit, MaxLength, UnitText};
use crate::input::{Document, ParagraphMode, Segment, UnitInfo};
use crate::lexicon::Lexicon;
use crate::rules::{Example, Pack, Rule};
use crate::text::Span;
use crate::text::language::detect;

#[derive(Debug)]
pub struct Failure {
    pub rule: String,
    pub origin: String,
    pub message: String,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}: {}", self.origin, self.rule, self.message)
    }
}

/// Examples run, and failures.
pub fn run(packs: &[Pack]) -> (usize, Vec<Failure>) {
    let mut failures = Vec::new();
    let mut count = 0;
    for pack in packs {
        for rule in &pack.rules {
            count += rule.examples.len();
            run_rule(rule, pack, packs, &mut failures);
        }
    }
    (count, failures)
}

/// An example's language: its own, its pack's, or detected; its language data: that of every
/// pack for the language, as when checking a document.
fn setting(ex: &Example, pack: &Pack, packs: &[Pack]) -> (String, Lexicon) {
    let language = match (&ex.language, pack.info.languages.iter().find(|l| *l != "*")) {
        (Some(l), _) | (None, Some(l)) => l.clone(),
        (None, None) => detect(&ex.text).map_or_else(|| "und".to_string(), |d| d.code),
    };
    // With a source, its language (English unless the example names one) and the packs for
    // it, as `--source-lang` gives them.
    let source = ex
        .source
        .as_ref()
        .map(|_| ex.source_language.as_deref().unwrap_or("en"));
    let active: Vec<usize> = (0..packs.len())
        .filter(|&i| packs[i].info.applies_to(&language) && packs[i].info.applies_to_source(source))
        .collect();
    let lexicon = engine::select::lexicon_of(packs, &active, &language, source);
    (language, lexicon)
}

/// The hits of one rule on an example's text (a paragraph per line; with a source, a unit per
/// line), as (paragraph text, span).
fn hits(rule: &Rule, ex: &Example, language: &str, lexicon: Lexicon) -> Vec<(String, Span)> {
    let mut doc = Document::from_text("<example>", &ex.text, ParagraphMode::Line);
    if ex.source.is_some() || ex.max_length.is_some() {
        // Units: every line (or text between separators), a blank one too (an empty target
        // is a unit).
        let separator = ex.separator.as_deref().unwrap_or("\n");
        let mut at = crate::input::Position::line_start(0, 1, 0);
        doc.segments = ex
            .text
            .split(separator)
            .map(|line| {
                let s = Segment::plain(line.to_string(), at, crate::input::Charset::Utf8);
                at = at
                    .after(line, crate::input::Charset::Utf8)
                    .after(separator, crate::input::Charset::Utf8);
                s
            })
            .collect();
        let sources: Vec<&str> = ex
            .source
            .as_deref()
            .unwrap_or("")
            .split(separator)
            .collect();
        for (i, s) in doc.segments.iter_mut().enumerate() {
            s.unit = Some(Box::new(UnitInfo {
                id: (i + 1).to_string(),
                source: ex
                    .source
                    .as_ref()
                    .map(|_| UnitText::verbatim(sources.get(i).copied().unwrap_or(""), s.at)),
                codes: Vec::new(),
                notes: Vec::new(),
                max_length: ex.max_length.map(|max| MaxLength {
                    max,
                    unit: LengthUnit::Chars,
                }),
                ignore: Vec::new(),
                extra: Default::default(),
                plural_form: None,
                plural_other: None,
                context: None,
            }));
        }
    }
    let (analyses, script) = engine::analyse(&doc.segments);
    let glossary = Glossary {
        terms: ex
            .glossary
            .iter()
            .map(|[source, targets]| Term {
                source: source.to_lowercase(),
                written: crate::text::nfc(source).into_owned(),
                targets: targets
                    .split('|')
                    .map(str::trim)
                    .filter(|t| !t.is_empty())
                    .map(String::from)
                    .collect(),
                origin: "example".into(),
                language: None,
            })
            .collect(),
    };
    let ctx = Context {
        script: crate::lang::script_of(language).or(script),
        language: language.to_string(),
        source_language: ex
            .source
            .as_ref()
            .map(|_| ex.source_language.clone().unwrap_or_else(|| "en".into())),
        lexicon: Arc::new(lexicon),
        glossary: Arc::new(glossary),
    };
    engine::find(&[rule], &analyses, &ctx, false, None)
        .into_iter()
        .map(|f| (analyses[f.paragraph].text.to_string(), f.hit.span))
        .collect()
}

fn run_rule(rule: &Rule, pack: &Pack, packs: &[Pack], failures: &mut Vec<Failure>) {
    let fail = |message: String| Failure {
        rule: rule.id.clone(),
        origin: rule.origin.clone(),
        message,
    };
    if !rule.examples.iter().any(|e| e.fires()) {
        failures.push(fail("has no example that fires (`flags`)".into()));
    }
    if !rule.examples.iter().any(|e| !e.fires()) {
        failures.push(fail("has no silent example (one without `flags`)".into()));
    }
    for (n, ex) in rule.examples.iter().enumerate() {
        let (language, lexicon) = setting(ex, pack, packs);
        let hits = hits(rule, ex, &language, lexicon);
        let shown: Vec<String> = hits
            .iter()
            .map(|(p, s)| format!("`{}`", &p[s.start..s.end]))
            .collect();
        let flags = ex.flags.as_deref().unwrap_or_default();
        for flag in flags {
            let covered = hits.iter().any(|(p, s)| {
                p.match_indices(flag.as_str())
                    .any(|(i, m)| s.overlaps(&Span::new(i, i + m.len())))
            });
            if !covered {
                failures.push(fail(format!(
                    "example {} must flag `{flag}` in `{}`; it flagged [{}]",
                    n + 1,
                    ex.text,
                    shown.join(", ")
                )));
            }
        }
        let expected = ex.count.unwrap_or(flags.len());
        if hits.len() != expected {
            let what = if expected == 0 {
                "must stay silent on".to_string()
            } else {
                format!("must give {expected} finding(s) on")
            };
            failures.push(fail(format!(
                "example {} {what} `{}`; it flagged [{}]",
                n + 1,
                ex.text,
                shown.join(", ")
            )));
        }
    }
}
