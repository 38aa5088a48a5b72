//! `--format html`: the reviewer's report, one self-contained page (CSS and JavaScript inline,
//! nothing fetched; a Content-Security-Policy forbids every load): a summary (scores, the
//! gate's verdict and why, findings per severity, category and rule with an inline SVG chart),
//! then every paragraph with its score and its text, flagged spans highlighted in place, and
//! each finding as one element carrying `data-rule`, `data-severity`, `data-category`,
//! `data-paragraph` and `data-text`. Filters (kept in the URL fragment) and keyboard navigation
//! are in `html/report.js`.
//!
//! The page is a minijinja template (`html/report.html.j2`) with HTML auto-escaping of every
//! value; this file only prepares the data. Highlights are cut at grapheme-cluster boundaries
//! (UAX #29), so a conjunct or a vowel sign is never split from its letter. Invisible
//! characters (controls, zero-width and bidi formatting characters) are shown as badges with
//! their code point; a joiner inside a word (ZWJ, ZWNJ) is orthography and stays as it is.
//! Up to `EAGER_FINDINGS` findings every paragraph is in the page when it loads; beyond, the
//! rest is shipped as the text of `<script type="text/html">` blocks, which the browser scans
//! without building them, and the page's script builds each block as the reader gets to it
//! (and all of them, in idle time or when a filter or a key needs them); the page says so.
//! Every value in a block is escaped like the rest, so no `</script` can end one early.

use std::collections::BTreeMap;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};
use serde::Serialize;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
use unicode_segmentation::GraphemeCursor;

use super::{Counts, ParagraphReport, Report};
use crate::findings::Finding;
use crate::vocab::Severity;

const TEMPLATE: &str = include_str!("html/report.html.j2");
const CSS: &str = include_str!("html/report.css");
const JS: &str = include_str!("html/report.js");

/// Findings rendered with the page; the paragraphs after them are added as they are reached.
pub const EAGER_FINDINGS: usize = 10_000;
/// Paragraphs rendered with the page, counted over all files; beyond them, paragraphs without
/// findings are added as they are reached (a long clean document stays quick to open).
pub const EAGER_PARAGRAPHS: usize = 20_000;
/// Paragraphs per block: a block is laid out only when it nears the screen (CSS
/// `content-visibility: auto`, observed per block rather than per paragraph), and a lazy block
/// is added as a whole.
const BLOCK_PARAGRAPHS: usize = 25;

/// Languages written right to left (ISO 639-1 and 639-3 codes, as `FileReport::language`).
const RTL_LANGUAGES: &[&str] = &[
    "ar", "ara", "arb", "arz", "ckb", "dv", "div", "fa", "fas", "per", "pes", "prs", "he", "heb",
    "iw", "ps", "pus", "pbu", "sd", "snd", "ug", "uig", "ur", "urd", "yi", "yid", "ydd",
];

pub fn is_rtl(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    RTL_LANGUAGES.contains(&primary.to_ascii_lowercase().as_str())
}

super::renders_text!(Html, |report, cx| render(report));

pub fn render(report: &Report) -> String {
    render_with(report, EAGER_FINDINGS, EAGER_PARAGRAPHS)
}

/// `render` with other thresholds for the lazily added blocks (tests).
fn render_with(report: &Report, eager_findings: usize, eager_paragraphs: usize) -> String {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
    env.set_auto_escape_callback(|_| AutoEscape::Html);
    env.set_formatter(format_value);
    env.add_template("report.html", TEMPLATE)
        .expect("the report template parses");
    let page = page(report, eager_findings, eager_paragraphs);
    let ctx = Value::from(minijinja::value::Serde(page));
    env.get_template("report.html")
        .and_then(|t| t.render(ctx))
        .expect("the report template renders")
}

