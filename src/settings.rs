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
use crate::glossary::Glossary;
use crate::input::Reading;
use crate::input::readers::ReadOptions;
use crate::input::readers::jsonl::Fields;
use crate::input::walk::Walk;
use crate::lang;

/// Everything a `check` run is set to.
#[derive(Debug, Clone)]
pub struct Settings {
    pub selection: Selection,
    pub judging: Judging,
    pub reading: Reading,
    /// A line-aligned plain-text source for the one target given (`--source`).
    pub source_file: Option<PathBuf>,
    pub walk: Walk,
    /// Globs of files skipped when found by walking a directory.
    pub exclude: Vec<String>,
    /// The project file's directory, when there is one.
    pub project_dir: Option<PathBuf>,
    /// What the user should hear about these settings.
    pub warnings: Vec<String>,
}

/// `--fields ID,SRC,TGT`.
fn parse_fields(s: &str) -> Result<Fields, Error> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    match parts[..] {
        [id, src, tgt] if id == src || id == tgt || src == tgt => Err(Error::usage(format!(
            "--fields {s}: each of the id, source and target needs a field of its own"
        ))),
        [id, src, tgt] if !id.is_empty() && !src.is_empty() && !tgt.is_empty() => Ok(Fields {
            id: id.into(),
            src: src.into(),
            tgt: tgt.into(),
        }),
        _ => Err(Error::usage(format!(
            "--fields {s}: expected three field names, ID,SRC,TGT"
        ))),
    }
}

/// The glossaries a run reads: the project file's, then `--glossary`.
pub fn glossary_paths(config: &Config, args: &CheckArgs) -> Vec<PathBuf> {
    config.paths(&config.glossary, &args.glossary)
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
            ..Selection::default()
        };
        // The command line wins over the project file, its `[[path]]` entries too.
        if args.lang.is_some() {
            selection.language = tag(&args.lang, &|| "--lang".to_string())?;
            for p in &mut selection.paths {
                p.language = None;
            }
        }
        selection.source_language = tag(&config.source_language, &|| {
            format!("{}: source_language", project())
        })?;
        if args.source_lang.is_some() {
            selection.source_language = tag(&args.source_lang, &|| "--source-lang".to_string())?;
        }
        // `--target-lang` names the targets' language where a file declares none (`--lang`
        // wins over both; on a TMX file it also picks the variants checked:
        // `ReadOptions::target_lang`). A command-line option, it wins over the project file.
        let target = tag(&args.target_lang, &|| "--target-lang".to_string())?;
        if args.lang.is_none() && target.is_some() {
            selection.language = None;
            for p in &mut selection.paths {
                p.language = None;
            }
            selection.target_language = target;
        }
        let mut glossary = Glossary::default();
        for g in glossary_paths(config, args) {
            glossary.extend(Glossary::load(&g, selection.source_language.as_deref())?);
        }
        selection.glossary = std::sync::Arc::new(glossary);
        if let Some(p) = &args.packs {
            selection.packs = Some(p.clone());
            for path in &mut selection.paths {
                path.packs = None;
            }
        }
        selection.disabled.extend(args.disable.iter().cloned());
        let mut gate = Gate {
            fail_on: config.fail_on,
            fail_under: config.fail_under,
            fail_on_untranslated: args.fail_on_untranslated
                || config.fail_on_untranslated == Some(true),
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
            without_text: args.format != crate::report::Format::Html,
        };
        Ok(Settings {
            selection,
            judging,
            reading: Reading {
                mode: args.paragraphs.or(config.paragraphs).unwrap_or_default(),
                encoding: args.encoding,
                format: args.input_format,
                options: ReadOptions {
                    include_skipped: args.include_skipped || config.include_skipped == Some(true),
                    columns: args.columns.clone(),
                    fields: match &args.fields {
                        Some(f) => parse_fields(f)?,
                        None => Fields::default(),
                    },
                    source_lang: args.source_lang.clone(),
                    target_lang: args.target_lang.clone(),
                    ..ReadOptions::default()
                },
            },
            source_file: args.source_file.clone(),
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
