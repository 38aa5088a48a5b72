//! `invisible-bidi`: bidirectional controls that reorder text for the reader without a trace:
//! an override (U+202D LRO, U+202E RLO) anywhere (it reverses what the reader sees: the
//! "Trojan Source" trick); an embedding (U+202A LRE, U+202B RLE) or an isolate (U+2066 LRI,
//! U+2067 RLI, U+2068 FSI) that its paragraph never closes, a closer (U+202C PDF, U+2069 PDI)
//! with nothing to close, and any of them inside a word. A balanced pair around a phrase or a
//! placeholder (FSI `{name}` PDI, as Fluent writes them) is how bidirectional text is meant to be
//! marked, and is left alone.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::script::is_letter_or_mark;
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct Bidi;

pub fn build(_: Options) -> Result<Bidi, BuildError> {
    Ok(Bidi)
}

/// The control's code point and name, as the message shows it.
fn name(c: char) -> &'static str {
    match c {
        '\u{202A}' => "U+202A LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "U+202B RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "U+202C POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "U+202D LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "U+202E RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "U+2066 LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "U+2067 RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "U+2068 FIRST STRONG ISOLATE",
        _ => "U+2069 POP DIRECTIONAL ISOLATE",
    }
}

fn is_bidi(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Between two letters or marks: inside a word.
fn inside_word(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    before.is_some_and(is_letter_or_mark) && after.is_some_and(is_letter_or_mark)
}

impl Check for Bidi {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let text = p.text;
        let mut bad: Vec<(usize, char)> = Vec::new();
        // Open embeddings and isolates, innermost last, as UAX #9 pairs them.
        let mut open: Vec<(usize, char)> = Vec::new();
        for (i, c) in text.char_indices().filter(|&(_, c)| is_bidi(c)) {
            if inside_word(text, i, c.len_utf8()) {
                bad.push((i, c));
                continue;
            }
            match c {
                // An override is flagged whatever closes it; its PDF is no stray.
                '\u{202D}' | '\u{202E}' => {
                    bad.push((i, c));
                    open.push((i, c));
                }
                '\u{202A}' | '\u{202B}' | '\u{2066}'..='\u{2068}' => open.push((i, c)),
                '\u{202C}' => match open.last() {
                    Some(&(_, '\u{202A}'..='\u{202E}')) => {
                        open.pop();
                    }
                    _ => bad.push((i, c)),
                },
                _ => match open
                    .iter()
                    .rposition(|&(_, o)| matches!(o, '\u{2066}'..='\u{2068}'))
                {
                    // A PDI closes its isolate and every embedding opened inside it.
                    Some(k) => open.truncate(k),
                    None => bad.push((i, c)),
                },
            }
        }
        bad.extend(
            open.into_iter()
                .filter(|&(_, c)| !matches!(c, '\u{202D}' | '\u{202E}')),
        );
        bad.sort_unstable();
        for (i, c) in bad {
            out.push(Hit::new(Span::new(i, i + c.len_utf8())).var("name", name(c)));
        }
    }

    fn gate(&self) -> Option<&str> {
        Some("[\u{202A}-\u{202E}\u{2066}-\u{2069}]")
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn stray_and_overriding_controls() {
        let c = compile("invisible-bidi", "").unwrap();
        assert_eq!(
            texts(
                &*c,
                "ব\u{202B}াংলা, \u{2069}ভাষা \u{2067}শেষ, \u{202E}abc\u{202C}",
                "bn"
            ),
            ["\u{202B}", "\u{2069}", "\u{2067}", "\u{202E}"]
        );
        assert!(
            texts(
                &*c,
                "مرحبا \u{2068}{name}\u{2069} و \u{202B}نص\u{202C}.",
                "ar"
            )
            .is_empty(),
            "balanced pairs around a phrase"
        );
    }
}
