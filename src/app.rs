//! What each command does: load configuration and packs, read inputs, check, render, and map
//! the outcome to an exit code (0 passed, 1 gate failed, 2 error; 2 beats 1 beats 0).

use std::io::{IsTerminal, Write};
use std::path::Path;

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::cli::{
    CheckArgs, Cli, Color, Command, DiffArgs, DiffFormat, Format, PackArgs, RulesCommand,
};
use crate::config::{self, Config, FailOn};
use crate::engine::{Engine, Settings};
use crate::error::{Error, display_path};
use crate::input::{self, Decoded, Document, Input};
use crate::output::{refuse_input, write_atomically};
use crate::report::{self, Report};
use crate::rules::{self, Pack};

pub const EXIT_PASS: i32 = 0;
pub const EXIT_GATE: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

pub fn run(cli: Cli) -> i32 {
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Rules(cmd) => rules_command(cmd),
        Command::Diff(args) => diff_command(args),
    };
    result.unwrap_or_else(|e| {
        eprintln!("mtqc: error: {e}");
        EXIT_ERROR
    })
}

fn load_config(args: &PackArgs) -> Result<Config, Error> {
    if args.no_config {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => std::env::current_dir()
            .ok()
            .and_then(|d| config::discover(&d)),
    };
    match path {
        Some(p) => config::load(&p),
        None => Ok(Config::default()),
    }
}

/// The embedded packs, then those named by the project file, then `--rules` directories.
fn load_packs(config: &Config, args: &PackArgs) -> Result<Vec<Pack>, Error> {
    let mut packs = rules::load_embedded()?;
    for dir in config
        .rules
        .iter()
        .map(|d| config.dir.join(d))
        .chain(args.rules.iter().cloned())
    {
        packs.extend(rules::load_dir(&dir)?);
    }
    Ok(packs)
}

fn settings(config: &Config, args: &CheckArgs) -> Result<Settings, Error> {
    let mut s = Settings::from_config(config);
    if let Some(l) = &args.lang {
        s.language = Some(l.clone());
    }
    if let Some(p) = &args.packs {
        s.packs = Some(p.clone());
    }
    s.disabled.extend(args.disable.iter().cloned());
    s.segments |= args.segments;
    if let Some(b) = &args.baseline {
        s.baseline = Some(Baseline::load(b)?.fingerprints());
    }
    if let Some(f) = args.fail_on {
        s.fail_on = Some(f);
    }
    if let Some(t) = args.fail_under {
        if !(0.0..=100.0).contains(&t) {
            return Err(Error::usage(format!(
                "--fail-under {t}: must lie in 0..=100"
            )));
        }
        s.fail_under = Some(t);
    }
    Ok(s)
}

