//! Bytes to lines of text, read as a stream: UTF-8 (strict, or lossy with U+FFFD) and UTF-16
//! LE/BE with a byte-order mark (encoding_rs). Whether an input is text at all is decided from
//! its first block, so a large binary file is never read whole.

use std::io::{BufRead, Read};

use crate::error::Error;

/// Bytes looked at to tell text from binary (git and ripgrep look at about as many).
pub const SNIFF_BYTES: usize = 8 << 10;

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

/// The character encoding of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Charset {
    Utf8,
    Utf16Le,
    Utf16Be,
}

impl Charset {
    /// Bytes a character takes in the input.
    pub fn width(self, c: char) -> usize {
        match self {
            Charset::Utf8 => c.len_utf8(),
            Charset::Utf16Le | Charset::Utf16Be => 2 * c.len_utf16(),
        }
    }
}

/// What the first block of an input says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// A NUL byte at this offset, in a block that has no UTF-16 byte-order mark.
    Binary { offset: usize },
    /// Text in this charset, after a byte-order mark of `bom` bytes.
    Text { charset: Charset, bom: usize },
}

/// Tell text from binary by the first block: a byte-order mark names the encoding; otherwise
/// a NUL byte means binary.
pub fn sniff(block: &[u8]) -> Sniffed {
    if block.starts_with(&[0xEF, 0xBB, 0xBF]) {
        Sniffed::Text {
            charset: Charset::Utf8,
            bom: 3,
        }
    } else if block.starts_with(&[0xFF, 0xFE]) {
        Sniffed::Text {
            charset: Charset::Utf16Le,
            bom: 2,
        }
    } else if block.starts_with(&[0xFE, 0xFF]) {
        Sniffed::Text {
            charset: Charset::Utf16Be,
            bom: 2,
        }
    } else if let Some(offset) = block.iter().position(|&b| b == 0) {
        Sniffed::Binary { offset }
    } else {
        Sniffed::Text {
            charset: Charset::Utf8,
            bom: 0,
        }
    }
}

/// One line of decoded text, its line break included, and the byte offset of its first
/// character in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub offset: usize,
}

/// Lines of an input, decoded. Errors name the input and the byte offset.
pub struct Lines<R> {
    name: String,
    reader: R,
    charset: Charset,
    encoding: Encoding,
    /// Byte offset of the next unread byte of the input.
    offset: usize,
    /// Invalid sequences replaced so far (lossy).
    pub replaced: usize,
    utf16: Option<Utf16>,
    buf: Vec<u8>,
    done: bool,
    /// A NUL is text (for text already in memory, which was never sniffed).
    nul_is_text: bool,
    /// Length of the byte-order mark skipped.
    bom: usize,
    /// The encoding an XML declaration on the first line names, when mtqc does not read it
    /// (`encoding="ISO-8859-1"`): a decoding error names it.
    declared: Option<String>,
}

/// State of a UTF-16 input: the decoder and decoded text not yet cut into lines.
struct Utf16 {
    decoder: encoding_rs::Decoder,
    pending: String,
    /// Byte offset of `pending`'s first character.
    pending_offset: usize,
    eof: bool,
}

impl<R: BufRead> Lines<R> {
    /// Read `reader`, whose first block `sniff` found to be text in `charset` after a
    /// byte-order mark of `bom` bytes (which `reader` still holds).
    pub fn new(
        name: impl Into<String>,
        mut reader: R,
        charset: Charset,
        bom: usize,
        encoding: Encoding,
    ) -> std::io::Result<Lines<R>> {
        skip(&mut reader, bom)?;
        let utf16 = match charset {
            Charset::Utf8 => None,
            Charset::Utf16Le | Charset::Utf16Be => Some(Utf16 {
                decoder: if charset == Charset::Utf16Le {
                    encoding_rs::UTF_16LE.new_decoder_without_bom_handling()
                } else {
                    encoding_rs::UTF_16BE.new_decoder_without_bom_handling()
                },
                pending: String::new(),
                pending_offset: bom,
                eof: false,
            }),
        };
        Ok(Lines {
            name: name.into(),
            reader,
            charset,
            encoding,
            offset: bom,
            replaced: 0,
            utf16,
            buf: Vec::new(),
            done: false,
            nul_is_text: false,
            bom,
            declared: None,
        })
    }

