//! `--format jsonl`: one JSON object per paragraph, one per line, for pipelines: the file's
//! path and language, the paragraph's index, line, words, penalty, score and pass, and its
//! findings with the same fields as in the JSON report.

use serde::Serialize;

use super::{FileReport, ParagraphReport, Report};
use crate::findings::Finding;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    language: &'a str,
    index: usize,
    line: usize,
    words: usize,
    penalty: f64,
    score: f64,
    pass: bool,
    findings: &'a [Finding],
}

super::renders_text!(Jsonl, |report, cx| render(report));

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for p in &file.paragraphs {
            out.push_str(&record(file, p));
        }
    }
    out
}

/// One paragraph's line, newline included.
pub fn record(file: &FileReport, p: &ParagraphReport) -> String {
    let line = Line {
        path: &file.path,
        language: &file.language,
        index: p.index,
        line: p.line,
        words: p.words,
        penalty: p.penalty,
        score: p.score,
        pass: p.pass,
        findings: &p.findings,
    };
    let mut s = serde_json::to_string(&line).expect("paragraph serialises");
    s.push('\n');
    s
}
