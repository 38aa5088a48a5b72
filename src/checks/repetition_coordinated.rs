//! `repetition-coordinated`: a word coordinated with itself, inflected or not
//! (`যোগাযোগ ও যোগাযোগের`), unless a negation follows (`রোগনির্ণিত এবং রোগনির্ণিত নয়`,
//! "diagnosed and undiagnosed") or the second conjunct is a compound that starts with the word
//! (`গ্রাম বা গ্রাম-পঞ্চায়েত`, and with `compounds`, `अल्कोहल या अल्कोहल हैंड रब्स`). Words joined by
//! a hyphen are one word; a conjunction the script writes onto the next word
//! (`conjunction_prefixes`: Arabic `الاتصال والاتصال`) coordinates as a spaced one does.

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::shared::{Token, hyphen_tokens, is_comma, lowercase_words, nfc_all};
use super::{BuildError, Check, Context, Hit};
use crate::lexicon::Lexicon;
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Words never judged (`ঘন ও ঘন`: "more and more").
    #[serde(default)]
    allow: Vec<String>,
    /// Possessives that may head a longer second conjunct (`আমার বা আমার পরিবারের` mine or my
    /// family's): not flagged when a word follows the second copy that can be the head of its
    /// phrase (none of `conjunctions`, `postpositions`, `negations`); flagged when nothing or
    /// a postposition follows (`যার এবং যার জন্য`).
    #[serde(default)]
    possessives: Vec<String>,
    /// Coordinating conjunctions written as words (`ও`, `এবং`).
    #[serde(default)]
    conjunctions: Vec<String>,
    /// Coordinating conjunctions the script writes onto the next word (Arabic `و`):
    /// `الاتصال والاتصال` is `X and X`.
    #[serde(default)]
    conjunction_prefixes: Vec<String>,
    /// Words that, after the second conjunct, make the coordination an antonym pair.
    #[serde(default)]
    negations: Vec<String>,
    /// Words that, right before the first conjunct, make it another word: a negation or a
    /// prefix written as a word of its own (Arabic `غير الحكومية والحكومية` non-governmental
    /// and governmental, `ما قبل السريري والسريري` preclinical and clinical).
    #[serde(default)]
    negations_before: Vec<String>,
    /// Words that govern a preceding coordination (`বিষয়ে`, `জন্য`): with them an inflected
    /// second conjunct is flagged; without them only an identical one is.
    #[serde(default)]
    postpositions: Vec<String>,
    /// `X and X Y` may coordinate X with a compound that starts with it (`अल्कोहल या अल्कोहल
    /// हैंड रब्स` alcohol or alcohol hand rubs): when on, an uninflected second conjunct
    /// followed by a word that can head a compound (none of `conjunctions`, `postpositions`,
    /// `negations`, nor matched by `phrase_end`) is taken for the first part of one, and not
    /// flagged.
    #[serde(default)]
    compounds: bool,
    /// With `compounds`: a regex for the words after the second conjunct that end the phrase
    /// rather than continue a compound (verbs, auxiliaries, pronouns, particles), matched
    /// against the word in NFC.
    #[serde(default)]
    phrase_end: Option<Spanned<String>>,
    /// With `compounds`: a regex for conjuncts that modify the noun after them rather than
    /// compound with it (adjectives: `மிதமான அல்லது மிதமான பாதிப்பு` is still flagged), matched
    /// against the word in NFC.
    #[serde(default)]
    modifier: Option<Spanned<String>>,
    /// With `compounds`: a regex for words that `phrase_end` takes for the end of the phrase
    /// but that, with a postposition after them, are nouns in the oblique case continuing a
    /// compound (`पैकेजिंग और पैकेजिंग कचरे के` packaging and packaging waste), matched against
    /// the word in NFC.
    #[serde(default)]
    oblique: Option<Spanned<String>>,
    /// Endings that make another word of a stem (Hindi `-ियों` is the plural of a noun in `-ी`:
    /// `शिकार और शिकारियों` prey and predators): a second conjunct with one of them is not the
    /// first word inflected.
    #[serde(default)]
    derived_endings: Vec<String>,
    /// Words written after a noun that make another word of it (Bengali `জাতীয়` -type,
    /// `সংক্রান্ত` -related, `মুক্ত` -free): after the second conjunct, the pair names two
    /// things (`প্রোটিন বা প্রোটিন জাতীয় খাবার` protein or protein-type food).
    #[serde(default)]
    derived_words: Vec<String>,
    /// Shortest word judged, in characters.
    #[serde(default = "default_min_chars")]
    min_chars: usize,
    /// Whether an inflected second conjunct (the same stem with another ending) may be flagged:
    /// off where endings make another word (Arabic `عام أو عامين` a year or two years).
    #[serde(default = "default_true")]
    inflected: bool,
}

