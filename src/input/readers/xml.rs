//! The XML layer of the XLIFF and TMX readers, over quick-xml: events with the byte offsets of
//! their raw text, attributes decoded, namespaces told apart, and hostile input refused rather
//! than expanded:
//!
//! - a DOCTYPE with an internal subset (`[...]`) or any `<!ENTITY` is an error ("DTD and entity
//!   declarations are not supported"); a DOCTYPE that only names an external DTD (TMX files
//!   often have `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`) is accepted and never fetched;
//! - a reference to any entity but the five predefined ones is an error, so nothing is ever
//!   expanded (quick-xml itself neither reads DTDs nor fetches external entities);
//! - elements nested deeper than `MAX_DEPTH` are an error; the layer keeps its own stack, and
//!   quick-xml reads events without recursion, so depth never costs the call stack;
//! - an element left open at the end of the input is an error.
//!
//! Every error names the line and column where it was found.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::BufRead;

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::{Locate, Source, ceil_boundary, floor_boundary};
use crate::error::Error;
use crate::input::{Charset, Position};

/// The deepest nesting of elements accepted.
pub const MAX_DEPTH: usize = 256;

/// The namespace of an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// None (TMX, and XLIFF files that declare none).
    None,
    /// An XLIFF core namespace (`urn:oasis:names:tc:xliff:document:1.2`, `...:2.0`...).
    Xliff,
    /// Any other (XLIFF modules such as `slr:`, tools' extensions).
    Other,
}

const XLIFF_NS: &str = "urn:oasis:names:tc:xliff:document:";

/// A start tag (or an empty-element tag).
#[derive(Debug, Clone)]
pub struct Tag {
    /// Local name (no prefix).
    pub local: String,
    pub ns: Ns,
    /// `(qualified name, decoded value)`.
    pub attrs: Vec<(String, String)>,
    /// Raw offsets of `<` and after `>`.
    pub start: usize,
    pub end: usize,
    /// `<x/>`: an `End` follows at once.
    pub empty: bool,
}

impl Tag {
    /// The attribute with this qualified name (`id`, `xml:lang`).
    pub fn attr(&self, qname: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == qname)
            .map(|(_, v)| v.as_str())
    }

    /// The attribute with this local name under any prefix (`slr:sizeRestriction`).
    pub fn attr_local(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k.rsplit(':').next() == Some(local))
            .map(|(_, v)| v.as_str())
    }

    /// Whether this is the element `local` of the document's own vocabulary (XLIFF core, or no
    /// namespace).
    pub fn is(&self, local: &str) -> bool {
        self.local == local && self.ns != Ns::Other
    }
}

#[derive(Debug, Clone)]
pub struct EndTag {
    /// Raw offsets of `</` (of `<` for an empty-element tag) and after `>`.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone)]
pub enum Ev {
    Start(Tag),
    End(EndTag),
    /// Character data as written at raw offset `start` (no references in it; CRs not yet
    /// normalised).
    Text {
        raw: String,
        start: usize,
    },
    /// A character or entity reference, resolved, spanning `start..end`.
    Ref {
        ch: char,
        start: usize,
        end: usize,
    },
    /// The content of a CDATA section, at raw offset `start`.
    CData {
        raw: String,
        start: usize,
    },
    Eof,
}

/// A piece of an input's decoded text, with the bytes of the input read and the invalid
/// sequences replaced once it is read (both 0 for text in memory).
pub struct Piece<'a> {
    pub text: Cow<'a, str>,
    pub bytes: usize,
    pub replaced: usize,
}

type Pieces<'a> = Box<dyn Iterator<Item = Result<Piece<'a>, Error>> + Send + 'a>;

/// Pieces of a text in memory no longer than this (cut at line ends, else anywhere between
/// characters), so a position behind the cursor is never walked to from further back.
const PIECE: usize = 64 << 10;

/// A kept piece: its raw offset, the position of its first character, its text.
struct Kept<'a> {
    start: usize,
    at: Position,
    text: Cow<'a, str>,
}

