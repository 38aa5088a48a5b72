//! Text of an 8-bit code page read as Windows-1252 (legacy mojibake): Russian saved in
//! Windows-1251 and opened as Western (`Ïðàâèòåëüñòâî` for `Правительство`), and so Greek
//! (1253), Hebrew (1255), Arabic (1256) and Thai (874). Each of those pages puts its letters in
//! the bytes 0x80-0xFF, where Windows-1252 has its accented Latin letters and signs, so a word
//! of the page reads as a run of them with no ASCII letter in it. Real Latin text glues its
//! accented letters to plain ones (`été`, `São`, `Ångström`); four in a row with none beside
//! them, and a code page that reads the run back as letters of one script, is the page's text.

use unicode_script::Script;

use super::shared::mis_decoded_byte;
use crate::text::Span;
use crate::text::script::{is_letter_or_mark, is_lowercase_letter, is_uppercase, script_of};

/// A legacy code page: its encoding, the scripts of its letters, and the eight letters most
/// frequent in its text (about half of all its letters in news text: Russian, Arabic, Greek,
/// Hebrew, Thai), which a page that only happens to read the bytes as letters gives about a
/// quarter of. A double-byte page (Korean, Chinese) reads many runs of bytes as its letters,
/// so it is tried only where the document is expected in its script.
struct Page {
    encoding: &'static encoding_rs::Encoding,
    script: Script,
    frequent: &'static str,
    hinted_only: bool,
}

/// The pages tried, in the order a tie between them is settled.
const PAGES: [Page; 7] = [
    Page {
        encoding: encoding_rs::WINDOWS_1251,
        script: Script::Cyrillic,
        frequent: "оеаинтсрОЕАИНТСР",
        hinted_only: false,
    },
    Page {
        encoding: encoding_rs::WINDOWS_1256,
        script: Script::Arabic,
        frequent: "الينمهرو",
        hinted_only: false,
    },
    Page {
        encoding: encoding_rs::WINDOWS_1253,
        script: Script::Greek,
        frequent: "αοετινσςΑΟΕΤΙΝΣ",
        hinted_only: false,
    },
    Page {
        encoding: encoding_rs::WINDOWS_1255,
        script: Script::Hebrew,
        frequent: "יוהלארמת",
        hinted_only: false,
    },
    Page {
        encoding: encoding_rs::WINDOWS_874,
        script: Script::Thai,
        frequent: "านรอกเงม",
        hinted_only: false,
    },
    Page {
        encoding: encoding_rs::EUC_KR,
        script: Script::Hangul,
        frequent: "",
        hinted_only: true,
    },
    Page {
        encoding: encoding_rs::GBK,
        script: Script::Han,
        frequent: "",
        hinted_only: true,
    },
];

/// The script of a code page the document is expected in: its dominant script, or, where the
/// whole document is garbled (its letters Latin), its language's (`ru`: Cyrillic).
pub(super) fn hint(dominant: Option<Script>, language: &str) -> Option<Script> {
    if let Some(s) = dominant.filter(|s| PAGES.iter().any(|p| p.script == *s)) {
        return Some(s);
    }
    crate::lang::script_of(language).filter(|s| PAGES.iter().any(|p| p.script == *s))
}

/// A Latin legacy page read as Windows-1252: most letters are ASCII, and the few the language
/// adds come out as signs or other letters (Polish in Windows-1250: `Rząd ogłosił` as `Rz¹d
/// og³osi³`; Turkish in 1254: `Sağlık` as `Saðlýk`). `signals` are what no word holds between
/// two letters in real text (in Icelandic, Faroese and Czech `ð`, `ý`, `þ` are letters: those of
/// 1254 count only in a document of the page's `languages`).
struct LatinPage {
    encoding: &'static encoding_rs::Encoding,
    signals: &'static str,
    languages: &'static [&'static str],
}

const LATIN_PAGES: [LatinPage; 2] = [
    LatinPage {
        encoding: encoding_rs::WINDOWS_1250,
        signals: "¹³¿¾¼¥£¯ºª",
        languages: &[],
    },
    LatinPage {
        encoding: encoding_rs::WINDOWS_1254,
        signals: "ðýþÐÝÞ",
        languages: &["tr", "az"],
    },
];

