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
pub(crate) const EMBEDDED: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PackMeta {
    id: Option<String>,
    version: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    source_languages: Vec<String>,
    #[serde(default)]
    description: String,
}

/// The fields every rule has, whatever its kind.
#[derive(Debug, Deserialize)]
struct Header {
    id: Spanned<String>,
    /// Read from the table before the header, to resolve old kind names.
    #[serde(rename = "kind")]
    _kind: Spanned<String>,
    severity: Severity,
    category: Spanned<String>,
    message: Spanned<String>,
    /// One line, no placeholders: what the rule finds (SARIF `shortDescription`, lists).
    #[serde(default)]
    summary: Option<String>,
    doc: String,
    #[serde(default)]
    examples: Vec<Example>,
    /// Pack-qualified ids the rule had before (`bn.repeated-word` for a rule moved to
    /// `common`).
    #[serde(default)]
    aliases: Vec<String>,
    /// Runs only on documents where no other active pack has a rule of its kind: a common
    /// rule standing in for languages whose pack does not cover what it checks.
    #[serde(default)]
    fallback: bool,
}

/// The packs embedded in the binary: `common` and one per language. Their rules make their
/// regexes and automata when they first run (`checks::Deferred`): a run pays only for the
/// languages it meets; a test builds them all at load, as a user's pack is.
pub fn load_embedded() -> Result<Vec<Pack>, Error> {
    let _deferred = crate::checks::Deferred::start();
    load_embedded_now()
}

/// The embedded packs, every regex compiled as it is loaded.
fn load_embedded_now() -> Result<Vec<Pack>, Error> {
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
    load_dirs(&[dir.to_path_buf()])
}

/// Compiled size of the regexes of all the packs a run loads from directories (each pack also
/// within `PACK_REGEX_BUDGET`): forty packs each near its budget would take gigabytes. Loading
/// stops at the first pack past it, so at most one pack's budget more is ever compiled.
pub const RUN_REGEX_BUDGET: usize = 2 * crate::checks::pattern::PACK_REGEX_BUDGET;

/// The packs of several directories (`load_dir`'s), in order, their regexes together within
/// `RUN_REGEX_BUDGET`.
pub fn load_dirs(dirs: &[PathBuf]) -> Result<Vec<Pack>, Error> {
    let (mut packs, mut spent) = (Vec::new(), 0);
    for dir in dirs {
        for d in pack_dirs(dir)? {
            packs.push(load_pack_dir(&d)?);
            spent += crate::checks::pattern::budget_spent();
            if spent > RUN_REGEX_BUDGET {
                return Err(Error::new(
                    ErrorKind::RulePack,
                    format!(
                        "{}: the regexes of the packs loaded so far compile to {} MiB, over the \
                         budget of {} MiB for all the packs of a run",
                        display_path(&d),
                        spent >> 20,
                        RUN_REGEX_BUDGET >> 20
                    ),
                ));
            }
        }
    }
    Ok(packs)
}

/// The pack directories of `dir`: `dir` itself when it holds rule files, else its
/// subdirectories that do.
fn pack_dirs(dir: &Path) -> Result<Vec<PathBuf>, Error> {
    let entries = sorted_entries(dir)?;
    if entries.iter().any(|p| is_toml(p)) {
        return Ok(vec![dir.to_path_buf()]);
    }
    let mut dirs = Vec::new();
    for sub in entries.iter().filter(|p| p.is_dir()) {
        if sorted_entries(sub)?.iter().any(|p| is_toml(p)) {
            dirs.push(sub.clone());
        }
    }
    if dirs.is_empty() {
        return Err(Error::new(
            ErrorKind::RulePack,
            format!("{}: no rule files (*.toml) found", display_path(dir)),
        ));
    }
    Ok(dirs)
}

