//! Character classes and scripts, straight from Unicode properties (no hand-made tables).

use std::sync::OnceLock;
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

use unicode_script::{Script, ScriptExtension, UnicodeScript};

/// Canonical combining class of a virama (Bengali ্, Devanagari ्, Tamil ்...).
pub const VIRAMA_CLASS: u8 = 9;

/// What the rules ask of a character, millions of times per megabyte: its general category
/// group, script, canonical combining class and NFC quick-check value. The crates are the
/// source of truth; this cache keeps their answers for each 256-character block of the BMP
/// once it is first touched (a test holds it against them).
#[derive(Clone, Copy)]
struct Info {
    flags: u8,
    script: Script,
    ccc: u8,
    nfc: NfcQuick,
}

/// A character's NFC_Quick_Check value.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NfcQuick {
    Yes,
    Maybe,
    No,
}

const LETTER: u8 = 1;
const MARK: u8 = 2;
const DECIMAL: u8 = 4;
const CASED: u8 = 8;
const LOWER: u8 = 16;
/// Whitespace, punctuation, separators and controls other than the joiners: a mark after one
/// has no base.
const BREAKS: u8 = 32;
/// Has a canonical decomposition other than itself.
const DECOMPOSES: u8 = 64;

fn lookup(c: char) -> Info {
    let mut flags = match c.general_category_group() {
        GeneralCategoryGroup::Letter => LETTER,
        GeneralCategoryGroup::Mark => MARK,
        _ => 0,
    };
    if c.general_category() == GeneralCategory::DecimalNumber {
        flags |= DECIMAL;
    }
    if c.is_letter_cased() {
        flags |= CASED;
    }
    if c.general_category() == GeneralCategory::LowercaseLetter {
        flags |= LOWER;
    }
    if c.is_whitespace()
        || matches!(
            c.general_category_group(),
            GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Separator
        )
        || (c.is_control() && !is_joiner(c))
    {
        flags |= BREAKS;
    }
    let mut decomposes = false;
    unicode_normalization::char::decompose_canonical(c, |d| decomposes |= d != c);
    if decomposes {
        flags |= DECOMPOSES;
    }
    Info {
        flags,
        script: c.script(),
        ccc: unicode_normalization::char::canonical_combining_class(c),
        nfc: match unicode_normalization::is_nfc_quick(std::iter::once(c)) {
            unicode_normalization::IsNormalized::Yes => NfcQuick::Yes,
            unicode_normalization::IsNormalized::Maybe => NfcQuick::Maybe,
            unicode_normalization::IsNormalized::No => NfcQuick::No,
        },
    }
}

static BMP: [OnceLock<Box<[Info; 256]>>; 256] = [const { OnceLock::new() }; 256];

#[inline]
fn info(c: char) -> Info {
    let code = c as u32;
    if code >= 0x1_0000 {
        return lookup(c);
    }
    let block = BMP[(code >> 8) as usize].get_or_init(|| {
        let base = code & !0xFF;
        Box::new(std::array::from_fn(|i| {
            // Surrogates are not chars; their slots are never read.
            char::from_u32(base + i as u32).map_or(
                Info {
                    flags: 0,
                    script: Script::Unknown,
                    ccc: 0,
                    nfc: NfcQuick::Yes,
                },
                lookup,
            )
        }))
    });
    block[(code & 0xFF) as usize]
}

/// Canonical combining class (0 for starters; 9 for viramas).
pub fn combining_class(c: char) -> u8 {
    info(c).ccc
}

/// The NFC_Quick_Check value of a character.
pub fn nfc_quick(c: char) -> NfcQuick {
    info(c).nfc
}

/// Whether a mark after `c` has nothing to attach to: whitespace, punctuation, separators and
/// controls other than the joiners.
pub fn breaks_cluster(c: char) -> bool {
    info(c).flags & BREAKS != 0
}

/// Whether `c` has a canonical decomposition (`ঢ়` U+09DD is `ঢ` + nukta).
pub fn decomposes(c: char) -> bool {
    info(c).flags & DECOMPOSES != 0
}

/// Letters and marks: the characters UTS #39 resolves a word's script set from.
pub fn is_letter_or_mark(c: char) -> bool {
    info(c).flags & (LETTER | MARK) != 0
}

pub fn is_letter(c: char) -> bool {
    info(c).flags & LETTER != 0
}

pub fn is_mark(c: char) -> bool {
    info(c).flags & MARK != 0
}

/// A decimal digit of any numbering system (General_Category = Nd).
pub fn is_decimal_digit(c: char) -> bool {
    c.is_ascii_digit() || info(c).flags & DECIMAL != 0
}

/// Zero joiner and non-joiner: format characters that live inside words.
pub fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// Variation selectors are marks, but they select a glyph, not a sound: never judged as marks.
pub fn is_variation_selector(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}')
}

pub fn is_lowercase_letter(c: char) -> bool {
    info(c).flags & LOWER != 0
}

pub fn is_cased_letter(c: char) -> bool {
    info(c).flags & CASED != 0
}

