//! `misspelled-word`: a frequent word of the language spelled with a wrong confusable letter
//! (Tamil `மேழும்` for `மேலும்`, `உங்கழுக்கு` for `உங்களுக்கு`).
//!
//! The rule holds a lexicon of correct words: `words` as they stand, and `stems` (nouns,
//! pronouns) also with each of `endings` (case and plural endings: `உங்கள்` + `ுக்கு` is
//! `உங்களுக்கு`); any of these forms may be followed by one of `clitics` (`உங்களை` + `ப்` is
//! `உங்களைப்`). An ending or clitic that starts with a combining sign takes the place of a last
//! sign listed in `elide` (Tamil's virama and short u: `உணவு` + `ை` is `உணவை`), and is otherwise
//! written after a letter only. `stem_changes` give a stem that ends so a second stem for its
//! endings (Tamil `ம்` -> `த்த`: `மாதம்`, `மாதத்தில்`). Every form is keyed by folding the
//! `confusables` (letters that spell one sound: ன/ண/ந) to the first of their group. A word of
//! the text that is no form, but whose key (less a clitic) is the key of exactly one form of the
//! lexicon, is that form misspelled. Silent: every form itself; a key that two forms share; a
//! key shared with a form of `also_words` (real words, and their endings, that fold with a form
//! of the lexicon: `வழி` beside `வலி`); every word whose key no form has.
//!
//! `alternates` name letters a form may be written with another (Russian `ё` as `е`): the
//! variant is right too and is the same form, so `ещё` and `еще` stand for one word and neither
//! is flagged, while a letter written the other way round still is (`дёти` for `дети`). A word
//! whose first letter is a capital and the rest not is looked up without the capital and its
//! suggestion takes it back (`Даные` -> `Данные`).
//!
//! Forms are generated once, when the rule first sees a word (about ten thousand for a lexicon
//! of hundreds of words, so a run on another language's documents, which loads the rule, never
//! makes them); a word costs one fold and a lookup per clitic it may end in.

use std::sync::OnceLock;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::consistency::Fold;
use super::{BuildError, Check, Context, Hit};
use crate::hash::{FastMap, FastSet};
use crate::text::Analysis;
use crate::text::script::is_mark;
use crate::text::words::WordKind;

#[derive(Debug, Deserialize)]
pub struct Options {
    /// The lexicon: correct words whose misspellings are flagged, as they stand.
    #[serde(default)]
    words: Vec<String>,
    /// Words of the lexicon that also take the `endings` (nouns, pronouns).
    #[serde(default)]
    stems: Vec<String>,
    /// Real words that are silent and make a key they share with a lexicon word ambiguous;
    /// they take the `endings` too.
    #[serde(default)]
    also_words: Vec<String>,
    /// Groups of letters that spell one sound: the first of each group stands for all.
    confusables: Vec<Vec<String>>,
    /// Endings written onto a word of the lexicon (case, plural).
    #[serde(default)]
    endings: Vec<String>,
    /// Clitics written after a word or a word with an ending (`-உம்`, a doubled consonant).
    #[serde(default)]
    clitics: Vec<String>,
    /// Signs that an ending or clitic starting with a combining sign replaces at a word's end.
    #[serde(default)]
    elide: Vec<String>,
    /// `[end, stem]` pairs: a word ending in `end` takes its endings on the stem with `end`
    /// replaced by `stem`.
    #[serde(default)]
    stem_changes: Vec<(String, String)>,
    /// `[letter, written]` pairs: a form's `letter` may be written `written`, and the word so
    /// written is the same form, right too.
    #[serde(default)]
    alternates: Vec<(String, String)>,
    /// The `stems` are no words alone (Russian `данн`, which only its endings make words): only
    /// a stem with an ending is a form.
    #[serde(default)]
    bound_stems: bool,
}

/// What a key stands for: one form (its index in `Tables::forms`, and whether it is of the
/// lexicon), or more than one.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Entry {
    One { form: u32, lexicon: bool },
    Ambiguous,
}

#[derive(Debug)]
pub struct MisspelledWord {
    fold: Fold,
    /// `words`, `stems`, `also_words`, `endings`, `stem_changes` in NFC.
    words: Vec<String>,
    stems: Vec<String>,
    also: Vec<String>,
    endings: Vec<String>,
    stem_changes: Vec<(String, String)>,
    /// The forms and their keys, made when the rule first sees a word: a run on a document of
    /// another language does not pay for them.
    tables: OnceLock<Tables>,
    /// Clitics, each with its fold.
    clitics: Vec<(String, String)>,
    elide: Vec<char>,
    alternates: Vec<(char, char)>,
    bound_stems: bool,
}

