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

use quick_xml::XmlVersion;
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use super::{Locator, Source};
use crate::error::Error;

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
pub enum Ev<'a> {
    Start(Tag),
    End(EndTag),
    /// Character data as written at raw offset `start` (no references in it; CRs not yet
    /// normalised).
    Text {
        raw: &'a str,
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
        raw: &'a str,
        start: usize,
    },
    Eof,
}

pub struct Xml<'a> {
    reader: NsReader<&'a [u8]>,
    pub loc: Locator<'a>,
    /// Qualified names of the open elements.
    stack: Vec<String>,
    pending_end: Option<EndTag>,
    text: &'a str,
}

impl<'a> Xml<'a> {
    pub fn new(src: &Source<'a>) -> Xml<'a> {
        let mut reader = NsReader::from_str(src.text);
        let config = reader.config_mut();
        config.check_end_names = true;
        config.check_comments = true;
        config.allow_dangling_amp = false;
        config.expand_empty_elements = false;
        Xml {
            reader,
            loc: Locator::new(src),
            stack: Vec::new(),
            pending_end: None,
            text: src.text,
        }
    }

    /// Elements open now.
    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    pub fn error(&mut self, raw: usize, what: impl std::fmt::Display) -> Error {
        self.loc.error(raw, what)
    }

    /// The next event that matters (comments, processing instructions and the XML declaration
    /// are passed over).
    pub fn next(&mut self) -> Result<Ev<'a>, Error> {
        if let Some(end) = self.pending_end.take() {
            return Ok(Ev::End(end));
        }
        loop {
            let start = offset(self.reader.buffer_position());
            let (ns, event) = match self.reader.read_resolved_event() {
                Ok((res, event)) => (classify(res), event),
                Err(e) => {
                    let at = offset(self.reader.error_position());
                    return Err(self.error(at, format!("malformed XML: {e}")));
                }
            };
            let end = offset(self.reader.buffer_position());
            match event {
                Event::Start(e) => return self.start_tag(&e, false, ns, start, end),
                Event::Empty(e) => return self.start_tag(&e, true, ns, start, end),
                Event::End(_) => {
                    self.stack.pop();
                    return Ok(Ev::End(EndTag { start, end }));
                }
                Event::Text(_) => {
                    let raw = self.slice(start, end)?;
                    return Ok(Ev::Text { raw, start });
                }
                Event::CData(_) => {
                    let raw = self.slice(start, end)?;
                    let inner = raw
                        .strip_prefix("<![CDATA[")
                        .and_then(|s| s.strip_suffix("]]>"));
                    return match inner {
                        Some(inner) => Ok(Ev::CData {
                            raw: inner,
                            start: start + "<![CDATA[".len(),
                        }),
                        None => Err(self.error(start, "malformed XML: a CDATA section")),
                    };
                }
                Event::GeneralRef(r) => {
                    let name = r.as_ref().to_string();
                    let ch = if r.is_char_ref() {
                        match r.resolve_char_ref() {
                            Ok(Some(c)) => c,
                            _ => {
                                return Err(self.error(
                                    start,
                                    format!("invalid character reference &{name};"),
                                ));
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
                    return Ok(Ev::Ref { ch, start, end });
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
                }
                Event::Eof => {
                    if let Some(open) = self.stack.last() {
                        let what = format!("unexpected end of input: <{open}> is not closed");
                        return Err(self.error(self.text.len(), what));
                    }
                    return Ok(Ev::Eof);
                }
                Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {}
            }
        }
    }

    fn start_tag(
        &mut self,
        e: &quick_xml::events::BytesStart,
        empty: bool,
        ns: Ns,
        start: usize,
        end: usize,
    ) -> Result<Ev<'a>, Error> {
        let qname = e.name().as_ref().to_string();
        let local = e.local_name().as_ref().to_string();
        let mut attrs = Vec::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| {
                self.loc
                    .error(start, format!("malformed XML: bad attribute: {err}"))
            })?;
            let key = attr.key.as_ref().to_string();
            let value = attr
                .normalized_value(XmlVersion::Implicit1_0)
                .map_err(|err| {
                    self.loc.error(
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

    fn slice(&mut self, start: usize, end: usize) -> Result<&'a str, Error> {
        match self.text.get(start..end) {
            Some(s) => Ok(s),
            None => Err(self.error(start, "malformed XML: an event off a character boundary")),
        }
    }

    /// The root element (the first start tag); an input with none is an error.
    pub fn root(&mut self) -> Result<Tag, Error> {
        loop {
            match self.next()? {
                Ev::Start(tag) => return Ok(tag),
                Ev::Eof => return Err(self.error(self.text.len(), "no XML root element")),
                Ev::Text { raw, start } if !raw.trim().is_empty() => {
                    return Err(self.error(start, "text before the XML root element"));
                }
                _ => {}
            }
        }
    }

    /// Pass over the rest of the element whose start tag was just read (its `End` included).
    pub fn skip(&mut self, tag: &Tag) -> Result<(), Error> {
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
                Ev::Text { raw, .. } => push_normalised(&mut out, raw),
                Ev::CData { raw, .. } => push_normalised(&mut out, raw),
                Ev::Ref { ch, .. } => out.push(ch),
                Ev::Eof => {
                    return Err(self.error(tag.start, format!("<{}> is not closed", tag.local)));
                }
            }
        }
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
