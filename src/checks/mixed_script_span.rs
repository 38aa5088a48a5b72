//! `mixed-script-span`: two or more words of another script left inside a sentence of the
//! document's script: English that MT did not translate (`side effects`, `wash your hands
//! often`, `harbor pocket-এর`, `cotton的`) or a run of another language of an uncased script
//! (Hindi words inside Bengali MT output).
//!
//! Words are whitespace tokens; in a script written without spaces (Han, Kana, Thai) a token
//! also ends where the document's letters meet others (`我们side effects的` is `我们`, `side`,
//! `effects`, `的`). A run is consecutive tokens that are plain words of one foreign script,
//! inner hyphens and apostrophes allowed, with punctuation only after its last word; a word
//! glued to a native affix (`pocket-এর`, `الـbasket`, `पicking`) belongs to the run it touches.
//!
//! Professional text keeps names, titles, acronyms, glosses and citations in their script, and
//! none of them is flagged: a run in brackets or quotes, a run of capitalised words or
//! acronyms, one with a single lowercase word (`Tierra del Sol`, binomials such as
//! `Rhinolophus sinicus`), a run of the source language's function words in a title
//! (`Federal Service for Surveillance in Healthcare`), tokens that are code, handles,
//! hashtags or addresses, and a paragraph mostly in the other script (`language`'s). So a
//! run in a cased script counts when it holds two lowercase words, one of them not a function
//! word of the source language (`source_words`), or, with `min_title_words`, that many
//! capitalised words of which none is an acronym. A run in an uncased script other than the
//! document's and the source's (Devanagari in Bengali) has no case to tell a name by: two
//! words count. Scripts written together are one (Han with Kana, Han with Hangul).

use std::borrow::Cow;

use serde::Deserialize;
use unicode_script::Script;

use super::shared::{is_hyphen, nfc_all};
use super::{BuildError, Check, Context, Hit};
use crate::text::script::{
    is_cased_letter, is_letter, is_letter_or_mark, is_lowercase_letter, is_mark, is_unspaced,
    script_of, written_together,
};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Phrases kept in the source's script by convention (`in vitro`, `et al`): their words
    /// count for nothing (compared case-insensitively).
    #[serde(default)]
    allow: Vec<String>,
    /// Fewest words of a run.
    #[serde(default = "default_min_words")]
    min_words: usize,
    /// Fewest capitalised words (no acronym among them) that make a run untranslated on
    /// their own; 0: capitalised words never do.
    #[serde(default)]
    min_title_words: usize,
    /// Largest share of a paragraph's words in the other script: above it the paragraph is
    /// foreign, which is `language`'s to judge.
    #[serde(default = "default_max_share")]
    max_share: f64,
}

fn default_min_words() -> usize {
    2
}

fn default_max_share() -> f64 {
    0.6
}

#[derive(Debug)]
pub struct SpanCheck {
    allow: Vec<Vec<String>>,
    min_words: usize,
    min_title_words: usize,
    max_share: f64,
}

pub fn build(o: Options) -> Result<SpanCheck, BuildError> {
    if o.min_words < 2 {
        return Err(BuildError::new("`min_words` must be 2 or more"));
    }
    if !(0.0..=1.0).contains(&o.max_share) {
        return Err(BuildError::new("`max_share` must lie between 0 and 1"));
    }
    Ok(SpanCheck {
        allow: nfc_all(&o.allow)
            .iter()
            .map(|a| a.split_whitespace().map(str::to_lowercase).collect())
            .filter(|a: &Vec<String>| !a.is_empty())
            .collect(),
        min_words: o.min_words,
        min_title_words: o.min_title_words,
        max_share: o.max_share,
    })
}

/// Punctuation that may end a word of a run (the run ends there).
fn is_trailing_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '.'
            | '!'
            | '?'
            | '।'
            | '॥'
            | '،'
            | '؛'
            | '؟'
            | '，'
            | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '…'
    )
}

