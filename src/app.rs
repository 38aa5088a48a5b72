//! What each command does: load configuration and packs, read inputs, check, render, and map
//! the outcome to an exit code, decided in one place (`exit_code`): 0 passed, 1 gate failed,
//! 2 error; 2 beats 1 beats 0.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::baseline::Baseline;
use crate::checker::Checker;
use crate::cli::{CheckArgs, Cli, Color, Command, DiffArgs, DiffFormat, PackArgs, RulesCommand};
use crate::config::{self, Config};
use crate::error::{Error, display_path};
use crate::input::{DocPath, Document, Input, Loaded};
use crate::output::{Protected, Sink, write_atomically, write_error};
use crate::report::spill::SpillFormat;
use crate::report::{self, Format, Report};
use crate::rules::{self, Pack};
use crate::settings::Settings;

pub const EXIT_PASS: i32 = 0;
pub const EXIT_GATE: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

/// The exit code of a run: an error (an input not read, an output not written) beats a failed
/// gate, which beats a pass.
pub fn exit_code(error: bool, passed: bool) -> i32 {
    if error {
        EXIT_ERROR
    } else if passed {
        EXIT_PASS
    } else {
        EXIT_GATE
    }
}

pub fn run(cli: Cli) -> i32 {
    crate::output::remove_temporaries_on_signal();
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

/// The project file: `--config FILE`, none with `--no-config`, else `mtqc.toml` discovered
/// from the working directory up.
pub fn load_config(args: &PackArgs) -> Result<Config, Error> {
    if args.no_config {
        return Ok(Config::default());
    }
    let path = match &args.config {
        Some(p) => Some(p.clone()),
        None => {
            let (found, warnings) = std::env::current_dir()
                .map(|d| config::discover(&d))
                .unwrap_or_default();
            for w in warnings {
                eprintln!("mtqc: warning: {w}");
            }
            found
        }
    };
    match path {
        Some(p) => config::load(&p),
        None => Ok(Config::default()),
    }
}

/// The embedded packs, then those named by the project file, then `--rules` directories.
pub fn load_packs(config: &Config, args: &PackArgs) -> Result<Vec<Pack>, Error> {
    let mut packs = rules::load_embedded()?;
    packs.extend(rules::load_dirs(&rule_dirs(config, args))?);
    rules::unique(&packs)?;
    Ok(packs)
}

/// The directories of rule packs a run loads: the project file's, then `--rules`.
fn rule_dirs(config: &Config, args: &PackArgs) -> Vec<PathBuf> {
    config.paths(&config.rules, &args.rules)
}

/// Languages configured that no language pack serves: the common rules still run.
pub fn pack_warnings(checker: &Checker) -> Vec<String> {
    let s = &checker.engine.selector.selection;
    let configured = s
        .language
        .iter()
        .chain(&s.target_language)
        .chain(s.paths.iter().filter_map(|p| p.language.as_ref()));
    let mut out = Vec::new();
    for l in configured {
        let served = checker
            .engine
            .packs
            .iter()
            .any(|p| p.info.languages.iter().any(|x| x == l));
        let note = format!("no language pack for `{l}`: only the packs for every language run");
        if !served && !out.contains(&note) {
            out.push(note);
        }
    }
    out
}

/// The paths to check: those given; with none, standard input when it is not a terminal (a
/// pipe or a file), else the working directory (as ripgrep and ruff do).
fn paths_to_check(args: &CheckArgs) -> (Vec<PathBuf>, bool) {
    if !args.paths.is_empty() {
        return (args.paths.clone(), false);
    }
    if std::io::stdin().is_terminal() {
        (vec![PathBuf::from(".")], false)
    } else {
        (vec![PathBuf::from("-")], true)
    }
}

fn check(args: CheckArgs) -> Result<i32, Error> {
    let config = load_config(&args.packs_args)?;
    let settings = Settings::build(&config, &args)?;
    let checker = Checker::new(
        load_packs(&config, &args.packs_args)?,
        settings.selection.clone(),
        settings.judging.clone(),
    )?;
    for w in settings.warnings.iter().chain(&pack_warnings(&checker)) {
        eprintln!("mtqc: warning: {w}");
    }
    let (paths, implicit_stdin) = paths_to_check(&args);
    let (mut inputs, errors) = settings.walk.expand(&paths);
    let names = Names::new(settings.project_dir.as_deref());
    exclude(&mut inputs, &settings.exclude, &names);
    // Directories that hold no file to check: a gate that names the wrong folder, or globs
    // that match nothing, must not pass on nothing checked (as with an empty stdin).
    if inputs.is_empty() && errors.is_empty() {
        let shown: Vec<String> = paths.iter().map(|p| display_path(p)).collect();
        return Err(Error::usage(format!(
            "nothing to check in {}: no file mtqc reads there (by extension: .{}; `--include` \
             names others; `--exclude`, `exclude` in mtqc.toml and ignore files leave files out)",
            shown.join(", "),
            crate::input::walk::KNOWN_EXTENSIONS.join(", .")
        )));
    }
    for w in ignored_options(&args, &settings, &inputs)
        .into_iter()
        .chain(misnamed(&args, &settings, &inputs))
    {
        eprintln!("mtqc: warning: {w}");
    }
    // Every file the run reads besides its inputs: none may be written over.
    let glossaries = crate::settings::glossary_paths(&config, &args);
    let pack_files: Vec<PathBuf> = rule_dirs(&config, &args.packs_args)
        .iter()
        .flat_map(|d| rules::pack_files(d))
        .collect();
    let protected = Protected {
        named: &paths,
        inputs: &inputs,
        read: [
            args.baseline.as_deref().map(|b| (b, "the --baseline file")),
            config.file.as_deref().map(|f| (f, "the project file")),
            settings
                .source_file
                .as_deref()
                .map(|f| (f, "the --source file")),
        ]
        .into_iter()
        .flatten()
        .chain(glossaries.iter().map(|g| (g.as_path(), "a glossary")))
        .chain(
            pack_files
                .iter()
                .map(|f| (f.as_path(), "a rule pack's file")),
        )
        .collect(),
    };
    let output = args.output.as_deref().filter(|o| o.as_os_str() != "-");
    if let Some(out) = output {
        protected.check("--output", out)?;
    }
    if let Some(b) = &args.write_baseline {
        // Re-recording a baseline in place (`--baseline b --write-baseline b`) keeps its
        // reasons; the inputs, the files the run reads and the report are off limits.
        let protected = Protected {
            read: protected
                .read
                .iter()
                .copied()
                .filter(|(p, _)| Some(*p) != args.baseline.as_deref())
                .chain(output.map(|o| (o, "the --output file")))
                .collect(),
            ..protected
        };
        protected.check("--write-baseline", b)?;
    }
    let mut unread = errors.len();
    for e in &errors {
        eprintln!("mtqc: error: {e}");
    }
    let (threads, warning) = threads(args.threads.map(|n| (n, "-j")));
    if let Some(w) = warning {
        eprintln!("mtqc: warning: {w}");
    }
    if let Some(n) = threads {
        // The first call sets the pool; a second (in tests calling the library) keeps it.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global();
    }
    // A source file pairs its lines with the targets' (`Document::read_pair`), which the
    // stream of segments does not read: with `--source`, the records come from the held path.
    if args.format == Format::Jsonl
        && settings.judging.segments
        && args.write_baseline.is_none()
        && settings.source_file.is_none()
    {
        inputs.sort_by_key(Input::display);
        return stream_segments(&checker, &inputs, &settings, &names, output, unread);
    }
    let source = match &settings.source_file {
        Some(src) => {
            if inputs.len() != 1
                || !matches!(inputs[0], Input::File { named: true, .. } | Input::Stdin)
            {
                return Err(Error::usage(
                    "--source pairs one source file with one target file: give exactly one",
                ));
            }
            if src.as_os_str() == "-" {
                return Err(Error::usage(
                    "--source -: the source is a file (standard input can be the target)",
                ));
            }
            let format = settings.reading.format_of(&inputs[0]);
            if format != crate::input::readers::Format::Text {
                return Err(Error::usage(format!(
                    "--source pairs lines of plain text, and {} is read as {}: a translation \
                     file holds its sources (give it alone)",
                    inputs[0].display(),
                    format.as_str()
                )));
            }
            Some(Input::named_file(src.clone()))
        }
        None => None,
    };
    // A document too large to hold (any format but Markdown, which is read whole) is checked
    // in bounded memory when the report is JSON or JSONL (see `large`); other report formats
    // hold the report to render it. With `--segments` every segment is its own document and
    // nothing is checked in bounded memory: a file is held whatever its size, read as `large`
    // reads one that fits the hold size (its first batches analysed while the rest is read).
    let spill = match args.format {
        Format::Json => Some(SpillFormat::Json),
        Format::Jsonl => Some(SpillFormat::Jsonl),
        _ => None,
    }
    .filter(|_| args.write_baseline.is_none() && source.is_none());
    let hold = crate::large::hold_bytes().unwrap_or_else(|v| {
        eprintln!(
            "mtqc: warning: MTQC_HOLD_BYTES={v:?} is not a number of bytes; using {}",
            crate::large::HOLD_BYTES
        );
        crate::large::HOLD_BYTES
    });
    // Files on all threads; messages and reports in input order afterwards.
    let progress = Progress::start(&inputs, args.format);
    let results: Vec<_> = inputs
        .par_iter()
        .map(|inp| {
            let path = names.of(inp);
            let kind = settings.reading.format_of(inp);
            let through_large = spill
                .filter(|_| kind.streams())
                .and_then(|format| match settings.judging.segments {
                    false => Some((hold, format)),
                    true => inp.reopens().then_some((usize::MAX, format)),
                });
            if let Some((hold, format)) = through_large {
                let checked =
                    crate::large::check(&checker, inp, &path, &settings.reading, hold, format);
                return checked.map(|checked| {
                    checked.map(|o| {
                        progress.advance(o.bytes);
                        (o.files, o.replaced, o.bytes)
                    })
                });
            }
            let loaded = match &source {
                Some(src) => Document::read_pair(inp, path, src, &settings.reading),
                None => Document::read(inp, path, &settings.reading),
            };
            loaded.map(|loaded| match loaded {
                Loaded::Text { docs, replaced } => {
                    let bytes = docs.first().map_or(0, |d| d.bytes);
                    let files: Vec<_> = docs.iter().map(|d| checker.check(d)).collect();
                    crate::dropper::drop_later(docs);
                    progress.advance(bytes);
                    Ok((files, replaced, bytes))
                }
                Loaded::Binary { offset } => Err(offset),
            })
        })
        .collect();
    progress.finish();
    let mut files = Vec::new();
    for (inp, result) in inputs.iter().zip(results) {
        match result {
            Ok(Ok((_, _, 0))) if implicit_stdin => {
                return Err(Error::usage(
                    "no input: standard input is empty and no path was given",
                ));
            }
            Ok(Ok((checked, replaced, _))) => {
                warn_replaced(inp, replaced);
                let paragraphs = checked.iter().map(|f| f.paragraph_count()).sum();
                let untranslated = checked.iter().map(|f| f.untranslated).sum();
                if let Some(w) = nothing_checked(&settings.reading, inp, paragraphs, untranslated) {
                    eprintln!("mtqc: warning: {w}");
                }
                files.extend(checked);
            }
            Ok(Err(offset)) => match crate::input::binary(inp, offset) {
                Ok(warning) => eprintln!("mtqc: warning: {warning}"),
                Err(e) => {
                    eprintln!("mtqc: error: {e}");
                    unread += 1;
                }
            },
            Err(e) => {
                eprintln!("mtqc: error: {e}");
                unread += 1;
            }
        }
    }
    let report = checker.report(files, unread, project_file(&config));
    if let Some(path) = &args.write_baseline {
        // A baseline recorded without an input that could not be read would drop that input's
        // findings and their reasons: it is left as it is (the run exits 2 for the unread input).
        if unread > 0 {
            eprintln!(
                "mtqc: error: --write-baseline {}: not written: {unread} input(s) could not be \
                 read, and a baseline recorded without them would drop their findings",
                display_path(path)
            );
        } else {
            write_baseline(path, &report)?;
        }
    }
    let cx = report::Context {
        // `auto` means a terminal, and a report file is none.
        color: match args.color {
            Color::Auto if output.is_some() => false,
            c => use_color(c),
        },
        timestamp: report_time(),
    };
    let passed = report.summary.pass;
    // A file that fails on its score or its untranslated units fails with no finding to
    // show it: the formats of findings and records are told on stderr (the human report's
    // file line and gate line say it).
    if args.format != Format::Human {
        for f in &report.files {
            if let Some(why) = checker.gate().file_failure(f.score, f.untranslated) {
                eprintln!("mtqc: {}: fails the gate: {why}", f.path);
            }
        }
    }
    let mut sink = Sink::open(output, &what_report(output))?;
    let written = args
        .format
        .renderer()
        .render(&report, &cx, &mut sink)
        .map_err(|e| write_error(&what_report(output), e))
        .and_then(|_| sink.finish(&what_report(output)));
    // The process exits next (`main`): freeing a held report's millions of small allocations
    // one by one would cost a tenth of a second per 50 MB checked, on one thread.
    std::mem::forget(report);
    match written {
        Err(e) if e.is_broken_pipe() => {}
        Err(e) => return Err(e),
        Ok(()) => {}
    }
    Ok(exit_code(unread > 0, passed))
}

/// The threads a run asked for (`asked`, by the option that names it, else
/// `RAYON_NUM_THREADS`, rayon's own setting), capped at `max_threads` alike, and the warning
/// when capped; None: one per core.
pub fn threads(asked: Option<(usize, &str)>) -> (Option<usize>, Option<String>) {
    let asked = asked.or_else(|| {
        std::env::var("RAYON_NUM_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<usize>().ok())
            .filter(|&n| n > 0)
            .map(|n| (n, "RAYON_NUM_THREADS"))
    });
    let Some((n, from)) = asked else {
        return (None, None);
    };
    let most = max_threads();
    let warning = (n > most).then(|| format!("{from} {n}: more threads than helps; using {most}"));
    (Some(n.clamp(1, most)), warning)
}

/// Most threads `-j` gives: four per core (checking is CPU-bound; more only costs memory and
/// stacks), at most 256.
pub fn max_threads() -> usize {
    std::thread::available_parallelism()
        .map_or(4, |n| n.get() * 4)
        .min(256)
}

fn project_file(config: &Config) -> Option<String> {
    config.file.as_deref().map(display_path)
}

/// How inputs are named: as given, relative to their directory argument, and relative to the
/// project's root (the project file's directory, else the working directory).
struct Names {
    cwd: PathBuf,
    root: PathBuf,
}

impl Names {
    fn new(project_dir: Option<&Path>) -> Names {
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = match project_dir {
            Some(p) if !p.as_os_str().is_empty() => cwd.join(p),
            _ => cwd.clone(),
        };
        Names { cwd, root }
    }

    fn of(&self, input: &Input) -> DocPath {
        let project = match input {
            Input::Stdin => "<stdin>".to_string(),
            Input::File { path, .. } => crate::paths::relative_to(path, &self.cwd, &self.root),
        };
        DocPath {
            shown: input.display(),
            relative: input.relative(),
            project,
        }
    }
}

fn what_report(output: Option<&Path>) -> String {
    match output {
        Some(p) => format!("the report to {}", display_path(p)),
        None => "the report".to_string(),
    }
}

/// The run's time for reports that carry one (JUnit): SOURCE_DATE_EPOCH when set (reproducible
/// output), else now.
fn report_time() -> u64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs())
        })
}

