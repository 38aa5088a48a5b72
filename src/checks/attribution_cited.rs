//! `attribution-cited`: a sentence that cites its source at both ends (`According to the police,
//! two people were arrested, the police said.`, `Según el Ministerio de Sanidad, …, de acuerdo
//! con el Ministerio de Sanidad.`, `据新华社报道，…，新华社报道称。`): MT kept the source's
//! attribution and added its own in another form, which the clause-for-clause comparison of
//! `attribution` does not see.
//!
//! The sentence has three parts or more between its commas (of any script). Its opening part
//! (`MAX_OPENING` words at most) or its closing part holds a marker of citing (`markers`:
//! `according to`, `según`, `по данным`, `के अनुसार`, `据`; one written `-படி` ends a word,
//! `தகவலின்படி`), the closing part ends the sentence, and the two name one source: a word of
//! four letters or more in both, outside the markers, equal or differing only in an ending of
//! up to three characters (`रয়টার্স` / `রয়টার্সের`, `प्रहरीका` / `प्रहरीले`, `Минздрава` /
//! `Минздрав`), or, in a script written without spaces, two characters or more in common
//! (`新华社`). The closing part is short: `MAX_CLOSING` words with a marker of its own, else
//! `MAX_CLOSING_PLAIN` words of which at most `MAX_OTHERS` are not the source's (a verb, an
//! article: `the police said`, `polisi walisema`). At least `MIN_MIDDLE` words stand between.

use aho_corasick::AhoCorasick;
use serde::Deserialize;

use super::shared::{Lowered, separators};
use super::{BuildError, Check, Context, Hit};
use crate::lexicon::Lexicon;
use crate::text::script::{is_letter, is_mark, is_unspaced_char};
use crate::text::{Analysis, Span, Word};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Markers of citing a source, lowercase, in any language (`according to`, `según`, `据`);
    /// a leading `-` makes the marker the end of a word (`-படி`).
    markers: Vec<String>,
}

#[derive(Debug)]
pub struct AttributionCited {
    /// The markers, in NFC, found in one pass over a part.
    automaton: AhoCorasick,
    /// Per marker: whether it ends a word (`-படி`) rather than standing as words of its own.
    suffix: Vec<bool>,
}

pub fn build(o: Options) -> Result<AttributionCited, BuildError> {
    let mut patterns = Vec::new();
    let mut suffix = Vec::new();
    for m in o.markers {
        let m = crate::text::nfc(m.trim()).into_owned();
        let (pattern, is_suffix) = match m.strip_prefix('-') {
            Some(s) => (s.to_string(), true),
            None => (m, false),
        };
        if pattern.is_empty() {
            return Err(BuildError::new("`markers`: an empty marker"));
        }
        patterns.push(pattern);
        suffix.push(is_suffix);
    }
    let automaton =
        AhoCorasick::new(&patterns).map_err(|e| BuildError::new(format!("`markers`: {e}")))?;
    Ok(AttributionCited { automaton, suffix })
}

/// The most words of the opening part.
const MAX_OPENING: usize = 8;
/// The most words of a closing part with a marker of its own.
const MAX_CLOSING: usize = 8;
/// The most words of a closing part without one, and of them the most that are not the
/// source's.
const MAX_CLOSING_PLAIN: usize = 6;
const MAX_OTHERS: usize = 3;
/// The fewest words between the two parts.
const MIN_MIDDLE: usize = 3;

/// A part of a sentence: its text and words.
struct Part<'a> {
    text: &'a str,
    start: usize,
    words: &'a [Word],
}

impl Part<'_> {
    /// Its length in words; in a script written without spaces, whose words are characters,
    /// a word for two characters.
    fn size(&self) -> usize {
        if self.text.trim_start().starts_with(is_unspaced_char) {
            self.text
                .chars()
                .filter(|&c| is_unspaced_char(c))
                .count()
                .div_ceil(2)
        } else {
            self.words.len()
        }
    }
}

impl AttributionCited {
    /// The byte ranges (in the part's lowered text) of the markers that open or close the part
    /// (`Según …`, `… के अनुसार`, `… தகவலின்படி`): a marker's words inside a part are words of
    /// its own (`O segundo hospital`, the second hospital).
    fn markers(&self, lower: &str) -> Vec<(usize, usize)> {
        let letter = |c: char| is_letter(c) || is_mark(c);
        let boundary = |at: usize, before: bool| {
            let c = if before {
                lower[..at].chars().next_back()
            } else {
                lower[at..].chars().next()
            };
            c.is_none_or(|c| !(is_letter(c) || is_mark(c)))
        };
        self.automaton
            .find_overlapping_iter(lower)
            .filter(|m| {
                let (at, end) = (m.start(), m.end());
                let placed = !lower[..at].contains(letter) || !lower[end..].contains(letter);
                placed
                    && if self.suffix[m.pattern().as_usize()] {
                        !boundary(at, true) && boundary(end, false)
                    } else {
                        lower[at..].starts_with(is_unspaced_char)
                            || (boundary(at, true) && boundary(end, false))
                    }
            })
            .map(|m| (m.start(), m.end()))
            .collect()
    }
}

