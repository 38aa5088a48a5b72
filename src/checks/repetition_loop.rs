//! `repetition-loop`: MT output that loops, one unit said again and again in a row: a word or
//! phrase of up to `max_unit` words three times or more (`लोग लोग लोग`, `नए सिरे से नए सिरे से नए
//! सिरे से`), across spaces and punctuation (`আগুনের মতো, আগুনের মতো, …`), and a run of one letter
//! or sign (`উউউউউউউউ`, a vowel sign written a hundred times) or of one digit. One hit per
//! loop, spanning it, with the number of copies and the unit.
//!
//! Not a loop: runs of punctuation or symbols (`!!!!`, `....`, emoji: style); a single word said
//! three times with commas between (`Video, video, video.`, a figure of speech; `rhetorical_repeats`);
//! laughter and sound words of the language data's `interjections` (`हा हा हा`, `哈哈哈`) under
//! `interjection_repeats` copies; and a loop its unit's source has as well (`whoa, whoa, whoa`
//! → `वाह, वाह, वाह`, a stretched `noooo`): when the source repeats about as many times
//! (the target's count at most the source's plus a quarter, and at least plus one), nothing is
//! flagged.

use serde::Deserialize;

use super::shared::{
    Loop, Token, char_runs, hyphen_tokens, is_vowel, paragraph_loops, repeat_counts,
    source_digit_runs, sub_word,
};
use super::{BuildError, Check, Context, Hit};
use crate::text::Analysis;
use crate::text::placeholders::masked;
use crate::text::script::{is_decimal_digit, is_letter, is_mark};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// The fewest copies in a row that make a loop.
    #[serde(default = "default_min_repeats")]
    min_repeats: usize,
    /// The longest unit, in words (in characters in a script written without spaces).
    #[serde(default = "default_max_unit")]
    max_unit: usize,
    /// The shortest run of one letter or mark (`नहींनननननननन`).
    #[serde(default = "default_min_letter_run")]
    min_letter_run: usize,
    /// The shortest run of one digit (numbers write up to a dozen zeros).
    #[serde(default = "default_min_digit_run")]
    min_digit_run: usize,
    /// A word or a phrase of two words said this many times or fewer, with a comma between
    /// copies, is a figure of speech (`Video, video, video.`, `रुको रुको, रुको`), not a loop; 0
    /// flags it.
    #[serde(default = "default_rhetorical_repeats")]
    rhetorical_repeats: usize,
    /// A vowel stretched at the end of a word up to this many times is expressive lengthening
    /// (`noooooo`, `नहींईईईईई`), not a loop; 0 flags it.
    #[serde(default = "default_lengthening")]
    lengthening: usize,
    /// A unit of interjections (the language data's `interjections`: `हा`, `哈`) is a loop
    /// only from this many copies: laughter repeats.
    #[serde(default = "default_interjection_repeats")]
    interjection_repeats: usize,
    /// A unit said up to this many times with punctuation between the copies, filling a
    /// quotation, is a chant or a slogan quoted (`«Позор! Позор! Позор!»`, `“加油！加油！加油！”`),
    /// not a loop; 0 flags it.
    #[serde(default)]
    quoted_repeats: usize,
}

fn default_min_repeats() -> usize {
    super::shared::LOOP_MIN
}

fn default_max_unit() -> usize {
    super::shared::LOOP_MAX_UNIT
}

fn default_min_letter_run() -> usize {
    8
}

fn default_min_digit_run() -> usize {
    16
}

fn default_rhetorical_repeats() -> usize {
    3
}

fn default_lengthening() -> usize {
    24
}

fn default_interjection_repeats() -> usize {
    10
}

#[derive(Debug)]
pub struct RepetitionLoop {
    min_repeats: usize,
    max_unit: usize,
    min_letter_run: usize,
    min_digit_run: usize,
    rhetorical_repeats: usize,
    lengthening: usize,
    interjection_repeats: usize,
    quoted_repeats: usize,
}

