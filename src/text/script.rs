//! Character classes and scripts, straight from Unicode properties (no hand-made tables).

use unicode_script::{Script, ScriptExtension, UnicodeScript};

use super::props::{ALNUM, BREAKS, CASED, DECIMAL, DECOMPOSES, LETTER, LOWER, MARK, UPPER, props};

/// Canonical combining class of a virama (Bengali ্, Devanagari ्, Tamil ்...).
pub const VIRAMA_CLASS: u8 = 9;

#[inline]
fn flags(c: char) -> u16 {
    props(c).flags
}

/// Canonical combining class (0 for starters; 9 for viramas).
pub fn combining_class(c: char) -> u8 {
    props(c).ccc
}

/// Whether a mark after `c` has nothing to attach to: whitespace, punctuation, separators and
/// controls other than the joiners.
pub fn breaks_cluster(c: char) -> bool {
    flags(c) & BREAKS != 0
}

/// Whether `c` has a canonical decomposition (`ঢ়` U+09DD is `ঢ` + nukta).
pub fn decomposes(c: char) -> bool {
    flags(c) & DECOMPOSES != 0
}

/// Letters and marks: the characters UTS #39 resolves a word's script set from.
pub fn is_letter_or_mark(c: char) -> bool {
    flags(c) & (LETTER | MARK) != 0
}

pub fn is_letter(c: char) -> bool {
    flags(c) & LETTER != 0
}

pub fn is_mark(c: char) -> bool {
    flags(c) & MARK != 0
}

/// A decimal digit of any numbering system (General_Category = Nd).
pub fn is_decimal_digit(c: char) -> bool {
    c.is_ascii_digit() || flags(c) & DECIMAL != 0
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
    flags(c) & LOWER != 0
}

pub fn is_cased_letter(c: char) -> bool {
    flags(c) & CASED != 0
}

/// `char::is_uppercase`, from the table.
pub fn is_uppercase(c: char) -> bool {
    flags(c) & UPPER != 0
}

/// `char::is_alphanumeric`, from the table.
pub fn is_alphanumeric(c: char) -> bool {
    flags(c) & ALNUM != 0
}

/// The script a letter or mark is written in; `None` for characters shared by all scripts.
pub fn script_of(c: char) -> Option<Script> {
    match props(c).script {
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

/// Whether two scripts are written together in one language (Japanese: Han and Kana; Korean:
/// Hangul and Han), so neither is foreign in a document of the other.
pub fn written_together(a: Script, b: Script) -> bool {
    use Script::*;
    let cjk = |s| matches!(s, Han | Hiragana | Katakana | Bopomofo);
    a == b || (cjk(a) && cjk(b)) || matches!((a, b), (Han, Hangul) | (Hangul, Han))
}

/// Whether a script has upper and lower case, so a capital can mark a name in it.
pub fn is_cased(script: Script) -> bool {
    matches!(
        script,
        Script::Latin
            | Script::Cyrillic
            | Script::Greek
            | Script::Armenian
            | Script::Coptic
            | Script::Glagolitic
    )
}

/// The first character of a script written without spaces (`is_unspaced`): Thai, U+0E00.
/// Below it every script is spaced (a test holds it).
const UNSPACED_FROM: char = '\u{0E00}';

/// A character of a script written without spaces (`is_unspaced`); one below U+0E00 (Latin,
/// Cyrillic, Arabic, the Indic scripts) is answered without a table lookup.
pub fn is_unspaced_char(c: char) -> bool {
    c >= UNSPACED_FROM && script_of(c).is_some_and(is_unspaced)
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
    let p = props(c);
    if p.flags & DECIMAL == 0 {
        return None;
    }
    char::from_u32(c as u32 - u32::from(p.digit))
}

/// The script a numbering system belongs to, named for reports.
pub fn numbering_system_name(zero: char) -> String {
    match zero {
        '0' => return "ASCII".to_string(),
        // Two systems of one script: the Arabic-Indic digits (`١٢٣`) and the extended ones
        // that Persian and Urdu write (`۱۲۳`, differing in 4, 5, 6).
        '\u{0660}' => return "Arabic-Indic".to_string(),
        '\u{06F0}' => return "Extended Arabic-Indic".to_string(),
        _ => {}
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

    /// `is_unspaced_char` is the script's `is_unspaced` on every code point (none below
    /// `UNSPACED_FROM` is of such a script), and Thai's first letter (U+0E01) is of one.
    #[test]
    fn scripts_without_spaces_start_at_thai() {
        let differs = ('\0'..=char::MAX)
            .find(|&c| is_unspaced_char(c) != script_of(c).is_some_and(is_unspaced));
        assert_eq!(differs, None);
        assert!(is_unspaced_char('\u{0E01}'));
    }

    #[test]
    fn digit_zero_finds_the_numbering_system() {
        assert_eq!(digit_zero('7'), Some('0'));
        assert_eq!(digit_zero('৭'), Some('০'));
        assert_eq!(digit_zero('٣'), Some('٠'));
        assert_eq!(digit_zero('a'), None);
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
