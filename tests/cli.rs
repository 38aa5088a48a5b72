//! The command line as a user meets it: exit codes (0 passed, 1 gate failed, 2 error), error
//! messages that say what and where, inputs of every shape, and the project file.

mod common;

use std::fs;

use common::{findings, fixture, json_report, mtqc, mtqc_in};

const CLEAN: &str = "রাশিয়া এবং উত্তর কোরিয়া ক্রমবর্ধমান ঘনিষ্ঠ সম্পর্ক তৈরি করছে।\n";
const MAJOR: &str = "সিওল জানিয়েছেন, প্রায় 600০০ সেনা নিহত হয়েছে।\n";

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &std::path::Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).unwrap();
    }
    fs::write(&p, text).unwrap();
    p.to_str().unwrap().to_string()
}

#[test]
fn exit_0_on_clean_text_and_1_when_the_gate_fails() {
    let dir = tempfile::tempdir().unwrap();
    let clean = write(dir.path(), "clean.txt", CLEAN);
    let bad = write(dir.path(), "bad.txt", MAJOR);
    assert_eq!(
        mtqc_in(dir.path(), &["check", &clean], None).status.code(),
        Some(0)
    );
    assert_eq!(
        mtqc_in(dir.path(), &["check", &bad], None).status.code(),
        Some(1)
    );
    assert_eq!(
        mtqc_in(dir.path(), &["check", "--fail-on", "never", &bad], None)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        mtqc_in(dir.path(), &["check", "--fail-on", "critical", &bad], None)
            .status
            .code(),
        Some(0)
    );
    // 600০০ is one major finding (5) over 6 words: score 16.67.
    assert_eq!(
        mtqc_in(
            dir.path(),
            &["check", "--fail-on", "never", "--fail-under", "50", &bad],
            None
        )
        .status
        .code(),
        Some(1)
    );
    assert_eq!(
        mtqc_in(dir.path(), &["check", "--fail-under", "99", &clean], None)
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn exit_2_on_usage_errors() {
    let out = mtqc(&["check", "--fail-under", "120", "x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("--fail-under 120"),
        "{}",
        stderr(&out)
    );
    assert_eq!(mtqc(&["check", "--format", "yaml"]).status.code(), Some(2));
    let out = mtqc(&["check", "--disable", "common.no-such-rule", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown rule `common.no-such-rule`"));
}

#[test]
fn missing_input_is_an_error_but_the_others_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = write(dir.path(), "bad.txt", MAJOR);
    let out = mtqc_in(
        dir.path(),
        &["check", "--format", "json", "nope.txt", &bad],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("nope.txt: no such file or directory"));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(findings(&report).len(), 1);
}

#[test]
fn invalid_utf8_names_the_byte_offset() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("bad.txt"), b"abc \xff def\n").unwrap();
    let out = mtqc_in(dir.path(), &["check", "bad.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("bad.txt: invalid UTF-8 at byte offset 4"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn binary_files_are_errors_when_named_and_skipped_when_found() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("d")).unwrap();
    fs::write(dir.path().join("d/blob.txt"), b"\x00\x01\x02").unwrap();
    write(dir.path(), "d/ok.txt", CLEAN);
    let out = mtqc_in(dir.path(), &["check", "d/blob.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("looks binary (NUL byte at offset 0)"));
    let out = mtqc_in(dir.path(), &["check", "--format", "json", "d"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("d/blob.txt: looks binary, skipped"));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "d/ok.txt");
}

#[test]
fn directories_are_walked_in_order_and_stdin_is_a_document() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d/b.txt", CLEAN);
    write(dir.path(), "d/a/z.txt", MAJOR);
    write(dir.path(), "d/.hidden/x.txt", MAJOR);
    let (report, _) = {
        let out = mtqc_in(dir.path(), &["check", "--format", "json", "d"], None);
        (
            serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap(),
            out.status.code(),
        )
    };
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["d/a/z.txt", "d/b.txt"]);

    let out = mtqc_in(dir.path(), &["check", "--format", "json", "-"], Some(MAJOR));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["path"], "<stdin>");
    assert_eq!(findings(&report)[0]["text"], "600০০");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn bom_and_crlf_keep_offsets_and_columns_true() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "\u{FEFF}{}\r\n{}",
        CLEAN.trim_end(),
        MAJOR.replace('\n', "\r\n")
    );
    let path = write(dir.path(), "crlf.txt", &text);
    let (report, _) = json_report(&["check", "--format", "json", &path]);
    let f = &findings(&report)[0];
    assert_eq!(f["line"], 2);
    let line2 = MAJOR.trim_end();
    let col = line2.find("600").unwrap();
    assert_eq!(f["column"], line2[..col].chars().count() as u64 + 1);
    let start = f["start"].as_u64().unwrap() as usize;
    let end = f["end"].as_u64().unwrap() as usize;
    assert_eq!(
        &text.as_bytes()[start..end],
        "600০০".as_bytes(),
        "byte offsets count the BOM and CR"
    );
}

#[test]
fn blank_line_paragraphs_join_lines() {
    let text = "রাশিয়া এবং উত্তর কোরিয়া সম্পর্ক\nতৈরি করছে। 600০০ সেনা।\n\nদ্বিতীয় অনুচ্ছেদ এখানে।\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "p.txt", text);
    let (report, _) = json_report(&[
        "check",
        "--format",
        "json",
        "--paragraphs",
        "blank-line",
        &path,
    ]);
    let paras = report["files"][0]["paragraphs"].as_array().unwrap();
    assert_eq!(paras.len(), 2);
    assert_eq!(paras[1]["line"], 4);
    let f = &paras[0]["findings"][0];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(2), Some(12))
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let path = fixture("bn-news-mt.txt");
    let piped = mtqc(&["check", path.to_str().unwrap()]);
    assert!(!String::from_utf8_lossy(&piped.stdout).contains('\x1b'));
    let forced = mtqc(&["check", "--color", "always", path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&forced.stdout).contains("\x1b["));
}

fn rule_pack(dir: &std::path::Path, body: &str) -> String {
    write(dir, "pack/rules.toml", body)
}

#[test]
fn broken_rule_files_are_errors_at_file_line_column() {
    let cases = [
        (
            "[[rule]]\nid = \"x\"\nkind = \"pattern\"\nregex = \"a\"\nseverity = \"minor\"\ncategory = \"style/x\"\nmessage = \"m\"\ndoc = \"d\"\nregexp = \"b\"\n",
            "rules.toml:9:1: unknown field `regexp`",
        ),
        (
            "[[rule]]\nid = \"x\"\nkind = \"spellcheck\"\n",
            "rules.toml:3:8: unknown kind `spellcheck`",
        ),
        (
            "[[rule]]\nid = \"x\"\nkind = \"pattern\"\nregex = \"a(\"\nseverity = \"minor\"\ncategory = \"style/x\"\nmessage = \"m\"\ndoc = \"d\"\n",
            "rules.toml:4:9: invalid regex",
        ),
        (
            "[[rule]]\nid = \"x\"\nkind = \"pattern\"\nregex = \"a\"\nseverity = \"fatal\"\ncategory = \"style/x\"\nmessage = \"m\"\ndoc = \"d\"\n",
            "rules.toml:5:12: unknown variant `fatal`",
        ),
        ("[[rule]\nid = 1\n", "rules.toml:1:"),
        (
            "[[rule]]\nid = \"x\"\nkind = \"pattern\"\nregex = \"a\"\nseverity = \"minor\"\ncategory = \"fluency/x\"\nmessage = \"m\"\ndoc = \"d\"\n",
            "rules.toml:6:12: category `fluency/x`",
        ),
    ];
    for (body, want) in cases {
        let dir = tempfile::tempdir().unwrap();
        rule_pack(dir.path(), body);
        let out = mtqc_in(dir.path(), &["check", "--rules", "pack", "-"], Some(CLEAN));
        assert_eq!(out.status.code(), Some(2), "{body}");
        assert!(
            stderr(&out).contains(want),
            "want `{want}` in: {}",
            stderr(&out)
        );
    }
}

#[test]
fn duplicate_rule_ids_are_errors() {
    let rule = "[[rule]]\nid = \"x\"\nkind = \"pattern\"\nregex = \"a\"\nseverity = \"minor\"\ncategory = \"style/x\"\nmessage = \"m\"\ndoc = \"d\"\n";
    let dir = tempfile::tempdir().unwrap();
    rule_pack(dir.path(), &format!("{rule}\n{rule}"));
    let out = mtqc_in(dir.path(), &["rules", "list", "--rules", "pack"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("duplicate rule id `pack.x`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn user_packs_run_and_their_examples_are_tested() {
    let dir = tempfile::tempdir().unwrap();
    let good = "[[rule]]\nid = \"no-etc\"\nkind = \"pattern\"\nregex = 'ইত্যাদি ইত্যাদি'\nseverity = \"minor\"\ncategory = \"style/repetition\"\nmessage = \"`{match}`\"\ndoc = \"minor: style\"\n  [[rule.examples]]\n  text = \"ফল ইত্যাদি ইত্যাদি।\"\n  flags = [\"ইত্যাদি ইত্যাদি\"]\n  [[rule.examples]]\n  text = \"ফল ইত্যাদি।\"\n";
    rule_pack(dir.path(), good);
    let out = mtqc_in(dir.path(), &["rules", "test", "pack"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 passed, 0 failed")
            || String::from_utf8_lossy(&out.stdout).contains("2 passed, 0 failed")
    );
    let out = mtqc_in(
        dir.path(),
        &["check", "--format", "json", "--rules", "pack", "-"],
        Some("ফল ইত্যাদি ইত্যাদি।\n"),
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(findings(&report).iter().any(|f| f["rule"] == "pack.no-etc"));

    // An example that does not hold fails `rules test` with exit 1 and says which.
    rule_pack(
        dir.path(),
        &good.replace("flags = [\"ইত্যাদি ইত্যাদি\"]", "flags = [\"ফল\"]"),
    );
    let out = mtqc_in(dir.path(), &["rules", "test", "pack"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("pack.no-etc: example 1 must flag `ফল`"));
}

#[test]
fn rules_list_and_explain() {
    let out = mtqc(&["rules", "list"]);
    let text = String::from_utf8_lossy(&out.stdout);
    for id in [
        "common.mixed-digit-number",
        "bn.duplicated-attribution",
        "bn.spelling-variant",
    ] {
        assert!(text.contains(id), "{id} missing from: {text}");
    }
    let out = mtqc(&["rules", "explain", "bn.duplicated-attribution"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("severity: major")
            && text.contains("accuracy/addition")
            && text.contains("তিনি বলেন")
    );
    assert_eq!(
        mtqc(&["rules", "explain", "bn.nope"]).status.code(),
        Some(2)
    );
}

#[test]
fn project_file_sets_severity_disables_rules_and_is_found_upward() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtqc.toml",
        "disable = [\"common.leading-whitespace\"]\nallow = [\"date\"]\n[severity]\n\"common.mixed-digit-number\" = \"minor\"\n",
    );
    let sub = dir.path().join("a/b");
    fs::create_dir_all(&sub).unwrap();
    write(&sub, "t.txt", &format!(" date {MAJOR}"));
    let out = mtqc_in(&sub, &["check", "--format", "json", "t.txt"], None);
    assert_eq!(out.status.code(), Some(0), "minor only: {}", stderr(&out));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = findings(&report);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["severity"], "minor");
    // --no-config ignores it.
    let out = mtqc_in(&sub, &["check", "--no-config", "t.txt"], None);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn project_file_errors_name_file_line_column() {
    for (body, want) in [
        (
            "langauge = \"bn\"\n",
            "mtqc.toml:1:1: unknown field `langauge`",
        ),
        (
            "[severity]\n\"common.mixed-digit-number\" = \"huge\"\n",
            "mtqc.toml:2:31: unknown variant `huge`",
        ),
        ("disable = [\"bn.no-such\"]\n", "unknown rule `bn.no-such`"),
        ("packs = [\"xx\"]\n", "unknown pack `xx`"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "mtqc.toml", body);
        let out = mtqc_in(dir.path(), &["check", "-"], Some(CLEAN));
        assert_eq!(out.status.code(), Some(2), "{body}");
        assert!(
            stderr(&out).contains(want),
            "want `{want}` in: {}",
            stderr(&out)
        );
    }
}

#[test]
fn segments_keep_document_rules_inside_each_line() {
    let text = "কেসিএনএ জানিয়েছে।\nকেসিএনএ বলেছে।\nকেসিএএনএ জানায়।\n";
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "s.txt", text);
    let (doc, _) = json_report(&["check", "--format", "json", &path]);
    assert!(
        findings(&doc)
            .iter()
            .any(|f| f["rule"] == "bn.spelling-variant")
    );
    let (seg, _) = json_report(&["check", "--format", "json", "--segments", &path]);
    assert!(
        !findings(&seg)
            .iter()
            .any(|f| f["rule"] == "bn.spelling-variant")
    );
}

#[test]
fn lang_overrides_detection_and_packs_restrict() {
    let path = fixture("bn-news-mt.txt");
    let (report, _) = json_report(&[
        "check",
        "--format",
        "json",
        "--packs",
        "common",
        path.to_str().unwrap(),
    ]);
    assert!(
        findings(&report)
            .iter()
            .all(|f| f["rule"].as_str().unwrap().starts_with("common."))
    );
    let (report, _) = json_report(&[
        "check",
        "--format",
        "json",
        "--lang",
        "hi",
        path.to_str().unwrap(),
    ]);
    assert_eq!(report["files"][0]["language"], "hi");
    assert!(
        findings(&report)
            .iter()
            .all(|f| !f["rule"].as_str().unwrap().starts_with("bn."))
    );
}

#[test]
fn project_file_excludes_paths_and_disables_rules_per_path() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mtqc.toml",
        "exclude = [\"corpus/vendor/**\"]\n[[path]]\nglob = \"corpus/legacy/**\"\ndisable = [\"common.mixed-digit-number\"]\n",
    );
    write(dir.path(), "corpus/vendor/v.txt", MAJOR);
    write(dir.path(), "corpus/legacy/l.txt", MAJOR);
    write(dir.path(), "corpus/new/n.txt", MAJOR);
    let out = mtqc_in(dir.path(), &["check", "--format", "json", "corpus"], None);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let files: Vec<(&str, usize)> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["path"].as_str().unwrap(),
                findings(&serde_json::json!({"files": [f]})).len(),
            )
        })
        .collect();
    assert_eq!(files, [("corpus/legacy/l.txt", 0), ("corpus/new/n.txt", 1)]);
    // A file named on the command line is checked even when excluded.
    let out = mtqc_in(
        dir.path(),
        &["check", "--format", "json", "corpus/vendor/v.txt"],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_report_does_not_depend_on_the_order_of_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", MAJOR);
    write(dir.path(), "b.txt", CLEAN);
    let one = mtqc_in(
        dir.path(),
        &["check", "--format", "json", "a.txt", "b.txt"],
        None,
    );
    let two = mtqc_in(
        dir.path(),
        &["check", "--format", "json", "b.txt", "a.txt"],
        None,
    );
    assert_eq!(one.stdout, two.stdout);
}

#[test]
fn the_report_is_the_same_on_one_thread_and_on_many() {
    let path = fixture("bn-news-mt.txt");
    let clean = fixture("tico19-bn-sample.txt");
    // One document per file, and every paragraph its own document (whose document rules run
    // on all threads); as one report and as a stream.
    let runs: [&[&str]; 3] = [
        &["--format", "json"],
        &["--format", "json", "--segments"],
        &["--format", "jsonl", "--segments"],
    ];
    for extra in runs {
        let args = |j: &'static str| {
            let mut a = vec!["check", "--no-config", "-j", j];
            a.extend(extra);
            a.extend([path.to_str().unwrap(), clean.to_str().unwrap()]);
            a
        };
        let one = mtqc(&args("1"));
        assert!(!one.stdout.is_empty());
        for j in ["2", "8"] {
            assert_eq!(mtqc(&args(j)).stdout, one.stdout, "-j {j} {extra:?}");
        }
    }
}