/// The rule files `load_dir` reads in `dir` (none where it cannot read): what a run must never
/// write over.
pub fn pack_files(dir: &Path) -> Vec<PathBuf> {
    pack_dirs(dir)
        .unwrap_or_default()
        .iter()
        .flat_map(|d| sorted_entries(d).unwrap_or_default())
        .filter(|p| is_toml(p))
        .collect()
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
    // The budget counts every regex of the pack: its language data's and its rules'.
    crate::checks::pattern::budget_start();
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
                    check_lexicon_regexes(path, src, value)?;
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
        source_languages: Vec::new(),
        description: String::new(),
    });
    // Languages as documents name them (`bn-BD`, `BN`, `ben`: `bn`), so the pack applies to
    // those documents; an unknown one is an error, not a pack that never runs.
    let normalised = |key: &str, tags: &[String]| -> Result<Vec<String>, Error> {
        tags.iter()
            .map(|t| {
                if t == "*" {
                    return Ok(t.clone());
                }
                crate::lang::normalise(t)
                    .map_err(|e| Error::new(ErrorKind::RulePack, format!("{origin}: {key}: {e}")))
            })
            .collect()
    };
    let meta = PackMeta {
        languages: normalised("languages", &meta.languages)?,
        source_languages: normalised("source_languages", &meta.source_languages)?,
        ..meta
    };
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
        source_languages: meta.source_languages,
        description: meta.description,
        origin: origin.to_string(),
    };
    let mut rules = Vec::new();
    let mut seen = BTreeSet::new();
    for (path, src, item) in raw_rules {
        let rule = compile_rule(&id, path, src, item)?;
        if let Some(over) = crate::checks::pattern::over_budget() {
            return Err(Error::new(
                ErrorKind::RulePack,
                format!("{}: {over}", rule.origin),
            ));
        }
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

/// The regexes of a pack's language data (`reduplication`, `iterated`), checked as a rule's
/// are (`compile_regex`: valid, within the size and nesting limits, never matching the empty
/// string, counted against the pack's budget), and each list built as the one set a run makes
/// of it (`lexicon::regex_set`): a list too large for one set is an error at the list. An
/// embedded pack's are left to its first run (`checks::Deferred`; the tests build them).
fn check_lexicon_regexes(
    path: &Path,
    src: &str,
    value: &Spanned<DeValue<'_>>,
) -> Result<(), Error> {
    #[derive(Deserialize)]
    struct Regexes {
        #[serde(default)]
        reduplication: Option<Spanned<Vec<Spanned<String>>>>,
        #[serde(default)]
        iterated: Option<Spanned<Vec<Spanned<String>>>>,
    }
    if crate::checks::deferring() {
        return Ok(());
    }
    let at = |span: std::ops::Range<usize>, msg: String| Error::at(path, src, span.start, msg);
    let lists = Regexes::deserialize(ValueDeserializer::from(value.clone()))
        .map_err(|e| at(e.span().unwrap_or(value.span()), e.message().into()))?;
    for (name, list) in [
        ("reduplication", lists.reduplication),
        ("iterated", lists.iterated),
    ] {
        let Some(list) = list else { continue };
        for regex in list.get_ref() {
            crate::checks::pattern::compile_regex(regex).map_err(|e| {
                at(
                    e.span.unwrap_or(regex.span()),
                    format!("[lexicon] `{name}`: {}", e.message),
                )
            })?;
        }
        if let Some(over) = crate::checks::pattern::over_budget() {
            return Err(at(list.span(), format!("[lexicon] `{name}`: {over}")));
        }
        let patterns: Vec<String> = list.get_ref().iter().map(|r| r.get_ref().clone()).collect();
        if let Err(e) = crate::lexicon::regex_set(&patterns) {
            return Err(at(
                list.span(),
                format!(
                    "[lexicon] `{name}`: its {} regexes, one set when a document is checked, do \
                     not compile together: {e}",
                    patterns.len()
                ),
            ));
        }
    }
    Ok(())
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
    // The kind first: it decides which keys are known. A kind as rule files named it before
    // kinds were split (`kind` + `mode`) loads as the kind now.
    let known = || {
        crate::checks::KINDS
            .iter()
            .map(|k| k.name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (kind, aliased) = match table.get("kind") {
        Some(k) => {
            let Some(name) = k.get_ref().as_str() else {
                return Err(at(k.span(), "`kind` must be a string".into()));
            };
            match table.get("mode") {
                Some(m) => {
                    let mode = m.get_ref().as_str().unwrap_or("");
                    let kind = crate::checks::alias(name, mode).ok_or_else(|| {
                        at(
                            m.span(),
                            format!(
                                "kind `{name}` has no mode `{mode}` (kinds are one algorithm \
                                 each now: {})",
                                known()
                            ),
                        )
                    })?;
                    (kind, true)
                }
                None => {
                    let kind = kind_info(name).ok_or_else(|| {
                        at(
                            k.span(),
                            format!("unknown kind `{name}`, expected one of: {}", known()),
                        )
                    })?;
                    (kind, false)
                }
            }
        }
        None => {
            return Err(at(rule_start(&item, src), "missing field `kind`".into()));
        }
    };
    let mut common: Vec<&str> = struct_fields::<Header>().to_vec();
    if aliased {
        common.push("mode");
    }
    check_keys(&table, &common, (kind.fields)(), kind.name).map_err(|(span, msg)| at(span, msg))?;
    let header = Header::deserialize(ValueDeserializer::from(item.clone())).map_err(|e| {
        at(
            e.span().unwrap_or_else(|| rule_start(&item, src)),
            e.message().into(),
        )
    })?;
    for (offset, name) in crate::template::placeholders(header.message.get_ref()) {
        if name != "match" && !kind.placeholders.contains(&name) {
            let mut valid = vec!["match"];
            valid.extend(kind.placeholders);
            return Err(Error::at(
                path,
                src,
                header.message.span().start + 1 + offset,
                format!(
                    "unknown placeholder `{{{name}}}` in the message of a rule of kind `{}`, \
                     expected one of: {}",
                    kind.name,
                    valid
                        .iter()
                        .map(|v| format!("{{{v}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
    }
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
        summary: header
            .summary
            .unwrap_or_else(|| first_sentence(&header.doc)),
        message: header.message.into_inner(),
        doc: header.doc,
        examples: header.examples,
        origin: format!("{}:{line}", display_path(path)),
        aliases: header.aliases,
        fallback: header.fallback,
        check,
    })
}

/// The first sentence of a rule's doc, on one line: its summary when it states none.
fn first_sentence(doc: &str) -> String {
    let flat = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.find(". ") {
        Some(i) => flat[..=i].to_string(),
        None => flat,
    }
}

/// Where a rule starts: its table's span, or the `[[rule]]` header before its first key.
fn rule_start(item: &Spanned<DeValue<'_>>, src: &str) -> std::ops::Range<usize> {
    let span = item.span();
    if span.start > 0 || span.end > 0 {
        return span;
    }
    let first_key = match item.get_ref() {
        DeValue::Table(t) => t.keys().map(|k| k.span().start).min(),
        _ => None,
    };
    match first_key {
        Some(k) => {
            let header = src[..k].rfind("[[rule]]").unwrap_or(k);
            header..header
        }
        None => 0..0,
    }
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

#[cfg(test)]
mod tests {
    /// Every rule of the embedded packs builds as a user's would, regexes and glossaries
    /// included (regexes within the size and nesting limits, never matching the empty string,
    /// with their group, each pack within its budget): what lets a run build those parts only
    /// when their rules first run.
    #[test]
    fn every_embedded_rule_builds_as_a_users_would() {
        let packs = super::load_embedded_now().expect("the embedded packs load");
        assert!(
            packs
                .iter()
                .flat_map(|p| &p.rules)
                .any(|r| r.kind == "pattern")
        );
    }

    /// A pack of one file, loaded as a user's is; its error as the command line prints it.
    fn load(src: &str) -> Result<super::Pack, String> {
        super::load_pack_sources(
            "t",
            "test",
            vec![(std::path::PathBuf::from("r.toml"), src.to_string())],
        )
        .map_err(|e| e.to_string())
    }

    /// A rule of `kind` with `options` (TOML lines).
    fn rule(kind: &str, options: &str) -> String {
        format!(
            "[[rule]]\nid = \"r\"\nkind = \"{kind}\"\nseverity = \"minor\"\n\
             category = \"style/x\"\nmessage = \"m\"\ndoc = \"d\"\n{options}\n"
        )
    }

    /// A regex of the language data that can match the empty string matches every word: every
    /// word would reduplicate (`the the` no longer a repeated word) or iterate. Refused at its
    /// place, as a pattern's regex is.
    #[test]
    fn language_data_regexes_that_match_nothing_are_load_errors() {
        let e = load("[lexicon]\nreduplication = [\"ab\", \"x?\", \"a*\"]\n").unwrap_err();
        assert!(
            e.starts_with(
                "r.toml:2:24: [lexicon] `reduplication`: regex `x?` can match the empty string"
            ),
            "{e}"
        );
        let e = load("[lexicon]\niterated = ['^']\n").unwrap_err();
        assert!(
            e.starts_with(
                "r.toml:2:13: [lexicon] `iterated`: regex `^` can match the empty string"
            ),
            "{e}"
        );
        let e = load("[lexicon]\niterated = ['a{2000}{2000}']\n").unwrap_err();
        assert!(
            e.starts_with("r.toml:2:13: [lexicon] `iterated`: invalid regex"),
            "{e}"
        );
        assert!(load("[lexicon]\nreduplication = ['ab?', '^x']\niterated = ['y$']\n").is_ok());
    }

    /// Each pack's `reduplication` is one set when a document is checked: a list too large for
    /// one is a load error at the list, never a set dropped on the document (which lost the
    /// Bengali classes beside it: `ঘুরে ঘুরে` flagged as a repeated word).
    #[test]
    fn a_language_data_list_too_large_for_one_set_is_a_load_error() {
        let list: Vec<String> = (0..4).map(|i| format!("'q{i}z\\w{{19}}'")).collect();
        let src = format!(
            "[pack]\nlanguages = [\"bn\"]\n\n[lexicon]\nreduplication = [{}]\n",
            list.join(", ")
        );
        let e = load(&src).unwrap_err();
        assert!(
            e.starts_with(
                "r.toml:5:17: [lexicon] `reduplication`: its 4 regexes, one set when a document \
                 is checked, do not compile together"
            ),
            "{e}"
        );
    }

    /// The packs' language data merged keeps each pack's regexes a set of its own: two packs,
    /// each within the size limit and over it together, both keep their classes.
    #[test]
    fn each_pack_s_language_data_regexes_stay_a_set_of_their_own() {
        let [a, b] = [r"q0z\w{19}", r"q1z\w{19}"].map(String::from);
        assert!(
            crate::lexicon::regex_set(&[a.clone(), b.clone()]).is_err(),
            "too large together"
        );
        let mut merged = crate::lexicon::Lexicon::default();
        for (id, regex) in [("a", &a), ("b", &b)] {
            let pack = load(&format!(
                "[pack]\nid = \"{id}\"\n[lexicon]\nreduplication = ['{regex}']\n"
            ))
            .expect("each alone loads");
            merged.merge(&pack.lexicon);
        }
        let word = |p: &str| format!("{p}{}", "ক".repeat(19));
        assert!(merged.reduplicates(&word("q0z")));
        assert!(merged.reduplicates(&word("q1z")));
        assert!(!merged.reduplicates(&word("q2z")));
        // The embedded Bengali classes beside a user's pack: `ঘুরে ঘুরে`.
        let bn = super::load_embedded_now()
            .unwrap()
            .into_iter()
            .find(|p| p.info.id == "bn")
            .unwrap();
        merged.merge(&bn.lexicon);
        assert!(merged.reduplicates("ঘুরে") && merged.reduplicates(&word("q0z")));
    }

    /// An attribution rule's `agreement` regexes are a pack's regexes as a pattern's are: never
    /// matching the empty string (every form would be of the first class), within the size
    /// limit and the pack's budget.
    #[test]
    fn agreement_regexes_are_checked_as_a_pattern_s() {
        let attribution = |agreement: &str| {
            load(&rule(
                "attribution",
                &format!(
                    "verbs = [{{ lemma = \"say\", forms = [\"said\"] }}]\npro_drop = true\n\
                     agreement = {agreement}"
                ),
            ))
        };
        let e = attribution(r#"[["ab", "c"], ["x?", "c"], ["^", "d"]]"#).unwrap_err();
        assert!(
            e.starts_with("r.toml:10:28: `agreement`: regex `x?` can match the empty string"),
            "{e}"
        );
        let e = attribution(r#"[["q0z\\w{200}", "c0"]]"#).unwrap_err();
        assert!(
            e.starts_with("r.toml:10:15: `agreement`: invalid regex") && e.contains("size limit"),
            "{e}"
        );
        // Each within the size limit, together over the budget.
        let pairs: Vec<String> = (0..120)
            .map(|i| format!(r#"["q{i}z\\w{{20}}", "c{i}"]"#))
            .collect();
        let e = attribution(&format!("[{}]", pairs.join(", "))).unwrap_err();
        assert!(e.contains("over the budget"), "{e}");
        assert!(attribution(r#"[["(?:وا|ون)$", "3mp"], ["ا$", "3d"]]"#).is_ok());
    }

    /// A pattern's flagged group that can match the empty string gives findings of no text:
    /// refused at the `group`, as a regex that can match the empty string is at the regex.
    #[test]
    fn a_flagged_group_that_can_match_nothing_is_a_load_error() {
        let e = load(&rule("pattern", "regex = '(x?)a'\ngroup = 1")).unwrap_err();
        assert!(
            e.starts_with("r.toml:9:9: `group` 1 of regex `(x?)a` can match the empty string"),
            "{e}"
        );
        let e = load(&rule("pattern", "regex = '(a)(\\b)'\ngroup = 2")).unwrap_err();
        assert!(e.starts_with("r.toml:9:9: `group` 2 of regex"), "{e}");
        let e = load(&rule("pattern", "regex = '(a)b'\ngroup = 2")).unwrap_err();
        assert!(e.starts_with("r.toml:9:9: `group` 2 does not exist"), "{e}");
        assert!(load(&rule("pattern", "regex = '(x?)(a)'\ngroup = 2")).is_ok());
        assert!(load(&rule("pattern", "regex = '(?:(x)|y)a'\ngroup = 1")).is_ok());
    }

    /// A Unicode word boundary (`\b`, `\B`) keeps a regex off the lazy DFA on text that is
    /// not ASCII, and the one scan of the gates runs every gate together: one such gate made
    /// the whole check five times slower on Bengali. ASCII boundaries (`(?-u:\b)`) are fine.
    #[test]
    fn no_embedded_gate_has_a_unicode_word_boundary() {
        let packs = super::load_embedded_now().expect("the embedded packs load");
        for rule in packs.iter().flat_map(|p| &p.rules) {
            let Some(gate) = rule.check.gate() else {
                continue;
            };
            let unicode_boundary = gate.match_indices(['\\']).any(|(at, _)| {
                let escaped = gate[..at].chars().rev().take_while(|&c| c == '\\').count() % 2 == 1;
                !escaped && gate[at + 1..].starts_with(['b', 'B']) && !gate[..at].ends_with("(?-u:")
            });
            assert!(
                !unicode_boundary,
                "{}: a Unicode word boundary in `{gate}`",
                rule.id
            );
        }
    }
}
