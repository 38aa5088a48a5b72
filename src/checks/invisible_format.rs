//! `invisible-format`: invisible format characters that do not belong where they stand: a
//! zero-width space (U+200B) or word joiner (U+2060) inside a word of a script written with
//! spaces (it splits the word for search, spelling and line breaking, unseen); a byte-order
//! mark (U+FEFF) anywhere but the start of the text, where it is a file's signature (inside,
//! two files were pasted together); a zero-width joiner or non-joiner (U+200D, U+200C) inside
//! a word of a script that never joins (Latin, Cyrillic, Greek, Han, Kana, Hangul...: Indic and
//! Arabic scripts, emoji sequences and every other script are left alone: they use them); the
//! invisible mathematical operators (U+2061-U+2064), the deprecated format characters
//! (U+206A-U+206F) and interlinear annotation (U+FFF9-U+FFFB) anywhere. Soft hyphens,
//! directional marks and the Arabic number signs are left alone; bidirectional controls are
//! `invisible-bidi`'s, and the inline codes of translation files (U+FFFC) are not format
//! characters.

use serde::Deserialize;
use unicode_script::Script;

use super::{BuildError, Check, Context, Hit};
use crate::text::script::{is_letter_or_mark, is_unspaced, script_of};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct Format;

pub fn build(_: Options) -> Result<Format, BuildError> {
    Ok(Format)
}

fn name(c: char) -> &'static str {
    match c {
        '\u{200B}' => "U+200B ZERO WIDTH SPACE",
        '\u{200C}' => "U+200C ZERO WIDTH NON-JOINER",
        '\u{200D}' => "U+200D ZERO WIDTH JOINER",
        '\u{2060}' => "U+2060 WORD JOINER",
        '\u{200E}' => "U+200E LEFT-TO-RIGHT MARK",
        '\u{200F}' => "U+200F RIGHT-TO-LEFT MARK",
        '\u{061C}' => "U+061C ARABIC LETTER MARK",
        '\u{FEFF}' => "U+FEFF BYTE ORDER MARK",
        '\u{2061}'..='\u{2064}' => "an invisible mathematical operator",
        '\u{FFF9}'..='\u{FFFB}' => "an interlinear annotation character",
        _ => "a deprecated format character",
    }
}

/// Scripts whose words never hold a joiner: there a joiner is a stray.
fn never_joins(s: Script) -> bool {
    matches!(
        s,
        Script::Latin
            | Script::Cyrillic
            | Script::Greek
            | Script::Armenian
            | Script::Georgian
            | Script::Hebrew
            | Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Hangul
            | Script::Thai
            | Script::Lao
            | Script::Ethiopic
    )
}

/// The letters or marks right before and after a character, when it stands inside a word
/// (digits count as word characters too).
fn neighbours(text: &str, at: usize, len: usize) -> Option<(char, char)> {
    let before = text[..at].chars().next_back()?;
    let after = text[at + len..].chars().next()?;
    let wordy = |c: char| is_letter_or_mark(c) || c.is_numeric();
    (wordy(before) && wordy(after)).then_some((before, after))
}

impl Format {
    fn misplaced(text: &str, at: usize, c: char) -> bool {
        let inside = neighbours(text, at, c.len_utf8());
        match c {
            // Thai, Khmer, Myanmar... mark word boundaries with it.
            '\u{200B}' | '\u{2060}' => inside.is_some_and(|(b, a)| {
                ![b, a]
                    .into_iter()
                    .filter_map(script_of)
                    .any(|s| is_unspaced(s) && s != Script::Han)
            }),
            '\u{200C}' | '\u{200D}' => inside.is_some_and(|(b, a)| {
                [b, a]
                    .into_iter()
                    .all(|x| script_of(x).is_some_and(never_joins))
            }),
            // Between two letters of one script a direction mark orders nothing (`الحكو‏مة`);
            // beside digits or another script it does.
            '\u{200E}' | '\u{200F}' | '\u{061C}' => inside.is_some_and(|(b, a)| {
                is_letter_or_mark(b)
                    && is_letter_or_mark(a)
                    && script_of(b).is_some()
                    && script_of(b) == script_of(a)
            }),
            '\u{FEFF}' => at > 0,
            '\u{2061}'..='\u{2064}' | '\u{206A}'..='\u{206F}' | '\u{FFF9}'..='\u{FFFB}' => true,
            _ => false,
        }
    }
}

impl Check for Format {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        for (i, c) in p.text.char_indices() {
            if matches!(c, '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{2060}'..='\u{2064}' | '\u{206A}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
                && Format::misplaced(p.text, i, c)
            {
                out.push(Hit::new(Span::new(i, i + c.len_utf8())).var("name", name(c)));
            }
        }
    }

    fn gate(&self) -> Option<&str> {
        Some(
            "[\u{200B}-\u{200F}\u{061C}\u{2060}-\u{2064}\u{206A}-\u{206F}\u{FEFF}\u{FFF9}-\u{FFFB}]",
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn format_characters_out_of_place() {
        let c = compile("invisible-format", "").unwrap();
        assert_eq!(
            texts(
                &*c,
                "বাং\u{200B}লা, wo\u{200C}rd, при\u{200D}вет, 病\u{200B}毒, a\u{FEFF}b",
                "bn"
            ),
            ["\u{200B}", "\u{200C}", "\u{200D}", "\u{200B}", "\u{FEFF}"]
        );
        assert!(
            texts(
                &*c,
                "র\u{200D}্যাব ক্\u{200D}যা می\u{200C}خواهم 👨\u{200D}👩 ภาษา\u{200B}ไทย a \u{200B} b \u{FFFC}",
                "bn"
            )
            .is_empty()
        );
    }

    #[test]
    fn a_direction_mark_inside_a_word() {
        let c = compile("invisible-format", "").unwrap();
        assert_eq!(
            texts(&*c, "أعلنت الحكو\u{200F}مة و Gobi\u{200E}erno", "ar"),
            ["\u{200F}", "\u{200E}"]
        );
        assert!(
            texts(
                &*c,
                "في عام\u{200F} 2020 زار\u{200E}Paris و ١٢\u{061C}٪",
                "ar"
            )
            .is_empty(),
            "beside digits, another script or a space it orders the text"
        );
    }
}
