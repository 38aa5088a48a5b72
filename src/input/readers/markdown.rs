//! Markdown (CommonMark, with GFM tables, footnotes and strikethrough, read by pulldown-cmark):
//! target-only units, one per paragraph, heading, list item (the text before a nested list;
//! each paragraph of a loose item), table cell, footnote definition's paragraph, and
//! paragraph of a block quote. Ids are the units' 1-based numbers.
//!
//! What a unit's text holds:
//! - text as written, with backslash escapes and entities (`&amp;`) decoded; a line break
//!   inside a paragraph is `\n`; block-quote markers and indentation of continuation lines
//!   are not part of it;
//! - emphasis, strong and strikethrough markers: nothing (their text is kept);
//! - a link: its text is kept and its URL dropped (the URL is not prose and rules should not
//!   read it; the link text is what a reader sees); an autolink (`<https://...>`) or e-mail
//!   link is one code of kind `link` whose content is the URL;
//! - an image: one code of kind `image` whose content is its URL (the alt text is not read);
//! - an inline code span: one code of kind `code` whose content is the code's text; inline
//!   HTML: one code of kind `html`; a footnote reference: one code of kind `footnote` (id the
//!   label); inline math: one code of kind `math`.
//!
//! Not read: fenced and indented code blocks, HTML blocks, YAML (`---`) and TOML (`+++`) front
//! matter, display math, thematic breaks. A unit left with nothing but codes and whitespace is
//! dropped. Every character maps to its place in the file.

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::{Locator, ReadOptions, Source, TextBuilder};
use crate::error::Error;
use crate::input::unit::{CODE, CodeRole, FileInfo, Unit, UnitDoc};

/// Read a Markdown document.
pub fn read(src: &Source, _options: &ReadOptions) -> Result<Vec<UnitDoc>, Error> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut r = Reader {
        loc: Locator::new(src),
        text: src.text,
        current: None,
        units: Vec::new(),
    };
    // Code blocks, HTML blocks and front matter open: their content is not read.
    let mut hidden = 0usize;
    // Open links and images: whether each hides its inner text.
    let mut spans: Vec<bool> = Vec::new();
    for (event, range) in Parser::new_ext(src.text, options).into_offset_iter() {
        let inside_hidden_span = spans.iter().any(|h| *h);
        match event {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_) => {
                    r.flush();
                    hidden += 1;
                }
                Tag::Emphasis | Tag::Strong | Tag::Strikethrough => {}
                Tag::Superscript | Tag::Subscript => {}
                Tag::Link {
                    link_type,
                    dest_url,
                    ..
                } => {
                    let auto = matches!(link_type, LinkType::Autolink | LinkType::Email);
                    if auto && hidden == 0 && !inside_hidden_span {
                        r.code("link", None, Some(dest_url.to_string()), range);
                    }
                    spans.push(auto);
                }
                Tag::Image { dest_url, .. } => {
                    if hidden == 0 && !inside_hidden_span {
                        r.code("image", None, Some(dest_url.to_string()), range);
                    }
                    spans.push(true);
                }
                _ => r.flush(),
            },
            Event::End(tag) => match tag {
                TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_) => {
                    hidden = hidden.saturating_sub(1);
                }
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough => {}
                TagEnd::Superscript | TagEnd::Subscript => {}
                TagEnd::Link | TagEnd::Image => {
                    spans.pop();
                }
                _ => r.flush(),
            },
            _ if hidden > 0 || inside_hidden_span => {}
            Event::Text(t) => r.text(&t, range),
            Event::Code(c) => r.code("code", None, Some(c.to_string()), range),
            Event::InlineHtml(h) => r.code("html", None, Some(h.to_string()), range),
            Event::InlineMath(m) => r.code("math", None, Some(m.to_string()), range),
            Event::FootnoteReference(label) => {
                r.code("footnote", Some(label.to_string()), None, range)
            }
            Event::SoftBreak | Event::HardBreak => r.line_break(range),
            Event::Html(_) | Event::DisplayMath(_) | Event::TaskListMarker(_) => {}
            Event::Rule => r.flush(),
        }
    }
    r.flush();
    Ok(vec![UnitDoc {
        info: FileInfo::default(),
        units: r.units,
        charset: src.charset,
    }])
}

