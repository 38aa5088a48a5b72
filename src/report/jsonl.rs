//! `--format jsonl`: one JSON object per paragraph, one per line, for pipelines: the file's
//! path and language, the paragraph's index, line, words, penalty, score and pass, and its
//! findings with the same fields as in the JSON report; a translation unit's line also holds
//! its `id`, `source` and `target`, as its paragraph does in the JSON report.

use serde::Serialize;

use super::{FileReport, ParagraphReport, Report};
use crate::findings::Finding;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    language: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    index: usize,
    line: usize,
    words: usize,
    penalty: f64,
    score: f64,
    pass: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<&'a str>,
    findings: &'a [Finding],
}

/// Written a file at a time, its records rendered on all threads; a document too large to
/// hold is copied from its spill.
pub struct Jsonl;

impl super::Renderer for Jsonl {
    fn render(
        &self,
        report: &Report,
        _: &super::Context,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        for file in &report.files {
            if let Some(s) = &file.spilled {
                s.copy_to(out)?;
            }
            super::write_in_parallel(
                &file.paragraphs,
                b"",
                |p, buf| {
                    buf.extend_from_slice(record(file, p).as_bytes());
                    Ok(())
                },
                out,
            )?;
        }
        Ok(())
    }
}

/// One paragraph's line, newline included.
pub fn record(file: &FileReport, p: &ParagraphReport) -> String {
    let line = Line {
        path: &file.path,
        language: &file.language,
        id: p.id.as_deref(),
        index: p.index,
        line: p.line,
        words: p.words,
        penalty: p.penalty,
        score: p.score,
        pass: p.pass,
        source: p.source.as_deref(),
        target: p.target.as_deref(),
        findings: &p.findings,
    };
    let mut s = serde_json::to_string(&line).expect("paragraph serialises");
    s.push('\n');
    s
}
