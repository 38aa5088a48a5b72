//! `mixed-script-stray-word`: a lone lowercase word of another cased script standing among
//! native words (`date` opening a Bengali paragraph, `দৃ solid ়`, `colon পনিবেশিক`).
//! Professional text writes foreign material as names (capitalised), acronyms, glosses in
//! brackets, runs of several foreign words, units after numbers, URLs and code: none of those
//! is a lone lowercase word between native words, so none is flagged. The source language's
//! most frequent words (`the`, `however`, `a`) are never names or units, so a lone one is
//! flagged capitalised too, and below `min_letters` (the language data's `source_words`, from
//! the `source-en` pack).

use serde::Deserialize;

use super::shared::is_hyphen;
use super::{BuildError, Check, Context, Hit};
use crate::lexicon::SourceCase;
use crate::text::script::{
    is_cased, is_cased_letter, is_decimal_digit, is_letter, is_letter_or_mark, is_lowercase_letter,
    is_unspaced, script_of, written_together,
};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Words never flagged (compared case-insensitively).
    #[serde(default)]
    allow: Vec<String>,
    /// Shortest stray word flagged, in letters.
    #[serde(default = "default_min_letters")]
    min_letters: usize,
}

fn default_min_letters() -> usize {
    2
}

#[derive(Debug)]
pub struct StrayWord {
    allow: Vec<String>,
    min_letters: usize,
}

pub fn build(o: Options) -> Result<StrayWord, BuildError> {
    Ok(StrayWord {
        allow: o.allow.iter().map(|w| w.to_lowercase()).collect(),
        min_letters: o.min_letters,
    })
}

/// A whitespace-separated token and what its letters are.
struct Token {
    /// The token with trailing sentence punctuation removed.
    core: Span,
    /// Where the whole token ends.
    end: usize,
    letters: usize,
    /// The first and last letters are of the document's script.
    native_start: bool,
    native_end: bool,
    /// Nothing but letters of one cased foreign script in `core`.
    foreign_word: bool,
    /// A foreign word all in lowercase, or in the letters and signs of one script without case
    /// and written with spaces (`नीति` among Bengali words), which names no name by its look.
    plain_foreign_word: bool,
    /// Its letters and signs, for a word of a script without case.
    uncased_len: usize,
    has_digit: bool,
}

/// A paragraph's tokens, each read the first time the judgement asks for it: most are native
/// words far from any foreign one, and are never read.
struct Tokens<'p> {
    p: &'p Analysis<'p>,
    spans: std::borrow::Cow<'p, [Span]>,
    native: unicode_script::Script,
    read: Vec<std::cell::OnceCell<Token>>,
}

impl<'p> Tokens<'p> {
    fn of(p: &'p Analysis<'p>, native: unicode_script::Script) -> Tokens<'p> {
        let spans = super::mixed_script_span::tokens(p, native);
        let read = (0..spans.len())
            .map(|_| std::cell::OnceCell::new())
            .collect();
        Tokens {
            p,
            spans,
            native,
            read,
        }
    }

    fn len(&self) -> usize {
        self.spans.len()
    }

    /// Token `i`.
    fn at(&self, i: usize) -> &Token {
        self.read[i].get_or_init(|| token(self.p.text, self.spans[i], self.native))
    }

    fn get(&self, i: usize) -> Option<&Token> {
        (i < self.len()).then(|| self.at(i))
    }

    /// Whether token `i` is a foreign word: never one whose letters are all native, which is
    /// not read for it.
    fn foreign_word(&self, i: usize) -> bool {
        super::mixed_script_span::may_be_foreign(self.p, &self.spans, i, self.native)
            && self.at(i).foreign_word
    }
}

