//! `numerals-mixed-systems`: numbers of the document written in different numbering systems
//! (UTS #39 section 5.3, digits grouped by their zero). With `expected = "auto"` it fires only
//! when one system holds a clear majority, flags the others, and never flags the digits native
//! to the document's script (they are never wrong, ASCII digits are a house style); with
//! `expected = "<script name>"` or `"ASCII"` it flags every number of another system. Digits of
//! names and codes (`COVID-19`, `H5N1`) are skipped.

use serde::Deserialize;
use unicode_script::UnicodeScript;

use super::{BuildError, Check, Context, DocHit, Hit, Judgement};
use crate::text::Analysis;
use crate::text::script::{numbering_system_name, script_by_name};

#[derive(Debug, Deserialize)]
pub struct Options {
    #[serde(default)]
    expected: Option<String>,
    /// With `expected = "auto"`: fewest numbers (outside names) before judging.
    #[serde(default = "default_min_numbers")]
    min_numbers: usize,
    /// With `expected = "auto"`: share of numbers the majority system must hold.
    #[serde(default = "default_min_share")]
    min_share: f64,
}

fn default_min_numbers() -> usize {
    4
}

fn default_min_share() -> f64 {
    0.75
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Expected {
    Auto,
    System(char),
}

#[derive(Debug)]
pub struct MixedSystems {
    expected: Expected,
    min_numbers: usize,
    min_share: f64,
}

pub fn build(o: Options) -> Result<MixedSystems, BuildError> {
    let expected = match o.expected.as_deref() {
        None | Some("auto") => Expected::Auto,
        Some("ASCII") | Some("ascii") | Some("Latin") => Expected::System('0'),
        Some(name) => {
            let script = script_by_name(name)
                .ok_or_else(|| BuildError::new(format!("`expected`: unknown script `{name}`")))?;
            let zero = (0x30u32..0x1FBF0)
                .filter_map(char::from_u32)
                .find(|&c| crate::text::script::digit_zero(c) == Some(c) && c.script() == script)
                .ok_or_else(|| {
                    BuildError::new(format!("`expected`: script `{name}` has no digits"))
                })?;
            Expected::System(zero)
        }
    };
    if !(0.5..=1.0).contains(&o.min_share) {
        return Err(BuildError::new("`min_share` must lie between 0.5 and 1.0"));
    }
    Ok(MixedSystems {
        expected,
        min_numbers: o.min_numbers,
        min_share: o.min_share,
    })
}

/// A document's numbers counted by system (the zero of their digits), in the order first seen.
#[derive(Default)]
struct Systems(Vec<(char, usize)>);

impl Systems {
    fn add(&mut self, zero: char) {
        match self.0.iter_mut().find(|(z, _)| *z == zero) {
            Some(e) => e.1 += 1,
            None => self.0.push((zero, 1)),
        }
    }
}

impl MixedSystems {
    /// The system every number should be in: the one configured, or a clear majority.
    fn expected_system(&self, counts: &Systems) -> Option<char> {
        match self.expected {
            Expected::System(z) => Some(z),
            Expected::Auto => {
                let total: usize = counts.0.iter().map(|(_, n)| n).sum();
                let (zero, top) = counts
                    .0
                    .iter()
                    .copied()
                    .max_by_key(|&(z, n)| (n, std::cmp::Reverse(z)))?;
                let clear =
                    total >= self.min_numbers && top as f64 >= self.min_share * total as f64;
                (clear && counts.0.len() > 1).then_some(zero)
            }
        }
    }
}

/// Whether a number is a quantity of the document, in one system: not part of a name or code
/// (`COVID-19`), nor the number a Latin-script name takes after a space (`Windows 11`,
/// `iPhone 15`, `iOS 16`, a flight `UB 012`), which Persian, Nepali or Thai text keeps in
/// ASCII digits among its own.
fn counted(p: &Analysis, n: &crate::text::numbers::Number) -> bool {
    let before = &p.text[..n.span.start];
    let named = before
        .strip_suffix([' ', '\u{a0}'])
        .and_then(|b| {
            // The word before: a name only if all of it is ASCII letters and digits, so the
            // ASCII run ends the look back (a letter of any other kind before it makes the
            // word no such name).
            let ascii = b
                .bytes()
                .rev()
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            let word_start = b.len() - ascii;
            if b[..word_start]
                .chars()
                .next_back()
                .is_some_and(crate::text::script::is_alphanumeric)
            {
                return Some(false);
            }
            if ascii == 0 {
                return None;
            }
            let word = &b[word_start..];
            // not a currency code or sign of letters (`USD 500`, `Rs 500`): an amount
            let currency = (word.len() == 3 && word.chars().all(|c| c.is_ascii_uppercase()))
                || matches!(word, "Rs" | "Rp" | "Tk" | "Kr" | "Sh");
            Some(
                word.chars().any(|c| c.is_uppercase())
                    && word.chars().all(|c| c.is_ascii_alphanumeric())
                    && !currency,
            )
        })
        .unwrap_or(false);
    !n.in_name && !n.is_mixed() && !named
}

/// A document's numbers: counted by system in the first pass (`auto`), flagged in the second.
struct Judging<'a> {
    rule: &'a MixedSystems,
    counts: Systems,
    expected: Option<char>,
}