fn check(args: CheckArgs) -> Result<i32, Error> {
    let config = load_config(&args.packs_args)?;
    let engine = Engine::new(
        load_packs(&config, &args.packs_args)?,
        settings(&config, &args)?,
    )?;
    let mode = args.paragraphs.or(config.paragraphs).unwrap_or_default();
    let paths = if args.paths.is_empty() {
        vec!["-".into()]
    } else {
        args.paths.clone()
    };
    let mut warnings = Vec::new();
    let (mut inputs, errors) = input::expand(&paths, &mut warnings);
    exclude(&mut inputs, &config.exclude);
    let output = args.output.as_ref().filter(|o| o.as_os_str() != "-");
    if let Some(out) = output {
        refuse_input("--output", out, &paths, &inputs)?;
    }
    if let Some(b) = &args.write_baseline {
        refuse_input("--write-baseline", b, &paths, &inputs)?;
    }
    let mut code = EXIT_PASS;
    for e in &errors {
        eprintln!("mtqc: error: {e}");
        code = EXIT_ERROR;
    }
    if let Some(n) = args.threads {
        // The first call sets the pool; a second (in tests calling the library) keeps it.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global();
    }
    if args.format == Format::Jsonl && engine.settings.segments && args.write_baseline.is_none() {
        let mut inputs = inputs;
        inputs.sort_by_key(Input::display);
        return stream_segments(&engine, &inputs, mode, &args, output).map(|c| c.max(code));
    }
    // Files on all threads; messages and reports in input order afterwards.
    let progress = Progress::start(&inputs, args.format);
    let results: Vec<_> = inputs
        .par_iter()
        .map(|inp| {
            load_document(inp, mode, args.encoding).map(|d| {
                d.map(|doc| {
                    let file = engine.check(&doc);
                    progress.advance(doc.text.len() + doc.bom);
                    file
                })
            })
        })
        .collect();
    progress.finish();
    let mut files = Vec::new();
    for (inp, result) in inputs.iter().zip(results) {
        match result {
            Ok(Some(file)) => files.push(file),
            Ok(None) => eprintln!("mtqc: warning: {}: looks binary, skipped", inp.display()),
            Err(e) => {
                eprintln!("mtqc: error: {e}");
                code = EXIT_ERROR;
            }
        }
    }
    for w in warnings {
        eprintln!("mtqc: warning: {w}");
    }
    let report = engine.report(files);
    if let Some(path) = &args.write_baseline {
        write_baseline(path, &report)?;
    }
    let rendered = match args.format {
        Format::Json => report::json::render(&report),
        Format::Human => report::human::render(
            &report,
            &report::human::Style {
                // `auto` means a terminal, and a report file is none.
                color: match args.color {
                    Color::Auto if output.is_some() => false,
                    c => use_color(c),
                },
            },
        ),
        Format::Sarif => report::sarif::render(&report),
        Format::Junit => report::junit::render(&report, &junit_timestamp()),
        Format::Checkstyle => report::checkstyle::render(&report),
        Format::Rdjson => report::rdjson::render(&report),
        Format::Rdjsonl => report::rdjson::render_lines(&report),
        Format::Gitlab => report::gitlab::render(&report),
        Format::Github => report::github::render(&report),
        Format::Markdown => report::markdown::render(&report),
        Format::Jsonl => report::jsonl::render(&report),
        Format::Html => report::html::render(&report),
    };
    if let Some(path) = output {
        write_atomically(path, rendered.as_bytes()).map_err(|e| {
            Error::new(
                crate::error::ErrorKind::Output,
                format!("cannot write the report to {}: {e}", display_path(path)),
            )
        })?;
        if code == EXIT_PASS && gate_failed(&report, &engine.settings) {
            code = EXIT_GATE;
        }
        return Ok(code);
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_all(rendered.as_bytes()).and_then(|_| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(code);
        }
        return Err(Error::new(
            crate::error::ErrorKind::Output,
            format!("cannot write the report: {e}"),
        ));
    }
    if code == EXIT_PASS && gate_failed(&report, &engine.settings) {
        code = EXIT_GATE;
    }
    Ok(code)
}

/// JUnit's timestamp: SOURCE_DATE_EPOCH (reproducible output) when set, else now (UTC).
fn junit_timestamp() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        });
    report::junit::timestamp(secs)
}

/// `--segments --format jsonl`: every input streamed, each paragraph's record written as soon
/// as its batch is checked (see `stream`), in path order like every report.
fn stream_segments(
    engine: &Engine,
    inputs: &[Input],
    mode: input::ParagraphMode,
    args: &CheckArgs,
    output: Option<&std::path::PathBuf>,
) -> Result<i32, Error> {
    let output_error = |e: std::io::Error| {
        Error::new(
            crate::error::ErrorKind::Output,
            format!("cannot write the report: {e}"),
        )
    };
    let mut file = output
        .map(|p| crate::output::AtomicFile::create(p))
        .transpose()
        .map_err(output_error)?;
    let stdout = std::io::stdout();
    let mut code = EXIT_PASS;
    let mut gate = false;
    {
        let mut out: Box<dyn Write> = match file.as_mut() {
            Some(f) => Box::new(std::io::BufWriter::new(f)),
            None => Box::new(std::io::BufWriter::new(stdout.lock())),
        };
        for inp in inputs {
            match crate::stream::segments(engine, inp, mode, args.encoding, &mut out) {
                Ok(o) => {
                    gate |= engine.settings.fail_on() != FailOn::Never && o.failed;
                    gate |= engine.settings.fail_under.is_some_and(|t| o.score() < t);
                }
                Err(e) if e.kind == crate::error::ErrorKind::Output && output.is_none() => {
                    // A closed stdout: stop quietly, like ripgrep.
                    return Ok(code);
                }
                Err(e) => {
                    eprintln!("mtqc: error: {e}");
                    code = EXIT_ERROR;
                }
            }
        }
        if let Err(e) = out.flush() {
            if output.is_none() && e.kind() == std::io::ErrorKind::BrokenPipe {
                return Ok(code);
            }
            return Err(output_error(e));
        }
    }
    if let Some(f) = file {
        f.commit().map_err(output_error)?;
    }
    if code == EXIT_PASS && gate {
        code = EXIT_GATE;
    }
    Ok(code)
}