/// The decoded text an `Xml` reads, fed to quick-xml a piece at a time and kept from the
/// oldest piece a position may still be asked in (`release` drops what is behind), so a
/// stream is read in memory bounded by what one unit spans.
struct Feed<'a> {
    name: String,
    charset: Charset,
    pieces: Pieces<'a>,
    kept: VecDeque<Kept<'a>>,
    /// The kept piece being read (an index into `kept`) and its bytes given to quick-xml.
    reading: (usize, usize),
    /// The raw offset and position after the last piece pulled.
    end: (usize, Position),
    /// The last position asked for.
    cursor: (usize, Position),
    /// The input's bytes read and the sequences replaced so far.
    bytes: usize,
    replaced: usize,
    /// An error of the pieces, given in place of quick-xml's I/O error.
    failed: Option<Error>,
    /// Drop each piece once it is read (an element passed over: no position in it is asked).
    drop_read: bool,
}

impl<'a> Feed<'a> {
    fn new(name: &str, charset: Charset, base: Position, pieces: Pieces<'a>) -> Feed<'a> {
        Feed {
            name: name.to_string(),
            charset,
            pieces,
            kept: VecDeque::new(),
            reading: (0, 0),
            end: (0, base),
            cursor: (0, base),
            bytes: 0,
            replaced: 0,
            failed: None,
            drop_read: false,
        }
    }

    /// The position of raw byte `raw` (clamped to the text kept and pulled, moved back to a
    /// character boundary).
    fn pos(&mut self, raw: usize) -> Position {
        let charset = self.charset;
        let k = self.kept.partition_point(|p| p.start <= raw);
        if k == 0 {
            // Behind what was released: nothing asks for such a position (an error met while
            // passing an element over is in the last piece read, which is kept).
            return self.kept.front().map_or(self.end.1, |p| p.at);
        }
        let piece = &self.kept[k - 1];
        let i = floor_boundary(&piece.text, raw - piece.start);
        let raw = piece.start + i;
        let (from, at) = if self.cursor.0 >= piece.start && self.cursor.0 <= raw {
            self.cursor
        } else {
            (piece.start, piece.at)
        };
        let at = at.after(&piece.text[from - piece.start..i], charset);
        self.cursor = (raw, at);
        at
    }

    /// Drop the pieces that end at or before raw offset `upto` and are read.
    fn release(&mut self, upto: usize) {
        while self.reading.0 > 0
            && let Some(first) = self.kept.front()
            && first.start + first.text.len() <= upto
        {
            self.kept.pop_front();
            self.reading.0 -= 1;
        }
    }
}

impl std::io::Read for Feed<'_> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = {
            let buf = self.fill_buf()?;
            let n = buf.len().min(out.len());
            out[..n].copy_from_slice(&buf[..n]);
            n
        };
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Feed<'_> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        loop {
            let (k, used) = self.reading;
            if let Some(piece) = self.kept.get(k) {
                if used < piece.text.len() {
                    break;
                }
                self.reading = (k + 1, 0);
                if self.drop_read && k > 0 {
                    // The pieces before the one just read (kept for an error's position).
                    self.kept.drain(..k);
                    self.reading.0 = 1;
                }
                continue;
            }
            if self.failed.is_some() {
                return Err(std::io::Error::other("the input could not be read"));
            }
            match self.pieces.next() {
                None => return Ok(&[]),
                Some(Err(e)) => {
                    self.failed = Some(e);
                    return Err(std::io::Error::other("the input could not be read"));
                }
                Some(Ok(piece)) => {
                    self.bytes = self.bytes.max(piece.bytes);
                    self.replaced = self.replaced.max(piece.replaced);
                    if piece.text.is_empty() {
                        continue;
                    }
                    let (start, at) = self.end;
                    self.end = (
                        start + piece.text.len(),
                        at.after(&piece.text, self.charset),
                    );
                    self.kept.push_back(Kept {
                        start,
                        at,
                        text: piece.text,
                    });
                }
            }
        }
        let (k, used) = self.reading;
        Ok(&self.kept[k].text.as_bytes()[used..])
    }

    fn consume(&mut self, n: usize) {
        self.reading.1 += n;
    }
}

