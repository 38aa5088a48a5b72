//! `source-quotes`: a quotation mark of the target without its partner where the source's
//! quotation marks all pair. MT drops a closing `»` or `“` with the words before it, or opens a
//! quote it never closes (`Министр заявил: «Мы не допустим повторения кризиса.`).
//!
//! Judged against the source only, as brackets are: a unit cut out of a longer quotation holds
//! half a quote in its source too, and a quotation of several paragraphs opens each and closes
//! only the last. Each language pairs its own marks, so they are counted by family, never by
//! direction: guillemets (`«»`, and `»«` in Danish and German, `‹›`), the corner brackets of
//! Chinese and Japanese (`「」`, `『』`), and the curly double marks, which open and close with
//! one glyph in one language and another in the next (`“…”`, `„…“`, `„…”`, `”…”`), with straight
//! ones among them (`“…"`), so an odd number of them is one without its partner. A straight quote
//! between two Hebrew letters is the gershayim of an acronym (`צה"ל`), after a digit an inch
//! (`5"`); inside a placeholder, markup or a URL it is none.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::placeholders::masked;
use crate::text::script::script_of;
use crate::text::{Analysis, Span, covers};

#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct SourceQuotes;

pub fn build(_: Options) -> Result<SourceQuotes, BuildError> {
    Ok(SourceQuotes)
}

/// The families of marks counted: each family's marks open and close one another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// `«` and `»`: as many of one as of the other.
    Guillemet,
    /// `‹` and `›`.
    SingleGuillemet,
    /// `「` and `」`.
    Corner,
    /// `『` and `』`.
    WhiteCorner,
    /// `“`, `”`, `„` and `"`: an even number (a quotation may open with one and close with
    /// another, `“…"`, a slip of style, not a mark missing).
    Double,
}

/// A mark's family and whether it is the family's first mark (`«`, `‹`, `「`, `『`); the double
/// marks have no side.
fn family(c: char) -> Option<(Family, bool)> {
    Some(match c {
        '«' => (Family::Guillemet, true),
        '»' => (Family::Guillemet, false),
        '‹' => (Family::SingleGuillemet, true),
        '›' => (Family::SingleGuillemet, false),
        '「' => (Family::Corner, true),
        '」' => (Family::Corner, false),
        '『' => (Family::WhiteCorner, true),
        '』' => (Family::WhiteCorner, false),
        '“' | '”' | '„' | '"' => (Family::Double, false),
        _ => return None,
    })
}

/// The marks of `text` that have no partner, outside placeholders and markup: for a family
/// of two marks, the last of the more numerous one past the other's count; for the double marks,
/// the last one of an odd number.
fn unpaired(text: &str) -> Vec<Span> {
    if !text.contains(|c| family(c).is_some()) {
        return Vec::new();
    }
    let skipped = masked(text);
    let mut marks: Vec<(Family, bool, Span)> = Vec::new();
    for (i, c) in text.char_indices() {
        let Some((f, first)) = family(c) else {
            continue;
        };
        if covers(&skipped, i) {
            continue;
        }
        if c == '"' {
            let before = text[..i].chars().next_back();
            let after = text[i + 1..].chars().next();
            let hebrew = |c: Option<char>| {
                c.is_some_and(|c| script_of(c) == Some(unicode_script::Script::Hebrew))
            };
            if (hebrew(before) && hebrew(after)) || before.is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
        }
        marks.push((f, first, Span::new(i, i + c.len_utf8())));
    }
    let mut out = Vec::new();
    for f in [
        Family::Guillemet,
        Family::SingleGuillemet,
        Family::Corner,
        Family::WhiteCorner,
        Family::Double,
    ] {
        let of: Vec<&(Family, bool, Span)> = marks.iter().filter(|m| m.0 == f).collect();
        let firsts = of.iter().filter(|m| m.1).count();
        let lasts = of.len() - firsts;
        let sided = f == Family::Double;
        let odd = if sided {
            of.len() % 2 == 1
        } else {
            firsts != lasts
        };
        if odd {
            let more_first = firsts > lasts;
            if let Some(m) = of.iter().rev().find(|m| sided || m.1 == more_first) {
                out.push(m.2);
            }
        }
    }
    out.sort();
    out
}

impl Check for SourceQuotes {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        // The source quotes something and pairs all its marks.
        if !source.text.contains(|c| family(c).is_some()) || !unpaired(source.text).is_empty() {
            return;
        }
        out.extend(unpaired(p.text).into_iter().map(Hit::new));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(text: &str) -> Vec<&str> {
        unpaired(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn each_language_pairs_its_own_marks() {
        for text in [
            "Он сказал: «Мы не допустим этого».",
            "Er sagte: „Wir schließen die Grenzen nicht.“",
            "Powiedział: „Nie zamkniemy granic”.",
            "Han sa: ”Vi stänger inte gränserna.”",
            "Han sagde: »Vi lukker ikke grænserne«.",
            "他说：「我们不会关闭边境。」『书名』",
            "He said \"no\" and \"yes\", “mixed\".",
            "يُعرف أيضًا بـ\"الالتهاب الرئوي\"، و\"محتملة\"",
            "צה\"ל הודיע, מסך 5\" מספיק",
            "Click <a href=\"x\">here</a>",
        ] {
            assert!(marks(text).is_empty(), "{text}");
        }
        assert_eq!(
            marks("Министр заявил: «Мы не допустим повторения кризиса."),
            ["«"]
        );
        assert_eq!(
            marks("„Wir werden die Grenzen nicht schließen, sagte der Minister."),
            ["„"]
        );
        assert_eq!(marks("世界卫生组织表示：「疫情仍在持续。"), ["「"]);
        assert_eq!(marks("Il a dit « non."), ["«"]);
    }
}