/// The span of `text` from the first to the last word a Latin legacy page changes, where its
/// words hold two signals of the page between two letters (one alone may be a letter the text
/// lost: `pegk¿jai` in the UDHR of Aguaruna), with the span read in the page.
pub(super) fn latin_legacy(text: &str, language: &str) -> Option<(Span, String)> {
    // Every signal is two bytes in UTF-8, led by 0xC2 or 0xC3.
    memchr::memchr2(0xC2, 0xC3, text.as_bytes())?;
    let words = || {
        text.split_whitespace().map(|w| {
            let w = w.trim_matches(|c: char| c.is_ascii_punctuation());
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            (Span::new(start, start + w.len()), w)
        })
    };
    let page = LATIN_PAGES.iter().find(|page| {
        if !text.contains(|c| page.signals.contains(c)) {
            return false;
        }
        let signals: usize = words()
            .map(|(_, w)| {
                let chars: Vec<char> = w.chars().collect();
                chars
                    .windows(3)
                    .filter(|t| {
                        page.signals.contains(t[1])
                            && t[0].is_alphabetic()
                            && t[2].is_alphabetic()
                            && (t[0].is_ascii() || t[2].is_ascii())
                    })
                    .count()
            })
            .sum();
        (page.languages.is_empty() || page.languages.contains(&language)) && signals >= 2
    })?;
    let changed = |w: &str| {
        w.chars().any(|c| {
            !c.is_ascii()
                && mis_decoded_byte(c).is_some_and(|b| {
                    let byte = [b];
                    let (d, _) = page.encoding.decode_without_bom_handling(&byte);
                    !d.starts_with(c)
                })
        })
    };
    let mut changed_words = words().filter(|(_, w)| changed(w)).map(|(s, _)| s);
    let first = changed_words.next()?;
    let span = Span::new(first.start, changed_words.next_back().unwrap_or(first).end);
    Some((span, read_in(&text[span.start..span.end], page.encoding)?))
}

/// KOI8-R read as Windows-1251: KOI8 puts small letters where 1251 has capitals and the
/// reverse, so a Russian word comes out in capitals, a capitalised one as a small letter before
/// capitals (`рТБЧЙФЕМШУФЧП` for `Правительство`), which no real word of five letters or more
/// is, with a word of capitals after it or eight letters long (`иРНК`, mRNA, is real). The span from the
/// first such word to the last word of capitals after it, passing over short words of small
/// letters (an acronym comes out so, `чпъ` for `ВОЗ`), read in KOI8-R.
pub(super) fn koi8_as_1251(text: &str) -> Option<(Span, String)> {
    let cyrillic = |c: char| script_of(c) == Some(Script::Cyrillic) && c.is_alphabetic();
    let inverted = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(|c| c.is_lowercase())
            && w.chars().count() >= 5
            && cs.all(char::is_uppercase)
    };
    // The words are gathered only where one is such.
    let at = text.split(|c: char| !cyrillic(c)).find(|w| inverted(w))?;
    let from = at.as_ptr() as usize - text.as_ptr() as usize;
    let words: Vec<(Span, &str)> = text[from..]
        .split(|c: char| !cyrillic(c))
        .filter(|w| !w.is_empty())
        .map(|w| {
            let start = w.as_ptr() as usize - text.as_ptr() as usize;
            (Span::new(start, start + w.len()), w)
        })
        .collect();
    let mut end = words[0].0.end;
    let mut gap_end = end;
    let mut more = 0;
    for (span, w) in &words[1..] {
        let gap = &text[gap_end..span.start];
        let short_small = w.chars().count() <= 3 && w.chars().all(char::is_lowercase);
        if !(inverted(w) || w.chars().all(char::is_uppercase) || short_small)
            || !gap
                .chars()
                .all(|c| c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit())
        {
            break;
        }
        if !short_small {
            end = span.end;
            more += 1;
        }
        gap_end = span.end;
    }
    // A small letter before an acronym (`иРНК`, mRNA) is real: a word of capitals must follow,
    // or the word be long.
    if more == 0 && words[0].1.chars().count() < 8 {
        return None;
    }
    let span = Span::new(words[0].0.start, end);
    let (bytes, _, bad) = encoding_rs::WINDOWS_1251.encode(&text[span.start..span.end]);
    if bad {
        return None;
    }
    let (repaired, bad) = encoding_rs::KOI8_R.decode_without_bom_handling(&bytes);
    (!bad).then(|| (span, repaired.into_owned()))
}

