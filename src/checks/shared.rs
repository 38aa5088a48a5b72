//! Helpers the kinds share: reading options that name single characters, the marks the mark
//! kinds judge, and words joined by hyphens as the repetition kinds compare them.

use std::borrow::Cow;

use super::BuildError;
use crate::hash::FastMap;
use crate::text::script::{
    is_alphanumeric, is_decimal_digit, is_letter, is_mark, is_uppercase, is_variation_selector,
};
use crate::text::{Analysis, Span, nfc};

/// Each entry of option `key` as one character that `keep` accepts (a `one`).
pub fn single_chars(
    list: &[String],
    key: &str,
    one: &str,
    keep: impl Fn(char) -> bool,
) -> Result<Vec<char>, BuildError> {
    list.iter()
        .map(|l| {
            let mut it = l.chars();
            match (it.next(), it.next()) {
                (Some(c), None) if keep(c) => Ok(c),
                _ => Err(BuildError::new(format!("`{key}`: `{l}` is not one {one}"))),
            }
        })
        .collect()
}

/// A combining mark the mark kinds judge: variation selectors (emoji presentation) are not.
pub fn is_judged_mark(c: char) -> bool {
    is_mark(c) && !is_variation_selector(c)
}

/// Words of an option in NFC, the form rules compare.
pub fn nfc_all(words: &[String]) -> Vec<String> {
    words
        .iter()
        .map(|w| crate::text::nfc(w).into_owned())
        .collect()
}

/// Hyphens that join the parts of one word (`что-то`, `धीरे-धीरे`): the hyphen-minus, U+2010
/// HYPHEN and U+2011 NON-BREAKING HYPHEN; not dashes, which set phrases apart.
pub fn is_joining_hyphen(s: &str) -> bool {
    matches!(s, "-" | "\u{2010}" | "\u{2011}")
}

/// The hyphens of `is_joining_hyphen`, one character.
pub fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// A word as the repetition kinds compare it: UAX #29 words (which split at a hyphen) joined
/// again where one hyphen and nothing else stands between them, so `что-то` is one token and
/// `что что-то` is not `что` said twice. Word segmentation itself is left as it is: the other
/// kinds keep reading the parts.
#[derive(Debug, Clone)]
pub struct Token {
    pub span: Span,
    norm: Norm,
    /// Every part is letters (no digits: `COVID-19` is no word to repeat).
    pub letters: bool,
    /// It has more than one part.
    pub hyphenated: bool,
    /// Its last part is letters (`ACE2-ব্যক্তকারী`, whose head may be said again).
    pub head_letters: bool,
    /// A part holds a character with case (`Word::has_case`).
    pub has_case: bool,
}

/// Where a token's NFC form is: its word's in the analysis, or its own when joined at a hyphen.
#[derive(Debug, Clone)]
enum Norm {
    /// The token's own text, which is NFC.
    Text,
    /// Its word's NFC form, kept in the analysis (`Analysis::form`).
    Form((u32, u32)),
    Joined(Box<str>),
}

impl Token {
    /// NFC of the token's text (`p` is the paragraph it is a token of).
    pub fn norm<'s>(&'s self, p: &'s Analysis) -> &'s str {
        match &self.norm {
            Norm::Text => p.slice(self.span),
            Norm::Form(form) => p.form(*form),
            Norm::Joined(joined) => joined,
        }
    }

    /// The token split at its last hyphen (`যোগাযোগ-এর`: `যোগাযোগ`, `এর`), when it has one.
    pub fn split_last_hyphen<'s>(&'s self, p: &'s Analysis) -> Option<(&'s str, &'s str)> {
        if !self.hyphenated {
            return None;
        }
        let norm = self.norm(p);
        let (i, c) = norm.char_indices().rev().find(|&(_, c)| is_hyphen(c))?;
        Some((&norm[..i], &norm[i + c.len_utf8()..]))
    }
}

/// What the repetition kinds share of a paragraph, made once (`Analysis::memo`) and read by
/// each of them in place: its tokens (`hyphen_tokens`), and its loops of the default shape once
/// asked for.
pub struct Repeats {
    tokens: Vec<Token>,
    loops: std::sync::OnceLock<Vec<Loop>>,
}

impl std::ops::Deref for Repeats {
    type Target = [Token];
    fn deref(&self) -> &[Token] {
        &self.tokens
    }
}

impl Repeats {
    fn of(p: &Analysis) -> Repeats {
        Repeats {
            tokens: joined_tokens(p),
            loops: std::sync::OnceLock::new(),
        }
    }
}

fn repeats(p: &Analysis) -> Option<std::sync::Arc<Repeats>> {
    p.memo.get_or_init(|| Repeats::of(p))
}

/// The paragraph's words joined at hyphens, in order (found once a paragraph).
pub fn hyphen_tokens(p: &Analysis) -> std::sync::Arc<Repeats> {
    repeats(p).unwrap_or_else(|| std::sync::Arc::new(Repeats::of(p)))
}

