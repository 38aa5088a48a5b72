//! What is written beside a number: its currency (`$20`, `20 €`, `USD 20`, `২০ ডলার`, `dola
//! 1,000`) and its unit of measure (`4 g`, `25 °C`, `৫ কেজি`, `90 км/ч`, `3个月`), by signs, ISO
//! codes and the Latin symbols every script writes numbers with, and by the words of the packs
//! (`unit_names`, `currency_names`). The source-aware number rule compares them across a unit.

use std::collections::BTreeMap;
use std::ops::Bound;

use super::shared::Lowered;
use crate::lexicon::Lexicon;
use crate::measure::Unit;
use crate::text::Span;
use crate::text::script::{is_letter, is_mark, is_unspaced_char, script_of};
use unicode_script::Script;

/// The spaces that may stand between a number and its unit or currency.
const SPACES: [char; 3] = [' ', '\u{a0}', '\u{202f}'];

/// A currency sign as compared: the fullwidth forms are the signs they stand for (`＄` is `$`).
pub fn same_currency(c: char) -> char {
    match c {
        '＄' => '$',
        '￥' => '¥',
        '￡' => '£',
        '￠' => '¢',
        '￦' => '₩',
        // The rupee sign of Pakistan, Sri Lanka and Nepal, and India's before 2010.
        '₨' => '₹',
        c => c,
    }
}

/// ISO 4217 codes written beside a number (`USD 50`, `50 EUR`) and the sign each is compared
/// as (`US$`, `€`; the rupees as one, `₨` being `₹`); a code without a sign of its own is
/// compared as itself, and only with another code (its local sign is letters: `kr`, `Fr.`,
/// `د.إ`, not compared). Codes that are
/// also common abbreviations (`ALL`, `CAD`, `NPR`, `TOP`, `CUP`) are not listed.
const CURRENCY_CODES: [(&str, &str); 33] = [
    ("AED", "AED"),
    ("AUD", "A$"),
    ("BDT", "৳"),
    ("BRL", "R$"),
    ("CHF", "CHF"),
    ("CNY", "¥"),
    ("DKK", "DKK"),
    ("EGP", "E£"),
    ("ETB", "ETB"),
    ("EUR", "€"),
    ("GBP", "£"),
    ("HKD", "HK$"),
    ("IDR", "IDR"),
    ("ILS", "₪"),
    ("INR", "₹"),
    ("JPY", "¥"),
    ("KRW", "₩"),
    ("LKR", "₹"),
    ("MXN", "MX$"),
    ("NGN", "₦"),
    ("NOK", "NOK"),
    ("NZD", "NZ$"),
    ("PHP", "₱"),
    ("PKR", "₹"),
    ("RMB", "¥"),
    ("RUB", "₽"),
    ("SAR", "﷼"),
    ("SEK", "SEK"),
    ("SGD", "S$"),
    ("THB", "฿"),
    ("UAH", "₴"),
    ("USD", "US$"),
    ("VND", "₫"),
];

/// The sign an ISO 4217 code of `CURRENCY_CODES` is compared as.
fn code_sign(code: &str) -> Option<&'static str> {
    CURRENCY_CODES
        .binary_search_by_key(&code, |&(c, _)| c)
        .ok()
        .map(|k| CURRENCY_CODES[k].1)
}

