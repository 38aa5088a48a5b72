//! Inputs: files, directories (walked recursively, sorted), and `-` for stdin, decoded as UTF-8
//! and split into paragraphs that remember their byte offsets and lines.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, display_path};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphMode {
    /// Every non-empty line is a paragraph.
    #[default]
    Line,
    /// Blocks of lines separated by blank lines are paragraphs.
    BlankLine,
}

/// One input named on the command line or found in a directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Stdin,
    File { path: PathBuf, named: bool },
}

impl Input {
    pub fn display(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File { path, .. } => display_path(path),
        }
    }
}

/// Expand the command line's paths: directories become the files below them (hidden entries
/// and symlinked directories are not followed), in sorted order.
pub fn expand(paths: &[PathBuf], warnings: &mut Vec<String>) -> (Vec<Input>, Vec<Error>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Input::Stdin);
        } else if p.is_dir() {
            walk(p, &mut out, warnings);
        } else if p.exists() {
            out.push(Input::File {
                path: p.clone(),
                named: true,
            });
        } else {
            errors.push(Error::input(format!(
                "{}: no such file or directory",
                display_path(p)
            )));
        }
    }
    (out, errors)
}

fn walk(dir: &Path, out: &mut Vec<Input>, warnings: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            warnings.push(format!("{}: cannot read directory: {e}", display_path(dir)));
            return;
        }
    };
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        let is_link = path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink());
        if hidden {
            continue;
        }
        if path.is_dir() {
            if !is_link {
                walk(&path, out, warnings);
            }
        } else if path.is_file() {
            out.push(Input::File { path, named: false });
        }
    }
}

/// A decoded input.
#[derive(Debug)]
pub struct Document {
    pub path: String,
    /// The text after any byte-order mark.
    pub text: String,
    /// Length of the byte-order mark (0 or 3): file offsets are `bom + text offset`.
    pub bom: usize,
    pub paragraphs: Vec<ParagraphRef>,
    line_starts: Vec<usize>,
    /// For each line, the Unicode scalar values of the text before it.
    char_checkpoints: Vec<usize>,
}

/// Bytes between character-count checkpoints: positions cost O(log n + CHECKPOINT) on any
/// line, however long.
const CHECKPOINT: usize = 4096;

fn count_char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// Where a paragraph sits in its document's text.
#[derive(Debug, Clone, Copy)]
pub struct ParagraphRef {
    pub start: usize,
    pub end: usize,
    /// 1-based line of its first character.
    pub line: usize,
}

impl Document {
    pub fn from_text(
        path: impl Into<String>,
        text: String,
        bom: usize,
        mode: ParagraphMode,
    ) -> Document {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        // Characters before each block of CHECKPOINT bytes: a character starts at every byte
        // that is not a UTF-8 continuation byte.
        let mut char_checkpoints = Vec::with_capacity(text.len() / CHECKPOINT + 2);
        let mut chars = 0;
        char_checkpoints.push(0);
        for block in text.as_bytes().chunks(CHECKPOINT) {
            chars += count_char_starts(block);
            char_checkpoints.push(chars);
        }
        let paragraphs = split_paragraphs(&text, &line_starts, mode);
        Document {
            path: path.into(),
            text,
            bom,
            paragraphs,
            line_starts,
            char_checkpoints,
        }
    }

    /// A document that is one paragraph (a segment of a stream), however many lines it has.
    pub fn segment(path: impl Into<String>, text: String) -> Document {
        let mut doc = Document::from_text(path, text, 0, ParagraphMode::Line);
        let end = doc.text.trim_end_matches(['\n', '\r']).len();
        doc.paragraphs = if doc.text.trim().is_empty() {
            Vec::new()
        } else {
            vec![ParagraphRef {
                start: 0,
                end,
                line: 1,
            }]
        };
        doc
    }

    pub fn paragraph_text(&self, p: &ParagraphRef) -> &str {
        &self.text[p.start..p.end]
    }

