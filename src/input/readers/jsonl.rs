//! JSONL (JSON Lines, also `.ndjson`): one JSON object per line, one unit per object. Fields
//! (names configurable, `ReadOptions::fields`): `id` (a string or a number; missing or null:
//! the line number), `src` (the source, a string; optional), `tgt` (the target, a string;
//! missing or null: no target); with the default names, a record without `src` or `tgt` but
//! with `source` or `target` is read by those. Every other field goes to `Unit::extra` unchanged. A blank
//! target is `NoTarget`. Blank lines are passed over; a line that is not a JSON object, or
//! whose fields have the wrong type, is an error naming its line and column.
//!
//! serde_json validates each line and gives the fields' values; where the source and target
//! strings sit in the line it does not say, so a small scanner finds the top-level members in
//! the raw line and decodes the two strings itself, anchoring the text after every escape:
//! a `\u09be` in the file maps to its six bytes, a surrogate pair to its twelve.

use serde_json::Value;

use super::tsv::each_line;
use super::{Locator, ReadOptions, Source, TextBuilder};
use crate::error::Error;
use crate::input::unit::{FileInfo, Skip, Unit, UnitDoc, UnitText};
use crate::input::{Charset, Position};

/// The names of the id, source and target fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    pub id: String,
    pub src: String,
    pub tgt: String,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            id: "id".into(),
            src: "src".into(),
            tgt: "tgt".into(),
        }
    }
}

/// Read a whole JSONL input.
pub fn read(src: &Source, options: &ReadOptions) -> Result<Vec<UnitDoc>, Error> {
    let units = each_line(src, |line, at| {
        read_line(src.name, line, at, src.charset, &options.fields)
    })?;
    Ok(vec![UnitDoc {
        info: FileInfo::default(),
        units,
        charset: src.charset,
    }])
}

/// One line of a JSONL input starting at `at` (its line break may be included), for streaming.
/// `None`: a blank line.
pub fn read_line(
    name: &str,
    line: &str,
    at: Position,
    charset: Charset,
    fields: &Fields,
) -> Result<Option<Unit>, Error> {
    let line = line.strip_suffix('\n').unwrap_or(line);
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.trim().is_empty() {
        return Ok(None);
    }
    let src = Source {
        name,
        text: line,
        base: at,
        charset,
    };
    let mut loc = Locator::new(&src);
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => {
            let byte = if e.column() == 0 {
                line.len()
            } else {
                e.column() - 1
            };
            let what = e.to_string();
            let what = what.split(" at line ").next().unwrap_or(&what);
            return Err(loc.error(byte, format!("invalid JSON: {what}")));
        }
    };
    let Value::Object(mut map) = value else {
        return Err(loc.error(0, "a JSON Lines record must be an object"));
    };
    let members = members(line);
    // With the default names, a record that has no `src`/`tgt` but the spelled-out
    // `source`/`target` (as many MT dumps write them) is read by those: never a file of units
    // all skipped for want of a target that is plainly there.
    let default = *fields == Fields::default();
    let pick = |short: &str, long: &str| -> String {
        let spelled_out = default && !map.contains_key(short) && map.contains_key(long);
        (if spelled_out { long } else { short }).to_string()
    };
    let (src_key, tgt_key) = (pick(&fields.src, "source"), pick(&fields.tgt, "target"));
    let mut string_field = |key: &str| -> Result<Option<UnitText>, Error> {
        match map.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => {
                let Some(&(_, start, end)) = members.iter().rev().find(|(k, _, _)| k == key) else {
                    return Ok(Some(UnitText::verbatim(s, at)));
                };
                let text = decode(&line[start..end], start, &mut loc);
                debug_assert_eq!(text.text, s);
                Ok(Some(text))
            }
            Some(_) => {
                let start = members
                    .iter()
                    .rev()
                    .find(|(k, _, _)| k == key)
                    .map_or(0, |m| m.1);
                Err(loc.error(start, format!("field `{key}` must be a string")))
            }
        }
    };
    let source = string_field(&src_key)?;
    let target = string_field(&tgt_key)?;
    let id = match map.remove(&fields.id) {
        None | Some(Value::Null) => at.line.to_string(),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => {
            let start = members
                .iter()
                .rev()
                .find(|(k, _, _)| *k == fields.id)
                .map_or(0, |m| m.1);
            return Err(loc.error(
                start,
                format!("field `{}` must be a string or a number", fields.id),
            ));
        }
    };
    let skip = target
        .as_ref()
        .is_none_or(|t| t.text.trim().is_empty())
        .then_some(Skip::NoTarget);
    Ok(Some(Unit {
        id,
        source,
        target,
        skip,
        extra: map,
        ..Unit::default()
    }))
}

