//! Nothing lost, no gate hole: what the adversarial run and a new user found, each held. Output
//! that cannot be written fails the run and leaves the old file; a closed pipe does not turn a
//! failing gate into a pass; devices, FIFOs and symlinks are written where they point; inputs,
//! the baseline and the project file are never overwritten; unreadable paths are errors; a run
//! that read nothing does not pass; a project file nobody owns does not change the gate.

mod common;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use common::{findings, fixture, mtqc_in};
use serde_json::{Value, json};

const MAJOR: &str = "সিওল জানিয়েছেন, প্রায় 600০০ সেনা নিহত হয়েছে।\n";
const CLEAN: &str = "রাশিয়া এবং উত্তর কোরিয়া ক্রমবর্ধমান ঘনিষ্ঠ সম্পর্ক তৈরি করছে।\n";

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &std::process::Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", stderr(o)))
}

/// Run mtqc through `sh -c` in `dir`, for redirections and limits.
fn sh(dir: &Path, script: &str) -> std::process::Output {
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .env("MTQC", env!("CARGO_BIN_EXE_mtqc"))
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn a_report_that_cannot_be_written_fails_the_run_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), MAJOR.repeat(2000)).unwrap();
    fs::write(dir.path().join("old.jsonl"), "OLD\n").unwrap();
    // A file size limit of 4 KiB: the streamed report outgrows it (SIGXFSZ ignored, so the
    // write fails as on a full disk).
    let out = sh(
        dir.path(),
        "trap '' XFSZ; ulimit -f 8; \"$MTQC\" check --no-config --segments --format jsonl -o old.jsonl doc.txt",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("cannot write the report"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("old.jsonl")).unwrap(),
        "OLD\n"
    );
    let left: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "no temporary file is left");
    // The same with the whole report.
    let out = sh(
        dir.path(),
        "trap '' XFSZ; ulimit -f 8; \"$MTQC\" check --no-config --format json -o old.jsonl doc.txt",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(dir.path().join("old.jsonl")).unwrap(),
        "OLD\n"
    );
}

#[test]
fn a_full_stdout_is_an_error_for_every_command() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), MAJOR).unwrap();
    let ex = fixture("bn-news-mt.txt");
    let report = dir.path().join("r.json");
    let made = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "-o",
            "r.json",
            ex.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(made.status.code(), Some(1));
    assert!(report.exists());
    for command in [
        "\"$MTQC\" check --no-config doc.txt",
        "\"$MTQC\" check --no-config --format json doc.txt",
        "\"$MTQC\" check --no-config --segments --format jsonl doc.txt",
        "\"$MTQC\" diff r.json r.json",
        "\"$MTQC\" rules list",
        "\"$MTQC\" rules explain bn.repeated-word",
        "\"$MTQC\" rules test",
    ] {
        let out = sh(dir.path(), &format!("{command} > /dev/full"));
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("No space left on device"),
            "{command}: {}",
            stderr(&out)
        );
    }
}

fn closed_pipe_exit(args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtqc"))
        .args(args)
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
    (status.code(), err)
}

#[test]
fn a_closed_pipe_does_not_turn_a_failing_gate_into_a_pass() {
    let ex = fixture("bn-news-mt.txt");
    let ex = ex.to_str().unwrap();
    let big = tempfile::tempdir().unwrap();
    let text = fs::read_to_string(ex).unwrap().repeat(50);
    fs::write(big.path().join("big.txt"), text).unwrap();
    let big = big.path().join("big.txt");
    let big = big.to_str().unwrap();
    for args in [
        vec!["check", "--no-config", ex],
        vec!["check", "--no-config", "--format", "json", big],
        vec![
            "check",
            "--no-config",
            "--segments",
            "--format",
            "jsonl",
            big,
        ],
    ] {
        let (code, err) = closed_pipe_exit(&args);
        assert_eq!(code, Some(1), "{args:?}: {err}");
        assert!(err.is_empty(), "a closed pipe is quiet: {err}");
    }
}

#[test]
fn devices_fifos_and_symlinks_are_written_where_they_point() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), MAJOR).unwrap();
    // A device stays a device.
    if Path::new("/dev/null").exists() {
        let out = mtqc_in(
            dir.path(),
            &["check", "--no-config", "-o", "/dev/null", "doc.txt"],
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        use std::os::unix::fs::FileTypeExt;
        assert!(
            fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
    }
    // A symlink keeps pointing where it did; its target gets the report.
    fs::write(dir.path().join("target.json"), "old").unwrap();
    std::os::unix::fs::symlink("target.json", dir.path().join("link.json")).unwrap();
    let out = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "-o",
            "link.json",
            "doc.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(dir.path().join("link.json"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let written: Value =
        serde_json::from_str(&fs::read_to_string(dir.path().join("target.json")).unwrap()).unwrap();
    assert_eq!(written["version"], 1);
    // A FIFO is written into, not replaced.
    let fifo = dir.path().join("fifo");
    if Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success())
    {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
        };
        let out = mtqc_in(
            dir.path(),
            &[
                "check",
                "--no-config",
                "--format",
                "json",
                "-o",
                "fifo",
                "doc.txt",
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let got: Value = serde_json::from_str(&reader.join().unwrap()).unwrap();
        assert_eq!(got["summary"]["files"], 1);
        use std::os::unix::fs::FileTypeExt;
        assert!(fs::metadata(&fifo).unwrap().file_type().is_fifo());
    }
}

#[test]
fn stdin_the_baseline_and_the_project_file_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), MAJOR).unwrap();
    let out = sh(
        dir.path(),
        "\"$MTQC\" check --no-config -o doc.txt - < doc.txt",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the file on standard input"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("doc.txt")).unwrap(),
        MAJOR
    );

    let made = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--write-baseline",
            "base.json",
            "doc.txt",
        ],
        None,
    );
    assert_eq!(made.status.code(), Some(1), "{}", stderr(&made));
    let base = fs::read_to_string(dir.path().join("base.json")).unwrap();
    let out = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--baseline",
            "base.json",
            "-o",
            "base.json",
            "doc.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the --baseline file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("base.json")).unwrap(),
        base
    );

    fs::write(dir.path().join("mtqc.toml"), "fail_on = \"critical\"\n").unwrap();
    let out = mtqc_in(dir.path(), &["check", "-o", "mtqc.toml", "doc.txt"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the project file"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("mtqc.toml")).unwrap(),
        "fail_on = \"critical\"\n"
    );
}

