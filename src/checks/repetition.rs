//! `repetition`: the same word, or a phrase of up to `max_phrase` words, twice in a row
//! (`ভাইরাস ভাইরাস`, `the the`, `রাজা সেখানে রাজা সেখানে`), with spaces or a comma between the
//! copies (`ভাইরাস, ভাইরাস`). Three copies or more are a loop, the `repetition-loop` kind's:
//! this kind leaves them alone, so a loop is one finding.
//!
//! Reduplication is grammatical in many languages (`ধীরে ধীরে`, `কী কী`, `दिन दिन`); the
//! language data of the active packs says which words and word classes reduplicate
//! (`reduplicated`, `reduplication`, `interjections`), and the rule's `allow` and
//! `reduplicable` add its own. Words joined by a hyphen are one word here (`धीरे-धीरे`,
//! `что-то`): `что что-то` is not `что` said twice.
//!
//! Not judged either: a single capital (an initial, `A A`) or a single letter of an uncased
//! script (`এ এ` for A. A.); a capitalised word said twice in a cased script, a name (`Bora
//! Bora`, `Sing Sing`), unless it is a function word of the source language (`The The`); in a
//! script written without spaces, a single character (`人人`, `看看`, `常常`: nearly every
//! character reduplicates by grammar) unless the language data lists it among `particles`
//! (`的的`), and AABB words (`的的确确`); a phrase the language data lists (`研究研究`, a verb
//! said twice for "have a look into it"); and `X से X` idioms after a linker (`से कम से कम`).
//! A repetition the unit's source has too (`Bora Bora`, `very, very`, `Maybe, just maybe`) is
//! not a defect of the translation: when the source repeats as many times as the target,
//! nothing is flagged (`repeat_counts` and `echoes`). In a unit with its source a capitalised
//! name said twice with a comma is judged as any word: the source tells whether it is doubled.

use regex::Regex;
use serde::Deserialize;
use toml::Spanned;

use super::shared::{
    LOOP_MAX_UNIT, LOOP_MIN, Token, hyphen_tokens, is_comma, is_hyphen, last_bytes,
    lowercase_words, nfc_all, paragraph_loops, repeat_counts, sub_word,
};
use super::{BuildError, Check, Context, Hit};
use crate::text::script::{is_unspaced_char, script_by_name, script_of};
use crate::text::{Analysis, Span, nfc};
use unicode_script::Script;

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Words that may legitimately repeat, besides the language data's.
    #[serde(default)]
    allow: Vec<String>,
    /// Shortest word judged, in characters.
    #[serde(default = "default_min_chars")]
    min_chars: usize,
    /// Shortest word judged when a comma stands between the copies (`ভাইরাস, ভাইরাস`): short
    /// words said twice with a pause are speech (`you, you`, `हाँ, हाँ`, `एक, एक कॉर्पोरल`).
    #[serde(default = "default_comma_min_chars")]
    comma_min_chars: usize,
    /// Judge copies with a comma between them only in a unit that has a source: on text
    /// alone a word said twice with a pause is the source's own rhetoric far more often than
    /// an MT slip (`super, super easy`, `you, you world`, `perhaps, perhaps`), and the source
    /// tells which it is.
    #[serde(default)]
    comma_needs_source: bool,
    /// A regex for words reduplicated by grammar, besides the language data's `reduplication`,
    /// matched against the word in NFC: such a word is not judged as repeated.
    #[serde(default)]
    reduplicable: Option<Spanned<String>>,
    /// The longest phrase, in words, whose immediate repetition is flagged
    /// (`রাজা সেখানে রাজা সেখানে`); 1 judges single words only.
    #[serde(default = "default_max_phrase")]
    max_phrase: usize,
    /// Shortest word, in characters, judged when it is followed by itself with one of the
    /// language's endings (`মহামারী মহামারীর`); 0, the default, judges no such pair.
    #[serde(default)]
    min_inflected: usize,
    /// Scripts whose languages reduplicate words by grammar (`ধীরে ধীরে`, `ધીમે ધીમે`,
    /// `آہستہ آہستہ`): where the active packs give no reduplication data (a language without
    /// a pack), a single word of these scripts said twice is not judged, since its class is
    /// unknown. Phrases said twice, loops and copies with a comma are judged as ever.
    #[serde(default)]
    reduplicating_scripts: Vec<String>,
    /// Languages written in other scripts that reduplicate words by grammar as freely
    /// (Vietnamese `dần dần`, Turkish `yavaş yavaş`, Greek `σιγά σιγά`, Swahili `pole pole`):
    /// the same, for a document in one of them (ISO 639-1).
    #[serde(default)]
    reduplicating_languages: Vec<String>,
    /// Languages that say a word twice around a short linking word to mean "each" or "-ever"
    /// (Tswana `mongwe le mongwe`, Malagasy `na aiza na aiza`, Maori `ia wā ia wā`): where
    /// the active packs give no reduplication data, two words said twice, one of them a short
    /// lowercase word, are that idiom before its own linker (ISO 639-1).
    #[serde(default)]
    linked_languages: Vec<String>,
}

