//! Where a combining mark may be misplaced: one pass over a paragraph that the four orphan-mark
//! kinds read, instead of a pass each over every character (docs/performance.md, "mark events").

use super::props::{BREAKS, DECOMPOSES, MARK, props};
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
    let mut out = Vec::new();
    // The last three characters, the latest first.
    let (mut p1, mut p2, mut p3): (Option<char>, Option<char>, Option<char>) = (None, None, None);
    for (i, c) in text.char_indices() {
        let event = if c.is_ascii() {
            // No ASCII character is a mark or decomposes; it may close a doubled cluster.
            p1.is_some_and(|v| !v.is_ascii()) && doubled_cluster(c, p1, p2, p3)
        } else {
            let flags = props(c).flags;
            flags & DECOMPOSES != 0
                || (flags & MARK != 0
                    && p1.is_none_or(|p| props(p).flags & (BREAKS | MARK | DECOMPOSES) != 0))
                || doubled_cluster(c, p1, p2, p3)
        };
        if event {
            out.push(i);
        }
        (p3, p2, p1) = (p2, p1, Some(c));
    }
    out
}

/// `c` after `virama c virama`, the latest character first.
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
