//! Python bindings of mtqc: the extension module `mtqc._mtqc`, a thin layer over the crate that
//! the Python package (`python/mtqc/`) wraps. Options become an `mtqc check` command line,
//! parsed by the CLI's own parser and turned into settings by `Settings::build`, so every option
//! means what it means on the command line and errors carry the same messages. The checking
//! runs on the checker's own thread pool with the GIL released; batches come back as Arrow
//! buffers (offsets, data, validity), which the Python layer wraps into pyarrow arrays without
//! copying.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use clap::Parser;
use pyo3::exceptions::{PyRuntimeError, PyTypeError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};

use mtqc::checker::Checker;
use mtqc::cli::{Cli, Command};
use mtqc::error::{Error, ErrorKind};
use mtqc::input::unit::{FileInfo, Unit, UnitDoc, UnitText};
use mtqc::input::{Charset, DocInfo, DocPath, Document, Position, Reading, Segment, readers};
use mtqc::report::FileReport;

/// The path a batch is checked under (what `[[path]]` globs of a project file see).
const BATCH_PATH: &str = "<batch>";
/// The path `check_pair` checks a unit under.
const PAIR_PATH: &str = "<pair>";

/// What an option command line makes.
struct Assembled {
    checker: Checker,
    reading: Reading,
    /// What the CLI would print as `mtqc: warning: ...`.
    warnings: Vec<String>,
}

/// A checker, the paragraph mode its settings chose and the settings' warnings, from an
/// option command line, as `mtqc check` makes them.
fn assemble(options: &[String]) -> Result<Assembled, Error> {
    let argv = ["mtqc", "check"]
        .into_iter()
        .map(String::from)
        .chain(options.iter().cloned());
    let cli = Cli::try_parse_from(argv).map_err(clap_error)?;
    let Command::Check(args) = cli.command else {
        unreachable!("the command line starts with `check`")
    };
    let config = mtqc::app::load_config(&args.packs_args)?;
    let settings = mtqc::settings::Settings::build(&config, &args)?;
    let packs = mtqc::app::load_packs(&config, &args.packs_args)?;
    let checker = Checker::new(packs, settings.selection, settings.judging)?;
    let mut warnings = settings.warnings;
    warnings.extend(mtqc::app::pack_warnings(&checker));
    Ok(Assembled {
        checker,
        reading: settings.reading,
        warnings,
    })
}

/// A command-line parse error as the CLI states it, without the `error: ` it starts with and
/// the pointer to `--help`, which mean nothing in Python.
fn clap_error(e: clap::Error) -> Error {
    let text = e.render().to_string();
    let text = text.trim_start_matches("error: ");
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with("For more information"))
        .collect();
    Error::usage(kept.join("\n").trim_end())
}

/// The Python exception for an mtqc error: `mtqc.UsageError`, `RulePackError`, `InputError`
/// (all `mtqc.MtqcError`), with the CLI's message.
fn py_error(py: Python<'_>, e: Error) -> PyErr {
    let name = match e.kind {
        ErrorKind::Usage => "UsageError",
        ErrorKind::RulePack => "RulePackError",
        ErrorKind::Input | ErrorKind::Output => "InputError",
    };
    match py
        .import("mtqc._errors")
        .and_then(|m| m.getattr(name))
        .and_then(|t| t.cast_into::<pyo3::types::PyType>().map_err(PyErr::from))
    {
        Ok(t) => PyErr::from_type(t, e.message),
        Err(import) => import,
    }
}

/// A checker, built once: its compiled packs for single texts, the same with `--segments` for
/// batches (one per language a batch names, built on first use), and its own thread pool.
#[pyclass(frozen, module = "mtqc._mtqc")]
struct Core {
    /// Options without `--lang`.
    options: Vec<String>,
    lang: Option<String>,
    checker: Checker,
    /// How texts are read (the paragraph mode; units as from a line-aligned pair).
    reading: Reading,
    batch: Mutex<HashMap<Option<String>, Arc<Checker>>>,
    /// The settings' warnings (what the CLI prints as `mtqc: warning: ...`).
    warnings: Vec<String>,
    threads: Option<usize>,
    /// The thread pool and the process it was started in: a process forked from this one
    /// (multiprocessing) has none of its threads, so it starts its own.
    pool: Mutex<(u32, Arc<rayon::ThreadPool>)>,
}