/// Every file a run reads besides its inputs is off limits to `-o` and `--write-baseline`: the
/// source of a pair, a glossary, a rule pack's files (of a pack directory or a directory of
/// packs), and the report itself for the baseline.
#[test]
fn the_source_glossaries_rule_packs_and_the_report_are_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("src.txt"), "Erase 5 items\n").unwrap();
    fs::write(d.join("tgt.txt"), "মুছে ফেলুন 6টি\n").unwrap();
    fs::write(d.join("gl.tsv"), "occupation\tদখল\n").unwrap();
    fs::create_dir_all(d.join("packs/pk")).unwrap();
    fs::write(
        d.join("packs/pk/pack.toml"),
        "[pack]\nid = \"pk\"\nversion = \"1.0.0\"\nlanguages = [\"*\"]\ndescription = \"x\"\n",
    )
    .unwrap();
    fs::write(
        d.join("packs/pk/r.toml"),
        "[[rule]]\nid = \"foo\"\nkind = \"pattern\"\nregex = \"foo+\"\nseverity = \"minor\"\n\
         category = \"style/repetition\"\nmessage = \"x\"\ndoc = \"d\"\n",
    )
    .unwrap();
    let cases: [(&[&str], &str, &str); 5] = [
        (
            &["--source", "src.txt", "-o", "src.txt"],
            "src.txt",
            "the --source file",
        ),
        (
            &[
                "--source",
                "src.txt",
                "--glossary",
                "gl.tsv",
                "-o",
                "gl.tsv",
            ],
            "gl.tsv",
            "a glossary",
        ),
        (
            &["--rules", "packs/pk", "-o", "packs/pk/r.toml"],
            "packs/pk/r.toml",
            "a rule pack's file",
        ),
        (
            &["--rules", "packs", "-o", "packs/pk/pack.toml"],
            "packs/pk/pack.toml",
            "a rule pack's file",
        ),
        (
            &["--rules", "packs", "--write-baseline", "packs/pk/r.toml"],
            "packs/pk/r.toml",
            "a rule pack's file",
        ),
    ];
    for (flags, file, what) in cases {
        let before = fs::read(d.join(file)).unwrap();
        let mut args = vec!["check", "--no-config"];
        args.extend_from_slice(flags);
        args.push("tgt.txt");
        let out = mtqc_in(d, &args, None);
        assert_eq!(out.status.code(), Some(2), "{flags:?}: {}", stderr(&out));
        assert!(stderr(&out).contains(what), "{flags:?}: {}", stderr(&out));
        assert_eq!(fs::read(d.join(file)).unwrap(), before, "{flags:?}");
    }
    // One file for the report and the baseline: neither is written.
    let out = mtqc_in(
        d,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "-o",
            "r.json",
            "--write-baseline",
            "r.json",
            "tgt.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("the --output file"),
        "{}",
        stderr(&out)
    );
    assert!(!d.join("r.json").exists());
}

/// A baseline is not recorded again by a run that could not read one of its inputs: the
/// unread input's findings and their reasons would be dropped from it.
#[test]
fn a_run_with_an_unread_input_leaves_the_baseline_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.txt"), MAJOR).unwrap();
    fs::write(d.join("b.txt"), MAJOR.replace("600", "700")).unwrap();
    let made = mtqc_in(
        d,
        &[
            "check",
            "--no-config",
            "--write-baseline",
            "base.json",
            "a.txt",
            "b.txt",
        ],
        None,
    );
    assert_eq!(made.status.code(), Some(1), "{}", stderr(&made));
    let base = fs::read(d.join("base.json")).unwrap();
    let mut broken = MAJOR.as_bytes().to_vec();
    broken.extend_from_slice(b"\xff\n");
    fs::write(d.join("b.txt"), broken).unwrap();
    for second in ["b.txt", "missing.txt"] {
        let out = mtqc_in(
            d,
            &[
                "check",
                "--no-config",
                "--baseline",
                "base.json",
                "--write-baseline",
                "base.json",
                "a.txt",
                second,
            ],
            None,
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(stderr(&out).contains("not written"), "{}", stderr(&out));
        assert_eq!(fs::read(d.join("base.json")).unwrap(), base, "{second}");
    }
}