/// A run of this many characters of the upper half is read as a word of a code page; a
/// paragraph needs two such runs, or one of `ALONE`.
const STRONG: usize = 4;
const ALONE: usize = 6;

/// Spans of `text` that are a legacy code page read as Windows-1252, each with its text read
/// in the right page, and whether that page is the hinted one. `hint` is the script the
/// document is expected in (its dominant script or its language's): a run that several pages
/// read as letters is read in that one.
pub(super) fn legacy_mojibake(text: &str, hint: Option<Script>) -> (Vec<(Span, String)>, bool) {
    // The upper half of Latin-1's letters is `0xC3 0x80-0xBF` in UTF-8: a text without four
    // of those has no strong run.
    if memchr::memchr_iter(0xC3, text.as_bytes())
        .nth(STRONG - 1)
        .is_none()
    {
        return (Vec::new(), false);
    }
    let words = runs(text);
    let strong: Vec<&Run> = words.iter().filter(|w| w.strong).collect();
    if strong.len() < 2 && !strong.iter().any(|w| w.len >= ALONE) {
        return (Vec::new(), false);
    }
    // The page that reads every strong run as letters of its script: the hinted one, else the
    // one whose reading has the most of its script's frequent letters (several pages read
    // most bytes as letters), then the one that reads the most of the paragraph's runs so.
    let readable = |page: usize| {
        strong
            .iter()
            .all(|w| reads_as_word(&text[w.span.start..w.span.end], page))
    };
    let mut fitting: Vec<usize> = (0..PAGES.len())
        .filter(|&p| (!PAGES[p].hinted_only || Some(PAGES[p].script) == hint) && readable(p))
        .collect();
    if let Some(p) = fitting.iter().position(|&p| Some(PAGES[p].script) == hint) {
        fitting = vec![fitting[p]];
    }
    let Some(page) = fitting.into_iter().max_by_key(|&p| {
        let n = words
            .iter()
            .filter(|w| reads_as_word(&text[w.span.start..w.span.end], p))
            .count();
        (frequent_share(&strong, text, p), n, std::cmp::Reverse(p))
    }) else {
        return (Vec::new(), false);
    };
    // Runs close together (spaces, ASCII punctuation and digits between) are one span: a
    // sentence of the page is one finding with its whole text repaired.
    let mut out: Vec<(Span, String)> = Vec::new();
    let mut cluster: Option<(Span, bool)> = None;
    let flush = |c: Option<(Span, bool)>, out: &mut Vec<(Span, String)>| {
        if let Some((span, true)) = c
            && let Some(repaired) = decoded(&text[span.start..span.end], page)
        {
            out.push((span, repaired));
        }
    };
    for w in &words {
        let member = w.strong || reads_as_word(&text[w.span.start..w.span.end], page);
        match &mut cluster {
            Some((span, strong))
                if member
                    && text[span.end..w.span.start].chars().all(|c| {
                        c.is_whitespace() || c.is_ascii_punctuation() || c.is_ascii_digit()
                    }) =>
            {
                span.end = w.span.end;
                *strong |= w.strong;
            }
            _ => {
                flush(cluster.take(), &mut out);
                if member {
                    cluster = Some((w.span, w.strong));
                }
            }
        }
    }
    flush(cluster, &mut out);
    (out, Some(PAGES[page].script) == hint)
}

/// A run of characters Windows-1252 keeps in its upper half, with no ASCII letter glued on.
struct Run {
    span: Span,
    /// Its characters.
    len: usize,
    strong: bool,
}

