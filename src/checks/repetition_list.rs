//! `repetition-list`: an item said twice in one list (`fever, cough, fatigue, cough and
//! headache`, `बुखार, खांसी, थकान, खांसी और सिरदर्द`): MT lost its place in an enumeration and
//! went over an item again. A list is three items or more of a sentence, parted by the commas of
//! any script or semicolons, each of one or two words (`MAX_ITEM`: a series of clauses
//! is no list, and may say its connective again, `…, and then, …, and then`); the last item's `X and Y` (a short
//! word of small letters, or a conjunction of the packs, between two words) is two items, and a
//! leading `and` is no part of its item. Two equal items that do not stand side by side are
//! flagged (side by side they may be said twice on purpose: `location, location, location`).

use serde::Deserialize;

use super::shared::separators;
use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct RepetitionList;

pub fn build(_: Options) -> Result<RepetitionList, BuildError> {
    Ok(RepetitionList)
}

/// The most words an item of a list may have.
const MAX_ITEM: usize = 2;

/// An item of a list: the range of its sentence's words.
type Item = std::ops::Range<usize>;

/// A sentence's words as items read them: in NFC, empty for a number or a code (no word of an
/// item: such an item is no list's).
struct Words<'a> {
    p: &'a Analysis<'a>,
    words: &'a [crate::text::Word],
}

impl Words<'_> {
    fn at(&self, i: usize) -> &str {
        let w = &self.words[i];
        if w.is_letters() { self.p.norm(w) } else { "" }
    }

    fn span(&self, item: &Item) -> Span {
        Span::new(
            self.words[item.start].span.start,
            self.words[item.end - 1].span.end,
        )
    }

    /// The same words, capitals aside (lowered only where the texts differ: most items are
    /// compared with none).
    fn same(&self, a: &Item, b: &Item) -> bool {
        a.len() == b.len()
            && a.clone().zip(b.clone()).all(|(i, j)| {
                let (x, y) = (self.at(i), self.at(j));
                x == y || x.to_lowercase() == y.to_lowercase()
            })
    }
}

impl Check for RepetitionList {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        // Three items need two separators.
        let at = separators(p.text, true);
        if at.len() < 2 {
            return;
        }
        // A conjunction of the packs, or (where none is known) a short word of small letters.
        let conjunction = |w: &str, known_only: bool| {
            ctx.lexicon.conjunctions.iter().any(|c| c == w)
                || (!known_only && w.chars().count() <= 3 && w.chars().all(char::is_lowercase))
        };
        let mut items: Vec<Item> = Vec::new();
        let mut k = 0;
        for &sentence in &p.sentences {
            let first = k;
            while k < p.words.len() && p.words[k].span.start < sentence.end {
                k += 1;
            }
            let inside = at.partition_point(|&i| i < sentence.end)
                - at.partition_point(|&i| i < sentence.start);
            if inside < 2 {
                continue;
            }
            // The sentence's items: its words between separators.
            let words = Words {
                p,
                words: &p.words[first..k],
            };
            items.clear();
            let (mut start, mut last_end) = (0, sentence.start);
            for (i, w) in words.words.iter().enumerate() {
                // A separator between the last word and this one (the paragraph's, found once).
                let between = at[at.partition_point(|&x| x < last_end)..]
                    .first()
                    .is_some_and(|&x| x < w.span.start);
                if i > start && between {
                    items.push(start..i);
                    start = i;
                }
                last_end = w.span.end;
            }
            if start < words.words.len() {
                items.push(start..words.words.len());
            }
            flag_repeated_items(&words, &mut items, &conjunction, out);
        }
    }
}

/// Flags the second of two equal items that do not stand side by side, in each run of three
/// items or more that a list can be (short items of letters).
fn flag_repeated_items(
    words: &Words,
    items: &mut Vec<Item>,
    conjunction: &dyn Fn(&str, bool) -> bool,
    out: &mut Vec<Hit>,
) {
    // `and headache`: the conjunction is no part of the item.
    for item in items.iter_mut() {
        if item.len() == 2 && conjunction(words.at(item.start), false) {
            item.start += 1;
        }
    }
    // `cough and headache` closing the list, and (after a conjunction of the packs) the rest of
    // the sentence after it in a language that puts its verb last (`खांसी और सिरदर्द शामिल
    // हैं`): two items.
    if items.len() >= 2
        && let Some(last) = items.last().cloned()
        && last.len() >= 3
        && conjunction(words.at(last.start + 1), last.len() > 3)
        && !words.at(last.start).is_empty()
        && !words.at(last.start + 2).is_empty()
    {
        items.pop();
        items.push(last.start..last.start + 1);
        items.push(last.start + 2..last.start + 3);
    }
    let short = |i: &Item| i.len() <= MAX_ITEM && i.clone().all(|w| !words.at(w).is_empty());
    let mut start = 0;
    while start < items.len() {
        let mut end = start;
        while end < items.len() && short(&items[end]) {
            end += 1;
        }
        if end - start >= 3 {
            let run = &items[start..end];
            for j in 2..run.len() {
                let chars: usize = run[j].clone().map(|w| words.at(w).chars().count()).sum();
                let substantial = run[j].clone().any(|w| words.at(w).chars().count() >= 3)
                    || chars >= 2
                        && words
                            .at(run[j].start)
                            .chars()
                            .next()
                            .is_some_and(crate::text::script::is_unspaced_char);
                // Not one of a run of copies side by side (`location, location, location`).
                let beside = words.same(&run[j - 1], &run[j]);
                if substantial && !beside && (0..j - 1).any(|i| words.same(&run[i], &run[j])) {
                    out.push(Hit::new(words.span(&run[j])));
                    break;
                }
            }
        }
        start = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn an_item_said_twice_in_one_list() {
        let c = compile("repetition-list", "").unwrap();
        assert_eq!(
            texts(
                &*c,
                "Symptoms include fever, cough, fatigue, cough and headache.",
                "en"
            ),
            ["cough"]
        );
        assert_eq!(
            texts(
                &*c,
                "Symptome sind Fieber, Husten, Müdigkeit und Husten.",
                "de"
            ),
            ["Husten"]
        );
        for clean in [
            "Location, location, location.",
            "Fever, cough, and fatigue; cough medicine helps.",
            "Milk, cheese, milk powder and butter.",
            "Delhi, 2020, Delhi, 2021.",
            "He went to Paris, then Rome. Paris, Berlin, Madrid.",
            "One, two, three and four.",
        ] {
            assert!(texts(&*c, clean, "en").is_empty(), "{clean}");
        }
    }
}
