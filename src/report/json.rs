//! `--format json`: the report as one JSON object (contract version 1, see README).
//!
//! A small report is written by serde_json's pretty printer straight to the output. A large
//! one (or one whose paragraphs were spilled, `large`) is written as an outline, every file's
//! `paragraphs` an empty array, with each file's paragraph records put in its place: rendered
//! on all threads (`write_in_parallel`, `spill::json_record`, the spill's own writer), or copied
//! from the spill. Either way the bytes are the pretty printer's.

use std::cell::Cell;

use super::spill::json_record;
use super::{ParagraphReport, Report};

/// Written straight to the output, not built in memory first.
pub struct Json;

/// The line that holds the `paragraphs` key of a file in the outline (no JSON string holds a
/// line break, so a line's start is the printer's).
const OUTLINE_PARAGRAPHS: &str = "\n      \"paragraphs\": []";

/// Fewest paragraphs in a report that are rendered on all threads.
const PARALLEL_FROM: usize = 4096;

thread_local! {
    /// Serialising the outline: every file's paragraphs as an empty array.
    static OUTLINE: Cell<bool> = const { Cell::new(false) };
}

/// `FileReport::paragraphs` as serialised: the records, or none in the outline.
pub fn paragraphs<S: serde::Serializer>(ps: &[ParagraphReport], s: S) -> Result<S::Ok, S::Error> {
    if OUTLINE.with(Cell::get) {
        s.collect_seq(std::iter::empty::<&ParagraphReport>())
    } else {
        s.collect_seq(ps)
    }
}

impl super::Renderer for Json {
    fn render(
        &self,
        report: &Report,
        _: &super::Context,
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let paragraphs: usize = report.files.iter().map(|f| f.paragraphs.len()).sum();
        if report.files.iter().all(|f| f.spilled.is_none()) && paragraphs < PARALLEL_FROM {
            serde_json::to_writer_pretty(&mut *out, report).map_err(io_error)?;
            return out.write_all(b"\n");
        }
        let text = outline(report);
        let mut rest = text.as_str();
        for f in &report.files {
            let at = rest
                .find(OUTLINE_PARAGRAPHS)
                .expect("every file has a paragraphs array in the outline")
                + OUTLINE_PARAGRAPHS.len()
                - 2;
            out.write_all(&rest.as_bytes()[..at])?;
            // The array as the pretty printer writes it: its records held or spilled.
            let spilled = f.spilled.as_ref().filter(|_| f.paragraphs.is_empty());
            if spilled.map_or(f.paragraphs.len(), |s| s.paragraphs) == 0 {
                out.write_all(b"[]")?;
            } else {
                out.write_all(b"[\n")?;
                match spilled {
                    Some(s) => s.copy_to(out)?,
                    None => super::write_in_parallel(&f.paragraphs, b",\n", json_record, out)?,
                }
                out.write_all(b"\n      ]")?;
            }
            rest = &rest[at + 2..];
        }
        out.write_all(rest.as_bytes())
    }
}

/// The report with every file's paragraphs an empty array.
fn outline(report: &Report) -> String {
    struct Reset;
    impl Drop for Reset {
        fn drop(&mut self) {
            OUTLINE.with(|o| o.set(false));
        }
    }
    OUTLINE.with(|o| o.set(true));
    let _reset = Reset;
    render(report)
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
