//! `mixed-script`: text in a script other than the document's where it does not belong.
//!
//! - `mode = "word"`: one word (UAX #29) whose letters and marks resolve to no single script
//!   (UTS #39), such as an English word glued into a Bengali one (`দৃsolid`).
//! - `mode = "stray-word"`: a lone lowercase word of another cased script standing among
//!   native words (`date` opening a Bengali paragraph, `দৃ solid ়`, `colon পনিবেশিক`).
//!   Professional text writes foreign material as names (capitalised), acronyms, glosses in
//!   brackets, runs of several foreign words, units after numbers, URLs and code: none of
//!   those is a lone lowercase word between native words, so none is flagged. The source
//!   language's most frequent words (`the`, `however`, `a`) are never names or
//!   units, so a lone one is flagged capitalised too, and below `min_letters` (the
//!   language data's `source_words`, from the `source-en` pack).

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use unicode_normalization::UnicodeNormalization;
use unicode_script::Script;

use crate::lexicon::SourceCase;
use crate::text::script::{
    is_cased_letter, is_decimal_digit, is_letter, is_letter_or_mark, is_lowercase_letter, script_of,
};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    mode: Mode,
    /// Words never flagged (compared case-insensitively).
    #[serde(default)]
    allow: Vec<String>,
    /// Shortest stray word flagged, in letters.
    #[serde(default = "default_min_letters")]
    min_letters: usize,
    /// Longest native prefix (in letters and marks) accepted before a foreign word, for
    /// scripts that attach proclitics (Arabic `و`).
    #[serde(default = "default_max_proclitic")]
    max_proclitic: usize,
}

fn default_max_proclitic() -> usize {
    1
}

fn default_min_letters() -> usize {
    2
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    Word,
    StrayWord,
}

#[derive(Debug)]
pub struct MixedScript {
    mode: Mode,
    allow: Vec<String>,
    min_letters: usize,
    max_proclitic: usize,
}

pub fn build(o: Options) -> Result<MixedScript, BuildError> {
    Ok(MixedScript {
        mode: o.mode,
        allow: o.allow.iter().map(|w| w.to_lowercase()).collect(),
        min_letters: o.min_letters,
        max_proclitic: o.max_proclitic,
    })
}

/// A whitespace-separated token and what its letters are.
struct Token {
    /// The token with trailing sentence punctuation removed.
    core: Span,
    letters: usize,
    /// The first and last letters are of the document's script.
    native_start: bool,
    native_end: bool,
    /// Nothing but letters of one cased foreign script in `core`.
    foreign_word: bool,
    /// A foreign word all in lowercase.
    plain_foreign_word: bool,
    has_digit: bool,
}

