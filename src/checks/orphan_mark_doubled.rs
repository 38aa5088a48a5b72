//! `orphan-mark-doubled`: the same mark twice in a row after canonical decomposition
//! (`আমাার`, `দৃঢ়়`, where `ঢ়` already ends in a nukta).

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use unicode_normalization::char::decompose_canonical;

use super::shared::is_judged_mark;
use crate::text::marks::{before, char_at};
use crate::text::script::decomposes;
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct DoubledMark;

pub fn build(_: Options) -> Result<DoubledMark, BuildError> {
    Ok(DoubledMark)
}

/// Runs of one mark repeated, compared as written (`োো`, whose decomposition alternates) and
/// after canonical decomposition (`ঢ়়`, where the precomposed letter ends in a nukta), judged
/// at the characters at byte offsets `at` (in order: the paragraph's mark events); no
/// per-character allocation; touching runs are reported as one.
fn doubled_marks(text: &str, at: &[usize], out: &mut Vec<Hit>) {
    let mut run: Option<Span> = None;
    for &i in at {
        let Some(c) = char_at(text, i) else {
            continue;
        };
        let prev_written = before(text, i).next().map(|(pi, p)| (p, pi));
        // The last character of the previous one's decomposition, where that one starts.
        let mut prev_decomposed = prev_written.map(|(p, pi)| {
            let mut last = p;
            if decomposes(p) {
                decompose_canonical(p, |d| last = d);
            }
            (last, pi)
        });
        let mut from: Option<usize> = None;
        if let Some((p, start)) = prev_written
            && p == c
            && is_judged_mark(c)
        {
            from = Some(start);
        }
        let mut step = |d: char| {
            if let Some((p, start)) = prev_decomposed
                && p == d
                && is_judged_mark(d)
            {
                from = Some(from.map_or(start, |f| f.min(start)));
            }
            prev_decomposed = Some((d, i));
        };
        if decomposes(c) {
            decompose_canonical(c, &mut step);
        } else {
            step(c);
        }
        if let Some(start) = from {
            let end = i + c.len_utf8();
            match run.as_mut() {
                Some(r) if start <= r.end => r.end = end,
                _ => {
                    out.extend(run.take().map(Hit::new));
                    run = Some(Span::new(start, end));
                }
            }
        }
    }
    out.extend(run.map(Hit::new));
}

impl Check for DoubledMark {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        doubled_marks(p.text, &p.mark_events, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, marked_text, same_at_events, texts};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_mark_events_hold_every_doubled_mark(text in marked_text()) {
            same_at_events(&text, super::doubled_marks)?;
        }
    }

    #[test]
    fn doubled_marks_as_written_and_decomposed() {
        let c = compile("orphan-mark-doubled", "").unwrap();
        let text = "কোোনো দৃ\u{09DD}\u{09BC} দৃ\u{09A2}\u{09BC}\u{09BC} আমাাার";
        assert_eq!(
            texts(&*c, text, "bn"),
            ["োো", "\u{09DD}\u{09BC}", "\u{09BC}\u{09BC}", "াাা"]
        );
        assert!(texts(&*c, "কোনো দৃঢ় আমার", "bn").is_empty());
    }
}
