//! `orphan-mark`: a combining mark with no base: at the start of the paragraph or after
//! whitespace or punctuation (`দৃ solid ়`). Marks after a joiner (`র‍্য`) are attached, and so
//! is a suffix after a number and a hyphen (the Malayalam ordinal `10-ാം`).

use serde::Deserialize;

use super::shared::{is_hyphen, is_judged_mark};
use super::{BuildError, Check, Context, Hit};
use crate::text::marks::{before, char_at};
use crate::text::script::{breaks_cluster, is_decimal_digit};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct OrphanMark;

pub fn build(_: Options) -> Result<OrphanMark, BuildError> {
    Ok(OrphanMark)
}

/// The orphans among the characters at byte offsets `at` (in order): the paragraph's mark
/// events, which hold every one.
fn orphans(text: &str, at: &[usize], out: &mut Vec<Hit>) {
    for &i in at {
        let Some(c) = char_at(text, i).filter(|&c| is_judged_mark(c)) else {
            continue;
        };
        let mut back = before(text, i).map(|(_, c)| c);
        let (prev, before) = (back.next(), back.next());
        if prev.is_none_or(breaks_cluster)
            && !(prev.is_some_and(is_hyphen) && before.is_some_and(is_decimal_digit))
        {
            out.push(Hit::new(Span::new(i, i + c.len_utf8())));
        }
    }
}

impl Check for OrphanMark {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        orphans(p.text, &p.mark_events, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, marked_text, same_at_events, texts};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_mark_events_hold_every_orphan(text in marked_text()) {
            same_at_events(&text, super::orphans)?;
        }
    }

    #[test]
    fn orphans_at_start_after_space_and_punctuation_not_after_a_joiner() {
        let c = compile("orphan-mark", "").unwrap();
        assert_eq!(
            texts(&*c, "ি কথা, ং এবং র\u{200D}্যাব ❤\u{FE0F}", "bn"),
            ["ি", "ং"]
        );
    }

    #[test]
    fn a_suffix_after_a_number_and_a_hyphen_is_attached_a_mark_after_a_word_and_a_hyphen_not() {
        let c = compile("orphan-mark", "").unwrap();
        assert!(texts(&*c, "10-ാം നൂറ്റാണ്ട്, ൨൧-ാം തീയതി", "ml").is_empty());
        assert_eq!(texts(&*c, "നൂറ്റാണ്ട്-ാം 10- ാം", "ml"), ["ാ", "ാ"]);
    }
}