/// The currency written at a number (`$20`, `20 €`, `€ 20`, `USD 20`, `20 EUR`): a currency
/// symbol right before or right after it, or an ISO code of `CURRENCY_CODES` standing as a word
/// of its own, one space between at most; the sign it is compared as, and where it stands.
fn sign_at(text: &str, number: Span) -> Option<(String, Span)> {
    use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};
    let is_sign = |c: char| c.general_category() == GeneralCategory::CurrencySymbol;
    let before = &text[..number.start];
    let before = before.strip_suffix(SPACES).unwrap_or(before);
    // A code: three capitals, no letter or digit joined on either side.
    let code_at = |start: usize| {
        let code = text.get(start..start + 3)?;
        let alone = !text[..start].ends_with(|c: char| c.is_alphanumeric())
            && !text[start + 3..].starts_with(|c: char| c.is_alphanumeric());
        let sign = code_sign(code).filter(|_| alone)?;
        Some((sign.to_string(), Span::new(start, start + 3)))
    };
    if before.len() >= 3
        && before.is_char_boundary(before.len() - 3)
        && let Some(found) = code_at(before.len() - 3)
    {
        return Some(found);
    }
    if let Some(c) = before.chars().next_back().filter(|&c| is_sign(c)) {
        let mut start = before.len() - c.len_utf8();
        // The capitals that name which dollar (`R$`, `HK$`, `US$`), at most three.
        let letters = before[..start]
            .chars()
            .rev()
            .take_while(char::is_ascii_uppercase)
            .count();
        if letters <= 3 && !before[..start - letters].ends_with(|c: char| c.is_ascii_alphanumeric())
        {
            start -= letters;
        }
        let sign = format!(
            "{}{}",
            &before[start..before.len() - c.len_utf8()],
            same_currency(c)
        );
        return Some((sign, Span::new(start, before.len())));
    }
    let after = &text[number.end..];
    let skipped = after.len() - after.strip_prefix(SPACES).unwrap_or(after).len();
    if let Some(found) = code_at(number.end + skipped) {
        return Some(found);
    }
    let c = after[skipped..].chars().next().filter(|&c| is_sign(c))?;
    let start = number.end + skipped;
    Some((
        same_currency(c).to_string(),
        Span::new(start, start + c.len_utf8()),
    ))
}

/// Whether two currency signs name two currencies: another symbol (`$`, `€`), or the same one
/// with capitals of another first letter before it, both written (`R$`, `US$`; `CA$` and `C$`
/// are one); a bare `$` may be any dollar.
pub fn other_currency(a: &str, b: &str) -> bool {
    let split = |s: &str| {
        let last = s.chars().next_back().map_or(0, char::len_utf8);
        (
            s[..s.len() - last].chars().next(),
            s[s.len() - last..].to_string(),
        )
    };
    let ((pa, sa), (pb, sb)) = (split(a), split(b));
    sa != sb || matches!((pa, pb), (Some(x), Some(y)) if x != y)
}

/// The currency written at a number, with the signs it may stand for and where it is: a sign
/// or an ISO code (`sign_at`), else a currency word of the packs right after the number (its
/// scale word passed by, and after one a `unit_joiners` word: `2 millones de dólares`) or right
/// before it (`dola 1,000`, `Rs. 500`).
pub fn currency_at(
    text: &str,
    number: Span,
    scaled: bool,
    lexicon: &Lexicon,
) -> Option<(Vec<String>, Span)> {
    if let Some((sign, span)) = sign_at(text, number) {
        return Some((vec![sign], span));
    }
    if lexicon.currency_names.is_empty() {
        return None;
    }
    let after = named_after(text, number, scaled, &lexicon.currency_names, lexicon);
    let before = named_before(text, number, &lexicon.currency_names);
    match (before, after) {
        // Named on both sides (`新台幣1000元`, `港幣500元`, `人民币500元`): either may say it.
        (Some((b, b_span)), Some((a, a_span))) => {
            let mut signs = b.clone();
            signs.extend(a.iter().filter(|s| !b.contains(s)).cloned());
            Some((signs, Span::new(b_span.start, a_span.end)))
        }
        (None, Some((signs, span))) | (Some((signs, span)), None) => Some((signs.clone(), span)),
        (None, None) => None,
    }
}

/// Whether two currencies written at a number are two: no sign of one may name the other's.
pub fn other_currencies(a: &[String], b: &[String]) -> bool {
    a.iter().all(|x| b.iter().all(|y| other_currency(x, y)))
}