fn default_max_phrase() -> usize {
    1
}

fn default_min_chars() -> usize {
    1
}

fn default_comma_min_chars() -> usize {
    3
}

#[derive(Debug)]
pub struct Repetition {
    allow: Vec<String>,
    min_chars: usize,
    comma_min_chars: usize,
    comma_needs_source: bool,
    reduplicable: Option<Regex>,
    max_phrase: usize,
    min_inflected: usize,
    reduplicating_scripts: Vec<Script>,
    reduplicating_languages: Vec<String>,
    linked_languages: Vec<String>,
}

pub fn build(o: Options) -> Result<Repetition, BuildError> {
    Ok(Repetition {
        allow: nfc_all(&o.allow),
        min_chars: o.min_chars.max(1),
        comma_min_chars: o.comma_min_chars,
        comma_needs_source: o.comma_needs_source,
        reduplicable: o
            .reduplicable
            .as_ref()
            .map(|r| super::pattern::compile_option_regex("reduplicable", r))
            .transpose()?,
        max_phrase: o.max_phrase.max(1),
        min_inflected: o.min_inflected,
        reduplicating_scripts: o
            .reduplicating_scripts
            .iter()
            .map(|name| {
                script_by_name(name).ok_or_else(|| {
                    BuildError::new(format!("`reduplicating_scripts`: unknown script `{name}`"))
                })
            })
            .collect::<Result<_, _>>()?,
        reduplicating_languages: o.reduplicating_languages,
        linked_languages: o.linked_languages,
    })
}

/// A character of a script written without spaces, whose words the engine sees one
/// character at a time.
fn unspaced(w: &str) -> bool {
    w.chars().next().is_some_and(is_unspaced_char)
}

/// A capital, then at least one lowercase letter: a name in a cased script (`Bora`).
fn capitalised(w: &str) -> bool {
    let mut chars = w.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.any(char::is_lowercase)
}

/// Shortest word that `hyphenated_names` judges: the doubled given names of Chinese and other
/// languages that Russian writes with a space are short (`Лин Лин`, `Лан Лан`, `Сюэ Сюэ`).
const HYPHENATED_NAME_CHARS: usize = 5;

/// Whether a capitalised word said twice may be a name said twice (`Bora Bora`, `Ylang Ylang`):
/// not one of the language's function words (`Это Это`), not in a language that capitalises
/// every noun (German), nor, in its own script, in one that
/// writes such names with a hyphen (Russian `Бора-Бора`).
fn may_be_name(w: &str, ctx: &Context) -> bool {
    let lexicon = &ctx.lexicon;
    capitalised(w)
        && lexicon.source_word(w).is_none()
        && !lexicon.is_function_word(w)
        && !lexicon.capitalised_nouns
        && !(lexicon.hyphenated_names
            && w.chars().count() >= HYPHENATED_NAME_CHARS
            && ctx.script.is_some()
            && w.chars().next().and_then(script_of) == ctx.script)
}

/// What stands between two copies.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Gap {
    Space,
    Comma,
    Other,
}

/// Spaces only, or a comma and spaces. The enumeration comma `、` lists items, and an item may
/// extend the one before (`发热、发热体征` fever, signs of fever): it is no comma here.
fn gap(p: &Analysis, a: Span, b: Span) -> Gap {
    if a.end > b.start {
        return Gap::Other;
    }
    // Most words stand one space apart (told from the bytes, with no check of where
    // characters start).
    if p.text.as_bytes()[a.end..b.start] == *b" " {
        return Gap::Space;
    }
    let between = &p.text[a.end..b.start];
    let mut commas = 0;
    for c in between.chars() {
        if is_comma(c) && c != '\u{3001}' {
            commas += 1;
        } else if !c.is_whitespace() {
            return Gap::Other;
        }
    }
    match commas {
        0 => Gap::Space,
        1 => Gap::Comma,
        _ => Gap::Other,
    }
}

/// A word's length and its last eight bytes (its first bytes are the same in every word of
/// many scripts: `E0 A6` in Bengali): equal words have equal fingerprints.
fn fingerprint(w: &str) -> (usize, u64) {
    (w.len(), last_bytes(w.as_bytes()))
}

/// The sentence of a paragraph that holds byte `at`.
fn sentence_of(p: &Analysis, at: usize) -> Span {
    p.sentences
        .iter()
        .copied()
        .find(|s| s.start <= at && at < s.end)
        .unwrap_or(Span::new(0, p.text.len()))
}

