//! Placeholders and markup inside a text: printf (`%s`, `%1$d`, `%@`) and its escaped percent
//! (`%%`), Python (`%(name)s`), brace styles (`{0}`, `{name}`, `{{name}}`, `${name}`), ICU
//! message syntax (`{0,number,integer}`, and the frame of a plural or select: `{count, plural,
//! one {`, `} other {`), escape sequences written out (`\n`, `\t`), HTML/XML tags, character
//! entities, URLs and e-mail addresses. Segmentation only: what they are and where; rules
//! compare them.

use std::sync::{LazyLock, OnceLock};

use memchr::memmem::Finder;
use regex::Regex;

use super::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Class {
    Url,
    Email,
    /// `%s`, `%d`, `%@`: printf without an argument number (its position is its meaning).
    Printf,
    /// `%1$s`: printf with an argument number.
    PrintfNumbered,
    /// `%(name)s`.
    PythonNamed,
    /// `{}`: an empty brace (its position is its meaning).
    BraceEmpty,
    /// `{0}`, `{name}`, `{0:d}`, `{{name}}`, `${name}`; ICU's `{0,number,integer}` and the
    /// frame of a plural or select (`{count, plural, one {`, `} other {`), compared without
    /// their spaces.
    Brace,
    /// `%%` (printf's percent sign), `\n`, `\t`, `\r` written out: a program reads them.
    Escape,
    /// A case of an ICU plural after the first (`} few {`, `} =0 {`): each language has its own
    /// plural categories (Russian `few` and `many` where English has neither), so these are
    /// markup, not compared; a keyword that is no category (`} otro {`) is a `Brace`.
    PluralCase,
    Tag,
    Entity,
}

impl Class {
    /// Whether the placeholder's meaning is its position among its kind (so a changed order
    /// changes the meaning).
    pub fn positional(self) -> bool {
        matches!(self, Class::Printf | Class::BraceEmpty)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder {
    pub span: Span,
    pub class: Class,
    /// The placeholder as compared: the text, with a tag's whitespace collapsed.
    pub key: String,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(concat!(
            // A URL ends at a space, a quotation mark, a bracket, or punctuation a URL never
            // holds: full-width and CJK (`https://www.who.int。`), the Arabic comma, the danda.
            r"(?P<url>(?:https?|ftp)://[^\s<>\x22'\)\]）。，、；：！？「」『』【】《》〈〉“”‘’«»،؛।]+|(?-u:\b)www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+[^\s<>\x22'\)\]）。，、；：！？「」『』【】《》〈〉“”‘’«»،؛।]*|(?-u:\b)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/[^\s<>\x22'\)\]）。，、；：！？「」『』【】《》〈〉“”‘’«»،؛।]*)",
            r"|(?P<email>[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})",
            r"|(?P<escape>%%|\\[nrt])",
            r"|(?P<py>%\([A-Za-z_][A-Za-z0-9_]*\)[-+#0]*\d*(?:\.\d+)?[diouxXeEfFgGcrs])",
            r"|(?P<num>%[1-9]\d*\$[-+#0]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsSpn@])",
            r"|(?P<printf>%[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcsSpn@])",
            r"|(?P<brace2>\{\{\s*[A-Za-z_][A-Za-z0-9_.]*\s*\}\})",
            // ICU: the frame of a plural or select (its head with the first case, and each
            // further case's), then an argument with a type (`{0,number,integer}`).
            // A translated keyword or type is still read as one (`{n, plural, uno {`, `}
            // otro {`, `{0,número,entero}`), to be told altered.
            r"|(?P<icu>\{\s*\w+\s*,\s*(?:plural|selectordinal|select)\s*,(?:\s*offset:\d+)?\s*(?:=\d+|\w+)\s*\{|\}\s*(?:=\d+|\w+)\s*\{)",
            r"|(?P<icuarg>\{\s*\w+\s*,\s*\w+\s*(?:,[^{}]*)?\})",
            r"|(?P<brace>\$?\{[A-Za-z0-9_.]*(?::[^{}\s]*)?\})",
            r"|(?P<tag></?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>)",
            r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);)",
        ))
        .expect("the placeholder pattern compiles")
    })
}

/// The attributes of an HTML tag whose value is text for the reader, translated with the
/// sentence (`alt`, `title`, `placeholder`, `aria-label`...): a tag is compared without their
/// values.
fn translatable_attributes() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r#"(?i)(?P<name>\b(?:alt|title|placeholder|aria-label|aria-description|aria-placeholder|label|summary|abbr))\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)"#,
        )
        .expect("the attribute pattern compiles")
    })
}

/// The searchers for `www.` and U+FFFC, made once (`memmem::find` makes one each call, two
/// a paragraph: 0.4% of all the instructions of a check).
static WWW: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"www."));
static OBJECT: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{FFFC}"));

