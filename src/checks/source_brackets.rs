//! `source-brackets`: a bracket of the target without its partner where the source's brackets
//! all pair. MT drops a closing bracket with the words before it, doubles an opening one
//! (`கோ.வி-2((SARS-CoV-2)`), or closes a bracket it never opened; what Xbench, pofilter and
//! Okapi check as unpaired brackets.
//!
//! Judged against the source only: a unit cut out of a longer sentence holds half a bracket in
//! its source too, and then in its target (TICO-19 holds about thirty such units a language), so
//! a target alone says nothing. A closing bracket after an enumerator (`3)`, `b)`, `iv)`) opens
//! nothing and is no bracket; nor is one in an emoticon (`:)`), nor one inside a placeholder,
//! markup or a URL (the placeholder rules' spans).

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::placeholders::masked;
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct SourceBrackets;

pub fn build(_: Options) -> Result<SourceBrackets, BuildError> {
    Ok(SourceBrackets)
}

/// The pairs judged: round, square and curly brackets, and their full-width and CJK forms. A
/// full-width bracket and its ASCII twin partner each other (`（…)`: a style slip, not a
/// bracket missing).
const PAIRS: &[(char, char)] = &[
    ('(', ')'),
    ('[', ']'),
    ('{', '}'),
    ('（', '）'),
    ('［', '］'),
    ('｛', '｝'),
    ('【', '】'),
    ('〔', '〕'),
];

fn is_bracket(c: char) -> bool {
    PAIRS.iter().any(|&(o, c2)| c == o || c == c2)
}

/// The ASCII twin of a full-width bracket, the bracket itself otherwise.
fn narrow(c: char) -> char {
    match c {
        '（' => '(',
        '）' => ')',
        '［' => '[',
        '］' => ']',
        '｛' => '{',
        '｝' => '}',
        c => c,
    }
}

/// Marks of direction that may stand between an enumerator and its bracket (`‏1‏)`).
fn is_direction_mark(c: char) -> bool {
    matches!(
        c,
        '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{2066}'..='\u{2069}'
    )
}

/// Whether the closing bracket at `at` ends an enumerator: the letters and digits right before
/// it (after whitespace, punctuation, markup or the text's start; a full stop between them
/// allowed, `1.)`) are a number of one to three digits of any script (`3)`, `১২)`, `1）` in
/// a Chinese list), one or two characters with a digit (`A1)`), one letter with its marks
/// (`b)`, `क)`, `二）`), or a Roman numeral (`iv)`); the first word of the text, a number in
/// words too (`три)`, `ஒன்று)` for `(3)`, `1)`).
fn after_enumerator(text: &str, at: usize) -> bool {
    use crate::text::script::{is_decimal_digit, is_mark};
    let before = text[..at].trim_end_matches(is_direction_mark);
    let before = before.strip_suffix('.').unwrap_or(before);
    let before = before.trim_end_matches(is_direction_mark);
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || is_mark(c)))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let token = &before[start..];
    let count = |f: &dyn Fn(char) -> bool| token.chars().filter(|&c| f(c)).count();
    let len = token.chars().count();
    // A word of a script written without spaces is a phrase, no enumerator.
    let first = before[..start]
        .chars()
        .all(|c| c.is_whitespace() || is_direction_mark(c))
        && !token.chars().any(|c| {
            crate::text::script::script_of(c).is_some_and(crate::text::script::is_unspaced)
        });
    len > 0
        && (first
            || (len <= 3 && count(&is_decimal_digit) == len)
            || (len <= 2 && count(&is_decimal_digit) >= 1)
            || count(&|c| !is_mark(c)) == 1
            || (len <= 4 && token.chars().all(|c| "ivxIVX".contains(c))))
}

/// Whether the bracket at `at` is part of an emoticon: a closing one after eyes and a nose
/// (`:)`, `;-)`, `=)`, `:))`), an opening one after eyes that ends its word (`:(` at the end,
/// before a space, a quotation mark, a backtick or a full stop; `注:(1)`, `x=(a+b)` and
/// `: (¿Qué?)` are brackets). MT writes the eyes apart (`: (`): one space between them and a bracket that ends
/// its word is an emoticon too.
fn in_emoticon(text: &str, at: usize, closing: bool) -> bool {
    let before = if closing {
        text[..at].trim_end_matches(')')
    } else {
        &text[..at]
    };
    // What may follow an emoticon: nothing, a space, a bracket, a quotation mark, a backtick
    // or a sentence's end (not `¿` or `¡`, which open a bracketed question: `: (¿Qué es?)`).
    let ends_word = || {
        text[at..]
            .chars()
            .nth(1)
            .is_none_or(|c| c.is_whitespace() || "()\"'`“”‘’«».,!?".contains(c))
    };
    let (before, spaced) = match before.strip_suffix(' ') {
        Some(b) => (b, true),
        None => (before, false),
    };
    let before = before.trim_end_matches(['-', '\'']);
    before.ends_with([':', ';', '=']) && ((closing && !spaced) || ends_word())
}

/// Interval notation, whose brackets face any way (`[0, 1[`, `]0, 1]`, `(0, 1]`): skipped.
fn intervals(text: &str) -> Vec<Span> {
    static INTERVAL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    INTERVAL
        .get_or_init(|| {
            regex::Regex::new(
                r"[\[\](]\s*[-+−]?(?:\d[\d.,]*|∞)\s*[;,]\s*[-+−]?(?:\d[\d.,]*|∞)\s*[\[\])]",
            )
            .expect("the interval pattern compiles")
        })
        .find_iter(text)
        .map(|m| Span::new(m.start(), m.end()))
        .collect()
}