/// A pool of `threads` (None: one per core, or `RAYON_NUM_THREADS`), capped as the CLI caps
/// `-j`.
fn start_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, Error> {
    let (threads, _) = mtqc::app::threads(threads.map(|n| (n, "threads")));
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .thread_name(|i| format!("mtqc-{i}"))
        .build()
        .map_err(|e| Error::usage(format!("cannot start the thread pool: {e}")))
}

impl Core {
    /// A document of translation units at `path`, made as the CLI makes one from a
    /// line-aligned pair of files.
    fn units(&self, path: &str, units: Vec<Unit>) -> Document {
        let bytes = units
            .iter()
            .map(|u| u.target.as_ref().map_or(0, |t| t.text.len() + 1))
            .sum();
        let doc = UnitDoc {
            info: FileInfo::default(),
            units,
            charset: Charset::Utf8,
        };
        Document::of_units(
            DocPath::plain(path),
            doc,
            readers::Format::Tsv,
            &self.reading,
            bytes,
        )
    }

    /// This process's thread pool.
    fn pool(&self) -> Result<Arc<rayon::ThreadPool>, Error> {
        let mut pool = self
            .pool
            .lock()
            .map_err(|_| Error::usage("the thread pool's lock is poisoned"))?;
        if pool.0 != std::process::id() {
            *pool = (std::process::id(), Arc::new(start_pool(self.threads)?));
        }
        Ok(Arc::clone(&pool.1))
    }

    /// The segments checker for rows of language `lang` (`None`: the checker's own language,
    /// configured or detected per batch), made on first use; its warnings go to `warnings`.
    fn batch_checker(
        &self,
        lang: Option<&str>,
        warnings: &mut Vec<String>,
    ) -> Result<Arc<Checker>, Error> {
        let key = lang.map(str::to_string);
        if let Some(c) = self.batch.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return Ok(c);
        }
        let mut options = self.options.clone();
        options.push("--segments".into());
        if let Some(l) = lang.or(self.lang.as_deref()) {
            options.push(format!("--lang={l}"));
        }
        let assembled = assemble(&options)?;
        // The checker's own language warned when the checker was made.
        if lang.is_some() {
            warnings.extend(assembled.warnings);
        }
        let made = Arc::new(assembled.checker);
        if let Ok(mut m) = self.batch.lock() {
            m.entry(key).or_insert_with(|| Arc::clone(&made));
        }
        Ok(made)
    }

    /// Check `targets`, each its own segment, rows grouped by language; the batch and the
    /// warnings of the languages it named for the first time.
    fn run_batch(
        &self,
        targets: Vec<String>,
        mut sources: Option<Vec<Option<String>>>,
        mut unit_ids: Option<Vec<Option<String>>>,
        langs: Option<Vec<Option<String>>>,
    ) -> Result<(Batch, Vec<String>), Error> {
        let n = targets.len();
        let mut groups: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
        match &langs {
            Some(langs) => {
                for (i, l) in langs.iter().enumerate() {
                    groups.entry(l.clone()).or_default().push(i);
                }
            }
            None if n > 0 => {
                groups.insert(None, (0..n).collect());
            }
            None => {}
        }
        let mut slots: Vec<Option<String>> = targets.into_iter().map(Some).collect();
        let mut files: Vec<(Vec<usize>, FileReport)> = Vec::with_capacity(groups.len());
        let pool = self.pool()?;
        let mut warnings = Vec::new();
        for (lang, rows) in groups {
            let checker = self.batch_checker(lang.as_deref(), &mut warnings)?;
            let path = DocPath::plain(BATCH_PATH);
            let file = match &mut sources {
                Some(sources) => {
                    let units = rows
                        .iter()
                        .map(|&i| {
                            let id = unit_ids.as_mut().and_then(|u| u[i].take());
                            unit(
                                i,
                                id,
                                sources[i].take(),
                                slots[i].take().unwrap_or_default(),
                            )
                        })
                        .collect();
                    let doc = self.units(BATCH_PATH, units);
                    if doc.segments.len() != rows.len() {
                        return Err(Error::input("a unit of the batch was skipped"));
                    }
                    pool.install(|| checker.check(&doc))
                }
                None => {
                    let segments: Vec<Segment> = rows
                        .iter()
                        .map(|&i| {
                            let mut text = slots[i].take().unwrap_or_default();
                            // Whitespace alone is no text to check, as `mtqc check --segments`
                            // finds no segment in a blank line (and `Checker.check` nothing in it).
                            if text.trim().is_empty() {
                                text.clear();
                            }
                            Segment::plain(text, Position::line_start(0, 1, 0), Charset::Utf8)
                        })
                        .collect();
                    let info = DocInfo::default();
                    pool.install(|| checker.check_segments(&path, &info, &segments, None, 0))
                }
            };
            files.push((rows, file));
        }
        Ok((Batch::build(n, &files), warnings))
    }
}

