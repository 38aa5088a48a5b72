//! Readers of bilingual and marked-up inputs (issue 11): XLIFF 1.2 and 2.0, gettext PO, TMX 1.4,
//! TSV, JSONL and Markdown, each a pure function from the decoded text of one input to
//! `UnitDoc`s (see `unit.rs`). Plain text is not read here: it stays the paragraph path of
//! `input::paragraphs`.
//!
//! Every text a reader gives keeps a map back to the raw input (`UnitText::map`), so a finding
//! on a character of a decoded target (an entity resolved, a PO escape decoded, a line joined)
//! points at that character in the file: its line, column and byte offset, byte-order mark
//! and CRs counted as `Position` counts them.
//!
//! Errors are `ErrorKind::Input` errors that read `NAME:LINE:COLUMN: what is wrong`. No reader
//! panics on any input, recurses on the input's nesting, or fetches anything: XML with a DTD
//! internal subset or an entity declaration is refused, not expanded.

mod inline;
pub mod jsonl;
pub mod markdown;
pub mod pair;
pub mod po;
pub mod tbx;
pub mod tmx;
pub mod tsv;
pub mod xliff;
pub(crate) mod xml;

use std::path::Path;

use super::unit::{CODE, CodeRole, InlineCode, UnitDoc, UnitText};
use super::{Charset, Position};
use crate::error::Error;

/// The format of an input (`--input-format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Plain text, cut into paragraphs (the paragraph path, not a reader of this module).
    Text,
    /// XLIFF 1.2 or 2.0 (`.xlf`, `.xliff`, `.sdlxliff`).
    Xliff,
    /// GNU gettext PO or POT (`.po`, `.pot`).
    Po,
    /// TMX 1.4 translation memory (`.tmx`).
    Tmx,
    /// Tab-separated source and target, one unit a line (`.tsv`).
    Tsv,
    /// One JSON object a line with `id`, `src` and `tgt` fields (`.jsonl`, `.ndjson`).
    Jsonl,
    /// Markdown (CommonMark with tables and footnotes): every paragraph, heading, list item
    /// and table cell is a target-only unit (`.md`, `.markdown`).
    Markdown,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Xliff => "xliff",
            Format::Po => "po",
            Format::Tmx => "tmx",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Markdown => "markdown",
        }
    }

    /// Whether the format is read a line at a time (TSV, JSONL, PO), so it can be streamed
    /// and checked in bounded memory.
    pub fn by_line(self) -> bool {
        matches!(self, Format::Tsv | Format::Jsonl | Format::Po)
    }

    /// Whether the format is read as it comes, so it can be checked in bounded memory: plain
    /// text's paragraphs, the units of a line-based file (`by_line`), of an XLIFF or TMX file
    /// one document at a time; not Markdown, which is read whole.
    pub fn streams(self) -> bool {
        self != Format::Markdown
    }

    /// Whether a file of the format is the dump of an MT run (TSV, JSONL), where a blank
    /// target is the engine's output, not a unit left untranslated in a translation tool.
    pub fn is_dump(self) -> bool {
        matches!(self, Format::Tsv | Format::Jsonl)
    }
}

/// The format a path's extension names (case-insensitive): `.xlf`, `.xliff` and `.sdlxliff`
/// (Trados's XLIFF 1.2: read as plain XLIFF 1.2, its `sdl:` extensions ignored), `.po`, `.pot`,
/// `.tmx`, `.tsv`, `.jsonl`, `.ndjson`, `.md`, `.markdown`, and `.txt` (plain text). `None`
/// for any other extension or none: the caller reads such a file as plain text.
pub fn format_of(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "xlf" | "xliff" | "sdlxliff" => Format::Xliff,
        "po" | "pot" => Format::Po,
        "tmx" => Format::Tmx,
        "tsv" => Format::Tsv,
        "jsonl" | "ndjson" => Format::Jsonl,
        "md" | "markdown" => Format::Markdown,
        "txt" => Format::Text,
        _ => return None,
    })
}

