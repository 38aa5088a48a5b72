//! The report: what was found, where, and how it scores. Renderers (one file per format, each
//! a `Renderer` registered in `Format`) turn it into text; they never judge.

pub mod checkstyle;
pub mod github;
pub mod gitlab;
pub mod html;
pub mod human;
pub mod json;
pub mod jsonl;
pub mod junit;
pub mod markdown;
pub mod rdjson;
pub mod sarif;
pub mod spill;
mod xml;

use std::io::Write;

use clap::ValueEnum;
use serde::Serialize;

use crate::findings::Finding;
use crate::score::Weights;
use crate::vocab::Severity;

/// What a renderer may need beyond the report.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// ANSI colour (the human format).
    pub color: bool,
    /// The run's time, in seconds since 1970 (JUnit's timestamp).
    pub timestamp: u64,
}

/// Write `items` rendered by `render`, `sep` between two of them, in order: rendered on all
/// threads, `CHUNK` items a task and `GROUP` tasks at a time, each group rendered on the pool
/// while the one before it is written (with more than one thread; what is held of the output
/// at once: two groups), so a report of half a million paragraph records is neither rendered
/// on one thread nor waits for its writing between groups.
pub(crate) fn write_in_parallel<T: Sync>(
    items: &[T],
    sep: &[u8],
    render: impl Fn(&T, &mut Vec<u8>) -> std::io::Result<()> + Sync,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    use rayon::prelude::*;
    const CHUNK: usize = 256;
    const GROUP: usize = 64;
    let render_group = |group: &[T]| -> std::io::Result<Vec<Vec<u8>>> {
        group
            .par_chunks(CHUNK)
            .map(|chunk| {
                let mut buf = Vec::new();
                for (k, item) in chunk.iter().enumerate() {
                    if k > 0 {
                        buf.extend_from_slice(sep);
                    }
                    render(item, &mut buf)?;
                }
                Ok(buf)
            })
            .collect()
    };
    let mut first = true;
    let mut write_group = |rendered: &[Vec<u8>]| -> std::io::Result<()> {
        for buf in rendered {
            if !first {
                out.write_all(sep)?;
            }
            first = false;
            out.write_all(buf)?;
        }
        Ok(())
    };
    // With one thread (`-j 1`) a group is rendered, then written: the calling thread writing
    // beside the pool's one thread would be a second thread at work.
    let ahead_on_the_pool = rayon::current_num_threads() > 1;
    let mut groups = items.chunks(CHUNK * GROUP);
    let mut next = groups.next().map(render_group).transpose()?;
    while let Some(rendered) = next.take() {
        let ahead = groups.next();
        if !ahead_on_the_pool {
            write_group(&rendered)?;
            next = ahead.map(render_group).transpose()?;
            continue;
        }
        let mut rendered_ahead = None;
        rayon::in_place_scope(|s| {
            if let Some(group) = ahead {
                let slot = &mut rendered_ahead;
                let render_group = &render_group;
                s.spawn(move |_| *slot = Some(render_group(group)));
            }
            write_group(&rendered)
        })?;
        next = rendered_ahead.transpose()?;
    }
    Ok(())
}

/// An output format.
pub trait Renderer: Sync {
    fn render(&self, report: &Report, cx: &Context, out: &mut dyn Write) -> std::io::Result<()>;
}

/// The output formats, each with its renderer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Annotated snippets per paragraph and a summary, for people.
    Human,
    /// One JSON object (contract version 1, see README).
    Json,
    /// SARIF 2.1.0 (code scanning): a rule descriptor per rule that ran, a result per finding
    /// located by line, column and character offset (Unicode code points); critical and major
    /// are `error`, minor is `warning`; suggestions are fixes.
    Sarif,
    /// Ant JUnit XML: a test suite per file, a test case per paragraph, a failure per paragraph
    /// that fails the gate. The timestamp is SOURCE_DATE_EPOCH when set, else the current time.
    Junit,
    /// Checkstyle XML: an `<error>` per finding (critical and major `error`, minor `warning`).
    Checkstyle,
    /// reviewdog's Diagnostic Format, one JSON object (columns in UTF-8 bytes, as it defines).
    Rdjson,
    /// reviewdog's Diagnostic Format, one diagnostic per line.
    Rdjsonl,
    /// GitLab Code Quality JSON (severities minor, major, critical).
    Gitlab,
    /// GitHub Actions annotations: `::error`/`::warning` workflow commands, one per finding.
    Github,
    /// A Markdown summary for a pull-request comment: files, then findings.
    Markdown,
    /// One JSON object per paragraph, one per line, with its findings.
    Jsonl,
    /// One self-contained HTML page for a reviewer (nothing loaded from the network): the
    /// summary and gate, every paragraph with its flagged spans highlighted, filters kept in
    /// the URL fragment, keyboard navigation. Write it with `-o report.html`.
    Html,
}

