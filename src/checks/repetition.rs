//! `repetition`: the same word, or a phrase of up to `max_phrase` words, twice in a row
//! (`ভাইরাস ভাইরাস`, `রাজা সেখানে রাজা সেখানে`); a run of one word is one finding.
//!
//! Reduplication is grammatical in many languages (`ধীরে ধীরে`, `কী কী`); the rule's `allow`
//! list names the words that reduplicate, and `reduplicable` the classes of words that do by
//! grammar (participles).

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::shared::nfc_all;
use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span, Word};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Words that may legitimately repeat.
    #[serde(default)]
    allow: Vec<String>,
    /// Shortest word judged, in characters.
    #[serde(default = "default_min_chars")]
    min_chars: usize,
    /// A regex for words their language reduplicates by grammar (`কাঁদতে কাঁদতে`, "crying all
    /// the while"), matched against the word in NFC: such a word is not judged as repeated.
    #[serde(default)]
    reduplicable: Option<Spanned<String>>,
    /// The longest phrase, in words, whose immediate repetition is flagged
    /// (`রাজা সেখানে রাজা সেখানে`); 1 judges single words only.
    #[serde(default = "default_max_phrase")]
    max_phrase: usize,
}

fn default_max_phrase() -> usize {
    1
}

fn default_min_chars() -> usize {
    2
}

#[derive(Debug)]
pub struct Repetition {
    allow: Vec<String>,
    min_chars: usize,
    reduplicable: Option<Regex>,
    max_phrase: usize,
}

pub fn build(o: Options) -> Result<Repetition, BuildError> {
    Ok(Repetition {
        allow: nfc_all(&o.allow),
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
}

impl Check for Repetition {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let words: Vec<&Word> = p.words.iter().filter(|w| w.is_letters()).collect();
        let norm: Vec<&str> = words.iter().map(|w| p.norm(w)).collect();
        self.repeated(p, &words, &norm, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    #[test]
    fn repeated_words_except_the_allowed() {
        let c = compile("repetition", r#"allow = ["ধীরে"]"#).unwrap();
        assert_eq!(
            flagged(&*c, "ভাইরাস ভাইরাস ছড়ায় ধীরে ধীরে, ভাইরাস, ভাইরাস", "bn"),
            [("ভাইরাস ভাইরাস".to_string(), Some("ভাইরাস".to_string()))]
        );
    }

    #[test]
    fn phrases_said_twice_and_participles() {
        let c = compile("repetition", r#"max_phrase = 3, reduplicable = '[ক-হ]তে$'"#).unwrap();
        assert_eq!(
            texts(&*c, "রাজা সেখানে রাজা সেখানে গেলেন, কাঁদতে কাঁদতে, বাড়িতে বাড়িতে", "bn"),
            ["রাজা সেখানে রাজা সেখানে", "বাড়িতে বাড়িতে"]
        );
        assert_eq!(
            texts(&*c, "ভাইরাস ভাইরাস ভাইরাস ছড়ায়, রাজা সেখানে রাজা সেখানে রাজা সেখানে", "bn"),
            ["ভাইরাস ভাইরাস ভাইরাস", "রাজা সেখানে রাজা সেখানে"],
            "a run is one hit; a phrase said thrice is reported once"
        );
        let single = compile("repetition", "").unwrap();
        assert!(texts(&*single, "রাজা সেখানে রাজা সেখানে গেলেন", "bn").is_empty());
        assert!(compile("repetition", r#"reduplicable = "(""#).is_err());
    }
}