/// `w` less its first `k` characters.
fn off(w: &str, k: usize) -> &str {
    w.char_indices().nth(k).map_or("", |(i, _)| &w[i..])
}

/// Whether two words name one source: equal, or one stem with endings of up to three
/// characters (four letters or more in common); in Arabic and Hebrew, whose prepositions and
/// article are written onto the word, after up to two letters off the start of either
/// (`للوزارة` to the ministry, `الوزارة` the ministry; `لوزارة`, `وزارة`).
fn same_name(a: &str, b: &str) -> bool {
    let stem = |a: &str, b: &str| {
        let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
        a == b
            || (common >= 4 && a.chars().count() - common <= 3 && b.chars().count() - common <= 3)
    };
    if stem(a, b) {
        return true;
    }
    let proclitics = |w: &str| {
        w.chars()
            .next()
            .and_then(crate::text::script::script_of)
            .is_some_and(|s| {
                matches!(
                    s,
                    unicode_script::Script::Arabic | unicode_script::Script::Hebrew
                )
            })
    };
    if !(proclitics(a) && proclitics(b)) {
        return false;
    }
    // Only the letters that are written onto a word come off (`لرويترز` is not `تويتر`).
    let written_on = |w: &str, k: usize| w.chars().take(k).all(|c| "وفبلكاהבלמשכ".contains(c));
    (0..=2).any(|i| {
        (0..=2).any(|j| {
            (i, j) != (0, 0) && written_on(a, i) && written_on(b, j) && stem(off(a, i), off(b, j))
        })
    })
}

/// A run of three characters of a script without spaces that both texts hold (`新华社`), or
/// two where that is all the first text names (`警察によると`): two are often a word any two
/// sources share (`国家`, `报道`).
fn shared_unspaced(a: &str, b: &str) -> bool {
    let chars: Vec<char> = a.chars().filter(|&c| is_unspaced_char(c)).collect();
    let run = if chars.len() == 2 { 2 } else { 3 };
    let chars: Vec<char> = a.chars().collect();
    chars
        .windows(run)
        .filter(|w| w.iter().all(|&c| is_unspaced_char(c)))
        .any(|w| b.contains(&w.iter().collect::<String>()))
}