/// `--segments --format jsonl`: every input streamed, each paragraph's record written as soon
/// as its batch is checked (see `stream`), in path order like every report. When the reader
/// of stdout goes away, checking goes on without writing, so the exit code is the full run's.
fn stream_segments(
    checker: &Checker,
    inputs: &[Input],
    settings: &Settings,
    names: &Names,
    output: Option<&Path>,
    mut unread: usize,
) -> Result<i32, Error> {
    let what = what_report(output);
    let mut sink = Sink::open(output, &what)?;
    let mut closed = false;
    let mut passes = Vec::new();
    for inp in inputs {
        let mut discard = std::io::sink();
        let out: &mut dyn Write = if closed { &mut discard } else { &mut sink };
        let path = names.of(inp);
        match crate::stream::segments(checker, inp, &path, &settings.reading, out) {
            Ok(Ok(o)) => {
                warn_replaced(inp, o.replaced);
                if let Some(w) =
                    nothing_checked(&settings.reading, inp, o.paragraphs, o.untranslated)
                {
                    eprintln!("mtqc: warning: {w}");
                }
                passes.push(
                    checker.gate().file(o.paragraphs_pass, o.score())
                        && checker.gate().untranslated(o.untranslated),
                );
                if let Some(why) = checker.gate().file_failure(o.score(), o.untranslated) {
                    eprintln!("mtqc: {}: fails the gate: {why}", inp.display());
                }
                closed |= o.closed && output.is_none();
            }
            Ok(Err(offset)) => match crate::input::binary(inp, offset) {
                Ok(warning) => eprintln!("mtqc: warning: {warning}"),
                Err(e) => {
                    eprintln!("mtqc: error: {e}");
                    unread += 1;
                }
            },
            Err(e) if e.is_broken_pipe() && output.is_none() => closed = true,
            Err(e) if e.kind == crate::error::ErrorKind::Output => return Err(e),
            Err(e) => {
                eprintln!("mtqc: error: {e}");
                unread += 1;
            }
        }
    }
    if !closed {
        match sink.finish(&what) {
            Err(e) if e.is_broken_pipe() && output.is_none() => {}
            Err(e) => return Err(e),
            Ok(()) => {}
        }
    }
    Ok(exit_code(unread > 0, checker.gate().run(passes, unread)))
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
        if !interactive || format.is_machine() {
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

/// The options given on the command line that no input of the run reads: said, not ignored
/// in silence.
fn ignored_options(args: &CheckArgs, settings: &Settings, inputs: &[Input]) -> Vec<String> {
    use crate::input::readers::Format;
    let formats: Vec<Format> = inputs
        .iter()
        .map(|i| settings.reading.format_of(i))
        .collect();
    let none_is = |f: &[Format]| !formats.iter().any(|x| f.contains(x));
    let mut out = Vec::new();
    let mut unused = |given: bool, option: &str, reader: &str, formats: &[Format]| {
        if given && none_is(formats) {
            out.push(format!(
                "{option} applies to {reader} only, and no input is one: it is not used"
            ));
        }
    };
    unused(
        args.columns.is_some(),
        "--columns",
        "TSV files",
        &[Format::Tsv],
    );
    unused(
        args.fields.is_some(),
        "--fields",
        "JSONL files",
        &[Format::Jsonl],
    );
    unused(
        args.paragraphs.is_some(),
        "--paragraphs",
        "plain text",
        &[Format::Text],
    );
    unused(
        !args.glossary.is_empty() && args.source_file.is_none(),
        "--glossary",
        "translation files with sources and plain text with --source",
        &[
            Format::Xliff,
            Format::Po,
            Format::Tmx,
            Format::Tsv,
            Format::Jsonl,
        ],
    );
    // Elsewhere `--target-lang` is the targets' language, unless `--lang` names it for all.
    if args.target_lang.is_some() && args.lang.is_some() && none_is(&[Format::Tmx]) {
        out.push(
            "--target-lang is not used: no input is a TMX file, and --lang names the language \
             of every document"
                .to_string(),
        );
    }
    out
}

/// Translation files under a name mtqc reads as plain text (`app.xml`, `app.po.orig`), by
/// their first 4 KB: their markup would be checked as prose, and their sources and targets
/// never compared.
fn misnamed(args: &CheckArgs, settings: &Settings, inputs: &[Input]) -> Vec<String> {
    use crate::input::readers::Format;
    if args.input_format.is_some() {
        return Vec::new();
    }
    inputs
        .iter()
        .filter_map(|inp| match (inp, settings.reading.format_of(inp)) {
            (Input::File { path, .. }, Format::Text) => crate::input::readers::looks_like(path)
                .map(|format| {
                    format!(
                        "{}: read as plain text, but it looks like {format}: give it its \
                         extension or `--input-format`",
                        inp.display()
                    )
                }),
            _ => None,
        })
        .collect()
}

/// The warning of lossy decoding: how many invalid sequences of the input's encoding (UTF-8,
/// or UTF-16 after its byte-order mark) became U+FFFD.
fn warn_replaced(inp: &Input, replaced: usize) {
    if replaced > 0 {
        eprintln!(
            "mtqc: warning: {}: {replaced} invalid byte sequences replaced by U+FFFD",
            inp.display()
        );
    }
}

/// The warning for an input of which no unit was checked, `untranslated` of them skipped as
/// not translated (no target, or a fuzzy one): a JSONL file whose target field has another
/// name would otherwise pass a gate with nothing checked and nothing said.
fn nothing_checked(
    reading: &crate::input::Reading,
    inp: &Input,
    paragraphs: usize,
    untranslated: usize,
) -> Option<String> {
    if paragraphs > 0 || untranslated == 0 {
        return None;
    }
    let format = reading.format_of(inp);
    let hint = if let (crate::input::readers::Format::Tmx, Some(lang)) =
        (format, &reading.options.target_lang)
    {
        format!("; no unit has a variant in `--target-lang {lang}`")
    } else if format == crate::input::readers::Format::Jsonl {
        let f = &reading.options.fields;
        // `target` stands in for `tgt` only when every field has its default name.
        let spelled_out = *f == crate::input::readers::jsonl::Fields::default();
        format!(
            "; a record's target is its `{}` field{}, or the one `--fields` names",
            f.tgt,
            if spelled_out { " (or `target`)" } else { "" }
        )
    } else {
        String::new()
    };
    Some(format!(
        "{}: nothing checked: every unit was skipped, {untranslated} for want of a translation \
         (no target, or a fuzzy one){hint}",
        inp.display()
    ))
}

/// Drop files found by walking a directory that an `exclude` glob of `mtqc.toml` matches,
/// matched on their path relative to the project's root.
fn exclude(inputs: &mut Vec<Input>, globs: &[String], names: &Names) {
    let mut set = globset::GlobSetBuilder::new();
    for g in globs {
        if let Ok(glob) = globset::Glob::new(g) {
            set.add(glob);
        }
    }
    let Ok(set) = set.build() else { return };
    // Matched as `--exclude` is: on the path (here relative to the project's root) or the
    // file's name (`exclude = ["draft.txt"]` skips every `draft.txt`).
    inputs.retain(|i| match i {
        Input::File {
            named: false, path, ..
        } => {
            let name = path.file_name().map(Path::new);
            !(set.is_match(names.of(i).project) || name.is_some_and(|n| set.is_match(n)))
        }
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
    let what = format!("the baseline to {}", display_path(path));
    write_atomically(path, baseline.render().as_bytes()).map_err(|e| write_error(&what, e))?;
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
    for w in &d.warnings {
        eprintln!("mtqc: warning: {w}");
    }
    let text = match args.format {
        DiffFormat::Human => crate::diff::render_human(&d),
        DiffFormat::Json => crate::diff::render_json(&d),
    };
    print(&text)?;
    Ok(exit_code(false, !d.regressed))
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
            print(&out)?;
            Ok(EXIT_PASS)
        }
        RulesCommand::Explain { id, packs: args } => {
            let packs = load_packs(&load_config(&args)?, &args)?;
            // A rule's own id first, then the old ids of a rule that moved (`bn.repeated-word`).
            let rules = || packs.iter().flat_map(|p| &p.rules);
            let rule = rules()
                .find(|r| r.id == id)
                .or_else(|| rules().find(|r| r.answers_to(&id)))
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
            if !rule.aliases.is_empty() {
                out.push_str(&format!(
                    "\n  also answers to (old ids): {}\n",
                    rule.aliases.join(", ")
                ));
            }
            for ex in &rule.examples {
                let text = report::human::printable(&ex.text);
                match &ex.flags {
                    Some(f) if !f.is_empty() => {
                        let flags: Vec<String> = f
                            .iter()
                            .map(|x| format!("⟦{}⟧", report::human::printable(x)))
                            .collect();
                        out.push_str(&format!("\n  flags {} in: {text}\n", flags.join(", ")));
                    }
                    _ => out.push_str(&format!("\n  silent on: {text}\n")),
                }
                if let Some(names) = invisible(&ex.text) {
                    out.push_str(&format!("    (invisible: {names})\n"));
                }
            }
            print(&out)?;
            Ok(EXIT_PASS)
        }
        RulesCommand::Test { dir } => {
            let packs = match &dir {
                Some(d) => {
                    // Held to what a run that loads it beside the embedded packs holds it to.
                    let mut all = rules::load_embedded()?;
                    let embedded = all.len();
                    all.extend(rules::load_dir(d)?);
                    rules::unique(&all)?;
                    all.split_off(embedded)
                }
                None => rules::load_embedded()?,
            };
            let (count, failures) = crate::examples::run(&packs);
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
            print(&out)?;
            Ok(exit_code(false, failures.is_empty()))
        }
    }
}

/// The invisible characters of a text, named: what `rules explain` says beside an example
/// whose joiners or marks would otherwise not show.
fn invisible(text: &str) -> Option<String> {
    let mut seen: Vec<char> = Vec::new();
    for c in text.chars() {
        let hidden = matches!(
            c,
            '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}' | '\u{00A0}'
        ) || c.is_control();
        if hidden && !seen.contains(&c) {
            seen.push(c);
        }
    }
    if seen.is_empty() {
        return None;
    }
    let names: Vec<String> = seen
        .iter()
        .map(|&c| {
            let name = match c {
                '\u{00A0}' => " NO-BREAK SPACE",
                '\u{00AD}' => " SOFT HYPHEN",
                '\u{200B}' => " ZERO WIDTH SPACE",
                '\u{200C}' => " ZERO WIDTH NON-JOINER",
                '\u{200D}' => " ZERO WIDTH JOINER",
                '\u{200E}' => " LEFT-TO-RIGHT MARK",
                '\u{200F}' => " RIGHT-TO-LEFT MARK",
                '\u{2060}' => " WORD JOINER",
                '\u{FEFF}' => " ZERO WIDTH NO-BREAK SPACE",
                _ => "",
            };
            format!("U+{:04X}{name}", c as u32)
        })
        .collect();
    Some(names.join(", "))
}

/// Write a command's text to stdout: a closed pipe is quiet, any other failure an error.
fn print(s: &str) -> Result<(), Error> {
    let mut sink = Sink::open(None, "to standard output")?;
    match sink
        .write_all(s.as_bytes())
        .map_err(|e| write_error("to standard output", e))
        .and_then(|_| sink.finish("to standard output"))
    {
        Err(e) if e.is_broken_pipe() => Ok(()),
        other => other,
    }
}