/// A progress bar on stderr for long runs, only on a terminal, never in CI and never with a
/// machine format (whose reader is a program).
struct Progress {
    bar: Option<indicatif::ProgressBar>,
    done: std::sync::atomic::AtomicUsize,
    total: usize,
}

/// Runs shorter than this (in bytes, over few files) get no bar.
const PROGRESS_MIN_BYTES: u64 = 20 << 20;
const PROGRESS_MIN_FILES: usize = 200;

impl Progress {
    fn start(inputs: &[Input], format: Format) -> Progress {
        let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let none = Progress {
            bar: None,
            done: 0.into(),
            total: inputs.len(),
        };
        if !interactive || format != Format::Human {
            return none;
        }
        let bytes: u64 = inputs
            .iter()
            .map(|i| match i {
                Input::File { path, .. } => std::fs::metadata(path).map_or(0, |m| m.len()),
                Input::Stdin => 0,
            })
            .sum();
        if bytes < PROGRESS_MIN_BYTES && inputs.len() < PROGRESS_MIN_FILES {
            return none;
        }
        let bar = indicatif::ProgressBar::new(bytes);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {msg} files · {binary_bytes}/{binary_total_bytes} · {binary_bytes_per_sec} · ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar.set_message(format!("0/{}", inputs.len()));
        bar.set_length(bytes.max(1));
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        Progress {
            bar: Some(bar),
            ..none
        }
    }

    fn advance(&self, bytes: usize) {
        if let Some(bar) = &self.bar {
            let done = self.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            bar.inc(bytes as u64);
            bar.set_message(format!("{done}/{}", self.total));
        }
    }

    fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

/// Drop files found by walking a directory that an `exclude` glob of `mtqc.toml` matches.
fn exclude(inputs: &mut Vec<Input>, globs: &[String]) {
    let mut set = globset::GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = globset::Glob::new(g) {
            set.add(glob);
        }
    }
    let Ok(set) = set.build() else { return };
    inputs.retain(|i| match i {
        Input::File { path, named: false } => !set.is_match(display_path(path)),
        _ => true,
    });
}

/// Record the run's findings, keeping the reasons of the baseline already at `path`.
fn write_baseline(path: &Path, report: &Report) -> Result<(), Error> {
    let previous = if path.exists() {
        Some(Baseline::load(path)?)
    } else {
        None
    };
    let baseline = Baseline::from_report(report, previous.as_ref());
    write_atomically(path, baseline.render().as_bytes()).map_err(|e| {
        Error::new(
            crate::error::ErrorKind::Output,
            format!("cannot write the baseline to {}: {e}", display_path(path)),
        )
    })?;
    eprintln!(
        "mtqc: recorded {} findings in {}",
        baseline.findings.len(),
        display_path(path)
    );
    Ok(())
}

fn diff_command(args: DiffArgs) -> Result<i32, Error> {
    if !(args.max_drop >= 0.0 && args.max_drop.is_finite()) {
        return Err(Error::usage(format!(
            "--max-drop {}: must be a number of points, 0 or more",
            args.max_drop
        )));
    }
    let old = crate::diff::load(&args.old)?;
    let new = crate::diff::load(&args.new)?;
    let d = crate::diff::diff(&old, &new, args.max_drop);
    let text = match args.format {
        DiffFormat::Human => crate::diff::render_human(&d),
        DiffFormat::Json => crate::diff::render_json(&d),
    };
    print_quietly(&text);
    Ok(if d.regressed { EXIT_GATE } else { EXIT_PASS })
}

