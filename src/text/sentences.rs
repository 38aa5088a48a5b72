//! Sentences: ends at `.?!।॥` and their full-width forms, but not inside a quotation; a
//! quotation that closes right after a terminator ends the sentence with it.

use super::Span;
use super::props::{DECIMAL, LETTER, MARK, Props, WHITESPACE};
use super::scan::{Machine, next_char, run};

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

/// A quote or bracket that opens what a sentence may end inside.
pub fn opens(c: char) -> bool {
    matches!(c, '“' | '«' | '„' | '「' | '『' | '（' | '(')
}

/// A quote or bracket that closes what a sentence may end inside.
pub fn closes(c: char) -> bool {
    matches!(c, '”' | '»' | '」' | '』' | '）' | ')')
}

/// What a character did to the quotations and brackets open (`Quotes::read`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mark {
    Opened,
    Closed,
    None,
}

/// The quotations and brackets open at a point of a paragraph, their opening marks innermost
/// last. `„` is closed by `“` or `”` (German, Russian), `“` by `”`, `«` by `»`, the CJK quotes and
/// the brackets by their pairs (a closing mark closes the nearest open one it pairs with, and
/// what was opened inside it); a straight `"` closes an open one or opens one, except right
/// after a digit (`15"`, inches).
#[derive(Debug, Default, Clone)]
pub struct Quotes(Vec<char>);

impl Quotes {
    /// Read `c`, which follows `prev`.
    pub fn read(&mut self, c: char, prev: Option<char>) -> Mark {
        let top = self.0.last().copied();
        if c == '“' && top == Some('„') || c == '"' && top == Some('"') {
            self.0.pop();
            return Mark::Closed;
        }
        if c == '"' {
            if prev.is_some_and(|p| p.is_ascii_digit()) {
                return Mark::None;
            }
            self.0.push(c);
            return Mark::Opened;
        }
        if opens(c) {
            self.0.push(c);
            return Mark::Opened;
        }
        if !closes(c) {
            return Mark::None;
        }
        let pairs: &[char] = match c {
            '”' => &['“', '„'],
            '»' => &['«'],
            '」' => &['「'],
            '』' => &['『'],
            '）' => &['（'],
            _ => &['('],
        };
        if let Some(k) = self.0.iter().rposition(|o| pairs.contains(o)) {
            self.0.truncate(k);
        }
        Mark::Closed
    }

    /// How many quotations and brackets are open.
    pub fn depth(&self) -> usize {
        self.0.len()
    }
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
    quotes: Quotes,
    prev: Option<char>,
    after_terminator: bool,
}

impl Sentences {
    /// Sentences that go into `out` (emptied first, see `Words::writing_into`).
    pub(super) fn writing_into(mut out: Vec<Span>) -> Sentences {
        out.clear();
        Sentences {
            out,
            ..Sentences::default()
        }
    }
}

impl Machine for Sentences {
    type Out = Vec<Span>;

    /// A letter or mark.
    #[inline(always)]
    fn plain(&mut self, _: &str, _: usize, c: char, _: &Props) {
        self.prev = Some(c);
        self.after_terminator = false;
    }

    #[inline(always)]
    fn step(&mut self, text: &str, i: usize, c: char, p: &Props) {
        let prev = self.prev.replace(c);
        if p.has(LETTER | MARK | DECIMAL) {
            self.after_terminator = false;
            return;
        }
        // The character after, read only at a closing mark or a terminator.
        let next = || next_char(text, i, c);
        let boundary_follows = || next().is_none_or(char::is_whitespace);
        let mut end_here = |out: &mut Vec<Span>| {
            let end = i + c.len_utf8();
            out.push(Span::new(self.start, end));
            self.start = end;
        };
        match self.quotes.read(c, prev) {
            Mark::Opened => {
                self.after_terminator = false;
                return;
            }
            Mark::Closed => {
                if self.after_terminator && self.quotes.depth() == 0 && boundary_follows() {
                    end_here(&mut self.out);
                }
                self.after_terminator = false;
                return;
            }
            Mark::None => {}
        }
        if is_terminator(c) {
            if self.quotes.depth() == 0 && (boundary_follows() || needs_no_space(c)) {
                let next_closes = next().is_some_and(|n| closes(n) || n == '"');
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
        // `„` closes with `“` (German, Russian); a `"` after a digit is inches, no quotation.
        let de = "Er nannte den Plan „mutig“. Dann ging er. Der 15\" Bildschirm ist groß. Ja.";
        assert_eq!(
            texts(de),
            [
                "Er nannte den Plan „mutig“.",
                "Dann ging er.",
                "Der 15\" Bildschirm ist groß.",
                "Ja."
            ]
        );
    }

    #[test]
    fn full_width_needs_no_space() {
        assert_eq!(texts("你好。再见！"), ["你好。", "再见！"]);
    }
}
