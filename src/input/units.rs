//! The segments of an input read as they come, a line at a time: the paragraphs of plain text
//! (`Paragraphs`), or the translation units of a line-based bilingual file (TSV, JSONL, PO),
//! each line given to its reader's line function (`tsv::TsvReader::line`, `jsonl::read_line`,
//! `po::Stream::line`, what `readers::read` runs over a whole text). A PO entry spans lines:
//! its units come when it is complete, and the header's languages before the first unit. A
//! document held in memory, a stream of
//! segments (`--segments`) and a document too large to hold (`large`) all read through here,
//! so a unit is read the same way, at the same position, whichever path checks it.
//!
//! A line's position is counted from the one before (the input's start after its byte-order
//! mark, then each line's characters in the input's encoding), as `readers::read` counts it in
//! a whole text; units a reader skips are counted in the document's `DocInfo` as they go by.

use std::collections::VecDeque;
use std::io::BufRead;

use super::decode::Lines;
use super::readers::{Format, ReadOptions, jsonl, po, tsv};
use super::unit::Unit;
use super::{DocInfo, Paragraphs, Position, Reading, Segment};
use crate::error::Error;

/// How a line becomes a unit.
enum LineFn {
    Tsv(tsv::TsvReader),
    Jsonl(jsonl::Fields),
    Po(Box<po::Stream>),
}

/// The reader of a line-based format, for one input.
pub struct LineReader {
    name: String,
    line: LineFn,
    format: Format,
    include_skipped: bool,
}

impl LineReader {
    /// The reader of the input called `name` in `format`; `None` when the format is not read a
    /// line at a time (see `Format::by_line`).
    pub fn new(name: &str, format: Format, options: &ReadOptions) -> Option<LineReader> {
        let line = match format {
            Format::Tsv => LineFn::Tsv(tsv::TsvReader::new(name, options)),
            Format::Jsonl => LineFn::Jsonl(options.fields.clone()),
            Format::Po => LineFn::Po(Box::new(po::Stream::new(name, options))),
            _ => return None,
        };
        Some(LineReader {
            name: name.to_string(),
            line,
            format,
            include_skipped: options.include_skipped,
        })
    }
}

/// The units of a TSV, JSONL or PO input, as segments, in order, as they are read.
pub struct Units<R> {
    lines: Lines<R>,
    reader: LineReader,
    /// The position of the next line.
    at: Position,
    info: DocInfo,
    /// Segments read and not yet given.
    ready: VecDeque<Segment>,
    /// An error met while reading ahead, given after the segments before it.
    failed: Option<Error>,
    /// The input is read to its end.
    ended: bool,
    /// An error was given: nothing more is read.
    done: bool,
}

impl<R: BufRead> Units<R> {
    /// The units of `lines`, read by `reader`. A PO file is read up to its first complete
    /// entry, so its header's languages are known before its first unit.
    pub fn new(lines: Lines<R>, reader: LineReader) -> Units<R> {
        let at = Position::line_start(lines.bom(), 1, 0);
        let mut units = Units {
            lines,
            reader,
            at,
            info: DocInfo {
                units: true,
                ..DocInfo::default()
            },
            ready: VecDeque::new(),
            failed: None,
            ended: false,
            done: false,
        };
        while let LineFn::Po(po) = &units.reader.line
            && !po.settled()
            && !units.ended
            && units.failed.is_none()
        {
            if let Err(e) = units.read_line() {
                units.failed = Some(e);
            }
        }
        units
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> usize {
        self.lines.offset()
    }

    /// Invalid sequences replaced so far (lossy decoding).
    pub fn replaced(&self) -> usize {
        self.lines.replaced
    }

    /// What the file says of its document: the languages of a PO header, and the units
    /// skipped so far, by why. TSV and JSONL declare no language.
    pub fn info(&self) -> &DocInfo {
        &self.info
    }

    fn unit(&mut self) -> Result<Option<Segment>, Error> {
        loop {
            if let Some(segment) = self.ready.pop_front() {
                return Ok(Some(segment));
            }
            if let Some(e) = self.failed.take() {
                return Err(e);
            }
            if self.ended {
                return Ok(None);
            }
            self.read_line()?;
        }
    }

    /// Read one line (or the end of the input) and keep the segments it completes.
    fn read_line(&mut self) -> Result<(), Error> {
        let settled = matches!(&self.reader.line, LineFn::Po(po) if po.settled());
        let r = &mut self.reader;
        let units = match self.lines.next() {
            None => {
                self.ended = true;
                match &mut r.line {
                    LineFn::Po(po) => {
                        po.finish()?;
                        po.take_units()
                    }
                    _ => Vec::new(),
                }
            }
            Some(line) => {
                let line = line?;
                let charset = self.lines.charset();
                let at = self.at;
                self.at = at.after(&line.text, charset);
                match &mut r.line {
                    LineFn::Tsv(tsv) => tsv.line(&line.text, at, charset)?.into_iter().collect(),
                    LineFn::Jsonl(fields) => {
                        jsonl::read_line(&r.name, &line.text, at, charset, fields)?
                            .into_iter()
                            .collect()
                    }
                    LineFn::Po(po) => {
                        po.line(&line.text, at, charset)?;
                        po.take_units()
                    }
                }
            }
        };
        if !settled {
            self.languages();
        }
        self.keep(units);
        Ok(())
    }

    /// The languages a PO header names, once it is read.
    fn languages(&mut self) {
        if let LineFn::Po(po) = &self.reader.line
            && let Some(file) = po.info()
        {
            let declared = super::declared(file);
            self.info.source_language = declared.source_language;
            self.info.target_language = declared.target_language;
        }
    }

    fn keep(&mut self, units: Vec<Unit>) {
        let r = &self.reader;
        let charset = self.lines.charset();
        for unit in units {
            if let Some(segment) = super::unit_segment(
                unit,
                r.format,
                r.include_skipped,
                charset,
                &mut self.info.skipped,
            ) {
                self.ready.push_back(segment);
            }
        }
    }
}

impl<R: BufRead> Iterator for Units<R> {
    type Item = Result<Segment, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let next = self.unit();
        self.done = !matches!(next, Ok(Some(_)));
        next.transpose()
    }
}

