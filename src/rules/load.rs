//! Loading rule packs. Every error names the file, line and column of the offending key or value.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

use super::{Example, Pack, PackInfo, Rule};
use crate::checks::kind_info;
use crate::error::{Error, ErrorKind, display_path};
use crate::fields::struct_fields;
use crate::lexicon::Lexicon;
use crate::vocab::{MQM_DIMENSIONS, Severity};

/// The packs shipped in `rules/`, embedded at build time (see build.rs).
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackMeta {
    id: Option<String>,
    version: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    description: String,
}

/// The fields every rule has, whatever its kind.
#[derive(Debug, Deserialize)]
struct Header {
    id: Spanned<String>,
    kind: Spanned<String>,
    severity: Severity,
    category: Spanned<String>,
    message: String,
    doc: String,
    #[serde(default)]
    examples: Vec<Example>,
}

/// The packs embedded in the binary: `common` and one per language.
pub fn load_embedded() -> Result<Vec<Pack>, Error> {
    let mut by_pack: Vec<(String, Vec<(PathBuf, String)>)> = Vec::new();
    for &(path, src) in EMBEDDED {
        let (pack, _) = path.split_once('/').unwrap_or(("", path));
        let file = (PathBuf::from("rules").join(path), src.to_string());
        match by_pack.iter_mut().find(|(p, _)| p == pack) {
            Some((_, files)) => files.push(file),
            None => by_pack.push((pack.to_string(), vec![file])),
        }
    }
    by_pack
        .into_iter()
        .map(|(name, files)| load_pack_sources(&name, "embedded", files))
        .collect()
}

/// Packs from a directory: the directory itself when it holds `.toml` files, else each
/// sub-directory that does.
pub fn load_dir(dir: &Path) -> Result<Vec<Pack>, Error> {
    let entries = sorted_entries(dir)?;
    let tomls: Vec<&PathBuf> = entries.iter().filter(|p| is_toml(p)).collect();
    if !tomls.is_empty() {
        return Ok(vec![load_pack_dir(dir)?]);
    }
    let mut packs = Vec::new();
    for sub in entries.iter().filter(|p| p.is_dir()) {
        if sorted_entries(sub)?.iter().any(|p| is_toml(p)) {
            packs.push(load_pack_dir(sub)?);
        }
    }
    if packs.is_empty() {
        return Err(Error::new(
            ErrorKind::RulePack,
            format!("{}: no rule files (*.toml) found", display_path(dir)),
        ));
    }
    Ok(packs)
}

fn is_toml(p: &Path) -> bool {
    p.is_file() && p.extension().is_some_and(|e| e == "toml")
}

fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let read = std::fs::read_dir(dir).map_err(|e| {
        Error::new(
            ErrorKind::RulePack,
            format!("{}: cannot read rule directory: {e}", display_path(dir)),
        )
    })?;
    let mut out: Vec<PathBuf> = read.filter_map(|e| e.ok().map(|e| e.path())).collect();
    out.sort();
    Ok(out)
}

fn load_pack_dir(dir: &Path) -> Result<Pack, Error> {
    let mut files = Vec::new();
    for path in sorted_entries(dir)?.into_iter().filter(|p| is_toml(p)) {
        let src = std::fs::read_to_string(&path).map_err(|e| {
            Error::new(
                ErrorKind::RulePack,
                format!("{}: cannot read: {e}", display_path(&path)),
            )
        })?;
        files.push((path, src));
    }
    let name = dir
        .file_name()
        .map_or("user".into(), |n| n.to_string_lossy().into_owned());
    load_pack_sources(&name, &display_path(dir), files)
}