fn token(text: &str, span: Span, native: unicode_script::Script) -> Token {
    let raw = &text[span.start..span.end];
    // An opening bracket or quotation mark glued before the word (`(pitchfork भीड़)`).
    let opening = raw.len() - raw.trim_start_matches(OPENING).len();
    let raw = &raw[opening..];
    let span = Span::new(span.start + opening, span.end);
    let core_str = raw.trim_end_matches([
        ',', ';', ':', '.', '!', '?', '।', '॥', '،', '؛', '؟', '，', '。', '、', '；', '：', '！',
        '？',
    ]);
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
    let mut prev_letter = false;
    for c in core_str.chars() {
        // A hyphen or an apostrophe between letters is inside the word (`pooh-poohed`).
        if (is_hyphen(c) || matches!(c, '\'' | '’')) && prev_letter {
            prev_letter = false;
            continue;
        }
        if !(is_letter(c) && is_cased_letter(c)) {
            plain = false;
            break;
        }
        prev_letter = true;
        lower &= is_lowercase_letter(c);
        let s = script_of(c);
        if s == Some(native) || (foreign_script.is_some() && foreign_script != s) {
            plain = false;
            break;
        }
        foreign_script = s;
    }
    plain &= prev_letter;
    let uncased_len = uncased_word(core_str, native);
    Token {
        core,
        end: span.end,
        letters,
        native_start: first_native.unwrap_or(false),
        native_end: last_native,
        foreign_word: plain || uncased_len > 0,
        plain_foreign_word: (plain && lower) || uncased_len > 0,
        uncased_len,
        has_digit,
    }
}

/// The letters and signs of `word` when it is written in one script without case, spaced and
/// not written with the document's (`नीति` in Bengali text: Han, Kana, Hangul and Thai are
/// not judged, nor a word in a document of a cased script, where it may be cited), else 0.
fn uncased_word(word: &str, native: unicode_script::Script) -> usize {
    if is_cased(native) || is_unspaced(native) {
        return 0;
    }
    let mut script = None;
    let mut n = 0;
    for c in word.chars() {
        if !is_letter_or_mark(c) || is_cased_letter(c) {
            return 0;
        }
        let s = script_of(c);
        if is_letter(c) {
            match (s, script) {
                // A native letter: no foreign word (most tokens end here, at their first one).
                (None, _) => return 0,
                (Some(s), _) if s == native => return 0,
                (Some(s), Some(seen)) if s != seen => return 0,
                (Some(s), _) => script = Some(s),
            }
        }
        n += 1;
    }
    match script {
        Some(s)
            if !written_together(s, native)
                && !is_unspaced(s)
                && s != unicode_script::Script::Hangul =>
        {
            n
        }
        _ => 0,
    }
}

/// Whether the lone letter at `toks[i]` stands where a word of one letter would (`c
/// президентом`, `Уряд i парламент`) rather than as a symbol: a native word of two letters or
/// more right after it, no punctuation on it, no abbreviation before it (`п. c`), and no other
/// lone Latin letter in the paragraph, nor this one again (`точками a и b`, `i в квадрате`:
/// variables).
fn typed_for_its_twin(p: &Analysis, toks: &Tokens, i: usize, lone: &LoneLetters) -> bool {
    let t = toks.at(i);
    let next_word = toks.get(i + 1).is_some_and(|n| {
        n.native_start && n.letters >= 2 && p.text[t.end..n.core.start].trim().is_empty()
    });
    let after_abbreviation =
        i > 0 && p.text[toks.at(i - 1).core.start..toks.at(i - 1).end].ends_with('.');
    // Another lone letter without a twin (`b` of `точками a и b`) or this one again.
    let again = lone
        .counts
        .iter()
        .any(|(l, n)| *l == p.slice(t.core) && *n > 1);
    t.end == t.core.end && next_word && !after_abbreviation && !lone.other && !again
}

/// The lone letters of another script in a paragraph, counted once: how often each of the
/// twins stands alone, and whether any other letter does.
#[derive(Default)]
struct LoneLetters<'p> {
    counts: Vec<(&'p str, usize)>,
    other: bool,
}

