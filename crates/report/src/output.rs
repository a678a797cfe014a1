//! Where a report goes: stdout, or a file that is replaced only when the
//! report is complete ([`Output`]), and the check of an `--out` path before
//! any work is done ([`check_out_path`]).
//!
//! A file report is written to a temporary file beside the target (same
//! directory, so the final rename cannot cross file systems) and renamed
//! over it by [`Output::commit`]. An error, a panic or a dropped `Output`
//! removes the temporary file; Ctrl-C may leave it behind (named
//! `.{name}.…​.callqa-tmp`), but in no case is the previous report damaged
//! or a truncated one left under the real name.

use std::fmt;
use std::fs;
use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A report destination: implements [`Write`]; finish with
/// [`Output::commit`].
///
/// On stdout a closed pipe (`callqa audit … | head`) is not an error: the
/// first [`io::ErrorKind::BrokenPipe`] marks the output broken
/// ([`Output::is_broken`]) and every later write is discarded, so the
/// caller finishes its work and keeps its exit code. Other errors are
/// returned.
pub struct Output {
    inner: Inner,
}

enum Inner {
    /// A terminal: `Stdout` is line-buffered, so each call shows at once.
    Terminal { out: Stdout, broken: bool },
    /// A pipe or a redirected file: buffered in large blocks.
    Pipe {
        out: BufWriter<Stdout>,
        broken: bool,
    },
    File {
        tmp: BufWriter<NamedTempFile>,
        path: PathBuf,
    },
}

impl Output {
    /// Standard output.
    pub fn stdout() -> Output {
        let out = io::stdout();
        let inner = if out.is_terminal() {
            Inner::Terminal { out, broken: false }
        } else {
            Inner::Pipe {
                out: BufWriter::with_capacity(64 * 1024, out),
                broken: false,
            }
        };
        Output { inner }
    }

    /// A temporary file beside `path` that [`Output::commit`] renames to
    /// `path`. Fails (naming the path) when the directory is missing or not
    /// writable, or `path` is a directory.
    pub fn file(path: &Path) -> Result<Output, OutPathError> {
        check_out_path(path)?;
        let dir = parent_dir(path);
        let name = path
            .file_name()
            .map_or_else(|| "report".into(), |n| n.to_string_lossy());
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .suffix(".callqa-tmp")
            .tempfile_in(dir)
            .map_err(|e| OutPathError::new(path, OutPathProblem::Io(e)))?;
        Ok(Output {
            inner: Inner::File {
                tmp: BufWriter::with_capacity(64 * 1024, tmp),
                path: path.to_owned(),
            },
        })
    }

    /// [`Output::file`] for `Some(path)` (an `--out` option), else
    /// [`Output::stdout`].
    pub fn open(path: Option<&Path>) -> Result<Output, OutPathError> {
        path.map_or_else(|| Ok(Output::stdout()), Output::file)
    }

    /// Whether the output is a terminal (for colour and layout decisions).
    pub fn is_terminal(&self) -> bool {
        matches!(self.inner, Inner::Terminal { .. })
    }

    /// Whether stdout was closed by its reader; writes since were dropped.
    pub fn is_broken(&self) -> bool {
        match self.inner {
            Inner::Terminal { broken, .. } | Inner::Pipe { broken, .. } => broken,
            Inner::File { .. } => false,
        }
    }

    /// Finishes the report: flushes stdout, or flushes and syncs the
    /// temporary file and renames it over the target. Dropping an `Output`
    /// without committing it leaves the target as it was.
    pub fn commit(self) -> io::Result<()> {
        match self.inner {
            Inner::Terminal {
                mut out,
                mut broken,
            } => {
                let r = out.flush();
                quiet_pipe(&mut broken, r)
            }
            Inner::Pipe {
                mut out,
                mut broken,
            } => {
                let r = out.flush();
                quiet_pipe(&mut broken, r)
            }
            Inner::File { tmp, path } => {
                let tmp = tmp.into_inner().map_err(io::IntoInnerError::into_error)?;
                tmp.as_file().sync_all()?;
                tmp.persist(&path).map_err(|e| {
                    io::Error::new(
                        e.error.kind(),
                        format!("cannot replace {}: {}", path.display(), e.error),
                    )
                })?;
                Ok(())
            }
        }
    }
}

/// Turns a broken pipe into success, remembering it.
fn quiet_pipe<T: Default>(broken: &mut bool, r: io::Result<T>) -> io::Result<T> {
    match r {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            *broken = true;
            Ok(T::default())
        }
        r => r,
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Inner::Terminal { out, broken } => write_or_drop(out, broken, buf),
            Inner::Pipe { out, broken } => write_or_drop(out, broken, buf),
            Inner::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::Terminal { out, broken } => flush_or_drop(out, broken),
            Inner::Pipe { out, broken } => flush_or_drop(out, broken),
            Inner::File { tmp, .. } => tmp.flush(),
        }
    }
}

fn write_or_drop(w: &mut impl Write, broken: &mut bool, buf: &[u8]) -> io::Result<usize> {
    if *broken {
        return Ok(buf.len());
    }
    let r = w.write(buf);
    quiet_pipe(broken, r).map(|n| if *broken { buf.len() } else { n })
}

