//! GNU gettext PO (and POT): one `Unit` per entry, or per plural form of an entry.
//!
//! - **Ids**: `msgid`, or `msgctxt` U+0004 `msgid` when the entry has a context (gettext's own
//!   key); a plural entry gives one unit per `msgstr[n]`, id suffixed `[n]`, whose source is
//!   `msgid` for form 0 and `msgid_plural` for the others.
//! - **Strings**: C escapes are decoded (`\n`, `\t`, `\r`, `\"`, `\\`, `\a`, `\b`, `\f`, `\v`,
//!   `\'`, `\?`, octal `\ooo` and hex `\xhh` bytes, which must form UTF-8), and a string
//!   continued over several `"..."` lines is joined; the text's map points every character at
//!   its line in the file. Any other escape, a string without quotes or left open, text after
//!   a string, an unknown keyword, a `msgid` without `msgstr` are errors naming the line and
//!   column.
//! - **Header**: the first entry that is not obsolete, when its `msgid` is empty and it has no
//!   context, is not a unit; its `Language:` is the target language and its
//!   `X-Source-Language:` (if any) the source language. An entry with an empty `msgid` after
//!   another entry is neither a header nor a unit (gettext writes the header first; a file
//!   read a line at a time knows its languages before its first unit).
//! - **Read a line at a time** (`Stream`): an entry's units are given when the entry is
//!   complete (a blank line, the next entry's comment or keyword, the end of the file), so a
//!   PO file of any size streams and is checked in bounded memory as TSV and JSONL are.
//! - **Comments**: translator comments (`# ...`) and extracted comments (`#. ...`) are notes
//!   (consecutive lines of one kind make one note), `mtqc-ignore:` directives are read from
//!   translator comments; flags (`#, ...`) other than `fuzzy` are kept as a note
//!   `flags: python-format, ...`; references (`#:`) and previous strings (`#|`) are not read.
//! - **Skip reasons**: an obsolete entry (`#~`) is `Obsolete` and returned only when
//!   `ReadOptions::include_skipped` is set; else an empty (blank) `msgstr` is `NoTarget`; else
//!   `#, fuzzy` is `Fuzzy`.

use super::{LineLocator, Locate, ReadOptions, Source, TextBuilder, blank};
use crate::error::Error;
use crate::input::unit::{FileInfo, Skip, Unit, UnitDoc, ignore_directives};
use crate::input::{Charset, Position};

/// Read a PO file: its lines, in order, given to a `Stream`.
pub fn read(src: &Source, options: &ReadOptions) -> Result<Vec<UnitDoc>, Error> {
    let mut stream = Stream::new(src.name, options);
    let mut at = src.base;
    for line in src.text.split_inclusive('\n') {
        stream.line(line, at, src.charset)?;
        at = at.after(line, src.charset);
    }
    stream.finish()?;
    Ok(vec![UnitDoc {
        info: stream.info().cloned().unwrap_or_default(),
        units: stream.take_units(),
        charset: src.charset,
    }])
}

/// A PO file read a line at a time: the units of each entry once the entry is complete, the
/// header's languages once the first entry is (the header is the first entry, as gettext
/// writes it; an empty `msgid` after another entry is no header and no unit).
pub struct Stream {
    p: Parser,
    /// Raw offset of the next line in the decoded text.
    raw: usize,
}

impl Stream {
    pub fn new(name: &str, options: &ReadOptions) -> Stream {
        Stream {
            p: Parser {
                name: name.into(),
                entry: Entry::default(),
                units: Vec::new(),
                info: None,
                settled: false,
                include_obsolete: options.include_skipped,
            },
            raw: 0,
        }
    }

    /// The next line of the file, its line break included, starting at `at`.
    pub fn line(&mut self, line: &str, at: Position, charset: Charset) -> Result<(), Error> {
        let start = self.raw;
        self.raw += line.len();
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let name = self.p.name.clone();
        let src = Source {
            name: &name,
            text: line,
            base: at,
            charset,
        };
        let mut loc = LineLocator::new(src, start);
        self.p.line(line, start, &mut loc)
    }

    /// The end of the file: its last entry is complete.
    pub fn finish(&mut self) -> Result<(), Error> {
        self.p.finish_entry()
    }

    /// The units of the entries completed since the last call.
    pub fn take_units(&mut self) -> Vec<Unit> {
        std::mem::take(&mut self.p.units)
    }

