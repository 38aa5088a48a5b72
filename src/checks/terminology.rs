//! `terminology`: a glossary of wrong -> right terms. A term matches at word boundaries in any
//! script (the character before it and after it is not a letter or mark), followed, when
//! `inflections` is on, by one of the pack's endings (`রাজ্য গণমাধ্যমের`). In scripts written
//! without spaces (Han, Kana, Thai...) words have no boundaries to see, so there a term touching
//! letters of such a script matches (`世界卫生组织` in `据世界卫生组织报道`), though never inside a
//! character's cluster (a Thai vowel sign after it). Composed and decomposed spellings (`য়`
//! U+09DF or `য` + nukta) both match.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;
use toml::Spanned;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{compose, decompose_canonical};

use super::{BuildError, Check, Context, Hit};
use crate::text::script::{is_letter_or_mark, is_mark, is_unspaced_char};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    terms: Vec<Term>,
    #[serde(default = "default_true")]
    inflections: bool,
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Term {
    wrong: Spanned<String>,
    right: String,
}

#[derive(Debug)]
pub struct Terminology {
    /// The wrong terms.
    wrong: Vec<String>,
    right: Vec<String>,
    inflections: bool,
    /// Made at load, or for an embedded pack when the rule first runs (`super::Deferred`);
    /// `None` only for an embedded glossary that does not compile, which the tests rule out.
    matcher: std::sync::OnceLock<Option<Matcher>>,
    /// A regex of every spelling of the wrong terms, for the engine's gate (`Check::gate`):
    /// a paragraph without one is not searched. `None` for a glossary too large to join the
    /// gate's one scan.
    gate: Option<String>,
}

/// Most spellings whose alternation joins the engine's gate: the embedded glossaries have up
/// to 60; a project's glossary of thousands of terms would swell the gate's automaton, and is
/// searched by its own.
const GATE_SPELLINGS: usize = 100;

#[derive(Debug)]
struct Matcher {
    automaton: AhoCorasick,
    /// For each pattern of the automaton, the index of its term.
    pattern_term: Vec<usize>,
}

/// The spellings of a term that normalisation would not unify: its NFC form, its NFD form, and
/// the form with decomposed pairs recomposed even where NFC leaves them apart (composition
/// exclusions such as U+09DF).
fn spellings(term: &str) -> Vec<String> {
    let nfc: String = term.nfc().collect();
    let nfd: String = term.nfd().collect();
    let mut composed = String::new();
    let mut chars = nfd.chars().peekable();
    while let Some(c) = chars.next() {
        let pair = chars.peek().and_then(|&n| {
            (0x0900..0x0E00)
                .contains(&(c as u32))
                .then(|| excluded_composition(c, n))
                .flatten()
        });
        match pair {
            Some(p) => {
                composed.push(p);
                chars.next();
            }
            None => composed.push(c),
        }
    }
    let mut out = vec![nfc, nfd, composed, term.to_string()];
    out.sort();
    out.dedup();
    out
}

/// A precomposed character of the same block whose canonical decomposition is exactly `a b`
/// but that canonical composition does not produce (a composition exclusion).
fn excluded_composition(a: char, b: char) -> Option<char> {
    if compose(a, b).is_some() {
        return None;
    }
    let block = (a as u32) & !0x7F;
    (block..block + 0x80).filter_map(char::from_u32).find(|&c| {
        let (mut d, mut n) = ([None; 2], 0);
        decompose_canonical(c, |x| {
            if let Some(slot) = d.get_mut(n) {
                *slot = Some(x);
            }
            n += 1;
        });
        n == 2 && d == [Some(a), Some(b)]
    })
}

pub fn build(o: Options) -> Result<Terminology, BuildError> {
    if let Some(t) = o.terms.iter().find(|t| t.wrong.get_ref().trim().is_empty()) {
        return Err(BuildError::at(t.wrong.span(), "empty term"));
    }
    let terminology = Terminology {
        wrong: o.terms.iter().map(|t| t.wrong.get_ref().clone()).collect(),
        right: o.terms.iter().map(|t| t.right.clone()).collect(),
        inflections: o.inflections,
        matcher: std::sync::OnceLock::new(),
        gate: gate(o.terms.iter().map(|t| t.wrong.get_ref().as_str())),
    };
    if !super::deferring() {
        let matcher = matcher(&terminology.wrong)?;
        let _ = terminology.matcher.set(Some(matcher));
    }
    Ok(terminology)
}