/// The pieces of a text in memory: lines, a long line cut every `PIECE` bytes.
fn pieces_of(text: &str) -> impl Iterator<Item = Result<Piece<'_>, Error>> + Send + '_ {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let cut = match memchr::memchr(b'\n', &rest.as_bytes()[..rest.len().min(PIECE)]) {
            Some(i) => i + 1,
            None => ceil_boundary(rest, PIECE),
        };
        let (piece, after) = rest.split_at(cut);
        rest = after;
        Some(Ok(Piece {
            text: Cow::Borrowed(piece),
            bytes: 0,
            replaced: 0,
        }))
    })
}

pub struct Xml<'a> {
    reader: NsReader<Feed<'a>>,
    /// The bytes of the event being read.
    buf: Vec<u8>,
    /// Qualified names of the open elements.
    stack: Vec<String>,
    pending_end: Option<EndTag>,
    /// An element is being passed over: its text events carry no text.
    passing: bool,
}

impl<'a> Xml<'a> {
    /// The XML of a text in memory.
    pub fn new(src: &Source<'a>) -> Xml<'a> {
        let pieces = Box::new(pieces_of(src.text));
        Xml::of_pieces(src.name, src.charset, src.base, pieces)
    }

    /// The XML of an input read a piece at a time (see `Piece`), called `name`, in `charset`,
    /// its text starting at `base`.
    pub fn of_pieces(name: &str, charset: Charset, base: Position, pieces: Pieces<'a>) -> Xml<'a> {
        let mut reader = NsReader::from_reader(Feed::new(name, charset, base, pieces));
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.allow_dangling_amp = false;
        config.expand_empty_elements = false;
        Xml {
            reader,
            buf: Vec::new(),
            stack: Vec::new(),
            pending_end: None,
            passing: false,
        }
    }

    /// Elements open now.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The input's bytes read and the invalid sequences replaced so far (a stream's).
    pub fn read_so_far(&self) -> (usize, usize) {
        let feed = self.reader.get_ref();
        (feed.bytes, feed.replaced)
    }

    /// Positions before the next event will not be asked for: the text before it is dropped.
    pub fn release(&mut self) {
        let upto = offset(self.reader.buffer_position());
        self.reader.get_mut().release(upto);
    }

    /// An error where the reader stands (after the last event read).
    pub fn error_here(&mut self, what: impl std::fmt::Display) -> Error {
        let raw = offset(self.reader.buffer_position());
        self.error(raw, what)
    }

    pub fn error(&mut self, raw: usize, what: impl std::fmt::Display) -> Error {
        let at = self.reader.get_mut().pos(raw);
        super::error_at(&self.reader.get_ref().name, at, what)
    }

    /// The next event that matters (comments, processing instructions and the XML declaration
    /// are passed over).
    pub fn next(&mut self) -> Result<Ev, Error> {
        if let Some(end) = self.pending_end.take() {
            return Ok(Ev::End(end));
        }
        let mut buf = std::mem::take(&mut self.buf);
        let ev = loop {
            buf.clear();
            match self.event(&mut buf) {
                Ok(None) => {}
                Ok(Some(ev)) => break Ok(ev),
                Err(e) => break Err(e),
            }
        };
        self.buf = buf;
        ev
    }

    /// The next event read into `buf`; `None` for one passed over.
    fn event(&mut self, buf: &mut Vec<u8>) -> Result<Option<Ev>, Error> {
        let start = offset(self.reader.buffer_position());
        let (ns, event) = match self.reader.read_resolved_event_into(buf) {
            Ok((res, event)) => (classify(res), event),
            Err(e) => {
                if let Some(failed) = self.reader.get_mut().failed.take() {
                    return Err(failed);
                }
                let at = offset(self.reader.error_position());
                return Err(self.error(at, format!("malformed XML: {e}")));
            }
        };
        let end = offset(self.reader.buffer_position());
        let ev = match event {
            Event::Start(e) => self.start_tag(&e, false, ns, start, end)?,
            Event::Empty(e) => self.start_tag(&e, true, ns, start, end)?,
            Event::End(_) => {
                self.stack.pop();
                Ev::End(EndTag { start, end })
            }
            Event::Text(t) => Ev::Text {
                raw: self.text_of(&t),
                start,
            },
            Event::CData(t) => Ev::CData {
                raw: self.text_of(&t),
                start: start + "<![CDATA[".len(),
            },
            Event::GeneralRef(r) => {
                let name = AsRef::<str>::as_ref(&r).to_string();
                let ch = if r.is_char_ref() {
                    match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        _ => {
                            return Err(
                                self.error(start, format!("invalid character reference &{name};"))
                            );
                        }
                    }
                } else {
                    match name.as_str() {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        _ => {
                            return Err(self.error(
                                start,
                                format!(
                                    "unknown entity &{name}; (DTD and entity declarations \
                                         are not supported)"
                                ),
                            ));
                        }
                    }
                };
                Ev::Ref { ch, start, end }
            }
            Event::DocType(d) => {
                let body = d.as_ref();
                if body.contains('[') || body.to_ascii_uppercase().contains("<!ENTITY") {
                    return Err(self.error(
                        start,
                        "a DOCTYPE with declarations: DTD and entity declarations are not \
                             supported",
                    ));
                }
                return Ok(None);
            }
            Event::Eof => {
                if let Some(open) = self.stack.last() {
                    let what = format!("unexpected end of input: <{open}> is not closed");
                    return Err(self.error(usize::MAX, what));
                }
                Ev::Eof
            }
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) => return Ok(None),
        };
        Ok(Some(ev))
    }

