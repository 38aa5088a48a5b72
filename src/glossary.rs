//! Bilingual term lists a team gives mtqc (`--glossary FILE`, `glossary = [...]` in
//! `mtqc.toml`): for each source term, the target terms that translate it, or none for a term
//! not to translate. Read from TSV (`source<TAB>target|target…`, a `#` line is a comment, an
//! empty target or `=` means "do not translate"; its targets apply to every target language)
//! or, by the `.tbx` extension, a TBX termbase (`input::readers::tbx`): each concept's terms in
//! the source language (the run's source language, else the termbase's `xml:lang`, else
//! English) against its accepted terms in the document's language.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, display_path};
use crate::input::readers::{Source, tbx};

/// One entry: a source term and what it must become.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The source term, lowercase NFC.
    pub source: String,
    /// The source term as written, NFC (`WHO`).
    pub written: String,
    /// Accepted target terms, NFC; empty for a term not to translate (it must appear as is).
    pub targets: Vec<String>,
    /// `file:line` of the entry.
    pub origin: String,
    /// The language of the targets (a TBX language section); `None` for every language (TSV).
    pub language: Option<String>,
}

impl Term {
    pub fn do_not_translate(&self) -> bool {
        self.targets.is_empty()
    }

    /// An acronym (`WHO`, `IT`: two letters or more, all capitals) is matched in its case only,
    /// so `who` and `it` are no occurrence of it.
    pub fn acronym(&self) -> bool {
        is_acronym(&self.written)
    }
}

/// The terms of every glossary given; `for_language` keeps those for one target language.
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Read a glossary file (UTF-8, or UTF-16 with a byte-order mark): TBX by its `.tbx`
    /// extension or by its markup (its source terms are those of `source_language`, else of
    /// the termbase's own language, else English), else TSV.
    pub fn load(path: &Path, source_language: Option<&str>) -> Result<Glossary, Error> {
        let name = display_path(path);
        let text = crate::input::read_bounded_text(path)
            .map_err(|e| Error::usage(format!("{name}: cannot read the glossary: {e}")))?;
        // An XML file under another name (`terms.xml`) is read as TBX, which names what it
        // lacks if it is no termbase, rather than as TSV lines of markup that match nothing.
        if path
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("tbx"))
            || text.trim_start().starts_with('<')
        {
            let base = tbx::read(&Source::new(&name, &text))?;
            Ok(from_termbase(&name, base, source_language))
        } else {
            parse_tsv(&name, &text)
        }
    }

    pub fn extend(&mut self, other: Glossary) {
        self.terms.extend(other.terms);
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

fn norm(s: &str) -> String {
    s.trim().nfc().collect()
}

/// TSV: `source<TAB>target|target…`; lines of one source term add targets to it; a header row
/// (first cell `source`, `term` or `src`, or two language tags such as `en<TAB>bn`) is
/// skipped.
pub fn parse_tsv(name: &str, text: &str) -> Result<Glossary, Error> {
    let mut terms: Vec<Term> = Vec::new();
    // Lines read as entries; of them, those with a tab, and those with a comma or semicolon.
    let (mut entries, mut tabbed, mut comma) = (0, 0, 0);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut cells = line.split('\t');
        let source = norm(cells.next().unwrap_or(""));
        let target = cells.next().map(norm);
        let tag = |s: &str| s.len() <= 8 && crate::lang::normalise(s).is_ok();
        let header = matches!(source.to_lowercase().as_str(), "source" | "term" | "src")
            || (tag(&source) && target.as_deref().is_some_and(tag));
        if i == 0 && header {
            continue;
        }
        if source.is_empty() {
            return Err(Error::usage(format!(
                "{name}:{}:1: a glossary line needs a source term",
                i + 1
            )));
        }
        entries += 1;
        tabbed += usize::from(target.is_some());
        comma += usize::from(line.contains([',', ';']));
        let targets: Vec<String> = match target.as_deref() {
            None | Some("") | Some("=") => Vec::new(),
            Some(t) => t
                .split(['|', ';'])
                .map(norm)
                .filter(|t| !t.is_empty())
                .collect(),
        };
        let written = norm(&source);
        let source = source.to_lowercase();
        // Entries of one term in two cases are one (`Hand sanitizer`, `hand sanitizer`); an
        // acronym only in its own case (`WHO`, `who`).
        match terms.iter_mut().find(|t| {
            if is_acronym(&written) || t.acronym() {
                t.written == written
            } else {
                t.source == source
            }
        }) {
            Some(t) => {
                for x in targets {
                    if !t.targets.contains(&x) {
                        t.targets.push(x);
                    }
                }
            }
            None => terms.push(Term {
                source,
                written,
                targets,
                origin: format!("{name}:{}", i + 1),
                language: None,
            }),
        }
    }
    // Without a tab each line is a term not to translate; when every one holds a comma or a
    // semicolon, the file is a CSV whose targets would be lost, not such a list.
    if entries > 0 && tabbed == 0 && comma == entries {
        return Err(Error::usage(format!(
            "{name}: no line has a tab, and every line a comma or semicolon: a glossary is \
             `source<TAB>target` (TSV) or TBX, not CSV (a line without a tab is a term not to \
             translate)"
        )));
    }
    Ok(Glossary { terms })
}

