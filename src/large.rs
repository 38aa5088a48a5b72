//! One document too large to hold, checked in bounded memory for the JSON and JSONL reports
//! (without `--segments`, where every paragraph is its own document and `stream` applies): a
//! plain text, or a bilingual file read a line at a time (TSV, JSONL, PO), whose units, sources included,
//! are read a line at a time by the readers' line functions (`input::units`), as a held
//! document's are. The document is read more than once, a batch of paragraphs (units) at a
//! time:
//!
//! 1. to decide its language and script, as `Engine::know` does for a document in memory
//!    (skipped when a configured language brings its script), and to count the units a
//!    reader skips (the file's report states them, and its first record is written before
//!    the last unit is read);
//! 2. for the document rules to learn what they judge by (a majority, counts per spelling; see
//!    `Judgement`), when any does;
//! 3. for the paragraphs a document rule asked to see again, when any did;
//! 4. to judge it: paragraph rules and document rules, each paragraph's record written to a
//!    spill (`report::spill`) as soon as no rule can add to it, then copied into the report.
//!
//! An input that cannot be opened again (stdin, a pipe, a FIFO) is copied as it is read (in
//! memory up to twice the hold size, then to a temporary file: `TMPDIR`, which is memory when
//! it is a tmpfs); a file that changes between passes is an error. A document whose text is no
//! larger than the hold size is checked in memory as ever. Either way the report is the same,
//! byte for byte: the passes run the in-memory pipeline's steps on the same paragraphs in the
//! same order. What still grows with the document is the fingerprints' occurrence counts (one
//! entry per distinct finding anchor, about 18 bytes) and the spill on disk.

use std::collections::VecDeque;
use std::io::{Read, Seek, SeekFrom, Write};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use crate::checker::Checker;
use crate::engine::{Found, Judges, sort_found};
use crate::error::{Error, ErrorKind};
use crate::findings::Locator;
use crate::input::readers::Format;
use crate::input::{DocPath, Input, Opened, Reading, Segment, Segments};
use crate::report::FileReport;
use crate::report::spill::{Spill, SpillFormat};
use crate::text::language::Samples;
use crate::text::{Analysis, ScriptCounts, ScriptTally, scripts_of};

/// Text a document may have and still be checked in memory, unless `MTQC_HOLD_BYTES` says
/// otherwise: about 60 MB of memory for each document checked at once (the analyses and
/// findings of 8 MB of text), and as much again for a copy of an input that cannot be opened
/// again.
pub const HOLD_BYTES: usize = 8 << 20;

/// A batch: paragraphs analysed together (on all threads) before the next are read.
const BATCH_PARAGRAPHS: usize = 1024;
const BATCH_BYTES: usize = 1 << 20;

/// The hold size of this run: `MTQC_HOLD_BYTES` when set, else `HOLD_BYTES`; `Err`: the
/// variable is not a number of bytes (it says what it is).
pub fn hold_bytes() -> Result<usize, String> {
    match std::env::var("MTQC_HOLD_BYTES") {
        Ok(v) => v.trim().parse().map_err(|_| v),
        Err(_) => Ok(HOLD_BYTES),
    }
}

/// A checked input: its documents' reports (an XLIFF or TMX file has one per target
/// language), the bytes read and the invalid sequences replaced.
pub struct Outcome {
    pub files: Vec<FileReport>,
    pub bytes: usize,
    pub replaced: usize,
}

