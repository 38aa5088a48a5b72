//! `language`: a paragraph that is not in the document's language, typically a segment MT left
//! untranslated. A paragraph whose words are mostly (`min_share`) of another script than the
//! document's, and, in a cased script, are prose (`min_common_share` of them lowercase, or a
//! source-language function word among them, as in a title) rather than a list of names, is
//! foreign; words are counted rather than letters, so one Han character weighs as much as one
//! English word; with `same_script = true`, whatlang also compares languages that share a
//! script, but only when it is confident (`min_confidence`) on a long paragraph. Short
//! paragraphs (`min_letters`) and mixed ones stay quiet, except a short sentence of the source
//! language's words (three words or more, two of them `source_words`: `how high is your
//! fever?`), down to `SHORT_LETTERS` letters.

use serde::Deserialize;

use super::shared::trimmed;
use super::{BuildError, Check, Context, Hit};
use crate::lexicon::{LOOK_ALIKE_PARAGRAPH, LOOK_ALIKE_SHARE, Likeness};
use crate::text::language::{detect, name_of};
use unicode_script::Script;

use crate::text::Analysis;
use crate::text::script::{
    is_cased_letter, is_lowercase_letter, script_name, script_of, written_together,
};

#[derive(Debug, Deserialize)]
pub struct Options {
    #[serde(default = "default_min_letters")]
    min_letters: usize,
    #[serde(default = "default_min_share")]
    min_share: f64,
    #[serde(default)]
    same_script: bool,
    #[serde(default = "default_min_confidence")]
    min_confidence: f64,
    /// In a cased script, the share of the foreign words that must be lowercase (prose, not a
    /// list of names).
    #[serde(default = "default_min_common_share")]
    min_common_share: f64,
    /// The share of a paragraph's words of the document's script that must be words of one of
    /// the language data's `look_alikes` (a language written in the same script) for the
    /// paragraph to be in it.
    #[serde(default = "default_look_alike_share")]
    look_alike_share: f64,
}

fn default_look_alike_share() -> f64 {
    LOOK_ALIKE_SHARE
}

fn default_min_common_share() -> f64 {
    0.25
}

fn default_min_letters() -> usize {
    20
}
fn default_min_share() -> f64 {
    0.6
}
fn default_min_confidence() -> f64 {
    0.9
}

#[derive(Debug)]
pub struct Language {
    o: Options,
}

pub fn build(o: Options) -> Result<Language, BuildError> {
    if !(0.5..=1.0).contains(&o.min_share) {
        return Err(BuildError::new("`min_share` must lie between 0.5 and 1.0"));
    }
    if !(o.look_alike_share > 0.0 && o.look_alike_share <= 1.0) {
        return Err(BuildError::new(
            "`look_alike_share` must lie above 0 and at most 1",
        ));
    }
    Ok(Language { o })
}

/// Fewest letters of a paragraph ever judged.
const SHORT_LETTERS: usize = 10;

/// Words of a paragraph per script, and how many of each script's words are lowercase.
struct WordScripts {
    counts: Vec<(Script, usize, usize)>,
    total: usize,
    /// Foreign words that are source-language words, lowercase or capitalised (`the`, `Of`):
    /// in a paragraph of foreign words only, a headline in title case has them.
    source_words: usize,
    /// Foreign lowercase words that are not source words: the content words of prose.
    content_lower: usize,
    /// Words of the document's script.
    native: usize,
}

