//! The pipeline for one document: analysed paragraphs -> hits of every active rule ->
//! findings with file positions -> scores. Pure: the same input and settings give the same
//! report.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobMatcher};
use rayon::prelude::*;
use regex::{RegexSet, RegexSetBuilder};
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use crate::checks::{Context, DocHit, Hit};
use crate::config::{Config, FailOn};
use crate::error::{Error, ErrorKind};
use crate::input::Document;
use crate::report::{
    FileReport, Finding, PackRef, ParagraphReport, Report, RuleInfo, SNIPPET_CONTEXT, Scoring,
    Snippet, Summary,
};
use crate::rules::{Lexicon, Pack, Rule, Severity};
use crate::score::{self, Weights, round2};
use crate::text::script::{is_unspaced, script_name};
use crate::text::{Analysis, dominant_script, language};
use unicode_script::Script;

/// What is known of a text beyond one document of it.
#[derive(Debug, Clone)]
pub struct Known {
    pub language: String,
    pub script: Option<unicode_script::Script>,
}

/// Settings that shape a run, merged from `mtqc.toml` and the command line.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub language: Option<String>,
    pub packs: Option<Vec<String>>,
    pub disabled: BTreeSet<String>,
    pub severity: BTreeMap<String, Severity>,
    pub allow: Vec<String>,
    pub weights: Weights,
    pub fail_on: Option<FailOn>,
    pub fail_under: Option<f64>,
    pub segments: bool,
    pub paths: Vec<PathRule>,
    /// Fingerprints of accepted findings (`--baseline`).
    pub baseline: Option<BTreeSet<String>>,
}

/// Per-path settings of `mtqc.toml`.
#[derive(Debug, Clone)]
pub struct PathRule {
    pub glob: GlobMatcher,
    pub language: Option<String>,
    pub packs: Option<Vec<String>>,
    pub disabled: Vec<String>,
}

impl Settings {
    pub fn from_config(c: &Config) -> Settings {
        Settings {
            language: c.language.clone(),
            packs: c.packs.clone(),
            disabled: c.disable.iter().cloned().collect(),
            severity: c.severity.clone(),
            allow: c.allow.iter().map(|w| w.nfc().collect()).collect(),
            weights: c.weights.unwrap_or_default(),
            fail_on: c.fail_on,
            fail_under: c.fail_under,
            segments: c.segments.unwrap_or(false),
            paths: c
                .paths
                .iter()
                .filter_map(|p| {
                    Some(PathRule {
                        glob: Glob::new(&p.glob).ok()?.compile_matcher(),
                        language: p.language.clone(),
                        packs: p.packs.clone(),
                        disabled: p.disable.clone(),
                    })
                })
                .collect(),
            baseline: None,
        }
    }

    pub fn fail_on(&self) -> FailOn {
        self.fail_on.unwrap_or(FailOn::Major)
    }
}

pub struct Engine {
    pub packs: Vec<Pack>,
    pub settings: Settings,
    gate: Gate,
    active: Mutex<HashMap<ActiveKey, Arc<Active>>>,
}

/// What decides which rules run on a document: its language and the indices of the
/// `[[path]]` entries its path matches.
type ActiveKey = (String, Vec<usize>);

/// The rules (pack index, rule index) that run on a kind of document, and their language data.
struct Active {
    rules: Vec<(usize, usize)>,
    lexicon: Arc<Lexicon>,
}

/// One multi-pattern scan (a RegexSet of every gated rule's regex) tells which gated rules can
/// fire in a paragraph; the others are skipped there.
struct Gate {
    set: RegexSet,
    /// Rule id -> index in `set`.
    index: BTreeMap<String, usize>,
}

