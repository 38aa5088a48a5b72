//! What the analysis asks of a character, millions of times per megabyte, in one indexed load:
//! its general category group and a few binary properties, script, canonical combining class,
//! NFC quick-check value, decimal digit value and UAX #29 word-break class. The table is built at
//! compile time (`build/props.rs`) from the crates that are the source of truth
//! (unicode-properties, unicode-script, unicode-normalization, unicode-segmentation); a test
//! holds every code point against them.

use unicode_script::Script;

/// General_Category = L*.
pub const LETTER: u16 = 1;
/// General_Category = M*.
pub const MARK: u16 = 1 << 1;
/// General_Category = Nd.
pub const DECIMAL: u16 = 1 << 2;
/// Cased letters (Lu, Ll, Lt).
pub const CASED: u16 = 1 << 3;
/// General_Category = Ll.
pub const LOWER: u16 = 1 << 4;
/// Whitespace, punctuation, separators and controls other than the joiners: a mark after one
/// has no base.
pub const BREAKS: u16 = 1 << 5;
/// Has a canonical decomposition other than itself.
pub const DECOMPOSES: u16 = 1 << 6;
/// `char::is_whitespace`.
pub const WHITESPACE: u16 = 1 << 7;
/// NFC_Quick_Check = No.
pub const NFC_NO: u16 = 1 << 8;
/// NFC_Quick_Check = Maybe.
pub const NFC_MAYBE: u16 = 1 << 9;
/// General_Category = P*.
pub const PUNCT: u16 = 1 << 10;
/// `char::is_uppercase`.
pub const UPPER: u16 = 1 << 11;
/// `char::is_alphanumeric`.
pub const ALNUM: u16 = 1 << 12;
/// A plain character inside a word: a letter or mark of one script (not Common, Inherited or
/// Unknown), without case, of word-break class ALetter or Extend. Most characters of Bengali,
/// Devanagari, Arabic or Han prose; the one pass reads them on a fast path
/// (`scan::Machine::plain`).
pub const PLAIN: u16 = 1 << 13;

/// Word-break classes (UAX #29) as the fast word segmentation needs them. Without Hebrew letters
/// a single quote acts as MidNumLet and a double quote as Other; Format and ZWJ act as Extend
/// unless an Extended_Pictographic character follows. Every other class (CR, LF, Newline,
/// Hebrew_Letter, Katakana, ExtendNumLet, Regional_Indicator) and every Extended_Pictographic
/// character is `Complex`: a paragraph holding one is segmented by the crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Wb {
    Other,
    ALetter,
    Numeric,
    Extend,
    WSegSpace,
    MidLetter,
    MidNum,
    MidNumLet,
    Complex,
}

/// A character's properties.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Props {
    pub flags: u16,
    pub script: Script,
    /// Canonical combining class.
    pub ccc: u8,
    pub wb: Wb,
    /// For a decimal digit, its value within its run of ten (the zero is the code point minus
    /// it); 0 otherwise.
    pub digit: u8,
}

impl Props {
    #[inline]
    pub fn has(&self, flags: u16) -> bool {
        self.flags & flags != 0
    }
}

include!(concat!(env!("OUT_DIR"), "/props_table.rs"));

/// The properties of `c`.
#[inline]
pub fn props(c: char) -> &'static Props {
    let code = c as u32;
    let block = STAGE1[(code >> BLOCK_BITS) as usize] as usize;
    let at = (block << BLOCK_BITS) | (code & ((1 << BLOCK_BITS) - 1)) as usize;
    &FLAT[at]
}

