//! `--format json`: the report as one JSON object (contract version 1, see README).

use super::Report;

/// Written straight to the output, not built in memory first.
pub struct Json;

/// The line that holds the `paragraphs` key of a file whose paragraphs are spilled (no JSON
/// string holds a line break, so a line's start is the printer's).
const SPILLED_PARAGRAPHS: &str = "\n      \"paragraphs\": []";

impl super::Renderer for Json {
    fn render(
        &self,
        report: &Report,
        _: &super::Context,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let spilled: Vec<_> = report
            .files
            .iter()
            .filter(|f| f.paragraphs.is_empty())
            .map(|f| f.spilled.as_ref())
            .collect();
        if spilled.iter().all(Option::is_none) {
            serde_json::to_writer_pretty(&mut *out, report).map_err(io_error)?;
            return out.write_all(b"\n");
        }
        // A document too large to hold: its paragraphs are copied from their spill into the
        // place of the empty array its file has in the report (the files without paragraphs,
        // in order).
        let text = render(report);
        let mut rest = text.as_str();
        for s in spilled {
            let at = rest
                .find(SPILLED_PARAGRAPHS)
                .expect("every file without paragraphs has an empty array")
                + SPILLED_PARAGRAPHS.len()
                - 2;
            out.write_all(&rest.as_bytes()[..at])?;
            match s {
                Some(s) => s.copy_to(out)?,
                None => out.write_all(b"[]")?,
            }
            rest = &rest[at + 2..];
        }
        out.write_all(rest.as_bytes())
    }
}

fn io_error(e: serde_json::Error) -> std::io::Error {
    match e.io_error_kind() {
        Some(kind) => std::io::Error::new(kind, e),
        None => std::io::Error::other(e),
    }
}

pub fn render(report: &Report) -> String {
    let mut s = serde_json::to_string_pretty(report).expect("report serialises");
    s.push('\n');
    s
}