fn tokens(p: &Analysis, native: unicode_script::Script) -> Vec<Token> {
    let mut out = Vec::new();
    let text = p.text;
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push(token(text, Span::new(s, i), native));
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn token(text: &str, span: Span, native: unicode_script::Script) -> Token {
    let raw = &text[span.start..span.end];
    let core_str = raw.trim_end_matches([',', ';', ':', '.', '!', '?', '।', '॥']);
    let core = Span::new(span.start, span.start + core_str.len());
    let mut letters = 0;
    let mut first_native = None;
    let mut last_native = false;
    let mut foreign_script = None;
    let mut plain = !core_str.is_empty();
    let mut has_digit = false;
    for c in raw.chars() {
        has_digit |= is_decimal_digit(c);
        if is_letter(c) {
            letters += 1;
            let s = script_of(c);
            first_native.get_or_insert(s == Some(native));
            last_native = s == Some(native);
        }
    }
    let mut lower = true;
    for c in core_str.chars() {
        if !(is_letter(c) && is_cased_letter(c)) {
            plain = false;
            break;
        }
        lower &= is_lowercase_letter(c);
        let s = script_of(c);
        if s == Some(native) || (foreign_script.is_some() && foreign_script != s) {
            plain = false;
            break;
        }
        foreign_script = s;
    }
    Token {
        core,
        letters,
        native_start: first_native.unwrap_or(false),
        native_end: last_native,
        foreign_word: plain,
        plain_foreign_word: plain && lower,
        has_digit,
    }
}

/// Longest unit after a number, in letters (`mg`, `kcal`).
const MAX_UNIT_LETTERS: usize = 4;

impl MixedScript {
    fn allowed(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.allow.contains(&lower)
    }

    fn stray_words(
        &self,
        p: &Analysis,
        ctx: &Context,
        native: unicode_script::Script,
        out: &mut Vec<Hit>,
    ) {
        let toks = tokens(p, native);
        for (i, t) in toks.iter().enumerate() {
            if !t.foreign_word {
                continue;
            }
            // A frequent source word counts lowercase, or capitalised as a sentence adverb:
            // opening a sentence, with a comma after it (`However,`). `May` inside a sentence
            // is the month; `Her ছবিটি` a film's title.
            let source_word = match ctx.lexicon.source_word(p.slice(t.core)) {
                Some(SourceCase::Lower) => true,
                Some(SourceCase::Capitalised) => {
                    p.starts_sentence(t.core.start) && p.text[t.core.end..].starts_with(',')
                }
                None => false,
            };
            if !source_word && (!t.plain_foreign_word || t.letters < self.min_letters) {
                continue;
            }
            // A unit after a number (`5 mg`, `12 in`) is not a stray word; units are short, so
            // a longer source word there still is one (`774 which`).
            let unit_place = i > 0 && toks[i - 1].has_digit && toks[i - 1].letters == 0;
            if unit_place && !(source_word && t.letters > MAX_UNIT_LETTERS) {
                continue;
            }
            let left = toks[..i].iter().rev().find(|x| x.letters > 0);
            let right = toks[i + 1..].iter().find(|x| x.letters > 0);
            // The letters that touch the word decide: `COVID-19-এর while` has a native
            // word on its left.
            let lone = left.is_none_or(|t| t.native_end) && right.is_none_or(|t| t.native_start);
            if !lone || (left.is_none() && right.is_none()) {
                continue;
            }
            let word = p.slice(t.core);
            if self.allowed(word) {
                continue;
            }
            out.push(Hit::new(t.core));
        }
    }
}

/// Whether a mixed-script word mixes the document's own script with another in a way that
/// professional text does not: a foreign name or acronym followed by an ending (`HCoVকে`,
/// `CoVகள்`), or preceded by a one-letter proclitic (Arabic `وApple`, "and Apple") is
/// accepted.
fn mixes_native(word: &str, native: Script, ctx: &Context, max_proclitic: usize) -> bool {
    let is_native = |c: char| is_letter_or_mark(c) && script_of(c) == Some(native);
    let is_foreign = |c: char| is_letter_or_mark(c) && script_of(c).is_some_and(|s| s != native);
    let Some(first_native) = word.find(is_native) else {
        return false;
    };
    let (head, tail) = word.split_at(first_native);
    if !head.is_empty() && !tail.contains(is_foreign) {
        // A name or acronym (a capital or a digit in it) with an ending attached is accepted:
        // a short ending in any language (`CoVகள்`, `IIIஆம்`), a longer one when the
        // language's pack lists it. A lowercase word with an ending (`waterদের`) is not.
        let name = head.chars().any(|c| c.is_uppercase() || c.is_numeric());
        let short = tail.chars().filter(|&c| is_letter_or_mark(c)).count() <= 4;
        let tail: String = tail.nfc().collect();
        return !(name && (short || ctx.lexicon.is_ending(&tail)));
    }
    if head.is_empty()
        && let Some(first_foreign) = word.find(is_foreign)
    {
        let (prefix, rest) = word.split_at(first_foreign);
        let letters = prefix.chars().filter(|&c| is_letter_or_mark(c)).count();
        if letters <= max_proclitic && !rest.contains(is_native) {
            return false;
        }
    }
    true
}

impl Check for MixedScript {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        match self.mode {
            Mode::Word => {
                let Some(native) = ctx.script else { return };
                for w in p.words.iter().filter(|w| w.mixed_script) {
                    let text = w.text(p.text);
                    if mixes_native(text, native, ctx, self.max_proclitic) && !self.allowed(text) {
                        out.push(Hit::new(w.span));
                    }
                }
            }
            Mode::StrayWord => {
                // A stray word needs letters of another script than the document's.
                if let Some(native) = ctx.script
                    && p.scripts.0.iter().any(|&(s, _)| s != native)
                {
                    self.stray_words(p, ctx, native, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn allow_list_and_length_floor() {
        let stray = compile(
            "mixed-script",
            r#"mode = "stray-word", allow = ["date"], min_letters = 3"#,
        )
        .unwrap();
        assert!(texts(&*stray, "আজ date রাশিয়ার প্রতিবেদন", "bn").is_empty());
        assert!(
            texts(&*stray, "আজ ox রাশিয়ার প্রতিবেদন", "bn").is_empty(),
            "two letters"
        );
        assert_eq!(texts(&*stray, "আজ the রাশিয়ার প্রতিবেদন", "bn"), ["the"]);
        assert_eq!(
            texts(
                &*stray,
                "However, আজ a রাশিয়ার প্রতিবেদন A বা Porter, ৫ May থেকে ১২ in বৃষ্টি, 774 which জন। Her ছবিটি চলছে।",
                "bn"
            ),
            ["However", "a", "which"],
            "source words: a sentence adverb, short, after a number; not a grade, a name, a month, a unit, a title"
        );
    }

    #[test]
    fn proclitics_and_notation() {
        let word = compile("mixed-script", r#"mode = "word""#).unwrap();
        assert!(texts(&*word, "أعلنت شركات مثل وApple عن تطبيقات", "ar").is_empty());
        let strict = compile("mixed-script", r#"mode = "word", max_proclitic = 0"#).unwrap();
        assert_eq!(
            texts(&*strict, "أعلنت شركات مثل وApple عن تطبيقات", "ar"),
            ["وApple"]
        );
        // Greek in a Bengali document mixes nothing with Bengali; in an English one it does.
        assert!(texts(&*word, "TNFα নিঃসরণ বাড়ায় এবং রোগ ছড়ায়", "bn").is_empty());
        assert_eq!(
            texts(&*word, "the TNFα level rises in the blood", "en"),
            ["TNFα"]
        );
    }
}
