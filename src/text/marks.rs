//! Where a combining mark may be misplaced: one pass over a paragraph that the four orphan-mark
//! kinds read, instead of a pass each over every character (docs/performance.md, "mark events").

use super::props::{BREAKS, DECOMPOSES, MARK, Props, props};
use super::scan::{Machine, run};
use super::script::VIRAMA_CLASS;

/// Byte offsets, in order, of the characters an orphan-mark kind may flag (a superset of each
/// kind's hits, so each kind judges these alone):
/// - a mark after nothing, a break (space, punctuation), another mark or a character that
///   decomposes (`orphan-mark`, `orphan-mark-stacked-signs`, `orphan-mark-doubled`: `ঢ়` ends
///   in a nukta);
/// - a character that decomposes (its own decomposition may double a mark);
/// - a letter after a virama that repeats the virama and letter before it (`য্য` in `ব্য্য`:
///   `orphan-mark-doubled-cluster`).
pub fn mark_events(text: &str) -> Vec<usize> {
    run(text, MarkEvents::default())
}

/// The mark events of a paragraph, a character at a time, from the three characters before.
#[derive(Default)]
pub(super) struct MarkEvents {
    out: Vec<usize>,
    p1: Option<char>,
    p2: Option<char>,
    p3: Option<char>,
    /// The property flags of `p1`.
    f1: u16,
}

impl MarkEvents {
    /// Mark events that go into `out` (emptied first, see `Words::writing_into`).
    pub(super) fn writing_into(mut out: Vec<usize>) -> MarkEvents {
        out.clear();
        MarkEvents {
            out,
            ..MarkEvents::default()
        }
    }
}

impl Machine for MarkEvents {
    type Out = Vec<usize>;

    #[inline(always)]
    fn step(&mut self, _: &str, i: usize, c: char, p: &Props) {
        let (p1, p2, p3) = (self.p1, self.p2, self.p3);
        let event = if c.is_ascii() {
            p1.is_some_and(|v| !v.is_ascii()) && doubled_cluster(c, p1, p2, p3)
        } else {
            p.flags & DECOMPOSES != 0
                || (p.flags & MARK != 0
                    && (p1.is_none() || self.f1 & (BREAKS | MARK | DECOMPOSES) != 0))
                || doubled_cluster(c, p1, p2, p3)
        };
        if event {
            self.out.push(i);
        }
        (self.p3, self.p2, self.p1, self.f1) = (p2, p1, Some(c), p.flags);
    }

    fn finish(self, _: &str) -> Vec<usize> {
        self.out
    }
}

fn doubled_cluster(c: char, p1: Option<char>, p2: Option<char>, p3: Option<char>) -> bool {
    p2 == Some(c) && p3 == p1 && p1.is_some_and(|v| props(v).ccc == VIRAMA_CLASS)
}

/// The characters before byte `at`, the nearest first, with their offsets.
pub fn before(text: &str, at: usize) -> impl Iterator<Item = (usize, char)> + '_ {
    text[..at].char_indices().rev()
}

/// The character at byte `at`.
pub fn char_at(text: &str, at: usize) -> Option<char> {
    text.get(at..).and_then(|s| s.chars().next())
}
