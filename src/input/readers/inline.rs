//! Inline content of XLIFF `<source>`/`<target>` and TMX `<seg>`: text with its entities
//! resolved and CDATA kept as text, and every tag an inline code (`CODE` in the text, an
//! `InlineCode` beside it).
//!
//! | element | code |
//! |---|---|
//! | XLIFF 1.2 `g`, XLIFF 2 `pc`, `mrk` (both), TMX `hi` | an `Open` code at the start tag and a `Close` code at the end tag; the text between is kept (an empty `<g/>` is one `Standalone` code) |
//! | XLIFF 1.2 `x`, `bx`, `ex`; XLIFF 2 `ph`, `sc`, `ec`, `sm`, `em` | one code: `Standalone`, `Open` (`bx`, `sc`, `sm`) or `Close` (`ex`, `ec`, `em`) |
//! | XLIFF 1.2 `ph`, `bpt`, `ept`, `it`; TMX `ph`, `bpt`, `ept`, `it`, `ut` | one code whose `content` is the native code inside (entities resolved, `<sub>` text included): `Standalone`, `Open` (`bpt`; `it pos="open"`/`"begin"`) or `Close` (`ept`; `it pos="close"`/`"end"`) |
//! | XLIFF 1.2 `mrk mtype="seg"` (segmentation of `seg-source`/`target`, as Trados and Okapi write) | nothing: its text is kept as if the tag were not there |
//! | XLIFF 2 `cp hex="..."` | the character it stands for |
//! | anything else (another namespace's element) | like `g`: `Open`/`Close` around its kept text |
//!
//! A code's `id` is the element's `id` (XLIFF), `mid` (1.2 `mrk`), `x` (TMX), or for a closing
//! code the pairing attribute: `rid` (1.2 `ex`, `ept`), `startRef` (2.0 `ec`, `em`), `i` (TMX
//! `bpt`, `ept`). XLIFF 2 codes refer to their native code with `dataRef`
//! (`dataRefStart`/`dataRefEnd` on `pc`); the reader fills their `content` from the unit's
//! `<originalData>`. The `CODE` character of a code maps to the `<` of its tag, and the text
//! after it to the byte after the tag (after the end tag of a code with content).

use super::TextBuilder;
use super::xml::{Ev, Ns, Tag, Xml, push_normalised};
use crate::error::Error;
use crate::input::unit::{CodeRole, UnitText};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    Xliff1,
    Xliff2,
    Tmx,
}

/// An inline content read: the text, and the XLIFF 2 `dataRef`s of its codes (index into
/// `text.codes`, data id).
pub struct Content {
    pub text: UnitText,
    pub data_refs: Vec<(usize, String)>,
}

enum Treatment {
    /// Open and close codes around kept text.
    Wrap {
        kind: String,
        id: Option<String>,
        data_start: Option<String>,
        data_end: Option<String>,
    },
    /// One code at the tag.
    Marker {
        kind: &'static str,
        id: Option<String>,
        role: CodeRole,
        data: Option<String>,
    },
    /// One code whose content is the element's text.
    Native {
        kind: &'static str,
        id: Option<String>,
        role: CodeRole,
    },
    /// Nothing: the text is kept.
    Transparent,
    /// XLIFF 2 `<cp hex>`.
    CodePoint(Option<char>),
}

fn attr(tag: &Tag, name: &str) -> Option<String> {
    tag.attr(name).map(str::to_string)
}

fn either(tag: &Tag, first: &str, then: &str) -> Option<String> {
    attr(tag, first).or_else(|| attr(tag, then))
}

fn it_role(tag: &Tag) -> CodeRole {
    match tag.attr("pos") {
        Some("open" | "begin") => CodeRole::Open,
        Some("close" | "end") => CodeRole::Close,
        _ => CodeRole::Standalone,
    }
}

