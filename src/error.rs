//! Errors are values with a kind; every kind maps to exit code 2 (ripgrep's contract:
//! 0 = passed, 1 = gate failed, 2 = error).

use std::fmt;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The command line or a configuration value is wrong.
    Usage,
    /// A rule pack or configuration file does not load.
    RulePack,
    /// An input cannot be read or decoded.
    Input,
    /// Writing the report failed.
    Output,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// The I/O error behind it, where there is one (a closed pipe is not a failure).
    pub io: Option<std::io::ErrorKind>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            message: message.into(),
            io: None,
        }
    }

    pub fn with_io(mut self, kind: std::io::ErrorKind) -> Error {
        self.io = Some(kind);
        self
    }

    /// Writing failed because the reader went away (`mtqc check | head`).
    pub fn is_broken_pipe(&self) -> bool {
        self.io == Some(std::io::ErrorKind::BrokenPipe)
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage, message)
    }

    pub fn input(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Input, message)
    }

    /// A rule-pack error at a byte offset of a file: `path:line:column: message`.
    pub fn at(path: &Path, source: &str, offset: usize, message: impl fmt::Display) -> Error {
        let (line, column) = line_column(source, offset);
        Error::new(
            ErrorKind::RulePack,
            format!("{}:{line}:{column}: {message}", display_path(path)),
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// 1-based line and column (in Unicode scalar values) of a byte offset.
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, source[line_start..offset].chars().count() + 1)
}

/// A path as the user gave it, with `/` separators.
pub fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        s.into_owned()
    } else {
        s.replace('\\', "/")
    }
}
