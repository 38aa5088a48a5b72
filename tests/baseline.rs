//! Baselines survive reflowed and reordered text; only new findings fail. `mtqc diff` shows
//! what fixing anomalies did to the score.

mod common;

use std::fs;

use common::{findings, fixture, mtqc_in};

const DOC: &str = "রাশিয়া এবং উত্তর কোরিয়া ঘনিষ্ঠ সম্পর্ক তৈরি করছে, সিওল জানিয়েছেন, প্রায় 600০০ সেনা\nনিহত হয়েছে।\n\nতিনি বলেন, “আলোচনা ভালো হয়েছে,” তিনি বলেন, সংবাদ সংস্থা জানিয়েছে।\n\nদু’দেশের মধ্যে আরও ঘনিষ্ঠ যোগাযোগ ও যোগাযোগের বিষয়ে তারা সম্মত হন।\n";

fn run(dir: &std::path::Path, args: &[&str]) -> (serde_json::Value, i32, String) {
    let out = mtqc_in(dir, args, None);
    let report = serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        report,
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn baseline_survives_reflow_and_reorder_and_fails_only_on_the_new_finding() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), DOC).unwrap();
    let common = [
        "check",
        "--no-config",
        "--paragraphs",
        "blank-line",
        "--format",
        "json",
    ];
    let (before, code, _) = run(
        dir.path(),
        &[&common[..], &["--write-baseline", "base.json", "doc.txt"]].concat(),
    );
    assert_eq!(code, 1);
    assert_eq!(findings(&before).len(), 3, "{:#?}", findings(&before));

    // Give one entry a reason: writing the baseline again keeps it.
    let mut base: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.path().join("base.json")).unwrap()).unwrap();
    base["findings"][0]["reason"] = "accepted by the editor".into();
    fs::write(
        dir.path().join("base.json"),
        serde_json::to_string_pretty(&base).unwrap(),
    )
    .unwrap();

    // Reorder the paragraphs, re-wrap lines, and add one new anomaly (a doubled word).
    let paragraphs: Vec<&str> = DOC.trim_end().split("\n\n").collect();
    let edited = format!(
        "{}\n\n{}\n\n{}\n\nনতুন অনুচ্ছেদে ভাইরাস ভাইরাস ছড়িয়েছে।\n",
        paragraphs[2].replace(" ও ", "\nও "),
        paragraphs[0].replace('\n', " "),
        paragraphs[1]
    );
    fs::write(dir.path().join("doc.txt"), edited).unwrap();
    let (after, code, _) = run(
        dir.path(),
        &[&common[..], &["--baseline", "base.json", "doc.txt"]].concat(),
    );
    assert_eq!(code, 1, "the new anomaly fails the gate");
    let left = findings(&after);
    assert_eq!(left.len(), 1, "only the new finding: {left:#?}");
    assert_eq!(left[0]["rule"], "common.repeated-word");
    assert_eq!(after["summary"]["baselined"], 3);

    // Without the new anomaly the gate passes.
    let fixed = fs::read_to_string(dir.path().join("doc.txt"))
        .unwrap()
        .replace("ভাইরাস ভাইরাস", "ভাইরাস");
    fs::write(dir.path().join("doc.txt"), fixed).unwrap();
    let (_, code, _) = run(
        dir.path(),
        &[&common[..], &["--baseline", "base.json", "doc.txt"]].concat(),
    );
    assert_eq!(code, 0);

    let (_, _, stderr) = run(
        dir.path(),
        &[
            &common[..],
            &[
                "--baseline",
                "base.json",
                "--write-baseline",
                "base.json",
                "doc.txt",
            ],
        ]
        .concat(),
    );
    assert!(stderr.contains("recorded 3 findings"), "{stderr}");
    let kept = fs::read_to_string(dir.path().join("base.json")).unwrap();
    assert!(kept.contains("accepted by the editor"));
}

#[test]
fn a_broken_baseline_is_an_error_and_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), DOC).unwrap();
    fs::write(dir.path().join("base.json"), "{ not json").unwrap();
    let (_, code, stderr) = run(dir.path(), &["check", "--baseline", "base.json", "doc.txt"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("base.json:1:3: not an mtqc baseline"),
        "{stderr}"
    );
    let (_, code, _) = run(
        dir.path(),
        &["check", "--write-baseline", "base.json", "doc.txt"],
    );
    assert_eq!(code, 2);
    assert_eq!(
        fs::read_to_string(dir.path().join("base.json")).unwrap(),
        "{ not json"
    );
    let (_, code, stderr) = run(
        dir.path(),
        &["check", "--write-baseline", "doc.txt", "doc.txt"],
    );
    assert_eq!(code, 2);
    assert!(stderr.contains("--write-baseline doc.txt: is one of the inputs"));
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn diff_of_the_example_before_and_after_fixing_two_anomalies() {
    let original = fs::read_to_string(fixture("bn-news-mt.txt")).unwrap();
    let fixed = original
        .replace("600০০", "৬০০০০")
        .replace("যোগাযোগ ও যোগাযোগের", "যোগাযোগের");
    assert_ne!(original, fixed);
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [("old", &original), ("new", &fixed)] {
        fs::create_dir(dir.path().join(name)).unwrap();
        fs::write(dir.path().join(name).join("bn-news-mt.txt"), text).unwrap();
        let out = mtqc_in(
            &dir.path().join(name),
            &[
                "check",
                "--no-config",
                "--format",
                "json",
                "-o",
                "../report.json",
                "bn-news-mt.txt",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(1));
        fs::rename(
            dir.path().join("report.json"),
            dir.path().join(format!("{name}.json")),
        )
        .unwrap();
    }
    let human = mtqc_in(dir.path(), &["diff", "old.json", "new.json"], None);
    assert_eq!(human.status.code(), Some(0), "the score rose");
    let human = String::from_utf8(human.stdout).unwrap();
    assert!(human.contains("fixed findings (2)"), "{human}");
    assert!(human.contains("new findings (0)"));
    let json = mtqc_in(
        dir.path(),
        &["diff", "--format", "json", "old.json", "new.json"],
        None,
    );
    let d: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(d["delta"].as_f64().unwrap() > 0.0);
    settings().bind(|| {
        insta::assert_snapshot!("diff_human", human);
        insta::assert_snapshot!("diff_json", String::from_utf8(json.stdout).unwrap());
    });

    // The other way round the score drops: exit 1, unless the drop is allowed.
    let back = mtqc_in(dir.path(), &["diff", "new.json", "old.json"], None);
    assert_eq!(back.status.code(), Some(1));
    let allowed = mtqc_in(
        dir.path(),
        &["diff", "--max-drop", "10", "new.json", "old.json"],
        None,
    );
    assert_eq!(allowed.status.code(), Some(0));
    let bad = mtqc_in(dir.path(), &["diff", "old.json", "missing.json"], None);
    assert_eq!(bad.status.code(), Some(2));
}
