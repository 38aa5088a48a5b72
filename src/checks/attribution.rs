//! `attribution`: the same reporting clause (subject + reporting verb) more than once in one
//! sentence, as MT produces when it keeps the source's attribution and adds its own
//! (`তিনি বলেন, “…,” তিনি বলেন`). "The same" is the same verb in any of its forms, from the
//! pack's lexicon, with the same subject or a spelling variant of it (`কেসিএনএ` / `কেসিএএনএ`).
//!
//! A subject is the word right before the verb or, when the verb is not preceded by one, the
//! word after it that ends the sentence (`…, দাবি করেন অধ্যাপক।`). Compound verbs (a noun and a
//! light verb, `মন্তব্য করা`) take every form of their light verb (`light_verbs`), so a pack
//! lists a paradigm once.

use std::collections::HashMap;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span, Word};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Reporting verbs: each a lemma and its forms (a form may be several words), or a compound
    /// of a noun and a light verb (`light`), which takes the light verb's forms.
    verbs: Vec<VerbSpec>,
    /// Light verbs (`করা`, `দেওয়া`) and their forms, for compound reporting verbs.
    #[serde(default)]
    light_verbs: Vec<LightVerb>,
    /// Words that stand before a verb without being its subject (`আরও`, `এবং`).
    #[serde(default)]
    not_subjects: Vec<String>,
    /// Longest clause, in words, that opening and closing one sentence is flagged whatever its
    /// verb (0: off).
    #[serde(default)]
    frame_words: usize,
    /// Endings of the finite verb forms that close a reporting clause (`েন`, `েছে`), which the
    /// last word of a framing clause must have.
    #[serde(default)]
    frame_endings: Vec<String>,
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
    #[serde(default)]
    forms: Vec<String>,
    /// The light verb this compound ends in: its forms follow the lemma's other words.
    #[serde(default)]
    light: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LightVerb {
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
    frame_words: usize,
    frame_endings: Vec<String>,
}

pub fn build(o: Options) -> Result<Attribution, BuildError> {
    let mut forms = Vec::new();
    let mut lemmas = Vec::new();
    for (i, v) in o.verbs.iter().enumerate() {
        let mut all: Vec<String> = v.forms.clone();
        if let Some(light) = &v.light {
            // A light verb of `light_verbs`, or a simple reporting verb used as one
            // (`আহ্বান জানানো` takes every form of `জানানো`).
            let light_forms = o
                .light_verbs
                .iter()
                .find(|l| l.lemma == *light)
                .map(|l| &l.forms)
                .or_else(|| {
                    o.verbs
                        .iter()
                        .find(|x| x.lemma == *light && x.light.is_none())
                        .map(|x| &x.forms)
                });
            let Some(light_forms) = light_forms else {
                return Err(BuildError::new(format!(
                    "verb `{}`: no light verb `{light}` in `light_verbs` or `verbs`",
                    v.lemma
                )));
            };
            let head = v
                .lemma
                .trim_end()
                .strip_suffix(light.as_str())
                .map(str::trim_end);
            let Some(head) = head.filter(|h| !h.is_empty()) else {
                return Err(BuildError::new(format!(
                    "verb `{}` does not end in its light verb `{light}`",
                    v.lemma
                )));
            };
            all.extend(light_forms.iter().map(|f| format!("{head} {f}")));
        }
        if all.is_empty() {
            return Err(BuildError::new(format!("verb `{}` has no forms", v.lemma)));
        }
        lemmas.push(v.lemma.clone());
        for f in &all {
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
    // Longest forms first (so `বলা হয়েছে` wins over a shorter form), each form once.
    forms.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.cmp(b)));
    forms.dedup();
    if !(0.0..=1.0).contains(&o.min_similarity) {
        return Err(BuildError::new("`min_similarity` must lie between 0 and 1"));
    }
    if o.frame_words == 1 {
        return Err(BuildError::new(
            "`frame_words` is 0 (off) or at least 2: a clause has a subject and a verb",
        ));
    }
    if o.frame_words > 0 && o.frame_endings.is_empty() {
        return Err(BuildError::new("`frame_words` needs `frame_endings`"));
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
        frame_words: o.frame_words,
        frame_endings: o.frame_endings.iter().map(|e| e.nfc().collect()).collect(),
    })
}

/// Longest subject compared by similarity, in bytes (the comparison costs length squared).
const MAX_SUBJECT_BYTES: usize = 192;