    /// An event's text, or none while an element is passed over.
    fn text_of(&self, t: &impl AsRef<str>) -> String {
        if self.passing {
            String::new()
        } else {
            t.as_ref().to_string()
        }
    }

    fn start_tag(
        &mut self,
        e: &quick_xml::events::BytesStart,
        empty: bool,
        ns: Ns,
        start: usize,
        end: usize,
    ) -> Result<Ev, Error> {
        let qname = e.name().as_ref().to_string();
        let local = e.local_name().as_ref().to_string();
        let mut attrs = Vec::new();
        for attr in e.attributes() {
            let attr = attr
                .map_err(|err| self.error(start, format!("malformed XML: bad attribute: {err}")))?;
            let key = attr.key.as_ref().to_string();
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| {
                    self.error(
                        start,
                        format!(
                            "attribute {key} of <{qname}>: {err} (DTD and entity declarations are \
                         not supported)"
                        ),
                    )
                })?;
            attrs.push((key, value.into_owned()));
        }
        if empty {
            self.pending_end = Some(EndTag { start, end });
        } else {
            if self.stack.len() >= MAX_DEPTH {
                return Err(self.error(
                    start,
                    format!("elements nested deeper than {MAX_DEPTH} levels"),
                ));
            }
            self.stack.push(qname);
        }
        Ok(Ev::Start(Tag {
            local,
            ns,
            attrs,
            start,
            end,
            empty,
        }))
    }

    /// The root element (the first start tag); an input with none is an error.
    pub fn root(&mut self) -> Result<Tag, Error> {
        loop {
            match self.next()? {
                Ev::Start(tag) => return Ok(tag),
                Ev::Eof => return Err(self.error(usize::MAX, "no XML root element")),
                Ev::Text { raw, start } if !raw.trim().is_empty() => {
                    return Err(self.error(start, "text before the XML root element"));
                }
                _ => {}
            }
        }
    }

    /// The root element, which must be one of `names` (`what` names the document in the
    /// error: `a TMX document`).
    pub fn root_named(&mut self, names: &[&str], what: &str) -> Result<Tag, Error> {
        let root = self.root()?;
        if names.contains(&root.local.as_str()) {
            return Ok(root);
        }
        let expected = if names.len() > 1 {
            let names: Vec<String> = names.iter().map(|n| format!("<{n}>")).collect();
            format!(" ({} expected)", names.join(" or "))
        } else {
            String::new()
        };
        Err(self.error(
            root.start,
            format!("not {what}: the root element is <{}>{expected}", root.local),
        ))
    }

    /// Pass over the rest of the element whose start tag was just read (its `End` included).
    /// Its text is neither copied nor kept: the lines read are dropped as they are passed (no
    /// position in it is asked for), so a large element that is no unit (an XLIFF skeleton, a
    /// `<bin-unit>`) costs no more memory than quick-xml's buffer of its largest text.
    pub fn skip(&mut self, tag: &Tag) -> Result<(), Error> {
        self.passing = true;
        self.reader.get_mut().drop_read = true;
        let skipped = self.skip_events(tag);
        self.passing = false;
        self.reader.get_mut().drop_read = false;
        skipped
    }

    fn skip_events(&mut self, tag: &Tag) -> Result<(), Error> {
        let mut depth = 1usize;
        loop {
            match self.next()? {
                Ev::Start(_) => depth += 1,
                Ev::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                Ev::Eof => {
                    return Err(self.error(tag.start, format!("<{}> is not closed", tag.local)));
                }
                _ => {}
            }
        }
    }

    /// The text of the element whose start tag was just read, references resolved, CRs
    /// normalised, inner tags dropped (for notes, properties, `<data>`).
    pub fn plain_text(&mut self, tag: &Tag) -> Result<String, Error> {
        let mut out = String::new();
        let mut depth = 1usize;
        loop {
            match self.next()? {
                Ev::Start(_) => depth += 1,
                Ev::End(_) => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                }
                Ev::Text { raw, .. } | Ev::CData { raw, .. } => push_normalised(&mut out, &raw),
                Ev::Ref { ch, .. } => out.push(ch),
                Ev::Eof => {
                    return Err(self.error(tag.start, format!("<{}> is not closed", tag.local)));
                }
            }
        }
    }
}

