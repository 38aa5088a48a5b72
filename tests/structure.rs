//! What the structure issue promised a user: one gate everywhere, inputs read one way (UTF-16,
//! ignore files, no path), kinds of one algorithm whose old names still load, rule files checked
//! for meaningless options and placeholders, and the defects it fixed in renderers and options.

mod common;

use std::fs;
use std::path::Path;

use common::{findings, fixture, mtqc_in};
use serde_json::Value;

const MAJOR: &str = "সিওল জানিয়েছেন, প্রায় 600০০ সেনা নিহত হয়েছে।\n";
const MINOR: &str = "রাশিয়া  এবং উত্তর কোরিয়া সম্পর্ক তৈরি করছে।\n";
/// A paragraph left in English: a critical finding.
const CRITICAL: &str = "আকাশে মেঘ করেছে।\nনদীর জল বাড়ছে।\nগ্রামে বৃষ্টি নামল।\nমাঠে ধান পেকেছে।\nসবাই ঘরে ফিরল।\n\
    The health ministry said on Tuesday that the number of new infections had fallen for the \
    third week in a row, although hospitals were still under heavy pressure.\n";

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(o)))
}

/// For every `--fail-on` and `--fail-under`, the exit code is `summary.pass`, every file's
/// `pass` agrees with its paragraphs and score, and the human report says the same.
#[test]
fn the_gate_agrees_with_itself_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("major.txt", MAJOR),
        ("minor.txt", MINOR),
        ("critical.txt", CRITICAL),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
    }
    for fail_on in ["minor", "major", "critical", "never"] {
        for fail_under in [None, Some("10"), Some("99")] {
            let mut args = vec!["check", "--fail-on", fail_on, "--format", "json"];
            if let Some(t) = fail_under {
                args.extend(["--fail-under", t]);
            }
            args.extend(["major.txt", "minor.txt", "critical.txt"]);
            let out = mtqc_in(dir.path(), &args, None);
            let report = json(&out);
            let pass = report["summary"]["pass"].as_bool().unwrap();
            let code = out.status.code().unwrap();
            assert_eq!(code, if pass { 0 } else { 1 }, "{args:?}");
            for file in report["files"].as_array().unwrap() {
                let paragraphs_pass = file["paragraphs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .all(|p| p["pass"] == true);
                let score = file["score"].as_f64().unwrap();
                let by_score = fail_under.is_none_or(|t| score >= t.parse::<f64>().unwrap());
                assert_eq!(file["pass"], paragraphs_pass && by_score, "{args:?}");
                if fail_on == "never" {
                    assert!(
                        paragraphs_pass,
                        "--fail-on never fails no paragraph: {args:?}"
                    );
                }
            }
            args[4] = "human";
            let human = mtqc_in(dir.path(), &args, None);
            assert_eq!(human.status.code(), Some(code));
            let said = String::from_utf8_lossy(&human.stdout);
            let verdict = if pass { "passed" } else { "failed" };
            assert!(said.contains(&format!("): {verdict}")), "{args:?}: {said}");
        }
    }
    // A critical finding with --fail-on never: nothing fails.
    let out = mtqc_in(
        dir.path(),
        &[
            "check",
            "--fail-on",
            "never",
            "--format",
            "json",
            "critical.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["summary"]["findings"]["critical"], 1);
}

#[test]
fn utf16_files_with_a_bom_are_text_with_offsets_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bom, le) in [
        ("le.txt", [0xFF, 0xFE], true),
        ("be.txt", [0xFE, 0xFF], false),
    ] {
        let mut bytes = bom.to_vec();
        for u in MAJOR.encode_utf16() {
            bytes.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        fs::write(dir.path().join(name), &bytes).unwrap();
        let out = mtqc_in(dir.path(), &["check", "--format", "json", name], None);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let f = findings(&json(&out));
        let mixed = f.iter().find(|f| f["text"] == "600০০").expect("found");
        let start = mixed["start"].as_u64().unwrap() as usize;
        let end = mixed["end"].as_u64().unwrap() as usize;
        let units: Vec<u16> = bytes[start..end]
            .chunks(2)
            .map(|p| {
                if le {
                    u16::from_le_bytes([p[0], p[1]])
                } else {
                    u16::from_be_bytes([p[0], p[1]])
                }
            })
            .collect();
        assert_eq!(String::from_utf16(&units).unwrap(), "600০০");
    }
}

#[test]
fn no_path_reads_a_pipe_and_an_empty_pipe_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = mtqc_in(dir.path(), &["check", "--format", "json"], Some(MAJOR));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["files"][0]["path"], "<stdin>");
    let out = mtqc_in(dir.path(), &["check"], Some(""));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("standard input is empty"),
        "{}",
        stderr(&out)
    );
}

