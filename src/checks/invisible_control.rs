//! `invisible-control`: C0 and C1 control characters (U+0000-U+001F, U+007F-U+009F) other than
//! tab, line feed and carriage return (a carriage return is the whitespace rules'): invisible
//! in most renderers, boxes in others, escape sequences on a terminal, and forbidden in XML 1.0
//! (a translation file holding one cannot be written). C1 controls inside mojibake are the
//! mojibake's (`encoding-mojibake`), not flagged again. A run of them is one hit.

use serde::Deserialize;

use super::shared::mojibake;
use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct Control;

pub fn build(_: Options) -> Result<Control, BuildError> {
    Ok(Control)
}

fn judged(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The character's code point, as the message names it.
fn code(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

impl Check for Control {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let mut controls: Vec<(usize, char)> =
            p.text.char_indices().filter(|&(_, c)| judged(c)).collect();
        if controls.is_empty() {
            return;
        }
        if controls.iter().any(|&(_, c)| c >= '\u{80}') {
            let garbled: Vec<Span> = mojibake(p.text).into_iter().map(|(s, _)| s).collect();
            controls.retain(|&(i, _)| !garbled.iter().any(|s| s.start <= i && i < s.end));
        }
        let mut run: Option<(Span, char)> = None;
        for (i, c) in controls {
            let end = i + c.len_utf8();
            match run.as_mut() {
                Some((r, _)) if r.end == i => r.end = end,
                _ => {
                    out.extend(run.take().map(|(s, c)| Hit::new(s).var("code", code(c))));
                    run = Some((Span::new(i, end), c));
                }
            }
        }
        out.extend(run.map(|(s, c)| Hit::new(s).var("code", code(c))));
    }

    fn gate(&self) -> Option<&str> {
        Some(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x{9F}]")
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn controls_but_not_whitespace_nor_mojibake() {
        let c = compile("invisible-control", "").unwrap();
        assert_eq!(
            texts(&*c, "বাং\u{1B}লা\tও \u{7}\u{7} \u{85}", "bn"),
            ["\u{1B}", "\u{7}\u{7}", "\u{85}"]
        );
        // `ঁ` (E0 A6 81) read as Latin-1: the C1 control U+0081 is the mojibake's.
        let garbled = "চাঁদ"
            .as_bytes()
            .iter()
            .map(|&b| b as char)
            .collect::<String>();
        assert!(texts(&*c, &garbled, "bn").is_empty());
    }
}