pub fn build(o: Options) -> Result<RepetitionLoop, BuildError> {
    if o.min_repeats < 2 {
        return Err(BuildError::new("`min_repeats` must be 2 or more"));
    }
    if o.min_letter_run < 2 || o.min_digit_run < 2 {
        return Err(BuildError::new(
            "`min_letter_run` and `min_digit_run` must be 2 or more",
        ));
    }
    Ok(RepetitionLoop {
        min_repeats: o.min_repeats,
        max_unit: o.max_unit.max(1),
        min_letter_run: o.min_letter_run,
        min_digit_run: o.min_digit_run,
        rhetorical_repeats: o.rhetorical_repeats,
        lengthening: o.lengthening,
        interjection_repeats: o.interjection_repeats,
        quoted_repeats: o.quoted_repeats,
    })
}

/// Whether a source that repeats `source` times mirrors a loop of `target` copies.
fn mirrors(source: usize, target: usize) -> bool {
    target <= source + (source / 4).max(1)
}

/// Whether a loop fills a quotation, with punctuation between its copies (`"भारत माता की जय,
/// भारत माता की जय, भारत माता की जय"`, `«Позор! Позор! Позор!»`): a chant quoted.
fn chant(text: &str, l: &Loop) -> bool {
    let opening = |c: char| matches!(c, '"' | '“' | '„' | '«' | '‹' | '‘' | '「' | '『' | '\'');
    let closing = |c: char| matches!(c, '"' | '”' | '“' | '»' | '›' | '’' | '」' | '』' | '\'');
    let quiet = |c: char| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && !matches!(c, '"' | '\''))
            || matches!(c, '！' | '，' | '。' | '、' | '？' | '।' | '،' | '؟' | '…')
    };
    let before = text[..l.span.start].trim_end_matches(quiet);
    let after = text[l.span.end..].trim_start_matches(quiet);
    let punctuation = |s: &str| {
        s.chars()
            .filter(|&c| quiet(c) && !c.is_whitespace())
            .count()
    };
    let between = punctuation(&text[l.span.start..l.span.end])
        .saturating_sub(l.count * punctuation(&text[l.unit_span.start..l.unit_span.end]));
    // Quoted, or said after a colon or a dash to the end of its sentence (`Ребёнок всё время
    // спрашивает: почему? почему? почему?`, `صرخ الطفل: لماذا؟ لماذا؟ لماذا؟`).
    let ends_sentence = text[l.span.end..]
        .trim_start()
        .starts_with(['?', '!', '.', '؟', '।', '。', '！', '？']);
    let introduced = text[..l.span.start]
        .trim_end()
        .ends_with([':', '—', '–', '：'])
        && (after.is_empty() || after.chars().next().is_some_and(closing) || ends_sentence);
    ((before.chars().next_back().is_some_and(opening) && after.chars().next().is_some_and(closing))
        || introduced)
        && between + 1 >= l.count
}

/// The unit as shown in a message: its first 60 characters.
fn shown(unit: &str) -> String {
    match unit.char_indices().nth(60) {
        Some((at, _)) => format!("{}…", &unit[..at]),
        None => unit.to_string(),
    }
}

impl RepetitionLoop {
    /// Whether a loop of words is a defect: not a figure of speech, not laughter.
    fn looping(&self, p: &Analysis, tokens: &[Token], l: &Loop, ctx: &Context) -> bool {
        let unit = &tokens[l.first..l.first + l.unit_tokens];
        if l.unit_tokens <= 2 && l.commas > 0 && l.count <= self.rhetorical_repeats {
            return false;
        }
        if l.count < self.interjection_repeats
            && unit.iter().all(|t| ctx.lexicon.is_interjection(t.norm(p)))
        {
            return false;
        }
        // In a script whose letters are no words (Thai, Myanmar), a syllable said twice inside
        // a word is grammar (`မိမိ` oneself): a unit of one syllable whose copies touch somewhere
        // loops from one copy more than `min_repeats` on (`မိမိ၏ မိသားစု` one's family holds
        // three).
        let once = p.slice(l.unit_span);
        if l.unit_tokens == 1
            && l.count <= self.min_repeats
            && sub_word(once)
            && p.slice(l.span).contains(&once.repeat(2))
        {
            return false;
        }
        !(l.count <= self.quoted_repeats && chant(p.text, l))
    }
}

impl RepetitionLoop {
    /// A vowel stretched at the end of its word (`noooo`, `नहींईईईई`): after a letter or sign
    /// of the word, before no letter.
    fn lengthened(&self, text: &str, r: &Loop) -> bool {
        let Some(c) = text[r.span.start..].chars().next() else {
            return false;
        };
        let wordy = |x: char| is_letter(x) || is_mark(x);
        r.count <= self.lengthening
            && is_vowel(c)
            && text[..r.span.start].chars().next_back().is_some_and(wordy)
            && !text[r.span.end..].chars().next().is_some_and(wordy)
    }
}

