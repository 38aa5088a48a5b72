//! The segments of an input read as they come, a line at a time: the paragraphs of plain text
//! (`Paragraphs`), or the translation units of a line-based bilingual file (TSV, JSONL, PO),
//! each line given to its reader's line function (`tsv::TsvReader::line`, `jsonl::read_line`,
//! `po::Stream::line`, what `readers::read` runs over a whole text). A PO entry spans lines:
//! its units come when it is complete, and the header's languages before the first unit. An
//! XLIFF or TMX file is pulled through its reader's stream (`xliff::Stream`, `tmx::Stream`) a
//! unit at a time, the lines fed to the XML layer; it gives the units of one document (a
//! target language) and names the others, which the caller reads again. A document held in
//! memory (but XLIFF and TMX, which `readers::read` reads whole through the same streams), a
//! stream of segments (`--segments`) and a document too large to hold (`large`) all read
//! through here, so a unit is read the same way, at the same position, whichever path checks
//! it.
//!
//! A line's position is counted from the one before (the input's start after its byte-order
//! mark, then each line's characters in the input's encoding), as `readers::read` counts it in
//! a whole text; units a reader skips are counted in the document's `DocInfo` as they go by.

use std::collections::VecDeque;
use std::io::BufRead;

use std::borrow::Cow;

use super::decode::Lines;
use super::readers::xml::{Piece, Xml};
use super::readers::{Choice, Format, ReadOptions, jsonl, po, tmx, tsv, xliff};
use super::unit::Unit;
use super::{Charset, DocInfo, Paragraphs, Position, Reading, Segment};
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

/// Segments read ahead, at most, to learn what a file says of its document (see
/// `Units::settle`).
const SETTLE_SEGMENTS: usize = 1024;

/// Where a `Units` reads its units from.
// One value per input, made once and never moved in a loop: its size does not matter.
#[allow(clippy::large_enum_variant)]
enum Origin<R> {
    /// Lines, each given to the reader's line function; `at`: the position of the next line.
    Lines {
        lines: Lines<R>,
        reader: LineReader,
        at: Position,
    },
    /// An XLIFF or TMX stream (`None`: its root could not be read) and the document read
    /// (`given`: the only one, a TMX file's target language given).
    Xml {
        stream: Option<Box<XmlStream>>,
        choice: Choice,
        given: bool,
        charset: Charset,
        format: Format,
        include_skipped: bool,
    },
}

/// An XML reader's stream over the lines of an input.
enum XmlStream {
    Tmx(tmx::Stream<'static>),
    Xliff(xliff::Stream<'static>),
}

impl XmlStream {
    fn xml(&self) -> &Xml<'static> {
        match self {
            XmlStream::Tmx(s) => s.xml(),
            XmlStream::Xliff(s) => s.xml(),
        }
    }

    fn next_units(&mut self, choice: &mut Choice) -> Result<Option<Vec<Unit>>, Error> {
        match self {
            XmlStream::Tmx(s) => s.next_units(choice),
            XmlStream::Xliff(s) => s.next_units(choice),
        }
    }
}

/// The units of a TSV, JSONL, PO, XLIFF or TMX input, as segments, in order, as they are read.
pub struct Units<R> {
    from: Origin<R>,
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
        let units = Units {
            from: Origin::Lines { lines, reader, at },
            info: DocInfo {
                units: true,
                ..DocInfo::default()
            },
            ready: VecDeque::new(),
            failed: None,
            ended: false,
            done: false,
        };
        units.settle()
    }

    /// Read ahead until what the file says of its document is known: a PO header (up to the
    /// first complete entry), an XLIFF or TMX document's languages (up to its first unit; a
    /// TMX's target language, up to its first `<tu>` with a target), but not past
    /// `SETTLE_SEGMENTS` segments: a TMX whose first target comes later is given without its
    /// target language until it comes (the bounded path, which reads the file whole first,
    /// still knows it from the start).
    fn settle(mut self) -> Units<R> {
        loop {
            let settled = match &self.from {
                Origin::Lines { reader, .. } => match &reader.line {
                    LineFn::Po(po) => po.settled(),
                    _ => true,
                },
                Origin::Xml { choice, .. } => choice.info.is_some(),
            };
            if settled || self.ended || self.failed.is_some() || self.ready.len() >= SETTLE_SEGMENTS
            {
                return self;
            }
            if let Err(e) = self.read_more() {
                self.failed = Some(e);
            }
        }
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> usize {
        self.read_so_far().0
    }

    /// Invalid sequences replaced so far (lossy decoding).
    pub fn replaced(&self) -> usize {
        self.read_so_far().1
    }

    fn read_so_far(&self) -> (usize, usize) {
        match &self.from {
            Origin::Lines { lines, .. } => (lines.offset(), lines.replaced),
            Origin::Xml { stream, .. } => stream.as_ref().map_or((0, 0), |s| s.xml().read_so_far()),
        }
    }

    /// What the file says of its document: the languages of a PO header or an XLIFF or TMX
    /// document, and the units skipped so far, by why. TSV and JSONL declare no language.
    pub fn info(&self) -> &DocInfo {
        &self.info
    }

    /// The documents of the input seen so far, by target language, in order of first
    /// appearance (an XLIFF or TMX file's; none for a line-based format; of a TMX file whose
    /// target language is given, that one).
    pub fn documents(&self) -> Vec<Option<String>> {
        match &self.from {
            Origin::Lines { .. } => Vec::new(),
            Origin::Xml { choice, given, .. } => match (given, &choice.want) {
                (true, Some(want)) => vec![want.clone()],
                _ => choice.keys.clone(),
            },
        }
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
            self.read_more()?;
        }
    }

