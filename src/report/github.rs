//! `--format github`: GitHub Actions workflow commands, one annotation per finding:
//! `::error file=PATH,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::MESSAGE`. Critical and
//! major findings are `::error`, minor ones `::warning`. Columns count Unicode scalar values.
//! Escaping follows GitHub's runner: `%`, CR and LF are percent-encoded in the message, and
//! in property values `:` and `,` as well.

use std::fmt::Write;

use super::Report;
use crate::vocab::Severity;

pub fn command(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::Major => "error",
        Severity::Minor => "warning",
    }
}

/// A command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

super::renders_text!(Github, |report, cx| render(report));

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    for file in &report.files {
        for f in file.findings() {
            let mut message = format!("{} ({})", super::message_with_unit(f), f.severity);
            match f.suggestion.as_deref() {
                Some("") => message.push_str("; suggestion: delete it"),
                Some(s) => {
                    let _ = write!(message, "; suggestion: {s}");
                }
                None => {}
            }
            // Columns only for a finding on one line, as GitHub documents them.
            let place = if f.line == f.end_line {
                format!(
                    "line={},col={},endLine={},endColumn={}",
                    f.line, f.column, f.end_line, f.end_column
                )
            } else {
                format!("line={},endLine={}", f.line, f.end_line)
            };
            let _ = writeln!(
                out,
                "::{} file={},{place},title={}::{}",
                command(f.severity),
                escape_property(&file.project_path),
                escape_property(&f.rule),
                escape_data(&message)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_first_then_breaks_and_property_separators() {
        assert_eq!(escape_data("100%\r\nok: a,b"), "100%25%0D%0Aok: a,b");
        assert_eq!(escape_property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
