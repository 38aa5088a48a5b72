//! Helpers shared by the integration tests: run the binary as a user would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Every output format but `human` and `json`, the ones the tests read as a user's tool would.
pub const FORMATS: [&str; 10] = [
    "sarif",
    "junit",
    "checkstyle",
    "rdjson",
    "rdjsonl",
    "gitlab",
    "github",
    "markdown",
    "jsonl",
    "html",
];

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Run `mtqc ARGS` in `dir` (no project file is discovered above a fresh temp dir).
pub fn mtqc_in(dir: &Path, args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_mtqc"));
    cmd.args(args).current_dir(dir).env_remove("NO_COLOR");
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("mtqc runs");
    if let Some(input) = stdin {
        use std::io::Write;
        // mtqc may exit (an error) before it reads its input: a closed pipe is fine.
        let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    }
    child.wait_with_output().expect("mtqc finishes")
}

pub fn mtqc(args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    mtqc_in(dir.path(), args, None)
}

pub fn json_report(args: &[&str]) -> (serde_json::Value, i32) {
    let out = mtqc(args);
    let code = out.status.code().unwrap_or(-1);
    let v = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stderr)));
    (v, code)
}

pub fn findings(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["paragraphs"].as_array().unwrap().iter())
        .flat_map(|p| p["findings"].as_array().unwrap().iter().cloned())
        .collect()
}