/// Whether `first` is `second` capitalised because it opens its sentence, and the sentence
/// goes on right after the second (`The the report`, `Вирус вирус распространяется`): a copy,
/// as a name said twice is not (a name is capitalised both times). A pair set off by
/// punctuation is a call or an interjection (`Bye bye, see you`, `Ha ha, very funny`, `Oui
/// oui, bien sûr`).
fn sentence_case_copy(
    p: &Analysis,
    first: Span,
    second: Span,
    first_norm: &str,
    second_norm: &str,
) -> bool {
    let after = &p.text[second.end..];
    first_norm != second_norm
        && first_norm.chars().next().is_some_and(char::is_uppercase)
        && second_norm.chars().all(|c| !c.is_uppercase())
        && first_norm.to_lowercase() == second_norm
        && p.text[sentence_of(p, first.start).start..first.start]
            .chars()
            .all(|c| !c.is_alphanumeric())
        && after.starts_with(' ')
        && after.trim_start().chars().next().is_some_and(|c| {
            c.is_alphanumeric() || crate::text::sentences::opens(c) || matches!(c, '"' | '\'' | '‘')
        })
}

/// A repetition that is its whole sentence (`ज़रूर, ज़रूर।` sure, sure; `Bye bye!`) is speech,
/// an answer or a call, not a stutter.
fn whole_sentence(p: &Analysis, span: Span) -> bool {
    let s = sentence_of(p, span.start);
    let wordless = |t: &str| !t.chars().any(char::is_alphanumeric);
    wordless(&p.text[s.start..span.start]) && wordless(&p.text[span.end..s.end.max(span.end)])
}

/// Whether the second copy of a repetition at `span` ends its sentence: only spaces, then
/// the end of the paragraph or punctuation other than a comma, after it. A copy that goes on
/// may open a chained clause, which is grammar where the language data does not say
/// otherwise (`comma_repeats`): a clause that ends with a word and the next that starts with
/// it (`选择抗菌皂，抗菌皂可能…` chose the antibacterial soap, the antibacterial soap may…;
/// `Was wir wissen, wissen wir durch Licht`; `What is impressive is, is that`).
fn ends_sentence(p: &Analysis, span: Span) -> bool {
    use crate::text::sentences::{closes, is_terminator};
    p.text[span.end..]
        .chars()
        .find(|&c| !c.is_whitespace() && !closes(c) && !matches!(c, '"' | '\'' | '’' | ']'))
        // A terminator, or a semicolon or colon, which end a clause as strongly.
        .is_none_or(|c| is_terminator(c) || matches!(c, ';' | ':' | '；' | '：'))
}

/// How many content words of a unit's source come again across a comma within `ECHO_REACH`
/// words (`Maybe, just maybe`): the
/// source's rhetoric, which a translation may render as a word said twice with a comma. Words
/// of two letters or fewer and the source language's function words (`the virus, the mask`)
/// are no echo.
fn echoes(source: &Analysis, ctx: &Context) -> usize {
    const ECHO_REACH: usize = 2;
    let words = lowercase_words(source);
    let mut count = 0;
    for (i, (a, w)) in words.iter().enumerate() {
        if w.chars().count() < 3 || ctx.lexicon.source_word(w).is_some() {
            continue;
        }
        if words[i + 1..]
            .iter()
            .take(ECHO_REACH)
            .any(|(b, v)| v == w && separates(&source.text[a.end..b.start]))
        {
            count += 1;
        }
    }
    count
}

/// Whether text between two words holds a comma that separates (not the grouping comma of
/// a number, `40,000`).
fn separates(between: &str) -> bool {
    let mut chars = between.chars().peekable();
    while let Some(c) = chars.next() {
        if is_comma(c) && chars.peek().is_none_or(|n| !n.is_ascii_digit()) {
            return true;
        }
    }
    false
}

/// Whether a unit said twice is Kana of one to three morae: Japanese doubles such units into
/// words by the hundred (`しばしば` often, `いろいろ` various, `ひとつひとつ` one by one,
/// `ぴょんぴょん`, `ドキドキ`). A small kana (`ょ`, `ゅ`) and the long mark `ー` belong to the
/// mora before them.
fn kana_reduplication(unit: &str) -> bool {
    let small = |c: char| "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー".contains(c);
    let morae = unit.chars().filter(|&c| !small(c)).count();
    (1..=3).contains(&morae)
        && unit
            .chars()
            .all(|c| matches!(script_of(c), Some(Script::Hiragana | Script::Katakana)) || c == 'ー')
}

/// How many words after a word said twice with a comma may hold it again for the pair to be
/// a list's items (`पशु, पशु चारा, या पशु अपशिष्ट`: two words on).
const LIST_REACH: usize = 4;

/// A word said twice with a comma that comes again within the next `LIST_REACH` words of its
/// sentence is a list whose items share it (`पशु, पशु चारा, या पशु अपशिष्ट` animals, animal feed
/// or animal waste). Further on it is the sentence saying the word again (`… বলে, বলে আখ্যা
/// দিয়েছেন এবং … বলে আখ্যায়িত করেন`), which lists nothing.
fn listed_again(p: &Analysis, span: Span, word: &str) -> bool {
    let s = sentence_of(p, span.start);
    let next: Vec<&crate::text::Word> = p
        .words
        .iter()
        .filter(|w| w.span.start >= span.end && w.span.end <= s.end)
        .take(LIST_REACH)
        .collect();
    let Some(last) = next.last() else {
        return false;
    };
    if unspaced(word) || word.contains(char::is_whitespace) {
        return nfc(&p.text[span.end..last.span.end]).contains(word);
    }
    next.iter().any(|w| p.norm(w).starts_with(word))
}