impl WordScripts {
    fn of(p: &Analysis, ctx: &Context) -> WordScripts {
        let mut counts: Vec<(Script, usize, usize)> = Vec::new();
        let mut caps_by_script: Vec<(Script, usize)> = Vec::new();
        let (mut total, mut source_words, mut content_lower, mut native) = (0, 0, 0, 0);
        let several = crate::lang::script_of(&ctx.language).is_none();
        for w in p.words.iter().filter(|w| w.is_letters()) {
            let Some(s) = w.script else { continue };
            // Scripts one language writes together are the document's, in a language written
            // in several (a Japanese document's Hiragana words beside its Han ones); in one
            // written in a single script (Chinese: Han) another is foreign (Kana).
            let s = match ctx.script {
                Some(d) if several && written_together(s, d) => d,
                _ => s,
            };
            let text = w.text(p.text);
            // Most words have no case at all (the one pass says so): no need to read them.
            let cased = w.has_case && text.chars().any(is_cased_letter);
            let lower = cased
                && text
                    .chars()
                    .all(|c| !is_cased_letter(c) || is_lowercase_letter(c));
            if Some(s) == ctx.script {
                native += 1;
            } else {
                match ctx.lexicon.source_word(text) {
                    Some(_) => source_words += 1,
                    None => content_lower += usize::from(lower),
                }
            }
            let caps = cased
                && text
                    .chars()
                    .all(|c| !is_cased_letter(c) || c.is_uppercase());
            total += 1;
            if caps {
                match caps_by_script.iter_mut().find(|e| e.0 == s) {
                    Some(e) => e.1 += 1,
                    None => caps_by_script.push((s, 1)),
                }
            }
            match counts.iter_mut().find(|e| e.0 == s) {
                Some(e) => {
                    e.1 += 1;
                    e.2 += usize::from(lower);
                }
                None => counts.push((s, 1, usize::from(lower))),
            }
        }
        // A heading in capitals (`ORDER OF THE STATE PUBLIC HEALTH OFFICER`) is prose too:
        // when most words of a script are all capitals, they count as common words.
        for e in &mut counts {
            let caps = caps_by_script
                .iter()
                .find(|c| c.0 == e.0)
                .map_or(0, |c| c.1);
            if caps >= 4 && caps * 5 >= e.1 * 4 {
                e.2 = e.2.max(caps);
            }
        }
        counts.sort_by(|a, b| {
            b.1.cmp(&a.1)
                .then_with(|| a.0.full_name().cmp(b.0.full_name()))
        });
        WordScripts {
            counts,
            total,
            source_words,
            content_lower,
            native,
        }
    }
}

impl Language {
    /// The look-alike language (`Lexicon::look_alikes`) a paragraph of the document's script is
    /// in: the one with the most words in it, `LOOK_ALIKE_WORDS` at least and
    /// `look_alike_share` of the paragraph's words of that script.
    fn look_alike(&self, p: &Analysis, ctx: &Context, doc_script: Script) -> Option<String> {
        let lexicon = &ctx.lexicon;
        // Those written in the document's script, not its own language, whose letters (if
        // they have no words) the paragraph holds.
        let candidates = lexicon.look_alike_candidates(p.text, doc_script, &ctx.language);
        if candidates.is_empty() && !lexicon.has_alphabet() {
            return None;
        }
        let words: Vec<&crate::text::Word> = p
            .words
            .iter()
            .filter(|w| w.is_letters() && w.script == Some(doc_script))
            .collect();
        if words.len() < LOOK_ALIKE_PARAGRAPH {
            return None;
        }
        // The words that may speak for a look-alike: not inside quotation marks or brackets
        // (a title cited, `'The Girl with the Dragon Tattoo'`), and, in a cased script, not
        // capitalised inside a sentence (names: `Київ, Харків и Львів` in a Russian one).
        let mut quotes = crate::text::sentences::Quotes::default();
        let mut prev = None;
        let mut chars = p.text.char_indices().peekable();
        let mut open: Vec<bool> = Vec::with_capacity(words.len());
        let mut names = 0;
        for w in &words {
            while let Some(&(at, c)) = chars.peek() {
                if at >= w.span.start {
                    break;
                }
                quotes.read(c, prev);
                prev = Some(c);
                chars.next();
            }
            let capitalised = w.has_case
                && w.text(p.text)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !p.starts_sentence(w.span.start);
            names += usize::from(capitalised);
            open.push(quotes.depth() == 0 && !capitalised);
        }
        // A title or a list of names in a cased script (`The Lord of the Rings: The Return of
        // the King`) is no paragraph of prose: two words in five or more capitalised.
        if names * 5 >= words.len() * 2 {
            return None;
        }
        // The look-alike with the most words in the paragraph: by its letters, two words and
        // an eighth of the paragraph's (a letter the document's language never writes is
        // strong evidence); with its words too, `LOOK_ALIKE_WORDS` and `look_alike_share`.
        let counted = words
            .iter()
            .zip(&open)
            .filter(|(_, o)| **o)
            .map(|(w, _)| (p.norm(w), w.has_case));
        lexicon
            .best_look_alike(&candidates, counted, words.len(), self.o.look_alike_share)
            .map(|l| match l {
                Likeness::Of(i) => lexicon.look_alikes[i].name.clone(),
                Likeness::Third => {
                    format!("another language written in {}", script_name(doc_script))
                }
            })
    }
}