/// The segments of an input that can be read as they come: plain text's paragraphs or a
/// line-based bilingual file's units.
// One value per input, made once and never moved in a loop: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Segments<R> {
    Paragraphs(Paragraphs<R>),
    Units(Units<R>),
}

impl<R: BufRead> Segments<R> {
    /// The segments of `lines`, the input called `name`, read in `format` as `how` says; an
    /// error for a format read whole (XLIFF, TMX, Markdown), which callers read with
    /// `Document::read`.
    pub fn new(
        name: &str,
        lines: Lines<R>,
        format: Format,
        how: &Reading,
    ) -> Result<Segments<R>, Error> {
        match format {
            Format::Text => Ok(Segments::Paragraphs(Paragraphs::new(lines, how.mode))),
            _ => match LineReader::new(name, format, &how.options) {
                Some(reader) => Ok(Segments::Units(Units::new(lines, reader))),
                None => Err(Error::input(format!(
                    "{name}: a {} file is read whole, not a line at a time",
                    format.as_str()
                ))),
            },
        }
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> usize {
        match self {
            Segments::Paragraphs(p) => p.bytes(),
            Segments::Units(u) => u.bytes(),
        }
    }

    /// Invalid sequences replaced so far (lossy decoding).
    pub fn replaced(&self) -> usize {
        match self {
            Segments::Paragraphs(p) => p.replaced(),
            Segments::Units(u) => u.replaced(),
        }
    }

    /// What the input says of its document so far (plain text: nothing).
    pub fn info(&self) -> DocInfo {
        match self {
            Segments::Paragraphs(_) => DocInfo::default(),
            Segments::Units(u) => u.info().clone(),
        }
    }
}

impl<R: BufRead> Iterator for Segments<R> {
    type Item = Result<Segment, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Segments::Paragraphs(p) => p.next(),
            Segments::Units(u) => u.next(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::readers::{self, Source};
    use crate::input::{Charset, Document, Encoding, unit::Skip};

    /// The units read a line at a time are the units `readers::read` gives for the whole text,
    /// made segments as a held document makes them: same texts, positions, maps and skips.
    #[test]
    fn a_line_at_a_time_is_the_whole_text() {
        let tsv = "id\tsrc\ttgt\tnote\r\n1\tHello 5\tহ্যালো ৫\tx\n\n2\tBye\t\n3\tক\tখ\ty";
        let jsonl = "{\"id\": 7, \"src\": \"a\\tb 3\", \"tgt\": \"ক\\u09be \\ud83d\\ude00 খ\", \"sys\": \"m\"}\n\n\
                     {\"tgt\": null, \"src\": \"x\"}\n{\"source\": \"Hi\", \"target\": \"হাই\"}\n";
        let po = "# h\r\nmsgid \"\"\r\nmsgstr \"\"\r\n\"Language: bn\\n\"\r\n\r\n#, fuzzy\nmsgid \"a\"\nmsgstr \"ক\"\n\
                  msgid \"%d x\"\nmsgid_plural \"%d xs\"\nmsgstr[0] \"\"\n\"খ\\n\"\n  \"গ \\303\\251\"\nmsgstr[1] \"\"\n\
                  #~ msgid \"o\"\n#~ msgstr \"ঘ\"\nmsgid \"last\"\nmsgstr \"ঙ\"";
        for (format, text) in [(Format::Tsv, tsv), (Format::Jsonl, jsonl), (Format::Po, po)] {
            for include_skipped in [false, true] {
                for bom in [false, true] {
                    let mut bytes = if bom { vec![0xEF, 0xBB, 0xBF] } else { vec![] };
                    bytes.extend_from_slice(text.as_bytes());
                    let how = Reading {
                        options: ReadOptions {
                            include_skipped,
                            ..ReadOptions::default()
                        },
                        ..Reading::default()
                    };
                    let bom_len = if bom { 3 } else { 0 };
                    let src = Source::with_bom("t", text, Charset::Utf8, bom_len);
                    let whole = readers::read(format, &src, &how.options).unwrap().remove(0);
                    let held = Document::of_units(
                        crate::input::DocPath::plain("t"),
                        whole,
                        format,
                        &how,
                        bytes.len(),
                    );
                    let reader: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes));
                    let lines =
                        Lines::new("t", reader, Charset::Utf8, bom_len, Encoding::Strict).unwrap();
                    let reader = LineReader::new("t", format, &how.options).unwrap();
                    let mut units = Units::new(lines, reader);
                    let segments: Vec<Segment> = units.by_ref().collect::<Result<_, _>>().unwrap();
                    assert_eq!(units.bytes(), held.bytes);
                    assert_eq!(units.info(), &held.info, "{format:?}");
                    assert_eq!(segments.len(), held.segments.len());
                    for (a, b) in segments.iter().zip(&held.segments) {
                        assert_eq!(
                            (&a.text, a.at, &a.map, a.charset, &a.unit),
                            (&b.text, b.at, &b.map, b.charset, &b.unit)
                        );
                    }
                    if !include_skipped && format == Format::Jsonl {
                        assert_eq!(units.info().skipped.get(&Skip::NoTarget), Some(&1));
                    }
                }
            }
        }
    }