    pub fn charset(&self) -> Charset {
        self.charset
    }

    /// Length of the byte-order mark the input began with.
    pub fn bom(&self) -> usize {
        self.bom
    }

    /// Bytes read so far.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Take NUL characters as text: for text in memory, which no first block vouched for.
    pub fn nul_is_text(mut self) -> Self {
        self.nul_is_text = true;
        self
    }

    fn utf8_line(&mut self) -> Result<Option<Line>, Error> {
        self.buf.clear();
        let n = self
            .reader
            .read_until(b'\n', &mut self.buf)
            .map_err(|e| Error::input(format!("{}: cannot read: {e}", self.name)))?;
        if n == 0 {
            return Ok(None);
        }
        let start = self.offset;
        self.offset += n;
        if start == self.bom {
            self.declared = unread_encoding(&self.buf).map(str::to_string);
        }
        if !self.nul_is_text
            && let Some(i) = memchr::memchr(0, &self.buf)
        {
            return Err(binary_error(&self.name, start + i));
        }
        // Valid UTF-8 (nearly every line) is told by a SIMD validator and copied out, the
        // buffer kept for the next line (up to 64 KiB: a huge line leaves no huge buffer
        // behind); anything else goes to the standard library for its error or its repair.
        if let Ok(text) = simdutf8::basic::from_utf8(&self.buf) {
            let text = text.to_owned();
            if self.buf.capacity() > 64 << 10 {
                self.buf = Vec::with_capacity(64 << 10);
            }
            return Ok(Some(Line {
                text,
                offset: start,
            }));
        }
        let bytes = std::mem::replace(&mut self.buf, Vec::with_capacity(n.min(64 << 10)));
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) if self.encoding == Encoding::Lossy => {
                let bytes = e.into_bytes();
                self.replaced += bytes
                    .utf8_chunks()
                    .filter(|c| !c.invalid().is_empty())
                    .count();
                let text = String::from_utf8_lossy(&bytes).into_owned();
                self.buf = bytes;
                text
            }
            Err(e) => {
                let convert = self.declared.as_ref().map_or(String::new(), |d| {
                    format!(
                        "; the file declares encoding=\"{d}\", and mtqc reads UTF-8 and UTF-16 \
                         only: convert it first (iconv -f {d} -t UTF-8)"
                    )
                });
                return Err(Error::input(format!(
                    "{}: invalid UTF-8 at byte offset {} (use --encoding lossy to check it \
                     anyway){convert}",
                    self.name,
                    start + e.utf8_error().valid_up_to()
                )));
            }
        };
        Ok(Some(Line {
            text,
            offset: start,
        }))
    }

    fn utf16_line(&mut self) -> Result<Option<Line>, Error> {
        loop {
            let state = self.utf16.as_mut().expect("a UTF-16 input");
            if let Some(i) = state.pending.find('\n') {
                let rest = state.pending.split_off(i + 1);
                let text = std::mem::replace(&mut state.pending, rest);
                let offset = state.pending_offset;
                state.pending_offset += text.chars().map(|c| self.charset.width(c)).sum::<usize>();
                return self.checked_utf16(Line { text, offset }).map(Some);
            }
            if state.eof {
                if state.pending.is_empty() {
                    return Ok(None);
                }
                let text = std::mem::take(&mut state.pending);
                let offset = state.pending_offset;
                return self.checked_utf16(Line { text, offset }).map(Some);
            }
            let name = &self.name;
            let block = self
                .reader
                .fill_buf()
                .map_err(|e| Error::input(format!("{name}: cannot read: {e}")))?;
            let last = block.is_empty();
            let n = block.len();
            let state = self.utf16.as_mut().expect("a UTF-16 input");
            state
                .pending
                .reserve(state.decoder.max_utf8_buffer_length(n).unwrap_or(n * 3));
            let (result, read) =
                state
                    .decoder
                    .decode_to_string_without_replacement(block, &mut state.pending, last);
            if let encoding_rs::DecoderResult::Malformed(bad, after) = result {
                let at = self.offset + read - bad as usize - after as usize;
                if self.encoding == Encoding::Strict {
                    return Err(Error::input(format!(
                        "{}: invalid UTF-16 at byte offset {at} (use --encoding lossy to check it anyway)",
                        self.name
                    )));
                }
                state.pending.push(char::REPLACEMENT_CHARACTER);
                self.replaced += 1;
            }
            self.reader.consume(read);
            self.offset += read;
            if last && read == n {
                self.utf16.as_mut().expect("a UTF-16 input").eof = true;
            }
        }
    }

    /// A NUL character in UTF-16 text is as binary as a NUL byte in UTF-8.
    fn checked_utf16(&self, line: Line) -> Result<Line, Error> {
        match line.text.find('\0').filter(|_| !self.nul_is_text) {
            Some(i) => {
                let before: usize = line.text[..i].chars().map(|c| self.charset.width(c)).sum();
                Err(binary_error(&self.name, line.offset + before))
            }
            None => Ok(line),
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<Line, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let line = match self.charset {
            Charset::Utf8 => self.utf8_line(),
            Charset::Utf16Le | Charset::Utf16Be => self.utf16_line(),
        };
        match line {
            Ok(Some(l)) => Some(Ok(l)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// A NUL byte past the block that decided the input was text.
pub fn binary_error(name: &str, offset: usize) -> Error {
    Error::input(format!(
        "{name}: looks binary (NUL byte at offset {offset})"
    ))
}

fn skip(reader: &mut impl BufRead, mut n: usize) -> std::io::Result<()> {
    while n > 0 {
        let available = reader.fill_buf()?.len();
        if available == 0 {
            break;
        }
        let k = available.min(n);
        reader.consume(k);
        n -= k;
    }
    Ok(())
}

/// A reader whose first block has been read to be sniffed, then put back in front.
pub type Sniffing<R> = std::io::BufReader<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>;

/// Read the first `SNIFF_BYTES` of `reader` (fewer at its end), sniff them, and return a reader
/// of the whole input again.
pub fn sniff_reader<R: Read>(mut reader: R) -> std::io::Result<(Sniffing<R>, Sniffed)> {
    let mut block = vec![0; SNIFF_BYTES];
    let mut n = 0;
    while n < block.len() {
        match reader.read(&mut block[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    block.truncate(n);
    let sniffed = sniff(&block);
    let reader =
        std::io::BufReader::with_capacity(64 << 10, std::io::Cursor::new(block).chain(reader));
    Ok((reader, sniffed))
}

/// The encoding the XML declaration that opens `line` names (`<?xml version="1.0"
/// encoding="ISO-8859-1"?>`) when it is a well-formed name (`[A-Za-z][A-Za-z0-9._-]*`) of an
/// encoding mtqc does not read (neither UTF-8 nor UTF-16, in any spelling).
fn unread_encoding(line: &[u8]) -> Option<&str> {
    let decl = line.strip_prefix(b"<?xml")?;
    let decl = &decl[..memchr::memmem::find(decl, b"?>")?];
    let decl = std::str::from_utf8(decl).ok()?;
    let rest = decl[decl.find("encoding")? + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &rest[1..];
    let value = &value[..value.find(quote)?];
    let mut chars = value.chars();
    let well_formed = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    let folded: String = value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    let read = matches!(folded.as_str(), "utf8" | "utf16" | "utf16le" | "utf16be");
    (well_formed && !read).then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8], encoding: Encoding) -> Result<Vec<(String, usize)>, Error> {
        let (reader, sniffed) = sniff_reader(bytes).unwrap();
        let Sniffed::Text { charset, bom } = sniffed else {
            panic!("text expected");
        };
        Lines::new("t", reader, charset, bom, encoding)
            .unwrap()
            .map(|l| l.map(|l| (l.text, l.offset)))
            .collect()
    }

    #[test]
    fn utf8_lines_keep_their_offsets() {
        let got = lines("\u{FEFF}এক\r\nদুই\nx".as_bytes(), Encoding::Strict).unwrap();
        assert_eq!(
            got,
            [
                ("এক\r\n".to_string(), 3),
                ("দুই\n".to_string(), 3 + "এক\r\n".len()),
                ("x".to_string(), 3 + "এক\r\nদুই\n".len())
            ]
        );
    }

    #[test]
    fn an_xml_declaration_of_another_encoding_is_read_from_the_raw_bytes() {
        let d = |t: &[u8]| unread_encoding(t).map(str::to_string);
        assert_eq!(
            d(b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><doc>caf\xe9</doc>\n").as_deref(),
            Some("ISO-8859-1"),
            "on the line of the invalid byte itself"
        );
        assert_eq!(
            d(b"<?xml version='1.0' encoding = 'windows-1252' ?>\n").as_deref(),
            Some("windows-1252")
        );
        for none in [
            &b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"[..],
            b"<?xml version=\"1.0\" encoding=\"utf16\"?>",
            b"<?xml version=\"1.0\"?><x encoding=\"latin1\"/>",
            b"<?xml version=\"1.0\" encoding=\"x; rm -rf /\"?>",
            b"<doc encoding=\"latin1\"/>",
        ] {
            assert_eq!(d(none), None, "{}", String::from_utf8_lossy(none));
        }
        // The whole error, from a one-line file.
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><doc>caf\xe9</doc>\n";
        let mut lines =
            Lines::new("t.xml", &bytes[..], Charset::Utf8, 0, Encoding::Strict).unwrap();
        let e = lines.next().unwrap().unwrap_err();
        assert!(
            e.message.contains("invalid UTF-8 at byte offset 51"),
            "{}",
            e.message
        );
        assert!(
            e.message.contains("iconv -f ISO-8859-1 -t UTF-8"),
            "{}",
            e.message
        );
    }

    #[test]
    fn utf16_with_a_bom_is_text() {
        for (bom, le) in [([0xFF, 0xFE], true), ([0xFE, 0xFF], false)] {
            let mut bytes = bom.to_vec();
            for u in "এক\nদুই😀\n".encode_utf16() {
                let pair = if le { u.to_le_bytes() } else { u.to_be_bytes() };
                bytes.extend(pair);
            }
            let got = lines(&bytes, Encoding::Strict).unwrap();
            assert_eq!(
                got,
                [("এক\n".to_string(), 2), ("দুই😀\n".to_string(), 2 + 2 * 3)]
            );
        }
    }

    #[test]
    fn binary_and_invalid_input() {
        assert_eq!(sniff(b"ab\0c"), Sniffed::Binary { offset: 2 });
        let late = [vec![b'a'; SNIFF_BYTES + 10], vec![0]].concat();
        let e = lines(&late, Encoding::Strict).unwrap_err();
        assert!(e.message.contains("NUL byte at offset"), "{e}");
        let e = lines(b"ok\nab\xFFc\n", Encoding::Strict).unwrap_err();
        assert!(e.message.contains("byte offset 5"), "{e}");
        let got = lines(b"ok\nab\xFFc\n", Encoding::Lossy).unwrap();
        assert_eq!(got[1].0, "ab\u{FFFD}c\n");
    }
}