fn default_min_chars() -> usize {
    2
}

fn default_true() -> bool {
    true
}

#[derive(Debug)]
pub struct Coordinated {
    allow: Vec<String>,
    possessives: Vec<String>,
    conjunctions: Vec<String>,
    conjunction_prefixes: Vec<String>,
    negations: Vec<String>,
    negations_before: Vec<String>,
    postpositions: Vec<String>,
    compounds: bool,
    phrase_end: Option<Regex>,
    modifier: Option<Regex>,
    oblique: Option<Regex>,
    derived_endings: Vec<String>,
    derived_words: Vec<String>,
    min_chars: usize,
    inflected: bool,
}

pub fn build(o: Options) -> Result<Coordinated, BuildError> {
    if o.conjunctions.is_empty() && o.conjunction_prefixes.is_empty() {
        return Err(BuildError::new(
            "`conjunctions` or `conjunction_prefixes` must name at least one conjunction",
        ));
    }
    if o.conjunction_prefixes.iter().any(|c| c.trim().is_empty()) {
        return Err(BuildError::new("`conjunction_prefixes`: an empty prefix"));
    }
    if !o.compounds && (o.phrase_end.is_some() || o.modifier.is_some() || o.oblique.is_some()) {
        return Err(BuildError::new(
            "`phrase_end`, `modifier` and `oblique` are read only with `compounds = true`",
        ));
    }
    let regex = |option: &str, r: &Option<Spanned<String>>| {
        r.as_ref()
            .map(|r| super::pattern::compile_option_regex(option, r))
            .transpose()
    };
    Ok(Coordinated {
        allow: nfc_all(&o.allow),
        possessives: nfc_all(&o.possessives),
        conjunctions: nfc_all(&o.conjunctions),
        conjunction_prefixes: nfc_all(&o.conjunction_prefixes),
        negations: nfc_all(&o.negations),
        negations_before: nfc_all(&o.negations_before),
        postpositions: nfc_all(&o.postpositions),
        compounds: o.compounds,
        phrase_end: regex("phrase_end", &o.phrase_end)?,
        modifier: regex("modifier", &o.modifier)?,
        oblique: regex("oblique", &o.oblique)?,
        derived_endings: nfc_all(&o.derived_endings),
        derived_words: nfc_all(&o.derived_words),
        min_chars: o.min_chars,
        inflected: o.inflected,
    })
}

/// A token's stem: a hyphen-joined ending (`যোগাযোগ-এর`) or an attached one taken off.
fn stem<'t>(p: &'t Analysis, lexicon: &Lexicon, t: &'t str, token: Option<&'t Token>) -> &'t str {
    if let Some((before, ending)) = token.and_then(|token| token.split_last_hyphen(p))
        && lexicon.is_ending(ending)
    {
        return before;
    }
    lexicon.split_ending(t, 2).0
}

impl Coordinated {
    fn judged(&self, word: &str) -> bool {
        word.chars().count() >= self.min_chars && !self.allow.iter().any(|a| a == word)
    }

    fn is(list: &[String], w: &str) -> bool {
        // Asked of every word: the last byte tells most words apart before their bytes are
        // compared (the first bytes of a word are its script's block in many scripts).
        let last = w.as_bytes().last();
        list.iter()
            .any(|x| x.len() == w.len() && x.as_bytes().last() == last && x == w)
    }

