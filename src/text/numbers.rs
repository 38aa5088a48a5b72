//! Numbers: maximal runs of decimal digits joined by single separators, with the numbering
//! system (zero code point, UTS #39 section 5.3) of every digit.

use super::Span;
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
    let mut out = Vec::new();
    // The two characters before the current one.
    let (mut prev, mut prev2): (Option<char>, Option<char>) = (None, None);
    let mut it = text.char_indices().peekable();
    while let Some((start, c)) = it.next() {
        if !is_decimal_digit(c) {
            (prev2, prev) = (prev, Some(c));
            continue;
        }
        let mut systems = Vec::new();
        let mut add = |d: char| {
            if let Some(z) = digit_zero(d)
                && !systems.contains(&z)
            {
                systems.push(z);
            }
        };
        add(c);
        let mut end = start + c.len_utf8();
        let (mut last, mut before_last) = (c, prev);
        while let Some(&(j, d)) = it.peek() {
            let joins = is_decimal_digit(d)
                || (is_number_separator(d)
                    && text[j + d.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(is_decimal_digit));
            if !joins {
                break;
            }
            it.next();
            if is_decimal_digit(d) {
                add(d);
                end = j + d.len_utf8();
            }
            (before_last, last) = (Some(last), d);
        }
        let after = text[end..].chars().next();
        let letter_before =
            prev.is_some_and(is_letter) || (prev == Some('-') && prev2.is_some_and(is_letter));
        let in_name = letter_before || after.is_some_and(is_letter);
        out.push(Number {
            span: Span::new(start, end),
            systems,
            in_name,
        });
        (prev2, prev) = (before_last, Some(last));
    }
    out
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
        let s = "১০,০০০ জন, COVID-19-এর, 2020-তে, H5N1";
        let n = numbers(s);
        let texts: Vec<&str> = n.iter().map(|n| &s[n.span.start..n.span.end]).collect();
        assert_eq!(texts, ["১০,০০০", "19", "2020", "5", "1"]);
        assert!(!n[0].in_name && n[1].in_name && !n[2].in_name && n[3].in_name);
    }
}
