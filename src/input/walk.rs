//! The command line's paths as inputs: `-` is stdin, a file is itself, a directory is the
//! files below it, walked as ripgrep walks (the `ignore` crate: `.gitignore` in a git
//! repository, `.ignore` anywhere, hidden entries skipped, symlinked directories not
//! followed), in sorted order.

use std::path::{Path, PathBuf};

use super::Input;
use crate::error::{Error, display_path};

/// Extensions of the files a directory walk checks: plain text, Markdown and the translation
/// formats mtqc reads. Rule packs and `mtqc.toml` are never among them.
pub const KNOWN_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "xlf", "xliff", "po", "pot", "tmx", "tsv", "jsonl", "ndjson",
];

/// How directories are walked.
#[derive(Debug, Clone, Default)]
pub struct Walk {
    /// Do not read `.gitignore`, `.ignore` and the like.
    pub no_ignore: bool,
    /// Walk hidden files and directories too.
    pub hidden: bool,
    /// Globs of files to check instead of the known extensions (matched on the path relative
    /// to the directory walked, and on the file name).
    pub include: Vec<String>,
    /// Globs of files not to check.
    pub exclude: Vec<String>,
}

/// What a path that cannot be read is, in words.
pub fn reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match e.kind() {
        K::NotFound => "no such file or directory".into(),
        K::PermissionDenied => "permission denied".into(),
        _ => {
            // The OS's words without the "(os error N)" tail, lowercase like ours.
            let s = e.to_string();
            let s = s.split(" (os error").next().unwrap_or(&s);
            let mut chars = s.chars();
            match chars.next() {
                Some(c) => c.to_lowercase().chain(chars).collect(),
                None => s.to_string(),
            }
        }
    }
}

fn glob_set(globs: &[String]) -> Result<globset::GlobSet, Error> {
    let mut set = globset::GlobSetBuilder::new();
    for g in globs {
        let glob =
            globset::Glob::new(g).map_err(|e| Error::usage(format!("invalid glob `{g}`: {e}")))?;
        set.add(glob);
    }
    set.build()
        .map_err(|e| Error::usage(format!("invalid globs: {e}")))
}

impl Walk {
    /// Check the globs.
    pub fn validate(&self) -> Result<(), Error> {
        glob_set(&self.include)?;
        glob_set(&self.exclude)?;
        Ok(())
    }

    /// Whether a file found by walking is checked (`relative`: its path below the directory).
    fn wanted(
        &self,
        relative: &Path,
        include: &globset::GlobSet,
        exclude: &globset::GlobSet,
    ) -> bool {
        let name = relative.file_name().map(Path::new).unwrap_or(relative);
        let matches = |set: &globset::GlobSet| set.is_match(relative) || set.is_match(name);
        let included = if self.include.is_empty() {
            relative
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| KNOWN_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        } else {
            matches(include)
        };
        included && !matches(exclude)
    }

    /// Expand paths into inputs, and the errors of those that cannot be read.
    pub fn expand(&self, paths: &[PathBuf]) -> (Vec<Input>, Vec<Error>) {
        let mut out = Vec::new();
        let mut errors = Vec::new();
        for p in paths {
            if p.as_os_str() == "-" {
                out.push(Input::Stdin);
                continue;
            }
            match std::fs::metadata(p) {
                Ok(m) if m.is_dir() => self.walk(p, &mut out, &mut errors),
                Ok(_) => out.push(Input::named_file(p.clone())),
                Err(e) => errors.push(Error::input(format!("{}: {}", display_path(p), reason(&e)))),
            }
        }
        (out, errors)
    }

    fn walk(&self, dir: &Path, out: &mut Vec<Input>, errors: &mut Vec<Error>) {
        // A directory that cannot be listed is an error, not an empty directory.
        if let Err(e) = std::fs::read_dir(dir) {
            errors.push(Error::input(format!(
                "{}: cannot read directory: {}",
                display_path(dir),
                reason(&e)
            )));
            return;
        }
        let (Ok(include), Ok(exclude)) = (glob_set(&self.include), glob_set(&self.exclude)) else {
            return;
        };
        let walker = ignore::WalkBuilder::new(dir)
            .standard_filters(!self.no_ignore)
            .hidden(!self.hidden)
            .follow_links(false)
            .sort_by_file_path(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(e) => {
                    let path = e.path();
                    let is_file = e.file_type().is_some_and(|t| t.is_file())
                        || (e.path_is_symlink() && path.is_file());
                    let relative = path.strip_prefix(dir).unwrap_or(path);
                    if is_file && e.depth() > 0 && self.wanted(relative, &include, &exclude) {
                        out.push(Input::File {
                            path: path.to_path_buf(),
                            named: false,
                            relative: display_path(relative),
                        });
                    }
                }
                Err(e) => errors.push(walk_error(&e)),
            }
        }
    }
}

fn walk_error(e: &ignore::Error) -> Error {
    let mut e = e;
    let mut path: Option<&Path> = None;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = Some(p);
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err;
            }
            ignore::Error::Io(io) => {
                let what = path.map_or_else(String::new, |p| format!("{}: ", display_path(p)));
                return Error::input(format!("{what}cannot read: {}", reason(io)));
            }
            ignore::Error::Loop { child, .. } => {
                return Error::input(format!("{}: symbolic link loop", display_path(child)));
            }
            other => return Error::input(other.to_string()),
        }
    }
}
