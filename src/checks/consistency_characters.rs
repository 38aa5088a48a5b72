//! `consistency-characters`: one name spelled with two characters of one sound in a script
//! written without spaces. Chinese transliterates a foreign name syllable by syllable, and a
//! document that writes `阿尔巴尼亚` three times and `阿儿巴尼亚` once has a variant a reader
//! may take for another place. Words of such a script are single characters (UAX #29), so the
//! rule compares runs of two to four characters instead of words: every run that holds a
//! confusable character is counted by its folded form (each confusable replaced by the first
//! of its group) and by its spelling; a spelling used at most `max_variant` times beside
//! another the document uses at least `min_majority` times, within `window` paragraphs, is
//! flagged, once per place (overlapping runs make one finding). A run never holds a particle of
//! the language's pack (`的`, `在`, `和`): it would span two words.

use serde::Deserialize;

use super::consistency::Fold;
use super::{BuildError, Check, Context, DocHit, Hit, Judgement};
use crate::hash::FastMap;
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Groups of characters of one sound: the first of each group stands for all.
    confusables: Vec<Vec<String>>,
    /// Shortest run compared, in characters.
    #[serde(default = "default_min_chars")]
    min_chars: usize,
    /// Longest run compared, in characters.
    #[serde(default = "default_max_chars")]
    max_chars: usize,
    /// Fewest occurrences of the majority spelling nearby.
    #[serde(default = "default_min_majority")]
    min_majority: usize,
    /// Most occurrences in the document of a spelling flagged as a variant.
    #[serde(default = "default_max_variant")]
    max_variant: usize,
    /// Paragraphs between a variant and the majority's occurrences counted (0: the document).
    #[serde(default)]
    window: usize,
    /// Runs of at most this many characters are compared only when every character is a
    /// confusable: a two-character transliteration (`伦敦`) is one, a bigram across two words
    /// (`的儿` of `的儿童`, `科教` of `锡克教`) is not (0: off).
    #[serde(default)]
    all_confusable_up_to: usize,
    /// Most distinct folded runs remembered per document (bounded memory on huge inputs).
    #[serde(default = "default_max_runs")]
    max_runs: usize,
}

fn default_min_chars() -> usize {
    2
}
fn default_max_chars() -> usize {
    4
}
fn default_min_majority() -> usize {
    2
}
fn default_max_variant() -> usize {
    1
}
fn default_max_runs() -> usize {
    200_000
}

/// Occurrences remembered per spelling (their paragraphs) for the window; a spelling used more
/// often is taken as near everywhere: a majority that strong is the document's spelling.
const MAX_PLACES: usize = 16;

#[derive(Debug)]
pub struct CharacterConsistency {
    fold: FastMap<char, char>,
    min_chars: usize,
    max_chars: usize,
    min_majority: usize,
    max_variant: usize,
    window: usize,
    all_confusable_up_to: usize,
    max_runs: usize,
}

pub fn build(o: Options) -> Result<CharacterConsistency, BuildError> {
    // The groups are read as the word consistency reads them; a run is folded character by
    // character, so every member is one character.
    let groups = Fold::new(&o.confusables)?;
    if groups.has_pairs() {
        return Err(BuildError::new("`confusables` are single characters"));
    }
    // Every member, the first of its group too: a run is compared when it holds any.
    let fold: FastMap<char, char> = groups
        .singles()
        .iter()
        .flat_map(|&(c, to)| [(c, to), (to, to)])
        .collect();
    if o.min_chars < 2 || o.max_chars < o.min_chars {
        return Err(BuildError::new(
            "`min_chars` must be at least 2 and `max_chars` at least `min_chars`",
        ));
    }
    Ok(CharacterConsistency {
        fold,
        min_chars: o.min_chars,
        max_chars: o.max_chars,
        min_majority: o.min_majority.max(1),
        max_variant: o.max_variant.max(1),
        window: o.window,
        all_confusable_up_to: o.all_confusable_up_to,
        max_runs: o.max_runs,
    })
}

/// One spelling of a folded run: how often the document uses it, and the paragraph of each of
/// its first `MAX_PLACES` occurrences.
struct Spelling {
    text: String,
    count: usize,
    places: Vec<usize>,
}

struct Judging<'a> {
    rule: &'a CharacterConsistency,
    /// Folded run -> its spellings.
    groups: FastMap<String, Vec<Spelling>>,
    /// Variant spelling -> the majority spelling of its group; made by `decide`.
    variants: FastMap<String, Spelling>,
}

