//! A document too large to hold is checked in bounded memory (`src/large.rs`) with the JSON
//! and JSONL reports, and its report is the one a document held in memory gets, byte for byte.
//! `MTQC_HOLD_BYTES=0` makes every document "too large", so small documents exercise the
//! bounded path: its batches, the document rules' two passes and a spilled report.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Run `mtqc check` in `dir` with `hold` bytes of hold size (`None`: the default), the
/// document on stdin when `stdin` is given.
fn check(dir: &Path, hold: Option<&str>, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mtqc"));
    cmd.arg("check")
        .arg("--no-config")
        .args(args)
        .current_dir(dir);
    match hold {
        Some(h) => cmd.env("MTQC_HOLD_BYTES", h),
        None => cmd.env_remove("MTQC_HOLD_BYTES"),
    };
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    // Written on a thread of its own: a stream writes records while it still reads.
    let writer = stdin.map(|bytes| {
        let mut pipe = child.stdin.take().unwrap();
        let bytes = bytes.to_vec();
        std::thread::spawn(move || pipe.write_all(&bytes))
    });
    let out = child.wait_with_output().unwrap();
    // A run that stops early (an error) may leave the rest unread.
    if let Some(Err(e)) = writer.map(|w| w.join().unwrap()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    out
}

/// A Bengali news story of 3,000 paragraphs (three batches of the bounded path) with what the
/// document rules judge across it: a name spelled once another way just past a batch's end
/// (its majority within ten paragraphs, on both sides of the boundary), numbers in Bengali
/// digits but two, the danda attached but in two places; and paragraph-level slips.
fn story() -> String {
    let digits = ['০', '১', '২', '৩', '৪', '৫', '৬', '৭', '৮', '৯'];
    let bengali = |n: usize| -> String {
        n.to_string()
            .chars()
            .map(|c| digits[c.to_digit(10).unwrap() as usize])
            .collect()
    };
    let mut lines = Vec::new();
    for i in 0..3000 {
        let line = match i {
            1020..=1023 | 1025..=1027 => "কেসিএনএ জানিয়েছে যে আলোচনা চলছে।".to_string(),
            1024 => "কেসিএএনএ জানিয়েছে যে আলোচনা চলছে।".to_string(),
            1500 => "আজ 250 জন মানুষ হাসপাতালে ভর্তি হয়েছেন।".to_string(),
            2047 => "আজ 75 জন চিকিৎসক কাজে যোগ দিয়েছেন।".to_string(),
            1700 | 2900 => "বাজারে চালের দাম বেড়েছে ।".to_string(),
            2048 => "তিনি বলেন বলেন যে পরিস্থিতি নিয়ন্ত্রণে আছে।".to_string(),
            _ => format!(
                "জেলায় {} জন মানুষ আজ ত্রাণ পেয়েছেন এবং {} টি পরিবার ঘরে ফিরেছে।",
                bengali(100 + i),
                bengali(i % 97 + 3)
            ),
        };
        lines.push(line);
    }
    lines.join("\n") + "\n"
}

#[test]
fn a_large_document_gets_the_report_a_held_one_gets() {
    let dir = tempfile::tempdir().unwrap();
    let text = story();
    std::fs::write(dir.path().join("story.txt"), &text).unwrap();
    std::fs::write(dir.path().join("short.txt"), "আজ বৃষ্টি হবে হবে।\n").unwrap();
    for format in ["json", "jsonl"] {
        let args = ["--format", format, "story.txt", "short.txt"];
        let bounded = check(dir.path(), Some("0"), &args, None);
        // With two threads, a held file's first batches are analysed while the rest is read.
        for threads in ["1", "2"] {
            let args = [&["-j", threads][..], &args].concat();
            let held = check(dir.path(), None, &args, None);
            assert_eq!(held.status.code(), Some(1), "the story has major findings");
            assert_eq!(bounded.status.code(), held.status.code());
            assert!(
                held.stdout == bounded.stdout,
                "{format}, -j {threads}: the bounded report differs from the held one"
            );
        }
        let stdin = ["--format", format, "-"];
        let held = check(dir.path(), None, &stdin, Some(text.as_bytes()));
        let bounded = check(dir.path(), Some("0"), &stdin, Some(text.as_bytes()));
        assert!(
            held.stdout == bounded.stdout,
            "{format}: standard input read again gives another report"
        );
    }
    // The document rules did find what the story plants, on both sides of a batch's end.
    let out = check(
        dir.path(),
        Some("0"),
        &["--format", "json", "story.txt"],
        None,
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let flagged = |rule: &str| -> Vec<u64> {
        let mut lines: Vec<u64> = report["files"][0]["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| p["findings"].as_array().unwrap())
            .filter(|f| f["rule"] == rule)
            .map(|f| f["line"].as_u64().unwrap())
            .collect();
        lines.dedup();
        lines
    };
    assert_eq!(flagged("bn.spelling-variant"), [1025]);
    assert_eq!(flagged("common.mixed-numbering-systems"), [1501, 2048]);
    assert_eq!(flagged("bn.space-before-danda"), [1701, 2901]);
    assert_eq!(flagged("common.repeated-word"), [2049]);
    assert_eq!(report["summary"]["paragraphs"], 3000);
}

#[test]
fn a_document_held_in_memory_and_one_read_again_agree_with_a_baseline() {
    // Findings a baseline accepts are counted, not listed, either way.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("story.txt"), story()).unwrap();
    let recorded = check(
        dir.path(),
        None,
        &[
            "--format",
            "json",
            "--write-baseline",
            "base.json",
            "story.txt",
        ],
        None,
    );
    assert_eq!(recorded.status.code(), Some(1));
    let args = ["--format", "json", "--baseline", "base.json", "story.txt"];
    let held = check(dir.path(), None, &args, None);
    let bounded = check(dir.path(), Some("0"), &args, None);
    assert_eq!(
        held.status.code(),
        Some(0),
        "every finding is in the baseline"
    );
    assert!(held.stdout == bounded.stdout);
    let report: serde_json::Value = serde_json::from_slice(&bounded.stdout).unwrap();
    assert_eq!(report["summary"]["baselined"], 6);
}

#[test]
fn an_input_that_cannot_be_opened_again_is_copied_as_it_is_read() {
    // A FIFO (as `<(cmd)` and `/dev/stdin` are pipes): the later passes read the copy, never
    // an empty pipe, and nothing waits for a writer that has gone.
    let dir = tempfile::tempdir().unwrap();
    let text = story();
    std::fs::write(dir.path().join("story.txt"), &text).unwrap();
    let fifo = dir.path().join("fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let writer = {
        let (fifo, text) = (fifo.clone(), text.clone());
        std::thread::spawn(move || std::fs::write(fifo, text).unwrap())
    };
    let piped = check(dir.path(), Some("0"), &["--format", "json", "fifo"], None);
    writer.join().unwrap();
    let held = check(dir.path(), None, &["--format", "json", "story.txt"], None);
    assert_eq!(
        piped.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    let words = |o: &Output| {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        (
            v["summary"]["words"].clone(),
            v["summary"]["findings"].clone(),
        )
    };
    assert_eq!(words(&piped), words(&held));
}

#[test]
fn the_language_is_named_from_the_dominant_script_whatever_comes_first() {
    // More than the language sample of English first, then a Bengali document: Bengali, held
    // or read again, and its Bengali rules run.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for _ in 0..50 {
        text.push_str(
            "The health ministry said on Tuesday that the number of new infections had fallen.\n",
        );
    }
    for _ in 0..10 {
        for _ in 0..20 {
            text.push_str("জেলায় আজ অনেক মানুষ ত্রাণ পেয়েছেন এবং পরিবারগুলো ঘরে ফিরেছে।\n");
        }
        text.push_str("বাজারে চালের দাম বেড়েছে ।\n");
    }
    std::fs::write(dir.path().join("mixed.txt"), &text).unwrap();
    let args = ["--format", "json", "mixed.txt"];
    let held = check(dir.path(), None, &args, None);
    let bounded = check(dir.path(), Some("0"), &args, None);
    assert!(held.stdout == bounded.stdout);
    let report: serde_json::Value = serde_json::from_slice(&held.stdout).unwrap();
    assert_eq!(report["files"][0]["language"], "bn");
    let dandas = report["files"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap())
        .filter(|f| f["rule"] == "bn.space-before-danda")
        .count();
    assert_eq!(dandas, 10);
}

/// A bilingual MT run of 3,000 units (three batches of the bounded path), English sources and
/// Bengali targets, with what the source-aware rules judge: a number changed, a URL dropped,
/// a target left in English, one source translated two ways (far apart), two sources given
/// one translation (a unit on each side of a batch's end), and the document rules' targets (a
/// name spelled another way just past a batch's end, ASCII digits among Bengali ones, a danda
/// detached); the last unit is blank. `(id, source, target)`.
fn mt_run() -> Vec<(String, String, String)> {
    let digits = ['০', '১', '২', '৩', '৪', '৫', '৬', '৭', '৮', '৯'];
    let bengali = |n: usize| -> String {
        n.to_string()
            .chars()
            .map(|c| digits[c.to_digit(10).unwrap() as usize])
            .collect()
    };
    let unit = |s: &str, t: &str| (s.to_string(), t.to_string());
    (0..3000)
        .map(|i| {
            let (source, target) = match i {
                1020..=1027 => {
                    let (place, bn_place) = PLACES[i - 1020];
                    let name = if i == 1024 { "কেসিএএনএ" } else { "কেসিএনএ" };
                    (
                        format!("KCNA said that talks are going on in {place}."),
                        format!("{name} জানিয়েছে যে {bn_place} আলোচনা চলছে।"),
                    )
                }
                1300 => unit("Stay at home.", "বাড়িতে থাকুন।"),
                1500 => unit(
                    "250 people were admitted to hospital today.",
                    "আজ ২০০ জন মানুষ হাসপাতালে ভর্তি হয়েছেন।",
                ),
                1600 => unit(
                    "Read more at https://www.who.int/covid.",
                    "আরও পড়ুন বিশ্ব স্বাস্থ্য সংস্থার ওয়েবসাইটে।",
                ),
                1700 | 2900 => unit(
                    "Rice prices have risen in the market.",
                    "বাজারে চালের দাম বেড়েছে ।",
                ),
                1800 => unit("Wash your hands often.", "Wash your hands often."),
                100 | 2046 | 2047 => unit("Stay at home.", "ঘরে থাকুন।"),
                2048 => unit("Stay in your house.", "ঘরে থাকুন।"),
                2049 => unit(
                    "75 doctors joined work today.",
                    "আজ 75 জন চিকিৎসক কাজে যোগ দিয়েছেন।",
                ),
                2999 => unit("The meeting ended.", ""),
                _ => (
                    format!(
                        "{} people in the district received relief today and {} families went home.",
                        100 + i,
                        i % 97 + 3
                    ),
                    format!(
                        "জেলায় {} জন মানুষ আজ ত্রাণ পেয়েছেন এবং {} টি পরিবার ঘরে ফিরেছে।",
                        bengali(100 + i),
                        bengali(i % 97 + 3)
                    ),
                ),
            };
            (format!("u{i}"), source, target)
        })
        .collect()
}

/// What `mt_run` plants: each rule and the units it must flag, and none other.
const PLANTED: [(&str, &[u64]); 8] = [
    ("common.number-mismatch", &[1500]),
    ("common.placeholder-mismatch", &[1600]),
    ("common.untranslated-unit", &[1800]),
    ("common.inconsistent-translation", &[1300]),
    ("common.inconsistent-source", &[2048]),
    ("bn.spelling-variant", &[1024]),
    ("common.mixed-numbering-systems", &[2049]),
    ("bn.space-before-danda", &[1700, 2900]),
];

const PLACES: [(&str, &str); 8] = [
    ("Pyongyang", "পিয়ংইয়াংয়ে"),
    ("Seoul", "সিউলে"),
    ("Beijing", "বেইজিংয়ে"),
    ("Moscow", "মস্কোতে"),
    ("Tokyo", "টোকিওতে"),
    ("Hanoi", "হ্যানয়ে"),
    ("Delhi", "দিল্লিতে"),
    ("Dhaka", "ঢাকায়"),
];

/// The run as TSV, with a header row and a note column.
fn mt_tsv() -> String {
    let mut out = String::from("id\tsrc\ttgt\tnote\n");
    for (k, (id, s, t)) in mt_run().iter().enumerate() {
        out.push_str(&format!(
            "{id}\t{s}\t{t}\t{}\n",
            if k % 7 == 0 { "r" } else { "" }
        ));
    }
    out
}

/// The run as JSONL: `id`, `src`, `tgt` and a field passed through; some records spelled out
/// (`source`, `target`), one record without a target (skipped, counted), the blank target
/// `null`.
fn mt_jsonl() -> String {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let mut out = String::new();
    for (k, (id, s, t)) in mt_run().iter().enumerate() {
        let line = if t.is_empty() {
            format!("{{\"id\": {}, \"src\": {}, \"tgt\": null}}", q(id), q(s))
        } else if k % 11 == 5 {
            format!(
                "{{\"id\": {}, \"source\": {}, \"target\": {}}}",
                q(id),
                q(s),
                q(t)
            )
        } else {
            format!(
                "{{\"id\": {}, \"src\": {}, \"tgt\": {}, \"system\": \"m1\"}}",
                q(id),
                q(s),
                q(t)
            )
        };
        out.push_str(&line);
        out.push('\n');
        if k == 1200 {
            out.push('\n');
        }
    }
    out
}

/// The run as a PO file: a header naming Bengali, each unit an entry whose extracted comment
/// is its id; every fifth target continued on a line of its own, a few entries fuzzy (skipped,
/// counted), the blank target untranslated (skipped, counted). With the line of each unit's
/// target text.
fn mt_po() -> (String, Vec<u64>) {
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let mut out = String::from("msgid \"\"\nmsgstr \"\"\n\"Language: bn\\n\"\n\n");
    let mut line = 5u64;
    let mut lines = Vec::new();
    for (k, (id, s, t)) in mt_run().iter().enumerate() {
        out.push_str(&format!("#. {id}\n"));
        if k < 50 && k % 7 == 3 {
            out.push_str("#, fuzzy\n");
            line += 1;
        }
        out.push_str(&format!("msgid {}\n", q(s)));
        if k % 5 == 0 {
            out.push_str(&format!("msgstr \"\"\n{}\n\n", q(t)));
            lines.push(line + 3);
            line += 5;
        } else {
            out.push_str(&format!("msgstr {}\n\n", q(t)));
            lines.push(line + 2);
            line += 4;
        }
    }
    (out, lines)
}

#[test]
fn a_large_po_file_gets_the_report_a_held_one_gets() {
    let dir = tempfile::tempdir().unwrap();
    let (po, lines) = mt_po();
    std::fs::write(dir.path().join("run.po"), &po).unwrap();
    for format in ["json", "jsonl"] {
        let out = same_both_ways(dir.path(), &["--format", format, "run.po"], None);
        assert_eq!(out.status.code(), Some(1), "major findings");
        let args = ["--format", format, "--input-format", "po", "-"];
        same_both_ways(dir.path(), &args, Some(po.as_bytes()));
        let args = ["--format", format, "--include-skipped", "run.po"];
        same_both_ways(dir.path(), &args, None);
    }
    let out = check(dir.path(), Some("0"), &["--format", "json", "run.po"], None);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file0 = &report["files"][0];
    assert_eq!(file0["language"], "bn");
    assert_eq!(file0["skipped"]["fuzzy"], 7);
    assert_eq!(file0["skipped"]["no-target"], 1);
    for (rule, units) in PLANTED {
        let want: Vec<u64> = units.iter().map(|&u| lines[u as usize]).collect();
        assert_eq!(flagged_lines(&report, rule), want, "{rule}");
    }
}

/// Text escaped for XML character data.
fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Hindi targets of the second document of `mt_tmx` and `mt_xliff`.
const HINDI: &str = "आज जिले में लोगों को राहत मिली।";

/// The run as a TMX file, English the header's source language: each unit a `<tu>` with its
/// Bengali variant and, every hundredth from the eighth, a Hindi one too (so the file holds
/// two documents, Bengali first); the blank target an empty `<seg>`. With the line of each
/// unit's Bengali text.
fn mt_tmx() -> (String, Vec<u64>) {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n\
         <header srclang=\"en\" datatype=\"plaintext\" segtype=\"sentence\"/>\n<body>\n",
    );
    let mut line = 5u64;
    let mut lines = Vec::new();
    for (k, (id, s, t)) in mt_run().iter().enumerate() {
        out.push_str(&format!(
            "<tu tuid=\"{id}\">\n<tuv xml:lang=\"en\"><seg>{}</seg></tuv>\n\
             <tuv xml:lang=\"bn\"><seg>{}</seg></tuv>\n",
            xml_escape(s),
            xml_escape(t)
        ));
        lines.push(line + 2);
        line += 4;
        if k % 100 == 7 {
            out.push_str(&format!("<tuv xml:lang=\"hi\"><seg>{HINDI}</seg></tuv>\n"));
            line += 1;
        }
        out.push_str("</tu>\n");
    }
    out.push_str("</body>\n</tmx>\n");
    (out, lines)
}

/// The run as an XLIFF 1.2 file: a `<file>` of Bengali targets (a few units
/// `needs-review-translation`, skipped and counted; the blank target untranslated), then a
/// `<file>` of ten Hindi ones: two documents. With the line of each Bengali target.
fn mt_xliff() -> (String, Vec<u64>) {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n\
         <file source-language=\"en\" target-language=\"bn\" datatype=\"plaintext\" original=\"run\"><body>\n",
    );
    let mut line = 4u64;
    let mut lines = Vec::new();
    for (k, (id, s, t)) in mt_run().iter().enumerate() {
        let state = if k < 50 && k % 7 == 3 {
            "needs-review-translation"
        } else {
            "translated"
        };
        out.push_str(&format!(
            "<trans-unit id=\"{id}\">\n<source>{}</source>\n<target state=\"{state}\">{}</target>\n</trans-unit>\n",
            xml_escape(s),
            xml_escape(t)
        ));
        lines.push(line + 2);
        line += 4;
    }
    out.push_str(
        "</body></file>\n<file source-language=\"en\" target-language=\"hi\" datatype=\"plaintext\" original=\"run-hi\"><body>\n",
    );
    for k in 0..10 {
        out.push_str(&format!(
            "<trans-unit id=\"h{k}\"><source>People in the district got relief today.</source><target>{HINDI}</target></trans-unit>\n"
        ));
    }
    out.push_str("</body></file>\n</xliff>\n");
    (out, lines)
}

#[test]
fn a_large_tmx_or_xliff_file_gets_the_report_a_held_one_gets() {
    // Read a unit at a time, a document (a target language) at a time, the other documents
    // read again: the report of the file read whole, for a file and for standard input.
    let dir = tempfile::tempdir().unwrap();
    let (tmx, tmx_lines) = mt_tmx();
    let (xliff, xliff_lines) = mt_xliff();
    std::fs::write(dir.path().join("run.tmx"), &tmx).unwrap();
    std::fs::write(dir.path().join("run.xlf"), &xliff).unwrap();
    for (file, kind, text, lines) in [
        ("run.tmx", "tmx", &tmx, &tmx_lines),
        ("run.xlf", "xliff", &xliff, &xliff_lines),
    ] {
        for format in ["json", "jsonl"] {
            let out = same_both_ways(dir.path(), &["--format", format, file], None);
            assert_eq!(out.status.code(), Some(1), "{file}: major findings");
            let args = ["--format", format, "--input-format", kind, "-"];
            same_both_ways(dir.path(), &args, Some(text.as_bytes()));
            let args = ["--format", format, "--include-skipped", file];
            same_both_ways(dir.path(), &args, None);
        }
        let out = check(dir.path(), Some("0"), &["--format", "json", file], None);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let files = report["files"].as_array().unwrap();
        assert_eq!(files.len(), 2, "{file}: a document per target language");
        assert_eq!(files[0]["language"], "bn", "{file}");
        assert_eq!(files[0]["source_language"], "en", "{file}");
        assert_eq!(files[1]["language"], "hi", "{file}");
        for (rule, units) in PLANTED {
            let want: Vec<u64> = units.iter().map(|&u| lines[u as usize]).collect();
            assert_eq!(flagged_lines(&report, rule), want, "{file}: {rule}");
        }
        let hindi = files[1]["paragraphs"].as_array().unwrap();
        match kind {
            // Every <tu> is a unit of every target language: those without Hindi are skipped.
            "tmx" => {
                assert_eq!(hindi.len(), 30);
                assert_eq!(files[1]["skipped"]["no-target"], 2970);
                assert_eq!(files[0]["skipped"]["no-target"], 1);
            }
            _ => {
                assert_eq!(hindi.len(), 10);
                assert_eq!(files[0]["skipped"]["fuzzy"], 7);
                assert_eq!(files[0]["skipped"]["no-target"], 1);
            }
        }
    }
    // One target language asked for: one document.
    let args = ["--format", "json", "--target-lang", "hi", "run.tmx"];
    let out = same_both_ways(dir.path(), &args, None);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(report["files"][0]["language"], "hi");
}

#[test]
fn a_tmx_or_xliff_streamed_with_segments_gets_the_records_of_one_read_whole() {
    // `--segments --format jsonl` reads an XLIFF or TMX file a unit at a time, a document at a
    // time; recording a baseline reads it whole. The rules that compare the units of a file
    // are left out, as for TSV and JSONL above (the stream compares a batch at a time).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("run.tmx"), mt_tmx().0).unwrap();
    std::fs::write(dir.path().join("run.xlf"), mt_xliff().0).unwrap();
    for (file, records) in [("run.tmx", 2999 + 30), ("run.xlf", 2999 - 7 + 10)] {
        assert_eq!(
            streamed_as_whole(dir.path(), &[file], None),
            records,
            "{file}"
        );
    }
}

/// The records of `args` streamed with `--segments --format jsonl`, the same bytes and exit
/// code (1: the runs plant major findings) as when recording a baseline reads the input whole,
/// the rules that compare a file's units left out (the stream compares a batch at a time);
/// how many.
fn streamed_as_whole(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> usize {
    let mut streamed = vec![
        "--segments",
        "--format",
        "jsonl",
        "--disable",
        "common.inconsistent-translation",
        "--disable",
        "common.inconsistent-source",
    ];
    streamed.extend_from_slice(args);
    let mut whole = vec!["--write-baseline", "seg-baseline.json"];
    whole.extend_from_slice(&streamed);
    let a = check(dir, None, &streamed, stdin);
    let b = check(dir, None, &whole, stdin);
    assert_eq!(a.status.code(), Some(1), "{args:?}");
    assert_eq!(b.status.code(), a.status.code(), "{args:?}");
    assert!(a.stdout == b.stdout, "{args:?}: streamed records differ");
    a.stdout.iter().filter(|&&c| c == b'\n').count()
}

/// Lines (1-based, of the file) each rule flagged, in order, of a JSON report's first file.
fn flagged_lines(report: &serde_json::Value, rule: &str) -> Vec<u64> {
    let mut lines: Vec<u64> = report["files"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["findings"].as_array().unwrap())
        .filter(|f| f["rule"] == rule)
        .map(|f| f["line"].as_u64().unwrap())
        .collect();
    lines.dedup();
    lines
}

/// The held and the bounded report of one run, the same bytes, messages and exit code; the
/// bounded one. Held twice: by `large` below its hold size, and by the path that reads a whole
/// document (`Document::read`), which recording a baseline takes.
fn same_both_ways(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut whole_args = vec!["--write-baseline", "held-baseline.json"];
    whole_args.extend_from_slice(args);
    let whole = check(dir, Some("1000000000"), &whole_args, stdin);
    let held = check(dir, Some("1000000000"), args, stdin);
    let bounded = check(dir, Some("0"), args, stdin);
    let messages = |o: &Output| -> String {
        String::from_utf8_lossy(&o.stderr)
            .lines()
            // The baseline that reads the file whole: recorded, or (an input unread) not.
            .filter(|l| {
                !l.starts_with("mtqc: recorded ")
                    && !l.starts_with(
                        "mtqc: error: --write-baseline held-baseline.json: not written",
                    )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (what, other) in [("held", &held), ("read whole", &whole)] {
        assert_eq!(
            other.status.code(),
            bounded.status.code(),
            "{args:?}, {what}: {}",
            messages(&bounded)
        );
        assert!(
            other.stdout == bounded.stdout,
            "{args:?}: the bounded report differs from the {what} one"
        );
        assert_eq!(messages(other), messages(&bounded), "{args:?}, {what}");
    }
    bounded
}

#[test]
fn a_large_tsv_or_jsonl_with_sources_gets_the_report_a_held_one_gets() {
    let dir = tempfile::tempdir().unwrap();
    let (tsv, jsonl) = (mt_tsv(), mt_jsonl());
    std::fs::write(dir.path().join("run.tsv"), &tsv).unwrap();
    std::fs::write(dir.path().join("run.jsonl"), &jsonl).unwrap();
    for (file, kind, text) in [("run.tsv", "tsv", &tsv), ("run.jsonl", "jsonl", &jsonl)] {
        for format in ["json", "jsonl"] {
            let out = same_both_ways(dir.path(), &["--format", format, file], None);
            assert_eq!(out.status.code(), Some(1), "{file}: major findings");
            // Standard input, its format named, copied as it is read.
            let args = ["--format", format, "--input-format", kind, "-"];
            same_both_ways(dir.path(), &args, Some(text.as_bytes()));
            // A language given, and the untranslated units' gate.
            let args = [
                "--format",
                format,
                "--lang",
                "bn",
                "--source-lang",
                "en",
                "--fail-on-untranslated",
                file,
            ];
            let out = same_both_ways(dir.path(), &args, None);
            if format == "json" {
                let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                assert_eq!(report["files"][0]["source_language"], "en", "{file}");
            }
        }
        // What the bounded path found is what the rules plant, a unit's line its file line.
        let out = check(dir.path(), Some("0"), &["--format", "json", file], None);
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let file0 = &report["files"][0];
        assert_eq!(file0["language"], "bn", "{file}");
        let line = |unit: u64| -> u64 {
            match kind {
                "tsv" => unit + 2,
                _ if unit > 1200 => unit + 2,
                _ => unit + 1,
            }
        };
        let lines = |units: &[u64]| units.iter().map(|&u| line(u)).collect::<Vec<u64>>();
        // Each planted problem is found on its line, and nowhere else.
        for (rule, units) in PLANTED {
            assert_eq!(flagged_lines(&report, rule), lines(units), "{file}: {rule}");
        }
        let units = file0["paragraphs"].as_array().unwrap();
        assert_eq!(units[1500]["id"], "u1500");
        assert_eq!(
            units[1500]["source"],
            "250 people were admitted to hospital today."
        );
        match kind {
            // A blank cell is the engine's output, an omission to judge.
            "tsv" => {
                assert_eq!(units.len(), 3000);
                assert_eq!(units[2999]["target"], "");
            }
            // A null target is no target: skipped and counted.
            _ => {
                assert_eq!(units.len(), 2999);
                assert_eq!(file0["skipped"]["no-target"], 1);
                assert_eq!(report["summary"]["skipped"], 1);
            }
        }
    }
}

#[test]
fn a_bad_line_far_into_a_large_tsv_is_the_same_error_either_way() {
    let dir = tempfile::tempdir().unwrap();
    let mut tsv = mt_tsv();
    tsv.push_str("u3000 has no tab\n");
    tsv.push_str("u3001\tStay at home.\tঘরে থাকুন।\n");
    std::fs::write(dir.path().join("bad.tsv"), &tsv).unwrap();
    // With two threads, the batches before the bad line are analysed as it is read.
    for threads in ["1", "2"] {
        let args = ["-j", threads, "--format", "json", "bad.tsv"];
        let out = same_both_ways(dir.path(), &args, None);
        assert_eq!(out.status.code(), Some(2));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("bad.tsv:3002:17: 1 cell on this line, but the target is column 3"),
            "{stderr}"
        );
    }
    let mut jsonl = mt_jsonl();
    jsonl.push_str("{\"tgt\": 5}\n");
    let args = ["--format", "jsonl", "--input-format", "jsonl", "-"];
    let out = same_both_ways(dir.path(), &args, Some(jsonl.as_bytes()));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("<stdin>:3002:9: field `tgt` must be a string"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_tsv_or_jsonl_streamed_with_segments_gets_the_records_of_one_read_whole() {
    // `--segments --format jsonl` reads a TSV or JSONL a line at a time too; recording a
    // baseline reads it whole. The same records either way, but for the rules that compare
    // the units of a file: the stream compares them a batch (512 units) at a time, as it did
    // when it read the file whole (README, "Speed and streaming"), so they are left out.
    let dir = tempfile::tempdir().unwrap();
    let (tsv, jsonl) = (mt_tsv(), mt_jsonl());
    std::fs::write(dir.path().join("run.tsv"), &tsv).unwrap();
    std::fs::write(dir.path().join("run.jsonl"), &jsonl).unwrap();
    for (file, kind, text) in [("run.tsv", "tsv", &tsv), ("run.jsonl", "jsonl", &jsonl)] {
        for (args, stdin) in [
            (vec![file], None),
            (vec!["--input-format", kind, "-"], Some(text.as_bytes())),
        ] {
            let records = streamed_as_whole(dir.path(), &args, stdin);
            assert_eq!(records, if kind == "tsv" { 3000 } else { 2999 });
        }
    }
}

#[test]
fn a_utf16_tsv_with_crlf_gets_the_same_report_either_way() {
    // Positions counted in UTF-16 bytes after a byte-order mark, CRs included, line by line as
    // the whole text counts them.
    let dir = tempfile::tempdir().unwrap();
    let text = mt_tsv().replace('\n', "\r\n");
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    std::fs::write(dir.path().join("run16.tsv"), &bytes).unwrap();
    let out = same_both_ways(dir.path(), &["--format", "json", "run16.tsv"], None);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let danda = report["files"][0]["paragraphs"][1700]["findings"][0].clone();
    assert_eq!(danda["rule"], "bn.space-before-danda");
    assert_eq!(danda["line"], 1702);
    let lines: Vec<&str> = text.split_inclusive("\r\n").collect();
    let before = lines[..1701].concat() + &lines[1701][..lines[1701].find(" ।").unwrap()];
    assert_eq!(
        danda["start"],
        2 + 2 * before.encode_utf16().count(),
        "{danda}"
    );
}

#[test]
fn a_file_checked_by_segments_gets_the_findings_stdin_gets() {
    // With `--segments` a file is held whatever its size, its first batches analysed while the
    // rest is read (two threads), and the hold size is no limit; standard input is read whole
    // first. The same findings.
    let dir = tempfile::tempdir().unwrap();
    let text = story();
    std::fs::write(dir.path().join("story.txt"), &text).unwrap();
    let paragraphs = |out: &Output| -> serde_json::Value {
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        report["files"][0]["paragraphs"].clone()
    };
    let args = ["-j", "2", "--segments", "--format", "json"];
    let file = check(
        dir.path(),
        Some("0"),
        &[&args[..], &["story.txt"]].concat(),
        None,
    );
    let stdin = check(
        dir.path(),
        None,
        &[&args[..], &["-"]].concat(),
        Some(text.as_bytes()),
    );
    assert_eq!(file.status.code(), Some(1));
    assert_eq!(paragraphs(&file).as_array().map(Vec::len), Some(3000));
    assert!(
        paragraphs(&file) == paragraphs(&stdin),
        "the file's findings differ from stdin's"
    );
}

#[test]
fn a_file_found_too_large_to_hold_after_its_first_batches_gets_the_same_report() {
    // In UTF-16, Bengali text takes two bytes a character where it takes three as checked: a
    // file no larger than the hold size can hold more text than that. Its first batches are
    // analysed as it is read (two threads), then it is found too large, and checked in
    // bounded memory like any other: its report is the one a held document gets.
    let dir = tempfile::tempdir().unwrap();
    // Bengali, then Hindi: a Bengali document by its paragraphs, a Hindi one if its first
    // batch went uncounted.
    let text: String = story()
        .lines()
        .enumerate()
        .map(|(i, line)| match i {
            ..1900 => format!("{line}\n"),
            _ => "आज बाज़ार में चावल की कीमत बढ़ गई है।\n".to_string(),
        })
        .collect();
    let mut bytes = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    // A batch (1,024 paragraphs) read before the text outgrows the file's size.
    let first_batch: usize = text.split_inclusive('\n').take(1024).map(str::len).sum();
    assert!(first_batch < bytes.len() && bytes.len() < text.len());
    std::fs::write(dir.path().join("story16.txt"), &bytes).unwrap();
    let args = ["-j", "2", "--format", "json", "story16.txt"];
    let held = check(dir.path(), None, &args, None);
    assert_eq!(held.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&held.stdout).unwrap();
    assert_eq!(report["files"][0]["language"], "bn");
    let hold = bytes.len().to_string();
    let found_large = check(dir.path(), Some(&hold), &args, None);
    assert!(
        held.stdout == found_large.stdout,
        "a file found too large to hold gets another report"
    );
}

/// A document that writes the danda after a space throughout has chosen it (a house style):
/// neither the held check nor the bounded one, whose first pass counts both ways, flags it;
/// where the attached danda prevails, both flag the few spaced ones. The same report either way.
#[test]
fn a_house_style_stands_or_falls_alike_held_or_streamed() {
    let dir = tempfile::tempdir().unwrap();
    let story = |spaced: fn(usize) -> bool| -> String {
        (0..1200)
            .map(|i| {
                let gap = if spaced(i) { " " } else { "" };
                format!("আজ {i} জন মানুষ ঘরে ফিরেছেন{gap}।\n")
            })
            .collect()
    };
    for (name, text, expected) in [
        ("verse.txt", story(|i| i % 200 != 7), 0),
        ("prose.txt", story(|i| i % 200 == 7), 6),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        let args = ["--format", "json", name];
        let held = check(dir.path(), None, &args, None);
        let bounded = check(dir.path(), Some("0"), &args, None);
        assert!(held.stdout == bounded.stdout, "{name}: the reports differ");
        let report: serde_json::Value = serde_json::from_slice(&held.stdout).unwrap();
        assert_eq!(
            flagged_lines(&report, "bn.space-before-danda").len(),
            expected,
            "{name}"
        );
    }
}
