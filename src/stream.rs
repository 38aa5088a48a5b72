//! Streaming a segment corpus (`--segments --format jsonl`): paragraphs are read, checked and
//! written a batch at a time, so memory is bounded by the batch and the longest paragraph,
//! whatever the size of the input (a 1 GB stdin included). Every paragraph is its own
//! document; the language and the script are decided once, from the start of the stream.

use std::io::{BufRead, Write};

use rayon::prelude::*;

use crate::engine::{Engine, Known};
use crate::error::{Error, ErrorKind};
use crate::input::{Document, Encoding, Input, ParagraphMode};
use crate::report::jsonl;
use crate::score;
use crate::text::{Analysis, dominant_script};

/// Paragraphs checked together (on all threads) before their records are written.
const BATCH: usize = 512;
/// Text read before the stream's language and script are decided.
const SAMPLE: usize = 16 << 10;

/// One paragraph of the stream and where it sits in the input.
struct Segment {
    text: String,
    /// Byte offset of `text` in the input.
    offset: usize,
    /// 1-based line of its first character.
    line: usize,
}

/// What a streamed input added up to.
#[derive(Debug, Default)]
pub struct Outcome {
    pub paragraphs: usize,
    pub words: usize,
    pub penalty: f64,
    /// A paragraph failed the `--fail-on` threshold.
    pub failed: bool,
}

impl Outcome {
    pub fn score(&self) -> f64 {
        score::score(self.penalty, self.words)
    }
}

struct Streamer<'a> {
    engine: &'a Engine,
    path: String,
    known: Option<Known>,
    pending: Vec<Segment>,
    outcome: Outcome,
}

impl Streamer<'_> {
    /// Check the pending segments and write their records in order.
    fn flush(&mut self, out: &mut dyn Write, force: bool) -> Result<(), Error> {
        let sampled: usize = self.pending.iter().map(|s| s.text.len()).sum();
        if self.pending.is_empty()
            || (!force && self.pending.len() < BATCH && (self.known.is_some() || sampled < SAMPLE))
        {
            return Ok(());
        }
        let known = self.known.get_or_insert_with(|| {
            // Each segment is a paragraph of the sample: the language is named from the
            // segments in the stream's dominant script, as for a document.
            let analyses: Vec<Analysis> = self
                .pending
                .iter()
                .map(|s| Analysis::new(&s.text))
                .collect();
            let script = dominant_script(&analyses);
            Known {
                language: self.engine.language_of(&self.path, &analyses, script),
                script,
            }
        });
        let known = known.clone();
        let files: Vec<_> = self
            .pending
            .par_iter()
            .map(|s| {
                self.engine.check_with(
                    &Document::segment(self.path.clone(), s.text.clone()),
                    Some(&known),
                )
            })
            .collect();
        let threshold = self.engine.settings.fail_on().threshold();
        let mut text = String::new();
        for (seg, mut file) in self.pending.drain(..).zip(files) {
            for p in &mut file.paragraphs {
                p.index = self.outcome.paragraphs;
                p.line += seg.line - 1;
                for f in &mut p.findings {
                    f.line += seg.line - 1;
                    f.end_line += seg.line - 1;
                    f.start += seg.offset;
                    f.end += seg.offset;
                }
                self.outcome.paragraphs += 1;
                self.outcome.words += p.words;
                self.outcome.penalty += p.penalty;
                self.outcome.failed |= p.findings.iter().any(|f| f.severity >= threshold);
            }
            for p in &file.paragraphs {
                text.push_str(&jsonl::record(&file, p));
            }
        }
        out.write_all(text.as_bytes()).map_err(write_error)
    }
}

fn write_error(e: std::io::Error) -> Error {
    Error::new(ErrorKind::Output, format!("cannot write the report: {e}"))
}

/// Stream one input. Errors name the input and the byte offset.
pub fn segments(
    engine: &Engine,
    input: &Input,
    mode: ParagraphMode,
    encoding: Encoding,
    out: &mut dyn Write,
) -> Result<Outcome, Error> {
    let path = input.display();
    let mut reader: Box<dyn BufRead> = match input {
        Input::Stdin => Box::new(std::io::stdin().lock()),
        Input::File { path: p, .. } => Box::new(std::io::BufReader::new(
            std::fs::File::open(p)
                .map_err(|e| Error::input(format!("{path}: cannot read: {e}")))?,
        )),
    };
    let mut s = Streamer {
        engine,
        path: path.clone(),
        known: None,
        pending: Vec::new(),
        outcome: Outcome::default(),
    };
    let mut block: Option<Segment> = None;
    let (mut offset, mut line) = (0usize, 0usize);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Error::input(format!("{path}: cannot read: {e}")))?;
        if n == 0 {
            break;
        }
        let start = offset;
        offset += n;
        line += 1;
        let skip = if start == 0 && buf.starts_with(&[0xEF, 0xBB, 0xBF]) {
            3
        } else {
            0
        };
        if let Some(i) = buf.iter().position(|&b| b == 0) {
            return Err(Error::input(format!(
                "{path}: looks binary (NUL byte at offset {})",
                start + i
            )));
        }
        let raw = match std::str::from_utf8(&buf[skip..]) {
            Ok(t) => t.to_string(),
            Err(_) if encoding == Encoding::Lossy => {
                String::from_utf8_lossy(&buf[skip..]).into_owned()
            }
            Err(e) => {
                return Err(Error::input(format!(
                    "{path}: invalid UTF-8 at byte offset {} (use --encoding lossy to check it anyway)",
                    start + skip + e.valid_up_to()
                )));
            }
        };
        let blank = raw.trim().is_empty();
        match mode {
            ParagraphMode::Line => {
                if !blank {
                    let text = raw.strip_suffix('\n').unwrap_or(&raw);
                    let text = text.strip_suffix('\r').unwrap_or(text).to_string();
                    s.pending.push(Segment {
                        text,
                        offset: start + skip,
                        line,
                    });
                }
            }
            ParagraphMode::BlankLine => {
                if blank {
                    s.pending.extend(block.take());
                } else {
                    match block.as_mut() {
                        Some(b) => b.text.push_str(&raw),
                        None => {
                            block = Some(Segment {
                                text: raw,
                                offset: start + skip,
                                line,
                            })
                        }
                    }
                }
            }
        }
        s.flush(out, false)?;
    }
    s.pending.extend(block.take());
    s.flush(out, true)?;
    Ok(s.outcome)
}