/// Whitespace tokens of a paragraph (the analysis's); in a document of a script written
/// without spaces, each also cut where the document's letters meet other characters.
pub fn tokens<'p>(p: &'p Analysis, native: Script) -> Cow<'p, [Span]> {
    if !is_unspaced(native) {
        return Cow::Borrowed(&p.tokens);
    }
    let is_native =
        |c: char| is_letter_or_mark(c) && script_of(c).is_some_and(|s| written_together(s, native));
    let mut out = Vec::with_capacity(p.tokens.len());
    for t in &p.tokens {
        let mut start = t.start;
        let mut last_native = false;
        for (k, c) in p.text[t.start..t.end].char_indices() {
            let i = t.start + k;
            let native_here = is_native(c);
            if i == t.start {
                last_native = native_here;
            } else if native_here != last_native
                && !is_mark(c)
                && !(last_native && is_trailing_punct(c))
            {
                // A mark stays with its letter; a native punctuation mark (`，`) with the
                // letters it follows.
                out.push(Span::new(start, i));
                start = i;
            }
            if !(is_trailing_punct(c) || is_mark(c)) {
                last_native = native_here;
            }
        }
        out.push(Span::new(start, t.end));
    }
    Cow::Owned(out)
}

/// Whether token `i` of `toks` (from `tokens`) may hold a letter or mark of a script other
/// than the document's: false for a token of the analysis whose letters are all native, which
/// is then passed by without reading it (in a script written without spaces the tokens are
/// cut again, and each is read).
pub fn may_be_foreign(p: &Analysis, toks: &[Span], i: usize, native: Script) -> bool {
    let of_analysis = std::ptr::eq(toks, p.tokens.as_slice());
    !of_analysis || p.token_scripts.get(i).is_none_or(|s| s.other_than(native))
}

/// How a token's letters stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// All lowercase (`effects`, `pooh-poohed`).
    Lower,
    /// A capital, then lowercase (`Rural`).
    Title,
    /// Acronyms and mixed case (`WHO`, `iMessage`).
    Other,
    /// An uncased script.
    None,
}

/// A token that is one plain word of a foreign script.
#[derive(Debug, Clone)]
struct Word {
    /// The whole token without trailing punctuation.
    span: Span,
    script: Script,
    case: Case,
    /// Its foreign letters, lowercase (an affix of the document's script taken off).
    text: String,
    /// Punctuation after it: the run ends here.
    ends: bool,
    /// A native ending is glued after it (`pocket-এর`): the run ends with it.
    suffixed: bool,
    /// Letters of the document's script touch it, before or after (`यह巨大的`; not an ending
    /// after a hyphen, `森林浴-এর`).
    glued: bool,
}

