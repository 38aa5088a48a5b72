//! `source-numbers`: numbers compared by value between a translation unit's source and its
//! target. A number is read in any numbering system (`১৮৮৫` = 1885), with any grouping
//! (`১,০০,০০০` = `100,000` = `100 000` = `100.000` where a dot groups thousands), either
//! decimal separator (`1.5` = `1,5` = `١٫٥`), leading zeros, and a scale word after it
//! (`২ লাখ` = `200,000` = `20万`, through the packs' `number_scales`). Numbers written with
//! digits must be matched on the other side, by digits or by a number word of the language
//! (`3` = `তিন`, through `number_words`); number words are never required (`one` is often a
//! pronoun). Numbers inside URLs, e-mail addresses and placeholders are the placeholder rule's.
//!
//! Unmatched numbers are reported in order: a source number and a target number left over
//! together are a changed number (flagged on the target's), a target number alone is extra,
//! the source numbers alone are missing (one finding on the whole target). The hit's values:
//! `{change}` (`changed`, `extra`, `missing`), `{source}` and `{target}` (the numbers as
//! written, `—` for none).

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit, measures};
use crate::lexicon::Lexicon;
use crate::measure::Measure;
use crate::text::script::{digit_zero, is_decimal_digit, is_letter};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct SourceNumbers;

pub fn build(_: Options) -> Result<SourceNumbers, BuildError> {
    Ok(SourceNumbers)
}

/// A number of a text: where it is, the values it may stand for, and whether it is written
/// with digits (only those are required on the other side).
#[derive(Debug, Clone)]
struct Quantity {
    span: Span,
    values: Vec<f64>,
    /// The values with the scale word after the digits (`2.5 million`: 2,500,000), empty
    /// without one; `values` holds them too.
    scaled: Vec<f64>,
    digits: bool,
    /// Two numbers a comma may list instead (`10,11` for the 10th and 11th, where a grouping
    /// would have three digits after it): each part on its own, empty for any other number.
    parts: Vec<Quantity>,
    /// The same year in the calendars a translation may give it in (`2021`: Thai `2564`),
    /// matched against the other side's values only, so that two years of one side never meet
    /// in a third calendar (`2019` and `2018` are both around `2075`).
    calendar: Vec<f64>,
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

impl Quantity {
    /// Whether two numbers may be one: a value in common. With a scale word read on both
    /// sides only the scaled values count, so a scale changed is a number changed (`2.5
    /// million` is not `2.5 करोड़`, 25 million); with one on a side only, the digits may match
    /// alone (a scale word no pack lists on the other side).
    fn matches(&self, other: &Quantity) -> bool {
        let (a, b) = if self.scaled.is_empty() || other.scaled.is_empty() {
            (&self.values, &other.values)
        } else {
            (&self.scaled, &other.scaled)
        };
        let meets = |a: &[f64], b: &[f64]| a.iter().any(|&x| b.iter().any(|&y| same(x, y)));
        meets(a, b) || meets(&self.calendar, &other.values) || meets(&other.calendar, &self.values)
    }
}

/// A digit's value, in any numbering system.
fn digit_value(c: char) -> Option<u32> {
    let zero = digit_zero(c)?;
    Some(c as u32 - zero as u32)
}

/// Separators that may sit between digit groups of one number.
fn is_separator(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | '\u{066B}' | '\u{066C}' | '\u{2009}' | '\u{202F}' | '\u{00A0}' | '\'' | '’'
    )
}

/// How one side writes its decimal mark, for reading its numbers.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Marks {
    /// Either way: every reading is taken.
    Either,
    /// An English source: a comma before three digits groups thousands, never a decimal mark
    /// (`1,500` is fifteen hundred, never 1.5).
    CommaGroups,
    /// A dot is the decimal mark and a comma groups (Hindi, Chinese): `1.250` is 1.25.
    DotDecimal,
    /// A comma is the decimal mark (German, Russian): a dot before groups of three digits
    /// groups them (`2.500` is 2500).
    CommaDecimal,
}

impl Marks {
    /// A translation's, from its language's decimal mark.
    fn of(lexicon: &Lexicon) -> Marks {
        match lexicon.decimal_mark {
            Some('.') => Marks::DotDecimal,
            Some(',') => Marks::CommaDecimal,
            _ => Marks::Either,
        }
    }
}

/// The values a run of digit groups may stand for: every separator a grouping (when the groups
/// are grouped as Western or Indian numbers group), or the last one a decimal point, as
/// `marks` lets them.
fn readings(groups: &[String], seps: &[char], marks: Marks) -> Vec<f64> {
    let join = |gs: &[String]| gs.concat();
    let parse = |s: &str| s.parse::<f64>().ok();
    let mut out = Vec::new();
    if groups.len() == 1 {
        out.extend(parse(&groups[0]));
        return out;
    }
    let first = groups[0].len();
    let rest = &groups[1..];
    let western = (1..=3).contains(&first) && rest.iter().all(|g| g.len() == 3);
    let indian = (1..=2).contains(&first)
        && rest.len() >= 2
        && rest[..rest.len() - 1].iter().all(|g| g.len() == 2)
        && rest[rest.len() - 1].len() == 3;
    let grouping_seps = seps
        .iter()
        .all(|&c| c != '\u{066B}' && !(c == '.' && marks == Marks::DotDecimal));
    if (western || indian) && grouping_seps {
        out.extend(parse(&join(groups)));
    }
    let last = seps[seps.len() - 1];
    let decimal = match last {
        '.' => !(western && marks == Marks::CommaDecimal),
        '\u{066B}' => true,
        ',' => !(western && matches!(marks, Marks::CommaGroups | Marks::DotDecimal)),
        _ => false,
    };
    if decimal {
        let int = join(&groups[..groups.len() - 1]);
        let frac = &groups[groups.len() - 1];
        out.extend(parse(&format!("{int}.{frac}")));
    }
    if out.is_empty() {
        // An odd grouping (`1,2345`): its digits as one number.
        out.extend(parse(&join(groups)));
    }
    out
}