impl Check for RepetitionLoop {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let tokens = hyphen_tokens(p);
        let mut loops: Vec<Loop> = paragraph_loops(p, &tokens, self.max_unit, self.min_repeats)
            .into_iter()
            .filter(|l| self.looping(p, &tokens, l, ctx))
            .collect();
        let runs = char_runs(p, self.min_letter_run, self.min_digit_run);
        if !runs.is_empty() {
            let masks = masked(p.text);
            // A run inside a loop of words is part of it; a run in a URL is no language.
            let covered = crate::text::merged(loops.iter().map(|l| l.span).chain(masks).collect());
            loops.extend(runs.into_iter().filter(|r| {
                !crate::text::inside_any(&covered, r.span) && !self.lengthened(p.text, r)
            }));
            loops.sort_by_key(|l| l.span.start);
        }
        if loops.is_empty() {
            return;
        }
        // What the source repeats as often: a run of digits by a run of digits (a number),
        // anything else by a repetition of words or letters.
        let source = p.source().map(|s| (repeat_counts(s), source_digit_runs(s)));
        for l in loops {
            let digits = l.unit_tokens == 0
                && p.slice(l.unit_span)
                    .chars()
                    .next()
                    .is_some_and(is_decimal_digit);
            if source.as_ref().is_some_and(|(counts, digit_runs)| {
                let counts = if digits { digit_runs } else { counts };
                counts.iter().any(|&c| mirrors(c, l.count))
            }) {
                continue;
            }
            let unit = p.slice(l.unit_span);
            let mut hit = Hit::new(l.span)
                .var("count", l.count.to_string())
                .var("unit", shown(unit));
            if l.unit_tokens > 0 {
                hit = hit.suggest(unit);
            }
            out.push(hit);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    #[test]
    fn loops_of_words_and_runs_of_letters() {
        let c = compile("repetition-loop", "").unwrap();
        assert_eq!(
            flagged(&*c, "মলিন বস্তিতে বস বস বস বস লোক", "bn"),
            [("বস বস বস বস".to_string(), Some("বস".to_string()))]
        );
        assert_eq!(
            texts(&*c, "নতুন করে নতুন করে, নতুন করে, নতুন করে তৈরি হবে", "bn"),
            ["নতুন করে নতুন করে, নতুন করে, নতুন করে"]
        );
        assert!(
            texts(&*c, "থামো থামো, থামো! সে বলল", "bn").is_empty(),
            "a short phrase said three times with a comma is rhetoric"
        );
        assert_eq!(
            texts(
                &*c,
                "বিমাননননননননননবন্দরে গেল সে!!!!!!!!!! 10000000000 000000000000000000",
                "bn"
            ),
            ["নননননননননন", "000000000000000000"]
        );
        assert!(
            texts(&*c, "সে চেঁচিয়ে বলল নাআআআআআআআআআ!", "bn").is_empty(),
            "a vowel stretched at the end of a word is expressive lengthening"
        );
        assert_eq!(
            texts(&*c, &format!("সে বলল না{} তারপর", "আ".repeat(30)), "bn"),
            ["আ".repeat(30)]
        );
        assert!(
            texts(&*c, "ভিডিও, ভিডিও, ভিডিও। রাজা সেখানে রাজা সেখানে গেলেন।", "bn").is_empty(),
            "a word said three times with commas is a figure of speech; twice is no loop"
        );
        assert_eq!(
            texts(&*c, "ভিডিও, ভিডিও, ভিডিও, ভিডিও।", "bn"),
            ["ভিডিও, ভিডিও, ভিডিও, ভিডিও"]
        );
        // A syllable said twice inside a Burmese word, then again (UDHR, article 12).
        assert!(texts(&*c, "မိမိ၏ မိသားစုကို သော်လည်းကောင်း၊ မိမိ၏ နေအိမ်", "my").is_empty());
        assert_eq!(
            texts(&*c, "ภาษา ภาษา ภาษา ภาษา", "th"),
            ["ภาษา ภาษา ภาษา ภาษา"]
        );
        assert!(compile("repetition-loop", "min_repeats = 1").is_err());
    }
}