/// A unit written at a number, where it is, and whether it is read from a bare letter (`m`,
/// `g`, `l`, `K`), which a number may have for another reason (`5m` for five million, `5G`).
pub struct UnitAt {
    pub unit: Unit,
    pub span: Span,
    pub loose: bool,
}

/// The unit written right after a number: a Latin symbol (`4 g`, `4g`, `25°C`, `25 ℃`,
/// `90 km/h`: one space at most between, and no letter after it), else a unit word of the packs
/// (`৫ কেজি`, `2 millas por hora`, `3个月`).
pub fn unit_at(text: &str, number: Span, scaled: bool, lexicon: &Lexicon) -> Option<UnitAt> {
    if let Some(found) = symbol_after(text, number) {
        return Some(found);
    }
    if lexicon.unit_names.is_empty() {
        return None;
    }
    match named_after(text, number, scaled, &lexicon.unit_names, lexicon) {
        // A power after a unit word (`3,850 கிமீ²`) makes its length an area; another unit
        // with a power is none this knows.
        Some((&unit, span)) if text[span.end..].starts_with(['²', '³']) => {
            let square = text[span.end..].starts_with('²');
            let unit = match unit {
                Unit::Kilometre if square => Unit::SquareKilometre,
                Unit::Metre if square => Unit::SquareMetre,
                _ => return None,
            };
            Some(UnitAt {
                unit,
                span: Span::new(span.start, span.end + '²'.len_utf8()),
                loose: false,
            })
        }
        found => found.map(|(&unit, span)| UnitAt {
            unit,
            span,
            loose: false,
        }),
    }
    .or_else(|| range_end(text, number).and_then(|end| unit_at(text, end, scaled, lexicon)))
}

/// The number that ends a range opened by `number` with a dash (`50-60 °F`, `50 – 60 km`),
/// whose unit is the range's.
fn range_end(text: &str, number: Span) -> Option<Span> {
    let after = &text[number.end..];
    let rest = after.trim_start_matches(SPACES);
    let rest = rest.strip_prefix(['-', '–', '—'])?;
    let rest = rest.trim_start_matches(SPACES);
    let start = text.len() - rest.len();
    let len: usize = rest
        .char_indices()
        .take_while(|&(i, c)| {
            c.is_numeric()
                || (matches!(c, '.' | ',') && i > 0 && rest[i + 1..].starts_with(char::is_numeric))
        })
        .map(|(_, c)| c.len_utf8())
        .sum();
    (len > 0).then(|| Span::new(start, start + len))
}

/// The length of the longest unit name of the packs at the start of `text` (`千米` km, where
/// `千` alone is a scale word).
pub fn unit_name_len(text: &str, lexicon: &Lexicon) -> Option<usize> {
    if lexicon.unit_names.is_empty() {
        return None;
    }
    let lower = Lowered::prefix(text, 40);
    longest_at(&lower.text, &lexicon.unit_names, lexicon).map(|(_, len)| lower.original(len))
}

/// A Latin symbol of a unit right after a number (`Unit::from_symbol`).
fn symbol_after(text: &str, number: Span) -> Option<UnitAt> {
    let after = &text[number.end..];
    let rest = after
        .strip_prefix(SPACES)
        .or_else(|| after.strip_prefix('-'))
        .unwrap_or(after);
    let start = number.end + (after.len() - rest.len());
    let len = if rest.starts_with(['°', '℃', '℉']) {
        let sign = rest.chars().next().map_or(0, char::len_utf8);
        if rest.starts_with('°') {
            sign + rest[sign..]
                .chars()
                .next()
                .filter(|c| matches!(c, 'C' | 'F'))
                .map_or(0, char::len_utf8)
        } else {
            sign
        }
    } else {
        let letters = |s: &str| {
            s.char_indices()
                .find(|&(_, c)| !(c.is_ascii_alphabetic() || matches!(c, 'µ' | 'μ' | '²')))
                .map_or(s.len(), |(i, _)| i)
        };
        let first = letters(rest);
        // A speed: `km/h`, `m/s`.
        match rest[first..].strip_prefix('/') {
            Some(per) if first > 0 && letters(per) == 1 => first + 2,
            _ => first,
        }
    };
    // No letter or digit of the symbol's own script after it (`5 kgs` is no `kg`); one of
    // another script may be written onto it (`2km歩いた`, `183cm이다`, `500 mgরু`).
    if len == 0
        || rest[len..].starts_with(|c: char| {
            c.is_alphanumeric() && (c.is_ascii() || script_of(c) == Some(Script::Latin))
        })
    {
        return None;
    }
    let written = &rest[..len];
    let unit = Unit::from_symbol(written).or_else(|| Unit::from_symbol(&written.to_lowercase()))?;
    // `K` alone is a kelvin, `k` no unit.
    if written == "k" {
        return None;
    }
    Some(UnitAt {
        unit,
        span: Span::new(start, start + len),
        loose: written.chars().count() == 1,
    })
}

