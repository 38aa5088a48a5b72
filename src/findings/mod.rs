//! Findings: hits of rules turned into what a reader is told, a message at a place in the input.
//! `locate` does it for one document (positions, messages, fingerprints, snippets, the project's
//! allow-list, baseline and severity overrides); renderers and scores read `Finding`s.

pub mod fingerprint;
pub mod locate;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::vocab::Severity;

pub use locate::{Located, Locator};

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub rule: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub category: String,
    pub message: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub suggestion: Option<String>,
    pub fingerprint: String,
    /// The id of the translation unit it is in (bilingual inputs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The line holding the finding, for renderers that show it.
    #[serde(skip)]
    pub snippet: Snippet,
    /// Start and end in Unicode scalar values from the start of the file's text (BOM
    /// excluded), for renderers that locate by characters (SARIF `charOffset`).
    #[serde(skip)]
    pub char_start: usize,
    #[serde(skip)]
    pub char_end: usize,
    /// `column` and `end_column` counted in UTF-8 bytes of their lines (BOM excluded), for
    /// renderers whose columns are bytes (reviewdog).
    #[serde(skip)]
    pub byte_column: usize,
    #[serde(skip)]
    pub end_byte_column: usize,
    /// Byte offsets of the finding in its paragraph's text, for renderers that show the
    /// paragraph (HTML).
    #[serde(skip)]
    pub span: (usize, usize),
    /// For the finding that stands for those a paragraph had past `MAX_PER_PARAGRAPH`: how
    /// many of each severity (minor, major, critical) it stands for; they are scored. Zero for
    /// every other finding.
    #[serde(skip)]
    pub stands_for: [usize; 3],
}

/// Findings listed per paragraph; past it one finding stands for the rest (text crafted to be
/// full of findings would otherwise make a report of gigabytes).
pub const MAX_PER_PARAGRAPH: usize = 100;

impl Finding {
    /// The findings it counts as: itself, or those it stands for.
    pub fn counts(&self) -> [usize; 3] {
        if self.stands_for == [0; 3] {
            let mut one = [0; 3];
            one[self.severity as usize] = 1;
            one
        } else {
            self.stands_for
        }
    }
}

/// Characters of the line shown on each side of a finding by renderers that show context.
pub const SNIPPET_CONTEXT: usize = 32;

/// A finding's neighbourhood on its line(s), at most `SNIPPET_CONTEXT` characters each side,
/// so a report never holds copies of long lines.
#[derive(Debug, Clone, Default)]
pub struct Snippet {
    pub before: String,
    pub after: String,
    /// The line goes on beyond `before` / `after`.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// What the project says about findings: words never flagged, findings already accepted, and
/// severities it overrides.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Words and phrases (NFC) never flagged by any rule.
    pub allow: Vec<String>,
    /// Findings accepted by a baseline (`--baseline`).
    pub baseline: Option<Accepted>,
    /// Severity per rule id.
    pub severity: BTreeMap<String, Severity>,
}

/// Accepted findings: by path (relative to the project's root) and fingerprint; in a file that
/// declares its target language (XLIFF, TMX, PO), by path, that language and fingerprint, so a
/// finding accepted in one target language of a file is not accepted in another; and, from
/// baselines written before findings were keyed by path, by fingerprint in any file.
#[derive(Debug, Clone, Default)]
pub struct Accepted {
    pub by_path: BTreeSet<(String, String)>,
    pub by_document: BTreeSet<(String, String, String)>,
    pub anywhere: BTreeSet<String>,
}

impl Accepted {
    /// Whether a finding of fingerprint `fingerprint` in the document of `path` whose file
    /// declares the target language `language` is accepted.
    pub fn accepts(&self, path: &str, language: Option<&str>, fingerprint: &str) -> bool {
        self.anywhere.contains(fingerprint)
            || self
                .by_path
                .contains(&(path.to_string(), fingerprint.to_string()))
            || language.is_some_and(|l| {
                self.by_document.contains(&(
                    path.to_string(),
                    l.to_string(),
                    fingerprint.to_string(),
                ))
            })
    }
}

impl Filter {
    pub fn severity_of(&self, id: &str, default: Severity) -> Severity {
        self.severity.get(id).copied().unwrap_or(default)
    }
}
