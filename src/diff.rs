//! `mtqc diff OLD.json NEW.json`: what changed between two reports of the same text (an MT
//! engine before and after a change): score and count deltas per file, rule and category, and
//! the findings that are new or fixed, matched by fingerprint (content, not line numbers), and
//! for translation units (bilingual inputs) the units whose score changed, matched by unit id,
//! so two MT runs over the same source compare unit by unit.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, display_path};
use crate::score::round2;

/// The parts of a JSON report (contract version 1) a diff reads.
#[derive(Debug, Deserialize)]
pub struct ReportIn {
    pub version: u32,
    pub files: Vec<FileIn>,
    pub summary: SummaryIn,
    #[serde(default)]
    pub packs: Vec<PackIn>,
    #[serde(default)]
    pub config_hash: Option<String>,
}

#[derive(Debug, Deserialize, PartialEq)]
pub struct PackIn {
    pub id: String,
    pub version: String,
}

#[derive(Debug, Deserialize)]
pub struct FileIn {
    pub path: String,
    /// The path relative to its directory argument (reports before it existed: `path`).
    #[serde(default)]
    pub relative_path: Option<String>,
    /// The document's language: a file of several target languages (XLIFF, TMX) is one
    /// document per language, each with its own entry.
    #[serde(default)]
    pub language: Option<String>,
    pub score: f64,
    pub words: usize,
    pub paragraphs: Vec<ParagraphIn>,
}

#[derive(Debug, Deserialize)]
pub struct ParagraphIn {
    /// A translation unit's id (bilingual inputs).
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub score: f64,
    pub findings: Vec<FindingIn>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FindingIn {
    pub rule: String,
    pub category: String,
    pub severity: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub text: String,
    pub fingerprint: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct SummaryIn {
    pub score: f64,
    /// Inputs the run could not read.
    #[serde(default)]
    pub unread: usize,
}

pub fn load(path: &Path) -> Result<ReportIn, Error> {
    let name = display_path(path);
    let bytes = crate::input::read_bounded(path, crate::input::REPORT_READ_LIMIT)
        .map_err(|e| Error::usage(format!("{name}: cannot read: {e}")))?;
    let report: ReportIn = serde_json::from_slice(&bytes).map_err(|e| {
        Error::usage(format!(
            "{name}:{}:{}: not an mtqc JSON report: {e}",
            e.line(),
            e.column()
        ))
    })?;
    if report.version != 1 {
        return Err(Error::usage(format!(
            "{name}: report version {} is not supported (1 is)",
            report.version
        )));
    }
    Ok(report)
}

#[derive(Debug, Serialize)]
pub struct Diff {
    /// Why the comparison may not be like for like.
    pub warnings: Vec<String>,
    pub old_score: f64,
    pub new_score: f64,
    pub delta: f64,
    pub max_drop: f64,
    /// NEW's score fell by more than `max_drop` (overall or in a document), or NEW checked
    /// less than OLD: a document gone, or an input it could not read (`warnings` says which).
    pub regressed: bool,
    /// How NEW checked less than OLD, if it did (also in `warnings`).
    #[serde(skip)]
    pub checked_less: Vec<String>,
    pub files: Vec<FileDelta>,
    pub rules: Vec<CountDelta>,
    pub categories: Vec<CountDelta>,
    /// Translation units present in either report whose score or findings changed, worst
    /// change first (then by file and id). Absent without units.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub units: Vec<UnitDelta>,
    pub new: Vec<Located>,
    pub fixed: Vec<Located>,
}

#[derive(Debug, Serialize)]
pub struct UnitDelta {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Its file holds more than one document: the language names which (human output).
    #[serde(skip)]
    pub several: bool,
    pub id: String,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
    pub delta: Option<f64>,
    pub old_findings: usize,
    pub new_findings: usize,
}

#[derive(Debug, Serialize)]
pub struct FileDelta {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Its file holds more than one document: the language names which (human output).
    #[serde(skip)]
    pub several: bool,
    pub old_score: Option<f64>,
    pub new_score: Option<f64>,
    pub delta: Option<f64>,
    pub old_findings: usize,
    pub new_findings: usize,
}

#[derive(Debug, Serialize)]
pub struct CountDelta {
    pub name: String,
    pub old: usize,
    pub new: usize,
    pub delta: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Located {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Its file holds more than one document: the language names which (human output).
    #[serde(skip)]
    pub several: bool,
    #[serde(flatten)]
    pub finding: FindingIn,
}

/// What documents are matched on: the path relative to the directory argument, so two runs
/// over two folders compare file by file, and, in a file of several documents in either
/// report (the target languages of an XLIFF or TMX file), the language, so each is compared
/// with its own. (A file of one document is matched by path alone: its language, detected in
/// plain text, may be what changed.)
type Key<'a> = (&'a str, Option<&'a str>);

impl FileIn {
    fn path_key(&self) -> &str {
        self.relative_path.as_deref().unwrap_or(&self.path)
    }

    fn key<'a>(&'a self, several: &BTreeSet<&str>) -> Key<'a> {
        let path = self.path_key();
        (
            path,
            self.language.as_deref().filter(|_| several.contains(path)),
        )
    }
}

/// A document as a person reads it: its path, and its language where its file holds several.
fn document_name(path: &str, language: Option<&str>, several: bool) -> String {
    match language {
        Some(l) if several => format!("{path} [{l}]"),
        _ => path.to_string(),
    }
}

fn findings(f: &FileIn) -> impl Iterator<Item = &FindingIn> {
    f.paragraphs.iter().flat_map(|p| &p.findings)
}

fn counts<'a>(r: &'a ReportIn, key: fn(&'a FindingIn) -> &'a str) -> BTreeMap<&'a str, usize> {
    let mut m = BTreeMap::new();
    for f in r.files.iter().flat_map(findings) {
        *m.entry(key(f)).or_insert(0) += 1;
    }
    m
}

