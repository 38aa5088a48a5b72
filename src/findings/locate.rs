//! Hits to findings: each hit's span becomes positions in the input (line, column, byte and
//! character offsets, from its segment's own position), its rule's message is filled, and it
//! gets a fingerprint and a snippet. The project's allow-list drops it, its baseline sets it
//! aside, its severity overrides apply.

use unicode_normalization::UnicodeNormalization;

use super::fingerprint::Fingerprints;
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

/// Locate the hits `found` (sorted by paragraph) of `rules` in `segments` of the document at
/// `path` (relative to the project's root, for the baseline). With `per_segment`, every segment
/// is its own document for fingerprints.
pub fn locate(
    segments: &[Segment],
    found: Vec<Found>,
    rules: &[&crate::rules::Rule],
    filter: &Filter,
    path: &str,
    per_segment: bool,
) -> Located {
    let mut out = Located {
        paragraphs: vec![Vec::new(); segments.len()],
        baselined: Vec::new(),
        suppressed: 0,
    };
    let mut prints = Fingerprints::default();
    let mut last_paragraph = None;
    let mut i = 0;
    while i < found.len() {
        let p = found[i].paragraph;
        let j = i + found[i..].iter().take_while(|f| f.paragraph == p).count();
        if per_segment && last_paragraph.is_some_and(|l| l != p) {
            prints = Fingerprints::default();
        }
        last_paragraph = Some(p);
        let segment = &segments[p];
        let group = &found[i..j];
        let offsets: Vec<usize> = group
            .iter()
            .flat_map(|f| [f.hit.span.start, f.hit.span.end])
            .collect();
        let positions = segment.positions(&offsets);
        for (k, f) in group.iter().enumerate() {
            let text = &segment.text[f.hit.span.start..f.hit.span.end];
            let norm: String = text.trim().nfc().collect();
            if !norm.is_empty() && filter.allow.contains(&norm) {
                continue;
            }
            let rule = rules[f.rule];
            if let Some(u) = segment.unit.as_deref()
                && u.ignore.iter().any(|(id, _)| rule.answers_to(id))
            {
                out.suppressed += 1;
                continue;
            }
            let finding = make(
                segment,
                rule,
                filter,
                f,
                (positions[2 * k], positions[2 * k + 1]),
                &mut prints,
            );
            if filter
                .baseline
                .as_ref()
                .is_some_and(|b| b.accepts(path, &finding.fingerprint))
            {
                out.baselined.push(finding);
            } else {
                out.paragraphs[p].push(finding);
            }
        }
        i = j;
    }
    for findings in &mut out.paragraphs {
        findings.sort_by(|x, y| (x.start, x.end, &x.rule).cmp(&(y.start, y.end, &y.rule)));
        findings.dedup_by(|x, y| x.start == y.start && x.end == y.end && x.rule == y.rule);
        keep_source_aware(findings);
        keep_loops(findings);
    }
    out
}

/// Whether a finding compares its unit's target with the source (kinds of the `source-`
/// family).
fn source_aware(f: &Finding) -> bool {
    f.kind.starts_with("source-")
}

/// One finding per defect: a target-only finding inside a source-aware finding of the same
/// category (a copied source span that is also a stray foreign word) gives way to it.
fn keep_source_aware(findings: &mut Vec<Finding>) {
    if !findings.iter().any(source_aware) {
        return;
    }
    let covering: Vec<(usize, usize, String)> = findings
        .iter()
        .filter(|f| source_aware(f))
        .map(|f| (f.start, f.end, f.category.clone()))
        .collect();
    findings.retain(|f| {
        source_aware(f)
            || !covering
                .iter()
                .any(|(s, e, c)| *c == f.category && *s <= f.start && f.end <= *e)
    });
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

fn make(
    segment: &Segment,
    rule: &Rule,
    filter: &Filter,
    f: &Found,
    (start, end): (crate::input::Position, crate::input::Position),
    prints: &mut Fingerprints,
) -> Finding {
    let (a, b) = (f.hit.span.start, f.hit.span.end);
    let text = &segment.text[a..b];
    Finding {
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
        fingerprint: match segment.unit.as_deref() {
            Some(u) => prints.of_unit(rule.fingerprint_id(), &u.id, &segment.text[a..b]),
            None => prints.next(rule.fingerprint_id(), &segment.text, a, b),
        },
        unit: segment.unit.as_ref().map(|u| u.id.clone()),
        snippet: snippet(&segment.text, a, b),
        char_start: start.char_offset,
        char_end: end.char_offset,
        byte_column: start.byte_column,
        end_byte_column: end.byte_column,
        span: (a, b),
    }
}

/// The line of `text` holding byte `at` (a `\n` right before `at` starts a new line), without
/// its line break and a CR before it.
fn line_at(text: &str, at: usize) -> (usize, &str) {
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    (start, text[start..end].trim_end_matches('\r'))
}

/// The finding's neighbourhood on its first and last lines.
fn snippet(text: &str, start: usize, end: usize) -> Snippet {
    let (first_start, first) = line_at(text, start);
    let (last_start, last) = line_at(text, end);
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