impl Check for AttributionCited {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        // Three parts need two commas.
        // The commas of every script, the ideographic one too (`警察によると、…、と警察は述べた。`).
        let commas: Vec<usize> = separators(p.text, true)
            .into_iter()
            .filter(|&i| !p.text[i..].starts_with([';', '\u{061B}', '\u{FF1B}']))
            // A comma between digits groups them (`12,500`).
            .filter(|&i| {
                !(p.text.as_bytes()[i] == b','
                    && p.text[..i].ends_with(|c: char| c.is_ascii_digit())
                    && p.text[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
            })
            .collect();
        if commas.len() < 2 {
            return;
        }
        let mut k = 0;
        for &sentence in &p.sentences {
            let first = k;
            while k < p.words.len() && p.words[k].span.start < sentence.end {
                k += 1;
            }
            let text = p.slice(sentence);
            let inside = &commas[commas.partition_point(|&i| i < sentence.start)
                ..commas.partition_point(|&i| i < sentence.end)];
            let (Some(&first_comma), Some(&last_comma)) = (inside.first(), inside.last()) else {
                continue;
            };
            if first_comma == last_comma {
                continue;
            }
            let (open_end, close_start) =
                (first_comma - sentence.start, last_comma - sentence.start);
            let words = &p.words[first..k];
            let part = |from: usize, to: usize| {
                let (from, to) = (sentence.start + from, sentence.start + to);
                let inside: Vec<usize> = (0..words.len())
                    .filter(|&i| words[i].span.start >= from && words[i].span.end <= to)
                    .collect();
                let range = inside
                    .first()
                    .map_or(0..0, |&a| a..inside[inside.len() - 1] + 1);
                Part {
                    text: &p.text[from..to],
                    start: from,
                    words: &words[range],
                }
            };
            let opening = part(0, open_end);
            let close_from =
                close_start + text[close_start..].chars().next().map_or(1, char::len_utf8);
            let closing = part(close_from, text.len());
            let middle = words.len() - opening.words.len() - closing.words.len();
            if opening.words.is_empty()
                || closing.words.is_empty()
                || opening.size() > MAX_OPENING
                || closing.size() > MAX_CLOSING
                || middle < MIN_MIDDLE
            {
                continue;
            }
            if let Some(hit) = self.judge(p, &opening, &closing, &ctx.lexicon) {
                out.push(hit);
            }
        }
    }
}

impl AttributionCited {
    /// The finding on the closing part, where it cites the opening part's source again.
    fn judge(
        &self,
        p: &Analysis,
        opening: &Part,
        closing: &Part,
        lexicon: &Lexicon,
    ) -> Option<Hit> {
        let (open_lower, close_lower) = (Lowered::of(opening.text), Lowered::of(closing.text));
        let (open_marks, close_marks) = (
            self.markers(&open_lower.text),
            self.markers(&close_lower.text),
        );
        if open_marks.is_empty() && close_marks.is_empty() {
            return None;
        }
        // A part's words outside its markers, lowercased.
        let names = |part: &Part, lower: &Lowered, marks: &[(usize, usize)]| -> Vec<String> {
            let marks: Vec<(usize, usize)> = marks
                .iter()
                .map(|&(a, b)| (lower.original(a), lower.original(b)))
                .collect();
            part.words
                .iter()
                .filter(|w| w.is_letters())
                .filter_map(|w| {
                    let (a, b) = (w.span.start - part.start, w.span.end - part.start);
                    let in_marker = marks.iter().any(|&(s, e)| a < e && s < b);
                    let word = p.norm(w).to_lowercase();
                    (!in_marker && word.chars().count() >= 4 && !lexicon.is_function_word(&word))
                        .then_some(word)
                })
                .collect()
        };
        // Without a marker of its own, the opening part must report (`The police said, …,
        // according to the police`): a place that opens a sentence is no source (`In India, …,
        // according to the Indian Council of Medical Research`).
        if open_marks.is_empty()
            && !opening
                .words
                .iter()
                .any(|w| lexicon.is_reporting_verb(&p.norm(w).to_lowercase()))
        {
            return None;
        }
        let open_names = names(opening, &open_lower, &open_marks);
        let close_names = names(closing, &close_lower, &close_marks);
        let shared = close_names
            .iter()
            .filter(|c| open_names.iter().any(|o| same_name(o, c)))
            .count();
        // One source named again, not another of the same head word (`the Ministry of Health`
        // … `the Ministry of Finance`): two of the source's words where it has two or more.
        let named_again = open_names
            .iter()
            .filter(|o| close_names.iter().any(|c| same_name(o, c)))
            .count();
        if shared > 0 && named_again < open_names.len().min(2) {
            return None;
        }
        // A closing part without a marker that holds a conjunction ends a list or goes on
        // (`…, schools and health centres`).
        if close_marks.is_empty()
            && closing.words.iter().any(|w| {
                lexicon
                    .conjunctions
                    .iter()
                    .any(|c| *c == p.norm(w).to_lowercase())
            })
        {
            return None;
        }
        let unspaced = shared == 0 && {
            let strip = |lower: &str, marks: &[(usize, usize)]| -> String {
                lower
                    .char_indices()
                    .map(|(i, c)| {
                        if marks.iter().any(|&(a, b)| a <= i && i < b) {
                            ' '
                        } else {
                            c
                        }
                    })
                    .collect()
            };
            shared_unspaced(
                &strip(&open_lower.text, &open_marks),
                &strip(&close_lower.text, &close_marks),
            )
        };
        if shared == 0 && !unspaced {
            return None;
        }
        // Without a marker, the closing part reports: a short one (`the police said`,
        // `polisi walisema`), one more word with a reporting verb of the language (`a indiqué
        // la police`); in a script without spaces, it holds one (`…，新华社报道称`, not
        // `…，世卫组织已派专家`).
        let others = closing.size().saturating_sub(shared.max(1));
        let reports = || {
            closing
                .words
                .iter()
                .any(|w| lexicon.is_reporting_verb(&p.norm(w).to_lowercase()))
        };
        let short = if unspaced {
            closing.size() <= MAX_OTHERS + 1
                && lexicon
                    .reporting_verbs
                    .iter()
                    .any(|v| v.starts_with(is_unspaced_char) && closing.text.contains(v.as_str()))
        } else {
            closing.words.len() <= MAX_CLOSING_PLAIN
                && (others < MAX_OTHERS || (others == MAX_OTHERS && reports()))
        };
        if close_marks.is_empty() && !short {
            return None;
        }
        let (first, last) = (
            closing.words[0].span,
            closing.words[closing.words.len() - 1].span,
        );
        let opening_span = Span::new(
            opening.words[0].span.start,
            opening.words[opening.words.len() - 1].span.end,
        );
        Some(Hit::new(Span::new(first.start, last.end)).var("first", p.slice(opening_span)))
    }
}

#[cfg(test)]
mod tests {
    use super::same_name;
    use crate::checks::testing::compile;
    use crate::checks::{Check, Context};
    use crate::lexicon::Lexicon;
    use crate::text::Analysis;

