//! XLIFF 1.2 and 2.0 (OASIS): translation units with their source, target, notes, state and
//! length limits. The version is the root's `version` attribute (else its namespace); elements
//! of the XLIFF core namespace (or of none) are read, elements of other namespaces (`mda:`,
//! `memsource:`, `sdl:`...) are passed over, inside a unit's text they are inline codes.
//!
//! **Units.** XLIFF 1.2: one `Unit` per `<trans-unit>` (`<group>`s nested at any depth),
//! id its `id` (else its 1-based number in the file); `<seg-source>`, `<alt-trans>`,
//! `<context-group>` and `<bin-unit>` are not read. XLIFF 2: one `Unit` per `<segment>` of a
//! `<unit>`, id the unit's `id` when it has one segment, else `unit-id#segment-id` (the
//! segment's 1-based number when it has no `id`); `<ignorable>` is not a unit. Inline markup:
//! see `inline.rs`. Whitespace is kept as written (`xml:space` is not applied).
//!
//! **Languages.** 1.2: `source-language` and `target-language` of each `<file>`; 2.0: `srcLang`
//! and `trgLang` of `<xliff>`. Files that share a target language give one `UnitDoc`; a
//! document with files in several target languages gives one `UnitDoc` per language, in order
//! of first appearance.
//!
//! **Notes.** 1.2 `<note>`s of the `<trans-unit>`, 2.0 `<note>`s of the `<unit>`'s `<notes>`
//! (on each of its segments), empty ones dropped; `mtqc-ignore:` directives are read from them.
//!
//! **Skip reasons**, first that applies:
//!
//! | skip | XLIFF 1.2 | XLIFF 2 |
//! |---|---|---|
//! | `NotToTranslate` | `translate="no"` on the `<trans-unit>` or the nearest `<group>` that says | `translate="no"` on the `<unit>`, else the nearest `<group>`/`<file>` that says |
//! | `NoTarget` | no `<target>`, a blank one, or `state="new"` / `"needs-translation"` | no `<target>` or a blank one |
//! | `Locked` | `state="final"` or `"signed-off"` | `state="final"` |
//! | `Fuzzy` | `state="needs-review-translation"`, `"needs-review-l10n"` or `"needs-l10n"` | (none: 2.0 has no such state) |
//!
//! The 1.2 grouping follows the state scale of translate-toolkit's `xliffunit.statemap`
//! (`translate/storage/xliff.py`: `new` is untranslated, `needs-translation` and the other
//! `needs-*` states "needs work", `needs-review-*` "needs review", `translated` unreviewed,
//! `signed-off` and `final` final) read with the XLIFF 1.2 specification's definitions of each
//! value: a state whose definition says the *text* is not translated yet is `NoTarget`, one
//! that says the text awaits review or rework is `Fuzzy`, a final state is `Locked`.
//! `needs-adaptation` and `needs-review-adaptation` concern "only non-textual information", so
//! their text is checked, as are `translated` and no state at all. `approved="yes"` alone
//! locks nothing (translate-toolkit reads it as translated, and only a final state as final).
//! In XLIFF 2, `initial` is the default state and says nothing about a filled target, so it is
//! checked. Note that MT pre-translation is often marked `needs-review-translation`
//! (`state-qualifier="leveraged-mt"`): such units are `Fuzzy`, skipped unless the caller checks
//! skipped units.
//!
//! **Length limits.** 1.2: `maxwidth` with `size-unit="char"` (characters) or `"byte"`
//! (bytes), else `maxbytes`; `maxwidth` in pixels (the default unit) or other units sets none.
//! 2.0: `slr:sizeRestriction` on the `<unit>` in characters when the file's `<slr:profiles
//! generalProfile>` is `xliff:codepoints` or absent, else `slr:storageRestriction` in bytes
//! when `storageProfile` is `xliff:utf8`; the unit's limit is put on each of its segments.

use super::inline::{self, Dialect};
use super::xml::{Ev, Ns, Tag, Xml};
use super::{Choice, ReadOptions, Source, blank, group_docs};
use crate::error::Error;
use crate::input::unit::{
    FileInfo, LengthUnit, MaxLength, Skip, Unit, UnitDoc, UnitText, ignore_directives,
};

