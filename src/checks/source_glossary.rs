//! `source-glossary`: a term of the project's glossary (`--glossary`) in the source (as whole
//! words, or an English plural) whose translation is not in the target: none of the
//! glossary's target terms, inflected or not (a word that starts with the term's stem:
//! `টিকার` for `টিকা`, `टीके` for `टीका`, `вакцины` for `вакцина`, `புரதத்தின்` for
//! `புரதம்`; Arabic after its clitics; in text without spaces, anywhere), or, for a term not
//! to translate, the term itself. Case aside. Values: `{term}`, `{expected}`.

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::{BuildError, Check, Context, Hit};
use crate::text::Analysis;
use crate::text::placeholders::unmasked;
use crate::text::script::{is_letter_or_mark, is_unspaced_char, script_of};

/// No options: the terms are the project's.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct Glossary;

pub fn build(_: Options) -> Result<Glossary, BuildError> {
    Ok(Glossary)
}

/// Whether the source term `term` (lowercase NFC) occurs in `text` (lowercase NFC) as whole
/// words, in the singular or an English plural (`vaccines`).
pub(crate) fn contains_source_term(text: &str, term: &str) -> bool {
    if term.is_empty() {
        return false;
    }
    let unspaced = term.chars().any(is_unspaced_char);
    text.match_indices(term).any(|(i, m)| {
        if unspaced {
            return true;
        }
        let before = text[..i].chars().next_back();
        let tail: String = text[i + m.len()..]
            .chars()
            .take_while(|&c| is_letter_or_mark(c))
            .collect();
        !before.is_some_and(is_letter_or_mark) && matches!(tail.as_str(), "" | "s" | "es")
    }) || term
        // A consonant and `y` make their plural in `ies` (`antibody`, `antibodies`).
        .strip_suffix('y')
        .filter(|stem| stem.ends_with(|c: char| c.is_ascii_alphabetic() && !"aeiou".contains(c)))
        .is_some_and(|stem| contains_source_term(text, &format!("{stem}ies")))
}

/// What the inflected forms of a target term start with (see `stem`); a Devanagari noun in `ी`
/// keeps its vowel short before an ending (`रोगी` → `रोगियों`, Marathi `रोग्यांना`), never
/// dropping it (`रोगों` is of `रोग`, another word).
fn stems(term: &str) -> Vec<String> {
    if let Some(head) = term.strip_suffix('\u{940}') {
        return vec![
            term.to_string(),
            format!("{head}\u{93F}"),
            format!("{head}\u{94D}"),
        ];
    }
    vec![stem(term).to_string()]
}

/// The part of a target term its inflected forms start with: the term less a final vowel sign
/// or vowel (`टीका` → `टीक` for `टीके`, `вакцина` → `вакцин`; Bengali endings are added to the
/// whole word: `টিকা` → `টিকার`), and less a final consonant with its virama (`புரதம்` →
/// `புரத` for `புரதத்தின்`), when what is left is two letters and three characters or more.
fn stem(term: &str) -> &str {
    if term
        .chars()
        .next_back()
        .is_some_and(|c| ('\u{9BE}'..='\u{9CC}').contains(&c))
    {
        return term;
    }
    let chars: Vec<(usize, char)> = term.char_indices().collect();
    let mut end = chars.len();
    let mut virama = false;
    while end > 0 && crate::text::script::is_mark(chars[end - 1].1) {
        virama |= crate::text::script::combining_class(chars[end - 1].1)
            == crate::text::script::VIRAMA_CLASS;
        end -= 1;
    }
    let final_vowel = end == chars.len()
        && end > 0
        && matches!(
            chars[end - 1].1,
            'а' | 'я' | 'о' | 'е' | 'ь' | 'й' | 'ы' | 'и' | 'ة' | 'ى' | 'ا' | 'e' | 'a'
        );
    if (virama || final_vowel) && end > 0 {
        end -= 1;
    }
    let letters = chars[..end]
        .iter()
        .filter(|(_, c)| crate::text::script::is_letter(*c))
        .count();
    if letters < 2 || end < 3 {
        return term;
    }
    &term[..chars.get(end).map_or(term.len(), |&(i, _)| i)]
}

/// Russian case and number endings of nouns and adjectives (and the `и` or `ь` of a stem in
/// `-ия`, `-ие`, `-ь` before them): what may follow a stem in an inflected form.
const RUSSIAN_ENDINGS: &[&str] = &[
    "", "а", "я", "о", "е", "ё", "ы", "и", "у", "ю", "ь", "й", "ой", "ей", "ий", "ый", "ая", "яя",
    "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ом", "ем", "ём", "ам", "ям", "ах", "ях",
    "ами", "ями", "ов", "ев", "ёв", "ых", "их", "ым", "им", "ыми", "ими", "ую", "юю", "ью", "ию",
    "ия", "ии", "ией", "иям", "иях", "иями", "ье", "ья", "ьи", "ьев", "ьям", "ьях", "ьями",
];

