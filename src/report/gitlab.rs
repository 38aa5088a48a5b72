//! `--format gitlab`: a GitLab Code Quality report (a JSON array of Code Climate issues) for
//! `artifacts:reports:codequality`. Severities keep their names (minor, major, critical).
//! GitLab matches issues across pipelines by `fingerprint`, which must be unique in the
//! report: it is the finding's fingerprint hashed with the file's path, since identical text in
//! two files gives identical finding fingerprints. Paths are relative to the project's root
//! (the project file's directory, else the working directory), as GitLab expects.

use serde::Serialize;

use super::Report;
use crate::hash::fnv1a;
use crate::vocab::Severity;

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "critical",
        Severity::Major => "major",
        Severity::Minor => "minor",
    }
}

#[derive(Serialize)]
struct Issue<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    description: std::borrow::Cow<'a, str>,
    check_name: &'a str,
    fingerprint: String,
    severity: &'static str,
    location: Location,
}

#[derive(Serialize)]
struct Location {
    path: String,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
    end: usize,
}

super::renders_text!(Gitlab, |report, cx| render(report));

pub fn render(report: &Report) -> String {
    // A file of several target languages (XLIFF, TMX) is a document each: their findings'
    // fingerprints are hashed with the language too, as the same text may be flagged in each.
    let mut seen = std::collections::BTreeSet::new();
    let several: std::collections::BTreeSet<&str> = report
        .files
        .iter()
        .filter(|f| !seen.insert(f.path.as_str()))
        .map(|f| f.path.as_str())
        .collect();
    let issues: Vec<Issue> = report
        .findings()
        .map(|(file, f)| Issue {
            kind: "issue",
            description: super::message_with_unit(f),
            check_name: &f.rule,
            fingerprint: format!(
                "{:016x}",
                fnv1a(
                    if several.contains(file.path.as_str()) {
                        format!(
                            "{}\0{}\0{}",
                            file.path,
                            file.declared_language.as_deref().unwrap_or(&file.language),
                            f.fingerprint
                        )
                    } else {
                        format!("{}\0{}", file.path, f.fingerprint)
                    }
                    .as_bytes()
                )
            ),
            severity: severity(f.severity),
            location: Location {
                path: file.project_path.clone(),
                lines: Lines {
                    begin: f.line,
                    end: f.end_line,
                },
            },
        })
        .collect();
    let mut s = serde_json::to_string_pretty(&issues).expect("issues serialise");
    s.push('\n');
    s
}