/// An XLIFF 1.2 or 2.0 document read a unit at a time.
pub struct Stream<'a> {
    reader: Reader<'a>,
    version2: bool,
    ended: bool,
}

/// A unit read: its document's key (the target language), its file's languages, the unit.
type Item = (Option<String>, FileInfo, Unit);

impl<'a> Stream<'a> {
    /// The units of `xml`, whose root must be `<xliff>`.
    pub fn new(mut xml: Xml<'a>) -> Result<Stream<'a>, Error> {
        let root = xml.root_named(&["xliff"], "an XLIFF document")?;
        // The version read: 1.x or 2.x; without the attribute, the namespace's, else a 2.x
        // root's languages (`srcLang`), else 1.2. Another version is an error: read as either,
        // its units would be passed over and the file pass unchecked.
        let version2 = match root.attr("version").map(|v| (v, v.split('.').next())) {
            Some((_, Some("1"))) => false,
            Some((_, Some("2"))) => true,
            Some((v, _)) => {
                let (at, v) = (root.start, v.to_string());
                return Err(xml.error(
                    at,
                    format!("XLIFF version `{v}` is not one mtqc reads (1.x or 2.x)"),
                ));
            }
            None => match root.attr("xmlns") {
                Some(ns) if ns.contains(":document:2.") => true,
                Some(ns) if ns.contains(":document:1.") => false,
                _ => root.attr("srcLang").is_some() || root.attr("trgLang").is_some(),
            },
        };
        let reader = Reader {
            xml,
            items: Vec::new(),
            contexts: Vec::new(),
            info: FileInfo {
                source_language: root.attr("srcLang").map(str::to_string),
                target_language: root.attr("trgLang").map(str::to_string),
            },
            count: 0,
        };
        Ok(Stream {
            reader,
            version2,
            ended: false,
        })
    }

    pub fn xml(&self) -> &Xml<'a> {
        &self.reader.xml
    }

    /// The units read next (with their documents' keys and languages); `None` at the end.
    fn next_items(&mut self) -> Result<Option<Vec<Item>>, Error> {
        while self.reader.items.is_empty() && !self.ended {
            self.ended = !self.reader.step(self.version2)?;
        }
        if self.reader.items.is_empty() {
            return Ok(None);
        }
        Ok(Some(std::mem::take(&mut self.reader.items)))
    }

    /// The next units of the document `choice` asks for (the first seen when it asks for
    /// none), every document seen kept in `choice`; `None` at the end.
    pub fn next_units(&mut self, choice: &mut Choice) -> Result<Option<Vec<Unit>>, Error> {
        let Some(items) = self.next_items()? else {
            if choice.keys.is_empty() {
                let _ = choice.saw(self.reader.info.target_language.clone());
            }
            choice.decide(self.reader.info.clone());
            return Ok(None);
        };
        let mut units = Vec::new();
        for (key, info, unit) in items {
            if !choice.saw(key.clone()) {
                return Err(self.reader.xml.error_here(super::too_many_documents()));
            }
            if *choice.want.get_or_insert_with(|| key.clone()) == key {
                choice.decide(info);
                units.push(unit);
            }
        }
        Ok(Some(units))
    }
}

/// Read an XLIFF 1.2 or 2.0 document.
pub fn read(src: &Source, _options: &ReadOptions) -> Result<Vec<UnitDoc>, Error> {
    let mut stream = Stream::new(Xml::new(src))?;
    let mut items = Vec::new();
    // The documents counted as a stream counts them (`next_units`): at most `MAX_DOCUMENTS`.
    let mut seen = super::Choice::default();
    while let Some(more) = stream.next_items()? {
        if more.iter().any(|(key, _, _)| !seen.saw(key.clone())) {
            return Err(stream.reader.xml.error_here(super::too_many_documents()));
        }
        items.extend(more);
    }
    let info = stream.reader.info.clone();
    let mut docs = group_docs(items, src.charset);
    if docs.is_empty() {
        docs.push(UnitDoc {
            info,
            units: Vec::new(),
            charset: src.charset,
        });
    }
    Ok(docs)
}

/// What a `<file>` or `<group>` passes on to its units.
struct Context {
    /// Depth of the element (open elements while it is open).
    depth: usize,
    translate: Option<bool>,
    /// XLIFF 2 size-restriction profiles of a `<file>` (general, storage).
    profiles: Option<(Option<String>, Option<String>)>,
}