/// The loops of a paragraph (see `token_loops`) of its tokens (`hyphen_tokens`): found once a
/// paragraph for the default shape (`LOOP_MAX_UNIT`, `LOOP_MIN`).
pub fn paragraph_loops(
    p: &Analysis,
    tokens: &[Token],
    max_unit: usize,
    min_count: usize,
) -> Vec<Loop> {
    match repeats(p) {
        Some(r) if (max_unit, min_count) == (LOOP_MAX_UNIT, LOOP_MIN) => r
            .loops
            .get_or_init(|| token_loops(p, tokens, max_unit, min_count))
            .clone(),
        _ => token_loops(p, tokens, max_unit, min_count),
    }
}

/// The paragraph's words joined at hyphens, in order.
fn joined_tokens(p: &Analysis) -> Vec<Token> {
    let mut out = Vec::with_capacity(p.words.len());
    let mut i = 0;
    while i < p.words.len() {
        let first = &p.words[i];
        let mut end = i;
        while end + 1 < p.words.len()
            && is_joining_hyphen(&p.text[p.words[end].span.end..p.words[end + 1].span.start])
        {
            end += 1;
        }
        let span = Span::new(first.span.start, p.words[end].span.end);
        let norm = if end == i {
            first.norm.map_or(Norm::Text, Norm::Form)
        } else {
            Norm::Joined(nfc(p.slice(span)).into())
        };
        out.push(Token {
            span,
            norm,
            letters: p.words[i..=end].iter().all(|w| w.is_letters()),
            hyphenated: end > i,
            head_letters: p.words[end].is_letters(),
            has_case: p.words[i..=end].iter().any(|w| w.has_case),
        });
        i = end + 1;
    }
    out
}

/// The words of letters of `a`, each with its NFC form in lowercase: how a source is read for
/// the repetitions its translation may keep.
pub fn lowercase_words(a: &Analysis) -> Vec<(Span, String)> {
    a.words
        .iter()
        .filter(|w| w.is_letters())
        .map(|w| (w.span, a.norm(w).to_lowercase()))
        .collect()
}

/// Separators a repetition may carry between its copies besides spaces: the comma of each
/// script (`X, X`, `X، X`, `X，X`, `X、X`).
pub fn is_comma(c: char) -> bool {
    matches!(c, ',' | '\u{060C}' | '\u{FF0C}' | '\u{3001}')
}

/// The fewest copies in a row that make a loop: two are a repetition (`repetition`), three
/// or more a loop (`repetition-loop`).
pub const LOOP_MIN: usize = 3;

/// The longest unit of a loop, in tokens (words; characters of a script written without
/// spaces): a clause of a dozen words said again and again is a loop too.
pub const LOOP_MAX_UNIT: usize = 40;

/// A text in small letters, one character for one (`İ` as `i`, where `to_lowercase` writes
/// two), with where each of its characters stands in the text: names and markers are found in
/// it, and their places read back in the text.
pub struct Lowered {
    pub text: String,
    /// (offset in `text`, offset in the original), a pair a character, and the two ends.
    at: Vec<(usize, usize)>,
}

impl Lowered {
    pub fn of(original: &str) -> Lowered {
        let mut text = String::with_capacity(original.len());
        let mut at = Vec::with_capacity(original.len() + 1);
        for (i, c) in original.char_indices() {
            at.push((text.len(), i));
            text.push(c.to_lowercase().next().unwrap_or(c));
        }
        at.push((text.len(), original.len()));
        Lowered { text, at }
    }

    /// The first `chars` characters of `original`, lowered.
    pub fn prefix(original: &str, chars: usize) -> Lowered {
        let end = original
            .char_indices()
            .nth(chars)
            .map_or(original.len(), |(i, _)| i);
        Lowered::of(&original[..end])
    }

    /// The offset in the original of an offset of `text` (a character's start, or its end).
    pub fn original(&self, i: usize) -> usize {
        let k = self.at.partition_point(|&(l, _)| l < i);
        self.at
            .get(k)
            .map_or(self.at[self.at.len() - 1].1, |&(_, o)| o)
    }
}