/// The placeholders of `text`, in order.
pub fn placeholders(text: &str) -> Vec<Placeholder> {
    // Every placeholder holds one of these ASCII characters (a URL with a scheme its `/`), or
    // is a URL starting `www.`: a few vector scans of the bytes (no decoding) rule most
    // paragraphs out.
    let b = text.as_bytes();
    if memchr::memchr3(b'%', b'{', b'<', b).is_none()
        && memchr::memchr3(b'&', b'@', b'\\', b).is_none()
        && memchr::memchr(b'/', b).is_none()
        && WWW.find(b).is_none()
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    for caps in pattern().captures_iter(text) {
        let (name, m) = [
            "url", "email", "escape", "py", "num", "printf", "brace2", "icu", "icuarg", "brace",
            "tag", "entity",
        ]
        .iter()
        .find_map(|n| caps.name(n).map(|m| (*n, m)))
        .expect("one group matched");
        let mut span = Span::new(m.start(), m.end());
        let before = text[..span.start].chars().next_back();
        let class = match name {
            "url" => {
                // Sentence punctuation after a URL is not part of it.
                let trimmed = m
                    .as_str()
                    .trim_end_matches(['.', ',', ';', ':', '!', '?', '।']);
                span.end = span.start + trimmed.len();
                Class::Url
            }
            "email" => Class::Email,
            "py" => Class::PythonNamed,
            "num" => Class::PrintfNumbered,
            // `a%s` is text, not a placeholder (after a letter of another script, `选择%s`,
            // or a number, `COVID-19%i`, one is).
            "printf" if before.is_some_and(|c| c.is_ascii_alphabetic()) => continue,
            "printf" => Class::Printf,
            "escape" => Class::Escape,
            "brace" if m.as_str() == "{}" => Class::BraceEmpty,
            "brace" | "brace2" | "icu" | "icuarg" => Class::Brace,
            "tag" => Class::Tag,
            _ => Class::Entity,
        };
        let raw = &text[span.start..span.end];
        let (class, key) = if name == "icu" {
            icu_piece(raw)
        } else {
            (class, String::new())
        };
        let key = if !key.is_empty() {
            key
        } else if name == "icuarg" {
            raw.split_whitespace().collect()
        } else if class == Class::Tag {
            translatable_attributes()
                .replace_all(raw, "$name=…")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            raw.to_string()
        };
        out.push(Placeholder { span, class, key });
    }
    out
}

/// The plural categories of CLDR, which ICU names a plural's cases by (with `=N`).
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The class and key of a piece of an ICU frame, spaces left out: a plural's head without its
/// first case when that is a category (the cases are each language's own), a case after it
/// as a `PluralCase` when it is one; a select's keywords (`male`, `female`), the same in every
/// language, and a keyword that is no category (`uno` for `one`) are compared.
fn icu_piece(raw: &str) -> (Class, String) {
    let key: String = raw.split_whitespace().collect();
    let keyword = key
        .trim_start_matches('}')
        .trim_end_matches('{')
        .rsplit(',')
        .next()
        .unwrap_or("");
    let category = keyword.starts_with('=') || PLURAL_CATEGORIES.contains(&keyword);
    if key.starts_with('}') {
        let class = if category {
            Class::PluralCase
        } else {
            Class::Brace
        };
        return (class, key);
    }
    let plural = key.contains(",plural,") || key.contains(",selectordinal,");
    if plural && category {
        let head = key[..key.len() - 1].trim_end_matches(keyword).to_string();
        return (Class::Brace, head);
    }
    (Class::Brace, key)
}

/// Spans of a text that are not language: placeholders, markup, URLs, addresses, and the
/// inline codes of translation files (U+FFFC).
pub fn masked(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = placeholders(text).into_iter().map(|p| p.span).collect();
    // (By its bytes: `str::contains` of a character searches for its last byte, 0xBC, which
    // every Bengali nukta ends with too.)
    if OBJECT.find(text.as_bytes()).is_some() {
        out.extend(
            text.match_indices('\u{FFFC}')
                .map(|(i, m)| Span::new(i, i + m.len())),
        );
        out.sort();
    }
    out
}

/// A text with its URLs, placeholders and markup blanked out: a term inside a URL
/// (`cdc.gov/coronavirus/`) is no use of it, and `{count, plural, one {` is no English. Between two characters of a script written
/// without spaces they are taken out, not blanked: a tag inside a word (`病<b>毒`) is markup,
/// not a word break.
pub fn unmasked(text: &str) -> String {
    let unspaced = |c: Option<char>| c.is_some_and(super::script::is_unspaced_char);
    let mut out = text.to_string();
    for m in masked(text).iter().rev() {
        let (head, tail) = (text[..m.start].trim_end(), text[m.end..].trim_start());
        if unspaced(head.chars().next_back()) && unspaced(tail.chars().next()) {
            // With the spaces around it (`冠 </span>状`).
            out.replace_range(head.len()..text.len() - tail.len(), "");
        } else {
            out.replace_range(m.start..m.end, " ");
        }
    }
    out
}

