//! Hits to findings: each hit's span becomes positions in the input (line, column, byte and
//! character offsets, from its segment's own position), its rule's message is filled, and it
//! gets a fingerprint and a snippet. The project's allow-list drops it, its baseline sets it
//! aside, its severity overrides apply.

use unicode_normalization::UnicodeNormalization;

use rayon::prelude::*;

use super::fingerprint::{Anchor, Fingerprints, Print};
use super::{Filter, Finding, SNIPPET_CONTEXT, Snippet};
use crate::engine::Found;
use crate::input::Segment;
use crate::rules::Rule;
use crate::text::Span;

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
    /// The target language the document's file declares (for the baseline).
    language: Option<&'a str>,
    per_segment: bool,
    prints: Fingerprints,
    last_paragraph: Option<usize>,
}

impl<'a> Locator<'a> {
    pub fn new(
        rules: &'a [&'a crate::rules::Rule],
        filter: &'a Filter,
        path: &'a str,
        language: Option<&'a str>,
        per_segment: bool,
    ) -> Locator<'a> {
        Locator {
            rules,
            filter,
            path,
            language,
            per_segment,
            prints: Fingerprints::default(),
            last_paragraph: None,
        }
    }

    /// Locate the hits `found` (sorted by paragraph) in `segments`, the paragraphs numbered
    /// from `first`; every hit is in one of them. Each paragraph's hits are weighed on all
    /// threads, numbered in document order (fingerprints count occurrences), then ordered,
    /// de-duplicated and capped; only the findings a report lists are made, so a paragraph of
    /// a million hits costs a few words a hit, not a finding a hit.
    pub fn locate(&mut self, segments: &[Segment], first: usize, found: &[Found]) -> Located {
        let groups: Vec<&[Found]> = found.chunk_by(|x, y| x.paragraph == y.paragraph).collect();
        let weighed: Vec<_> = groups
            .par_iter()
            .map(|group| self.pending(&segments[group[0].paragraph - first], group))
            .collect();
        let mut listed = vec![Vec::new(); segments.len()];
        let mut accepted = vec![Vec::new(); segments.len()];
        let mut group_of = vec![0; segments.len()];
        let mut suppressed = 0;
        for (g, (mut pending, ignored)) in weighed.into_iter().enumerate() {
            let p = groups[g][0].paragraph;
            if self.per_segment && self.last_paragraph.is_some_and(|l| l != p) {
                self.prints = Fingerprints::default();
            }
            self.last_paragraph = Some(p);
            suppressed += ignored;
            group_of[p - first] = g;
            for x in &mut pending {
                x.print = self.prints.number(x.print.anchor());
            }
            if let Some(baseline) = &self.filter.baseline {
                let accepts = |x: &Pending| {
                    baseline.accepts(self.path, self.language, &x.print.fingerprint())
                };
                accepted[p - first] = pending.extract_if(.., |x| accepts(x)).collect();
            }
            listed[p - first] = pending;
        }
        let made: Vec<(Vec<Finding>, Vec<Finding>)> = listed
            .into_par_iter()
            .zip(accepted)
            .enumerate()
            .map(|(i, (listed, accepted))| {
                if listed.is_empty() && accepted.is_empty() {
                    return Default::default();
                }
                let (segment, group) = (&segments[i], groups[group_of[i]]);
                let (listed, rest) = self.listed(segment, group, listed);
                (
                    self.make(segment, group, &listed, rest),
                    self.make(segment, group, &accepted, None),
                )
            })
            .collect();
        let (paragraphs, baselined): (Vec<_>, Vec<_>) = made.into_iter().unzip();
        Located {
            paragraphs,
            baselined: baselined.into_iter().flatten().collect(),
            suppressed,
        }
    }

    /// One paragraph's hits on their way to findings (the allow-list's and the unit's
    /// `mtqc-ignore` left out), in the order of the hits, and how many the unit suppressed.
    fn pending(&self, segment: &Segment, group: &[Found]) -> (Vec<Pending>, usize) {
        let spans: Vec<usize> = group
            .iter()
            .flat_map(|f| [f.hit.span.start, f.hit.span.end])
            .collect();
        let offsets = segment.input_offsets(&spans);
        let (mut out, mut suppressed) = (Vec::with_capacity(group.len()), 0);
        for (k, f) in group.iter().enumerate() {
            let (a, b) = (f.hit.span.start, f.hit.span.end);
            let text = &segment.text[a..b];
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
            let anchor = match segment.unit.as_deref() {
                Some(u) => Anchor::of_unit(rule.fingerprint_id(), &u.id, text),
                None => Anchor::in_text(rule.fingerprint_id(), &segment.text, a, b),
            };
            out.push(Pending {
                hit: k as u32,
                start: offsets[2 * k],
                end: offsets[2 * k + 1],
                rule: f.rule as u32,
                severity: self.filter.severity_of(&rule.id, rule.severity),
                print: Print::at(anchor),
            });
        }
        (out, suppressed)
    }

    /// The findings a paragraph lists, in order: by position then rule and message, one per
    /// rule, place and message, none that a graver finding holds (`keep_source_aware`,
    /// `keep_kind`, `keep_critical`), and past `MAX_PER_PARAGRAPH` the first left out, which
    /// stands for the rest (`Rest`).
    fn listed(
        &self,
        segment: &Segment,
        group: &[Found],
        mut pending: Vec<Pending>,
    ) -> (Vec<Pending>, Option<Rest>) {
        let rules = self.rules;
        let key = |x: &Pending| (x.start, x.end, x.rule(rules).id.as_str());
        pending.sort_by(|x, y| key(x).cmp(&key(y)));
        // Messages are compared only where place and rule are the same: two glossary terms
        // missing from one unit are two findings on the same (whole-unit) span.
        let mut findings = Vec::with_capacity(pending.len());
        for same in pending.chunk_by(|x, y| key(x) == key(y)) {
            if let [one] = same {
                findings.push(*one);
                continue;
            }
            let mut messages: Vec<(String, Pending)> = same
                .iter()
                .map(|x| (self.message(segment, x.found(group)), *x))
                .collect();
            messages.sort_by(|x, y| x.0.cmp(&y.0));
            messages.dedup_by(|x, y| x.0 == y.0);
            findings.extend(messages.into_iter().map(|(_, x)| x));
        }
        keep_source_aware(&mut findings, rules);
        keep_kind(&mut findings, rules, "encoding-mojibake");
        keep_kind(&mut findings, rules, "repetition-loop");
        keep_critical(&mut findings, rules);
        if findings.len() <= super::MAX_PER_PARAGRAPH {
            return (findings, None);
        }
        let rest = findings.split_off(super::MAX_PER_PARAGRAPH - 1);
        let mut named: std::collections::BTreeMap<&str, usize> = Default::default();
        let mut stands_for = [0usize; 3];
        for x in &rest {
            stands_for[x.severity as usize] += 1;
            *named.entry(x.rule(rules).id.as_str()).or_insert(0) += 1;
        }
        findings.push(rest[0]);
        let named: Vec<String> = named.iter().map(|(r, n)| format!("{r} ×{n}")).collect();
        let rest = Rest {
            count: rest.len(),
            worst: rest
                .iter()
                .map(|x| x.severity)
                .max()
                .unwrap_or(rest[0].severity),
            stands_for,
            named: named.join(", "),
        };
        (findings, Some(rest))
    }

    /// The message of a hit's finding.
    fn message(&self, segment: &Segment, f: &Found) -> String {
        let text = &segment.text[f.hit.span.start..f.hit.span.end];
        crate::template::render(&self.rules[f.rule].message, text, &f.hit.vars)
    }

    /// The findings of `pending` hits of one paragraph, their positions found in one walk of
    /// its text; with `rest`, the last stands for the hits left out (`Rest::finding`).
    fn make(
        &self,
        segment: &Segment,
        group: &[Found],
        pending: &[Pending],
        rest: Option<Rest>,
    ) -> Vec<Finding> {
        let spans: Vec<usize> = pending
            .iter()
            .flat_map(|x| [x.found(group).hit.span.start, x.found(group).hit.span.end])
            .collect();
        let positions = segment.positions(&spans);
        let mut findings: Vec<Finding> = pending
            .iter()
            .enumerate()
            .map(|(k, x)| {
                let (start, end) = (positions[2 * k], positions[2 * k + 1]);
                self.finding(segment, x.found(group), x, (start, end))
            })
            .collect();
        if let Some(rest) = rest
            && let Some(first) = findings.pop()
        {
            findings.push(rest.finding(first));
        }
        findings
    }

    /// A hit's finding.
    fn finding(
        &self,
        segment: &Segment,
        f: &Found,
        x: &Pending,
        (start, end): (crate::input::Position, crate::input::Position),
    ) -> Finding {
        let rule = self.rules[f.rule];
        let (a, b) = (f.hit.span.start, f.hit.span.end);
        let text = &segment.text[a..b];
        Finding {
            rule: rule.id.clone(),
            kind: rule.kind,
            severity: x.severity,
            category: rule.category.clone(),
            message: self.message(segment, f),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            text: text.to_string(),
            start: start.offset,
            end: end.offset,
            suggestion: f.hit.suggestion.clone(),
            fingerprint: x.print.fingerprint(),
            unit: segment.unit.as_ref().map(|u| u.id.clone()),
            stands_for: [0; 3],
            snippet: snippet(&segment.text, a, b),
            char_start: start.char_offset,
            char_end: end.char_offset,
            byte_column: start.byte_column,
            end_byte_column: end.byte_column,
            span: (a, b),
        }
    }
}

