//! The gate: one decision of pass or fail for a paragraph, a file and the run, which the exit
//! code, every report's `pass` and the human report's gate line all read.

use serde::{Deserialize, Serialize};

use crate::findings::Finding;
use crate::vocab::Severity;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Minor,
    Major,
    Critical,
    Never,
}

impl FailOn {
    /// The lowest severity that fails a paragraph; `never`: none does.
    pub fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Minor => Some(Severity::Minor),
            FailOn::Major => Some(Severity::Major),
            FailOn::Critical => Some(Severity::Critical),
            FailOn::Never => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            FailOn::Minor => "minor",
            FailOn::Major => "major",
            FailOn::Critical => "critical",
            FailOn::Never => "never",
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Gate {
    /// `--fail-on` (default major).
    pub fail_on: Option<FailOn>,
    /// `--fail-under`: a file scoring below this fails.
    pub fail_under: Option<f64>,
    /// `--fail-on-untranslated`: a file with units not translated or fuzzy fails.
    pub fail_on_untranslated: bool,
}

impl Gate {
    pub fn fail_on(&self) -> FailOn {
        self.fail_on.unwrap_or(FailOn::Major)
    }

    /// A paragraph passes when none of its findings reaches the `--fail-on` severity.
    pub fn paragraph(&self, findings: &[Finding]) -> bool {
        match self.fail_on().threshold() {
            Some(t) => findings.iter().all(|f| f.severity < t),
            None => true,
        }
    }

    /// A file passes when its paragraphs pass and its score, as the report prints it (to two
    /// decimals), is not under `--fail-under`: a report that says `66.67` passes `66.67`.
    pub fn file(&self, paragraphs_pass: bool, score: f64) -> bool {
        paragraphs_pass && self.under(score).is_none()
    }

    /// The `--fail-under` threshold that `score`, as printed, is under.
    fn under(&self, score: f64) -> Option<f64> {
        self.fail_under.filter(|&t| crate::score::round2(score) < t)
    }

    /// Why a file of score `score` with `untranslated` units fails though none of its
    /// paragraphs does: what a format of paragraph or finding records does not show.
    pub fn file_failure(&self, score: f64, untranslated: usize) -> Option<String> {
        let mut why = Vec::new();
        if let Some(t) = self.under(score) {
            let score = crate::score::round2(score);
            why.push(format!("score {score:.2} under --fail-under {t}"));
        }
        if !self.untranslated(untranslated) {
            why.push(format!(
                "{untranslated} unit(s) with no translation or a fuzzy one (--fail-on-untranslated)"
            ));
        }
        (!why.is_empty()).then(|| why.join("; "))
    }

    /// A file with `untranslated` units (no target, or fuzzy) still passes, unless
    /// `--fail-on-untranslated`.
    pub fn untranslated(&self, untranslated: usize) -> bool {
        !self.fail_on_untranslated || untranslated == 0
    }

    /// The run passes when every input was read and every file passes.
    pub fn run(&self, files: impl IntoIterator<Item = bool>, unread: usize) -> bool {
        unread == 0 && files.into_iter().all(|pass| pass)
    }

    /// The gate in words: `fail on major or score under 95`.
    pub fn describe(&self) -> String {
        let mut s = format!("fail on {}", self.fail_on().as_str());
        if let Some(t) = self.fail_under {
            s.push_str(&format!(" or score under {t}"));
        }
        if self.fail_on_untranslated {
            s.push_str(" or untranslated units");
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_fails_no_paragraph_and_fail_under_still_applies() {
        let g = Gate {
            fail_on: Some(FailOn::Never),
            fail_under: Some(90.0),
            fail_on_untranslated: false,
        };
        assert!(g.paragraph(&[]));
        assert!(g.file(true, 95.0));
        assert!(!g.file(true, 80.0));
        assert_eq!(g.describe(), "fail on never or score under 90");
    }

    #[test]
    fn the_score_gated_is_the_score_printed() {
        let g = Gate {
            fail_under: Some(66.67),
            ..Gate::default()
        };
        // 200/3, printed 66.67.
        assert!(g.file(true, 200.0 / 3.0));
        assert!(!g.file(true, 66.664));
    }
}