#[pymethods]
impl Core {
    /// `options`: an `mtqc check` command line without paths and without `--lang`; `threads`:
    /// the size of the checker's thread pool (None: one per core, or RAYON_NUM_THREADS).
    #[new]
    #[pyo3(signature = (options, lang=None, threads=None))]
    fn new(
        py: Python<'_>,
        options: Vec<String>,
        lang: Option<String>,
        threads: Option<usize>,
    ) -> PyResult<Core> {
        let mut argv = options.clone();
        if let Some(l) = &lang {
            argv.push(format!("--lang={l}"));
        }
        let assembled = py.detach(|| assemble(&argv)).map_err(|e| py_error(py, e))?;
        let pool = start_pool(threads).map_err(|e| py_error(py, e))?;
        let mut warnings = assembled.warnings;
        warnings.extend(mtqc::app::threads(threads.map(|n| (n, "threads"))).1);
        Ok(Core {
            options,
            lang,
            checker: assembled.checker,
            reading: assembled.reading,
            warnings,
            batch: Mutex::new(HashMap::new()),
            threads,
            pool: Mutex::new((std::process::id(), Arc::new(pool))),
        })
    }

    /// What the CLI would print as warnings for these options.
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    /// Threads of the checker's pool.
    #[getter]
    fn threads(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self
            .pool()
            .map_err(|e| py_error(py, e))?
            .current_num_threads())
    }

    /// The JSON contract's file object for `text`, checked as a document at `path`.
    fn check(&self, py: Python<'_>, text: String, path: String) -> PyResult<String> {
        let pool = self.pool().map_err(|e| py_error(py, e))?;
        let json = py.detach(|| {
            pool.install(|| {
                let doc = Document::from_text(path, &text, self.reading.mode);
                let file = self.checker.check(&doc);
                serde_json::to_string(&file)
            })
        });
        json.map_err(|e| PyRuntimeError::new_err(format!("cannot serialise the report: {e}")))
    }

    /// The JSON contract's file object for one translation unit, `target` checked against
    /// `source` as a segment (its paragraph has `id` "1", `source` and `target`), as
    /// `mtqc check --segments --source SRC TGT` checks a one-line pair.
    fn check_pair(&self, py: Python<'_>, source: String, target: String) -> PyResult<String> {
        let pool = self.pool().map_err(|e| py_error(py, e))?;
        py.detach(|| {
            let checker = self.batch_checker(None, &mut Vec::new())?;
            let doc = self.units(PAIR_PATH, vec![unit(0, None, Some(source), target)]);
            let file = pool.install(|| checker.check(&doc));
            serde_json::to_string(&file)
                .map_err(|e| Error::usage(format!("cannot serialise the report: {e}")))
        })
        .map_err(|e| py_error(py, e))
    }

    /// Check a list (or tuple) of str, each its own segment.
    #[pyo3(signature = (targets, langs=None, sources=None, unit_ids=None))]
    fn check_batch_list<'py>(
        &self,
        py: Python<'py>,
        targets: &Bound<'py, PyAny>,
        langs: Option<Vec<Option<String>>>,
        sources: Option<Vec<Option<String>>>,
        unit_ids: Option<Vec<Option<String>>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let texts = strings(targets, "targets")?;
        for v in [&langs, &sources, &unit_ids] {
            check_lengths(texts.len(), v.as_ref())?;
        }
        let (batch, warnings) = py
            .detach(|| self.run_batch(texts, sources, unit_ids, langs))
            .map_err(|e| py_error(py, e))?;
        batch.into_py(py, warnings)
    }

    /// Check an Arrow string array given as its buffers: `offsets` (i32, or i64 when
    /// `large`), `data`, and the slice `offset`, `length` of the array (no nulls).
    #[pyo3(signature = (offsets, data, large, offset, length, langs=None, sources=None, unit_ids=None))]
    #[allow(clippy::too_many_arguments)]
    fn check_batch_arrow<'py>(
        &self,
        py: Python<'py>,
        offsets: &Bound<'py, PyBytes>,
        data: &Bound<'py, PyBytes>,
        large: bool,
        offset: usize,
        length: usize,
        langs: Option<Vec<Option<String>>>,
        sources: Option<Vec<Option<String>>>,
        unit_ids: Option<Vec<Option<String>>>,
    ) -> PyResult<Bound<'py, PyDict>> {
        for v in [&langs, &sources, &unit_ids] {
            check_lengths(length, v.as_ref())?;
        }
        let (offsets, data) = (offsets.as_bytes(), data.as_bytes());
        let (batch, warnings) = py
            .detach(|| {
                let texts = arrow_strings(offsets, data, large, offset, length)?;
                self.run_batch(texts, sources, unit_ids, langs)
            })
            .map_err(|e| py_error(py, e))?;
        batch.into_py(py, warnings)
    }
}

