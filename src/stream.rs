//! Streaming a segment corpus (`--segments --format jsonl`): paragraphs are read, checked and
//! written a batch at a time, so memory is bounded by the batch and the longest paragraph,
//! whatever the size of the input (a 1 GB stdin included). Every paragraph is its own
//! document; the language and the script are decided once, from the start of the stream.
//! Segments carry their own positions, so a batch is checked exactly as a document is. Plain
//! text, TSV, JSONL and PO are read a line at a time, XLIFF and TMX a unit at a time and a
//! document (a target language) at a time (`input::Segments`), so such a file of any size
//! streams in bounded memory too; Markdown, and an XLIFF or TMX file on standard input, which
//! cannot be read again for its other documents, are read whole, then checked a batch at a
//! time. An input's documents each number their records from 0, as held documents do.

use std::io::Write;

use crate::checker::Checker;
use crate::engine::Known;
use crate::error::{Error, ErrorKind};
use crate::input::readers::Format;
use crate::input::{DocInfo, DocPath, Document, Input, Loaded, Opened, Reading, Segment, Segments};
use crate::report::jsonl;
use crate::score;

/// Paragraphs checked together (on all threads) before their records are written.
const BATCH: usize = 512;
/// Text read before the stream's language and script are decided.
const SAMPLE: usize = 16 << 10;

/// What a streamed input added up to.
#[derive(Debug, Default)]
pub struct Outcome {
    pub paragraphs: usize,
    pub words: usize,
    pub penalty: f64,
    /// Every paragraph passed the gate.
    pub paragraphs_pass: bool,
    /// Invalid sequences replaced (lossy decoding).
    pub replaced: usize,
    /// The reader of the output went away (a closed pipe): checking went on without writing,
    /// so the gate is the full run's.
    pub closed: bool,
    /// Units not translated or fuzzy (for `--fail-on-untranslated`).
    pub untranslated: usize,
}

impl Outcome {
    pub fn score(&self) -> f64 {
        score::score(self.penalty, self.words)
    }
}

struct Streamer<'a> {
    checker: &'a Checker,
    path: DocPath,
    info: DocInfo,
    known: Option<Known>,
    pending: Vec<Segment>,
    /// Paragraphs of this document checked (an input may hold several: its records are
    /// numbered from 0 in each, as a held document's are).
    done: usize,
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
        let known = match &self.known {
            Some(k) => k.clone(),
            None => self
                .known
                .insert(self.checker.known(&self.path, &self.info, &self.pending))
                .clone(),
        };
        let file = self.checker.check_segments(
            &self.path,
            &self.info,
            &self.pending,
            Some(&known),
            self.done,
        );
        self.pending.clear();
        self.done += file.paragraphs.len();
        let mut text = String::new();
        for p in &file.paragraphs {
            self.outcome.paragraphs += 1;
            self.outcome.words += p.words;
            self.outcome.penalty += p.penalty;
            self.outcome.paragraphs_pass &= p.pass;
            text.push_str(&jsonl::record(&file, p));
        }
        if self.outcome.closed {
            return Ok(());
        }
        match out.write_all(text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
                self.outcome.closed = true;
                Ok(())
            }
            other => other.map_err(write_error),
        }
    }
}

pub fn write_error(e: std::io::Error) -> Error {
    Error::new(ErrorKind::Output, format!("cannot write the report: {e}")).with_io(e.kind())
}

/// Stream one input; `Ok(Err(offset))`: it is binary (a NUL byte at `offset`). Errors name
/// the input and the byte offset. Plain text, TSV, JSONL, PO, XLIFF and TMX are read as they
/// come (`input::Segments`); Markdown, and XLIFF or TMX on standard input, are read whole, then
/// their units are checked and written a batch at a time.
pub fn segments(
    checker: &Checker,
    input: &Input,
    path: &DocPath,
    how: &Reading,
    out: &mut dyn Write,
) -> Result<Result<Outcome, usize>, Error> {
    let mut outcome = Outcome {
        paragraphs_pass: true,
        ..Outcome::default()
    };
    let format = how.format_of(input);
    // Markdown is read whole, and so are an XLIFF or TMX file that cannot be read again for
    // its other documents (its other target languages).
    let xml = matches!(format, Format::Xliff | Format::Tmx);
    if !format.streams() || (xml && !input.reopens()) {
        let (docs, replaced) = match Document::read(input, path.clone(), how)? {
            Loaded::Text { docs, replaced } => (docs, replaced),
            Loaded::Binary { offset } => return Ok(Err(offset)),
        };
        for doc in docs {
            let untranslated = doc.info.untranslated();
            let mut s = Streamer {
                checker,
                path: doc.path.clone(),
                info: doc.info.clone(),
                known: None,
                pending: Vec::new(),
                done: 0,
                outcome,
            };
            for segment in doc.segments {
                s.pending.push(segment);
                s.flush(out, false)?;
            }
            s.flush(out, true)?;
            outcome = s.outcome;
            outcome.untranslated += untranslated;
        }
        outcome.replaced = replaced;
        return Ok(Ok(outcome));
    }
    // A document at a time: an XLIFF or TMX file's other documents are read again, each read
    // the whole file as the first did, or the file changed meanwhile.
    let mut how = how.clone();
    let mut first: Option<(usize, Vec<Option<String>>)> = None;
    for k in 1.. {
        let lines = match crate::input::open(input, how.encoding)? {
            Opened::Text(lines) => lines,
            Opened::Binary { offset } => return Ok(Err(offset)),
        };
        let mut read = Segments::new(&input.display(), lines, format, &how)?;
        // What a TSV or JSONL file says of its document is known before its first line (that
        // it holds units), a PO file's languages before its first unit (its header), an XLIFF
        // or TMX document's before its first unit (a TMX's target language may come later:
        // taken until the stream's language is decided); the units it skips are counted as
        // they go by.
        let mut s = Streamer {
            checker,
            path: path.clone(),
            info: read.info(),
            known: None,
            pending: Vec::new(),
            done: 0,
            outcome,
        };
        while let Some(segment) = read.next() {
            s.pending.push(segment?);
            if s.known.is_none() {
                let info = read.info();
                s.info.source_language = info.source_language;
                s.info.target_language = info.target_language;
            }
            s.flush(out, false)?;
        }
        s.flush(out, true)?;
        outcome = s.outcome;
        outcome.replaced = read.replaced();
        outcome.untranslated += read.info().untranslated();
        let this = (read.bytes(), read.documents());
        let (_, documents) = match &first {
            Some(first) if first.0 != this.0 || first.1 != this.1 => {
                return Err(Error::input(format!(
                    "{}: changed while it was checked (read again for its next document)",
                    input.display()
                )));
            }
            Some(first) => first,
            None => first.insert(this),
        };
        match documents.get(k) {
            Some(key) => how.options.document = Some(key.clone()),
            None => break,
        }
    }
    Ok(Ok(outcome))
}