struct Reader<'a> {
    xml: Xml<'a>,
    items: Vec<(Option<String>, FileInfo, Unit)>,
    contexts: Vec<Context>,
    /// The languages of the current file (1.2) or document (2.0).
    info: FileInfo,
    /// Units read so far (for ids of units without one).
    count: usize,
}

impl Reader<'_> {
    fn translate_no(&self) -> bool {
        self.contexts
            .iter()
            .rev()
            .find_map(|c| c.translate)
            .is_some_and(|t| !t)
    }

    fn profiles(&self) -> (Option<String>, Option<String>) {
        self.contexts
            .iter()
            .rev()
            .find_map(|c| c.profiles.clone())
            .unwrap_or((None, None))
    }

    fn push(&mut self, unit: Unit) {
        let key = self.info.target_language.clone();
        self.items.push((key, self.info.clone(), unit));
    }

    /// Read one event of the document; `false` at its end.
    fn step(&mut self, version2: bool) -> Result<bool, Error> {
        match self.xml.next()? {
            Ev::Eof => return Ok(false),
            Ev::End(_) => {
                let depth = self.xml.depth();
                while self.contexts.last().is_some_and(|c| c.depth > depth) {
                    self.contexts.pop();
                }
            }
            Ev::Start(tag) => self.element(tag, version2)?,
            _ => {}
        }
        Ok(true)
    }

    fn element(&mut self, tag: Tag, version2: bool) -> Result<(), Error> {
        let translate = tag.attr("translate").map(|t| t != "no");
        if tag.is("file") || tag.is("group") {
            if tag.is("file") && !version2 {
                self.info = FileInfo {
                    source_language: tag.attr("source-language").map(str::to_string),
                    target_language: tag.attr("target-language").map(str::to_string),
                };
            }
            if !tag.empty {
                self.contexts.push(Context {
                    depth: self.xml.depth(),
                    translate,
                    profiles: None,
                });
            }
            return Ok(());
        }
        if tag.ns == Ns::Other && tag.local == "profiles" {
            let profiles = (
                tag.attr("generalProfile").map(str::to_string),
                tag.attr("storageProfile").map(str::to_string),
            );
            if let Some(c) = self.contexts.last_mut() {
                c.profiles = Some(profiles);
            }
            return self.xml.skip(&tag);
        }
        if !version2 && tag.is("trans-unit") {
            self.count += 1;
            let unit = self.trans_unit(&tag)?;
            self.push(unit);
            self.xml.release();
            return Ok(());
        }
        if version2 && tag.is("unit") {
            for unit in self.unit2(&tag)? {
                self.push(unit);
            }
            self.xml.release();
            return Ok(());
        }
        if tag.is("body") || tag.is("xliff") {
            return Ok(());
        }
        // `<header>`, `<bin-unit>`, `<originalData>` of a file, extensions: not read.
        self.xml.skip(&tag)
    }

    /// An XLIFF 1.2 `<trans-unit>`, its start tag just read.
    fn trans_unit(&mut self, tag: &Tag) -> Result<Unit, Error> {
        let translate_no = match tag.attr("translate") {
            Some(t) => t == "no",
            None => self.translate_no(),
        };
        let max_length = max_length_12(tag);
        let id = tag
            .attr("id")
            .map_or_else(|| self.count.to_string(), str::to_string);
        let mut source = None;
        let mut target: Option<UnitText> = None;
        let mut state = None;
        let mut notes = Vec::new();
        if !tag.empty {
            loop {
                match self.xml.next()? {
                    Ev::Start(t) if t.is("source") && source.is_none() => {
                        source = Some(inline::read(&mut self.xml, &t, Dialect::Xliff1)?.text);
                    }
                    Ev::Start(t) if t.is("target") && target.is_none() => {
                        state = t.attr("state").map(str::to_string);
                        target = Some(inline::read(&mut self.xml, &t, Dialect::Xliff1)?.text);
                    }
                    Ev::Start(t) if t.is("note") => {
                        let note = self.xml.plain_text(&t)?;
                        push_note(&mut notes, note);
                    }
                    Ev::Start(t) => self.xml.skip(&t)?,
                    Ev::End(_) => break,
                    Ev::Eof => return Err(self.xml.error(tag.start, "<trans-unit> is not closed")),
                    _ => {}
                }
            }
        } else {
            self.xml.next()?;
        }
        let skip = if translate_no {
            Some(Skip::NotToTranslate)
        } else if target.as_ref().is_none_or(blank) {
            Some(Skip::NoTarget)
        } else {
            match state.as_deref() {
                Some("new" | "needs-translation") => Some(Skip::NoTarget),
                Some("final" | "signed-off") => Some(Skip::Locked),
                Some("needs-review-translation" | "needs-review-l10n" | "needs-l10n") => {
                    Some(Skip::Fuzzy)
                }
                _ => None,
            }
        };
        Ok(unit(id, source, target, notes, skip, max_length))
    }

    /// An XLIFF 2 `<unit>`, its start tag just read: one `Unit` per segment.
    fn unit2(&mut self, tag: &Tag) -> Result<Vec<Unit>, Error> {
        let translate_no = match tag.attr("translate") {
            Some(t) => t == "no",
            None => self.translate_no(),
        };
        let max_length = max_length_20(tag, self.profiles());
        let mut notes = Vec::new();
        let mut data: Vec<(String, String)> = Vec::new();
        let mut segments = Vec::new();
        if tag.empty {
            self.xml.next()?;
        } else {
            loop {
                match self.xml.next()? {
                    Ev::Start(t) if t.is("segment") => segments.push(self.segment(&t)?),
                    Ev::Start(t) if t.is("notes") && !t.empty => loop {
                        match self.xml.next()? {
                            Ev::Start(n) if n.is("note") => {
                                let note = self.xml.plain_text(&n)?;
                                push_note(&mut notes, note);
                            }
                            Ev::Start(n) => self.xml.skip(&n)?,
                            Ev::End(_) => break,
                            Ev::Eof => {
                                return Err(self.xml.error(t.start, "<notes> is not closed"));
                            }
                            _ => {}
                        }
                    },
                    Ev::Start(t) if t.is("originalData") && !t.empty => loop {
                        match self.xml.next()? {
                            Ev::Start(d) if d.is("data") => {
                                let id = d.attr("id").unwrap_or_default().to_string();
                                let value = self.xml.plain_text(&d)?;
                                data.push((id, value));
                            }
                            Ev::Start(d) => self.xml.skip(&d)?,
                            Ev::End(_) => break,
                            Ev::Eof => {
                                return Err(self
                                    .xml
                                    .error(t.start, "<originalData> is not closed"));
                            }
                            _ => {}
                        }
                    },
                    Ev::Start(t) => self.xml.skip(&t)?,
                    Ev::End(_) => break,
                    Ev::Eof => return Err(self.xml.error(tag.start, "<unit> is not closed")),
                    _ => {}
                }
            }
        }
        self.count += 1;
        let unit_id = tag
            .attr("id")
            .map_or_else(|| self.count.to_string(), str::to_string);
        let single = segments.len() == 1;
        let mut units = Vec::new();
        for (n, seg) in segments.into_iter().enumerate() {
            let Segment {
                id,
                state,
                source,
                target,
            } = seg;
            let id = if single {
                unit_id.clone()
            } else {
                format!("{unit_id}#{}", id.unwrap_or_else(|| (n + 1).to_string()))
            };
            let source = source.map(|(mut t, refs)| {
                inline::resolve_data(&mut t, &refs, &data);
                t
            });
            let target = target.map(|(mut t, refs)| {
                inline::resolve_data(&mut t, &refs, &data);
                t
            });
            let skip = if translate_no {
                Some(Skip::NotToTranslate)
            } else if target.as_ref().is_none_or(blank) {
                Some(Skip::NoTarget)
            } else if state.as_deref() == Some("final") {
                Some(Skip::Locked)
            } else {
                None
            };
            units.push(unit(id, source, target, notes.clone(), skip, max_length));
        }
        Ok(units)
    }

    fn segment(&mut self, tag: &Tag) -> Result<Segment, Error> {
        let mut seg = Segment {
            id: tag.attr("id").map(str::to_string),
            state: tag.attr("state").map(str::to_string),
            source: None,
            target: None,
        };
        if tag.empty {
            self.xml.next()?;
            return Ok(seg);
        }
        loop {
            match self.xml.next()? {
                Ev::Start(t) if t.is("source") && seg.source.is_none() => {
                    let c = inline::read(&mut self.xml, &t, Dialect::Xliff2)?;
                    seg.source = Some((c.text, c.data_refs));
                }
                Ev::Start(t) if t.is("target") && seg.target.is_none() => {
                    let c = inline::read(&mut self.xml, &t, Dialect::Xliff2)?;
                    seg.target = Some((c.text, c.data_refs));
                }
                Ev::Start(t) => self.xml.skip(&t)?,
                Ev::End(_) => return Ok(seg),
                Ev::Eof => return Err(self.xml.error(tag.start, "<segment> is not closed")),
                _ => {}
            }
        }
    }
}

