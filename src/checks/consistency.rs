//! `consistency`: one name or term spelled two ways in one document (`কেসিএনএ` / `কেসিএএনএ`).
//!
//! Edit distance alone cannot tell a variant from another word one letter away (চিকিৎসা /
//! চিকিৎসক), so spellings are grouped by a key that forgives only what variants are made of:
//! inflection endings are stripped (the pack's `endings`, so `রাশিয়া` / `রাশিয়ার` is one
//! spelling), letters the pack lists as `confusables` (ন/ণ, শ/ষ/স) are folded together, and a
//! letter typed twice counts once. Within a group, the majority spelling (at least
//! `min_majority` occurrences, more than any other) is taken as right and each minority
//! spelling whose strsim similarity to it reaches `min_similarity` is flagged. With `window`,
//! the majority must hold within that many paragraphs of the variant, so a file of unrelated
//! segments does not pit one translator against another across the file.

use std::collections::HashMap;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

use crate::rules::Lexicon;
use crate::text::script::VIRAMA_CLASS;

use super::{BuildError, Check, Context, DocHit, Hit};
use crate::text::{Analysis, Span, nfc};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Shortest stem judged, in characters.
    #[serde(default = "default_min_chars")]
    min_chars: usize,
    /// Fewest occurrences of the majority spelling.
    #[serde(default = "default_min_majority")]
    min_majority: usize,
    #[serde(default = "default_similarity")]
    min_similarity: f64,
    /// Groups of letters that spell one sound: the first of each group stands for all.
    #[serde(default)]
    confusables: Vec<Vec<String>>,
    /// A letter written twice in a row counts once (`এএ` = `এ`).
    #[serde(default = "default_true")]
    collapse_repeats: bool,
    /// Paragraphs between a variant and the nearest majority spelling (0 = whole document).
    #[serde(default)]
    window: usize,
    /// Most distinct stems remembered per document (bounded memory on huge inputs).
    #[serde(default = "default_max_stems")]
    max_stems: usize,
}

fn default_min_chars() -> usize {
    4
}
fn default_min_majority() -> usize {
    2
}
fn default_similarity() -> f64 {
    0.75
}
fn default_true() -> bool {
    true
}
fn default_max_stems() -> usize {
    200_000
}

#[derive(Debug)]
pub struct Consistency {
    min_chars: usize,
    min_majority: usize,
    min_similarity: f64,
    /// Confusable letter -> the first of its group.
    fold: Vec<(char, char)>,
    collapse_repeats: bool,
    window: usize,
    max_stems: usize,
}

pub fn build(o: Options) -> Result<Consistency, BuildError> {
    let mut fold = Vec::new();
    for group in &o.confusables {
        let chars: Vec<char> = group
            .iter()
            .map(|s| {
                let n: String = s.nfc().collect();
                let mut it = n.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => Ok(c),
                    _ => Err(BuildError::new(format!(
                        "confusable `{s}` must be one character"
                    ))),
                }
            })
            .collect::<Result<_, _>>()?;
        if let Some(&first) = chars.first() {
            for &c in &chars[1..] {
                fold.retain(|&(x, _)| x != c);
                fold.push((c, first));
            }
        }
    }
    if !(0.0..=1.0).contains(&o.min_similarity) {
        return Err(BuildError::new("`min_similarity` must lie between 0 and 1"));
    }
    Ok(Consistency {
        min_chars: o.min_chars,
        min_majority: o.min_majority.max(1),
        min_similarity: o.min_similarity,
        fold,
        collapse_repeats: o.collapse_repeats,
        window: o.window,
        max_stems: o.max_stems,
    })
}

/// Where one spelling occurs.
struct Occurrence {
    paragraph: usize,
    span: Span,
}

impl Consistency {
    /// Confusable letters replaced by the first of their group (one character for one).
    fn fold(&self, s: &str) -> String {
        let mut out = String::with_capacity(s.len());
        self.fold_into(s, &mut out);
        out
    }

