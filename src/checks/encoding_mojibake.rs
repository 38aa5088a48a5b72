//! `encoding-mojibake`: UTF-8 text decoded as Windows-1252 or Latin-1 (`Ã©` for `é`, `â€™`
//! for `’`, `à¦¬à¦¾à¦‚à¦²à¦¾` for `বাংলা`, `Ð¿Ñ€Ð¸` for `при`, twice over `Ã¢â‚¬â„¢`) or as
//! Windows-1251 (`РџСЂР°РІРёС‚РµР»СЊСЃС‚РІРѕ` for `Правительство`), 1253 (`Ξ‘ΞΈΞ®Ξ½Ξ±` for
//! `Αθήνα`), 1255 (`׳©׳•׳§` for `שוק`) or 1256 (`ط§ظ„ط¹ط±ط¨ظٹط©` for `العربية`), found by its
//! bytes: a character that stands for a UTF-8 lead byte followed by characters that stand for
//! the continuation bytes it needs, which decode to a real character. Real text with accents
//! (`café`, `Ångström`, `Fuß“`) has no such sequence. Besides, text of a legacy code page read
//! as Windows-1252 (`Ïðàâèòåëüñòâî` for `Правительство`, `Rz¹d` for `Rząd`) and KOI8-R read
//! as Windows-1251 (`рТБЧЙФЕМШУФЧП`): `code_pages`. The suggestion is the text decoded back.

use serde::Deserialize;

use super::code_pages::{hint, koi8_as_1251, latin_legacy, legacy_mojibake};
use super::shared::mojibake;
use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span, overlaps_any};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct Mojibake;

pub fn build(_: Options) -> Result<Mojibake, BuildError> {
    Ok(Mojibake)
}