/// Options of the readers. `Default` is what `mtqc check` does without options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Whether the caller checks skipped units too. Readers always return the units they skip
    /// (with `Unit::skip` set, so the caller can count them by reason and decide), with one
    /// exception: obsolete PO entries (`#~`) are not part of the catalogue and are returned
    /// only when this is set.
    pub include_skipped: bool,
    /// TSV: the columns of the id, source and target (default: source in column 1, target in
    /// column 2, or the columns a header row names).
    pub columns: Option<tsv::Columns>,
    /// TSV: whether the first line is a header row (default: detected).
    pub header: tsv::Header,
    /// JSONL: the names of the id, source and target fields.
    pub fields: jsonl::Fields,
    /// TMX: the source language, instead of the header's `srclang`.
    pub source_lang: Option<String>,
    /// TMX: read only this target language (default: every language but the source's, one
    /// `UnitDoc` each).
    pub target_lang: Option<String>,
    /// XLIFF and TMX read as a stream (`input::Units::xml`): the document to read, by its
    /// target language (`Some(None)`: the one without); `None`: the first.
    pub document: Option<Option<String>>,
}

impl Default for ReadOptions {
    fn default() -> ReadOptions {
        ReadOptions {
            include_skipped: false,
            columns: None,
            header: tsv::Header::Detect,
            fields: jsonl::Fields::default(),
            source_lang: None,
            target_lang: None,
            document: None,
        }
    }
}

/// The decoded text of one input and where it starts in the input as read.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The input's name as reported (`path`, `<stdin>`).
    pub name: &'a str,
    /// The whole decoded text, byte-order mark excluded.
    pub text: &'a str,
    /// The position of the text's first character: after a byte-order mark, its offset counts
    /// the mark's bytes.
    pub base: Position,
    pub charset: Charset,
}

impl<'a> Source<'a> {
    /// UTF-8 text with no byte-order mark.
    pub fn new(name: &'a str, text: &'a str) -> Source<'a> {
        Source {
            name,
            text,
            base: Position::line_start(0, 1, 0),
            charset: Charset::Utf8,
        }
    }

    /// Text in `charset` after a byte-order mark of `bom` bytes (0: none).
    pub fn with_bom(name: &'a str, text: &'a str, charset: Charset, bom: usize) -> Source<'a> {
        Source {
            name,
            text,
            base: Position::line_start(bom, 1, 0),
            charset,
        }
    }

    /// An error at a position: `NAME:LINE:COLUMN: what`.
    pub fn error_at(&self, at: Position, what: impl std::fmt::Display) -> Error {
        error_at(self.name, at, what)
    }
}

/// An input error at a position of the input called `name`: `NAME:LINE:COLUMN: what`.
pub(crate) fn error_at(name: &str, at: Position, what: impl std::fmt::Display) -> Error {
    Error::input(format!("{name}:{}:{}: {what}", at.line, at.column))
}

/// What a file's first 4 KB say it is when its name says plain text: `XLIFF`, `TMX` or
/// `a PO file`, or `None` (text, unreadable: reading it says why, or no regular file: a FIFO
/// or device is read once, by the check).
pub fn looks_like(path: &std::path::Path) -> Option<&'static str> {
    use std::io::Read;
    if !std::fs::metadata(path).ok()?.is_file() {
        return None;
    }
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .ok()?
        .take(4096)
        .read_to_end(&mut head)
        .ok()?;
    let text = String::from_utf8_lossy(&head);
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    if text.starts_with('<') {
        return if text.contains("<xliff") {
            Some("XLIFF")
        } else if text.contains("<tmx") {
            Some("TMX")
        } else {
            None
        };
    }
    let line_starting = |word: &str| text.lines().any(|l| l.trim_start().starts_with(word));
    (line_starting("msgid \"") && line_starting("msgstr")).then_some("a PO file")
}