impl Locate for Xml<'_> {
    fn pos(&mut self, raw: usize) -> Position {
        self.reader.get_mut().pos(raw)
    }

    fn error(&mut self, raw: usize, what: impl std::fmt::Display) -> Error {
        Xml::error(self, raw, what)
    }
}

/// Append XML character data with its line ends normalised (CR LF and CR become LF).
pub fn push_normalised(out: &mut String, raw: &str) {
    if !raw.contains('\r') {
        out.push_str(raw);
        return;
    }
    out.push_str(&raw.replace("\r\n", "\n").replace('\r', "\n"));
}

fn classify(res: ResolveResult) -> Ns {
    match res {
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Bound(ns) if ns.as_ref().starts_with(XLIFF_NS) => Ns::Xliff,
        _ => Ns::Other,
    }
}

fn offset(p: u64) -> usize {
    usize::try_from(p).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(xml: &str) -> Result<Vec<String>, Error> {
        let src = Source::new("t.xml", xml);
        let mut x = Xml::new(&src);
        let mut out = Vec::new();
        loop {
            let ev = x.next()?;
            out.push(match ev {
                Ev::Start(t) => {
                    assert!(xml[t.start..].starts_with('<'));
                    assert!(xml[..t.end].ends_with('>'));
                    format!("<{}{}>", t.local, if t.empty { "/" } else { "" })
                }
                Ev::End(t) => {
                    assert!(xml[..t.end].ends_with('>'));
                    assert!(xml[t.start..].starts_with('<'));
                    "</>".to_string()
                }
                Ev::Text { raw, start } => {
                    assert_eq!(&xml[start..start + raw.len()], raw);
                    format!("T{raw:?}")
                }
                Ev::Ref { ch, start, end } => {
                    assert!(xml[start..end].starts_with('&') && xml[..end].ends_with(';'));
                    format!("R{ch:?}")
                }
                Ev::CData { raw, start } => {
                    assert_eq!(&xml[start..start + raw.len()], raw);
                    format!("C{raw:?}")
                }
                Ev::Eof => break,
            });
        }
        Ok(out)
    }

    #[test]
    fn events_carry_their_offsets() {
        let got =
            events("<?xml version=\"1.0\"?><a x='&amp;'>x &#x9BE;<![CDATA[<b>]]><b/></a>").unwrap();
        assert_eq!(
            got,
            [
                "<a>",
                "T\"x \"",
                "R'\\u{9be}'",
                "C\"<b>\"",
                "<b/>",
                "</>",
                "</>"
            ]
        );
    }

    fn error(xml: &str) -> String {
        events(xml).unwrap_err().message
    }

    /// `text` read as a stream of its lines, as an input's lines are read.
    fn stream_of(text: &str) -> Xml<'static> {
        let lines: Vec<Result<Piece<'static>, Error>> = text
            .split_inclusive('\n')
            .map(|l| {
                Ok(Piece {
                    text: Cow::Owned(l.to_string()),
                    bytes: 0,
                    replaced: 0,
                })
            })
            .collect();
        let base = Position::line_start(0, 1, 0);
        Xml::of_pieces("t", Charset::Utf8, base, Box::new(lines.into_iter()))
    }

    /// Text before what is released is dropped: reading a long stream keeps a few lines, and
    /// positions after a release are those of the whole text.
    #[test]
    fn a_stream_keeps_only_what_is_not_released() {
        let mut xml_text = String::from("<r>\n");
        for i in 0..10_000 {
            xml_text.push_str(&format!("<u>ক {i}</u>\n"));
        }
        xml_text.push_str("</r>\n");
        let mut x = stream_of(&xml_text);
        let whole = Source::new("t", &xml_text);
        let mut loc = super::super::Locator::new(&whole);
        let mut most = 0;
        loop {
            match x.next().unwrap() {
                Ev::Eof => break,
                Ev::Text { start, .. } => assert_eq!(x.pos(start), loc.pos(start)),
                Ev::End(_) => {
                    x.release();
                    most = most.max(x.reader.get_ref().kept.len());
                }
                _ => {}
            }
        }
        assert!(most <= 3, "{most} lines kept");
    }

    /// An element passed over is dropped as it is read: a skeleton of many lines leaves no
    /// more than a line or two kept, and positions after it are the whole text's.
    #[test]
    fn an_element_passed_over_is_not_kept() {
        let mut xml_text = String::from("<r><skl>\n");
        for i in 0..10_000 {
            xml_text.push_str(&format!("<x a='{i}'>YWJj {i}</x>\n"));
        }
        xml_text.push_str("</skl>\n<u>ক</u></r>\n");
        let mut x = stream_of(&xml_text);
        let whole = Source::new("t", &xml_text);
        let mut loc = super::super::Locator::new(&whole);
        assert!(matches!(x.next().unwrap(), Ev::Start(t) if t.local == "r"));
        let Ev::Start(skl) = x.next().unwrap() else {
            panic!("<skl>")
        };
        x.skip(&skl).unwrap();
        assert!(x.reader.get_ref().kept.len() <= 2);
        loop {
            match x.next().unwrap() {
                Ev::Text { raw, start } if raw == "ক" => {
                    assert_eq!(x.pos(start), loc.pos(start));
                    break;
                }
                Ev::Eof => panic!("no text"),
                _ => {}
            }
        }
    }

    #[test]
    fn hostile_xml_is_refused() {
        let laughs = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n \
                      <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n]>\n\
                      <lolz>&lol2;</lolz>";
        let e = error(laughs);
        assert!(e.starts_with("t.xml:2:1: "), "{e}");
        assert!(
            e.contains("DTD and entity declarations are not supported"),
            "{e}"
        );
        let xxe = "<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>";
        assert!(error(xxe).contains("not supported"));
        let e = error("<a>&nbsp;</a>");
        assert!(e.starts_with("t.xml:1:4: unknown entity &nbsp;"), "{e}");
        let deep = "<a>".repeat(10_000) + &"</a>".repeat(10_000);
        let e = error(&deep);
        assert!(e.contains("nested deeper than 256"), "{e}");
        assert!(e.starts_with("t.xml:1:769: "), "{e}");
        // An external DTD is named, never fetched.
        assert!(events("<!DOCTYPE tmx SYSTEM \"tmx14.dtd\"><tmx/>").is_ok());
    }

    #[test]
    fn malformed_xml_has_a_line_and_column() {
        let e = error("<a>\n  <b>x</c></a>");
        assert!(e.starts_with("t.xml:2:"), "{e}");
        let e = error("<a>\n<b>text");
        assert!(e.contains("not closed"), "{e}");
        let e = error("<a x='&bogus;'/>");
        assert!(e.contains("attribute x"), "{e}");
        for bad in [
            "<a",
            "<a>&",
            "<a>&#xD800;</a>",
            "<a>&#0;</a>",
            "<a><!-- x -- y --></a>",
        ] {
            assert!(events(bad).is_err(), "{bad}");
        }
    }
}
