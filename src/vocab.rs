//! The findings vocabulary every layer shares: severities and the MQM dimensions a category
//! starts with. Kinds, the loader, scores, the gate and renderers all speak it; it depends on
//! nothing.

use std::fmt;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Minor,
    Major,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Minor, Severity::Major, Severity::Critical];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Minor => "minor",
            Severity::Major => "major",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.as_str() == s)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// MQM Core top-level dimensions a rule's `category` must start with.
pub const MQM_DIMENSIONS: &[&str] = &[
    "terminology",
    "accuracy",
    "linguistic",
    "style",
    "locale",
    "audience",
    "design",
];