/// Which document of a bilingual file a stream reads (an XLIFF or TMX file gives one per target
/// language, in order of first appearance: see `read`), and the documents seen so far.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Choice {
    /// The document wanted, by its target language (`Some(None)`: the one without);
    /// `None`: the first.
    pub want: Option<Option<String>>,
    /// The documents seen, by target language, in order of first appearance.
    pub keys: Vec<Option<String>>,
    /// The languages of the wanted document, once they are known.
    pub info: Option<super::unit::FileInfo>,
}

/// The most documents (target languages) one XLIFF or TMX file may hold: each is read in a
/// pass of its own over the file, so a small file naming thousands of languages would cost
/// their number squared (3,000 in 278 KB of TMX: 4.5 GB and a minute).
pub const MAX_DOCUMENTS: usize = 256;

/// The error of a file with more than `MAX_DOCUMENTS` target languages.
pub(crate) fn too_many_documents() -> String {
    format!(
        "more than {MAX_DOCUMENTS} target languages in one file: each is a document read in a \
         pass of its own; split the file"
    )
}

impl Choice {
    /// A document seen, by its exact key (XLIFF's `target-language`); false when it is one
    /// more than `MAX_DOCUMENTS`.
    #[must_use]
    pub fn saw(&mut self, key: Option<String>) -> bool {
        if !self.keys.contains(&key) {
            if self.keys.len() == MAX_DOCUMENTS {
                return false;
            }
            self.keys.push(key);
        }
        true
    }

    /// A document seen, by a language matched case-insensitively (TMX's `xml:lang`); false
    /// when it is one more than `MAX_DOCUMENTS`.
    #[must_use]
    pub fn saw_language(&mut self, lang: &str) -> bool {
        let known = self
            .keys
            .iter()
            .flatten()
            .any(|k| k.eq_ignore_ascii_case(lang));
        if !known {
            if self.keys.len() == MAX_DOCUMENTS {
                return false;
            }
            self.keys.push(Some(lang.to_string()));
        }
        true
    }

    /// The wanted document's languages, when not yet known.
    pub fn decide(&mut self, info: super::unit::FileInfo) {
        if self.info.is_none() {
            self.info = Some(info);
        }
    }
}

/// Read a whole input in `format`. Plain text is not a unit format: `Format::Text` is an error
/// (the caller reads it as paragraphs).
pub fn read(format: Format, src: &Source, options: &ReadOptions) -> Result<Vec<UnitDoc>, Error> {
    match format {
        Format::Xliff => xliff::read(src, options),
        Format::Po => po::read(src, options),
        Format::Tmx => tmx::read(src, options),
        Format::Tsv => tsv::read(src, options),
        Format::Jsonl => jsonl::read(src, options),
        Format::Markdown => markdown::read(src, options),
        Format::Text => Err(Error::input(format!(
            "{}: plain text is read as paragraphs, not as translation units",
            src.name
        ))),
    }
}

/// What maps a reader's raw byte offsets to positions in the input.
pub(crate) trait Locate {
    /// The position of raw byte `raw`.
    fn pos(&mut self, raw: usize) -> Position;
    /// An error at raw byte `raw`: `NAME:LINE:COLUMN: what`.
    fn error(&mut self, raw: usize, what: impl std::fmt::Display) -> Error;
}

/// Positions of byte offsets of a source's text. Offsets are asked for mostly in increasing
/// order, so a cursor walks the text once; an offset behind the cursor starts from the nearest
/// checkpoint (one every `STEP` bytes walked), so no lookup walks more than `STEP` bytes plus
/// one jump.
pub(crate) struct Locator<'a> {
    src: Source<'a>,
    cursor: (usize, Position),
    marks: Vec<(usize, Position)>,
}

const STEP: usize = 4096;