impl Gate {
    fn new(packs: &[Pack]) -> Gate {
        let gated: Vec<(&str, &str)> = packs
            .iter()
            .flat_map(|p| &p.rules)
            .filter_map(|r| r.check.gate().map(|g| (r.id.as_str(), g)))
            .collect();
        // Each regex compiled alone within the pack limits; together they may exceed them, in
        // which case there is no gate and every rule runs (same results, more work).
        let set = RegexSetBuilder::new(gated.iter().map(|(_, g)| *g))
            .size_limit(crate::checks::pattern::REGEX_SIZE_LIMIT * 8)
            .build()
            .unwrap_or_else(|_| RegexSet::empty());
        let index = if set.len() == gated.len() {
            gated
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (id.to_string(), i))
                .collect()
        } else {
            BTreeMap::new()
        };
        Gate { set, index }
    }
}

/// What one rule found in one paragraph.
struct Found {
    paragraph: usize,
    rule: usize,
    hit: Hit,
}

impl Engine {
    /// Check that every rule id the settings name exists, and build the engine.
    pub fn new(packs: Vec<Pack>, settings: Settings) -> Result<Engine, Error> {
        let mut ids = BTreeSet::new();
        for r in packs.iter().flat_map(|p| &p.rules) {
            if !ids.insert(r.id.as_str()) {
                return Err(Error::new(
                    ErrorKind::RulePack,
                    format!("{}: duplicate rule id `{}`", r.origin, r.id),
                ));
            }
        }
        let pack_ids: BTreeSet<&str> = packs.iter().map(|p| p.info.id.as_str()).collect();
        if pack_ids.len() != packs.len() {
            return Err(Error::new(
                ErrorKind::RulePack,
                "two rule packs have the same id",
            ));
        }
        let named = settings
            .disabled
            .iter()
            .chain(settings.severity.keys())
            .chain(settings.paths.iter().flat_map(|p| &p.disabled));
        for id in named {
            if !ids.contains(id.as_str()) {
                return Err(Error::usage(format!(
                    "unknown rule `{id}` (see `mtqc rules list`)"
                )));
            }
        }
        let wanted = settings
            .packs
            .iter()
            .flatten()
            .chain(settings.paths.iter().flat_map(|p| p.packs.iter().flatten()));
        for p in wanted {
            if !pack_ids.contains(p.as_str()) {
                return Err(Error::usage(format!("unknown pack `{p}`")));
            }
        }
        let gate = Gate::new(&packs);
        Ok(Engine {
            packs,
            settings,
            gate,
            active: Mutex::new(HashMap::new()),
        })
    }

    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.packs.iter().flat_map(|p| &p.rules)
    }

    pub fn severity_of(&self, rule: &Rule) -> Severity {
        *self
            .settings
            .severity
            .get(&rule.id)
            .unwrap_or(&rule.severity)
    }

    /// The rules that run on a document of `language` at `path`, and the language data of
    /// their packs. Worked out once per language and set of matching `[[path]]` entries, then
    /// shared: a stream of segments asks for it once per segment.
    fn active(&self, language: &str, path: &str) -> (Vec<&Rule>, Arc<Lexicon>) {
        let matching: Vec<usize> = (0..self.settings.paths.len())
            .filter(|&i| self.settings.paths[i].glob.is_match(path))
            .collect();
        let key = (language.to_string(), matching);
        let cached = self
            .active
            .lock()
            .ok()
            .and_then(|cache| cache.get(&key).cloned());
        let active = cached.unwrap_or_else(|| {
            let made = Arc::new(self.make_active(language, &key.1));
            if let Ok(mut cache) = self.active.lock() {
                cache.insert(key, Arc::clone(&made));
            }
            made
        });
        let rules = active
            .rules
            .iter()
            .map(|&(p, r)| &self.packs[p].rules[r])
            .collect();
        (rules, Arc::clone(&active.lexicon))
    }

    fn make_active(&self, language: &str, matching: &[usize]) -> Active {
        let mut packs = self.settings.packs.clone();
        let mut disabled: BTreeSet<&str> =
            self.settings.disabled.iter().map(String::as_str).collect();
        for p in matching.iter().map(|&i| &self.settings.paths[i]) {
            if p.packs.is_some() {
                packs = p.packs.clone();
            }
            disabled.extend(p.disabled.iter().map(String::as_str));
        }
        let active: Vec<usize> = (0..self.packs.len())
            .filter(|&i| {
                let p = &self.packs[i];
                match &packs {
                    Some(list) => list.contains(&p.info.id) && p.info.applies_to(language),
                    None => p.info.applies_to(language),
                }
            })
            .collect();
        let mut lexicon = Lexicon::default();
        for &p in &active {
            lexicon.merge(&self.packs[p].lexicon);
        }
        let rules = active
            .iter()
            .flat_map(|&p| (0..self.packs[p].rules.len()).map(move |r| (p, r)))
            .filter(|&(p, r)| !disabled.contains(self.packs[p].rules[r].id.as_str()))
            .collect();
        Active {
            rules,
            lexicon: Arc::new(lexicon),
        }
    }

    /// The language of a document: configured for its path or the run, else detected from
    /// its paragraphs in its dominant script.
    pub fn language_of(
        &self,
        path: &str,
        analyses: &[Analysis],
        dominant: Option<Script>,
    ) -> String {
        self.language_for(path).unwrap_or_else(|| {
            let paragraphs = analyses.iter().map(|a| (a.text, a.scripts.dominant()));
            language::detect_document(paragraphs, dominant)
                .map_or_else(|| "und".to_string(), |d| d.code)
        })
    }

    fn language_for(&self, path: &str) -> Option<String> {
        let by_path = self
            .settings
            .paths
            .iter()
            .rev()
            .find(|p| p.glob.is_match(path) && p.language.is_some());
        by_path
            .and_then(|p| p.language.clone())
            .or_else(|| self.settings.language.clone())
    }

    /// Check one document.
    pub fn check(&self, doc: &Document) -> FileReport {
        self.check_with(doc, None)
    }

    /// The language and script of the text this document belongs to, when known from more
    /// than the document (a stream of segments): `known` wins over detection.
    pub fn check_with(&self, doc: &Document, known: Option<&Known>) -> FileReport {
        let (analyses, script) = analyse(doc);
        let language = match known {
            Some(k) => k.language.clone(),
            None => self.language_of(&doc.path, &analyses, script),
        };
        let (rules, lexicon) = self.active(&language, &doc.path);
        let ctx = Context {
            script: known.map_or(script, |k| k.script),
            language: language.clone(),
            lexicon,
        };
        let gates: Vec<Option<usize>> = rules
            .iter()
            .map(|r| self.gate.index.get(&r.id).copied())
            .collect();
        let found = find(
            &rules,
            &analyses,
            &ctx,
            self.settings.segments,
            Some((&self.gate.set, &gates[..])),
        );
        let unspaced = ctx.script.is_some_and(is_unspaced);
        self.file_report(doc, &analyses, &rules, found, language, &ctx, unspaced)
    }

    #[allow(clippy::too_many_arguments)]
    fn file_report(
        &self,
        doc: &Document,
        analyses: &[Analysis],
        rules: &[&Rule],
        found: Vec<Found>,
        language: String,
        ctx: &Context,
        unspaced: bool,
    ) -> FileReport {
        let threshold = self.settings.fail_on().threshold();
        let mut baselined_findings = Vec::new();
        let mut by_paragraph: Vec<Vec<Finding>> = vec![Vec::new(); analyses.len()];
        let mut occurrences: BTreeMap<u64, usize> = BTreeMap::new();
        for f in found {
            let rule = rules[f.rule];
            let para = &doc.paragraphs[f.paragraph];
            let text = &analyses[f.paragraph].text[f.hit.span.start..f.hit.span.end];
            let norm: String = text.trim().nfc().collect();
            if !norm.is_empty() && self.settings.allow.contains(&norm) {
                continue;
            }
            let finding = make_finding(
                doc,
                para,
                rule,
                self.severity_of(rule),
                &f.hit,
                &mut occurrences,
            );
            if self
                .settings
                .baseline
                .as_ref()
                .is_some_and(|b| b.contains(&finding.fingerprint))
            {
                baselined_findings.push(finding);
                continue;
            }
            by_paragraph[f.paragraph].push(finding);
        }
        let mut paragraphs = Vec::with_capacity(analyses.len());
        let (mut words, mut penalty, mut pass) = (0usize, 0.0f64, true);
        for (i, (a, mut findings)) in analyses.iter().zip(by_paragraph).enumerate() {
            findings.sort_by(|x, y| (x.start, x.end, &x.rule).cmp(&(y.start, y.end, &y.rule)));
            findings.dedup_by(|x, y| x.start == y.start && x.end == y.end && x.rule == y.rule);
            let w = count_words(a, unspaced);
            let p: f64 = findings
                .iter()
                .map(|f| self.settings.weights.of(f.severity))
                .sum();
            let ok = findings.iter().all(|f| f.severity < threshold);
            words += w;
            penalty += p;
            pass &= ok;
            paragraphs.push(ParagraphReport {
                index: i,
                line: doc.paragraphs[i].line,
                words: w,
                penalty: round2(p),
                score: round2(score::score(p, w)),
                pass: ok,
                findings,
                id: None,
                source: None,
                text: a.text.to_string(),
            });
        }
        let file_score = score::score(penalty, words);
        if let Some(t) = self.settings.fail_under {
            pass &= file_score >= t;
        }
        FileReport {
            path: doc.path.clone(),
            language,
            script: ctx.script.map(|s| script_name(s).to_string()),
            words,
            penalty: round2(penalty),
            score: round2(file_score),
            penalty_per_1000_words: round2(score::per_thousand(penalty, words)),
            pass,
            paragraphs,
            baselined: baselined_findings.len(),
            baselined_findings,
            rules: rules.iter().map(|r| r.id.clone()).collect(),
        }
    }

    /// Assemble the report of a run from its files' reports.
    pub fn report(&self, mut files: Vec<FileReport>) -> Report {
        // Sorted by path: the report is the same whatever the order of the command line.
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut summary = Summary {
            files: files.len(),
            pass: true,
            ..Summary::default()
        };
        let mut penalty = 0.0;
        for f in &files {
            summary.paragraphs += f.paragraphs.len();
            summary.words += f.words;
            penalty += f.paragraphs.iter().map(|p| p.penalty).sum::<f64>();
            summary.pass &= f.pass;
            summary.baselined += f.baselined;
            for x in f.findings() {
                summary.findings.add(x.severity);
            }
        }
        summary.penalty = round2(penalty);
        summary.score = round2(score::score(penalty, summary.words));
        summary.penalty_per_1000_words = round2(score::per_thousand(penalty, summary.words));
        let ran: BTreeSet<&str> = files
            .iter()
            .flat_map(|f| &f.rules)
            .map(String::as_str)
            .collect();
        let mut rules: Vec<RuleInfo> = self
            .rules()
            .filter(|r| ran.contains(r.id.as_str()))
            .map(|r| RuleInfo {
                id: r.id.clone(),
                kind: r.kind,
                severity: self.severity_of(r),
                category: r.category.clone(),
                message: r.message.clone(),
                doc: r.doc.clone(),
            })
            .collect();
        rules.sort_by(|a, b| a.id.cmp(&b.id));
        Report {
            version: 1,
            mtqc_version: env!("CARGO_PKG_VERSION"),
            packs: self
                .packs
                .iter()
                .map(|p| PackRef {
                    id: p.info.id.clone(),
                    version: p.info.version.clone(),
                })
                .collect(),
            config_hash: self.config_hash(),
            scoring: Scoring {
                model: score::MODEL,
                weights: self.settings.weights,
                fail_on: self.settings.fail_on().as_str().to_string(),
                fail_under: self.settings.fail_under,
            },
            files,
            summary,
            rules,
        }
    }

    /// A hash of everything that shapes findings and scores, so two reports can be compared.
    fn config_hash(&self) -> String {
        let s = &self.settings;
        let mut text = format!(
            "{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{:?}|{}",
            s.language,
            s.packs,
            s.disabled,
            s.severity,
            s.allow,
            s.weights,
            s.fail_on,
            s.fail_under,
            s.segments
        );
        for p in &self.packs {
            text.push_str(&format!(
                "|{}@{}:{}",
                p.info.id,
                p.info.version,
                p.rules.len()
            ));
        }
        format!("{:016x}", fnv1a(text.as_bytes()))
    }
}