/// The script a letter or mark is written in; `None` for characters shared by all scripts.
pub fn script_of(c: char) -> Option<Script> {
    match info(c).script {
        Script::Common | Script::Inherited | Script::Unknown => None,
        s => Some(s),
    }
}

/// The resolved script set of a run of text per UTS #39 section 5.1, over letters and marks only.
/// `None` means "every script" (nothing script-specific in the text).
pub fn resolved_scripts(text: &str) -> Option<ScriptExtension> {
    let mut set: Option<ScriptExtension> = None;
    for c in text.chars().filter(|&c| is_letter_or_mark(c)) {
        let scx = c.script_extension();
        if scx.is_common() || scx.is_inherited() {
            continue;
        }
        match set.as_mut() {
            Some(s) => s.intersect_with(scx),
            None => set = Some(scx),
        }
    }
    set
}

/// Whether the letters and marks of `text` belong to no single script (UTS #39 "mixed-script").
pub fn is_mixed_script(text: &str) -> bool {
    resolved_scripts(text).is_some_and(|s| s.is_empty())
}

/// Whether a script is written without spaces between words, so words are counted by UAX #29.
pub fn is_unspaced(script: Script) -> bool {
    matches!(
        script,
        Script::Han
            | Script::Hiragana
            | Script::Katakana
            | Script::Thai
            | Script::Lao
            | Script::Khmer
            | Script::Myanmar
            | Script::Tibetan
    )
}

/// The zero of the numbering system a decimal digit belongs to (UTS #39 section 5.3): decimal
/// digits are encoded in runs of ten starting at zero, so the zero is found from the run.
pub fn digit_zero(c: char) -> Option<char> {
    if c.is_ascii_digit() {
        return Some('0');
    }
    if !is_decimal_digit(c) {
        return None;
    }
    let code = c as u32;
    let mut start = code;
    // Runs of consecutive Nd code points are at most a few dozen long (mathematical digits: 50).
    while start > 0 && code - start < 64 {
        match char::from_u32(start - 1) {
            Some(p) if p.general_category() == GeneralCategory::DecimalNumber => start -= 1,
            _ => break,
        }
    }
    char::from_u32(start + (code - start) / 10 * 10)
}

/// The script a numbering system belongs to, named for reports.
pub fn numbering_system_name(zero: char) -> String {
    if zero == '0' {
        return "ASCII".to_string();
    }
    match zero.script() {
        Script::Common => format!("U+{:04X}", zero as u32),
        s => s.full_name().to_string(),
    }
}

pub fn script_name(script: Script) -> &'static str {
    script.full_name()
}

pub fn script_by_name(name: &str) -> Option<Script> {
    Script::from_full_name(name).or_else(|| Script::from_short_name(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_zero_finds_the_numbering_system() {
        assert_eq!(digit_zero('7'), Some('0'));
        assert_eq!(digit_zero('৭'), Some('০'));
        assert_eq!(digit_zero('٣'), Some('٠'));
        assert_eq!(digit_zero('a'), None);
    }

    #[test]
    fn the_cache_answers_as_the_crates_do() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let group = c.general_category_group();
            assert_eq!(is_letter(c), group == GeneralCategoryGroup::Letter, "{c:?}");
            assert_eq!(is_mark(c), group == GeneralCategoryGroup::Mark, "{c:?}");
            assert_eq!(
                is_decimal_digit(c),
                c.general_category() == GeneralCategory::DecimalNumber,
                "{c:?}"
            );
            assert_eq!(is_cased_letter(c), c.is_letter_cased(), "{c:?}");
            assert_eq!(
                is_lowercase_letter(c),
                c.general_category() == GeneralCategory::LowercaseLetter,
                "{c:?}"
            );
            assert_eq!(info(c).script, c.script(), "{c:?}");
            assert_eq!(
                combining_class(c),
                unicode_normalization::char::canonical_combining_class(c),
                "{c:?}"
            );
            let quick = match unicode_normalization::is_nfc_quick(std::iter::once(c)) {
                unicode_normalization::IsNormalized::Yes => NfcQuick::Yes,
                unicode_normalization::IsNormalized::Maybe => NfcQuick::Maybe,
                unicode_normalization::IsNormalized::No => NfcQuick::No,
            };
            assert_eq!(nfc_quick(c), quick, "{c:?}");
            let mut parts = Vec::new();
            unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
            assert_eq!(decomposes(c), parts != [c], "{c:?}");
            let breaks = c.is_whitespace()
                || matches!(
                    group,
                    GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Separator
                )
                || (c.is_control() && !is_joiner(c));
            assert_eq!(breaks_cluster(c), breaks, "{c:?}");
        }
    }

    #[test]
    fn mixed_script_words() {
        assert!(is_mixed_script("দৃsolid"));
        assert!(!is_mixed_script("দৃঢ়"));
        assert!(!is_mixed_script("WHO"));
        // danda and digits are shared, joiners inherited: not mixed
        assert!(!is_mixed_script("র\u{200D}্যাব"));
        assert!(resolved_scripts("2025").is_none());
    }
}