impl<'a> Locator<'a> {
    pub fn new(src: &Source<'a>) -> Locator<'a> {
        Locator {
            src: *src,
            cursor: (0, src.base),
            marks: vec![(0, src.base)],
        }
    }

    /// The position of byte `raw` of the text (clamped to the text, moved back to a character
    /// boundary).
    pub fn pos(&mut self, raw: usize) -> Position {
        let text = self.src.text;
        let raw = floor_boundary(text, raw);
        let charset = self.src.charset;
        if raw >= self.cursor.0 {
            loop {
                let last = self.marks.last().map_or(0, |m| m.0);
                let next = ceil_boundary(text, last + STEP);
                if next > raw || next <= self.cursor.0 {
                    break;
                }
                let at = self.cursor.1.after(&text[self.cursor.0..next], charset);
                self.cursor = (next, at);
                self.marks.push(self.cursor);
            }
            let at = self.cursor.1.after(&text[self.cursor.0..raw], charset);
            self.cursor = (raw, at);
            return at;
        }
        let k = self.marks.partition_point(|m| m.0 <= raw);
        let (from, at) = if k == 0 {
            (0, self.src.base)
        } else {
            self.marks[k - 1]
        };
        at.after(&text[from..raw], charset)
    }

    /// An error at byte `raw` of the text.
    pub fn error(&mut self, raw: usize, what: impl std::fmt::Display) -> Error {
        let at = self.pos(raw);
        self.src.error_at(at, what)
    }
}

impl Locate for Locator<'_> {
    fn pos(&mut self, raw: usize) -> Position {
        Locator::pos(self, raw)
    }

    fn error(&mut self, raw: usize, what: impl std::fmt::Display) -> Error {
        Locator::error(self, raw, what)
    }
}

/// Positions in one line of a text read a line at a time (`src.text` is the line), taking the
/// raw offsets of the whole text (the line's first byte is raw offset `start`), so texts built
/// over several lines keep offsets that never meet by chance. Offsets are asked for mostly in
/// increasing order: a cursor walks the line once.
pub(crate) struct LineLocator<'a> {
    pub src: Source<'a>,
    pub start: usize,
    /// The last offset asked for in the line, and its position.
    cursor: (usize, Position),
}

impl<'a> LineLocator<'a> {
    pub fn new(src: Source<'a>, start: usize) -> LineLocator<'a> {
        LineLocator {
            src,
            start,
            cursor: (0, src.base),
        }
    }
}

impl Locate for LineLocator<'_> {
    fn pos(&mut self, raw: usize) -> Position {
        let line = self.src.text;
        let i = floor_boundary(line, raw.saturating_sub(self.start));
        let (from, at) = if i >= self.cursor.0 {
            self.cursor
        } else {
            (0, self.src.base)
        };
        let at = at.after(&line[from..i], self.src.charset);
        self.cursor = (i, at);
        at
    }

    fn error(&mut self, raw: usize, what: impl std::fmt::Display) -> Error {
        let at = self.pos(raw);
        self.src.error_at(at, what)
    }
}

/// The largest character boundary of `s` at or before `i` (clamped to `s`).
pub(crate) fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The smallest character boundary of `s` at or after `i` (clamped to `s`).
pub(crate) fn ceil_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// Builds a `UnitText` from raw pieces of the input: text copied verbatim, text decoded from an
/// escape or entity, and inline codes. It adds an anchor wherever the text stops being the
/// input verbatim (see `UnitText::map`), and one after every decoded piece, so the position of
/// the byte after it is where the raw piece ends.
pub(crate) struct TextBuilder {
    text: String,
    at: Position,
    map: Vec<(usize, Position)>,
    codes: Vec<InlineCode>,
    /// The raw offset where the text goes on verbatim, if it does.
    next_raw: Option<usize>,
}

impl TextBuilder {
    /// A text whose first character (if it is verbatim) is at raw offset `start`.
    pub fn new(start: usize, loc: &mut impl Locate) -> TextBuilder {
        TextBuilder {
            text: String::new(),
            at: loc.pos(start),
            map: Vec::new(),
            codes: Vec::new(),
            next_raw: Some(start),
        }
    }

