//! `source-whitespace`: whitespace that a unit's source opens or closes with and its target does
//! not keep. By default line breaks, in either direction: `msgid "Done\n"` with `msgstr
//! "সম্পন্ন"` is rejected by gettext's `msgfmt --check`, and a program that prints the string runs
//! two lines together (or adds a blank one). With `spaces = true`, spaces and tabs the source
//! has at an edge and the target lacks (`"Name: "`, a string a program joins to the next); a
//! target's own extra spaces are the target-only whitespace rules'.
//!
//! A unit whose source or target is nothing but whitespace is the empty-target rule's. An edge
//! where either side has a line break followed by indentation is the layout of the file (an
//! XLIFF `<source>` pretty-printed without `xml:space="preserve"`), not text, and is not
//! compared.

use serde::Deserialize;

use super::{BuildError, Check, Context, Hit};
use crate::text::{Analysis, Span};

#[derive(Debug, Deserialize)]
pub struct Options {
    /// Compare spaces and tabs at the edges instead of line breaks.
    #[serde(default)]
    spaces: bool,
}

#[derive(Debug)]
pub struct SourceWhitespace {
    spaces: bool,
}

pub fn build(o: Options) -> Result<SourceWhitespace, BuildError> {
    Ok(SourceWhitespace { spaces: o.spaces })
}

#[derive(Clone, Copy, PartialEq)]
enum Edge {
    Start,
    End,
}

/// The whitespace a text opens or closes with.
fn edge(text: &str, e: Edge) -> &str {
    match e {
        Edge::Start => &text[..text.len() - text.trim_start().len()],
        Edge::End => &text[text.trim_end().len()..],
    }
}

/// Line breaks in whitespace: `\n`, `\r\n` and a lone `\r` each count once.
fn line_breaks(ws: &str) -> usize {
    ws.matches('\n').count() + ws.matches('\r').count() - ws.matches("\r\n").count()
}

/// Whether whitespace holds a space or tab (any whitespace but a line break).
fn has_spaces(ws: &str) -> bool {
    ws.chars()
        .any(|c| c.is_whitespace() && c != '\n' && c != '\r')
}

/// Whitespace that holds a line break followed by a space or a tab: a file's indentation.
fn indented(ws: &str) -> bool {
    let mut after_break = false;
    for c in ws.chars() {
        match c {
            '\n' | '\r' => after_break = true,
            ' ' | '\t' if after_break => return true,
            _ => {}
        }
    }
    false
}

/// How many line breaks, in words.
fn described(breaks: usize) -> String {
    match breaks {
        0 => "no line break".to_string(),
        1 => "a line break".to_string(),
        n => format!("{n} line breaks"),
    }
}

/// Where a finding at an edge of the target points: its whitespace there, or the character
/// the missing whitespace should stand beside.
fn span_at(text: &str, e: Edge) -> Span {
    let ws = edge(text, e);
    match e {
        Edge::Start if !ws.is_empty() => Span::new(0, ws.len()),
        Edge::End if !ws.is_empty() => Span::new(text.len() - ws.len(), text.len()),
        Edge::Start => Span::new(0, text.chars().next().map_or(0, char::len_utf8)),
        Edge::End => Span::new(
            text.len() - text.chars().next_back().map_or(0, char::len_utf8),
            text.len(),
        ),
    }
}

impl Check for SourceWhitespace {
    fn paragraph(&self, p: &Analysis, ctx: &Context, out: &mut Vec<Hit>) {
        let Some(source) = p.source() else { return };
        if p.text.trim().is_empty() || source.text.trim().is_empty() {
            return;
        }
        // A language written without spaces joins its strings without them (`，`, `！`).
        if self.spaces && ctx.script.is_some_and(crate::text::script::is_unspaced) {
            return;
        }
        for e in [Edge::Start, Edge::End] {
            let (s, t) = (edge(source.text, e), edge(p.text, e));
            if indented(s) || indented(t) {
                continue;
            }
            let side = if e == Edge::Start { "starts" } else { "ends" };
            if self.spaces {
                if has_spaces(s) && !has_spaces(t) {
                    out.push(
                        Hit::new(span_at(p.text, e))
                            .var("edge", side)
                            .var("source_edge", "a space")
                            .var("target_edge", "none"),
                    );
                }
            } else {
                let (a, b) = (line_breaks(s), line_breaks(t));
                if a != b {
                    out.push(
                        Hit::new(span_at(p.text, e))
                            .var("edge", side)
                            .var("source_edge", described(a))
                            .var("target_edge", described(b)),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::checks::source_placeholders::tests::pair;

    fn hits(spaces: bool, source: &str, target: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let t = pair(source, target);
        SourceWhitespace { spaces }.paragraph(&t, &Context::default(), &mut out);
        out.iter()
            .map(|h| {
                let var = |k: &str| h.vars.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
                (
                    t.slice(h.span).to_string(),
                    format!(
                        "{} {} / {}",
                        var("edge").unwrap_or_default(),
                        var("source_edge").unwrap_or_default(),
                        var("target_edge").unwrap_or_default()
                    ),
                )
            })
            .collect()
    }

    #[test]
    fn a_line_break_dropped_or_added_at_either_edge() {
        assert_eq!(
            hits(false, "Done\n", "সম্পন্ন"),
            [(
                "ন".to_string(),
                "ends a line break / no line break".to_string()
            )]
        );
        assert_eq!(
            hits(false, "Done", "সম্পন্ন\n\n"),
            [(
                "\n\n".to_string(),
                "ends no line break / 2 line breaks".to_string()
            )]
        );
        assert_eq!(
            hits(false, "\nUsage:", "ব্যবহার:"),
            [(
                "ব".to_string(),
                "starts a line break / no line break".to_string()
            )]
        );
        // Kept, in any of its spellings; spaces are not line breaks.
        assert!(hits(false, "Done\r\n", "সম্পন্ন\n").is_empty());
        assert!(hits(false, "Line one\nline two\n", "এক\nদুই\n").is_empty());
        assert!(hits(false, "Name: ", "নাম:").is_empty());
        // A target of whitespace only is the empty-target rule's.
        assert!(hits(false, "Done\n", "\n").is_empty());
        // Indentation of a pretty-printed file is layout.
        assert!(hits(false, "\n      Save changes\n    ", "পরিবর্তন সংরক্ষণ করুন").is_empty());
        assert!(hits(false, "Save changes", "\n\t\tপরিবর্তন সংরক্ষণ করুন\n\t").is_empty());
    }

    #[test]
    fn a_space_the_source_has_at_an_edge_and_the_target_lacks() {
        assert_eq!(
            hits(true, "Name: ", "নাম:"),
            [(":".to_string(), "ends a space / none".to_string())]
        );
        assert!(hits(true, "Name: ", "নাম: ").is_empty());
        assert!(
            hits(true, "Name:", "নাম: ").is_empty(),
            "the target's own space"
        );
        assert!(hits(true, "Done\n", "সম্পন্ন").is_empty(), "a line break");
        assert!(
            hits(true, "\n   Name: \n  ", "নাম:").is_empty(),
            "indentation"
        );
    }
}