/// The alternation of the spellings of `wrong`, when there are some and at most
/// `GATE_SPELLINGS`.
fn gate<'a>(wrong: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut all: Vec<String> = wrong
        .flat_map(spellings)
        .map(|s| regex_syntax::escape(&s))
        .collect();
    all.sort();
    all.dedup();
    // No terms would make an empty alternation, which opens the gate on every paragraph.
    (!all.is_empty() && all.len() <= GATE_SPELLINGS).then(|| all.join("|"))
}

/// The automaton of the wrong terms' spellings.
fn matcher(wrong: &[String]) -> Result<Matcher, BuildError> {
    let mut patterns = Vec::new();
    let mut pattern_term = Vec::new();
    for (i, t) in wrong.iter().enumerate() {
        for s in spellings(t) {
            patterns.push(s);
            pattern_term.push(i);
        }
    }
    // The crate's prefilter looks for bytes rare in text; in a script of multi-byte characters
    // the terms' bytes are the text's common ones (every Bengali character starts with 0xE0), so
    // it stopped at nearly every character and cost more than the automaton it was to spare: it
    // is kept for glossaries of ASCII terms only. The automaton is the crate's choice (a DFA for
    // up to 100 spellings, as every embedded glossary; a contiguous NFA for a larger glossary,
    // whose DFA would grow with its size times the alphabet).
    let ascii = patterns.iter().all(|p| p.is_ascii());
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .prefilter(ascii)
        .build(&patterns)
        .map_err(|e| BuildError::new(format!("glossary does not compile: {e}")))?;
    Ok(Matcher {
        automaton,
        pattern_term,
    })
}

/// A letter of a script written without spaces between words.
fn unspaced(c: char) -> bool {
    !is_mark(c) && is_unspaced_char(c)
}

