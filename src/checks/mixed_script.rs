//! `mixed-script`: text in a script other than the document's where it does not belong.
//!
//! - `mode = "word"`: one word (UAX #29) whose letters and marks resolve to no single script
//!   (UTS #39), such as an English word glued into a Bengali one (`দৃsolid`).
//! - `mode = "stray-word"`: a lone lowercase word of another cased script standing among
//!   native words (`date` opening a Bengali paragraph, `দৃ solid ়`, `colon পনিবেশিক`).
//!   Professional text writes foreign material as names (capitalised), acronyms, glosses in
//!   brackets, runs of several foreign words, units after numbers, URLs and code: none of
//!   those is a lone lowercase word between native words, so none is flagged.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::rules::Lexicon;
use crate::text::script::{is_cased_letter, is_letter, is_lowercase_letter, script_of};
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
}

pub fn build(o: Options, _: &Lexicon) -> Result<MixedScript, BuildError> {
    Ok(MixedScript {
        mode: o.mode,
        allow: o.allow.iter().map(|w| w.to_lowercase()).collect(),
        min_letters: o.min_letters,
    })
}

/// A whitespace-separated token and what its letters are.
struct Token {
    /// The token with trailing sentence punctuation removed.
    core: Span,
    letters: usize,
    native: usize,
    /// Every letter lowercase, of one cased foreign script, and nothing but letters in `core`.
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
    let mut native_letters = 0;
    let mut foreign_script = None;
    let mut plain = !core_str.is_empty();
    let mut has_digit = false;
    for c in raw.chars() {
        has_digit |= c.is_numeric();
        if is_letter(c) {
            letters += 1;
            let s = script_of(c);
            if s == Some(native) {
                native_letters += 1;
            }
        }
    }
    for c in core_str.chars() {
        if !(is_letter(c) && is_cased_letter(c) && is_lowercase_letter(c)) {
            plain = false;
            break;
        }
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
        native: native_letters,
        plain_foreign_word: plain,
        has_digit,
    }
}

impl MixedScript {
    fn allowed(&self, word: &str) -> bool {
        let lower = word.to_lowercase();
        self.allow.iter().any(|a| *a == lower)
    }

    fn stray_words(&self, p: &Analysis, native: unicode_script::Script, out: &mut Vec<Hit>) {
        let toks = tokens(p, native);
        let is_native = |t: &Token| t.letters > 0 && t.native * 2 > t.letters;
        for (i, t) in toks.iter().enumerate() {
            if !t.plain_foreign_word || t.letters < self.min_letters {
                continue;
            }
            // A unit after a number (`5 mg`) is not a stray word.
            if i > 0 && toks[i - 1].has_digit && toks[i - 1].letters == 0 {
                continue;
            }
            let left = toks[..i].iter().rev().find(|x| x.letters > 0);
            let right = toks[i + 1..].iter().find(|x| x.letters > 0);
            let lone = left.is_none_or(is_native) && right.is_none_or(is_native);
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

impl Check for MixedScript {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        match self.mode {
            Mode::Word => {
                for w in p.words.iter().filter(|w| w.mixed_script) {
                    if !self.allowed(w.text(p.text)) {
                        out.push(Hit::new(w.span));
                    }
                }
            }
            Mode::StrayWord => {
                if let Some(native) = ctx.script {
                    self.stray_words(p, native, out);
                }
            }
        }
    }
}