impl Check for Language {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(doc_script) = ctx.script else { return };
        if p.scripts.total() < SHORT_LETTERS.min(self.o.min_letters)
            || (p.scripts.total() < self.o.min_letters && p.scripts.dominant() == Some(doc_script))
        {
            return;
        }
        let words = WordScripts::of(p, ctx);
        // Under the letter floor only a short sentence of source words counts (`how high is
        // your fever?`): three words or more, two of them source-language words.
        if p.scripts.total() < self.o.min_letters && (words.total < 3 || words.source_words < 2) {
            return;
        }
        let Some(&(top, n, lower)) = words.counts.first() else {
            return;
        };
        // Made for a finding only.
        let expected = || {
            name_of(&ctx.language)
                .unwrap_or(ctx.language.as_str())
                .to_string()
        };
        if top != doc_script {
            let share = n as f64 / words.total as f64;
            // Untranslated prose has common (lowercase) words, or the source language's
            // function words even in a title (`Travel History of the Patients`); a list of
            // names in a cased script has neither. Inside a native sentence, a title it cites
            // (`… The New England Journal of Medicine সাময়িকীতে`) has function words too, so
            // there only lowercase content words make prose.
            let cased = p
                .text
                .chars()
                .any(|c| script_of(c) == Some(top) && is_cased_letter(c));
            let common = |k: usize| k as f64 >= self.o.min_common_share * n as f64;
            let prose = !cased
                || if words.native == 0 {
                    common(lower) || words.source_words > 0
                } else {
                    common(words.content_lower)
                };
            if share < self.o.min_share || !prose {
                return;
            }
            // Named from its foreign words alone, so the native words around them do not
            // make whatlang call it the document's language.
            let foreign: Vec<&str> = p
                .words
                .iter()
                .filter(|w| w.script == Some(top))
                .map(|w| w.text(p.text))
                .collect();
            let language = detect(&foreign.join(" "))
                .filter(|d| d.reliable && d.code != ctx.language)
                .map_or_else(
                    || format!("{} script", script_name(top)),
                    |d| d.name.to_string(),
                );
            out.push(
                Hit::new(trimmed(p.text))
                    .var("language", language)
                    .var("expected", expected()),
            );
        } else if let Some(name) = self.look_alike(p, ctx, doc_script) {
            out.push(
                Hit::new(trimmed(p.text))
                    .var("language", name)
                    .var("expected", expected()),
            );
        } else if self.o.same_script && p.scripts.total() >= self.o.min_letters * 4 {
            let Some(d) = detect(p.text) else { return };
            // Letters of another script than the named language's, a tenth of them or more,
            // say whatlang misnamed it (Kana in a paragraph it calls Mandarin: Chinese writes
            // no Kana, and a Japanese paragraph of many Han characters reads as Chinese to it).
            let named = crate::lang::script_of(&d.code);
            let others: usize = p
                .scripts
                .0
                .iter()
                .filter(|&&(s, _)| Some(s) != named)
                .map(|&(_, n)| n)
                .sum();
            if named.is_some() && others * 10 >= p.scripts.total() {
                return;
            }
            if d.reliable && d.confidence >= self.o.min_confidence && d.code != ctx.language {
                out.push(
                    Hit::new(trimmed(p.text))
                        .var("language", d.name)
                        .var("expected", expected()),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    const BN: &str = "রাশিয়ার রাষ্ট্রপতি পুতিন উত্তর কোরিয়ার সেনাদের প্রশংসা করে চিঠি পাঠিয়েছেন।\nদক্ষিণ কোরিয়ার গোয়েন্দা সংস্থাগুলি বলেছে যে পিয়ংইয়াং সৈন্য পাঠিয়েছিল।\n";

    #[test]
    fn foreign_prose_not_short_lines_or_names() {
        let c = compile("language", "").unwrap();
        let prose = format!("{BN}The ministry said the vaccine would be available next month.");
        assert_eq!(
            texts(&*c, &prose, "bn"),
            ["The ministry said the vaccine would be available next month."]
        );
        assert!(
            texts(&*c, &format!("{BN}Thank you."), "bn").is_empty(),
            "under the letter floor"
        );
        assert!(
            texts(
                &*c,
                &format!("{BN}Amanda King, Bryan Jones, Gregory Victor, Lisa Smith"),
                "bn"
            )
            .is_empty()
        );
        assert!(compile("language", "min_share = 0.2").is_err());
    }

    #[test]
    fn japanese_is_han_and_kana_together() {
        let c = compile("language", "").unwrap();
        let ja = "その後、処理された水は重力とポンプによって貯水池に送られ、そこから各家庭の顧客に届けられます。\n\
                  第二次世界大戦後、社会保障制度は大規模に拡張され、近代的な福祉国家の基礎となった。\n\
                  この制度は戦後の報告書の影響で大きく拡張され、最初の近代的な福祉国家となりました。\n\
                  彼女は東京大学医学部附属病院で臨床研究部門長を務め、国際共同研究を主導した。\n";
        assert!(texts(&*c, ja, "ja").is_empty());
        // Languages of one writing system told apart by whatlang: Kana say Japanese.
        let strict = compile("language", "same_script = true, min_letters = 8").unwrap();
        assert!(texts(&*strict, ja, "ja").is_empty());
        let zh = format!(
            "{ja}世界卫生组织总干事谭德塞表示，新型冠状病毒疫情已经构成国际关注的突发公共卫生事件，各国必须立即采取行动。"
        );
        assert_eq!(
            texts(&*strict, &zh, "ja").len(),
            1,
            "Chinese, with no Kana, in a Japanese document"
        );
    }

    #[test]
    fn titles_and_short_sentences_with_source_words() {
        let c = compile("language", "").unwrap();
        let title = format!("{BN}COVID-19 Was Identified in December 2019");
        assert_eq!(
            texts(&*c, &title, "bn"),
            ["COVID-19 Was Identified in December 2019"]
        );
        let short = format!("{BN}how high is your fever?");
        assert_eq!(texts(&*c, &short, "bn"), ["how high is your fever?"]);
        assert!(
            texts(&*c, &format!("{BN}Centers, Disease Control"), "bn").is_empty(),
            "names, no source words"
        );
        for cited in [
            "গবেষণাটি প্রকাশিত হয়েছে The New England Journal of Medicine সাময়িকীতে।",
            "সূত্র: The Times of India",
        ] {
            assert!(
                texts(&*c, &format!("{BN}{cited}"), "bn").is_empty(),
                "a title cited in a native sentence: {cited}"
            );
        }
        assert!(
            !texts(
                &*c,
                &format!("{BN}রোগী the patient was admitted to the hospital"),
                "bn"
            )
            .is_empty(),
            "prose after a native word"
        );
    }
}
