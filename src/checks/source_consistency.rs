//! `source-consistency`: one source translated two ways in one file (case, spacing and end
//! punctuation aside): each unit whose translation differs from the one most units of that
//! source have (the first, on a tie) is flagged. As Xbench's "inconsistency in target".
//! Values: `{other}` (the other translation), `{count}` (units that have it).

use std::collections::HashMap;

use serde::Deserialize;

use super::{BuildError, Check, Context, DocHit, Hit};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct SourceConsistency;

pub fn build(_: Options) -> Result<SourceConsistency, BuildError> {
    Ok(SourceConsistency)
}

/// What two texts are compared on: words lowercased, joined by one space.
pub(crate) fn key(a: &Analysis) -> String {
    a.words
        .iter()
        .map(|w| a.norm(w).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn whole(text: &str) -> Span {
    let start = text.len() - text.trim_start().len();
    Span::new(start, text.trim_end().len().max(start))
}

/// Units grouped by `by`: for each group of two or more whose `other` differs, the units whose
/// `other` is not the group's majority, with the majority's text and count.
pub(crate) fn minority(
    ps: &[Analysis],
    by: impl Fn(&Analysis) -> Option<String>,
    other: impl Fn(&Analysis) -> Option<(String, String)>,
    out: &mut Vec<DocHit>,
) {
    let mut groups: HashMap<String, Vec<(usize, String, String)>> = HashMap::new();
    let mut order = Vec::new();
    for (i, p) in ps.iter().enumerate() {
        // The plural forms of one entry (PO `msgstr[n]`) share or vary their translation by
        // the target language's grammar (Bengali writes `বাইট` for `byte` and `bytes`;
        // Russian has three forms for two sources): never an inconsistency.
        if p.unit.as_ref().is_some_and(|u| u.plural_form.is_some()) {
            continue;
        }
        // `by` first: a paragraph with no key (no source) costs nothing more.
        let Some(k) = by(p) else { continue };
        let Some((o, shown)) = other(p) else { continue };
        if k.is_empty() || o.is_empty() {
            continue;
        }
        let g = groups.entry(k.clone()).or_default();
        if g.is_empty() {
            order.push(k);
        }
        g.push((i, o, shown));
    }
    for k in order {
        let g = &groups[&k];
        let mut counts: Vec<(&str, usize, &str)> = Vec::new();
        for (_, o, shown) in g {
            match counts.iter_mut().find(|(x, _, _)| x == o) {
                Some(c) => c.1 += 1,
                None => counts.push((o, 1, shown)),
            }
        }
        if counts.len() < 2 {
            continue;
        }
        // The majority; on a tie, the first seen.
        let best = counts
            .iter()
            .enumerate()
            .max_by_key(|(i, c)| (c.1, std::cmp::Reverse(*i)))
            .map(|(_, c)| *c)
            .expect("two or more");
        for (i, o, _) in g {
            if o != best.0 {
                out.push(DocHit {
                    paragraph: *i,
                    hit: Hit::new(whole(ps[*i].text))
                        .var("other", best.2.to_string())
                        .var("count", best.1.to_string()),
                });
            }
        }
    }
}

impl Check for SourceConsistency {
    fn file_scope(&self) -> bool {
        true
    }

    fn document(&self, ps: &[Analysis], _: &Context, out: &mut Vec<DocHit>) {
        minority(
            ps,
            |p| p.source().map(key),
            |p| Some((key(p), p.text.trim().to_string())),
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_source_two_translations() {
        let pairs = [
            ("Wash your hands.", "হাত ধুয়ে নিন।"),
            ("Stay home.", "ঘরে থাকুন।"),
            ("Wash your hands", "হাত ধুয়ে নিন"),
            ("wash your hands.", "হাত ধুয়ে ফেলুন।"),
        ];
        let ps: Vec<Analysis> = pairs
            .iter()
            .map(|(s, t)| crate::checks::source_placeholders::tests::pair(s, t))
            .collect();
        let mut out = Vec::new();
        SourceConsistency.document(&ps, &Context::default(), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].paragraph, 3);
    }
}