impl Repetition {
    /// Whether a word said twice in a row is a stutter (not grammar, not a name, not too
    /// short), in its language's data. With a comma between the copies it is no reduplication
    /// (which is written without one), so only the listed words (answers, interjections,
    /// intensifiers: `না, না`, `very, very`) are excused, not the classes of `reduplication`.
    fn judged_word(&self, w: &str, comma: bool, has_source: bool, ctx: &Context) -> bool {
        let n = w.chars().count();
        if n < self.min_chars
            || (comma && n < self.comma_min_chars)
            || self.allow.iter().any(|a| a == w)
        {
            return false;
        }
        let lexicon = &ctx.lexicon;
        if lexicon.is_particle(w) {
            return true;
        }
        // A language without reduplication data, in a script whose languages reduplicate:
        // the word's class is unknown (`ধীরে ধীরে` read as Assamese flags 2.2% of TICO-19's
        // Bengali lines), and no length tells it (`बिस्तारै बिस्तारै` slowly, Nepali;
        // `വീണ്ടും വീണ്ടും` again and again, Malayalam; Tswana `e e`). Reduplication is
        // written without a comma.
        if !comma && self.reduplicates_unknown(w, ctx) {
            return false;
        }
        if n == 1 {
            // `в в`, `a a`; not a capital (an initial) nor a letter of an uncased script (`এ
            // এ` is A. A. as often as a word), nor a single character of an unspaced script.
            return !unspaced(w) && w.chars().all(char::is_lowercase);
        }
        // A name said twice (`Bora Bora`, `Ylang Ylang` for a source's `依兰`); with a comma
        // between the copies, in a unit with its source, the source decides, as for any word
        // (`В Китае, Китае` for `In China`).
        if may_be_name(w, ctx) && !(has_source && comma) {
            return false;
        }
        if comma {
            return !lexicon.is_reduplicated(w);
        }
        !(self.reduplicable.as_ref().is_some_and(|r| r.is_match(w)) || lexicon.reduplicates(w))
    }

    /// Whether `w` is of a language without reduplication data that reduplicates by grammar
    /// (`reduplicating_languages`, or written in one of `reduplicating_scripts`), or of a
    /// language no one could name (`und`), which may.
    fn reduplicates_unknown(&self, w: &str, ctx: &Context) -> bool {
        !ctx.lexicon.knows_reduplication()
            && (ctx.language == "und"
                || self.reduplicating_languages.contains(&ctx.language)
                || w.chars()
                    .find_map(script_of)
                    .is_some_and(|s| self.reduplicating_scripts.contains(&s)))
    }

    /// Whether `second` is `first` with one of the language's endings (its pack's `endings`,
    /// glued on or after a hyphen) and `first` a word judged as a stutter when said twice, of `min_inflected` characters
    /// at least; a pair the language data lists is grammar (`друг друга` each other).
    fn inflected(&self, p: &Analysis, first: &str, second: &str, ctx: &Context) -> bool {
        self.min_inflected > 0
            && second.len() > first.len()
            && second.starts_with(first)
            && first.chars().count() >= self.min_inflected
            // The ending glued on, or joined by a hyphen (`নেটওয়ার্ক নেটওয়ার্ক-এর`).
            && ctx.lexicon.is_ending(
                second[first.len()..].trim_start_matches(is_hyphen),
            )
            && self.judged_word(first, false, p.source().is_some(), ctx)
            && !ctx.lexicon.is_reduplicated(&format!("{first} {second}"))
    }

    /// Whether `second` is the last part of the hyphenated word `first` said again, a word
    /// judged as a stutter when said twice (so never a reduplication nor a name), of
    /// `min_inflected` characters at least; a compound whose parts are one word said again
    /// (`ধীরে-ধীরে ধীরে`) is a loop's business, not this.
    fn head_again(&self, p: &Analysis, first: &str, second: &str, ctx: &Context) -> bool {
        first
            .rsplit_once(is_hyphen)
            .is_some_and(|(rest, head)| self.part_again(p, head, second, rest, ctx))
    }

    /// Whether `part`, a part of a hyphenated compound whose other parts are `rest`, is the
    /// word `word` said again: a word judged as a stutter when said twice, of `min_inflected`
    /// characters at least, that no other part of the compound is (`ধীরে-ধীরে`).
    fn part_again(&self, p: &Analysis, part: &str, word: &str, rest: &str, ctx: &Context) -> bool {
        self.min_inflected > 0
            && part == word
            && !rest.split(is_hyphen).any(|other| other == part)
            && part.chars().count() >= self.min_inflected
            && self.judged_word(part, false, p.source().is_some(), ctx)
    }

