//! What each fuzz target does with one input. The libFuzzer targets in `fuzz/fuzz_targets/`
//! call these functions, and `tests/fuzz_regressions.rs` includes this file to replay saved
//! inputs through the same code paths without libFuzzer. Errors are fine; a panic, from mtqc or
//! from a broken invariant asserted here, is a crash.

#[path = "readers.rs"]
mod readers;
#[allow(unused_imports)]
pub use readers::{rdr_jsonl, rdr_markdown, rdr_po, rdr_tmx, rdr_tsv, rdr_xliff};

use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};

use mtqc::checker::{Checker, Judging};
use mtqc::engine::Selection;
use mtqc::input::readers::Format;
use mtqc::input::{Document, Encoding, Loaded, ParagraphMode, Reading};
use mtqc::report::{self, FileReport, Report};
use mtqc::rules::{self, Pack};

/// Real text with defects of every severity, checked under a fuzzed rule pack or project file
/// so that their rules, weights and per-path settings get to run.
const SAMPLES: &[(&str, &str)] = &[
    (
        "news/tico19-bn.txt",
        include_str!("../../tests/fixtures/tico19-bn-sample.txt"),
    ),
    (
        "legacy/defects.txt",
        "তিনি বলেন, দাম বেড়েছে 600০০ টাকা, তিনি বলেন।\n\
         This whole paragraph was left in English by the translation system and nobody noticed.\n\
         সরকার  জানিয়েছে যে ভাইরাস ভাইরাস দৃ solid ় ভাবে ছড়াচ্ছে ।  \n\
         কেসিএনএ জানিয়েছে, নিয়ম চালু হবে। পরে কেসিএএনএ জানিয়েছে, নিয়ম কঠোর হবে।\r\n\
         পিয়ংইয়াং -এ রাজ্য গণমাধ্যম বলেছে, যোগাযোগ ও যোগাযোগের ব্য্যাবস্থা ভালো।\n",
    ),
];

