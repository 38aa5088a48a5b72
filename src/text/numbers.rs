//! Numbers: maximal runs of decimal digits joined by single separators, with the numbering
//! system (zero code point, UTS #39 section 5.3) of every digit.

use super::Span;
use super::props::{DECIMAL, Props};
use super::scan::{Machine, next_char, run};
use super::script::{digit_zero, is_decimal_digit, is_letter};

/// Characters that may sit between two digits of one number.
fn is_number_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | '\u{066B}' | '\u{066C}' | '\u{2009}' | '\u{202F}' | '\'' | '’'
    )
}

#[derive(Debug, Clone)]
pub struct Number {
    pub span: Span,
    /// Distinct numbering systems (their zeros) in order of first appearance.
    pub systems: Vec<char>,
    /// Digits that belong to a name or code (`COVID-19`, `H5N1`, `A4`), not a quantity.
    pub in_name: bool,
}

impl Number {
    pub fn is_mixed(&self) -> bool {
        self.systems.len() > 1
    }
}

/// Numbers in order. One pass over the characters, no per-character allocation.
pub fn numbers(text: &str) -> Vec<Number> {
    run(text, Numbers::default())
}

/// The numbers of a paragraph, a character at a time: a run of decimal digits, joined across
/// a separator that a digit follows.
#[derive(Default)]
pub(super) struct Numbers {
    out: Vec<Number>,
    /// The two characters before this one.
    prev: Option<char>,
    prev2: Option<char>,
    open: Option<Number>,
}

impl Numbers {
    /// Numbers that go into `out` (emptied first, see `Words::writing_into`).
    pub(super) fn writing_into(mut out: Vec<Number>) -> Numbers {
        out.clear();
        Numbers {
            out,
            ..Numbers::default()
        }
    }

    /// The number ends; `after` is the character after its last digit.
    fn close(&mut self, after: Option<char>) {
        if let Some(mut n) = self.open.take() {
            // A letter right after it, or the end of a placeholder (`%1$s`, `{0}`).
            n.in_name |= after.is_some_and(|c| is_letter(c) || c == '$' || c == '}');
            self.out.push(n);
        }
    }
}

impl Machine for Numbers {
    type Out = Vec<Number>;

    #[inline(always)]
    fn step(&mut self, text: &str, i: usize, c: char, p: &Props) {
        let digit = c.is_ascii_digit() || p.has(DECIMAL);
        if let Some(n) = &mut self.open {
            if digit {
                if let Some(z) = digit_zero(c)
                    && !n.systems.contains(&z)
                {
                    n.systems.push(z);
                }
                n.span.end = i + c.len_utf8();
            } else if !(is_number_separator(c)
                && next_char(text, i, c).is_some_and(is_decimal_digit))
            {
                self.close(Some(c));
            }
        } else if digit {
            // A letter right before it, or a hyphen after a letter (`COVID-19`), makes it part
            // of a name; so does a letter right after it (`close`).
            // The start of a placeholder before it (`%2$s`, `{0}`) makes it a code.
            let letter_before = self
                .prev
                .is_some_and(|c| is_letter(c) || c == '%' || c == '{')
                || (self.prev == Some('-') && self.prev2.is_some_and(is_letter));
            self.open = Some(Number {
                span: Span::new(i, i + c.len_utf8()),
                systems: digit_zero(c).into_iter().collect(),
                in_name: letter_before,
            });
        }
        (self.prev2, self.prev) = (self.prev, Some(c));
    }

    /// No digit, nor a separator: with no number open, only the characters before move on.
    #[inline(always)]
    fn plain(&mut self, text: &str, i: usize, c: char, p: &Props) {
        if self.open.is_some() {
            return self.step(text, i, c, p);
        }
        (self.prev2, self.prev) = (self.prev, Some(c));
    }

    fn finish(mut self, _: &str) -> Vec<Number> {
        self.close(None);
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mixed_digits_inside_one_number() {
        let s = "প্রায় 600০০ সেনা";
        let n = numbers(s);
        assert_eq!(n.len(), 1);
        assert_eq!(&s[n[0].span.start..n[0].span.end], "600০০");
        assert_eq!(n[0].systems, ['0', '০']);
    }

    #[test]
    fn separators_join_and_names_are_marked() {
        let s = "১০,০০০ জন, COVID-19-এর, 2020-তে, H5N1, %2$s {0} $5";
        let n = numbers(s);
        let texts: Vec<&str> = n.iter().map(|n| &s[n.span.start..n.span.end]).collect();
        assert_eq!(texts, ["১০,০০০", "19", "2020", "5", "1", "2", "0", "5"]);
        assert!(!n[0].in_name && n[1].in_name && !n[2].in_name && n[3].in_name);
        assert!(
            n[5].in_name && n[6].in_name && !n[7].in_name,
            "placeholders are codes"
        );
    }
}