fn flush_or_drop(w: &mut impl Write, broken: &mut bool) -> io::Result<()> {
    if *broken {
        return Ok(());
    }
    let r = w.flush();
    quiet_pipe(broken, r)
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Checks, before any work is done, that a report can be written to
/// `path`: it is not a directory, its directory exists, and a file can be
/// created there (tried with a temporary file that is removed at once).
pub fn check_out_path(path: &Path) -> Result<(), OutPathError> {
    let fail = |problem| Err(OutPathError::new(path, problem));
    if path.as_os_str().is_empty() {
        return fail(OutPathProblem::Empty);
    }
    if path.is_dir() {
        return fail(OutPathProblem::IsDirectory);
    }
    let dir = parent_dir(path);
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => {}
        Ok(_) => return fail(OutPathProblem::ParentNotDirectory),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return fail(OutPathProblem::NoParent);
        }
        Err(e) => return fail(OutPathProblem::Io(e)),
    }
    if let Ok(m) = fs::metadata(path) {
        if m.permissions().readonly() {
            return fail(OutPathProblem::ReadOnly);
        }
    }
    match tempfile::Builder::new()
        .prefix(".callqa-check.")
        .tempfile_in(dir)
    {
        Ok(probe) => probe
            .close()
            .map_err(|e| OutPathError::new(path, OutPathProblem::Io(e))),
        Err(e) => fail(OutPathProblem::Io(e)),
    }
}

/// Why a report cannot be written to a path.
#[derive(Debug)]
pub struct OutPathError {
    path: PathBuf,
    problem: OutPathProblem,
}

#[derive(Debug)]
enum OutPathProblem {
    Empty,
    IsDirectory,
    NoParent,
    ParentNotDirectory,
    ReadOnly,
    Io(io::Error),
}

impl OutPathError {
    fn new(path: &Path, problem: OutPathProblem) -> Self {
        OutPathError {
            path: path.to_owned(),
            problem,
        }
    }

    /// The path that was refused.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl fmt::Display for OutPathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.to_string_lossy();
        let path = crate::terminal::escape_terminal(&path);
        let dir = parent_dir(&self.path).to_string_lossy();
        let dir = crate::terminal::escape_terminal(&dir);
        match &self.problem {
            OutPathProblem::Empty => write!(f, "cannot write the report to an empty path"),
            OutPathProblem::IsDirectory => {
                write!(
                    f,
                    "cannot write the report to \"{path}\": it is a directory"
                )
            }
            OutPathProblem::NoParent => write!(
                f,
                "cannot write the report to \"{path}\": directory \"{dir}\" does not exist"
            ),
            OutPathProblem::ParentNotDirectory => write!(
                f,
                "cannot write the report to \"{path}\": \"{dir}\" is not a directory"
            ),
            OutPathProblem::ReadOnly => {
                write!(
                    f,
                    "cannot write the report to \"{path}\": the file is read-only"
                )
            }
            OutPathProblem::Io(e) => write!(
                f,
                "cannot write the report to \"{path}\": cannot create a file in \"{dir}\": {e}"
            ),
        }
    }
}

impl std::error::Error for OutPathError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.problem {
            OutPathProblem::Io(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir() -> tempfile::TempDir {
        tempfile::tempdir().unwrap()
    }

    #[test]
    fn commit_replaces_the_previous_report() {
        let d = dir();
        let path = d.path().join("report.html");
        fs::write(&path, "old report").unwrap();
        let mut out = Output::file(&path).unwrap();
        out.write_all(b"new ").unwrap();
        // Until the commit the old report is untouched.
        assert_eq!(fs::read_to_string(&path).unwrap(), "old report");
        out.write_all(b"report").unwrap();
        out.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new report");
        // No temporary file is left beside it.
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_previous_report_intact() {
        let d = dir();
        let path = d.path().join("report.csv");
        fs::write(&path, "old report").unwrap();
        let result = (|| -> io::Result<()> {
            let mut out = Output::file(&path).map_err(io::Error::other)?;
            out.write_all(b"half a rep")?;
            // The renderer fails midway: the Output is dropped, not committed.
            Err(io::Error::other("disk full"))
        })();
        assert!(result.is_err());
        assert_eq!(fs::read_to_string(&path).unwrap(), "old report");
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1, "temp removed");
    }

    #[test]
    fn open_without_a_path_is_stdout() {
        let out = Output::open(None).unwrap();
        assert!(matches!(
            out.inner,
            Inner::Terminal { .. } | Inner::Pipe { .. }
        ));
        let d = dir();
        let out = Output::open(Some(&d.path().join("r.json"))).unwrap();
        assert!(matches!(out.inner, Inner::File { .. }));
        assert!(!out.is_terminal() && !out.is_broken());
    }

    #[test]
    fn new_file_appears_only_on_commit() {
        let d = dir();
        let path = d.path().join("new.jsonl");
        let mut out = Output::file(&path).unwrap();
        out.write_all(b"{}\n").unwrap();
        assert!(!path.exists());
        out.commit().unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "{}\n");
    }

    #[test]
    fn bad_paths_are_refused_before_work() {
        let d = dir();
        let err = check_out_path(d.path()).unwrap_err();
        assert!(err.to_string().ends_with("it is a directory"), "{err}");

        let missing = d.path().join("no/such/dir/report.html");
        let err = check_out_path(&missing).unwrap_err();
        assert!(err.to_string().contains("does not exist"), "{err}");
        assert!(err.to_string().contains("no/such/dir"), "{err}");

        let file = d.path().join("plain");
        fs::write(&file, "x").unwrap();
        let err = check_out_path(&file.join("report.html")).unwrap_err();
        assert!(err.to_string().contains("is not a directory"), "{err}");

        assert!(check_out_path(Path::new("")).is_err());
        check_out_path(&d.path().join("fine.html")).unwrap();
        // The check leaves nothing behind.
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn path_in_the_error_is_escaped() {
        let d = dir();
        let evil = d.path().join("x\u{1b}]0;PWNED\u{7}y/report.html");
        let msg = check_out_path(&evil).unwrap_err().to_string();
        assert!(!msg.contains('\u{1b}') && !msg.contains('\u{7}'), "{msg:?}");
        assert!(msg.contains("PWNED"), "{msg}");
    }
}
