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
    pub regressed: bool,
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
    #[serde(flatten)]
    pub finding: FindingIn,
}

impl FileIn {
    /// What files are matched on: the path relative to the directory argument, so two runs
    /// over two folders compare file by file.
    fn key(&self) -> &str {
        self.relative_path.as_deref().unwrap_or(&self.path)
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

/// Findings of `a` whose (path, fingerprint) is not in `b`.
fn missing_from(a: &ReportIn, b: &ReportIn) -> Vec<Located> {
    let keys: BTreeSet<(&str, &str)> = b
        .files
        .iter()
        .flat_map(|f| findings(f).map(move |x| (f.key(), x.fingerprint.as_str())))
        .collect();
    a.files
        .iter()
        .flat_map(|f| {
            findings(f)
                .filter(|x| !keys.contains(&(f.key(), x.fingerprint.as_str())))
                .map(move |x| Located {
                    path: f.path.clone(),
                    finding: x.clone(),
                })
        })
        .collect()
}

/// Each unit's score and finding count, by (file, unit id).
fn unit_scores(r: &ReportIn) -> BTreeMap<(&str, &str), (f64, usize)> {
    r.files
        .iter()
        .flat_map(|f| {
            f.paragraphs.iter().filter_map(move |p| {
                p.id.as_deref()
                    .map(|id| ((f.key(), id), (p.score, p.findings.len())))
            })
        })
        .collect()
}

fn unit_deltas(old: &ReportIn, new: &ReportIn) -> Vec<UnitDelta> {
    let (o, n) = (unit_scores(old), unit_scores(new));
    let keys: BTreeSet<&(&str, &str)> = o.keys().chain(n.keys()).collect();
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
                path: k.0.to_string(),
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
    let mut paths: Vec<&str> = old.files.iter().map(FileIn::key).collect();
    for f in &new.files {
        if !paths.contains(&f.key()) {
            paths.push(f.key());
        }
    }
    let files: Vec<FileDelta> = paths
        .iter()
        .map(|&p| {
            let o = old.files.iter().find(|f| f.key() == p);
            let n = new.files.iter().find(|f| f.key() == p);
            FileDelta {
                path: p.to_string(),
                old_score: o.map(|f| f.score),
                new_score: n.map(|f| f.score),
                delta: o.zip(n).map(|(o, n)| round2(n.score - o.score)),
                old_findings: o.map_or(0, |f| findings(f).count()),
                new_findings: n.map_or(0, |f| findings(f).count()),
            }
        })
        .collect();
    let delta = round2(new.summary.score - old.summary.score);
    let regressed =
        -delta > max_drop || files.iter().any(|f| f.delta.is_some_and(|d| -d > max_drop));
    let mut warnings = Vec::new();
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
        files,
        rules: count_deltas(&counts(old, |f| &f.rule), &counts(new, |f| &f.rule)),
        categories: count_deltas(&counts(old, |f| &f.category), &counts(new, |f| &f.category)),
        units: unit_deltas(old, new),
        new: missing_from(new, old),
        fixed: missing_from(old, new),
    }
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
            f.path,
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
                u.path,
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
                l.path, f.line, f.column, f.severity, f.rule, f.message
            );
        }
    }
    let verdict = if d.regressed { "regressed" } else { "ok" };
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
