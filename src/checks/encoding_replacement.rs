//! `encoding-replacement`: U+FFFD REPLACEMENT CHARACTER, what a decoder writes for bytes it
//! could not read (`ব�ংলা`): a letter, a word or more of the text is lost. A run of them is
//! one hit.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct Replacement;

pub fn build(_: Options) -> Result<Replacement, BuildError> {
    Ok(Replacement)
}

const REPLACEMENT: char = '\u{FFFD}';

impl Check for Replacement {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
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
        Some("\u{FFFD}")
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
}