    fn fold_into(&self, s: &str, out: &mut String) {
        out.clear();
        out.extend(s.chars().map(|c| {
            self.fold
                .iter()
                .find(|&&(x, _)| x == c)
                .map_or(c, |&(_, to)| to)
        }));
    }

    /// A letter typed twice counted once, unless the second one starts a conjunct (`অনন্য` is
    /// not `অন্য`).
    fn collapse(&self, s: &str) -> String {
        let mut key = String::with_capacity(s.len());
        self.collapse_into(s, &mut key);
        key
    }

    fn collapse_into(&self, s: &str, key: &mut String) {
        key.clear();
        if !self.collapse_repeats {
            key.push_str(s);
            return;
        }
        let mut last = None;
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            let conjunct = chars
                .peek()
                .is_some_and(|&n| canonical_combining_class(n) == VIRAMA_CLASS);
            if last != Some(c) || conjunct {
                key.push(c);
            }
            last = Some(c);
        }
    }
}

/// The spellings that share one key, each with where it occurs (in paragraph order).
struct Group {
    key: String,
    spellings: Vec<(String, Vec<Occurrence>)>,
}

impl Check for Consistency {
    fn document(&self, ps: &[Analysis], ctx: &Context, out: &mut Vec<DocHit>) {
        // key -> its group; groups are visited in key order at the end, so the output order
        // does not depend on the hash map.
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        let endings = Lexicon {
            endings: ctx.lexicon.endings.iter().map(|e| self.fold(e)).collect(),
            ..Lexicon::default()
        };
        let (mut folded, mut key) = (String::new(), String::new());
        for (i, p) in ps.iter().enumerate() {
            for w in p
                .words
                .iter()
                .filter(|w| w.is_letters() && w.script == ctx.script && !w.mixed_script)
            {
                let word = p.norm(w);
                // Endings are found on the folded word, so `ইউরোপীজ়` and `ইউরোপীয়` lose the
                // same ending; folding keeps one character for one, so the stem's length in
                // characters is the same in the word as written.
                self.fold_into(word, &mut folded);
                let (folded_stem, _) = endings.split_ending(&folded, 2);
                let n = folded_stem.chars().count();
                if n < self.min_chars {
                    continue;
                }
                let cut = word.char_indices().nth(n).map_or(word.len(), |(i, _)| i);
                let (stem, ending) = word.split_at(cut);
                self.collapse_into(folded_stem, &mut key);
                // An ending the language does not have is part of the spelling (`ইউরোপীজ়`).
                let spelling = if ending.is_empty() || ctx.lexicon.is_ending(ending) {
                    stem
                } else {
                    word
                };
                let g = match index.get(key.as_str()) {
                    Some(&g) => g,
                    None if groups.len() >= self.max_stems => continue,
                    None => {
                        index.insert(key.clone(), groups.len());
                        groups.push(Group {
                            key: key.clone(),
                            spellings: Vec::new(),
                        });
                        groups.len() - 1
                    }
                };
                let occurrence = Occurrence {
                    paragraph: i,
                    span: w.span,
                };
                let spellings = &mut groups[g].spellings;
                match spellings.iter_mut().find(|(s, _)| s == spelling) {
                    Some((_, occ)) => occ.push(occurrence),
                    None => spellings.push((spelling.to_string(), vec![occurrence])),
                }
            }
        }
        let mut varied: Vec<&Group> = groups.iter().filter(|g| g.spellings.len() > 1).collect();
        varied.sort_by(|a, b| a.key.cmp(&b.key));
        for group in varied {
            let mut ranked: Vec<(&String, &Vec<Occurrence>)> =
                group.spellings.iter().map(|(s, o)| (s, o)).collect();
            ranked.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
            let (major, major_occ) = ranked[0];
            if major_occ.len() < self.min_majority || ranked[1].1.len() >= major_occ.len() {
                continue;
            }
            let word = |x: &Occurrence| nfc(ps[x.paragraph].slice(x.span)).into_owned();
            // The majority's form of each inflection, by folded key: one pass over it.
            let mut forms: HashMap<String, String> = HashMap::new();
            for m in major_occ {
                let w = word(m);
                forms.entry(self.collapse(&self.fold(&w))).or_insert(w);
            }
            for (variant, occ) in &ranked[1..] {
                if strsim::normalized_damerau_levenshtein(major, variant) < self.min_similarity {
                    continue;
                }
                for o in occ.iter() {
                    // The majority must hold where the variant stands: within `window`
                    // paragraphs, the majority spelling occurs `min_majority` times and more
                    // often than this variant. Occurrences are in paragraph order, so the
                    // counts are two binary searches.
                    let near = |list: &Vec<Occurrence>| {
                        if self.window == 0 {
                            return list.len();
                        }
                        let from = o.paragraph.saturating_sub(self.window);
                        let to = o.paragraph + self.window;
                        list.partition_point(|m| m.paragraph <= to)
                            - list.partition_point(|m| m.paragraph < from)
                    };
                    let (local_major, local_variant) = (near(major_occ), near(occ));
                    if local_major < self.min_majority || local_major <= local_variant {
                        continue;
                    }
                    // The majority's form of this very word: same ending, once folded.
                    let this = word(o);
                    let right = forms
                        .get(&self.collapse(&self.fold(&this)))
                        .cloned()
                        .unwrap_or_else(|| {
                            let ending = this.strip_prefix(variant.as_str()).unwrap_or("");
                            format!("{major}{ending}")
                        });
                    let hit = Hit::new(o.span)
                        .var("majority", right.as_str())
                        .var("count", local_major.to_string())
                        .suggest(right);
                    out.push(DocHit {
                        paragraph: o.paragraph,
                        hit,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    #[test]
    fn the_minority_spelling_is_flagged_with_the_majority_form() {
        let c = compile("consistency", r#"confusables = [["ন", "ণ"]]"#).unwrap();
        let text = "মন্ত্রণালয়ের ঘোষণা।\nমন্ত্রণালয়ের মুখপাত্র।\nমন্ত্রনালয়ের বিবৃতি।";
        assert_eq!(
            flagged(&*c, text, "bn"),
            [("মন্ত্রনালয়ের".to_string(), Some("মন্ত্রণালয়ের".to_string()))]
        );
    }

    #[test]
    fn window_and_ties_keep_it_quiet() {
        let c = compile("consistency", r#"confusables = [["ন", "ণ"]], window = 2"#).unwrap();
        let far = "মন্ত্রণালয় জানায়।\nমন্ত্রণালয় বলে।\nএক।\nদুই।\nতিন।\nমন্ত্রনালয় বলে।";
        assert!(
            texts(&*c, far, "bn").is_empty(),
            "the majority is not nearby"
        );
        let tie = "মন্ত্রণালয় জানায়।\nমন্ত্রনালয় বলে।";
        assert!(texts(&*c, tie, "bn").is_empty(), "no majority");
        assert!(compile("consistency", r#"confusables = [["নণ"]]"#).is_err());
    }

    #[test]
    fn doubled_letters_fold_unless_they_start_a_conjunct() {
        let c = compile("consistency", "").unwrap();
        assert_eq!(
            texts(&*c, "কেসিএনএ বলে।\nকেসিএনএ জানায়।\nকেসিএএনএ জানায়।", "bn"),
            ["কেসিএএনএ"]
        );
        assert!(texts(&*c, "অন্য দেশ।\nঅন্য মানুষ।\nঅনন্য কাজ।", "bn").is_empty());
        let off = compile("consistency", "collapse_repeats = false").unwrap();
        assert!(texts(&*off, "কেসিএনএ বলে।\nকেসিএনএ জানায়।\nকেসিএএনএ জানায়।", "bn").is_empty());
    }
}