/// Two letters or more, none small (`WHO`, `IT`).
fn is_acronym(term: &str) -> bool {
    term.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !term.chars().any(char::is_lowercase)
}

/// The language part of a tag, lowercase (`en-US` -> `en`).
fn primary(tag: &str) -> String {
    crate::lang::normalise(tag).unwrap_or_else(|_| {
        tag.split(['-', '_'])
            .next()
            .unwrap_or(tag)
            .to_ascii_lowercase()
    })
}

/// A termbase's entries as terms: one per concept and target language with an accepted term
/// there, for each of its source-language terms (a concept with no source term, or only
/// rejected targets, gives none).
fn from_termbase(name: &str, base: tbx::Termbase, source_language: Option<&str>) -> Glossary {
    let source = primary(source_language.or(base.language.as_deref()).unwrap_or("en"));
    let mut terms = Vec::new();
    for entry in base.entries {
        let sources: Vec<&str> = entry
            .terms
            .iter()
            .filter(|(l, _, accepted)| *accepted && primary(l) == source)
            .map(|(_, t, _)| t.as_str())
            .collect();
        let mut languages: Vec<String> = Vec::new();
        for (l, _, accepted) in &entry.terms {
            let l = primary(l);
            if *accepted && l != source && !languages.contains(&l) {
                languages.push(l);
            }
        }
        for language in languages {
            let targets: Vec<String> = entry
                .terms
                .iter()
                .filter(|(l, _, accepted)| *accepted && primary(l) == language)
                .map(|(_, t, _)| norm(t))
                .collect();
            for s in &sources {
                terms.push(Term {
                    source: norm(s).to_lowercase(),
                    written: norm(s),
                    targets: targets.clone(),
                    origin: format!("{name}:{}", entry.line),
                    language: Some(language.clone()),
                });
            }
        }
    }
    Glossary { terms }
}

impl Glossary {
    /// The entries for documents in `language`: TBX terms of that language and every TSV term.
    pub fn for_language(&self, language: &str) -> Glossary {
        Glossary {
            terms: self
                .terms
                .iter()
                .filter(|t| t.language.as_deref().is_none_or(|l| l == language))
                .cloned()
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_terms_and_do_not_translate() {
        let g = parse_tsv(
            "g.tsv",
            "en\tbn\nHand sanitizer\tহ্যান্ড স্যানিটাইজার\n# a note\nWHO\t=\nhand sanitizer\tজীবাণুনাশক\n",
        )
        .unwrap();
        assert_eq!(g.terms.len(), 2);
        assert_eq!(g.terms[0].source, "hand sanitizer");
        assert_eq!(g.terms[0].targets.len(), 2);
        assert!(g.terms[1].do_not_translate());
        assert!(parse_tsv("g.tsv", "\tx\n").is_err());
    }

    #[test]
    fn tbx_terms_per_target_language() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let path = dir.join("terms.tbx");
        std::fs::write(
            &path,
            r#"<martif type="TBX-Basic" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en-US"><tig><term>Hand  Sanitizer</term></tig></langSet>
<langSet xml:lang="bn"><tig><term>হ্যান্ড স্যানিটাইজার</term></tig></langSet>
<langSet xml:lang="hi"><tig><term>सैनिटाइज़र</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry></body></text></martif>"#,
        )
        .unwrap();
        let g = Glossary::load(&path, None).unwrap();
        assert_eq!(g.terms.len(), 1, "{g:?}");
        let bn = g.for_language("bn");
        assert_eq!(bn.terms[0].source, "hand sanitizer");
        assert_eq!(bn.terms[0].targets, ["হ্যান্ড স্যানিটাইজার"]);
        assert!(
            bn.terms[0].origin.ends_with("terms.tbx:2"),
            "{}",
            bn.terms[0].origin
        );
        // Hindi has only a deprecated term: nothing to hold a Hindi target to.
        assert!(g.for_language("hi").is_empty());
        // Read from the other side, the Bengali term is the source.
        let g = Glossary::load(&path, Some("bn")).unwrap();
        assert_eq!(g.for_language("en").terms[0].targets, ["Hand Sanitizer"]);
        // A TSV glossary applies to every language.
        let tsv = dir.join("g.tsv");
        std::fs::write(&tsv, "WHO\t=\n").unwrap();
        assert_eq!(
            Glossary::load(&tsv, None)
                .unwrap()
                .for_language("ta")
                .terms
                .len(),
            1
        );
    }
}
