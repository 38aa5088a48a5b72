//! The examples runner: every example of every rule, each rule alone. A firing example must be
//! flagged at each of its `flags`; a silent one must get no finding; every rule needs at least
//! one of each. Backs both the test suite and `mtqc rules test`.

use super::{Pack, Rule};
use crate::engine::hits_in;
use crate::text::Span;

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
        let language = pack
            .info
            .languages
            .iter()
            .find(|l| *l != "*")
            .map_or("und", String::as_str);
        for rule in &pack.rules {
            count += rule.examples.len();
            run_rule(rule, language, &mut failures);
        }
    }
    (count, failures)
}

fn run_rule(rule: &Rule, language: &str, failures: &mut Vec<Failure>) {
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
        let hits = hits_in(&[rule], &ex.text, language);
        let shown: Vec<String> = hits
            .iter()
            .map(|(p, h)| format!("`{}`", &p[h.span.start..h.span.end]))
            .collect();
        match &ex.flags {
            Some(flags) if !flags.is_empty() => {
                for flag in flags {
                    let covered = hits.iter().any(|(p, h)| {
                        p.match_indices(flag.as_str())
                            .any(|(i, m)| h.span.overlaps(&Span::new(i, i + m.len())))
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
            }
            _ => {
                if !hits.is_empty() {
                    failures.push(fail(format!(
                        "example {} must stay silent on `{}`; it flagged [{}]",
                        n + 1,
                        ex.text,
                        shown.join(", ")
                    )));
                }
            }
        }
    }
}
