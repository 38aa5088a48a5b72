//! Bilingual term lists a team gives mtqc (`--glossary FILE`, `glossary = [...]` in
//! `mtqc.toml`): for each source term, the target terms that translate it, or none for a term
//! not to translate. Read from TSV (`source<TAB>target|target…`, a `#` line is a comment, an
//! empty target or `=` means "do not translate") or TBX-Basic (`termEntry` / `langSet
//! xml:lang` / `tig` / `term`; a term whose `administrativeStatus` is `deprecatedTerm-admn-sts`
//! or `supersededTerm-admn-sts` is not accepted).

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::error::{Error, display_path};

/// One entry: a source term and what it must become.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The source term, lowercase NFC.
    pub source: String,
    /// Accepted target terms, NFC; empty for a term not to translate (it must appear as is).
    pub targets: Vec<String>,
    /// `file:line` of the entry.
    pub origin: String,
}

impl Term {
    pub fn do_not_translate(&self) -> bool {
        self.targets.is_empty()
    }
}

/// The terms of every glossary given, for one target language (TBX entries of other
/// languages are left out when the language is known).
#[derive(Debug, Clone, Default)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Read a glossary file (TSV by default, TBX by its `.tbx` extension).
    pub fn load(path: &Path) -> Result<Glossary, Error> {
        let name = display_path(path);
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::usage(format!("{name}: cannot read the glossary: {e}")))?;
        parse_tsv(&name, &text)
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

/// TSV: `source<TAB>target|target…`; a header row whose first cell is `source` or `term` is
/// skipped.
pub fn parse_tsv(name: &str, text: &str) -> Result<Glossary, Error> {
    let mut terms = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let mut cells = line.split('\t');
        let source = norm(cells.next().unwrap_or(""));
        let target = cells.next().map(norm);
        if i == 0 && matches!(source.to_lowercase().as_str(), "source" | "term" | "src") {
            continue;
        }
        if source.is_empty() {
            return Err(Error::usage(format!(
                "{name}:{}:1: a glossary line needs a source term",
                i + 1
            )));
        }
        let targets: Vec<String> = match target.as_deref() {
            None | Some("") | Some("=") => Vec::new(),
            Some(t) => t
                .split(['|', ';'])
                .map(norm)
                .filter(|t| !t.is_empty())
                .collect(),
        };
        terms.push(Term {
            source: source.to_lowercase(),
            targets,
            origin: format!("{name}:{}", i + 1),
        });
    }
    Ok(Glossary { terms })
}

impl Glossary {
    /// The entries for documents in `language`: TBX targets of that language only (TSV
    /// targets carry no language and always apply). An entry with targets in other languages
    /// only is left out.
    pub fn for_language(&self, language: &str) -> Glossary {
        let mut terms = Vec::new();
        for t in &self.terms {
            let tagged = t.targets.iter().any(|x| x.contains('\u{1}'));
            if !tagged {
                terms.push(t.clone());
                continue;
            }
            let targets: Vec<String> = t
                .targets
                .iter()
                .filter_map(|x| x.split_once('\u{1}'))
                .filter(|(l, _)| crate::lang::normalise(l).is_ok_and(|l| l == language))
                .map(|(_, x)| x.to_string())
                .collect();
            if !targets.is_empty() {
                terms.push(Term {
                    targets,
                    ..t.clone()
                });
            }
        }
        Glossary { terms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_terms_and_do_not_translate() {
        let g = parse_tsv(
            "g.tsv",
            "source\ttarget\nHand sanitizer\tহ্যান্ড স্যানিটাইজার|জীবাণুনাশক\n# a note\nWHO\t=\n",
        )
        .unwrap();
        assert_eq!(g.terms.len(), 2);
        assert_eq!(g.terms[0].source, "hand sanitizer");
        assert_eq!(g.terms[0].targets.len(), 2);
        assert!(g.terms[1].do_not_translate());
        assert!(parse_tsv("g.tsv", "\tx\n").is_err());
    }
}