    /// Whether the hyphenated word `second` opens with `first` said again (`রোগ রোগ-জীবাণু`),
    /// a word judged as a stutter when said twice, of `min_inflected` characters at least, and
    /// what follows the hyphen no particle: neither a function word of the language before it
    /// (`что что-то`, `как как-нибудь`: a pronoun made with a particle) nor a part shorter
    /// than the word; nor a pair the language data lists (French `peut peut-être`, can
    /// perhaps). A compound whose parts are one word said again (`ধীরে ধীরে-ধীরে`) is a loop's
    /// business.
    fn opens_again(&self, p: &Analysis, first: &str, second: &str, ctx: &Context) -> bool {
        second.split_once(is_hyphen).is_some_and(|(part, rest)| {
            rest.chars().count() >= self.min_inflected
                && !ctx.lexicon.is_function_word(part)
                && !ctx.lexicon.is_reduplicated(&format!("{first} {second}"))
                && self.part_again(p, part, first, rest, ctx)
        })
    }

    /// Whether a word inside a phrase said twice makes the phrase a stutter.
    fn judged_in_phrase(&self, w: &str, ctx: &Context) -> bool {
        let n = w.chars().count();
        n >= self.min_chars
            && !self.allow.iter().any(|a| a == w)
            && !ctx.lexicon.is_reduplicated(w)
            && (n > 1 || unspaced(w) || w.chars().all(char::is_lowercase))
    }

