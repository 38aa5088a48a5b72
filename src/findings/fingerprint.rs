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

/// Fingerprints of one document: each anchor counts its occurrences.
#[derive(Debug, Default)]
pub struct Fingerprints {
    occurrences: BTreeMap<u64, usize>,
}

impl Fingerprints {
    /// The fingerprint of rule `rule` flagging `flagged` in translation unit `unit`: the unit's
    /// id anchors it, so two runs over the same source compare unit by unit.
    pub fn of_unit(&mut self, rule: &str, unit: &str, flagged: &str) -> String {
        let flagged: String = flagged
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect();
        let anchor = fnv1a(format!("{rule}\0unit\0{unit}\0{flagged}").as_bytes());
        let n = self.occurrences.entry(anchor).or_insert(0);
        let fingerprint = format!("{:016x}", fnv1a(format!("{anchor:x}\0{n}").as_bytes()));
        *n += 1;
        fingerprint
    }

    /// The fingerprint of rule `rule` flagging `paragraph[start..end]`.
    pub fn next(&mut self, rule: &str, paragraph: &str, start: usize, end: usize) -> String {
        let before_rev = normalised(paragraph[..start].chars().rev());
        let before: String = before_rev.chars().rev().collect();
        let after = normalised(paragraph[end..].chars());
        let flagged: String = paragraph[start..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .nfc()
            .collect();
        let anchor = fnv1a(format!("{rule}\0{flagged}\0{before}\0{after}").as_bytes());
        let n = self.occurrences.entry(anchor).or_insert(0);
        let fingerprint = format!("{:016x}", fnv1a(format!("{anchor:x}\0{n}").as_bytes()));
        *n += 1;
        fingerprint
    }
}
