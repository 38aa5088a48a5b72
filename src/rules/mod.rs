//! Rule INSTANCES: packs of TOML rule files, embedded in the binary or read from disk.

pub mod examples;
mod fields;
mod load;

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::checks::Check;

pub use fields::struct_fields;
pub use load::{load_dir, load_embedded, load_pack_sources};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Major, Severity::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// MQM Core top-level dimensions a rule's `category` must start with.
pub const MQM_DIMENSIONS: &[&str] = &[
    "terminology",
    "accuracy",
    "linguistic",
    "style",
    "locale",
    "audience",
    "design",
];

/// One example of a rule: text it must flag (at each of `flags`) or must leave alone.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<Vec<String>>,
}

impl Example {
    pub fn fires(&self) -> bool {
        self.flags.as_ref().is_some_and(|f| !f.is_empty())
    }
}

/// How a source word is written (see `Lexicon::source_word`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceCase {
    Lower,
    Capitalised,
}

/// Language data a pack shares with all its rules.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lexicon {
    /// Inflection endings (case, number, definiteness): `রাশিয়ার` is `রাশিয়া` + `র`.
    #[serde(default)]
    pub endings: Vec<String>,
    /// Frequent words of the usual source language (`the`, `however`, `a`), lowercase: never
    /// names or units, so a lone one in a translation was left untranslated.
    #[serde(default)]
    pub source_words: Vec<String>,
    /// Words that repeat by grammar (`ধীরে ধীরে`, `धीरे-धीरे`): never a stutter.
    #[serde(default)]
    pub reduplicated: Vec<String>,
    /// Regexes of words that repeat by grammar (participles: `কাঁদতে কাঁদতে`), matched on the
    /// word in NFC.
    #[serde(default)]
    pub reduplication: Vec<String>,
    /// Coordinating conjunctions (`ও`, `और`, `и`): `X and X` coordinates a word with itself.
    #[serde(default)]
    pub conjunctions: Vec<String>,
    /// Negations that make `X and not X` an antonym pair.
    #[serde(default)]
    pub negations: Vec<String>,
    /// Numbers written as words, with their value (`তিন` = 3, `three` = 3).
    #[serde(default)]
    pub number_words: std::collections::BTreeMap<String, f64>,
    /// Words that multiply the number before them (`লাখ` = 100000, `million` = 1000000).
    #[serde(default)]
    pub number_scales: std::collections::BTreeMap<String, f64>,
}

impl Lexicon {
    /// Split a word into stem and ending, taking the longest ending that leaves a stem of at
    /// least `min_stem` characters. Endings are tried longest first.
    pub fn split_ending<'w>(&self, word: &'w str, min_stem: usize) -> (&'w str, &'w str) {
        let mut best: (&str, &str) = (word, "");
        let Some(&last) = word.as_bytes().last() else {
            return best;
        };
        for e in &self.endings {
            // The last byte first: most endings fail there, without a call to memcmp.
            if e.as_bytes().last() == Some(&last)
                && e.len() > best.1.len()
                && let Some(stem) = word.strip_suffix(e.as_str())
                && stem.chars().count() >= min_stem
            {
                best = (stem, &word[stem.len()..]);
            }
        }
        best
    }

    /// Add another pack's data.
    pub fn merge(&mut self, other: &Lexicon) {
        for e in &other.endings {
            if !self.endings.contains(e) {
                self.endings.push(e.clone());
            }
        }
        for w in &other.source_words {
            if let Err(at) = self.source_words.binary_search(w) {
                self.source_words.insert(at, w.clone());
            }
        }
        for (mine, theirs) in [
            (&mut self.reduplicated, &other.reduplicated),
            (&mut self.reduplication, &other.reduplication),
            (&mut self.conjunctions, &other.conjunctions),
            (&mut self.negations, &other.negations),
        ] {
            for w in theirs {
                if !mine.contains(w) {
                    mine.push(w.clone());
                }
            }
        }
        for (w, v) in &other.number_words {
            self.number_words.entry(w.clone()).or_insert(*v);
        }
        for (w, v) in &other.number_scales {
            self.number_scales.entry(w.clone()).or_insert(*v);
        }
    }

    pub fn is_ending(&self, s: &str) -> bool {
        self.endings.iter().any(|e| e == s)
    }

    /// How `word` stands as a source word: `Lower` (`which`), `Capitalised` (`However`: a
    /// capital, then lowercase letters, two letters at least), or `None`: not a source word,
    /// or written as one never is in running text (`A` is a grade or a vitamin, `IT` an
    /// acronym).
    pub fn source_word(&self, word: &str) -> Option<SourceCase> {
        if self.source_words.is_empty() {
            return None;
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        let rest_lower = chars.clone().all(char::is_lowercase);
        let case = if first.is_lowercase() && rest_lower {
            SourceCase::Lower
        } else if first.is_uppercase() && rest_lower && chars.next().is_some() {
            SourceCase::Capitalised
        } else {
            return None;
        };
        self.source_words
            .binary_search(&word.to_lowercase())
            .is_ok()
            .then_some(case)
    }
}

/// A pack's identity.
#[derive(Debug, Clone, Serialize)]
pub struct PackInfo {
    pub id: String,
    pub version: String,
    /// Languages the pack applies to; `*` for every language.
    pub languages: Vec<String>,
    pub description: String,
    /// Where it came from: `embedded` or a directory.
    pub origin: String,
}

impl PackInfo {
    pub fn applies_to(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == "*" || l == language)
    }
}

/// A compiled rule instance.
#[derive(Debug)]
pub struct Rule {
    /// Pack-qualified id, e.g. `bn.duplicated-attribution`.
    pub id: String,
    pub pack: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub category: String,
    pub message: String,
    pub doc: String,
    pub examples: Vec<Example>,
    /// `file:line` of the rule's definition.
    pub origin: String,
    pub check: Box<dyn Check>,
}

#[derive(Debug)]
pub struct Pack {
    pub info: PackInfo,
    pub lexicon: Lexicon,
    pub rules: Vec<Rule>,
}
