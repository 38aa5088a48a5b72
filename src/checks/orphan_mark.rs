//! `orphan-mark`: combining marks that cannot be right.
//!
//! - `mode = "orphan"`: a combining mark with no base: at the start of the paragraph or after
//!   whitespace or punctuation (`দৃ solid ়`). Marks after a joiner (`র‍্য`) are attached.
//! - `mode = "doubled-mark"`: the same mark twice in a row after canonical decomposition
//!   (`আমাার`, `দৃঢ়়`, where `ঢ়` already ends in a nukta).
//! - `mode = "doubled-cluster"`: a virama + consonant sequence written twice (`ব্য্যা`), for
//!   the consonants the pack names (`letters`); the virama is any character of canonical
//!   combining class 9.

use serde::Deserialize;
use unicode_normalization::char::{canonical_combining_class, decompose_canonical};
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use super::{BuildError, Check, Context, Hit};
use crate::text::script::{VIRAMA_CLASS, is_joiner, is_letter, is_mark, is_variation_selector};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    mode: Mode,
    /// With `mode = "doubled-cluster"`: the consonants whose doubled virama form is an error.
    /// Which ones is a fact of the orthography (Bengali ya-, ra-, ba-, ma-phala), so the
    /// pack names them; a geminate such as Tamil `ய்ச்ச` has the same code point shape.
    #[serde(default)]
    letters: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    Orphan,
    DoubledMark,
    DoubledCluster,
}

#[derive(Debug)]
pub struct OrphanMark {
    mode: Mode,
    letters: Vec<char>,
}

pub fn build(o: Options) -> Result<OrphanMark, BuildError> {
    let mut letters = Vec::new();
    for l in &o.letters {
        let mut it = l.chars();
        match (it.next(), it.next()) {
            (Some(c), None) if is_letter(c) => letters.push(c),
            _ => {
                return Err(BuildError::new(format!(
                    "`letters`: `{l}` is not one letter"
                )));
            }
        }
    }
    if o.mode == Mode::DoubledCluster && letters.is_empty() {
        return Err(BuildError::new(
            "`mode = \"doubled-cluster\"` needs `letters`",
        ));
    }
    Ok(OrphanMark {
        mode: o.mode,
        letters,
    })
}

fn is_judged_mark(c: char) -> bool {
    is_mark(c) && !is_variation_selector(c)
}

/// Characters after which a mark has nothing to attach to.
fn breaks_cluster(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Separator
        )
        || (c.is_control() && !is_joiner(c))
}

fn orphans(text: &str, out: &mut Vec<Hit>) {
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if is_judged_mark(c) && prev.is_none_or(breaks_cluster) {
            out.push(Hit::new(Span::new(i, i + c.len_utf8())));
        }
        prev = Some(c);
    }
}

/// Each character's canonical decomposition, with the byte span of the source character.
fn decomposed(text: &str) -> Vec<(char, Span)> {
    let mut out = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let span = Span::new(i, i + c.len_utf8());
        if c.is_ascii() {
            out.push((c, span));
        } else {
            decompose_canonical(c, |d| out.push((d, span)));
        }
    }
    out
}

fn doubled_marks(text: &str, out: &mut Vec<Hit>) {
    if text.is_ascii() {
        return;
    }
    // Compared as written (`োো`, whose decomposition alternates) and decomposed (`ঢ়়`).
    let written: Vec<(char, Span)> = text
        .char_indices()
        .map(|(i, c)| (c, Span::new(i, i + c.len_utf8())))
        .collect();
    let mut spans = doubled_runs(&written);
    spans.extend(doubled_runs(&decomposed(text)));
    spans.sort();
    spans.dedup_by(|b, a| b.start < a.end);
    out.extend(spans.into_iter().map(Hit::new));
}

/// Spans of runs of one mark repeated.
fn doubled_runs(chars: &[(char, Span)]) -> Vec<Span> {
    let mut out = Vec::new();
    let mut k = 1;
    while k < chars.len() {
        let (c, span) = chars[k];
        if c == chars[k - 1].0 && is_judged_mark(c) {
            let start = chars[k - 1].1.start;
            let mut end = span.end;
            while k + 1 < chars.len() && chars[k + 1].0 == c {
                k += 1;
                end = chars[k].1.end;
            }
            if start < end {
                out.push(Span::new(start, end));
            }
        }
        k += 1;
    }
    out
}

fn doubled_clusters(text: &str, letters: &[char], out: &mut Vec<Hit>) {
    if text.is_ascii() {
        return;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut k = 0;
    while k + 3 < chars.len() {
        let (i, v) = chars[k];
        let c = chars[k + 1].1;
        if canonical_combining_class(v) == VIRAMA_CLASS
            && letters.contains(&c)
            && chars[k + 2].1 == v
            && chars[k + 3].1 == c
        {
            let end = chars[k + 3].0 + c.len_utf8();
            // Start the span at the base the first cluster hangs on, when there is one.
            let start = if k > 0 && is_letter(chars[k - 1].1) {
                chars[k - 1].0
            } else {
                i
            };
            out.push(Hit::new(Span::new(start, end)).suggest(format!("{}{v}{c}", &text[start..i])));
            k += 4;
        } else {
            k += 1;
        }
    }
}

impl Check for OrphanMark {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        match self.mode {
            Mode::Orphan => orphans(p.text, out),
            Mode::DoubledMark => doubled_marks(p.text, out),
            Mode::DoubledCluster => doubled_clusters(p.text, &self.letters, out),
        }
    }
}
