//! Placeholders and markup inside a text: printf (`%s`, `%1$d`, `%@`) and its escaped percent
//! (`%%`), Python (`%(name)s`), brace styles (`{0}`, `{name}`, `{{name}}`, `${name}`), ICU
//! message syntax (`{0,number,integer}`, and a plural's or select's head and cases: `{count,
//! plural,`, `one {`, `other {`), Laravel's and Rails' `:name`, escape sequences written out
//! (`\n`, `\t`), HTML/XML tags,
//! character entities, URLs and e-mail addresses. Segmentation only: what they are and where;
//! rules compare them.

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
    /// `{0}`, `{name}`, `{0:d}`, `${name}`, a template's `{{name}}`, `{{ n | number }}` and
    /// `{% if x %}`; ICU's `{0,number,integer}`, the head of a plural or select (`{count,
    /// plural,`) and a select's cases (`male {`), compared without their spaces; Laravel's
    /// `:name` (after a space or a bracket, not `:smile:` or `10:30`).
    Brace,
    /// `%%` (printf's percent sign), `\n`, `\t`, `\r` written out: a program reads them.
    Escape,
    /// A case of an ICU plural or select by a plural category (`few {`, `=0 {`, `other {`):
    /// each language has its own (Russian `few` and `many` where English has neither), so
    /// these are markup, not compared; a keyword that is no category (`otro {`) is a `Brace`.
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
            // A template's expression or tag (`{{user}}`, `{{ count | number }}`, `{{#if
            // admin}}`, `{% if user %}`).
            r"|(?P<brace2>\{\{[^{}]*\}\}|\{%[^{}%]*%\})",
            // ICU: the head of a plural or select (its cases are read by `icu_cases`), and an
            // argument of a type (`{0,number,integer}`).
            r"|(?P<icu>\{\s*\w+\s*,\s*(?:plural|selectordinal|select)\s*,(?:\s*offset:\d+)?)",
            r"|(?P<icuarg>\{\s*\w+\s*,\s*(?:number|date|time|spellout|ordinal|duration|choice)\s*(?:,[^{}]*)?\})",
            // `${name}` of a template (not `${0}`, a dollar before a placeholder).
            r"|(?P<brace>(?:\$\{[A-Za-z_][A-Za-z0-9_.]*\}|\{[A-Za-z0-9_.]*(?::[^{}\s]*)?\}))",
            // Laravel's `:name` (where it may stand is judged below).
            r"|(?P<colon>:[A-Za-z_][A-Za-z0-9_]*)",
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
        && !memchr::memchr_iter(b':', b).any(|i| colon_name_at(b, i))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    // Where the heads of ICU plurals and selects end: their cases are read after.
    let mut frames = Vec::new();
    for caps in pattern().captures_iter(text) {
        let (name, m) = [
            "url", "email", "escape", "py", "num", "printf", "brace2", "icu", "icuarg", "brace",
            "colon", "tag", "entity",
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
            // `\n` in a Windows path (`C:\Users\name`, `tools\`) is no escape.
            "escape" if m.as_str() != "%%" && in_path(text, span) => continue,
            "escape" => Class::Escape,
            "colon" if !colon_name_at(b, span.start) => continue,
            "brace" if m.as_str() == "{}" => Class::BraceEmpty,
            "brace" | "brace2" | "icu" | "icuarg" | "colon" => Class::Brace,
            "tag" => Class::Tag,
            _ => Class::Entity,
        };
        let raw = &text[span.start..span.end];
        let key = if matches!(name, "icu" | "icuarg" | "brace2") {
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
        if name == "icu" {
            frames.push(span.end);
        }
        out.push(Placeholder { span, class, key });
    }
    if !frames.is_empty() {
        // Where each case's text opens: a case of one word (`one {file}`) is its text, not a
        // placeholder `{file}`.
        let (mut cases, mut opened) = (Vec::new(), Vec::new());
        for end in frames.into_iter().take(MAX_FRAMES) {
            icu_cases(text, end, &mut cases, &mut opened);
        }
        opened.sort_unstable();
        out.retain(|p| opened.binary_search(&p.span.start).is_err());
        out.extend(cases);
        out.sort_by_key(|p| p.span.start);
    }
    out
}