    /// The texts the check flags in `text`, with the language data of the packs it reads:
    /// reporting verbs and conjunctions.
    fn texts(check: &dyn Check, text: &str, language: &str) -> Vec<String> {
        let mut verbs: Vec<String> = ["said", "açıkladı", "称", "述べた"]
            .map(String::from)
            .to_vec();
        verbs.sort();
        let ctx = Context {
            language: language.to_string(),
            lexicon: std::sync::Arc::new(Lexicon {
                reporting_verbs: verbs,
                conjunctions: vec!["and".into()],
                ..Lexicon::default()
            }),
            ..Context::default()
        };
        let a = Analysis::new(text);
        let mut out = Vec::new();
        check.paragraph(&a, &ctx, &mut out);
        out.into_iter()
            .map(|h| a.slice(h.span).to_string())
            .collect()
    }

    const MARKERS: &str = r#"markers = ["according to", "según", "segundo", "de acuerdo con", "по данным", "के अनुसार", "据", "-படி", "göre", "によると"]"#;

    #[test]
    fn a_source_cited_at_both_ends() {
        let c = compile("attribution-cited", MARKERS).unwrap();
        for (text, lang, flagged) in [
            (
                "According to the police, two people were arrested at the scene, the police said.",
                "en",
                "the police said",
            ),
            (
                "Según el Ministerio de Sanidad, los contagios han bajado un 20 % esta semana, de acuerdo con el Ministerio de Sanidad.",
                "es",
                "de acuerdo con el Ministerio de Sanidad",
            ),
            (
                "По данным Минздрава, за сутки в стране выявлено более 12 тысяч новых случаев, сообщает Минздрав.",
                "ru",
                "сообщает Минздрав",
            ),
            (
                "पुलिस के अनुसार, दो लोगों को गिरफ्तार किया गया है, पुलिस ने बताया।",
                "hi",
                "पुलिस ने बताया",
            ),
            (
                "据新华社报道，暴雨已造成当地12人死亡，新华社报道称。",
                "zh",
                "新华社报道称",
            ),
            (
                "İzmir polisine göre, iki kişi olay yerinde gözaltına alındı, İzmir polisi açıkladı.",
                "tr",
                "İzmir polisi açıkladı",
            ),
            (
                "警察によると、容疑者の男2人が現場で逮捕された、と警察は述べた。",
                "ja",
                "と警察は述べた",
            ),
        ] {
            assert_eq!(texts(&*c, text, lang), [flagged], "{text}");
        }
        for clean in [
            // Another source; too few words between; a long closing clause without a marker.
            "According to the police, two people were arrested at the scene, witnesses said.",
            "According to the police, he fled, the police said.",
            "According to the police, two people were arrested, and the police then questioned their neighbours at length.",
            // The two markers alike are no source.
            "According to the police, two people were arrested at the scene, according to witnesses.",
            // No marker at all; a marker's word inside its part (the second hospital); two
            // sources of one head word; a list closing the sentence; a comma in a number; a
            // place, then a source named after it, without a report opening the sentence.
            "The police arrived, two people were arrested at the scene, the police said.",
            "O segundo hospital de Lisboa, inaugurado em 2020, atendeu trezentos pacientes, informou o hospital.",
            "According to the Ministry of Health, hospital stays fell this year, the budget will be cut, the Ministry of Finance said.",
            "According to the Ministry of Health, vaccines are offered free of charge in clinics, pharmacies, schools and health centres.",
            "According to the Ministry of Health, the country now employs 12,500 health workers.",
            "由于COVID-19，学校于2020年关闭，据报道，学校。",
            "In India, cases of dengue rose by 12 percent last month, according to the Indian Council of Medical Research.",
        ] {
            assert!(texts(&*c, clean, "en").is_empty(), "{clean}");
        }
    }

    #[test]
    fn a_source_with_a_preposition_written_onto_it() {
        let c = compile(
            "attribution-cited",
            r#"markers = ["وفقا", "وفقًا", "حسبما"]"#,
        )
        .unwrap();
        assert_eq!(
            texts(
                &*c,
                "وفقًا للوزارة، ارتفع عدد الإصابات الجديدة إلى خمسين حالة هذا الأسبوع، حسبما ذكرت الوزارة.",
                "ar"
            ),
            ["حسبما ذكرت الوزارة"]
        );
        assert!(same_name("لوزارة", "وزارة") && same_name("للوزارة", "الوزارة"));
        assert!(!same_name("police", "olice") && !same_name("الوزير", "التقرير"));
        assert!(!same_name("لرويترز", "تويتر"));
    }
}