/// `--source` is read with `--segments --format jsonl` too: its findings and its gate.
#[test]
fn a_source_is_checked_against_when_segments_stream_as_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("src.txt"), "Erase 5 items\n").unwrap();
    fs::write(d.join("tgt.txt"), "মুছে ফেলুন 6টি\n").unwrap();
    let out = mtqc_in(
        d,
        &[
            "check",
            "--no-config",
            "--source",
            "src.txt",
            "--segments",
            "--format",
            "jsonl",
            "tgt.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("common.number-mismatch"), "{stdout}");
    assert!(stdout.contains("\"source\":\"Erase 5 items\""), "{stdout}");
    let two = mtqc_in(
        d,
        &[
            "check",
            "--no-config",
            "--source",
            "src.txt",
            "--segments",
            "--format",
            "jsonl",
            "tgt.txt",
            "src.txt",
        ],
        None,
    );
    assert_eq!(two.status.code(), Some(2), "{}", stderr(&two));
}

/// `RAYON_NUM_THREADS` is capped as `-j` is.
#[test]
fn rayon_num_threads_is_capped_as_j_is() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), CLEAN).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_mtqc"))
        .args(["check", "--no-config", "doc.txt"])
        .env("RAYON_NUM_THREADS", "100000")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("RAYON_NUM_THREADS 100000: more threads than helps"),
        "{}",
        stderr(&out)
    );
}

/// A glossary, baseline, project file or report to compare that never ends (`/dev/zero`) is
/// read up to a bound, then refused: memory stays bounded and the run exits 2.
#[cfg(target_os = "linux")]
#[test]
fn an_endless_glossary_baseline_config_or_report_is_refused_at_a_bound() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("doc.txt"), CLEAN).unwrap();
    let made = mtqc_in(
        d,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "-o",
            "r.json",
            "doc.txt",
        ],
        None,
    );
    assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
    for args in [
        &["check", "--no-config", "--glossary", "/dev/zero", "doc.txt"][..],
        &["check", "--no-config", "--baseline", "/dev/zero", "doc.txt"],
        &["check", "--config", "/dev/zero", "doc.txt"],
        &["diff", "/dev/zero", "r.json"],
    ] {
        let out = mtqc_in(d, args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("larger than"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn unreadable_paths_are_errors_and_a_run_that_read_nothing_fails() {
    let dir = tempfile::tempdir().unwrap();
    // A symbolic link loop and a name too long: errors that say what they are.
    std::os::unix::fs::symlink("loop", dir.path().join("loop")).unwrap();
    let long = "a".repeat(300);
    let out = mtqc_in(
        dir.path(),
        &["check", "--no-config", "--format", "json", "loop", &long],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("loop: too many levels of symbolic links"),
        "{err}"
    );
    assert!(err.contains("name too long"), "{err}");
    let report = json(&out);
    assert_eq!(
        report["summary"]["pass"], false,
        "nothing read, nothing passed"
    );
    assert_eq!(report["summary"]["unread"], 2);
    let human = mtqc_in(dir.path(), &["check", "--no-config", "loop"], None);
    assert!(String::from_utf8_lossy(&human.stdout).contains("failed (1 input could not be read)"));

    // An unreadable directory named on the command line (not testable as root, who reads all).
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("a.txt"), CLEAN).unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    if fs::read_dir(&locked).is_err() {
        let out = mtqc_in(dir.path(), &["check", "--no-config", "locked"], None);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("locked: cannot read directory: permission denied"),
            "{}",
            stderr(&out)
        );
    }
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn an_interrupted_run_removes_its_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("out.jsonl"), "OLD\n").unwrap();
    // A stream that stays open: mtqc waits for more input with its temporary file created.
    let mut child = Command::new(env!("CARGO_BIN_EXE_mtqc"))
        .args([
            "check",
            "--no-config",
            "--segments",
            "--format",
            "jsonl",
            "-o",
            "out.jsonl",
            "-",
        ])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    use std::io::Write;
    stdin.write_all(MAJOR.repeat(600).as_bytes()).unwrap();
    stdin.flush().unwrap();
    // Wait until the temporary file exists, then interrupt.
    let tmp_exists = || {
        fs::read_dir(dir.path()).unwrap().any(|e| {
            e.unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".mtqc-tmp")
        })
    };
    for _ in 0..200 {
        if tmp_exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(tmp_exists(), "the run had started writing");
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    drop(stdin);
    assert_eq!(status.code(), Some(130));
    assert!(!tmp_exists(), "the temporary file is gone");
    assert_eq!(
        fs::read_to_string(dir.path().join("out.jsonl")).unwrap(),
        "OLD\n"
    );
}

