//! TBX termbases, for glossaries (`--glossary terms.tbx`): TBX-Basic and TBX-Default in the
//! 2008 form (`martif` / `termEntry` / `langSet` / `tig` or `ntig`/`termGrp` / `term`) and the
//! TBX v3 form (`tbx` / `conceptEntry` / `langSec` / `termSec` / `term`). Every entry is a
//! concept with its terms per language; a term is not accepted when its
//! `<termNote type="administrativeStatus">` is `deprecatedTerm-admn-sts` or
//! `supersededTerm-admn-sts` (v3 also writes `deprecated`/`superseded`). Languages come from
//! `xml:lang` on the `langSet`/`langSec`; the document's own `xml:lang` is its source language.
//! The XML layer's guards hold (no DTD, no entity expansion, bounded depth).

use super::Locate;
use super::Source;
use super::xml::{Ev, Tag, Xml};
use crate::error::Error;

/// One concept: its terms, per language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// 1-based line of the entry's start tag.
    pub line: usize,
    /// `(language, term, accepted)` in document order.
    pub terms: Vec<(String, String, bool)>,
}

/// A termbase: its declared language (the root's `xml:lang`) and its entries.
#[derive(Debug, Clone, Default)]
pub struct Termbase {
    pub language: Option<String>,
    pub entries: Vec<Entry>,
}

pub fn read(src: &Source) -> Result<Termbase, Error> {
    let mut xml = Xml::new(src);
    let root = xml.root_named(&["martif", "tbx"], "a TBX termbase")?;
    let mut base = Termbase {
        language: root.attr("xml:lang").map(str::to_string),
        entries: Vec::new(),
    };
    if root.empty {
        return Ok(base);
    }
    loop {
        match xml.next()? {
            Ev::Eof => break,
            Ev::Start(t) if t.local == "termEntry" || t.local == "conceptEntry" => {
                let line = Locate::pos(&mut xml, t.start).line;
                let mut entry = Entry {
                    line,
                    terms: Vec::new(),
                };
                concept(&mut xml, &t, &mut entry)?;
                if !entry.terms.is_empty() {
                    base.entries.push(entry);
                }
            }
            // The header, `text` and `body` hold the entries; anything else is passed over.
            Ev::Start(t) if t.local == "text" || t.local == "body" => {}
            Ev::Start(t) if t.empty => {
                xml.next()?;
            }
            Ev::Start(t) => xml.skip(&t)?,
            _ => {}
        }
    }
    Ok(base)
}

/// The rest of a concept entry whose start tag was just read.
fn concept(xml: &mut Xml, entry_tag: &Tag, entry: &mut Entry) -> Result<(), Error> {
    let mut language: Option<String> = None;
    let mut depth = 1usize;
    // The term being read and whether it is accepted; written out when its term section ends.
    let mut term: Option<(String, bool)> = None;
    let mut section_depth: Option<usize> = None;
    loop {
        match xml.next()? {
            Ev::Start(t) => {
                depth += 1;
                match t.local.as_str() {
                    "langSet" | "langSec" => language = t.attr("xml:lang").map(str::to_string),
                    "tig" | "ntig" | "termSec" => {
                        section_depth = Some(depth);
                        term = None;
                    }
                    "term" => {
                        let text = xml.plain_text(&t)?;
                        depth -= 1;
                        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                        if section_depth.is_some() {
                            term = Some((text, true));
                        } else if let Some(l) = &language {
                            // A bare term in a language section (no term section around it).
                            push(entry, l, text, true);
                        }
                    }
                    "termNote" if t.attr("type") == Some("administrativeStatus") => {
                        let status = xml.plain_text(&t)?;
                        depth -= 1;
                        if let Some((_, accepted)) = &mut term {
                            *accepted &= !is_rejected(status.trim());
                        }
                    }
                    _ if t.empty => {
                        xml.next()?;
                        depth -= 1;
                    }
                    _ => {}
                }
            }
            Ev::End(_) => {
                if section_depth == Some(depth) {
                    section_depth = None;
                    if let (Some((text, accepted)), Some(l)) = (term.take(), &language) {
                        push(entry, l, text, accepted);
                    }
                }
                depth -= 1;
                if depth == 0 {
                    return Ok(());
                }
            }
            Ev::Eof => {
                return Err(xml.error(
                    entry_tag.start,
                    format!("<{}> is not closed", entry_tag.local),
                ));
            }
            _ => {}
        }
    }
}

fn push(entry: &mut Entry, language: &str, term: String, accepted: bool) {
    if !term.is_empty() {
        entry.terms.push((language.to_string(), term, accepted));
    }
}

fn is_rejected(status: &str) -> bool {
    matches!(
        status,
        "deprecatedTerm-admn-sts" | "supersededTerm-admn-sts" | "deprecated" | "superseded"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Termbase, Error> {
        read(&Source::new("t.tbx", text))
    }

    #[test]
    fn tbx_basic_entries_with_their_statuses() {
        let base = read_str(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en">
  <martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="subjectField">health</descrip>
      <langSet xml:lang="en"><tig><term>hand sanitizer</term></tig></langSet>
      <langSet xml:lang="bn">
        <tig><term>হ্যান্ড স্যানিটাইজার</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>হাত &amp; জীবাণুনাশক</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
    <termEntry id="c2"><langSet xml:lang="en"><ntig><termGrp><term>WHO</term></termGrp></ntig></langSet></termEntry>
  </body></text>
</martif>"#,
        )
        .unwrap();
        assert_eq!(base.language.as_deref(), Some("en"));
        assert_eq!(base.entries.len(), 2);
        assert_eq!(base.entries[0].line, 5);
        assert_eq!(
            base.entries[0].terms,
            [
                ("en".into(), "hand sanitizer".into(), true),
                ("bn".into(), "হ্যান্ড স্যানিটাইজার".into(), true),
                ("bn".into(), "হাত & জীবাণুনাশক".into(), false),
            ]
        );
        assert_eq!(base.entries[1].terms, [("en".into(), "WHO".into(), true)]);
    }

    #[test]
    fn tbx_v3_concepts() {
        let base = read_str(
            r#"<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
<text><body><conceptEntry id="1">
  <langSec xml:lang="en"><termSec><term>vaccine</term></termSec></langSec>
  <langSec xml:lang="hi"><termSec><term>टीका</term></termSec>
    <termSec><term>वैक्सीन</term><termNote type="administrativeStatus">superseded</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>"#,
        )
        .unwrap();
        assert_eq!(
            base.entries[0].terms,
            [
                ("en".into(), "vaccine".into(), true),
                ("hi".into(), "टीका".into(), true),
                ("hi".into(), "वैक्सीन".into(), false),
            ]
        );
    }

    #[test]
    fn other_documents_and_bad_xml_are_errors_with_a_place() {
        let e = read_str("<xliff version=\"1.2\"/>")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("t.tbx:1:1") && e.contains("not a TBX termbase"),
            "{e}"
        );
        let e = read_str("<martif><text><body><termEntry>")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.tbx:1:"), "{e}");
        let e = read_str("<!DOCTYPE martif [<!ENTITY x \"y\">]><martif/>")
            .unwrap_err()
            .to_string();
        assert!(e.contains("t.tbx:1:"), "{e}");
    }
}
