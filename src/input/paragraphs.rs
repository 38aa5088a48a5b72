//! Decoded lines grouped into paragraphs: every non-empty line, or blocks of lines separated by
//! blank lines. Each paragraph is a `Segment` that knows where it starts in the input.

use std::io::BufRead;

use super::decode::Lines;
use super::{Position, Segment};
use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphMode {
    /// Every non-empty line is a paragraph.
    #[default]
    Line,
    /// Blocks of lines separated by blank lines are paragraphs.
    BlankLine,
}

/// The paragraphs of an input, in order, as they are read.
pub struct Paragraphs<R> {
    lines: Lines<R>,
    mode: ParagraphMode,
    /// 1-based number of the next line.
    line: usize,
    /// Characters of text before the next line.
    chars: usize,
    /// The block being gathered (blank-line mode), and the length of its text up to the end of
    /// its last non-blank line's content.
    block: Option<(Segment, usize)>,
}

impl<R: BufRead> Paragraphs<R> {
    pub fn new(lines: Lines<R>, mode: ParagraphMode) -> Paragraphs<R> {
        Paragraphs {
            lines,
            mode,
            line: 1,
            chars: 0,
            block: None,
        }
    }

    /// Bytes read so far.
    pub fn bytes(&self) -> usize {
        self.lines.offset()
    }

    /// Invalid sequences replaced so far (lossy decoding).
    pub fn replaced(&self) -> usize {
        self.lines.replaced
    }

    fn finish_block(&mut self) -> Option<Segment> {
        self.block.take().map(|(mut s, content)| {
            s.text.truncate(content);
            s
        })
    }
}

/// A line without its line break (`\n`, and a CR before it).
fn content(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

impl<R: BufRead> Iterator for Paragraphs<R> {
    type Item = Result<Segment, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let line = match self.lines.next() {
                None => return self.finish_block().map(Ok),
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok(line)) => line,
            };
            let at = Position::line_start(line.offset, self.line, self.chars);
            self.line += 1;
            self.chars += line.text.chars().count();
            let content_len = content(&line.text).len();
            let blank = line.text[..content_len].trim().is_empty();
            match self.mode {
                ParagraphMode::Line => {
                    if !blank {
                        let mut text = line.text;
                        text.truncate(content_len);
                        return Some(Ok(Segment::plain(text, at, self.lines.charset())));
                    }
                }
                ParagraphMode::BlankLine => {
                    if blank {
                        if let Some(s) = self.finish_block() {
                            return Some(Ok(s));
                        }
                    } else {
                        match &mut self.block {
                            Some((s, end)) => {
                                *end = s.text.len() + content_len;
                                s.text.push_str(&line.text);
                            }
                            None => {
                                self.block = Some((
                                    Segment::plain(line.text, at, self.lines.charset()),
                                    content_len,
                                ))
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::Document;

    fn paragraphs(text: &str, mode: ParagraphMode) -> Vec<(String, usize)> {
        Document::from_text("t", text, mode)
            .segments
            .into_iter()
            .map(|s| (s.text, s.at.line))
            .collect()
    }

    #[test]
    fn lines_and_blocks() {
        let t = "এক\r\n\r\nদুই\nতিন\n\n  \nচার";
        assert_eq!(
            paragraphs(t, ParagraphMode::Line),
            [
                ("এক".into(), 1),
                ("দুই".into(), 3),
                ("তিন".into(), 4),
                ("চার".into(), 7)
            ]
        );
        assert_eq!(
            paragraphs(t, ParagraphMode::BlankLine),
            [("এক".into(), 1), ("দুই\nতিন".into(), 3), ("চার".into(), 7)]
        );
    }
}