#[test]
fn a_binary_found_while_walking_is_skipped_alike_when_streaming() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("d")).unwrap();
    fs::write(dir.path().join("d/blob.txt"), b"\x00\x01\x02").unwrap();
    fs::write(dir.path().join("d/ok.txt"), CLEAN).unwrap();
    for args in [
        vec!["check", "--no-config", "--format", "json", "d"],
        vec![
            "check",
            "--no-config",
            "--segments",
            "--format",
            "jsonl",
            "d",
        ],
    ] {
        let out = mtqc_in(dir.path(), &args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("d/blob.txt: looks binary, skipped"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_project_file_anyone_may_write_is_not_read_and_the_search_stops_at_the_repository() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let shared = dir.path().join("shared");
    let work = shared.join("work");
    fs::create_dir_all(&work).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o1777)).unwrap();
    fs::write(shared.join("mtqc.toml"), "fail_on = \"never\"\n").unwrap();
    fs::write(work.join("doc.txt"), MAJOR).unwrap();
    let out = mtqc_in(&work, &["check", "--format", "json", "doc.txt"], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the planted file does not open the gate"
    );
    assert!(
        stderr(&out).contains("not read: anyone may write it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(json(&out)["project_file"], Value::Null);

    // A repository's root ends the search: a project file above it is not its own.
    let repo = dir.path().join("outer/repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::write(dir.path().join("outer/mtqc.toml"), "fail_on = \"never\"\n").unwrap();
    fs::write(repo.join("doc.txt"), MAJOR).unwrap();
    let out = mtqc_in(&repo, &["check", "--format", "json", "doc.txt"], None);
    assert_eq!(out.status.code(), Some(1));
    // Its own project file is named in the report.
    fs::write(repo.join("mtqc.toml"), "fail_on = \"critical\"\n").unwrap();
    let out = mtqc_in(&repo, &["check", "--format", "json", "doc.txt"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        json(&out)["project_file"]
            .as_str()
            .unwrap()
            .ends_with("repo/mtqc.toml")
    );
    let human = mtqc_in(&repo, &["check", "doc.txt"], None);
    assert!(String::from_utf8_lossy(&human.stdout).contains("project file: "));
}

#[test]
fn a_forced_language_expects_its_script() {
    let dir = tempfile::tempdir().unwrap();
    let english =
        "The ministry said the new vaccine would be available to everyone over sixty next month.\n";
    let text = format!(
        "{english}{english}আকাশে মেঘ করেছে এবং নদীর জল দ্রুত বাড়ছে বলে জানিয়েছেন আবহাওয়াবিদেরা।\n{english}"
    );
    fs::write(dir.path().join("mixed.txt"), text).unwrap();
    let out = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--lang",
            "bn",
            "mixed.txt",
        ],
        None,
    );
    let report = json(&out);
    assert_eq!(report["files"][0]["script"], "Bengali");
    let flagged: Vec<u64> = report["files"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| {
            p["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == "common.foreign-paragraph")
        })
        .map(|p| p["index"].as_u64().unwrap())
        .collect();
    assert_eq!(
        flagged,
        [0, 1, 3],
        "the English paragraphs, not the Bengali one"
    );
}

#[test]
fn diff_matches_files_of_two_folders_by_their_relative_paths() {
    let dir = tempfile::tempdir().unwrap();
    for run in ["out-v1", "out-v2"] {
        fs::create_dir_all(dir.path().join(run).join("news")).unwrap();
        fs::write(dir.path().join(run).join("news/a.txt"), MAJOR).unwrap();
        fs::write(dir.path().join(run).join("b.txt"), CLEAN).unwrap();
    }
    let a = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "-o",
            "a.json",
            "out-v1",
        ],
        None,
    );
    let b = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "-o",
            "b.json",
            "out-v2",
        ],
        None,
    );
    assert_eq!((a.status.code(), b.status.code()), (Some(1), Some(1)));
    let out = mtqc_in(
        dir.path(),
        &["diff", "--format", "json", "a.json", "b.json"],
        None,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let d = json(&out);
    assert_eq!(d["new"].as_array().unwrap().len(), 0);
    assert_eq!(d["fixed"].as_array().unwrap().len(), 0);
    let paths: Vec<&str> = d["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["b.txt", "news/a.txt"]);
    assert!(stderr(&out).is_empty());
    // Different settings are said.
    let c = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--disable",
            "common.mixed-digit-number",
            "--format",
            "json",
            "-o",
            "c.json",
            "out-v2",
        ],
        None,
    );
    assert_eq!(c.status.code(), Some(0));
    let out = mtqc_in(dir.path(), &["diff", "a.json", "c.json"], None);
    assert!(
        stderr(&out).contains("different settings"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn exclude_and_path_globs_match_paths_relative_to_the_project() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("vendor")).unwrap();
    fs::create_dir_all(dir.path().join("docs/legacy")).unwrap();
    fs::write(dir.path().join("vendor/x.txt"), MAJOR).unwrap();
    fs::write(dir.path().join("docs/legacy/y.txt"), MAJOR).unwrap();
    fs::write(dir.path().join("docs/z.txt"), CLEAN).unwrap();
    fs::write(
        dir.path().join("mtqc.toml"),
        "exclude = [\"vendor/**\"]\n[[path]]\nglob = \"docs/legacy/**\"\ndisable = [\"common.mixed-digit-number\"]\n",
    )
    .unwrap();
    let abs = dir.path().to_str().unwrap().to_string();
    for (cwd, arg) in [
        (dir.path().to_path_buf(), "."),
        (dir.path().to_path_buf(), abs.as_str()),
        (dir.path().join("docs"), ".."),
    ] {
        let out = mtqc_in(&cwd, &["check", "--format", "json", arg], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{arg} from {}: {}",
            cwd.display(),
            stderr(&out)
        );
        let report = json(&out);
        assert_eq!(report["summary"]["files"], 2, "{arg}");
        assert!(findings(&report).is_empty(), "{arg}");
    }
}

