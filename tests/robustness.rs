//! Bad input of every kind: a clear answer (message and exit code), never a panic, never a
//! lost file. The large-input rows are in tests/large_inputs.rs.

mod common;

use std::fs;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{findings, fixture, mtqc_in};

const CLEAN: &str = "রাশিয়া এবং উত্তর কোরিয়া ক্রমবর্ধমান ঘনিষ্ঠ সম্পর্ক তৈরি করছে।\n";

fn run(dir: &std::path::Path, args: &[&str]) -> (i32, String, String) {
    let out = mtqc_in(dir, args, None);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "mtqc panicked: {stderr}");
}

/// `bytes` as file `name`, checked twice: strictly, an error (exit 2) that says `strict` after
/// the name; with `--encoding lossy --format json`, a warning of one sequence replaced. The
/// lossy run's exit code, report and standard error.
fn strict_then_lossy(name: &str, bytes: &[u8], strict: &str) -> (i32, serde_json::Value, String) {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let (code, _, err) = run(dir.path(), &["check", name]);
    assert_eq!(code, 2);
    assert!(err.contains(&format!("{name}: {strict}")), "{err}");
    let lossy = ["check", "--encoding", "lossy", "--format", "json", name];
    let (code, out, err) = run(dir.path(), &lossy);
    no_panic(&err);
    let warning = format!("{name}: 1 invalid byte sequences replaced by U+FFFD");
    assert!(err.contains(&warning), "{err}");
    (code, serde_json::from_str(&out).unwrap(), err)
}

#[test]
fn invalid_utf8_is_an_error_or_with_lossy_a_warning() {
    let (code, report, _) = strict_then_lossy(
        "bad.txt",
        b"\xe0\xa6 \xe0\xa6\xb0\xe0\xa6\xbe 600\xe0\xa7\xa6\n",
        "invalid UTF-8 at byte offset 0",
    );
    assert_eq!(code, 1, "and the mixed number is still found");
    assert!(findings(&report).iter().any(|f| f["text"] == "600০"));
}

#[test]
fn invalid_utf16_is_an_error_or_with_lossy_a_warning_that_names_no_other_encoding() {
    // A byte-order mark, a clean line, then an unpaired high surrogate before `ক`.
    let mut bytes = vec![0xFF, 0xFE];
    for u in CLEAN.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    bytes.extend([0x00, 0xD8]);
    for u in "ক\n".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let (code, report, err) =
        strict_then_lossy("bad16.txt", &bytes, "invalid UTF-16 at byte offset");
    assert!(!err.contains("UTF-8"), "the input is UTF-16: {err}");
    assert_eq!(code, 1, "the lost character is a finding");
    assert!(
        findings(&report)
            .iter()
            .any(|f| f["rule"] == "common.replacement-character")
    );
}

#[test]
fn an_xml_file_in_another_encoding_is_an_error_that_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut xlf = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<xliff version=\"1.2\"><file \
        source-language=\"en\" target-language=\"fr\" datatype=\"plaintext\" original=\"x\"><body>\
        <trans-unit id=\"1\"><source>cafe</source><target>caf"
        .to_vec();
    xlf.extend(b"\xe9</target></trans-unit></body></file></xliff>\n");
    fs::write(dir.path().join("latin1.xlf"), &xlf).unwrap();
    fs::write(dir.path().join("ok.txt"), CLEAN).unwrap();
    let (code, _, err) = run(dir.path(), &["check", "latin1.xlf", "ok.txt"]);
    no_panic(&err);
    assert_eq!(code, 2);
    assert!(
        err.contains("latin1.xlf: invalid UTF-8 at byte offset"),
        "{err}"
    );
    assert!(
        err.contains("declares encoding=\"ISO-8859-1\"") && err.contains("iconv -f ISO-8859-1"),
        "{err}"
    );
}

#[test]
fn empty_and_blank_files_pass_with_no_paragraphs() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("empty.txt"), "").unwrap();
    fs::write(dir.path().join("blank.txt"), "\n\n  \r\n").unwrap();
    let (code, out, err) = run(
        dir.path(),
        &["check", "--format", "json", "empty.txt", "blank.txt"],
    );
    no_panic(&err);
    assert_eq!(code, 0);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    for f in report["files"].as_array().unwrap() {
        assert_eq!(f["paragraphs"].as_array().unwrap().len(), 0);
        assert_eq!(f["score"], 100.0);
    }
}

