//! `--format json`: the report as one JSON object (contract version 1, see README).

use super::Report;

/// Written straight to the output, not built in memory first.
pub struct Json;

impl super::Renderer for Json {
    fn render(
        &self,
        report: &Report,
        _: &super::Context,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, report).map_err(|e| match e.io_error_kind() {
            Some(kind) => std::io::Error::new(kind, e),
            None => std::io::Error::other(e),
        })?;
        out.write_all(b"\n")
    }
}

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("report serialises");
    s.push('\n');
    s
}