impl Judgement for Judging<'_> {
    fn learns(&self) -> bool {
        self.rule.expected == Expected::Auto
    }

    fn learn(&mut self, _: usize, p: &Analysis, _: &Context) {
        for n in p.numbers.iter().filter(|n| counted(p, n)) {
            self.counts.add(n.systems[0]);
        }
    }

    fn decide(&mut self, _: &Context) -> Vec<usize> {
        self.expected = self.rule.expected_system(&self.counts);
        Vec::new()
    }

    fn judge(&mut self, i: usize, p: &Analysis, ctx: &Context, out: &mut Vec<DocHit>) {
        let Some(expected) = self.expected else {
            return;
        };
        for n in p.numbers.iter().filter(|n| counted(p, n)) {
            let zero = n.systems[0];
            let native = ctx.script.is_some_and(|s| zero.script() == s);
            if zero == expected || (self.rule.expected == Expected::Auto && native) {
                continue;
            }
            let hit = Hit::new(n.span)
                .var("system", numbering_system_name(zero))
                .var("expected", numbering_system_name(expected));
            out.push(DocHit { paragraph: i, hit });
        }
    }
}

impl Check for MixedSystems {
    fn judgement(&self) -> Option<Box<dyn Judgement + '_>> {
        Some(Box::new(Judging {
            rule: self,
            counts: Systems::default(),
            expected: None,
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn an_expected_system_flags_every_other_number() {
        let ascii = compile("numerals-mixed-systems", r#"expected = "ASCII""#).unwrap();
        assert_eq!(texts(&*ascii, "১২ জন এবং 15 জন, COVID-১৯", "bn"), ["১২"]);
        let bengali = compile("numerals-mixed-systems", r#"expected = "Bengali""#).unwrap();
        assert_eq!(texts(&*bengali, "১২ জন এবং 15 জন", "bn"), ["15"]);
        assert!(compile("numerals-mixed-systems", r#"expected = "Klingon""#).is_err());
        assert!(compile("numerals-mixed-systems", r#"expected = "Latin""#).is_ok());
        assert!(compile("numerals-mixed-systems", r#"min_share = 0.3"#).is_err());
    }

    #[test]
    fn auto_needs_a_clear_majority_and_spares_native_digits() {
        let c = compile("numerals-mixed-systems", "").unwrap();
        assert!(
            texts(&*c, "12 জন, 15 জন, ২০ জন, ৩০ জন", "bn").is_empty(),
            "no clear majority"
        );
        assert!(
            texts(&*c, "12 জন, 15 জন, 20 জন, ৩০ জন", "bn").is_empty(),
            "native digits are never wrong"
        );
        assert_eq!(texts(&*c, "১২ জন, ১৫ জন, ২০ জন, 30 জন", "bn"), ["30"]);
    }
}
