//! `consistency`: one name or term spelled two ways in one document (`কেসিএনএ` / `কেসিএএনএ`).
//!
//! Edit distance alone cannot tell a variant from another word one letter away (চিকিৎসা /
//! চিকিৎসক), so spellings are grouped by a key that forgives only what variants are made of:
//! inflection endings are stripped (the pack's `endings`, so `রাশিয়া` / `রাশিয়ার` is one
//! spelling), letters the pack lists as `confusables` (ন/ণ, শ/ষ/স) are folded together, and a
//! letter typed twice counts once. Within a group, the majority spelling (at least
//! `min_majority` occurrences, more than any other) is taken as right and each minority
//! spelling whose strsim similarity to it reaches `min_similarity` is flagged. With `window`,
//! only a variant within that many paragraphs of the majority spelling is flagged, so a file of
//! unrelated segments does not pit one translator against another.

use std::collections::{BTreeMap, HashMap};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::{BuildError, Check, Context, DocHit, Hit};
use crate::rules::Lexicon;
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Shortest stem judged, in characters.
    #[serde(default = "default_min_chars")]
    min_chars: usize,
    /// Fewest occurrences of the majority spelling.
    #[serde(default = "default_min_majority")]
    min_majority: usize,
    #[serde(default = "default_similarity")]
    min_similarity: f64,
    /// Groups of letters that spell one sound: the first of each group stands for all.
    #[serde(default)]
    confusables: Vec<Vec<String>>,
    /// A letter written twice in a row counts once (`এএ` = `এ`).
    #[serde(default = "default_true")]
    collapse_repeats: bool,
    /// Paragraphs between a variant and the nearest majority spelling (0 = whole document).
    #[serde(default)]
    window: usize,
    /// Most distinct stems remembered per document (bounded memory on huge inputs).
    #[serde(default = "default_max_stems")]
    max_stems: usize,
}

fn default_min_chars() -> usize {
    4
}
fn default_min_majority() -> usize {
    2
}
fn default_similarity() -> f64 {
    0.75
}
fn default_true() -> bool {
    true
}
fn default_max_stems() -> usize {
    200_000
}

#[derive(Debug)]
pub struct Consistency {
    min_chars: usize,
    min_majority: usize,
    min_similarity: f64,
    fold: HashMap<char, char>,
    collapse_repeats: bool,
    window: usize,
    max_stems: usize,
    lexicon: Lexicon,
}

pub fn build(o: Options, lexicon: &Lexicon) -> Result<Consistency, BuildError> {
    let mut fold = HashMap::new();
    for group in &o.confusables {
        let chars: Vec<char> = group
            .iter()
            .map(|s| {
                let n: String = s.nfc().collect();
                let mut it = n.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => Ok(c),
                    _ => Err(BuildError::new(format!(
                        "confusable `{s}` must be one character"
                    ))),
                }
            })
            .collect::<Result<_, _>>()?;
        if let Some(&first) = chars.first() {
            for &c in &chars[1..] {
                fold.insert(c, first);
            }
        }
    }
    if !(0.0..=1.0).contains(&o.min_similarity) {
        return Err(BuildError::new("`min_similarity` must lie between 0 and 1"));
    }
    Ok(Consistency {
        min_chars: o.min_chars,
        min_majority: o.min_majority.max(1),
        min_similarity: o.min_similarity,
        fold,
        collapse_repeats: o.collapse_repeats,
        window: o.window,
        max_stems: o.max_stems,
        lexicon: lexicon.clone(),
    })
}

/// Where one spelling occurs.
struct Occurrence {
    paragraph: usize,
    span: Span,
    ending: String,
}

impl Consistency {
    fn key(&self, stem: &str) -> String {
        let mut key = String::with_capacity(stem.len());
        let mut last = None;
        for c in stem.chars() {
            let f = *self.fold.get(&c).unwrap_or(&c);
            if !(self.collapse_repeats && last == Some(f)) {
                key.push(f);
            }
            last = Some(f);
        }
        key
    }
}

impl Check for Consistency {
    fn document(&self, ps: &[Analysis], ctx: &Context, out: &mut Vec<DocHit>) {
        // key -> spelling -> occurrences; BTreeMaps keep the output order stable.
        let mut groups: BTreeMap<String, BTreeMap<String, Vec<Occurrence>>> = BTreeMap::new();
        let mut stems = 0usize;
        for (i, p) in ps.iter().enumerate() {
            for w in p
                .words
                .iter()
                .filter(|w| w.is_letters() && w.script == ctx.script && !w.mixed_script)
            {
                let word: String = w.text(p.text).nfc().collect();
                let (stem, ending) = self.lexicon.split_ending(&word, 2);
                if stem.chars().count() < self.min_chars {
                    continue;
                }
                let key = self.key(stem);
                if !groups.contains_key(&key) {
                    if stems >= self.max_stems {
                        continue;
                    }
                    stems += 1;
                }
                groups
                    .entry(key)
                    .or_default()
                    .entry(stem.to_string())
                    .or_default()
                    .push(Occurrence {
                        paragraph: i,
                        span: w.span,
                        ending: ending.to_string(),
                    });
            }
        }
        for spellings in groups.values().filter(|s| s.len() > 1) {
            let mut ranked: Vec<(&String, &Vec<Occurrence>)> = spellings.iter().collect();
            ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
            let (major, major_occ) = ranked[0];
            if major_occ.len() < self.min_majority || ranked[1].1.len() >= major_occ.len() {
                continue;
            }
            for (variant, occ) in &ranked[1..] {
                if strsim::normalized_damerau_levenshtein(major, variant) < self.min_similarity {
                    continue;
                }
                for o in occ.iter() {
                    let near = self.window == 0
                        || major_occ
                            .iter()
                            .any(|m| m.paragraph.abs_diff(o.paragraph) <= self.window);
                    if !near {
                        continue;
                    }
                    let hit = Hit::new(o.span)
                        .var("majority", format!("{major}{}", o.ending))
                        .var("count", major_occ.len().to_string())
                        .suggest(format!("{major}{}", o.ending));
                    out.push(DocHit {
                        paragraph: o.paragraph,
                        hit,
                    });
                }
            }
        }
    }
}
