//! `source-placeholders`: the placeholders and markup of a unit's source must all be in its
//! target, and no others: printf (`%s`, `%1$d`, `%@`), Python (`%(name)s`), braces (`{0}`,
//! `{name}`), HTML tags, character entities, URLs, e-mail addresses, and the inline codes of
//! XLIFF and TMX (by kind and id). Compared as multisets: order is
//! `source-placeholders-order`'s. A source entity the target writes as its character
//! (`&quot;` as `“`) is there. Unmatched placeholders of one class, one from each side, are an
//! altered placeholder (flagged on the target's); a target placeholder alone is extra; the
//! source placeholders alone are missing (one finding on the whole target). Values:
//! `{change}` (`altered`, `extra`, `missing`), `{source}`, `{target}` (`—` for none).

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::input::unit::InlineCode;
use crate::text::placeholders::{Class, placeholders};
use crate::text::{Analysis, Span};

/// No options.
#[derive(Debug, Deserialize)]
pub struct Options {}

#[derive(Debug)]
pub struct SourcePlaceholders;

pub fn build(_: Options) -> Result<SourcePlaceholders, BuildError> {
    Ok(SourcePlaceholders)
}

/// A placeholder or inline code of one side: its comparison key, class, span and text.
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub key: String,
    /// `None` for an inline code.
    pub class: Option<Class>,
    pub span: Span,
    pub shown: String,
}

fn code_key(c: &InlineCode) -> String {
    let role = match c.role {
        crate::input::unit::CodeRole::Open => "open",
        crate::input::unit::CodeRole::Close => "close",
        crate::input::unit::CodeRole::Standalone => "",
    };
    format!("<{} {}{role}>", c.kind, c.id.as_deref().unwrap_or(""))
}

/// The placeholders and inline codes of a text, in order.
pub(crate) fn items(text: &str, codes: &[InlineCode]) -> Vec<Item> {
    let mut out: Vec<Item> = placeholders(text)
        .into_iter()
        // A plural's cases are each language's own (`} few {` in Russian).
        .filter(|p| p.class != Class::PluralCase)
        .map(|p| Item {
            shown: text[p.span.start..p.span.end].to_string(),
            key: p.key,
            class: Some(p.class),
            span: p.span,
        })
        .collect();
    for c in codes {
        let end = c.offset + crate::input::unit::CODE.len_utf8();
        if text.get(c.offset..end).is_some() {
            let key = code_key(c);
            out.push(Item {
                shown: key.clone(),
                key,
                class: None,
                span: Span::new(c.offset, end),
            });
        }
    }
    out.sort_by_key(|i| i.span);
    out
}