/// The runs of `text`: characters of Windows-1252's upper half but its spaces, dashes, quotes
/// and ellipsis (the same bytes in every page; `«` and `»` are Thai letters in 874), not
/// touching an ASCII letter or digit.
fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut count = 0;
    let upper = |c: char| {
        !matches!(
            c,
            '\u{A0}' | '‘' | '’' | '“' | '”' | '–' | '—' | '…' | '„' | '‚'
        ) && mis_decoded_byte(c).is_some_and(|b| b >= 0x80)
    };
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let close = |start: usize, end: usize, count: usize, out: &mut Vec<Run>| {
        if !glued(text[..start].chars().next_back()) && !glued(text[end..].chars().next()) {
            out.push(Run {
                span: Span::new(start, end),
                len: count,
                strong: count >= STRONG,
            });
        }
    };
    for (i, c) in text.char_indices() {
        if upper(c) {
            if start.is_none() {
                start = Some(i);
                count = 0;
            }
            count += 1;
        } else if let Some(s) = start.take() {
            close(s, i, count, &mut out);
        }
    }
    if let Some(s) = start {
        close(s, text.len(), count, &mut out);
    }
    out
}

/// Per thousand, how many of the letters the strong runs read as in page `page` are its
/// script's most frequent.
fn frequent_share(strong: &[&Run], text: &str, page: usize) -> usize {
    let (mut frequent, mut all) = (0, 0);
    for w in strong {
        for c in decoded(&text[w.span.start..w.span.end], page)
            .unwrap_or_default()
            .chars()
        {
            all += 1;
            frequent += usize::from(PAGES[page].frequent.contains(c));
        }
    }
    frequent * 1000 / all.max(1)
}

/// Whether `run` read in page `page` is a word of the page's script: letters and marks of it
/// (signs at its ends aside), and in a cased script no capital after a small letter
/// (`РїСЂ`, UTF-8 Cyrillic read twice over, is none).
fn reads_as_word(run: &str, page: usize) -> bool {
    let Some(word) = decoded(run, page) else {
        return false;
    };
    let word = word.trim_matches(|c: char| !is_letter_or_mark(c));
    let script = PAGES[page].script;
    let mut lower_before = false;
    !word.is_empty()
        && word.chars().all(|c| {
            let ok = script_of(c).is_none_or(|s| s == script) && is_letter_or_mark(c);
            let bad_case = lower_before && is_uppercase(c);
            lower_before |= is_lowercase_letter(c);
            ok && !bad_case
        })
}

/// `s` written back to the bytes Windows-1252 read and read in page `page`.
fn decoded(s: &str, page: usize) -> Option<String> {
    read_in(s, PAGES[page].encoding)
}

