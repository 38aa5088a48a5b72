//! `--format checkstyle`: checkstyle XML, read by Jenkins' warnings plugin, reviewdog and most
//! CI dashboards. Every checked file gets a `<file>` element (empty when clean); each finding is
//! an `<error>` with line, column (Unicode scalar values), severity (critical and major are
//! `error`, minor is `warning`), message and `source` = the rule id. The `version` attribute
//! is the checkstyle format version that other linters write (`4.3`), not mtqc's.

use std::fmt::Write;

use super::Report;
use super::xml::attr;
use crate::vocab::Severity;

pub fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
    }
}

super::renders_text!(Checkstyle, |report, cx| render(report));

pub fn render(report: &Report) -> String {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for file in &report.files {
        let findings: Vec<_> = file.findings().collect();
        if findings.is_empty() {
            let _ = writeln!(out, "  <file name=\"{}\"/>", attr(&file.path));
            continue;
        }
        let _ = writeln!(out, "  <file name=\"{}\">", attr(&file.path));
        for f in findings {
            let _ = writeln!(
                out,
                "    <error line=\"{}\" column=\"{}\" severity=\"{}\" message=\"{}\" source=\"{}\"/>",
                f.line,
                f.column,
                severity(f.severity),
                attr(&super::message_with_unit(f)),
                attr(&f.rule)
            );
        }
        let _ = writeln!(out, "  </file>");
    }
    out.push_str("</checkstyle>\n");
    out
}