/// Numbers written with digits, with a scale word after them when the language data has one
/// (`২ লাখ`, `20万`, `2 million`): then both the bare and the scaled value.
fn digit_quantities(p: &Analysis, lexicon: &Lexicon, skip: &[Span], marks: Marks) -> Vec<Quantity> {
    let text = p.text;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out: Vec<Quantity> = Vec::new();
    // The scale and scaled values of the last number, when it had a scale word.
    let mut last_scaled: Option<(f64, Vec<f64>)> = None;
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if !is_decimal_digit(c) || skip.iter().any(|s| s.start <= start && start < s.end) {
            i += 1;
            continue;
        }
        let mut groups = vec![String::new()];
        let mut seps = Vec::new();
        let mut j = i;
        let mut end = start;
        while j < chars.len() {
            let (at, d) = chars[j];
            if let Some(v) = digit_value(d).filter(|_| is_decimal_digit(d)) {
                groups
                    .last_mut()
                    .expect("a group")
                    .push(char::from(b'0' + v as u8));
                end = at + d.len_utf8();
                j += 1;
                continue;
            }
            // A separator joins when a digit follows; a plain space only before a group of
            // exactly three digits, after a group of one to three (`100 000`).
            let next_digit = chars.get(j + 1).is_some_and(|&(_, n)| is_decimal_digit(n));
            let joins = if is_separator(d) {
                next_digit
            } else if d == ' ' && next_digit && seps.iter().all(|&s| s == ' ') {
                let len = chars[j + 1..]
                    .iter()
                    .take_while(|(_, n)| is_decimal_digit(*n))
                    .count();
                let after = chars.get(j + 1 + len).map(|&(_, n)| n);
                let last_len = groups.last().map_or(0, String::len);
                len == 3
                    && (1..=3).contains(&last_len)
                    && after.is_none_or(|n| !is_decimal_digit(n))
            } else {
                false
            };
            if !joins {
                break;
            }
            seps.push(d);
            groups.push(String::new());
            j += 1;
        }
        // A comma or dot before four digits that read as a year separates two numbers
        // (`মার্চ-26,2020`): no grouping has four digits.
        if let Some(k) = (1..groups.len()).find(|&k| {
            groups[k].len() == 4
                && matches!(groups[k].as_bytes()[0], b'1' | b'2')
                && matches!(seps[k - 1], ',' | '.')
        }) {
            // Keep the part before; the year is read on its own next. A day and a month
            // before it (`05.03.2020`) are two numbers, read one after the other.
            let k = if k == 2 && seps[0] == '.' && groups[0].len() <= 2 && groups[1].len() <= 2 {
                1
            } else {
                k
            };
            groups.truncate(k);
            seps.truncate(k - 1);
            j = i;
            let mut digits_seen = 0;
            while j < chars.len() {
                if is_decimal_digit(chars[j].1) {
                    digits_seen += 1;
                } else if digits_seen > 0
                    && groups.iter().map(String::len).sum::<usize>() == digits_seen
                {
                    break;
                }
                j += 1;
            }
            end = chars.get(j).map_or(text.len(), |&(at, _)| at);
            end = text[..end]
                .trim_end_matches(|c: char| is_separator(c))
                .len();
        }
        // A time written with a dot before `a.m.` or `p.m.` (`5.30pm`, `4.40 a.m.`): as it
        // is (`7.55 Uhr`), or an hour and its minutes, as `5:30 pm` is, which a translation
        // writes with a colon (`5:30 вечера`, `17:30`).
        let mut time = Vec::new();
        // The same time on the 24-hour clock, written with a dot too (`17.30`, `14.30 Uhr`).
        let mut time_24 = None;
        if let ([hour, minutes], ['.']) = (&groups[..], &seps[..])
            && minutes.len() == 2
            && let (Ok(h), Ok(m)) = (hour.parse::<f64>(), minutes.parse::<f64>())
            && (1.0..=12.0).contains(&h)
            && m < 60.0
            && let Some(pm) = meridiem(&text[end..])
        {
            let dot = start + text[start..end].find('.').unwrap_or(0);
            let hours = match (pm, h == 12.0) {
                (true, false) => vec![h, h + 12.0],
                (false, true) => vec![h, 0.0, 24.0],
                _ => vec![h],
            };
            time_24 = (pm && h < 12.0).then(|| h + 12.0 + m / 100.0);
            for (span, values) in [
                (Span::new(start, dot), hours),
                (Span::new(dot + 1, end), vec![m]),
            ] {
                time.push(Quantity {
                    span,
                    values,
                    scaled: Vec::new(),
                    digits: true,
                    parts: Vec::new(),
                    calendar: Vec::new(),
                });
            }
        }
        let mut values = readings(&groups, &seps, marks);
        values.extend(time_24);
        // A decade (`1960s`): also its last two digits and its century (`20 世纪 60 年代`).
        if groups.len() == 1
            && groups[0].len() == 4
            && text[end..].starts_with('s')
            && let Some(&year) = values.first()
        {
            values.push(year % 100.0);
            values.push((year / 100.0).floor() + 1.0);
        }
        // A year of the Gregorian calendar, which a translation may give in its readers' own:
        // the Thai Buddhist era (2021 = 2564), the Nepali Bikram Sambat (2022 = 2078 or 2079),
        // the Iranian solar year (2021 = 1399 or 1400) and the Islamic lunar one (2024 = 1445
        // or 1446); and a calendar near the Gregorian one where the language's pack gives it
        // (`year_offsets`: the Ethiopian, 2025 = 2017 or 2018, `2017 ዓ.ም.`), which elsewhere
        // would hide a year changed by a few (WMT24's `2016` for `2023` and `2024`).
        let mut calendar = Vec::new();
        if groups.len() == 1
            && groups[0].len() == 4
            && let Some(&year) = values.first()
            && (1800.0..=2100.0).contains(&year)
        {
            let lunar = ((year - 622.0) * 33.0 / 32.0).floor();
            calendar.extend([
                year + 543.0,
                year + 56.0,
                year + 57.0,
                year - 622.0,
                year - 621.0,
                lunar,
                lunar + 1.0,
            ]);
            calendar.extend(lexicon.year_offsets.iter().map(|o| year + o));
        }
        // Around the clock (`24/7`, `24x7`): an idiom, often said in words (`круглосуточно`),
        // never a number to require.
        if groups.len() == 1
            && groups[0] == "24"
            && let Some(len) = around_the_clock(&text[end..])
        {
            out.push(Quantity {
                span: Span::new(start, end + len),
                values: vec![24.0, 7.0],
                scaled: Vec::new(),
                digits: false,
                parts: Vec::new(),
                calendar: Vec::new(),
            });
            last_scaled = None;
            while j < chars.len() && chars[j].0 < end + len {
                j += 1;
            }
            i = j.max(i + 1);
            continue;
        }
        // An hour of the twelve-hour clock, which other languages write on the 24-hour one
        // (`3 p.m.` = `15:00`, `2:30 p.m.` = `14:30`, `12 a.m.` = `0:00`).
        if groups.len() == 1
            && let Some(&hour) = values.first()
            && (1.0..=12.0).contains(&hour)
            && let Some(pm) = meridiem(&text[end..])
        {
            match (pm, hour == 12.0) {
                (true, false) => values.push(hour + 12.0),
                (false, true) => values.extend([0.0, 24.0]),
                _ => {}
            }
        }
        // A fraction written without its zero (`.08`).
        if groups.len() == 1 && text[..start].ends_with('.') {
            let before = text[..start - 1].chars().next_back();
            if before.is_none_or(|c| !is_decimal_digit(c))
                && let Ok(v) = format!("0.{}", groups[0]).parse::<f64>()
            {
                values.push(v);
            }
        }
        // An abbreviated end of a range (`2019–20`, `2010-11`): the full year too.
        if groups.len() == 1
            && (1..=2).contains(&groups[0].len())
            && let Some(prev) = out.last()
            && let Some(&year) = prev.values.first()
            && (1000.0..3000.0).contains(&year)
            && text[prev.span.end..start]
                .chars()
                .all(|c| matches!(c, '-' | '–' | '—' | '/'))
            && start > prev.span.end
        {
            let century = (year / 100.0).floor() * 100.0;
            values.extend(values.clone().into_iter().map(|v| century + v));
        }
        // A scale word right after (after spaces, or touching in unspaced scripts).
        let rest = &text[end..];
        let mut trimmed = rest.trim_start();
        // A word saying "more than" between them (`20多万`): the scale after it still applies.
        if let Some(a) = lexicon.number_approximators.iter().find(|a| {
            trimmed
                .strip_prefix(a.as_str())
                .is_some_and(|after| scale_prefix(after, lexicon).is_some())
        }) {
            trimmed = &trimmed[a.len()..];
        }
        let scale = scale_prefix(trimmed, lexicon);
        let mut span_end = end;
        if let Some((len, factor)) = scale {
            let scaled: Vec<f64> = values.iter().map(|v| v * factor).collect();
            span_end = end + (rest.len() - trimmed.len()) + len;
            // A number of several scales is one number (`৭ লাখ ২০ হাজার` 720,000, `1亿2000万`,
            // `1 млн 200 тыс.`): a smaller scale right after a larger one adds to it.
            if let Some((prev_factor, prev_scaled)) = last_scaled.take()
                && factor < prev_factor
                && let Some(prev) = out.last_mut()
                && text[prev.span.end..start].chars().all(char::is_whitespace)
            {
                let sums: Vec<f64> = prev_scaled
                    .iter()
                    .flat_map(|a| scaled.iter().map(move |b| a + b))
                    .collect();
                prev.values.extend(sums.iter().copied());
                prev.scaled.extend(sums.iter().copied());
                prev.span = Span::new(prev.span.start, span_end);
                last_scaled = Some((factor, sums));
                i = j.max(i + 1);
                continue;
            }
            values.extend(scaled.iter().copied());
            last_scaled = Some((factor, scaled));
        } else {
            last_scaled = None;
        }
        let scaled = last_scaled
            .as_ref()
            .map_or_else(Vec::new, |(_, s)| s.clone());
        // Two numbers a comma lists (`10,11`), not a grouping: no three digits after it.
        let parts = match (&groups[..], &seps[..], scaled.is_empty()) {
            _ if !time.is_empty() => time,
            ([a, b], [','], true) if b.len() != 3 => text[start..end]
                .find(',')
                .map(|k| {
                    let part = |span: Span, digits: &str| Quantity {
                        span,
                        values: digits.parse::<f64>().into_iter().collect(),
                        scaled: Vec::new(),
                        digits: true,
                        parts: Vec::new(),
                        calendar: Vec::new(),
                    };
                    vec![
                        part(Span::new(start, start + k), a),
                        part(Span::new(start + k + 1, end), b),
                    ]
                })
                .unwrap_or_default(),
            _ => Vec::new(),
        };
        out.push(Quantity {
            span: Span::new(start, span_end),
            values,
            scaled,
            digits: true,
            parts,
            calendar,
        });
        i = j.max(i + 1);
    }
    out
}

/// The length of `/7` (or `x7`, `×7`) at the start of `text` after a 24, a whole number.
fn around_the_clock(text: &str) -> Option<usize> {
    let rest = text
        .strip_prefix('/')
        .or_else(|| text.strip_prefix('x'))
        .or_else(|| text.strip_prefix('×'))?;
    let after = rest.strip_prefix('7')?;
    after
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
        .then_some(text.len() - after.len())
}

/// Whether an hour's number is followed (after its minutes, `:30`, and spaces) by `p.m.`
/// (`Some(true)`) or `a.m.` (`Some(false)`), in any case, with or without dots.
fn meridiem(text: &str) -> Option<bool> {
    let mut rest = text;
    if let Some(minutes) = rest.strip_prefix([':', '.'])
        && minutes.len() >= 2
        && minutes.as_bytes()[..2].iter().all(u8::is_ascii_digit)
    {
        rest = &minutes[2..];
    }
    let rest = rest.trim_start_matches([' ', '\u{00A0}', '\u{202F}']);
    let mut letters = rest
        .chars()
        .filter(|c| !matches!(c, '.' | ' '))
        .take(2)
        .map(|c| c.to_ascii_lowercase());
    let pm = match letters.next()? {
        'p' => true,
        'a' => false,
        _ => return None,
    };
    if letters.next()? != 'm' {
        return None;
    }
    // The two letters are a word of their own (`pm`, `p.m.`, `P.M.`), not `am` in `amid`.
    let used: usize = rest
        .char_indices()
        .filter(|(_, c)| !matches!(c, '.' | ' '))
        .nth(1)
        .map(|(at, c)| at + c.len_utf8())?;
    let after = rest[used..].trim_start_matches('.');
    after
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric())
        .then_some(pm)
}

/// Roman numerals (`XIX век` for the 19th century, `le XVIIIe siècle`, `Phase III`), as
/// numbers a number of the other side may be written as: two letters or more, in capitals, in
/// canonical form, an ordinal ending of small letters allowed (`XVIIIe`, `XXIer`).
fn roman_quantities(p: &Analysis) -> Vec<Quantity> {
    p.words
        .iter()
        .filter_map(|w| {
            let text = p.slice(w.span);
            let numeral = text.trim_end_matches(|c: char| c.is_lowercase());
            let value = roman(numeral)?;
            (text.len() - numeral.len() <= 3).then(|| Quantity {
                span: w.span,
                values: vec![value],
                scaled: Vec::new(),
                digits: false,
                parts: Vec::new(),
                calendar: Vec::new(),
            })
        })
        .collect()
}