#[test]
fn a_baseline_accepts_a_finding_in_its_own_file_only() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), MAJOR).unwrap();
    let made = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--write-baseline",
            "base.json",
            "a.txt",
        ],
        None,
    );
    assert_eq!(made.status.code(), Some(1));
    fs::write(dir.path().join("b.txt"), MAJOR).unwrap();
    let out = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--baseline",
            "base.json",
            "a.txt",
            "b.txt",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "the same finding in another file is new"
    );
    let report = json(&out);
    assert_eq!(report["summary"]["baselined"], 1);
    assert_eq!(findings(&report).len(), 1);
    // A version 1 baseline still loads; its entries apply anywhere, with a warning.
    let v1 = fs::read_to_string(dir.path().join("base.json"))
        .unwrap()
        .replace("\"version\": 2", "\"version\": 1");
    fs::write(dir.path().join("v1.json"), v1).unwrap();
    let out = mtqc_in(
        dir.path(),
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--baseline",
            "v1.json",
            "a.txt",
            "b.txt",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("--write-baseline"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn rules_explain_prints_text_and_names_invisible_characters() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("p")).unwrap();
    fs::write(
        dir.path().join("p/r.toml"),
        "[[rule]]\nid = \"zwj\"\nkind = \"pattern\"\nregex = 'র\\x{200D}্'\nseverity = \"minor\"\ncategory = \"style/x\"\n\
         message = \"`{match}`\"\ndoc = \"Minor: a test.\"\n\
         [[rule.examples]]\ntext = \"র\u{200D}্যাব জানিয়েছে\"\nflags = [\"র\u{200D}্\"]\n\
         [[rule.examples]]\ntext = \"র্যাব\"\n",
    )
    .unwrap();
    let out = mtqc_in(
        dir.path(),
        &["rules", "explain", "p.zwj", "--no-config", "--rules", "p"],
        None,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(text.contains("in: র\u{200D}্যাব জানিয়েছে"), "{text}");
    assert!(text.contains("U+200D ZERO WIDTH JOINER"), "{text}");
    assert!(!text.contains("\\u{"), "{text}");
}

#[test]
fn rule_file_mistakes_are_located() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("p")).unwrap();
    fs::write(
        dir.path().join("p/r.toml"),
        "[[rule]]\nid = \"x\"\nkind = \"pattern\"\nregex = 'a'\nseverty = \"minor\"\ncategory = \"style/x\"\nmessage = \"m\"\ndoc = \"d\"\n",
    )
    .unwrap();
    let out = mtqc_in(dir.path(), &["rules", "test", "p"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("r.toml:5:1: unknown field `severty`"),
        "{}",
        stderr(&out)
    );
    // Two packs with one id: the id and both places.
    fs::create_dir_all(dir.path().join("q/one")).unwrap();
    fs::create_dir_all(dir.path().join("q/two")).unwrap();
    for d in ["one", "two"] {
        fs::write(
            dir.path().join(format!("q/{d}/pack.toml")),
            "[pack]\nid = \"same\"\n",
        )
        .unwrap();
    }
    fs::write(dir.path().join("doc.txt"), CLEAN).unwrap();
    let out = mtqc_in(
        dir.path(),
        &["check", "--no-config", "--rules", "q", "doc.txt"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("`same`") && err.contains("q/one") && err.contains("q/two"),
        "{err}"
    );
}

/// A JSONL file whose target field has a name mtqc does not read has every unit skipped as
/// untranslated: the run says so, held and streamed, where it passed the gate with nothing
/// checked and nothing said before. Named with `--fields`, the targets are checked.
#[test]
fn an_input_of_which_nothing_is_checked_says_so() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("mt.jsonl"),
        "{\"id\": 1, \"source\": \"About 60000 troops\", \"translation\": \"প্রায় 600০০ সেনা\"}\n\
         {\"id\": 2, \"source\": \"World\", \"translation\": \"বিশ্ব\"}\n",
    )
    .unwrap();
    for args in [
        &["check", "--no-config", "mt.jsonl"][..],
        &[
            "check",
            "--no-config",
            "--segments",
            "--format",
            "jsonl",
            "mt.jsonl",
        ],
    ] {
        let out = mtqc_in(dir.path(), args, None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert!(
            err.contains("mt.jsonl: nothing checked: every unit was skipped, 2 for want of a")
                && err.contains("its `tgt` field (or `target`), or the one `--fields` names"),
            "{args:?}: {err}"
        );
    }
    // Past the default names, `target` no longer stands in for the target field.
    let other = ["check", "--no-config", "--fields", "id,src,out", "mt.jsonl"];
    let err = stderr(&mtqc_in(dir.path(), &other, None));
    assert!(
        err.contains("its `out` field, or the one `--fields` names"),
        "{err}"
    );
    let named = [
        "check",
        "--no-config",
        "--fields",
        "id,source,translation",
        "mt.jsonl",
    ];
    let out = mtqc_in(dir.path(), &named, None);
    assert_eq!(out.status.code(), Some(1), "600০০ is a finding");
    assert!(
        !stderr(&out).contains("nothing checked"),
        "{}",
        stderr(&out)
    );
}

