//! `orphan-mark-doubled-cluster`: a virama + consonant sequence written twice (`ব্য্যা`), for
//! the consonants the pack names (`letters`); the virama is any character of canonical
//! combining class 9. After a consonant of `geminate_after` (Bengali র: the ref) the same
//! shape is the old spelling's doubled consonant (`সর্ব্ব`, `ধর্ম্ম`), not a doubled phala.

use serde::Deserialize;

use super::shared::single_chars;
use super::{BuildError, Check, Context, Hit};
use crate::text::marks::{before, char_at};
use crate::text::script::{VIRAMA_CLASS, combining_class, is_letter};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// The consonants whose doubled virama form is an error. Which ones is a fact of the
    /// orthography (Bengali ya-, ra-, ba-, ma-phala), so the pack names them; a geminate such
    /// as Tamil `ய்ச்ச` has the same code point shape.
    letters: Vec<String>,
    /// Consonants after which (with a virama) the doubled sequence is a geminate of an older
    /// spelling.
    #[serde(default)]
    geminate_after: Vec<String>,
}

#[derive(Debug)]
pub struct DoubledCluster {
    letters: Vec<char>,
    geminate_after: Vec<char>,
}

pub fn build(o: Options) -> Result<DoubledCluster, BuildError> {
    let letters = single_chars(&o.letters, "letters", "letter", is_letter)?;
    let geminate_after = single_chars(&o.geminate_after, "geminate_after", "letter", is_letter)?;
    if letters.is_empty() {
        return Err(BuildError::new(
            "`letters` must name at least one consonant",
        ));
    }
    Ok(DoubledCluster {
        letters,
        geminate_after,
    })
}

/// `virama C virama C` for a listed consonant C, ending at one of the characters at byte
/// offsets `at` (in order: the paragraph's mark events), read with the four characters before.
fn doubled_clusters(
    text: &str,
    at: &[usize],
    letters: &[char],
    geminate_after: &[char],
    out: &mut Vec<Hit>,
) {
    for &ci in at {
        let Some(c2) = char_at(text, ci) else {
            continue;
        };
        let mut back = before(text, ci);
        let (Some((_, v2)), Some((_, c1)), Some((vi, v))) = (back.next(), back.next(), back.next())
        else {
            continue;
        };
        let base = back.next();
        // The cheap equalities first: most positions fail there, before any property lookup.
        if c2 == c1
            && v2 == v
            && combining_class(v) == VIRAMA_CLASS
            && letters.contains(&c1)
            && !base.is_some_and(|(_, b)| geminate_after.contains(&b))
            && out.last().is_none_or(|h: &Hit| h.span.end <= vi)
        {
            // Start at the base the first cluster hangs on, when there is one.
            let start = match base {
                Some((bi, b)) if is_letter(b) => bi,
                _ => vi,
            };
            out.push(
                Hit::new(Span::new(start, ci + c2.len_utf8()))
                    .suggest(format!("{}{v}{c1}", &text[start..vi])),
            );
        }
    }
}

impl Check for DoubledCluster {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        doubled_clusters(
            p.text,
            &p.mark_events,
            &self.letters,
            &self.geminate_after,
            out,
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, marked_text, same_at_events, texts};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_mark_events_hold_every_doubled_cluster(text in marked_text()) {
            let (letters, geminate_after) = (['য', 'ব', 'ম', 'र'], ['র']);
            same_at_events(&text, |t, at, out| {
                super::doubled_clusters(t, at, &letters, &geminate_after, out)
            })?;
        }
    }

    #[test]
    fn doubled_clusters_need_their_letters() {
        assert!(compile("orphan-mark-doubled-cluster", "").is_err());
        assert!(compile("orphan-mark-doubled-cluster", "letters = []").is_err());
        assert!(compile("orphan-mark-doubled-cluster", r#"letters = ["যর"]"#).is_err());
        let c = compile("orphan-mark-doubled-cluster", r#"letters = ["য"]"#).unwrap();
        let flagged = crate::checks::testing::flagged(&*c, "ব্য্যাচেস্লাভ এবং প্র্রতি", "bn");
        assert_eq!(flagged, [("ব্য্য".to_string(), Some("ব্য".to_string()))]);
    }

    #[test]
    fn geminates_after_a_ref_are_an_old_spelling() {
        let c = compile(
            "orphan-mark-doubled-cluster",
            r#"letters = ["ব", "ম"], geminate_after = ["র"]"#,
        )
        .unwrap();
        assert!(texts(&*c, "সর্ব্বদা ধর্ম্ম পালন", "bn").is_empty());
        assert_eq!(texts(&*c, "দ্ব্বিতীয় সর্ব্বদা", "bn"), ["দ্ব্ব"]);
    }
}