    fn anchor(&mut self, raw: usize, loc: &mut impl Locate) {
        let at = loc.pos(raw);
        let offset = self.text.len();
        if offset == 0 && self.map.is_empty() {
            self.at = at;
            return;
        }
        match self.map.last_mut() {
            Some(last) if last.0 == offset => last.1 = at,
            _ => self.map.push((offset, at)),
        }
    }

    /// Text that is in the input verbatim at raw offset `raw`.
    pub fn verbatim(&mut self, s: &str, raw: usize, loc: &mut impl Locate) {
        if s.is_empty() {
            return;
        }
        if self.next_raw != Some(raw) {
            self.anchor(raw, loc);
        }
        self.text.push_str(s);
        self.next_raw = Some(raw + s.len());
    }

    /// Text decoded from the raw bytes `start..end` (an entity, an escape, a line join).
    pub fn decoded(&mut self, s: &str, start: usize, end: usize, loc: &mut impl Locate) {
        if s.is_empty() {
            return;
        }
        if self.next_raw != Some(start) {
            self.anchor(start, loc);
        }
        self.text.push_str(s);
        self.anchor(end, loc);
        self.next_raw = Some(end);
    }

    /// XML character data at raw offset `raw`: verbatim, except that line ends are normalised
    /// as XML requires (CR LF and a lone CR become LF).
    pub fn xml_text(&mut self, s: &str, raw: usize, loc: &mut impl Locate) {
        let mut from = 0;
        while let Some(i) = s[from..].find('\r').map(|i| from + i) {
            self.verbatim(&s[from..i], raw + from, loc);
            let end = if s[i + 1..].starts_with('\n') {
                i + 2
            } else {
                i + 1
            };
            self.decoded("\n", raw + i, raw + end, loc);
            from = end;
        }
        self.verbatim(&s[from..], raw + from, loc);
    }

    /// An inline code standing for the raw bytes `start..end`; returns its index in `codes`.
    pub fn code(
        &mut self,
        kind: &str,
        id: Option<String>,
        role: CodeRole,
        content: Option<String>,
        (start, end): (usize, usize),
        loc: &mut impl Locate,
    ) -> usize {
        let offset = self.text.len();
        self.codes.push(InlineCode {
            kind: kind.to_string(),
            id,
            role,
            offset,
            content,
        });
        let mut buf = [0; 4];
        self.decoded(CODE.encode_utf8(&mut buf), start, end, loc);
        self.codes.len() - 1
    }

    pub fn finish(self) -> UnitText {
        UnitText {
            text: self.text,
            at: self.at,
            map: self.map,
            codes: self.codes,
        }
    }
}

/// Whether a target counts as empty (nothing but whitespace).
pub(crate) fn blank(text: &UnitText) -> bool {
    text.text.trim().is_empty()
}