/// Check `input`, plain text or a TSV, JSONL, PO, XLIFF or TMX file, a document at a time (an
/// XLIFF or TMX file has one per target language); `Ok(Err(offset))`: it is binary (a NUL
/// byte at `offset`). A document with more than `hold` bytes of text (targets and sources)
/// gets its paragraphs spilled in `format` (with `--segments`, where every segment is its own
/// document, `hold` is `usize::MAX`: a file is held whatever its size).
pub fn check(
    checker: &Checker,
    input: &Input,
    path: &DocPath,
    how: &Reading,
    hold: usize,
    format: SpillFormat,
) -> Result<Result<Outcome, usize>, Error> {
    let name = input.display();
    let kind = how.format_of(input);
    // What cannot be opened again (stdin, a pipe, a FIFO, a device) is copied as it is read:
    // in memory up to twice the hold size (text may take more bytes than its encoding), then
    // in a temporary file.
    let tee = (!input.reopens()).then(|| Arc::new(Mutex::new(Kept::new(hold.saturating_mul(2)))));
    let opened = match (&tee, input) {
        (Some(copy), _) => {
            let inner: Box<dyn Read + Send> = match input {
                Input::Stdin => Box::new(std::io::stdin()),
                Input::File { path, .. } => Box::new(
                    std::fs::File::open(path)
                        .map_err(|e| Error::input(format!("{name}: cannot read: {e}")))?,
                ),
            };
            let copy = copy.clone();
            crate::input::open_reader(&name, Box::new(Tee { inner, copy }), how.encoding)?
        }
        (None, _) => crate::input::open(input, how.encoding)?,
    };
    let lines = match opened {
        Opened::Text(lines) => lines,
        Opened::Binary { offset } => return Ok(Err(offset)),
    };
    let segments = Segments::new(&name, lines, kind, how)?;
    let mut again = Again {
        tee,
        input,
        source: None,
    };
    let Checked {
        file,
        bytes,
        replaced,
        documents,
    } = document(checker, path, how, hold, format, segments, &mut again)?;
    let mut files = vec![file];
    // The input's other documents (an XLIFF or TMX file's other target languages), each read
    // again as the first was.
    for key in documents.iter().skip(1) {
        let mut how = how.clone();
        how.options.document = Some(key.clone());
        let segments = again.source(&name)?.segments(&name, kind, &how)?;
        let checked = document(checker, path, &how, hold, format, segments, &mut again)?;
        if checked.bytes != bytes || checked.documents != documents {
            return Err(Error::input(format!(
                "{name}: changed while it was checked (read again for its next document)"
            )));
        }
        files.push(checked.file);
    }
    Ok(Ok(Outcome {
        files,
        bytes,
        replaced,
    }))
}

/// What reads an input again: the input itself, or the copy of what could not be opened again
/// (made once the first pass has read it all).
struct Again<'a> {
    tee: Option<Arc<Mutex<Kept>>>,
    input: &'a Input,
    source: Option<Source>,
}

impl Again<'_> {
    fn source(&mut self, name: &str) -> Result<&Source, Error> {
        if self.source.is_none() {
            let source = match &self.tee {
                Some(copy) => {
                    let mut copy = copy.lock().map_err(|_| {
                        Error::input(format!("{name}: the copy of the input was lost"))
                    })?;
                    let copy = std::mem::replace(&mut *copy, Kept::new(0));
                    Source::Copied(copy.finish().map_err(spill_error)?)
                }
                None => Source::Input(self.input.clone()),
            };
            self.source = Some(source);
        }
        Ok(self.source.as_ref().expect("made above"))
    }
}

/// One document of an input checked: its report, the input's bytes and replaced sequences,
/// and the documents the input holds (see `Segments::documents`).
struct Checked {
    file: FileReport,
    bytes: usize,
    replaced: usize,
    documents: Vec<Option<String>>,
}

