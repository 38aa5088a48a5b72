//! Micro-benchmarks, bytes per second: the analysis step and each rule kind, on a fixed Bengali
//! sample (the `tests/fixtures/*.txt` files, one paragraph per line, repeated to about 1 MB).
//!
//! Each kind benchmark runs every rule of that kind in the embedded packs that apply to Bengali
//! (`common` and `bn`, with the language data of `source-en`): its paragraph check on every
//! paragraph and its document check on the whole sample, on paragraphs analysed beforehand, so
//! the figure is the kind's own cost. The
//! engine may skip rules on paragraphs its multi-pattern gate rules out; these numbers do not
//! include that saving. `cargo bench --bench kinds`; `bench/run.sh` reports the results.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mtqc::checks::{Context, DocHit, Hit};
use mtqc::lexicon::Lexicon;
use mtqc::rules::{Pack, Rule, load_embedded};
use mtqc::text::{Analysis, ScriptCounts};

/// The sample's size: at least this many bytes.
const SAMPLE_BYTES: usize = 1 << 20;

/// The non-empty lines of every `tests/fixtures/*.txt` (sorted by name), repeated until the
/// sample holds `SAMPLE_BYTES`.
fn sample() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut once = String::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("a UTF-8 fixture");
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            once.push_str(line);
            once.push('\n');
        }
    }
    assert!(!once.is_empty(), "no text in {}", dir.display());
    let mut text = String::with_capacity(SAMPLE_BYTES + once.len());
    while text.len() < SAMPLE_BYTES {
        text.push_str(&once);
    }
    text
}

/// Run `rules` as the engine does: paragraph checks on each paragraph, document checks on all.
fn run(rules: &[&Rule], analyses: &[Analysis], ctx: &Context) -> usize {
    let mut hits: Vec<Hit> = Vec::new();
    let mut doc_hits: Vec<DocHit> = Vec::new();
    let mut found = 0;
    for a in analyses {
        for r in rules {
            r.check.paragraph(a, ctx, &mut hits);
            found += hits.len();
            hits.clear();
        }
    }
    for r in rules {
        r.check.document(analyses, ctx, &mut doc_hits);
        found += doc_hits.len();
        doc_hits.clear();
    }
    found
}

fn kinds(c: &mut Criterion) {
    let text = sample();
    let paragraphs: Vec<&str> = text.lines().collect();
    let analyses: Vec<Analysis> = paragraphs.iter().map(|p| Analysis::new(p)).collect();

    let packs: Vec<Pack> = load_embedded()
        .expect("the embedded packs load")
        .into_iter()
        .filter(|p| p.info.applies_to("bn"))
        .collect();
    let mut lexicon = Lexicon::default();
    for p in &packs {
        lexicon.merge(&p.lexicon);
    }
    let ctx = Context {
        script: ScriptCounts::of(&text).dominant(),
        language: "bn".to_string(),
        lexicon: std::sync::Arc::new(lexicon),
        ..Context::default()
    };
    let all: Vec<&Rule> = packs.iter().flat_map(|p| &p.rules).collect();

    let mut group = c.benchmark_group("kinds");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.warm_up_time(Duration::from_secs(1));
    group.measurement_time(Duration::from_secs(5));

    group.bench_function("analysis", |b| {
        b.iter(|| {
            let mut words = 0;
            for p in &paragraphs {
                words += black_box(Analysis::new(black_box(p))).words.len();
            }
            words
        })
    });
    // Every kind of the registry, in its order.
    for kind in mtqc::checks::KINDS.iter().map(|k| k.name) {
        let rules: Vec<&Rule> = all.iter().copied().filter(|r| r.kind == kind).collect();
        if rules.is_empty() {
            eprintln!("kinds: no embedded rule of kind `{kind}` applies to bn; skipped");
            continue;
        }
        group.bench_function(kind, |b| {
            b.iter(|| run(black_box(&rules), black_box(&analyses), &ctx))
        });
    }
    group.bench_function("all-rules", |b| {
        b.iter(|| run(black_box(&all), black_box(&analyses), &ctx))
    });
    group.finish();
}

criterion_group!(benches, kinds);
criterion_main!(benches);
