//! The project file `mtqc.toml`, found from the working directory upward: packs, language,
//! severity overrides, disabled rules, allow-lists, scoring and gate thresholds, and per-path
//! settings. Unknown keys are errors naming file, line and column.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, ErrorKind, display_path};
use crate::gate::FailOn;
use crate::input::ParagraphMode;
use crate::score::Weights;
use crate::vocab::Severity;

pub const FILE_NAME: &str = "mtqc.toml";

/// Largest severity weight, so that penalties and scores stay finite numbers.
pub const MAX_WEIGHT: f64 = 1000.0;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Language of the documents (BCP 47), instead of the files' or detecting it.
    pub language: Option<String>,
    /// The language units were translated from, instead of what the files say.
    pub source_language: Option<String>,
    /// Glossaries (TSV or TBX), relative to this file.
    #[serde(default)]
    pub glossary: Vec<PathBuf>,
    /// Files with untranslated or fuzzy units fail the gate.
    pub fail_on_untranslated: Option<bool>,
    /// Check skipped units (not translated, fuzzy, locked...) too.
    pub include_skipped: Option<bool>,
    /// Packs to run (ids); default: `common` plus the pack of the document's language.
    pub packs: Option<Vec<String>>,
    /// Directories of extra rule packs, relative to this file.
    #[serde(default)]
    pub rules: Vec<PathBuf>,
    /// Rule ids (pack-qualified) that never run.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Severity per rule id.
    #[serde(default)]
    pub severity: BTreeMap<String, Severity>,
    /// Words and phrases never flagged by any rule.
    #[serde(default)]
    pub allow: Vec<String>,
    pub paragraphs: Option<ParagraphMode>,
    /// Every paragraph is its own document (segment corpora).
    pub segments: Option<bool>,
    pub weights: Option<Weights>,
    pub fail_on: Option<FailOn>,
    pub fail_under: Option<f64>,
    /// Globs of files never checked when found by walking a directory (a file named on the
    /// command line is always checked).
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Settings for the paths a glob matches (later entries win).
    #[serde(default, rename = "path")]
    pub paths: Vec<PathSettings>,
    /// The directory the file was read from (not a key).
    #[serde(skip)]
    pub dir: PathBuf,
    /// The file itself, when one was read (not a key).
    #[serde(skip)]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PathSettings {
    pub glob: String,
    pub language: Option<String>,
    pub packs: Option<Vec<String>>,
    #[serde(default)]
    pub disable: Vec<String>,
}

/// `mtqc.toml` in `start` or the nearest directory above it, up to the repository's root (a
/// directory holding `.git`) or the home directory, whichever comes first. A project file that
/// anyone may write, or in a directory anyone may write (`/tmp`), is not taken: it would let
/// another user change the gate. Returns it, and warnings about those passed over.
pub fn discover(start: &Path) -> (Option<PathBuf>, Vec<String>) {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let mut warnings = Vec::new();
    for dir in start.ancestors() {
        let file = dir.join(FILE_NAME);
        if file.is_file() {
            if writable_by_anyone(dir) || writable_by_anyone(&file) {
                warnings.push(format!(
                    "{}: not read: anyone may write it or its directory",
                    display_path(&file)
                ));
            } else {
                return (Some(file), warnings);
            }
        }
        if dir.join(".git").exists() || home.as_deref() == Some(dir) {
            break;
        }
    }
    (None, warnings)
}

fn writable_by_anyone(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o002 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        false
    }
}

impl Config {
    /// The paths the project file lists in `listed` (relative to its directory), then those
    /// `given` on the command line.
    pub fn paths(&self, listed: &[PathBuf], given: &[PathBuf]) -> Vec<PathBuf> {
        listed
            .iter()
            .map(|p| self.dir.join(p))
            .chain(given.iter().cloned())
            .collect()
    }
}

pub fn load(path: &Path) -> Result<Config, Error> {
    let src = crate::input::read_bounded_text(path).map_err(|e| {
        Error::new(
            ErrorKind::Usage,
            format!("{}: cannot read: {e}", display_path(path)),
        )
    })?;
    let mut config: Config = toml::from_str(&src)
        .map_err(|e| Error::at(path, &src, e.span().map_or(0, |s| s.start), e.message()))?;
    config.dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    config.file = Some(path.to_path_buf());
    if let Some(t) = config.fail_under
        && !(0.0..=100.0).contains(&t)
    {
        return Err(Error::at(
            path,
            &src,
            src.find("fail_under").unwrap_or(0),
            "`fail_under` must lie in 0..=100",
        ));
    }
    if let Some(w) = config.weights {
        for (name, value) in [
            ("minor", w.minor),
            ("major", w.major),
            ("critical", w.critical),
        ] {
            if !(0.0..=MAX_WEIGHT).contains(&value) {
                return Err(Error::at(
                    path,
                    &src,
                    src.find("weights").unwrap_or(0),
                    format!("`weights.{name}` must lie in 0..={MAX_WEIGHT}"),
                ));
            }
        }
    }
    for g in &config.exclude {
        globset::Glob::new(g).map_err(|e| {
            Error::at(
                path,
                &src,
                src.find(g.as_str()).unwrap_or(0),
                format!("invalid glob `{g}`: {e}"),
            )
        })?;
    }
    for p in &config.paths {
        globset::Glob::new(&p.glob).map_err(|e| {
            Error::at(
                path,
                &src,
                src.find(&p.glob).unwrap_or(0),
                format!("invalid glob `{}`: {e}", p.glob),
            )
        })?;
    }
    Ok(config)
}
