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
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
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
        let held = check(dir.path(), None, &args, None);
        let bounded = check(dir.path(), Some("0"), &args, None);
        assert_eq!(held.status.code(), Some(1), "the story has major findings");
        assert_eq!(bounded.status.code(), held.status.code());
        assert!(
            held.stdout == bounded.stdout,
            "{format}: the bounded report differs from the held one"
        );
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
