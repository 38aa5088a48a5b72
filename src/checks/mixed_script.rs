//! `mixed-script`: one word (UAX #29) whose letters and marks resolve to no single script
//! (UTS #39) and mix the document's script with another, such as an English word glued into a
//! Bengali one (`দৃsolid`). Notation that mixes two foreign scripts (`TNFα` in Bengali) is
//! left alone; a foreign name or acronym with an ending (`HCoVকে`) and a one-letter proclitic
//! before a foreign word (Arabic `وApple`) are accepted. A mixed word that ends or starts a run
//! of foreign words is left to `mixed-script-span`, which flags the run.

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;
use unicode_script::Script;

use super::{BuildError, Check, Context, Hit};
use crate::text::Analysis;
use crate::text::script::{is_letter_or_mark, is_mark, script_of};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Words never flagged (compared case-insensitively).
    #[serde(default)]
    allow: Vec<String>,
    /// Longest native prefix (in letters and marks) accepted before a foreign word, for
    /// scripts that attach proclitics (Arabic `و`).
    #[serde(default = "default_max_proclitic")]
    max_proclitic: usize,
    /// The scripts (Unicode names) whose languages write one-letter proclitics onto a word
    /// (Arabic, Hebrew, Syriac; Amharic `የTelegram`, of Telegram, in Ethiopic), or whose single
    /// letters are notation before Latin ones (Greek `μg`, `ΔG`, `NF-κB`): in any other, one
    /// native letter before a foreign word is a
    /// word cut and filled (Hindi `पioneering`, `सimple`; Russian `Тlatelolco`).
    #[serde(default = "default_proclitic_scripts")]
    proclitic_scripts: Vec<String>,
    /// Two proclitics written together onto a word (Hebrew `וב` and-in, `שב`; Arabic `وب`),
    /// accepted before a foreign word as one proclitic is (`ובThe Lancet`); a preposition of
    /// two letters is no pair of them (`שלApple`, `منGoogle`: a space left out).
    #[serde(default)]
    proclitic_pairs: Vec<String>,
    /// Unit symbols written in small letters (`mg`, `km`, `ml`): notation like an acronym, so a
    /// short ending of the document's script on one is accepted (`500 mgରୁ`, `10 kmకు`).
    #[serde(default)]
    units: Vec<String>,
}

fn default_max_proclitic() -> usize {
    1
}

fn default_proclitic_scripts() -> Vec<String> {
    ["Arabic", "Hebrew", "Syriac", "Ethiopic", "Greek"]
        .map(String::from)
        .to_vec()
}

#[derive(Debug)]
pub struct MixedScript {
    allow: Vec<String>,
    max_proclitic: usize,
    proclitic_scripts: Vec<Script>,
    proclitic_pairs: Vec<String>,
    units: Vec<String>,
}

