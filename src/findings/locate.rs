//! Hits to findings: each hit's span becomes positions in the input (line, column, byte and
//! character offsets, from its segment's own position), its rule's message is filled, and it
//! gets a fingerprint and a snippet. The project's allow-list drops it, its baseline sets it
//! aside, its severity overrides apply.

use unicode_normalization::UnicodeNormalization;

use rayon::prelude::*;

use super::fingerprint::{Anchor, Fingerprints};
use super::{Filter, Finding, SNIPPET_CONTEXT, Snippet};
use crate::engine::Found;
use crate::input::Segment;
use crate::rules::Rule;

/// The findings of one document: per paragraph, sorted by position then rule, and those a
/// baseline accepted.
#[derive(Debug, Default)]
pub struct Located {
    pub paragraphs: Vec<Vec<Finding>>,
    pub baselined: Vec<Finding>,
    /// Findings an `mtqc-ignore` directive of their unit suppressed.
    pub suppressed: usize,
}

impl Located {
    /// The findings of the paragraphs after these (a document located a batch at a time).
    pub fn add(&mut self, next: Located) {
        self.paragraphs.extend(next.paragraphs);
        self.baselined.extend(next.baselined);
        self.suppressed += next.suppressed;
    }
}

/// Locate the hits `found` (sorted by paragraph) of `rules` in `segments` of the document at
/// `path` (relative to the project's root, for the baseline), a batch of paragraphs at a time:
/// the fingerprints' counts go on from one batch to the next. With `per_segment`, every segment
/// is its own document for fingerprints.
pub struct Locator<'a> {
    rules: &'a [&'a crate::rules::Rule],
    filter: &'a Filter,
    path: &'a str,
    per_segment: bool,
    prints: Fingerprints,
    last_paragraph: Option<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(
        rules: &'a [&'a crate::rules::Rule],
        filter: &'a Filter,
        path: &'a str,
        per_segment: bool,
    ) -> Locator<'a> {
        Locator {
            rules,
            filter,
            path,
            per_segment,
            prints: Fingerprints::default(),
            last_paragraph: None,
        }
    }

    /// Locate the hits `found` (sorted by paragraph) in `segments`, the paragraphs numbered
    /// from `first`; every hit is in one of them. Each paragraph's findings are made on all
    /// threads, then numbered in document order (fingerprints count occurrences).
    pub fn locate(&mut self, segments: &[Segment], first: usize, found: &[Found]) -> Located {
        let filter = self.filter;
        let groups: Vec<&[Found]> = found.chunk_by(|x, y| x.paragraph == y.paragraph).collect();
        let made: Vec<_> = groups
            .par_iter()
            .map(|group| {
                let p = group[0].paragraph;
                let (findings, suppressed) = self.make_all(&segments[p - first], group);
                (p, findings, suppressed)
            })
            .collect();
        let mut out = Located {
            paragraphs: vec![Vec::new(); segments.len()],
            baselined: Vec::new(),
            suppressed: 0,
        };
        for (p, findings, suppressed) in made {
            if self.per_segment && self.last_paragraph.is_some_and(|l| l != p) {
                self.prints = Fingerprints::default();
            }
            self.last_paragraph = Some(p);
            out.suppressed += suppressed;
            for (mut finding, anchor) in findings {
                finding.fingerprint = self.prints.number(anchor);
                if filter
                    .baseline
                    .as_ref()
                    .is_some_and(|b| b.accepts(self.path, &finding.fingerprint))
                {
                    out.baselined.push(finding);
                } else {
                    out.paragraphs[p - first].push(finding);
                }
            }
        }
        out.paragraphs.par_iter_mut().for_each(|findings| {
            // One finding per rule, place and message: two glossary terms missing from one
            // unit are two findings on the same (whole-unit) span.
            findings.sort_by(|x, y| {
                (x.start, x.end, &x.rule, &x.message).cmp(&(y.start, y.end, &y.rule, &y.message))
            });
            findings.dedup_by(|x, y| {
                x.start == y.start && x.end == y.end && x.rule == y.rule && x.message == y.message
            });
            keep_source_aware(findings);
            keep_loops(findings);
            keep_critical(findings);
            cap(findings);
        });
        out
    }

    /// The findings of one paragraph's hits `group`, each with its fingerprint's anchor (the
    /// allow-list's and the unit's `mtqc-ignore` left out), and how many the unit suppressed.
    fn make_all(&self, segment: &Segment, group: &[Found]) -> (Vec<(Finding, Anchor)>, usize) {
        let offsets: Vec<usize> = group
            .iter()
            .flat_map(|f| [f.hit.span.start, f.hit.span.end])
            .collect();
        let positions = segment.positions(&offsets);
        let (mut out, mut suppressed) = (Vec::with_capacity(group.len()), 0);
        for (k, f) in group.iter().enumerate() {
            let text = &segment.text[f.hit.span.start..f.hit.span.end];
            let norm: String = text.trim().nfc().collect();
            if !norm.is_empty() && self.filter.allow.contains(&norm) {
                continue;
            }
            let rule = self.rules[f.rule];
            if let Some(u) = segment.unit.as_deref()
                && u.ignore.iter().any(|(id, _)| rule.answers_to(id))
            {
                suppressed += 1;
                continue;
            }
            out.push(make(
                segment,
                rule,
                self.filter,
                f,
                (positions[2 * k], positions[2 * k + 1]),
            ));
        }
        (out, suppressed)
    }
}