/// The byte offsets of the commas of every script in `text` (`,`, `،`, `，`), and with `lists`
/// of the enumeration comma `、` and the semicolons (`;`, `؛`, `；`) too: found on the bytes
/// (a comma of another script by its last byte and the bytes before it), where decoding every
/// character of a paragraph cost the kinds that count them as much as their own work.
pub fn separators(text: &str, lists: bool) -> Vec<usize> {
    let b = text.as_bytes();
    let mut out: Vec<usize> = if lists {
        memchr::memchr2_iter(b',', b';', b).collect()
    } else {
        memchr::memchr_iter(b',', b).collect()
    };
    // The lead bytes of U+060C and U+061B (D8 8C, D8 9B), U+FF0C and U+FF1B (EF BC 8C, EF BC
    // 9B) and U+3001 (E3 80 81): none in most paragraphs, passed over by memchr.
    let before = out.len();
    for i in memchr::memchr3_iter(0xD8, 0xEF, 0xE3, b) {
        let rest = &b[i + 1..];
        let found = match b[i] {
            0xD8 => rest.first() == Some(&0x8C) || (lists && rest.first() == Some(&0x9B)),
            0xEF => rest.starts_with(&[0xBC, 0x8C]) || (lists && rest.starts_with(&[0xBC, 0x9B])),
            _ => lists && rest.starts_with(&[0x80, 0x81]),
        };
        if found {
            out.push(i);
        }
    }
    if out.len() > before && before > 0 {
        out.sort_unstable();
    }
    out
}

/// Whether a word starts with a character of a script written without spaces whose
/// characters are no words (Thai, Lao, Khmer, Myanmar, Tibetan: letters and vowel signs,
/// `หน้ากาก` mask): a unit said twice among them, the copies touching, is part of a word as
/// often as a stutter (`กาก`). Han characters and Kana are words or syllables.
pub fn sub_word(w: &str) -> bool {
    use crate::text::script::{is_unspaced_char, script_of};
    use unicode_script::Script;
    w.chars()
        .next()
        .filter(|&c| is_unspaced_char(c))
        .and_then(script_of)
        .is_some_and(|s| !matches!(s, Script::Han | Script::Hiragana | Script::Katakana))
}

/// One unit said again and again in a row: `count` copies of tokens
/// `first..first + unit_tokens`, or (`unit_tokens` 0) a run of one character.
#[derive(Debug, Clone, PartialEq)]
pub struct Loop {
    /// Every copy, the first to the last.
    pub span: Span,
    /// The first copy.
    pub unit_span: Span,
    pub count: usize,
    /// Tokens per copy; 0 for a run of one character.
    pub unit_tokens: usize,
    /// The token the run starts at.
    pub first: usize,
    /// How many junctions between two copies hold a comma (`Video, video, video`: 2).
    pub commas: usize,
}

/// Ids of tokens, equal for tokens that compare equal (NFC, case folded: a copy that opens a
/// sentence is a copy).
fn token_ids<'p>(p: &'p Analysis, tokens: &'p [Token]) -> Vec<u32> {
    let mut seen: FastMap<Cow<'p, str>, u32> =
        FastMap::with_capacity_and_hasher(tokens.len(), Default::default());
    tokens
        .iter()
        .map(|t| {
            let norm = t.norm(p);
            let key: Cow<'p, str> = if t.has_case && norm.chars().any(is_uppercase) {
                Cow::Owned(norm.to_lowercase())
            } else {
                Cow::Borrowed(norm)
            };
            let next = seen.len() as u32;
            *seen.entry(key).or_insert(next)
        })
        .collect()
}

/// A token told apart from others cheaply, from its NFC form's length and last eight bytes
/// (folded when they are ASCII with case: bit 5 set, `A` and `a` alike); `ANY` for a token
/// with case beyond ASCII, which folding may lengthen or shorten. Tokens equal for
/// `token_ids` are alike (`alike`) by their prints.
fn print(p: &Analysis, t: &Token) -> u64 {
    let b = t.norm(p).as_bytes();
    if t.has_case && !b.is_ascii() {
        return ANY;
    }
    let last = last_bytes(b);
    let folded = if t.has_case {
        last | 0x2020_2020_2020_2020
    } else {
        last
    };
    // Never `ANY`: two prints made alike by the last bit are no loss to a test that only
    // passes tokens by.
    (folded ^ (b.len() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)) | 1
}

/// The last eight bytes of `b` (all of them when it is shorter) as one number: equal for
/// equal byte strings, and in most scripts the bytes that tell words apart (the first are
/// the same in every word of many: `E0 A6` in Bengali).
pub fn last_bytes(b: &[u8]) -> u64 {
    match b.len().checked_sub(8) {
        Some(k) => u64::from_le_bytes(b[k..].try_into().expect("eight bytes")),
        None => b.iter().fold(0, |x, &c| x << 8 | u64::from(c)),
    }
}

/// The print of a token alike any other (see `print`).
const ANY: u64 = 0;

fn alike(a: u64, b: u64) -> bool {
    a == b || a == ANY || b == ANY
}