/// A hit on its way to a finding: what ordering, de-duplication, precedence and the cap
/// weigh, without the finding's text, message and snippet.
#[derive(Debug, Clone, Copy)]
struct Pending {
    /// Its index among its paragraph's hits.
    hit: u32,
    rule: u32,
    /// Where it starts and ends in the input (bytes).
    start: usize,
    end: usize,
    severity: crate::vocab::Severity,
    /// Its fingerprint: its anchor, numbered in document order.
    print: Print,
}

impl Pending {
    fn found<'g>(&self, group: &'g [Found]) -> &'g Found {
        &group[self.hit as usize]
    }

    fn rule<'r>(&self, rules: &[&'r Rule]) -> &'r Rule {
        rules[self.rule as usize]
    }
}

/// The findings a paragraph had past `MAX_PER_PARAGRAPH`.
struct Rest {
    count: usize,
    /// Their worst severity.
    worst: crate::vocab::Severity,
    /// How many of each severity.
    stands_for: [usize; 3],
    /// Their rules, each with how many.
    named: String,
}

impl Rest {
    /// Past `MAX_PER_PARAGRAPH` findings, one finding, at the first one left out (`first`),
    /// stands for the rest: it names how many of which rules, takes their worst severity, and
    /// they are scored.
    fn finding(self, first: Finding) -> Finding {
        Finding {
            rule: "mtqc.more-findings".into(),
            kind: "summary",
            severity: self.worst,
            message: format!(
                "{} more findings in this paragraph are not listed: {}",
                self.count, self.named
            ),
            suggestion: None,
            fingerprint: format!("{}-more", first.fingerprint),
            stands_for: self.stands_for,
            ..first
        }
    }
}