/// Whether `word` is a form of the Russian (Cyrillic) word `term`: a stem of it (the term less
/// up to two final vowels or signs, or less the fleeting vowel before a final `к` or `ц`:
/// `белок` → `белк`, for `белка`) followed by a case or number ending, with three letters or
/// more left in the stem. `летучих` for `летучая`, `мышей` for `мышь`, `белков` for `белок`,
/// and not `больницы` for `больной`.
fn russian_form(word: &str, term: &str) -> bool {
    let mut stems = vec![term];
    let mut end = term.len();
    for _ in 0..2 {
        match term[..end].chars().next_back() {
            Some(c) if "аяоеёьйыиуюэ".contains(c) && term[..end].chars().count() > 3 => {
                end -= c.len_utf8();
                stems.push(&term[..end]);
            }
            _ => break,
        }
    }
    let fleeting: Option<String> = [("ок", 'к'), ("ек", 'к'), ("ёк", 'к'), ("ец", 'ц')]
        .iter()
        .find_map(|&(suffix, consonant)| {
            let head = term.strip_suffix(suffix)?;
            (head.chars().count() >= 3).then(|| format!("{head}{consonant}"))
        });
    stems.into_iter().chain(fleeting.as_deref()).any(|s| {
        word.strip_prefix(s)
            .is_some_and(|rest| RUSSIAN_ENDINGS.contains(&rest))
    })
}

/// Whether a target term (lowercase NFC) occurs in `text` (lowercase NFC): as written or with
/// an inflection, at the start of a word (its stem, see `stem`, and for a term of several
/// words, each word's); in Arabic script after the clitics and article a word takes (`و`,
/// `ب`, `ل`, `ال`); in text without spaces, anywhere.
pub(crate) fn contains_target_term(text: &str, term: &str) -> bool {
    if term.is_empty() {
        return false;
    }
    if term.chars().any(is_unspaced_char) {
        return text.contains(term);
    }
    let arabic = term
        .chars()
        .any(|c| script_of(c) == Some(unicode_script::Script::Arabic));
    let words: Vec<&str> = term.split_whitespace().collect();
    let stems: Vec<Vec<String>> = words
        .iter()
        .map(|w| {
            let w = if arabic {
                w.strip_prefix("ال").unwrap_or(w)
            } else {
                w
            };
            stems(w)
        })
        .collect();
    let text_words: Vec<&str> = text
        .split(|c: char| !(is_letter_or_mark(c) || c == '\u{200C}' || c == '\u{200D}'))
        .filter(|w| !w.is_empty())
        .collect();
    let cyrillic = term
        .chars()
        .any(|c| script_of(c) == Some(unicode_script::Script::Cyrillic));
    if cyrillic {
        return text_words
            .windows(words.len())
            .any(|win| win.iter().zip(&words).all(|(w, t)| russian_form(w, t)))
            || (term
                .chars()
                .any(|c| !is_letter_or_mark(c) && !c.is_whitespace())
                && text.contains(term));
    }
    let starts = |word: &str, stem: &str| {
        if arabic {
            // Up to three letters of clitics and article before the stem.
            word.char_indices()
                .take(4)
                .any(|(i, _)| word[i..].starts_with(stem))
        } else {
            word.starts_with(stem)
        }
    };
    text_words.windows(stems.len()).any(|win| {
        win.iter()
            .zip(&stems)
            .all(|(w, ss)| ss.iter().any(|s| starts(w, s)))
    }) || text.contains(term)
}

/// Whether every occurrence of an acronym in `text` stands among words in capitals (`WHO IS
/// RESPONSIBLE?`, `WHO'S THERE?`, `IT WAS A DARK AND STORMY NIGHT`): a sentence shouted, not
/// the acronym.
fn shouted(text: &str, acronym: &str) -> bool {
    let caps = |w: &str| !w.is_empty() && w.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    text.match_indices(acronym).all(|(i, m)| {
        let after: String = text[i + m.len()..]
            .chars()
            .skip_while(|c| !c.is_alphabetic() && !c.is_whitespace())
            .skip_while(|c| c.is_whitespace())
            .take_while(|c| c.is_alphabetic())
            .collect();
        let before: String = text[..i]
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_alphabetic())
            .collect();
        caps(&after) || (before.chars().count() >= 2 && caps(&before))
    })
}