/// The spans of `text` whose brackets are not judged: placeholders, markup, URLs, intervals.
fn skipped(text: &str) -> Vec<Span> {
    let mut out = masked(text);
    out.extend(intervals(text));
    crate::text::merged(out)
}

/// The brackets of `text` that have no partner, outside `skipped` spans, in order.
fn unpaired(text: &str, skipped: &[Span]) -> Vec<Span> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut out = Vec::new();
    for (i, c) in text.char_indices() {
        if !is_bracket(c) || crate::text::covers(skipped, i) {
            continue;
        }
        let opening = PAIRS.iter().find(|&&(o, _)| o == c);
        if in_emoticon(text, i, opening.is_none()) {
            continue;
        }
        let span = Span::new(i, i + c.len_utf8());
        if let Some(&(_, close)) = opening {
            open.push((i, close));
        } else if open
            .last()
            .is_some_and(|&(_, close)| narrow(close) == narrow(c))
        {
            open.pop();
        } else if open.is_empty() && after_enumerator(text, i) {
            continue;
        } else {
            out.push(span);
        }
    }
    out.extend(open.into_iter().map(|(i, close)| {
        let opener = PAIRS
            .iter()
            .find(|&&(_, c)| c == close)
            .map_or('(', |&(o, _)| o);
        Span::new(i, i + opener.len_utf8())
    }));
    out.sort();
    out
}

impl Check for SourceBrackets {
    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        if !p.text.contains(is_bracket) {
            return;
        }
        let found = unpaired(p.text, &skipped(p.text));
        if found.is_empty() || !unpaired(source.text, &skipped(source.text)).is_empty() {
            return;
        }
        out.extend(found.into_iter().map(Hit::new));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::testing::{compile, flagged_against};

    fn spans(text: &str) -> Vec<&str> {
        unpaired(text, &skipped(text))
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn brackets_pair_by_kind_and_nesting() {
        assert!(spans("জ্বর (99%-100%) আর [FHD] {x} （注）【注】").is_empty());
        assert!(spans("a (b [c] d) e").is_empty());
        assert_eq!(spans("কাশি (29%-75%, গলা ব্যথা"), ["("]);
        assert_eq!(spans("কো.வி-2((SARS-CoV-2) பெண்"), ["("]);
        assert_eq!(spans("দেখা যায়) সিন্ড্রোম"), [")"]);
        assert_eq!(spans("a (b] c"), ["(", "]"]);
    }

    #[test]
    fn enumerators_emoticons_and_placeholders_are_no_brackets() {
        assert!(spans("3) সেরোলজি নমুনা, b) দ্বিতীয়, iv) চতুর্থ, ক) প্রথম").is_empty());
        assert!(
            spans("মূন্রু) বয়সের নমুনা").is_empty(),
            "a number word opening the text"
        );
        assert_eq!(spans("নমুনা মূন্রু) বয়সের"), [")"]);
        assert!(spans("ধন্যবাদ :) আবার দেখা হবে ;-)").is_empty());
        assert!(spans("নাম %(name)s এবং {0} দেখুন https://x.org/a_(b").is_empty());
        // Inside an open bracket a short word before `)` is its content, not an enumerator.
        assert!(spans("হাইড্রোজেন (pH এ H) আয়ন").is_empty());
        assert_eq!(spans("(pH এ H আয়ন"), ["("]);
        assert_eq!(
            spans("এটি শেষ হয়েছে)।"),
            [")"],
            "a word of four letters is no enumerator"
        );
        // Lists without spaces, enumerators after markup or with a full stop, codes.
        assert!(spans("步骤：1）打开盒子；2）取出物品。一）甲，二）乙").is_empty());
        assert!(
            spans("Optionen: **a)** ja, <b>b)</b> nein, 1.) öffnen, L'option A1) rouge").is_empty()
        );
        assert!(spans("الخيار \u{200F}1\u{200F}) هنا").is_empty());
        // A Chinese word before a closing bracket is no enumerator.
        assert_eq!(spans("SARS严重急性呼吸综合征）传播了"), ["）"]);
        // Eyes before an opening bracket that something follows: a bracket.
        assert!(spans("注:(1)箱を開ける。x=(a+b)").is_empty());
        assert!(spans("ура :)) и :'( и :-))").is_empty());
        // Eyes written apart, and an emoticon before a quotation mark or a backtick.
        assert!(spans("बहुत सूखे हुए : ( और \":(\" फिर :(```").is_empty());
        assert_eq!(spans("देखें: (नीचे"), ["("]);
        assert!(spans("Pregunta: (¿Qué es?) Atención: (¡importante!)").is_empty());
        // Interval notation and a full-width bracket closed by its ASCII twin.
        assert!(spans("L'intervalle est [0, 1[ ici, ou ]0, 1[.").is_empty());
        assert!(spans("SARS（严重急性呼吸综合征)传播了。").is_empty());
    }

    #[test]
    fn judged_only_where_the_source_pairs_its_brackets() {
        let c = compile("source-brackets", "").unwrap();
        assert_eq!(
            flagged_against(
                &*c,
                "fever (99%) and cough (29%).",
                "জ্বর (99%) এবং কাশি (29%।"
            ),
            ["("]
        );
        // A unit cut out of a longer sentence: half a bracket on both sides.
        assert!(flagged_against(&*c, "cough (29%", "কাশি (29%").is_empty());
        assert!(flagged_against(&*c, "(3) Serology.", "3) সেরোলজি।").is_empty());
    }
}
