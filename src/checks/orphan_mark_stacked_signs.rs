//! `orphan-mark-stacked-signs`: two different signs of `signs` in a row (`পাু`, `বিীশ্ব`):
//! a letter carries one vowel sign; `except` lists the pairs that are one sign written in two
//! parts (Bengali `ে` + `া` for `ো`). The same sign twice is `orphan-mark-doubled`'s.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use unicode_normalization::UnicodeNormalization;

use super::shared::single_chars;
use crate::text::marks::{before, char_at};
use crate::text::script::is_mark;
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// The signs of which a letter carries one.
    signs: Vec<String>,
    /// Pairs of signs that are one sign in two parts.
    #[serde(default)]
    except: Vec<String>,
}

#[derive(Debug)]
pub struct StackedSigns {
    signs: Vec<char>,
    except: Vec<(char, char)>,
}

pub fn build(o: Options) -> Result<StackedSigns, BuildError> {
    let signs = single_chars(&o.signs, "signs", "mark", is_mark)?;
    let mut except = Vec::new();
    for pair in &o.except {
        // A two-part sign may be given precomposed (`ো`): its decomposition is the pair.
        let chars: Vec<char> = pair.nfd().collect();
        match chars[..] {
            [a, b] if is_mark(a) && is_mark(b) => except.push((a, b)),
            _ => {
                return Err(BuildError::new(format!(
                    "`except`: `{pair}` is not a pair of marks"
                )));
            }
        }
    }
    if signs.len() < 2 {
        return Err(BuildError::new("`signs` must name at least two signs"));
    }
    Ok(StackedSigns { signs, except })
}

/// Two different signs of `signs` in a row that are not one sign in two parts; touching pairs
/// (`াুি`) are reported as one run. Judged at the characters at byte offsets `at` (in order): the paragraph's mark events.
fn stacked_signs(
    text: &str,
    at: &[usize],
    signs: &[char],
    except: &[(char, char)],
    out: &mut Vec<Hit>,
) {
    let mut run: Option<Span> = None;
    for &i in at {
        let Some(c) = char_at(text, i) else {
            continue;
        };
        if let Some((pi, p)) = before(text, i).next()
            && p != c
            && is_mark(c)
            && is_mark(p)
            && signs.contains(&p)
            && signs.contains(&c)
            && !except.contains(&(p, c))
        {
            let end = i + c.len_utf8();
            match run.as_mut() {
                Some(r) if pi < r.end => r.end = end,
                _ => {
                    out.extend(run.take().map(Hit::new));
                    run = Some(Span::new(pi, end));
                }
            }
        }
    }
    out.extend(run.map(Hit::new));
}

impl Check for StackedSigns {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        stacked_signs(p.text, &p.mark_events, &self.signs, &self.except, out);
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, marked_text, same_at_events, texts};
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_mark_events_hold_every_stack(text in marked_text()) {
            let (signs, except) = (['া', 'ি', 'ী', 'ু', 'ে'], [('ে', 'া')]);
            same_at_events(&text, |t, at, out| super::stacked_signs(t, at, &signs, &except, out))?;
        }
    }

    #[test]
    fn stacked_signs_except_two_part_signs() {
        assert!(compile("orphan-mark-stacked-signs", r#"signs = ["া"]"#).is_err());
        assert!(
            compile(
                "orphan-mark-stacked-signs",
                r#"signs = ["া", "ি"], except = ["া"]"#
            )
            .is_err()
        );
        let c = compile(
            "orphan-mark-stacked-signs",
            r#"signs = ["া", "ি", "ী", "ু", "ে"], except = ["ো"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "পাু বিীশ্ব কে\u{09BE}ন আমাার কাুিছে", "bn"),
            ["াু", "িী", "াুি"]
        );
    }
}