/// `s` written back to the bytes Windows-1252 read and read in `encoding`; `None` where a
/// character is none of Windows-1252's or the encoding has no character for a byte.
fn read_in(s: &str, encoding: &'static encoding_rs::Encoding) -> Option<String> {
    let bytes: Vec<u8> = s
        .chars()
        .map(|c| {
            if c.is_ascii() {
                Some(c as u8)
            } else {
                mis_decoded_byte(c)
            }
        })
        .collect::<Option<_>>()?;
    let (out, bad) = encoding.decode_without_bom_handling(&bytes);
    (!bad).then(|| out.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn garble(s: &str, page: &'static encoding_rs::Encoding) -> String {
        let (bytes, _, bad) = page.encode(s);
        assert!(!bad);
        bytes.iter().map(|&b| mis_char(b)).collect()
    }

    /// The character Windows-1252 reads byte `b` as (its C1 gaps as Latin-1 reads them).
    fn mis_char(b: u8) -> char {
        let byte = [b];
        let (s, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&byte);
        s.chars().next().unwrap()
    }

    #[test]
    fn each_page_is_read_back() {
        for (text, page, script) in [
            (
                "Правительство России объявило новые меры.",
                encoding_rs::WINDOWS_1251,
                Script::Cyrillic,
            ),
            (
                "Το Υπουργείο Υγείας ανακοίνωσε νέα μέτρα.",
                encoding_rs::WINDOWS_1253,
                Script::Greek,
            ),
            (
                "משרד הבריאות הודיע על צעדים חדשים.",
                encoding_rs::WINDOWS_1255,
                Script::Hebrew,
            ),
            (
                "وزارة الصحة أعلنت إجراءات جديدة.",
                encoding_rs::WINDOWS_1256,
                Script::Arabic,
            ),
            (
                "กระทรวงสาธารณสุขประกาศมาตรการใหม่",
                encoding_rs::WINDOWS_874,
                Script::Thai,
            ),
        ] {
            let garbled = garble(text, page);
            for hint in [Some(script), None] {
                let (found, hinted) = legacy_mojibake(&format!("Report: {garbled}"), hint);
                assert_eq!(hinted, hint.is_some());
                assert_eq!(found.len(), 1, "{garbled}");
                assert_eq!(
                    found[0].1.trim_end_matches('.'),
                    text.trim_end_matches('.'),
                    "{garbled}"
                );
            }
        }
        // A double-byte page is read where the document is in its script.
        for (text, page, script) in [
            (
                "사용자 정보가 저장되었습니다",
                encoding_rs::EUC_KR,
                Script::Hangul,
            ),
            (
                "政府工作报告 提出了今年的主要目标",
                encoding_rs::GBK,
                Script::Han,
            ),
        ] {
            let garbled = garble(text, page);
            let (found, _) = legacy_mojibake(&garbled, Some(script));
            assert_eq!(found.len(), 1, "{garbled}");
            assert_eq!(found[0].1, text);
        }
        // Latin pages: Windows-1250 anywhere, 1254 in Turkish; KOI8-R read as 1251.
        let garbled = garble(
            "Rząd ogłosił nowy program wsparcia dla rodzin.",
            encoding_rs::WINDOWS_1250,
        );
        assert_eq!(
            latin_legacy(&garbled, "pl").map(|f| f.1),
            Some("Rząd ogłosił".to_string())
        );
        let garbled = garble(
            "Sağlık Bakanlığı yeni önlemler açıkladı.",
            encoding_rs::WINDOWS_1254,
        );
        assert_eq!(
            latin_legacy(&garbled, "tr").map(|f| f.1),
            Some("Sağlık Bakanlığı yeni önlemler açıkladı".to_string())
        );
        assert_eq!(latin_legacy(&garbled, "is"), None);
        let (koi8, _, _) =
            encoding_rs::KOI8_R.encode("Правительство и ВОЗ утвердили новый план. Сегодня");
        let (garbled, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(&koi8);
        assert_eq!(
            koi8_as_1251(&garbled).map(|f| f.1),
            Some("Правительство и ВОЗ утвердили новый план. Сегодня".to_string())
        );
        // The document's script or language names the page.
        assert_eq!(hint(Some(Script::Cyrillic), "und"), Some(Script::Cyrillic));
        assert_eq!(hint(Some(Script::Latin), "he"), Some(Script::Hebrew));
        assert_eq!(hint(Some(Script::Latin), "fr"), None);
    }

    #[test]
    fn real_latin_text_and_utf8_mojibake_are_none() {
        for text in [
            "L'été à Montréal, São Paulo, Ångström, naïve, Fuß, ÉTÉ, ÀÉÎÕÜ.",
            "Þórður Guðmundsson og Björk Guðmundsdóttir í Reykjavík, ævi þýðing æði.",
            "Dvořák, Jiří, Łódź, Kraków, żółć, Nguyễn Thị Minh Khai, Hà Nội, km², 1º, Nº 5, Sª.",
            "Правительство США и ВОЗ, iPhone, МЧС России, СССР, иРНК, мкРНК вакцины.",
            "Unuimatak pegk¿jai jina aentsti iwaintumkatasa.",
            // UTF-8 Cyrillic read as Windows-1252: the other detector's (a capital after a
            // small letter in every page's reading).
            "Ð¿Ñ€Ð¸Ð²ÐµÑ‚ Ð¼Ð¸Ñ€",
        ] {
            assert!(legacy_mojibake(text, None).0.is_empty(), "{text}");
            assert_eq!(latin_legacy(text, "pl"), None, "{text}");
            assert_eq!(koi8_as_1251(text), None, "{text}");
        }
    }
}