pub fn build(o: Options) -> Result<MixedScript, BuildError> {
    let proclitic_scripts = o
        .proclitic_scripts
        .iter()
        .map(|name| {
            Script::from_full_name(name).ok_or_else(|| {
                BuildError::new(format!(
                    "proclitic_scripts: `{name}` is no Unicode script name (`Arabic`, `Hebrew`)"
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(MixedScript {
        allow: o.allow.iter().map(|w| w.to_lowercase()).collect(),
        max_proclitic: o.max_proclitic,
        proclitic_scripts,
        proclitic_pairs: o.proclitic_pairs,
        units: o.units.iter().map(|u| u.to_lowercase()).collect(),
    })
}

/// Whether a mixed-script word mixes the document's own script with another in a way that
/// professional text does not: a foreign name or acronym followed by an ending (`HCoVকে`,
/// `CoVகள்`), or preceded by a one-letter proclitic in a script whose languages write them
/// (Arabic `وApple`, "and Apple") is accepted.
fn mixes_native(word: &str, native: Script, ctx: &Context, rule: &MixedScript) -> bool {
    let is_native = |c: char| is_letter_or_mark(c) && script_of(c) == Some(native);
    let is_foreign = |c: char| is_letter_or_mark(c) && script_of(c).is_some_and(|s| s != native);
    let Some(first_native) = word.find(is_native) else {
        return false;
    };
    // A combining mark whose script extensions leave out the document's script (a caron on a
    // Cyrillic letter, Nivkh `пыр̌к`) mixes the word's script set, but no letter of another
    // script is in it.
    if !word.contains(is_foreign) {
        return false;
    }
    let (head, tail) = word.split_at(first_native);
    // The foreign part in capitals (an acronym, `COVID`, `III`), or a unit symbol (`mg`), and
    // how many letters it has.
    let unit = rule.units.iter().any(|u| *u == head.to_lowercase());
    let capitals = unit || head.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    let head_letters = head.chars().filter(|&c| is_letter_or_mark(c)).count();
    // A vowel sign or virama of the document's script on a foreign letter is a word cut and
    // filled (`A्या`, `Aust्या`, `Budgetों`), unless an acronym takes one of the language's
    // endings that starts with one (`ATMों`, Bengali `ATMে`).
    if !head.is_empty() && tail.starts_with(is_mark) {
        let acronym = head_letters >= 2 && capitals;
        return !(acronym && ctx.lexicon.is_ending(&tail.nfc().collect::<String>()));
    }
    // Korean and Japanese names join an acronym to a native word (`LG에너지솔루션은`,
    // `SK하이닉스와`, `NTTドコモ`): in Hangul, Kana or Han an acronym of two to four letters
    // takes any tail (`VACCINE접종이` is an English word glued on).
    if !head.is_empty()
        && (2..=4).contains(&head_letters)
        && capitals
        && matches!(
            native,
            Script::Hangul | Script::Hiragana | Script::Katakana | Script::Han
        )
        && !tail.contains(is_foreign)
    {
        return false;
    }
    if !head.is_empty() && !tail.contains(is_foreign) {
        // A name or acronym (a capital or a digit in it) with an ending attached is accepted:
        // a short ending in any language (`CoVகள்`, `IIIஆம்`), a longer one when the
        // language's pack lists it. A lowercase word with an ending (`waterদের`) is not.
        let name = unit || head.chars().any(|c| c.is_uppercase() || c.is_numeric());
        // In a cased script a capital of another script before small letters is no name but
        // a letter typed for its twin (`Kиев`, `Mинск`, `Сuba`), and capitals of two scripts
        // are no acronym of either (`BOЗ`, `OOН`).
        let cased_tail = tail.chars().any(|c| c.is_lowercase() || c.is_uppercase());
        if cased_tail
            && ((head_letters == 1
                && capitals
                && tail
                    .chars()
                    .find(|&c| is_letter_or_mark(c))
                    .is_some_and(char::is_lowercase))
                || !word.chars().any(char::is_lowercase))
        {
            return true;
        }
        // A short tail passes unlisted after an acronym (`CoVகள்`, `IIIஆம்`), or in a language
        // whose pack lists no endings; after a word in small letters with a capital
        // (`Governmentஅரசு`) only an ending the pack lists does (`Googleஇல்`).
        // Short: four letters and marks at most, or two letters whatever the vowel signs on
        // them (`માંના` after `pH`); `U.S.राज्यों` is a word glued on.
        let letters = tail.chars().filter(|&c| is_letter_or_mark(c));
        let short = (letters.clone().count() <= 4 || letters.filter(|&c| !is_mark(c)).count() <= 2)
            && (capitals || ctx.lexicon.endings.is_empty());
        let tail: String = tail.nfc().collect();
        return !(name && (short || ctx.lexicon.is_ending(&tail)));
    }
    if head.is_empty()
        && let Some(first_foreign) = word.find(is_foreign)
    {
        let (prefix, rest) = word.split_at(first_foreign);
        let letters = prefix.chars().filter(|&c| is_letter_or_mark(c)).count();
        let pair = rule.proclitic_pairs.iter().any(|p| p == prefix);
        let proclitic = letters <= rule.max_proclitic && rule.proclitic_scripts.contains(&native);
        if (proclitic || pair) && !rest.contains(is_native) {
            return false;
        }
    }
    true
}

impl Check for MixedScript {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(native) = ctx.script else { return };
        // A word glued to a native affix inside a run of foreign words is the run's
        // (`mixed-script-span`): one finding for one untranslated phrase.
        let mut runs = None;
        for w in p.words.iter().filter(|w| w.mixed_script) {
            let text = w.text(p.text);
            if mixes_native(text, native, ctx, self) && !self.allow.contains(&text.to_lowercase()) {
                let runs =
                    runs.get_or_insert_with(|| super::mixed_script_span::default_runs(p, ctx));
                if runs
                    .iter()
                    .any(|r| r.start <= w.span.start && w.span.end <= r.end)
                {
                    continue;
                }
                out.push(Hit::new(w.span));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, texts};

    #[test]
    fn proclitics_and_notation() {
        let word = compile("mixed-script", "").unwrap();
        assert!(texts(&*word, "أعلنت شركات مثل وApple عن تطبيقات", "ar").is_empty());
        // Elsewhere one native letter before a foreign word is a word cut and filled.
        assert_eq!(
            texts(&*word, "यह एक पioneering कदम है और सMOOTH तरीका है", "hi"),
            ["पioneering", "सMOOTH"]
        );
        assert_eq!(
            texts(&*word, "на площади Тlatelolco в городе", "ru"),
            ["Тlatelolco"]
        );
        assert!(texts(&*word, "የTelegram ቻናላችንን ይቀላቀሉ", "am").is_empty());
        assert!(texts(&*word, "δόση 5 μg, ΔG και NF-κB στο αίμα", "el").is_empty());
        assert!(compile("mixed-script", r#"proclitic_scripts = ["Arabian"]"#).is_err());
        let strict = compile("mixed-script", "max_proclitic = 0").unwrap();
        assert_eq!(
            texts(&*strict, "أعلنت شركات مثل وApple عن تطبيقات", "ar"),
            ["وApple"]
        );
        // A caron on Cyrillic letters (Nivkh, UDHR article 2) is no other script's letter.
        assert!(texts(&*word, "Нар̌ӿаӊгиск пыр̌к тор̌кир̌ куғытр̌ энагур̌ ӿагур̌", "ru").is_empty());
        // Greek in a Bengali document mixes nothing with Bengali; in an English one it does.
        assert!(texts(&*word, "TNFα নিঃসরণ বাড়ায় এবং রোগ ছড়ায়", "bn").is_empty());
        assert_eq!(
            texts(&*word, "the TNFα level rises in the blood", "en"),
            ["TNFα"]
        );
    }

    #[test]
    fn a_capital_for_its_twin_and_acronyms_of_two_scripts() {
        let word = compile("mixed-script", "").unwrap();
        assert_eq!(
            texts(
                &*word,
                "Он прилетел в Kиев, доклад BOЗ опубликован, COVIDом болеют.",
                "ru"
            ),
            ["Kиев", "BOЗ"]
        );
        assert_eq!(
            texts(&*word, "El presidente visitó Сuba y Рerú.", "es"),
            ["Сuba", "Рerú"]
        );
    }
}
