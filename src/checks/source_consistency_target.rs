//! `source-consistency-target`: two different sources given one translation in one file (case,
//! spacing and end punctuation aside): the units whose source is not the one most units with
//! that translation have are flagged. As Xbench's "inconsistency in source". Values:
//! `{other}` (the other source), `{count}`.

use serde::Deserialize;

use super::source_consistency::{Minority, Sides, key};
use super::{BuildError, Check, Judgement};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct SourceConsistencyTarget;

pub fn build(_: Options) -> Result<SourceConsistencyTarget, BuildError> {
    Ok(SourceConsistencyTarget)
}

static SIDES: Sides = Sides {
    by: |p| p.source().map(|_| key(p)),
    other: |p| p.source().map(key),
    shown: |p| p.source().map_or("", |s| s.text),
};

impl Check for SourceConsistencyTarget {
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
    use crate::checks::Context;
    use crate::text::Analysis;

    #[test]
    fn two_sources_one_translation() {
        let pairs = [
            ("Wash your hands.", "হাত ধুয়ে নিন।"),
            ("Clean your hands.", "হাত ধুয়ে নিন।"),
            ("Wash your hands", "হাত ধুয়ে নিন"),
        ];
        let ps: Vec<Analysis> = pairs
            .iter()
            .map(|(s, t)| crate::checks::source_placeholders::tests::pair(s, t))
            .collect();
        let mut out = Vec::new();
        SourceConsistencyTarget.document(&ps, &Context::default(), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].paragraph, 1);
    }

    #[test]
    fn plural_forms_of_one_entry_may_share_a_translation() {
        let mut ps: Vec<Analysis> = [
            ("%(size)d byte", "%(size)d বাইট"),
            ("%(size)d bytes", "%(size)d বাইট"),
        ]
        .iter()
        .map(|(s, t)| crate::checks::source_placeholders::tests::pair(s, t))
        .collect();
        for (n, p) in ps.iter_mut().enumerate() {
            p.unit.as_mut().unwrap().plural_form = Some(n);
        }
        let mut out = Vec::new();
        SourceConsistencyTarget.document(&ps, &Context::default(), &mut out);
        assert!(out.is_empty());
    }
}