/// Group `(key, info, unit)` triples into one `UnitDoc` per key, in order of first appearance.
pub(crate) fn group_docs<K: PartialEq>(
    items: Vec<(K, super::unit::FileInfo, super::unit::Unit)>,
    charset: Charset,
) -> Vec<UnitDoc> {
    let mut keys: Vec<K> = Vec::new();
    let mut docs: Vec<UnitDoc> = Vec::new();
    for (key, info, unit) in items {
        match keys.iter().position(|k| *k == key) {
            Some(i) => docs[i].units.push(unit),
            None => {
                keys.push(key);
                docs.push(UnitDoc {
                    info,
                    units: vec![unit],
                    charset,
                });
            }
        }
    }
    docs
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers of the readers' tests: expected positions computed from the raw bytes.

    use super::*;

    /// The position of byte `i` of `raw`, computed from its bytes alone (UTF-8, no BOM).
    pub fn raw_position(raw: &str, i: usize) -> Position {
        let before = &raw[..i];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |k| k + 1);
        Position {
            offset: i,
            line,
            column: raw[line_start..i].chars().count() + 1,
            byte_column: i - line_start + 1,
            char_offset: before.chars().count(),
        }
    }

    /// Byte offset of the `n`th (0-based) occurrence of `needle` in `hay`.
    pub fn nth(hay: &str, needle: &str, n: usize) -> usize {
        hay.match_indices(needle)
            .nth(n)
            .unwrap_or_else(|| panic!("{needle:?} occurs fewer than {} times", n + 1))
            .0
    }

    /// Assert that every character of `t` maps to a position in `raw` whose byte is where the
    /// character (or the escape or tag it comes from) starts, and that positions never go
    /// backwards.
    pub fn assert_monotonic(t: &UnitText, raw: &str) {
        let mut last = 0;
        for (i, _) in t.text.char_indices() {
            let p = t.position(i, Charset::Utf8);
            assert!(p.offset >= last, "position of byte {i} goes backwards");
            assert!(p.offset <= raw.len());
            assert_eq!(p, raw_position(raw, p.offset), "byte {i}: line/column");
            last = p.offset;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;

    #[test]
    fn formats_by_extension() {
        for (path, f) in [
            ("a.xlf", Some(Format::Xliff)),
            ("a/b.XLIFF", Some(Format::Xliff)),
            ("x.sdlxliff", Some(Format::Xliff)),
            ("django.po", Some(Format::Po)),
            ("django.pot", Some(Format::Po)),
            ("all.en-bn.tmx", Some(Format::Tmx)),
            ("pairs.tsv", Some(Format::Tsv)),
            ("mt.jsonl", Some(Format::Jsonl)),
            ("mt.ndjson", Some(Format::Jsonl)),
            ("README.md", Some(Format::Markdown)),
            ("doc.markdown", Some(Format::Markdown)),
            ("news.txt", Some(Format::Text)),
            ("news", None),
            ("data.csv", None),
        ] {
            assert_eq!(format_of(Path::new(path)), f, "{path}");
        }
    }

    #[test]
    fn locator_walks_forwards_and_back() {
        let text = "ab\nকেসি\r\nx".repeat(2000);
        let src = Source::with_bom("t", &text, Charset::Utf8, 3);
        let mut loc = Locator::new(&src);
        let probes: Vec<usize> = (0..text.len())
            .step_by(997)
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        for &i in probes.iter().chain(probes.iter().rev()) {
            let mut want = raw_position(&text, i);
            want.offset += 3;
            assert_eq!(loc.pos(i), want, "offset {i}");
        }
        // Not a boundary: moved back to one.
        let i = text.find('ক').unwrap() + 1;
        assert_eq!(loc.pos(i).offset, i - 1 + 3);
    }

    #[test]
    fn builder_anchors_after_decoded_pieces() {
        let raw = "<t>x &amp; ক\r\ny</t>";
        let src = Source::new("t", raw);
        let mut loc = Locator::new(&src);
        let mut b = TextBuilder::new(3, &mut loc);
        b.verbatim("x ", 3, &mut loc);
        b.decoded("&", 5, 10, &mut loc);
        b.xml_text(" ক\r\ny", 10, &mut loc);
        let t = b.finish();
        assert_eq!(t.text, "x & ক\ny");
        let k = t.text.find('ক').unwrap();
        assert_eq!(
            t.position(k, Charset::Utf8),
            raw_position(raw, nth(raw, "ক", 0))
        );
        let y = t.text.find('y').unwrap();
        assert_eq!(
            t.position(y, Charset::Utf8),
            raw_position(raw, nth(raw, "y", 0))
        );
        assert_eq!(
            t.position(t.text.len(), Charset::Utf8).offset,
            raw.len() - 4
        );
        assert_monotonic(&t, raw);
    }
}