/// An XLIFF file of two target languages, one unit each: `bn` and `hi` are the targets' numbers
/// (the source says 5).
fn two_languages(bn: &str, hi: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="en" target-language="bn" datatype="plaintext" original="x"><body>
<trans-unit id="u1"><source>Buy 5 apples today</source><target>আজ {bn}টি আপেল কিনুন</target></trans-unit>
</body></file>
<file source-language="en" target-language="hi" datatype="plaintext" original="x"><body>
<trans-unit id="u1"><source>Buy 5 apples today</source><target>आज {hi} सेब खरीदें</target></trans-unit>
</body></file>
</xliff>
"#
    )
}

#[test]
fn a_file_of_two_target_languages_is_two_documents_to_baselines_and_diff() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let check = |args: &[&str]| mtqc_in(d, &[&["check", "--no-config"], args].concat(), None);
    // The Bengali target is wrong and accepted; then the Hindi one goes wrong too.
    fs::write(d.join("m.xlf"), two_languages("৬", "5")).unwrap();
    assert_eq!(
        check(&["--write-baseline", "base.json", "m.xlf"])
            .status
            .code(),
        Some(1)
    );
    fs::write(d.join("m.xlf"), two_languages("৬", "7")).unwrap();
    let out = check(&["--baseline", "base.json", "--format", "json", "m.xlf"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let report = json(&out);
    let hi = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["language"] == "hi")
        .unwrap();
    assert_eq!(findings(&json!({ "files": [hi] })).len(), 1);
    assert_eq!(report["summary"]["baselined"], 1);
    // GitLab tells the two documents' findings apart.
    let out = check(&["--format", "gitlab", "m.xlf"]);
    let issues: Value = serde_json::from_slice(&out.stdout).unwrap();
    let prints: std::collections::BTreeSet<&str> = issues
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), 2, "{issues:#}");

    // Fixing Bengali and breaking Hindi is no improvement: diff compares each language alone.
    fs::write(d.join("m.xlf"), two_languages("৬", "5")).unwrap();
    check(&["--format", "json", "-o", "old.json", "m.xlf"]);
    fs::write(d.join("m.xlf"), two_languages("৫", "7")).unwrap();
    check(&["--format", "json", "-o", "new.json", "m.xlf"]);
    let out = mtqc_in(d, &["diff", "old.json", "new.json"], None);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("m.xlf [hi]: 100.00 -> 0.00"), "{text}");
    assert!(text.contains("m.xlf [bn]: 0.00 -> 100.00"), "{text}");
}

#[test]
fn diff_fails_when_the_new_report_checked_less() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.txt"), CLEAN).unwrap();
    fs::write(d.join("b.txt"), CLEAN).unwrap();
    let check = |out: &str| {
        mtqc_in(
            d,
            &[
                "check",
                "--no-config",
                "--format",
                "json",
                "-o",
                out,
                "a.txt",
                "b.txt",
            ],
            None,
        )
    };
    assert_eq!(check("old.json").status.code(), Some(0));
    // b.txt can no longer be read: the new report has no b.txt, and one input unread.
    fs::write(d.join("b.txt"), b"\xc3\x28 not UTF-8").unwrap();
    check("new.json");
    let out = mtqc_in(d, &["diff", "old.json", "new.json"], None);
    assert_eq!(out.status.code(), Some(1));
    let warned = stderr(&out);
    assert!(
        warned.contains("a document of OLD not in NEW: b.txt"),
        "{warned}"
    );
    assert!(warned.contains("NEW could not read 1 input"), "{warned}");
    // The same report twice passes.
    let same = mtqc_in(d, &["diff", "old.json", "old.json"], None);
    assert_eq!(same.status.code(), Some(0));
}

#[test]
fn a_folder_with_nothing_to_check_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join("empty")).unwrap();
    fs::create_dir(d.join("docs")).unwrap();
    fs::write(d.join("docs/notes.rst"), MAJOR).unwrap();
    fs::write(d.join("docs/mt.txt"), MAJOR).unwrap();
    for args in [
        &["empty"][..],
        &["docs", "--exclude", "*.txt"],
        &["docs", "--include", "*.foo"],
    ] {
        let out = mtqc_in(d, &[&["check", "--no-config"], args].concat(), None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("nothing to check"),
            "{}",
            stderr(&out)
        );
    }
    let out = mtqc_in(d, &["check", "--no-config", "docs"], None);
    assert_eq!(out.status.code(), Some(1), "the one text file is checked");
}

