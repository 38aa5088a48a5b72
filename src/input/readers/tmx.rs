//! TMX 1.4 (LISA; 1.1 to 1.4 read alike): every `<tu>` is a unit, id its `tuid` (else its
//! 1-based number), its variants `<tuv xml:lang>` (`lang` in TMX 1.1) each with one `<seg>`
//! whose inline `bpt`, `ept`, `ph`, `it`, `ut` and `hi` are codes (see `inline.rs`).
//!
//! **Languages.** The source variant of a `<tu>` is the one whose language is the source
//! language: `ReadOptions::source_lang`, else the header's `srclang`, else (`*all*` or none)
//! the language of the first variant of the first `<tu>` (a header after a `<tu>`, which TMX
//! does not allow, is read too late to name it). Languages match case-insensitively, with `_`
//! for `-` and a bare language in any of its codes (`ben` for `bn`), and a bare language
//! (`en`) also matches its regional forms (`en-US`) when no variant matches exactly; the
//! target language `--target-lang` names is matched alike (`in_language`). Every other language is a target: the reader gives one `UnitDoc` per
//! target language, in order of first appearance (only `ReadOptions::target_lang` when it is
//! set), and every `<tu>` is a unit of every one of them: a `<tu>` without that language
//! gives a unit with no target (`Skip::NoTarget`), as does a blank target.
//!
//! **Notes and properties.** The `<tu>`'s `<note>`s are the unit's notes (with `mtqc-ignore:`
//! directives); its `<prop type="...">`s go to `Unit::extra` (type -> text).

use super::inline::{self, Dialect};
use super::xml::{Ev, Tag, Xml};
use super::{Choice, ReadOptions, Source, blank};
use crate::error::Error;
use crate::input::unit::{FileInfo, Skip, Unit, UnitDoc, UnitText, ignore_directives};

struct Tu {
    id: String,
    notes: Vec<String>,
    props: serde_json::Map<String, serde_json::Value>,
    /// `(language, segment)` in order.
    variants: Vec<(String, UnitText)>,
}

/// A TMX document read a `<tu>` at a time.
pub struct Stream<'a> {
    xml: Xml<'a>,
    /// The header's `srclang`.
    srclang: Option<String>,
    /// `<tu>`s read.
    count: usize,
    /// The source language, once decided (see the module's doc).
    source: Option<Option<String>>,
    source_lang: Option<String>,
}

impl<'a> Stream<'a> {
    /// The `<tu>`s of `xml`, whose root must be `<tmx>`.
    pub fn new(mut xml: Xml<'a>, options: &ReadOptions) -> Result<Stream<'a>, Error> {
        xml.root_named(&["tmx"], "a TMX document")?;
        Ok(Stream {
            xml,
            srclang: None,
            count: 0,
            source: None,
            source_lang: options.source_lang.clone(),
        })
    }

    pub fn xml(&self) -> &Xml<'a> {
        &self.xml
    }

    /// The next `<tu>`, `None` at the end of the document.
    fn next_tu(&mut self) -> Result<Option<Tu>, Error> {
        loop {
            match self.xml.next()? {
                Ev::Eof => return Ok(None),
                Ev::Start(t) if t.is("header") => {
                    self.srclang = t.attr("srclang").map(str::to_string);
                    self.xml.skip(&t)?;
                }
                Ev::Start(t) if t.is("body") => {}
                Ev::Start(t) if t.is("tu") => {
                    self.count += 1;
                    let tu = tu(&mut self.xml, &t, self.count)?;
                    self.xml.release();
                    return Ok(Some(tu));
                }
                Ev::Start(t) => self.xml.skip(&t)?,
                _ => {}
            }
        }
    }

    /// The source language the option or the header names.
    fn declared_source(&self) -> Option<String> {
        self.source_lang
            .clone()
            .or(self.srclang.clone().filter(|l| l != "*all*"))
    }

    /// The source language once the first `<tu>` with a variant is read (the option, else
    /// the header's, else that variant's language).
    fn source(&mut self, tu: &Tu) -> Option<String> {
        if let Some(source) = &self.source {
            return source.clone();
        }
        let source = self
            .declared_source()
            .or_else(|| tu.variants.first().map(|(l, _)| l.clone()));
        if source.is_some() {
            self.source = Some(source.clone());
        }
        source
    }

    /// The next `<tu>` and the source language as settled then, its target languages kept in
    /// `choice`; `None` at the end of the document.
    fn next_sourced(&mut self, choice: &mut Choice) -> Result<Option<(Tu, Option<String>)>, Error> {
        let Some(tu) = self.next_tu()? else {
            return Ok(None);
        };
        let source = self.source(&tu);
        for (i, (lang, _)) in tu.variants.iter().enumerate() {
            if !is_source(&tu, i, source.as_deref()) && !choice.saw_language(lang) {
                return Err(self.xml.error_here(super::too_many_documents()));
            }
        }
        Ok(Some((tu, source)))
    }

