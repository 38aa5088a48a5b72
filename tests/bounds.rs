//! Bounded under hostile input: each test measures growth or size, never an absolute time.
//! Huge language data loads in linear time; a pack's regexes have a size budget and none may
//! match the empty string; a paragraph crafted to be full of findings gives a bounded report;
//! `-j` is capped.

mod common;

use std::fs;
use std::path::Path;
use std::time::Instant;

use common::mtqc_in;

fn pack_with_endings(dir: &Path, name: &str, n: usize) {
    let d = dir.join(name);
    fs::create_dir_all(&d).unwrap();
    let endings: Vec<String> = (0..n).map(|i| format!("\"x{i}\"")).collect();
    fs::write(
        d.join("pack.toml"),
        format!(
            "[pack]\nid = \"{name}\"\nlanguages = [\"bn\"]\n[lexicon]\nendings = [{}]\n",
            endings.join(", ")
        ),
    )
    .unwrap();
}

/// The shortest of three runs, in seconds.
fn seconds(dir: &Path, args: &[&str]) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let out = mtqc_in(dir, args, None);
            assert!(
                out.status.code().is_some_and(|c| c < 2),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn fifty_thousand_endings_load_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    pack_with_endings(dir.path(), "small", 25_000);
    pack_with_endings(dir.path(), "large", 100_000);
    fs::write(
        dir.path().join("doc.txt"),
        "রাশিয়া এবং উত্তর কোরিয়া সম্পর্ক তৈরি করছে।\n",
    )
    .unwrap();
    let run = |pack: &str| {
        seconds(
            dir.path(),
            &[
                "check",
                "--no-config",
                "--lang",
                "bn",
                "--rules",
                pack,
                "doc.txt",
            ],
        )
    };
    let base = seconds(
        dir.path(),
        &["check", "--no-config", "--lang", "bn", "doc.txt"],
    );
    let small = (run("small") - base).max(0.001);
    let large = (run("large") - base).max(0.001);
    // Four times the data: linear is four times the extra time, quadratic sixteen. The
    // allowance absorbs a busy machine's noise (the small pack's extra time is near zero); a
    // quadratic merge of 100,000 endings takes seconds.
    assert!(
        large <= 8.0 * small + 0.25,
        "25,000 endings {small:.3} s, 100,000 endings {large:.3} s beyond the start-up"
    );
}

#[test]
fn a_pack_of_huge_regexes_is_refused_and_no_regex_may_match_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("big");
    fs::create_dir_all(&d).unwrap();
    // Each regex compiles near the 1 MiB limit; together they pass the pack's budget.
    let mut rules = String::new();
    for i in 0..120 {
        rules.push_str(&format!(
            "[[rule]]\nid = \"r{i}\"\nkind = \"pattern\"\nregex = '\\w{{20}}x{i}'\nseverity = \"minor\"\n\
             category = \"style/x\"\nmessage = \"m\"\ndoc = \"Minor.\"\n"
        ));
    }
    fs::write(d.join("rules.toml"), rules).unwrap();
    let out = mtqc_in(dir.path(), &["rules", "test", "big"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("over the budget"), "{err}");

    let e = dir.path().join("empty");
    fs::create_dir_all(&e).unwrap();
    fs::write(
        e.join("rules.toml"),
        "[[rule]]\nid = \"e\"\nkind = \"pattern\"\nregex = 'a*'\nseverity = \"minor\"\ncategory = \"style/x\"\nmessage = \"m\"\ndoc = \"Minor.\"\n",
    )
    .unwrap();
    let out = mtqc_in(dir.path(), &["rules", "test", "empty"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("rules.toml:4:9: regex `a*` can match the empty string"),
        "{err}"
    );
}

/// Packs each within their budget (32 MiB of compiled regexes) are within one for the run
/// together: past 64 MiB, loading stops at the pack that passes it, so three packs near their
/// budget cannot take three times the memory, nor forty forty times.
#[test]
fn the_packs_of_a_run_have_one_regex_budget() {
    let dir = tempfile::tempdir().unwrap();
    let pack = |name: &str| {
        let d = dir.path().join("packs").join(name);
        fs::create_dir_all(&d).unwrap();
        // Each pack about 27 MiB: two fit in 64, three do not.
        let rules: String = (0..80)
            .map(|i| {
                format!(
                    "[[rule]]\nid = \"r{i}\"\nkind = \"pattern\"\nregex = '\\w{{20}}x{i}'\n\
                     severity = \"minor\"\ncategory = \"style/x\"\nmessage = \"m\"\n\
                     doc = \"Minor.\"\n"
                )
            })
            .collect();
        fs::write(d.join("rules.toml"), rules).unwrap();
    };
    fs::write(dir.path().join("doc.txt"), "রাশিয়া এবং উত্তর কোরিয়া।\n").unwrap();
    let check = ["check", "--no-config", "--rules", "packs", "doc.txt"];
    pack("a");
    pack("b");
    let out = mtqc_in(dir.path(), &check, None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "two packs fit: {err}");
    pack("c");
    let out = mtqc_in(dir.path(), &check, None);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("packs/c: the regexes of the packs loaded so far")
            && err.contains("over the budget of 64 MiB for all the packs of a run"),
        "{err}"
    );
}

