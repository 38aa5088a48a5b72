//! The character property table (`src/text/props.rs`), computed at build time from the crates
//! that are the source of truth: general category (unicode-properties), script
//! (unicode-script), combining class, NFC quick check and decomposition (unicode-normalization),
//! and each character's UAX #29 word-break class as unicode-segmentation treats it.
//!
//! The word-break class is read from the segmenter's behaviour, not from another table: each
//! character is put between probe characters and the segments counted; a character whose
//! answers are those of a known representative gets its class, any other is `Complex` (the
//! analysis hands paragraphs holding one to the crate). So the table follows the crate's
//! Unicode version, and a test holds the fast path against the crate.

use std::fmt::Write as _;

use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};
use unicode_script::UnicodeScript;
use unicode_segmentation::UnicodeSegmentation;

// Flags, as `src/text/props.rs` names them.
const LETTER: u16 = 1;
const MARK: u16 = 1 << 1;
const DECIMAL: u16 = 1 << 2;
const CASED: u16 = 1 << 3;
const LOWER: u16 = 1 << 4;
const BREAKS: u16 = 1 << 5;
const DECOMPOSES: u16 = 1 << 6;
const WHITESPACE: u16 = 1 << 7;
const NFC_NO: u16 = 1 << 8;
const NFC_MAYBE: u16 = 1 << 9;
const PUNCT: u16 = 1 << 10;
const UPPER: u16 = 1 << 11;
const ALNUM: u16 = 1 << 12;
const PLAIN: u16 = 1 << 13;

/// Word-break classes of the fast path, in the order of `Wb` in `src/text/props.rs`.
const WB_NAMES: [&str; 9] = [
    "Other",
    "ALetter",
    "Numeric",
    "Extend",
    "WSegSpace",
    "MidLetter",
    "MidNum",
    "MidNumLet",
    "Complex",
];

/// One representative per class; a character behaving as one of them in every probe has its
/// class. Without Hebrew letters (complex) the single quote acts as MidNumLet and the double
/// quote as Other; ZWJ and Format act as Extend unless an Extended_Pictographic follows (such
/// characters are complex).
const REPRESENTATIVES: &[(char, u8)] = &[
    ('#', 0),
    ('"', 0),
    ('a', 1),
    ('1', 2),
    ('\u{0308}', 3),
    ('\u{200D}', 3),
    ('\u{00AD}', 3),
    (' ', 4),
    (':', 5),
    (',', 6),
    ('.', 7),
    ('\'', 7),
];

/// Probes: `_` is the character. Each tells apart classes the others confuse (letter or digit
/// after a mid character, Hebrew, Katakana, ExtendNumLet, regional indicators, line breaks, a
/// pictograph after ZWJ).
const PROBES: &[&str] = &[
    "a_",
    "_a",
    "1_",
    "_1",
    "a_a",
    "1_1",
    "#_",
    "_\u{0308}",
    " _",
    "\u{200D}_",
    "\u{1F1E6}_",
    "\u{30A2}_",
    "_\u{30A2}",
    "a:_",
    "1,_",
    "_'",
    "_\n",
    "_ ",
    "__",
];

fn signature(c: char, buf: &mut String) -> u32 {
    let mut sig = 0u32;
    for (k, probe) in PROBES.iter().enumerate() {
        buf.clear();
        for p in probe.chars() {
            buf.push(if p == '_' { c } else { p });
        }
        if buf.split_word_bounds().nth(1).is_none() {
            sig |= 1 << k;
        }
    }
    sig
}

fn flags(c: char) -> u16 {
    let mut f = 0;
    let group = c.general_category_group();
    match group {
        GeneralCategoryGroup::Letter => f |= LETTER,
        GeneralCategoryGroup::Mark => f |= MARK,
        GeneralCategoryGroup::Punctuation => f |= PUNCT,
        _ => {}
    }
    let gc = c.general_category();
    if gc == GeneralCategory::DecimalNumber {
        f |= DECIMAL;
    }
    if c.is_letter_cased() {
        f |= CASED;
    }
    if gc == GeneralCategory::LowercaseLetter {
        f |= LOWER;
    }
    let joiner = matches!(c, '\u{200C}' | '\u{200D}');
    if c.is_whitespace()
        || matches!(
            group,
            GeneralCategoryGroup::Punctuation | GeneralCategoryGroup::Separator
        )
        || (c.is_control() && !joiner)
    {
        f |= BREAKS;
    }
    let mut decomposes = false;
    unicode_normalization::char::decompose_canonical(c, |d| decomposes |= d != c);
    if decomposes {
        f |= DECOMPOSES;
    }
    if c.is_whitespace() {
        f |= WHITESPACE;
    }
    match unicode_normalization::is_nfc_quick(std::iter::once(c)) {
        unicode_normalization::IsNormalized::Yes => {}
        unicode_normalization::IsNormalized::Maybe => f |= NFC_MAYBE,
        unicode_normalization::IsNormalized::No => f |= NFC_NO,
    }
    if c.is_uppercase() {
        f |= UPPER;
    }
    if c.is_alphanumeric() {
        f |= ALNUM;
    }
    f
}