    /// Read one line (or the end of the input), or an XML stream's next units, and keep the
    /// segments they complete.
    fn read_more(&mut self) -> Result<(), Error> {
        let (units, charset, format, include_skipped) = match &mut self.from {
            Origin::Lines { lines, reader, at } => {
                let settled = matches!(&reader.line, LineFn::Po(po) if po.settled());
                let units = read_line(lines, reader, at, &mut self.ended)?;
                if !settled
                    && let LineFn::Po(po) = &reader.line
                    && let Some(file) = po.info()
                {
                    self.info.languages(file);
                }
                (
                    units,
                    lines.charset(),
                    reader.format,
                    reader.include_skipped,
                )
            }
            Origin::Xml {
                stream,
                choice,
                charset,
                format,
                include_skipped,
                ..
            } => {
                let units = match stream.as_mut().map(|s| s.next_units(choice)).transpose()? {
                    Some(Some(units)) => units,
                    _ => {
                        self.ended = true;
                        Vec::new()
                    }
                };
                if let Some(file) = &choice.info {
                    self.info.languages(file);
                }
                (units, *charset, *format, *include_skipped)
            }
        };
        for unit in units {
            if let Some(segment) = super::unit_segment(
                unit,
                format,
                include_skipped,
                charset,
                &mut self.info.skipped,
            ) {
                self.ready.push_back(segment);
            }
        }
        Ok(())
    }
}

impl<R: BufRead + Send + 'static> Units<R> {
    /// The units of one document of an XLIFF or TMX input read a line at a time: the
    /// document `options.document` names, else the first (an input gives one per target
    /// language: see `documents`). The document's languages are known before its first unit.
    pub fn xml(name: &str, lines: Lines<R>, format: Format, options: &ReadOptions) -> Units<R> {
        let charset = lines.charset();
        let base = Position::line_start(lines.bom(), 1, 0);
        let mut lines = lines;
        let pieces = std::iter::from_fn(move || {
            let line = lines.next()?;
            Some(line.map(|l| Piece {
                text: Cow::Owned(l.text),
                bytes: lines.offset(),
                replaced: lines.replaced,
            }))
        });
        let xml = Xml::of_pieces(name, charset, base, Box::new(pieces));
        let stream = match format {
            Format::Tmx => tmx::Stream::new(xml, options).map(XmlStream::Tmx),
            _ => xliff::Stream::new(xml).map(XmlStream::Xliff),
        };
        let given = format == Format::Tmx && options.target_lang.is_some();
        let want = match (&options.document, &options.target_lang) {
            (Some(doc), _) => Some(doc.clone()),
            (None, Some(lang)) if given => Some(Some(lang.clone())),
            _ => None,
        };
        let (stream, failed) = match stream {
            Ok(s) => (Some(Box::new(s)), None),
            Err(e) => (None, Some(e)),
        };
        let units = Units {
            from: Origin::Xml {
                stream,
                choice: Choice {
                    want,
                    ..Choice::default()
                },
                given,
                charset,
                format,
                include_skipped: options.include_skipped,
            },
            info: DocInfo {
                units: true,
                ..DocInfo::default()
            },
            ready: VecDeque::new(),
            failed,
            ended: false,
            done: false,
        };
        units.settle()
    }
}