fn count_deltas(old: &BTreeMap<&str, usize>, new: &BTreeMap<&str, usize>) -> Vec<CountDelta> {
    let names: BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    names
        .into_iter()
        .map(|n| {
            let (o, w) = (*old.get(n).unwrap_or(&0), *new.get(n).unwrap_or(&0));
            CountDelta {
                name: n.to_string(),
                old: o,
                new: w,
                delta: w as i64 - o as i64,
            }
        })
        .filter(|d| d.old != 0 || d.new != 0)
        .collect()
}

/// Findings of `a` whose (document, fingerprint) is not in `b`.
fn missing_from(a: &ReportIn, b: &ReportIn, several: &BTreeSet<&str>) -> Vec<Located> {
    let keys: BTreeSet<(Key, &str)> = b
        .files
        .iter()
        .flat_map(|f| findings(f).map(move |x| (f.key(several), x.fingerprint.as_str())))
        .collect();
    a.files
        .iter()
        .flat_map(|f| {
            findings(f)
                .filter(|x| !keys.contains(&(f.key(several), x.fingerprint.as_str())))
                .map(move |x| Located {
                    path: f.path.clone(),
                    language: f
                        .language
                        .clone()
                        .filter(|_| several.contains(f.path_key())),
                    several: several.contains(f.path_key()),
                    finding: x.clone(),
                })
        })
        .collect()
}

/// Each unit's score and finding count, by (document, unit id).
fn unit_scores<'a>(
    r: &'a ReportIn,
    several: &BTreeSet<&str>,
) -> BTreeMap<(Key<'a>, &'a str), (f64, usize)> {
    r.files
        .iter()
        .flat_map(|f| {
            f.paragraphs.iter().filter_map(move |p| {
                p.id.as_deref()
                    .map(|id| ((f.key(several), id), (p.score, p.findings.len())))
            })
        })
        .collect()
}