impl<'p> LoneLetters<'p> {
    fn of(p: &Analysis<'p>, toks: &Tokens) -> LoneLetters<'p> {
        let mut lone = LoneLetters::default();
        let foreign = (0..toks.len()).filter(|&i| toks.foreign_word(i));
        for x in foreign.map(|i| toks.at(i)).filter(|x| x.letters == 1) {
            let letter = p.slice(x.core);
            if !letter.chars().all(|c| LATIN_TWINS.contains(c)) {
                lone.other = true;
            } else if let Some(c) = lone.counts.iter_mut().find(|(l, _)| *l == letter) {
                c.1 += 1;
            } else {
                lone.counts.push((letter, 1));
            }
        }
        lone
    }
}

/// The Latin letters whose Cyrillic twins are words of one letter (Russian and Ukrainian `а`,
/// `с`, `о`, `у`, `і`).
const LATIN_TWINS: &str = "acoyi";

/// Whether a small letter looks the same as one of the `native` script (Latin `c` and Cyrillic
/// `с`, Latin `o` and Greek `ο`): written alone among native words it is that letter typed on
/// the wrong keyboard.
fn has_twin(c: char, native: unicode_script::Script) -> bool {
    use unicode_script::Script::{Cyrillic, Latin};
    // Small letters only: a capital alone is a Roman numeral, a protein, a grade (`фаза I`,
    // `белок S`).
    // A lone `x`, `e`, `p` is a variable.
    let set: &str = match (script_of(c), native) {
        (Some(Latin), Cyrillic) => LATIN_TWINS,
        _ => return false,
    };
    set.contains(c)
}

/// Shortest capitalised word judged by the case its source writes it in: shorter ones are
/// units and symbols as often (`Mg`, `Km`).
const SOURCE_COMMON_MIN_LETTERS: usize = 3;

/// The source's words lowercased, each with whether the source writes it in small letters
/// only: read once a paragraph, when a word is first asked about.
fn source_cases(source: &Analysis) -> crate::hash::FastMap<String, bool> {
    let mut cases = crate::hash::FastMap::default();
    for w in source.words.iter().filter(|w| w.is_letters()) {
        let written = source.slice(w.span);
        let lower = written.to_lowercase();
        let small = written == lower;
        cases
            .entry(lower)
            .and_modify(|only_small: &mut bool| *only_small &= small)
            .or_insert(small);
    }
    cases
}

/// Whether `word` is capitalised (`Lockdown`, not `WHO` nor `lockdown`) and the source writes
/// it in small letters only (`cases`, of `source_cases`): a common noun there, not a name kept
/// in its script. Capitalised anywhere in the source, even where a sentence starts, it may be a
/// name (`Word counts every word`).
fn lowercase_in_source(cases: &crate::hash::FastMap<String, bool>, word: &str) -> bool {
    let mut chars = word.chars();
    if !chars.next().is_some_and(char::is_uppercase) || chars.any(char::is_uppercase) {
        return false;
    }
    cases.get(&word.to_lowercase()) == Some(&true)
}

/// Brackets and quotation marks that open a phrase.
const OPENING: [char; 11] = ['(', '[', '（', '“', '"', '«', '‘', '„', '「', '『', '［'];

impl StrayWord {
    fn allowed(&self, word: &str) -> bool {
        self.allow.contains(&word.to_lowercase())
    }