/// Whether `tokens` may hold a loop (see `token_loops`): `count` copies in a row of a unit of
/// `u` tokens make `(count - 1) * u` tokens in a row each alike the token `u` places on. Most
/// paragraphs have none at any unit that fits them, and are passed by without the table of
/// token ids (a hash of every token: 3.6% of a run's instructions before this test).
fn may_loop(p: &Analysis, tokens: &[Token], max_unit: usize, min_count: usize) -> bool {
    if min_count < 2 {
        return true;
    }
    let prints: Vec<u64> = tokens.iter().map(|t| print(p, t)).collect();
    let n = prints.len();
    (1..=max_unit.min(n / min_count)).any(|u| {
        // A window of `need` tokens, each alike the one `u` on, read from its end: a token
        // unlike its partner rules out every window that holds it, so the next one starts
        // after it (most windows are ruled out by their last token).
        let need = (min_count - 1) * u;
        let mut start = 0;
        while start + need + u <= n {
            let mut k = start + need;
            loop {
                if k == start {
                    return true;
                }
                k -= 1;
                if !alike(prints[k], prints[k + u]) {
                    break;
                }
            }
            start = k + 1;
        }
        false
    })
}

/// Whether two tokens may belong to one run of copies: nothing but spaces and punctuation
/// between them (no letter, digit, placeholder or URL), and not much of it.
fn joined(p: &Analysis, a: Span, b: Span) -> bool {
    let gap = &p.text[a.end..b.start];
    gap.chars().count() <= 12 && gap.chars().all(|c| !is_alphanumeric(c))
}

/// Runs of a unit of 1 to `max_unit` tokens said `min_count` times or more in a row, across
/// spaces and punctuation (`लोग लोग लोग`, `आगुनের মতো, আগুনের মতো, …`). At each token the run
/// that covers the most tokens wins (the shortest unit on a tie: `बस बस बस बस` is `बस` four
/// times, not `बस बस` twice); runs do not overlap.
fn token_loops(p: &Analysis, tokens: &[Token], max_unit: usize, min_count: usize) -> Vec<Loop> {
    if !may_loop(p, tokens, max_unit, min_count) {
        return Vec::new();
    }
    loops_by_ids(p, tokens, max_unit, min_count)
}

/// The loops of `token_loops`, found from the tokens' ids.
fn loops_by_ids(p: &Analysis, tokens: &[Token], max_unit: usize, min_count: usize) -> Vec<Loop> {
    let n = tokens.len();
    let mut out = Vec::new();
    if n < min_count.max(2) {
        return out;
    }
    let ids = token_ids(p, tokens);
    // Every copy of a unit opens with the unit's first token: with no token said `min_count`
    // times (ids are given in order of first sight, so they count from 0), there is no loop.
    let mut said = vec![0u32; n];
    let mut most = 0;
    for &id in &ids {
        said[id as usize] += 1;
        most = most.max(said[id as usize]);
    }
    if (most as usize) < min_count {
        return out;
    }
    // next_break[k]: the first gap at or after gap k (between tokens k and k + 1) that no run
    // crosses; n - 1 when none.
    let mut next_break = vec![n - 1; n];
    for k in (0..n - 1).rev() {
        next_break[k] = if joined(p, tokens[k].span, tokens[k + 1].span) {
            next_break[k + 1]
        } else {
            k
        };
    }
    // next_same[k]: the next token said as token k is (n when none). A copy starts with the
    // token the unit starts with, so the units worth trying at i are the distances to the
    // next tokens said alike, and most tokens have none.
    let mut next_same = vec![n; n];
    let mut last_seen = vec![n; n];
    for k in (0..n).rev() {
        let id = ids[k] as usize;
        next_same[k] = last_seen[id];
        last_seen[id] = k;
    }
    let mut i = 0;
    while i < n {
        // Tokens from i that are joined to one another.
        let reach = next_break[i] - i + 1;
        let mut best: Option<(usize, usize)> = None; // (count, unit)
        let mut j = next_same[i];
        while j < n {
            let unit = j - i;
            j = next_same[j];
            if unit > max_unit || unit * min_count > reach {
                break;
            }
            let mut count = 1;
            while (count + 1) * unit <= reach
                && ids[i + count * unit..i + (count + 1) * unit] == ids[i..i + unit]
            {
                count += 1;
            }
            if count >= min_count && best.is_none_or(|(c, u)| count * unit > c * u) {
                best = Some((count, unit));
            }
        }
        let Some((count, unit)) = best else {
            i += 1;
            continue;
        };
        let last = i + count * unit - 1;
        let commas = (1..count)
            .filter(|j| {
                let k = i + j * unit;
                p.text[tokens[k - 1].span.end..tokens[k].span.start]
                    .chars()
                    .any(is_comma)
            })
            .count();
        out.push(Loop {
            span: Span::new(tokens[i].span.start, tokens[last].span.end),
            unit_span: Span::new(tokens[i].span.start, tokens[i + unit - 1].span.end),
            count,
            unit_tokens: unit,
            first: i,
            commas,
        });
        i = last + 1;
    }
    out
}