/// The formatter behind every `{{ … }}`: with HTML auto-escaping (always on for this page),
/// strings are escaped (`& < > " '`) and a carriage return is written as `&#13;`, because an
/// HTML parser turns a literal CR into a line feed (so `data-text` keeps a lone CR exactly).
/// Values marked safe (the page's own CSS and JavaScript), numbers and booleans are written as
/// minijinja writes them.
fn format_value(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(s) if !value.is_safe() && *state.auto_escape() == AutoEscape::Html => {
            out.write_str(&escape(s)).map_err(minijinja::Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// HTML escaping for text and quoted attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    out
}

#[derive(Serialize)]
struct Page {
    title: String,
    mtqc_version: &'static str,
    packs: String,
    config_hash: String,
    model: &'static str,
    weights: String,
    pass: bool,
    reasons: Vec<String>,
    gate: Vec<String>,
    score: String,
    penalty: String,
    per_thousand: String,
    files_n: usize,
    /// Files, paragraphs, words and findings, in words.
    subtitle: String,
    total: usize,
    total_text: String,
    severities: Vec<Tally>,
    categories: Vec<Count>,
    rules: Vec<RuleRow>,
    quiet_rules: Vec<String>,
    rule_chart: Chart,
    category_chart: Chart,
    files: Vec<FileView>,
    lazy: Option<String>,
    css: Value,
    js: Value,
}

#[derive(Serialize)]
struct Tally {
    name: String,
    count: usize,
    /// Geometry in the 0..100 severity bar.
    x: String,
    width: String,
}

#[derive(Serialize)]
struct Count {
    name: String,
    count: usize,
}

#[derive(Serialize)]
struct RuleRow {
    id: String,
    severity: &'static str,
    category: String,
    kind: String,
    count: usize,
    message: String,
    /// The doc's paragraphs (blank-line separated; the TOML's line breaks are reflowed).
    doc: Vec<Vec<MessagePart>>,
}

/// A horizontal bar chart: a row per item, its bar an inline SVG.
#[derive(Serialize)]
struct Chart {
    bars: Vec<Bar>,
}

#[derive(Serialize)]
struct Bar {
    label: String,
    count: usize,
    /// Severity class (rules) or `neutral` (categories).
    class: &'static str,
    /// Length of the bar, in percent of the longest.
    width: String,
}

#[derive(Serialize)]
struct FileView {
    n: usize,
    path: String,
    language: String,
    /// `lang` attribute of its texts, when the language is known.
    lang: Option<String>,
    rtl: bool,
    script: Option<String>,
    words: String,
    score: String,
    penalty: String,
    per_thousand: String,
    pass: bool,
    /// Paragraphs and words, in words.
    size: String,
    failing: usize,
    counts: Counts,
    blocks: Vec<Block>,
}

/// Consecutive paragraphs of a file: in the page (`lazy: false`), or as the text of a
/// `<script type="text/html">` that the page's script builds when the reader gets to it.
#[derive(Serialize)]
struct Block {
    lazy: bool,
    /// Height of the block before it is laid out (CSS pixels, an estimate).
    height: usize,
    findings: usize,
    paragraphs: Vec<ParaView>,
}

#[derive(Serialize)]
struct ParaView {
    index: usize,
    id: Option<String>,
    line: usize,
    words: usize,
    score: String,
    penalty: String,
    pass: bool,
    source: Option<Vec<Piece>>,
    segments: Vec<Segment>,
    findings: Vec<FindingView>,
}

/// A run of a paragraph's text covered by the same findings (none: plain text).
#[derive(Serialize)]
struct Segment {
    /// Only whitespace: the highlight is padded so that it shows.
    blank: bool,
    /// Numbers of the findings that cover it, space-separated (`data-f`); empty for none.
    f: String,
    /// The worst severity among them.
    sev: &'static str,
    pieces: Vec<Piece>,
}

/// Text (`t`), or one invisible character shown as a badge (`cp`, its code point in hex, and
/// `name`).
#[derive(Serialize, Debug, PartialEq)]
struct Piece {
    t: String,
    cp: Option<String>,
    name: Option<&'static str>,
}

#[derive(Serialize)]
struct FindingView {
    n: usize,
    rule: String,
    severity: &'static str,
    category: String,
    kind: &'static str,
    message: Vec<MessagePart>,
    text: String,
    /// The flagged text spelled out when it is invisible or blank (as the human report does).
    spelled: Option<String>,
    suggestion: Option<Vec<Piece>>,
    /// The suggestion spelled out when it is invisible or blank (` ` for a doubled space).
    suggestion_spelled: Option<String>,
    /// The suggestion is to delete the flagged text (an empty replacement).
    delete: bool,
    line: usize,
    column: usize,
}

/// A message is prose with code spans between backticks.
#[derive(Serialize)]
struct MessagePart {
    code: bool,
    pieces: Vec<Piece>,
}

fn fixed2(x: f64) -> String {
    format!("{x:.2}")
}

/// A number with thousands separators, as the page prints counts.
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// Short number for the SVG geometry.
fn num(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn page(report: &Report, eager_findings: usize, eager_paragraphs: usize) -> Page {
    let s = &report.summary;
    let total = s.findings.total();
    let scoring = &report.scoring;

    // Gate: the rule, and why the verdict is what it is.
    let mut gate = vec![match scoring.fail_on.as_str() {
        "never" => "fail on never: findings do not fail the gate (a critical finding still fails its paragraph)".to_string(),
        "critical" => "fail on critical: a paragraph with a critical finding fails".to_string(),
        s => format!("fail on {s}: a paragraph with a finding of severity {s} or worse fails (a critical finding always does)"),
    }];
    gate.push(match scoring.fail_under {
        Some(t) => format!("fail under {t}: a file whose score is below {t} fails"),
        None => "no score threshold (--fail-under is not set)".to_string(),
    });
    let failing: usize = report
        .files
        .iter()
        .map(|f| f.paragraphs.iter().filter(|p| !p.pass).count())
        .sum();
    let mut reasons = Vec::new();
    if failing > 0 {
        reasons.push(format!(
            "{} of {} fail{} (fail on {})",
            thousands(failing),
            plural(s.paragraphs, "paragraph", "paragraphs"),
            if failing == 1 { "s" } else { "" },
            scoring.fail_on
        ));
    }
    if let Some(t) = scoring.fail_under {
        for f in report.files.iter().filter(|f| f.score < t) {
            reasons.push(format!(
                "{} scores {}, under {t} (fail under)",
                f.path,
                fixed2(f.score)
            ));
        }
    }
    if reasons.is_empty() {
        reasons.push(match scoring.fail_under {
            Some(t) => format!("no paragraph fails and every file scores at least {t}"),
            None => "no paragraph fails".to_string(),
        });
    }

    // Tallies.
    let sev_counts = [
        ("critical", s.findings.critical),
        ("major", s.findings.major),
        ("minor", s.findings.minor),
    ];
    let mut x = 0.0;
    let severities = sev_counts
        .iter()
        .map(|&(name, count)| {
            let w = if total == 0 {
                0.0
            } else {
                100.0 * count as f64 / total as f64
            };
            let t = Tally {
                name: name.to_string(),
                count,
                x: num(x),
                width: num(w),
            };
            x += w;
            t
        })
        .collect();
    let mut by_category: BTreeMap<&str, usize> = BTreeMap::new();
    let mut by_rule: BTreeMap<&str, (usize, &Finding)> = BTreeMap::new();
    for (_, f) in report.findings() {
        *by_category.entry(&f.category).or_default() += 1;
        by_rule.entry(&f.rule).or_insert((0, f)).0 += 1;
    }
    let mut categories: Vec<Count> = by_category
        .iter()
        .map(|(name, &count)| Count {
            name: name.to_string(),
            count,
        })
        .collect();
    categories.sort_by(|a, b| b.count.cmp(&a.count).then(a.name.cmp(&b.name)));
    let info: BTreeMap<&str, &super::RuleInfo> =
        report.rules.iter().map(|r| (r.id.as_str(), r)).collect();
    let mut rules: Vec<RuleRow> = by_rule
        .iter()
        .map(|(id, &(count, first))| {
            let i = info.get(id);
            RuleRow {
                id: id.to_string(),
                severity: i.map_or(first.severity, |i| i.severity).as_str(),
                category: i.map_or(first.category.clone(), |i| i.category.clone()),
                kind: i.map_or(first.kind, |i| i.kind).to_string(),
                count,
                message: i.map_or(String::new(), |i| i.message.clone()),
                doc: i.map_or(Vec::new(), |i| reflow(&i.doc)),
            }
        })
        .collect();
    rules.sort_by(|a, b| b.count.cmp(&a.count).then(a.id.cmp(&b.id)));
    let quiet_rules = report
        .rules
        .iter()
        .filter(|r| !by_rule.contains_key(r.id.as_str()))
        .map(|r| r.id.clone())
        .collect();
    let rule_chart = chart(rules.iter().map(|r| (r.id.clone(), r.count, r.severity)));
    let category_chart = chart(
        categories
            .iter()
            .map(|c| (c.name.clone(), c.count, "neutral")),
    );

    // Files, paragraphs and findings.
    let mut n = 0usize;
    let mut paragraphs_seen = 0usize;
    let mut lazy_findings = 0usize;
    let mut lazy_paragraphs = 0usize;
    let files = report
        .files
        .iter()
        .enumerate()
        .map(|(i, file)| {
            let mut blocks: Vec<Block> = Vec::new();
            for p in &file.paragraphs {
                let lazy = n >= eager_findings
                    || (paragraphs_seen >= eager_paragraphs && p.findings.is_empty());
                paragraphs_seen += 1;
                let view = paragraph(p, &mut n);
                if lazy {
                    lazy_findings += view.findings.len();
                    lazy_paragraphs += 1;
                }
                let fresh = match blocks.last() {
                    Some(b) => b.lazy != lazy || b.paragraphs.len() >= BLOCK_PARAGRAPHS,
                    None => true,
                };
                if fresh {
                    blocks.push(Block {
                        lazy,
                        height: 0,
                        findings: 0,
                        paragraphs: Vec::new(),
                    });
                }
                let b = blocks.last_mut().expect("a block");
                b.findings += view.findings.len();
                b.height += estimated_height(p);
                b.paragraphs.push(view);
            }
            let mut counts = Counts::default();
            for f in file.findings() {
                counts.add(f.severity);
            }
            FileView {
                n: i,
                path: file.path.clone(),
                language: file.language.clone(),
                lang: (file.language != "und" && !file.language.is_empty())
                    .then(|| file.language.clone()),
                rtl: is_rtl(&file.language),
                script: file.script.clone(),
                words: thousands(file.words),
                score: fixed2(file.score),
                penalty: num(file.penalty),
                per_thousand: fixed2(file.penalty_per_1000_words),
                pass: file.pass,
                size: format!(
                    "{} · {}",
                    plural(file.paragraphs.len(), "paragraph", "paragraphs"),
                    plural(file.words, "word", "words")
                ),
                failing: file.paragraphs.iter().filter(|p| !p.pass).count(),
                counts,
                blocks,
            }
        })
        .collect();
    let lazy = (lazy_paragraphs > 0).then(|| {
        format!(
            "This report is large ({}, {}): the first {} findings are in the page as it opens; \
             the other {}, holding {}, are added as you scroll to them or step to them with the \
             keyboard. Counts and filters include them.",
            plural(total, "finding", "findings"),
            plural(s.paragraphs, "paragraph", "paragraphs"),
            thousands(total - lazy_findings),
            plural(lazy_paragraphs, "paragraph", "paragraphs"),
            plural(lazy_findings, "finding", "findings"),
        )
    });

    let title = if report.files.len() == 1 {
        report.files[0].path.clone()
    } else {
        plural(report.files.len(), "file", "files")
    };
    Page {
        title,
        mtqc_version: report.mtqc_version,
        packs: report
            .packs
            .iter()
            .map(|p| format!("{} {}", p.id, p.version))
            .collect::<Vec<_>>()
            .join(", "),
        config_hash: report.config_hash.clone(),
        model: scoring.model,
        weights: format!(
            "minor {}, major {}, critical {}",
            num(scoring.weights.minor),
            num(scoring.weights.major),
            num(scoring.weights.critical)
        ),
        pass: s.pass,
        reasons,
        gate,
        score: fixed2(s.score),
        penalty: num(s.penalty),
        per_thousand: fixed2(s.penalty_per_1000_words),
        files_n: s.files,
        subtitle: [
            plural(s.files, "file", "files"),
            plural(s.paragraphs, "paragraph", "paragraphs"),
            plural(s.words, "word", "words"),
            plural(total, "finding", "findings"),
        ]
        .join(" · "),
        total,
        total_text: thousands(total),
        severities,
        categories,
        rules,
        quiet_rules,
        rule_chart,
        category_chart,
        files,
        lazy,
        css: Value::from_safe_string(CSS.to_string()),
        js: Value::from_safe_string(JS.to_string()),
    }
}

/// A paragraph's height on a wide screen, roughly: header, text lines, findings.
fn estimated_height(p: &ParagraphReport) -> usize {
    let chars = p.text.chars().count() + p.source.as_deref().map_or(0, |s| s.chars().count());
    let lines = chars / 100 + 1;
    let findings: usize = p
        .findings
        .iter()
        .map(|f| 84 + if f.suggestion.is_some() { 24 } else { 0 })
        .sum();
    40 + 32 * lines + 24 + findings
}

fn chart(rows: impl Iterator<Item = (String, usize, &'static str)>) -> Chart {
    let rows: Vec<_> = rows.collect();
    let max = rows.iter().map(|r| r.1).max().unwrap_or(1).max(1);
    Chart {
        bars: rows
            .into_iter()
            .map(|(label, count, class)| Bar {
                label,
                count,
                class,
                width: num((100.0 * count as f64 / max as f64).max(1.0)),
            })
            .collect(),
    }
}

fn paragraph(p: &ParagraphReport, n: &mut usize) -> ParaView {
    let first = *n;
    *n += p.findings.len();
    let spans: Vec<(usize, (usize, usize), Severity)> = p
        .findings
        .iter()
        .enumerate()
        .map(|(k, f)| (first + k, f.span, f.severity))
        .collect();
    let findings = p
        .findings
        .iter()
        .enumerate()
        .map(|(k, f)| FindingView {
            n: first + k,
            rule: f.rule.clone(),
            severity: f.severity.as_str(),
            category: f.category.clone(),
            kind: f.kind,
            message: message(&f.message),
            text: f.text.clone(),
            spelled: super::human::escaped(&f.text),
            suggestion: f.suggestion.as_deref().map(pieces),
            suggestion_spelled: f
                .suggestion
                .as_deref()
                .filter(|s| !s.is_empty())
                .and_then(super::human::escaped),
            delete: f.suggestion.as_deref() == Some(""),
            line: f.line,
            column: f.column,
        })
        .collect();
    ParaView {
        index: p.index,
        id: p.id.clone(),
        line: p.line,
        words: p.words,
        score: fixed2(p.score),
        penalty: num(p.penalty),
        pass: p.pass,
        source: p.source.as_deref().map(pieces),
        segments: segments(&p.text, &spans),
        findings,
    }
}

fn message(m: &str) -> Vec<MessagePart> {
    // An odd number of backticks leaves the last one as text.
    let parts: Vec<&str> = m.split('`').collect();
    let closed = if parts.len() % 2 == 1 {
        parts.len()
    } else {
        parts.len() - 1
    };
    let mut out: Vec<MessagePart> = Vec::new();
    for (i, part) in parts.iter().enumerate() {
        let code = i % 2 == 1 && i < closed;
        let text = if i % 2 == 1 && !code {
            format!("`{part}")
        } else {
            part.to_string()
        };
        if text.is_empty() && !code {
            continue;
        }
        out.push(MessagePart {
            code,
            pieces: pieces(&text),
        });
    }
    out
}

/// A rule's doc as paragraphs of prose and code spans: lines are joined, blank lines part
/// paragraphs.
fn reflow(doc: &str) -> Vec<Vec<MessagePart>> {
    doc.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .map(|p| message(&p))
        .collect()
}

/// A byte span widened to the grapheme clusters (UAX #29, extended) it touches: it starts at
/// the start of the cluster holding its first byte and ends at the end of the cluster holding
/// its last, so a highlight never splits a conjunct or parts a vowel sign from its letter. An
/// empty span covers the cluster after it (at the end, the one before). Offsets out of range
/// or inside a character are clamped first.
fn widen(text: &str, (start, end): (usize, usize)) -> (usize, usize) {
    let len = text.len();
    let floor = |i: usize| (0..=i.min(len)).rev().find(|&j| text.is_char_boundary(j));
    let ceil = |i: usize| (i.min(len)..=len).find(|&j| text.is_char_boundary(j));
    let start = floor(start).unwrap_or(0);
    let end = ceil(end.max(start)).unwrap_or(len);
    let cursor = |at: usize| GraphemeCursor::new(at, len, true);
    let prev = |at: usize| cursor(at).prev_boundary(text, 0).ok().flatten();
    let next = |at: usize| cursor(at).next_boundary(text, 0).ok().flatten();
    let on = |at: usize| cursor(at).is_boundary(text, 0).unwrap_or(true);
    let mut s = if on(start) {
        start
    } else {
        prev(start).unwrap_or(0)
    };
    let mut e = if on(end) {
        end
    } else {
        next(end).unwrap_or(len)
    };
    if s == e {
        match next(s) {
            Some(n) => e = n,
            None => s = prev(s).unwrap_or(s),
        }
    }
    (s, e)
}

/// A finding's number, its widened span and its severity.
type Span = (usize, (usize, usize), Severity);

/// The paragraph's text cut into runs covered by the same findings (a sweep over the spans'
/// starts and ends).
fn segments(text: &str, spans: &[Span]) -> Vec<Segment> {
    let invisible = invisibles(text);
    if spans.is_empty() {
        return vec![Segment {
            blank: false,
            f: String::new(),
            sev: "",
            pieces: split_pieces(text, 0, &invisible),
        }];
    }
    let mut wide: Vec<Span> = spans
        .iter()
        .map(|&(n, span, sev)| (n, widen(text, span), sev))
        .collect();
    wide.sort_by_key(|w| (w.1.0, w.0));
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for (_, (s, e), _) in &wide {
        cuts.push(*s);
        cuts.push(*e);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len());
    // Every span starts and ends on a cut, so the spans covering [a, z) are those with
    // start <= a < end.
    let mut active: Vec<&Span> = Vec::new();
    let mut started = 0;
    for w in cuts.windows(2) {
        let (a, z) = (w[0], w[1]);
        active.retain(|x| x.1.1 > a);
        while started < wide.len() && wide[started].1.0 <= a {
            if wide[started].1.1 > a {
                active.push(&wide[started]);
            }
            started += 1;
        }
        let mut numbers: Vec<usize> = active.iter().map(|x| x.0).collect();
        numbers.sort_unstable();
        out.push(Segment {
            blank: !active.is_empty() && text[a..z].chars().all(char::is_whitespace),
            f: numbers
                .iter()
                .map(usize::to_string)
                .collect::<Vec<_>>()
                .join(" "),
            sev: active
                .iter()
                .map(|x| x.2)
                .max()
                .map_or("", Severity::as_str),
            pieces: split_pieces(&text[a..z], a, &invisible),
        });
    }
    out
}

/// Byte offsets of the characters of `text` to show as badges.
fn invisibles(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        let next = it.peek().map(|&(_, c)| c);
        if is_invisible(c, prev, next) {
            out.push(i);
        }
        prev = Some(c);
    }
    out
}

/// A character a reader cannot see or that would reorder the text around it: a control
/// character (a line feed, and a carriage return before one, are line breaks), a line or
/// paragraph separator, a format character (zero-width space, word joiner, BOM, soft hyphen,
/// bidi marks, embeddings and isolates) except the prepended concatenation marks, which are
/// visible, and ZWJ/ZWNJ inside a word, which are spelling.
fn is_invisible(c: char, prev: Option<char>, next: Option<char>) -> bool {
    match c {
        '\n' => false,
        '\r' => next != Some('\n'),
        '\u{200C}' | '\u{200D}' => !(joins(prev) && joins(next)),
        '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08E2}'
        | '\u{110BD}'
        | '\u{110CD}' => false,
        _ => matches!(
            c.general_category(),
            GeneralCategory::Control
                | GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        ),
    }
}

/// A joiner between two of these is part of the word (Persian, Indic, emoji sequences).
fn joins(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark
        ) || c.general_category() == GeneralCategory::OtherSymbol
    })
}