/// A letter or mark of one script, without case, of word-break class ALetter or Extend: the
/// character inside a word of Bengali, Devanagari, Arabic or Han that the analysis's one pass
/// reads on its fast path (`src/text/props.rs`, `PLAIN`).
fn plain(flags: u16, script: unicode_script::Script, wb: u8) -> bool {
    use unicode_script::Script;
    flags & (LETTER | MARK) != 0
        && flags & (CASED | UPPER | DECIMAL | WHITESPACE) == 0
        && !matches!(script, Script::Common | Script::Inherited | Script::Unknown)
        && (wb == 1 || wb == 3)
}

/// The value of a decimal digit within its run of ten (UTS #39 section 5.3: digits are encoded
/// in runs of ten from zero, so the zero is found from the run of Nd code points).
fn digit_value(c: char) -> u8 {
    if c.general_category() != GeneralCategory::DecimalNumber {
        return 0;
    }
    let code = c as u32;
    let mut start = code;
    while start > 0 && code - start < 64 {
        match char::from_u32(start - 1) {
            Some(p) if p.general_category() == GeneralCategory::DecimalNumber => start -= 1,
            _ => break,
        }
    }
    ((code - start) % 10) as u8
}

/// Code points per second-stage block.
const BLOCK: usize = 64;

/// Rust source of the table: records, and a two-stage index from code point to record.
pub fn table() -> String {
    let mut buf = String::new();
    let reps: Vec<(u32, u8)> = REPRESENTATIVES
        .iter()
        .map(|&(c, wb)| (signature(c, &mut buf), wb))
        .collect();
    for (i, a) in reps.iter().enumerate() {
        for b in &reps[i + 1..] {
            assert!(a.0 != b.0 || a.1 == b.1, "probes tell the classes apart");
        }
    }
    let mut records: Vec<(u16, unicode_script::Script, u8, u8, u8)> = Vec::new();
    let mut index: std::collections::HashMap<(u16, unicode_script::Script, u8, u8, u8), u16> =
        std::collections::HashMap::new();
    let mut per_char: Vec<u16> = Vec::with_capacity(0x11_0000);
    for code in 0..0x11_0000u32 {
        let rec = match char::from_u32(code) {
            // Surrogates are not chars; their slots are never read.
            None => (0, unicode_script::Script::Unknown, 0, 8, 0),
            Some(c) => {
                let sig = signature(c, &mut buf);
                let wb = reps.iter().find(|r| r.0 == sig).map_or(8, |r| r.1);
                let ccc = unicode_normalization::char::canonical_combining_class(c);
                let mut f = flags(c);
                if plain(f, c.script(), wb) {
                    f |= PLAIN;
                }
                (f, c.script(), ccc, wb, digit_value(c))
            }
        };
        let next = records.len() as u16;
        let id = *index.entry(rec).or_insert_with(|| {
            records.push(rec);
            next
        });
        per_char.push(id);
    }
    let mut blocks: Vec<&[u16]> = Vec::new();
    let mut block_index: std::collections::HashMap<&[u16], u16> = Default::default();
    let mut stage1 = Vec::new();
    for chunk in per_char.chunks(BLOCK) {
        let next = blocks.len() as u16;
        let id = *block_index.entry(chunk).or_insert_with(|| {
            blocks.push(chunk);
            next
        });
        stage1.push(id);
    }
    let mut out = String::new();
    writeln!(out, "// Generated by build/props.rs: do not edit.").unwrap();
    writeln!(
        out,
        "pub(super) const BLOCK_BITS: u32 = {};",
        BLOCK.trailing_zeros()
    )
    .unwrap();
    writeln!(
        out,
        "pub(super) static RECORDS: [Props; {}] = [",
        records.len()
    )
    .unwrap();
    for (flags, script, ccc, wb, digit) in &records {
        writeln!(
            out,
            "Props {{ flags: {flags:#06x}, script: Script::{script:?}, ccc: {ccc}, wb: Wb::{}, digit: {digit} }},",
            WB_NAMES[*wb as usize]
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(out, "pub(super) static STAGE1: [u16; {}] = [", stage1.len()).unwrap();
    for line in stage1.chunks(32) {
        let items: Vec<String> = line.iter().map(u16::to_string).collect();
        writeln!(out, "{},", items.join(",")).unwrap();
    }
    writeln!(out, "];").unwrap();
    writeln!(
        out,
        "pub(super) static STAGE2: [u16; {}] = [",
        blocks.len() * BLOCK
    )
    .unwrap();
    for b in &blocks {
        let items: Vec<String> = b.iter().map(u16::to_string).collect();
        writeln!(out, "{},", items.join(",")).unwrap();
    }
    writeln!(out, "];").unwrap();
    out
}