struct Reader<'a> {
    loc: Locator<'a>,
    text: &'a str,
    current: Option<TextBuilder>,
    units: Vec<Unit>,
}

impl Reader<'_> {
    fn text(&mut self, t: &str, range: Range<usize>) {
        let raw = self.text.get(range.clone()).unwrap_or("");
        let b = self
            .current
            .get_or_insert_with(|| TextBuilder::new(range.start, &mut self.loc));
        if raw == t {
            b.verbatim(t, range.start, &mut self.loc);
        } else if raw.ends_with(t) && !t.is_empty() {
            b.verbatim(t, range.end - t.len(), &mut self.loc);
        } else {
            b.decoded(t, range.start, range.end, &mut self.loc);
        }
    }

    fn line_break(&mut self, range: Range<usize>) {
        if let Some(b) = self.current.as_mut() {
            b.decoded("\n", range.start, range.end, &mut self.loc);
        }
    }

    fn code(
        &mut self,
        kind: &str,
        id: Option<String>,
        content: Option<String>,
        range: Range<usize>,
    ) {
        let b = self
            .current
            .get_or_insert_with(|| TextBuilder::new(range.start, &mut self.loc));
        b.code(
            kind,
            id,
            CodeRole::Standalone,
            content,
            (range.start, range.end),
            &mut self.loc,
        );
    }

    fn flush(&mut self) {
        let Some(b) = self.current.take() else {
            return;
        };
        let text = b.finish();
        if text.text.chars().all(|c| c == CODE || c.is_whitespace()) {
            return;
        }
        self.units.push(Unit {
            id: (self.units.len() + 1).to_string(),
            source: None,
            target: Some(text),
            ..Unit::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::input::Charset;

    fn units(md: &str) -> Vec<Unit> {
        read(&Source::new("t.md", md), &ReadOptions::default())
            .unwrap()
            .remove(0)
            .units
    }

    #[test]
    fn blocks_become_units() {
        let md = "---\ntitle: x\n---\n# শিরোনাম\n\nএকটি *জোর* [লিংক](http://x.org) ও `code` &amp; শেষ\nদ্বিতীয় লাইন\n\n\
                  ```\nfn main() {}\n```\n\n- এক\n- দুই\n  - তিন\n\n> উদ্ধৃতি\n> চলছে\n\n| ক | খ |\n|---|---|\n| গ | ঘ |\n\n<div>html</div>\n\n![ছবি](a.png) <https://a.b>\n";
        let us = units(md);
        let texts: Vec<&str> = us
            .iter()
            .map(|u| u.target.as_ref().unwrap().text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "শিরোনাম",
                "একটি জোর লিংক ও \u{FFFC} & শেষ\nদ্বিতীয় লাইন",
                "এক",
                "দুই",
                "তিন",
                "উদ্ধৃতি\nচলছে",
                "ক",
                "খ",
                "গ",
                "ঘ",
            ]
        );
        let t = us[1].target.as_ref().unwrap();
        assert_eq!(t.codes[0].kind, "code");
        assert_eq!(t.codes[0].content.as_deref(), Some("code"));
        for (needle, raw, n) in [
            ("জোর", "জোর", 0),
            ("লিংক", "লিংক", 0),
            ("\u{FFFC}", "`code`", 0),
            ("&", "&amp;", 0),
            ("শেষ", "শেষ", 0),
            ("দ্বিতীয়", "দ্বিতীয়", 0),
        ] {
            let i = t.text.find(needle).unwrap();
            assert_eq!(
                t.position(i, Charset::Utf8),
                raw_position(md, nth(md, raw, n)),
                "{needle}"
            );
        }
        assert_monotonic(t, md);
        let q = us[5].target.as_ref().unwrap();
        let i = q.text.find("চলছে").unwrap();
        assert_eq!(
            q.position(i, Charset::Utf8),
            raw_position(md, nth(md, "চলছে", 0))
        );
        assert_eq!(us[0].id, "1");
    }
}