    /// Judge `a conj b` (tokens `ia` and `ib`; `b` is written `b_text` without any attached
    /// conjunction, and is the whole token `b_token` when none was attached) and flag it from
    /// `ia` to `ib`.
    fn judge(
        &self,
        (p, ctx): (&Analysis, &Context),
        words: &[&Token],
        (ia, ib): (usize, usize),
        (b_text, b_token): (&str, Option<&Token>),
        out: &mut Vec<Hit>,
    ) {
        let a = words[ia].norm(p);
        if !self.judged(a) {
            return;
        }
        let identical = a == b_text;
        if !identical
            && (!self.inflected
                || stem(p, &ctx.lexicon, a, Some(words[ia]))
                    != stem(p, &ctx.lexicon, b_text, b_token))
        {
            return;
        }
        if !identical
            && self
                .derived_endings
                .iter()
                .any(|e| b_text.ends_with(e.as_str()) && !a.ends_with(e.as_str()))
        {
            return;
        }
        let next = words
            .get(ib + 1)
            .filter(|next| p.only_space_between(words[ib].span, next.span))
            .map(|n| n.norm(p));
        if next.is_some_and(|n| Self::is(&self.negations, n) || Self::is(&self.derived_words, n)) {
            return;
        }
        // `non-X and X`: a negation or a prefix before the first conjunct makes another word.
        if ia > 0
            && p.only_space_between(words[ia - 1].span, words[ia].span)
            && Self::is(&self.negations_before, words[ia - 1].norm(p))
        {
            return;
        }
        // `mine or my family's`: the second copy heads a phrase.
        if identical
            && Self::is(&self.possessives, a)
            && next.is_some_and(|n| {
                !Self::is(&self.conjunctions, n) && !Self::is(&self.postpositions, n)
            })
        {
            return;
        }
        // `X and X-of Y` may name two things (alcohol and alcohol rub): an inflected second
        // conjunct is flagged only when a postposition governs the whole pair
        // (`যোগাযোগ ও যোগাযোগের বিষয়ে`) or nothing follows.
        let governed = identical
            || self.postpositions.is_empty()
            || next.is_none_or(|n| Self::is(&self.postpositions, n));
        if !governed {
            return;
        }
        // `X or X Y`: the second conjunct is the first part of a compound (`अल्कोहल या अल्कोहल
        // हैंड रब्स`), unless the word after it ends the phrase or X modifies it. A word in the
        // oblique case before a postposition continues the compound (`X और X कचरे के`).
        let oblique = |n: &str| {
            self.oblique.as_ref().is_some_and(|r| r.is_match(n))
                && words
                    .get(ib + 2)
                    .filter(|w| p.only_space_between(words[ib + 1].span, w.span))
                    .is_some_and(|w| Self::is(&self.postpositions, w.norm(p)))
        };
        if self.compounds
            && identical
            && let Some(n) = next
            && !Self::is(&self.conjunctions, n)
            && !Self::is(&self.postpositions, n)
            && (oblique(n) || !self.phrase_end.as_ref().is_some_and(|r| r.is_match(n)))
            && !self
                .conjunction_prefixes
                .iter()
                .any(|c| n.starts_with(c.as_str()))
            && !self.modifier.as_ref().is_some_and(|m| m.is_match(a))
        {
            return;
        }
        out.push(
            Hit::new(Span::new(words[ia].span.start, words[ib].span.end))
                .suggest(b_text.to_string()),
        );
    }