/// `--target-lang` names the targets' language of a file that declares none, as a TSV user
/// writes it beside `--source-lang`: it is the language checked (not detected); a file's
/// declaration wins over it, and `--lang` over both.
#[test]
fn target_lang_names_the_language_of_a_file_that_declares_none() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("mt.tsv"),
        "The rally was held on Monday.\tসোমবার সমাবেশটি অনুষ্ঠিত হয়।\n",
    )
    .unwrap();
    let language = |args: &[&str]| {
        let out = mtqc_in(
            d,
            &[
                &["check", "--no-config", "--format", "json"],
                args,
                &["mt.tsv"],
            ]
            .concat(),
            None,
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let file = &report["files"][0];
        let rules: Vec<String> = file["paragraphs"][0]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        (file["language"].as_str().unwrap().to_string(), rules)
    };
    assert_eq!(language(&[]).0, "bn", "detected");
    // Told Hindi, the Bengali targets are in the wrong language: what the user asked to check.
    let (told, rules) = language(&["--source-lang", "en", "--target-lang", "hi"]);
    assert_eq!(told, "hi");
    assert!(
        rules.iter().any(|r| r == "common.foreign-paragraph"),
        "{rules:?}"
    );
    assert_eq!(language(&["--lang", "bn", "--target-lang", "hi"]).0, "bn");
    // A file that declares its target language keeps it.
    fs::write(
        d.join("app.xlf"),
        "<?xml version=\"1.0\"?>\n<xliff version=\"1.2\"><file source-language=\"en\" \
         target-language=\"bn\" datatype=\"plaintext\" original=\"x\"><body>\
         <trans-unit id=\"1\"><source>The rally was held.</source>\
         <target>সমাবেশটি অনুষ্ঠিত হয়।</target></trans-unit></body></file></xliff>\n",
    )
    .unwrap();
    let out = mtqc_in(
        d,
        &[
            "check",
            "--no-config",
            "--format",
            "json",
            "--target-lang",
            "hi",
            "app.xlf",
        ],
        None,
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["language"], "bn", "{}", stderr(&out));
}

#[test]
fn options_no_input_reads_and_translation_files_under_other_names_are_said() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("mt.txt"), CLEAN).unwrap();
    fs::write(d.join("app.xml"), two_languages("৫", "5")).unwrap();
    fs::write(
        d.join("app.po.orig"),
        "msgid \"\"\nmsgstr \"Language: bn\\n\"\n\nmsgid \"5 apples\"\nmsgstr \"৬টি আপেল\"\n",
    )
    .unwrap();
    for (args, said) in [
        (
            &["--lang", "bn", "--target-lang", "hi"][..],
            "--target-lang is not used: no input is a TMX file, and --lang names",
        ),
        (&["--columns", "1,2"], "--columns applies to TSV files only"),
        (
            &["--fields", "id,src,tgt"],
            "--fields applies to JSONL files only",
        ),
        (
            &["--glossary", "terms.tsv"],
            "--glossary applies to translation files",
        ),
    ] {
        fs::write(d.join("terms.tsv"), "apple\tআপেল\n").unwrap();
        let out = mtqc_in(
            d,
            &[&["check", "--no-config", "mt.txt"], args].concat(),
            None,
        );
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(stderr(&out).contains(said), "{args:?}: {}", stderr(&out));
    }
    for (name, what) in [("app.xml", "XLIFF"), ("app.po.orig", "a PO file")] {
        let out = mtqc_in(d, &["check", "--no-config", name], None);
        let warned = stderr(&out);
        assert!(
            warned.contains(&format!(
                "{name}: read as plain text, but it looks like {what}"
            )),
            "{warned}"
        );
    }
    let out = mtqc_in(d, &["check", "--no-config", "mt.txt"], None);
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    // One field or column for two parts, a source for a translation file, a source on stdin.
    for args in [
        &["--fields", "id,mt,mt", "mt.txt"][..],
        &["--columns", "2,2", "mt.txt"],
        &["--source", "mt.txt", "app.xml", "--input-format", "xliff"],
        &["--source", "-", "mt.txt"],
    ] {
        let out = mtqc_in(d, &[&["check", "--no-config"], args].concat(), None);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
    }
}

#[test]
fn a_glossary_with_a_byte_order_mark_in_utf_16_or_as_xml_keeps_its_terms_and_csv_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("src.txt"), "Buy five apples.\n").unwrap();
    fs::write(d.join("tgt.txt"), "পাঁচটি ফল কিনুন।\n").unwrap();
    let tsv = "apples\tআপেল\n";
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tsv.encode_utf16().flat_map(u16::to_le_bytes));
    let tbx = fs::read_to_string(fixture("glossary.en-bn.tbx")).unwrap();
    fs::write(
        d.join("bom.tsv"),
        [&b"\xEF\xBB\xBF"[..], tsv.as_bytes()].concat(),
    )
    .unwrap();
    fs::write(d.join("utf16.tsv"), utf16).unwrap();
    fs::write(d.join("terms.xml"), tbx).unwrap();
    let check = |glossary: &str, source: &str, target: &str| {
        mtqc_in(
            d,
            &[
                "check",
                "--no-config",
                "--format",
                "json",
                "--glossary",
                glossary,
                "--source",
                source,
                target,
            ],
            None,
        )
    };
    for glossary in ["bom.tsv", "utf16.tsv"] {
        let out = check(glossary, "src.txt", "tgt.txt");
        let rules: Vec<String> = findings(&json(&out))
            .iter()
            .map(|f| f["rule"].as_str().unwrap().to_string())
            .collect();
        assert!(
            rules.contains(&"common.glossary-term".to_string()),
            "{glossary}: {rules:?}"
        );
    }
    // The README's TBX glossary under another name is read as TBX: it flags the occupation
    // translated as a profession, as it does under its own name.
    for name in ["bilingual-en.txt", "bilingual-bn.txt"] {
        fs::copy(fixture(name), d.join(name)).unwrap();
    }
    let glossary_findings = |glossary: &str| {
        findings(&json(&check(
            glossary,
            "bilingual-en.txt",
            "bilingual-bn.txt",
        )))
        .iter()
        .filter(|f| f["rule"] == "common.glossary-term")
        .count()
    };
    fs::copy(fixture("glossary.en-bn.tbx"), d.join("terms.tbx")).unwrap();
    assert_eq!(glossary_findings("terms.tbx"), 1);
    assert_eq!(glossary_findings("terms.xml"), 1);
    fs::write(d.join("terms.csv"), "apples,আপেল\npears,নাশপাতি\n").unwrap();
    let out = check("terms.csv", "src.txt", "tgt.txt");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not CSV"), "{}", stderr(&out));
}

