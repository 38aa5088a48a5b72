//! Large inputs complete in bounded time and memory. These run the release binary:
//! `cargo test --release --test large_inputs -- --ignored` (CI does). Each prints its figures.

mod common;

use std::fs;
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::fixture;

/// Run `mtqc check` with `args` on `path` (JSON unless `args` name a format), sampling its peak
/// resident set (VmHWM) until it exits.
/// What a large run measured, on the test's output (CI's log keeps it).
fn print_measured(what: &str, bytes: usize, took: Duration, peak_kb: u64) {
    println!(
        "{what}: {:.1} s, {:.1} MB/s, peak RSS {} MB",
        took.as_secs_f64(),
        bytes as f64 / 1e6 / took.as_secs_f64(),
        peak_kb / 1024
    );
}

fn run_measured(path: &std::path::Path, args: &[&str]) -> (i32, Duration, u64) {
    let format: &[&str] = if args.contains(&"--format") {
        &[]
    } else {
        &["--format", "json"]
    };
    let child = Command::new(env!("CARGO_BIN_EXE_mtqc"))
        .args(["check", "--no-config", "--fail-on", "never"])
        .args(format)
        .args(args)
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    measure(child, Instant::now())
}

/// Wait for `child`, started at `start`, sampling its peak resident set.
fn measure(mut child: std::process::Child, start: Instant) -> (i32, Duration, u64) {
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if let Ok(s) = fs::read_to_string(&status_file)
            && let Some(line) = s.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kb: u64 = line
                .split_whitespace()
                .nth(1)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            peak_kb = peak_kb.max(kb);
        }
        assert!(
            start.elapsed() < Duration::from_secs(900),
            "still running after 15 minutes"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), start.elapsed(), peak_kb)
}

fn sample_sentences() -> String {
    let mut s = String::new();
    for f in ["tico19-bn-sample.txt", "bn-news-mt.txt"] {
        for line in fs::read_to_string(fixture(f)).unwrap().lines() {
            s.push_str(line.trim());
            s.push(' ');
        }
    }
    s
}

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn a_100_mb_single_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one-paragraph.txt");
    let unit = sample_sentences();
    let mut f = fs::File::create(&path).unwrap();
    let mut written = 0;
    while written < 100_000_000 {
        f.write_all(unit.as_bytes()).unwrap();
        written += unit.len();
    }
    f.write_all(b"\n").unwrap();
    drop(f);
    let (code, took, peak_kb) = run_measured(&path, &[]);
    println!(
        "100 MB single paragraph: {:.1} s, peak RSS {} MB",
        took.as_secs_f64(),
        peak_kb / 1024
    );
    assert_eq!(code, 0);
    assert!(peak_kb < 3 * 1024 * 1024, "peak RSS {peak_kb} kB");
}

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn a_million_short_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.txt");
    let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
    for i in 0..1_000_000u32 {
        // Short lines, each a little different, with a repeated word now and then.
        if i % 1000 == 0 {
            writeln!(f, "সংবাদ সংবাদ {i} নম্বর।").unwrap();
        } else {
            writeln!(f, "সংবাদ {i} নম্বর।").unwrap();
        }
    }
    drop(f);
    let (code, took, peak_kb) = run_measured(&path, &[]);
    println!(
        "1,000,000 paragraphs: {:.1} s, peak RSS {} MB",
        took.as_secs_f64(),
        peak_kb / 1024
    );
    assert_eq!(code, 0);
    assert!(peak_kb < 3 * 1024 * 1024, "peak RSS {peak_kb} kB");
}

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn a_200_mb_segment_stream_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stream.txt");
    let mut lines = String::new();
    for f in ["tico19-bn-sample.txt", "bn-news-mt.txt"] {
        lines.push_str(&fs::read_to_string(fixture(f)).unwrap());
    }
    let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
    let mut written = 0;
    while written < 200_000_000 {
        f.write_all(lines.as_bytes()).unwrap();
        written += lines.len();
    }
    drop(f);
    let (code, took, peak_kb) = run_measured(&path, &["--segments", "--format", "jsonl"]);
    print_measured("200 MB stream of segments (jsonl)", written, took, peak_kb);
    assert_eq!(code, 0);
    assert!(
        peak_kb < 64 * 1024,
        "peak RSS {peak_kb} kB: streaming keeps memory bounded"
    );
}