/// Whether a name ends where a word may: a character that is no letter or mark after it, a
/// name of a script without spaces, or an ending of the language (`ঘণ্টায়`, `দিনের`).
fn ends_word(name: &str, after: &str, lexicon: &Lexicon) -> bool {
    let rest: String = after
        .chars()
        .take_while(|&c| is_letter(c) || is_mark(c))
        .collect();
    rest.is_empty()
        || name.chars().next_back().is_some_and(is_unspaced_char)
        || lexicon.is_ending(&rest)
}

/// The longest name of `names` at the start of `rest` (lowercase), ending where a word may.
fn longest_at<'n, T>(
    rest: &str,
    names: &'n BTreeMap<String, T>,
    lexicon: &Lexicon,
) -> Option<(&'n T, usize)> {
    let first = rest.chars().next()?;
    let mut from = [0; 4];
    let from: &str = first.encode_utf8(&mut from);
    names
        .range::<str, _>((Bound::Included(from), Bound::Unbounded))
        .take_while(|(name, _)| name.starts_with(first))
        .filter(|(name, _)| {
            rest.starts_with(name.as_str()) && ends_word(name, &rest[name.len()..], lexicon)
        })
        .max_by_key(|(name, _)| name.len())
        .map(|(name, value)| (value, name.len()))
}

/// A name of `names` right after a number: one space at most between, a scale word after
/// digits passed by (it is part of the number's span) and after one a joiner.
fn named_after<'n, T>(
    text: &str,
    number: Span,
    scaled: bool,
    names: &'n BTreeMap<String, T>,
    lexicon: &Lexicon,
) -> Option<(&'n T, Span)> {
    let after = &text[number.end..];
    // `5 kg`, `5kg`, and a compound of the source's, `a 10-minute walk`, `5-year-old`.
    let mut rest = after
        .strip_prefix(SPACES)
        .or_else(|| after.strip_prefix('-'))
        .unwrap_or(after);
    let mut lower = Lowered::prefix(rest, 40);
    // An elided joiner is written onto the word after it (`d'euros`, `d’euros`).
    let elided = |j: &str| j.ends_with(['\'', '’']);
    if scaled
        && let Some(joiner) = lexicon.unit_joiners.iter().find(|j| {
            lower
                .text
                .strip_prefix(j.as_str())
                .is_some_and(|r| elided(j) || r.starts_with(SPACES))
        })
    {
        let skip = lower.original(joiner.len());
        let space = rest[skip..].chars().next().filter(|_| !elided(joiner));
        rest = &rest[skip + space.map_or(0, char::len_utf8)..];
        lower = Lowered::prefix(rest, 40);
    }
    let (value, len) = longest_at(&lower.text, names, lexicon)?;
    let start = number.end + (after.len() - rest.len());
    Some((value, Span::new(start, start + lower.original(len))))
}