/// Check one document of an input, its segments read by `paragraphs`.
fn document(
    checker: &Checker,
    path: &DocPath,
    how: &Reading,
    hold: usize,
    format: SpillFormat,
    mut paragraphs: Segments<Box<dyn std::io::BufRead + Send>>,
    again: &mut Again,
) -> Result<Checked, Error> {
    let name = again.input.display();
    let kind = how.format_of(again.input);
    let engine = &checker.engine;
    // The first pass: the paragraphs held until they are too many, the script tallied when
    // the configured language does not bring it. (TSV and JSONL declare no language, a PO
    // file in its header, which is read before its first unit: what the file says is known
    // before the first paragraph.)
    let tally_needed = engine
        .configured_language(&path.project, &paragraphs.info())
        .and_then(|l| crate::lang::script_of(&l))
        .is_none();
    let mut tally = Tally::default();
    let mut held = Batch::default();
    let mut streaming = false;
    // A file that will be held, with more than one thread: one thread analyses the batches
    // the other has read while it reads on (with one thread, reading and checking take turns).
    let early = rayon::current_num_threads() > 1
        && matches!(again.input, Input::File { path, .. }
            if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() <= hold as u64));
    let arena = elsa::sync::FrozenVec::new();
    let mut batches: Vec<&[Segment]> = Vec::new();
    let (tx, rx) = std::sync::mpsc::channel::<&[Segment]>();
    // What the analysing side is to do once reading is done: keep what it made, or drop it
    // (the document is too large to hold; the arena's batches stay until the first pass ends,
    // at most the hold size).
    let (going, read_all, too_large) = (0, 1, 2);
    let state = &std::sync::atomic::AtomicU8::new(going);
    let (read, ahead) = rayon::join(
        || {
            // Batches go to the analysing side through an unbounded channel (reading never
            // waits for it) until reading ends, fails or finds the document too large to hold.
            // No rayon call is made while a batch may still be sent: waiting on the pool, this
            // thread could take up the analysing side itself, which waits for this sender.
            let mut to_analyse = early.then_some(tx);
            let mut arena_bytes = 0;
            let mut read = Ok(());
            for segment in paragraphs.by_ref() {
                match segment {
                    Ok(segment) => held.push(segment),
                    Err(e) => {
                        read = Err(e);
                        break;
                    }
                }
                if !streaming && arena_bytes + held.bytes > hold {
                    // Too large to hold after all: the batches read early are tallied first.
                    streaming = true;
                    state.store(too_large, std::sync::atomic::Ordering::SeqCst);
                    to_analyse = None;
                    if tally_needed {
                        batches.iter().for_each(|batch| tally.add(batch));
                    }
                }
                if held.full() {
                    if streaming {
                        let batch = held.take();
                        if tally_needed {
                            tally.add(&batch);
                        }
                    } else if let Some(tx) = &to_analyse {
                        arena_bytes += held.bytes;
                        let batch: &[Segment] = arena.push_get(held.take());
                        batches.push(batch);
                        // Cannot fail: the analysing side keeps the receiver until this
                        // sender is dropped.
                        let _ = tx.send(batch);
                    }
                }
            }
            if !streaming {
                state.store(read_all, std::sync::atomic::Ordering::SeqCst);
            }
            drop(to_analyse);
            read
        },
        // The analyses of the first batches, made while the rest is read; the batches still
        // waiting when reading ends are left to all threads.
        move || {
            let mut ahead: Vec<Analysis> = Vec::new();
            while let Ok(batch) = rx.recv() {
                if state.load(std::sync::atomic::Ordering::SeqCst) != going {
                    break;
                }
                ahead.extend(batch.iter().map(Analysis::of_segment));
            }
            if state.load(std::sync::atomic::Ordering::SeqCst) == too_large {
                ahead = Vec::new();
            }
            ahead
        },
    );
    read?;
    let (bytes, replaced, info) = (paragraphs.bytes(), paragraphs.replaced(), paragraphs.info());
    let documents = paragraphs.documents();
    drop(paragraphs);
    if !streaming {
        batches.push(&held.segments);
        let rest: Vec<&Segment> = batches
            .iter()
            .flat_map(|b| b.iter())
            .skip(ahead.len())
            .collect();
        let mut analyses = ahead;
        analyses.reserve_exact(rest.len());
        analyses.par_extend(rest.into_par_iter().map(Analysis::of_segment));
        let script = crate::text::dominant_script(&analyses);
        let file = checker.check_analysed(path, &info, &batches, analyses, script, None, 0);
        drop(batches);
        crate::dropper::drop_later((held, arena));
        return Ok(Checked {
            file,
            bytes,
            replaced,
            documents,
        });
    }
    drop(ahead);
    drop(batches);
    drop(arena);
    if tally_needed {
        tally.add(&held.segments);
    }
    drop(held);
    let source = again.source(&name)?;
    // Each later pass reads what the first read, or the input changed meanwhile.
    let reread = |f: &mut dyn FnMut(usize, Vec<Segment>, bool) -> Result<(), Error>| match source
        .each_batch(&name, kind, how, f)?
    {
        n if n == bytes => Ok(()),
        _ => Err(Error::input(format!(
            "{name}: changed while it was checked (read again in bounded memory)"
        ))),
    };

    let script = tally.scripts.dominant();
    let known = engine.know_by(&path.project, &info, script, || {
        engine
            .selector
            .language_of_samples(&engine.packs, &tally.samples, script)
    });
    let prepared = engine.prepare(&path.project, &info, &[], script, Some(&known));
    let ctx = &prepared.ctx;
    let mut judges = Judges::new(&prepared);
    if judges.learn_any() {
        reread(&mut |first, batch, _| {
            judges.learn(first, &analyse(&batch), ctx);
            Ok(())
        })?;
    }
    let wanted = judges.decide(ctx);
    if !wanted.is_empty() {
        reread(&mut |first, batch, _| {
            let from = wanted.partition_point(|&i| i < first);
            for &i in wanted[from..]
                .iter()
                .take_while(|&&i| i < first + batch.len())
            {
                judges.recall(i, &Analysis::of_segment(&batch[i - first]), ctx);
            }
            Ok(())
        })?;
    }

    // The last pass: hits to findings to records, a paragraph once no rule can add to it.
    let lag = judges.lag();
    let mut scorer = checker.scorer(ctx);
    let header = scorer.file(path, &info, &prepared);
    let mut spill = Spill::new(format).map_err(spill_error)?;
    let mut locator = Locator::new(
        &prepared.rules,
        &checker.judging.filter,
        &path.project,
        info.target_language.as_deref(),
        false,
    );
    let mut pending: VecDeque<(Segment, usize)> = VecDeque::new();
    let mut pending_found: Vec<Found> = Vec::new();
    let mut done = 0;
    let (mut suppressed, mut baselined) = (0, 0);
    reread(&mut |first, batch, last| {
        let analyses = analyse(&batch);
        let found = judges.judge(&prepared, first, &analyses, last);
        let words: Vec<usize> = analyses.iter().map(|a| scorer.words(a)).collect();
        drop(analyses);
        pending.extend(batch.into_iter().zip(words));
        debug_assert!(
            found.iter().all(|f| f.paragraph >= done),
            "a hit came too late"
        );
        pending_found.extend(found.into_iter().filter(|f| f.paragraph >= done));
        sort_found(&mut pending_found);
        let end = done + pending.len();
        let upto = if last { end } else { end.saturating_sub(lag) }.max(done);
        let (segments, words): (Vec<Segment>, Vec<usize>) = pending.drain(..upto - done).unzip();
        let split = pending_found.partition_point(|f| f.paragraph < upto);
        let hits: Vec<Found> = pending_found.drain(..split).collect();
        let located = locator.locate(&segments, done, &hits);
        suppressed += located.suppressed;
        baselined += located.baselined.len();
        for (k, findings) in located.paragraphs.into_iter().enumerate() {
            let p = scorer.paragraph(done + k, &segments[k], words[k], findings);
            spill.push(&header, &p).map_err(spill_error)?;
        }
        done = upto;
        Ok(())
    })?;
    let mut file = scorer.file(path, &info, &prepared);
    file.suppressed = suppressed;
    file.baselined = baselined;
    file.spilled = Some(spill.finish().map_err(spill_error)?);
    Ok(Checked {
        file,
        bytes,
        replaced,
        documents,
    })
}