    fn coordinated(&self, p: &Analysis, ctx: &Context, words: &[&Token], out: &mut Vec<Hit>) {
        for i in 1..words.len() {
            // `X وX`: the conjunction written onto the second conjunct.
            if !self.conjunction_prefixes.is_empty()
                && p.only_space_between(words[i - 1].span, words[i].span)
            {
                let b = words[i].norm(p);
                for prefix in &self.conjunction_prefixes {
                    if let Some(rest) = b.strip_prefix(prefix.as_str())
                        && rest.chars().count() >= self.min_chars
                    {
                        self.judge((p, ctx), words, (i - 1, i), (rest, None), out);
                        break;
                    }
                }
            }
            // `X and X`.
            if i >= 2
                && Self::is(&self.conjunctions, words[i - 1].norm(p))
                && p.only_space_between(words[i - 2].span, words[i - 1].span)
                && p.only_space_between(words[i - 1].span, words[i].span)
            {
                let b = (words[i].norm(p), Some(words[i]));
                self.judge((p, ctx), words, (i - 2, i), b, out);
            }
        }
    }
}

impl Check for Coordinated {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let tokens = hyphen_tokens(p);
        let mut words: Vec<&Token> = Vec::with_capacity(tokens.len());
        words.extend(tokens.iter().filter(|w| w.letters));
        let mut hits = Vec::new();
        self.coordinated(p, ctx, &words, &mut hits);
        // A coordination its source has as often (`alcohol and alcohol rubs`) is faithful.
        if !hits.is_empty()
            && let Some(source) = p.source()
            && self_coordinations(source) >= hits.len()
        {
            return;
        }
        out.extend(hits);
    }
}