fn walked(dir: &Path, extra: &[&str]) -> Vec<String> {
    let mut args = vec!["check", "--format", "json", "--fail-on", "never"];
    args.extend(extra);
    args.push("d");
    let out = mtqc_in(dir, &args, None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    json(&out)["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn walks_honour_ignore_files_and_hidden_entries_as_ripgrep_does() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    fs::create_dir_all(d.join("vendor")).unwrap();
    fs::create_dir_all(d.join(".hidden")).unwrap();
    for f in ["a.txt", "vendor/b.txt", ".hidden/c.txt", "skip.txt"] {
        fs::write(d.join(f), MINOR).unwrap();
    }
    fs::write(d.join(".ignore"), "vendor/\n").unwrap();
    fs::write(d.join(".gitignore"), "skip.txt\n").unwrap();
    // .gitignore counts in a git repository only, .ignore everywhere.
    assert_eq!(walked(dir.path(), &[]), ["d/a.txt", "d/skip.txt"]);
    fs::create_dir(d.join(".git")).unwrap();
    assert_eq!(walked(dir.path(), &[]), ["d/a.txt"]);
    assert_eq!(
        walked(dir.path(), &["--no-ignore"]),
        ["d/a.txt", "d/skip.txt", "d/vendor/b.txt"]
    );
    assert_eq!(
        walked(dir.path(), &["--no-ignore", "--hidden"]),
        ["d/.hidden/c.txt", "d/a.txt", "d/skip.txt", "d/vendor/b.txt"]
    );
}

#[test]
fn walks_check_known_extensions_unless_told_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("d");
    fs::create_dir_all(d.join("rules")).unwrap();
    for f in [
        "a.txt",
        "b.md",
        "c.xliff",
        "notes.rst",
        "mtqc.toml",
        "rules/pack.toml",
    ] {
        fs::write(d.join(f), MINOR).unwrap();
    }
    fs::write(
        d.join("c.xliff"),
        "<xliff version=\"1.2\"><file source-language=\"en\" target-language=\"bn\">\
         <body><trans-unit id=\"1\"><source>Hello</source><target>নমস্কার</target>\
         </trans-unit></body></file></xliff>",
    )
    .unwrap();
    assert_eq!(walked(dir.path(), &[]), ["d/a.txt", "d/b.md", "d/c.xliff"]);
    assert_eq!(walked(dir.path(), &["--include", "*.rst"]), ["d/notes.rst"]);
    assert_eq!(
        walked(dir.path(), &["--exclude", "*.md", "--exclude", "c.*"]),
        ["d/a.txt"]
    );
}

#[test]
fn language_tags_select_the_same_packs_and_bad_ones_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let example = fixture("bn-news-mt.txt");
    let example = example.to_str().unwrap();
    let reference = json(&mtqc_in(
        dir.path(),
        &["check", "--format", "json", "--lang", "bn", example],
        None,
    ));
    for tag in ["bn-BD", "bn_BD", "BN", "ben"] {
        let out = mtqc_in(
            dir.path(),
            &["check", "--format", "json", "--lang", tag, example],
            None,
        );
        assert_eq!(json(&out)["files"], reference["files"], "--lang {tag}");
    }
    for bad in ["english", "xx", "b-"] {
        let out = mtqc_in(dir.path(), &["check", "--lang", bad, example], None);
        assert_eq!(out.status.code(), Some(2), "--lang {bad}");
        assert!(stderr(&out).contains("--lang"), "{}", stderr(&out));
    }
    let out = mtqc_in(
        dir.path(),
        &["check", "--format", "json", "--lang", "yo", example],
        None,
    );
    assert!(
        stderr(&out).contains("no language pack for `yo`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json(&out)["files"][0]["language"], "yo");
}

#[test]
fn the_terminal_report_escapes_control_characters_from_the_input() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("t.txt"),
        "রাশিয়া  এবং \u{1b}[2J\u{1b}]0;owned\u{7} কোরিয়া\u{202E}সম্পর্ক\r তৈরি 600০০।\n",
    )
    .unwrap();
    let out = mtqc_in(dir.path(), &["check", "--color", "never", "t.txt"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("600০০"), "{text}");
    for c in ['\u{1b}', '\u{7}', '\u{202E}', '\r'] {
        assert!(!text.contains(c), "{:?} reached the terminal: {text}", c);
    }
    assert!(text.contains("‹U+001B›"), "{text}");
}

#[test]
fn repository_paths_in_gitlab_sarif_and_github_and_github_columns_on_one_line_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("sub")).unwrap();
    // The repeated word spans a line break in blank-line mode: no columns for GitHub.
    fs::write(
        dir.path().join("sub/doc.txt"),
        "ভাইরাস\nভাইরাস ছড়ায়, প্রায় 600০০ জন আক্রান্ত।\n",
    )
    .unwrap();
    let abs = dir.path().join("sub/doc.txt");
    for path in ["sub/doc.txt", "./sub/../sub/doc.txt", abs.to_str().unwrap()] {
        let base = ["check", "--paragraphs", "blank-line", "--format"];
        let gitlab = mtqc_in(dir.path(), &[&base[..], &["gitlab", path]].concat(), None);
        let issues = json(&gitlab);
        for issue in issues.as_array().unwrap() {
            assert_eq!(issue["location"]["path"], "sub/doc.txt", "{path}");
        }
        let sarif = json(&mtqc_in(
            dir.path(),
            &[&base[..], &["sarif", path]].concat(),
            None,
        ));
        let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"];
        assert_eq!(uri, "sub/doc.txt", "{path}");
        let github = mtqc_in(dir.path(), &[&base[..], &["github", path]].concat(), None);
        let text = String::from_utf8_lossy(&github.stdout);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(
            lines.iter().all(|l| l.contains("file=sub/doc.txt,")),
            "{text}"
        );
        let multi = lines.iter().find(|l| l.contains("repeated-word")).unwrap();
        assert!(
            multi.contains("line=1,endLine=2,title") && !multi.contains("col="),
            "{multi}"
        );
        let single = lines.iter().find(|l| l.contains("mixed-digit")).unwrap();
        assert!(
            single.contains(",col=") && single.contains(",endColumn="),
            "{single}"
        );
    }
}