#[test]
fn streamed_segments_report_what_the_whole_file_reports() {
    for name in ["bn-news-mt.txt", "tico19-bn-sample.txt"] {
        let path = fixture(name);
        let (whole, code_whole) = json_report(&[
            "check",
            "--no-config",
            "--segments",
            "--format",
            "json",
            path.to_str().unwrap(),
        ]);
        let out = mtqc(&[
            "check",
            "--no-config",
            "--segments",
            "--format",
            "jsonl",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(code_whole));
        let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let paragraphs = whole["files"][0]["paragraphs"].as_array().unwrap();
        assert_eq!(records.len(), paragraphs.len());
        for (r, p) in records.iter().zip(paragraphs) {
            for key in [
                "index", "line", "words", "penalty", "score", "pass", "findings",
            ] {
                assert_eq!(r[key], p[key], "{name}: {key} of paragraph {}", p["index"]);
            }
        }
    }
    // From stdin, blank-line paragraphs: lines and byte offsets are those of the input.
    let text = "প্রথম অনুচ্ছেদ।\r\n\r\nদ্বিতীয় অনুচ্ছেদে\r\n600০০ সেনা।\r\n";
    let dir = tempfile::tempdir().unwrap();
    let out = mtqc_in(
        dir.path(),
        &[
            "check",
            "--segments",
            "--paragraphs",
            "blank-line",
            "--format",
            "jsonl",
            "-",
        ],
        Some(text),
    );
    let records: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 2);
    let f = &records[1]["findings"][0];
    assert_eq!(
        (f["line"].as_u64(), f["column"].as_u64()),
        (Some(4), Some(1))
    );
    let (s, e) = (
        f["start"].as_u64().unwrap() as usize,
        f["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text.as_bytes()[s..e], "600০০".as_bytes());
}

#[test]
fn a_fallback_rule_runs_only_where_no_pack_covers_its_kind() {
    let dir = tempfile::tempdir().unwrap();
    let uk = write(
        dir.path(),
        "uk.txt",
        "Президент заявив, переговори триватимуть до кінця тижня, президент заявив.\n",
    );
    let hi = write(
        dir.path(),
        "hi.txt",
        "मंत्री ने कहा, नई नीति अगले महीने से लागू होगी, मंत्री ने कहा।\n",
    );
    let rules = |lang: &str, path: &str| -> Vec<String> {
        let (report, _) = json_report(&[
            "check",
            "--no-config",
            "--lang",
            lang,
            "--format",
            "json",
            "--fail-on",
            "never",
            path,
        ]);
        findings(&report)
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    // Ukrainian has no pack: the common pack's framed sentence stands in.
    assert_eq!(rules("uk", &uk), ["common.framed-sentence"]);
    // Hindi's pack has its attribution rule: one finding, the pack's.
    assert_eq!(rules("hi", &hi), ["hi.duplicated-attribution"]);
}

#[test]
fn a_unit_copied_whole_is_one_finding_and_a_partial_copy_still_one() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = write(
        dir.path(),
        "units.tsv",
        "source\ttarget\n\
         The virus spreads through droplets when people cough or sneeze.\tThe virus spreads through droplets when people cough or sneeze.\n\
         Press the red button to start the engine.\tPress the red button\n",
    );
    let (report, _) = json_report(&[
        "check",
        "--no-config",
        "--lang",
        "hi",
        "--format",
        "json",
        "--fail-on",
        "never",
        &tsv,
    ]);
    let by_unit: Vec<Vec<String>> = report["files"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            p["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["rule"].as_str().unwrap().to_string())
                .collect()
        })
        .collect();
    // The whole copy: the critical unit finding stands for the span inside it.
    assert_eq!(by_unit[0], ["common.untranslated-unit"]);
    // A partial copy is still reported, and so is what it leaves out (a TSV names no source
    // language: its English source is held to the English bands).
    assert_eq!(
        by_unit[1],
        ["common.omission-by-length", "common.untranslated-span"]
    );
}

#[test]
fn a_lighter_finding_over_a_unit_never_hides_a_graver_one_inside() {
    let dir = tempfile::tempdir().unwrap();
    let tsv = write(
        dir.path(),
        "unit.tsv",
        "source\ttarget\n\
         The minister said the new measures start now.\tМинистр заявил, что новые меры, которые правительство обсуждало до конца года в парламенте и в регионах, начнутся сейчас, — заявил он журналистам.\n",
    );
    let (report, _) = json_report(&[
        "check",
        "--no-config",
        "--lang",
        "ru",
        "--source-lang",
        "en",
        "--format",
        "json",
        "--fail-on",
        "never",
        &tsv,
    ]);
    let rules: Vec<String> = findings(&report)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    // The minor length finding covers the unit; the major attribution inside it stands.
    assert!(
        rules.contains(&"common.addition-by-length".to_string()),
        "{rules:?}"
    );
    assert!(
        rules.contains(&"ru.duplicated-attribution".to_string()),
        "{rules:?}"
    );
}

/// A document in a language written like a pack's, which language detection takes for the
/// pack's (Assamese for Bengali), is in the language the pack names, not a document of
/// foreign paragraphs; a paragraph of it inside a Bengali document still is one.
#[test]
fn a_language_written_in_two_scripts_is_at_home_in_either() {
    // Serbian is written in Cyrillic and in Latin (UDHR, article 1): a document in either is
    // no foreign paragraph, and a paragraph of the other script in it still stands out.
    let dir = tempfile::tempdir().unwrap();
    let cyrillic = "Сва људска бића рађају се слободна и једнака у достојанству и правима. Она су \
                    обдарена разумом и свешћу и треба једни према другима да поступају у духу братства.";
    let latin = "Sva ljudska bića rađaju se slobodna i jednaka u dostojanstvu i pravima. Ona su \
                 obdarena razumom i svešću i treba jedni prema drugima da postupaju u duhu bratstva.";
    let rules = |name: &str, text: &str| -> Vec<String> {
        let path = write(dir.path(), name, text);
        let args = [
            "check",
            "--no-config",
            "--lang",
            "sr",
            "--format",
            "json",
            "--fail-on",
            "never",
        ];
        let (report, _) = json_report(&[&args[..], &[path.as_str()]].concat());
        findings(&report)
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect()
    };
    for (name, text) in [("cyrl.txt", cyrillic), ("latn.txt", latin)] {
        assert!(
            rules(name, &format!("{text}\n\n{text}\n")).is_empty(),
            "{name}"
        );
    }
    let english = "The committee will review the proposal next week and publish its findings.";
    assert_eq!(
        rules(
            "mixed.txt",
            &format!("{cyrillic}\n\n{cyrillic}\n\n{cyrillic}\n\n{english}\n")
        ),
        ["common.foreign-paragraph"]
    );
}

#[test]
fn a_document_in_a_look_alike_language_is_in_it() {
    let dir = tempfile::tempdir().unwrap();
    let assamese = "অসম চৰকাৰে আগন্তুক সপ্তাহৰ পৰা প্ৰতিষেধক অভিযান আৰম্ভ কৰাৰ সিদ্ধান্ত লৈছে। স্বাস্থ্য বিভাগৰ মতে প্ৰথম পৰ্যায়ত স্বাস্থ্যকৰ্মী আৰু জ্যেষ্ঠ নাগৰিকক প্ৰতিষেধক দিয়া হ'ব।";
    let doc = write(
        dir.path(),
        "as.txt",
        &format!(
            "{assamese}\n\nবিভাগৰ মুখপাত্ৰই কয় যে সকলো জিলালৈ পৰ্যাপ্ত প্ৰতিষেধক পঠিওৱা হৈছে আৰু কোনো নাগৰিক বাদ নপৰে।\n"
        ),
    );
    let args = |path: &str| {
        [
            "check",
            "--no-config",
            "--format",
            "json",
            "--fail-on",
            "never",
            path,
        ]
        .map(String::from)
    };
    let a = args(&doc);
    let (report, _) = json_report(&a.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(report["files"][0]["language"], "as");
    assert!(findings(&report).is_empty(), "{report}");
    let bengali = write(
        dir.path(),
        "bn.txt",
        &format!(
            "রাশিয়ার রাষ্ট্রপতি পুতিন উত্তর কোরিয়ার সেনাদের প্রশংসা করে চিঠি পাঠিয়েছেন।\n\nদক্ষিণ কোরিয়ার গোয়েন্দা সংস্থাগুলি বলেছে যে পিয়ংইয়াং সৈন্য পাঠিয়েছিল।\n\nস্বাস্থ্য মন্ত্রণালয় জানিয়েছে যে আগামী সপ্তাহ থেকে টিকা দেওয়া শুরু হবে।\n\nমন্ত্রণালয়ের মুখপাত্র বলেন, সব জেলায় পর্যাপ্ত টিকা পাঠানো হয়েছে।\n\nরাজধানীতে সংক্রমণের হার কমে আসায় স্থানীয় প্রশাসন স্বস্তি প্রকাশ করেছে।\n\n{assamese}\n"
        ),
    );
    let b = args(&bengali);
    let (report, _) = json_report(&b.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(report["files"][0]["language"], "bn");
    let rules: Vec<_> = findings(&report)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rules, ["common.foreign-paragraph"]);
    // Names spelled as a look-alike spells them are no vote for it (Ukrainian place names in
    // Russian prose).
    let russian = write(
        dir.path(),
        "ru.txt",
        "Поезд из Києва в Дніпро задержался на три часа.\n\nМэр заявил, что Київ поможет Дніпру с ремонтом дорог.\n\nСовещание прошло в Києві, сообщила пресс-служба Дніпра.\n\nЭксперты считают, что инфляция в ближайшие месяцы замедлится, однако цены на продукты питания и энергоносители останутся высокими, поэтому правительство рассматривает дополнительные меры поддержки для семей с детьми и пенсионеров.\n",
    );
    let r = args(&russian);
    let (report, _) = json_report(&r.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(report["files"][0]["language"], "ru");
    // Cyrillic languages whatlang takes for Russian write letters of Russian's look-alikes
    // (Kazakh `ң`, `һ`; Ukrainian `І` for the palochka) beside letters none of them writes
    // (Evenki `ӣ` and macrons, Adyghe `ӏ`): a paragraph with many such words is in another
    // Cyrillic language, not Kazakh, one with a single one (Adyghe) in none of them (the
    // palochka is no Ukrainian letter), while one of Ukrainian is still Ukrainian (UDHR: Evenki, article 1; Adyghe, article 8).
    let third = write(
        dir.path(),
        "third.txt",
        "Эксперты считают, что инфляция в ближайшие месяцы замедлится, однако цены останутся высокими.\n\n\
         Упкат илэл ты̄нмукирди, урэ̄лди мэ̄нңи са̄рича̄ди балдыдяра. Нуңартын дялитви, һалдяндыви \
         биси, мэмэгӣлвэр аяралды̄дяна тэдет о̄мамачитын.\n\n\
         Хэтрэ цӏыфи фитыныгъэ иІ хабзэ шъхьэІэм е къэрал хабзэм къырипэсырэ цІыф фэшъуашэхэр зыукъорэ \
         ІофшІашъо къызехъулІэкІэ фитыныгъэ зиІэ ухыякІохэм зафигъэзэнэу, зыкъаригъэухъумэнэу.\n\n\
         Президент України заявив, що переговори триватимуть наступного тижня у Києві, і що \
         делегації вже готові до зустрічі.\n",
    );
    let t = [
        "check",
        "--no-config",
        "--lang",
        "ru",
        "--format",
        "json",
        "--fail-on",
        "never",
        &third,
    ];
    let (report, _) = json_report(&t);
    let foreign: Vec<_> = findings(&report)
        .iter()
        .filter(|f| f["rule"] == "common.foreign-paragraph")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        foreign,
        [
            "this paragraph is in another language written in Cyrillic, not Russian",
            "this paragraph is in Ukrainian, not Russian"
        ],
        "{report}"
    );
}

/// One finding per defect: Bengali read as Latin-1 is one defect, the mojibake, not also a
/// loop of the `à` its every letter begins with (a critical finding for a major one).
#[test]
fn mojibake_is_one_finding_not_a_loop_of_its_letters() {
    let dir = tempfile::tempdir().unwrap();
    let garbled: String = "নতুন".bytes().map(char::from).collect();
    let path = write(
        dir.path(),
        "mt.txt",
        &format!("সরকার {garbled} কর্মসূচি ঘোষণা করেছে।\n"),
    );
    let (report, code) = json_report(&[
        "check",
        "--no-config",
        "--lang",
        "bn",
        "--format",
        "json",
        &path,
    ]);
    assert_eq!(code, 1);
    let rules: Vec<String> = findings(&report)
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(rules, ["common.mojibake"]);
}
