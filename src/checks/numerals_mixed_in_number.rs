//! `numerals-mixed-in-number`: one number written with digits of more than one numbering
//! system (`600০০`; UTS #39 section 5.3, digits grouped by their zero), or a date, time or
//! range whose numbers a single `-`, `–`, `/` or `:` joins (`২০২৩-24`, `১২/5/২০২০`): a reader
//! cannot tell what was meant, so the quantity itself is in doubt.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::script::numbering_system_name;
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct MixedInNumber;

pub fn build(_: Options) -> Result<MixedInNumber, BuildError> {
    Ok(MixedInNumber)
}

/// Marks that join the numbers of one date, time or range (`২০২৩-24`, `১২/5/২০২০`, `১২:30`)
/// when nothing else stands between them.
fn joins(between: &str) -> bool {
    matches!(between, "-" | "\u{2013}" | "/" | ":")
}

/// The bytes of the characters that `f` takes at the start of `s`.
fn run(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.chars().take_while(|&c| f(c)).map(char::len_utf8).sum()
}

/// The bytes of the characters that `f` takes at the end of `s`.
fn run_back(s: &str, f: impl Fn(char) -> bool) -> usize {
    s.chars()
        .rev()
        .take_while(|&c| f(c))
        .map(char::len_utf8)
        .sum()
}

/// Han digits (`〇`, `一` … `九`, `零`): not decimal digits of Unicode, but a year or a count
/// written with them and with decimal digits at once (`二〇24年`) is one number in two systems.
fn is_han_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    )
}

/// The Han digits right before `start` and right after `end`, as the span of the number they
/// make with the digits between. Before the digits they must hold a `〇` or `零`, which only
/// numbers write (`二〇24`), or the digits start with a zero (`三五0`) or Han digits follow
/// them too (`一九9八`): Han digits there are as often a name of their own before a count
/// (`五一5天假期` the May Day holiday, `九一一20周年`, `星期一2点` Monday at 2); after them, two
/// Han digits or a `〇` (`20二四`).
fn han_digits_around(text: &str, start: usize, end: usize) -> Option<Span> {
    let before = run_back(&text[..start], is_han_digit);
    let after = run(&text[end..], is_han_digit);
    let zero = |s: &str| s.contains(['〇', '零']);
    let (b, a) = (&text[start - before..start], &text[end..end + after]);
    // Han digits between two runs of decimal ones are inside one number (`1九98年`).
    let digit_before = text[..start - before]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let digit_after = text[end + after..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c));
    // Before the digits: with a zero, or the digits start with one (`三五0元`, a 〇 typed as
    // 0), or Han digits after them too (`一九9八年`), or decimal digits before them.
    let b_ok = !b.is_empty()
        && (zero(b) || text[start..end].starts_with(['0', '０']) || !a.is_empty() || digit_before);
    // After them: a zero, two Han digits, or one that the number goes on past.
    let a_ok = !a.is_empty() && (zero(a) || a.chars().count() >= 2 || b_ok || digit_after);
    (b_ok || a_ok).then(|| {
        Span::new(
            if b_ok { start - before } else { start },
            if a_ok { end + after } else { end },
        )
    })
}

/// Han digits across a scale from decimal digits (`3亿五千万`, `两千5`): after the digits, a
/// scale (`亿`, `万`, `千`), Han digits and a scale again, which makes them a count (`10万一次`,
/// a hundred thousand a time, has none); before them, Han digits and a scale. `十` alone after
/// Han digits (`二十3`) and a scale alone (`3千万`) are one system.
fn han_scaled_around(text: &str, start: usize, end: usize) -> Option<Span> {
    let scale = |c: char| matches!(c, '亿' | '億' | '万' | '萬' | '千');
    let digit = |c: char| is_han_digit(c) || matches!(c, '两' | '兩');
    let count = |c: char| digit(c) || scale(c) || matches!(c, '百' | '十');
    let mut to = end;
    let scales = run(&text[to..], scale);
    if scales > 0 {
        let digits = run(&text[to + scales..], digit);
        let after = &text[to + scales + digits..];
        if digits > 0 && after.starts_with(|c: char| scale(c) || matches!(c, '百' | '十')) {
            to += scales + digits;
            to += run(&text[to..], count);
        }
    }
    let mut from = start;
    let scales = run_back(&text[..from], scale);
    if scales > 0 {
        let digits = run_back(&text[..from - scales], digit);
        if digits > 0 {
            from -= scales + digits;
        }
    }
    (from < start || to > end).then(|| Span::new(from, to))
}

