//! `encoding-replacement`: U+FFFD REPLACEMENT CHARACTER, what a decoder writes for bytes it
//! could not read (`ব�ংলা`): a letter, a word or more of the text is lost. A run of them is
//! one hit. With `question_marks`, the `?` an encoder writes for characters its code page
//! lacks instead (`???? ????? ??`, `সর??কার`).

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::script::{is_letter_or_mark, script_of};
use crate::text::{Analysis, Span};
use unicode_script::Script;

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Flag question marks that stand for lost characters instead of U+FFFD: a run of two or
    /// more inside a word of a script other than Latin or Han (`সর??কার`), two words of them in a
    /// row (`???? ?????`), or a word of two or more between words of such a script (`সরকার
    /// ???? ঘোষণা`). Latin text writes `Vraiment ???` and Chinese `真的吗？？` for emphasis.
    #[serde(default)]
    question_marks: bool,
}

#[derive(Debug)]
pub struct Replacement {
    question_marks: bool,
}

pub fn build(o: Options) -> Result<Replacement, BuildError> {
    Ok(Replacement {
        question_marks: o.question_marks,
    })
}

const REPLACEMENT: char = '\u{FFFD}';

/// A letter or mark of a script whose text a lossy encoding turns into question marks, where
/// a question mark beside it cannot be punctuation of its own (not Latin, not Han, whose
/// writers double question marks for emphasis).
fn lossy_letter(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        is_letter_or_mark(c)
            && !matches!(
                script_of(c),
                None | Some(Script::Latin | Script::Han | Script::Common | Script::Inherited)
            )
    })
}

/// Runs of `?` that stand for lost characters (see `Options::question_marks`).
fn lost(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'?', &bytes[i..]) {
        let start = i + k;
        let end = start + bytes[start..].iter().take_while(|&&b| b == b'?').count();
        i = end;
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        // Inside a word: `সর??কার` (one alone is as often a space left out after a question,
        // `நிச்சயமா?தொடர்புடைய`).
        if end - start >= 2 && lossy_letter(before) && lossy_letter(after) {
            out.push(Span::new(start, end));
            continue;
        }
        let alone = before.is_none_or(char::is_whitespace);
        if !alone || end - start < 2 || !after.is_none_or(char::is_whitespace) {
            continue;
        }
        // Words of question marks in a row (`???? ?????`), one span.
        let rest = &text[end..];
        let gap = rest.len() - rest.trim_start().len();
        let next_marks = rest[gap..].bytes().take_while(|&b| b == b'?').count();
        if gap > 0 && next_marks > 0 {
            let mut stop = end + gap + next_marks;
            loop {
                let more = &text[stop..];
                let g = more.len() - more.trim_start().len();
                let m = more[g..].bytes().take_while(|&b| b == b'?').count();
                if g == 0 || m == 0 {
                    break;
                }
                stop += g + m;
            }
            out.push(Span::new(start, stop));
            i = stop;
            continue;
        }
        // One word of them between words of such a script (`সরকার ???? ঘোষণা`).
        let word_before = text[..start].trim_end().chars().next_back();
        let word_after = rest.trim_start().chars().next();
        if lossy_letter(word_before) && lossy_letter(word_after) {
            out.push(Span::new(start, end));
        }
    }
    out
}

impl Check for Replacement {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        if self.question_marks {
            out.extend(lost(p.text).into_iter().map(Hit::new));
            return;
        }
        let mut run: Option<Span> = None;
        for (i, c) in p.text.char_indices() {
            if c != REPLACEMENT {
                continue;
            }
            let end = i + c.len_utf8();
            match run.as_mut() {
                Some(r) if r.end == i => r.end = end,
                _ => {
                    out.extend(run.take().map(Hit::new));
                    run = Some(Span::new(i, end));
                }
            }
        }
        out.extend(run.map(Hit::new));
    }

    fn gate(&self) -> Option<&str> {
        Some(if self.question_marks {
            r"\?"
        } else {
            "\u{FFFD}"
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn replacement_characters_one_hit_per_run() {
        let c = compile("encoding-replacement", "").unwrap();
        assert_eq!(
            texts(&*c, "ব\u{FFFD}ংলা ও \u{FFFD}\u{FFFD}", "bn"),
            ["\u{FFFD}", "\u{FFFD}\u{FFFD}"]
        );
        assert!(texts(&*c, "বাংলা \u{FFFC} কোড", "bn").is_empty());
    }

    #[test]
    fn question_marks_for_lost_characters() {
        let c = compile("encoding-replacement", "question_marks = true").unwrap();
        assert_eq!(
            texts(&*c, "সর??কার ???? ????? ?? ঘোষণা করেছে, সরকার ???? ঘোষণা", "bn"),
            ["??", "???? ????? ??", "????"]
        );
        assert!(
            texts(
                &*c,
                "Vraiment ??? Oui. 真的吗？？ Кто? Что?? Когда?Где page.php?id=2 What??",
                "ru"
            )
            .is_empty(),
            "questions, emphasis, a URL"
        );
    }
}
