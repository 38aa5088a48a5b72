//! `--format rdjson` and `--format rdjsonl`: reviewdog's Diagnostic Format, as one
//! `DiagnosticResult` object or as one `Diagnostic` per line. Ranges are end-exclusive and
//! their columns count UTF-8 bytes of the line, as the format defines (a byte-order mark is not
//! counted). Severity: critical and major are `ERROR`, minor is `WARNING`. A suggestion is a
//! replacement of the flagged range.

use serde::Serialize;

use super::{FileReport, Report};
use crate::findings::Finding;
use crate::vocab::Severity;

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::Major => "ERROR",
        Severity::Minor => "WARNING",
    }
}

#[derive(Serialize)]
struct Result<'a> {
    source: Source,
    diagnostics: Vec<Diagnostic<'a>>,
}

#[derive(Serialize)]
struct Source {
    name: &'static str,
}

#[derive(Serialize)]
struct Diagnostic<'a> {
    message: std::borrow::Cow<'a, str>,
    location: Location<'a>,
    severity: &'static str,
    source: Source,
    code: Code<'a>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suggestions: Vec<Suggestion<'a>>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    range: Range,
}

#[derive(Serialize, Clone, Copy)]
struct Range {
    start: Position,
    end: Position,
}

#[derive(Serialize, Clone, Copy)]
struct Position {
    line: usize,
    column: usize,
}

#[derive(Serialize)]
struct Code<'a> {
    value: &'a str,
}

#[derive(Serialize)]
struct Suggestion<'a> {
    range: Range,
    text: &'a str,
}

fn diagnostic<'a>(file: &'a FileReport, f: &'a Finding) -> Diagnostic<'a> {
    let range = Range {
        start: Position {
            line: f.line,
            column: f.byte_column,
        },
        end: Position {
            line: f.end_line,
            column: f.end_byte_column,
        },
    };
    Diagnostic {
        message: super::message_with_unit(f),
        location: Location {
            path: &file.path,
            range,
        },
        severity: severity(f.severity),
        source: Source { name: "mtqc" },
        code: Code { value: &f.rule },
        suggestions: f
            .suggestion
            .iter()
            .map(|s| Suggestion { range, text: s })
            .collect(),
    }
}

fn diagnostics(report: &Report) -> Vec<Diagnostic<'_>> {
    report
        .findings()
        .map(|(file, f)| diagnostic(file, f))
        .collect()
}

super::renders_text!(Rdjson, |report, cx| render(report));
super::renders_text!(Rdjsonl, |report, cx| render_lines(report));

/// One `DiagnosticResult` object.
pub fn render(report: &Report) -> String {
    let result = Result {
        source: Source { name: "mtqc" },
        diagnostics: diagnostics(report),
    };
    let mut s = serde_json::to_string_pretty(&result).expect("rdjson serialises");
    s.push('\n');
    s
}

/// One `Diagnostic` per line.
pub fn render_lines(report: &Report) -> String {
    let mut out = String::new();
    for d in diagnostics(report) {
        out.push_str(&serde_json::to_string(&d).expect("rdjsonl serialises"));
        out.push('\n');
    }
    out
}