type Refs = Vec<(usize, String)>;

struct Segment {
    id: Option<String>,
    state: Option<String>,
    source: Option<(UnitText, Refs)>,
    target: Option<(UnitText, Refs)>,
}

fn push_note(notes: &mut Vec<String>, note: String) {
    let note = note.trim();
    if !note.is_empty() {
        notes.push(note.to_string());
    }
}

fn unit(
    id: String,
    source: Option<UnitText>,
    target: Option<UnitText>,
    notes: Vec<String>,
    skip: Option<Skip>,
    max_length: Option<MaxLength>,
) -> Unit {
    let ignore = notes.iter().flat_map(|n| ignore_directives(n)).collect();
    Unit {
        id,
        source,
        target,
        notes,
        skip,
        max_length,
        ignore,
        extra: serde_json::Map::new(),
        plural_form: None,
        plural_other: None,
        context: None,
    }
}

fn number(s: Option<&str>) -> Option<usize> {
    s.and_then(|s| s.trim().parse().ok())
}

fn max_length_12(tag: &Tag) -> Option<MaxLength> {
    let unit = match tag.attr("size-unit") {
        Some("char") => Some(LengthUnit::Chars),
        Some("byte") => Some(LengthUnit::Bytes),
        _ => None,
    };
    if let (Some(unit), Some(max)) = (unit, number(tag.attr("maxwidth"))) {
        return Some(MaxLength { max, unit });
    }
    number(tag.attr("maxbytes")).map(|max| MaxLength {
        max,
        unit: LengthUnit::Bytes,
    })
}

