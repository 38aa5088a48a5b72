//! `attribution`: the same reporting clause (subject + reporting verb) more than once in one
//! sentence, as MT produces when it keeps the source's attribution and adds its own
//! (`তিনি বলেন, “…,” তিনি বলেন`). "The same" is the same verb in any of its forms, from the
//! pack's lexicon, with the same subject or a spelling variant of it (`কেসিএনএ` / `কেসিএএনএ`).

use std::collections::HashMap;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span, Word};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Reporting verbs: each a lemma and its forms (a form may be several words).
    verbs: Vec<VerbSpec>,
    /// Words that stand before a verb without being its subject (`আরও`, `এবং`).
    #[serde(default)]
    not_subjects: Vec<String>,
    /// Two subjects are one when normalized Damerau-Levenshtein similarity reaches this.
    #[serde(default = "default_similarity")]
    min_similarity: f64,
}

fn default_similarity() -> f64 {
    0.8
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct VerbSpec {
    lemma: String,
    forms: Vec<String>,
}

#[derive(Debug)]
pub struct Attribution {
    /// (lemma index, form as NFC words), longest forms first.
    forms: Vec<(usize, Vec<String>)>,
    /// The forms (indices into `forms`, longest first) that start with a word.
    by_first: HashMap<String, Vec<usize>>,
    lemmas: Vec<String>,
    not_subjects: Vec<String>,
    min_similarity: f64,
}

pub fn build(o: Options) -> Result<Attribution, BuildError> {
    let mut forms = Vec::new();
    let mut lemmas = Vec::new();
    for (i, v) in o.verbs.iter().enumerate() {
        if v.forms.is_empty() {
            return Err(BuildError::new(format!("verb `{}` has no forms", v.lemma)));
        }
        lemmas.push(v.lemma.clone());
        for f in &v.forms {
            let words: Vec<String> = f.split_whitespace().map(|w| w.nfc().collect()).collect();
            if words.is_empty() {
                return Err(BuildError::new(format!(
                    "verb `{}` has an empty form",
                    v.lemma
                )));
            }
            forms.push((i, words));
        }
    }
    forms.sort_by_key(|f| std::cmp::Reverse(f.1.len()));
    if !(0.0..=1.0).contains(&o.min_similarity) {
        return Err(BuildError::new("`min_similarity` must lie between 0 and 1"));
    }
    let mut by_first: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, (_, words)) in forms.iter().enumerate() {
        by_first.entry(words[0].clone()).or_default().push(k);
    }
    Ok(Attribution {
        forms,
        by_first,
        lemmas,
        not_subjects: o.not_subjects.iter().map(|w| w.nfc().collect()).collect(),
        min_similarity: o.min_similarity,
    })
}

/// One reporting clause found in a sentence.
struct Clause<'p> {
    lemma: usize,
    subject: &'p str,
    span: Span,
}

impl Attribution {
    /// The form of a reporting verb starting at word `j`, as (lemma, number of words).
    fn verb_at(&self, p: &Analysis, words: &[Word], j: usize) -> Option<(usize, usize)> {
        let candidates = self.by_first.get(p.norm(&words[j]))?;
        candidates.iter().find_map(|&k| {
            let (lemma, form) = &self.forms[k];
            let end = j + form.len();
            if end > words.len() {
                return None;
            }
            let rest_matches = (j + 1..end).all(|k| {
                p.only_space_between(words[k - 1].span, words[k].span)
                    && p.norm(&words[k]) == form[k - j].as_str()
            });
            rest_matches.then_some((*lemma, form.len()))
        })
    }

    fn same_subject(&self, a: &str, b: &str) -> bool {
        a == b
            || (a.chars().count() >= 4
                && b.chars().count() >= 4
                && strsim::normalized_damerau_levenshtein(a, b) >= self.min_similarity)
    }

    fn sentence<'p>(&self, p: &'p Analysis, words: &[Word], out: &mut Vec<Hit>) {
        let mut clauses: Vec<Clause<'p>> = Vec::new();
        let mut j = 1;
        while j < words.len() {
            let Some((lemma, len)) = self.verb_at(p, words, j) else {
                j += 1;
                continue;
            };
            let subject = p.norm(&words[j - 1]);
            if p.only_space_between(words[j - 1].span, words[j].span)
                && words[j - 1].is_letters()
                && !self.not_subjects.iter().any(|s| s == subject)
            {
                let span = Span::new(words[j - 1].span.start, words[j + len - 1].span.end);
                if let Some(first) = clauses
                    .iter()
                    .find(|c| c.lemma == lemma && self.same_subject(c.subject, subject))
                {
                    out.push(
                        Hit::new(span)
                            .var("first", p.slice(first.span))
                            .var("verb", self.lemmas[lemma].as_str()),
                    );
                }
                clauses.push(Clause {
                    lemma,
                    subject,
                    span,
                });
            }
            j += len;
        }
    }
}

impl Check for Attribution {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        // Words and sentences are both in order: one walk hands each sentence its words.
        let mut next = 0;
        for sentence in &p.sentences {
            while next < p.words.len() && p.words[next].span.start < sentence.start {
                next += 1;
            }
            let begin = next;
            while next < p.words.len() && p.words[next].span.end <= sentence.end {
                next += 1;
            }
            self.sentence(p, &p.words[begin..next], out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    const VERBS: &str = r#"verbs = [{ lemma = "say", forms = ["বলেন", "বলেছেন", "বলা হয়েছে"] }], not_subjects = ["আরও"]"#;

    #[test]
    fn same_subject_and_verb_in_one_sentence() {
        let c = compile("attribution", VERBS).unwrap();
        assert_eq!(
            texts(&*c, "তিনি বলেন, ভালো হয়েছে, তিনি বলেছেন।", "bn"),
            ["তিনি বলেছেন"]
        );
        assert_eq!(
            texts(
                &*c,
                "প্রতিবেদনে বলা হয়েছে, দাম বাড়বে, প্রতিবেদনে বলা হয়েছে।",
                "bn"
            ),
            ["প্রতিবেদনে বলা হয়েছে"]
        );
    }

    #[test]
    fn other_subjects_sentences_and_non_subjects_are_not_one_clause() {
        let c = compile("attribution", VERBS).unwrap();
        assert!(texts(&*c, "তিনি বলেন, ভালো হয়েছে, মন্ত্রী বলেন।", "bn").is_empty());
        assert!(texts(&*c, "তিনি বলেন, ভালো হয়েছে। তিনি বলেন, চুক্তি হবে।", "bn").is_empty());
        assert!(texts(&*c, "তারা আরও বলেন, ভালো, এবং আরও বলেন।", "bn").is_empty());
        assert!(compile("attribution", r#"verbs = [{ lemma = "x", forms = [] }]"#).is_err());
    }
}
