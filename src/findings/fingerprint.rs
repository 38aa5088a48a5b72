//! Fingerprints: rule, flagged text, a little whitespace-normalised context inside its
//! paragraph, and the occurrence index of that anchor in its document; never line numbers, so
//! baselines survive edits elsewhere.

use std::collections::BTreeMap;

use unicode_normalization::UnicodeNormalization;

use crate::hash::fnv1a;

/// Characters of context on each side that anchor a fingerprint.
const CONTEXT: usize = 12;

/// Context for a fingerprint: NFC, whitespace runs as one space, trimmed, so re-wrapping a
/// paragraph does not change it.
fn normalised(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    for c in chars.take(CONTEXT * 2) {
        if c.is_whitespace() {
            if !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    out.trim().nfc().take(CONTEXT).collect()
}

/// Where a finding is, independent of where its paragraph is: what `Fingerprints::number`
/// counts. Made on any thread; numbered in document order.
#[derive(Debug, Clone, Copy)]
pub struct Anchor(u64);

impl Anchor {
    /// Rule `rule` flagging `flagged` in translation unit `unit`: the unit's id anchors it, so
    /// two runs over the same source compare unit by unit.
    pub fn of_unit(rule: &str, unit: &str, flagged: &str) -> Anchor {
        let flagged = joined(flagged);
        Anchor(fnv1a(format!("{rule}\0unit\0{unit}\0{flagged}").as_bytes()))
    }

    /// Rule `rule` flagging `paragraph[start..end]`, with a little context on each side.
    pub fn in_text(rule: &str, paragraph: &str, start: usize, end: usize) -> Anchor {
        let before_rev = normalised(paragraph[..start].chars().rev());
        let before: String = before_rev.chars().rev().collect();
        let after = normalised(paragraph[end..].chars());
        let flagged = joined(&paragraph[start..end]);
        Anchor(fnv1a(
            format!("{rule}\0{flagged}\0{before}\0{after}").as_bytes(),
        ))
    }
}

/// The flagged text, NFC, its whitespace runs one space.
fn joined(flagged: &str) -> String {
    flagged
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .nfc()
        .collect()
}

/// Fingerprints of one document: each anchor counts its occurrences.
#[derive(Debug, Default)]
pub struct Fingerprints {
    occurrences: BTreeMap<u64, usize>,
}

/// A numbered anchor: the fingerprint of one finding, written out only for the findings a
/// report lists or a baseline is asked about.
#[derive(Debug, Clone, Copy)]
pub struct Print {
    anchor: u64,
    occurrence: usize,
}

impl Print {
    /// The anchor, not numbered yet.
    pub fn at(Anchor(anchor): Anchor) -> Print {
        Print {
            anchor,
            occurrence: 0,
        }
    }

    pub fn anchor(self) -> Anchor {
        Anchor(self.anchor)
    }

    pub fn fingerprint(self) -> String {
        let Print { anchor, occurrence } = self;
        format!(
            "{:016x}",
            fnv1a(format!("{anchor:x}\0{occurrence}").as_bytes())
        )
    }
}

impl Fingerprints {
    /// The next finding at `anchor` in the document.
    pub fn number(&mut self, Anchor(anchor): Anchor) -> Print {
        let n = self.occurrences.entry(anchor).or_insert(0);
        let print = Print {
            anchor,
            occurrence: *n,
        };
        *n += 1;
        print
    }
}
