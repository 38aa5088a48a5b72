//! `source-foreign-addition`: a name-shaped run of words in another script than the target's
//! that the source does not hold (`গ্রামের Rural Clinic Staff কাজ করছেন` for a source that
//! names no such thing). On text alone a run of capitalised words is a name or a title kept
//! in its script, as professional translators keep them (`World Health Organization`), and
//! `mixed-script-span` leaves it; against the source a kept name is the source's own words,
//! so a run whose capitalised words the source lacks is text the translation added or left
//! in the wrong language.
//!
//! A run is consecutive words of another script with only spaces or hyphens between them,
//! shaped as a title (`source_untranslated_span::is_title`; a run with lowercase words is
//! prose, `mixed-script-span`'s). It is flagged when `min_new_words` of its capitalised words
//! (three letters or more, the rest of the word lowercase: not an acronym or `CoV`) are
//! absent from the source, compared case-insensitively and without a final `s` (`Centers` for
//! `Center`). Never flagged: the expansion of an acronym the source writes (`Human
//! Immunodeficiency Virus` for `HIV`: the initials of the run's capitalised words hold it),
//! and a paragraph mostly in the other script (`language`'s to judge).

use std::collections::HashSet;

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use super::shared::is_hyphen;
use super::source_untranslated_span::{foreign_words, is_title};
use super::{BuildError, Check, Context, Hit};
use crate::text::script::script_of;
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Fewest capitalised words of a run absent from the source that make it an addition.
    #[serde(default = "default_min_new_words")]
    min_new_words: usize,
    /// Largest share of a paragraph's words in the other script: above it the paragraph is
    /// foreign, which is `language`'s to judge.
    #[serde(default = "default_max_share")]
    max_share: f64,
}

fn default_min_new_words() -> usize {
    2
}

fn default_max_share() -> f64 {
    0.6
}

#[derive(Debug)]
pub struct ForeignAddition {
    min_new_words: usize,
    max_share: f64,
}

pub fn build(o: Options) -> Result<ForeignAddition, BuildError> {
    if o.min_new_words < 1 {
        return Err(BuildError::new("`min_new_words` must be 1 or more"));
    }
    if !(0.0..=1.0).contains(&o.max_share) {
        return Err(BuildError::new("`max_share` must be between 0 and 1"));
    }
    Ok(ForeignAddition {
        min_new_words: o.min_new_words,
        max_share: o.max_share,
    })
}

/// A word as compared with the source's: lowercased (by `foreign_words`), without a final `s`.
fn fold(w: &str) -> &str {
    w.strip_suffix('s').unwrap_or(w)
}

/// A word without a possessive `'s` (`WHO's`, `CDC’s`: the acronym).
fn possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .or_else(|| w.strip_suffix("'S"))
        .unwrap_or(w)
}

/// A word without its accents (`Médecins` and `Medecins` are one name).
fn plain(w: &str) -> String {
    w.nfd()
        .filter(|&c| !crate::text::script::is_mark(c))
        .collect()
}

/// A capitalised word of three letters or more whose other letters are lowercase.
fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase)
        && word.chars().count() >= 3
        && chars.all(|c| !c.is_uppercase())
}

