//! `orphan-mark`: combining marks that cannot be right.
//!
//! - `mode = "orphan"`: a combining mark with no base: at the start of the paragraph or after
//!   whitespace or punctuation (`দৃ solid ়`). Marks after a joiner (`র‍্য`) are attached.
//! - `mode = "doubled-mark"`: the same mark twice in a row after canonical decomposition
//!   (`আমাার`, `দৃঢ়়`, where `ঢ়` already ends in a nukta).
//! - `mode = "doubled-cluster"`: a virama + consonant sequence written twice (`ব্য্যা`), for
//!   the consonants the pack names (`letters`); the virama is any character of canonical
//!   combining class 9. After a consonant of `geminate_after` (Bengali র: the ref) the same
//!   shape is the old spelling's doubled consonant (`সর্ব্ব`, `ধর্ম্ম`), not a doubled phala.
//! - `mode = "stacked-signs"`: two different signs of `signs` in a row (`পাু`, `বিীশ্ব`):
//!   a letter carries one vowel sign; `except` lists the pairs that are one sign written in two
//!   parts (Bengali `ে` + `া` for `ো`). The same sign twice is `doubled-mark`'s.

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

use super::{BuildError, Check, Context, Hit};
use crate::text::script::{
    VIRAMA_CLASS, breaks_cluster, combining_class, decomposes, is_letter, is_mark,
    is_variation_selector,
};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    mode: Mode,
    /// With `mode = "doubled-cluster"`: the consonants whose doubled virama form is an error.
    /// Which ones is a fact of the orthography (Bengali ya-, ra-, ba-, ma-phala), so the
    /// pack names them; a geminate such as Tamil `ய்ச்ச` has the same code point shape.
    #[serde(default)]
    letters: Vec<String>,
    /// With `mode = "doubled-cluster"`: consonants after which (with a virama) the doubled
    /// sequence is a geminate of an older spelling.
    #[serde(default)]
    geminate_after: Vec<String>,
    /// With `mode = "stacked-signs"`: the signs of which a letter carries one.
    #[serde(default)]
    signs: Vec<String>,
    /// With `mode = "stacked-signs"`: pairs of signs that are one sign in two parts.
    #[serde(default)]
    except: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq)]
#[serde(rename_all = "kebab-case")]
enum Mode {
    Orphan,
    DoubledMark,
    DoubledCluster,
    StackedSigns,
}

#[derive(Debug)]
pub struct OrphanMark {
    mode: Mode,
    letters: Vec<char>,
    geminate_after: Vec<char>,
    signs: Vec<char>,
    except: Vec<(char, char)>,
}

/// Each entry of option `key` as one character that `keep` accepts (a `one`).
fn single_chars(
    list: &[String],
    key: &str,
    one: &str,
    keep: impl Fn(char) -> bool,
) -> Result<Vec<char>, BuildError> {
    list.iter()
        .map(|l| {
            let mut it = l.chars();
            match (it.next(), it.next()) {
                (Some(c), None) if keep(c) => Ok(c),
                _ => Err(BuildError::new(format!("`{key}`: `{l}` is not one {one}"))),
            }
        })
        .collect()
}

pub fn build(o: Options) -> Result<OrphanMark, BuildError> {
    let letters = single_chars(&o.letters, "letters", "letter", is_letter)?;
    let geminate_after = single_chars(&o.geminate_after, "geminate_after", "letter", is_letter)?;
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
    if o.mode == Mode::DoubledCluster && letters.is_empty() {
        return Err(BuildError::new(
            "`mode = \"doubled-cluster\"` needs `letters`",
        ));
    }
    if o.mode == Mode::StackedSigns && signs.len() < 2 {
        return Err(BuildError::new(
            "`mode = \"stacked-signs\"` needs at least two `signs`",
        ));
    }
    Ok(OrphanMark {
        mode: o.mode,
        letters,
        geminate_after,
        signs,
        except,
    })
}

fn is_judged_mark(c: char) -> bool {
    is_mark(c) && !is_variation_selector(c)
}

fn orphans(text: &str, out: &mut Vec<Hit>) {
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        if is_judged_mark(c) && prev.is_none_or(breaks_cluster) {
            out.push(Hit::new(Span::new(i, i + c.len_utf8())));
        }
        prev = Some(c);
    }
}

/// Runs of one mark repeated, compared as written (`োো`, whose decomposition alternates) and
/// after canonical decomposition (`ঢ়়`, where the precomposed letter ends in a nukta). One pass,
/// no per-character allocation; touching runs are reported as one.
fn doubled_marks(text: &str, out: &mut Vec<Hit>) {
    if text.is_ascii() {
        return;
    }
    let mut prev_written: Option<(char, usize)> = None;
    let mut prev_decomposed: Option<(char, usize)> = None;
    let mut run: Option<Span> = None;
    for (i, c) in text.char_indices() {
        let mut from: Option<usize> = None;
        if let Some((p, start)) = prev_written
            && p == c
            && is_judged_mark(c)
        {
            from = Some(start);
        }
        let mut step = |d: char| {
            if let Some((p, start)) = prev_decomposed
                && p == d
                && is_judged_mark(d)
            {
                from = Some(from.map_or(start, |f| f.min(start)));
            }
            prev_decomposed = Some((d, i));
        };
        if decomposes(c) {
            decompose_canonical(c, &mut step);
        } else {
            step(c);
        }
        prev_written = Some((c, i));
        if let Some(start) = from {
            let end = i + c.len_utf8();
            match run.as_mut() {
                Some(r) if start <= r.end => r.end = end,
                _ => {
                    out.extend(run.take().map(Hit::new));
                    run = Some(Span::new(start, end));
                }
            }
        }
    }
    out.extend(run.map(Hit::new));
}