/// Read one line of `lines` (or the end of the input, which sets `ended`) with `reader`: the
/// units it completes.
fn read_line<R: BufRead>(
    lines: &mut Lines<R>,
    r: &mut LineReader,
    at: &mut Position,
    ended: &mut bool,
) -> Result<Vec<Unit>, Error> {
    let Some(line) = lines.next() else {
        *ended = true;
        return match &mut r.line {
            LineFn::Po(po) => {
                po.finish()?;
                Ok(po.take_units())
            }
            _ => Ok(Vec::new()),
        };
    };
    let line = line?;
    let charset = lines.charset();
    let here = *at;
    *at = here.after(&line.text, charset);
    Ok(match &mut r.line {
        LineFn::Tsv(tsv) => tsv.line(&line.text, here, charset)?.into_iter().collect(),
        LineFn::Jsonl(fields) => jsonl::read_line(&r.name, &line.text, here, charset, fields)?
            .into_iter()
            .collect(),
        LineFn::Po(po) => {
            po.line(&line.text, here, charset)?;
            po.take_units()
        }
    })
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

/// The segments of an input that can be read as they come: plain text's paragraphs, or the
/// units of a line-based bilingual file or of one document of an XLIFF or TMX file.
// One value per input, made once and never moved in a loop: its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Segments<R> {
    Paragraphs(Paragraphs<R>),
    Units(Units<R>),
}