    /// Whether the first entry is complete, so the header's languages are known.
    pub fn settled(&self) -> bool {
        self.p.settled
    }

    /// The header's languages, if the first entry was a header.
    pub fn info(&self) -> Option<&FileInfo> {
        self.p.info.as_ref()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Ctxt,
    Id,
    Plural,
    /// `msgstr`, or `msgstr[n]`.
    Str(Option<usize>),
}

#[derive(Default)]
struct Entry {
    /// Where the entry's first keyword is.
    start: Option<Position>,
    translator: Vec<String>,
    extracted: Vec<String>,
    flags: Vec<String>,
    /// The kind of the last comment line (`' '` translator, `'.'` extracted), so consecutive
    /// lines join into one note.
    last_comment: Option<char>,
    obsolete: bool,
    ctxt: Option<TextBuilder>,
    id: Option<TextBuilder>,
    plural: Option<TextBuilder>,
    strs: Vec<(Option<usize>, TextBuilder)>,
    /// The field that continuation lines extend.
    last: Option<Field>,
}

struct Parser {
    name: std::sync::Arc<str>,
    entry: Entry,
    units: Vec<Unit>,
    info: Option<FileInfo>,
    /// The first entry is complete.
    settled: bool,
    include_obsolete: bool,
}

const KEYWORDS: [&str; 4] = ["msgctxt", "msgid_plural", "msgid", "msgstr"];

impl Parser {
    /// One line (its line break removed) starting at raw offset `start`.
    fn line(&mut self, line: &str, start: usize, loc: &mut impl Locate) -> Result<(), Error> {
        let indent = line.len() - line.trim_start().len();
        let (rest, at) = (&line[indent..], start + indent);
        if rest.is_empty() {
            return self.finish_entry();
        }
        if let Some(obsolete) = rest.strip_prefix("#~") {
            if obsolete.starts_with('|') {
                return Ok(());
            }
            let pad = obsolete.len() - obsolete.trim_start().len();
            let body = &obsolete[pad..];
            if body.is_empty() {
                return Ok(());
            }
            if !self.entry.obsolete && self.entry.start.is_some() {
                self.finish_entry()?;
            }
            self.entry.obsolete = true;
            return self.statement(body, at + 2 + pad, loc);
        }
        if let Some(comment) = rest.strip_prefix('#') {
            if !self.entry.strs.is_empty() || self.entry.obsolete {
                self.finish_entry()?;
            }
            return self.comment(comment);
        }
        if self.entry.obsolete {
            self.finish_entry()?;
        }
        self.statement(rest, at, loc)
    }

    fn comment(&mut self, comment: &str) -> Result<(), Error> {
        let kind = comment.chars().next();
        match kind {
            Some(',') => {
                for flag in comment[1..].split(',').map(str::trim) {
                    if !flag.is_empty() {
                        self.entry.flags.push(flag.to_string());
                    }
                }
                self.entry.last_comment = None;
            }
            Some('.') => {
                let text = comment[1..].strip_prefix(' ').unwrap_or(&comment[1..]);
                push_comment(
                    &mut self.entry.extracted,
                    &mut self.entry.last_comment,
                    '.',
                    text,
                );
            }
            Some(':' | '|') => self.entry.last_comment = None,
            _ => {
                let text = comment.strip_prefix(' ').unwrap_or(comment);
                push_comment(
                    &mut self.entry.translator,
                    &mut self.entry.last_comment,
                    ' ',
                    text,
                );
            }
        }
        Ok(())
    }