/// Compile one pack from its files' sources. `name` is the pack id unless `[pack] id` says
/// otherwise.
pub fn load_pack_sources(
    name: &str,
    origin: &str,
    files: Vec<(PathBuf, String)>,
) -> Result<Pack, Error> {
    let mut meta: Option<PackMeta> = None;
    let mut lexicon = Lexicon::default();
    let mut raw_rules = Vec::new();
    // First pass: metadata and lexicon, which every rule of the pack may use.
    for (path, src) in &files {
        let root = DeTable::parse(src)
            .map_err(|e| Error::at(path, src, e.span().map_or(0, |s| s.start), e.message()))?;
        for (key, value) in root.get_ref().iter() {
            let at =
                |span: std::ops::Range<usize>, msg: String| Error::at(path, src, span.start, msg);
            match key.get_ref().as_ref() {
                "pack" => {
                    if meta.is_some() {
                        return Err(at(
                            key.span(),
                            "a pack has one [pack] table; this is a second".into(),
                        ));
                    }
                    meta = Some(
                        PackMeta::deserialize(ValueDeserializer::from(value.clone())).map_err(
                            |e| at(e.span().unwrap_or(value.span()), e.message().into()),
                        )?,
                    );
                }
                "lexicon" => {
                    lexicon = Lexicon::deserialize(ValueDeserializer::from(value.clone()))
                        .map_err(|e| at(e.span().unwrap_or(value.span()), e.message().into()))?;
                }
                "rule" => match value.get_ref() {
                    DeValue::Array(items) => {
                        for item in items.iter() {
                            raw_rules.push((path, src, item.clone()));
                        }
                    }
                    _ => {
                        return Err(at(
                            value.span(),
                            "`rule` must be an array of tables ([[rule]])".into(),
                        ));
                    }
                },
                other => {
                    return Err(at(
                        key.span(),
                        format!("unknown key `{other}`, expected `pack`, `lexicon` or `rule`"),
                    ));
                }
            }
        }
    }
    lexicon
        .endings
        .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    // Sorted and lowercase, so lookups are binary searches.
    for w in &mut lexicon.source_words {
        *w = w.to_lowercase();
    }
    lexicon.source_words.sort();
    lexicon.source_words.dedup();
    let meta = meta.unwrap_or(PackMeta {
        id: None,
        version: None,
        languages: vec!["*".into()],
        description: String::new(),
    });
    let id = meta.id.clone().unwrap_or_else(|| name.to_string());
    if !is_kebab(&id) {
        return Err(Error::new(
            ErrorKind::RulePack,
            format!("{origin}: pack id `{id}` must be kebab-case"),
        ));
    }
    let info = PackInfo {
        id: id.clone(),
        version: meta.version.unwrap_or_else(|| "0".into()),
        languages: if meta.languages.is_empty() {
            vec!["*".into()]
        } else {
            meta.languages
        },
        description: meta.description,
        origin: origin.to_string(),
    };
    let mut rules = Vec::new();
    let mut seen = BTreeSet::new();
    for (path, src, item) in raw_rules {
        let rule = compile_rule(&id, path, src, item)?;
        if !seen.insert(rule.id.clone()) {
            return Err(Error::new(
                ErrorKind::RulePack,
                format!("{}: duplicate rule id `{}`", rule.origin, rule.id),
            ));
        }
        rules.push(rule);
    }
    Ok(Pack {
        info,
        lexicon,
        rules,
    })
}

fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

fn compile_rule(
    pack: &str,
    path: &Path,
    src: &str,
    item: Spanned<DeValue<'_>>,
) -> Result<Rule, Error> {
    let at = |span: std::ops::Range<usize>, msg: String| Error::at(path, src, span.start, msg);
    let table = match item.get_ref() {
        DeValue::Table(t) => t.clone(),
        _ => return Err(at(item.span(), "a rule must be a table ([[rule]])".into())),
    };
    // The kind first: it decides which keys are known.
    if let Some(kind) = table.get("kind")
        && let Some(name) = kind.get_ref().as_str()
        && kind_info(name).is_none()
    {
        let known: Vec<&str> = crate::checks::KINDS.iter().map(|k| k.name).collect();
        return Err(at(
            kind.span(),
            format!(
                "unknown kind `{name}`, expected one of: {}",
                known.join(", ")
            ),
        ));
    }
    let header = Header::deserialize(ValueDeserializer::from(item.clone()))
        .map_err(|e| at(e.span().unwrap_or(item.span()), e.message().into()))?;
    let kind_name = header.kind.get_ref();
    let kind = kind_info(kind_name).ok_or_else(|| {
        let known: Vec<&str> = crate::checks::KINDS.iter().map(|k| k.name).collect();
        at(
            header.kind.span(),
            format!(
                "unknown kind `{kind_name}`, expected one of: {}",
                known.join(", ")
            ),
        )
    })?;
    check_keys(
        &table,
        struct_fields::<Header>(),
        (kind.fields)(),
        kind_name,
    )
    .map_err(|(span, msg)| at(span, msg))?;
    if !is_kebab(header.id.get_ref()) {
        return Err(at(
            header.id.span(),
            format!("rule id `{}` must be kebab-case", header.id.get_ref()),
        ));
    }
    let category = header.category.get_ref();
    let dimension = category.split('/').next().unwrap_or("");
    if !MQM_DIMENSIONS.contains(&dimension) {
        return Err(at(
            header.category.span(),
            format!(
                "category `{category}` must start with an MQM dimension: {}",
                MQM_DIMENSIONS.join(", ")
            ),
        ));
    }
    let check = (kind.compile)(ValueDeserializer::from(item.clone()))
        .map_err(|e| at(e.span.unwrap_or(item.span()), e.message))?;
    let (line, _) = crate::error::line_column(src, item.span().start);
    Ok(Rule {
        id: format!("{pack}.{}", header.id.get_ref()),
        pack: pack.to_string(),
        kind: kind.name,
        severity: header.severity,
        category: category.clone(),
        message: header.message,
        doc: header.doc,
        examples: header.examples,
        origin: format!("{}:{line}", display_path(path)),
        check,
    })
}

type KeyError = (std::ops::Range<usize>, String);

fn check_keys(
    table: &DeTable<'_>,
    common: &[&str],
    own: &[&str],
    kind: &str,
) -> Result<(), KeyError> {
    for key in table.keys() {
        let k = key.get_ref().as_ref();
        if !common.contains(&k) && !own.contains(&k) {
            let mut expected: Vec<&str> = common.iter().chain(own).copied().collect();
            expected.sort();
            expected.dedup();
            return Err((
                key.span(),
                format!(
                    "unknown field `{k}` for a rule of kind `{kind}`, expected one of: {}",
                    expected.join(", ")
                ),
            ));
        }
    }
    Ok(())
}
