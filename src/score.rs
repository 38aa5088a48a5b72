//! MQM 2.0 raw scoring: penalty = sum of severity weights; score = max(0, 100 * (1 - penalty /
//! words)); penalty per 1,000 words. A document pools penalty over its words.

use serde::{Deserialize, Serialize};

use crate::text::Analysis;
use crate::vocab::Severity;

pub const MODEL: &str =
    "MQM 2.0 raw (penalty = sum of severity weights; score = max(0, 100 * (1 - penalty / words)))";

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Weights {
    #[serde(default = "w_minor")]
    pub minor: f64,
    #[serde(default = "w_major")]
    pub major: f64,
    #[serde(default = "w_critical")]
    pub critical: f64,
}

fn w_minor() -> f64 {
    1.0
}
fn w_major() -> f64 {
    5.0
}
fn w_critical() -> f64 {
    25.0
}

impl Default for Weights {
    fn default() -> Weights {
        Weights {
            minor: w_minor(),
            major: w_major(),
            critical: w_critical(),
        }
    }
}

impl Weights {
    pub fn of(&self, s: Severity) -> f64 {
        match s {
            Severity::Minor => self.minor,
            Severity::Major => self.major,
            Severity::Critical => self.critical,
        }
    }
}

/// Words as MQM counts them: whitespace tokens, or UAX #29 words for scripts written without
/// spaces.
pub fn words(a: &Analysis, unspaced: bool) -> usize {
    if unspaced {
        unicode_segmentation::UnicodeSegmentation::unicode_words(a.text).count()
    } else {
        a.whitespace_tokens
    }
}

/// Score of `penalty` over `words`, in [0, 100]. Text with no words scores 100 unless penalised.
pub fn score(penalty: f64, words: usize) -> f64 {
    if words == 0 {
        return if penalty > 0.0 { 0.0 } else { 100.0 };
    }
    (100.0 * (1.0 - penalty / words as f64)).clamp(0.0, 100.0)
}

pub fn per_thousand(penalty: f64, words: usize) -> f64 {
    if words == 0 {
        0.0
    } else {
        penalty * 1000.0 / words as f64
    }
}

/// Round for reports, so output is stable across platforms.
pub fn round2(x: f64) -> f64 {
    // `+ 0.0` turns a negative zero (the sum of no penalties) into 0.
    (x * 100.0).round() / 100.0 + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn score_is_bounded_and_pooled() {
        assert_eq!(score(0.0, 10), 100.0);
        assert_eq!(score(5.0, 10), 50.0);
        assert_eq!(score(25.0, 10), 0.0);
        assert_eq!(score(1.0, 0), 0.0);
        assert_eq!(per_thousand(5.0, 500), 10.0);
        let nothing: f64 = std::iter::empty::<f64>().sum();
        assert!(
            round2(nothing).is_sign_positive(),
            "no penalty is 0, not -0"
        );
    }
}
