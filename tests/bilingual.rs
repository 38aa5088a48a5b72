//! Bilingual inputs end to end, as a QA team runs them: the JSON report of a real file of each
//! format (insta snapshots in `snapshots/`), the unit id in every output format, a glossary
//! in TSV and in TBX, and `mtqc diff` of two MT runs over the same sources, unit by unit.

mod common;

use std::fs;
use std::path::Path;

use common::{fixture, mtqc_in};

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

/// `mtqc check --no-config ARGS` in `dir`: stdout, stderr and the exit code.
fn check(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let mut all = vec!["check", "--no-config", "--color", "never"];
    all.extend(args);
    let out = mtqc_in(dir, &all, None);
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap_or(-1),
    )
}

/// The JSON report of a fixture of `tests/fixtures/formats/`, run from that folder (the paths
/// in the report are the same anywhere).
fn json_of(name: &str) -> String {
    let (out, err, code) = check(&fixture("formats"), &["--format", "json", name]);
    assert!(code == 0 || code == 1, "{name}: exit {code}: {err}");
    out
}

#[test]
fn xliff_1_2_report() {
    settings().bind(|| insta::assert_snapshot!("format_xliff12", json_of("focus-ios.bn.xliff")));
}

#[test]
fn xliff_2_0_report() {
    settings().bind(|| insta::assert_snapshot!("format_xliff20", json_of("matecat-39.ja.xliff")));
}

#[test]
fn po_report() {
    settings().bind(|| insta::assert_snapshot!("format_po", json_of("django.bn.po")));
}

#[test]
fn tmx_report() {
    settings().bind(|| insta::assert_snapshot!("format_tmx", json_of("tico19.en-bn-hi.tmx")));
}

#[test]
fn jsonl_report() {
    settings().bind(|| insta::assert_snapshot!("format_jsonl", json_of("tico19.bn.jsonl")));
}

#[test]
fn tsv_report() {
    settings().bind(|| insta::assert_snapshot!("format_tsv", json_of("tico19.bn.tsv")));
}