/// A pattern rule whose flagged group is followed by long context: the search goes on from
/// the group's end only over short context, so a line that every position could start a
/// match in costs linear time (going on from the group's end over any context is quadratic:
/// 40,000 letters took 6 s).
#[test]
fn a_pattern_with_long_context_after_its_group_stays_linear() {
    let dir = tempfile::tempdir().unwrap();
    let packs = dir.path().join("packs");
    let d = packs.join("ctx");
    fs::create_dir_all(&d).unwrap();
    fs::write(
        d.join("pack.toml"),
        "[pack]\nid = \"ctx\"\nversion = \"1.0.0\"\nlanguages = [\"*\"]\ndescription = \"t\"\n",
    )
    .unwrap();
    fs::write(
        d.join("rules.toml"),
        "[[rule]]\nid = \"a-then-z\"\nkind = \"pattern\"\nregex = '(a)[^z]*z'\ngroup = 1\n\
         severity = \"minor\"\ncategory = \"style/x\"\nmessage = \"m\"\ndoc = \"Minor.\"\n",
    )
    .unwrap();
    let run = |n: usize| {
        let name = format!("a{n}.txt");
        fs::write(dir.path().join(&name), format!("{}z\n", "a".repeat(n))).unwrap();
        let args = [
            "check",
            "--no-config",
            "--lang",
            "en",
            "--rules",
            "packs",
            "--packs",
            "ctx",
            "--format",
            "json",
            "--fail-on",
            "never",
            &name,
        ];
        seconds(dir.path(), &args)
    };
    grows_linearly(run, 10, [20_000, 80_000]);
}

/// Holds `run`'s time at `sizes` (the second four times the first), beyond its time at `base`
/// (the start-up), to linear growth: four times the text is four times the extra time,
/// quadratic sixteen.
fn grows_linearly(run: impl Fn(usize) -> f64, base: usize, sizes: [usize; 2]) {
    let base = run(base);
    let small = (run(sizes[0]) - base).max(0.001);
    let large = (run(sizes[1]) - base).max(0.001);
    assert!(
        large <= 8.0 * small + 0.25,
        "{} {small:.3} s, {} {large:.3} s beyond the start-up",
        sizes[0],
        sizes[1]
    );
}