#[derive(Debug, Default)]
struct Tables {
    /// Every form, once per key that names it.
    forms: Vec<String>,
    /// The forms written with their `alternates` (`еще` for `ещё`): right, and no key of their
    /// own.
    written: FastSet<String>,
    /// Folded form -> what it stands for.
    keys: FastMap<String, Entry>,
    /// Folded form with its last elidable sign taken off -> what it stands for, for a
    /// clitic that starts with a sign.
    elided_keys: FastMap<String, Entry>,
}

/// Key `key` for form `form` (an index in `forms`).
fn add(map: &mut FastMap<String, Entry>, forms: &[String], key: String, form: u32, lexicon: bool) {
    match map.get_mut(&key) {
        None => {
            map.insert(key, Entry::One { form, lexicon });
        }
        Some(Entry::One {
            form: f,
            lexicon: l,
        }) if forms[*f as usize] == forms[form as usize] => *l |= lexicon,
        Some(e) => *e = Entry::Ambiguous,
    }
}

/// `base` followed by `tail`: a tail that starts with a combining sign replaces an elidable
/// last sign of `base`, and is written after a letter only.
fn join(base: &str, tail: &str, elide: &[char]) -> Option<String> {
    let starts_with_mark = tail.chars().next().is_some_and(is_mark);
    if !starts_with_mark {
        return Some(format!("{base}{tail}"));
    }
    let last = base.chars().next_back()?;
    if elide.contains(&last) {
        return Some(format!("{}{tail}", &base[..base.len() - last.len_utf8()]));
    }
    (!is_mark(last)).then(|| format!("{base}{tail}"))
}

/// A word's forms: itself (when `alone`), and its stems (the word, its `stem_changes`) with each
/// ending.
fn forms_of(
    word: &str,
    alone: bool,
    endings: &[String],
    stem_changes: &[(String, String)],
    elide: &[char],
) -> Vec<String> {
    let mut stems = vec![word.to_string()];
    for (end, stem) in stem_changes {
        if let Some(s) = word.strip_suffix(end.as_str()) {
            stems.push(format!("{s}{stem}"));
        }
    }
    let mut out = if alone {
        vec![word.to_string()]
    } else {
        Vec::new()
    };
    for stem in &stems {
        out.extend(endings.iter().filter_map(|e| join(stem, e, elide)));
    }
    out.sort();
    out.dedup();
    out
}

pub fn build(o: Options) -> Result<MisspelledWord, BuildError> {
    let nfc = |s: &String| -> String { s.nfc().collect() };
    let words: Vec<String> = o.words.iter().map(nfc).collect();
    let stems: Vec<String> = o.stems.iter().map(nfc).collect();
    if words.iter().chain(&stems).all(|w| w.trim().is_empty()) {
        return Err(BuildError::new("`words`, `stems`: the lexicon is empty"));
    }
    if let Some(w) = words
        .iter()
        .chain(&stems)
        .chain(o.also_words.iter())
        .find(|w| w.trim().is_empty() || w.chars().any(char::is_whitespace))
    {
        return Err(BuildError::new(format!(
            "`words`, `stems`, `also_words`: `{w}` is not one word"
        )));
    }
    let fold = Fold::new(&o.confusables)?;
    if fold.singles().is_empty() && !fold.has_pairs() {
        return Err(BuildError::new(
            "`confusables`: no group of two letters or more",
        ));
    }
    let elide = super::shared::single_chars(&o.elide, "elide", "character", |_| true)?;
    let endings: Vec<String> = o.endings.iter().map(nfc).collect();
    if endings.iter().chain(&o.clitics).any(|e| e.is_empty()) {
        return Err(BuildError::new("`endings`, `clitics`: an empty ending"));
    }
    let stem_changes: Vec<(String, String)> = o
        .stem_changes
        .iter()
        .map(|(a, b)| (a.nfc().collect(), b.nfc().collect()))
        .collect();
    if stem_changes.iter().any(|(a, _)| a.is_empty()) {
        return Err(BuildError::new("`stem_changes`: an empty end"));
    }
    let letters: Vec<String> = o
        .alternates
        .iter()
        .flat_map(|(a, b)| [a.nfc().collect(), b.nfc().collect()])
        .collect();
    let alternates = super::shared::single_chars(&letters, "alternates", "character", |_| true)?
        .chunks(2)
        .map(|pair| (pair[0], pair[1]))
        .collect();
    let mut key = String::new();
    let clitics = o
        .clitics
        .iter()
        .map(|c| {
            let c: String = c.nfc().collect();
            fold.apply(&c, &mut key);
            (c, key.clone())
        })
        .collect();
    Ok(MisspelledWord {
        fold,
        words,
        stems,
        also: o.also_words.iter().map(nfc).collect(),
        endings,
        stem_changes,
        tables: OnceLock::new(),
        clitics,
        elide,
        alternates,
        bound_stems: o.bound_stems,
    })
}