/// Runs of one letter or mark at least `min_letters` long, or of one digit at least
/// `min_digits` long (`উউউউউউউউ`, a vowel sign written a hundred times, `0000…`); runs of
/// spaces, punctuation and symbols (`!!!!`, `....`) are style, never loops. A paragraph whose
/// longest run of any character (from the analysis's one pass) is shorter is not read again.
pub fn char_runs(p: &Analysis, min_letters: usize, min_digits: usize) -> Vec<Loop> {
    let mut out = Vec::new();
    if p.longest_run < min_letters.min(min_digits) {
        return out;
    }
    let text = p.text;
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut count = 1;
        let mut end = start + c.len_utf8();
        while let Some(&(at, d)) = chars.peek() {
            if d != c {
                break;
            }
            count += 1;
            end = at + d.len_utf8();
            chars.next();
        }
        if count < min_letters.min(min_digits) {
            continue;
        }
        let min = if is_decimal_digit(c) {
            min_digits
        } else if is_letter(c) || is_judged_mark(c) {
            min_letters
        } else {
            continue;
        };
        if count >= min {
            out.push(Loop {
                span: Span::new(start, end),
                unit_span: Span::new(start, start + c.len_utf8()),
                count,
                unit_tokens: 0,
                first: 0,
                commas: 0,
            });
        }
    }
    out
}

/// A vowel: an independent vowel or a vowel sign of a Brahmic script, or a vowel letter of the
/// Latin, Greek or Cyrillic alphabets, or an Arabic letter of length (`ا`, `و`, `ي`). Writers
/// stretch vowels for expression (`noooo`, `नहींईईईई`).
pub fn is_vowel(c: char) -> bool {
    let code = c as u32;
    if (0x0900..0x0E00).contains(&code) {
        // Each Brahmic block of 128 lays out its vowels alike: letters at 0x04-0x14, signs at
        // 0x3E-0x4C, length marks at 0x55-0x57, vocalic letters and signs at 0x60-0x63.
        let offset = code & 0x7F;
        return matches!(offset, 0x04..=0x14 | 0x3E..=0x4C | 0x55..=0x57 | 0x60..=0x63);
    }
    let base = c.to_lowercase().next().unwrap_or(c);
    matches!(
        base,
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'à'..='æ' | 'è'..='ï' | 'ò'..='ö' | 'ù'..='ü'
            | 'α' | 'ε' | 'η' | 'ι' | 'ο' | 'υ' | 'ω'
            | 'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я'
            | 'ا' | 'و' | 'ي' | 'ى'
    )
}

/// How many times things repeat in a text (a unit's source): every run of a word or phrase
/// said at least twice in a row (`whoa, whoa, whoa`: 3), a word whose hyphenated parts are
/// equal (`Baden-Baden`: 2), a letter stretched four times or more (`noooo`: 4; three are as
/// often a Roman numeral, `Phase III`) and a syllable said again inside a word (`hehehe`:
/// 3). Not a digit said again: the zeros of `4,000` are a number,
/// no rhetoric a repeated word or a loop could mirror (`source_digit_runs` are for a run of
/// digits).
pub fn repeat_counts(p: &Analysis) -> Vec<usize> {
    let tokens = hyphen_tokens(p);
    let mut out: Vec<usize> = token_loops(p, &tokens, 15, 2)
        .into_iter()
        .map(|l| l.count)
        .collect();
    for t in tokens.iter() {
        if let Some((a, b)) = t.split_last_hyphen(p)
            && a.to_lowercase() == b.to_lowercase()
        {
            out.push(2);
        }
        let chars: Vec<char> = t.norm(p).chars().flat_map(char::to_lowercase).collect();
        out.extend(syllable_repeats(&chars));
    }
    out.extend(char_runs(p, 4, usize::MAX).into_iter().map(|l| l.count));
    out
}

/// How long the runs of one digit in a text are (a unit's source: `100000`: 5), which a run of
/// digits in its translation mirrors.
pub fn source_digit_runs(p: &Analysis) -> Vec<usize> {
    char_runs(p, usize::MAX, 3)
        .into_iter()
        .map(|l| l.count)
        .collect()
}

/// The counts of units of two to four characters said three times or more in a row inside a
/// word (`hehehe`, `hahahaha`).
fn syllable_repeats(chars: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut s = 0;
    while s < chars.len() {
        let mut best = 0;
        for unit in 2..=4 {
            let mut count = 1;
            while s + (count + 1) * unit <= chars.len()
                && chars[s + count * unit..s + (count + 1) * unit] == chars[s..s + unit]
            {
                count += 1;
            }
            if count >= 3 && count * unit > best {
                best = count * unit;
                out.push(count);
            }
        }
        s += best.max(1);
    }
    out
}