fn max_length_20(
    tag: &Tag,
    (general, storage): (Option<String>, Option<String>),
) -> Option<MaxLength> {
    if general.as_deref().is_none_or(|p| p == "xliff:codepoints")
        && let Some(max) = number(tag.attr_local("sizeRestriction"))
    {
        return Some(MaxLength {
            max,
            unit: LengthUnit::Chars,
        });
    }
    if storage.as_deref() == Some("xliff:utf8")
        && let Some(max) = number(tag.attr_local("storageRestriction"))
    {
        return Some(MaxLength {
            max,
            unit: LengthUnit::Bytes,
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::input::Charset;
    use crate::input::unit::{CODE, CodeRole};

    fn read_xliff(xml: &str) -> Vec<UnitDoc> {
        read(&Source::new("t.xlf", xml), &ReadOptions::default()).unwrap_or_else(|e| panic!("{e}"))
    }

    fn v12(body: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
             <file source-language=\"en\" target-language=\"bn\" datatype=\"plaintext\" original=\"x\"><body>\n{body}\n</body></file></xliff>\n"
        )
    }

    #[test]
    fn a_finding_after_an_entity_points_into_the_file() {
        let xml = v12(
            "<trans-unit id=\"1\"><source>x &amp; k</source><target>x &amp; ক</target></trans-unit>",
        );
        let docs = read_xliff(&xml);
        let t = docs[0].units[0].target.as_ref().unwrap();
        assert_eq!(t.text, "x & ক");
        let k = t.text.find('ক').unwrap();
        assert_eq!(
            t.position(k, Charset::Utf8),
            raw_position(&xml, nth(&xml, "ক", 0))
        );
        assert_monotonic(t, &xml);
    }

    #[test]
    fn inline_codes_of_xliff_12() {
        let xml = v12(
            "<trans-unit id=\"1\"><source>a</source><target>এক <g id=\"1\">দুই</g> <x id=\"2\"/>\
             <bx id=\"3\"/>তিন<ex id=\"4\" rid=\"3\"/> <ph id=\"5\">&lt;br/&gt;</ph> \
             <bpt id=\"6\">&lt;b&gt;</bpt>চার<ept id=\"6\">&lt;/b&gt;</ept> <it id=\"7\" pos=\"open\">&lt;i&gt;</it>\
             <mrk mtype=\"term\" mid=\"8\">পাঁচ</mrk> <mrk mtype=\"seg\" mid=\"9\">ছয়</mrk>\
             <![CDATA[<সাত>]]> &#x9BE;&#2494;<!-- a comment --> আট</target></trans-unit>",
        );
        let docs = read_xliff(&xml);
        let t = docs[0].units[0].target.as_ref().unwrap();
        assert_eq!(
            t.text,
            "এক \u{FFFC}দুই\u{FFFC} \u{FFFC}\u{FFFC}তিন\u{FFFC} \u{FFFC} \u{FFFC}চার\u{FFFC} \u{FFFC}\u{FFFC}পাঁচ\u{FFFC} ছয়<সাত> াা আট"
        );
        let summary: Vec<(&str, Option<&str>, CodeRole, Option<&str>)> = t
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
            summary,
            [
                ("g", Some("1"), Open, None),
                ("g", Some("1"), Close, None),
                ("x", Some("2"), Standalone, None),
                ("bx", Some("3"), Open, None),
                ("ex", Some("3"), Close, None),
                ("ph", Some("5"), Standalone, Some("<br/>")),
                ("bpt", Some("6"), Open, Some("<b>")),
                ("ept", Some("6"), Close, Some("</b>")),
                ("it", Some("7"), Open, Some("<i>")),
                ("mrk", Some("8"), Open, None),
                ("mrk", Some("8"), Close, None),
            ]
        );
        for c in &t.codes {
            assert_eq!(&t.text[c.offset..c.offset + CODE.len_utf8()], "\u{FFFC}");
        }
        // Every code maps to its tag's `<`; text after a tag, a CDATA section, a character
        // reference and a comment maps to the file.
        let tags = [
            "<g id",
            "</g>",
            "<x id",
            "<bx",
            "<ex",
            "<ph",
            "<bpt",
            "<ept",
            "<it",
            "<mrk mtype=\"term\"",
            "</mrk>",
        ];
        for (c, tag) in t.codes.iter().zip(tags) {
            let want = raw_position(&xml, nth(&xml, tag, 0));
            assert_eq!(t.position(c.offset, Charset::Utf8), want, "{tag}");
        }
        for (needle, raw) in [
            ("দুই", "দুই"),
            ("চার", "চার"),
            ("ছয়", "ছয়"),
            ("<সাত>", "<সাত>"),
            ("াা", "&#x9BE;"),
            ("আট", "আট"),
        ] {
            let i = t.text.find(needle).unwrap();
            assert_eq!(
                t.position(i, Charset::Utf8),
                raw_position(&xml, nth(&xml, raw, 0)),
                "{needle}"
            );
        }
        let second = t.text.rfind('া').unwrap();
        assert_eq!(
            t.position(second, Charset::Utf8).offset,
            nth(&xml, "&#2494;", 0)
        );
        assert_monotonic(t, &xml);
    }

    #[test]
    fn states_translate_groups_and_limits() {
        let units = [
            ("a", "", "<target>t</target>", None),
            ("b", "", "", Some(Skip::NoTarget)),
            ("c", "", "<target> </target>", Some(Skip::NoTarget)),
            (
                "d",
                "",
                "<target state=\"new\">t</target>",
                Some(Skip::NoTarget),
            ),
            (
                "e",
                "",
                "<target state=\"needs-translation\">t</target>",
                Some(Skip::NoTarget),
            ),
            (
                "f",
                "",
                "<target state=\"needs-review-translation\">t</target>",
                Some(Skip::Fuzzy),
            ),
            (
                "g",
                "",
                "<target state=\"needs-l10n\">t</target>",
                Some(Skip::Fuzzy),
            ),
            (
                "h",
                "",
                "<target state=\"needs-adaptation\">t</target>",
                None,
            ),
            ("i", "", "<target state=\"translated\">t</target>", None),
            (
                "j",
                "",
                "<target state=\"signed-off\">t</target>",
                Some(Skip::Locked),
            ),
            (
                "k",
                "approved=\"yes\"",
                "<target state=\"final\">t</target>",
                Some(Skip::Locked),
            ),
            ("l", "approved=\"yes\"", "<target>t</target>", None),
            (
                "m",
                "translate=\"no\"",
                "<target>t</target>",
                Some(Skip::NotToTranslate),
            ),
        ];
        let body: String = units
            .iter()
            .map(|(id, attrs, target, _)| {
                format!("<trans-unit id=\"{id}\" {attrs}><source>s</source>{target}</trans-unit>\n")
            })
            .collect();
        let docs = read_xliff(&v12(&body));
        let got: Vec<(&str, Option<Skip>)> = docs[0]
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.skip))
            .collect();
        let want: Vec<(&str, Option<Skip>)> = units.iter().map(|u| (u.0, u.3)).collect();
        assert_eq!(got, want);

        let body = "<group translate=\"no\"><group><trans-unit id=\"n\"><source>s</source><target>t</target></trans-unit>\
                    <trans-unit id=\"o\" translate=\"yes\"><source>s</source><target>t</target></trans-unit></group></group>\
                    <trans-unit id=\"p\" maxwidth=\"10\" size-unit=\"char\"><source>s</source><target>t</target>\
                    <alt-trans><target>not this</target></alt-trans><note>mtqc-ignore: bn.repeated-word ok</note></trans-unit>\
                    <trans-unit id=\"q\" maxwidth=\"10\"><source>s</source><target>t</target></trans-unit>\
                    <trans-unit id=\"r\" maxbytes=\"20\"><source>s</source><target>t</target></trans-unit>";
        let docs = read_xliff(&v12(body));
        let u = &docs[0].units;
        assert_eq!(u[0].skip, Some(Skip::NotToTranslate));
        assert_eq!(u[1].skip, None);
        assert_eq!(u[2].skip, None, "the group's translate=no ended with it");
        assert_eq!(
            u[2].max_length,
            Some(MaxLength {
                max: 10,
                unit: LengthUnit::Chars
            })
        );
        assert_eq!(u[2].target.as_ref().unwrap().text, "t");
        assert_eq!(
            u[2].ignore,
            [("bn.repeated-word".to_string(), "ok".to_string())]
        );
        assert_eq!(u[3].max_length, None, "pixels");
        assert_eq!(
            u[4].max_length,
            Some(MaxLength {
                max: 20,
                unit: LengthUnit::Bytes
            })
        );
    }

    /// A version mtqc does not read is an error, not a file whose units are all passed over;
    /// without the attribute, a root with XLIFF 2's languages is read as 2.x.
    #[test]
    fn an_unknown_version_is_an_error_and_a_missing_one_is_inferred() {
        let unit2 = "<file id=\"f\"><unit id=\"u\"><segment><source>Erase 5</source>\
            <target>মুছে 6</target></segment></unit></file></xliff>";
        let three = format!("<xliff version=\"3.0\" srcLang=\"en\" trgLang=\"bn\">{unit2}");
        let err = read(&Source::new("t.xlf", &three), &ReadOptions::default()).unwrap_err();
        assert!(err.to_string().contains("version `3.0`"), "{err}");
        let bare = format!("<xliff srcLang=\"en\" trgLang=\"bn\">{unit2}");
        let docs = read_xliff(&bare);
        assert_eq!(docs.iter().map(|d| d.units.len()).sum::<usize>(), 1);
    }

    #[test]
    fn files_in_two_target_languages_give_two_documents() {
        let xml = "<xliff version=\"1.2\">\
            <file source-language=\"en\" target-language=\"bn\"><body><trans-unit id=\"1\"><source>a</source><target>ক</target></trans-unit></body></file>\
            <file source-language=\"en\" target-language=\"hi\"><body><trans-unit id=\"2\"><source>a</source><target>क</target></trans-unit></body></file>\
            <file source-language=\"en\" target-language=\"bn\"><body><trans-unit id=\"3\"><source>b</source><target>খ</target></trans-unit></body></file>\
            </xliff>";
        let docs = read_xliff(xml);
        let got: Vec<(Option<&str>, Vec<&str>)> = docs
            .iter()
            .map(|d| {
                (
                    d.info.target_language.as_deref(),
                    d.units.iter().map(|u| u.id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(got, [(Some("bn"), vec!["1", "3"]), (Some("hi"), vec!["2"])]);
        let empty = read_xliff(
            "<xliff version=\"1.2\"><file target-language=\"bn\"><body/></file></xliff>",
        );
        assert_eq!(empty.len(), 1);
        assert!(empty[0].units.is_empty());
    }

    #[test]
    fn xliff_2_codes_states_and_limits() {
        let xml = "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" xmlns:slr=\"urn:oasis:names:tc:xliff:sizerestriction:2.0\" version=\"2.0\" srcLang=\"en\" trgLang=\"bn\">\
            <file id=\"f\"><slr:profiles generalProfile=\"xliff:codepoints\" storageProfile=\"xliff:utf8\"/>\
            <unit id=\"u1\" slr:sizeRestriction=\"30\"><notes><note>mtqc-ignore: common.doubled-space two spaces</note></notes>\
            <originalData><data id=\"d1\">&lt;b&gt;</data><data id=\"d2\">&lt;/b&gt;</data></originalData>\
            <segment id=\"s1\" state=\"translated\"><source><pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">Bold</pc></source>\
            <target><pc id=\"1\" dataRefStart=\"d1\" dataRefEnd=\"d2\">মোটা</pc> <sc id=\"2\"/>এক<ec startRef=\"2\"/> <sm id=\"m\"/>দুই<em startRef=\"m\"/> <mrk id=\"3\" translate=\"no\">তিন</mrk><cp hex=\"0001\"/></target></segment>\
            <ignorable><source> </source></ignorable>\
            <segment state=\"final\"><source>x</source><target>চার</target></segment></unit>\
            <group translate=\"no\"><unit id=\"u2\"><segment><source>x</source><target>y</target></segment></unit></group>\
            <unit id=\"u3\" slr:storageRestriction=\"9\"><segment><source>x</source><target></target></segment></unit>\
            </file></xliff>";
        let docs = read_xliff(xml);
        let units = &docs[0].units;
        let ids: Vec<&str> = units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["u1#s1", "u1#2", "u2", "u3"]);
        let t = units[0].target.as_ref().unwrap();
        assert_eq!(
            t.text,
            "\u{FFFC}মোটা\u{FFFC} \u{FFFC}এক\u{FFFC} \u{FFFC}দুই\u{FFFC} \u{FFFC}তিন\u{FFFC}\u{1}"
        );
        let kinds: Vec<(&str, Option<&str>, CodeRole, Option<&str>)> = t
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
            kinds,
            [
                ("pc", Some("1"), Open, Some("<b>")),
                ("pc", Some("1"), Close, Some("</b>")),
                ("sc", Some("2"), Open, None),
                ("ec", Some("2"), Close, None),
                ("sm", Some("m"), Open, None),
                ("em", Some("m"), Close, None),
                ("mrk", Some("3"), Open, None),
                ("mrk", Some("3"), Close, None),
            ]
        );
        assert_eq!(units[0].skip, None);
        assert_eq!(
            units[0].max_length,
            Some(MaxLength {
                max: 30,
                unit: LengthUnit::Chars
            })
        );
        assert_eq!(units[0].ignore.len(), 1);
        assert_eq!(units[1].skip, Some(Skip::Locked));
        assert_eq!(
            units[1].notes, units[0].notes,
            "the unit's notes are every segment's"
        );
        assert_eq!(units[2].skip, Some(Skip::NotToTranslate));
        assert_eq!(units[3].skip, Some(Skip::NoTarget));
        assert_eq!(
            units[3].max_length,
            Some(MaxLength {
                max: 9,
                unit: LengthUnit::Bytes
            }),
            "a storage restriction in UTF-8 bytes"
        );
        assert_monotonic(t, xml);
    }

    #[test]
    fn errors() {
        for (xml, want) in [
            (
                "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source><target>&nbsp;</target>",
                "t.xlf:1:",
            ),
            (
                "<xliff version=\"1.2\">\n<file>\n<body>\n<trans-unit id=\"1\"><source>a</target>",
                "t.xlf:4:",
            ),
            ("<html/>", "t.xlf:1:1: not an XLIFF document"),
            ("  ", "t.xlf:1:3: no XML root element"),
        ] {
            let e = read(&Source::new("t.xlf", xml), &ReadOptions::default()).unwrap_err();
            assert!(e.message.starts_with(want), "{xml}: {e}");
        }
    }
}