fn treatment(dialect: Dialect, tag: &Tag) -> Treatment {
    use CodeRole::*;
    let wrap = |id| Treatment::Wrap {
        kind: tag.local.clone(),
        id,
        data_start: None,
        data_end: None,
    };
    let marker = |kind, id, role| Treatment::Marker {
        kind,
        id,
        role,
        data: None,
    };
    let native = |kind, id, role| Treatment::Native { kind, id, role };
    if tag.ns == Ns::Other {
        return wrap(attr(tag, "id"));
    }
    match (dialect, tag.local.as_str()) {
        (Dialect::Xliff1, "g") => wrap(attr(tag, "id")),
        (Dialect::Xliff1, "x") => marker("x", attr(tag, "id"), Standalone),
        (Dialect::Xliff1, "bx") => marker("bx", attr(tag, "id"), Open),
        (Dialect::Xliff1, "ex") => marker("ex", either(tag, "rid", "id"), Close),
        (Dialect::Xliff1, "ph") => native("ph", attr(tag, "id"), Standalone),
        (Dialect::Xliff1, "bpt") => native("bpt", attr(tag, "id"), Open),
        (Dialect::Xliff1, "ept") => native("ept", either(tag, "rid", "id"), Close),
        (Dialect::Xliff1, "it") => native("it", attr(tag, "id"), it_role(tag)),
        (Dialect::Xliff1, "mrk") if tag.attr("mtype") == Some("seg") => Treatment::Transparent,
        (Dialect::Xliff1, "mrk") => wrap(attr(tag, "mid")),
        (Dialect::Xliff2, "ph") => Treatment::Marker {
            kind: "ph",
            id: attr(tag, "id"),
            role: Standalone,
            data: attr(tag, "dataRef"),
        },
        (Dialect::Xliff2, "pc") => Treatment::Wrap {
            kind: "pc".into(),
            id: attr(tag, "id"),
            data_start: attr(tag, "dataRefStart"),
            data_end: attr(tag, "dataRefEnd"),
        },
        (Dialect::Xliff2, "sc") => Treatment::Marker {
            kind: "sc",
            id: attr(tag, "id"),
            role: Open,
            data: attr(tag, "dataRef"),
        },
        (Dialect::Xliff2, "ec") => Treatment::Marker {
            kind: "ec",
            id: either(tag, "startRef", "id"),
            role: Close,
            data: attr(tag, "dataRef"),
        },
        (Dialect::Xliff2, "mrk") => wrap(attr(tag, "id")),
        (Dialect::Xliff2, "sm") => marker("sm", attr(tag, "id"), Open),
        (Dialect::Xliff2, "em") => marker("em", either(tag, "startRef", "id"), Close),
        (Dialect::Xliff2, "cp") => Treatment::CodePoint(
            tag.attr("hex")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32),
        ),
        (Dialect::Tmx, "bpt") => native("bpt", either(tag, "i", "x"), Open),
        (Dialect::Tmx, "ept") => native("ept", attr(tag, "i"), Close),
        (Dialect::Tmx, "ph") => native("ph", attr(tag, "x"), Standalone),
        (Dialect::Tmx, "it") => native("it", attr(tag, "x"), it_role(tag)),
        (Dialect::Tmx, "ut") => native("ut", attr(tag, "x"), Standalone),
        (Dialect::Tmx, "hi") => wrap(attr(tag, "x")),
        (_, "sub") => Treatment::Transparent,
        _ => wrap(attr(tag, "id")),
    }
}

enum Frame {
    /// A wrapping element: its close code at the end tag.
    Wrap {
        kind: String,
        id: Option<String>,
        data_end: Option<String>,
    },
    /// The element whose text is a code's content.
    Native,
    /// An element that adds nothing at its end.
    Plain,
}

struct Native {
    kind: &'static str,
    id: Option<String>,
    role: CodeRole,
    data: Option<String>,
    start: usize,
    content: String,
}