impl CharacterConsistency {
    /// The runs of a paragraph compared: (span, text) of every run of `min_chars` to
    /// `max_chars` adjacent one-character words of the document's script that holds a
    /// confusable, each once, given to `each` as they are found (a paragraph's runs are never
    /// held together).
    fn runs<'p>(&self, p: &Analysis<'p>, ctx: &Context, mut each: impl FnMut(Span, &'p str)) {
        if ctx.script.is_none() {
            return;
        }
        let mut stretch: Vec<Span> = Vec::new();
        for w in &p.words {
            // A particle of the language ends a run: a run across it spans two words, and
            // is no name (`的儿` of `的儿童` beside `的耳` of `的耳机`).
            let text = p.slice(w.span);
            let single = w.is_letters()
                && w.script == ctx.script
                && text.chars().nth(1).is_none()
                && !ctx.lexicon.is_particle(text);
            if single && stretch.last().is_some_and(|s| s.end == w.span.start) {
                stretch.push(w.span);
                continue;
            }
            self.runs_of(p, &stretch, &mut each);
            stretch.clear();
            if single {
                stretch.push(w.span);
            }
        }
        self.runs_of(p, &stretch, &mut each);
    }

    fn runs_of<'p>(
        &self,
        p: &Analysis<'p>,
        stretch: &[Span],
        each: &mut impl FnMut(Span, &'p str),
    ) {
        let n = stretch.len();
        if n < self.min_chars {
            return;
        }
        let confusable: Vec<bool> = stretch
            .iter()
            .map(|s| {
                p.slice(*s)
                    .chars()
                    .next()
                    .is_some_and(|c| self.fold.contains_key(&c))
            })
            .collect();
        for len in self.min_chars..=self.max_chars.min(n) {
            for i in 0..=n - len {
                let part = &confusable[i..i + len];
                let compared = if len <= self.all_confusable_up_to {
                    part.iter().all(|&c| c)
                } else {
                    part.iter().any(|&c| c)
                };
                if compared {
                    let span = Span::new(stretch[i].start, stretch[i + len - 1].end);
                    each(span, p.slice(span));
                }
            }
        }
    }

    /// `s` with each confusable replaced by the first of its group, into `out`.
    fn fold_into(&self, s: &str, out: &mut String) {
        out.clear();
        out.extend(s.chars().map(|c| self.fold.get(&c).copied().unwrap_or(c)));
    }

    /// Whether `places` (ascending, one per occurrence) hold at least `min_majority`
    /// occurrences near paragraph `i`, or the spelling counts everywhere (no window, or more
    /// occurrences than remembered).
    fn near(&self, i: usize, count: usize, places: &[usize]) -> bool {
        if self.window == 0 || count > places.len() {
            return count >= self.min_majority;
        }
        let from = i.saturating_sub(self.window);
        let near = places
            .iter()
            .filter(|&&q| q >= from && q <= i + self.window)
            .count();
        near >= self.min_majority
    }
}

impl Judgement for Judging<'_> {
    fn learn(&mut self, i: usize, p: &Analysis, ctx: &Context) {
        let rule = self.rule;
        let groups = &mut self.groups;
        let mut key = String::new();
        rule.runs(p, ctx, |_, text| {
            rule.fold_into(text, &mut key);
            if !groups.contains_key(key.as_str()) {
                if groups.len() >= rule.max_runs {
                    return;
                }
                groups.insert(key.clone(), Vec::new());
            }
            let Some(spellings) = groups.get_mut(key.as_str()) else {
                return;
            };
            let k = match spellings.iter().position(|s| s.text == text) {
                Some(k) => k,
                None => {
                    spellings.push(Spelling {
                        text: text.to_string(),
                        count: 0,
                        places: Vec::new(),
                    });
                    spellings.len() - 1
                }
            };
            let s = &mut spellings[k];
            s.count += 1;
            if s.places.len() < MAX_PLACES {
                s.places.push(i);
            }
        });
    }

    fn decide(&mut self, _: &Context) -> Vec<usize> {
        let rule = self.rule;
        for mut ranked in std::mem::take(&mut self.groups).into_values() {
            ranked.sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
            let [major, second, ..] = &ranked[..] else {
                continue;
            };
            if major.count < rule.min_majority || second.count >= major.count {
                continue;
            }
            for v in &ranked[1..] {
                // A variant with no character of the majority's is another word of the same
                // sound (`得利` to profit, beside `德里` of `新德里`), not a slip in one.
                let shares = v.text.chars().zip(major.text.chars()).any(|(a, b)| a == b);
                if v.count <= rule.max_variant && shares {
                    self.variants.insert(
                        v.text.clone(),
                        Spelling {
                            text: major.text.clone(),
                            count: major.count,
                            places: major.places.clone(),
                        },
                    );
                }
            }
        }
        Vec::new()
    }

    fn judge(&mut self, i: usize, p: &Analysis, ctx: &Context, out: &mut Vec<DocHit>) {
        if self.variants.is_empty() {
            return;
        }
        let rule = self.rule;
        let mut found: Vec<(Span, &str, usize)> = Vec::new();
        let variants = &self.variants;
        rule.runs(p, ctx, |span, text| {
            if let Some(major) = variants.get(text)
                && rule.near(i, major.count, &major.places)
            {
                found.push((span, major.text.as_str(), major.count));
            }
        });
        // One finding a place: overlapping variant runs make one span, each of its
        // characters as the majority of a run over it writes it.
        found.sort_by_key(|f| (f.0.start, f.0.end));
        let mut merged: Vec<(Span, Vec<char>, usize)> = Vec::new();
        for (span, major, count) in found {
            match merged.last_mut() {
                Some((m, chars, n)) if m.end > span.start => {
                    let from = p.slice(Span::new(m.start, span.start)).chars().count();
                    let tail = p.slice(Span::new(m.end.min(span.end), span.end));
                    chars.extend(tail.chars());
                    for (k, c) in major.chars().enumerate() {
                        if let Some(slot) = chars.get_mut(from + k) {
                            *slot = c;
                        }
                    }
                    m.end = m.end.max(span.end);
                    *n = (*n).max(count);
                }
                _ => merged.push((span, major.chars().collect(), count)),
            }
        }
        for (span, chars, count) in merged {
            let right: String = chars.into_iter().collect();
            let hit = Hit::new(span)
                .var("majority", right.as_str())
                .var("count", count.to_string())
                .suggest(right);
            out.push(DocHit { paragraph: i, hit });
        }
    }
}

