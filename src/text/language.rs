//! Naming a text's language. whatlang is a script counter for many scripts (every Bengali text
//! is `ben` at confidence 1.0), so decisions about "foreign" text are made from script shares
//! (see `ScriptCounts`); whatlang only names the language, or tells languages of one script apart.

use unicode_script::Script;
use whatlang::{Detector, Lang};

/// A detected language: ISO 639-1 where one exists, else ISO 639-3, and whatlang's confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Detected {
    pub code: String,
    pub name: &'static str,
    pub confidence: f64,
    pub reliable: bool,
}

/// Longest prefix whatlang is given: naming needs little text, and whatlang's trigram model is
/// slow on Latin script.
const SAMPLE_BYTES: usize = 4096;

pub fn detect(text: &str) -> Option<Detected> {
    let mut end = text.len().min(SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let info = Detector::new().detect(&text[..end])?;
    Some(Detected {
        code: short_code(info.lang()).to_string(),
        name: info.lang().eng_name(),
        confidence: info.confidence(),
        reliable: info.is_reliable(),
    })
}

/// What names a document's language: whatlang is given only paragraphs in the document's
/// dominant script, up to `SAMPLE_BYTES`, so a long untranslated paragraph near the top does
/// not make a Bengali document English. The samples are gathered before the script is known
/// (a document streamed by): the start of the document, and the start of its paragraphs in
/// each script, each up to `SAMPLE_BYTES`.
#[derive(Debug, Clone, Default)]
pub struct Samples {
    all: String,
    by_script: Vec<(Option<Script>, String)>,
}

impl Samples {
    pub fn add(&mut self, text: &str, script: Option<Script>) {
        take(&mut self.all, text);
        let i = match self.by_script.iter().position(|(s, _)| *s == script) {
            Some(i) => i,
            None => {
                self.by_script.push((script, String::new()));
                self.by_script.len() - 1
            }
        };
        take(&mut self.by_script[i].1, text);
    }

    /// Whether no paragraph can change what the sample of a document whose dominant script
    /// is `dominant` says.
    pub fn full_for(&self, dominant: Option<Script>) -> bool {
        match dominant {
            None => self.all.len() >= SAMPLE_BYTES,
            Some(_) => self
                .by_script
                .iter()
                .any(|(s, sample)| *s == dominant && sample.len() >= SAMPLE_BYTES),
        }
    }

    /// The sample detection reads for a document of `dominant` script.
    pub fn text(&self, dominant: Option<Script>) -> &str {
        match dominant {
            None => &self.all,
            Some(_) => self
                .by_script
                .iter()
                .find(|(s, _)| *s == dominant)
                .map_or("", |(_, s)| s.as_str()),
        }
    }

    /// The language of the document whose dominant script is `dominant`.
    pub fn detect(&self, dominant: Option<Script>) -> Option<Detected> {
        detect(self.text(dominant))
    }
}

/// Add a paragraph to a sample that is not full yet: only what it still takes (a 100 MB
/// paragraph is not copied), and a line break.
fn take(sample: &mut String, text: &str) {
    if sample.len() >= SAMPLE_BYTES {
        return;
    }
    let mut end = text.len().min(SAMPLE_BYTES - sample.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    sample.push_str(&text[..end]);
    sample.push('\n');
}

/// ISO 639-1 code of a whatlang language where one exists, else its ISO 639-3 code.
pub fn short_code(lang: Lang) -> &'static str {
    let three = lang.code();
    ISO_639_3_TO_1
        .iter()
        .find(|(t, _)| *t == three)
        .map_or(three, |(_, one)| one)
}

/// The English name of a language given as an ISO 639-1 or 639-3 code, when whatlang knows it.
pub fn name_of(code: &str) -> Option<&'static str> {
    let three = ISO_639_3_TO_1
        .iter()
        .find(|(_, one)| *one == code)
        .map_or(code, |(t, _)| t);
    Lang::from_code(three).map(Lang::eng_name)
}

/// ISO 639-3 -> 639-1 for the languages whatlang knows (ISO 639 registry data).
const ISO_639_3_TO_1: &[(&str, &str)] = &[
    ("epo", "eo"),
    ("eng", "en"),
    ("rus", "ru"),
    ("cmn", "zh"),
    ("spa", "es"),
    ("por", "pt"),
    ("ita", "it"),
    ("ben", "bn"),
    ("fra", "fr"),
    ("deu", "de"),
    ("ukr", "uk"),
    ("kat", "ka"),
    ("ara", "ar"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("heb", "he"),
    ("yid", "yi"),
    ("pol", "pl"),
    ("amh", "am"),
    ("jav", "jv"),
    ("kor", "ko"),
    ("nob", "nb"),
    ("dan", "da"),
    ("swe", "sv"),
    ("fin", "fi"),
    ("tur", "tr"),
    ("nld", "nl"),
    ("hun", "hu"),
    ("ces", "cs"),
    ("ell", "el"),
    ("bul", "bg"),
    ("bel", "be"),
    ("mar", "mr"),
    ("kan", "kn"),
    ("ron", "ro"),
    ("slv", "sl"),
    ("hrv", "hr"),
    ("srp", "sr"),
    ("mkd", "mk"),
    ("lit", "lt"),
    ("lav", "lv"),
    ("est", "et"),
    ("tam", "ta"),
    ("vie", "vi"),
    ("urd", "ur"),
    ("tha", "th"),
    ("guj", "gu"),
    ("uzb", "uz"),
    ("pan", "pa"),
    ("aze", "az"),
    ("ind", "id"),
    ("tel", "te"),
    ("pes", "fa"),
    ("mal", "ml"),
    ("ori", "or"),
    ("mya", "my"),
    ("nep", "ne"),
    ("sin", "si"),
    ("khm", "km"),
    ("tuk", "tk"),
    ("aka", "ak"),
    ("zul", "zu"),
    ("sna", "sn"),
    ("afr", "af"),
    ("lat", "la"),
    ("slk", "sk"),
    ("cat", "ca"),
    ("tgl", "tl"),
    ("hye", "hy"),
    ("cym", "cy"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_bengali_and_english() {
        let bn = detect("রাশিয়ার রাষ্ট্রপতি ভ্লাদিমির পুতিন উত্তর কোরিয়ার একটি চিঠিতে").unwrap();
        assert_eq!(bn.code, "bn");
        let en = detect("The quick brown fox jumps over the lazy dog near the river bank").unwrap();
        assert_eq!(en.code, "en");
        assert_eq!(name_of("bn"), Some("Bengali"));
    }
}