fn gate_failed(report: &Report, s: &Settings) -> bool {
    let by_severity = s.fail_on() != FailOn::Never
        && report
            .files
            .iter()
            .flat_map(|f| &f.paragraphs)
            .any(|p| !p.pass);
    let by_score = s
        .fail_under
        .is_some_and(|t| report.files.iter().any(|f| f.score < t));
    by_severity || by_score
}

/// A document, `None` for a binary file found by walking a directory.
fn load_document(
    inp: &Input,
    mode: input::ParagraphMode,
    encoding: input::Encoding,
) -> Result<Option<Document>, Error> {
    let name = inp.display();
    let (decoded, replaced) = input::decode_with(&name, input::read(inp)?, encoding)?;
    if replaced > 0 {
        eprintln!("mtqc: warning: {name}: {replaced} invalid UTF-8 sequences replaced by U+FFFD");
    }
    match decoded {
        Decoded::Text { text, bom } => Ok(Some(Document::from_text(name, text, bom, mode))),
        Decoded::Binary { offset } => match inp {
            Input::File { named: false, .. } => Ok(None),
            _ => Err(Error::input(format!(
                "{name}: looks binary (NUL byte at offset {offset})"
            ))),
        },
    }
}

fn use_color(c: Color) -> bool {
    match c {
        Color::Always => true,
        Color::Never => false,
        Color::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

fn rules_command(cmd: RulesCommand) -> Result<i32, Error> {
    match cmd {
        RulesCommand::List(args) => {
            let packs = load_packs(&load_config(&args)?, &args)?;
            let mut out = String::new();
            for p in &packs {
                out.push_str(&format!(
                    "{} {} ({}; languages: {}): {}\n",
                    p.info.id,
                    p.info.version,
                    p.info.origin,
                    p.info.languages.join(", "),
                    p.info.description
                ));
                for r in &p.rules {
                    out.push_str(&format!(
                        "  {:40} {:13} {:8} {}\n",
                        r.id, r.kind, r.severity, r.category
                    ));
                }
            }
            print_quietly(&out);
            Ok(EXIT_PASS)
        }
        RulesCommand::Explain { id, packs: args } => {
            let packs = load_packs(&load_config(&args)?, &args)?;
            let rule = packs
                .iter()
                .flat_map(|p| &p.rules)
                .find(|r| r.id == id)
                .ok_or_else(|| {
                    Error::usage(format!("unknown rule `{id}` (see `mtqc rules list`)"))
                })?;
            let mut out = format!(
                "{}\n  kind: {}\n  severity: {}\n  category: {}\n  defined at: {}\n  message: {}\n\n{}\n",
                rule.id,
                rule.kind,
                rule.severity,
                rule.category,
                rule.origin,
                rule.message,
                rule.doc.trim()
            );
            for ex in &rule.examples {
                match &ex.flags {
                    Some(f) if !f.is_empty() => {
                        out.push_str(&format!("\n  flags {f:?} in: {}\n", ex.text))
                    }
                    _ => out.push_str(&format!("\n  silent on: {}\n", ex.text)),
                }
            }
            print_quietly(&out);
            Ok(EXIT_PASS)
        }
        RulesCommand::Test { dir } => {
            let packs = match &dir {
                Some(d) => rules::load_dir(d)?,
                None => rules::load_embedded()?,
            };
            let (count, failures) = rules::examples::run(&packs);
            let rules_n: usize = packs.iter().map(|p| p.rules.len()).sum();
            let mut out: String = failures.iter().map(|f| format!("FAIL {f}\n")).collect();
            let place = dir
                .as_deref()
                .map_or("embedded packs".to_string(), display_path);
            out.push_str(&format!(
                "{place}: {rules_n} rules, {count} examples: {} passed, {} failed\n",
                count.saturating_sub(failures.len()),
                failures.len()
            ));
            print_quietly(&out);
            Ok(if failures.is_empty() {
                EXIT_PASS
            } else {
                EXIT_GATE
            })
        }
    }
}

fn print_quietly(s: &str) {
    let _ = std::io::stdout().lock().write_all(s.as_bytes());
}