impl Check for CharacterConsistency {
    fn judgement(&self) -> Option<Box<dyn Judgement + '_>> {
        Some(Box::new(Judging {
            rule: self,
            groups: FastMap::default(),
            variants: FastMap::default(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    const NAMES: &str = r#"confusables = [["斯", "思"], ["尔", "儿"]]"#;

    #[test]
    fn a_name_written_once_with_another_character_of_its_sound() {
        let c = compile("consistency-characters", NAMES).unwrap();
        let text = "阿尔巴尼亚宣布。\n阿尔巴尼亚政府表示。\n阿儿巴尼亚的医院。";
        assert_eq!(
            flagged(&*c, text, "zh"),
            [("阿儿巴尼亚".to_string(), Some("阿尔巴尼亚".to_string()))]
        );
    }

    #[test]
    fn a_variant_shares_a_character_with_the_majority() {
        let c = compile(
            "consistency-characters",
            r#"confusables = [["德", "得"], ["里", "利"]]"#,
        )
        .unwrap();
        let text = "总理访问新德里。\n新德里的会议结束。\n双方都从中得利。";
        assert!(texts(&*c, text, "zh").is_empty());
        let slip = "总理访问新德里。\n新德里的会议结束。\n他离开新得里。";
        assert_eq!(texts(&*c, slip, "zh"), ["新得里"]);
    }

    #[test]
    fn no_majority_no_finding() {
        let c = compile("consistency-characters", NAMES).unwrap();
        assert!(texts(&*c, "阿尔巴尼亚宣布。\n阿儿巴尼亚的医院。", "zh").is_empty());
        let twice = "阿尔巴尼亚宣布。\n阿尔巴尼亚政府。\n阿儿巴尼亚医院。\n阿儿巴尼亚学校。";
        let one_paragraph = "莫斯科和莫斯科。\n一。\n二。\n三。\n四。\n莫思科医院。";
        let windowed = compile(
            "consistency-characters",
            r#"confusables = [["斯", "思"]], window = 2"#,
        )
        .unwrap();
        assert!(
            texts(&*windowed, one_paragraph, "zh").is_empty(),
            "two occurrences far away are not near"
        );
        assert!(
            texts(&*c, twice, "zh").is_empty(),
            "a spelling used again is the writer's"
        );
    }

    #[test]
    fn the_majority_must_be_near() {
        let c = compile(
            "consistency-characters",
            r#"confusables = [["斯", "思"]], window = 2"#,
        )
        .unwrap();
        let far = "莫斯科宣布。\n莫斯科表示。\n一。\n二。\n三。\n莫思科医院。";
        assert!(texts(&*c, far, "zh").is_empty());
        let near = "莫斯科宣布。\n莫斯科表示。\n莫思科医院。";
        assert_eq!(texts(&*c, near, "zh"), ["莫思科"]);
    }

    #[test]
    fn options_are_checked() {
        assert!(compile("consistency-characters", r#"confusables = [["斯思"]]"#).is_err());
        assert!(
            compile(
                "consistency-characters",
                r#"confusables = [], min_chars = 1"#
            )
            .is_err()
        );
    }
}