    fn stray_words(
        &self,
        p: &Analysis,
        ctx: &Context,
        native: unicode_script::Script,
        out: &mut Vec<Hit>,
    ) {
        let toks = Tokens::of(p, native);
        let lone = LoneLetters::of(p, &toks);
        // Placeholders and markup are no words (`{count, plural, few {` of an ICU message).
        let masked = crate::text::placeholders::masked(p.text);
        let cases = std::cell::OnceCell::new();
        // Chinese, Japanese and Korean keep a term in Latin letters as it is (`App 已更新`).
        let keeps_no_terms = !matches!(
            native,
            unicode_script::Script::Han
                | unicode_script::Script::Hiragana
                | unicode_script::Script::Katakana
                | unicode_script::Script::Hangul
        );
        for i in 0..toks.len() {
            if !toks.foreign_word(i) {
                continue;
            }
            let t = toks.at(i);
            if crate::text::inside_any(&masked, t.core) {
                continue;
            }
            // A frequent source word counts lowercase, or capitalised as a sentence adverb:
            // opening a sentence, with a comma after it (`However,`), or, if the language data
            // says it opens sentences (`sentence_openers`), before a word of the document's
            // script (`Then রোগীদের`, `So নিশ্চিত`). `May` inside a sentence is the month; `Her
            // ছবিটি` a film's title.
            let source_word = match ctx.lexicon.source_word(p.slice(t.core)) {
                Some(SourceCase::Lower) => true,
                Some(SourceCase::Capitalised) => {
                    p.starts_sentence(t.core.start)
                        && (p.text[t.core.end..].starts_with(',')
                            || (ctx.lexicon.is_sentence_opener(p.slice(t.core))
                                && p.text[t.core.end..].starts_with(' ')
                                && toks.get(i + 1).is_some_and(|x| x.native_start)))
                }
                None => false,
            };
            // A capitalised word that opens a sentence, which its capital tells nothing of,
            // and that a translation unit's source writes in small letters (`The lockdown
            // will end` → `Lockdown সোমবার …`): no name there, so none here. Inside a sentence
            // the capital is the translator's, who kept a term as a name (`C-末端 Collectrin
            // 肾脏…` for `collectrin`).
            let common_in_source = !source_word
                && keeps_no_terms
                && t.foreign_word
                && t.letters >= SOURCE_COMMON_MIN_LETTERS
                && p.source().is_some_and(|s| {
                    p.starts_sentence(t.core.start)
                        && lowercase_in_source(
                            cases.get_or_init(|| source_cases(s)),
                            p.slice(t.core),
                        )
                });
            // A letter of another script written alone for its twin of the document's (Latin
            // `c`, `o`, `i` in Russian or Ukrainian text, `c президентом`, `Уряд i парламент`).
            let twin = t.foreign_word
                && t.letters == 1
                && p.slice(t.core)
                    .chars()
                    .next()
                    .is_some_and(|c| has_twin(c, native))
                && typed_for_its_twin(p, &toks, i, &lone);
            // A Latin letter alone among Cyrillic words is a symbol (`точку a на прямой`)
            // unless it stands where a word of one letter would.
            if t.letters == 1 && native == unicode_script::Script::Cyrillic && !twin {
                continue;
            }
            // Greek letters in another script are notation (`γδ клетки`, `αβ гетеродимеры`).
            if t.letters <= 3
                && p.slice(t.core)
                    .chars()
                    .next()
                    .and_then(script_of)
                    .is_some_and(|s| s == unicode_script::Script::Greek)
            {
                continue;
            }
            let long_enough = t.letters.max(t.uncased_len) >= self.min_letters;
            if !source_word && !twin && !common_in_source && (!t.plain_foreign_word || !long_enough)
            {
                continue;
            }
            // A unit after a number (`5 mg`, `12 in`, `3 m`) is not a stray word; a source word
            // of three letters or more is no unit (`774 which`, `370 are মিলিয়ন`, `800 but টি`).
            let unit_place = i > 0 && toks.at(i - 1).has_digit && toks.at(i - 1).letters == 0;
            if unit_place && !(source_word && t.letters > 2) {
                continue;
            }
            // A sign between numbers (`3 x 4`).
            if twin && toks.get(i + 1).is_some_and(|x| x.has_digit) {
                continue;
            }
            // The species of a binomial name after its genus's initial (`E. coli`,
            // `S. aureus`): a name, written in small letters by rule.
            let before = p.text[..t.core.start].trim_end_matches(' ');
            if before.len() < t.core.start
                && let Some(stem) = before.strip_suffix('.')
                && let Some(initial) = stem.chars().next_back()
                && initial.is_ascii_uppercase()
                && !stem[..stem.len() - 1].ends_with(char::is_alphanumeric)
            {
                continue;
            }
            // Neighbours within the sentence: a sentence stop between (`angsty । Yisssss`)
            // leaves the word without a neighbour on that side.
            let stop = |t: &Token| {
                p.text[t.core.start..t.end]
                    .trim_end_matches(['"', '\'', '”', '’', ')', '）', '»'])
                    .ends_with(['.', '!', '?', '।', '॥', '。', '！', '？', '؟'])
            };
            let left = (0..i)
                .rev()
                .map(|k| toks.at(k))
                .find(|x| x.letters > 0 || stop(x))
                .filter(|x| x.letters > 0 && !stop(x));
            let right = if stop(t) {
                None
            } else {
                (i + 1..toks.len())
                    .map(|k| toks.at(k))
                    .find(|x| x.letters > 0 || stop(x))
                    .filter(|x| x.letters > 0)
            };
            // The letters that touch the word decide: `COVID-19-এর while` has a native
            // word on its left.
            let lone = left.is_none_or(|t| t.native_end) && right.is_none_or(|t| t.native_start);
            if !lone || (left.is_none() && right.is_none()) {
                continue;
            }
            let word = p.slice(t.core);
            // A word that ends a phrase in brackets is a gloss or an etymology (`(লাতিন
            // corona)`, `(ফরাসি: liberté, …)`); one with a letter the source language never has
            // is a third language's word, cited (`ফরাসি শব্দ liberté`).
            let closes_gloss = p.text[t.core.end..].trim_start().starts_with([
                ')', '）', ']', ',', ';', ':', '،', '，', '”', '"', '»', '’', '」', '』',
            ]) && p.text[..t.core.start].ends_with(OPENING);
            let closes_gloss = closes_gloss
                || p.text[t.core.end..]
                    .trim_start()
                    .starts_with([')', '）', ']', ',', ';', ':', '،', '，']);
            if self.allowed(word)
                || (closes_gloss
                    && super::mixed_script_span::inside_brackets(&p.text[..t.core.start]))
                || super::mixed_script_span::cited_letters(word, ctx)
            {
                continue;
            }
            out.push(Hit::new(t.core));
        }
    }
}

impl Check for StrayWord {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        // A stray word needs letters of another script than the document's.
        if let Some(native) = ctx.script
            && p.scripts.0.iter().any(|&(s, _)| s != native)
        {
            self.stray_words(p, ctx, native, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    /// A token of letters of no script (`µ`, `𝐚𝐛`) is read like any other, though its letters
    /// are of no foreign script: the tokens of native letters alone are the ones passed by.
    #[test]
    fn letters_of_no_script_are_read() {
        let stray = compile("mixed-script-stray-word", "").unwrap();
        // Another lone letter in the paragraph: `c` is a symbol, not typed for `с`.
        assert!(texts(&*stray, "Он встретился c президентом, доза 5 µ.", "ru").is_empty());
        assert_eq!(texts(&*stray, "আজ 𝐚𝐛 রাশিয়ার প্রতিবেদন (BBC)।", "bn"), ["𝐚𝐛"]);
    }

    #[test]
    fn a_letter_alone_for_its_twin_of_the_document_s_script() {
        let stray = compile("mixed-script-stray-word", "").unwrap();
        assert_eq!(
            texts(
                &*stray,
                "Он встретился c президентом, речь шла o планах.",
                "ru"
            ),
            ["c", "o"]
        );
        assert_eq!(
            texts(&*stray, "Уряд i парламент ухвалили закон.", "uk"),
            ["i"]
        );
        assert!(
            texts(
                &*stray,
                "Комната размером 3 x 4 метра, пункт b списка.",
                "ru"
            )
            .is_empty(),
            "a sign between numbers; a letter with no twin"
        );
        assert!(texts(&*stray, "Эти γδ клетки встречаются в коже.", "ru").is_empty());
        for variable in [
            "Скорость света обозначается буквой c и равна 300 000 км/с.",
            "Рассмотрим точку a на прямой и отрезок между точками a и b.",
            "Обозначим через i мнимую единицу, тогда i в квадрате равно минус единице.",
            "Ответы: a — верно, c — не знаю.",
            "Юрист сослался на ст. 15 ч. 1 п. c Закона о защите прав потребителей.",
            "Пусть x — произвольное число.",
        ] {
            assert!(texts(&*stray, variable, "ru").is_empty(), "{variable}");
        }
    }

    #[test]
    fn allow_list_and_length_floor() {
        let stray = compile(
            "mixed-script-stray-word",
            r#"allow = ["date"], min_letters = 3"#,
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
        assert_eq!(
            texts(
                &*stray,
                "However রোগীদের জ্বর হয়। সম্ভবত 18 was মাস লাগবে, ১২ in বৃষ্টি। Your ছবিটি চলছে।",
                "bn"
            ),
            ["However", "was"],
            "a sentence opener before a native word, a source word of three letters after a number; not a unit, not a title"
        );
    }
}
