//! `repetition`: a word said twice where once was meant.
//!
//! - `mode = "repeated"`: the same word twice in a row (`ভাইরাস ভাইরাস`).
//! - `mode = "coordinated"`: a word coordinated with itself, inflected or not
//!   (`যোগাযোগ ও যোগাযোগের`), unless a negation follows (`রোগনির্ণিত এবং রোগনির্ণিত নয়`,
//!   "diagnosed and undiagnosed").
//!
//! Reduplication is grammatical in many languages (`ধীরে ধীরে`, `কী কী`); the pack's `allow`
//! list names the words that reduplicate.

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;

use super::{BuildError, Check, Context, Hit};

use crate::text::{Analysis, Span, Word};

#[derive(Debug, Deserialize)]
pub struct Options {
    mode: Mode,
    /// Words that may legitimately repeat.
    #[serde(default)]
    allow: Vec<String>,
    /// Coordinating conjunctions (`ও`, `এবং`), for `mode = "coordinated"`.
    #[serde(default)]
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
    /// A regex for words their language reduplicates by grammar (`কাঁদতে কাঁদতে`, "crying all
    /// the while"), matched against the word in NFC: such a word is not judged as repeated.
    #[serde(default)]
    reduplicable: Option<Spanned<String>>,
    /// With `mode = "repeated"`: the longest phrase, in words, whose immediate repetition is
    /// flagged (`রাজা সেখানে রাজা সেখানে`); 1 judges single words only.
    #[serde(default = "default_max_phrase")]
    max_phrase: usize,
}

fn default_max_phrase() -> usize {
    1
}

fn default_min_chars() -> usize {
    2
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    Repeated,
    Coordinated,
}

#[derive(Debug)]
pub struct Repetition {
    mode: Mode,
    allow: Vec<String>,
    conjunctions: Vec<String>,
    negations: Vec<String>,
    postpositions: Vec<String>,
    min_chars: usize,
    reduplicable: Option<Regex>,
    max_phrase: usize,
}

fn nfc_all(words: &[String]) -> Vec<String> {
    words.iter().map(|w| w.nfc().collect()).collect()
}

pub fn build(o: Options) -> Result<Repetition, BuildError> {
    if o.mode == Mode::Coordinated && o.conjunctions.is_empty() {
        return Err(BuildError::new(
            "`mode = \"coordinated\"` needs `conjunctions`",
        ));
    }
    Ok(Repetition {
        mode: o.mode,
        allow: nfc_all(&o.allow),
        conjunctions: nfc_all(&o.conjunctions),
        negations: nfc_all(&o.negations),
        postpositions: nfc_all(&o.postpositions),
        min_chars: o.min_chars,
        reduplicable: o
            .reduplicable
            .as_ref()
            .map(super::pattern::compile_regex)
            .transpose()?,
        max_phrase: o.max_phrase.max(1),
    })
}

impl Repetition {
    fn judged(&self, word: &str) -> bool {
        word.chars().count() >= self.min_chars && !self.allow.iter().any(|a| a == word)
    }

    /// A word its language reduplicates by grammar (a participle).
    fn reduplicable(&self, word: &str) -> bool {
        self.reduplicable.as_ref().is_some_and(|r| r.is_match(word))
    }

    fn repeated(&self, p: &Analysis, words: &[&Word], norm: &[&str], out: &mut Vec<Hit>) {
        let spaced = |a: usize, b: usize| {
            (a + 1..=b).all(|k| p.only_space_between(words[k - 1].span, words[k].span))
        };
        // The first index whose pair (i - 1, i) lies outside the last hit: a repetition that
        // overlaps a hit is not reported again.
        let mut covered = 0;
        for i in 1..words.len() {
            if i < covered {
                continue;
            }
            if norm[i] == norm[i - 1]
                && self.judged(norm[i])
                && !self.reduplicable(norm[i])
                && spaced(i - 1, i)
            {
                // A run of the same word (`ভাইরাস ভাইরাস ভাইরাস`) is one hit.
                let mut j = i;
                while j + 1 < words.len() && norm[j + 1] == norm[i] && spaced(j, j + 1) {
                    j += 1;
                }
                let span = Span::new(words[i - 1].span.start, words[j].span.end);
                out.push(Hit::new(span).suggest(words[i].text(p.text)));
                covered = j + 2;
                continue;
            }
            // A phrase of n words said twice: words[i+1-n..=i] and words[i+1..=i+n].
            for n in 2..=self.max_phrase {
                if n > i + 1 || i + n >= words.len() {
                    break;
                }
                let (a, b) = (i + 1 - n, i + n);
                let first = &norm[a..=i];
                if first == &norm[i + 1..=b] && first.iter().any(|w| self.judged(w)) && spaced(a, b)
                {
                    let span = Span::new(words[a].span.start, words[b].span.end);
                    let once = &p.text[words[a].span.start..words[i].span.end];
                    out.push(Hit::new(span).suggest(once));
                    covered = b + 2;
                    break;
                }
            }
        }
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

impl Check for Repetition {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let words: Vec<&Word> = p.words.iter().filter(|w| w.is_letters()).collect();
        let norm: Vec<&str> = words.iter().map(|w| p.norm(w)).collect();
        match self.mode {
            Mode::Repeated => self.repeated(p, &words, &norm, out),
            Mode::Coordinated => self.coordinated(p, ctx, &words, &norm, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    #[test]
    fn repeated_words_except_the_allowed() {
        let c = compile("repetition", r#"mode = "repeated", allow = ["ধীরে"]"#).unwrap();
        assert_eq!(
            flagged(&*c, "ভাইরাস ভাইরাস ছড়ায় ধীরে ধীরে, ভাইরাস, ভাইরাস", "bn"),
            [("ভাইরাস ভাইরাস".to_string(), Some("ভাইরাস".to_string()))]
        );
    }

    #[test]
    fn coordination_with_itself_negations_and_postpositions() {
        assert!(
            compile("repetition", r#"mode = "coordinated""#).is_err(),
            "needs conjunctions"
        );
        let c = compile(
            "repetition",
            r#"mode = "coordinated", conjunctions = ["ও", "বা"], negations = ["নয়"], postpositions = ["বিষয়ে"]"#,
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

    #[test]
    fn phrases_said_twice_and_participles() {
        let c = compile(
            "repetition",
            r#"mode = "repeated", max_phrase = 3, reduplicable = '[ক-হ]তে$'"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "রাজা সেখানে রাজা সেখানে গেলেন, কাঁদতে কাঁদতে, বাড়িতে বাড়িতে", "bn"),
            ["রাজা সেখানে রাজা সেখানে", "বাড়িতে বাড়িতে"]
        );
        assert_eq!(
            texts(&*c, "ভাইরাস ভাইরাস ভাইরাস ছড়ায়, রাজা সেখানে রাজা সেখানে রাজা সেখানে", "bn"),
            ["ভাইরাস ভাইরাস ভাইরাস", "রাজা সেখানে রাজা সেখানে"],
            "a run is one hit; a phrase said thrice is reported once"
        );
        let single = compile("repetition", r#"mode = "repeated""#).unwrap();
        assert!(texts(&*single, "রাজা সেখানে রাজা সেখানে গেলেন", "bn").is_empty());
        assert!(compile("repetition", r#"mode = "repeated", reduplicable = "(""#).is_err());
    }
}