/// Whether the colon at byte `i` opens a Laravel placeholder (`Hello :name`, `(:count)`): it
/// opens the text or follows a space or an opening bracket or quote, and a name follows it that
/// no colon closes (`:smile:` is an emoji's short code), and no `/` (`:8080/`). A colon after a
/// word or a number (`Note:`, `10:30`, `C::x`) opens none.
fn colon_name_at(b: &[u8], i: usize) -> bool {
    let opens = i == 0 || matches!(b[i - 1], b' ' | b'\t' | b'\n' | b'(' | b'[' | b'"' | b'\'');
    if !opens
        || !b
            .get(i + 1)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'_')
    {
        return false;
    }
    let end = b[i + 1..]
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == b'_'))
        .map_or(b.len(), |k| i + 1 + k);
    !matches!(b.get(end), Some(b':' | b'/'))
}

/// Most ICU frames of one text whose cases are read (each reading runs to its frame's end, so
/// thousands nested in one crafted paragraph would cost their number times its length).
const MAX_FRAMES: usize = 256;

/// Whether the backslash at `span` is a separator of a Windows path, not an escape: its word
/// (up to spaces) holds a drive (`C:\`) or a backslash before anything but `n`, `r`, `t`
/// (`\Users`, `tools\.`).
fn in_path(text: &str, span: Span) -> bool {
    let start = text[..span.start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |i| span.end + i);
    let word = &text[start..end];
    word.contains(":\\")
        || word
            .match_indices('\\')
            .any(|(i, _)| !word[i + 1..].starts_with(['n', 'r', 't']))
}

/// The plural categories of CLDR, which ICU names a plural's cases by (with `=N`).
const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The cases of the ICU plural or select whose head ends at `from` (`one {# file} other {#
/// files}}`): each keyword with its opening brace, spaces left out (`other{`), read at the
/// frame's own depth, so a case's text (with placeholders and frames of its own) is passed
/// over. A plural's categories are each language's own (Russian `few` and `many` where English
/// has neither): `PluralCase`, not compared; a select's keywords (`male`, `female`), the same in
/// every language, and a keyword that is no category (`uno` for `one`) are. Stops at the frame's
/// end or at anything a frame cannot hold.
fn icu_cases(text: &str, from: usize, out: &mut Vec<Placeholder>, opened: &mut Vec<usize>) {
    let b = text.as_bytes();
    let mut i = from;
    loop {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let start = i;
        if b.get(i) == Some(&b'=') {
            i += 1;
        }
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
            i += 1;
        }
        let keyword = &text[start..i];
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if keyword.is_empty() || b.get(i) != Some(&b'{') {
            return;
        }
        let category = keyword.starts_with('=') || PLURAL_CATEGORIES.contains(&keyword);
        opened.push(i);
        out.push(Placeholder {
            span: Span::new(start, i + 1),
            class: if category {
                Class::PluralCase
            } else {
                Class::Brace
            },
            key: format!("{keyword}{{"),
        });
        // Past the case's text, to its closing brace.
        let mut depth = 1;
        i += 1;
        while depth > 0 {
            match b.get(i) {
                None => return,
                Some(b'{') => depth += 1,
                Some(b'}') => depth -= 1,
                _ => {}
            }
            i += 1;
        }
    }
}