impl Check for MixedInNumber {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let numbers = &p.numbers;
        // Han digits beside decimal ones (`二〇24年`); one number where Han digits join two
        // runs of decimal ones (`2〇24`).
        let mut han: Vec<(Span, String)> = Vec::new();
        for n in numbers.iter().filter(|n| !n.is_mixed()) {
            if let Some(span) = han_digits_around(p.text, n.span.start, n.span.end)
                .or_else(|| han_scaled_around(p.text, n.span.start, n.span.end))
            {
                let mut names = vec!["Han".to_string()];
                names.extend(n.systems.iter().map(|&z| numbering_system_name(z)));
                match han.last_mut() {
                    Some((last, _)) if last.end >= span.start => last.end = span.end,
                    _ => han.push((span, names.join(" and "))),
                }
            }
        }
        for (span, systems) in han {
            out.push(Hit::new(span).var("systems", systems));
        }
        let mut i = 0;
        while i < numbers.len() {
            // A number, or a date, time or range of numbers joined by a single mark.
            // After a word of three Latin letters or more the numbers are a name's (`ISO
            // 9001:২০১৫`, `Windows 10-১১`): joined, they are no date or range; a shorter one is
            // an abbreviation before a date (`FY ২০২৩-24`).
            let named = || {
                p.text[..numbers[i].span.start]
                    .trim_end_matches(' ')
                    .chars()
                    .rev()
                    .take_while(char::is_ascii_alphabetic)
                    .count()
                    >= 3
            };
            let joined = |j: usize| {
                j + 1 < numbers.len()
                    && !numbers[j].in_name
                    && !numbers[j + 1].in_name
                    && joins(&p.text[numbers[j].span.end..numbers[j + 1].span.start])
            };
            let mut j = i;
            if joined(i) && !named() {
                while joined(j) {
                    j += 1;
                }
            }
            if i == j && !numbers[i].is_mixed() {
                i += 1;
                continue;
            }
            let mut systems: Vec<char> = Vec::new();
            for n in &numbers[i..=j] {
                for &z in &n.systems {
                    if !systems.contains(&z) {
                        systems.push(z);
                    }
                }
            }
            let span = Span::new(numbers[i].span.start, numbers[j].span.end);
            if systems.len() > 1 {
                let names: Vec<String> =
                    systems.iter().map(|&z| numbering_system_name(z)).collect();
                out.push(Hit::new(span).var("systems", names.join(" and ")));
            }
            i = j + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn mixed_digits_name_their_systems() {
        let c = compile("numerals-mixed-in-number", "").unwrap();
        assert_eq!(
            texts(&*c, "প্রায় 600০০ সেনা এবং ১০,০০০ জন, 2,5০0", "bn"),
            ["600০০", "2,5০0"]
        );
        // A date, time or range is one number: `২০২৩-24`, `১২/5/২০২০`, `১২:3০`; not numbers
        // set apart by spaces, nor a name's digits (`COVID-19`, `ISO 9001:২০১৫`).
        assert_eq!(
            texts(
                &*c,
                "২০২৩-24 অর্থবছরে, ১২/5/২০২০ তারিখে ১২:3০ মিনিটে; ১০ - 20, COVID-19 ও ২০২০, ISO 9001:২০১৫, Windows 10-১১, FY ২০২৩-24",
                "bn"
            ),
            ["২০২৩-24", "১২/5/২০২০", "১২:3০", "২০২৩-24"]
        );
        assert_eq!(
            crate::checks::testing::flagged(&*c, "في عام ١٢۳", "ar")[0].0,
            "١٢۳"
        );
        // Han digits beside decimal ones; not a word's `一` before a time, nor a count with a
        // scale (`3千万`).
        assert_eq!(
            texts(
                &*c,
                "二〇24年和20二四年，星期一2点，3千万人，2020年，五一5天假期，纪念九一一20周年，2〇24年，一九9八年，三五0元，1九98年",
                "zh"
            ),
            ["二〇24", "20二四", "2〇24", "一九9八", "三五0", "1九98"]
        );
        // Han digits across a scale are one count in two systems; a scale alone is not, nor
        // `一` as "a" after one (`10万一次`, a hundred thousand a time).
        assert_eq!(
            texts(
                &*c,
                "总投资约3亿五千万元，两千5百人，每年10万一次，二十3人，3千万人",
                "zh"
            ),
            ["3亿五千万", "两千5"]
        );
    }
}