impl MisspelledWord {
    fn tables(&self) -> &Tables {
        self.tables.get_or_init(|| {
            let mut t = Tables::default();
            let mut key = String::new();
            for (list, lexicon, inflected, alone) in [
                (&self.words, true, false, true),
                (&self.stems, true, true, !self.bound_stems),
                (&self.also, false, true, true),
            ] {
                for w in list {
                    let forms = if inflected {
                        forms_of(w, alone, &self.endings, &self.stem_changes, &self.elide)
                    } else {
                        vec![w.clone()]
                    };
                    for form in forms {
                        let Ok(i) = u32::try_from(t.forms.len()) else {
                            return t;
                        };
                        if self.alternates.iter().any(|&(a, _)| form.contains(a)) {
                            let written: String = form
                                .chars()
                                .map(|c| {
                                    self.alternates
                                        .iter()
                                        .find(|&&(a, _)| a == c)
                                        .map_or(c, |&(_, b)| b)
                                })
                                .collect();
                            t.written.insert(written);
                        }
                        t.forms.push(form);
                        let form = &t.forms[i as usize];
                        self.fold.apply(form, &mut key);
                        let last = form.chars().next_back();
                        let elided = last
                            .filter(|c| self.elide.contains(c))
                            .map(|c| form[..form.len() - c.len_utf8()].to_string());
                        add(&mut t.keys, &t.forms, key.clone(), i, lexicon);
                        if let Some(stem) = elided {
                            self.fold.apply(&stem, &mut key);
                            add(&mut t.elided_keys, &t.forms, key.clone(), i, lexicon);
                        }
                    }
                }
            }
            t
        })
    }

    /// The one correct spelling of the word's key, when it is a form of `words` and not the
    /// word itself; `None` for a correct word, an unknown one or an ambiguous key.
    fn expected(&self, word: &str) -> Option<String> {
        // A word that is a form itself is its key's form, or one of an ambiguous key's: silent
        // either way.
        let t = self.tables();
        if t.written.contains(word) {
            return None;
        }
        let mut key = String::new();
        self.fold.apply(word, &mut key);
        let mut found: Option<String> = None;
        let mut consider = |entry: Option<&Entry>, clitic: &str| -> bool {
            match entry {
                None => true,
                Some(Entry::Ambiguous) => false,
                Some(&Entry::One { form, lexicon }) => {
                    let Some(right) = join(&t.forms[form as usize], clitic, &self.elide) else {
                        return true;
                    };
                    if right == word || !lexicon {
                        return false;
                    }
                    match &found {
                        Some(f) if *f != right => false,
                        _ => {
                            found = Some(right);
                            true
                        }
                    }
                }
            }
        };
        if !consider(t.keys.get(&key), "") {
            return None;
        }
        for (clitic, folded) in &self.clitics {
            let Some(rest) = key.strip_suffix(folded.as_str()) else {
                continue;
            };
            if rest.is_empty() {
                continue;
            }
            let entries = if clitic.chars().next().is_some_and(is_mark) {
                // A clitic that starts with a sign replaces an elidable last sign, or follows
                // a letter.
                [t.elided_keys.get(rest), t.keys.get(rest)]
            } else {
                [t.keys.get(rest), None]
            };
            for e in entries.into_iter().flatten() {
                if !consider(Some(e), clitic) {
                    return None;
                }
            }
        }
        found
    }

    /// `expected`, and for a word with a capital first letter and no other capital, `expected`
    /// of it without the capital, the suggestion capitalised.
    fn expected_cased(&self, word: &str) -> Option<String> {
        if let Some(right) = self.expected(word) {
            return Some(right);
        }
        let mut chars = word.chars();
        let first = chars.next()?;
        let rest = chars.as_str();
        if !first.is_uppercase() || rest.chars().any(char::is_uppercase) {
            return None;
        }
        let lower: String = first.to_lowercase().chain(rest.chars()).collect();
        let right = self.expected(&lower)?;
        let mut chars = right.chars();
        let head = chars.next()?;
        Some(head.to_uppercase().chain(chars).collect())
    }
}

