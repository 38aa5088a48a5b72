//! `--format json`: the report as one JSON object (contract version 1, see README).

use super::Report;

super::renders_text!(Json, |report, cx| render(report));

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("report serialises");
    s.push('\n');
    s
}