impl Check for Glossary {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        if ctx.glossary.is_empty() {
            return;
        }
        let Some(source) = p.source() else { return };
        let src_cased = unmasked(source.text).nfc().collect::<String>();
        let tgt_cased = unmasked(p.text).nfc().collect::<String>();
        let (src, tgt) = (src_cased.to_lowercase(), tgt_cased.to_lowercase());
        let whole = super::shared::trimmed(p.text);
        for term in &ctx.glossary.terms {
            // An acronym in its case (`WHO`, never `who`); any other term in any case.
            let (src, tgt, written) = if term.acronym() {
                (&src_cased, &tgt_cased, &term.written)
            } else {
                (&src, &tgt, &term.source)
            };
            if !contains_source_term(src, written) || (term.acronym() && shouted(src, written)) {
                continue;
            }
            let (found, expected) = if term.do_not_translate() {
                (tgt.contains(written.as_str()), term.written.clone())
            } else {
                (
                    term.targets.iter().any(|t| {
                        contains_target_term(
                            &tgt_cased.to_lowercase(),
                            &t.nfc().collect::<String>().to_lowercase(),
                        )
                    }),
                    term.targets.join(" / "),
                )
            };
            if !found {
                out.push(
                    Hit::new(whole)
                        .var("term", term.written.clone())
                        .var("expected", expected),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::glossary::parse_tsv;

    fn flagged(source: &str, target: &str) -> Vec<String> {
        let t = crate::checks::source_placeholders::tests::pair(source, target);
        let ctx = Context {
            glossary: std::sync::Arc::new(
                parse_tsv("g.tsv", "vaccine\tটিকা|ভ্যাকসিন\nWHO\t=\n疫苗\tvaccine\n").unwrap(),
            ),
            ..Context::default()
        };
        let mut out = Vec::new();
        Glossary.paragraph(&t, &ctx, &mut out);
        out.into_iter()
            .map(|h| h.vars.iter().find(|(k, _)| *k == "term").unwrap().1.clone())
            .collect()
    }

    #[test]
    fn stems_of_inflected_target_terms() {
        assert!(contains_target_term("टीके लगे", "टीका"));
        assert!(contains_target_term("две вакцины", "вакцина"));
        assert!(contains_target_term("у летучих мышей", "летучая мышь"));
        assert!(contains_target_term("белка вируса", "белок"));
        assert!(contains_target_term("клинических испытаний", "клинический"));
        assert!(contains_target_term("белков", "белок"));
        assert!(!contains_target_term("протеин вируса", "белок"));
        assert!(!contains_target_term("из больницы", "больной"));
        assert!(contains_target_term("у больных", "больной"));
        assert!(
            !contains_target_term("похож на коронавирус", "вирус"),
            "a word of letters is matched as a word, never inside another"
        );
        assert!(!contains_target_term("мыло и вода", "мышь"));
        assert!(contains_target_term("புரதத்தின் அளவு", "புரதம்"));
        assert!(contains_target_term("والفيروس", "الفيروس"));
        assert!(!contains_target_term("প্রতিষেধক দিন", "টিকা"));
        assert!(contains_target_term("कई रोगियों में", "रोगी"));
        assert!(contains_target_term("रोग्यांना", "रोगी"));
        assert!(
            !contains_target_term("अन्य रोगों के", "रोगी"),
            "रोग (disease) is not a form of रोगी (patient)"
        );
        assert!(
            !contains_target_term("রোগের লক্ষণ", "রোগী"),
            "রোগ (disease) is not a form of রোগী (patient)"
        );
        assert!(contains_target_term("রোগীদের", "রোগী"));
        assert!(
            contains_target_term(&unmasked("这些病<b>毒不需要"), "病毒")
                && contains_target_term(&unmasked("属于冠 </span>状病毒科"), "冠状病毒"),
            "a tag inside a word of an unspaced script"
        );
        assert!(!contains_target_term(&unmasked("टीका<br>लगे"), "टीकाल"));
    }

    #[test]
    fn terms_found_inflected_or_missing() {
        assert!(flagged("The vaccine works.", "টিকার কাজ শুরু।").is_empty());
        assert_eq!(
            flagged("The vaccine works.", "প্রতিষেধক কাজ করে।"),
            ["vaccine"]
        );
        assert!(contains_source_term("two antibodies", "antibody"));
        assert!(!contains_source_term("the bodies", "antibody"));
        assert_eq!(
            flagged("Vaccines work.", "প্রতিষেধক।"),
            ["vaccine"],
            "a plural"
        );
        assert!(
            flagged("Vaccination works.", "প্রতিষেধক।").is_empty(),
            "a whole term only"
        );
        assert_eq!(flagged("WHO said", "বিশ্ব স্বাস্থ্য সংস্থা জানায়"), ["WHO"]);
        assert!(flagged("WHO said", "WHO জানায়").is_empty());
        // A sentence in capitals holds no acronym.
        assert!(flagged("WHO IS RESPONSIBLE FOR THIS?", "КТО В ЭТОМ ВИНОВАТ?").is_empty());
        assert!(flagged("WHO'S THERE? he shouted.", "«Кто там?» — крикнул он.").is_empty());
        // An acronym is matched in its case only: `who` is no occurrence of `WHO`.
        assert!(
            flagged(
                "Anyone who feels sick should stay home.",
                "যাঁরা অসুস্থ বোধ করেন, তাঁরা বাড়িতে থাকুন।"
            )
            .is_empty()
        );
    }
}
