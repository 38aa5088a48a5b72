//! Replays the saved fuzz inputs of `tests/fixtures/fuzz/` through the code path of their
//! target, without libFuzzer, so every crash the fuzzers found stays fixed; and runs the seed
//! fixtures through the same paths, so the harness itself is exercised on every `cargo test`.

#[path = "../fuzz/src/lib.rs"]
mod harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

type Target = fn(&[u8]);

const TARGETS: &[(&str, Target)] = &[
    ("rule_pack", harness::rule_pack),
    ("check_bytes", harness::check_bytes),
    ("config", harness::config),
];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files(dir: &str, keep: impl Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && keep(p))
        .collect();
    out.sort();
    out
}

/// Run each (name, target, input); fail naming every input that panicked.
fn replay(cases: Vec<(String, Target, Vec<u8>)>) {
    let mut failed = Vec::new();
    for (name, target, data) in &cases {
        if catch_unwind(AssertUnwindSafe(|| target(data))).is_err() {
            failed.push(name.clone());
        }
    }
    assert!(failed.is_empty(), "panicked on: {}", failed.join(", "));
}

#[test]
fn saved_crash_inputs_stay_fixed() {
    let mut cases = Vec::new();
    for path in files("tests/fixtures/fuzz", |p| {
        p.extension().is_none_or(|e| e != "md")
    }) {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let prefix = name.split('-').next().unwrap_or("");
        let (_, target) = TARGETS
            .iter()
            .find(|(t, _)| *t == prefix)
            .unwrap_or_else(|| {
                panic!("{name}: name it TARGET-short-name, TARGET one of the fuzz targets")
            });
        cases.push((name, *target, std::fs::read(&path).unwrap()));
    }
    replay(cases);
}

#[test]
fn seed_fixtures_go_through_the_fuzz_paths() {
    let mut cases = Vec::new();
    for path in files("tests/fixtures", |p| {
        p.extension().is_some_and(|e| e == "txt")
    }) {
        let name = path.display().to_string();
        cases.push((
            name,
            harness::check_bytes as Target,
            std::fs::read(&path).unwrap(),
        ));
    }
    for dir in ["rules/common", "rules/bn"] {
        for path in files(dir, |p| p.extension().is_some_and(|e| e == "toml")) {
            let name = path.display().to_string();
            cases.push((
                name,
                harness::rule_pack as Target,
                std::fs::read(&path).unwrap(),
            ));
        }
    }
    for path in files("fuzz/seeds/config", |_| true) {
        let name = path.display().to_string();
        cases.push((
            name,
            harness::config as Target,
            std::fs::read(&path).unwrap(),
        ));
    }
    assert!(cases.len() >= 10, "the seed fixtures are missing");
    replay(cases);
}

#[test]
fn odd_bytes_go_through_check_bytes() {
    let inputs: &[&[u8]] = &[
        b"",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF\xE0\xA6\xB8\xE0\xA6\xB0\r\n\r\n",
        b"\r",
        b"a\rb\r\n\n\n  \n\xE0\xA6\xBC",
        b"nul\0byte",
        b"invalid \xFF utf-8 \xE0\xA6",
        "দাম 600০০ টাকা ।  ".as_bytes(),
    ];
    let cases = inputs
        .iter()
        .enumerate()
        .map(|(i, b)| {
            (
                format!("input {i}"),
                harness::check_bytes as Target,
                b.to_vec(),
            )
        })
        .collect();
    replay(cases);
}