    /// A keyword line or a continuation string, at raw offset `at`.
    fn statement(&mut self, s: &str, at: usize, loc: &mut impl Locate) -> Result<(), Error> {
        if s.starts_with('"') {
            let Some(field) = self.entry.last else {
                return Err(loc.error(at, "a string continues no msgid or msgstr"));
            };
            let entry = &mut self.entry;
            let b = match field {
                Field::Ctxt => entry.ctxt.as_mut(),
                Field::Id => entry.id.as_mut(),
                Field::Plural => entry.plural.as_mut(),
                Field::Str(_) => entry.strs.last_mut().map(|(_, b)| b),
            };
            return match b {
                Some(b) => string(s, at, b, loc),
                None => Err(loc.error(at, "a string continues no msgid or msgstr")),
            };
        }
        let Some(keyword) = KEYWORDS.iter().find(|k| s.starts_with(**k)) else {
            let word: String = s.chars().take_while(|c| !c.is_whitespace()).collect();
            return Err(loc.error(
                at,
                format!(
                    "expected msgctxt, msgid, msgid_plural, msgstr or a string, found `{word}`"
                ),
            ));
        };
        let mut after = &s[keyword.len()..];
        let mut field = match *keyword {
            "msgctxt" => Field::Ctxt,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            _ => Field::Str(None),
        };
        if field == Field::Str(None)
            && let Some(index) = after.strip_prefix('[')
        {
            let Some(close) = index.find(']') else {
                return Err(loc.error(at + keyword.len(), "`msgstr[` without `]`"));
            };
            let Ok(n) = index[..close].trim().parse::<usize>() else {
                return Err(loc.error(
                    at + keyword.len() + 1,
                    format!("bad plural index `{}`", &index[..close]),
                ));
            };
            field = Field::Str(Some(n));
            after = &index[close + 1..];
        }
        if !after.starts_with([' ', '\t']) && !after.is_empty() {
            let word: String = s.chars().take_while(|c| !c.is_whitespace()).collect();
            return Err(loc.error(at, format!("unknown keyword `{word}`")));
        }
        // A new entry starts with msgctxt or msgid once the last one has a msgstr.
        if matches!(field, Field::Ctxt | Field::Id) && !self.entry.strs.is_empty() {
            self.finish_entry()?;
        }
        let pad = after.len() - after.trim_start().len();
        let string_at = at + (s.len() - after.len()) + pad;
        let body = &after[pad..];
        if !body.starts_with('"') {
            return Err(loc.error(
                string_at,
                format!("expected a string in double quotes after {keyword}"),
            ));
        }
        let duplicate = match field {
            Field::Ctxt => self.entry.ctxt.is_some() || self.entry.id.is_some(),
            Field::Id => self.entry.id.is_some(),
            Field::Plural => self.entry.plural.is_some() || self.entry.id.is_none(),
            Field::Str(_) => self.entry.id.is_none(),
        };
        if duplicate {
            let what = match field {
                Field::Str(_) => "msgstr without msgid".to_string(),
                Field::Plural if self.entry.id.is_none() => {
                    "msgid_plural without msgid".to_string()
                }
                Field::Id => "msgid without msgstr before it".to_string(),
                Field::Ctxt if self.entry.id.is_some() => "msgctxt after msgid".to_string(),
                _ => format!("{keyword} repeated in one entry"),
            };
            return Err(loc.error(at, what));
        }
        if self.entry.start.is_none() {
            self.entry.start = Some(loc.pos(at));
        }
        self.entry.last_comment = None;
        let mut b = TextBuilder::new(string_at + 1, loc);
        string(body, string_at, &mut b, loc)?;
        match field {
            Field::Ctxt => self.entry.ctxt = Some(b),
            Field::Id => self.entry.id = Some(b),
            Field::Plural => self.entry.plural = Some(b),
            Field::Str(n) => self.entry.strs.push((n, b)),
        }
        self.entry.last = Some(field);
        Ok(())
    }