/// Name shown on a badge's tooltip.
fn invisible_name(c: char) -> &'static str {
    match c {
        '\t' => "CHARACTER TABULATION",
        '\r' => "CARRIAGE RETURN",
        '\u{0B}' => "LINE TABULATION",
        '\u{0C}' => "FORM FEED",
        '\u{85}' => "NEXT LINE",
        '\u{AD}' => "SOFT HYPHEN",
        '\u{061C}' => "ARABIC LETTER MARK",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{200C}' => "ZERO WIDTH NON-JOINER",
        '\u{200D}' => "ZERO WIDTH JOINER",
        '\u{200E}' => "LEFT-TO-RIGHT MARK",
        '\u{200F}' => "RIGHT-TO-LEFT MARK",
        '\u{2028}' => "LINE SEPARATOR",
        '\u{2029}' => "PARAGRAPH SEPARATOR",
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE (BOM)",
        c if c.general_category() == GeneralCategory::Control => "CONTROL CHARACTER",
        _ => "FORMAT CHARACTER",
    }
}

/// `text` (which starts at byte `at` of the paragraph) as text runs and badges.
fn split_pieces(text: &str, at: usize, invisible: &[usize]) -> Vec<Piece> {
    let from = invisible.partition_point(|&i| i < at);
    let to = invisible.partition_point(|&i| i < at + text.len());
    let mut out = Vec::new();
    let mut last = 0;
    for &i in &invisible[from..to] {
        let i = i - at;
        if i > last {
            out.push(text_piece(&text[last..i]));
        }
        let c = text[i..]
            .chars()
            .next()
            .expect("a character at an invisible offset");
        out.push(badge(c));
        last = i + c.len_utf8();
    }
    if last < text.len() || out.is_empty() {
        out.push(text_piece(&text[last..]));
    }
    out
}

