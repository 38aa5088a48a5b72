//! Baselines: the findings a team has accepted, so that a gate fails only on new ones.
//! Entries are matched by fingerprint (rule, flagged text, a little whitespace-normalised
//! context inside its paragraph, and its occurrence index), never by line, so reflowed or
//! reordered text keeps its baseline. An entry may carry a `reason`, kept when the baseline is
//! written again.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, display_path};
use crate::report::Report;

pub const VERSION: u32 = 1;

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
    /// Where it was found when recorded (informative: matching ignores it, so files may move).
    pub path: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Baseline {
    pub fn load(path: &Path) -> Result<Baseline, Error> {
        let name = display_path(path);
        let bytes = std::fs::read(path)
            .map_err(|e| Error::usage(format!("{name}: cannot read baseline: {e}")))?;
        let b: Baseline = serde_json::from_slice(&bytes).map_err(|e| {
            Error::usage(format!(
                "{name}:{}:{}: not an mtqc baseline: {e}",
                e.line(),
                e.column()
            ))
        })?;
        if b.version != VERSION {
            return Err(Error::usage(format!(
                "{name}: baseline version {} is not supported ({VERSION} is)",
                b.version
            )));
        }
        Ok(b)
    }

    pub fn fingerprints(&self) -> BTreeSet<String> {
        self.findings
            .iter()
            .map(|e| e.fingerprint.clone())
            .collect()
    }

    /// Every finding of a run (those a baseline suppressed included), keeping the reasons of
    /// `previous` for findings it already had.
    pub fn from_report(report: &Report, previous: Option<&Baseline>) -> Baseline {
        let reasons: BTreeMap<&str, &str> = previous
            .into_iter()
            .flat_map(|b| &b.findings)
            .filter_map(|e| e.reason.as_deref().map(|r| (e.fingerprint.as_str(), r)))
            .collect();
        let reasons = &reasons;
        let mut findings: Vec<Entry> = report
            .files
            .iter()
            .flat_map(|f| {
                f.findings()
                    .chain(&f.baselined_findings)
                    .map(move |x| Entry {
                        fingerprint: x.fingerprint.clone(),
                        rule: x.rule.clone(),
                        path: f.path.clone(),
                        text: x.text.clone(),
                        reason: reasons.get(x.fingerprint.as_str()).map(|r| r.to_string()),
                    })
            })
            .collect();
        findings.sort_by(|a, b| {
            (&a.path, &a.rule, &a.fingerprint).cmp(&(&b.path, &b.rule, &b.fingerprint))
        });
        findings.dedup_by(|a, b| a.fingerprint == b.fingerprint);
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
