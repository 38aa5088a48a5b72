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

/// Write `bytes` to `path` so that readers see the old file or the whole new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(bytes)?;
    file.commit()
}

/// A file written in place of `path`: a temporary file in the same directory, synced and
/// renamed over `path` by `commit`. An existing file's permissions are kept. Dropped without
/// `commit` (an error, a panic), the temporary file is removed and `path` is untouched.
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    file: Option<fs::File>,
}

impl AtomicFile {
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let name = path.file_name().ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidInput, "not a file name")
        })?;
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let (tmp, file) = create_temporary(dir, name)?;
        let atomic = AtomicFile {
            path: path.to_path_buf(),
            tmp,
            file: Some(file),
        };
        if let Ok(meta) = fs::metadata(path)
            && meta.is_file()
            && let Some(f) = &atomic.file
        {
            f.set_permissions(meta.permissions())?;
        }
        Ok(atomic)
    }

    pub fn commit(mut self) -> std::io::Result<()> {
        let file = self.file.take().expect("committed once");
        let renamed = file.sync_all().and_then(|_| {
            drop(file);
            fs::rename(&self.tmp, &self.path)
        });
        if let Err(e) = renamed {
            let _ = fs::remove_file(&self.tmp);
            return Err(e);
        }
        // Make the rename itself durable (where a directory can be opened and synced).
        if let Some(dir) = self.path.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(d) = fs::File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.as_mut().expect("not committed").write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.file.as_mut().expect("not committed").flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
        }
    }
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