impl Format {
    pub fn renderer(self) -> &'static dyn Renderer {
        match self {
            Format::Human => &human::Human,
            Format::Json => &json::Json,
            Format::Sarif => &sarif::Sarif,
            Format::Junit => &junit::Junit,
            Format::Checkstyle => &checkstyle::Checkstyle,
            Format::Rdjson => &rdjson::Rdjson,
            Format::Rdjsonl => &rdjson::Rdjsonl,
            Format::Gitlab => &gitlab::Gitlab,
            Format::Github => &github::Github,
            Format::Markdown => &markdown::Markdown,
            Format::Jsonl => &jsonl::Jsonl,
            Format::Html => &html::Html,
        }
    }

    /// Formats read by programs: no progress bar, no colour.
    pub fn is_machine(self) -> bool {
        self != Format::Human
    }
}

/// A finding's message for formats with no place for its translation unit: the message, and
/// the unit's id after it (`… (unit 42)`) when it is in one.
pub fn message_with_unit(f: &Finding) -> std::borrow::Cow<'_, str> {
    match &f.unit {
        Some(unit) => std::borrow::Cow::Owned(format!("{} (unit {unit})", f.message)),
        None => std::borrow::Cow::Borrowed(&f.message),
    }
}

/// A renderer that builds its whole text in memory.
macro_rules! renders_text {
    ($name:ident, |$report:ident, $cx:ident| $body:expr) => {
        pub struct $name;

        impl super::Renderer for $name {
            fn render(
                &self,
                $report: &super::Report,
                $cx: &super::Context,
                out: &mut dyn std::io::Write,
            ) -> std::io::Result<()> {
                let _ = $cx;
                out.write_all($body.as_bytes())
            }
        }
    };
}
pub(crate) use renders_text;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub mtqc_version: &'static str,
    pub packs: Vec<PackRef>,
    pub config_hash: String,
    /// The project file (`mtqc.toml`) the run read, if any.
    pub project_file: Option<String>,
    pub scoring: Scoring,
    pub files: Vec<FileReport>,
    pub summary: Summary,
    /// The rules that ran on at least one file, sorted by id, for renderers that describe
    /// them (SARIF). Not part of the JSON contract.
    #[serde(skip)]
    pub rules: Vec<RuleInfo>,
}

/// What a renderer may say about a rule: its metadata, with the severity in effect for the
/// run (the pack's, or the project file's override).
#[derive(Debug, Clone)]
pub struct RuleInfo {
    pub id: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub category: String,
    /// The message template (`{match}` stands for the flagged text).
    pub message: String,
    /// One line without placeholders.
    pub summary: String,
    pub doc: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PackRef {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Scoring {
    pub model: &'static str,
    pub weights: Weights,
    pub fail_on: String,
    pub fail_under: Option<f64>,
    /// The gate in words (`fail on major or score under 95`), as the gate states it.
    #[serde(skip)]
    pub gate: String,
}

impl Report {
    /// Every finding with the file it is in, in report order.
    pub fn findings(&self) -> impl Iterator<Item = (&FileReport, &Finding)> {
        self.files
            .iter()
            .flat_map(|file| file.findings().map(move |f| (file, f)))
    }
}

impl FileReport {
    /// Its findings held in memory (none of spilled paragraphs).
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.paragraphs.iter().flat_map(|p| &p.findings)
    }

    /// How many paragraphs it has, spilled or held.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len() + self.spilled.as_ref().map_or(0, |s| s.paragraphs)
    }

    /// The sum of its paragraphs' penalties.
    pub fn paragraph_penalty(&self) -> f64 {
        let held: f64 = self.paragraphs.iter().map(|p| p.penalty).sum();
        held + self.spilled.as_ref().map_or(0.0, |s| s.penalty)
    }