/// Spans of a text that are not language: placeholders, markup, URLs, addresses, and the
/// inline codes of translation files (U+FFFC); sorted, and joined where they touch
/// (`text::merged`).
pub fn masked(text: &str) -> Vec<Span> {
    let mut out: Vec<Span> = placeholders(text).into_iter().map(|p| p.span).collect();
    // (By its bytes: `str::contains` of a character searches for its last byte, 0xBC, which
    // every Bengali nukta ends with too.)
    if OBJECT.find(text.as_bytes()).is_some() {
        out.extend(
            text.match_indices('\u{FFFC}')
                .map(|(i, m)| Span::new(i, i + m.len())),
        );
    }
    super::merged(out)
}

/// A text with its URLs, placeholders and markup blanked out: a term inside a URL
/// (`cdc.gov/coronavirus/`) is no use of it, and `{count, plural, one {` is no English.
/// Between two characters of a script written without spaces they are taken out, not blanked:
/// a tag inside a word (`病<b>毒`) is markup, not a word break.
pub fn unmasked(text: &str) -> String {
    let unspaced = |c: Option<char>| c.is_some_and(super::script::is_unspaced_char);
    // One pass, in order: a text of thousands of placeholders is not copied once for each.
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for m in masked(text) {
        let (head, tail) = (text[..m.start].trim_end(), text[m.end..].trim_start());
        let (cut, end, with) =
            if unspaced(head.chars().next_back()) && unspaced(tail.chars().next()) {
                // With the spaces around it (`冠 </span>状`).
                (head.len(), text.len() - tail.len(), "")
            } else {
                (m.start, m.end, " ")
            };
        out.push_str(&text[at..cut.max(at)]);
        out.push_str(with);
        at = at.max(end);
    }
    out.push_str(&text[at..]);
    out
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
                r"Hi ${name}, ${0} 50%% done\nof {0,number,integer} and {n, plural, one {# file in {dir}} other {# files}}"
            ),
            [
                (Class::Brace, "${name}"),
                (Class::Brace, "{0}"),
                (Class::Escape, "%%"),
                (Class::Escape, r"\n"),
                (Class::Brace, "{0,number,integer}"),
                (Class::Brace, "{n, plural,"),
                (Class::PluralCase, "one {"),
                (Class::Brace, "{dir}"),
                (Class::PluralCase, "other {"),
            ]
        );
        // Cases are read inside a frame only (`} to {` of two placeholders is none), a
        // translated keyword is compared, and so are a select's cases, in any order.
        assert_eq!(
            found("Moved {count} to {folder}, {{ a | number }} of {{ b }}, {% if c %}"),
            [
                (Class::Brace, "{count}"),
                (Class::Brace, "{folder}"),
                (Class::Brace, "{{ a | number }}"),
                (Class::Brace, "{{ b }}"),
                (Class::Brace, "{% if c %}"),
            ]
        );
        let keys = |t: &str| -> Vec<String> {
            let mut k: Vec<String> = placeholders(t)
                .into_iter()
                .filter(|p| p.class != Class::PluralCase)
                .map(|p| p.key)
                .collect();
            k.sort();
            k
        };
        assert_eq!(
            keys("{n,plural,one {file} other {files}}"),
            keys("{n, plural, other{archivos}}")
        );
        assert_ne!(keys("{n, plural, one {a}}"), keys("{n, plural, uno {a}}"));
        assert_eq!(
            keys("{g, select, male {He} female {She} other {They}}"),
            keys("{g, select, female {Sie} male {Er} other {Sie}}")
        );
        // Laravel's `:name` after a space or a bracket; not an emoji's `:smile:`, a time, a
        // port, a label's colon or C++'s `::`.
        assert_eq!(
            found(
                "Welcome back, :name! (:count new) :smile: at 10:30, Note:x, http://h:8080/ std::vec ::x"
            ),
            [
                (Class::Brace, ":name"),
                (Class::Brace, ":count"),
                (Class::Url, "http://h:8080/"),
            ]
        );
        assert!(found("Remarque : oui. Total :").is_empty());
        // Backslashes of a Windows path are no escapes.
        assert!(
            found(r"C:\Users\name\Documents and C:\Program Files\tools\. or C:\new").is_empty()
        );
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