    /// The source language settled by the first `<tu>` with a variant, else the declared one.
    fn settled_source(&self) -> Option<String> {
        self.source.clone().flatten().or(self.declared_source())
    }

    /// The next unit of the document `choice` asks for (the first target language seen when it
    /// asks for none), every target language seen kept in `choice`; `None` at the end.
    pub fn next_units(&mut self, choice: &mut Choice) -> Result<Option<Vec<Unit>>, Error> {
        let target = |choice: &Choice| match &choice.want {
            Some(want) => want.clone(),
            None => choice.keys.first().cloned().flatten(),
        };
        let Some((tu, source)) = self.next_sourced(choice)? else {
            if choice.keys.is_empty() {
                choice.keys.push(None);
            }
            choice.decide(FileInfo {
                source_language: self.settled_source(),
                target_language: target(choice),
            });
            return Ok(None);
        };
        let target = target(choice);
        if target.is_some() && source.is_some() {
            choice.decide(FileInfo {
                source_language: source.clone(),
                target_language: target.clone(),
            });
        }
        Ok(Some(vec![unit_of(
            &tu,
            source.as_deref(),
            target.as_deref(),
        )]))
    }
}

/// Read a TMX document: its `<tu>`s through `Stream`, then one document per target language
/// (every `<tu>` a unit of each).
pub fn read(src: &Source, options: &ReadOptions) -> Result<Vec<UnitDoc>, Error> {
    let mut stream = Stream::new(Xml::new(src), options)?;
    let mut choice = Choice::default();
    let mut tus: Vec<Tu> = Vec::new();
    while let Some((tu, _)) = stream.next_sourced(&mut choice)? {
        tus.push(tu);
    }
    let source = stream.settled_source();
    // Target languages in order of first appearance.
    let targets: Vec<String> = match &options.target_lang {
        Some(t) => vec![t.clone()],
        None => choice.keys.into_iter().flatten().collect(),
    };
    let doc = |target: Option<&str>| UnitDoc {
        info: FileInfo {
            source_language: source.clone(),
            target_language: target.map(str::to_string),
        },
        units: tus
            .iter()
            .map(|tu| unit_of(tu, source.as_deref(), target))
            .collect(),
        charset: src.charset,
    };
    if targets.is_empty() {
        return Ok(vec![doc(None)]);
    }
    Ok(targets.iter().map(|t| doc(Some(t))).collect())
}

/// Whether variant `i` of `tu` is in the source language (see `in_language`).
fn is_source(tu: &Tu, i: usize, source: Option<&str>) -> bool {
    source.is_some_and(|s| in_language(tu, i, s))
}

/// Whether variant `i` of `tu` is in language `want`: its tag is `want`'s (in any case, `_`
/// for `-`; a bare language in any of its codes, `ben` for `bn`), or `want` is a bare language
/// (`en`) that no variant of `tu` has so and this variant is a regional form of it (`en-US`).
fn in_language(tu: &Tu, i: usize, want: &str) -> bool {
    let exact = |l: &str| same_tag(l, want) || (bare(l) && bare(want) && same_language(l, want));
    let lang = &tu.variants[i].0;
    exact(lang)
        || (bare(want) && same_language(lang, want) && !tu.variants.iter().any(|(l, _)| exact(l)))
}

/// The unit of `tu` in the document of target language `target` (none: no target).
fn unit_of(tu: &Tu, source: Option<&str>, target: Option<&str>) -> Unit {
    let src = (0..tu.variants.len())
        .find(|&i| is_source(tu, i, source))
        .map(|i| tu.variants[i].1.clone());
    let tgt = target.and_then(|target| {
        (0..tu.variants.len())
            .find(|&i| !is_source(tu, i, source) && in_language(tu, i, target))
            .map(|i| tu.variants[i].1.clone())
    });
    unit(tu, src, tgt)
}

/// A language tag without a region or other subtag (`bn`, `ben`).
fn bare(tag: &str) -> bool {
    !tag.contains(['-', '_'])
}

/// Whether two language tags are one, in any case and with `_` for `-` (`bn_BD`, `BN-bd`).
fn same_tag(a: &str, b: &str) -> bool {
    let dash = |c: u8| {
        if c == b'_' {
            b'-'
        } else {
            c.to_ascii_lowercase()
        }
    };
    a.len() == b.len() && a.bytes().zip(b.bytes()).all(|(x, y)| dash(x) == dash(y))
}

