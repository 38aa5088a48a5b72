//! Inputs: the one path from bytes to segments. An input is opened (its first block tells text
//! from binary), decoded a line at a time (`decode`), and grouped into paragraphs
//! (`paragraphs`), each a `Segment` that carries its own position in the input, so whole files
//! and streams share every step and nothing is patched afterwards. `walk` expands the command
//! line's paths.

pub mod decode;
pub mod paragraphs;
pub mod readers;
pub mod unit;
pub mod units;
pub mod walk;

use std::io::BufRead;
use std::path::PathBuf;

pub use decode::{Charset, Encoding};
pub use paragraphs::{ParagraphMode, Paragraphs};
pub use units::{Segments, Units};

use crate::error::{Error, display_path};

/// One input named on the command line or found in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    /// `named`: given on the command line (not found by walking a directory); `relative`: its
    /// path relative to the directory argument it was found under (a file named directly: its
    /// file name).
    File {
        path: PathBuf,
        named: bool,
        relative: String,
    },
}

impl Input {
    /// Whether the input can be opened again and read the same (a file; not stdin, a pipe, a
    /// FIFO or a device).
    pub fn reopens(&self) -> bool {
        match self {
            Input::Stdin => false,
            Input::File { path, .. } => {
                std::fs::metadata(path).is_ok_and(|m| m.is_file() || m.is_dir())
            }
        }
    }

    /// A file named on the command line.
    pub fn named_file(path: PathBuf) -> Input {
        let relative = path
            .file_name()
            .map_or_else(|| display_path(&path), |n| n.to_string_lossy().into_owned());
        Input::File {
            path,
            named: true,
            relative,
        }
    }

    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File { path, .. } => display_path(path),
        }
    }

    /// Its path relative to the directory argument it was found under.
    pub fn relative(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File { relative, .. } => relative.clone(),
        }
    }

    pub fn named(&self) -> bool {
        match self {
            Input::Stdin => true,
            Input::File { named, .. } => *named,
        }
    }
}

/// A point in an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Byte offset in the input as read (byte-order mark and CR included).
    pub offset: usize,
    /// 1-based line; lines end at `\n` (a lone CR is not a line break).
    pub line: usize,
    /// 1-based column in Unicode scalar values of the line.
    pub column: usize,
    /// 1-based column in UTF-8 bytes of the decoded line.
    pub byte_column: usize,
    /// Unicode scalar values of the input's text before this point (byte-order mark excluded).
    pub char_offset: usize,
}

impl Position {
    /// The start of a line: `offset` in the input, `chars` characters of text before it.
    pub fn line_start(offset: usize, line: usize, chars: usize) -> Position {
        Position {
            offset,
            line,
            column: 1,
            byte_column: 1,
            char_offset: chars,
        }
    }

    /// The position after `text`, written in `charset`, starting here.
    pub fn after(mut self, text: &str, charset: Charset) -> Position {
        for c in text.chars() {
            self.offset += charset.width(c);
            self.char_offset += 1;
            if c == '\n' {
                self.line += 1;
                self.column = 1;
                self.byte_column = 1;
            } else {
                self.column += 1;
                self.byte_column += c.len_utf8();
            }
        }
        self
    }
}

/// A paragraph (or a translation unit's target) as read: its text, and where that text starts
/// in the input.
#[derive(Debug, Clone)]
pub struct Segment {
    pub text: String,
    pub at: Position,
    pub charset: Charset,
    /// Anchors back to the input where the text is not verbatim there (entities, escapes,
    /// inline codes; see `UnitText::map`): from each anchor on, the text is verbatim up to the
    /// next. Empty for plain text.
    pub map: Vec<(usize, Position)>,
    /// The translation unit whose target this is, when it comes from a bilingual file.
    pub unit: Option<Box<UnitInfo>>,
}

/// What a segment read from a translation file knows besides its target text.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitInfo {
    pub id: String,
    pub source: Option<unit::UnitText>,
    /// The target's inline codes.
    pub codes: Vec<unit::InlineCode>,
    pub notes: Vec<String>,
    pub max_length: Option<unit::MaxLength>,
    /// `mtqc-ignore` directives: (rule id, reason).
    pub ignore: Vec<(String, String)>,
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// The plural form it translates (PO `msgstr[n]`).
    pub plural_form: Option<usize>,
    /// A plural form's other source (`unit::Unit::plural_other`).
    pub plural_other: Option<unit::UnitText>,
    /// The unit's context (PO `msgctxt`).
    pub context: Option<String>,
}