    fn repeated(&self, p: &Analysis, words: &[&Token], ctx: &Context, out: &mut Vec<Hit>) {
        let norm: Vec<&str> = words.iter().map(|w| w.norm(p)).collect();
        // Two words are equal only if their fingerprints are: most pairs a phrase said twice
        // would need equal are told apart by comparing two integers, not two strings.
        let prints: Vec<(usize, u64)> = norm.iter().map(|w| fingerprint(w)).collect();
        // Every gap within a phrase is spaces (nothing at all in an unspaced script).
        let spaced = |a: usize, b: usize| {
            (a + 1..=b).all(|k| gap(p, words[k - 1].span, words[k].span) == Gap::Space)
        };
        let doubled_at = |k: usize| {
            k >= 1
                && k < words.len()
                && norm[k] == norm[k - 1]
                && gap(p, words[k - 1].span, words[k].span) == Gap::Space
        };
        // The first index whose pair (i - 1, i) lies outside the last hit: a repetition that
        // overlaps a hit is not reported again.
        let mut covered = 0;
        for i in 1..words.len() {
            if i < covered {
                continue;
            }
            // Copies of letters that are no words, touching (see `sub_word`).
            let touching = |a: usize, b: usize| {
                b < words.len() && words[a].span.end == words[b].span.start && sub_word(norm[a])
            };
            let junction = gap(p, words[i - 1].span, words[i].span);
            // In a script whose words touch (Thai), a space ends a clause as a comma does
            // elsewhere: copies glued to the words on their outer sides (`สิทธิในการศึกษา
            // การศึกษาจะ` the right to education. Education shall...) end one clause and open
            // the next, and are judged as copies with a comma between them.
            let clause_break = |a: usize, b: usize, junction: Gap| {
                junction == Gap::Space
                    && sub_word(norm[a])
                    && a > 0
                    && words[a - 1].span.end == words[a].span.start
                    && b + 1 < words.len()
                    && words[b].span.end == words[b + 1].span.start
            };
            // (A word without case opens no sentence with a capital.)
            let case_copy = words[i - 1].has_case
                && sentence_case_copy(p, words[i - 1].span, words[i].span, norm[i - 1], norm[i]);
            let copy = norm[i] == norm[i - 1] || case_copy;
            if copy && junction != Gap::Other && !touching(i - 1, i) {
                let w = norm[i];
                let clause = clause_break(i - 1, i, junction);
                let comma = junction == Gap::Comma || clause;
                let span = Span::new(words[i - 1].span.start, words[i].span.end);
                let judged = !(comma && self.comma_needs_source && p.source().is_none())
                    && self.judged_word(w, comma, p.source().is_some(), ctx)
                    // AABB in an unspaced script (`的的确确`, `实实在在`).
                    && !(unspaced(w) && (doubled_at(i + 2) || (i >= 3 && doubled_at(i - 2))))
                    // An answer or interjection said three times or more (`是是是`, `对对对`).
                    && !(ctx.lexicon.is_interjection(w)
                        && (norm.get(i + 1) == Some(&w) || (i >= 2 && norm[i - 2] == w)))
                    && !whole_sentence(p, span)
                    && !(comma && listed_again(p, span, w))
                    // (a clause break: the source decides, as it does where copies of a
                    // language without `comma_repeats` end their sentence)
                    && !(comma && !clause && !ctx.lexicon.comma_repeats && !ends_sentence(p, span))
                    // A tag closing the sentence after the copy (`हैं, हैं ना?` aren't they?).
                    && !(comma
                        && i + 1 < words.len()
                        && gap(p, words[i].span, words[i + 1].span) == Gap::Space
                        && ctx.lexicon.is_linker(norm[i + 1])
                        && ends_sentence(p, words[i + 1].span))
                    // A particle in a word (`目的的` of the goal, `的的确` ... indeed).
                    && !(unspaced(w)
                        && ((i >= 2 && ctx.lexicon.is_compound(&format!("{}{w}", norm[i - 2])))
                            || (i + 1 < words.len()
                                && ctx.lexicon.is_compound(&format!("{w}{}", norm[i + 1])))));
                if judged {
                    // The copy to keep: the first where the sentence's capital is on it.
                    let keep = if case_copy { i - 1 } else { i };
                    out.push(Hit::new(span).suggest(p.slice(words[keep].span)));
                    covered = i + 2;
                }
                continue;
            }
            // A hyphenated word, then its last part again (`ACE2-ব্যক্তকারী ব্যক্তকারী`,
            // `COVID-সংক্রমিত সংক্রমিত`): the decoder said the compound's head twice.
            if junction == Gap::Space
                && words[i - 1].hyphenated
                && self.head_again(p, norm[i - 1], norm[i], ctx)
            {
                let span = Span::new(words[i - 1].span.start, words[i].span.end);
                if !whole_sentence(p, span) {
                    out.push(Hit::new(span).suggest(p.slice(words[i - 1].span)));
                    covered = i + 2;
                    continue;
                }
            }
            // A word, then a hyphenated word that opens with it (`রোগ রোগ-জীবাণু`): the
            // decoder said the compound's first part twice.
            if junction == Gap::Space
                && words[i].hyphenated
                && self.opens_again(p, norm[i - 1], norm[i], ctx)
            {
                let span = Span::new(words[i - 1].span.start, words[i].span.end);
                if !whole_sentence(p, span) {
                    out.push(Hit::new(span).suggest(p.slice(words[i].span)));
                    covered = i + 2;
                    continue;
                }
            }
            // A word, then the same word with an ending of the language (`মহামারী মহামারীর`,
            // `सांसद सांसदों`): the decoder wrote the word, then the form it meant.
            if junction == Gap::Space && self.inflected(p, norm[i - 1], norm[i], ctx) {
                let span = Span::new(words[i - 1].span.start, words[i].span.end);
                if !whole_sentence(p, span) {
                    out.push(Hit::new(span).suggest(p.slice(words[i].span)));
                    covered = i + 2;
                    continue;
                }
            }
            // A phrase of n words said twice: words[i+1-n..=i] and words[i+1..=i+n].
            // In a script written without spaces a word is one or two characters.
            let longest = if unspaced(norm[i]) {
                2 * self.max_phrase
            } else {
                self.max_phrase
            };
            if touching(i, i + 1) {
                continue;
            }
            // The first copy starts at a word, the second ends at one.
            for n in 2..=longest.min(i + 1).min(words.len() - 1 - i) {
                let (a, b) = (i + 1 - n, i + n);
                // Either way of being the same (below) needs the last words equal.
                if prints[i] != prints[b] {
                    continue;
                }
                let first = &norm[a..=i];
                // The first copy may open the sentence with its capital (`El gobierno el
                // gobierno anunció`).
                let same = first == &norm[i + 1..=b]
                    || (words[a].has_case
                        && first[1..] == norm[i + 2..=b]
                        && sentence_case_copy(
                            p,
                            words[a].span,
                            words[i + 1].span,
                            norm[a],
                            norm[i + 1],
                        ));
                if !same
                    || !spaced(a, i)
                    || !spaced(i + 1, b)
                    || gap(p, words[i].span, words[i + 1].span) == Gap::Other
                {
                    continue;
                }
                let once = &p.text[words[a].span.start..words[i].span.end];
                let span = Span::new(words[a].span.start, words[b].span.end);
                let between = gap(p, words[i].span, words[i + 1].span);
                let clause = clause_break(a, b, between);
                let comma = between == Gap::Comma || clause;
                let excused = whole_sentence(p, span)
                    || (comma && self.comma_needs_source && p.source().is_none())
                    || (comma && listed_again(p, span, &nfc(once)))
                    || (comma && !clause && !ctx.lexicon.comma_repeats && !ends_sentence(p, span))
                    // A name of several words (`Bora Bora`); with a comma, in a unit with its
                    // source, the source decides (`Майк Деуайн, Майк Деуайн`).
                    || (!(comma && p.source().is_some())
                        && first.iter().all(|w| may_be_name(w, ctx)))
                    // A phrase the language reduplicates (`研究研究`, `一个一个`).
                    || ctx.lexicon.is_reduplicated(&nfc(once))
                    // `X p X` with a short linking word, in a language that says so and whose
                    // linkers no pack lists: the idiom before its own linker (Tswana `mongwe
                    // le mongwe le` each and every one; Malagasy `na aiza na aiza` wherever;
                    // Maori `ia wā ia wā` every time).
                    || (n == 2
                        && !comma
                        && !ctx.lexicon.knows_reduplication()
                        && self.linked_languages.contains(&ctx.language)
                        && first.iter().any(|w| {
                            w.chars().count() <= 3 && w.chars().all(char::is_lowercase)
                        }))
                    // Kana of one or two characters said twice: Japanese reduplicated words
                    // and mimetics (`しばしば` often, `もともと` originally, `どんどん`).
                    || kana_reduplication(once)
                    // `से कम से कम`: the idiom `कम से कम` after its linker (with no comma).
                    || (n == 2 && !comma && ctx.lexicon.is_linker(first[0]))
                    // `снова и снова и снова`, `una y otra y otra vez`: a word said a third
                    // time after a short linking word, a figure of speech in any language.
                    || (n == 2
                        && !comma
                        && first[1].chars().count() <= 3
                        && norm.get(b + 1) == Some(&first[0])
                        && (b + 1 < words.len()
                            && gap(p, words[b].span, words[b + 1].span) == Gap::Space))
                    || (n == 2
                        && !comma
                        && first[0].chars().count() <= 3
                        && a >= 1
                        && norm[a - 1] == first[1]
                        && gap(p, words[a - 1].span, words[a].span) == Gap::Space)
                    // `paso a paso a los pacientes`, `poco a poco a`, `casa per casa per`: the
                    // idiom `X p X` (step by step) before its own linking word, one of the
                    // language's `linkers`; `de salud de salud`, `use of use of` stay stutters.
                    // (in a cased script: Hindi `तेजी से तेजी से` is a stutter)
                    || (n == 2
                        && !comma
                        && ctx.lexicon.is_linker(first[1])
                        && first[1].chars().all(char::is_lowercase))
                    // `and more and more`, `faster and faster and faster`: a word said on
                    // both sides of its conjunction, as often as it likes.
                    || (n == 2
                        && !comma
                        && ((ctx.lexicon.is_conjunction(first[0])
                            && ctx.lexicon.iterates(first[1]))
                            || (ctx.lexicon.iterates(first[0])
                                && ctx.lexicon.is_conjunction(first[1]))));
                if first.iter().any(|w| self.judged_in_phrase(w, ctx)) && !excused {
                    out.push(Hit::new(span).suggest(once));
                    covered = b + 2;
                    break;
                }
            }
        }
    }
}