/// One paragraph crafted to be full of findings: 740,000 mixed numbers in 8 MB, each a
/// finding and none a loop. The report lists 100 and counts the rest, and only those it lists
/// are made into findings: the run costs a few hundred bytes a hit, the paragraph and its
/// analysis included (when every hit was made a finding, 1.5 kB a hit: 4.3 GB for 32 MB).
#[test]
#[ignore = "large: run with --release -- --ignored"]
fn a_paragraph_of_740_thousand_findings_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dense.txt");
    let mut text = String::new();
    let mut hits = 0;
    while text.len() < 8_000_000 {
        text.push_str(&format!("{}০ ", 7 * hits + 1));
        hits += 1;
    }
    fs::write(&path, format!("{text}\n")).unwrap();
    let report = dir.path().join("report.json");
    let args = ["--format", "json", "-o", report.to_str().unwrap()];
    let (code, took, peak_kb) = run_measured(&path, &args);
    print_measured("8 MB paragraph of mixed numbers", text.len(), took, peak_kb);
    assert_eq!(code, 0);
    assert!(
        peak_kb * 1024 < 700 * hits as u64,
        "peak RSS {peak_kb} kB for {hits} findings"
    );
    // Every number is counted: 99 listed, and one finding standing for the rest.
    let report: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let listed = report["files"][0]["paragraphs"][0]["findings"]
        .as_array()
        .unwrap();
    assert_eq!(listed.len(), 100);
    assert_eq!(listed[99]["rule"], "mtqc.more-findings");
    assert_eq!(report["summary"]["findings"]["major"], hits);
}

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn a_50_mb_document_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fifty.txt");
    let mut lines = String::new();
    for f in ["tico19-bn-sample.txt", "bn-news-mt.txt"] {
        lines.push_str(&fs::read_to_string(fixture(f)).unwrap());
    }
    let mut f = std::io::BufWriter::new(fs::File::create(&path).unwrap());
    let mut written = 0;
    while written < 50_000_000 {
        f.write_all(lines.as_bytes()).unwrap();
        written += lines.len();
    }
    drop(f);
    let report = dir.path().join("report.json");
    let report_arg = report.to_str().unwrap();
    let (code, took, peak_kb) = run_measured(&path, &["--format", "json", "-o", report_arg]);
    print_measured(
        "50 MB as one document (json -o FILE)",
        written,
        took,
        peak_kb,
    );
    assert_eq!(code, 0);
    assert!(peak_kb < 128 * 1024, "peak RSS {peak_kb} kB");
    let report: serde_json::Value = serde_json::from_slice(&fs::read(&report).unwrap()).unwrap();
    let paragraphs = report["files"][0]["paragraphs"].as_array().unwrap().len();
    assert_eq!(report["summary"]["paragraphs"], paragraphs);
    assert!(paragraphs > 100_000, "{paragraphs} paragraphs");
}

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn a_1_gb_document_on_stdin_in_bounded_memory() {
    let mut lines = String::new();
    for f in ["tico19-bn-sample.txt", "bn-news-mt.txt"] {
        lines.push_str(&fs::read_to_string(fixture(f)).unwrap());
    }
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtqc"))
        .args([
            "check",
            "--no-config",
            "--fail-on",
            "never",
            "--format",
            "jsonl",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let total = 1_000_000_000;
    let writer = std::thread::spawn(move || {
        let mut written = 0;
        while written < total {
            stdin.write_all(lines.as_bytes()).unwrap();
            written += lines.len();
        }
        written
    });
    let (code, took, peak_kb) = measure(child, start);
    let written = writer.join().unwrap();
    print_measured(
        "1 GB as one document on stdin (jsonl)",
        written,
        took,
        peak_kb,
    );
    assert_eq!(code, 0);
    assert!(peak_kb < 64 * 1024, "peak RSS {peak_kb} kB");
}

/// Units of an MT run written to `path` as TSV, JSONL, PO, TMX or XLIFF (its extension) until `total`
/// bytes: English sources numbered so that no two are alike (as in a real run, the
/// source-consistency rules count every distinct source), each with a Bengali sentence of the
/// fixtures as its target.
fn write_bilingual(path: &std::path::Path, total: usize) -> usize {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    let mut targets = Vec::new();
    for f in ["tico19-bn-sample.txt", "bn-news-mt.txt"] {
        for line in fs::read_to_string(fixture(f)).unwrap().lines() {
            if !line.trim().is_empty() {
                targets.push(line.trim().to_string());
            }
        }
    }
    let mut f = std::io::BufWriter::new(fs::File::create(path).unwrap());
    match ext {
        "tsv" => f.write_all(b"id\tsrc\ttgt\n").unwrap(),
        "po" => f
            .write_all(b"msgid \"\"\nmsgstr \"\"\n\"Language: bn\\n\"\n\n")
            .unwrap(),
        "tmx" => f
            .write_all(b"<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n")
            .unwrap(),
        "xlf" => f
            .write_all(
                b"<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"bn\"><body>\n",
            )
            .unwrap(),
        _ => {}
    }
    let xml = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let mut written = 0;
    let mut n = 0usize;
    while written < total {
        let target = &targets[n % targets.len()];
        let source = format!(
            "Report {n}: the health ministry said the situation in the district is improving."
        );
        let line = match ext {
            "jsonl" => format!(
                "{{\"id\": \"u{n}\", \"src\": {}, \"tgt\": {}}}\n",
                serde_json::to_string(&source).unwrap(),
                serde_json::to_string(target).unwrap()
            ),
            // A PO string is JSON's string but for `\u` escapes, which these texts never need.
            "po" => format!(
                "#. u{n}\nmsgid {}\nmsgstr {}\n\n",
                serde_json::to_string(&source).unwrap(),
                serde_json::to_string(target).unwrap()
            ),
            "tmx" => format!(
                "<tu tuid=\"u{n}\"><tuv xml:lang=\"en\"><seg>{}</seg></tuv>\n<tuv xml:lang=\"bn\"><seg>{}</seg></tuv></tu>\n",
                xml(&source),
                xml(target)
            ),
            "xlf" => format!(
                "<trans-unit id=\"u{n}\"><source>{}</source>\n<target>{}</target></trans-unit>\n",
                xml(&source),
                xml(target)
            ),
            _ => format!("u{n}\t{source}\t{target}\n"),
        };
        f.write_all(line.as_bytes()).unwrap();
        written += line.len();
        n += 1;
    }
    let end: &[u8] = match ext {
        "tmx" => b"</body></tmx>\n",
        "xlf" => b"</body></file></xliff>\n",
        _ => b"",
    };
    f.write_all(end).unwrap();
    written + end.len()
}

#[test]
#[ignore = "large: run with --release -- --ignored"]
fn a_200_mb_bilingual_file_of_any_format_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["run.tsv", "run.jsonl", "run.po", "run.tmx", "run.xlf"] {
        let path = dir.path().join(name);
        let written = write_bilingual(&path, 200_000_000);
        let (code, took, peak_kb) = run_measured(&path, &["--format", "jsonl"]);
        print_measured(
            &format!("200 MB {name} with sources as one document (jsonl)"),
            written,
            took,
            peak_kb,
        );
        assert_eq!(code, 0);
        assert!(peak_kb < 256 * 1024, "{name}: peak RSS {peak_kb} kB");
        fs::remove_file(&path).unwrap();
    }
}
