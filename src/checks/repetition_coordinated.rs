//! `repetition-coordinated`: a word coordinated with itself, inflected or not
//! (`যোগাযোগ ও যোগাযোগের`), unless a negation follows (`রোগনির্ণিত এবং রোগনির্ণিত নয়`,
//! "diagnosed and undiagnosed").

use serde::Deserialize;

use super::shared::nfc_all;
use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span, Word};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Words never judged (`ঘন ও ঘন`: "more and more").
    #[serde(default)]
    allow: Vec<String>,
    /// Coordinating conjunctions (`ও`, `এবং`).
    conjunctions: Vec<String>,
    /// Words that, after the second conjunct, make the coordination an antonym pair.
    #[serde(default)]
    negations: Vec<String>,
    /// Words that govern a preceding coordination (`বিষয়ে`, `জন্য`): with them an inflected
    /// second conjunct is flagged; without them only an identical one is.
    #[serde(default)]
    postpositions: Vec<String>,
    /// Shortest word judged, in characters.
    #[serde(default = "default_min_chars")]
    min_chars: usize,
}

fn default_min_chars() -> usize {
    2
}

#[derive(Debug)]
pub struct Coordinated {
    allow: Vec<String>,
    conjunctions: Vec<String>,
    negations: Vec<String>,
    postpositions: Vec<String>,
    min_chars: usize,
}

pub fn build(o: Options) -> Result<Coordinated, BuildError> {
    if o.conjunctions.is_empty() {
        return Err(BuildError::new(
            "`conjunctions` must name at least one word",
        ));
    }
    Ok(Coordinated {
        allow: nfc_all(&o.allow),
        conjunctions: nfc_all(&o.conjunctions),
        negations: nfc_all(&o.negations),
        postpositions: nfc_all(&o.postpositions),
        min_chars: o.min_chars,
    })
}

impl Coordinated {
    fn judged(&self, word: &str) -> bool {
        word.chars().count() >= self.min_chars && !self.allow.iter().any(|a| a == word)
    }

    fn coordinated(
        &self,
        p: &Analysis,
        ctx: &Context,
        words: &[&Word],
        norm: &[&str],
        out: &mut Vec<Hit>,
    ) {
        for i in 2..words.len() {
            let (a, conj, b) = (&norm[i - 2], &norm[i - 1], &norm[i]);
            let joined = p.only_space_between(words[i - 2].span, words[i - 1].span)
                && p.only_space_between(words[i - 1].span, words[i].span);
            if !joined || !self.conjunctions.iter().any(|c| *c == **conj) || !self.judged(a) {
                continue;
            }
            let stem_a = ctx.lexicon.split_ending(a, 2).0;
            let stem_b = ctx.lexicon.split_ending(b, 2).0;
            if a != b && stem_a != stem_b {
                continue;
            }
            let next = words
                .get(i + 1)
                .filter(|next| p.only_space_between(words[i].span, next.span))
                .map(|_| &*norm[i + 1]);
            let negated = next.is_some_and(|n| self.negations.iter().any(|x| x == n));
            // `X and X-of Y` may name two things (alcohol and alcohol rub): an inflected second
            // conjunct is flagged only when a postposition governs the whole pair
            // (`যোগাযোগ ও যোগাযোগের বিষয়ে`) or nothing follows.
            let governed = a == b
                || self.postpositions.is_empty()
                || next.is_none_or(|n| self.postpositions.iter().any(|x| x == n));
            if !negated && governed {
                out.push(
                    Hit::new(Span::new(words[i - 2].span.start, words[i].span.end))
                        .suggest(b.to_string()),
                );
            }
        }
    }
}

impl Check for Coordinated {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let words: Vec<&Word> = p.words.iter().filter(|w| w.is_letters()).collect();
        let norm: Vec<&str> = words.iter().map(|w| p.norm(w)).collect();
        self.coordinated(p, ctx, &words, &norm, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn coordination_with_itself_negations_and_postpositions() {
        assert!(
            compile("repetition-coordinated", "").is_err(),
            "needs conjunctions"
        );
        let c = compile(
            "repetition-coordinated",
            r#"conjunctions = ["ও", "বা"], negations = ["নয়"], postpositions = ["বিষয়ে"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "যোগাযোগ ও যোগাযোগের বিষয়ে কথা", "bn"),
            ["যোগাযোগ ও যোগাযোগের"]
        );
        assert_eq!(texts(&*c, "সংক্রমণ ও সংক্রমণ ছড়ায়", "bn"), ["সংক্রমণ ও সংক্রমণ"]);
        assert!(
            texts(&*c, "অ্যালকোহল বা অ্যালকোহলে উপস্থিত", "bn").is_empty(),
            "no postposition"
        );
        assert!(
            texts(&*c, "রোগনির্ণিত ও রোগনির্ণিত নয় এমন", "bn").is_empty(),
            "antonym pair"
        );
    }
}