/// `fuzz_targets/rule_pack.rs`: the bytes as the only file of a rule pack. A pack that loads
/// runs its own examples, then checks the samples alone.
pub fn rule_pack(data: &[u8]) {
    let src = String::from_utf8_lossy(data).into_owned();
    let files = vec![(PathBuf::from("fuzz/rules.toml"), src)];
    let pack = match rules::load_pack_sources("fuzz", "fuzz", files) {
        Ok(pack) => pack,
        Err(e) => {
            assert!(!e.to_string().is_empty(), "an error says what is wrong");
            return;
        }
    };
    let _ = mtqc::examples::run(std::slice::from_ref(&pack));
    let language = pack.info.languages.iter().find(|l| *l != "*").cloned();
    let selection = Selection {
        language,
        ..Selection::default()
    };
    let checker = match Checker::new(vec![pack], selection, Judging::default()) {
        Ok(checker) => checker,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    check_samples(&checker);
}

/// `fuzz_targets/check_bytes.rs`: the bytes as an input file, read as mtqc reads a file,
/// checked with the embedded packs as lines and as blank-line blocks (and as segments), then
/// reported in every format. Bytes that do not decode are checked as their lossy decoding.
pub fn check_bytes(data: &[u8]) {
    let checkers = default_checkers();
    let mut files = Vec::new();
    for (name, mode, checker) in [
        ("line.txt", ParagraphMode::Line, &checkers.0),
        ("blank-line.txt", ParagraphMode::BlankLine, &checkers.0),
        ("segments.txt", ParagraphMode::Line, &checkers.1),
    ] {
        let how = |encoding| Reading {
            mode,
            encoding,
            ..Reading::default()
        };
        let text = Format::Text;
        let (doc, file) =
            match Document::from_bytes(name, data.to_vec(), text, &how(Encoding::Strict)) {
                Ok(Loaded::Text { mut docs, .. }) => (docs.remove(0), Some(data)),
                Ok(Loaded::Binary { offset }) => {
                    assert_eq!(data[offset], 0, "binary offset points at a NUL byte");
                    continue;
                }
                Err(e) => {
                    let said = e.to_string();
                    assert!(
                        said.contains("invalid UTF-") || said.contains("NUL byte at offset"),
                        "{said}"
                    );
                    let lossy =
                        Document::from_bytes(name, data.to_vec(), text, &how(Encoding::Lossy));
                    match lossy {
                        Ok(Loaded::Text { mut docs, .. }) => (docs.remove(0), None),
                        _ => continue,
                    }
                }
            };
        let report = checker.check(&doc);
        // Offsets are bytes of the file as read, for UTF-8 input decoded strictly.
        let utf8 = !data.starts_with(&[0xFF, 0xFE]) && !data.starts_with(&[0xFE, 0xFF]);
        verify_file(&report, file.filter(|_| utf8));
        files.push(report);
    }
    render_all(&checkers.0.report(files, 0, None));
}

/// `fuzz_targets/config.rs`: the bytes as `mtqc.toml`, read by the real loader. A file that
/// loads becomes the settings of an engine over the embedded packs that checks the samples.
pub fn config(data: &[u8]) {
    let path = scratch_config();
    std::fs::write(&path, data).expect("write the scratch config file");
    let loaded = mtqc::config::load(&path);
    let _ = std::fs::remove_file(&path);
    let config = match loaded {
        Ok(config) => config,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    let args = <mtqc::cli::Cli as clap::Parser>::try_parse_from(["mtqc", "check", "--no-config"])
        .expect("plain arguments parse");
    let mtqc::cli::Command::Check(args) = args.command else {
        unreachable!("a check command");
    };
    let mut settings = match mtqc::settings::Settings::build(&config, &args) {
        Ok(s) => s,
        Err(e) => {
            assert!(!e.to_string().is_empty());
            return;
        }
    };
    // Every renderer runs on the one report, the HTML one too: the paragraphs keep their text.
    settings.judging.without_text = false;
    // Loading the embedded packs compiles every regex: keep them between inputs. Checker::new
    // consumes them, so they are loaded again only after a configuration it rejects.
    let mut cache = embedded_cache().lock().unwrap_or_else(|e| e.into_inner());
    let packs = match cache.take() {
        Some(packs) => packs,
        None => embedded(),
    };
    match Checker::new(packs, settings.selection, settings.judging) {
        Ok(checker) => {
            check_samples(&checker);
            *cache = Some(checker.engine.packs);
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

fn embedded() -> Vec<Pack> {
    rules::load_embedded().expect("the embedded packs load")
}

/// The checker `mtqc check` builds with no project file, and the same with `--segments`.
fn default_checkers() -> &'static (Checker, Checker) {
    static CHECKERS: OnceLock<(Checker, Checker)> = OnceLock::new();
    CHECKERS.get_or_init(|| {
        let plain = Checker::new(embedded(), Selection::default(), Judging::default())
            .expect("default checker");
        let segments = Judging {
            segments: true,
            ..Judging::default()
        };
        let segments =
            Checker::new(embedded(), Selection::default(), segments).expect("segments checker");
        (plain, segments)
    })
}

fn embedded_cache() -> &'static Mutex<Option<Vec<Pack>>> {
    static CACHE: OnceLock<Mutex<Option<Vec<Pack>>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(None))
}

/// A scratch file of this process and thread for the config loader (it reads a path).
fn scratch_config() -> PathBuf {
    let thread = format!("{:?}", std::thread::current().id());
    let thread: String = thread.chars().filter(char::is_ascii_digit).collect();
    let name = format!("mtqc-fuzz-{}-{thread}.toml", std::process::id());
    std::env::temp_dir().join(name)
}

fn check_samples(checker: &Checker) {
    let mut files = Vec::new();
    for &(path, text) in SAMPLES {
        for mode in [ParagraphMode::Line, ParagraphMode::BlankLine] {
            let doc = Document::from_text(path, text, mode);
            let report = checker.check(&doc);
            verify_file(&report, Some(text.as_bytes()));
            files.push(report);
        }
    }
    render_all(&checker.report(files, 0, None));
}

fn in_range(score: f64) -> bool {
    (0.0..=100.0).contains(&score)
}

/// A penalty is a finite sum of non-negative weights (JSON has no NaN nor infinity).
fn penalty_ok(penalty: f64) -> bool {
    penalty.is_finite() && penalty >= 0.0
}

/// What must hold of one file's report, whatever the input: `file` is the bytes as read, when
/// offsets point into them.
fn verify_file(report: &FileReport, file: Option<&[u8]>) {
    assert!(in_range(report.score), "file score {}", report.score);
    assert!(
        penalty_ok(report.penalty),
        "file penalty {}",
        report.penalty
    );
    assert!(penalty_ok(report.penalty_per_1000_words));
    for p in &report.paragraphs {
        assert!(in_range(p.score), "paragraph score {}", p.score);
        assert!(penalty_ok(p.penalty), "paragraph penalty {}", p.penalty);
        assert!(p.line >= 1);
        for f in &p.findings {
            assert!(
                f.start <= f.end,
                "{}: start {} > end {}",
                f.rule,
                f.start,
                f.end
            );
            if let Some(file) = file {
                assert!(
                    f.end <= file.len(),
                    "{}: end {} past the file",
                    f.rule,
                    f.end
                );
                assert_eq!(
                    f.text.as_bytes(),
                    &file[f.start..f.end],
                    "{}: text is not the file's bytes {}..{}",
                    f.rule,
                    f.start,
                    f.end
                );
            }
            assert!(f.line >= p.line && f.column >= 1, "{}: position", f.rule);
            assert!(
                (f.line, f.column) <= (f.end_line, f.end_column),
                "{}: ends before it starts",
                f.rule
            );
            assert!(f.char_start <= f.char_end, "{}: char offsets", f.rule);
            assert_eq!(
                p.text.get(f.span.0..f.span.1),
                Some(f.text.as_str()),
                "{}: span {:?} in its paragraph's text",
                f.rule,
                f.span
            );
        }
    }
}

/// Every renderer of the registry; the JSON ones must parse back.
fn render_all(report: &Report) {
    use clap::ValueEnum;
    use report::Format;
    let s = &report.summary;
    assert!(in_range(s.score), "summary score {}", s.score);
    assert!(penalty_ok(s.penalty), "summary penalty {}", s.penalty);
    assert!(penalty_ok(s.penalty_per_1000_words));
    for &format in Format::value_variants() {
        for color in [false, true] {
            let cx = report::Context {
                color,
                ..report::Context::default()
            };
            let mut out = Vec::new();
            format
                .renderer()
                .render(report, &cx, &mut out)
                .expect("rendering to memory does not fail");
            let text = String::from_utf8(out).expect("a report is UTF-8");
            match format {
                Format::Json | Format::Sarif | Format::Rdjson | Format::Gitlab => {
                    serde_json::from_str::<serde_json::Value>(&text).expect("the report is JSON");
                }
                Format::Jsonl | Format::Rdjsonl => {
                    for line in text.lines().filter(|l| !l.is_empty()) {
                        serde_json::from_str::<serde_json::Value>(line).expect("each line is JSON");
                    }
                }
                _ => {}
            }
        }
    }
    let html = report::html::render(report);
    assert_eq!(
        html.matches("<li class=\"finding\"").count(),
        report.findings().count(),
        "the HTML report holds every finding"
    );
}