/// Most words of an inverted subject after its verb (`জাতিসংঘের মহাসচিব`).
const INVERTED_WORDS: usize = 3;

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
            || (a.len() <= MAX_SUBJECT_BYTES
                && b.len() <= MAX_SUBJECT_BYTES
                && a.chars().count() >= 4
                && b.chars().count() >= 4
                && strsim::normalized_damerau_levenshtein(a, b) >= self.min_similarity)
    }

    /// Word `k` can be a subject: a word of letters that the pack does not rule out.
    fn can_be_subject(&self, p: &Analysis, w: &Word) -> bool {
        w.is_letters() && !self.not_subjects.iter().any(|s| s == p.norm(w))
    }

    /// The subject of the verb at words `j..end`: the word before it or, failing that, the
    /// last word of a short phrase (at most `INVERTED_WORDS` words) that follows the verb and
    /// ends the sentence (an inverted clause: `…, নিশ্চিত করেছেন জাতিসংঘের মহাসচিব।`).
    fn subject_of(&self, p: &Analysis, words: &[Word], j: usize, end: usize) -> Option<usize> {
        let before = j.checked_sub(1).filter(|&k| {
            self.can_be_subject(p, &words[k]) && p.only_space_between(words[k].span, words[j].span)
        });
        before.or_else(|| {
            let after = &words[end.min(words.len())..];
            let inverted = (1..=INVERTED_WORDS).contains(&after.len())
                && after.iter().all(|w| self.can_be_subject(p, w))
                && (end..words.len())
                    .all(|k| p.only_space_between(words[k - 1].span, words[k].span));
            inverted.then(|| words.len() - 1)
        })
    }

    fn sentence(&self, p: &Analysis, words: &[Word], out: &mut Vec<Hit>) {
        let before = out.len();
        self.clauses(p, words, out);
        if out.len() == before {
            self.frame(p, words, out);
        }
    }

    /// A sentence whose first part (before its first comma) is a short clause that also closes
    /// the sentence, whatever its verb: `মন্ত্রী প্রশ্ন তোলেন, …, মন্ত্রী প্রশ্ন তোলেন।`. A
    /// sentence framed by one clause twice is the shape of a duplicated attribution even when
    /// the verb is in no lexicon; the clause must be the whole first part, so parallel phrases
    /// (`…কমাতে পারে, …বাড়াতে পারে`) are not taken for one.
    fn frame(&self, p: &Analysis, words: &[Word], out: &mut Vec<Hit>) {
        // The first word after the sentence's first comma.
        let Some(c) = (1..words.len()).find(|&i| {
            p.text[words[i - 1].span.end..words[i].span.start].contains([',', '،', '，'])
        }) else {
            return;
        };
        let tight = |ws: &[Word]| {
            ws.windows(2)
                .all(|w| p.only_space_between(w[0].span, w[1].span))
        };
        // The clause is the whole first part: `c` words, and something between it and its
        // repetition.
        if !(2..=self.frame_words).contains(&c) || words.len() < 2 * c + 1 {
            return;
        }
        let (head, tail) = (&words[..c], &words[words.len() - c..]);
        let same = head
            .iter()
            .zip(tail)
            .all(|(a, b)| a.is_letters() && p.norm(a) == p.norm(b));
        // The closing copy is a clause of its own: set off by a comma or a closing quote
        // (`…, নাও হতে পারে` is not), and it ends in a finite reporting form of the language
        // (`তোলেন`, `জানিয়েছে`; not `চাই`, `যাক`, `না`).
        let before_tail = &p.text[words[words.len() - c - 1].span.end..tail[0].span.start];
        let set_off = before_tail.contains([',', '،', '，', '”', '"', '’', '»']);
        let verb = p.norm(&head[c - 1]);
        let finite = self
            .frame_endings
            .iter()
            .any(|e| verb.ends_with(e.as_str()));
        if same && set_off && finite && tight(head) && tight(tail) {
            let span = Span::new(tail[0].span.start, tail[c - 1].span.end);
            let first = Span::new(head[0].span.start, head[c - 1].span.end);
            out.push(Hit::new(span).var("first", p.slice(first)));
        }
    }

    /// Reporting clauses of the lexicon's verbs, each compared with those before it.
    fn clauses<'p>(&self, p: &'p Analysis, words: &[Word], out: &mut Vec<Hit>) {
        let mut clauses: Vec<Clause<'p>> = Vec::new();
        let mut j = 0;
        while j < words.len() {
            let Some((lemma, len)) = self.verb_at(p, words, j) else {
                j += 1;
                continue;
            };
            let end = j + len;
            if let Some(k) = self.subject_of(p, words, j, end) {
                let subject = p.norm(&words[k]);
                let (first_word, last_word) = (k.min(j), (end - 1).max(k));
                let span = Span::new(words[first_word].span.start, words[last_word].span.end);
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
            j = end;
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

    #[test]
    fn a_sentence_framed_by_one_clause_whatever_its_verb() {
        let c = compile(
            "attribution",
            &format!(r#"{VERBS}, frame_words = 4, frame_endings = ["েন", "েছে"]"#),
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "মন্ত্রী প্রশ্ন তোলেন, “টাকা কোথায়,” মন্ত্রী প্রশ্ন তোলেন।", "bn"),
            ["মন্ত্রী প্রশ্ন তোলেন"]
        );
        assert!(
            texts(
                &*c,
                "টিকা নিলে রোগের ঝুঁকি কমাতে পারে, ব্যায়াম করলেও ঝুঁকি কমাতে পারে।",
                "bn"
            )
            .is_empty(),
            "the first part is longer than the clause: parallel phrases"
        );
        for clean in [
            "হতে পারেন, আবার নাও হতে পারেন।",
            "দেখা যাক, সামনে কী হয়, দেখা যাক।",
            "কেউ জানে না, কবে যুদ্ধ শেষ হবে, কেউ জানে না।",
        ] {
            assert!(texts(&*c, clean, "bn").is_empty(), "{clean}");
        }
        assert!(compile("attribution", &format!("{VERBS}, frame_words = 1")).is_err());
        assert!(compile("attribution", &format!("{VERBS}, frame_words = 3")).is_err());
        let off = compile("attribution", VERBS).unwrap();
        assert!(texts(&*off, "মন্ত্রী প্রশ্ন তোলেন, টাকা কোথায়, মন্ত্রী প্রশ্ন তোলেন।", "bn").is_empty());
    }
}