#[test]
fn the_command_line_wins_over_path_entries_and_a_packs_languages_are_tags() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join(".git")).unwrap();
    fs::create_dir(d.join("legacy")).unwrap();
    fs::write(d.join("legacy/a.txt"), MAJOR).unwrap();
    let language = |toml: &str, args: &[&str]| {
        fs::write(d.join("mtqc.toml"), toml).unwrap();
        let out = mtqc_in(
            d,
            &[&["check", "--format", "json"], args, &["legacy/a.txt"]].concat(),
            None,
        );
        json(&out)["files"][0]["language"].clone()
    };
    let by_path = "[[path]]\nglob = \"legacy/**\"\nlanguage = \"hi\"\n";
    assert_eq!(language(by_path, &[]), "hi");
    assert_eq!(language(by_path, &["--lang", "bn"]), "bn");
    // `--packs common` leaves out the Bengali pack, whatever the entry for the path says.
    fs::write(
        d.join("mtqc.toml"),
        "[[path]]\nglob = \"legacy/**\"\npacks = [\"common\", \"bn\"]\n",
    )
    .unwrap();
    let out = mtqc_in(
        d,
        &[
            "check",
            "--format",
            "json",
            "--packs",
            "common",
            "legacy/a.txt",
        ],
        None,
    );
    assert!(
        findings(&json(&out))
            .iter()
            .all(|f| f["rule"].as_str().unwrap().starts_with("common.")),
        "{}",
        stderr(&out)
    );
    fs::remove_file(d.join("mtqc.toml")).unwrap();

    // A pack for `bn-BD` runs on Bengali; one for no language is an error, in `rules test` too.
    let pack = |languages: &str| {
        fs::create_dir_all(d.join("pk")).unwrap();
        fs::write(
            d.join("pk/pack.toml"),
            format!("[pack]\nid = \"newsroom\"\nlanguages = [{languages}]\n"),
        )
        .unwrap();
        fs::write(
            d.join("pk/style.toml"),
            "[[rule]]\nid = \"etc\"\nkind = \"pattern\"\nregex = 'ইত্যাদি\\s+ইত্যাদি'\nseverity = \"minor\"\ncategory = \"style/repetition\"\nmessage = \"repeated\"\ndoc = \"Said twice.\"\n\n  [[rule.examples]]\n  text = \"ফল, সবজি ইত্যাদি ইত্যাদি।\"\n  flags = [\"ইত্যাদি ইত্যাদি\"]\n",
        )
        .unwrap();
    };
    fs::write(d.join("t.txt"), "আমরা ফল, সবজি ইত্যাদি ইত্যাদি কিনেছি।\n").unwrap();
    pack("\"bn-BD\"");
    let out = mtqc_in(
        d,
        &[
            "check",
            "--no-config",
            "--rules",
            "pk",
            "--format",
            "json",
            "t.txt",
        ],
        None,
    );
    assert!(
        findings(&json(&out))
            .iter()
            .any(|f| f["rule"] == "newsroom.etc"),
        "{}",
        stderr(&out)
    );
    pack("\"klingon\"");
    for args in [
        &["check", "--no-config", "--rules", "pk", "t.txt"][..],
        &["rules", "test", "pk"],
    ] {
        let out = mtqc_in(d, args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("klingon"), "{}", stderr(&out));
    }
    // A pack with an embedded pack's id is refused by `rules` as by `check`.
    fs::write(
        d.join("pk/pack.toml"),
        "[pack]\nid = \"bn\"\nlanguages = [\"bn\"]\n",
    )
    .unwrap();
    for args in [
        &["rules", "test", "pk"][..],
        &["rules", "list", "--no-config", "--rules", "pk"],
        &["check", "--no-config", "--rules", "pk", "t.txt"],
    ] {
        let out = mtqc_in(d, args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("two rule packs have the id `bn`"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn a_file_failing_on_its_score_is_named_and_the_project_exclude_matches_names() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::create_dir(d.join(".git")).unwrap();
    fs::create_dir(d.join("docs")).unwrap();
    fs::write(d.join("docs/draft.txt"), MAJOR).unwrap();
    fs::write(d.join("docs/final.txt"), CLEAN).unwrap();
    fs::write(d.join("mtqc.toml"), "exclude = [\"draft.txt\"]\n").unwrap();
    let out = mtqc_in(d, &["check", "--format", "json", "docs"], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(json(&out)["summary"]["files"], 1);
    fs::remove_file(d.join("mtqc.toml")).unwrap();
    // The streamed records and the findings formats say why a file failed with no finding.
    for args in [
        &["--format", "jsonl"][..],
        &["--format", "jsonl", "--segments"],
        &["--format", "github"],
    ] {
        let out = mtqc_in(
            d,
            &[
                &["check", "--fail-on", "never", "--fail-under", "99.5"],
                args,
                &["docs/draft.txt"],
            ]
            .concat(),
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("docs/draft.txt: fails the gate: score"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}
