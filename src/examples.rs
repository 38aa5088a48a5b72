//! The examples runner: every example of every rule, each rule alone. A firing example must be
//! flagged at each of its `flags`, and get as many findings as it lists (or its `count`); a
//! silent one must get none; every rule needs at least one of each. Backs both the test suite
//! and `mtqc rules test`.

use std::sync::Arc;

use crate::checks::Context;
use crate::engine;
use crate::input::{Document, ParagraphMode};
use crate::lexicon::Lexicon;
use crate::rules::{Pack, Rule};
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

/// An example's language: its pack's, or detected; its language data: that of every pack for
/// the language, as when checking a document.
fn setting(text: &str, pack: &Pack, packs: &[Pack]) -> (String, Lexicon) {
    let language = match pack.info.languages.iter().find(|l| *l != "*") {
        Some(l) => l.clone(),
        None => detect(text).map_or_else(|| "und".to_string(), |d| d.code),
    };
    let mut lexicon = Lexicon::default();
    for p in packs.iter().filter(|p| p.info.applies_to(&language)) {
        lexicon.merge(&p.lexicon);
    }
    (language, lexicon)
}

/// The hits of one rule on a text (a paragraph per line), as (paragraph text, span).
fn hits(rule: &Rule, text: &str, language: &str, lexicon: Lexicon) -> Vec<(String, Span)> {
    let doc = Document::from_text("<example>", text, ParagraphMode::Line);
    let (analyses, script) = engine::analyse(&doc.segments);
    let ctx = Context {
        script,
        language: language.to_string(),
        lexicon: Arc::new(lexicon),
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
        let (language, lexicon) = setting(&ex.text, pack, packs);
        let hits = hits(rule, &ex.text, &language, lexicon);
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
