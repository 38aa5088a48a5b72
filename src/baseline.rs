//! Baselines: the findings a team has accepted, so that a gate fails only on new ones.
//! Entries are matched by path (relative to the project file's directory, else the working
//! directory) and fingerprint (rule, flagged text, a little whitespace-normalised context inside
//! its paragraph, and its occurrence index), never by line, so reflowed or reordered text keeps
//! its baseline and the same text in another file does not. An entry may carry a `reason`, kept
//! when the baseline is written again. Version 1 baselines, whose paths were informative, still
//! load: their entries apply to any file.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, display_path};
use crate::findings::Accepted;
use crate::report::Report;

pub const VERSION: u32 = 2;

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    pub version: u32,
    #[serde(default)]
    pub mtqc_version: String,
    #[serde(default)]
    pub findings: Vec<Entry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    /// The file, relative to the project's root (version 1: informative, any file matches).
    pub path: String,
    /// The target language the file declares (XLIFF, TMX, PO): an XLIFF or TMX file of
    /// several target languages is one document each. An entry without it (written before
    /// it was recorded) matches the path in any language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let name = display_path(path);
        let bytes = crate::input::read_bounded(path, crate::input::READ_LIMIT)
            .map_err(|e| Error::usage(format!("{name}: cannot read baseline: {e}")))?;
        let b: Baseline = serde_json::from_slice(&bytes).map_err(|e| {
            Error::usage(format!(
                "{name}:{}:{}: not an mtqc baseline: {e}",
                e.line(),
                e.column()
            ))
        })?;
        if b.version != VERSION && b.version != 1 {
            return Err(Error::usage(format!(
                "{name}: baseline version {} is not supported (1 and {VERSION} are)",
                b.version
            )));
        }
        Ok(b)
    }

    /// The findings it accepts.
    pub fn accepted(&self) -> Accepted {
        let mut a = Accepted::default();
        for e in &self.findings {
            match (self.version, &e.language) {
                (1, _) => {
                    a.anywhere.insert(e.fingerprint.clone());
                }
                (_, Some(l)) => {
                    a.by_document
                        .insert((e.path.clone(), l.clone(), e.fingerprint.clone()));
                }
                (_, None) => {
                    a.by_path.insert((e.path.clone(), e.fingerprint.clone()));
                }
            }
        }
        a
    }

    /// A warning about an old baseline, whose entries apply to any file.
    pub fn warning(&self, name: &str) -> Option<String> {
        (self.version == 1).then(|| {
            format!(
                "{name}: a version 1 baseline accepts its findings in any file; \
                 record it again with --write-baseline to key them by file"
            )
        })
    }

    /// Every finding of a run (those a baseline suppressed included), keeping the reasons of
    /// `previous` for findings it already had.
    pub fn from_report(report: &Report, previous: Option<&Baseline>) -> Baseline {
        // A reason recorded for a fingerprint: by path and language, by path (an entry
        // without a language), or from a version 1 baseline by fingerprint alone.
        let reasons: BTreeMap<(&str, &str, &str), &str> = previous
            .into_iter()
            .flat_map(|b| b.findings.iter().map(move |e| (b.version, e)))
            .filter_map(|(v, e)| {
                let path = if v == 1 { "" } else { e.path.as_str() };
                let language = e.language.as_deref().unwrap_or("");
                e.reason
                    .as_deref()
                    .map(|r| ((path, language, e.fingerprint.as_str()), r))
            })
            .collect();
        let reasons = &reasons;
        let mut findings: Vec<Entry> = report
            .files
            .iter()
            .flat_map(|f| {
                f.findings().chain(&f.baselined_findings).map(move |x| {
                    let (path, print) = (f.project_path.as_str(), x.fingerprint.as_str());
                    let language = f.declared_language.as_deref();
                    Entry {
                        fingerprint: x.fingerprint.clone(),
                        rule: x.rule.clone(),
                        path: f.project_path.clone(),
                        language: f.declared_language.clone(),
                        text: x.text.clone(),
                        reason: language
                            .and_then(|l| reasons.get(&(path, l, print)))
                            .or_else(|| reasons.get(&(path, "", print)))
                            .or_else(|| reasons.get(&("", "", print)))
                            .map(|r| r.to_string()),
                    }
                })
            })
            .collect();
        findings.sort_by(|a, b| {
            (&a.path, &a.language, &a.rule, &a.fingerprint).cmp(&(
                &b.path,
                &b.language,
                &b.rule,
                &b.fingerprint,
            ))
        });
        findings.dedup_by(|a, b| {
            a.path == b.path && a.language == b.language && a.fingerprint == b.fingerprint
        });
        Baseline {
            version: VERSION,
            mtqc_version: env!("CARGO_PKG_VERSION").to_string(),
            findings,
        }
    }

    pub fn render(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("baseline serialises");
        s.push('\n');
        s
    }
}