/// The spans of the tokens inside a loop.
fn in_loop_spans(tokens: &[Token], in_loop: &[bool]) -> Vec<Span> {
    tokens
        .iter()
        .zip(in_loop)
        .filter(|(_, l)| **l)
        .map(|(t, _)| t.span)
        .collect()
}

/// Whether `span` overlaps one of `sorted` (in order, apart from each other).
fn overlaps(sorted: &[Span], span: Span) -> bool {
    let k = sorted.partition_point(|s| s.end <= span.start);
    sorted.get(k).is_some_and(|s| s.start < span.end)
}

/// Fewest words of a sentence said twice in a row that make a stutter: shorter ones are
/// chants and calls (`Мы ждём перемен! Мы ждём перемен!`).
const MIN_SENTENCE_WORDS: usize = 4;

/// A sentence said again right after itself (`Переговоры завершились без результата.
/// Переговоры завершились без результата.`): the same words, whatever the case, with only
/// whitespace between the two; not a sentence of a loop (three or more), which is the loop
/// kind's, nor one a hit already covers.
fn sentence_said_twice(p: &Analysis, words: &[&Token], looped: &[Span], out: &mut Vec<Hit>) {
    // Sentences and words are both in order: one walk over the words (a paragraph of a
    // hundred megabytes has a million sentences).
    let mut next = 0;
    let mut words_of = |s: Span| -> std::ops::Range<usize> {
        while next < words.len() && words[next].span.start < s.start {
            next += 1;
        }
        let first = next;
        while next < words.len() && words[next].span.end <= s.end {
            next += 1;
        }
        first..next
    };
    // Two words alike whatever the case; the lower-case forms are made only for words that
    // differ as written.
    let alike = |a: &Token, b: &Token| {
        let (a, b) = (a.norm(p), b.norm(p));
        a == b || a.to_lowercase() == b.to_lowercase()
    };
    // The hits so far, in order and apart from each other (see `repeated`).
    let spans: Vec<Span> = out.iter().map(|h| h.span).collect();
    let mut last: Option<(Span, std::ops::Range<usize>)> = None;
    for &s in &p.sentences {
        let these = words_of(s);
        if let Some((prev, before)) = &last
            && these.len() >= MIN_SENTENCE_WORDS
            && before.len() == these.len()
            && words[before.clone()]
                .iter()
                .zip(&words[these.clone()])
                .all(|(a, b)| alike(a, b))
            && p.text[prev.end..s.start].chars().all(char::is_whitespace)
        {
            let span = Span::new(prev.start, s.end);
            let taken = overlaps(&spans, span) || overlaps(looped, span);
            if !taken {
                out.push(Hit::new(span).suggest(p.slice(*prev).trim_end()));
                last = None;
                continue;
            }
        }
        last = Some((s, these));
    }
}

