//! Language tags as users and files write them (BCP 47 `bn-BD`, `zh-Hans`, POSIX `bn_BD`,
//! `BN`, ISO 639-3 `ben`), reduced to the language subtag the packs and reports use (`bn`).

/// ISO 639-1: every two-letter language code.
const ISO_639_1: &[&str] = &[
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// ISO 639-2/3 codes of languages with a two-letter code, for tags written with three letters.
const THREE_TO_TWO: &[(&str, &str)] = &[
    ("ara", "ar"),
    ("ben", "bn"),
    ("chi", "zh"),
    ("cmn", "zh"),
    ("deu", "de"),
    ("eng", "en"),
    ("fas", "fa"),
    ("fra", "fr"),
    ("ger", "de"),
    ("guj", "gu"),
    ("hin", "hi"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kor", "ko"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("nep", "ne"),
    ("ori", "or"),
    ("pan", "pa"),
    ("per", "fa"),
    ("pes", "fa"),
    ("por", "pt"),
    ("rus", "ru"),
    ("sin", "si"),
    ("spa", "es"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tha", "th"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("vie", "vi"),
    ("zho", "zh"),
];

/// The scripts a language writes together where it has no one script (Japanese: kana and
/// Han), the first the one a document of it is expected in when none of them is its
/// dominant script (a line of code and kana, `config.yamlを保存します`).
pub fn scripts_together(language: &str) -> &'static [unicode_script::Script] {
    use unicode_script::Script as S;
    match language {
        "ja" => &[S::Hiragana, S::Katakana, S::Han],
        _ => &[],
    }
}

/// The script a language is written in, for languages written in one script: what a forced
/// language (`--lang`, the project file, a file's declared language) expects its text to be.
/// A language written in several scripts today (Serbian in Cyrillic and Latin, Punjabi in
/// Gurmukhi and Shahmukhi, Uzbek, Kazakh, Sindhi...) has none: its document's own script is
/// the one expected, whichever it is.
pub fn script_of(language: &str) -> Option<unicode_script::Script> {
    use unicode_script::Script as S;
    let script = match language {
        "sr" | "bs" | "uz" | "az" | "tk" | "kk" | "mn" | "ug" | "tt" | "pa" | "sd" | "ks"
        | "ku" | "sa" | "pi" | "jv" | "ff" | "iu" | "cr" | "oj" | "ja" => return None,
        "bn" | "as" => S::Bengali,
        "hi" | "mr" | "ne" | "mai" | "bho" => S::Devanagari,
        "ta" => S::Tamil,
        "te" => S::Telugu,
        "kn" => S::Kannada,
        "ml" => S::Malayalam,
        "gu" => S::Gujarati,
        "or" => S::Oriya,
        "si" => S::Sinhala,
        "ar" | "fa" | "ur" | "ps" => S::Arabic,
        "he" | "yi" => S::Hebrew,
        "ru" | "uk" | "be" | "bg" | "mk" | "ky" | "tg" | "ab" | "av" | "ba" | "ce" | "cu"
        | "cv" | "kv" | "os" => S::Cyrillic,
        "bo" | "dz" => S::Tibetan,
        "dv" => S::Thaana,
        "ii" => S::Yi,
        "ae" => S::Avestan,
        "el" => S::Greek,
        "hy" => S::Armenian,
        "ka" => S::Georgian,
        "th" => S::Thai,
        "lo" => S::Lao,
        "km" => S::Khmer,
        "my" => S::Myanmar,
        "am" | "ti" => S::Ethiopic,
        "zh" => S::Han,
        "ko" => S::Hangul,
        l if ISO_639_1.contains(&l) => S::Latin,
        _ => return None,
    };
    Some(script)
}

/// The language subtag of a tag, lowercase (`bn-BD` -> `bn`, `ben` -> `bn`), or why the tag
/// is not one: malformed, or no known language.
pub fn normalise(tag: &str) -> Result<String, String> {
    let tag = tag.trim();
    let mut subtags = tag.split(['-', '_']);
    let primary = subtags.next().unwrap_or("").to_ascii_lowercase();
    let well_formed = (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.chars().all(|c| c.is_ascii_alphanumeric()));
    if !well_formed {
        return Err(format!(
            "`{tag}` is not a language tag (expected BCP 47, e.g. `bn` or `bn-BD`)"
        ));
    }
    if ISO_639_1.contains(&primary.as_str()) {
        return Ok(primary);
    }
    if let Some((_, two)) = THREE_TO_TWO.iter().find(|(three, _)| *three == primary) {
        return Ok(two.to_string());
    }
    if primary.len() == 3 && whatlang::Lang::from_code(&primary).is_some() {
        return Ok(primary);
    }
    Err(format!("`{tag}`: unknown language `{primary}`"))
}

#[cfg(test)]
mod tests {
    use super::normalise;

    #[test]
    fn scripts_of_languages() {
        use unicode_script::Script;
        assert_eq!(super::script_of("bn"), Some(Script::Bengali));
        assert_eq!(super::script_of("en"), Some(Script::Latin));
        assert_eq!(super::script_of("ja"), None);
        // Written in several scripts: the document's own is expected.
        assert_eq!(super::script_of("sr"), None);
        assert_eq!(super::script_of("pa"), None);
        // Not Latin, though ISO 639-1 names them beside the Latin ones.
        assert_eq!(super::script_of("bo"), Some(Script::Tibetan));
        assert_eq!(super::script_of("dv"), Some(Script::Thaana));
        assert_eq!(super::script_of("os"), Some(Script::Cyrillic));
    }

    #[test]
    fn tags_reduce_to_their_language() {
        for tag in ["bn", "bn-BD", "bn_BD", "BN", "ben", "bn-Beng-IN"] {
            assert_eq!(normalise(tag).as_deref(), Ok("bn"), "{tag}");
        }
        assert_eq!(normalise("zh-Hans").as_deref(), Ok("zh"));
        assert_eq!(normalise("ml").as_deref(), Ok("ml"));
        for bad in ["english", "xx", "", "b", "bn--x", "bn-toolongsubtag"] {
            assert!(normalise(bad).is_err(), "{bad}");
        }
    }
}