impl Check for SourcePlaceholders {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(unit) = p.unit.as_deref() else {
            return;
        };
        let Some(source) = unit.source.as_ref() else {
            return;
        };
        let src = items(source.text, unit.source_codes);
        let tgt = items(p.text, unit.target_codes);
        if src.is_empty() && tgt.is_empty() {
            return;
        }
        let mut taken = vec![false; tgt.len()];
        let mut missing = Vec::new();
        // A plural form for one or two may leave its count out (`нет результатов`).
        let plural = unit.plural_form.is_some();
        let mut glued_used: std::collections::HashMap<&str, usize> = Default::default();
        for s in &src {
            match (0..tgt.len()).find(|&j| !taken[j] && tgt[j].key == s.key) {
                Some(j) => taken[j] = true,
                None => {
                    // A URL may point at the page in the target's language (`/en/help` as
                    // `/de/help`, `en.wikipedia.org` as `de.wikipedia.org`).
                    if s.class == Some(Class::Url)
                        && let Some(j) = (0..tgt.len()).find(|&j| {
                            !taken[j]
                                && tgt[j].class == s.class
                                && same_but_locale(&s.key, &tgt[j].key, &ctx.language)
                        })
                    {
                        taken[j] = true;
                        continue;
                    }
                    // A printf placeholder glued to a word (`MERS-CoV%d`) is not read as one
                    // (`a%s` may be text), but it is there.
                    if s.class == Some(Class::Printf) {
                        let written = p.text.matches(s.key.as_str()).count();
                        let read = tgt.iter().filter(|t| t.key == s.key).count();
                        let glued = glued_used.entry(s.key.as_str()).or_insert(0);
                        if written > read + *glued {
                            *glued += 1;
                            continue;
                        }
                    }
                    if !plural {
                        missing.push(s);
                    }
                }
            }
        }
        // A plural form may hold a placeholder of the entry's other source (`%(count)s` of
        // `msgid_plural` in form 0, which also counts 21, 31... in Russian).
        if let Some((other, codes)) = unit.plural_other {
            let other = items(other, codes);
            for j in 0..tgt.len() {
                taken[j] |= other.iter().any(|o| o.key == tgt[j].key);
            }
        }
        let mut extra: Vec<usize> = (0..tgt.len()).filter(|&j| !taken[j]).collect();
        let mut reported_missing = Vec::new();
        for s in missing {
            match extra.iter().position(|&j| tgt[j].class == s.class) {
                Some(k) => {
                    let t = &tgt[extra.remove(k)];
                    out.push(
                        Hit::new(t.span)
                            .var("change", "altered")
                            .var("source", s.shown.clone())
                            .var("target", t.shown.clone())
                            .suggest(s.shown.clone()),
                    );
                }
                // An entity is a character of the text escaped (`&amp;` is `&`): written as its
                // character (`&quot;` as `“`) or left out with the words around it (`R&amp;D`
                // as `I+D`, `&lt; 19 years` as `under 19`), nothing is lost; another entity in
                // its place (`&lt;` as `&gt;`) is one altered.
                None if s.class == Some(Class::Entity) && !broken_entity(p.text) => {}
                None => reported_missing.push(s.shown.clone()),
            }
        }
        for j in extra {
            out.push(
                Hit::new(tgt[j].span)
                    .var("change", "extra")
                    .var("source", "—")
                    .var("target", tgt[j].shown.clone()),
            );
        }
        if !reported_missing.is_empty() {
            let whole = super::shared::trimmed(p.text);
            out.push(
                Hit::new(whole)
                    .var("change", "missing")
                    .var("source", reported_missing.join(" "))
                    .var("target", "—"),
            );
        }
    }
}

/// Whether `text` holds an entity without its `;` (`&amp` for `&amp;`): an entity altered, not
/// left out (`S&P`, `T&C` are the character).
fn broken_entity(text: &str) -> bool {
    text.match_indices('&').any(|(i, _)| {
        let rest = &text[i + 1..];
        ["amp", "lt", "gt", "quot", "apos", "nbsp", "#"]
            .iter()
            .any(|name| rest.starts_with(name))
            && !rest
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                .next()
                .is_some_and(|name| rest[name.len()..].starts_with(';'))
    })
}