#[test]
fn a_lone_carriage_return_is_a_finding_not_a_line_break() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("cr.txt"),
        "প্রথম বাক্য।\rদ্বিতীয় বাক্য।\r\nতৃতীয়।\n",
    )
    .unwrap();
    let (_, out, _) = run(dir.path(), &["check", "--format", "json", "cr.txt"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let f = findings(&report);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["rule"], "common.lone-carriage-return");
    assert_eq!(
        (f[0]["line"].as_u64(), f[0]["column"].as_u64()),
        (Some(1), Some(13))
    );
    assert_eq!(
        report["files"][0]["paragraphs"].as_array().unwrap().len(),
        2
    );
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_dangling_links_end_with_an_answer() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("a/b/c");
    fs::create_dir_all(&deep).unwrap();
    fs::write(deep.join("t.txt"), CLEAN).unwrap();
    std::os::unix::fs::symlink("../..", deep.join("loop")).unwrap();
    std::os::unix::fs::symlink("nowhere.txt", dir.path().join("a/dangling.txt")).unwrap();
    let start = Instant::now();
    let (code, out, err) = run(dir.path(), &["check", "--format", "json", "a"]);
    assert!(start.elapsed() < Duration::from_secs(20));
    no_panic(&err);
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        ["a/b/c/t.txt"],
        "each file once, links to directories not followed"
    );
    let (code, _, err) = run(dir.path(), &["check", "a/dangling.txt"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("a/dangling.txt: no such file or directory"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error_and_the_rest_is_checked() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.txt"), CLEAN).unwrap();
    // As root, permissions do not stop a read: a directory named as a file cannot be read
    // as text either way.
    let locked = dir.path().join("locked.txt");
    fs::write(&locked, CLEAN).unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let readable = fs::File::open(&locked).is_ok();
    let (code, out, err) = run(
        dir.path(),
        &["check", "--format", "json", "locked.txt", "ok.txt"],
    );
    no_panic(&err);
    if readable {
        assert_eq!(code, 0, "running as root: the file is readable");
    } else {
        assert_eq!(code, 2);
        assert!(err.contains("locked.txt: cannot read"), "{err}");
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(report["files"][0]["path"], "ok.txt");
    }
}

#[test]
fn oversized_and_deeply_nested_regexes_are_refused() {
    let rule = |regex: &str| {
        format!(
            "[[rule]]\nid = \"x\"\nkind = \"pattern\"\nregex = '{regex}'\nseverity = \"minor\"\ncategory = \"style/x\"\nmessage = \"m\"\ndoc = \"d\"\n"
        )
    };
    let nested = format!("{}a{}", "(".repeat(200), ")".repeat(200));
    for (regex, want) in [
        ("(?:\\w{100}){100}", "exceeds size limit"),
        (nested.as_str(), "nest"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("pack")).unwrap();
        fs::write(dir.path().join("pack/r.toml"), rule(regex)).unwrap();
        let start = Instant::now();
        let (code, _, err) = run(dir.path(), &["rules", "list", "--rules", "pack"]);
        assert!(start.elapsed() < Duration::from_secs(10));
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains("r.toml:4:9: invalid regex") && err.contains(want),
            "{err}"
        );
    }
}

#[test]
fn conflicting_configuration_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("mtqc.toml"), "fail_under = 200\n").unwrap();
    let (code, _, err) = run(dir.path(), &["check", "-"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("mtqc.toml:1:1: `fail_under` must lie in 0..=100"),
        "{err}"
    );
    let (code, _, err) = run(
        dir.path(),
        &["check", "--config", "mtqc.toml", "--no-config", "-"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("cannot be used with"), "{err}");
    let (code, _, err) = run(
        dir.path(),
        &["check", "--no-config", "--max-drop", "1", "-"],
    );
    assert_eq!(code, 2, "{err}");
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let path = fixture("bn-news-mt.txt");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtqc"))
        .args([
            "check",
            "--no-config",
            path.to_str().unwrap(),
            path.to_str().unwrap(),
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    no_panic(&err);
    assert!(err.is_empty(), "nothing to say: {err}");
    assert_eq!(
        status.code(),
        Some(1),
        "the example fails the gate, closed pipe or not"
    );
}

#[test]
fn a_killed_run_leaves_the_old_report_intact() {
    let dir = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(fixture("bn-news-mt.txt"))
        .unwrap()
        .repeat(400);
    fs::write(dir.path().join("big.txt"), &text).unwrap();
    let old = "{\"old\": \"report\"}\n";
    for delay_ms in [0u64, 5, 20, 80, 200] {
        fs::write(dir.path().join("out.json"), old).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_mtqc"))
            .args([
                "check",
                "--no-config",
                "--format",
                "json",
                "-o",
                "out.json",
                "big.txt",
            ])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = fs::read_to_string(dir.path().join("out.json")).unwrap();
        // Either the old file, or the whole new report: never a part of one.
        if now != old {
            let report: serde_json::Value = serde_json::from_str(&now).expect("a complete report");
            assert_eq!(report["version"], 1);
        }
    }
    assert_eq!(
        fs::read_to_string(dir.path().join("big.txt")).unwrap(),
        text,
        "the input is untouched"
    );
}