/// Row `row` as a translation unit, as line `row + 1` of a line-aligned pair of files
/// (`mtqc check --source SRC TGT`): its id `id`, else the 1-based row number (as the line
/// number), `target` checked against `source` (None: a unit without one), both texts
/// starting at line 1.
fn unit(row: usize, id: Option<String>, source: Option<String>, target: String) -> Unit {
    let at = Position::line_start(0, 1, 0);
    Unit {
        id: id.unwrap_or_else(|| (row + 1).to_string()),
        source: source.map(|s| UnitText::verbatim(s, at)),
        target: Some(UnitText::verbatim(target, at)),
        ..Unit::default()
    }
}

fn check_lengths(n: usize, values: Option<&Vec<Option<String>>>) -> PyResult<()> {
    match values {
        Some(l) if l.len() != n => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "{} entries for {n} targets",
            l.len()
        ))),
        _ => Ok(()),
    }
}

/// The str items of a list or tuple; anything else is a TypeError naming the item.
fn strings(items: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<String>> {
    let get = |i: usize, x: Bound<'_, PyAny>| -> PyResult<String> {
        match x.cast::<PyString>() {
            Ok(s) => Ok(s.to_cow()?.into_owned()),
            Err(_) => Err(PyTypeError::new_err(format!(
                "{what}[{i}] must be str, not {}",
                x.get_type().name()?
            ))),
        }
    };
    if let Ok(list) = items.cast::<PyList>() {
        list.iter().enumerate().map(|(i, x)| get(i, x)).collect()
    } else if let Ok(tuple) = items.cast::<PyTuple>() {
        tuple.iter().enumerate().map(|(i, x)| get(i, x)).collect()
    } else {
        Err(PyTypeError::new_err(format!(
            "{what} must be a list of str, not {}",
            items.get_type().name()?
        )))
    }
}

