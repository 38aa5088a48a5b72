//! Run settings, built in one place from the project file and the command line (the command
//! line wins): which rules run (`Selection`), how findings are judged (`Judging`), and how
//! inputs are read.

use std::path::PathBuf;

use globset::Glob;
use unicode_normalization::UnicodeNormalization;

use crate::baseline::Baseline;
use crate::checker::Judging;
use crate::cli::CheckArgs;
use crate::config::Config;
use crate::engine::{PathRule, Selection};
use crate::error::Error;
use crate::findings::Filter;
use crate::gate::Gate;
use crate::input::walk::Walk;
use crate::input::{Encoding, ParagraphMode};
use crate::lang;

/// Everything a `check` run is set to.
#[derive(Debug, Clone)]
pub struct Settings {
    pub selection: Selection,
    pub judging: Judging,
    pub paragraphs: ParagraphMode,
    pub encoding: Encoding,
    pub walk: Walk,
    /// Globs of files skipped when found by walking a directory.
    pub exclude: Vec<String>,
    /// The project file's directory, when there is one.
    pub project_dir: Option<PathBuf>,
    /// What the user should hear about these settings.
    pub warnings: Vec<String>,
}

impl Settings {
    pub fn build(config: &Config, args: &CheckArgs) -> Result<Settings, Error> {
        let project = || {
            config
                .file
                .as_deref()
                .map_or_else(|| "mtqc.toml".to_string(), crate::error::display_path)
        };
        let tag = |t: &Option<String>,
                   what: &dyn Fn() -> String|
         -> Result<Option<String>, Error> {
            t.as_deref()
                .map(|t| lang::normalise(t).map_err(|e| Error::usage(format!("{}: {e}", what()))))
                .transpose()
        };
        let mut paths = Vec::new();
        for p in &config.paths {
            let Ok(glob) = Glob::new(&p.glob) else {
                continue;
            };
            paths.push(PathRule {
                glob: glob.compile_matcher(),
                language: tag(&p.language, &|| {
                    format!("{}: [[path]] `{}`", project(), p.glob)
                })?,
                packs: p.packs.clone(),
                disabled: p.disable.clone(),
            });
        }
        let mut selection = Selection {
            language: tag(&config.language, &|| format!("{}: language", project()))?,
            packs: config.packs.clone(),
            disabled: config.disable.iter().cloned().collect(),
            paths,
        };
        if args.lang.is_some() {
            selection.language = tag(&args.lang, &|| "--lang".to_string())?;
        }
        if let Some(p) = &args.packs {
            selection.packs = Some(p.clone());
        }
        selection.disabled.extend(args.disable.iter().cloned());
        let mut gate = Gate {
            fail_on: config.fail_on,
            fail_under: config.fail_under,
        };
        if let Some(f) = args.fail_on {
            gate.fail_on = Some(f);
        }
        if let Some(t) = args.fail_under {
            if !(0.0..=100.0).contains(&t) {
                return Err(Error::usage(format!(
                    "--fail-under {t}: must lie in 0..=100"
                )));
            }
            gate.fail_under = Some(t);
        }
        let mut warnings = Vec::new();
        let baseline = match &args.baseline {
            Some(b) => {
                let loaded = Baseline::load(b)?;
                warnings.extend(loaded.warning(&crate::error::display_path(b)));
                Some(loaded.accepted())
            }
            None => None,
        };
        let judging = Judging {
            filter: Filter {
                allow: config.allow.iter().map(|w| w.nfc().collect()).collect(),
                baseline,
                severity: config.severity.clone(),
            },
            weights: config.weights.unwrap_or_default(),
            gate,
            segments: config.segments.unwrap_or(false) || args.segments,
        };
        Ok(Settings {
            selection,
            judging,
            paragraphs: args.paragraphs.or(config.paragraphs).unwrap_or_default(),
            encoding: args.encoding,
            walk: {
                let walk = Walk {
                    no_ignore: args.no_ignore,
                    hidden: args.hidden,
                    include: args.include.clone(),
                    exclude: args.exclude.clone(),
                };
                walk.validate()?;
                walk
            },
            exclude: config.exclude.clone(),
            project_dir: config.file.as_ref().map(|_| config.dir.clone()),
            warnings,
        })
    }
}