/// Words as MQM counts them: whitespace tokens, or UAX #29 words for unspaced scripts.
fn count_words(a: &Analysis, unspaced: bool) -> usize {
    if unspaced {
        a.text.unicode_words().count()
    } else {
        a.whitespace_tokens
    }
}

/// Run rules over analysed paragraphs. With `segments`, document rules see one paragraph at a
/// time.
/// Rules gated by a RegexSet: the set, and each rule's index in it (`None`: not gated).
type Gating<'a> = Option<(&'a RegexSet, &'a [Option<usize>])>;

fn find(
    rules: &[&Rule],
    analyses: &[Analysis],
    ctx: &Context,
    segments: bool,
    gating: Gating,
) -> Vec<Found> {
    // Paragraph rules: every paragraph on its own, on all threads.
    let mut found: Vec<Found> = analyses
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, a)| {
            let mut hits = Vec::new();
            let mut out = Vec::new();
            let open = gating.map(|(set, _)| set.matches(a.text));
            for (r, rule) in rules.iter().enumerate() {
                if let (Some(open), Some((_, gates))) = (&open, gating)
                    && let Some(g) = gates[r]
                    && !open.matched(g)
                {
                    continue;
                }
                rule.check.paragraph(a, ctx, &mut hits);
                out.extend(hits.drain(..).map(|hit| Found {
                    paragraph: i,
                    rule: r,
                    hit,
                }));
            }
            out
        })
        .collect();
    // Document rules see the whole document, or one segment at a time (segments on all
    // threads).
    let mut doc_hits = Vec::new();
    for (r, rule) in rules.iter().enumerate() {
        if segments {
            found.par_extend((0..analyses.len()).into_par_iter().flat_map_iter(|i| {
                let mut hits = Vec::new();
                rule.check.document(&analyses[i..=i], ctx, &mut hits);
                hits.into_iter().map(move |d: DocHit| Found {
                    paragraph: i,
                    rule: r,
                    hit: d.hit,
                })
            }));
        } else {
            rule.check.document(analyses, ctx, &mut doc_hits);
            found.extend(doc_hits.drain(..).map(|d| Found {
                paragraph: d.paragraph,
                rule: r,
                hit: d.hit,
            }));
        }
    }
    // One order whatever the threads did: by position, then rule.
    found.sort_by_key(|f| (f.paragraph, f.hit.span.start, f.hit.span.end, f.rule));
    found
}