/// The strings of an Arrow (large) string array's buffers, checked: offsets in bounds and
/// increasing, UTF-8 valid.
fn arrow_strings(
    offsets: &[u8],
    data: &[u8],
    large: bool,
    offset: usize,
    length: usize,
) -> Result<Vec<String>, Error> {
    let width = if large { 8 } else { 4 };
    let at = |i: usize| -> Option<usize> {
        let b = offsets.get(i * width..(i + 1) * width)?;
        let v = if large {
            i64::from_ne_bytes(b.try_into().ok()?)
        } else {
            i64::from(i32::from_ne_bytes(b.try_into().ok()?))
        };
        usize::try_from(v).ok()
    };
    let bad = |i: usize| Error::input(format!("targets[{i}]: malformed Arrow string array"));
    let mut out = Vec::with_capacity(length);
    for i in 0..length {
        let (Some(start), Some(end)) = (at(offset + i), at(offset + i + 1)) else {
            return Err(bad(i));
        };
        let bytes = data.get(start..end).ok_or_else(|| bad(i))?;
        let text = std::str::from_utf8(bytes)
            .map_err(|e| Error::input(format!("targets[{i}]: invalid UTF-8: {e}")))?;
        out.push(text.to_string());
    }
    Ok(out)
}

/// A string column in Arrow's layout.
#[derive(Default)]
struct Strings {
    offsets: Vec<i64>,
    data: Vec<u8>,
    /// Validity bitmap (returned only when the column has nulls).
    valid: Vec<u8>,
    nulls: usize,
    len: usize,
}

impl Strings {
    fn new() -> Strings {
        Strings {
            offsets: vec![0],
            ..Strings::default()
        }
    }

    fn push(&mut self, s: Option<&str>) {
        let i = self.len;
        if i.is_multiple_of(8) {
            self.valid.push(0);
        }
        match s {
            Some(s) => {
                self.data.extend_from_slice(s.as_bytes());
                self.valid[i / 8] |= 1 << (i % 8);
            }
            None => self.nulls += 1,
        }
        self.offsets.push(self.data.len() as i64);
        self.len += 1;
    }

    /// `("string", offsets, data, validity or None, null count, large)`.
    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
        let large = self.data.len() > i32::MAX as usize;
        let offsets: Vec<u8> = if large {
            self.offsets.iter().flat_map(|o| o.to_ne_bytes()).collect()
        } else {
            self.offsets
                .iter()
                .flat_map(|&o| (o as i32).to_ne_bytes())
                .collect()
        };
        let valid = (self.nulls > 0).then(|| PyBytes::new(py, &self.valid));
        (
            "string",
            PyBytes::new(py, &offsets),
            PyBytes::new(py, &self.data),
            valid,
            self.nulls,
            large,
        )
            .into_pyobject(py)
    }
}

fn int64s<'py>(py: Python<'py>, v: &[i64]) -> PyResult<Bound<'py, PyTuple>> {
    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_ne_bytes()).collect();
    ("int64", PyBytes::new(py, &bytes)).into_pyobject(py)
}

fn float64s<'py>(py: Python<'py>, v: &[f64]) -> PyResult<Bound<'py, PyTuple>> {
    let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_ne_bytes()).collect();
    ("float64", PyBytes::new(py, &bytes)).into_pyobject(py)
}

fn bools<'py>(py: Python<'py>, v: &[bool]) -> PyResult<Bound<'py, PyTuple>> {
    let mut bits = vec![0u8; v.len().div_ceil(8)];
    for (i, &b) in v.iter().enumerate() {
        if b {
            bits[i / 8] |= 1 << (i % 8);
        }
    }
    ("bool", PyBytes::new(py, &bits)).into_pyobject(py)
}

/// A batch's findings (one row per finding, in row order) and scores (one row per target), as
/// columns.
struct Batch {
    rows: usize,
    f_row: Vec<i64>,
    f_strings: [Strings; 8],
    f_offsets: [Vec<i64>; 4],
    s_language: Strings,
    s_words: Vec<i64>,
    s_penalty: Vec<f64>,
    s_score: Vec<f64>,
    s_pass: Vec<bool>,
    s_findings: Vec<i64>,
}

/// The findings table's string columns, in order (`suggestion` may be null).
const STRING_COLUMNS: [&str; 8] = [
    "rule",
    "kind",
    "severity",
    "category",
    "message",
    "text",
    "suggestion",
    "fingerprint",
];
const OFFSET_COLUMNS: [&str; 4] = ["char_start", "char_end", "byte_start", "byte_end"];