fn spill_error(e: std::io::Error) -> Error {
    Error::new(
        ErrorKind::Output,
        format!("cannot write a temporary file for a large document: {e}"),
    )
    .with_io(e.kind())
}

/// Analyse a batch on all threads.
fn analyse(batch: &[Segment]) -> Vec<Analysis<'_>> {
    batch.par_iter().map(Analysis::of_segment).collect()
}

/// Paragraphs read and not yet passed on, and their bytes of text (a unit's source counted).
#[derive(Default)]
struct Batch {
    segments: Vec<Segment>,
    bytes: usize,
}

impl Batch {
    fn push(&mut self, segment: Segment) {
        // What a unit holds besides its target: its source, id and notes (a PO entry's
        // comments may be far longer than its strings).
        let unit = segment.unit.as_ref().map_or(0, |u| {
            u.source.as_ref().map_or(0, |s| s.text.len())
                + u.id.len()
                + u.notes.iter().map(String::len).sum::<usize>()
        });
        self.bytes += segment.text.len() + unit;
        self.segments.push(segment);
    }

    fn full(&self) -> bool {
        self.segments.len() >= BATCH_PARAGRAPHS || self.bytes >= BATCH_BYTES
    }

    fn take(&mut self) -> Vec<Segment> {
        self.bytes = 0;
        std::mem::take(&mut self.segments)
    }
}

/// What the first pass gathers to decide the document's script and language.
#[derive(Default)]
struct Tally {
    scripts: ScriptTally,
    samples: Samples,
}

impl Tally {
    fn add(&mut self, batch: &[Segment]) {
        let counts: Vec<ScriptCounts> = batch.par_iter().map(|s| scripts_of(&s.text)).collect();
        for (s, counts) in batch.iter().zip(counts) {
            self.scripts.add(&counts);
            self.samples.add(&s.text, counts.dominant());
        }
    }
}