impl Segment {
    /// Plain text verbatim at `at`.
    pub fn plain(text: String, at: Position, charset: Charset) -> Segment {
        Segment {
            text,
            at,
            charset,
            map: Vec::new(),
            unit: None,
        }
    }

    /// The position of byte `i` of the text.
    pub fn position(&self, i: usize) -> Position {
        self.positions(&[i])[0]
    }

    /// Positions of several byte offsets of the text (sorted or not), walking the text once.
    pub fn positions(&self, offsets: &[usize]) -> Vec<Position> {
        let mut out = vec![self.at; offsets.len()];
        self.walk(offsets, |i, at| out[i] = at);
        out
    }

    /// Byte offsets in the input of several byte offsets of the text, walking the text once.
    pub fn input_offsets(&self, offsets: &[usize]) -> Vec<usize> {
        let mut out = vec![0; offsets.len()];
        self.walk(offsets, |i, at| out[i] = at.offset);
        out
    }

    /// Each of `offsets` (by its index) with its position, in the order of the text.
    fn walk(&self, offsets: &[usize], mut each: impl FnMut(usize, Position)) {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let (mut at, mut from, mut next) = (self.at, 0, 0);
        for i in order {
            let to = offsets[i];
            // Jump to the last anchor at or before `to`: from there the text is verbatim.
            while next < self.map.len() && self.map[next].0 <= to {
                (from, at) = self.map[next];
                next += 1;
            }
            at = at.after(&self.text[from..to], self.charset);
            from = to;
            each(i, at);
        }
    }
}

/// An input opened for reading: text, or binary (its first block holds a NUL byte).
pub enum Opened {
    Text(decode::Lines<Box<dyn BufRead + Send>>),
    Binary { offset: usize },
}

/// A file the run reads whole besides its inputs (a project file, glossary, baseline or report
/// to compare), read up to `limit` bytes: past it (`/dev/zero`, a log named by mistake) the read
/// stops with an error rather than fill memory.
pub fn read_bounded(path: &std::path::Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    // A regular file's size is known: room for it at once, not grown by doubling.
    let size = file.metadata().map_or(0, |m| m.len().min(limit));
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other(format!(
            "larger than {} MiB, more than such a file holds",
            limit >> 20
        )));
    }
    Ok(bytes)
}

/// A text file the run reads whole besides its inputs (a project file, a glossary), UTF-8, up
/// to `READ_LIMIT` bytes (`read_bounded`).
pub fn read_bounded_text(path: &std::path::Path) -> std::io::Result<String> {
    decode_whole(read_bounded(path, READ_LIMIT)?)
}

/// A whole file's text: UTF-8, its byte-order mark dropped, or UTF-16 with a byte-order mark
/// (what spreadsheet programs write for "Unicode text"); anything else is an error.
fn decode_whole(mut bytes: Vec<u8>) -> std::io::Result<String> {
    // The byte-order mark, read as an input's is (`decode::sniff`); a NUL byte is no concern
    // here.
    let (charset, bom) = match decode::sniff(&bytes) {
        decode::Sniffed::Text { charset, bom } => (charset, bom),
        decode::Sniffed::Binary { .. } => (decode::Charset::Utf8, 0),
    };
    let utf16 = match charset {
        decode::Charset::Utf8 => {
            bytes.drain(..bom);
            return String::from_utf8(bytes).map_err(|e| {
                std::io::Error::other(format!(
                    "not UTF-8 (nor UTF-16 with a byte-order mark): invalid byte at offset {}",
                    e.utf8_error().valid_up_to() + bom
                ))
            });
        }
        decode::Charset::Utf16Le => encoding_rs::UTF_16LE,
        decode::Charset::Utf16Be => encoding_rs::UTF_16BE,
    };
    utf16
        .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
        .map(std::borrow::Cow::into_owned)
        .ok_or_else(|| {
            std::io::Error::other(format!(
                "invalid {} (after its byte-order mark)",
                utf16.name()
            ))
        })
}

/// The most a project file, a baseline or a glossary may hold.
pub const READ_LIMIT: u64 = 256 << 20;

/// The most a report compared by `mtqc diff` may hold (a large corpus' JSON report).
pub const REPORT_READ_LIMIT: u64 = 1 << 30;