impl Check for MisspelledWord {
    fn paragraph(&self, p: &Analysis, _ctx: &Context, out: &mut Vec<Hit>) {
        for w in &p.words {
            if w.kind != WordKind::Letters {
                continue;
            }
            if let Some(right) = self.expected_cased(p.norm(w)) {
                out.push(
                    Hit::new(w.span)
                        .var("expected", right.as_str())
                        .suggest(right),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    const TA: &str = r#"words = ["மேலும்", "ஆனால்", "உள்ள", "இந்த"],
        stems = ["உங்கள்", "உணவு", "வலி", "மாதம்", "சேவை"],
        also_words = ["வழி"],
        confusables = [["ன", "ண", "ந"], ["ல", "ள", "ழ"], ["ர", "ற"], ["ெ", "ே"], ["ொ", "ோ"], ["ி", "ீ"], ["ு", "ூ"]],
        endings = ["ை", "ுக்கு", "ில்", "யை", "கள்", "களை"],
        clitics = ["ும்", "ப்"],
        elide = ["்", "ு"],
        stem_changes = [["ம்", "த்த"]]"#;

    #[test]
    fn frequent_words_with_a_wrong_confusable() {
        let c = compile("misspelled-word", TA).unwrap();
        assert_eq!(
            flagged(&*c, "மேழும், ஆநால் உங்கழுக்கு உழ்ள இன்த உனவு", "ta"),
            [
                ("மேழும்", Some("மேலும்")),
                ("ஆநால்", Some("ஆனால்")),
                ("உங்கழுக்கு", Some("உங்களுக்கு")),
                ("உழ்ள", Some("உள்ள")),
                ("இன்த", Some("இந்த")),
                ("உனவு", Some("உணவு")),
            ]
            .map(|(a, b)| (a.to_string(), b.map(String::from)))
        );
        assert_eq!(
            texts(&*c, "உங்கலைப் சேவைகழை உனவை மாதத்திள் மெலும்", "ta"),
            ["உங்கலைப்", "சேவைகழை", "உனவை", "மாதத்திள்", "மெலும்"]
        );
    }

    #[test]
    fn correct_forms_real_siblings_and_unknown_words_stay_silent() {
        let c = compile("misspelled-word", TA).unwrap();
        assert!(
            texts(
                &*c,
                "மேலும், ஆனால் உங்களுக்கு உங்களைப் உள்ள இந்த உணவை மாதத்தில் சேவைகளை",
                "ta"
            )
            .is_empty()
        );
        // வலி and வழி (pain, way): both real, so வளியை could be either.
        assert!(texts(&*c, "வலி வழி வலியை வழியை வளியை மலை மழை", "ta").is_empty());
    }

    const RU: &str = r#"words = ["дети", "данные", "ещё", "людьми"],
        confusables = [["е", "ё"], ["н", "нн"], ["м", "ьм"]],
        alternates = [["ё", "е"]]"#;

    #[test]
    fn an_alternate_spelling_is_the_same_word_and_a_capital_is_kept() {
        let c = compile("misspelled-word", RU).unwrap();
        // ё may be written е (`еще`), not е as ё (`дёти`).
        assert_eq!(
            flagged(&*c, "Дёти, даные, еще, ещё, людми; Даные.", "ru"),
            [
                ("Дёти", Some("Дети")),
                ("даные", Some("данные")),
                ("людми", Some("людьми")),
                ("Даные", Some("Данные")),
            ]
            .map(|(a, b)| (a.to_string(), b.map(String::from)))
        );
        assert!(texts(&*c, "Дети, данные, Данные, ещё, еще, людьми, ДАНЫЕ", "ru").is_empty());
        // A bound stem is no word alone: `дан` is not `данн` misspelt, `даный` is `данный`.
        let c = compile(
            "misspelled-word",
            r#"stems = ["данн"], endings = ["ый", "ые"], bound_stems = true, confusables = [["н", "нн"]]"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "дан, даный, данные, даные", "ru"),
            ["даный", "даные"]
        );
        assert!(
            compile(
                "misspelled-word",
                r#"words = ["ab"], confusables = [["a", "b"]], alternates = [["ab", "c"]]"#
            )
            .is_err()
        );
    }

    #[test]
    fn options_are_checked() {
        assert!(
            compile(
                "misspelled-word",
                r#"words = [], confusables = [["a", "b"]]"#
            )
            .is_err()
        );
        assert!(compile("misspelled-word", r#"confusables = [["a", "b"]]"#).is_err());
        assert!(
            compile(
                "misspelled-word",
                r#"words = ["a b"], confusables = [["a", "b"]]"#
            )
            .is_err()
        );
        assert!(compile("misspelled-word", r#"words = ["ab"], confusables = []"#).is_err());
        assert!(
            compile(
                "misspelled-word",
                r#"words = ["ab"], confusables = [["a", "b"]], elide = ["ab"]"#
            )
            .is_err()
        );
        // A lexicon word that is a fold-sibling of another is fine: both keys are ambiguous.
        let c = compile(
            "misspelled-word",
            r#"words = ["ab", "bb"], confusables = [["a", "b"]]"#,
        )
        .unwrap();
        assert!(texts(&*c, "ab bb ba", "en").is_empty());
    }
}