#[test]
fn sarif_rule_descriptions_have_no_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let out = mtqc_in(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            fixture("bn-news-mt.txt").to_str().unwrap(),
        ],
        None,
    );
    let sarif = json(&out);
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.len() > 10);
    for r in rules {
        let short = r["shortDescription"]["text"].as_str().unwrap();
        assert!(
            !short.contains('{') && !short.is_empty(),
            "{}: {short}",
            r["id"]
        );
    }
}

fn rules_test(dir: &Path, rule: &str) -> (i32, String) {
    fs::create_dir_all(dir.join("pack")).unwrap();
    fs::write(dir.join("pack/rules.toml"), rule).unwrap();
    let out = mtqc_in(dir, &["rules", "test", "pack"], None);
    (
        out.status.code().unwrap(),
        format!("{}{}", String::from_utf8_lossy(&out.stdout), stderr(&out)),
    )
}

const HEADER: &str = "[[rule]]\nid = \"r\"\nseverity = \"minor\"\ncategory = \"style/x\"\ndoc = \"Minor: a test.\"\n";

#[test]
fn old_kind_names_load_and_meaningless_options_and_placeholders_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let examples = "[[rule.examples]]\ntext = \"রাশিয়া  এবং ভাইরাস ভাইরাস\"\nflags = [\"ভাইরাস ভাইরাস\"]\n\
        [[rule.examples]]\ntext = \"রাশিয়া এবং\"\n";
    // The old `kind` + `mode` loads as the kind now.
    let old = format!(
        "{HEADER}kind = \"repetition\"\nmode = \"repeated\"\nmessage = \"`{{match}}`\"\n{examples}"
    );
    let (code, out) = rules_test(dir.path(), &old);
    assert_eq!(code, 0, "{out}");
    // An option of another kind is an error at its line.
    let other = format!(
        "{HEADER}kind = \"repetition\"\nconjunctions = [\"ও\"]\nmessage = \"`{{match}}`\"\n{examples}"
    );
    let (code, out) = rules_test(dir.path(), &other);
    assert_eq!(code, 2);
    assert!(
        out.contains(
            "rules.toml:7:1: unknown field `conjunctions` for a rule of kind `repetition`"
        ),
        "{out}"
    );
    // A placeholder the kind does not give is an error at the placeholder.
    let typo = format!(
        "{HEADER}kind = \"attribution\"\nverbs = []\nmessage = \"`{{match}}` after `{{frist}}`\"\n{examples}"
    );
    let (code, out) = rules_test(dir.path(), &typo);
    assert_eq!(code, 2);
    assert!(
        out.contains("unknown placeholder `{frist}`") && out.contains("{first}"),
        "{out}"
    );
    assert!(out.contains("rules.toml:8:"), "{out}");
    // A mode a kind never had is an error naming the kinds.
    let mode =
        format!("{HEADER}kind = \"numerals\"\nmode = \"roman\"\nmessage = \"x\"\n{examples}");
    let (code, out) = rules_test(dir.path(), &mode);
    assert_eq!(code, 2);
    assert!(out.contains("has no mode `roman`"), "{out}");
}