/// Units of an MT run as JSONL: `(id, source, target)`.
fn write_units(path: &Path, units: &[(&str, &str, &str)]) {
    let mut text = String::new();
    for (id, src, tgt) in units {
        text.push_str(&serde_json::json!({ "id": id, "src": src, "tgt": tgt }).to_string());
        text.push('\n');
    }
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

const SOURCE_1: &str = "The ministry said 600 people were tested on Monday.";
const SOURCE_2: &str = "Wash your hands often with soap and water.";
const SOURCE_3: &str = "Stay at home if you have a fever.";
const TARGET_1: &str = "মন্ত্রণালয় জানিয়েছে, সোমবার ৬০০ জনের পরীক্ষা করা হয়েছে।";
const TARGET_2: &str = "সাবান ও পানি দিয়ে ঘন ঘন হাত ধুয়ে ফেলুন।";
const TARGET_3: &str = "জ্বর থাকলে বাড়িতে থাকুন।";

#[test]
fn every_format_names_the_unit_of_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    // The number of unit u-17 is changed in translation (600 -> 6000).
    write_units(
        &dir.path().join("run.jsonl"),
        &[
            ("u-17", SOURCE_1, &TARGET_1.replace("৬০০", "৬০০০")),
            ("u-18", SOURCE_2, TARGET_2),
        ],
    );
    let (json, _, code) = check(dir.path(), &["--format", "json", "run.jsonl"]);
    assert_eq!(code, 1, "{json}");
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let paragraphs = report["files"][0]["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs[0]["id"], "u-17");
    assert_eq!(paragraphs[0]["source"], SOURCE_1);
    let finding = &paragraphs[0]["findings"][0];
    assert_eq!(finding["rule"], "common.number-mismatch", "{finding}");
    assert_eq!(finding["unit"], "u-17");
    assert!(paragraphs[1]["findings"].as_array().unwrap().is_empty());
    for format in std::iter::once("human").chain(common::FORMATS) {
        let (out, err, code) = check(dir.path(), &["--format", format, "run.jsonl"]);
        assert_eq!(code, 1, "{format}: {err}");
        assert!(out.contains("u-17"), "{format} names the unit:\n{out}");
        assert!(
            !out.contains("u-18") || matches!(format, "jsonl" | "junit" | "html"),
            "{format} names only units with findings (or lists every unit):\n{out}"
        );
    }
}

/// The glossary findings of `mtqc check` on `target` against `en.txt` in `d`: (unit, message).
fn glossary_findings(d: &Path, glossary: &str, target: &str) -> Vec<(String, String)> {
    let (out, err, code) = check(
        d,
        &[
            "--format",
            "json",
            "--lang",
            "bn",
            "--glossary",
            glossary,
            "--source",
            "en.txt",
            target,
        ],
    );
    assert!(code == 0 || code == 1, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    common::findings(&report)
        .into_iter()
        .filter(|f| f["rule"] == "common.glossary-term")
        .map(|f| {
            (
                f["unit"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_glossary_holds_targets_to_its_terms_in_tsv_and_tbx() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("en.txt"), format!("{SOURCE_2}\n{SOURCE_3}\n")).unwrap();
    // The glossary says "soap" is সাবান; the second line has no soap, so nothing is required.
    let with_term = format!("{TARGET_2}\n{TARGET_3}\n");
    let without = with_term.replace("সাবান", "সাবুন");
    fs::write(d.join("good.txt"), &with_term).unwrap();
    fs::write(d.join("bad.txt"), &without).unwrap();
    fs::write(d.join("terms.tsv"), "en\tbn\nsoap\tসাবান\n").unwrap();
    fs::write(
        d.join("terms.tbx"),
        r#"<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX-Basic" xml:lang="en"><text><body>
  <termEntry id="soap">
    <langSet xml:lang="en"><tig><term>soap</term></tig></langSet>
    <langSet xml:lang="bn"><tig><term>সাবান</term></tig></langSet>
    <langSet xml:lang="hi"><tig><term>साबुन</term></tig></langSet>
  </termEntry>
</body></text></martif>
"#,
    )
    .unwrap();
    for glossary in ["terms.tsv", "terms.tbx"] {
        let run = |target: &str| glossary_findings(d, glossary, target);
        assert!(run("good.txt").is_empty(), "{glossary}");
        let bad = run("bad.txt");
        assert_eq!(bad.len(), 1, "{glossary}: {bad:?}");
        assert_eq!(bad[0].0, "1", "the unit is the line");
        assert!(bad[0].1.contains("সাবান"), "{bad:?}");
    }
    // Two terms missing from one unit are two findings, each naming its term (both cover the
    // whole unit: neither may hide the other).
    fs::write(d.join("two.tsv"), "en\tbn\nsoap\tসাবান\nwater\tপানি\n").unwrap();
    fs::write(d.join("both.txt"), without.replace("পানি", "জল")).unwrap();
    let mut terms: Vec<String> = glossary_findings(d, "two.tsv", "both.txt")
        .into_iter()
        .map(|(_, message)| message)
        .collect();
    terms.sort();
    assert_eq!(terms.len(), 2, "{terms:?}");
    assert!(
        terms[0].contains("`soap`") && terms[1].contains("`water`"),
        "{terms:?}"
    );
    // A glossary that cannot be read is an error naming it, exit 2.
    fs::write(d.join("broken.tbx"), "<martif><text><body><termEntry>").unwrap();
    let (_, err, code) = check(
        d,
        &["--glossary", "broken.tbx", "--source", "en.txt", "good.txt"],
    );
    assert_eq!(code, 2);
    assert!(err.contains("broken.tbx:1:"), "{err}");
}

#[test]
fn diff_of_two_mt_runs_compares_unit_by_unit() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // Engine B repeats a word in unit 2 and translates unit 3, which engine A left in English.
    write_units(
        &d.join("engine-a/units.jsonl"),
        &[
            ("1", SOURCE_1, TARGET_1),
            ("2", SOURCE_2, TARGET_2),
            ("3", SOURCE_3, SOURCE_3),
        ],
    );
    write_units(
        &d.join("engine-b/units.jsonl"),
        &[
            ("1", SOURCE_1, TARGET_1),
            ("2", SOURCE_2, &TARGET_2.replace("সাবান", "সাবান সাবান")),
            ("3", SOURCE_3, TARGET_3),
        ],
    );
    for engine in ["engine-a", "engine-b"] {
        let (_, err, code) = check(
            d,
            &[
                "--format",
                "json",
                "--lang",
                "bn",
                "-o",
                &format!("{engine}.json"),
                &format!("{engine}/units.jsonl"),
            ],
        );
        assert_eq!(code, 1, "{engine}: {err}");
    }
    let out = mtqc_in(
        d,
        &["diff", "--format", "json", "engine-a.json", "engine-b.json"],
        None,
    );
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let units: Vec<(&str, f64)> = diff["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["id"].as_str().unwrap(), u["delta"].as_f64().unwrap()))
        .collect();
    // Unit 2 got worse, unit 3 better; unit 1 is the same and not listed. Worst first.
    assert_eq!(units.len(), 2, "{units:?}");
    assert_eq!(units[0].0, "2");
    assert!(units[0].1 < 0.0);
    assert_eq!(units[1].0, "3");
    assert!(units[1].1 > 0.0);
    let new: Vec<(&str, &str)> = diff["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["unit"].as_str().unwrap(), f["rule"].as_str().unwrap()))
        .collect();
    assert_eq!(new, [("2", "common.repeated-word")]);
    let fixed: Vec<&str> = diff["fixed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["unit"].as_str().unwrap())
        .collect();
    assert!(
        !fixed.is_empty() && fixed.iter().all(|u| *u == "3"),
        "{fixed:?}"
    );
    let human = mtqc_in(d, &["diff", "engine-a.json", "engine-b.json"], None);
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(human.contains("units (2 changed):"), "{human}");
    assert!(human.contains("units.jsonl unit 2:"), "{human}");
}

/// The README's bilingual example: the occupation translated as a profession against the TBX
/// glossary, and the casualty figure changed, each on its unit.
#[test]
fn the_readme_bilingual_example() {
    let (out, err, code) = check(
        &fixture(""),
        &[
            "--format",
            "json",
            "--source",
            "bilingual-en.txt",
            "--glossary",
            "glossary.en-bn.tbx",
            "bilingual-bn.txt",
        ],
    );
    assert_eq!(code, 1, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, String)> = common::findings(&report)
        .iter()
        .filter(|f| f["kind"].as_str().unwrap().starts_with("source-"))
        .map(|f| {
            (
                f["unit"].as_str().unwrap().to_string(),
                f["rule"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("1".to_string(), "common.glossary-term".to_string()),
            ("5".to_string(), "common.number-mismatch".to_string()),
        ]
    );
}

/// One source translated two ways is a defect of the file, so `--segments` (every unit its own
/// document for the other document rules) still compares the units of the file.
#[test]
fn inconsistent_translations_are_found_with_and_without_segments() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write_units(
        &d.join("units.jsonl"),
        &[
            ("1", SOURCE_3, TARGET_3),
            ("2", SOURCE_1, TARGET_1),
            ("3", SOURCE_3, "জ্বর হলে ঘরে থাকুন।"),
        ],
    );
    for segments in [false, true] {
        let mut args = vec!["--format", "json", "--lang", "bn", "--fail-on", "never"];
        if segments {
            args.push("--segments");
        }
        args.push("units.jsonl");
        let (out, err, code) = check(d, &args);
        assert_eq!(code, 0, "{err}");
        let report: serde_json::Value = serde_json::from_str(&out).unwrap();
        let found: Vec<(String, String)> = report["files"][0]["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|p| {
                p["findings"].as_array().unwrap().iter().map(move |f| {
                    (
                        f["unit"].as_str().unwrap().to_string(),
                        f["rule"].as_str().unwrap().to_string(),
                    )
                })
            })
            .filter(|(_, rule)| rule.starts_with("common.inconsistent"))
            .collect();
        assert_eq!(
            found,
            [(
                "3".to_string(),
                "common.inconsistent-translation".to_string()
            )],
            "segments {segments}"
        );
    }
}

/// The rules (and units) a PO catalogue's findings name.
fn po_findings(po: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("app.ru.po"), po).unwrap();
    let (out, err, code) = check(
        dir.path(),
        &["--format", "json", "--fail-on", "never", "app.ru.po"],
    );
    assert_eq!(code, 0, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    report["files"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| {
            p["findings"].as_array().unwrap().iter().map(|f| {
                (
                    f["unit"].as_str().unwrap_or("").to_string(),
                    f["rule"].as_str().unwrap().to_string(),
                )
            })
        })
        .collect()
}

#[test]
fn po_contexts_and_plural_forms_are_read_as_gettext_means_them() {
    let header = "msgid \"\"\nmsgstr \"\"\n\"Language: ru\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n";
    // One source in two contexts is two sources: no inconsistency.
    let contexts = format!(
        "{header}msgctxt \"menu action\"\nmsgid \"Open\"\nmsgstr \"Открыть\"\n\n\
         msgctxt \"ticket status\"\nmsgid \"Open\"\nmsgstr \"Открыт\"\n"
    );
    assert_eq!(po_findings(&contexts), []);
    // Without the contexts it is one source translated two ways.
    let same = contexts
        .replace("msgctxt \"menu action\"\n", "")
        .replace("msgctxt \"ticket status\"\n", "");
    assert!(
        po_findings(&same)
            .iter()
            .any(|(_, r)| r == "common.inconsistent-translation"),
        "{:?}",
        po_findings(&same)
    );
    // Form 0 may carry the count of msgid_plural (Russian form 0 also counts 21, 31...).
    let plural = format!(
        "{header}msgid \"One comment\"\nmsgid_plural \"%(count)s comments\"\n\
         msgstr[0] \"%(count)s комментарий\"\nmsgstr[1] \"%(count)s комментария\"\n\
         msgstr[2] \"%(count)s комментариев\"\n"
    );
    assert_eq!(po_findings(&plural), []);
    // A placeholder neither source has is still extra.
    let extra = plural.replace(
        "msgstr[0] \"%(count)s комментарий\"",
        "msgstr[0] \"%(total)s комментарий\"",
    );
    assert!(
        po_findings(&extra)
            .iter()
            .any(|(_, r)| r == "common.placeholder-mismatch")
    );
}