#[test]
fn a_paragraph_full_of_findings_gives_a_bounded_report() {
    let dir = tempfile::tempdir().unwrap();
    // One paragraph of 20,000 mixed numbers: 20,000 findings would be 10 MB of JSON. Each
    // number differs, so the paragraph is no loop (which would be one finding).
    let mixed = |n: usize| -> String {
        (0..n).map(|i| format!("প্রায় {}০০ সেনা ", 600 + i)).collect()
    };
    let (small, large) = (mixed(200), mixed(20_000));
    fs::write(dir.path().join("small.txt"), format!("{small}\n")).unwrap();
    fs::write(dir.path().join("large.txt"), format!("{large}\n")).unwrap();
    let size = |name: &str| {
        let out = mtqc_in(
            dir.path(),
            &["check", "--no-config", "--format", "json", name],
            None,
        );
        assert_eq!(out.status.code(), Some(1));
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let listed = report["files"][0]["paragraphs"][0]["findings"]
            .as_array()
            .unwrap()
            .len();
        (
            out.stdout.len(),
            listed,
            report["summary"]["findings"]["major"].as_u64().unwrap(),
        )
    };
    let (small_bytes, small_listed, small_major) = size("small.txt");
    let (large_bytes, large_listed, large_major) = size("large.txt");
    assert_eq!(
        (small_listed, small_major),
        (100, 200),
        "every finding is counted"
    );
    assert_eq!((large_listed, large_major), (100, 20_000));
    assert!(
        large_bytes < 2 * small_bytes,
        "{small_bytes} -> {large_bytes} bytes"
    );
}

#[test]
fn threads_are_capped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.txt"), "রাশিয়া এবং উত্তর কোরিয়া।\n").unwrap();
    let out = mtqc_in(
        dir.path(),
        &["check", "--no-config", "-j", "100000", "doc.txt"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("more threads than helps"));
}

/// A bilingual file gives one document per target language, each read in a pass of its own: a
/// small file naming thousands of languages would cost their number squared, so past 256 it is
/// an error (the same in every report format, held or streamed), and 256 are read.
#[test]
fn a_file_of_more_than_256_target_languages_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let tmx = |n: usize| {
        let tus: String = (0..n)
            .map(|i| {
                format!(
                    "<tu><tuv xml:lang=\"en\"><seg>Erase</seg></tuv>\
                     <tuv xml:lang=\"x-l{i}\"><seg>x</seg></tuv></tu>\n"
                )
            })
            .collect();
        format!(
            "<?xml version=\"1.0\"?>\n<tmx version=\"1.4\"><header srclang=\"en\"/><body>\n{tus}</body></tmx>\n"
        )
    };
    let xliff = |n: usize| {
        let files: String = (0..n)
            .map(|i| {
                format!(
                    "<file source-language=\"en\" target-language=\"x-l{i}\"><body>\
                     <trans-unit id=\"{i}\"><source>a</source><target>b</target></trans-unit></body></file>\n"
                )
            })
            .collect();
        format!("<xliff version=\"1.2\">\n{files}</xliff>\n")
    };
    fs::write(d.join("many.tmx"), tmx(300)).unwrap();
    fs::write(d.join("many.xlf"), xliff(300)).unwrap();
    fs::write(d.join("enough.tmx"), tmx(256)).unwrap();
    fs::write(d.join("enough.xlf"), xliff(256)).unwrap();
    for file in ["many.tmx", "many.xlf"] {
        for format in [
            &["--format", "human"][..],
            &["--format", "json"],
            &["--segments", "--format", "jsonl"],
        ] {
            let mut args = vec!["check", "--no-config", "--fail-on", "never"];
            args.extend_from_slice(format);
            args.push(file);
            let out = mtqc_in(d, &args, None);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(
                err.contains("more than 256 target languages"),
                "{args:?}: {err}"
            );
        }
    }
    for file in ["enough.tmx", "enough.xlf"] {
        let out = mtqc_in(
            d,
            &[
                "check",
                "--no-config",
                "--fail-on",
                "never",
                "--format",
                "json",
                file,
            ],
            None,
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(report["files"].as_array().unwrap().len(), 256, "{file}");
    }
}