/// The value of a Roman numeral of two letters or more in capitals, in canonical form.
fn roman(text: &str) -> Option<f64> {
    const SYMBOLS: [(&str, u32); 13] = [
        ("M", 1000),
        ("CM", 900),
        ("D", 500),
        ("CD", 400),
        ("C", 100),
        ("XC", 90),
        ("L", 50),
        ("XL", 40),
        ("X", 10),
        ("IX", 9),
        ("V", 5),
        ("IV", 4),
        ("I", 1),
    ];
    if text.len() < 2 || !text.bytes().all(|b| b"IVXLCDM".contains(&b)) {
        return None;
    }
    let value = |c: u8| {
        SYMBOLS
            .iter()
            .find(|(s, _)| s.as_bytes() == [c])
            .map(|s| s.1)
    };
    let bytes = text.as_bytes();
    let mut total = 0;
    for (k, &c) in bytes.iter().enumerate() {
        let v = value(c)?;
        match bytes.get(k + 1).and_then(|&n| value(n)) {
            Some(next) if next > v => total -= v as i64,
            _ => total += v as i64,
        }
    }
    // Canonical: written back, the same letters (`IIII`, `VX`, `IC` are no numerals).
    let mut n = u32::try_from(total).ok().filter(|&n| n > 0)?;
    let mut canonical = String::new();
    for (s, v) in SYMBOLS {
        while n >= v {
            canonical.push_str(s);
            n -= v;
        }
    }
    (canonical == text).then_some(total as f64)
}

/// The longest scale word of the language data at the start of `text` that is a whole word
/// (or a Han/Kana character, which are words of their own), with its factor.
fn scale_prefix(text: &str, lexicon: &Lexicon) -> Option<(usize, f64)> {
    if lexicon.number_scales.is_empty() {
        return None;
    }
    let word: String = text
        .chars()
        .take_while(|c| is_letter(*c) || crate::text::script::is_mark(*c))
        .collect();
    if word.is_empty() {
        return None;
    }
    let lower = word.to_lowercase();
    // The whole word, or the word less an ending (`লাখের`), or a one-character scale
    // (`万人`).
    if let Some(&f) = lexicon.number_scales.get(&lower) {
        return Some((word.len(), f));
    }
    let (stem, _) = lexicon.split_ending(&lower, 1);
    if let Some(&f) = lexicon.number_scales.get(stem) {
        return Some((word.len(), f));
    }
    let first: String = word.chars().take(1).collect();
    let unspaced = word
        .chars()
        .next()
        .and_then(crate::text::script::script_of)
        .is_some_and(crate::text::script::is_unspaced);
    if unspaced && let Some(&f) = lexicon.number_scales.get(&first) {
        // A unit whose name starts with the scale's character is no scale (`5千米` is 5 km,
        // `5千克` 5 kg).
        if measures::unit_name_len(text, lexicon).is_some_and(|len| len > first.len()) {
            return None;
        }
        return Some((first.len(), f));
    }
    None
}

/// A word as a number of the language data: a number word (`তিন`, `three`, `তিনটি` less its
/// ending) or a scale word (`hundred`, `লাখ`), with which it is.
#[derive(Clone, Copy)]
enum NumberWord {
    Value(f64),
    Scale(f64),
    /// A number word inside a longer word (`তিনবার`): its own value only, never part of a
    /// longer number (`இருந்து` from, read as `இரு` two, must not make 39 of `முப்பத்து ஒன்பது`
    /// 41).
    Inside(f64),
}

fn number_word(word: &str, lexicon: &Lexicon) -> Option<NumberWord> {
    if let Some(&f) = lexicon.number_scales.get(word) {
        return Some(NumberWord::Scale(f));
    }
    // A fraction written on the number word (Marathi `साडेतीन` 3.5, `सव्वादोन` 2.25).
    if let Some(v) = lexicon.number_fractions.iter().find_map(|(f, add)| {
        let rest = word.strip_prefix(f.as_str())?;
        Some(lexicon.number_words.get(rest)? + add)
    }) {
        return Some(NumberWord::Value(v));
    }
    lexicon
        .number_words
        .get(word)
        .or_else(|| lexicon.number_words.get(lexicon.split_ending(word, 1).0))
        .or_else(|| ordinal(word, lexicon))
        .map(|&v| NumberWord::Value(v))
        .or_else(|| number_prefix(word, lexicon).map(|&v| NumberWord::Inside(v)))
        .or_else(|| leading_number(word, lexicon).map(|&v| NumberWord::Inside(v)))
        // An abbreviation glued on with its full stop is one word under UAX #29 (Malayalam
        // `പൊ.യു.മു.പത്താം`, BCE's 10th): the part after the last stop is read alone.
        .or_else(|| {
            let (_, last) = word.rsplit_once('.')?;
            number_word(last, lexicon).filter(|_| !last.is_empty())
        })
}

/// The value of an ordinal made of a number word by one of the language's ordinal endings
/// (`दहाव्या` 10, `பதினைந்தாம்` 15), its case ending taken off first (`दहाव्यापासून`).
fn ordinal<'a>(word: &str, lexicon: &'a Lexicon) -> Option<&'a f64> {
    let of = |w: &str| {
        lexicon.ordinal_endings.iter().find_map(|(e, restore)| {
            let stem = w.strip_suffix(e.as_str())?;
            lexicon
                .number_words
                .get(format!("{stem}{restore}").as_str())
        })
    };
    of(word).or_else(|| of(lexicon.split_ending(word, 1).0))
}