/// Read the content of the element whose start tag `open` was just read, up to its end tag.
pub fn read(xml: &mut Xml, open: &Tag, dialect: Dialect) -> Result<Content, Error> {
    let mut b = TextBuilder::new(open.end, &mut *xml);
    let mut refs = Vec::new();
    if open.empty {
        xml.next()?;
        return Ok(Content {
            text: b.finish(),
            data_refs: refs,
        });
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut native: Option<Native> = None;
    loop {
        match xml.next()? {
            Ev::Eof => {
                return Err(xml.error(open.start, format!("<{}> is not closed", open.local)));
            }
            Ev::Text { raw, start } | Ev::CData { raw, start } => match &mut native {
                Some(n) => push_normalised(&mut n.content, &raw),
                None => b.xml_text(&raw, start, &mut *xml),
            },
            Ev::Ref { ch, start, end } => match &mut native {
                Some(n) => n.content.push(ch),
                None => {
                    let mut buf = [0; 4];
                    b.decoded(ch.encode_utf8(&mut buf), start, end, &mut *xml);
                }
            },
            Ev::End(end) => match frames.pop() {
                None => {
                    return Ok(Content {
                        text: b.finish(),
                        data_refs: refs,
                    });
                }
                Some(Frame::Plain) => {}
                Some(Frame::Wrap { kind, id, data_end }) => {
                    let span = (end.start, end.end);
                    let i = b.code(&kind, id, CodeRole::Close, None, span, &mut *xml);
                    if let Some(d) = data_end {
                        refs.push((i, d));
                    }
                }
                Some(Frame::Native) => {
                    if let Some(n) = native.take() {
                        let content = Some(n.content).filter(|c| !c.is_empty());
                        let span = (n.start, end.end);
                        let i = b.code(n.kind, n.id, n.role, content, span, &mut *xml);
                        if let Some(d) = n.data {
                            refs.push((i, d));
                        }
                    }
                }
            },
            Ev::Start(tag) => {
                if native.is_some() {
                    frames.push(Frame::Plain);
                    continue;
                }
                let span = (tag.start, tag.end);
                match treatment(dialect, &tag) {
                    Treatment::Wrap {
                        kind,
                        id,
                        data_start,
                        data_end,
                    } => {
                        let role = if tag.empty {
                            CodeRole::Standalone
                        } else {
                            CodeRole::Open
                        };
                        let i = b.code(&kind, id.clone(), role, None, span, &mut *xml);
                        if let Some(d) = data_start {
                            refs.push((i, d));
                        }
                        frames.push(if tag.empty {
                            Frame::Plain
                        } else {
                            Frame::Wrap { kind, id, data_end }
                        });
                    }
                    Treatment::Marker {
                        kind,
                        id,
                        role,
                        data,
                    } => {
                        if tag.empty {
                            let i = b.code(kind, id, role, None, span, &mut *xml);
                            if let Some(d) = data {
                                refs.push((i, d));
                            }
                            frames.push(Frame::Plain);
                        } else {
                            native = Some(Native {
                                kind,
                                id,
                                role,
                                data,
                                start: tag.start,
                                content: String::new(),
                            });
                            frames.push(Frame::Native);
                        }
                    }
                    Treatment::Native { kind, id, role } => {
                        native = Some(Native {
                            kind,
                            id,
                            role,
                            data: None,
                            start: tag.start,
                            content: String::new(),
                        });
                        frames.push(Frame::Native);
                    }
                    Treatment::Transparent => frames.push(Frame::Plain),
                    Treatment::CodePoint(ch) => {
                        match ch {
                            Some(c) => {
                                let mut buf = [0; 4];
                                b.decoded(c.encode_utf8(&mut buf), tag.start, tag.end, &mut *xml);
                            }
                            None => {
                                b.code("cp", None, CodeRole::Standalone, None, span, &mut *xml);
                            }
                        }
                        frames.push(Frame::Plain);
                    }
                }
            }
        }
    }
}

/// Fill the `content` of XLIFF 2 codes from the unit's `<originalData>`.
pub fn resolve_data(text: &mut UnitText, refs: &[(usize, String)], data: &[(String, String)]) {
    for (i, id) in refs {
        if let Some(code) = text.codes.get_mut(*i)
            && let Some((_, value)) = data.iter().find(|(k, _)| k == id)
        {
            code.content = Some(value.clone());
        }
    }
}