/// A pack of thousands of endings that share their last character costs a word its own length
/// to split, not the number of endings: with 50,000 such endings a text checks about as fast
/// as without them, once the pack is loaded (each word was compared with every ending of its
/// last byte: 5.5 s for 5 MB against 0.6 s).
#[test]
fn fifty_thousand_endings_cost_checking_no_more_than_none() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let letters: Vec<char> = ('\u{0995}'..='\u{09B8}').collect();
    let endings: Vec<String> = (0..50_000usize)
        .map(|i| {
            let word: String = [i, i / 36, i / 1296]
                .iter()
                .map(|k| letters[k % letters.len()])
                .collect();
            format!("\"{word}\u{09C7}\"")
        })
        .collect();
    fs::create_dir_all(d.join("many")).unwrap();
    fs::write(
        d.join("many/pack.toml"),
        format!(
            "[pack]\nid = \"many\"\nlanguages = [\"bn\"]\n[lexicon]\nendings = [{}]\n",
            endings.join(", ")
        ),
    )
    .unwrap();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let one = fs::read_to_string(format!("{fixtures}/tico19-bn-sample.txt")).unwrap()
        + &fs::read_to_string(format!("{fixtures}/bn-news-mt.txt")).unwrap();
    fs::write(d.join("long.txt"), one.repeat(2_000_000 / one.len() + 1)).unwrap();
    fs::write(d.join("short.txt"), one.lines().next().unwrap()).unwrap();
    // The time a text takes beyond a one-line check: start-up and loading the pack left out.
    let per_text = |rules: &[&str]| {
        let run = |doc: &str| {
            let mut args = vec![
                "check",
                "--no-config",
                "--lang",
                "bn",
                "-j",
                "1",
                "--fail-on",
                "never",
            ];
            args.extend_from_slice(rules);
            args.push(doc);
            seconds(d, &args)
        };
        (run("long.txt") - run("short.txt")).max(0.0)
    };
    let none = per_text(&[]);
    let many = per_text(&["--rules", "many"]);
    // Comparing every ending took 2.4 times the text's time here; by suffixes, the same.
    assert!(
        many <= 1.5 * none + 0.02,
        "2 MB: {none:.3} s, {many:.3} s with 50,000 endings"
    );
}

/// Checks a TSV of one unit made by `unit(n)` (source, target), in `lang` from English, at
/// `sizes`, and holds its time to linear growth (`grows_linearly`).
fn one_unit_grows_linearly(
    lang: &str,
    unit: impl Fn(usize) -> (String, String),
    sizes: [usize; 2],
) {
    let dir = tempfile::tempdir().unwrap();
    let run = |n: usize| {
        let name = format!("unit{n}.tsv");
        let (source, target) = unit(n);
        fs::write(dir.path().join(&name), format!("{source}\t{target}\n")).unwrap();
        let args = [
            "check",
            "--no-config",
            "--lang",
            lang,
            "--source-lang",
            "en",
            "--format",
            "json",
            "--fail-on",
            "never",
            &name,
        ];
        seconds(dir.path(), &args)
    };
    grows_linearly(run, 1, sizes);
}

/// ICU frames crafted by the thousand, nested and never closed: each frame's cases are read to
/// its end, so only the first `MAX_FRAMES` of a text are, and the cost stays linear in its
/// length (every frame read was quadratic).
#[test]
fn crafted_icu_frames_stay_linear() {
    one_unit_grows_linearly(
        "ru",
        |n| {
            let frames = "{n, plural, one {".repeat(n);
            (frames.clone(), frames)
        },
        [5_000, 20_000],
    );
}

/// A unit whose target opens thousands of sentences with a Latin word the source writes too:
/// each is judged by the source's case, read once a unit (each read the whole source: it was
/// quadratic).
#[test]
fn sentence_opening_words_judged_by_the_source_stay_linear() {
    one_unit_grows_linearly(
        "bn",
        |n| {
            (
                "the lockdown ends today. ".repeat(n),
                "Lockdown আজ শেষ হবে। ".repeat(n),
            )
        },
        [4_000, 16_000],
    );
}
