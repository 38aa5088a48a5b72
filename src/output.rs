//! The one output path: where a report (or a baseline) is written, and how a failed write is
//! reported. A regular file is written atomically (a temporary file in its directory, synced,
//! renamed over it; a symbolic link's target is replaced, not the link), a device or FIFO is
//! written directly, and nothing is ever written over an input, the baseline being read or the
//! project file. A write that fails leaves the old file as it was; an interrupted run removes
//! its temporary file.

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, ErrorKind, display_path};
use crate::input::Input;

/// The error of a failed write of `what` (`the report`, `the baseline to x`).
pub fn write_error(what: &str, e: std::io::Error) -> Error {
    Error::new(ErrorKind::Output, format!("cannot write {what}: {e}")).with_io(e.kind())
}

/// Files mtqc must never write: the inputs (named and found), stdin's file, and the files the
/// run reads (baseline, project file).
pub struct Protected<'a> {
    pub named: &'a [PathBuf],
    pub inputs: &'a [Input],
    /// Other files the run reads, with what they are (`--baseline`, `the project file`).
    pub read: Vec<(&'a Path, &'static str)>,
}

impl Protected<'_> {
    /// Refuse `out` (given as `flag`) if it is one of the protected files.
    pub fn check(&self, flag: &str, out: &Path) -> Result<(), Error> {
        let files = self.inputs.iter().filter_map(|i| match i {
            Input::File { path, .. } => Some(path),
            Input::Stdin => None,
        });
        let refuse = |what: &str| {
            Err(Error::usage(format!(
                "{flag} {}: is {what}; refusing to overwrite it",
                display_path(out)
            )))
        };
        if self.named.iter().chain(files).any(|p| same_file(p, out)) {
            return refuse("one of the inputs");
        }
        if self.inputs.contains(&Input::Stdin) && stdin_is(out) {
            return refuse("the file on standard input");
        }
        for (path, what) in &self.read {
            if same_file(path, out) {
                return refuse(what);
            }
        }
        Ok(())
    }
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

/// Whether standard input is the regular file at `path` (`mtqc check -o doc.txt - < doc.txt`).
fn stdin_is(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        use std::os::unix::fs::MetadataExt;
        let Ok(fd) = std::io::stdin().as_fd().try_clone_to_owned() else {
            return false;
        };
        let stdin = fs::File::from(fd);
        if let (Ok(x), Ok(y)) = (stdin.metadata(), fs::metadata(path)) {
            return x.is_file() && x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let _ = path;
    false
}

/// Where output goes.
pub enum Sink {
    Stdout(BufWriter<std::io::Stdout>),
    /// A regular file, replaced atomically by `finish`.
    Atomic(BufWriter<AtomicFile>),
    /// A device or FIFO, written in place.
    Direct(BufWriter<fs::File>),
}

impl Sink {
    /// Output to `path`, or stdout (`None` or `-`). `what` names it in errors.
    pub fn open(path: Option<&Path>, what: &str) -> Result<Sink, Error> {
        let Some(path) = path.filter(|p| p.as_os_str() != "-") else {
            return Ok(Sink::Stdout(BufWriter::new(std::io::stdout())));
        };
        let fail = |e: std::io::Error| write_error(what, e);
        let target = resolve_links(path);
        match fs::metadata(&target) {
            Ok(m) if m.is_dir() => Err(write_error(
                what,
                std::io::Error::new(std::io::ErrorKind::IsADirectory, "is a directory"),
            )),
            Ok(m) if !m.is_file() => {
                let file = fs::OpenOptions::new()
                    .write(true)
                    .open(&target)
                    .map_err(fail)?;
                Ok(Sink::Direct(BufWriter::new(file)))
            }
            _ => Ok(Sink::Atomic(BufWriter::new(
                AtomicFile::create(&target).map_err(fail)?,
            ))),
        }
    }

    /// Flush and, for a regular file, put it in place. `what` names it in errors.
    pub fn finish(self, what: &str) -> Result<(), Error> {
        let fail = |e: std::io::Error| write_error(what, e);
        match self {
            Sink::Stdout(mut w) => w.flush().map_err(fail),
            Sink::Direct(mut w) => w.flush().map_err(fail),
            Sink::Atomic(w) => w
                .into_inner()
                .map_err(|e| fail(e.into_error()))?
                .commit()
                .map_err(fail),
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(w) => w.write(buf),
            Sink::Atomic(w) => w.write(buf),
            Sink::Direct(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.write_all(buf),
            Sink::Atomic(w) => w.write_all(buf),
            Sink::Direct(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(w) => w.flush(),
            Sink::Atomic(w) => w.flush(),
            Sink::Direct(w) => w.flush(),
        }
    }
}

/// The file a path names, following symbolic links (a dangling link names its target).
fn resolve_links(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&path) {
            Ok(target) => {
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                }
            }
            Err(_) => break,
        }
    }
    path
}

/// Write `bytes` to `path` so that readers see the old file or the whole new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = AtomicFile::create(&resolve_links(path))?;
    file.write_all(bytes)?;
    file.commit()
}

/// Temporary files not yet renamed into place, removed if the run is interrupted.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// On SIGINT, SIGTERM or SIGHUP: remove the temporary files, then exit 130 (as shells report
/// an interrupt).
pub fn remove_temporaries_on_signal() {
    let _ = ctrlc::set_handler(|| {
        if let Ok(live) = LIVE.lock() {
            for p in live.iter() {
                let _ = fs::remove_file(p);
            }
        }
        std::process::exit(130);
    });
}

fn forget(tmp: &Path) {
    if let Ok(mut live) = LIVE.lock() {
        live.retain(|p| p != tmp);
    }
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
        if let Ok(mut live) = LIVE.lock() {
            live.push(tmp.clone());
        }
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
        forget(&self.tmp);
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
            forget(&self.tmp);
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