fn unit_deltas(old: &ReportIn, new: &ReportIn, several: &BTreeSet<&str>) -> Vec<UnitDelta> {
    let (o, n) = (unit_scores(old, several), unit_scores(new, several));
    let keys: BTreeSet<&(Key, &str)> = o.keys().chain(n.keys()).collect();
    let mut out: Vec<UnitDelta> = keys
        .into_iter()
        .filter_map(|k| {
            let (a, b) = (o.get(k), n.get(k));
            if let (Some(a), Some(b)) = (a, b)
                && a == b
            {
                return None;
            }
            Some(UnitDelta {
                path: k.0.0.to_string(),
                language: k.0.1.map(str::to_string),
                several: several.contains(k.0.0),
                id: k.1.to_string(),
                old_score: a.map(|x| x.0),
                new_score: b.map(|x| x.0),
                delta: a.zip(b).map(|(a, b)| round2(b.0 - a.0)),
                old_findings: a.map_or(0, |x| x.1),
                new_findings: b.map_or(0, |x| x.1),
            })
        })
        .collect();
    // Worst first; units in one report only after the changed ones.
    out.sort_by(|a, b| {
        let key = |u: &UnitDelta| u.delta.unwrap_or(f64::INFINITY);
        key(a).total_cmp(&key(b))
    });
    out
}

pub fn diff(old: &ReportIn, new: &ReportIn, max_drop: f64) -> Diff {
    let several = several_languages(old, new);
    let mut keys: Vec<Key> = old.files.iter().map(|f| f.key(&several)).collect();
    for f in &new.files {
        if !keys.contains(&f.key(&several)) {
            keys.push(f.key(&several));
        }
    }
    let files: Vec<FileDelta> = keys
        .iter()
        .map(|&k| {
            let o = old.files.iter().find(|f| f.key(&several) == k);
            let n = new.files.iter().find(|f| f.key(&several) == k);
            FileDelta {
                path: k.0.to_string(),
                language: k.1.map(str::to_string),
                several: several.contains(k.0),
                old_score: o.map(|f| f.score),
                new_score: n.map(|f| f.score),
                delta: o.zip(n).map(|(o, n)| round2(n.score - o.score)),
                old_findings: o.map_or(0, |f| findings(f).count()),
                new_findings: n.map_or(0, |f| findings(f).count()),
            }
        })
        .collect();
    let delta = round2(new.summary.score - old.summary.score);
    let mut warnings = Vec::new();
    // NEW checked less than OLD: a document gone, or an input it could not read. Its score
    // then says nothing of the missing text, so the comparison fails rather than pass on it.
    let gone: Vec<String> = files
        .iter()
        .filter(|f| f.old_score.is_some() && f.new_score.is_none())
        .map(|f| document_name(&f.path, f.language.as_deref(), f.several))
        .collect();
    let mut checked_less = Vec::new();
    if !gone.is_empty() {
        checked_less.push(format!(
            "{} of OLD not in NEW: {}",
            if gone.len() == 1 {
                "a document"
            } else {
                "documents"
            },
            gone.join(", ")
        ));
    }
    if new.summary.unread > old.summary.unread {
        checked_less.push(format!(
            "NEW could not read {} input(s) (OLD: {})",
            new.summary.unread, old.summary.unread
        ));
    }
    warnings.extend(checked_less.iter().cloned());
    let regressed = -delta > max_drop
        || files.iter().any(|f| f.delta.is_some_and(|d| -d > max_drop))
        || !checked_less.is_empty();
    if old.packs != new.packs {
        warnings.push("the two reports used different rule packs or pack versions".to_string());
    }
    if old.config_hash != new.config_hash {
        warnings.push(
            "the two reports used different settings (config_hash differs): \
             findings may differ for that reason"
                .to_string(),
        );
    }
    Diff {
        warnings,
        old_score: old.summary.score,
        new_score: new.summary.score,
        delta,
        max_drop,
        regressed,
        checked_less,
        files,
        rules: count_deltas(&counts(old, |f| &f.rule), &counts(new, |f| &f.rule)),
        categories: count_deltas(&counts(old, |f| &f.category), &counts(new, |f| &f.category)),
        units: unit_deltas(old, new, &several),
        new: missing_from(new, old, &several),
        fixed: missing_from(old, new, &several),
    }
}