/// Analyse every paragraph (on all threads) and find the document's script.
fn analyse(doc: &Document) -> (Vec<Analysis<'_>>, Option<Script>) {
    let analyses: Vec<Analysis> = doc
        .paragraphs
        .par_iter()
        .map(|p| Analysis::new(doc.paragraph_text(p)))
        .collect();
    let script = dominant_script(&analyses);
    (analyses, script)
}

/// Run the given rules over one text (paragraph per line) and return their hits as
/// (paragraph text, hit) pairs; used by `mtqc rules test`.
pub fn hits_in(
    rules: &[&Rule],
    text: &str,
    language: &str,
    lexicon: &Lexicon,
) -> Vec<(String, Hit)> {
    let doc = Document::from_text(
        "<example>",
        text.to_string(),
        0,
        crate::input::ParagraphMode::Line,
    );
    let (analyses, script) = analyse(&doc);
    let ctx = Context {
        script,
        language: language.to_string(),
        lexicon: Arc::new(lexicon.clone()),
    };
    find(rules, &analyses, &ctx, false, None)
        .into_iter()
        .map(|f| (analyses[f.paragraph].text.to_string(), f.hit))
        .collect()
}

fn render_message(template: &str, text: &str, hit: &Hit) -> String {
    let mut m = template.replace("{match}", text);
    for (k, v) in &hit.vars {
        m = m.replace(&format!("{{{k}}}"), v);
    }
    m
}