    /// The units of `text`, read as a file called `name` in `format`.
    fn units_of(name: &str, format: Format, text: &str) -> Units<Box<dyn BufRead + Send>> {
        let bytes = text.as_bytes().to_vec();
        let reader: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes));
        let lines = Lines::new(name, reader, Charset::Utf8, 0, Encoding::Strict).unwrap();
        let reader = LineReader::new(name, format, &ReadOptions::default()).unwrap();
        Units::new(lines, reader)
    }

    /// A PO file's header is read before its first unit is given, so a stream or a document
    /// too large to hold knows its language from the start.
    #[test]
    fn a_po_header_is_known_before_the_first_unit() {
        let text = "msgid \"\"\nmsgstr \"Language: ru\\nX-Source-Language: en\\n\"\n\nmsgid \"a\"\nmsgstr \"б\"\n";
        let mut units = units_of("t.po", Format::Po, text);
        assert_eq!(units.info().target_language.as_deref(), Some("ru"));
        assert_eq!(units.info().source_language.as_deref(), Some("en"));
        assert_eq!(units.next().unwrap().unwrap().text, "б");
        assert!(units.next().is_none());
        // A catalogue of its header alone, completed by the end of the input.
        for text in [
            "msgid \"\"\nmsgstr \"Language: bn\\n\"\n",
            "msgid \"\"\nmsgstr \"Language: bn\\n\"",
        ] {
            let mut units = units_of("h.po", Format::Po, text);
            assert_eq!(
                units.info().target_language.as_deref(),
                Some("bn"),
                "{text:?}"
            );
            assert!(units.next().is_none());
        }
    }

    #[test]
    fn an_error_ends_the_units() {
        let text = "{\"tgt\": \"a\"}\n{\"tgt\": 5}\n{\"tgt\": \"b\"}\n";
        let units = units_of("t.jsonl", Format::Jsonl, text);
        let got: Vec<Result<Segment, Error>> = units.collect();
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().unwrap().text, "a");
        let e = got[1].as_ref().unwrap_err();
        assert_eq!(e.message, "t.jsonl:2:9: field `tgt` must be a string");
    }
}
