//! `orphan-mark-doubled-cluster`: a virama + consonant sequence written twice (`ব্য্যা`), for
//! the consonants the pack names (`letters`); the virama is any character of canonical
//! combining class 9. After a consonant of `geminate_after` (Bengali র: the ref) the same
//! shape is the old spelling's doubled consonant (`সর্ব্ব`, `ধর্ম্ম`), not a doubled phala.

use serde::Deserialize;

use super::shared::single_chars;
use super::{BuildError, Check, Context, Hit};
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

/// `virama C virama C` for a listed consonant C, with a sliding window of the last characters.
fn doubled_clusters(text: &str, letters: &[char], geminate_after: &[char], out: &mut Vec<Hit>) {
    if text.is_ascii() {
        return;
    }
    // The last five characters with their offsets, oldest first.
    let mut window: [(usize, char); 5] = [(0, '\0'); 5];
    let mut seen = 0usize;
    for (i, c) in text.char_indices() {
        window.rotate_left(1);
        window[4] = (i, c);
        seen += 1;
        if seen < 4 {
            continue;
        }
        let [base, (vi, v), (_, c1), (_, v2), (ci, c2)] = window;
        // The cheap equalities first: most positions fail there, before any property lookup.
        if c2 == c1
            && v2 == v
            && combining_class(v) == VIRAMA_CLASS
            && letters.contains(&c1)
            && !(seen >= 5 && geminate_after.contains(&base.1))
            && out.last().is_none_or(|h: &Hit| h.span.end <= vi)
        {
            // Start at the base the first cluster hangs on, when there is one.
            let start = if seen >= 5 && is_letter(base.1) {
                base.0
            } else {
                vi
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
        doubled_clusters(p.text, &self.letters, &self.geminate_after, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

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