/// Whether two language tags name one language: their primary subtags in any case, or an
/// ISO 639-1 and a 639-2/3 code of it (`bn`, `ben`; the code tables are read only then).
fn same_language(a: &str, b: &str) -> bool {
    let (pa, pb) = (primary(a), primary(b));
    pa.eq_ignore_ascii_case(pb)
        || (pa.len() != pb.len()
            && matches!(
                (crate::lang::normalise(pa), crate::lang::normalise(pb)),
                (Ok(x), Ok(y)) if x == y
            ))
}

fn primary(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

fn unit(tu: &Tu, source: Option<UnitText>, target: Option<UnitText>) -> Unit {
    let skip = target.as_ref().is_none_or(blank).then_some(Skip::NoTarget);
    Unit {
        id: tu.id.clone(),
        source,
        target,
        notes: tu.notes.clone(),
        skip,
        max_length: None,
        ignore: tu.notes.iter().flat_map(|n| ignore_directives(n)).collect(),
        extra: tu.props.clone(),
        plural_form: None,
        plural_other: None,
        context: None,
    }
}

/// A `<tu>`, its start tag just read.
fn tu(xml: &mut Xml, tag: &Tag, n: usize) -> Result<Tu, Error> {
    let mut tu = Tu {
        id: tag
            .attr("tuid")
            .map_or_else(|| n.to_string(), str::to_string),
        notes: Vec::new(),
        props: serde_json::Map::new(),
        variants: Vec::new(),
    };
    if tag.empty {
        xml.next()?;
        return Ok(tu);
    }
    loop {
        match xml.next()? {
            Ev::Start(t) if t.is("tuv") => {
                let Some(lang) = t.attr("xml:lang").or_else(|| t.attr("lang")) else {
                    return Err(xml.error(t.start, "<tuv> without xml:lang"));
                };
                let lang = lang.to_string();
                if let Some(seg) = tuv(xml, &t)?
                    && !tu
                        .variants
                        .iter()
                        .any(|(l, _)| l.eq_ignore_ascii_case(&lang))
                {
                    tu.variants.push((lang, seg));
                }
            }
            Ev::Start(t) if t.is("note") => {
                let note = xml.plain_text(&t)?;
                let note = note.trim();
                if !note.is_empty() {
                    tu.notes.push(note.to_string());
                }
            }
            Ev::Start(t) if t.is("prop") => {
                let kind = t.attr("type").unwrap_or("prop").to_string();
                let value = xml.plain_text(&t)?;
                tu.props.insert(kind, serde_json::Value::String(value));
            }
            Ev::Start(t) => xml.skip(&t)?,
            Ev::End(_) => return Ok(tu),
            Ev::Eof => return Err(xml.error(tag.start, "<tu> is not closed")),
            _ => {}
        }
    }
}

/// A `<tuv>`, its start tag just read: its `<seg>`, if it has one.
fn tuv(xml: &mut Xml, tag: &Tag) -> Result<Option<UnitText>, Error> {
    let mut seg = None;
    if tag.empty {
        xml.next()?;
        return Ok(seg);
    }
    loop {
        match xml.next()? {
            Ev::Start(t) if t.is("seg") && seg.is_none() => {
                seg = Some(inline::read(xml, &t, Dialect::Tmx)?.text);
            }
            Ev::Start(t) => xml.skip(&t)?,
            Ev::End(_) => return Ok(seg),
            Ev::Eof => return Err(xml.error(tag.start, "<tuv> is not closed")),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::input::Charset;
    use crate::input::unit::CodeRole;

    fn read_tmx(xml: &str, options: &ReadOptions) -> Result<Vec<UnitDoc>, Error> {
        read(&Source::new("t.tmx", xml), options)
    }

    #[test]
    fn codes_languages_and_all() {
        let xml = "<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">\n<tmx version=\"1.4\"><header srclang=\"*all*\"/><body>\n\
            <tu><note>n</note><tuv xml:lang=\"en-US\"><seg>Bold <bpt i=\"1\" x=\"1\">&lt;b&gt;</bpt>text<ept i=\"1\">&lt;/b&gt;</ept></seg></tuv>\n\
            <tuv lang=\"BN\"><seg><bpt i=\"1\">&lt;b&gt;</bpt>লেখা<ept i=\"1\">&lt;/b&gt;</ept> <ph x=\"2\">{0}</ph> <it pos=\"begin\" x=\"3\">&lt;i&gt;</it><hi x=\"4\">জোর</hi><ut>\\par</ut> শেষ</seg></tuv></tu>\n\
            <tu tuid=\"t2\"><tuv xml:lang=\"en-us\"><seg>Only English</seg></tuv></tu>\n\
            </body></tmx>";
        let docs = read_tmx(xml, &ReadOptions::default()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].info.source_language.as_deref(), Some("en-US"));
        assert_eq!(docs[0].info.target_language.as_deref(), Some("BN"));
        let u = &docs[0].units;
        assert_eq!((u[0].id.as_str(), u[1].id.as_str()), ("1", "t2"));
        assert_eq!(u[0].notes, ["n"]);
        assert_eq!(u[1].skip, Some(Skip::NoTarget));
        assert_eq!(u[1].source.as_ref().unwrap().text, "Only English");
        let t = u[0].target.as_ref().unwrap();
        assert_eq!(
            t.text,
            "\u{FFFC}লেখা\u{FFFC} \u{FFFC} \u{FFFC}\u{FFFC}জোর\u{FFFC}\u{FFFC} শেষ"
        );
        let codes: Vec<(&str, Option<&str>, CodeRole, Option<&str>)> = t
            .codes
            .iter()
            .map(|c| {
                (
                    c.kind.as_str(),
                    c.id.as_deref(),
                    c.role,
                    c.content.as_deref(),
                )
            })
            .collect();
        use CodeRole::*;
        assert_eq!(
            codes,
            [
                ("bpt", Some("1"), Open, Some("<b>")),
                ("ept", Some("1"), Close, Some("</b>")),
                ("ph", Some("2"), Standalone, Some("{0}")),
                ("it", Some("3"), Open, Some("<i>")),
                ("hi", Some("4"), Open, None),
                ("hi", Some("4"), Close, None),
                ("ut", None, Standalone, Some("\\par")),
            ]
        );
        let i = t.text.find("শেষ").unwrap();
        assert_eq!(
            t.position(i, Charset::Utf8),
            raw_position(xml, nth(xml, "শেষ", 0))
        );
        assert_monotonic(t, xml);
    }

    #[test]
    fn a_bare_source_language_matches_its_regions() {
        let xml = "<tmx><header srclang=\"en\"/><body><tu><tuv xml:lang=\"en-GB\"><seg>a</seg></tuv><tuv xml:lang=\"hi\"><seg>क</seg></tuv></tu></body></tmx>";
        let docs = read_tmx(xml, &ReadOptions::default()).unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].units[0].source.as_ref().unwrap().text, "a");
        let opts = ReadOptions {
            target_lang: Some("ta".into()),
            ..ReadOptions::default()
        };
        let docs = read_tmx(xml, &opts).unwrap();
        assert_eq!(docs[0].units[0].skip, Some(Skip::NoTarget));
    }

    #[test]
    fn a_bare_target_language_matches_its_regions_and_spellings() {
        let xml = "<tmx><header srclang=\"en-US\"/><body><tu><tuv xml:lang=\"en-US\"><seg>a</seg></tuv><tuv xml:lang=\"bn-BD\"><seg>ক</seg></tuv></tu>\
            <tu><tuv xml:lang=\"en-US\"><seg>b</seg></tuv><tuv xml:lang=\"bn-IN\"><seg>খ</seg></tuv><tuv xml:lang=\"bn\"><seg>গ</seg></tuv></tu></body></tmx>";
        let target = |lang: &str| {
            let opts = ReadOptions {
                target_lang: Some(lang.into()),
                ..ReadOptions::default()
            };
            read_tmx(xml, &opts).unwrap()[0]
                .units
                .iter()
                .map(|u| u.target.as_ref().map(|t| t.text.clone()))
                .collect::<Vec<_>>()
        };
        let (ka, kha, ga) = (
            Some("ক".to_string()),
            Some("খ".to_string()),
            Some("গ".to_string()),
        );
        // The exact tag first (`bn` in the second unit), else the language's regional variant.
        assert_eq!(target("bn"), [ka.clone(), ga]);
        assert_eq!(target("ben"), target("bn"));
        assert_eq!(target("bn_BD"), [ka.clone(), None]);
        assert_eq!(target("BN-bd"), [ka, None]);
        assert_eq!(target("bn-IN"), [None, kha]);
        assert_eq!(target("hi"), [None, None]);
    }

    #[test]
    fn errors() {
        let e = read_tmx(
            "<tmx><body><tu>\n<tuv><seg>x</seg></tuv></tu></body></tmx>",
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert_eq!(e.message, "t.tmx:2:1: <tuv> without xml:lang");
        let e = read_tmx(
            "<tmx><body><tu><tuv xml:lang=\"en\"><seg>x",
            &ReadOptions::default(),
        )
        .unwrap_err();
        assert!(e.message.starts_with("t.tmx:1:"), "{e}");
    }
}