impl<R: BufRead + Send + 'static> Segments<R> {
    /// The segments of `lines`, the input called `name`, read in `format` as `how` says (of
    /// an XLIFF or TMX input, those of one document: see `Units::xml`); an error for a format
    /// read whole (Markdown), which callers read with `Document::read`.
    pub fn new(
        name: &str,
        lines: Lines<R>,
        format: Format,
        how: &Reading,
    ) -> Result<Segments<R>, Error> {
        match format {
            Format::Text => Ok(Segments::Paragraphs(Paragraphs::new(lines, how.mode))),
            Format::Xliff | Format::Tmx => Ok(Segments::Units(Units::xml(
                name,
                lines,
                format,
                &how.options,
            ))),
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

    /// The documents of the input seen so far (see `Units::documents`).
    pub fn documents(&self) -> Vec<Option<String>> {
        match self {
            Segments::Paragraphs(_) => Vec::new(),
            Segments::Units(u) => u.documents(),
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

    /// An XLIFF or TMX file read a unit at a time, a document at a time, gives each document
    /// the units, positions, maps and languages `readers::read` gives it from the whole text,
    /// and names the documents in its order.
    #[test]
    fn an_xml_stream_is_the_whole_text_a_document_at_a_time() {
        let tmx = "<?xml version=\"1.0\"?>\r\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\r\n\
                   <tu><tuv xml:lang=\"en\"><seg>Only English</seg></tuv></tu>\n\
                   <tu tuid=\"a\"><note>n</note><tuv xml:lang=\"en\"><seg>Hi &amp; 5</seg></tuv>\n\
                   <tuv xml:lang=\"BN\"><seg>হাই &amp; <ph x=\"1\">{0}</ph> ৫</seg></tuv></tu>\n\
                   <tu><tuv xml:lang=\"hi\"><seg>नमस्ते</seg></tuv><tuv xml:lang=\"en\"><seg>Hello</seg></tuv>\n\
                   <tuv xml:lang=\"bn\"><seg></seg></tuv></tu>\n</body></tmx>";
        let xliff = "<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
                     <file source-language=\"en\" target-language=\"bn\"><body>\n\
                     <trans-unit id=\"1\"><source>A <g id=\"1\">b</g></source>\n\
                     <target state=\"needs-review-translation\">ক <g id=\"1\">খ</g></target></trans-unit>\n\
                     <trans-unit id=\"2\"><source>C</source><target>&#x997;</target></trans-unit>\n\
                     </body></file><file source-language=\"en\"><body>\n\
                     <trans-unit id=\"3\"><source>D</source><target>ঘ</target></trans-unit></body></file>\n\
                     <file source-language=\"en\" target-language=\"bn\"><body>\n\
                     <trans-unit id=\"4\"><source>E</source><target>ঙ</target></trans-unit></body></file></xliff>";
        // A header after the body is read too late to name the source (TMX puts it first):
        // the first variant does, in either path.
        let late = "<tmx><body><tu><tuv xml:lang=\"fr\"><seg>Bonjour</seg></tuv>\
                    <tuv xml:lang=\"en\"><seg>Hello</seg></tuv></tu></body><header srclang=\"en\"/></tmx>";
        for (format, text, keys) in [
            (Format::Tmx, tmx, vec![Some("BN"), Some("hi")]),
            (Format::Tmx, late, vec![Some("en")]),
            (Format::Xliff, xliff, vec![Some("bn"), None]),
        ] {
            for include_skipped in [false, true] {
                for bom in [false, true] {
                    let mut bytes = if bom { vec![0xEF, 0xBB, 0xBF] } else { vec![] };
                    bytes.extend_from_slice(text.as_bytes());
                    let bom_len = if bom { 3 } else { 0 };
                    let src = Source::with_bom("t", text, Charset::Utf8, bom_len);
                    let mut options = ReadOptions {
                        include_skipped,
                        ..ReadOptions::default()
                    };
                    let whole = readers::read(format, &src, &options).unwrap();
                    assert_eq!(whole.len(), keys.len());
                    for (k, doc) in whole.into_iter().enumerate() {
                        let how = Reading {
                            options: options.clone(),
                            ..Reading::default()
                        };
                        let held = Document::of_units(
                            crate::input::DocPath::plain("t"),
                            doc,
                            format,
                            &how,
                            bytes.len(),
                        );
                        let reader: Box<dyn BufRead + Send> =
                            Box::new(std::io::Cursor::new(bytes.clone()));
                        let lines =
                            Lines::new("t", reader, Charset::Utf8, bom_len, Encoding::Strict)
                                .unwrap();
                        let mut units = Units::xml("t", lines, format, &options);
                        assert_eq!(units.info().target_language, held.info.target_language);
                        let segments: Vec<Segment> =
                            units.by_ref().collect::<Result<_, _>>().unwrap();
                        assert_eq!(units.bytes(), held.bytes);
                        assert_eq!(units.info(), &held.info, "{format:?} {k}");
                        let documents = units.documents();
                        let found: Vec<Option<&str>> =
                            documents.iter().map(|d| d.as_deref()).collect();
                        assert_eq!(found, keys, "{format:?}");
                        assert_eq!(segments.len(), held.segments.len(), "{format:?} {k}");
                        for (a, b) in segments.iter().zip(&held.segments) {
                            assert_eq!(
                                (&a.text, a.at, &a.map, a.charset, &a.unit),
                                (&b.text, b.at, &b.map, b.charset, &b.unit)
                            );
                        }
                        // The next document, asked for by name.
                        options.document = keys.get(k + 1).map(|d| d.map(str::to_string));
                    }
                    options.document = None;
                }
            }
        }
    }

    /// A TMX whose first target comes late is not read ahead to it: its units come without
    /// its target language, which is known once it is read.
    #[test]
    fn a_tmx_stream_reads_ahead_a_bounded_number_of_units() {
        let mut text = String::from("<tmx><header srclang=\"en\"/><body>\n");
        for i in 0..5000 {
            text.push_str(&format!(
                "<tu><tuv xml:lang=\"en\"><seg>s {i}</seg></tuv></tu>\n"
            ));
        }
        text.push_str("<tu><tuv xml:lang=\"en\"><seg>x</seg></tuv><tuv xml:lang=\"fr\"><seg>y</seg></tuv></tu>\n</body></tmx>\n");
        let total = text.len();
        let lines = lines_of("t.tmx", &text);
        let options = ReadOptions {
            include_skipped: true,
            ..ReadOptions::default()
        };
        let mut units = Units::xml("t.tmx", lines, Format::Tmx, &options);
        assert!(
            units.bytes() < total / 2,
            "read ahead {} of {total}",
            units.bytes()
        );
        assert_eq!(units.info().target_language, None);
        assert_eq!(units.by_ref().count(), 5001);
        assert_eq!(units.info().target_language.as_deref(), Some("fr"));
    }

    /// An XML stream's error in the middle of the input ends the units after those before it.
    #[test]
    fn an_xml_stream_gives_the_units_before_an_error() {
        let mut text = String::from("<tmx><header srclang=\"en\"/><body>\n");
        for i in 0..5 {
            text.push_str(&format!(
                "<tu><tuv xml:lang=\"en\"><seg>{i}</seg></tuv><tuv xml:lang=\"ru\"><seg>{i}</seg></tuv></tu>\n"
            ));
        }
        text.push_str("<tu><tuv xml:lang=\"en\"><seg>x</tuv></tu>\n");
        let lines = lines_of("t.tmx", &text);
        let units = Units::xml("t.tmx", lines, Format::Tmx, &ReadOptions::default());
        let got: Vec<Result<Segment, Error>> = units.collect();
        assert_eq!(got.len(), 6);
        assert!(got[..5].iter().all(Result::is_ok));
        let e = got[5].as_ref().unwrap_err();
        assert!(e.message.starts_with("t.tmx:7:"), "{}", e.message);
    }

    /// The lines of `text`, read as a UTF-8 file called `name`.
    fn lines_of(name: &str, text: &str) -> Lines<Box<dyn BufRead + Send>> {
        let bytes = text.as_bytes().to_vec();
        let reader: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(bytes));
        Lines::new(name, reader, Charset::Utf8, 0, Encoding::Strict).unwrap()
    }

    /// The units of `text`, read as a file called `name` in `format`.
    fn units_of(name: &str, format: Format, text: &str) -> Units<Box<dyn BufRead + Send>> {
        let reader = LineReader::new(name, format, &ReadOptions::default()).unwrap();
        Units::new(lines_of(name, text), reader)
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
