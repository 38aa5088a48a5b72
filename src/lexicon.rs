//! Language data a pack shares with all its rules (inflection endings, source-language words,
//! reduplication, number words), merged over the packs active on a document.

use serde::Deserialize;

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
    /// Add another pack's data: linear in both (a set for what is there), whatever their
    /// sizes; endings stay longest first.
    pub fn merge(&mut self, other: &Lexicon) {
        let mut seen: std::collections::HashSet<&str> =
            self.endings.iter().map(String::as_str).collect();
        let new: Vec<String> = other
            .endings
            .iter()
            .filter(|e| seen.insert(e.as_str()))
            .cloned()
            .collect();
        if !new.is_empty() {
            self.endings.extend(new);
            self.endings
                .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        }
        if !other.source_words.is_empty() {
            self.source_words.extend(other.source_words.iter().cloned());
            self.source_words.sort();
            self.source_words.dedup();
        }
        for (mine, theirs) in [
            (&mut self.reduplicated, &other.reduplicated),
            (&mut self.reduplication, &other.reduplication),
            (&mut self.conjunctions, &other.conjunctions),
            (&mut self.negations, &other.negations),
        ] {
            let seen: std::collections::HashSet<&String> = mine.iter().collect();
            let new: Vec<String> = theirs
                .iter()
                .filter(|w| !seen.contains(w))
                .cloned()
                .collect();
            mine.extend(new);
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
