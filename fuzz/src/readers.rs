//! What the reader fuzz targets do with one input (`rdr_xliff`, `rdr_po`, `rdr_tmx`,
//! `rdr_jsonl`, `rdr_tsv`, `rdr_markdown`): the bytes, as text, read by one reader of
//! `mtqc::input::readers`. An error is fine if it names the input, a line and a column; a
//! panic is a crash, and so is a unit whose text breaks an invariant of `UnitText`: anchors in
//! order and on character boundaries, every position inside the input, positions that never go
//! backwards (Markdown aside), every code's offset on a `CODE` character.
//!
//! `fuzz/src/lib.rs` re-exports these functions for the libFuzzer targets, and
//! `tests/readers.rs` includes this file to replay the seeds and saved crash inputs of
//! `tests/fixtures/formats/` without libFuzzer.

#![allow(dead_code)]

use mtqc::input::Charset;
use mtqc::input::readers::{self, Format, ReadOptions, Source};
use mtqc::input::unit::{CODE, UnitText};

/// The name the inputs are read under; errors must start with it.
const NAME: &str = "fuzz.in";

fn options() -> ReadOptions {
    ReadOptions {
        include_skipped: true,
        ..ReadOptions::default()
    }
}

/// Read `data` in `format` and hold the result to its invariants.
pub fn read_bytes(format: Format, data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    // With a byte-order mark's offset, as a file read from disk has.
    for (bom, charset) in [
        (0, Charset::Utf8),
        (3, Charset::Utf8),
        (2, Charset::Utf16Le),
    ] {
        let src = Source::with_bom(NAME, &text, charset, bom);
        let width: usize = text.chars().map(|c| charset.width(c)).sum();
        match readers::read(format, &src, &options()) {
            Ok(docs) => {
                for doc in &docs {
                    for unit in &doc.units {
                        for t in [&unit.source, &unit.target].into_iter().flatten() {
                            check_text(t, width, format, bom, charset);
                        }
                    }
                }
            }
            Err(e) => {
                let m = &e.message;
                let mut parts = m.splitn(4, ':');
                assert_eq!(parts.next(), Some(NAME), "{m}");
                let line = parts.next().and_then(|n| n.parse::<usize>().ok());
                let column = parts.next().and_then(|n| n.parse::<usize>().ok());
                assert!(
                    line.is_some_and(|l| l >= 1) && column.is_some_and(|c| c >= 1),
                    "an error without a line and column: {m}"
                );
                assert!(parts.next().is_some_and(|w| !w.trim().is_empty()), "{m}");
            }
        }
    }
}

/// `width`: the input's length in bytes of `charset`, after a byte-order mark of `bom` bytes.
fn check_text(t: &UnitText, width: usize, format: Format, bom: usize, charset: Charset) {
    let mut last = 0;
    for &(o, _) in &t.map {
        assert!(o >= last, "anchors out of order");
        assert!(t.text.is_char_boundary(o), "an anchor inside a character");
        last = o;
    }
    // Positions of a sample of bytes (each anchor and the characters on either side of it,
    // the ends, and evenly spaced characters), in order: a position costs a walk from its
    // anchor, so all of them would cost the square of the text's length.
    let chars: Vec<usize> = t.text.char_indices().map(|(i, _)| i).collect();
    let step = (chars.len() / 64).max(1);
    let mut sample: Vec<usize> = chars.iter().copied().step_by(step).collect();
    for &(o, _) in &t.map {
        let k = chars.partition_point(|&c| c < o);
        sample.extend(
            chars
                .get(k.saturating_sub(1)..(k + 1).min(chars.len()))
                .unwrap_or(&[]),
        );
        sample.push(o);
    }
    sample.push(t.text.len());
    sample.sort_unstable();
    sample.dedup();
    let mut previous = 0;
    for i in sample {
        let p = t.position(i, charset);
        assert!(
            p.offset >= bom && p.offset <= bom + width,
            "position {} of byte {i} is outside the input",
            p.offset
        );
        assert!(p.line >= 1 && p.column >= 1);
        if format != Format::Markdown {
            assert!(p.offset >= previous, "positions go backwards at byte {i}");
        }
        previous = p.offset;
    }
    for c in &t.codes {
        assert!(
            t.text.get(c.offset..).is_some_and(|s| s.starts_with(CODE)),
            "a code's offset is not on its CODE character"
        );
    }
}

/// `fuzz_targets/rdr_xliff.rs`.
pub fn rdr_xliff(data: &[u8]) {
    read_bytes(Format::Xliff, data);
}

/// `fuzz_targets/rdr_po.rs`.
pub fn rdr_po(data: &[u8]) {
    read_bytes(Format::Po, data);
}

/// `fuzz_targets/rdr_tmx.rs`.
pub fn rdr_tmx(data: &[u8]) {
    read_bytes(Format::Tmx, data);
}

/// `fuzz_targets/rdr_jsonl.rs`.
pub fn rdr_jsonl(data: &[u8]) {
    read_bytes(Format::Jsonl, data);
}

/// `fuzz_targets/rdr_tsv.rs`.
pub fn rdr_tsv(data: &[u8]) {
    read_bytes(Format::Tsv, data);
}

/// `fuzz_targets/rdr_markdown.rs`.
pub fn rdr_markdown(data: &[u8]) {
    read_bytes(Format::Markdown, data);
}
