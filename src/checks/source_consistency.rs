//! `source-consistency`: one source translated two ways in one file (case, spacing and end
//! punctuation aside): each unit whose translation differs from the one most units of that
//! source have (the first, on a tie) is flagged. As Xbench's "inconsistency in target".
//! Values: `{other}` (the other translation), `{count}` (units that have it).

use std::collections::HashMap;

use serde::Deserialize;

use super::{BuildError, Check, Context, DocHit, Hit, Judgement};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct SourceConsistency;

pub fn build(_: Options) -> Result<SourceConsistency, BuildError> {
    Ok(SourceConsistency)
}

/// What two texts are compared on: words lowercased, joined by one space.
pub(crate) fn key(a: &Analysis) -> String {
    a.words
        .iter()
        .map(|w| a.norm(w).to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(crate) fn whole(text: &str) -> Span {
    let start = text.len() - text.trim_start().len();
    Span::new(start, text.trim_end().len().max(start))
}

/// How units are grouped and compared: `by` keys a unit's group, `other` what must agree
/// within a group, `shown` the text a finding quotes of the majority.
pub(crate) struct Sides {
    pub by: fn(&Analysis) -> Option<String>,
    pub other: fn(&Analysis) -> Option<String>,
    pub shown: for<'a> fn(&Analysis<'a>) -> &'a str,
}

/// A key as 128 bits of two independently seeded hashes: a document's tables hold no texts,
/// and crafted collisions would need to break both seeds.
type Key = [u64; 2];

/// One way a group's units agree: how many units, and the first of them.
#[derive(Clone, Copy)]
struct Way {
    other: Key,
    count: u32,
    first: u32,
}

/// The ways of one group, most groups having one.
enum Ways {
    One(Way),
    Many(Vec<Way>),
}

/// The majority of a group whose units disagree.
struct Best {
    other: Key,
    count: usize,
    first: usize,
    shown: String,
}

/// Units grouped by `Sides::by`: in each group of two or more whose `other` differs, the units
/// whose `other` is not the group's majority (the first seen, on a tie) are flagged with the
/// majority's text and count. The first pass counts keys (hashes, not texts); the majority's
/// text is recalled from its first unit.
pub(crate) struct Minority {
    sides: &'static Sides,
    seeds: (foldhash::fast::RandomState, foldhash::fast::RandomState),
    groups: HashMap<Key, Ways, foldhash::fast::RandomState>,
    best: HashMap<Key, Best, foldhash::fast::RandomState>,
}

impl Minority {
    pub fn new(sides: &'static Sides) -> Minority {
        Minority {
            sides,
            seeds: Default::default(),
            groups: HashMap::default(),
            best: HashMap::default(),
        }
    }

    fn key(&self, s: &str) -> Key {
        use std::hash::BuildHasher;
        [self.seeds.0.hash_one(s), self.seeds.1.hash_one(s)]
    }

    /// A unit's group and what must agree in it; `None` when it takes no part.
    fn keys(&self, p: &Analysis) -> Option<(Key, Key)> {
        // The plural forms of one entry (PO `msgstr[n]`) share or vary their translation by
        // the target language's grammar (Bengali writes `বাইট` for `byte` and `bytes`;
        // Russian has three forms for two sources): never an inconsistency.
        if p.unit.as_ref().is_some_and(|u| u.plural_form.is_some()) {
            return None;
        }
        // `by` first: a paragraph with no key (no source) costs nothing more.
        let k = (self.sides.by)(p)?;
        let o = (self.sides.other)(p)?;
        if k.is_empty() || o.is_empty() {
            return None;
        }
        // Units of different contexts (PO `msgctxt`) are never compared: `Open` as a menu
        // action and as a status are two sources.
        let k = match p.unit.as_ref().and_then(|u| u.context) {
            Some(c) => format!("{c}\u{4}{k}"),
            None => k,
        };
        Some((self.key(&k), self.key(&o)))
    }
}

impl Judgement for Minority {
    fn learn(&mut self, i: usize, p: &Analysis, _: &Context) {
        let Some((k, o)) = self.keys(p) else { return };
        let first = u32::try_from(i).unwrap_or(u32::MAX);
        let new = Way {
            other: o,
            count: 1,
            first,
        };
        let ways = self.groups.entry(k).or_insert(Ways::Many(Vec::new()));
        match ways {
            Ways::Many(v) if v.is_empty() => *ways = Ways::One(new),
            Ways::One(w) if w.other == o => w.count = w.count.saturating_add(1),
            Ways::One(w) => *ways = Ways::Many(vec![*w, new]),
            Ways::Many(v) => match v.iter_mut().find(|w| w.other == o) {
                Some(w) => w.count = w.count.saturating_add(1),
                None => v.push(new),
            },
        }
    }

    fn decide(&mut self, _: &Context) -> Vec<usize> {
        let groups = std::mem::take(&mut self.groups);
        for (k, ways) in groups {
            let Ways::Many(v) = ways else { continue };
            if v.len() < 2 {
                continue;
            }
            // The majority; on a tie, the first seen.
            let best = v
                .iter()
                .enumerate()
                .max_by_key(|(i, w)| (w.count, std::cmp::Reverse(*i)))
                .map(|(_, w)| *w)
                .expect("two or more");
            self.best.insert(
                k,
                Best {
                    other: best.other,
                    count: best.count as usize,
                    first: best.first as usize,
                    shown: String::new(),
                },
            );
        }
        let mut wanted: Vec<usize> = self.best.values().map(|b| b.first).collect();
        wanted.sort_unstable();
        wanted
    }

    fn recall(&mut self, i: usize, p: &Analysis, _: &Context) {
        let Some((k, _)) = self.keys(p) else { return };
        if let Some(b) = self.best.get_mut(&k)
            && b.first == i
        {
            b.shown = (self.sides.shown)(p).trim().to_string();
        }
    }

    fn judge(&mut self, i: usize, p: &Analysis, _: &Context, out: &mut Vec<DocHit>) {
        if self.best.is_empty() {
            return;
        }
        let Some((k, o)) = self.keys(p) else { return };
        if let Some(best) = self.best.get(&k)
            && best.other != o
        {
            out.push(DocHit {
                paragraph: i,
                hit: Hit::new(whole(p.text))
                    .var("other", best.shown.clone())
                    .var("count", best.count.to_string()),
            });
        }
    }
}

static SIDES: Sides = Sides {
    by: |p| p.source().map(key),
    other: |p| Some(key(p)),
    shown: |p| p.text,
};

impl Check for SourceConsistency {
    fn file_scope(&self) -> bool {
        true
    }

    fn judgement(&self) -> Option<Box<dyn Judgement + '_>> {
        Some(Box::new(Minority::new(&SIDES)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_source_two_translations() {
        let pairs = [
            ("Wash your hands.", "হাত ধুয়ে নিন।"),
            ("Stay home.", "ঘরে থাকুন।"),
            ("Wash your hands", "হাত ধুয়ে নিন"),
            ("wash your hands.", "হাত ধুয়ে ফেলুন।"),
        ];
        let ps: Vec<Analysis> = pairs
            .iter()
            .map(|(s, t)| crate::checks::source_placeholders::tests::pair(s, t))
            .collect();
        let mut out = Vec::new();
        SourceConsistency.document(&ps, &Context::default(), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].paragraph, 3);
    }
}
