//! The one directory walker of callqa (the batch reader and the importers
//! both use it): the files below a directory, depth first and sorted by
//! name at each level, on the `walkdir` crate.
//!
//! - Hidden entries (`.git`, `.cache.json`) are skipped, with what is in
//!   them.
//! - Symlinked directories are not followed, so a link loop (`sub/up ->
//!   ..`) never reads a file twice; symlinks to files are read.
//! - Directories nested deeper than [`MAX_DIR_DEPTH`] below the given one
//!   are reported, not entered.
//! - An unreadable directory is reported and the walk goes on.
//!
//! The directory given is followed even when it is itself a symlink.

use std::fmt;
use std::path::{Path, PathBuf};

use crate::limits::MAX_DIR_DEPTH;

/// A directory that could not be read, or was too deep.
#[derive(Debug)]
pub struct WalkError {
    path: PathBuf,
    message: String,
}

impl WalkError {
    /// The directory or file the problem is about.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// What went wrong, lower-case.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

impl std::error::Error for WalkError {}

/// The files below a directory; see the module docs and [`files`].
pub struct Files {
    inner: walkdir::FilterEntry<walkdir::IntoIter, fn(&walkdir::DirEntry) -> bool>,
}

fn visible(e: &walkdir::DirEntry) -> bool {
    e.depth() == 0 || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
}

/// The files below `dir`, lazily, in name order (see the module docs).
pub fn files(dir: &Path) -> Files {
    let inner = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .max_depth(MAX_DIR_DEPTH + 1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(visible as fn(&walkdir::DirEntry) -> bool);
    Files { inner }
}

impl Iterator for Files {
    type Item = Result<PathBuf, WalkError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let entry = match self.inner.next()? {
                Ok(e) => e,
                Err(e) => {
                    let path = e.path().map(Path::to_path_buf).unwrap_or_default();
                    let message = match e.io_error() {
                        Some(io) => format!("cannot read: {io}"),
                        None => e.to_string(),
                    };
                    return Some(Err(WalkError { path, message }));
                }
            };
            let ty = entry.file_type();
            if ty.is_dir() {
                if entry.depth() > MAX_DIR_DEPTH {
                    return Some(Err(WalkError {
                        path: entry.into_path(),
                        message: format!(
                            "directory is nested deeper than the limit of {MAX_DIR_DEPTH}"
                        ),
                    }));
                }
                continue;
            }
            let is_file = ty.is_file()
                || (ty.is_symlink() && std::fs::metadata(entry.path()).is_ok_and(|m| m.is_file()));
            if is_file {
                return Some(Ok(entry.into_path()));
            }
            // Symlinked directories, dangling links, FIFOs, sockets: skipped.
        }
    }
}