/// Numbers written as words of the language data, a run of them composed (`a hundred and
/// two` = 102, `two million` = 2,000,000, `twenty-five` = 25); every word's own value counts
/// too.
fn word_quantities(p: &Analysis, lexicon: &Lexicon) -> Vec<Quantity> {
    if lexicon.number_words.is_empty() && lexicon.number_scales.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let words: Vec<_> = p.words.iter().filter(|w| w.is_letters()).collect();
    let lower: Vec<String> = words.iter().map(|w| p.norm(w).to_lowercase()).collect();
    let joined = |a: usize, b: usize| {
        p.text[words[a].span.end..words[b].span.start]
            .chars()
            .all(|c| c.is_whitespace() || c == '-')
    };
    // The number at word j and how many words it takes: a two-word number of the language
    // data first (Arabic writes 11 to 19 as two words: `سبع عشرة` 17, not 7 × 10).
    let at = |j: usize| -> Option<(NumberWord, usize)> {
        // With a conjunction written onto its first word too (Arabic `وأربع عشرة` and 14).
        let two = |first: &str| {
            lexicon
                .number_words
                .get(&format!("{first} {}", lower[j + 1]))
                .copied()
        };
        if j + 1 < words.len()
            && joined(j, j + 1)
            && let Some(v) = two(&lower[j]).or_else(|| {
                lexicon
                    .conjunctions
                    .iter()
                    .find_map(|c| two(lower[j].strip_prefix(c.as_str())?))
            })
        {
            return Some((NumberWord::Value(v), 2));
        }
        // A fraction word before a number word (`साढ़े तीन` 3.5, `পৌনে দুই` 1.75).
        if j + 1 < words.len()
            && joined(j, j + 1)
            && let Some(add) = lexicon.number_fractions.get(&lower[j])
            && let Some(&v) = lexicon.number_words.get(&lower[j + 1])
        {
            return Some((NumberWord::Value(v + add), 2));
        }
        let word = &lower[j];
        match number_word(word, lexicon) {
            Some(NumberWord::Inside(v)) => {
                // A conjunction written onto a number word is `and` inside a number (Arabic
                // `ثمانية وعشرون` 8 and 20 = 28).
                let joined_and = lexicon.conjunctions.iter().any(|c| {
                    word.strip_prefix(c.as_str())
                        .is_some_and(|rest| lexicon.number_words.contains_key(rest))
                });
                Some((
                    if joined_and {
                        NumberWord::Value(v)
                    } else {
                        NumberWord::Inside(v)
                    },
                    1,
                ))
            }
            other => other.map(|w| (w, 1)),
        }
    };
    let mut k = 0;
    while k < words.len() {
        // `a` or `an` before a scale word is one (`a hundred`).
        let article = matches!(lower[k].as_str(), "a" | "an")
            && k + 1 < words.len()
            && joined(k, k + 1)
            && matches!(
                number_word(&lower[k + 1], lexicon),
                Some(NumberWord::Scale(_))
            );
        let Some((first, used)) = at(k).or(article.then_some((NumberWord::Value(1.0), 1))) else {
            k += 1;
            continue;
        };
        // An ordinal ends a number: one that starts it stands alone (`первых сорок один` the
        // first forty-one is 1 and 41, not 42), one after a cardinal closes it (`сорок первый`).
        let is_ordinal = |w: usize| {
            !lexicon.number_words.contains_key(&lower[w])
                && !lexicon
                    .number_words
                    .contains_key(lexicon.split_ending(&lower[w], 1).0)
                && ordinal(&lower[w], lexicon).is_some()
        };
        let alone = matches!(first, NumberWord::Inside(_)) || (used == 1 && is_ordinal(k));
        let (mut total, mut current) = (0.0f64, 0.0f64);
        let mut values = Vec::new();
        let mut end = k + used - 1;
        let mut add = |w: NumberWord, values: &mut Vec<f64>| match w {
            // Ten, a hundred, a thousand after a digit word multiply it (`九十` ninety).
            NumberWord::Value(v)
                if [10.0, 100.0, 1000.0].contains(&v)
                    && (1.0..10.0).contains(&(current % v))
                    && current < v =>
            {
                values.push(v);
                current *= v;
            }
            NumberWord::Value(v) | NumberWord::Inside(v) => {
                values.push(v);
                current += v;
            }
            NumberWord::Scale(f) => {
                values.push(f);
                if f >= 1000.0 {
                    // A larger scale after a smaller one multiplies all before it (`一千万`
                    // ten million, `three thousand million`).
                    if total > 0.0 && total < f {
                        total = (total + current) * f;
                    } else {
                        total += current.max(1.0) * f;
                    }
                    current = 0.0;
                } else {
                    current = current.max(1.0) * f;
                }
            }
        };
        add(first, &mut values);
        // The value of the last word read, while it is a value (not a scale).
        let mut last = match first {
            NumberWord::Value(v) => Some(v),
            _ => None,
        };
        let mut j = end + 1;
        while !alone && j < words.len() && joined(j - 1, j) {
            // A joiner of the language data inside a number (`a hundred and two`, `treinta y
            // cinco`), `a` before a scale (`half a million`).
            let next_is = |f: &dyn Fn(&NumberWord) -> bool| {
                j + 1 < words.len()
                    && joined(j, j + 1)
                    && number_word(&lower[j + 1], lexicon).is_some_and(|w| f(&w))
            };
            if (lexicon.number_joiners.contains(&lower[j]) && next_is(&|_| true))
                || (matches!(lower[j].as_str(), "a" | "an")
                    && next_is(&|w| matches!(w, NumberWord::Scale(_))))
            {
                j += 1;
                continue;
            }
            match at(j) {
                Some((w, used)) if !matches!(w, NumberWord::Inside(_)) => {
                    // Words apart make one number only as a number is said: tens before units
                    // (`сорок один`), a multiplier or a scale after a digit (`九十`, `two
                    // hundred`), or a larger value joined by `and` (Arabic `واحد وأربعين`). A
                    // value after a smaller one, or two units, are two numbers (`первых сорок`
                    // the first forty, `இருபத்து ஆறு முதல்` twenty-six from). Words that touch
                    // may be a number read digit by digit (`一九九八`).
                    if let (Some(prev), NumberWord::Value(v)) = (last, &w)
                        && words[j - 1].span.end != words[j].span.start
                    {
                        let and = lexicon.conjunctions.iter().any(|c| {
                            lower[j]
                                .strip_prefix(c.as_str())
                                .is_some_and(|rest| lexicon.number_words.contains_key(rest))
                        });
                        let multiplies = [10.0, 100.0, 1000.0].contains(v);
                        if (prev < 10.0 && *v < 10.0) || (*v > prev && !multiplies && !and) {
                            break;
                        }
                    }
                    last = match w {
                        NumberWord::Value(v) => Some(v),
                        _ => None,
                    };
                    add(w, &mut values);
                    end = j + used - 1;
                    j += used;
                    if used == 1 && is_ordinal(j - 1) {
                        break;
                    }
                }
                _ => break,
            }
        }
        values.push(total + current);
        // Digit words one after another, touching, are a number read digit by digit (the
        // year `一九九八年`, `二〇二〇`).
        let digits: Option<String> = (k..=end)
            .map(|w| {
                lexicon
                    .number_words
                    .get(&lower[w])
                    .filter(|v| (0.0..10.0).contains(*v) && v.fract() == 0.0)
                    .map(|v| char::from(b'0' + *v as u8))
            })
            .collect();
        if end > k
            && (k..end).all(|w| words[w].span.end == words[w + 1].span.start)
            && let Some(v) = digits.and_then(|d| d.parse::<f64>().ok())
        {
            values.push(v);
        }
        out.push(Quantity {
            span: Span::new(words[k].span.start, words[end].span.end),
            values,
            scaled: Vec::new(),
            digits: false,
            parts: Vec::new(),
            calendar: Vec::new(),
        });
        k = end + 1;
    }
    out
}

/// A number word inside a longer word, with at most two characters before it and four after
/// (`তিনবার` three times, `दोनों`, `السبعة` the seven): number words only ever excuse a number,
/// never require one, so a word read as a number by mistake (`দশক`) can hide a finding but not
/// make one.
fn number_prefix<'l>(word: &str, lexicon: &'l Lexicon) -> Option<&'l f64> {
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(word.len()))
        .collect();
    let n = bounds.len() - 1;
    for before in 0..=2.min(n) {
        for after in 0..=4.min(n - before) {
            let (a, b) = (bounds[before], bounds[n - after]);
            if b > a
                && (before, after) != (0, 0)
                && let Some(v) = lexicon.number_words.get(&word[a..b])
            {
                return Some(v);
            }
        }
    }
    None
}

/// In a language whose number words may open a longer word (`number_words_open`), the value of
/// the longest number word of two characters or more that the word starts with (Malayalam
/// `നാലുപേരും` all four: `നാലു`).
fn leading_number<'l>(word: &str, lexicon: &'l Lexicon) -> Option<&'l f64> {
    if !lexicon.number_words_open {
        return None;
    }
    let ends: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .skip(2)
        .chain(std::iter::once(word.len()))
        .collect();
    ends.iter()
        .rev()
        .find_map(|&end| lexicon.number_words.get(&word[..end]))
}

/// Spans the placeholder rule owns: URLs, e-mail addresses, placeholders, tags.
fn owned_spans(text: &str) -> Vec<Span> {
    crate::text::placeholders::placeholders(text)
        .into_iter()
        .map(|p| p.span)
        .collect()
}

/// The span from the first of two spans to the end of the last.
fn joined(a: Span, b: Span) -> Span {
    Span::new(a.start.min(b.start), a.end.max(b.end))
}

fn quantities(p: &Analysis, lexicon: &Lexicon, marks: Marks) -> Vec<Quantity> {
    let skip = owned_spans(p.text);
    let mut q = digit_quantities(p, lexicon, &skip, marks);
    let digits: Vec<Span> = q.iter().map(|x| x.span).collect();
    q.extend(
        word_quantities(p, lexicon)
            .into_iter()
            .chain(roman_quantities(p))
            .filter(|w| !digits.iter().any(|d| d.overlaps(&w.span))),
    );
    q.sort_by_key(|x| x.span);
    q
}

/// The months a text names (`मार्च` 3, `марта` 3), by the packs' `month_names`, a case ending
/// taken off (`মার্চের`).
fn month_names(p: &Analysis, lexicon: &Lexicon) -> Vec<f64> {
    named_months(p, lexicon, false)
        .into_iter()
        .map(|(_, m)| f64::from(m))
        .collect()
}

/// The months a text names, with where; `capitalised` takes only a name with a capital (English
/// writes the month so: `may` and `march` are a verb and a noun).
fn named_months(p: &Analysis, lexicon: &Lexicon, capitalised: bool) -> Vec<(Span, u8)> {
    p.words
        .iter()
        .filter(|w| w.is_letters())
        .filter(|w| !capitalised || p.slice(w.span).starts_with(char::is_uppercase))
        .filter_map(|w| {
            let word = p.norm(w).to_lowercase();
            lexicon
                .month_names
                .get(&word)
                .or_else(|| lexicon.month_names.get(lexicon.split_ending(&word, 2).0))
                .map(|&m| (w.span, m))
        })
        .collect()
}

/// A month the source names that the target names as another (`15 August` as `15 अक्टूबर`):
/// each target month the source does not name, paired in order with a source month the target
/// does not name. A month said in digits on one side is the number comparison's.
fn changed_months(
    source: &Analysis,
    p: &Analysis,
    lexicon: &Lexicon,
    english: bool,
    out: &mut Vec<Hit>,
) {
    let src = named_months(source, lexicon, english);
    if src.is_empty() {
        return;
    }
    let tgt = named_months(p, lexicon, false);
    let lost = src.iter().filter(|(_, m)| !tgt.iter().any(|t| t.1 == *m));
    let new = tgt.iter().filter(|(_, m)| !src.iter().any(|s| s.1 == *m));
    for ((s, _), (t, _)) in lost.zip(new) {
        out.push(
            Hit::new(*t)
                .var("change", "changed")
                .var("source", source.slice(*s))
                .var("target", p.slice(*t)),
        );
    }
}

/// Whether the number at `span` is a part of a date in digits: a separator (`/`, `.`, `-`)
/// and a digit right before or after it (`03/05/2020`, `2020-03-05`).
fn in_numeric_date(text: &str, span: Span) -> bool {
    let sep = |c: char| matches!(c, '/' | '.' | '-');
    let mut before = text[..span.start].chars().rev();
    let mut after = text[span.end..].chars();
    (before.next().is_some_and(sep) && before.next().is_some_and(|c| c.is_ascii_digit()))
        || (after.next().is_some_and(sep) && after.next().is_some_and(|c| c.is_ascii_digit()))
}

/// Whether the packs of the document's language give number words in its script (a language
/// without them may write a number as a word no rule reads; a source language's words, English
/// `three` in a Portuguese document, are no help).
fn words_in_script(lexicon: &Lexicon, script: Option<unicode_script::Script>) -> bool {
    script.is_none_or(|s| lexicon.own_number_scripts.contains(&s))
}

/// The largest number a translator may spell out as a word.
const SPELLED_UP_TO: f64 = 100.0;

