//! Rule INSTANCES: packs of TOML rule files, embedded in the binary or read from disk.

mod load;

use serde::{Deserialize, Serialize};

use crate::checks::Check;
use crate::lexicon::Lexicon;
use crate::vocab::Severity;

#[cfg(test)]
pub(crate) use load::EMBEDDED;
pub use load::{load_dir, load_dirs, load_embedded, load_pack_sources, pack_files};

/// Packs a run may load together: no two with one id, no two rules with one id. Every command
/// that reads packs (`check`, `rules list`, `explain`, `test`) holds them to it.
pub fn unique(packs: &[Pack]) -> Result<(), crate::error::Error> {
    use crate::error::{Error, ErrorKind};
    let mut ids = std::collections::BTreeMap::new();
    for r in packs.iter().flat_map(|p| &p.rules) {
        if let Some(first) = ids.insert(r.id.as_str(), r.origin.as_str()) {
            return Err(Error::new(
                ErrorKind::RulePack,
                format!(
                    "{}: duplicate rule id `{}` (first defined at {first})",
                    r.origin, r.id
                ),
            ));
        }
    }
    let mut pack_ids = std::collections::BTreeMap::new();
    for p in packs {
        if let Some(first) = pack_ids.insert(p.info.id.as_str(), p.info.origin.as_str()) {
            return Err(Error::new(
                ErrorKind::RulePack,
                format!(
                    "two rule packs have the id `{}`: {first} and {}",
                    p.info.id, p.info.origin
                ),
            ));
        }
    }
    Ok(())
}

/// One example of a rule: text it must flag (at each of `flags`) or must leave alone.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    pub text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flags: Option<Vec<String>>,
    /// Findings expected when it is not one per `flags` entry (a flag may cover two findings).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<usize>,
    /// For source-aware rules: the source of each line of `text`, line by line; each line is
    /// then a translation unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The source's language (default `en` when there is a source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_language: Option<String>,
    /// The text's language, instead of the pack's or the detected one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Glossary entries the example is checked with: `[["source term", "target|target"]]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub glossary: Vec<[String; 2]>,
    /// A length limit on each line, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_length: Option<usize>,
    /// What separates the units of `text` and `source` instead of a line break, for units
    /// that hold line breaks (`separator = "|"`, `source = "Done\n|Exit"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separator: Option<String>,
}

impl Example {
    pub fn fires(&self) -> bool {
        self.flags.as_ref().is_some_and(|f| !f.is_empty())
    }
}

/// A pack's identity.
#[derive(Debug, Clone, Serialize)]
pub struct PackInfo {
    pub id: String,
    pub version: String,
    /// Languages the pack applies to; `*` for every language.
    pub languages: Vec<String>,
    /// Source languages it applies to (language data of a source language, `source-en`);
    /// empty: any.
    pub source_languages: Vec<String>,
    pub description: String,
    /// Where it came from: `embedded` or a directory.
    pub origin: String,
}

impl PackInfo {
    pub fn applies_to(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == "*" || l == language)
    }

    /// Whether it applies to units translated from `source` (unknown: English, the usual
    /// source of MT).
    pub fn applies_to_source(&self, source: Option<&str>) -> bool {
        self.source_languages.is_empty()
            || self
                .source_languages
                .iter()
                .any(|l| l == source.unwrap_or("en"))
    }
}

/// A compiled rule instance.
#[derive(Debug)]
pub struct Rule {
    /// Pack-qualified id, e.g. `bn.duplicated-attribution`.
    pub id: String,
    pub pack: String,
    pub kind: &'static str,
    pub severity: Severity,
    pub category: String,
    pub message: String,
    /// One line without placeholders: what the rule finds.
    pub summary: String,
    pub doc: String,
    pub examples: Vec<Example>,
    /// `file:line` of the rule's definition.
    pub origin: String,
    /// Ids it had before (pack-qualified): baselines, `disable`, severities and
    /// `mtqc-ignore` directives that name them still reach it.
    pub aliases: Vec<String>,
    /// Runs only where no other active pack has a rule of its kind (`fallback = true`).
    pub fallback: bool,
    pub check: Box<dyn Check>,
}

impl Rule {
    /// Whether `id` names this rule: its id, or an old id it keeps as an alias.
    pub fn answers_to(&self, id: &str) -> bool {
        self.id == id || self.aliases.iter().any(|a| a == id)
    }

    /// The id its findings' fingerprints are made with: its first id (the oldest alias), so a
    /// rule that moves keeps its baselines.
    pub fn fingerprint_id(&self) -> &str {
        self.aliases.first().map_or(&self.id, String::as_str)
    }
}

#[derive(Debug)]
pub struct Pack {
    pub info: PackInfo,
    pub lexicon: Lexicon,
    pub rules: Vec<Rule>,
}
