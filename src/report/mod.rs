//! The report: what was found, where, and how it scores. Renderers (one file per format) turn
//! it into text; they never judge.

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
mod xml;

use serde::Serialize;

use crate::rules::Severity;
use crate::score::Weights;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub version: u32,
    pub mtqc_version: &'static str,
    pub packs: Vec<PackRef>,
    pub config_hash: String,
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
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.paragraphs.iter().flat_map(|p| &p.findings)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub language: String,
    pub script: Option<String>,
    pub words: usize,
    pub penalty: f64,
    pub score: f64,
    pub penalty_per_1000_words: f64,
    pub pass: bool,
    pub paragraphs: Vec<ParagraphReport>,
    /// Findings a `--baseline` accepted: not reported, scored or gated.
    pub baselined: usize,
    #[serde(skip)]
    pub baselined_findings: Vec<Finding>,
    /// Ids of the rules that ran on this file. Not part of the JSON contract.
    #[serde(skip)]
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParagraphReport {
    pub index: usize,
    pub line: usize,
    pub words: usize,
    pub penalty: f64,
    pub score: f64,
    pub pass: bool,
    pub findings: Vec<Finding>,
    /// The unit's id in a bilingual input; `None` for plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The unit's source text in a bilingual input; `None` for plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The paragraph's text as checked, for renderers that show it (HTML). Not part of the
    /// JSON contract.
    #[serde(skip)]
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub category: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub suggestion: Option<String>,
    pub fingerprint: String,
    /// The line holding the finding, for renderers that show it.
    #[serde(skip)]
    pub snippet: Snippet,
    /// Start and end in Unicode scalar values from the start of the file's text (BOM
    /// excluded), for renderers that locate by characters (SARIF `charOffset`).
    #[serde(skip)]
    pub char_start: usize,
    #[serde(skip)]
    pub char_end: usize,
    /// `column` and `end_column` counted in UTF-8 bytes of their lines (BOM excluded), for
    /// renderers whose columns are bytes (reviewdog).
    #[serde(skip)]
    pub byte_column: usize,
    #[serde(skip)]
    pub end_byte_column: usize,
    /// Start and end in UTF-8 bytes of its paragraph's `text`, for renderers that mark the
    /// finding in place (HTML).
    #[serde(skip)]
    pub span: (usize, usize),
}

/// Characters of the line shown on each side of a finding by renderers that show context.
pub const SNIPPET_CONTEXT: usize = 32;

/// A finding's neighbourhood on its line(s), at most `SNIPPET_CONTEXT` characters each side,
/// so a report never holds copies of long lines.
#[derive(Debug, Clone, Default)]
pub struct Snippet {
    pub before: String,
    pub after: String,
    /// The line goes on beyond `before` / `after`.
    pub cut_before: bool,
    pub cut_after: bool,
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
}