/// One side's numbers, a comma's two (`10,11`) or a time's hour and minutes (`5.30pm`) taken
/// as two numbers where the number they read as together is none of the other side's and each
/// of the two is a number of the other side that no other number stands for (`the 10th - 11th
/// centuries`, `5:30`): a changed number (`3.5` as `3,6` beside a `3`) stays one number.
fn listed(tgt: Vec<Quantity>, src: &[Quantity]) -> Vec<Quantity> {
    let mut taken = vec![false; src.len()];
    let take = |q: &Quantity, taken: &mut [bool]| {
        let i = (0..src.len()).find(|&i| !taken[i] && src[i].matches(q));
        if let Some(i) = i {
            taken[i] = true;
        }
        i.is_some()
    };
    for q in tgt.iter().filter(|q| q.parts.is_empty()) {
        take(q, &mut taken);
    }
    let mut out = Vec::with_capacity(tgt.len());
    for q in tgt {
        let mut trial = taken.clone();
        if !q.parts.is_empty()
            && !src.iter().any(|s| s.matches(&q))
            && q.parts.iter().all(|p| take(p, &mut trial))
        {
            taken = trial;
            out.extend(q.parts);
        } else {
            out.push(q);
        }
    }
    out
}

/// Whether a number may be written as a word: a whole number from one to `SPELLED_UP_TO`.
fn may_be_spelled(q: &Quantity) -> bool {
    q.scaled.is_empty()
        && q.values
            .iter()
            .all(|&v| v.fract() == 0.0 && (1.0..=SPELLED_UP_TO).contains(&v))
}

/// Indices of `from`'s digit numbers matched by none of `to`'s numbers (each used once),
/// given numbers of `to` already taken; the pairs matched go to `pairs`.
fn unmatched(
    from: &[Quantity],
    to: &[Quantity],
    taken: &mut [bool],
    pairs: &mut Vec<(usize, usize)>,
) -> Vec<usize> {
    let mut left = Vec::new();
    // A zero (`8:00`, `0 cases`) is often written as no number at all.
    let required = |q: &Quantity| q.digits && !q.values.iter().all(|&v| v == 0.0);
    for (i, q) in from.iter().enumerate().filter(|(_, q)| required(q)) {
        // A number word may stand for several numbers (`in early and mid-January` for
        // `1 月初至 1 月中旬`): only numbers in digits are used up.
        match (0..to.len()).find(|&j| !taken[j] && to[j].matches(q)) {
            Some(j) => {
                taken[j] = to[j].digits;
                pairs.push((i, j));
            }
            None => left.push(i),
        }
    }
    left
}