/// A name of `names` right before a number, one space at most between (`dola 1,000`, `Rs.
/// 500`), no letter before it.
fn named_before<'n, T>(
    text: &str,
    number: Span,
    names: &'n BTreeMap<String, T>,
) -> Option<(&'n T, Span)> {
    let before = &text[..number.start];
    let before = before.strip_suffix(SPACES).unwrap_or(before);
    let from = before.char_indices().rev().nth(23).map_or(0, |(i, _)| i);
    let lower = Lowered::of(&before[from..]);
    let lower_text = lower.text.as_str();
    names
        .iter()
        .filter(|(name, _)| {
            lower_text.ends_with(name.as_str())
                && !lower_text[..lower_text.len() - name.len()]
                    .ends_with(|c: char| is_letter(c) || is_mark(c))
        })
        .max_by_key(|(name, _)| name.len())
        .map(|(name, value)| {
            let start = from + lower.original(lower_text.len() - name.len());
            (value, Span::new(start, before.len()))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lexicon() -> Lexicon {
        Lexicon {
            unit_names: BTreeMap::from([
                ("কেজি".into(), Unit::Kilogram),
                ("ঘণ্টা".into(), Unit::Hour),
                ("millas por hora".into(), Unit::MilePerHour),
                ("millas".into(), Unit::Mile),
                ("个月".into(), Unit::Month),
                ("км/ч".into(), Unit::KilometrePerHour),
                ("inç".into(), Unit::Inch),
                ("minute".into(), Unit::Minute),
                ("கிமீ".into(), Unit::Kilometre),
            ]),
            currency_names: BTreeMap::from([
                ("dólares".into(), vec!["$".into()]),
                ("dola".into(), vec!["$".into()]),
                ("rs.".into(), vec!["₹".into()]),
                ("টাকা".into(), vec!["৳".into(), "₹".into()]),
                ("新台幣".into(), vec!["NT$".into()]),
                ("元".into(), vec!["¥".into()]),
            ]),
            unit_joiners: vec!["de".into()],
            endings: vec!["য়".into(), "র".into()],
            ..Lexicon::default()
        }
    }

    /// The number's span: its digits (and a scale word given as `scale`).
    fn number(text: &str, digits: &str, scale: &str) -> Span {
        let start = text.find(digits).unwrap();
        Span::new(start, start + digits.len() + scale.len())
    }

    fn unit(text: &str, digits: &str) -> Option<(Unit, String)> {
        unit_at(text, number(text, digits, ""), false, &lexicon())
            .map(|u| (u.unit, text[u.span.start..u.span.end].to_string()))
    }

    fn currency(text: &str, digits: &str, scale: &str) -> Option<(Vec<String>, String)> {
        let n = number(text, digits, scale);
        currency_at(text, n, !scale.is_empty(), &lexicon())
            .map(|(s, span)| (s, text[span.start..span.end].to_string()))
    }

    #[test]
    fn units_by_symbol_and_by_the_packs_words() {
        assert_eq!(
            unit("৫ কেজি চাল", "৫"),
            Some((Unit::Kilogram, "কেজি".into()))
        );
        assert_eq!(unit("গত ২৪ ঘণ্টায়", "২৪"), Some((Unit::Hour, "ঘণ্টা".into())));
        assert_eq!(
            unit("a 120 millas por hora", "120"),
            Some((Unit::MilePerHour, "millas por hora".into()))
        );
        assert_eq!(unit("3个月后", "3"), Some((Unit::Month, "个月".into())));
        assert_eq!(
            unit("90 КМ/Ч.", "90"),
            Some((Unit::KilometrePerHour, "КМ/Ч".into()))
        );
        assert_eq!(
            unit("at 90 km/h", "90"),
            Some((Unit::KilometrePerHour, "km/h".into()))
        );
        assert_eq!(unit("25°C", "25"), Some((Unit::Celsius, "°C".into())));
        // A symbol written onto a word of another script; a compound of the source's.
        assert_eq!(unit("2km歩いた", "2"), Some((Unit::Kilometre, "km".into())));
        assert_eq!(unit("5 kgs", "5"), None);
        assert_eq!(
            unit("a 10-minute walk", "10"),
            Some((Unit::Minute, "minute".into()))
        );
        assert_eq!(
            unit("a 10-km race", "10"),
            Some((Unit::Kilometre, "km".into()))
        );
        // A range's unit; a name whose capital lowers to fewer bytes.
        assert_eq!(
            unit("50-60 °F", "50"),
            Some((Unit::Fahrenheit, "°F".into()))
        );
        assert_eq!(
            unit("50 – 60 কেজি", "50"),
            Some((Unit::Kilogram, "কেজি".into()))
        );
        assert_eq!(unit("5 İNÇ uzakta", "5"), Some((Unit::Inch, "İNÇ".into())));
        // A power after a unit word: an area, or no unit this knows.
        assert_eq!(
            unit("3,850 கிமீ² பரப்பு", "3,850"),
            Some((Unit::SquareKilometre, "கிமீ²".into()))
        );
        assert_eq!(unit("5 கிமீ³", "5"), None);
        // A word that only starts like a name; a small `k`.
        assert_eq!(unit("৫ কেজিটাকা", "৫"), None);
        assert_eq!(unit("5 k", "5"), None);
        assert!(
            unit_at("5m", Span::new(0, 1), false, &lexicon())
                .unwrap()
                .loose
        );
    }

    #[test]
    fn currencies_by_sign_code_and_the_packs_words() {
        assert_eq!(
            currency("USD 50", "50", ""),
            Some((vec!["US$".into()], "USD".into()))
        );
        assert_eq!(
            currency("2 millones de dólares", "2", " millones"),
            Some((vec!["$".into()], "dólares".into()))
        );
        // A joiner only after a scale word.
        assert_eq!(currency("2 de dólares", "2", ""), None);
        assert_eq!(
            currency("Ada ni dola 1,000.", "1,000", ""),
            Some((vec!["$".into()], "dola".into()))
        );
        assert_eq!(
            currency("Rs. 500 crore", "500", " crore"),
            Some((vec!["₹".into()], "Rs.".into()))
        );
        assert_eq!(currency("adola 1,000", "1,000", ""), None);
        // Named on both sides: either may say it.
        assert_eq!(
            currency("新台幣1000元", "1000", ""),
            Some((vec!["NT$".into(), "¥".into()], "新台幣1000元".into()))
        );
        let taka = currency("৫০০ টাকা", "৫০০", "").unwrap().0;
        assert!(!other_currencies(&taka, &["₹".to_string()]));
        assert!(other_currencies(&taka, &["$".to_string()]));
    }

    #[test]
    fn currency_codes_are_sorted_and_read_as_their_signs() {
        assert!(CURRENCY_CODES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(code_sign("EUR"), Some("€"));
        assert_eq!(code_sign("CAD"), None);
        let at = |text: &str| {
            let start = text.find(|c: char| c.is_ascii_digit()).unwrap();
            let end = start
                + text[start..]
                    .find(|c: char| !c.is_ascii_digit())
                    .unwrap_or(text.len() - start);
            sign_at(text, Span::new(start, end)).map(|(sign, _)| sign)
        };
        assert_eq!(at("USD 50").as_deref(), Some("US$"));
        assert_eq!(at("costs 50 EUR.").as_deref(), Some("€"));
        assert_eq!(at("XUSD 50"), None, "a code joined to a word");
        assert_eq!(at("50 EURO"), None);
        assert!(
            !other_currency("US$", "$"),
            "a bare dollar may be the US one"
        );
        assert!(other_currency("US$", "€"));
        assert_eq!(
            at("PKR 500").as_deref(),
            Some("₹"),
            "one rupee sign for all"
        );
        assert!(!other_currency(
            &at("PKR 500").unwrap(),
            &same_currency('₨').to_string()
        ));
    }
}