/// The byte a character stands for when UTF-8 was decoded as Windows-1252 or Latin-1: the
/// Latin-1 range as itself (C1 controls included: Latin-1 decodes 0x80-0x9F to them, and
/// Windows-1252 leaves its five undefined bytes so), and Windows-1252's characters for
/// 0x80-0x9F.
pub(super) fn mis_decoded_byte(c: char) -> Option<u8> {
    let b = match c {
        '\u{80}'..='\u{FF}' => c as u32 as u8,
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(b)
}

/// Whether a character a two-byte sequence decodes to is one real text is written in:
/// Latin-1 letters and signs, Latin Extended-A, Greek, Cyrillic, Hebrew and Arabic letters.
/// Real text in a Latin script may put an accented capital or `ß` before a quote or a sign
/// (`Fuß“`, `ÉTÉ»`); read as UTF-8 those give IPA, modifier letters or N'Ko, never these.
fn plausible_two_byte(c: char) -> bool {
    matches!(c, '\u{A0}'..='\u{17F}' | '\u{370}'..='\u{3FF}' | '\u{400}'..='\u{52F}'
        | '\u{5D0}'..='\u{5EA}' | '\u{600}'..='\u{6FF}')
}

/// The code page UTF-8 bytes were decoded with: Windows-1252 (or Latin-1), or the legacy
/// page of a script, `LEGACY[i]` (`РџСЂР°РІРёС‚РµР»СЊСЃС‚РІРѕ` for `Правительство`, `Ξ‘ΞΈΞ®Ξ½Ξ±`
/// for `Αθήνα`, `׳©׳•׳§` for `שוק`, `ط§ظ„ط¹ط±ط¨ظٹط©` for `العربية`).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Page {
    Western,
    Legacy(usize),
}

/// The single-byte pages of the scripts whose UTF-8 is read in them, with each one's script:
/// Windows-1251 (Cyrillic), 1253 (Greek), 1255 (Hebrew), 1256 (Arabic). (Thai's 874 is not
/// one: a Thai word's own bytes read as UTF-8 sequences of Thai.)
const LEGACY: [(&encoding_rs::Encoding, unicode_script::Script); 4] = [
    (encoding_rs::WINDOWS_1251, unicode_script::Script::Cyrillic),
    (encoding_rs::WINDOWS_1253, unicode_script::Script::Greek),
    (encoding_rs::WINDOWS_1255, unicode_script::Script::Hebrew),
    (encoding_rs::WINDOWS_1256, unicode_script::Script::Arabic),
];

impl Page {
    fn byte(self, c: char) -> Option<u8> {
        match self {
            Page::Western => mis_decoded_byte(c),
            Page::Legacy(i) => legacy_byte(i, c),
        }
    }
}

/// The byte `LEGACY[page]` decodes to `c`, for bytes 0x80-0xFF.
fn legacy_byte(page: usize, c: char) -> Option<u8> {
    static TABLES: [std::sync::OnceLock<Vec<(char, u8)>>; LEGACY.len()] =
        [const { std::sync::OnceLock::new() }; LEGACY.len()];
    if (c as u32) < 0x80 {
        return None;
    }
    let table = TABLES[page].get_or_init(|| {
        let mut t: Vec<(char, u8)> = (0x80..=0xFFu8)
            .filter_map(|b| {
                let byte = [b];
                let (s, bad) = LEGACY[page].0.decode_without_bom_handling(&byte);
                let c = s.chars().next()?;
                (!bad && c != '\u{FFFD}').then_some((c, b))
            })
            .collect();
        t.sort_unstable();
        t
    });
    table
        .binary_search_by_key(&c, |&(x, _)| x)
        .ok()
        .map(|i| table[i].1)
}

/// One step of repair: the UTF-8 sequences that were decoded with `page`, character by
/// character, as (start, end, what they stand for) in bytes of `text`.
fn mis_decoded(text: &str, page: Page) -> Vec<(usize, usize, char)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let need = match page.byte(c) {
            Some(0xC2..=0xDF) => 1,
            Some(0xE0..=0xEF) => 2,
            Some(0xF0..=0xF4) => 3,
            _ => {
                i += 1;
                continue;
            }
        };
        let mut bytes = vec![page.byte(c).unwrap_or(0)];
        for k in 1..=need {
            match chars.get(i + k).and_then(|&(_, d)| page.byte(d)) {
                Some(b @ 0x80..=0xBF) => bytes.push(b),
                _ => break,
            }
        }
        let decoded = (bytes.len() == need + 1)
            .then(|| std::str::from_utf8(&bytes).ok())
            .flatten()
            .and_then(|s| s.chars().next())
            .filter(|&d| need > 1 || plausible_two_byte(d))
            .filter(|&d| !d.is_control());
        match decoded {
            Some(d) => {
                let end = chars.get(i + need + 1).map_or(text.len(), |&(e, _)| e);
                out.push((at, end, d));
                i += need + 1;
            }
            None => i += 1,
        }
    }
    out
}