impl Batch {
    fn build(n: usize, files: &[(Vec<usize>, FileReport)]) -> Batch {
        let mut language = vec![""; n];
        let (mut words, mut penalty, mut score) = (vec![0i64; n], vec![0.0; n], vec![0.0; n]);
        let (mut pass, mut count) = (vec![true; n], vec![0i64; n]);
        // Findings of each row, in the row's order.
        let mut at: Vec<Option<(usize, usize)>> = vec![None; n];
        for (g, (rows, file)) in files.iter().enumerate() {
            for (p, &row) in file.paragraphs.iter().zip(rows) {
                language[row] = &file.language;
                words[row] = p.words as i64;
                penalty[row] = p.penalty;
                score[row] = p.score;
                pass[row] = p.pass;
                count[row] = p.findings.len() as i64;
                at[row] = Some((g, p.index));
            }
        }
        let total: usize = count.iter().map(|&c| c as usize).sum();
        let mut f_row = Vec::with_capacity(total);
        let mut f_strings: [Strings; 8] = std::array::from_fn(|_| Strings::new());
        let mut f_offsets: [Vec<i64>; 4] = std::array::from_fn(|_| Vec::with_capacity(total));
        for (row, place) in at.iter().enumerate() {
            let Some((g, p)) = *place else { continue };
            for f in &files[g].1.paragraphs[p].findings {
                f_row.push(row as i64);
                let fields = [
                    Some(f.rule.as_str()),
                    Some(f.kind),
                    Some(f.severity.as_str()),
                    Some(f.category.as_str()),
                    Some(f.message.as_str()),
                    Some(f.text.as_str()),
                    f.suggestion.as_deref(),
                    Some(f.fingerprint.as_str()),
                ];
                for (col, v) in f_strings.iter_mut().zip(fields) {
                    col.push(v);
                }
                let offsets = [f.char_start, f.char_end, f.span.0, f.span.1];
                for (col, v) in f_offsets.iter_mut().zip(offsets) {
                    col.push(v as i64);
                }
            }
        }
        let mut s_language = Strings::new();
        for l in language {
            s_language.push(Some(l));
        }
        Batch {
            rows: n,
            f_row,
            f_strings,
            f_offsets,
            s_language,
            s_words: words,
            s_penalty: penalty,
            s_score: score,
            s_pass: pass,
            s_findings: count,
        }
    }

    /// `{"findings": {column: spec}, "scores": {column: spec}, "rows": n, "found": m,
    /// "warnings": [...]}`, each spec a tuple the Python layer turns into a pyarrow array.
    fn into_py(self, py: Python<'_>, warnings: Vec<String>) -> PyResult<Bound<'_, PyDict>> {
        let findings = PyDict::new(py);
        let found = self.f_row.len();
        findings.set_item("row", int64s(py, &self.f_row)?)?;
        for (name, col) in STRING_COLUMNS.iter().zip(self.f_strings) {
            findings.set_item(name, col.into_py(py)?)?;
        }
        for (name, col) in OFFSET_COLUMNS.iter().zip(&self.f_offsets) {
            findings.set_item(name, int64s(py, col)?)?;
        }
        let scores = PyDict::new(py);
        let rows: Vec<i64> = (0..self.rows as i64).collect();
        scores.set_item("row", int64s(py, &rows)?)?;
        scores.set_item("language", self.s_language.into_py(py)?)?;
        scores.set_item("words", int64s(py, &self.s_words)?)?;
        scores.set_item("penalty", float64s(py, &self.s_penalty)?)?;
        scores.set_item("score", float64s(py, &self.s_score)?)?;
        scores.set_item("pass", bools(py, &self.s_pass)?)?;
        scores.set_item("findings", int64s(py, &self.s_findings)?)?;
        let out = PyDict::new(py);
        out.set_item("findings", findings)?;
        out.set_item("scores", scores)?;
        out.set_item("rows", self.rows)?;
        out.set_item("found", found)?;
        out.set_item("warnings", warnings)?;
        Ok(out)
    }
}

#[pymodule]
fn _mtqc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Core>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