/// How many words of `text` coordinate with themselves: a word of three letters or more,
/// then one word (a conjunction, in any language: `and`, `or`, `und`, `и`) or a comma, then
/// the same word, in any case (`alcohol and alcohol rubs`, `Virus, virus`).
fn self_coordinations(text: &Analysis) -> usize {
    let words = lowercase_words(text);
    let only_spaces_or_comma =
        |between: &str| between.chars().all(|c| c.is_whitespace() || is_comma(c));
    (0..words.len())
        .filter(|&i| {
            let (a, w) = &words[i];
            w.chars().count() >= 3
                && ((i + 1 < words.len()
                    && words[i + 1].1 == *w
                    && text.text[a.end..words[i + 1].0.start].contains(is_comma))
                    || (i + 2 < words.len()
                        && words[i + 2].1 == *w
                        && only_spaces_or_comma(&text.text[a.end..words[i + 1].0.start])
                        && only_spaces_or_comma(
                            &text.text[words[i + 1].0.end..words[i + 2].0.start],
                        )))
        })
        .count()
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    const BN: &str = r#"conjunctions = ["ও", "বা"], negations = ["নয়"], postpositions = ["বিষয়ে"]"#;

    #[test]
    fn coordination_with_itself_negations_and_postpositions() {
        assert!(
            compile("repetition-coordinated", "").is_err(),
            "needs conjunctions"
        );
        let c = compile("repetition-coordinated", BN).unwrap();
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
    fn a_coordination_its_source_has_is_faithful() {
        let c = compile("repetition-coordinated", BN).unwrap();
        let against = |source: &str| {
            crate::checks::testing::flagged_against(&*c, source, "সংক্রমণ ও সংক্রমণ ছড়ায়")
        };
        assert!(against("Infection and infection spread.").is_empty());
        assert!(against("Infection, infection spread.").is_empty());
        assert_eq!(against("Infection spreads."), ["সংক্রমণ ও সংক্রমণ"]);
        assert_eq!(
            against("The virus or symptoms of the virus."),
            ["সংক্রমণ ও সংক্রমণ"],
            "the same word further apart is no coordination"
        );
    }

    #[test]
    fn a_possessive_may_head_the_second_conjunct() {
        let c = compile(
            "repetition-coordinated",
            r#"conjunctions = ["ও", "বা", "এবং"], postpositions = ["কাছে"], possessives = ["আমার", "যার"]"#,
        )
        .unwrap();
        assert!(texts(&*c, "আমার বা আমার পরিবারের কারও উপসর্গ", "bn").is_empty());
        assert_eq!(texts(&*c, "যার এবং যার কাছে টাকা আছে", "bn"), ["যার এবং যার"]);
        assert_eq!(texts(&*c, "এটা আমার ও আমার", "bn"), ["আমার ও আমার"]);
    }

    #[test]
    fn a_hyphenated_compound_is_another_word_a_hyphenated_ending_is_not() {
        let c = compile("repetition-coordinated", BN).unwrap();
        assert!(texts(&*c, "গ্রাম বা গ্রাম-পঞ্চায়েত স্তরে", "bn").is_empty());
        assert!(texts(&*c, "প্রাক-ক্লিনিক্যাল ও ক্লিনিক্যাল পর্যায়ে", "bn").is_empty());
        assert_eq!(
            texts(&*c, "যোগাযোগ ও যোগাযোগ-এর বিষয়ে", "bn"),
            ["যোগাযোগ ও যোগাযোগ-এর"]
        );
    }

    #[test]
    fn a_compound_after_the_second_conjunct() {
        let c = compile(
            "repetition-coordinated",
            r#"conjunctions = ["और", "या"], postpositions = ["के", "में"], compounds = true,
               phrase_end = '^(है|सुनी|बढ़ाने)$|[ेी]$', modifier = '[ेी]$',
               oblique = '(?:[^न]े|ों)$', derived_endings = ["ियों"]"#,
        )
        .unwrap();
        for clean in [
            "अल्कोहल या अल्कोहल हैंड रब्स में",
            "नए प्रोटीन या प्रोटीन विशेषताएं",
            "पैकेजिंग और पैकेजिंग कचरे के नियम",
        ] {
            assert!(texts(&*c, clean, "hi").is_empty(), "{clean}");
        }
        for (stutter, flag) in [
            ("संपर्क और संपर्क के लिए", "संपर्क और संपर्क"),
            ("बातचीत और बातचीत सुनी।", "बातचीत और बातचीत"),
            ("संपर्क और संपर्क।", "संपर्क और संपर्क"),
            ("छोटी और छोटी उम्मीदें", "छोटी और छोटी"),
            ("संपर्क और संपर्क, फिर", "संपर्क और संपर्क"),
            ("संपर्क और संपर्क बढ़ाने के लिए", "संपर्क और संपर्क"),
            ("समर्थन और समर्थन सुनी के", "समर्थन और समर्थन"),
        ] {
            assert_eq!(texts(&*c, stutter, "hi"), [flag], "{stutter}");
        }
        assert!(
            compile(
                "repetition-coordinated",
                r#"conjunctions = ["और"], phrase_end = "है""#
            )
            .is_err(),
            "phrase_end without compounds"
        );
    }

    #[test]
    fn a_conjunction_written_onto_the_word() {
        let c = compile(
            "repetition-coordinated",
            r#"conjunctions = ["أو"], conjunction_prefixes = ["و"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "يجب تجنب الاتصال والاتصال المباشر", "ar"),
            ["الاتصال والاتصال"]
        );
        assert_eq!(texts(&*c, "الاتصال أو الاتصال", "ar"), ["الاتصال أو الاتصال"]);
        assert!(texts(&*c, "الاتصال والتواصل، وزير وزير", "ar").is_empty());
        let before = compile(
            "repetition-coordinated",
            r#"conjunctions = ["أو"], conjunction_prefixes = ["و"], negations_before = ["غير", "قبل"]"#,
        )
        .unwrap();
        assert!(texts(&*before, "المنظمات غير الحكومية والحكومية", "ar").is_empty());
        assert!(texts(&*before, "التطوير ما قبل السريري والسريري", "ar").is_empty());
        assert_eq!(
            texts(&*before, "المنظمات الحكومية والحكومية", "ar"),
            ["الحكومية والحكومية"]
        );
        let identical = compile(
            "repetition-coordinated",
            &format!("{BN}, inflected = false"),
        )
        .unwrap();
        assert!(texts(&*identical, "যোগাযোগ ও যোগাযোগের বিষয়ে কথা", "bn").is_empty());
        assert_eq!(texts(&*identical, "সংক্রমণ ও সংক্রমণ ছড়ায়", "bn").len(), 1);
    }
}