/// Where the passes after the first read the document again.
enum Source {
    Input(Input),
    /// The input as the first pass read it (stdin, a pipe, a device).
    Copied(Copied),
}

impl Source {
    /// The segments of the input read again.
    fn segments(
        &self,
        name: &str,
        kind: Format,
        how: &Reading,
    ) -> Result<Segments<Box<dyn std::io::BufRead + Send>>, Error> {
        let opened = match self {
            Source::Input(input) => crate::input::open(input, how.encoding)?,
            Source::Copied(copied) => crate::input::open_reader(
                name,
                copied
                    .reader()
                    .map_err(|e| Error::input(format!("{name}: cannot read it again: {e}")))?,
                how.encoding,
            )?,
        };
        let Opened::Text(lines) = opened else {
            return Err(Error::input(format!(
                "{name}: changed while it was checked"
            )));
        };
        Segments::new(name, lines, kind, how)
    }

    /// Call `f` with every batch of paragraphs, the number of its first and whether it is the
    /// last (which may be empty); the bytes read.
    fn each_batch(
        &self,
        name: &str,
        kind: Format,
        how: &Reading,
        f: &mut dyn FnMut(usize, Vec<Segment>, bool) -> Result<(), Error>,
    ) -> Result<usize, Error> {
        let mut first = 0;
        let mut batch = Batch::default();
        let mut paragraphs = self.segments(name, kind, how)?;
        for segment in paragraphs.by_ref() {
            batch.push(segment?);
            if batch.full() {
                let segments = batch.take();
                let n = segments.len();
                f(first, segments, false)?;
                first += n;
            }
        }
        f(first, batch.take(), true)?;
        Ok(paragraphs.bytes())
    }
}

/// An input as it is read: in memory up to a size, then in a temporary file.
struct Kept {
    hold: usize,
    memory: Vec<u8>,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

/// The most room a copy in memory takes at once (a hold size set larger grows past it).
const KEPT_ROOM: usize = 64 << 20;

/// An input copied, to be read again.
enum Copied {
    Memory(Arc<Vec<u8>>),
    File(std::fs::File),
}

impl Kept {
    fn new(hold: usize) -> Kept {
        Kept {
            hold,
            // Room for the whole copy at once (pages are resident only once written): a copy
            // grown by doubling held the old and the new buffer at each step, and jemalloc keeps
            // the freed one a while (62 MB resident for 1 GB on stdin, 46 MB with the room).
            memory: Vec::with_capacity(hold.min(KEPT_ROOM)),
            file: None,
        }
    }

    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        if let Some(file) = &mut self.file {
            return file.write_all(bytes);
        }
        if self.memory.len() + bytes.len() <= self.hold {
            self.memory.extend_from_slice(bytes);
            return Ok(());
        }
        let mut file = std::io::BufWriter::new(tempfile::tempfile()?);
        file.write_all(&std::mem::take(&mut self.memory))?;
        file.write_all(bytes)?;
        self.file = Some(file);
        Ok(())
    }

    fn finish(self) -> std::io::Result<Copied> {
        match self.file {
            Some(file) => Ok(Copied::File(file.into_inner().map_err(|e| e.into_error())?)),
            None => {
                // The room taken at first, past what the input held (a short input on stdin
                // would otherwise keep 16 MB of address space while it is checked).
                let mut memory = self.memory;
                memory.shrink_to_fit();
                Ok(Copied::Memory(Arc::new(memory)))
            }
        }
    }
}

impl Copied {
    fn reader(&self) -> std::io::Result<Box<dyn Read + Send>> {
        Ok(match self {
            Copied::Memory(bytes) => Box::new(std::io::Cursor::new(SharedBytes(bytes.clone()))),
            Copied::File(file) => {
                let mut file = file.try_clone()?;
                file.seek(SeekFrom::Start(0))?;
                Box::new(file)
            }
        })
    }
}

/// Bytes shared between passes.
struct SharedBytes(Arc<Vec<u8>>);

impl AsRef<[u8]> for SharedBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// A reader that copies what it reads.
struct Tee {
    inner: Box<dyn Read + Send>,
    copy: Arc<Mutex<Kept>>,
}

impl Read for Tee {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let mut copy = self
            .copy
            .lock()
            .map_err(|_| std::io::Error::other("the copy of the input was lost"))?;
        copy.write(&buf[..n]).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("cannot keep a copy in a temporary file, to read it again: {e}"),
            )
        })?;
        Ok(n)
    }
}
