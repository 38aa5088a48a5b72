//! Sentences: ends at `.?!।॥` and their full-width forms, but not inside a quotation; a
//! quotation that closes right after a terminator ends the sentence with it.

use super::Span;
use super::props::{DECIMAL, LETTER, MARK, Props, WHITESPACE};
use super::scan::{Machine, run};

/// A character that ends a sentence (`.`, `।`, `。`).
pub fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '?' | '!' | '।' | '॥' | '。' | '？' | '！' | '．' | '؟' | '۔'
    )
}

/// Full-width terminators end a sentence without a following space.
fn needs_no_space(c: char) -> bool {
    matches!(c, '。' | '？' | '！' | '．')
}

fn opens(c: char) -> bool {
    matches!(c, '“' | '«' | '„' | '「' | '『' | '（' | '(')
}

/// A quote or bracket that closes what a sentence may end inside.
pub fn closes(c: char) -> bool {
    matches!(c, '”' | '»' | '」' | '』' | '）' | ')')
}

pub fn sentences(text: &str) -> Vec<Span> {
    run(text, Sentences::default())
}

/// The sentences of a paragraph, a character at a time: a terminator ends one when whitespace
/// or the end follows (or right away for the full-width ones), unless it lies inside quotes or
/// brackets, whose closing ends it instead.
#[derive(Default)]
pub(super) struct Sentences {
    out: Vec<Span>,
    start: usize,
    depth: usize,
    straight_open: bool,
    after_terminator: bool,
}

impl Machine for Sentences {
    type Out = Vec<Span>;

    #[inline(always)]
    fn step(&mut self, _: &str, i: usize, c: char, p: &Props, next: Option<char>) {
        if p.has(LETTER | MARK | DECIMAL) {
            self.after_terminator = false;
            return;
        }
        let boundary_follows = next.is_none_or(char::is_whitespace);
        let mut end_here = |out: &mut Vec<Span>| {
            let end = i + c.len_utf8();
            out.push(Span::new(self.start, end));
            self.start = end;
        };
        if c == '"' {
            self.straight_open = !self.straight_open;
            if !self.straight_open && self.after_terminator && self.depth == 0 && boundary_follows {
                end_here(&mut self.out);
            }
            self.after_terminator = false;
        } else if opens(c) {
            self.depth += 1;
            self.after_terminator = false;
        } else if closes(c) {
            self.depth = self.depth.saturating_sub(1);
            if self.after_terminator && self.depth == 0 && !self.straight_open && boundary_follows {
                end_here(&mut self.out);
            }
            self.after_terminator = false;
        } else if is_terminator(c) {
            if self.depth == 0 && !self.straight_open && (boundary_follows || needs_no_space(c)) {
                let next_closes = next.is_some_and(|n| closes(n) || n == '"');
                if !next_closes {
                    end_here(&mut self.out);
                }
            }
            self.after_terminator = true;
        } else if !p.has(WHITESPACE) {
            self.after_terminator = false;
        }
    }

    fn finish(mut self, text: &str) -> Vec<Span> {
        if text[self.start..].chars().any(|c| !c.is_whitespace()) {
            self.out.push(Span::new(self.start, text.len()));
        }
        for s in &mut self.out {
            let trimmed = text[s.start..s.end].trim_start();
            s.start = s.end - trimmed.len();
        }
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<&str> {
        sentences(s).iter().map(|x| &s[x.start..x.end]).collect()
    }

    #[test]
    fn danda_ends_a_sentence() {
        assert_eq!(texts("এক। দুই? তিন"), ["এক।", "দুই?", "তিন"]);
    }

    #[test]
    fn quotation_is_one_sentence() {
        let s = "তিনি বলেন, “আমরা জিতব। আমরা লড়ব,” তিনি বলেন। পরে।";
        assert_eq!(
            texts(s),
            ["তিনি বলেন, “আমরা জিতব। আমরা লড়ব,” তিনি বলেন।", "পরে।"]
        );
        let q = "“রাখবে।” এদিকে।";
        assert_eq!(texts(q), ["“রাখবে।”", "এদিকে।"]);
    }

    #[test]
    fn full_width_needs_no_space() {
        assert_eq!(texts("你好。再见！"), ["你好。", "再见！"]);
    }
}