/// The paths that hold more than one document (a target language each) in either report.
fn several_languages<'a>(old: &'a ReportIn, new: &'a ReportIn) -> BTreeSet<&'a str> {
    let mut several = BTreeSet::new();
    for r in [old, new] {
        let mut here = BTreeSet::new();
        for f in &r.files {
            let path = f.path_key();
            if !here.insert(path) {
                several.insert(path);
            }
        }
    }
    several
}

fn signed(x: f64) -> String {
    if x > 0.0 {
        format!("+{x:.2}")
    } else {
        format!("{x:.2}")
    }
}

fn score(x: Option<f64>) -> String {
    x.map_or("-".to_string(), |s| format!("{s:.2}"))
}

pub fn render_human(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "score {:.2} -> {:.2} ({})",
        d.old_score,
        d.new_score,
        signed(d.delta)
    );
    let _ = writeln!(out, "\nfiles:");
    for f in &d.files {
        let delta = f.delta.map_or("new or removed".to_string(), signed);
        let _ = writeln!(
            out,
            "  {}: {} -> {} ({delta}), findings {} -> {}",
            document_name(&f.path, f.language.as_deref(), f.several),
            score(f.old_score),
            score(f.new_score),
            f.old_findings,
            f.new_findings
        );
    }
    for (title, list) in [("rules", &d.rules), ("categories", &d.categories)] {
        let changed: Vec<&CountDelta> = list.iter().filter(|c| c.delta != 0).collect();
        if !changed.is_empty() {
            let _ = writeln!(out, "\n{title}:");
            for c in changed {
                let _ = writeln!(out, "  {}: {} -> {} ({:+})", c.name, c.old, c.new, c.delta);
            }
        }
    }
    if !d.units.is_empty() {
        let _ = writeln!(out, "\nunits ({} changed):", d.units.len());
        for u in &d.units {
            let delta = u.delta.map_or("new or removed".to_string(), signed);
            let _ = writeln!(
                out,
                "  {} unit {}: {} -> {} ({delta}), findings {} -> {}",
                document_name(&u.path, u.language.as_deref(), u.several),
                crate::report::human::printable(&u.id),
                score(u.old_score),
                score(u.new_score),
                u.old_findings,
                u.new_findings
            );
        }
    }
    for (title, list) in [("new findings", &d.new), ("fixed findings", &d.fixed)] {
        let _ = writeln!(out, "\n{title} ({}):", list.len());
        for l in list {
            let f = &l.finding;
            let unit = f
                .unit
                .as_ref()
                .map(|u| format!(" (unit {})", crate::report::human::printable(u)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "  {}:{}:{}: {}[{}] {}{unit}",
                document_name(&l.path, l.language.as_deref(), l.several),
                f.line,
                f.column,
                f.severity,
                f.rule,
                f.message
            );
        }
    }
    let verdict = if d.regressed { "regressed" } else { "ok" };
    if !d.checked_less.is_empty() {
        let _ = writeln!(
            out,
            "\nNEW checked less than OLD: {}",
            d.checked_less.join("; ")
        );
    }
    let _ = writeln!(
        out,
        "\n{verdict}: score change {} (allowed drop {:.2})",
        signed(d.delta),
        d.max_drop
    );
    out
}

pub fn render_json(d: &Diff) -> String {
    let mut s = serde_json::to_string_pretty(d).expect("diff serialises");
    s.push('\n');
    s
}