/// Open an input and tell text from binary by its first block.
pub fn open(input: &Input, encoding: Encoding) -> Result<Opened, Error> {
    let name = input.display();
    let reader: Box<dyn std::io::Read + Send> = match input {
        Input::Stdin => Box::new(std::io::stdin()),
        Input::File { path, .. } => {
            let file = std::fs::File::open(path)
                .map_err(|e| Error::input(format!("{name}: cannot read: {e}")))?;
            if file.metadata().is_ok_and(|m| m.is_dir()) {
                return Err(Error::input(format!("{name}: is a directory")));
            }
            Box::new(file)
        }
    };
    open_reader(&name, reader, encoding)
}

/// Tell text from binary by the first block of `reader`, the input called `name`.
pub fn open_reader(
    name: &str,
    reader: Box<dyn std::io::Read + Send>,
    encoding: Encoding,
) -> Result<Opened, Error> {
    let cannot = |e: std::io::Error| Error::input(format!("{name}: cannot read: {e}"));
    let (reader, sniffed) = decode::sniff_reader(reader).map_err(cannot)?;
    match sniffed {
        decode::Sniffed::Binary { offset } => Ok(Opened::Binary { offset }),
        decode::Sniffed::Text { charset, bom } => {
            let reader: Box<dyn BufRead + Send> = Box::new(reader);
            decode::Lines::new(name, reader, charset, bom, encoding)
                .map(Opened::Text)
                .map_err(cannot)
        }
    }
}

/// What reading a whole input gave.
#[derive(Debug)]
pub enum Loaded {
    /// Its documents (a plain text, a bilingual file; a TMX memory gives one per target
    /// language), and how many invalid sequences lossy decoding replaced.
    Text {
        docs: Vec<Document>,
        replaced: usize,
    },
    /// Its first block holds a NUL byte at `offset`.
    Binary { offset: usize },
}

/// What to say of a binary input: a warning when it was found by walking a directory (it is
/// skipped), an error when it was named.
pub fn binary(input: &Input, offset: usize) -> Result<String, Error> {
    let name = input.display();
    if input.named() {
        Err(Error::input(format!(
            "{name}: looks binary (NUL byte at offset {offset})"
        )))
    } else {
        Ok(format!("{name}: looks binary, skipped"))
    }
}

/// The names of an input: as given (reports show it), relative to the directory argument it
/// was found under (`mtqc diff` matches files on it), and relative to the project's root
/// (`[[path]]` and `exclude` globs, baselines and repository formats use it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPath {
    pub shown: String,
    pub relative: String,
    pub project: String,
}

impl DocPath {
    /// One name for all three uses (text checked through the library).
    pub fn plain(path: impl Into<String>) -> DocPath {
        let path = path.into();
        DocPath {
            shown: path.clone(),
            relative: path.clone(),
            project: path,
        }
    }
}

/// What a file says about a document of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocInfo {
    /// Its units' source language, from the file (language subtag).
    pub source_language: Option<String>,
    /// Its target language, from the file (language subtag).
    pub target_language: Option<String>,
    /// Units not checked, by why.
    pub skipped: std::collections::BTreeMap<unit::Skip, usize>,
    /// It holds translation units (a bilingual file).
    pub units: bool,
}

impl DocInfo {
    /// Units skipped as not translated: no target, or a fuzzy one (`--fail-on-untranslated`).
    pub fn untranslated(&self) -> usize {
        [unit::Skip::NoTarget, unit::Skip::Fuzzy]
            .iter()
            .filter_map(|k| self.skipped.get(k))
            .sum()
    }
}

impl DocInfo {
    /// Take the languages a file declares (see `declared`).
    pub(crate) fn languages(&mut self, file: &unit::FileInfo) {
        let declared = declared(file);
        self.source_language = declared.source_language;
        self.target_language = declared.target_language;
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    pub mode: ParagraphMode,
    pub encoding: Encoding,
    /// The format of every input (`--input-format`), instead of each one's extension.
    pub format: Option<readers::Format>,
    pub options: readers::ReadOptions,
}

impl Reading {
    /// The format an input is read in.
    pub fn format_of(&self, input: &Input) -> readers::Format {
        self.format.unwrap_or_else(|| match input {
            Input::File { path, .. } => readers::format_of(path).unwrap_or(readers::Format::Text),
            Input::Stdin => readers::Format::Text,
        })
    }
}

/// A whole input, decoded and cut into segments.
#[derive(Debug)]
pub struct Document {
    pub path: DocPath,
    pub segments: Vec<Segment>,
    /// Bytes read.
    pub bytes: usize,
    pub info: DocInfo,
}

impl Document {
    /// A document from text in memory (UTF-8, no byte-order mark).
    pub fn from_text(path: impl Into<String>, text: &str, mode: ParagraphMode) -> Document {
        let reader: Box<dyn BufRead + Send> =
            Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
        let lines = decode::Lines::new("<text>", reader, Charset::Utf8, 0, Encoding::Strict)
            .expect("reading memory does not fail")
            .nul_is_text();
        let segments = Paragraphs::new(lines, mode)
            .collect::<Result<Vec<_>, _>>()
            .expect("a string is valid UTF-8");
        Document {
            path: DocPath::plain(path),
            segments,
            bytes: text.len(),
            info: DocInfo::default(),
        }
    }