/// Whether two URLs are the same but for the language of the page: where they differ, a path
/// segment or the first label of the host is a language code in the source's URL and the
/// target's language in the target's (`/en/` as `/de/` or `/de-de/` in German, `en.` as `de.`).
fn same_but_locale(a: &str, b: &str, language: &str) -> bool {
    let primary = |s: &str| s.split(['-', '_']).next().unwrap_or(s).to_ascii_lowercase();
    let locale = |s: &str| {
        let (lang, region) = s.split_once(['-', '_']).unwrap_or((s, ""));
        lang.len() == 2
            && lang.chars().all(|c| c.is_ascii_lowercase())
            && (region.is_empty()
                || ((2..=4).contains(&region.len())
                    && region.chars().all(|c| c.is_ascii_alphabetic())))
    };
    let own = primary(language);
    let seps = ['/', '.', '?', '&', '='];
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split(seps).collect(), b.split(seps).collect());
    a != b
        && x.len() == y.len()
        && x.iter()
            .zip(&y)
            .all(|(p, q)| p == q || (locale(p) && locale(q) && primary(q) == own))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn pair<'a>(source: &'a str, target: &'a str) -> Analysis<'a> {
        let mut t = Analysis::new(target);
        t.unit = Some(Box::new(crate::text::UnitView {
            source: Some(Analysis::new(source)),
            source_codes: &[],
            target_codes: &[],
            max_length: None,
            plural_form: None,
            plural_other: None,
            context: None,
        }));
        t
    }

    fn changes(source: &str, target: &str) -> Vec<(String, String)> {
        changes_in("de", source, target)
    }

    fn changes_in(language: &str, source: &str, target: &str) -> Vec<(String, String)> {
        let t = pair(source, target);
        let mut out = Vec::new();
        let ctx = Context {
            language: language.to_string(),
            ..Context::default()
        };
        SourcePlaceholders.paragraph(&t, &ctx, &mut out);
        out.into_iter()
            .map(|h| (h.vars[0].1.clone(), t.slice(h.span).to_string()))
            .collect()
    }

    #[test]
    fn missing_extra_and_altered() {
        assert!(changes("Delete %s files from {folder}", "{folder} থেকে %s ফাইল মুছুন").is_empty());
        assert_eq!(
            changes("Delete %s files", "%d ফাইল মুছুন"),
            [("altered".into(), "%d".into())]
        );
        assert_eq!(
            changes("Delete {name}", "{nom} মুছুন"),
            [("altered".into(), "{nom}".into())]
        );
        assert_eq!(
            changes("Delete <b>all</b>", "<b>সব</b> মুছুন %s"),
            [("extra".into(), "%s".into())]
        );
        assert_eq!(
            changes("See https://who.int and a@b.org", "দেখুন"),
            [("missing".into(), "দেখুন".into())]
        );
        assert!(
            changes("a &quot;b&quot;", "ক “খ”").is_empty(),
            "an entity as its character"
        );
        assert!(changes("salt &amp; pepper", "নুন & মরিচ").is_empty());
        assert!(changes("the S&amp;P 500", "S&P 500 সূচক").is_empty());
        assert!(
            changes(
                "Our R&amp;D team, Q&amp;A",
                "Nuestro equipo de I+D, preguntas"
            )
            .is_empty(),
            "an entity left out with its words"
        );
        assert!(
            changes(
                "Visit https://example.com/en/help.",
                "Besuchen Sie https://example.com/de/help."
            )
            .is_empty(),
            "the page in the target's language"
        );
        assert!(
            changes(
                "See https://en.wikipedia.org/wiki/X",
                "Siehe https://de.wikipedia.org/wiki/X"
            )
            .is_empty()
        );
        assert_eq!(
            changes(
                "Visit https://example.com/en/help.",
                "Besuchen Sie https://example.com/en/hilfe."
            ),
            [("altered".into(), "https://example.com/en/hilfe".into())]
        );
        assert_eq!(
            changes_in(
                "ta",
                "Develop https://www.ecdc.europa.eu/en/covid-19 vaccines",
                "https://www.ecdc.europa.eu/ex/covid-19 தடுப்பு மருந்துகள்"
            ),
            [(
                "altered".into(),
                "https://www.ecdc.europa.eu/ex/covid-19".into()
            )],
            "a language code turned into one of no language of the page"
        );
        assert_eq!(
            changes("salt &amp; pepper", "নুন &amp মরিচ"),
            [("missing".into(), "নুন &amp মরিচ".into())],
            "an entity without its `;`"
        );
        assert!(
            changes("neutralized %d MERS-CoV", "MERS-CoV%d को निष्क्रिय किया").is_empty(),
            "a printf placeholder glued to a word"
        );
        assert_eq!(
            changes("%d and %d of MERS-CoV", "MERS-CoV%d को"),
            [("missing".into(), "MERS-CoV%d को".into())],
            "each glued one stands for one"
        );
    }
}