/// Past `MAX_PER_PARAGRAPH` findings, one finding, at the first one left out, stands for the
/// rest: it names how many of which rules, takes their worst severity, and they are scored.
fn cap(findings: &mut Vec<Finding>) {
    if findings.len() <= super::MAX_PER_PARAGRAPH {
        return;
    }
    let rest = findings.split_off(super::MAX_PER_PARAGRAPH - 1);
    let mut counts = [0usize; 3];
    let mut rules: std::collections::BTreeMap<&str, usize> = Default::default();
    for f in &rest {
        for (c, n) in counts.iter_mut().zip(f.counts()) {
            *c += n;
        }
        *rules.entry(f.rule.as_str()).or_insert(0) += 1;
    }
    let first = &rest[0];
    let worst = rest
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(first.severity);
    let named: Vec<String> = rules.iter().map(|(r, n)| format!("{r} ×{n}")).collect();
    findings.push(Finding {
        rule: "mtqc.more-findings".into(),
        kind: "summary",
        severity: worst,
        category: first.category.clone(),
        message: format!(
            "{} more findings in this paragraph are not listed: {}",
            rest.len(),
            named.join(", ")
        ),
        suggestion: None,
        fingerprint: format!("{}-more", first.fingerprint),
        stands_for: counts,
        ..first.clone()
    });
}

/// Most covering findings of a paragraph that `give_way` weighs others against: a paragraph
/// with more is left as it is (thousands of findings are not compared pair by pair).
const MAX_COVERING: usize = 16;

/// One finding per defect: a finding inside one that `covers`, of the same category and at
/// least as grave, is part of it and gives way to it (never a graver finding under a lighter
/// one: a minor `addition-by-length` over the whole unit leaves a major duplicated attribution
/// inside it standing).
fn give_way(findings: &mut Vec<Finding>, covers: impl Fn(&Finding) -> bool) {
    let covering: Vec<(usize, usize, String, crate::vocab::Severity)> = findings
        .iter()
        .filter(|f| covers(f))
        .take(MAX_COVERING + 1)
        .map(|f| (f.start, f.end, f.category.clone(), f.severity))
        .collect();
    if covering.is_empty() || covering.len() > MAX_COVERING {
        return;
    }
    findings.retain(|f| {
        covers(f)
            || !covering.iter().any(|(s, e, c, severity)| {
                *c == f.category && *s <= f.start && f.end <= *e && *severity >= f.severity
            })
    });
}

/// A finding inside a critical finding of its category gives way to it (a span copied from the
/// source inside a unit that is its source copied whole: `untranslated-span` gives way to
/// `untranslated-unit`).
fn keep_critical(findings: &mut Vec<Finding>) {
    give_way(findings, |f| f.severity == crate::vocab::Severity::Critical);
}

/// Whether a finding compares its unit's target with the source (kinds of the `source-`
/// family).
fn source_aware(f: &Finding) -> bool {
    f.kind.starts_with("source-")
}

/// A target-only finding inside a source-aware finding of its category (a copied source span
/// that is also a stray foreign word) gives way to it.
fn keep_source_aware(findings: &mut Vec<Finding>) {
    give_way(findings, source_aware);
}

/// One finding per defect: a loop (kind `repetition-loop`) is one defect, and what other
/// rules find inside it (each doubled word, a vowel sign run twice, an attribution said in each
/// copy) is part of it.
fn keep_loops(findings: &mut Vec<Finding>) {
    let loops: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.kind == "repetition-loop")
        .map(|f| (f.start, f.end))
        .collect();
    if loops.is_empty() {
        return;
    }
    findings.retain(|f| {
        f.kind == "repetition-loop" || !loops.iter().any(|&(s, e)| s <= f.start && f.end <= e)
    });
}

