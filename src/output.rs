//! Writing files the user names (`-o`, baselines): never over an input, and atomically, so
//! that a reader (or a crash) sees the old file or the whole new one, never a part.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, display_path};
use crate::input::Input;

/// A file mtqc writes must not be an input: it would replace the text it describes.
pub fn refuse_input(
    flag: &str,
    out: &Path,
    named: &[PathBuf],
    inputs: &[Input],
) -> Result<(), Error> {
    let files = inputs.iter().filter_map(|i| match i {
        Input::File { path, .. } => Some(path),
        Input::Stdin => None,
    });
    if named.iter().chain(files).any(|p| same_file(p, out)) {
        return Err(Error::usage(format!(
            "{flag} {}: is one of the inputs; refusing to overwrite it",
            display_path(out)
        )));
    }
    Ok(())
}

/// Whether two paths name the same file (the same inode on Unix, so hard links and symlinks
/// count; else the same canonical path; else the same path as written).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (fs::metadata(a), fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (fs::canonicalize(a), fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// Write `bytes` to `path` so that readers see the old file or the whole new one, never a part:
/// a temporary file in the same directory is written, synced and renamed over `path`. An
/// existing file's permissions are kept. The temporary file is removed if anything fails.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name"))?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let (tmp, mut file) = create_temporary(dir, name)?;
    let written = (|| {
        if let Ok(meta) = fs::metadata(path)
            && meta.is_file()
        {
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written?;
    // Make the rename itself durable (where a directory can be opened and synced).
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn create_temporary(dir: &Path, name: &std::ffi::OsStr) -> std::io::Result<(PathBuf, fs::File)> {
    let mut last = None;
    for n in 0..100 {
        let mut tmp_name = std::ffi::OsString::from(".");
        tmp_name.push(name);
        tmp_name.push(format!(".{}.{n}.mtqc-tmp", std::process::id()));
        let tmp = dir.join(tmp_name);
        match fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => return Ok((tmp, f)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.expect("a hundred attempts were made"))
}