impl Check for Repetition {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let tokens = hyphen_tokens(p);
        // Three copies or more are a loop, reported by the loop kind as one finding.
        let loops = paragraph_loops(p, &tokens, LOOP_MAX_UNIT, LOOP_MIN);
        // Whether each token is inside a loop (none is, in most paragraphs: no flags then).
        let mut in_loop = Vec::new();
        if !loops.is_empty() {
            in_loop = vec![false; tokens.len()];
            for l in &loops {
                for flag in &mut in_loop[l.first..l.first + l.count * l.unit_tokens] {
                    *flag = true;
                }
            }
        }
        // Room for every token up front: a filtered collect would grow the vector by doubling.
        let mut words: Vec<&Token> = Vec::with_capacity(tokens.len());
        words.extend(
            tokens
                .iter()
                .enumerate()
                // A compound with digits is a word when its head is letters (`ACE2-ব্যক্তকারী`).
                .filter(|(k, w)| {
                    (w.letters || (w.hyphenated && w.head_letters))
                        && !in_loop.get(*k).is_some_and(|&l| l)
                })
                .map(|(_, w)| w),
        );
        let mut hits = Vec::new();
        self.repeated(p, &words, ctx, &mut hits);
        sentence_said_twice(p, &words, &in_loop_spans(&tokens, &in_loop), &mut hits);
        // A repetition its source has as often (`Bora Bora`, `very, very`) is a faithful one.
        if !hits.is_empty()
            && let Some(source) = p.source()
            && repeat_counts(source).len() + echoes(source, ctx) >= hits.len()
        {
            return;
        }
        out.extend(hits);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    #[test]
    fn repeated_words_except_the_allowed() {
        let c = compile("repetition", r#"allow = ["ধীরে"]"#).unwrap();
        assert_eq!(
            flagged(&*c, "ভাইরাস ভাইরাস ছড়ায় ধীরে ধীরে, ভাইরাস, ভাইরাস; ও, ও", "bn"),
            [
                ("ভাইরাস ভাইরাস".to_string(), Some("ভাইরাস".to_string())),
                ("ভাইরাস, ভাইরাস".to_string(), Some("ভাইরাস".to_string()))
            ]
        );
    }

    #[test]
    fn phrases_said_twice_and_participles() {
        let c = compile("repetition", r#"max_phrase = 3, reduplicable = '[ক-হ]তে$'"#).unwrap();
        assert_eq!(
            texts(&*c, "রাজা সেখানে রাজা সেখানে গেলেন, কাঁদতে কাঁদতে, বাড়িতে বাড়িতে", "bn"),
            ["রাজা সেখানে রাজা সেখানে", "বাড়িতে বাড়িতে"]
        );
        assert!(
            texts(&*c, "ভাইরাস ভাইরাস ভাইরাস ছড়ায়, রাজা সেখানে রাজা সেখানে রাজা সেখানে", "bn").is_empty(),
            "three copies are a loop, the loop kind's"
        );
        let single = compile("repetition", "").unwrap();
        assert_eq!(
            texts(
                &*single,
                "что что-то, धीरे-धीरे, что-то что-то, что что",
                "ru"
            ),
            ["что-то что-то", "что что"],
            "a hyphenated word is one word"
        );
        assert!(texts(&*single, "রাজা সেখানে রাজা সেখানে গেলেন", "bn").is_empty());
        assert!(compile("repetition", r#"reduplicable = "(""#).is_err());
    }

    #[test]
    fn a_copy_capitalised_by_its_sentence_is_a_copy() {
        let c = compile("repetition", "").unwrap();
        assert_eq!(
            flagged(
                &*c,
                "The the “report” is out. «Вирус вирус опасен», — и Bora Bora рядом.",
                "en"
            ),
            [
                ("The the".to_string(), Some("The".to_string())),
                ("Вирус вирус".to_string(), Some("Вирус".to_string()))
            ]
        );
        // Inside a sentence, case tells a name from a word; a pair set off by punctuation is a
        // call or an interjection.
        assert!(
            texts(
                &*c,
                "They met Will will and Grace. Bye bye, see you. Ha ha! Knock knock, who is there?",
                "en"
            )
            .is_empty()
        );
    }

    #[test]
    fn initials_names_and_unspaced_scripts() {
        let c = compile("repetition", "max_phrase = 4").unwrap();
        assert_eq!(
            texts(
                &*c,
                "Hussein A A and the the cat in Bora Bora, в в, COVID COVID, 人人都看看病毒病毒",
                "en"
            ),
            ["the the", "в в", "COVID COVID", "病毒病毒"]
        );
    }
}