/// Characters of context on each side that anchor a fingerprint.
const FINGERPRINT_CONTEXT: usize = 12;

/// Context for a fingerprint: NFC, whitespace runs as one space, trimmed, so re-wrapping a
/// paragraph does not change it.
fn normalised(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    for c in chars.take(FINGERPRINT_CONTEXT * 2) {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim().nfc().take(FINGERPRINT_CONTEXT).collect()
}

fn make_finding(
    doc: &Document,
    para: &crate::input::ParagraphRef,
    rule: &Rule,
    severity: Severity,
    hit: &Hit,
    occurrences: &mut BTreeMap<u64, usize>,
) -> Finding {
    let start = para.start + hit.span.start;
    let end = para.start + hit.span.end;
    let text = &doc.text[start..end];
    let (line, column) = doc.line_column(start);
    let (end_line, end_column) = doc.line_column(end);
    // The fingerprint reads context inside the paragraph only, so reordering paragraphs or
    // editing other paragraphs leaves it alone.
    let before_rev = normalised(doc.text[para.start..start].chars().rev());
    let before: String = before_rev.chars().rev().collect();
    let after = normalised(doc.text[end..para.end].chars());
    let flagged: String = text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect();
    let anchor = fnv1a(format!("{}\0{flagged}\0{before}\0{after}", rule.id).as_bytes());
    let n = occurrences.entry(anchor).or_insert(0);
    let fingerprint = format!("{:016x}", fnv1a(format!("{anchor:x}\0{n}").as_bytes()));
    *n += 1;
    Finding {
        rule: rule.id.clone(),
        kind: rule.kind,
        severity,
        category: rule.category.clone(),
        message: render_message(&rule.message, text, hit),
        line,
        column,
        end_line,
        end_column,
        text: text.to_string(),
        start: doc.bom + start,
        end: doc.bom + end,
        suggestion: hit.suggestion.clone(),
        fingerprint,
        snippet: snippet(doc, start, end),
        char_start: doc.char_offset(start),
        char_end: doc.char_offset(end),
        byte_column: doc.byte_column(start),
        end_byte_column: doc.byte_column(end),
        span: (hit.span.start, hit.span.end),
    }
}

/// The finding's neighbourhood on its first and last lines.
fn snippet(doc: &Document, start: usize, end: usize) -> Snippet {
    let (line, _) = doc.line_column(start);
    let (end_line, _) = doc.line_column(end);
    let first = doc.line_text(line);
    let last = doc.line_text(end_line);
    let line_start = first.as_ptr() as usize - doc.text.as_ptr() as usize;
    let last_start = last.as_ptr() as usize - doc.text.as_ptr() as usize;
    let head = &doc.text[line_start..start.max(line_start).min(line_start + first.len())];
    let tail_from = end.clamp(last_start, last_start + last.len()) - last_start;
    let tail = &last[tail_from..];
    let before_rev: String = head.chars().rev().take(SNIPPET_CONTEXT).collect();
    let after: String = tail.chars().take(SNIPPET_CONTEXT).collect();
    Snippet {
        cut_before: before_rev.len() < head.len(),
        cut_after: after.len() < tail.len(),
        before: before_rev.chars().rev().collect(),
        after,
    }
}

/// FNV-1a, 64 bits: a stable hash for fingerprints (the same on every platform and release).
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::ParagraphMode;

    /// The RegexSet gate is a fast path: with it and without it, the same hits.
    #[test]
    fn the_gate_changes_no_result() {
        let engine =
            Engine::new(crate::rules::load_embedded().unwrap(), Settings::default()).unwrap();
        assert!(!engine.gate.index.is_empty(), "pattern rules are gated");
        let texts = [
            include_str!("../tests/fixtures/bn-news-mt.txt"),
            include_str!("../tests/fixtures/tico19-bn-sample.txt"),
            "পুতিন  বলেন । হাসপাতাল -গুলো পূর্ণ।\rএবং \nশেষ। ",
        ];
        let mut fired = 0;
        for text in texts {
            for mode in [ParagraphMode::Line, ParagraphMode::BlankLine] {
                let doc = Document::from_text("t", text.to_string(), 0, mode);
                let (analyses, script) = analyse(&doc);
                let (rules, lexicon) = engine.active("bn", "t");
                let ctx = Context {
                    script,
                    language: "bn".into(),
                    lexicon,
                };
                let gates: Vec<Option<usize>> = rules
                    .iter()
                    .map(|r| engine.gate.index.get(&r.id).copied())
                    .collect();
                let key = |f: &Found| (f.paragraph, f.rule, f.hit.span, f.hit.suggestion.clone());
                let gated: Vec<_> = find(
                    &rules,
                    &analyses,
                    &ctx,
                    false,
                    Some((&engine.gate.set, &gates)),
                )
                .iter()
                .map(key)
                .collect();
                let plain: Vec<_> = find(&rules, &analyses, &ctx, false, None)
                    .iter()
                    .map(key)
                    .collect();
                assert_eq!(gated, plain);
                fired += plain.len();
            }
        }
        assert!(fired > 20, "the texts make rules fire");
    }

    /// The document's language and script come from most of its paragraphs: one long
    /// untranslated paragraph among short native ones is the foreign one.
    #[test]
    fn one_long_foreign_paragraph_does_not_change_the_document_language() {
        let engine =
            Engine::new(crate::rules::load_embedded().unwrap(), Settings::default()).unwrap();
        let text = "আকাশে মেঘ করেছে।\nনদীর জল বাড়ছে।\nগ্রামে বৃষ্টি নামল।\n\
            The health ministry said on Tuesday that the number of new infections had fallen \
            for the third week in a row, although hospitals in the north were still under \
            heavy pressure and more staff would be needed before the winter.\n\
            মাঠে ধান পেকেছে।\nসবাই ঘরে ফিরল।\n";
        let doc = Document::from_text("t", text.to_string(), 0, ParagraphMode::Line);
        let report = engine.check(&doc);
        assert_eq!(report.language, "bn");
        let flagged: Vec<usize> = report
            .paragraphs
            .iter()
            .filter(|p| {
                p.findings
                    .iter()
                    .any(|f| f.rule == "common.foreign-paragraph")
            })
            .map(|p| p.index)
            .collect();
        assert_eq!(flagged, [3]);

        // Nor do a few short captions and links among long native paragraphs.
        let long = "রাশিয়ার রাষ্ট্রপতি ভ্লাদিমির পুতিন উত্তর কোরিয়ার নেতা কিম জং উনকে একটি চিঠি পাঠিয়েছেন, যেখানে তিনি দুই দেশের সম্পর্ক আরও দৃঢ় করার অঙ্গীকার করেছেন এবং সামরিক সহযোগিতার প্রশংসা করেছেন।";
        let text = format!(
            "{long}\nPhoto: Reuters\n{long}\nSource: KCNA\nhttps://example.org/news/2025/08/15\n"
        );
        let doc = Document::from_text("t", text, 0, ParagraphMode::Line);
        let report = engine.check(&doc);
        assert_eq!(report.language, "bn");
        assert!(
            report
                .findings()
                .all(|f| f.rule != "common.foreign-paragraph")
        );
    }
}
