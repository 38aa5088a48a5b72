//! The machine formats of `mtqc check --format`: reviewed snapshots of each on the example,
//! SARIF against the official SARIF 2.1.0 schema, JUnit against the Ant JUnit XSD (xmllint),
//! line formats parsed line by line, and `-o FILE` written atomically and never over an input.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use common::{FORMATS, fixture};
use serde_json::Value;

/// Run `mtqc ARGS` in `dir` with a fixed SOURCE_DATE_EPOCH, so JUnit's timestamp is stable.
fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mtqc"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1755259199")
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .output()
        .expect("mtqc runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

/// The example rendered in `format`, run from the fixtures folder with a relative path.
fn example(format: &str) -> String {
    let out = run(
        &fixture(""),
        &[
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
            "bn-news-mt.txt",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

macro_rules! snapshot {
    ($test:ident, $format:literal) => {
        #[test]
        fn $test() {
            settings()
                .bind(|| insta::assert_snapshot!(concat!("example_", $format), example($format)));
        }
    };
}

snapshot!(sarif_report_of_the_example, "sarif");
snapshot!(junit_report_of_the_example, "junit");
snapshot!(checkstyle_report_of_the_example, "checkstyle");
snapshot!(rdjson_report_of_the_example, "rdjson");
snapshot!(rdjsonl_report_of_the_example, "rdjsonl");
snapshot!(gitlab_report_of_the_example, "gitlab");
snapshot!(github_report_of_the_example, "github");
snapshot!(markdown_report_of_the_example, "markdown");
snapshot!(jsonl_report_of_the_example, "jsonl");

/// A pack whose rule flags C0 control characters with a message full of markup, `|`, `%`,
/// `:` and `,`, and suggests deleting them.
const CONTROL_PACK: &str = r#"
[[rule]]
id = "control"
kind = "pattern"
regex = '[\x01-\x08\x0B\x0C\x0E-\x1F]'
suggestion = ""
severity = "major"
category = "design/markup"
message = "control `{match}` & <b>\"x\"</b> | 100%: a, b"
doc = "A control character in text. Major: it breaks tools."
"#;

const ODD_NAME: &str = "odd & <name>, 100%: x.txt";
const BENGALI: &str = "সিওল জানিয়েছেন, প্রায় 600০০ সেনা নিহত হয়েছে।";

/// A directory with the control pack, a file with a BOM, CRLF, a control character, a
/// Bengali defect and an awkward name, and a clean file.
fn awkward_inputs() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("pack")).unwrap();
    fs::write(dir.path().join("pack/rules.toml"), CONTROL_PACK).unwrap();
    let text = format!("\u{FEFF}রাশিয়া এবং\u{1} উত্তর কোরিয়া।\r\n{BENGALI}\r\n");
    fs::write(dir.path().join(ODD_NAME), text).unwrap();
    fs::write(
        dir.path().join("clean.txt"),
        "রাশিয়া এবং উত্তর কোরিয়া ক্রমবর্ধমান ঘনিষ্ঠ সম্পর্ক তৈরি করছে।\n",
    )
    .unwrap();
    dir
}

fn awkward(dir: &Path, format: &str) -> String {
    let out = run(
        dir,
        &[
            "check",
            "--no-config",
            "--rules",
            "pack",
            "--format",
            format,
            ODD_NAME,
            "clean.txt",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

fn findings(report: &Value) -> Vec<Value> {
    common::findings(report)
}

/// Check a SARIF log against the schema and against the JSON report of the same run: every
/// result's character range holds exactly the finding's text.
fn check_sarif(sarif: &str, json: &str, texts: &[(&str, String)]) {
    let schema: Value = serde_json::from_str(
        &fs::read_to_string(fixture("schemas/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the SARIF schema compiles");
    let log: Value = serde_json::from_str(sarif).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF schema errors:\n{}",
        errors.join("\n")
    );

    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(ids, sorted, "rules are sorted and unique");

    let report: Value = serde_json::from_str(json).unwrap();
    let expected = findings(&report);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), expected.len());
    for (r, f) in results.iter().zip(&expected) {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert_eq!(r["ruleId"], f["rule"]);
        assert_eq!(r["partialFingerprints"]["mtqc/v1"], f["fingerprint"]);
        assert_eq!(r["properties"]["severity"], f["severity"]);
        let loc = &r["locations"][0]["physicalLocation"];
        let region = &loc["region"];
        assert_eq!(region["startLine"], f["line"]);
        assert_eq!(region["startColumn"], f["column"]);
        assert_eq!(region["endColumn"], f["end_column"]);
        let uri = loc["artifactLocation"]["uri"].as_str().unwrap();
        let text = &texts
            .iter()
            .find(|(u, _)| *u == uri)
            .unwrap_or_else(|| panic!("unknown uri {uri}"))
            .1;
        let chars: Vec<char> = text.chars().collect();
        let off = region["charOffset"].as_u64().unwrap() as usize;
        let len = region["charLength"].as_u64().unwrap() as usize;
        let flagged: String = chars[off..off + len].iter().collect();
        assert_eq!(flagged, f["text"].as_str().unwrap(), "charOffset of {r}");
        let level = if f["severity"] == "minor" {
            "warning"
        } else {
            "error"
        };
        assert_eq!(r["level"], level);
    }
}

#[test]
fn sarif_is_valid_and_its_ranges_hold_the_flagged_text() {
    let example_text = fs::read_to_string(fixture("bn-news-mt.txt")).unwrap();
    check_sarif(
        &example("sarif"),
        &example("json"),
        &[("bn-news-mt.txt", example_text)],
    );

    let dir = awkward_inputs();
    let odd = fs::read_to_string(dir.path().join(ODD_NAME)).unwrap();
    let odd = odd.strip_prefix('\u{FEFF}').unwrap().to_string();
    let sarif = awkward(dir.path(), "sarif");
    check_sarif(
        &sarif,
        &awkward(dir.path(), "json"),
        &[("odd%20%26%20%3Cname%3E%2C%20100%25%3A%20x.txt", odd)],
    );
    // The empty suggestion is a fix that deletes the control character.
    let log: Value = serde_json::from_str(&sarif).unwrap();
    let fixed = log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "pack.control")
        .expect("the control character is flagged");
    let replacement = &fixed["fixes"][0]["artifactChanges"][0]["replacements"][0];
    assert_eq!(replacement["insertedContent"]["text"], "");
    assert_eq!(replacement["deletedRegion"]["charLength"], 1);
}

/// Validate a JUnit report with xmllint; false when xmllint is missing outside CI.
fn xmllint_validates(xml_path: &Path) -> bool {
    let xsd = fixture("schemas/junit-ant.xsd");
    let out = Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(xml_path)
        .output();
    match out {
        Ok(out) => {
            assert!(
                out.status.success(),
                "xmllint rejects {}:\n{}",
                xml_path.display(),
                String::from_utf8_lossy(&out.stderr)
            );
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            if std::env::var_os("CI").is_some() {
                panic!("xmllint is missing on CI (apt-get install -y libxml2-utils)");
            }
            eprintln!("note: xmllint not found; JUnit schema validation skipped");
            false
        }
        Err(e) => panic!("xmllint does not run: {e}"),
    }
}

#[test]
fn junit_is_valid_against_the_ant_schema_and_keeps_bengali_and_controls_safe() {
    let tmp = tempfile::tempdir().unwrap();
    let example_xml = example("junit");
    assert!(example_xml.contains("রাজ্য গণমাধ্যম"));
    let example_path = tmp.path().join("example.xml");
    fs::write(&example_path, &example_xml).unwrap();
    if !xmllint_validates(&example_path) {
        return;
    }

    let dir = awkward_inputs();
    let xml = awkward(dir.path(), "junit");
    assert!(!xml.contains('\u{1}'), "a raw control character is not XML");
    assert!(xml.contains("[U+0001]"));
    assert!(xml.contains("odd &amp; &lt;name&gt;, 100%: x.txt"));
    assert!(xml.contains("600০০"));
    assert!(xml.contains("name=\"clean.txt\""));
    let path = tmp.path().join("awkward.xml");
    fs::write(&path, &xml).unwrap();
    xmllint_validates(&path);
}

/// The HTML page: one element per finding carrying its rule, severity, category, paragraph and
/// text (exactly, control characters and markup included), nothing from the input unescaped,
/// nothing loaded from elsewhere. The browser tests (`tests/browser/`) check the rest.
#[test]
fn html_is_one_self_contained_page_with_an_element_per_finding() {
    let dir = awkward_inputs();
    let html = awkward(dir.path(), "html");
    let json: Value = serde_json::from_str(&awkward(dir.path(), "json")).unwrap();
    let expected = findings(&json);
    let attr = |rest: &str, name: &str| -> String {
        let at = rest.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
        let value = &rest[at..at + rest[at..].find('"').unwrap()];
        value
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#13;", "\r")
            .replace("&amp;", "&")
    };
    let elements: Vec<&str> = html.split("<li class=\"finding\"").skip(1).collect();
    assert_eq!(elements.len(), expected.len());
    for (el, f) in elements.iter().zip(&expected) {
        let head = &el[..el.find('>').unwrap()];
        assert_eq!(attr(head, "data-rule"), f["rule"].as_str().unwrap());
        assert_eq!(attr(head, "data-severity"), f["severity"].as_str().unwrap());
        assert_eq!(attr(head, "data-category"), f["category"].as_str().unwrap());
        assert_eq!(attr(head, "data-text"), f["text"].as_str().unwrap());
    }
    assert!(html.starts_with("<!doctype html>"));
    assert_eq!(html.matches("<script>").count(), 1);
    assert!(!html.contains("<b>&quot;") && html.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt;"));
    assert!(html.contains("odd &amp; &lt;name&gt;, 100%: x.txt"));
    assert!(
        html.contains("data-cp=\"0001\""),
        "the control character is a badge"
    );
    for external in ["src=\"http", "href=\"http", "url(http", "<link", "<img"] {
        assert!(!html.contains(external), "{external}");
    }
}

#[test]
fn checkstyle_escapes_attributes() {
    let dir = awkward_inputs();
    let xml = awkward(dir.path(), "checkstyle");
    assert!(xml.contains("<file name=\"clean.txt\"/>"));
    assert!(xml.contains("source=\"pack.control\""));
    assert!(xml.contains("&lt;b&gt;&quot;x&quot;&lt;/b&gt;"));
    assert!(!xml.contains('\u{1}'));
}

/// Undo GitHub's workflow-command escaping of a property value.
fn unescape(s: &str) -> String {
    s.replace("%2C", ",")
        .replace("%3A", ":")
        .replace("%0A", "\n")
        .replace("%0D", "\r")
        .replace("%25", "%")
}

fn check_github(text: &str, paths: &[&str]) {
    assert!(!text.is_empty());
    for line in text.lines() {
        let rest = ["::error ", "::warning ", "::notice "]
            .iter()
            .find_map(|p| line.strip_prefix(p))
            .unwrap_or_else(|| panic!("not a workflow command: {line}"));
        let (props, message) = rest.split_once("::").expect("properties::message");
        assert!(!message.is_empty());
        let props: Vec<(&str, String)> = props
            .split(',')
            .map(|p| {
                let (k, v) = p.split_once('=').expect("key=value");
                (k, unescape(v))
            })
            .collect();
        let get = |k: &str| {
            props
                .iter()
                .find(|(key, _)| *key == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_else(|| panic!("no {k} in {line}"))
        };
        assert!(paths.contains(&get("file").as_str()), "{line}");
        for k in ["line", "col", "endLine", "endColumn"] {
            assert!(get(k).parse::<usize>().unwrap() >= 1, "{line}");
        }
        assert!(!get("title").is_empty());
    }
}

fn check_json_lines(text: &str) -> Vec<Value> {
    assert!(!text.is_empty());
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn line_formats_parse_line_by_line() {
    check_github(&example("github"), &["bn-news-mt.txt"]);
    let dir = awkward_inputs();
    let github = awkward(dir.path(), "github");
    check_github(&github, &[ODD_NAME]);
    assert!(github.contains("100%25%3A"), "`%` and `:` escaped in file=");
    assert!(github.contains("; suggestion: delete it"));

    for text in [example("rdjsonl"), awkward(dir.path(), "rdjsonl")] {
        for d in check_json_lines(&text) {
            assert!(d["message"].is_string());
            assert!(d["location"]["range"]["start"]["line"].as_u64().unwrap() >= 1);
            assert!(d["location"]["range"]["end"]["column"].as_u64().unwrap() >= 1);
            assert!(["ERROR", "WARNING", "INFO"].contains(&d["severity"].as_str().unwrap()));
            assert!(d["code"]["value"].is_string());
        }
    }

    let json: Value = serde_json::from_str(&example("json")).unwrap();
    let paragraphs = check_json_lines(&example("jsonl"));
    let from_report: Vec<Value> = json["files"][0]["paragraphs"].as_array().unwrap().clone();
    assert_eq!(paragraphs.len(), from_report.len());
    for (line, p) in paragraphs.iter().zip(&from_report) {
        assert_eq!(line["path"], "bn-news-mt.txt");
        assert_eq!(line["language"], "bn");
        for k in [
            "index", "line", "words", "penalty", "score", "pass", "findings",
        ] {
            assert_eq!(line[k], p[k], "{k}");
        }
    }
    let awkward_lines = check_json_lines(&awkward(dir.path(), "jsonl"));
    assert_eq!(awkward_lines.len(), 3, "two paragraphs and one");
}

#[test]
fn rdjson_columns_count_utf8_bytes() {
    let dir = awkward_inputs();
    let rd: Value = serde_json::from_str(&awkward(dir.path(), "rdjson")).unwrap();
    let d = rd["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "common.mixed-digit-number")
        .expect("600০০ is flagged");
    let col = BENGALI.find("600").unwrap() + 1;
    assert_eq!(d["location"]["range"]["start"]["column"], col);
    assert_eq!(d["location"]["range"]["end"]["column"], col + "600০০".len());
}

#[test]
fn output_file_is_written_atomically_and_never_over_an_input() {
    let dir = awkward_inputs();
    let expected = awkward(dir.path(), "sarif");
    let before: Vec<_> = names(dir.path());

    // A report file replaces an older one; nothing else is left in the directory.
    fs::write(dir.path().join("report.sarif"), "old").unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--rules",
            "pack",
            "--format",
            "sarif",
            "-o",
            "report.sarif",
            ODD_NAME,
            "clean.txt",
        ],
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the gate still decides the exit"
    );
    assert!(out.stdout.is_empty());
    assert_eq!(
        fs::read_to_string(dir.path().join("report.sarif")).unwrap(),
        expected
    );
    let mut after = before.clone();
    after.push("report.sarif".to_string());
    after.sort();
    assert_eq!(names(dir.path()), after, "no temporary file is left behind");

    // `--output` into a new subdirectory's file works too when the directory exists.
    fs::create_dir(dir.path().join("out")).unwrap();
    let out = run(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "markdown",
            "--output",
            "out/r.md",
            "clean.txt",
        ],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        fs::read_to_string(dir.path().join("out/r.md"))
            .unwrap()
            .starts_with("## mtqc: passed")
    );
    assert_eq!(names(&dir.path().join("out")), ["r.md"]);

    // FILE is an input: named as given, spelled differently, or found in a directory.
    let original = fs::read(dir.path().join("clean.txt")).unwrap();
    for (target, input) in [
        ("clean.txt", "clean.txt"),
        ("./clean.txt", "clean.txt"),
        ("clean.txt", "."),
    ] {
        let out = run(
            dir.path(),
            &[
                "check",
                "--no-config",
                "-o",
                target,
                input,
                "--format",
                "json",
            ],
        );
        assert_eq!(out.status.code(), Some(2), "-o {target} {input}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("is one of the inputs; refusing to overwrite it"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
        assert_eq!(fs::read(dir.path().join("clean.txt")).unwrap(), original);
    }

    // A report that cannot be written is an error (exit 2) and leaves no temporary file.
    let out = run(
        dir.path(),
        &["check", "--no-config", "-o", "missing/r.json", "clean.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("cannot write the report to missing/r.json")
    );
    let out = run(
        dir.path(),
        &["check", "--no-config", "-o", "out", "clean.txt"],
    );
    assert_eq!(
        out.status.code(),
        Some(2),
        "a directory is not a report file"
    );
    assert_eq!(names(&dir.path().join("out")), ["r.md"]);
    after.push("out".to_string());
    after.sort();
    assert_eq!(names(dir.path()), after);
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn every_format_is_offered_by_the_command_line() {
    let out = run(&fixture(""), &["check", "--help"]);
    let help = stdout(&out);
    for f in FORMATS {
        assert!(help.contains(f), "--help lists {f}");
    }
}