impl Check for Terminology {
    fn gate(&self) -> Option<&str> {
        self.gate.as_deref()
    }

    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(matcher) = self
            .matcher
            .get_or_init(|| matcher(&self.wrong).ok())
            .as_ref()
        else {
            return;
        };
        let text = p.text;
        for m in matcher.automaton.find_iter(text) {
            let term = &text[m.start()..m.end()];
            let (Some(first), Some(last)) = (term.chars().next(), term.chars().next_back()) else {
                continue;
            };
            // The letter before: none, or both it and the term's first letter unspaced.
            if text[..m.start()]
                .chars()
                .next_back()
                .is_some_and(|b| is_letter_or_mark(b) && !(unspaced(b) && unspaced(first)))
            {
                continue;
            }
            let rest = &text[m.end()..];
            // A term that ends in an unspaced letter, followed by another: no ending to read.
            let after = rest.chars().next();
            let word_tail_len = if after.is_some_and(unspaced) && unspaced(last) {
                0
            } else {
                rest.find(|c: char| !is_letter_or_mark(c))
                    .unwrap_or(rest.len())
            };
            let tail = &rest[..word_tail_len];
            let inflected = self.inflections && ctx.lexicon.is_ending(tail);
            if !tail.is_empty() && !inflected {
                continue;
            }
            let index = matcher.pattern_term[m.pattern().as_usize()];
            let right = format!("{}{tail}", self.right[index]);
            out.push(
                Hit::new(Span::new(m.start(), m.end() + tail.len()))
                    .var("right", right.as_str())
                    .suggest(right),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    const TERMS: &str = r#"terms = [{ wrong = "রাজ্য গণমাধ্যম", right = "রাষ্ট্রীয় গণমাধ্যম" }, { wrong = "state media", right = "state-run media" }]"#;

    /// The gate (the engine's one scan) opens wherever a spelling of a wrong term stands, NFC
    /// or NFD; a glossary of more than `GATE_SPELLINGS` spellings is searched without one.
    #[test]
    fn the_gate_opens_at_every_spelling_and_only_for_a_small_glossary() {
        use unicode_normalization::UnicodeNormalization;
        let c = compile("terminology", TERMS).unwrap();
        let gate = regex::Regex::new(c.gate().unwrap()).unwrap();
        let nfd: String = "রাজ্য গণমাধ্যমের খবর".nfd().collect();
        for text in ["রাজ্য গণমাধ্যমের খবর", nfd.as_str(), "the state media said"]
        {
            assert!(gate.is_match(text), "{text}");
            assert_eq!(texts(&*c, text, "bn").len(), 1, "{text}");
        }
        assert!(!gate.is_match("রাষ্ট্রীয় গণমাধ্যম, state-run media"));
        // Terms are literals in the gate, whatever characters they hold.
        let odd = compile(
            "terminology",
            r#"terms = [{ wrong = "C++ (beta)", right = "C++ 2.0" }, { wrong = "a.b*", right = "ab" }]"#,
        )
        .unwrap();
        let gate = regex::Regex::new(odd.gate().unwrap()).unwrap();
        assert!(gate.is_match("use C++ (beta) now") && gate.is_match("see a.b* here"));
        assert!(!gate.is_match("C+ (beta) a-b ab"));
        assert_eq!(texts(&*odd, "use C++ (beta) now", "en"), ["C++ (beta)"]);
        let many: Vec<String> = (0..=super::GATE_SPELLINGS)
            .map(|i| format!("{{ wrong = \"term{i}\", right = \"x\" }}"))
            .collect();
        let large = compile("terminology", &format!("terms = [{}]", many.join(", "))).unwrap();
        assert!(large.gate().is_none());
        // No terms, no gate: an empty alternation would open it everywhere.
        let empty = compile("terminology", "terms = []").unwrap();
        assert!(empty.gate().is_none());
        assert_eq!(texts(&*large, "a term7 here", "en"), ["term7"]);
    }

    #[test]
    fn word_boundaries_and_endings() {
        let c = compile("terminology", TERMS).unwrap();
        assert_eq!(
            flagged(&*c, "রাজ্য গণমাধ্যমের খবর", "bn"),
            [(
                "রাজ্য গণমাধ্যমের".to_string(),
                Some("রাষ্ট্রীয় গণমাধ্যমের".to_string())
            )]
        );
        assert!(texts(&*c, "রাজ্যগণমাধ্যম এবং উপরাজ্য গণমাধ্যমকর্মী", "bn").is_empty());
        assert_eq!(
            texts(&*c, "the state media said; the statement media", "en"),
            ["state media"]
        );
        let strict = compile("terminology", &format!("{TERMS}, inflections = false")).unwrap();
        assert!(texts(&*strict, "রাজ্য গণমাধ্যমের খবর", "bn").is_empty());
    }

    #[test]
    fn composed_and_decomposed_spellings_both_match() {
        let c = compile(
            "terminology",
            r#"terms = [{ wrong = "রাশিয়া সফর", right = "x" }]"#,
        )
        .unwrap();
        assert_eq!(texts(&*c, "রাশি\u{09AF}\u{09BC}া সফর", "bn").len(), 1);
        assert_eq!(texts(&*c, "রাশি\u{09DF}া সফর", "bn").len(), 1);
        assert!(compile("terminology", r#"terms = [{ wrong = " ", right = "x" }]"#).is_err());
    }

    #[test]
    fn terms_inside_text_written_without_spaces() {
        let c = compile(
            "terminology",
            r#"terms = [{ wrong = "世界卫生组织", right = "世卫组织" }, { wrong = "กา", right = "x" }, { wrong = "state media", right = "y" }]"#,
        )
        .unwrap();
        assert_eq!(
            flagged(&*c, "据世界卫生组织报道，疫情仍在蔓延。", "zh"),
            [("世界卫生组织".to_string(), Some("世卫组织".to_string()))]
        );
        assert_eq!(texts(&*c, "ในการประชุม", "th"), ["กา"]);
        assert!(
            texts(&*c, "ก\u{0E32}\u{0E48}", "th").is_empty(),
            "never inside a cluster (a tone mark follows)"
        );
        assert_eq!(
            texts(
                &*c,
                "the state media, 世界卫生组织state, 的state media",
                "en"
            ),
            ["state media"],
            "a term meets the letters of a spaced script at a boundary only"
        );
    }
}