impl Check for Mojibake {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        // UTF-8 read in the wrong page and a legacy page read as Windows-1252 may read the same
        // characters: the legacy reading wins in the page of the document's own script (a
        // Thai word's bytes may hold a UTF-8 sequence, `Å»`), the UTF-8 reading elsewhere.
        let utf8 = mojibake(p.text);
        let (legacy, hinted) = legacy_mojibake(p.text, hint(ctx.script, &ctx.language));
        let (mut found, mut other) = if hinted {
            (legacy, utf8)
        } else {
            (utf8, legacy)
        };
        other.extend(latin_legacy(p.text, &ctx.language));
        other.extend(koi8_as_1251(p.text));
        let taken: Vec<Span> = found.iter().map(|f| f.0).collect();
        found.extend(other.into_iter().filter(|(s, _)| !overlaps_any(&taken, *s)));
        found.sort_by_key(|f| f.0.start);
        for (span, repaired) in found {
            out.push(
                Hit::new(span)
                    .var("repaired", repaired.clone())
                    .suggest(repaired),
            );
        }
    }

    /// A lead byte read as Latin-1 (`Â`-`ß`, `à`-`ï`, `ð`-`ô`) or as Windows-1251 (`Р`, `С`
    /// before a sign of 0x80-0xBF, `а`-`п`); a letter of a legacy code page read as
    /// Windows-1252 (`À`-`ÿ`, and the signs Windows-1250 letters read as: `¹`, `³`, `¿`...);
    /// KOI8-R read as Windows-1251 (a small letter before capitals).
    fn gate(&self) -> Option<&str> {
        Some(concat!(
            "[\u{C0}-\u{FF}\u{A3}\u{A5}\u{AA}\u{AF}\u{B3}\u{B9}\u{BA}\u{BC}\u{BE}\u{BF}]|[а-яё][А-ЯЁ]{3}|[РС][\u{80}-\u{BF}\u{0401}-\u{040F}\u{0451}-\u{045F}\u{0490}\u{0491}\u{2013}-\u{203A}\u{20AC}\u{2116}\u{2122}]|[а-п][\u{80}-\u{BF}\u{0401}-\u{040F}\u{0451}-\u{045F}\u{0490}\u{0491}\u{2013}-\u{203A}\u{20AC}\u{2116}\u{2122}]",
            // Greek, Hebrew and Arabic read as Windows-1253, 1255 and 1256: the lead bytes of
            // their two-byte sequences (`Ξ`, `Ο`; `׳`; `ط`-`غ`) before a continuation byte.
            "|[\u{039E}-\u{039F}][\u{00A0}\u{00A3}-\u{00A9}\u{00AB}-\u{00AE}\u{00B0}-\u{00B3}\u{00B5}-\u{00B7}\u{00BB}\u{00BD}\u{0192}\u{0384}-\u{0386}\u{0388}-\u{038A}\u{038C}\u{038E}-\u{038F}\u{2013}-\u{2015}\u{2018}-\u{201A}\u{201C}-\u{201E}\u{2020}-\u{2022}\u{2026}\u{2030}\u{2039}-\u{203A}\u{20AC}\u{2122}]",
            "|\u{05F3}[\u{00A0}-\u{00A3}\u{00A5}-\u{00A9}\u{00AB}-\u{00B9}\u{00BB}-\u{00BF}\u{00D7}\u{00F7}\u{0192}\u{02C6}\u{02DC}\u{2013}-\u{2014}\u{2018}-\u{201A}\u{201C}-\u{201E}\u{2020}-\u{2022}\u{2026}\u{2030}\u{2039}-\u{203A}\u{20AA}\u{20AC}\u{2122}]",
            "|[\u{0637}-\u{063A}][\u{00A0}\u{00A2}-\u{00A9}\u{00AB}-\u{00B9}\u{00BB}-\u{00BE}\u{0152}-\u{0153}\u{0192}\u{02C6}\u{060C}\u{061B}\u{061F}\u{0679}\u{067E}\u{0686}\u{0688}\u{0691}\u{0698}\u{06A9}\u{06AF}\u{06BA}\u{06BE}\u{200C}-\u{200D}\u{2013}-\u{2014}\u{2018}-\u{201A}\u{201C}-\u{201E}\u{2020}-\u{2022}\u{2026}\u{2030}\u{2039}-\u{203A}\u{20AC}\u{2122}]",
        ))
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged, texts};

    #[test]
    fn mojibake_and_real_accents() {
        let c = compile("encoding-mojibake", "").unwrap();
        assert_eq!(
            flagged(&*c, "cafÃ© and itâ€™s Ã¢â‚¬â„¢", "en"),
            [
                ("Ã©".to_string(), Some("é".to_string())),
                ("â€™".to_string(), Some("’".to_string())),
                ("Ã¢â‚¬â„¢".to_string(), Some("’".to_string())),
            ]
        );
        let bengali = "বাংলা"
            .as_bytes()
            .iter()
            .map(|&b| b as char)
            .collect::<String>();
        assert_eq!(
            flagged(&*c, &format!("লেখা {bengali} ভাষা"), "bn"),
            [(bengali.clone(), Some("বাংলা".to_string()))],
            "Latin-1, C1 controls and all"
        );
        assert_eq!(texts(&*c, "Ð¿Ñ€Ð¸ Ø§Ù„", "ru"), ["Ð¿Ñ€Ð¸ Ø§Ù„"]);
        assert!(
            texts(
                &*c,
                "café, Ångström, naïve, Fuß“, «ÉTÉ», ÉTÉ… São Paulo, ½°",
                "fr"
            )
            .is_empty()
        );
        // Sami spells words with `áš` and `âž` that read as UTF-8 of Ogham (UDHR, Northern
        // and Inari Sami): inside a Latin word, no mojibake.
        assert_eq!(
            texts(
                &*c,
                "Juohkehaččas lea vuoigatvuohta oassálastit áššiid dikšumii Náššuvnnaid oovtviärdásâžžân",
                "se"
            ),
            Vec::<String>::new()
        );
        // Signs and punctuation glued to a Latin word are mojibake all the same.
        assert_eq!(
            texts(
                &*c,
                "25Â°C, Brandâ„¢, MicrosoftÂ® Word, Aâ†’B, itâ€™s",
                "en"
            ),
            ["Â°", "â„¢", "Â®", "â†’", "â€™"]
        );
    }

    #[test]
    fn greek_hebrew_and_arabic_read_in_their_legacy_pages() {
        let c = compile("encoding-mojibake", "").unwrap();
        // UTF-8 read as Windows-1253, 1255 and 1256 (each text's bytes decoded so here).
        let read_as = |text: &str, page: &'static encoding_rs::Encoding| {
            page.decode_without_bom_handling(text.as_bytes())
                .0
                .into_owned()
        };
        for (text, page, language) in [
            ("Αθήνα είναι", encoding_rs::WINDOWS_1253, "el"),
            ("שוק פתוח", encoding_rs::WINDOWS_1255, "he"),
            ("اللغة العربية", encoding_rs::WINDOWS_1256, "ar"),
        ] {
            let garbled = read_as(text, page);
            assert_eq!(
                flagged(&*c, &format!("{garbled}."), language),
                [(garbled.clone(), Some(text.to_string()))],
                "{garbled}"
            );
        }
        // Real text: a word before the Arabic comma or question mark, Persian `عکس`, Greek
        // capitals.
        assert!(
            texts(
                &*c,
                "في الربيع، وماذا عن المصنع؟ عکس‌ها و گچ. ΟΔΗΓΟΣ ΞΕΝΟΔΟΧΕΙΟΥ",
                "ar"
            )
            .is_empty()
        );
    }
}
