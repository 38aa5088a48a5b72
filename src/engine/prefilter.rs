//! One multi-pattern scan (a RegexSet of every gated rule's regex) tells which gated rules can
//! fire in a paragraph; the others are skipped there. A fast path: the same hits with and
//! without it (a test holds it). Made for the rules of a kind of document (`select::Active`),
//! when the first such document comes: a run compiles only its languages' regexes.

use std::collections::BTreeMap;

use regex::{RegexSet, RegexSetBuilder};

use crate::rules::Rule;

pub struct Prefilter {
    set: RegexSet,
    /// Rule id -> index in `set`.
    index: BTreeMap<String, usize>,
}

impl Prefilter {
    pub fn new(rules: &[&Rule]) -> Prefilter {
        let gated: Vec<(&str, &str)> = rules
            .iter()
            .filter_map(|r| r.check.gate().map(|g| (r.id.as_str(), g)))
            .collect();
        // Each regex compiled alone within the pack limits; together they may exceed them, in
        // which case there is no prefilter and every rule runs (same results, more work).
        let set = RegexSetBuilder::new(gated.iter().map(|(_, g)| *g))
            .size_limit(crate::checks::pattern::REGEX_SIZE_LIMIT * 8)
            .build()
            .unwrap_or_else(|_| RegexSet::empty());
        let index = if set.len() == gated.len() {
            gated
                .iter()
                .enumerate()
                .map(|(i, (id, _))| (id.to_string(), i))
                .collect()
        } else {
            BTreeMap::new()
        };
        Prefilter { set, index }
    }

    /// For each rule, its index in the set (`None`: not gated, always runs).
    pub fn gates(&self, rules: &[&Rule]) -> Vec<Option<usize>> {
        rules
            .iter()
            .map(|r| self.index.get(&r.id).copied())
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub fn set(&self) -> &RegexSet {
        &self.set
    }
}