/// The top-level members of a JSON object written on one line: `(key, value start, value
/// end)`, byte offsets of the value's raw text. The line is valid JSON (serde_json said so);
/// on anything else the scan stops early rather than fail.
fn members(line: &str) -> Vec<(String, usize, usize)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = skip_ws(b, 0);
    if b.get(i) != Some(&b'{') {
        return out;
    }
    i += 1;
    loop {
        i = skip_ws(b, i);
        if b.get(i) != Some(&b'"') {
            return out;
        }
        let key_end = skip_string(b, i);
        let key: String =
            serde_json::from_str(line.get(i..key_end).unwrap_or("")).unwrap_or_default();
        i = skip_ws(b, key_end);
        if b.get(i) != Some(&b':') {
            return out;
        }
        let start = skip_ws(b, i + 1);
        let end = skip_value(b, start);
        out.push((key, start, end));
        i = skip_ws(b, end);
        if b.get(i) != Some(&b',') {
            return out;
        }
        i += 1;
    }
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while b
        .get(i)
        .is_some_and(|c| matches!(c, b' ' | b'\t' | b'\r' | b'\n'))
    {
        i += 1;
    }
    i
}

/// The end of the string starting at `i` (its opening quote).
fn skip_string(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while let Some(&c) = b.get(i) {
        match c {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

/// The end of the value starting at `i`: a string, an object or array (nesting counted, not
/// recursed), or a number or literal.
fn skip_value(b: &[u8], i: usize) -> usize {
    match b.get(i) {
        Some(b'"') => skip_string(b, i),
        Some(b'{' | b'[') => {
            let mut depth = 0usize;
            let mut k = i;
            while let Some(&c) = b.get(k) {
                match c {
                    b'"' => {
                        k = skip_string(b, k);
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            return k + 1;
                        }
                    }
                    _ => {}
                }
                k += 1;
            }
            b.len()
        }
        _ => {
            let mut k = i;
            while b
                .get(k)
                .is_some_and(|c| !matches!(c, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n'))
            {
                k += 1;
            }
            k
        }
    }
}

/// Decode the JSON string `raw` (quotes included) at byte `start` of the line, anchoring the
/// text after every escape.
fn decode(raw: &str, start: usize, loc: &mut Locator) -> UnitText {
    let mut b = TextBuilder::new(start + 1, loc);
    let body = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let base = start + 1;
    let mut run = 0;
    let mut i = 0;
    let bytes = body.as_bytes();
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        b.verbatim(&body[run..i], base + run, loc);
        let (ch, len) = escape(body, i);
        let mut buf = [0; 4];
        b.decoded(ch.encode_utf8(&mut buf), base + i, base + i + len, loc);
        i += len;
        run = i;
    }
    b.verbatim(body.get(run..).unwrap_or(""), base + run, loc);
    b.finish()
}

/// The character of the escape at byte `i` of `body`, and the escape's length in bytes.
fn escape(body: &str, i: usize) -> (char, usize) {
    let hex = |k: usize| {
        body.get(k..k + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    match body.as_bytes().get(i + 1) {
        Some(b'n') => ('\n', 2),
        Some(b't') => ('\t', 2),
        Some(b'r') => ('\r', 2),
        Some(b'b') => ('\u{8}', 2),
        Some(b'f') => ('\u{c}', 2),
        Some(b'u') => {
            let Some(u) = hex(i + 2) else {
                return (char::REPLACEMENT_CHARACTER, 2);
            };
            if (0xD800..0xDC00).contains(&u)
                && body.get(i + 6..i + 8) == Some("\\u")
                && let Some(low) = hex(i + 8).filter(|l| (0xDC00..0xE000).contains(l))
            {
                let c = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                return (char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER), 12);
            }
            (char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER), 6)
        }
        Some(&c) if c.is_ascii() => (c as char, 2),
        _ => (char::REPLACEMENT_CHARACTER, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;

    fn read_jsonl(text: &str) -> Result<Vec<Unit>, Error> {
        read(&Source::new("t.jsonl", text), &ReadOptions::default()).map(|mut d| d.remove(0).units)
    }

    #[test]
    fn records_and_positions_through_escapes() {
        let text = "{\"id\": 7, \"src\": \"a\\tb\", \"tgt\": \"ক\\u09be \\\"x\\\" \\ud83d\\ude00 খ\", \"sys\": \"m1\"}\n\n{\"tgt\": \"\"}\n";
        let units = read_jsonl(text).unwrap();
        assert_eq!(units.len(), 2);
        assert_eq!(units[0].id, "7");
        assert_eq!(units[0].source.as_ref().unwrap().text, "a\tb");
        let t = units[0].target.as_ref().unwrap();
        assert_eq!(t.text, "কা \"x\" 😀 খ");
        assert_eq!(units[0].extra["sys"], "m1");
        for (needle, raw, len) in [("া", "\\u09be", 6), ("😀", "\\ud83d", 12), ("খ", "খ", 3)]
        {
            let i = t.text.find(needle).unwrap();
            let want = raw_position(text, nth(text, raw, 0));
            assert_eq!(t.position(i, Charset::Utf8), want, "{needle}");
            let after = t.position(i + needle.len(), Charset::Utf8);
            assert_eq!(after.offset, want.offset + len, "{needle}");
        }
        assert_monotonic(t, text);
        assert_eq!(units[1].id, "3");
        assert_eq!(units[1].skip, Some(Skip::NoTarget));
    }

    #[test]
    fn spelled_out_source_and_target_with_the_default_names() {
        let units = read_jsonl(
            "{\"id\": \"a\", \"source\": \"Hello\", \"target\": \"নমস্কার\"}\n\
             {\"id\": \"b\", \"tgt\": \"ধন্যবাদ\", \"target\": \"other\"}\n",
        )
        .unwrap();
        assert_eq!(units[0].source.as_ref().unwrap().text, "Hello");
        assert_eq!(units[0].target.as_ref().unwrap().text, "নমস্কার");
        assert_eq!(units[0].skip, None);
        assert_eq!(
            units[1].target.as_ref().unwrap().text,
            "ধন্যবাদ",
            "`tgt` first"
        );
        assert_eq!(units[1].extra["target"], "other");
    }

    #[test]
    fn malformed_lines_are_errors() {
        let e = read_jsonl("{\"tgt\": \"a\"}\n{\"tgt\": \"ক\",}\n").unwrap_err();
        assert!(e.message.starts_with("t.jsonl:2:13: invalid JSON: "), "{e}");
        let e = read_jsonl("[1, 2]\n").unwrap_err();
        assert_eq!(
            e.message,
            "t.jsonl:1:1: a JSON Lines record must be an object"
        );
        let e = read_jsonl("{\"tgt\": 5}\n").unwrap_err();
        assert_eq!(e.message, "t.jsonl:1:9: field `tgt` must be a string");
        let e = read_jsonl("{\"id\": [], \"tgt\": \"x\"}\n").unwrap_err();
        assert!(e.message.contains("must be a string or a number"), "{e}");
        let e = read_jsonl("{\"tgt\": \"x\"").unwrap_err();
        assert!(e.message.starts_with("t.jsonl:1:"), "{e}");
    }
}