impl Check for ForeignAddition {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        let Some(native) = ctx.script else { return };
        let foreign = foreign_words(p, native);
        if foreign.len() < 2 || foreign.len() as f64 > self.max_share * p.words.len().max(1) as f64
        {
            return;
        }
        let mut known: HashSet<String> = HashSet::new();
        let mut acronyms: Vec<&str> = Vec::new();
        for w in source.words.iter().filter(|w| w.is_letters()) {
            let text = possessive(source.norm(w));
            if text.chars().count() >= 2 && text.chars().all(char::is_uppercase) {
                acronyms.push(text);
            }
            known.insert(plain(fold(&text.to_lowercase())));
        }
        let mut i = 0;
        while i < foreign.len() {
            let mut j = i + 1;
            while j < foreign.len()
                && p.text[foreign[j - 1].0.end..foreign[j].0.start]
                    .chars()
                    .all(|c| c.is_whitespace() || is_hyphen(c))
            {
                j += 1;
            }
            let run = &foreign[i..j];
            i = j;
            if run.len() < 2 || !is_title(p, run) {
                continue;
            }
            // A source with no letters of the run's script writes its names in its own
            // (`约翰斯·霍普金斯大学` for `Johns Hopkins University`): it cannot show they are
            // not its own.
            let script = p.slice(run[0].0).chars().find_map(script_of);
            if !source.scripts.0.iter().any(|&(s, _)| Some(s) == script) {
                continue;
            }
            let capitalised: Vec<&(Span, String)> = run
                .iter()
                .filter(|(s, _)| is_capitalised(p.slice(*s)))
                .collect();
            let new = capitalised
                .iter()
                .filter(|(_, w)| !known.contains(&plain(fold(possessive(w)))))
                .count();
            if new < self.min_new_words {
                continue;
            }
            let initials: String = run
                .iter()
                .filter_map(|(s, _)| p.slice(*s).chars().next())
                .filter(|c| c.is_uppercase())
                .collect();
            if acronyms.iter().any(|a| initials.contains(a)) {
                continue;
            }
            out.push(Hit::new(Span::new(
                run[0].0.start,
                run[run.len() - 1].0.end,
            )));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flagged(source: &str, target: &str) -> Vec<String> {
        let check = build(Options {
            min_new_words: default_min_new_words(),
            max_share: default_max_share(),
        })
        .unwrap();
        crate::checks::testing::flagged_against(&check, source, target)
    }

    #[test]
    fn names_the_source_lacks() {
        assert_eq!(
            flagged(
                "Health workers in the village were trained last week.",
                "গ্রামের Rural Clinic Staff গত সপ্তাহে প্রশিক্ষণ পেয়েছেন।"
            ),
            ["Rural Clinic Staff"]
        );
        assert_eq!(
            flagged(
                "The council met on Monday.",
                "সোমবার সকালে শহরের Regional Water Board of Directors জরুরি বৈঠক করেছে বলে জানা গেছে।"
            ),
            ["Regional Water Board of Directors"],
            "a title with function words"
        );
    }

    #[test]
    fn the_sources_own_names_acronyms_and_prose() {
        assert!(
            flagged(
                "The World Health Organization declared a pandemic.",
                "World Health Organization মহামারী ঘোষণা করেছে।"
            )
            .is_empty(),
            "a name kept from the source"
        );
        assert!(
            flagged(
                "The Center for Disease Control issued advice.",
                "Centers for Disease Control পরামর্শ দিয়েছে।"
            )
            .is_empty(),
            "a plural s"
        );
        assert!(
            flagged(
                "HIV attacks the immune system.",
                "এইচআইভি (Human Immunodeficiency Virus) রোগ প্রতিরোধ ব্যবস্থাকে আক্রমণ করে।"
            )
            .is_empty(),
            "an acronym of the source expanded"
        );
        assert!(
            flagged(
                "The CDC’s advisers met the WHO's panel.",
                "Centers for Disease Control এবং World Health Organization বৈঠক করেছে বলে জানা গেছে।"
            )
            .is_empty(),
            "acronyms with a possessive"
        );
        assert!(
            flagged(
                "约翰斯·霍普金斯大学的研究人员说。",
                "Johns Hopkins University-র গবেষকরা আজ এই তথ্য জানিয়েছেন বলে খবরে প্রকাশ।"
            )
            .is_empty(),
            "a source in another script names no name in this one"
        );
        assert!(
            flagged(
                "Médecins Sans Frontières sent doctors.",
                "Medecins Sans Frontieres চিকিৎসক পাঠিয়েছে বলে সংস্থাটি জানিয়েছে।"
            )
            .is_empty(),
            "accents aside"
        );
        assert!(
            flagged("SARS-CoV and IgG were found.", "SARS-CoV IgG পাওয়া গেছে।").is_empty(),
            "acronyms are no capitalised words"
        );
        assert!(
            flagged("They met.", "তারা London, Paris এবং অন্যত্র দেখা করেছেন।").is_empty(),
            "a list of names is runs of one word"
        );
        assert!(
            flagged("Side effects are rare.", "টিকার rare side effects বিরল।").is_empty(),
            "prose is mixed-script-span's"
        );
        assert!(
            flagged(
                "A quiet day.",
                "Rural Clinic Staff were all there today in the hall"
            )
            .is_empty(),
            "a paragraph mostly in the other script"
        );
        assert!(
            flagged("", "গ্রামের Rural Clinic Staff গত সপ্তাহে প্রশিক্ষণ পেয়েছেন।").is_empty(),
            "an empty source, with no letters of the run's script, cannot show whose names they are"
        );
    }
}