fn text_piece(t: &str) -> Piece {
    Piece {
        t: t.to_string(),
        cp: None,
        name: None,
    }
}

fn badge(c: char) -> Piece {
    Piece {
        t: String::new(),
        cp: Some(format!("{:04X}", c as u32)),
        name: Some(invisible_name(c)),
    }
}

/// Any short text (a suggestion, a part of a message) as text runs and badges.
fn pieces(text: &str) -> Vec<Piece> {
    split_pieces(text, 0, &invisibles(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checker::{Checker, Judging};
    use crate::engine::Selection;
    use crate::input::{Document, ParagraphMode};

    fn engine() -> Checker {
        Checker::new(
            crate::rules::load_embedded().unwrap(),
            Selection::default(),
            Judging::default(),
        )
        .unwrap()
    }

    fn report_of(files: &[(&str, &str)]) -> Report {
        let e = engine();
        let files = files
            .iter()
            .map(|(path, text)| e.check(&Document::from_text(*path, text, ParagraphMode::Line)))
            .collect();
        e.report(files, 0, None)
    }

    /// The `data-text` attributes of the page, unescaped.
    fn data_texts(html: &str) -> Vec<String> {
        html.split(" data-text=\"")
            .skip(1)
            .map(|rest| {
                let v = &rest[..rest.find('"').unwrap()];
                v.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&#13;", "\r")
                    .replace("&amp;", "&")
            })
            .collect()
    }

    #[test]
    fn input_text_is_escaped_everywhere() {
        let hostile = "<script>alert(\"x\")</script> & 'q' ১২3 <marquee>\r";
        let mut report = report_of(&[("<img src=x onerror=alert(1)>.txt", hostile)]);
        report.files[0].paragraphs[0].source = Some("<script>src</script> \"&\"".into());
        let html = render(&report);
        // The page's own script is the only one.
        assert_eq!(html.matches("<script>").count(), 1, "{html}");
        assert!(!html.contains("<img"));
        assert!(!html.contains("<marquee>"));
        assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;.txt"));
        assert!(html.contains("&lt;script&gt;src&lt;/script&gt; &quot;&amp;&quot;"));
        assert!(html.contains("&#39;q&#39;"));
        // Every finding's data-text holds its text exactly, a lone CR included.
        let texts: Vec<String> = report.findings().map(|(_, f)| f.text.clone()).collect();
        assert!(!texts.is_empty());
        assert_eq!(data_texts(&html), texts);
    }

    #[test]
    fn lazy_blocks_hold_escaped_text_only() {
        let hostile = "</script><script>alert(1)</script> ১২3 <!-- x\n";
        let report = report_of(&[("</script>.txt", &hostile.repeat(40))]);
        assert!(report.findings().count() > 10);
        let html = render_with(&report, 3, 5);
        let lower = html.to_ascii_lowercase();
        let blocks = lower
            .matches("<script type=\"text/html\" class=\"lazy\">")
            .count();
        assert!(blocks > 0, "lazy blocks");
        // Each block and the page's own script end once each; nothing else can.
        assert_eq!(lower.matches("</script").count(), blocks + 1);
        assert_eq!(lower.matches("<script").count(), blocks + 1);
        assert!(!lower.contains("<!--"));
        assert_eq!(
            html.matches("<li class=\"finding\"").count(),
            report.findings().count()
        );
        assert!(html.contains("id=\"lazy-note\""));
    }

    #[test]
    fn spans_widen_to_grapheme_clusters() {
        // ক্ষ (KA, VIRAMA, SSA) is one cluster: a span on its last letter takes all of it.
        let text = "পরীক্ষা";
        let ssa = text.find('ষ').unwrap();
        let (s, e) = widen(text, (ssa, ssa + 'ষ'.len_utf8()));
        assert_eq!(&text[s..e], "ক্ষা");
        // A span starting on a vowel sign starts at its letter.
        let text = "আমি কিছু";
        let i_sign = text.find('ি').unwrap();
        let (s, e) = widen(text, (i_sign, text.len()));
        assert_eq!(&text[s..e], "মি কিছু");
        // A span ending on a letter takes its vowel sign.
        let (s, e) = widen(text, (0, text.find('ম').unwrap() + 3));
        assert_eq!(&text[s..e], "আমি");
        // An empty span covers the cluster after it, at the end the one before.
        let (s, e) = widen(text, (0, 0));
        assert_eq!(&text[s..e], "আ");
        let (s, e) = widen(text, (text.len(), text.len()));
        assert_eq!(&text[s..e], "ছু");
        // Offsets out of range or inside a character are clamped, never a panic.
        assert_eq!(
            widen(text, (999, 1999)),
            (text.rfind('ছ').unwrap(), text.len())
        );
        assert_eq!(widen(text, (1, 2)), (0, 3));
        assert_eq!(widen("", (0, 5)), (0, 0));
    }

    #[test]
    fn highlights_cover_whole_clusters_in_the_page() {
        // A hand-made finding that starts on the vowel sign of মি and ends inside ক্ষ.
        let mut report = report_of(&[("a.txt", "আমি পরীক্ষা  করি।")]);
        let p = &mut report.files[0].paragraphs[0];
        let mut f = p.findings[0].clone();
        let mi = p.text.find('ি').unwrap();
        let ka = p.text.find('ক').unwrap();
        f.span = (mi, ka + 'ক'.len_utf8());
        f.text = p.text[f.span.0..f.span.1].to_string();
        f.rule = "test.split".into();
        p.findings.insert(0, f);
        let segs = segments(
            &p.text,
            &p.findings
                .iter()
                .enumerate()
                .map(|(i, f)| (i, f.span, f.severity))
                .collect::<Vec<_>>(),
        );
        let marked: String = segs
            .iter()
            .filter(|s| s.f.split(' ').any(|n| n == "0"))
            .flat_map(|s| &s.pieces)
            .map(|p| p.t.as_str())
            .collect();
        assert_eq!(marked, "মি পরীক্ষা");
        // Every cut of the text is a cluster boundary.
        let mut at = 0;
        for s in &segs {
            assert!(
                GraphemeCursor::new(at, p.text.len(), true)
                    .is_boundary(&p.text, 0)
                    .unwrap(),
                "cut at {at}"
            );
            at += s.pieces.iter().map(|p| p.t.len()).sum::<usize>();
        }
        let html = render(&report);
        assert!(html.contains(">মি পরীক্ষা</mark>") || html.contains(">মি পরীক্ষা"));
    }

    #[test]
    fn overlapping_findings_share_segments() {
        let text = "ab cd ef";
        let segs = segments(
            text,
            &[
                (7, (0, 5), Severity::Minor),
                (8, (3, 8), Severity::Critical),
            ],
        );
        let got: Vec<(String, &str, &str)> = segs
            .iter()
            .map(|s| (s.pieces[0].t.clone(), s.f.as_str(), s.sev))
            .collect();
        assert_eq!(
            got,
            [
                ("ab ".to_string(), "7", "minor"),
                ("cd".to_string(), "7 8", "critical"),
                (" ef".to_string(), "8", "critical"),
            ]
        );
        // Many findings in one paragraph: a sweep, not a scan per cut.
        let long = "ক ".repeat(40_000);
        let spans: Vec<Span> = (0..40_000)
            .map(|i| (i, (i * 4, i * 4 + 3), Severity::Minor))
            .collect();
        let segs = segments(&long, &spans);
        assert_eq!(segs.iter().filter(|s| !s.f.is_empty()).count(), 40_000);
    }

    #[test]
    fn right_to_left_languages_are_laid_out_right_to_left() {
        for l in ["ar", "he", "fa", "ur", "ara", "fa-IR"] {
            assert!(is_rtl(l), "{l}");
        }
        for l in ["bn", "en", "hi", "und", "", "ta"] {
            assert!(!is_rtl(l), "{l}");
        }
        let mut report = report_of(&[("ar.txt", "وصل 12٣ شخصا إلى  المدينة أمس.\n")]);
        report.files[0].language = "ar".into();
        let html = render(&report);
        assert!(html.contains("lang=\"ar\" dir=\"rtl\""), "{html}");
        let mut report = report_of(&[("bn.txt", "আমি  ভাত খাই।\n")]);
        report.files[0].language = "bn".into();
        let html = render(&report);
        assert!(!html.contains("dir=\"rtl\""));
    }

    #[test]
    fn invisible_characters_become_badges() {
        let text = "a\u{200B}b \u{202E}c\td\re\r\nf মে\u{200D}য়ে \u{200D}";
        let p = pieces(text);
        let cps: Vec<&str> = p.iter().filter_map(|p| p.cp.as_deref()).collect();
        // ZWSP, RLO, TAB, the lone CR, and the ZWJ after a space; not CRLF, not the ZWJ
        // inside the word.
        assert_eq!(cps, ["200B", "202E", "0009", "000D", "200D"]);
        let shown: String = p.iter().map(|p| p.t.as_str()).collect();
        assert_eq!(shown, "ab cde\r\nf মে\u{200D}য়ে ");
    }

    #[test]
    fn nothing_points_outside_the_file() {
        let html = render(&report_of(&[(
            "x.txt",
            "see https://example.org/a.png and url(http://x) src=http://y href=//z\n",
        )]));
        let lower = html.to_ascii_lowercase();
        for attr in ["src=", "href=", "url(", "@import", "srcset="] {
            for (i, _) in lower.match_indices(attr) {
                let after = &lower[i + attr.len()..];
                // In the page's own markup a reference is to this page (#…) or inline data;
                // the same characters from the input are escaped text, never markup.
                let quoted = after.starts_with('"') || after.starts_with('\'');
                let value = after.trim_start_matches(['"', '\'']);
                assert!(
                    !quoted || value.starts_with('#') || value.starts_with("data:"),
                    "{attr} at {i}: {}",
                    &html[i..(i + 80).min(html.len())]
                );
            }
        }
        assert!(!lower.contains("<link"));
        assert!(!lower.contains("<img"));
        assert!(!lower.contains("<iframe"));
        assert!(html.contains("Content-Security-Policy"));
        assert!(html.contains("default-src 'none'"));
    }

    #[test]
    fn bilingual_units_show_their_source() {
        let mut report = report_of(&[("u.txt", "আমি  ভাত খাই।\nতুমি কেমন আছ?\n")]);
        for (i, p) in report.files[0].paragraphs.iter_mut().enumerate() {
            p.id = Some(format!("unit-{i}"));
            p.source = Some(["I  eat rice.", "How are you?"][i].into());
        }
        let html = render(&report);
        assert_eq!(html.matches("class=\"src\"").count(), 2);
        assert!(html.contains("unit-0") && html.contains("unit-1"));
        assert!(html.contains("How are you?"));
        // Without a source, no source column.
        let html = render(&report_of(&[("u.txt", "আমি  ভাত খাই।\n")]));
        assert!(!html.contains("class=\"src\""));
    }

    #[test]
    fn json_output_is_unchanged_by_the_renderer_fields() {
        let report = report_of(&[("a.txt", "আমি  ভাত খাই।\n")]);
        let json: serde_json::Value =
            serde_json::from_str(&super::super::json::render(&report)).unwrap();
        let p = &json["files"][0]["paragraphs"][0];
        for key in ["text", "id", "source"] {
            assert!(p.get(key).is_none(), "{key}");
        }
        assert!(p["findings"][0].get("span").is_none());
    }

    #[test]
    fn numbers_read_well() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(10_000), "10,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(num(68.0), "68");
        assert_eq!(num(2.5), "2.5");
    }
}