/// A hit's finding (its fingerprint numbered later) and the anchor of its fingerprint.
fn make(
    segment: &Segment,
    rule: &Rule,
    filter: &Filter,
    f: &Found,
    (start, end): (crate::input::Position, crate::input::Position),
) -> (Finding, Anchor) {
    let (a, b) = (f.hit.span.start, f.hit.span.end);
    let text = &segment.text[a..b];
    let anchor = match segment.unit.as_deref() {
        Some(u) => Anchor::of_unit(rule.fingerprint_id(), &u.id, text),
        None => Anchor::in_text(rule.fingerprint_id(), &segment.text, a, b),
    };
    let finding = Finding {
        rule: rule.id.clone(),
        kind: rule.kind,
        severity: filter.severity_of(&rule.id, rule.severity),
        category: rule.category.clone(),
        message: crate::template::render(&rule.message, text, &f.hit.vars),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        text: text.to_string(),
        start: start.offset,
        end: end.offset,
        suggestion: f.hit.suggestion.clone(),
        // Numbered once the document's findings before it are (`Fingerprints::number`).
        fingerprint: String::new(),
        unit: segment.unit.as_ref().map(|u| u.id.clone()),
        stands_for: [0; 3],
        snippet: snippet(&segment.text, a, b),
        char_start: start.char_offset,
        char_end: end.char_offset,
        byte_column: start.byte_column,
        end_byte_column: end.byte_column,
        span: (a, b),
    };
    (finding, anchor)
}

/// Whether byte `at` of `text` is at the end of its line: only CRs, if anything, before the
/// next line break or the end of the text.
fn at_line_end(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches('\r');
    rest.is_empty() || rest.starts_with('\n')
}

/// The finding's neighbourhood on its first and last lines: at most `SNIPPET_CONTEXT`
/// characters before `start` and after `end`, without line breaks or the CRs ending a line.
/// Only the neighbourhood is read, so a paragraph of one long line costs no more per finding.
fn snippet(text: &str, start: usize, end: usize) -> Snippet {
    let head_end = if at_line_end(text, start) {
        text[..start].trim_end_matches('\r').len()
    } else {
        start
    };
    let mut before_rev = String::new();
    let mut cut_before = false;
    for (n, c) in text[..head_end].chars().rev().enumerate() {
        if c == '\n' {
            break;
        }
        if n == SNIPPET_CONTEXT {
            cut_before = true;
            break;
        }
        before_rev.push(c);
    }
    let mut after = String::new();
    let mut cut_after = false;
    let tail = &text[end..];
    let mut taken = 0;
    let mut i = 0;
    while i < tail.len() && !at_line_end(tail, i) {
        let run_end = if tail[i..].starts_with('\r') {
            i + tail[i..].len() - tail[i..].trim_start_matches('\r').len()
        } else {
            i + tail[i..].chars().next().map_or(1, char::len_utf8)
        };
        for c in tail[i..run_end].chars() {
            if taken == SNIPPET_CONTEXT {
                cut_after = true;
                break;
            }
            after.push(c);
            taken += 1;
        }
        if cut_after {
            break;
        }
        i = run_end;
    }
    Snippet {
        cut_before,
        cut_after,
        before: before_rev.chars().rev().collect(),
        after,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The snippet by its definition: the whole lines holding `start` and `end`, cut.
    fn reference(text: &str, start: usize, end: usize) -> Snippet {
        let line_at = |at: usize| {
            let s = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let e = text[at..].find('\n').map_or(text.len(), |i| at + i);
            (s, text[s..e].trim_end_matches('\r'))
        };
        let (first_start, first) = line_at(start);
        let (last_start, last) = line_at(end);
        let head = &first[..(start - first_start).min(first.len())];
        let tail = &last[(end - last_start).min(last.len())..];
        let before_rev: String = head.chars().rev().take(SNIPPET_CONTEXT).collect();
        let after: String = tail.chars().take(SNIPPET_CONTEXT).collect();
        Snippet {
            cut_before: before_rev.len() < head.len(),
            cut_after: after.len() < tail.len(),
            before: before_rev.chars().rev().collect(),
            after,
        }
    }

    #[test]
    fn snippets_read_only_the_neighbourhood_but_match_whole_lines() {
        let long = "শব্দ ".repeat(40);
        let texts = [
            "ab\r\ncd\r\r\nef\r".to_string(),
            format!("{long}\n{long}\r\n{long}"),
            format!("x\r\r{long}\r\ry\n\r"),
            "\n\n\r\n".to_string(),
            long.clone(),
        ];
        for text in &texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (k, &start) in bounds.iter().enumerate() {
                for &end in bounds[k..].iter().step_by(7) {
                    let (got, want) = (snippet(text, start, end), reference(text, start, end));
                    assert_eq!(
                        (got.cut_before, got.cut_after, got.before, got.after),
                        (want.cut_before, want.cut_after, want.before, want.after),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }
}
