//! `pattern`: a regular expression that must not match (spacing, punctuation, typography),
//! with an optional suggestion (`$1` expands a capture group). `group` picks the capture group
//! that is flagged, so context can be matched without being flagged (the regex crate has no
//! look-behind). Regexes are compiled once, with size and nesting limits, and run in linear time.
//!
//! With `house_style`, a regex for the other way of writing the same thing (a danda right
//! after its word), the pattern is a slip only in a document that mostly writes it the other
//! way: a document that writes it this way throughout (verse typography, ` ।`) has chosen it.
//! A house style needs `HOUSE_STYLE_EVIDENCE` occurrences of either way; a shorter document (a
//! single segment) is judged as without one.

use rayon::prelude::*;
use regex::{Regex, RegexBuilder};
use serde::Deserialize;
use toml::Spanned;

use super::{BuildError, Check, Context, DocHit, Hit};
use crate::text::{Analysis, Span};

/// Largest compiled regex a pack may hold; a hostile pack cannot exhaust memory.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// Fewest occurrences of a pattern and its house-style alternative that show a house style.
pub const HOUSE_STYLE_EVIDENCE: usize = 3;
/// Deepest nesting of groups a pack's regex may use.
pub const REGEX_NEST_LIMIT: u32 = 64;

#[derive(Debug, Deserialize)]
pub struct Options {
    regex: Spanned<String>,
    #[serde(default)]
    suggestion: Option<String>,
    #[serde(default)]
    group: usize,
    #[serde(default)]
    house_style: Option<Spanned<String>>,
}

#[derive(Debug)]
pub struct Pattern {
    regex: Regex,
    suggestion: Option<String>,
    group: usize,
    /// The other way of writing what the regex matches; see the module doc.
    house_style: Option<Regex>,
}

/// Compile a pack's regex within the limits; an error points at the regex in the rule file.
pub fn compile_regex(source: &Spanned<String>) -> Result<Regex, BuildError> {
    RegexBuilder::new(source.get_ref())
        .size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .map_err(|e| BuildError::at(source.span(), format!("invalid regex: {e}")))
}

pub fn build(o: Options) -> Result<Pattern, BuildError> {
    let regex = compile_regex(&o.regex)?;
    if o.group >= regex.captures_len() {
        return Err(BuildError::new(format!(
            "`group` {} does not exist in the regex",
            o.group
        )));
    }
    Ok(Pattern {
        regex,
        suggestion: o.suggestion,
        group: o.group,
        house_style: o.house_style.as_ref().map(compile_regex).transpose()?,
    })
}

impl Pattern {
    fn hits(&self, text: &str, out: &mut Vec<Hit>) {
        for caps in self.regex.captures_iter(text) {
            let Some(m) = caps.get(self.group) else {
                continue;
            };
            let mut hit = Hit::new(Span::new(m.start(), m.end()));
            if let Some(template) = &self.suggestion {
                let mut s = String::new();
                caps.expand(template, &mut s);
                hit = hit.suggest(s);
            }
            out.push(hit);
        }
    }
}

impl Check for Pattern {
    fn gate(&self) -> Option<&str> {
        // A house-style rule is judged on the whole document, not gated per paragraph.
        self.house_style.is_none().then(|| self.regex.as_str())
    }

    fn paragraph(&self, p: &Analysis, _: &Context, out: &mut Vec<Hit>) {
        if self.house_style.is_none() {
            self.hits(p.text, out);
        }
    }

    fn document(&self, ps: &[Analysis], _: &Context, out: &mut Vec<DocHit>) {
        let Some(other) = &self.house_style else {
            return;
        };
        // The paragraphs on all threads; in paragraph order.
        let found: Vec<DocHit> = ps
            .par_iter()
            .enumerate()
            .with_min_len(256)
            .flat_map_iter(|(i, p)| {
                let mut hits = Vec::new();
                self.hits(p.text, &mut hits);
                hits.into_iter()
                    .map(move |hit| DocHit { paragraph: i, hit })
            })
            .collect();
        if found.is_empty() {
            return;
        }
        // A slip is the minority way of writing it; counting the other way stops as soon as
        // it is the majority. A document with too few of either (a single segment) has no
        // house style, and the pattern is a slip as usual.
        let enough = found.len().max(HOUSE_STYLE_EVIDENCE - 1) + 1;
        let others = ps
            .iter()
            .scan(0usize, |seen, p| {
                (*seen < enough).then(|| {
                    *seen += other.find_iter(p.text).count();
                    *seen
                })
            })
            .last()
            .unwrap_or(0);
        if others > found.len() || others + found.len() < HOUSE_STYLE_EVIDENCE {
            out.extend(found);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::checks::testing::{compile, flagged};

    #[test]
    fn group_and_suggestion() {
        let c = compile(
            "pattern",
            r#"regex = '(\w+)( {2,})(\w+)', group = 2, suggestion = " ""#,
        )
        .unwrap();
        assert_eq!(
            flagged(&*c, "এক  দুই", "bn"),
            [("  ".to_string(), Some(" ".to_string()))]
        );
        let swap = compile("pattern", r#"regex = '(\w+)-(\w+)', suggestion = "$2-$1""#).unwrap();
        assert_eq!(
            flagged(&*swap, "ক-খ", "bn"),
            [("ক-খ".to_string(), Some("খ-ক".to_string()))]
        );
    }

    #[test]
    fn house_style_flags_the_minority_way_only() {
        let c = compile(
            "pattern",
            r#"regex = '\S(\s+)।', group = 1, house_style = '\S।'"#,
        )
        .unwrap();
        let slip = "এক।\nদুই।\nতিন ।";
        assert_eq!(crate::checks::testing::texts(&*c, slip, "bn"), [" "]);
        let verse = "এক ।\nদুই ।\nতিন।";
        assert!(crate::checks::testing::texts(&*c, verse, "bn").is_empty());
        let segment = "এক কথা ।";
        assert_eq!(
            crate::checks::testing::texts(&*c, segment, "bn"),
            [" "],
            "too short for a house style"
        );
    }

    #[test]
    fn bad_regexes_are_build_errors_with_their_span() {
        let e = compile("pattern", "regex = 'a('").unwrap_err();
        assert!(e.message.starts_with("invalid regex") && e.span.is_some());
        assert!(compile("pattern", "regex = 'a', group = 3").is_err());
        assert!(
            compile("pattern", r"regex = '(?:\w{100}){100}'").is_err(),
            "size limit"
        );
    }
}