    /// Its findings counted by severity (a finding standing for others counts them).
    pub fn finding_counts(&self) -> Counts {
        let mut counts = self
            .spilled
            .as_ref()
            .map_or_else(Counts::default, |s| s.findings.clone());
        for f in self.findings() {
            counts.add_finding(f);
        }
        counts
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    /// The path relative to the directory argument it was found under (a file named
    /// directly: its file name); `mtqc diff` matches files on it.
    pub relative_path: String,
    /// The path relative to the project's root (the project file's directory, else the
    /// working directory): globs, baselines and repository formats use it. Not part of the
    /// JSON contract.
    #[serde(skip)]
    pub project_path: String,
    /// The target language its file declares (XLIFF, TMX, PO): with the path, what a baseline
    /// keys a document of a file of several target languages by.
    #[serde(skip)]
    pub declared_language: Option<String>,
    pub language: String,
    pub script: Option<String>,
    pub words: usize,
    pub penalty: f64,
    pub score: f64,
    pub penalty_per_1000_words: f64,
    pub pass: bool,
    #[serde(serialize_with = "json::paragraphs")]
    pub paragraphs: Vec<ParagraphReport>,
    /// Findings a `--baseline` accepted: not reported, scored or gated.
    pub baselined: usize,
    /// The language its units were translated from (bilingual inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_language: Option<String>,
    /// Units not checked, by why (`no-target`, `fuzzy`, `locked`, `not-to-translate`,
    /// `obsolete`).
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub skipped: std::collections::BTreeMap<String, usize>,
    /// Of those, units not translated: no target, or a fuzzy one.
    #[serde(skip)]
    pub untranslated: usize,
    /// Findings an `mtqc-ignore` directive of the file suppressed.
    #[serde(skip_serializing_if = "is_zero")]
    pub suppressed: usize,
    #[serde(skip)]
    pub baselined_findings: Vec<Finding>,
    /// Ids of the rules that ran on this file. Not part of the JSON contract.
    #[serde(skip)]
    pub rules: Vec<String>,
    /// Its paragraphs' records, when the document was too large to hold (`paragraphs` is
    /// then empty): only the JSON and JSONL renderers are given such a report.
    #[serde(skip)]
    pub spilled: Option<spill::Spilled>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParagraphReport {
    /// A translation unit's id (bilingual inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub index: usize,
    pub line: usize,
    pub words: usize,
    pub penalty: f64,
    pub score: f64,
    pub pass: bool,
    /// A translation unit's source text (bilingual inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// A translation unit's target text as checked (bilingual inputs; inline codes are U+FFFC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    pub findings: Vec<Finding>,
    /// The paragraph's text as checked, for renderers that show it. Not part of the JSON
    /// contract (a unit's is its `target`).
    #[serde(skip)]
    pub text: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub minor: usize,
    pub major: usize,
    pub critical: usize,
}

impl Counts {
    pub fn add(&mut self, s: Severity) {
        match s {
            Severity::Minor => self.minor += 1,
            Severity::Major => self.major += 1,
            Severity::Critical => self.critical += 1,
        }
    }

    /// A finding, and those it stands for.
    pub fn add_finding(&mut self, f: &Finding) {
        for (s, n) in Severity::ALL.into_iter().zip(f.counts()) {
            for _ in 0..n {
                self.add(s);
            }
        }
    }

    pub fn total(&self) -> usize {
        self.minor + self.major + self.critical
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    pub files: usize,
    pub paragraphs: usize,
    pub words: usize,
    pub findings: Counts,
    pub penalty: f64,
    pub score: f64,
    pub penalty_per_1000_words: f64,
    pub pass: bool,
    /// Findings a `--baseline` accepted.
    pub baselined: usize,
    /// Inputs that could not be read or decoded: the run cannot pass with any.
    pub unread: usize,
    /// Units not checked (not translated, fuzzy, locked...), over all files.
    pub skipped: usize,
    /// Findings suppressed by `mtqc-ignore` directives.
    pub suppressed: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[cfg(test)]
mod tests {
    /// Records rendered on the pool, a group ahead of the one being written, come out in
    /// order with one separator between two, as one thread writes them; a failing record
    /// stops the report with its error.
    #[test]
    fn records_written_in_parallel_come_out_in_order() {
        let items: Vec<usize> = (0..40_000).collect();
        let render = |n: &usize, out: &mut Vec<u8>| -> std::io::Result<()> {
            out.extend_from_slice(n.to_string().as_bytes());
            Ok(())
        };
        let mut out = Vec::new();
        super::write_in_parallel(&items, b",\n", render, &mut out).unwrap();
        let expected: Vec<String> = items.iter().map(usize::to_string).collect();
        assert_eq!(String::from_utf8(out).unwrap(), expected.join(",\n"));

        let failing = |n: &usize, out: &mut Vec<u8>| -> std::io::Result<()> {
            if *n == 30_000 {
                return Err(std::io::Error::other("record 30000"));
            }
            render(n, out)
        };
        let e = super::write_in_parallel(&items, b",\n", failing, &mut Vec::new()).unwrap_err();
        assert_eq!(e.to_string(), "record 30000");
    }
}
