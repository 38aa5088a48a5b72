//! Paragraph records of a document too large to hold, written to a temporary file as they are
//! final: the JSON report's `paragraphs` array, indented as in the report, or the JSONL lines.
//! The renderers copy them into place, so the report is byte for byte the one a document held
//! in memory gives.

use std::io::{Seek, SeekFrom, Write};
use std::sync::Arc;

use super::{Counts, FileReport, ParagraphReport};

/// How a file's paragraphs are spilled: the format they are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpillFormat {
    Json,
    Jsonl,
}

/// Indentation of a paragraph object in the JSON report: report, files array, file object,
/// paragraphs array (serde_json's pretty printer indents by two spaces).
const JSON_INDENT: &str = "        ";

/// A paragraph's record as the JSON report writes it in its file's `paragraphs` array:
/// serde_json's pretty printing, each line indented to the record's depth (no JSON string
/// holds a line break). The one writer of these records, spilled or held.
pub fn json_record(p: &ParagraphReport, out: &mut impl Write) -> std::io::Result<()> {
    thread_local! {
        /// The printer's buffer, kept from record to record: a record grown from serde_json's
        /// first 128 bytes was reallocated several times (3% of a one-thread run).
        static PRINTED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    PRINTED.with_borrow_mut(|text| {
        text.clear();
        let written = print_indented(p, text, out);
        // Whether the record was written or not, an outsized buffer is not kept.
        if text.capacity() > KEPT_BUFFER {
            *text = Vec::new();
        }
        written
    })
}

/// `p` printed into `text`, then written to `out` with each line indented.
fn print_indented(
    p: &ParagraphReport,
    text: &mut Vec<u8>,
    out: &mut impl Write,
) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *text, p).map_err(std::io::Error::other)?;
    // The printer's line breaks are its only `\n` bytes.
    let mut rest = &text[..];
    out.write_all(JSON_INDENT.as_bytes())?;
    while let Some(k) = memchr::memchr(b'\n', rest) {
        out.write_all(&rest[..=k])?;
        out.write_all(JSON_INDENT.as_bytes())?;
        rest = &rest[k + 1..];
    }
    out.write_all(rest)
}

/// The largest printer's buffer kept between records (a record over it, one of a paragraph
/// with thousands of findings, frees its buffer).
const KEPT_BUFFER: usize = 1 << 16;

/// Spilled paragraphs and what the run's summary needs of them.
#[derive(Debug, Clone)]
pub struct Spilled {
    pub format: SpillFormat,
    pub paragraphs: usize,
    /// The sum of the paragraphs' (rounded) penalties.
    pub penalty: f64,
    pub findings: Counts,
    file: Arc<std::fs::File>,
}

impl Spilled {
    /// Copy the records to `out`: for JSON, the `paragraphs` array's items (records joined by
    /// `,\n`), for JSONL its lines.
    pub fn copy_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut file = &*self.file;
        file.seek(SeekFrom::Start(0))?;
        std::io::copy(&mut file, out)?;
        Ok(())
    }
}

/// Writes a file's paragraph records as they come.
pub struct Spill {
    format: SpillFormat,
    out: std::io::BufWriter<std::fs::File>,
    paragraphs: usize,
    penalty: f64,
    findings: Counts,
}

impl Spill {
    /// A spill in a new temporary file (removed when the last handle closes).
    pub fn new(format: SpillFormat) -> std::io::Result<Spill> {
        Ok(Spill {
            format,
            out: std::io::BufWriter::new(tempfile::tempfile()?),
            paragraphs: 0,
            penalty: 0.0,
            findings: Counts::default(),
        })
    }

    /// Write the record of paragraph `p` of `file` (whose paragraphs are spilled).
    pub fn push(&mut self, file: &FileReport, p: &ParagraphReport) -> std::io::Result<()> {
        match self.format {
            SpillFormat::Jsonl => self
                .out
                .write_all(super::jsonl::record(file, p).as_bytes())?,
            SpillFormat::Json => {
                if self.paragraphs > 0 {
                    self.out.write_all(b",\n")?;
                }
                json_record(p, &mut self.out)?;
            }
        }
        self.paragraphs += 1;
        self.penalty += p.penalty;
        for f in &p.findings {
            self.findings.add_finding(f);
        }
        Ok(())
    }

    pub fn finish(self) -> std::io::Result<Spilled> {
        let file = self.out.into_inner().map_err(|e| e.into_error())?;
        Ok(Spilled {
            format: self.format,
            paragraphs: self.paragraphs,
            penalty: self.penalty,
            findings: self.findings,
            file: Arc::new(file),
        })
    }
}