/// Text that is UTF-8 decoded as Windows-1252 or Latin-1 (mojibake: `Ã©` for `é`, `â€™` for
/// `’`, `à¦¬` for `ব`, twice over `Ã¢â‚¬â„¢`), as spans of `text` with the text they stand
/// for. Sequences with only spaces between them are one span (two words). Real text with
/// accents (`café`, `Ångström`) has no lead byte followed by continuation bytes, and is left
/// alone.
pub fn mojibake(text: &str) -> Vec<(Span, String)> {
    let mut page = Page::Western;
    let mut seqs = mis_decoded(text, page);
    // An accented capital or letter closing a Latin word before a quote or an ellipsis reads
    // as a lead byte and its continuations (`SÍ»` as `ͻ`, `sé…»` as `酻`), and so do Sami
    // letters inside a word (`áššiid`, `Náššuvnnaid`: `ášš` as Ogham `ᚚ`; `oovtviärdásâžžân`:
    // `âžž` as the dingbat `➞`): a lone sequence glued to Latin letters that stands for a
    // letter of a script no Latin text glues on, or (between Latin letters) for a dingbat or
    // a pictograph, is that word's own letters, not mojibake, which stands for the text's own
    // letters and comes in runs (`Ã©`, `à¦¬à¦¾`, `Ð¿Ñ€`) or for punctuation and signs (`â€™`,
    // `Â°C`, `Brandâ„¢`, `Aâ†’B`).
    let lone_in_latin_word = |k: usize, seqs: &[(usize, usize, char)]| {
        use unicode_script::Script;
        let (start, end, d) = seqs[k];
        if touches(seqs, k) {
            return false;
        }
        let latin = |c: Option<char>| {
            c.is_some_and(|c| {
                c.is_alphabetic() && crate::text::script::script_of(c) == Some(Script::Latin)
            })
        };
        let (before, after) = (
            latin(text[..start].chars().next_back()),
            latin(text[end..].chars().next()),
        );
        let script = crate::text::script::script_of(d);
        let foreign = script.is_some_and(|s| s != Script::Latin);
        // what the sequence reads as continuation bytes is closing punctuation only (`»`,
        // `…`, `”`)
        let closing = text[start..end]
            .chars()
            .skip(1)
            .all(|c| matches!(c, '»' | '…' | '”' | '’' | '›' | '“' | '‘' | '«'));
        // a Greek letter glued to an acronym (`TNFÎ±`) is mojibake, not a Sami letter
        let no_greek = script != Some(Script::Greek);
        // Miscellaneous Symbols, Dingbats, Braille
        let pictograph = ('\u{2600}'..='\u{28FF}').contains(&d);
        (foreign && before && closing)
            || (foreign && no_greek && (before || after))
            || (pictograph && before && after)
    };
    let keep: Vec<bool> = (0..seqs.len())
        .map(|k| !lone_in_latin_word(k, &seqs))
        .collect();
    retain_where(&mut seqs, &keep);
    // A legacy page reads a lead byte as a letter of its script (Windows-1251 `Р`, `С`,
    // `а`-`п`; 1253 `Ξ`, `Ο`; 1256 `ط`, `ظ`, `ع`, `غ`), which real text has before a sign now
    // and then (`Рё` in `Рёв`, `ع،` a word before the Arabic comma): only two sequences in a
    // row are mojibake there. The first page that reads any is the one.
    for (i, &(_, script)) in LEGACY.iter().enumerate() {
        if !seqs.is_empty() {
            break;
        }
        page = Page::Legacy(i);
        seqs = mis_decoded(text, page);
        // What a page's mojibake stands for is its own script's letters and punctuation (a
        // Persian word with a joiner, `عکس‌`, reads as `ژ` and Cyrillic `ӝ`).
        let own = |d: char| {
            ('\u{2000}'..='\u{206F}').contains(&d)
                || crate::text::script::script_of(d) == Some(script)
        };
        let keep: Vec<bool> = seqs.iter().map(|&(_, _, d)| own(d)).collect();
        retain_where(&mut seqs, &keep);
        let keep: Vec<bool> = (0..seqs.len()).map(|k| touches(&seqs, k)).collect();
        retain_where(&mut seqs, &keep);
    }
    let mut out: Vec<(Span, String)> = Vec::new();
    let mut last_end = None;
    for (start, end, _) in seqs {
        match (out.last_mut(), last_end) {
            (Some((span, _)), Some(e))
                if text[e..start].len() <= 3 && text[e..start].chars().all(char::is_whitespace) =>
            {
                span.end = end;
            }
            _ => out.push((Span::new(start, end), String::new())),
        }
        last_end = Some(end);
    }
    for (span, repaired) in &mut out {
        *repaired = repair(&text[span.start..span.end], page);
    }
    out
}

/// Whether mis-decoded sequence `k` starts where the one before it ends or ends where the one
/// after it starts: mojibake comes in runs.
fn touches(seqs: &[(usize, usize, char)], k: usize) -> bool {
    (k > 0 && seqs[k - 1].1 == seqs[k].0) || seqs.get(k + 1).is_some_and(|n| n.0 == seqs[k].1)
}

