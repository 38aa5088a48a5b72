//! Paths as reports and project settings need them: relative to the project's root (the
//! project file's directory, else the working directory), with `/` separators, resolved
//! without touching the file system.

use std::path::{Component, Path, PathBuf};

use crate::error::display_path;

/// `.` and `..` resolved lexically.
pub fn normalise(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// `path` (relative to `cwd` unless absolute) relative to `root`; a path outside `root` stays
/// absolute (normalised).
pub fn relative_to(path: &Path, cwd: &Path, root: &Path) -> String {
    let absolute = normalise(&cwd.join(path));
    match absolute.strip_prefix(normalise(&cwd.join(root))) {
        Ok(rel) if !rel.as_os_str().is_empty() => display_path(rel),
        _ => display_path(&absolute),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_to_the_root() {
        let cwd = Path::new("/repo/sub");
        let root = Path::new("/repo");
        assert_eq!(relative_to(Path::new("a.txt"), cwd, root), "sub/a.txt");
        assert_eq!(
            relative_to(Path::new("./x/../a.txt"), cwd, root),
            "sub/a.txt"
        );
        assert_eq!(
            relative_to(Path::new("/repo/b/c.txt"), cwd, root),
            "b/c.txt"
        );
        assert_eq!(
            relative_to(Path::new("/elsewhere/c.txt"), cwd, root),
            "/elsewhere/c.txt"
        );
        assert_eq!(
            relative_to(Path::new("../d.txt"), cwd, Path::new("..")),
            "d.txt"
        );
    }
}