    fn finish_entry(&mut self) -> Result<(), Error> {
        let entry = std::mem::take(&mut self.entry);
        let Some(id) = entry.id else {
            return Ok(()); // comments only
        };
        if entry.strs.is_empty() {
            let at = entry.start.unwrap_or(Position::line_start(0, 1, 0));
            return Err(Error::input(format!(
                "{}:{}:{}: msgid without msgstr",
                self.name, at.line, at.column
            )));
        }
        // The header is the first entry of the catalogue: obsolete entries before it are not.
        let first = !self.settled;
        self.settled |= !entry.obsolete;
        let id = id.finish();
        let ctxt = entry.ctxt.map(TextBuilder::finish);
        if id.text.is_empty() && ctxt.is_none() && !entry.obsolete {
            if first {
                let header = entry
                    .strs
                    .into_iter()
                    .next()
                    .map(|(_, b)| b.finish().text)
                    .unwrap_or_default();
                self.info = Some(header_info(&header));
            }
            return Ok(());
        }
        if entry.obsolete && !self.include_obsolete {
            return Ok(());
        }
        let key = match &ctxt {
            Some(c) => format!("{}\u{4}{}", c.text, id.text),
            None => id.text.clone(),
        };
        let plural = entry.plural.map(TextBuilder::finish);
        let fuzzy = entry.flags.iter().any(|f| f == "fuzzy");
        let mut notes: Vec<String> = entry
            .translator
            .iter()
            .chain(&entry.extracted)
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty())
            .collect();
        let flags: Vec<&str> = entry
            .flags
            .iter()
            .map(String::as_str)
            .filter(|f| *f != "fuzzy")
            .collect();
        if !flags.is_empty() {
            notes.push(format!("flags: {}", flags.join(", ")));
        }
        let ignore: Vec<(String, String)> = entry
            .translator
            .iter()
            .flat_map(|n| ignore_directives(n))
            .collect();
        let forms = plural.is_some() || entry.strs.iter().any(|(n, _)| n.is_some());
        for (n, b) in entry.strs {
            let target = b.finish();
            let form = n.unwrap_or(0);
            let (uid, source, other) = if forms {
                let (source, other) = if form == 0 {
                    (id.clone(), plural.clone())
                } else {
                    (
                        plural.clone().unwrap_or_else(|| id.clone()),
                        Some(id.clone()),
                    )
                };
                (format!("{key}[{form}]"), source, other)
            } else {
                (key.clone(), id.clone(), None)
            };
            let skip = if entry.obsolete {
                Some(Skip::Obsolete)
            } else if blank(&target) {
                Some(Skip::NoTarget)
            } else if fuzzy {
                Some(Skip::Fuzzy)
            } else {
                None
            };
            self.units.push(Unit {
                id: uid,
                source: Some(source),
                target: Some(target),
                notes: notes.clone(),
                skip,
                max_length: None,
                ignore: ignore.clone(),
                extra: serde_json::Map::new(),
                plural_form: forms.then_some(form),
                plural_other: other,
                context: ctxt.as_ref().map(|c| c.text.clone()),
            });
        }
        Ok(())
    }
}

fn push_comment(notes: &mut Vec<String>, last: &mut Option<char>, kind: char, text: &str) {
    match notes.last_mut() {
        Some(note) if *last == Some(kind) => {
            note.push('\n');
            note.push_str(text);
        }
        _ => notes.push(text.to_string()),
    }
    *last = Some(kind);
}

/// The languages of a PO header (`Language:`, `X-Source-Language:`).
fn header_info(header: &str) -> FileInfo {
    let field = |name: &str| {
        header.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            let v = v.trim();
            (k.trim().eq_ignore_ascii_case(name) && !v.is_empty()).then(|| v.to_string())
        })
    };
    FileInfo {
        source_language: field("X-Source-Language"),
        target_language: field("Language"),
    }
}

/// Decode the string `"..."` at the start of `s` (raw offset `at`, the opening quote) into
/// `b`; only whitespace may follow it.
fn string(s: &str, at: usize, b: &mut TextBuilder, loc: &mut impl Locate) -> Result<(), Error> {
    let body = &s[1..];
    let base = at + 1;
    let mut run_start = 0;
    let mut bytes: Vec<u8> = Vec::new();
    let mut bytes_span = (0, 0);
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                flush_bytes(&mut bytes, bytes_span, base, b, loc)?;
                b.verbatim(&body[run_start..i], base + run_start, loc);
                let after = &body[i + 1..];
                if !after.trim().is_empty() {
                    let k = after.len() - after.trim_start().len();
                    return Err(loc.error(base + i + 1 + k, "text after the closing quote"));
                }
                return Ok(());
            }
            '\\' => {
                b.verbatim(&body[run_start..i], base + run_start, loc);
                let Some((_, e)) = chars.next() else {
                    return Err(loc.error(base + i, "unterminated string (a `\\` ends the line)"));
                };
                let mut end = i + 1 + e.len_utf8();
                let simple = match e {
                    'n' => Some('\n'),
                    't' => Some('\t'),
                    'r' => Some('\r'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    'v' => Some('\u{b}'),
                    '\\' => Some('\\'),
                    '"' => Some('"'),
                    '\'' => Some('\''),
                    '?' => Some('?'),
                    _ => None,
                };
                if let Some(ch) = simple {
                    flush_bytes(&mut bytes, bytes_span, base, b, loc)?;
                    let mut buf = [0; 4];
                    b.decoded(ch.encode_utf8(&mut buf), base + i, base + end, loc);
                } else if e.is_digit(8) || e == 'x' {
                    let (radix, max) = if e == 'x' { (16, 2) } else { (8, 3) };
                    let digits_from = if e == 'x' { end } else { i + 1 };
                    let mut digits = if e == 'x' { 0 } else { 1 };
                    end = if e == 'x' { end } else { i + 2 };
                    while digits < max
                        && let Some(&(_, d)) = chars.peek()
                        && d.is_digit(radix)
                    {
                        chars.next();
                        digits += 1;
                        end += 1;
                    }
                    let value = u32::from_str_radix(&body[digits_from..end], radix).ok();
                    let Some(byte) = value.and_then(|v| u8::try_from(v).ok()) else {
                        return Err(loc.error(base + i, format!("bad escape `{}`", &body[i..end])));
                    };
                    if bytes.is_empty() {
                        bytes_span.0 = i;
                    }
                    bytes.push(byte);
                    bytes_span.1 = end;
                } else {
                    return Err(loc.error(base + i, format!("unknown escape `\\{e}`")));
                }
                run_start = end;
            }
            _ => {
                if !bytes.is_empty() {
                    flush_bytes(&mut bytes, bytes_span, base, b, loc)?;
                }
            }
        }
    }
    Err(loc.error(at, "unterminated string (no closing quote on its line)"))
}