/// The token as a foreign word, if it is one: letters (and marks) of one script other than
/// the document's, inner hyphens and apostrophes, and at most an affix of the document's
/// script glued at one end (before it: at most four letters, as a proclitic or a corrupted
/// first letter; after it: an ending, after a hyphen or not).
fn foreign_word(text: &str, span: Span, native: Script) -> Option<Word> {
    let raw = &text[span.start..span.end];
    let core = raw.trim_end_matches(is_trailing_punct);
    if core.is_empty() {
        return None;
    }
    let ends = core.len() < raw.len();
    let native_at =
        |c: char| is_letter_or_mark(c) && script_of(c).is_some_and(|s| written_together(s, native));
    let foreign_at = |c: char| {
        is_letter_or_mark(c) && script_of(c).is_some_and(|s| !written_together(s, native))
    };
    // Where the foreign letters start and end (most tokens have none).
    let from = core.char_indices().find(|&(_, c)| foreign_at(c))?.0;
    let to = core
        .char_indices()
        .rev()
        .find(|&(_, c)| foreign_at(c))
        .map(|(i, c)| i + c.len_utf8())?;
    // Before the foreign letters: nothing, or a short native prefix (tatweel allowed).
    let prefix = &core[..from];
    let prefix_letters = prefix.chars().filter(|&c| native_at(c)).count();
    if prefix.chars().any(|c| !(native_at(c) || c == '\u{0640}')) || prefix_letters > 4 {
        return None;
    }
    // After them: nothing, or a native ending, after one hyphen or glued.
    let suffix = &core[to..];
    // Native letters touching the foreign ones (`यह巨大的`); an ending after a hyphen is how a
    // cited term is inflected (`森林浴-এর`).
    let touching = prefix_letters > 0 || suffix.chars().next().is_some_and(native_at);
    let mut suffix_iter = suffix.chars().peekable();
    if suffix_iter.peek().is_some_and(|&c| is_hyphen(c)) {
        suffix_iter.next();
        suffix_iter.peek()?;
    }
    if !suffix_iter.all(native_at) {
        return None;
    }
    let body = &core[from..to];
    // The body: letters and marks of one script, hyphens and apostrophes between letters.
    let mut script = None;
    let mut prev_letter = false;
    for c in body.chars() {
        if is_letter_or_mark(c) {
            let s = script_of(c);
            match (s, script) {
                (None, _) => {}
                (Some(s), None) => script = Some(s),
                (Some(s), Some(x)) if s == x => {}
                _ => return None,
            }
            prev_letter = true;
        } else if (is_hyphen(c) || matches!(c, '\'' | '’')) && prev_letter {
            prev_letter = false;
        } else {
            return None;
        }
    }
    if !prev_letter {
        return None;
    }
    let script = script?;
    if written_together(script, native) {
        return None;
    }
    let mut cased = body.chars().filter(|&c| is_cased_letter(c));
    let first_cased = cased.next();
    let (mut others, mut others_lower) = (0, true);
    for c in cased {
        others += 1;
        others_lower &= is_lowercase_letter(c);
    }
    let case = if first_cased.is_none() {
        Case::None
    } else if others_lower && first_cased.is_some_and(is_lowercase_letter) {
        Case::Lower
    } else if is_cased_letter(body.chars().next().unwrap_or(' '))
        && !is_lowercase_letter(body.chars().next().unwrap_or(' '))
        && others_lower
        && others >= 1
    {
        Case::Title
    } else {
        Case::Other
    };
    Some(Word {
        span: Span::new(span.start, span.start + core.len()),
        script,
        case,
        text: body.to_lowercase(),
        ends,
        suffixed: to < core.len(),
        glued: touching,
    })
}

/// Whether a run is all there is between brackets or quotation marks (a gloss, a cited term or
/// title): from the run back to an opening mark and on to a closing one, no letter of the
/// document's script.
fn enclosed(text: &str, run: Span, native: Script) -> bool {
    let is_native =
        |c: char| is_letter_or_mark(c) && script_of(c).is_some_and(|s| written_together(s, native));
    const OPEN: &str = "([{（［【〔“„«‹「『‘\"'＂";
    const CLOSE: &str = ")]}）］】〕”“»›」』’\"'＂";
    // A run after a colon inside brackets is a gloss too (`(بالصينية: 火眼`, "in Chinese:").
    let before = text[..run.start].trim_end();
    if (before.ends_with(':') || before.ends_with('：')) && inside_brackets(before) {
        return true;
    }
    let opened = text[..run.start]
        .chars()
        .rev()
        .find(|&c| is_native(c) || OPEN.contains(c))
        .is_some_and(|c| !is_native(c));
    opened
        && text[run.end..]
            .chars()
            .find(|&c| is_native(c) || CLOSE.contains(c))
            .is_some_and(|c| !is_native(c))
}

/// Whether the text after a run opens with its acronym in brackets (`Sialodacryoadenitis virus
/// (SDAV)`): the run is a term being named.
fn introduces_acronym(after: &str) -> bool {
    let after = after.trim_start();
    let Some(inner) = after.strip_prefix(['(', '（']) else {
        return false;
    };
    let acronym: String = inner
        .chars()
        .take_while(|c| !matches!(c, ')' | '）' | ',' | ';'))
        .collect();
    let capitals = acronym.chars().filter(|c| c.is_uppercase()).count();
    capitals >= 2 && acronym.chars().all(|c| c.is_alphanumeric() || c == '-')
}