    /// Read a whole input, called `path`, in its format.
    pub fn read(input: &Input, path: DocPath, how: &Reading) -> Result<Loaded, Error> {
        let format = how.format_of(input);
        Document::from_opened(path, open(input, how.encoding)?, format, how)
    }

    /// A document from bytes in memory, read as a file's, in `format`.
    pub fn from_bytes(
        path: &str,
        bytes: Vec<u8>,
        format: readers::Format,
        how: &Reading,
    ) -> Result<Loaded, Error> {
        let reader = Box::new(std::io::Cursor::new(bytes));
        let opened = open_reader(path, reader, how.encoding)?;
        Document::from_opened(DocPath::plain(path), opened, format, how)
    }

    fn from_opened(
        path: DocPath,
        opened: Opened,
        format: readers::Format,
        how: &Reading,
    ) -> Result<Loaded, Error> {
        let lines = match opened {
            Opened::Text(lines) => lines,
            Opened::Binary { offset } => return Ok(Loaded::Binary { offset }),
        };
        // Plain text's paragraphs, or a line-based format's units (a unit a line): read as a
        // stream or a document too large to hold reads them (`units`).
        if format == readers::Format::Text || format.by_line() {
            let mut read = Segments::new(&path.shown, lines, format, how)?;
            let segments = read.by_ref().collect::<Result<Vec<_>, _>>()?;
            return Ok(Loaded::Text {
                docs: vec![Document {
                    path,
                    segments,
                    bytes: read.bytes(),
                    info: read.info(),
                }],
                replaced: read.replaced(),
            });
        }
        // A unit format: the whole text, then its reader.
        let (charset, bom) = (lines.charset(), lines.bom());
        let mut lines = lines;
        let mut text = String::new();
        for line in lines.by_ref() {
            text.push_str(&line?.text);
        }
        let source = readers::Source::with_bom(&path.shown, &text, charset, bom);
        let unit_docs = readers::read(format, &source, &how.options)?;
        let bytes = lines.offset();
        let docs = unit_docs
            .into_iter()
            .map(|d| Document::of_units(path.clone(), d, format, how, bytes))
            .collect();
        Ok(Loaded::Text {
            docs,
            replaced: lines.replaced,
        })
    }

    /// A target file and its line-aligned plain-text source (`--source`): a document of units.
    pub fn read_pair(
        input: &Input,
        path: DocPath,
        source: &Input,
        how: &Reading,
    ) -> Result<Loaded, Error> {
        // (text, charset, byte-order mark, bytes read, replaced), or a binary's NUL offset.
        type Whole = Result<(String, Charset, usize, usize, usize), usize>;
        let whole = |input: &Input| -> Result<Whole, Error> {
            let mut lines = match open(input, how.encoding)? {
                Opened::Text(lines) => lines,
                Opened::Binary { offset } => return Ok(Err(offset)),
            };
            let mut text = String::new();
            for line in lines.by_ref() {
                text.push_str(&line?.text);
            }
            Ok(Ok((
                text,
                lines.charset(),
                lines.bom(),
                lines.offset(),
                lines.replaced,
            )))
        };
        let (s_text, s_charset, s_bom, _, s_replaced) = match whole(source)? {
            Ok(t) => t,
            Err(offset) => {
                return Err(binary(source, offset).err().unwrap_or_else(|| {
                    Error::input(format!("{}: looks binary", source.display()))
                }));
            }
        };
        let (t_text, t_charset, t_bom, bytes, t_replaced) = match whole(input)? {
            Ok(t) => t,
            Err(offset) => return Ok(Loaded::Binary { offset }),
        };
        let source_name = source.display();
        let s = readers::Source::with_bom(&source_name, &s_text, s_charset, s_bom);
        let t = readers::Source::with_bom(&path.shown, &t_text, t_charset, t_bom);
        let doc = readers::pair::read(&s, &t)?;
        // Line-aligned like TSV: a blank target line is an omission to judge.
        let doc = Document::of_units(path, doc, readers::Format::Tsv, how, bytes);
        Ok(Loaded::Text {
            docs: vec![doc],
            replaced: s_replaced + t_replaced,
        })
    }