    /// 1-based line and column (Unicode scalar values) of a text offset.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.char_offset(offset) - self.char_offset(start) + 1)
    }

    /// Unicode scalar values of the text before a text offset (the BOM is not text).
    pub fn char_offset(&self, offset: usize) -> usize {
        let block = offset / CHECKPOINT;
        self.char_checkpoints[block]
            + count_char_starts(&self.text.as_bytes()[block * CHECKPOINT..offset])
    }

    /// 1-based column of a text offset counted in UTF-8 bytes of its line.
    pub fn byte_column(&self, offset: usize) -> usize {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        offset - self.line_starts[line - 1] + 1
    }

    /// The whole line holding a text offset, without its line break.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_starts[line - 1];
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&e| e - 1);
        self.text[start..end].trim_end_matches('\r')
    }
}

fn split_paragraphs(text: &str, line_starts: &[usize], mode: ParagraphMode) -> Vec<ParagraphRef> {
    let mut out: Vec<ParagraphRef> = Vec::new();
    let mut block: Option<ParagraphRef> = None;
    for (i, &start) in line_starts.iter().enumerate() {
        let end = line_starts.get(i + 1).map_or(text.len(), |&e| e - 1);
        let line = &text[start..end];
        let content_end = start + line.strip_suffix('\r').unwrap_or(line).len();
        let blank = text[start..content_end].trim().is_empty();
        match mode {
            ParagraphMode::Line => {
                if !blank {
                    out.push(ParagraphRef {
                        start,
                        end: content_end,
                        line: i + 1,
                    });
                }
            }
            ParagraphMode::BlankLine => {
                if blank {
                    out.extend(block.take());
                } else {
                    match block.as_mut() {
                        Some(b) => b.end = content_end,
                        None => {
                            block = Some(ParagraphRef {
                                start,
                                end: content_end,
                                line: i + 1,
                            })
                        }
                    }
                }
            }
        }
    }
    out.extend(block);
    out
}

/// Read an input's bytes.
pub fn read(input: &Input) -> Result<Vec<u8>, Error> {
    match input {
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Error::input(format!("<stdin>: cannot read: {e}")))?;
            Ok(buf)
        }
        Input::File { path, .. } => std::fs::read(path)
            .map_err(|e| Error::input(format!("{}: cannot read: {e}", display_path(path)))),
    }
}

/// What decoding found.
pub enum Decoded {
    Text { text: String, bom: usize },
    Binary { offset: usize },
}

/// Decode UTF-8, dropping a byte-order mark; a NUL byte means binary.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<Decoded, Error> {
    decode_with(name, bytes, Encoding::Strict).map(|(d, _)| d)
}

/// How invalid UTF-8 is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Encoding {
    /// Invalid UTF-8 is an error naming its byte offset.
    #[default]
    Strict,
    /// Invalid sequences become U+FFFD and checking goes on (byte offsets then refer to the
    /// decoded text).
    Lossy,
}

/// Decode with the given policy; also returns how many invalid sequences were replaced.
pub fn decode_with(
    name: &str,
    bytes: Vec<u8>,
    encoding: Encoding,
) -> Result<(Decoded, usize), Error> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Ok((Decoded::Binary { offset }, 0));
    }
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let mut bytes = bytes;
    bytes.drain(..bom);
    match String::from_utf8(bytes) {
        Ok(text) => Ok((Decoded::Text { text, bom }, 0)),
        Err(e) if encoding == Encoding::Lossy => {
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let replaced = bytes
                .utf8_chunks()
                .filter(|c| !c.invalid().is_empty())
                .count();
            Ok((Decoded::Text { text, bom }, replaced))
        }
        Err(e) => Err(Error::input(format!(
            "{name}: invalid UTF-8 at byte offset {} (use --encoding lossy to check it anyway)",
            e.utf8_error().valid_up_to() + bom
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str, mode: ParagraphMode) -> Vec<(String, usize)> {
        let d = Document::from_text("t", text.to_string(), 0, mode);
        d.paragraphs
            .iter()
            .map(|p| (d.paragraph_text(p).to_string(), p.line))
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

    #[test]
    fn columns_count_scalar_values() {
        let d = Document::from_text("t", "ab\nকেসিএনএ x".to_string(), 0, ParagraphMode::Line);
        let x = d.text.find('x').unwrap();
        assert_eq!(d.line_column(x), (2, 9));
        assert_eq!(d.char_offset(x), 11);
        assert_eq!(d.byte_column(x), 1 + "কেসিএনএ ".len());
        assert_eq!(d.char_offset(d.text.len()), d.text.chars().count());
    }
}