/// What a character entity stands for, for the common ones a translation may write as the
/// character itself (`&quot;` as a typographic quote).
pub fn entity_chars(entity: &str) -> &'static [char] {
    match entity {
        "&quot;" | "&#34;" => &['"', '“', '”', '„', '«', '»', '「', '」'],
        "&apos;" | "&#39;" | "&#x27;" => &['\'', '’', '‘'],
        "&amp;" | "&#38;" => &['&'],
        "&lt;" => &['<'],
        "&gt;" => &['>'],
        "&nbsp;" | "&#160;" => &['\u{00A0}'],
        "&mdash;" => &['—'],
        "&ndash;" => &['–'],
        "&hellip;" => &['…'],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Class, &str)> {
        placeholders(text)
            .into_iter()
            .map(|p| (p.class, &text[p.span.start..p.span.end]))
            .collect()
    }

    #[test]
    fn every_class() {
        assert_eq!(
            found(
                "Delete %s of %1$d at {0} {name} {} {{user}} %(count)d <b>now</b> &amp; see https://x.org/a. or a@b.co"
            ),
            [
                (Class::Printf, "%s"),
                (Class::PrintfNumbered, "%1$d"),
                (Class::Brace, "{0}"),
                (Class::Brace, "{name}"),
                (Class::BraceEmpty, "{}"),
                (Class::Brace, "{{user}}"),
                (Class::PythonNamed, "%(count)d"),
                (Class::Tag, "<b>"),
                (Class::Tag, "</b>"),
                (Class::Entity, "&amp;"),
                (Class::Url, "https://x.org/a"),
                (Class::Email, "a@b.co"),
            ]
        );
        assert_eq!(
            found(
                r"Hi ${name}, 50%% done\nof {0,number,integer} and {n, plural, one {# file} other {# files}}"
            ),
            [
                (Class::Brace, "${name}"),
                (Class::Escape, "%%"),
                (Class::Escape, r"\n"),
                (Class::Brace, "{0,number,integer}"),
                (Class::Brace, "{n, plural, one {"),
                (Class::PluralCase, "} other {"),
            ]
        );
        // An ICU frame is compared without its spaces and a plural's categories, each
        // language's own; a translated keyword is another key, and so is a select's case.
        let key = |t: &str| placeholders(t).remove(0).key;
        assert_eq!(key("{n,plural,one {"), key("{n, plural, other{"));
        assert_ne!(key("{n, plural, one {"), key("{n, plural, uno {"));
        assert_ne!(key("{g, select, male {"), key("{g, select, female {"));
        let found = found("{g, select, male {He} female {She} otro {They}}");
        assert_eq!(found[1], (Class::Brace, "} female {"));
        assert_eq!(found[2], (Class::Brace, "} otro {"));
    }

    #[test]
    fn a_tag_is_compared_without_the_text_of_its_attributes() {
        let key = |t: &str| placeholders(t).remove(0).key;
        assert_eq!(
            key(r#"<img src="logo.png" alt="Company logo">"#),
            key(r#"<img  src="logo.png" alt="Logo de l'entreprise">"#)
        );
        assert_eq!(
            key(r#"<abbr title="World Health Organization">"#),
            key("<abbr title='Organisation mondiale de la Santé'>")
        );
        assert_ne!(
            key(r#"<img src="logo.png" alt="Company logo">"#),
            key(r#"<img src="logo-fr.png" alt="Logo">"#),
            "any other attribute is compared"
        );
    }

    #[test]
    fn urls_without_a_scheme() {
        assert_eq!(
            found("দেখুন www.who.int বা searchengine.example.com/search/?q=%s, e.g. ঠিক"),
            [
                (Class::Url, "www.who.int"),
                (Class::Url, "searchengine.example.com/search/?q=%s"),
            ]
        );
        // Found on their own too, with no other placeholder character in the text.
        assert_eq!(
            found("দেখুন www.who.int বা ঠিক"),
            [(Class::Url, "www.who.int")]
        );
        assert_eq!(
            found("দেখুন who.int/covid বা ঠিক"),
            [(Class::Url, "who.int/covid")]
        );
        assert_eq!(
            found("দেখুন ftp://x.org বা ঠিক: সময় ১০:৩০"),
            [(Class::Url, "ftp://x.org")]
        );
        assert_eq!(found("选择%s查看"), [(Class::Printf, "%s")]);
        // Punctuation a URL never holds ends it (`。`, `،`, `।`).
        assert_eq!(
            found("请访问 https://www.who.int。谢谢"),
            [(Class::Url, "https://www.who.int")]
        );
        assert_eq!(
            found("زوروا www.who.int، شكرا"),
            [(Class::Url, "www.who.int")]
        );
        assert!(
            found("(0.31/100,000 বনাম 0.27/100,000)").is_empty(),
            "not a domain"
        );
    }

    #[test]
    fn percent_signs_of_text_are_not_placeholders() {
        assert!(found("৫০% মানুষ, a%d, 5 % s").is_empty());
        assert!(found("plain text").is_empty());
    }
}