impl Check for SourceNumbers {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        // A plural form for one or two may leave its count out.
        let plural = p.unit.as_ref().is_some_and(|u| u.plural_form.is_some());
        let lexicon = &ctx.lexicon;
        // An English source groups thousands with a comma (the default source language).
        let english = ctx
            .source_language
            .as_deref()
            .is_none_or(|l| l == "en" || l.starts_with("en-") || l.starts_with("en_"));
        if !lexicon.month_names.is_empty() {
            changed_months(source, p, lexicon, english, out);
        }
        // A source number that the target writes as two (a time, `5.30pm` as `5:30`) is two.
        let tgt = quantities(p, lexicon, Marks::of(lexicon));
        let source_marks = if english {
            Marks::CommaGroups
        } else {
            Marks::Either
        };
        let src = listed(quantities(source, lexicon, source_marks), &tgt);
        let tgt = listed(tgt, &src);
        if src.is_empty() && tgt.iter().all(|q| !q.digits) {
            return;
        }
        // Source digits matched by any target number, then target digits by any source
        // number not used yet.
        let mut tgt_taken = vec![false; tgt.len()];
        let mut matched = Vec::new();
        let mut missing = unmatched(&src, &tgt, &mut tgt_taken, &mut matched);
        // A day or month of a date in digits, written with the month's name (`03/05/2020` as
        // `5 मार्च 2020`): the name stands for its number, each name once.
        if !missing.is_empty() && !lexicon.month_names.is_empty() {
            let mut months = month_names(p, lexicon);
            missing.retain(|&i| {
                let q = &src[i];
                let named = in_numeric_date(source.text, q.span)
                    .then(|| {
                        months
                            .iter()
                            .position(|&m| q.values.iter().any(|&v| same(v, m)))
                    })
                    .flatten();
                named.map(|k| months.swap_remove(k)).is_none()
            });
        }
        let mut src_taken = vec![false; src.len()];
        for &i in &missing {
            src_taken[i] = true;
        }
        let mut extra: Vec<usize> = tgt
            .iter()
            .enumerate()
            .filter(|(j, q)| q.digits && !q.values.iter().all(|&v| v == 0.0) && !tgt_taken[*j])
            .map(|(j, _)| j)
            .filter(
                |&j| match (0..src.len()).find(|&i| !src_taken[i] && src[i].matches(&tgt[j])) {
                    Some(i) => {
                        src_taken[i] = src[i].digits;
                        false
                    }
                    None => true,
                },
            )
            .collect();
        let shown = |a: &Analysis, q: &Quantity| a.slice(q.span).to_string();
        let whole = super::shared::trimmed(p.text);
        // A number kept with another currency (`$20` as `€২০`, `$500` as `500元`, `15 euros`
        // as `15 डॉलर`), where the target writes the source's currency at none of its numbers
        // nor its sign anywhere (a conversion beside it, `$20 (€18)`).
        let currency_of = |a: &Analysis, q: &Quantity| {
            measures::currency_at(a.text, q.span, !q.scaled.is_empty(), lexicon)
        };
        let tgt_currencies = std::cell::OnceCell::new();
        let mut folded: Option<String> = None;
        for &(i, j) in &matched {
            let (Some((a, a_span)), Some((b, b_span))) =
                (currency_of(source, &src[i]), currency_of(p, &tgt[j]))
            else {
                continue;
            };
            let written = |signs: &[String]| {
                tgt_currencies
                    .get_or_init(|| {
                        tgt.iter()
                            .filter_map(|q| currency_of(p, q))
                            .collect::<Vec<_>>()
                    })
                    .iter()
                    .any(|(c, _)| !measures::other_currencies(signs, c))
            };
            if measures::other_currencies(&a, &b)
                && !written(&a)
                && !a.iter().any(|sign| {
                    folded
                        .get_or_insert_with(|| {
                            p.text.chars().map(measures::same_currency).collect()
                        })
                        .contains(sign.as_str())
                })
                && !p.text.contains(source.slice(a_span))
            {
                out.push(
                    Hit::new(joined(b_span, tgt[j].span))
                        .var("change", "in another currency")
                        .var("source", source.slice(joined(a_span, src[i].span)))
                        .var("target", p.slice(joined(b_span, tgt[j].span))),
                );
            }
        }
        // A number kept with another unit (`4 g` → `4 mg`, `5 kg` → `৫ গ্রাম`, `90 mph` → `90
        // км/ч`, `3 months` → `3 साल`), where the target writes the source's unit beside none
        // of its numbers (a conversion, `4 g (4000 mg)`). Units of two measures are compared
        // only where neither is a bare letter (`5m` may be five million) and neither is a
        // speed said as its length.
        let unit_of = |a: &Analysis, q: &Quantity| {
            measures::unit_at(a.text, q.span, !q.scaled.is_empty(), lexicon)
        };
        // A minus sign, not a range's dash (`50-60 °F`, `50 - 60 °F`) nor a hyphen.
        let sign = |a: &Analysis, q: &Quantity| {
            let before = &a.text[..q.span.start];
            if let Some(rest) = before.strip_suffix(['-', '−', '–'])
                && !rest.ends_with(char::is_alphanumeric)
                && !rest.trim_end().ends_with(char::is_numeric)
            {
                -1.0
            } else {
                1.0
            }
        };
        // A source number given with its conversion beside it (`350 °F (180 °C)`, `2 miles
        // (3.2 km)`), of which the target keeps the conversion: the number is there.
        let converted_pair = |(a, q): (&Analysis, &Quantity), (b, r): (&Analysis, &Quantity)| {
            let (Some(from), Some(to)) = (unit_of(a, q), unit_of(b, r)) else {
                return false;
            };
            let (q_sign, r_sign) = (sign(a, q), sign(b, r));
            to.unit != from.unit
                && q.values.iter().any(|&v| {
                    from.unit.convert(q_sign * v, to.unit).is_some_and(|c| {
                        r.values
                            .iter()
                            .any(|&w| crate::measure::converted(c, r_sign * w))
                    })
                })
        };
        let (tgt_units, src_units) = (std::cell::OnceCell::new(), std::cell::OnceCell::new());
        for &(i, j) in &matched {
            let (Some(a), Some(b)) = (unit_of(source, &src[i]), unit_of(p, &tgt[j])) else {
                continue;
            };
            // A speed written as its length (`650 km/h` as `650 km வேகத்தில்`, at a speed of
            // 650 km) is the same speed.
            let (ma, mb) = (a.unit.measure(), b.unit.measure());
            let speed_as_length = matches!(
                (ma, mb),
                (Measure::Speed, Measure::Length) | (Measure::Length, Measure::Speed)
            );
            let comparable = ma == mb || !(a.loose || b.loose || speed_as_length);
            // The source's unit at another number of the target, or the target's at another
            // of the source: the same numbers paired otherwise (`5 km in 5 hours` as `En 5 h,
            // … 5 km`).
            let reordered = || {
                tgt_units
                    .get_or_init(|| {
                        tgt.iter()
                            .filter_map(|q| unit_of(p, q).map(|u| u.unit))
                            .collect::<Vec<_>>()
                    })
                    .contains(&a.unit)
                    || src_units
                        .get_or_init(|| {
                            src.iter()
                                .filter_map(|q| unit_of(source, q).map(|u| u.unit))
                                .collect::<Vec<_>>()
                        })
                        .contains(&b.unit)
            };
            // A scaled number converted (`100k meters` as `100 किलोमीटर`) is the same; a
            // number kept with a unit near its own is not (`30 yards` as `30 Meter`).
            if a.unit != b.unit
                && comparable
                && !reordered()
                && (src[i].scaled.is_empty() || !converted_pair((source, &src[i]), (p, &tgt[j])))
            {
                out.push(
                    Hit::new(joined(tgt[j].span, b.span))
                        .var("change", "in another unit")
                        .var("source", source.slice(joined(src[i].span, a.span)))
                        .var("target", p.slice(joined(tgt[j].span, b.span))),
                );
            }
        }
        if !missing.is_empty() {
            missing.retain(|&i| {
                !matched
                    .iter()
                    .any(|&(k, _)| k != i && converted_pair((source, &src[i]), (source, &src[k])))
            });
        }
        // A number converted to the target's unit (`14 °F` as `−10 °C`, `6 feet` as `2
        // metres`, `2 weeks` as `14 দিন`, `a two-week quarantine` as `14 días`) is the
        // source's number, not a changed one: a source number left over in digits, or one in
        // words (never required, so never left over), and a target number left over.
        if !extra.is_empty() && (!missing.is_empty() || src.iter().any(|q| !q.digits)) {
            let converts = |i: usize, j: usize| converted_pair((source, &src[i]), (p, &tgt[j]));
            missing.retain(|&i| {
                let found = extra.iter().position(|&j| converts(i, j));
                found.map(|k| extra.remove(k)).is_none()
            });
            extra.retain(|&j| !(0..src.len()).any(|i| !src[i].digits && converts(i, j)));
        }
        let pairs = missing.len().min(extra.len());
        for k in 0..pairs {
            let (s, t) = (&src[missing[k]], &tgt[extra[k]]);
            out.push(
                Hit::new(t.span)
                    .var("change", "changed")
                    .var("source", shown(source, s))
                    .var("target", shown(p, t))
                    .suggest(shown(source, s)),
            );
        }
        for &j in &extra[pairs..] {
            out.push(
                Hit::new(tgt[j].span)
                    .var("change", "extra")
                    .var("source", "—")
                    .var("target", shown(p, &tgt[j])),
            );
        }
        // The numbers missing from the target are one finding on it, naming them all. In a
        // language whose number words no pack gives, a small whole number may be written as a
        // word (`July 8` as `ജൂലൈ എട്ടിന്`, `10th century` as `പത്താം നൂറ്റാണ്ടിൽ`): only
        // the numbers no translator spells out are missed.
        // Asked only of a number that may be spelled out: it reads every number word.
        let words_known = std::cell::OnceCell::new();
        let missing: Vec<usize> = missing[pairs.min(missing.len())..]
            .iter()
            .copied()
            .filter(|&i| {
                !may_be_spelled(&src[i])
                    || *words_known.get_or_init(|| words_in_script(lexicon, ctx.script))
            })
            .collect();
        if !missing.is_empty() && !plural {
            let names: Vec<String> = missing.iter().map(|&i| shown(source, &src[i])).collect();
            out.push(
                Hit::new(whole)
                    .var("change", "missing")
                    .var("source", names.join(", "))
                    .var("target", "—"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn check(source: &str, target: &str, lexicon: Lexicon) -> Vec<(String, String)> {
        let t = crate::checks::source_placeholders::tests::pair(source, target);
        let ctx = Context {
            lexicon: std::sync::Arc::new(lexicon),
            ..Context::default()
        };
        let mut out = Vec::new();
        SourceNumbers.paragraph(&t, &ctx, &mut out);
        out.into_iter()
            .map(|h| {
                let change = h
                    .vars
                    .iter()
                    .find(|(k, _)| *k == "change")
                    .unwrap()
                    .1
                    .clone();
                (change, t.slice(h.span).to_string())
            })
            .collect()
    }

    /// An ordinal made of a number word by the language's ordinal endings matches its number;
    /// a word that only ends like one does not.
    /// A number word opening a longer word stands for its number only where the language says
    /// so (`number_words_open`), and then only hides a finding.
    #[test]
    fn a_number_word_may_open_a_longer_word() {
        let l = |open: bool| Lexicon {
            // stems, as the Malayalam pack lists them beside the whole words
            number_words: BTreeMap::from([("നാല".into(), 4.0), ("ഇരുപത്തൊന്ന".into(), 21.0)]),
            number_words_open: open,
            ..Lexicon::default()
        };
        let (source, target) = (
            "All 4 were arrested on the 21st.",
            "നാലുപേരും ഇരുപത്തൊന്നിന് അറസ്റ്റിലായി.",
        );
        assert!(check(source, target, l(true)).is_empty());
        assert_eq!(check(source, target, l(false)).len(), 1);
        // The longest number word is read: `ഇരുപത്തൊന്നിന്` is 21, not a 20 or a 2.
        assert_eq!(
            check("on the 22nd", "ഇരുപത്തൊന്നിന്", l(true)),
            [("missing".into(), "ഇരുപത്തൊന്നിന്".into())]
        );
    }

    #[test]
    fn ordinals_made_by_an_ending_are_numbers() {
        let l = || Lexicon {
            number_words: BTreeMap::from([("दहा".into(), 10.0), ("பதினைந்து".into(), 15.0)]),
            ordinal_endings: BTreeMap::from([
                ("व्या".into(), String::new()),
                ("ாம்".into(), "ு".into()),
            ]),
            ..Lexicon::default()
        };
        assert!(check("in the 10th century", "दहाव्या शतकात", l()).is_empty());
        assert!(check("in the 15th century", "பதினைந்தாம் நூற்றாண்டில்", l()).is_empty());
        assert_eq!(check("in the 10th century", "त्या शतकात", l()).len(), 1);
        assert_eq!(check("in the 11th century", "दहाव्या शतकात", l()).len(), 1);
    }

    /// In a language whose number words no pack gives (Malayalam), a small number may have
    /// been written as a word; a year may not, nor a number changed.
    #[test]
    fn small_numbers_are_not_missing_where_number_words_are_unknown() {
        let check_ml = |source: &str, target: &str| {
            let t = crate::checks::source_placeholders::tests::pair(source, target);
            let ctx = Context {
                lexicon: std::sync::Arc::new(lexicon()),
                script: crate::text::script::script_by_name("Malayalam"),
                ..Context::default()
            };
            let mut out = Vec::new();
            SourceNumbers.paragraph(&t, &ctx, &mut out);
            out.len()
        };
        assert_eq!(check_ml("It was read on July 8.", "ജൂലൈ എട്ടിന് വായിച്ചു."), 0);
        assert_eq!(check_ml("in the 10th century", "പത്താം നൂറ്റാണ്ടിൽ"), 0);
        assert_eq!(check_ml("It was read in 1776.", "ഇത് വായിച്ചു."), 1);
        assert_eq!(check_ml("It was read on July 8.", "ജൂലൈ 9 ന് വായിച്ചു."), 1);
        // A source language's words in the target's script (English `three` beside Portuguese
        // or Swahili) do not say how the target's language writes its numbers.
        let check_latin = |source: &str, target: &str| {
            let t = crate::checks::source_placeholders::tests::pair(source, target);
            let ctx = Context {
                lexicon: std::sync::Arc::new(lexicon()),
                script: Some(unicode_script::Script::Latin),
                ..Context::default()
            };
            let mut out = Vec::new();
            SourceNumbers.paragraph(&t, &ctx, &mut out);
            out.len()
        };
        assert_eq!(
            check_latin(
                "3 patients were discharged.",
                "Três pacientes receberam alta."
            ),
            0
        );
        assert_eq!(
            check_latin("She came 2nd in the race.", "Alishika nafasi ya pili."),
            0
        );
        assert_eq!(check_latin("It was read in 1776.", "Foi lido."), 1);
        // Where the packs give the script's words, a number left out is missing.
        assert_eq!(
            check("64 cases in 12 towns", "৬৪টি ঘটনা", lexicon()),
            [("missing".into(), "৬৪টি ঘটনা".into())]
        );
    }

    fn lexicon() -> Lexicon {
        Lexicon {
            number_words: BTreeMap::from([
                ("two".into(), 2.0),
                ("three".into(), 3.0),
                ("আট".into(), 8.0),
                ("তিন".into(), 3.0),
                ("twenty".into(), 20.0),
                ("سبع".into(), 7.0),
                ("ثلاثون".into(), 30.0),
                ("عشرة".into(), 10.0),
                ("اثنا عشر".into(), 12.0),
                ("سبع عشرة".into(), 17.0),
            ]),
            number_scales: BTreeMap::from([
                ("hundred".into(), 100.0),
                ("million".into(), 1e6),
                ("লাখ".into(), 1e5),
                ("হাজার".into(), 1e3),
                ("亿".into(), 1e8),
                ("万".into(), 1e4),
            ]),
            endings: vec!["টি".into(), "ের".into()],
            conjunctions: vec!["و".into()],
            number_joiners: vec!["and".into()],
            number_approximators: vec!["多".into(), "余".into()],
            // the English words are the source language's
            own_number_scripts: vec![
                unicode_script::Script::Bengali,
                unicode_script::Script::Arabic,
            ],
            ..Lexicon::default()
        }
    }

    #[test]
    fn values_match_across_systems_groupings_separators_and_words() {
        let l = lexicon;
        assert!(check("400,000 people in 1885", "১৮৮৫ সালে ৪,০০,০০০ জন", l()).is_empty());
        assert!(check("100,000 cases", "100 000 случаев", l()).is_empty());
        assert!(check("1.5 percent", "1,5 процента", l()).is_empty());
        assert!(check("2 million", "২০ লাখ", l()).is_empty());
        assert!(check("720,000 people", "৭ লাখ ২০ হাজার জন", l()).is_empty());
        assert!(check("120,000,000", "1亿2000万", l()).is_empty());
        assert!(check("in 12 or 17 cases", "في اثنا عشر أو سبع عشرة حالة", l()).is_empty());
        assert!(check("37 °C", "سبع وثلاثون درجة", l()).is_empty());
        assert!(
            check("23 towns", "threefold twenty three towns", l()).is_empty(),
            "a number word inside a longer word stands alone"
        );
        assert!(check("200,000", "20万", l()).is_empty());
        assert!(
            check("more than 200,000", "20多万", l()).is_empty(),
            "a word saying more than stands between the number and its scale"
        );
        assert!(check("over 50 million", "5,000 余万", l()).is_empty());
        assert_eq!(
            check("200,000", "20多个", l()).len(),
            1,
            "no scale after it"
        );
        assert!(check("3 cases", "তিনটি ঘটনা", l()).is_empty());
        assert!(check("three cases", "3 টি ঘটনা", l()).is_empty());
        assert!(check("a hundred and two million", "102000000", l()).is_empty());
        assert!(check("in 2019-20", "2019–2020 সালে", l()).is_empty());
        // A year in the readers' calendar: Thai Buddhist, Nepali, Iranian solar, Islamic.
        assert!(check("in 2021", "ในปี พ.ศ. 2564", l()).is_empty());
        assert!(check("in 2022", "वि.सं. २०७९ मा", l()).is_empty());
        assert!(
            check("on March 21, 2021", "۱ فروردین ۱۴۰۰", l()).len() == 1,
            "21 is not 1"
        );
        assert!(check("in 2024", "في عام 1445 هـ", l()).is_empty());
        assert_eq!(
            check("in 2021", "ในปี พ.ศ. 2566", l()).len(),
            1,
            "a wrong year"
        );
        assert!(check("on 26 March 2020", "মার্চ-26,2020 তারিখে", l()).is_empty());
        assert!(
            check("at 8:00", "আট টায়", l()).is_empty(),
            "a zero need not come back"
        );
        assert!(check("since the 1960s", "20 世纪 60 年代", l()).is_empty());
        assert!(check("from 13% to .08%", "0.08% থেকে 13%", l()).is_empty());
        assert!(check("007 agent", "7 এজেন্ট", l()).is_empty());
        assert!(
            check("see https://x.org/2020", "দেখুন", l()).is_empty(),
            "a URL's digits are not numbers here"
        );
    }

    #[test]
    fn clocks_dates_idioms_roman_numerals_and_fractions() {
        let l = || Lexicon {
            number_words: BTreeMap::from([
                ("तीन".into(), 3.0),
                ("एक".into(), 1.0),
                ("一".into(), 1.0),
                ("九".into(), 9.0),
                ("八".into(), 8.0),
            ]),
            number_scales: BTreeMap::from([
                ("千".into(), 1e3),
                ("万".into(), 1e4),
                ("million".into(), 1e6),
            ]),
            number_fractions: BTreeMap::from([("साढ़े".into(), 0.5), ("साडे".into(), 0.5)]),
            ..lexicon()
        };
        // The twelve-hour clock written on the 24-hour one.
        assert!(check("at 3 p.m. and 2:30 PM", "в 15:00 и 14:30", l()).is_empty());
        assert!(check("at 12 a.m.", "в 0:00", l()).is_empty());
        // With a dot between the hour and its minutes (WMT QE 2022's `5.30pm`).
        assert!(check("at 5.30pm and 4.40 a.m.", "в 5:30 вечера и 4:40 утра", l()).is_empty());
        assert!(check("at 5.30pm", "в 17:30", l()).is_empty());
        assert!(!check("at 5.30pm", "в 5:40 вечера", l()).is_empty());
        assert!(check("at 7.55am", "um 7.55 Uhr", l()).is_empty());
        assert!(check("at 2.30pm", "um 14.30 Uhr", l()).is_empty());
        assert_eq!(
            check("at 3 p.m.", "в 13:00", l()),
            [("changed".into(), "13".into())]
        );
        // A day and a month before a year are two numbers, in either order.
        assert!(check("Due 03/05/2020", "Срок: 05.03.2020", l()).is_empty());
        // Around the clock, said in words.
        assert!(check("open 24/7", "работает круглосуточно", l()).is_empty());
        // Roman numerals excuse a number, never require one.
        assert!(check("the 19th century", "XIX век", l()).is_empty());
        assert!(check("the 18th century", "le XVIIIe siècle", l()).is_empty());
        assert_eq!(
            check("the 19th century", "XVIII век", l()),
            [("missing".into(), "XVIII век".into())]
        );
        // A fraction word before a number word, or on it.
        assert!(check("3.5 hours", "साढ़े तीन घंटे", l()).is_empty());
        assert!(check("3.5 hours", "साडेतीन तास", l()).is_empty());
        // A larger scale multiplies all before it; digits read one by one are a year.
        assert!(check("10 million", "一千万", l()).is_empty());
        assert!(check("in 1998", "一九九八年", l()).is_empty());
    }

    #[test]
    fn a_decimal_mark_of_the_translation_s_language() {
        let marked = |mark: char| Lexicon {
            decimal_mark: Some(mark),
            ..Lexicon::default()
        };
        // A dot is Hindi's decimal mark: `1.250` is 1.25, not 1,250.
        assert_eq!(
            check("1,250 cases", "1.250 मामले", marked('.')),
            [("changed".into(), "1.250".into())]
        );
        assert!(
            check(
                "1,250 cases and 2.5 mg",
                "1,250 मामले और 2.5 mg",
                marked('.')
            )
            .is_empty()
        );
        // A comma is German's: `2.500` is 2500, and `1.250` is 1,250.
        assert_eq!(
            check("2.5 mg", "2.500 mg", marked(',')),
            [("changed".into(), "2.500".into())]
        );
        assert!(
            check(
                "1,250 cases and 2.5 mg",
                "1.250 Fälle und 2,5 mg",
                marked(',')
            )
            .is_empty()
        );
        // Without a mark, either reading.
        assert!(check("1,250 cases", "1.250 मामले", Lexicon::default()).is_empty());
        // Thousands written onto the number (`100k`, `5K`) are thousands.
        let hindi = Lexicon {
            decimal_mark: Some('.'),
            number_scales: [("k".to_string(), 1000.0)].into_iter().collect(),
            ..Lexicon::default()
        };
        assert!(
            check(
                "about 5K a day, 100k in all",
                "लगभग 5,000 प्रतिदिन, कुल 100,000",
                hindi
            )
            .is_empty()
        );
        // A scaled number converted is the same; a number kept with a unit near its own not.
        let units = Lexicon {
            number_scales: [("k".to_string(), 1000.0)].into_iter().collect(),
            unit_names: [
                ("meters", crate::measure::Unit::Metre),
                ("meter", crate::measure::Unit::Metre),
                ("yards", crate::measure::Unit::Yard),
                ("किलोमीटर", crate::measure::Unit::Kilometre),
            ]
            .into_iter()
            .map(|(n, u)| (n.to_string(), u))
            .collect(),
            ..Lexicon::default()
        };
        assert!(
            check(
                "I ran 100k meters",
                "मैंने 100 किलोमीटर दौड़ लगाई",
                units.clone()
            )
            .is_empty()
        );
        assert_eq!(
            check("a 30 yards run", "ein Lauf von 30 Meter", units).len(),
            1
        );
        // A calendar near the Gregorian one only where the pack gives it.
        let amharic = Lexicon {
            year_offsets: vec![-8.0, -7.0],
            ..Lexicon::default()
        };
        assert!(check("in 2025", "በ2017 ዓ.ም.", amharic).is_empty());
        assert_eq!(check("in 2023", "2016 में", Lexicon::default()).len(), 1);
    }

    #[test]
    fn an_english_comma_groups_thousands() {
        let l = lexicon;
        assert_eq!(
            check("Nearly 1,500 tickets", "Продано 1,5 билета", l()),
            [("changed".into(), "1,5".into())]
        );
        assert!(check("Nearly 1,500 tickets", "Продано 1 500 билетов", l()).is_empty());
        // The target's comma may still be a decimal point.
        assert!(check("1.5 percent", "1,5 процента", l()).is_empty());
    }

    #[test]
    fn an_ordinal_ends_a_number() {
        let l = || Lexicon {
            number_words: BTreeMap::from([
                ("один".into(), 1.0),
                ("первый".into(), 1.0),
                ("сорок".into(), 40.0),
            ]),
            ordinal_endings: BTreeMap::from([("ых".into(), "ый".into())]),
            ..Lexicon::default()
        };
        assert!(check("the first 41 cases", "первых сорок один случаев", l()).is_empty());
        assert!(check("the 41st case", "сорок первый случай", l()).is_empty());
    }

    #[test]
    fn words_make_one_number_only_as_a_number_is_said() {
        let l = || Lexicon {
            number_words: BTreeMap::from([
                ("முதல்".into(), 1.0),
                ("இருபத்து".into(), 20.0),
                ("ஆறு".into(), 6.0),
                ("முப்பத்து".into(), 30.0),
                ("இரண்டு".into(), 2.0),
                ("واحد".into(), 1.0),
                ("أربعين".into(), 40.0),
                ("أول".into(), 1.0),
            ]),
            conjunctions: vec!["و".into()],
            ..Lexicon::default()
        };
        let source = "from about 26 to 32 kilobases";
        assert!(check(source, "சுமார் இருபத்து ஆறு முதல் 32 வரை", l()).is_empty());
        assert!(check(source, "சுமார் 26 முதல் முப்பத்து இரண்டு வரை", l()).is_empty());
        assert!(check("the first 41 cases", "أول واحد وأربعين حالة", l()).is_empty());
        let with_teens = || {
            let mut x = l();
            x.number_words.insert("أربع عشرة".into(), 14.0);
            x
        };
        assert!(check("from 2 to 14 days", "بين 2 وأربع عشرة يومًا", with_teens()).is_empty());
        assert!(check("22 cases", "இருபத்து இரண்டு வழக்குகள்", l()).is_empty());
        assert!(!check("26 cases", "இருபத்து இரண்டு வழக்குகள்", l()).is_empty());
    }

    #[test]
    fn a_joiner_of_the_pack_joins_the_parts_of_a_number() {
        let l = || Lexicon {
            number_words: BTreeMap::from([
                ("treinta".into(), 30.0),
                ("cinco".into(), 5.0),
                ("dos".into(), 2.0),
                ("tres".into(), 3.0),
            ]),
            number_joiners: vec!["y".into()],
            ..Lexicon::default()
        };
        assert!(check("35 days", "treinta y cinco días", l()).is_empty());
        // Two units are two numbers, joined or not: `dos y tres` is 2 and 3.
        assert!(check("2 and 3 days", "dos y tres días", l()).is_empty());
    }

    #[test]
    fn a_comma_may_list_two_numbers() {
        let l = lexicon;
        let source = "between the 10th - 11th centuries and the 14th";
        assert!(check(source, "10,11 নূরটি এবং 14", l()).is_empty());
        assert!(check("2.5 percent", "2,5 процента", l()).is_empty());
        // One of the two is not the source's: the pair is one number, changed.
        assert_eq!(
            check("on the 3rd and 6th", "3,5 তারিখে", l())[0],
            ("changed".into(), "3,5".into())
        );
        assert_eq!(
            check("from 3 to 3.5 percent", "3 থেকে 3,6 শতাংশ", l()),
            [("changed".into(), "3,6".into())]
        );
        // A part the target's other numbers already stand for is no listed number.
        assert_eq!(
            check(
                "On 10 May 11 died and 12 were hurt",
                "10 মে 11 জন মারা যান, 10,11 জন আহত",
                l()
            )[0],
            ("changed".into(), "10,11".into())
        );
        assert_eq!(
            check("on the 4th and 6th", "3,5 তারিখে", l())[0],
            ("changed".into(), "3,5".into())
        );
    }

    #[test]
    fn a_number_kept_with_another_unit_of_its_measure() {
        let flagged = |source: &str, target: &str| -> Vec<String> {
            check(source, target, Lexicon::default())
                .into_iter()
                .filter(|(change, _)| change == "in another unit")
                .map(|(_, text)| text)
                .collect()
        };
        assert_eq!(
            flagged("Do not exceed 4 g per day.", "प्रतिदिन 4 mg से अधिक न लें।"),
            ["4 mg"]
        );
        assert_eq!(flagged("Store below 25 °C.", "25°F से नीचे रखें।"), ["25°F"]);
        assert_eq!(
            flagged("Take 500 mcg daily.", "रोज़ 500 µg लें।"),
            Vec::<String>::new()
        );
        assert_eq!(flagged("Add 5 ml.", "5 mL डालें।"), Vec::<String>::new());
        // Another measure, where neither unit is a bare letter (`5m` may be five million).
        assert_eq!(flagged("Walk 5 km.", "5 kg चलें।"), ["5 kg"]);
        assert!(flagged("Raised 5m.", "5 g जुटाए।").is_empty());
        // A conversion beside it; a unit said in words no pack names; no unit.
        assert!(flagged("Take 4 g.", "4 g (4000 mg) लें।").is_empty());
        assert!(flagged("Take 4 g.", "4 ग्राम लें।").is_empty());
        assert!(flagged("At 4 a.m.", "सुबह 4 am बजे।").is_empty());
    }

    /// Units and currencies said in the packs' words are compared as their symbols are, and a
    /// number converted to the target's unit is the source's number.
    #[test]
    fn units_and_currencies_in_words_and_conversions() {
        use crate::measure::Unit;
        let l = || Lexicon {
            unit_names: BTreeMap::from([
                ("kg".into(), Unit::Kilogram),
                ("গ্রাম".into(), Unit::Gram),
                ("কেজি".into(), Unit::Kilogram),
                ("months".into(), Unit::Month),
                ("বছর".into(), Unit::Year),
                ("মাস".into(), Unit::Month),
                ("feet".into(), Unit::Foot),
                ("মিটার".into(), Unit::Metre),
                ("metres".into(), Unit::Metre),
                ("দিন".into(), Unit::Day),
                ("weeks".into(), Unit::Week),
                ("week".into(), Unit::Week),
            ]),
            number_words: BTreeMap::from([("two".into(), 2.0)]),
            endings: vec!["ের".into()],
            currency_names: BTreeMap::from([
                ("ডলার".into(), vec!["$".into()]),
                ("টাকা".into(), vec!["৳".into(), "₹".into()]),
            ]),
            number_scales: BTreeMap::from([("million".into(), 1e6), ("লাখ".into(), 1e5)]),
            ..Lexicon::default()
        };
        let changes =
            |source: &str, target: &str| -> Vec<(String, String)> { check(source, target, l()) };
        assert_eq!(
            changes("The patient lost 5 kg.", "রোগীর ওজন ৫ গ্রাম কমেছে।"),
            [("in another unit".into(), "৫ গ্রাম".into())]
        );
        assert_eq!(
            changes("for 3 months", "৩ বছর ধরে"),
            [("in another unit".into(), "৩ বছর".into())]
        );
        assert_eq!(
            changes("It will cost $2.5 million.", "এতে ২৫ লাখ টাকা খরচ হবে।"),
            [("in another currency".into(), "২৫ লাখ টাকা".into())]
        );
        assert!(changes("It costs ₹500.", "এর দাম ৫০০ টাকা।").is_empty());
        assert!(changes("It costs $500.", "এর দাম ৫০০ ডলার।").is_empty());
        assert!(changes("for 3 months", "৩ মাস ধরে").is_empty());
        // The source's unit at another number of the target: the numbers were reordered.
        assert!(changes("5 days and 5 weeks", "৫ weeks এবং ৫ দিন").is_empty());
        // Converted, and rounded as a translator rounds.
        assert!(changes("Keep 6 feet apart.", "২ মিটার দূরে থাকুন।").is_empty());
        assert_eq!(changes("It will drop to 14 °F.", "এটি −10 °C-এ নামবে।"), []);
        assert!(changes("for 2 weeks", "১৪ দিন ধরে").is_empty());
        assert!(changes("a two-week quarantine", "১৪ দিনের কোয়ারেন্টাইন").is_empty());
        // A conversion the source gives beside its number, which the target keeps alone.
        assert!(changes("Keep 6 feet (2 metres) apart.", "২ মিটার দূরে থাকুন।").is_empty());
        assert_eq!(
            changes("Keep 6 feet (5 metres) apart.", "৫ মিটার দূরে থাকুন।"),
            [("missing".into(), "৫ মিটার দূরে থাকুন।".into())]
        );
        assert_eq!(
            changes("Keep 6 feet apart.", "৫ মিটার দূরে থাকুন।"),
            [("changed".into(), "৫".into())]
        );
        // Two numbers alike paired otherwise than the units say: the target's unit is the
        // source's at its other number.
        assert!(changes("He walked 5 km in 5 hours.", "En 5 h, il a parcouru 5 km.").is_empty());
    }

    /// A unit whose name starts with a scale's character is the unit (`5千克` is 5 kg, not
    /// 5,000 g).
    #[test]
    fn a_unit_that_starts_with_a_scale_word() {
        use crate::measure::Unit;
        let l = Lexicon {
            unit_names: BTreeMap::from([
                ("千克".into(), Unit::Kilogram),
                ("克".into(), Unit::Gram),
                ("千米".into(), Unit::Kilometre),
            ]),
            number_scales: BTreeMap::from([("千".into(), 1000.0), ("万".into(), 10000.0)]),
            ..Lexicon::default()
        };
        assert!(check("It weighs 5 kg.", "它重5千克。", l.clone()).is_empty());
        assert_eq!(
            check("It weighs 5 kg.", "它重5克。", l.clone()),
            [("in another unit".into(), "5克".into())]
        );
        assert!(check("5,000 people", "5千人", l).is_empty());
    }

    #[test]
    fn changed_extra_and_missing_numbers() {
        let l = lexicon;
        assert_eq!(
            check("400,000 people", "৪০,০০০ জন", l()),
            [("changed".into(), "৪০,০০০".into())]
        );
        assert_eq!(
            check("720,000 people", "৭ লাখ ৩০ হাজার জন", l()),
            [("changed".into(), "৭ লাখ ৩০ হাজার".into())]
        );
        // A scale changed on both sides is a number changed (2 lakh is 200,000).
        assert_eq!(
            check("2 million", "২ লাখ", l()),
            [("changed".into(), "২ লাখ".into())]
        );
        assert_eq!(
            check("in 1885", "১৮৭৫ সালে", l()),
            [("changed".into(), "১৮৭৫".into())]
        );
        assert_eq!(
            check("64 cases", "৬৪ টি ১২ ঘটনা", l()),
            [("extra".into(), "১২".into())]
        );
        assert_eq!(
            check("64 cases in 12 towns", "৬৪টি ঘটনা", l()),
            [("missing".into(), "৬৪টি ঘটনা".into())]
        );
    }
}