#[test]
fn a_firing_example_must_give_as_many_findings_as_it_lists() {
    let dir = tempfile::tempdir().unwrap();
    let rule = format!(
        "{HEADER}kind = \"pattern\"\nregex = 'ab'\nmessage = \"`{{match}}`\"\n\
         [[rule.examples]]\ntext = \"ab ab\"\nflags = [\"ab\"]\n\
         [[rule.examples]]\ntext = \"ba\"\n"
    );
    let (code, out) = rules_test(dir.path(), &rule);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("must give 1 finding(s)"), "{out}");
    let counted = rule.replace("flags = [\"ab\"]", "flags = [\"ab\"]\ncount = 2");
    let (code, out) = rules_test(dir.path(), &counted);
    assert_eq!(code, 0, "{out}");
}

/// The README's table of kinds lists exactly the kinds of the registry.
#[test]
fn the_readme_lists_every_kind_of_the_registry() {
    let readme =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let section = readme
        .split("<!-- kinds -->")
        .nth(1)
        .and_then(|rest| rest.split("<!-- /kinds -->").next())
        .expect("the README marks its kind table with <!-- kinds --> and <!-- /kinds -->");
    let listed: Vec<&str> = section
        .lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| l.split('`').next())
        .collect();
    let registry: Vec<&str> = mtqc::checks::KINDS.iter().map(|k| k.name).collect();
    assert_eq!(listed, registry);
}