/// Whether a bracket opened in `text` is still open at its end.
pub fn inside_brackets(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' | '[' | '（' | '［' | '【' => depth += 1,
            ')' | ']' | '）' | '］' | '】' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0
}

/// Whether a Latin-script word has a letter with a diacritic that none of the source
/// language's words has (`liberté`, `Ateş` in a translation from English): a word of a third
/// language, cited on purpose, never the source's left untranslated.
pub fn cited_letters(word: &str, ctx: &Context) -> bool {
    use unicode_normalization::UnicodeNormalization;
    let accented = |c: char| c.to_string().nfd().count() > 1 && is_cased_letter(c);
    word.chars().filter(|&c| accented(c)).any(|c| {
        let lower = c.to_lowercase().next().unwrap_or(c);
        !ctx.lexicon.source_words.iter().any(|w| w.contains(lower))
    })
}

impl SpanCheck {
    /// The runs this check flags in a paragraph.
    pub fn runs(&self, p: &Analysis, ctx: &Context) -> Vec<Span> {
        let Some(native) = ctx.script else {
            return Vec::new();
        };
        if !p
            .scripts
            .0
            .iter()
            .any(|&(s, _)| !written_together(s, native))
        {
            return Vec::new();
        }
        // A paragraph mostly in the run's script is `language`'s.
        let letter_words = p.words.iter().filter(|w| w.is_letters()).count();
        let mostly = |script: &Script| {
            let n = p
                .words
                .iter()
                .filter(|w| w.is_letters() && w.script == Some(*script))
                .count();
            n as f64 > self.max_share * letter_words as f64
        };
        let source_script = crate::lang::script_of(ctx.source_language.as_deref().unwrap_or("en"));
        let toks = tokens(p, native);
        let mut out = Vec::new();
        let mut i = 0;
        let foreign = |i: usize| {
            may_be_foreign(p, &toks, i, native)
                .then(|| foreign_word(p.text, toks[i], native))
                .flatten()
        };
        while i < toks.len() {
            let Some(first) = foreign(i) else {
                i += 1;
                continue;
            };
            let mut run = vec![first];
            let mut j = i + 1;
            // Punctuation or a native ending after a word ends the run.
            while j < toks.len() && !run.last().is_some_and(|w: &Word| w.ends || w.suffixed) {
                match foreign(j) {
                    Some(w) if w.script == run[0].script => {
                        run.push(w);
                        j += 1;
                    }
                    _ => break,
                }
            }
            if self.flags(p, ctx, &run, (native, source_script)) && !mostly(&run[0].script) {
                out.push(Span::new(run[0].span.start, run[run.len() - 1].span.end));
            }
            i = j.max(i + 1);
        }
        out
    }

    fn flags(
        &self,
        p: &Analysis,
        ctx: &Context,
        run: &[Word],
        (native, source_script): (Script, Option<Script>),
    ) -> bool {
        if weight(run.iter(), source_script) < self.min_words {
            return false;
        }
        let span = Span::new(run[0].span.start, run[run.len() - 1].span.end);
        if enclosed(p.text, span, native) || introduces_acronym(&p.text[span.end..]) {
            return false;
        }
        // A word of an unspaced script, counted by its letters, inside brackets is a term cited
        // with its gloss (`(по-китайски 火眼 или «Огненный глаз»)`).
        if run.len() < self.min_words && inside_brackets(&p.text[..span.start]) {
            return false;
        }
        // Words of phrases kept by convention count for nothing.
        let mut neutral = vec![false; run.len()];
        for phrase in &self.allow {
            let n = phrase.len();
            if n > run.len() {
                continue;
            }
            for k in 0..=run.len() - n {
                if run[k..k + n].iter().zip(phrase).all(|(w, a)| w.text == *a) {
                    neutral[k..k + n].iter_mut().for_each(|x| *x = true);
                }
            }
        }
        let words: Vec<&Word> = run
            .iter()
            .zip(&neutral)
            .filter(|(_, n)| !**n)
            .map(|(w, _)| w)
            .collect();
        if weight(words.iter().copied(), source_script) < self.min_words {
            return false;
        }
        if words[0].case == Case::None {
            // An uncased script: no case tells a name from a word, and professional text
            // writes neither in another uncased script than its own.
            return true;
        }
        // The source language's function words are words of its script only.
        let source = Some(words[0].script) == source_script;
        if source && run.iter().any(|w| cited_letters(p.slice(w.span), ctx)) {
            return false;
        }
        // A capital opening a sentence is sentence case (`Side effects নিয়ে`), not a name's.
        // (`Tierra del Sol` is a name: a capital after the first word.)
        let sentence_start = words[0].case == Case::Title
            && p.starts_sentence(words[0].span.start)
            && words[1..].iter().all(|w| w.case == Case::Lower);
        let sentence_case = |w: &Word| {
            w.case == Case::Lower || (sentence_start && w.span.start == words[0].span.start)
        };
        let lower = words.iter().filter(|w| sentence_case(w)).count();
        let content = words
            .iter()
            .filter(|w| sentence_case(w) && !(source && ctx.lexicon.source_word(&w.text).is_some()))
            .count();
        if lower >= 2 && content >= 1 {
            return true;
        }
        let title = words.iter().filter(|w| w.case == Case::Title).count();
        source
            && self.min_title_words > 0
            && title >= self.min_title_words
            && words.iter().all(|w| w.case != Case::Other)
    }
}

/// How many words a run holds: a token of a script written without spaces counts its
/// letters, each a word or a syllable, where it cannot be a term cited on purpose: glued to
/// letters of the document's script (`यह巨大的`, `पॉनショप`), or in the source's own script
/// (Chinese left in a translation from Chinese). Standing alone in a text from another
/// language it is one word, as a cited term is (`the practice of 森林浴`, `ผัดไทย`).
fn weight<'w>(run: impl Iterator<Item = &'w Word>, source_script: Option<Script>) -> usize {
    run.map(|w| {
        if is_unspaced(w.script) && (w.glued || Some(w.script) == source_script) {
            w.text.chars().filter(|&c| is_letter(c)).count()
        } else {
            1
        }
    })
    .sum()
}

