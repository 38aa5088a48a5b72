//! `repetition-list`: an item said twice in one list (`fever, cough, fatigue, cough and
//! headache`, `बुखार, खांसी, थकान, खांसी और सिरदर्द`): MT lost its place in an enumeration and
//! went over an item again. A list is three items or more of a sentence, parted by the commas of
//! any script or semicolons, each of one or two words (`MAX_ITEM`: a series of clauses
//! is no list, and may say its connective again, `…, and then, …, and then`); the last item's `X and Y` (a short
//! word of small letters, or a conjunction of the packs, between two words) is two items, and a
//! leading `and` is no part of its item. Two equal items that do not stand side by side are
//! flagged (side by side they may be said twice on purpose: `location, location, location`).

use serde::Deserialize;

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

/// Separators of a list's items: the commas of every script, semicolons.
fn separates(c: char) -> bool {
    matches!(
        c,
        ',' | '\u{060C}' | '\u{FF0C}' | '\u{3001}' | ';' | '\u{061B}' | '\u{FF1B}'
    )
}

/// An item of a list: its words (in NFC; empty for a number or a code) and where each is.
#[derive(Default)]
struct Item<'a> {
    words: Vec<&'a str>,
    spans: Vec<Span>,
}

impl Item<'_> {
    fn span(&self) -> Span {
        Span::new(self.spans[0].start, self.spans[self.spans.len() - 1].end)
    }

    fn part(&self, i: usize) -> Self {
        Item {
            words: vec![self.words[i]],
            spans: vec![self.spans[i]],
        }
    }

    /// The same words, capitals aside (lowered only where the texts differ: most items are
    /// compared with none).
    fn same(&self, other: &Item) -> bool {
        self.words.len() == other.words.len()
            && self
                .words
                .iter()
                .zip(&other.words)
                .all(|(a, b)| a == b || a.to_lowercase() == b.to_lowercase())
    }
}

impl Check for RepetitionList {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        // Three items need two separators.
        if p.text.matches(separates).nth(1).is_none() {
            return;
        }
        // A conjunction of the packs, or (where none is known) a short word of small letters.
        let conjunction = |w: &str, known_only: bool| {
            ctx.lexicon.conjunctions.iter().any(|c| c == w)
                || (!known_only && w.chars().count() <= 3 && w.chars().all(char::is_lowercase))
        };
        let mut k = 0;
        for &sentence in &p.sentences {
            // The sentence's items: its words between separators.
            let mut items: Vec<Item> = Vec::new();
            let mut current = Item::default();
            let mut last_end = sentence.start;
            while k < p.words.len() && p.words[k].span.start < sentence.end {
                let w = &p.words[k];
                k += 1;
                if p.text[last_end..w.span.start].contains(separates) && !current.words.is_empty() {
                    items.push(std::mem::take(&mut current));
                }
                last_end = w.span.end;
                // A number or a code is no word of an item: such an item is no list's.
                current
                    .words
                    .push(if w.is_letters() { p.norm(w) } else { "" });
                current.spans.push(w.span);
            }
            if !current.words.is_empty() {
                items.push(current);
            }
            flag_repeated_items(&mut items, &conjunction, out);
        }
    }
}

/// Flags the second of two equal items that do not stand side by side, in each run of three
/// items or more that a list can be (short items of letters).
fn flag_repeated_items(
    items: &mut Vec<Item>,
    conjunction: &dyn Fn(&str, bool) -> bool,
    out: &mut Vec<Hit>,
) {
    // `and headache`: the conjunction is no part of the item.
    for item in items.iter_mut() {
        if item.words.len() == 2 && conjunction(item.words[0], false) {
            item.words.remove(0);
        }
    }
    // `cough and headache` closing the list, and (after a conjunction of the packs) the rest of
    // the sentence after it in a language that puts its verb last (`खांसी और सिरदर्द शामिल
    // हैं`): two items.
    if items.len() >= 2
        && let Some(last) = items.last()
        && last.words.len() >= 3
        && conjunction(last.words[1], last.words.len() > 3)
        && !last.words[0].is_empty()
        && !last.words[2].is_empty()
    {
        let last = items.pop().expect("a last item");
        let (first, second) = (last.part(0), last.part(2));
        items.push(first);
        items.push(second);
    }
    let short = |i: &Item| i.words.len() <= MAX_ITEM && i.words.iter().all(|w| !w.is_empty());
    let mut start = 0;
    while start < items.len() {
        let mut end = start;
        while end < items.len() && short(&items[end]) {
            end += 1;
        }
        if end - start >= 3 {
            let run = &items[start..end];
            for j in 2..run.len() {
                let substantial = run[j].words.iter().any(|w| w.chars().count() >= 3)
                    || run[j].words.concat().chars().count() >= 2
                        && run[j].words[0]
                            .chars()
                            .next()
                            .is_some_and(crate::text::script::is_unspaced_char);
                // Not one of a run of copies side by side (`location, location, location`).
                let beside = run[j - 1].same(&run[j]);
                if substantial && !beside && (0..j - 1).any(|i| run[i].same(&run[j])) {
                    out.push(Hit::new(run[j].span()));
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