/// `virama C virama C` for a listed consonant C, with a sliding window of the last characters.
fn doubled_clusters(text: &str, letters: &[char], geminate_after: &[char], out: &mut Vec<Hit>) {
    if text.is_ascii() {
        return;
    }
    // The last five characters with their offsets, oldest first.
    let mut window: [(usize, char); 5] = [(0, '\0'); 5];
    let mut seen = 0usize;
    for (i, c) in text.char_indices() {
        window.rotate_left(1);
        window[4] = (i, c);
        seen += 1;
        if seen < 4 {
            continue;
        }
        let [base, (vi, v), (_, c1), (_, v2), (ci, c2)] = window;
        // The cheap equalities first: most positions fail there, before any property lookup.
        if c2 == c1
            && v2 == v
            && combining_class(v) == VIRAMA_CLASS
            && letters.contains(&c1)
            && !(seen >= 5 && geminate_after.contains(&base.1))
            && out.last().is_none_or(|h: &Hit| h.span.end <= vi)
        {
            // Start at the base the first cluster hangs on, when there is one.
            let start = if seen >= 5 && is_letter(base.1) {
                base.0
            } else {
                vi
            };
            out.push(
                Hit::new(Span::new(start, ci + c2.len_utf8()))
                    .suggest(format!("{}{v}{c1}", &text[start..vi])),
            );
        }
    }
}

/// Two different signs of `signs` in a row that are not one sign in two parts; touching pairs
/// (`াুি`) are reported as one run.
fn stacked_signs(text: &str, signs: &[char], except: &[(char, char)], out: &mut Vec<Hit>) {
    if text.is_ascii() {
        return;
    }
    let mut prev: Option<(usize, char)> = None;
    let mut run: Option<Span> = None;
    for (i, c) in text.char_indices() {
        if let Some((pi, p)) = prev
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
        prev = Some((i, c));
    }
    out.extend(run.map(Hit::new));
}

impl Check for OrphanMark {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        match self.mode {
            Mode::Orphan => orphans(p.text, out),
            Mode::DoubledMark => doubled_marks(p.text, out),
            Mode::DoubledCluster => {
                doubled_clusters(p.text, &self.letters, &self.geminate_after, out)
            }
            Mode::StackedSigns => stacked_signs(p.text, &self.signs, &self.except, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn orphans_at_start_after_space_and_punctuation_not_after_a_joiner() {
        let c = compile("orphan-mark", r#"mode = "orphan""#).unwrap();
        assert_eq!(
            texts(&*c, "ি কথা, ং এবং র\u{200D}্যাব ❤\u{FE0F}", "bn"),
            ["ি", "ং"]
        );
    }

    #[test]
    fn doubled_marks_as_written_and_decomposed() {
        let c = compile("orphan-mark", r#"mode = "doubled-mark""#).unwrap();
        let text = "কোোনো দৃ\u{09DD}\u{09BC} দৃ\u{09A2}\u{09BC}\u{09BC} আমাাার";
        assert_eq!(
            texts(&*c, text, "bn"),
            ["োো", "\u{09DD}\u{09BC}", "\u{09BC}\u{09BC}", "াাা"]
        );
        assert!(texts(&*c, "কোনো দৃঢ় আমার", "bn").is_empty());
    }

    #[test]
    fn doubled_clusters_need_their_letters() {
        assert!(compile("orphan-mark", r#"mode = "doubled-cluster""#).is_err());
        assert!(
            compile(
                "orphan-mark",
                r#"mode = "doubled-cluster", letters = ["যর"]"#
            )
            .is_err()
        );
        let c = compile(
            "orphan-mark",
            r#"mode = "doubled-cluster", letters = ["য"]"#,
        )
        .unwrap();
        let flagged = crate::checks::testing::flagged(&*c, "ব্য্যাচেস্লাভ এবং প্র্রতি", "bn");
        assert_eq!(flagged, [("ব্য্য".to_string(), Some("ব্য".to_string()))]);
    }

    #[test]
    fn geminates_after_a_ref_are_an_old_spelling() {
        let c = compile(
            "orphan-mark",
            r#"mode = "doubled-cluster", letters = ["ব", "ম"], geminate_after = ["র"]"#,
        )
        .unwrap();
        assert!(texts(&*c, "সর্ব্বদা ধর্ম্ম পালন", "bn").is_empty());
        assert_eq!(texts(&*c, "দ্ব্বিতীয় সর্ব্বদা", "bn"), ["দ্ব্ব"]);
    }

    #[test]
    fn stacked_signs_except_two_part_signs() {
        assert!(compile("orphan-mark", r#"mode = "stacked-signs", signs = ["া"]"#).is_err());
        assert!(
            compile(
                "orphan-mark",
                r#"mode = "stacked-signs", signs = ["া", "ি"], except = ["া"]"#
            )
            .is_err()
        );
        let c = compile(
            "orphan-mark",
            r#"mode = "stacked-signs", signs = ["া", "ি", "ী", "ু", "ে"], except = ["ো"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(&*c, "পাু বিীশ্ব কে\u{09BE}ন আমাার কাুিছে", "bn"),
            ["াু", "িী", "াুি"]
        );
    }
}