/// The span of a text without the whitespace at its ends (a finding on the whole paragraph).
pub fn trimmed(text: &str) -> Span {
    let start = text.len() - text.trim_start().len();
    Span::new(start, text.trim_end().len().max(start))
}

/// Keeps the items of `v` whose flag in `keep` (one per item, in order) is set.
fn retain_where<T>(v: &mut Vec<T>, keep: &[bool]) {
    let mut flags = keep.iter();
    v.retain(|_| flags.next().copied().unwrap_or(false));
}

/// Mojibake decoded back, as often as it was mis-decoded (at most three times).
fn repair(s: &str, page: Page) -> String {
    let mut cur = s.to_string();
    for _ in 0..3 {
        let seqs = mis_decoded(&cur, page);
        if seqs.is_empty() {
            break;
        }
        let mut next = String::with_capacity(cur.len());
        let mut from = 0;
        for (start, end, d) in seqs {
            next.push_str(&cur[from..start]);
            next.push(d);
            from = end;
        }
        next.push_str(&cur[from..]);
        cur = next;
    }
    cur
}

#[cfg(test)]
mod tests {

    #[test]
    fn separators_of_every_script_found_on_bytes() {
        let text = "a, b\u{60C} c\u{FF0C}d\u{3001}e;f\u{61B}g\u{FF1B}h ছ ঁ ঌ";
        let at = |c: char| text.find(c).unwrap();
        assert_eq!(
            separators(text, false),
            [at(','), at('\u{60C}'), at('\u{FF0C}')]
        );
        assert_eq!(
            separators(text, true),
            [
                at(','),
                at('\u{60C}'),
                at('\u{FF0C}'),
                at('\u{3001}'),
                at(';'),
                at('\u{61B}'),
                at('\u{FF1B}')
            ]
        );
        let separates = |c: char| is_comma(c) || matches!(c, ';' | '\u{061B}' | '\u{FF1B}');
        let by_chars: Vec<usize> = text.match_indices(separates).map(|(i, _)| i).collect();
        assert_eq!(separators(text, true), by_chars);
    }
    use super::*;
    use proptest::prelude::*;

    /// Paragraphs of units of one to three words said one to four times in a row, each time
    /// in any of the word's forms alike by `token_ids` (cases, with a German word whose lower
    /// case is shorter; NFC and a decomposed letter), apart by spaces, commas and full stops:
    /// loops of every unit and count, and copies one short of a loop.
    fn paragraph() -> impl Strategy<Value = String> {
        const FORMS: [&[&str]; 8] = [
            &["ও"],
            &["এবং"],
            &["করে-ও"],
            &["Yes", "yes", "YES"],
            &["Да", "да", "ДА"],
            &["Straße", "STRAẞE", "straße"],
            &["\u{e9}t\u{e9}", "e\u{301}te\u{301}"],
            &["x-y"],
        ];
        let gap = prop::sample::select(vec![" ", " ", " ", ", ", ". "]);
        let unit = prop::collection::vec(0..FORMS.len(), 1..4);
        let said = (unit, 1usize..5, prop::collection::vec((0usize..3, gap), 12));
        prop::collection::vec(said, 0..8).prop_map(|units| {
            let mut text = String::new();
            for (unit, times, forms) in units {
                let mut form = forms.iter().cycle();
                for _ in 0..times {
                    for &w in &unit {
                        let (f, gap) = form.next().expect("a cycle");
                        text.push_str(FORMS[w][f % FORMS[w].len()]);
                        text.push_str(gap);
                    }
                }
            }
            text
        })
    }

    proptest! {
        /// The test that passes most paragraphs by rules out none that holds a loop, of any
        /// unit and count.
        #[test]
        fn no_paragraph_with_a_loop_is_passed_by(
            text in paragraph(),
            max_unit in 1usize..8,
            min_count in 2usize..5,
        ) {
            let p = Analysis::new(&text);
            let tokens = joined_tokens(&p);
            if !loops_by_ids(&p, &tokens, max_unit, min_count).is_empty() {
                prop_assert!(may_loop(&p, &tokens, max_unit, min_count));
            }
        }
    }

    #[test]
    fn a_loop_of_words_folded_by_case_is_found_and_a_paragraph_without_one_passed_by() {
        for (text, looped) in [
            ("Yes yes YES, no", true),
            ("Да да ДА", true),
            ("Straße STRAẞE straße", true),
            ("ও এবং ও করে ও", false),
            ("ab x-y ab x-y, ab x-y", true),
        ] {
            let p = Analysis::new(text);
            let tokens = joined_tokens(&p);
            assert_eq!(
                !token_loops(&p, &tokens, 40, 3).is_empty(),
                looped,
                "{text}"
            );
            // The paragraph without a loop is passed by without its tokens' ids.
            assert_eq!(may_loop(&p, &tokens, 40, 3), looped, "{text}");
        }
    }
}