/// The records in place of their indices (`RECORDS[STAGE2[at]]` for every `at`), made at
/// compile time: one dependent load less per character (1.3% fewer instructions, about 1%
/// less time on 20 MB held, `-j 1`; 110 KB more in the binary, of which a paragraph reads a
/// few blocks).
static FLAT: [Props; STAGE2.len()] = {
    let mut out = [RECORDS[0]; STAGE2.len()];
    let mut i = 0;
    while i < STAGE2.len() {
        out[i] = RECORDS[STAGE2[i] as usize];
        i += 1;
    }
    out
};

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
    use unicode_script::UnicodeScript;

    /// Every code point: the table answers as the crates do.
    #[test]
    fn the_table_answers_as_the_crates_do() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let p = props(c);
            let group = c.general_category_group();
            let gc = c.general_category();
            assert_eq!(
                p.has(LETTER),
                group == GeneralCategoryGroup::Letter,
                "{c:?}"
            );
            assert_eq!(p.has(MARK), group == GeneralCategoryGroup::Mark, "{c:?}");
            assert_eq!(
                p.has(PUNCT),
                group == GeneralCategoryGroup::Punctuation,
                "{c:?}"
            );
            assert_eq!(
                p.has(DECIMAL),
                gc == GeneralCategory::DecimalNumber,
                "{c:?}"
            );
            assert_eq!(p.has(CASED), c.is_letter_cased(), "{c:?}");
            assert_eq!(
                p.has(LOWER),
                gc == GeneralCategory::LowercaseLetter,
                "{c:?}"
            );
            assert_eq!(p.has(WHITESPACE), c.is_whitespace(), "{c:?}");
            assert_eq!(p.has(UPPER), c.is_uppercase(), "{c:?}");
            assert_eq!(p.has(ALNUM), c.is_alphanumeric(), "{c:?}");
            assert_eq!(p.script, c.script(), "{c:?}");
            assert_eq!(
                p.ccc,
                unicode_normalization::char::canonical_combining_class(c),
                "{c:?}"
            );
            let quick = match unicode_normalization::is_nfc_quick(std::iter::once(c)) {
                unicode_normalization::IsNormalized::Yes => 0,
                unicode_normalization::IsNormalized::Maybe => NFC_MAYBE,
                unicode_normalization::IsNormalized::No => NFC_NO,
            };
            assert_eq!(p.flags & (NFC_NO | NFC_MAYBE), quick, "{c:?}");
            let mut parts = Vec::new();
            unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
            assert_eq!(p.has(DECOMPOSES), parts != [c], "{c:?}");
            assert_eq!(
                p.has(PLAIN),
                p.has(LETTER | MARK)
                    && !p.has(CASED | UPPER | DECIMAL | WHITESPACE)
                    && !matches!(
                        p.script,
                        Script::Common | Script::Inherited | Script::Unknown
                    )
                    && matches!(p.wb, Wb::ALetter | Wb::Extend),
                "{c:?}"
            );
            let joiner = matches!(c, '\u{200C}' | '\u{200D}');
            let breaks = c.is_whitespace()
                || matches!(
                    group,
                    GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Separator
                )
                || (c.is_control() && !joiner);
            assert_eq!(p.has(BREAKS), breaks, "{c:?}");
        }
    }

    /// The digit values find each numbering system's zero as a walk back over the run of
    /// decimal digits does (UTS #39 section 5.3).
    #[test]
    fn digit_values_find_the_zero() {
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            if c.general_category() != GeneralCategory::DecimalNumber {
                assert_eq!(props(c).digit, 0, "{c:?}");
                continue;
            }
            let code = c as u32;
            let mut start = code;
            while start > 0 && code - start < 64 {
                match char::from_u32(start - 1) {
                    Some(p) if p.general_category() == GeneralCategory::DecimalNumber => start -= 1,
                    _ => break,
                }
            }
            let zero = start + (code - start) / 10 * 10;
            assert_eq!(code - props(c).digit as u32, zero, "{c:?}");
        }
    }

    /// Every code point the table gives a word-break class other than `Complex` segments as
    /// that class's representative does, in contexts the build script did not probe with.
    #[test]
    fn word_break_classes_hold_in_other_contexts() {
        use unicode_segmentation::UnicodeSegmentation;
        const CONTEXTS: &[&str] = &[
            "_",
            "x_y",
            "ক_ক",
            "9_9",
            "a._b",
            "_.a",
            "a_.b",
            "2._3",
            "3_.4",
            "b,_c",
            "x__x",
            "_ _",
            "1a_",
            "_a1",
            "a\u{0301}_a",
            "a_\u{0301}a",
            "7 _ 7",
            "\u{00AD}_",
        ];
        let representative = |wb: Wb| match wb {
            Wb::Other => '#',
            Wb::ALetter => 'a',
            Wb::Numeric => '1',
            Wb::Extend => '\u{0308}',
            Wb::WSegSpace => ' ',
            Wb::MidLetter => ':',
            Wb::MidNum => ',',
            Wb::MidNumLet => '.',
            Wb::Complex => unreachable!(),
        };
        let bounds = |context: &str, c: char| -> Vec<usize> {
            let text: String = context
                .chars()
                .map(|p| if p == '_' { c } else { p })
                .collect();
            text.split_word_bound_indices()
                .map(|(i, _)| text[..i].chars().count())
                .collect()
        };
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let wb = props(c).wb;
            if wb == Wb::Complex {
                continue;
            }
            let r = representative(wb);
            for context in CONTEXTS {
                assert_eq!(
                    bounds(context, c),
                    bounds(context, r),
                    "{c:?} {wb:?} in {context:?}"
                );
            }
        }
    }

    /// The word-break classes of the usual characters.
    #[test]
    fn word_break_classes() {
        let class = |c: char| props(c).wb;
        assert_eq!(class('a'), Wb::ALetter);
        assert_eq!(class('ক'), Wb::ALetter);
        assert_eq!(class('া'), Wb::Extend);
        assert_eq!(class('\u{200D}'), Wb::Extend);
        assert_eq!(class('\u{200C}'), Wb::Extend);
        assert_eq!(class('৭'), Wb::Numeric);
        assert_eq!(class('7'), Wb::Numeric);
        assert_eq!(class(' '), Wb::WSegSpace);
        assert_eq!(class(':'), Wb::MidLetter);
        assert_eq!(class(','), Wb::MidNum);
        assert_eq!(class('.'), Wb::MidNumLet);
        assert_eq!(class('\''), Wb::MidNumLet);
        assert_eq!(class('-'), Wb::Other);
        assert_eq!(class('।'), Wb::Other);
        assert_eq!(class('"'), Wb::Other);
        assert_eq!(class('\n'), Wb::Complex);
        assert_eq!(class('\r'), Wb::Complex);
        assert_eq!(class('א'), Wb::Complex);
        assert_eq!(class('ア'), Wb::Complex);
        assert_eq!(class('_'), Wb::Complex);
        assert_eq!(class('©'), Wb::Complex);
        assert_eq!(class('\u{1F1E6}'), Wb::Complex);
    }
}
