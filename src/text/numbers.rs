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

pub fn numbers(text: &str) -> Vec<Number> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_decimal_digit(chars[i].1) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        loop {
            if j < chars.len() && is_decimal_digit(chars[j].1) {
                last = j;
                j += 1;
            } else if j + 1 < chars.len()
                && is_number_separator(chars[j].1)
                && is_decimal_digit(chars[j + 1].1)
            {
                j += 1;
            } else {
                break;
            }
        }
        let mut systems = Vec::new();
        for &(_, c) in &chars[first..=last] {
            if let Some(z) = digit_zero(c)
                && !systems.contains(&z)
            {
                systems.push(z);
            }
        }
        let before = first.checked_sub(1).map(|k| chars[k].1);
        let before2 = first.checked_sub(2).map(|k| chars[k].1);
        let after = chars.get(last + 1).map(|&(_, c)| c);
        let letter_before = before.is_some_and(is_letter)
            || (matches!(before, Some('-')) && before2.is_some_and(is_letter));
        let in_name = letter_before || after.is_some_and(is_letter);
        let end = chars[last].0 + chars[last].1.len_utf8();
        out.push(Number {
            span: Span::new(chars[first].0, end),
            systems,
            in_name,
        });
        i = last + 1;
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