impl Check for SpanCheck {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        out.extend(self.runs(p, ctx).into_iter().map(Hit::new));
    }
}

/// The runs the check flags with its default options and the conventional phrases: what the
/// single-word kinds leave to it (a word glued to a native affix at the end of a run).
pub fn default_runs(p: &Analysis, ctx: &Context) -> Vec<Span> {
    let check = SpanCheck {
        allow: Vec::new(),
        min_words: default_min_words(),
        min_title_words: 0,
        max_share: default_max_share(),
    };
    check.runs(p, ctx)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{compile, texts};

    /// How a foreign word's letters stand: read from its cased letters, the first of the word
    /// deciding a capital (an uncased first letter, `ƻ`, makes no title).
    #[test]
    fn the_case_of_a_foreign_word() {
        let case = |token: &str| {
            let text = format!("কথা {token} কথা");
            let span = Span::new("কথা ".len(), "কথা ".len() + token.len());
            foreign_word(&text, span, Script::Bengali).map(|w| (w.case, w.text))
        };
        assert_eq!(case("effects"), Some((Case::Lower, "effects".into())));
        assert_eq!(case("Rural"), Some((Case::Title, "rural".into())));
        assert_eq!(case("WHO"), Some((Case::Other, "who".into())));
        assert_eq!(case("iMessage").map(|c| c.0), Some(Case::Other));
        assert_eq!(
            case("H").map(|c| c.0),
            Some(Case::Other),
            "one capital alone"
        );
        assert_eq!(case("ƻhello").map(|c| c.0), Some(Case::Lower));
        assert_eq!(case("ƻHello").map(|c| c.0), Some(Case::Other));
        assert_eq!(case("ƻƻ").map(|c| c.0), Some(Case::None));
        assert_eq!(
            case("Rural,").map(|c| c.0),
            Some(Case::Title),
            "punctuation after"
        );
        assert_eq!(
            case("কPocket").map(|c| c.0),
            Some(Case::Title),
            "a native prefix"
        );
        assert_eq!(
            case("pocket-এর").map(|c| c.0),
            Some(Case::Lower),
            "an ending"
        );
        assert_eq!(case("বাংলা"), None, "no foreign letter");
        assert_eq!(
            case("কথাকথাক-Pocket"),
            None,
            "a prefix too long or not letters"
        );
    }

    #[test]
    fn tokens_split_unspaced_scripts_at_script_boundaries() {
        let t = "我们的side effects研究，mary，你好 (pandemic)。";
        let a = Analysis::new(t);
        let got: Vec<&str> = tokens(&a, Script::Han)
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            [
                "我们的",
                "side",
                "effects",
                "研究，",
                "mary，",
                "你好",
                "(pandemic)。"
            ]
        );
        let b = "রোগের side effects-এর কথা";
        let a = Analysis::new(b);
        let got: Vec<&str> = tokens(&a, Script::Bengali)
            .iter()
            .map(|s| &b[s.start..s.end])
            .collect();
        assert_eq!(got, ["রোগের", "side", "effects-এর", "কথা"]);
    }

    #[test]
    fn runs_by_case_and_script() {
        let c = compile("mixed-script-span", r#"allow = ["in vitro", "et al"]"#).unwrap();
        assert_eq!(
            texts(&*c, "টিকার side effects নিয়ে আলোচনা হয়েছে এবং তারা খুশি।", "bn"),
            ["side effects"]
        );
        assert_eq!(
            texts(&*c, "আমরা harbor pocket-এর কাছে গেলাম এবং ফিরে এলাম।", "bn"),
            ["harbor pocket-এর"]
        );
        assert_eq!(
            texts(&*c, "আমরা হাসপাতালে हमारे गाँव में গেলাম এবং ফিরে এলাম।", "bn"),
            ["हमारे गाँव में"]
        );
        // A script written without spaces: a token glued to the document's letters counts
        // its characters; one standing alone may be a term cited on purpose.
        assert_eq!(
            texts(
                &*c,
                "उन्होंने कहा कि यह巨大的 समस्या है और सबको सावधान रहना चाहिए।",
                "hi"
            ),
            ["यह巨大的"]
        );
        assert!(
            texts(
                &*c,
                "জাপানি শব্দ 森林浴-এর অর্থ বনের মধ্যে হাঁটা এবং বিশ্রাম নেওয়া।",
                "bn"
            )
            .is_empty()
        );
        for cited in [
            "The Japanese practice of 森林浴 or forest bathing is popular, and so is カラオケ.",
            "Her favourite dish is ผัดไทย with extra peanuts.",
        ] {
            assert!(texts(&*c, cited, "en").is_empty(), "{cited}");
        }
        for silent in [
            "গত বছরের সম্মেলনটি Organisation of the Islamic Cooperation দ্বারা আয়োজিত হয়েছিল এবং সেখানে অনেক দেশের প্রতিনিধিরা উপস্থিত ছিলেন।",
            "রোগের সুপ্তাবস্থা (incubation period) সাধারণত পাঁচ দিন বলে জানা গেছে।",
            "বাদুড় Rhinolophus sinicus থেকে ভাইরাসটি পাওয়া গেছে বলে জানা যায়।",
            "Zhou et al. দেখিয়েছেন যে ভাইরাসটি in vitro বাড়ে এবং ছড়ায়।",
            "গ্যালারির নাম Tierra del Sol এবং এটি শহরের মাঝখানে অবস্থিত।",
            "Paul Hunter এবং অন্যরা অনুমান করেছিলেন যে রোগটি ছড়াবে।",
            // A Han word cited in brackets with its gloss.
            "পরীক্ষাগারটির নাম (চীনা ভাষায় 火眼বা আগুনের চোখ) এবং এটি দিনে দশ হাজার নমুনা পরীক্ষা করে।",
        ] {
            assert!(
                texts(&*c, silent, "bn").is_empty(),
                "{silent}: {:?}",
                texts(&*c, silent, "bn")
            );
        }
    }
}
