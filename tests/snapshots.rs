//! The rendered reports of the example, reviewed as insta snapshots in `snapshots/`.

mod common;

use common::{fixture, mtqc_in};

fn report(format: &str) -> String {
    // Run from the fixtures folder with a relative path, so the report is the same anywhere.
    let out = mtqc_in(
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
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_snapshot_path("../snapshots");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn human_report_of_the_example() {
    settings().bind(|| insta::assert_snapshot!("example_human", report("human")));
}

#[test]
fn json_report_of_the_example() {
    settings().bind(|| insta::assert_snapshot!("example_json", report("json")));
}