    /// A document of a reader's units: each unit that is checked is a segment, its target
    /// the text; the others are counted by why they are skipped.
    pub fn of_units(
        path: DocPath,
        doc: unit::UnitDoc,
        format: readers::Format,
        how: &Reading,
        bytes: usize,
    ) -> Document {
        let mut info = DocInfo {
            units: format != readers::Format::Markdown,
            ..declared(&doc.info)
        };
        let segments = doc
            .units
            .into_iter()
            .filter_map(|u| {
                unit_segment(
                    u,
                    format,
                    how.options.include_skipped,
                    doc.charset,
                    &mut info.skipped,
                )
            })
            .collect();
        Document {
            path,
            segments,
            bytes,
            info,
        }
    }
}

/// The languages a file declares, normalised (a tag that is no language is dropped).
fn declared(file: &unit::FileInfo) -> DocInfo {
    let language = |t: &Option<String>| t.as_deref().and_then(|t| crate::lang::normalise(t).ok());
    DocInfo {
        source_language: language(&file.source_language),
        target_language: language(&file.target_language),
        ..DocInfo::default()
    }
}

/// A reader's unit as a segment of its document, its target the text; `None` when it is not
/// checked, counted in `skipped` by why.
fn unit_segment(
    u: unit::Unit,
    format: readers::Format,
    include_skipped: bool,
    charset: Charset,
    skipped: &mut std::collections::BTreeMap<unit::Skip, usize>,
) -> Option<Segment> {
    // In an MT run's dump (TSV, JSONL) a blank target is the engine's output, an omission to
    // judge; in a translation tool's file it means "not translated yet".
    let blank_output = format.is_dump() && u.skip == Some(unit::Skip::NoTarget);
    let skip = u.skip.filter(|_| !(blank_output && u.target.is_some()));
    if let Some(why) = skip
        && !include_skipped
    {
        *skipped.entry(why).or_insert(0) += 1;
        return None;
    }
    let target = u.target.unwrap_or_else(|| {
        let at = u
            .source
            .as_ref()
            .map_or(Position::line_start(0, 1, 0), |s| s.at);
        unit::UnitText::verbatim("", at)
    });
    let unit = (format != readers::Format::Markdown).then(|| {
        Box::new(UnitInfo {
            id: u.id,
            source: u.source,
            codes: target.codes.clone(),
            notes: u.notes,
            max_length: u.max_length,
            ignore: u.ignore,
            extra: u.extra,
            plural_form: u.plural_form,
            plural_other: u.plural_other,
            context: u.context,
        })
    });
    Some(Segment {
        text: target.text,
        at: target.at,
        charset,
        map: target.map,
        unit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_scalar_values_and_bytes() {
        let d = Document::from_text("t", "ab\nকেসিএনএ x", ParagraphMode::BlankLine);
        let s = &d.segments[0];
        let x = s.text.find('x').unwrap();
        let p = s.position(x);
        assert_eq!((p.line, p.column), (2, 9));
        assert_eq!(p.char_offset, 11);
        assert_eq!(p.byte_column, 1 + "কেসিএনএ ".len());
        assert_eq!(p.offset, x);
        let both = s.positions(&[x, 1]);
        assert_eq!(both, [p, s.position(1)]);
    }

    #[test]
    fn positions_jump_over_what_the_map_says_is_not_verbatim() {
        // Raw `<t>a &amp; ক</t>` at offset 100 of line 3 decodes to `a & ক`.
        let raw = "<t>a &amp; ক</t>";
        let base = Position::line_start(100, 3, 90);
        let at = base.after("<t>", Charset::Utf8);
        let s = Segment {
            map: vec![
                (2, at.after("a ", Charset::Utf8)),
                (3, at.after("a &amp;", Charset::Utf8)),
            ],
            ..Segment::plain("a & ক".into(), at, Charset::Utf8)
        };
        let k = s.text.find('ক').unwrap();
        let p = s.positions(&[k, 0, 2])[0];
        assert_eq!(p.offset, 100 + raw.find('ক').unwrap());
        assert_eq!(
            (p.line, p.column),
            (3, 1 + raw[..raw.find('ক').unwrap()].chars().count())
        );
        assert_eq!(s.position(2).offset, 100 + raw.find('&').unwrap());
    }
}