/// Decode the bytes of a run of octal or hex escapes (spanning `span` of the string body).
fn flush_bytes(
    bytes: &mut Vec<u8>,
    span: (usize, usize),
    base: usize,
    b: &mut TextBuilder,
    loc: &mut impl Locate,
) -> Result<(), Error> {
    if bytes.is_empty() {
        return Ok(());
    }
    let taken = std::mem::take(bytes);
    match String::from_utf8(taken) {
        Ok(s) => {
            b.decoded(&s, base + span.0, base + span.1, loc);
            Ok(())
        }
        Err(_) => Err(loc.error(base + span.0, "escaped bytes that are not UTF-8")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::input::Charset;

    fn read_po(text: &str) -> Result<UnitDoc, Error> {
        let opts = ReadOptions {
            include_skipped: true,
            ..ReadOptions::default()
        };
        read(&Source::new("t.po", text), &opts).map(|mut d| d.remove(0))
    }

    fn error(text: &str) -> String {
        read_po(text).unwrap_err().message
    }

    #[test]
    fn entries_plurals_contexts_and_the_header() {
        let po = "# Translators:\nmsgid \"\"\nmsgstr \"\"\n\"Language: bn\\n\"\n\"X-Source-Language: en\\n\"\n\n\
                  # Sunday, one letter\n#. TRANSLATORS: weekday\n#: a.py:3\n#, python-format\nmsgctxt \"one letter Sunday\"\nmsgid \"S\"\nmsgstr \"র\"\n\n\
                  msgid \"%(n)s file\"\nmsgid_plural \"%(n)s files\"\nmsgstr[0] \"%(n)sটি ফাইল\"\nmsgstr[1] \"\"\n\n\
                  #, fuzzy\nmsgid \"Tab\\there\"\nmsgstr \"ট্যাব\\tএখানে\"\n\
                  #~ msgid \"Old\"\n#~ msgstr \"পুরনো\"\n";
        let doc = read_po(po).unwrap();
        assert_eq!(doc.info.target_language.as_deref(), Some("bn"));
        assert_eq!(doc.info.source_language.as_deref(), Some("en"));
        let ids: Vec<&str> = doc.units.iter().map(|u| u.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "one letter Sunday\u{4}S",
                "%(n)s file[0]",
                "%(n)s file[1]",
                "Tab\there",
                "Old"
            ]
        );
        let u = &doc.units[0];
        assert_eq!(
            u.notes,
            [
                "Sunday, one letter",
                "TRANSLATORS: weekday",
                "flags: python-format"
            ]
        );
        assert_eq!(u.skip, None);
        assert_eq!(doc.units[1].source.as_ref().unwrap().text, "%(n)s file");
        assert_eq!(doc.units[2].source.as_ref().unwrap().text, "%(n)s files");
        assert_eq!(doc.units[2].skip, Some(Skip::NoTarget));
        assert_eq!(doc.units[3].target.as_ref().unwrap().text, "ট্যাব\tএখানে");
        assert_eq!(doc.units[3].skip, Some(Skip::Fuzzy));
        assert_eq!(doc.units[4].skip, Some(Skip::Obsolete));
        // Obsolete entries only when asked.
        let d = read(&Source::new("t.po", po), &ReadOptions::default()).unwrap();
        assert_eq!(d[0].units.len(), 4);
    }

    #[test]
    fn positions_through_escapes_and_continuation_lines() {
        let po = "msgid \"a\"\nmsgstr \"\"\n\"x\\\"ক\\n\"\n  \"দুই \\303\\251 খ\"\n";
        let doc = read_po(po).unwrap();
        let t = doc.units[0].target.as_ref().unwrap();
        assert_eq!(t.text, "x\"ক\nদুই é খ");
        for (needle, raw_needle, n) in [
            ("x", "x", 0),
            ("\"", "\\\"", 0),
            ("ক", "ক", 0),
            ("\n", "\\n", 0),
            ("দ", "দ", 0),
            ("é", "\\303", 0),
            ("খ", "খ", 0),
        ] {
            let i = t.text.find(needle).unwrap();
            let want = raw_position(po, nth(po, raw_needle, n));
            assert_eq!(t.position(i, Charset::Utf8), want, "{needle:?}");
        }
        assert_monotonic(t, po);
    }

    #[test]
    fn malformed_po_is_an_error_with_a_position() {
        assert_eq!(
            error("msgid \"a\"\nmsgstr \"b\\q\"\n"),
            "t.po:2:10: unknown escape `\\q`"
        );
        assert_eq!(
            error("msgid \"a\"\nmsgstr b\n"),
            "t.po:2:8: expected a string in double quotes after msgstr"
        );
        assert!(error("msgid \"a\nmsgstr \"b\"\n").starts_with("t.po:1:7: unterminated"));
        assert!(error("msgid \"a\"\n").starts_with("t.po:1:1: msgid without msgstr"));
        assert!(error("msgstr \"a\"\n").starts_with("t.po:1:1: msgstr without msgid"));
        assert!(error("msgid \"a\" x\nmsgstr \"\"\n").starts_with("t.po:1:11: text after"));
        assert!(error("msgid \"a\"\nmsgfoo \"b\"\n").starts_with("t.po:2:1: expected msgctxt"));
        assert!(error("msgid \"a\"\nmsgstr[x] \"b\"\n").contains("bad plural index"));
        assert!(error("msgid \"a\"\nmsgstr \"\\777\"\n").contains("bad escape"));
        assert!(error("msgid \"a\"\nmsgstr \"\\351\"\n").contains("not UTF-8"));
        assert!(error("\"orphan\"\n").contains("continues no msgid"));
        assert!(error("msgid \"a\"\nmsgstr \"b\\").contains("unterminated"));
    }

    /// The header is the first entry, as gettext writes it: an empty `msgid` after another
    /// entry names no language and is no unit (a file read a line at a time knows its
    /// languages before its first unit).
    #[test]
    fn a_header_after_an_entry_is_not_the_header() {
        let doc = read_po("msgid \"a\"\nmsgstr \"খ\"\n\nmsgid \"\"\nmsgstr \"Language: ru\\n\"\n")
            .unwrap();
        assert_eq!(doc.info.target_language, None);
        assert_eq!(doc.units.len(), 1);
        let doc =
            read_po("# c\n\nmsgid \"\"\nmsgstr \"Language: ru\\n\"\n\nmsgid \"a\"\nmsgstr \"б\"\n")
                .unwrap();
        assert_eq!(doc.info.target_language.as_deref(), Some("ru"));
        // Obsolete entries are not the catalogue: the header may follow them.
        let doc =
            read_po("#~ msgid \"o\"\n#~ msgstr \"x\"\n\nmsgid \"\"\nmsgstr \"Language: hi\\n\"\n")
                .unwrap();
        assert_eq!(doc.info.target_language.as_deref(), Some("hi"));
    }

    #[test]
    fn directives_and_crlf() {
        let po = "# mtqc-ignore: bn.repeated-word names\r\nmsgid \"a\"\r\nmsgstr \"খ খ\"\r\n";
        let doc = read_po(po).unwrap();
        let u = &doc.units[0];
        assert_eq!(
            u.ignore,
            [("bn.repeated-word".to_string(), "names".to_string())]
        );
        assert_eq!(u.target.as_ref().unwrap().text, "খ খ");
    }
}