/// Most covering findings of a paragraph that `give_way` weighs others against: a paragraph
/// with more is left as it is (thousands of findings are not compared pair by pair).
const MAX_COVERING: usize = 16;

/// One finding per defect: a finding inside one that `covers`, of the same category and at
/// least as grave, is part of it and gives way to it (never a graver finding under a lighter
/// one: a minor `addition-by-length` over the whole unit leaves a major duplicated attribution
/// inside it standing).
fn give_way(findings: &mut Vec<Pending>, rules: &[&Rule], covers: impl Fn(&Pending) -> bool) {
    let category = |x: &Pending| x.rule(rules).category.as_str();
    let covering: Vec<&Pending> = findings
        .iter()
        .filter(|x| covers(x))
        .take(MAX_COVERING + 1)
        .collect();
    if covering.is_empty() || covering.len() > MAX_COVERING {
        return;
    }
    let covering: Vec<Pending> = covering.into_iter().copied().collect();
    findings.retain(|f| {
        covers(f)
            || !covering.iter().any(|c| {
                category(c) == category(f)
                    && c.start <= f.start
                    && f.end <= c.end
                    && c.severity >= f.severity
            })
    });
}

/// A finding inside a critical finding of its category gives way to it (a span copied from the
/// source inside a unit that is its source copied whole: `untranslated-span` gives way to
/// `untranslated-unit`).
fn keep_critical(findings: &mut Vec<Pending>, rules: &[&Rule]) {
    give_way(findings, rules, |x| {
        x.severity == crate::vocab::Severity::Critical
    });
}

/// A target-only finding inside a source-aware finding (kinds of the `source-` family) of its
/// category (a copied source span that is also a stray foreign word) gives way to it.
fn keep_source_aware(findings: &mut Vec<Pending>, rules: &[&Rule]) {
    give_way(findings, rules, |x| {
        x.rule(rules).kind.starts_with("source-")
    });
}

/// One finding per defect: what other rules find inside a finding of `kind` is part of it,
/// whatever its severity. A loop (`repetition-loop`) is one defect (each doubled word, a vowel
/// sign run twice, an attribution said in each copy are part of it), and so is text decoded in
/// the wrong encoding (`encoding-mojibake`: the `à` of `à¦¨à¦¤à§\u{81}à¦¨`, Bengali read as
/// Latin-1, is no loop).
/// (Spans joined where they touch, looked up by binary search: a paragraph of thousands of
/// loops costs no more a finding than one of a few.)
fn keep_kind(findings: &mut Vec<Pending>, rules: &[&Rule], kind: &str) {
    let of_kind = |x: &Pending| x.rule(rules).kind == kind;
    let spans: Vec<Span> = findings
        .iter()
        .filter(|x| of_kind(x))
        .map(|x| Span::new(x.start, x.end))
        .collect();
    if spans.is_empty() {
        return;
    }
    let spans = crate::text::merged(spans);
    findings.retain(|x| of_kind(x) || !crate::text::inside_any(&spans, Span::new(x.start, x.end)));
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
