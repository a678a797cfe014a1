//! Batch reading: paths (files, directories, `-` for stdin) → a stream of
//! calls, where a broken call or file is reported and skipped and the rest
//! still come through.
//!
//! | input | read as |
//! |---|---|
//! | `*.jsonl`, `*.ndjson` | one call per line; blank lines skipped; CRLF fine |
//! | `*.json` | one call object, or an array of calls (streamed element by element) |
//! | a directory | its `.json`/`.jsonl`/`.ndjson` files, recursively, sorted by name ([`crate::walk`]: hidden entries and symlinked directories skipped, so link loops read nothing twice) |
//! | `-` (stdin), or a named file with another extension | detected: `[` → array; a first line that is a whole JSON value → JSON Lines; else a (pretty-printed) JSON object, or several one after another |
//!
//! Nothing is loaded whole: memory is bounded by the largest record
//! ([`crate::limits::MAX_RECORD_BYTES`]). A UTF-8 BOM is skipped; an empty
//! file holds no calls (no error).
//!
//! # Errors
//!
//! [`InputError`] renders as `{file}{position}: [call "{id}": ]{problem}`:
//!
//! ```text
//! calls.jsonl:17: call "c-17": events[3].at: 12.0 is earlier than events[2].at 40.0
//! calls.json[4]: not valid json: recursion limit exceeded at line 120 column 130
//! missing.jsonl: cannot read: No such file or directory (os error 2)
//! ```
//!
//! A call whose id was already read in the batch is refused
//! ([`InputErrorKind::DuplicateCall`]), naming where the first one was:
//!
//! ```text
//! b.jsonl:4: call "c-17": the same call id was already read at a.jsonl:17; this record is skipped (call ids are unique in a batch)
//! ```
//!
//! [`InputError::is_fatal`] tells a per-file error (the file, or the rest of
//! it, is skipped) from a per-call one (that call is skipped). Neither stops
//! the iterator: it goes on with the next call or input.
//!
//! This module does not validate calls itself: see [`crate::parse`].

mod duplicates;
mod record;
mod source;
#[cfg(test)]
mod source_tests;

use std::collections::VecDeque;
use std::fmt;
use std::fs;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::call::Call;
use crate::parse::CallError;
pub use duplicates::{DuplicateIds, FirstSeen};
pub use record::Record;
use source::Source;

/// How to read one input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One call object, or an array of calls.
    Json,
    /// One call per line.
    JsonLines,
    /// Detect from the content (see the module docs).
    Auto,
}

impl Format {
    /// The format a file extension stands for: `json`, `jsonl`, `ndjson`
    /// (case-insensitive).
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("json") {
            Some(Format::Json)
        } else if ext.eq_ignore_ascii_case("jsonl") || ext.eq_ignore_ascii_case("ndjson") {
            Some(Format::JsonLines)
        } else {
            None
        }
    }
}

/// What kind of problem an [`InputError`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InputErrorKind {
    /// A call record that is JSON but breaks the format (see
    /// [`InputError::call_error`]); that call is skipped.
    InvalidCall,
    /// A record that is not valid JSON (syntax, bad UTF-8, too deep, number
    /// out of range, too large); that record is skipped.
    MalformedRecord,
    /// A call whose id was already read in this batch (see
    /// [`DuplicateIds`]); the first is kept, this one is skipped.
    DuplicateCall,
    /// The file cannot be read, is not JSON at all, or its structure broke
    /// (a `.json` array with garbage between elements); the file, or the
    /// rest of it, is skipped.
    File,
}

/// Where in an input a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// The file as a whole (or a single-call `.json` file).
    File,
    /// A 1-based line: the record's line in JSON Lines, where the problem
    /// is for a per-file error.
    Line(u64),
    /// The 0-based element of a top-level JSON array.
    Index(u64),
}

/// `{file}{position}[: call "{id}"]`.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Location {
    file: String,
    position: Position,
    call_id: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        match self.position {
            Position::File => {}
            Position::Line(n) => write!(f, ":{n}")?,
            Position::Index(i) => write!(f, "[{i}]")?,
        }
        if let Some(id) = &self.call_id {
            write!(f, ": call {id:?}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
enum Detail {
    #[error("{0}")]
    Call(CallError),
    #[error("{0}")]
    Io(io::Error),
    #[error("{0}")]
    Message(String),
}

/// A problem with one call or one input file of a batch. See the module docs
/// for the format.
#[derive(Debug, thiserror::Error)]
#[error("{}: {}", .0.location, .0.detail)]
pub struct InputError(Box<Repr>);

/// Boxed so that `Result<Call, InputError>` stays small.
#[derive(Debug)]
struct Repr {
    location: Location,
    kind: InputErrorKind,
    detail: Detail,
}

impl InputError {
    fn new(file: &str, position: Position, kind: InputErrorKind, detail: Detail) -> InputError {
        let call_id = match &detail {
            Detail::Call(e) => e.id().map(str::to_owned),
            _ => None,
        };
        InputError(Box::new(Repr {
            location: Location {
                file: file.to_owned(),
                position,
                call_id,
            },
            kind,
            detail,
        }))
    }

    pub(crate) fn call(file: &str, position: Position, error: CallError) -> InputError {
        InputError::new(
            file,
            position,
            InputErrorKind::InvalidCall,
            Detail::Call(error),
        )
    }

    pub(crate) fn record(file: &str, position: Position, message: String) -> InputError {
        InputError::new(
            file,
            position,
            InputErrorKind::MalformedRecord,
            Detail::Message(message),
        )
    }

    pub(crate) fn file_error(file: &str, position: Position, message: String) -> InputError {
        InputError::new(
            file,
            position,
            InputErrorKind::File,
            Detail::Message(message),
        )
    }

    pub(crate) fn duplicate(
        file: &str,
        position: Position,
        id: &str,
        first: &FirstSeen<'_>,
    ) -> InputError {
        let mut e = InputError::new(
            file,
            position,
            InputErrorKind::DuplicateCall,
            Detail::Message(format!(
                "the same call id was already read at {first}; this record is skipped (call ids are unique in a batch)"
            )),
        );
        e.0.location.call_id = Some(id.to_owned());
        e
    }

    pub(crate) fn io(file: &str, position: Position, error: io::Error) -> InputError {
        InputError::new(file, position, InputErrorKind::File, Detail::Io(error))
    }

    /// What went wrong, and so what was skipped.
    pub fn kind(&self) -> InputErrorKind {
        self.0.kind
    }

    /// True when a whole file (or the rest of it) was skipped, false when
    /// only one call was. The iterator goes on either way.
    pub fn is_fatal(&self) -> bool {
        self.0.kind == InputErrorKind::File
    }

    /// The file as given (or as found in a directory); `<stdin>` for stdin.
    pub fn file(&self) -> &str {
        &self.0.location.file
    }

    /// Where in the file the bad record is.
    pub fn position(&self) -> Position {
        self.0.location.position
    }

    /// The id of the call, when the record had a valid one.
    pub fn call_id(&self) -> Option<&str> {
        self.0.location.call_id.as_deref()
    }

    /// The field errors, for [`InputErrorKind::InvalidCall`].
    pub fn call_error(&self) -> Option<&CallError> {
        match &self.0.detail {
            Detail::Call(e) => Some(e),
            _ => None,
        }
    }

    /// The I/O error, when reading failed.
    pub fn io_error(&self) -> Option<&io::Error> {
        match &self.0.detail {
            Detail::Io(e) => Some(e),
            _ => None,
        }
    }
}

enum Pending {
    /// A path given by the caller (any extension; `-` is stdin).
    Given(PathBuf),
    /// The rest of a directory being walked.
    Walk(crate::walk::Files),
    Reader(Source),
}

/// The calls of a batch, in input order; see [`read_inputs`].
pub struct Inputs {
    queue: VecDeque<Pending>,
    current: Option<Source>,
    seen: DuplicateIds,
}

/// Reads calls from files, directories and `-` (stdin), lazily and in
/// order. Each item is a call, or a problem with one call or one file; see
/// the module docs.
pub fn read_inputs(inputs: &[PathBuf]) -> Inputs {
    Inputs {
        queue: inputs.iter().cloned().map(Pending::Given).collect(),
        current: None,
        seen: DuplicateIds::new(),
    }
}

/// Reads calls from any reader; `name` is used in errors.
pub fn read_reader<R: Read + Send + 'static>(
    name: impl Into<String>,
    reader: R,
    format: Format,
) -> Inputs {
    let source = Source::new(
        name.into(),
        Box::new(BufReader::with_capacity(64 << 10, reader)),
        format,
    );
    Inputs {
        queue: VecDeque::from([Pending::Reader(source)]),
        current: None,
        seen: DuplicateIds::new(),
    }
}

impl Inputs {
    fn open(path: &Path, format: Format) -> Result<Source, InputError> {
        let name = path.display().to_string();
        match fs::File::open(path) {
            Ok(file) => Ok(Source::new(
                name,
                Box::new(BufReader::with_capacity(64 << 10, file)),
                format,
            )),
            Err(e) => Err(InputError::io(&name, Position::File, e)),
        }
    }
}

impl Inputs {
    /// The same inputs as records split off but not parsed, in the same
    /// order, with the same file problems; see [`Records`].
    pub fn records(self) -> Records {
        Records(self)
    }

    /// The next item of the current source (`take`), opening the next
    /// source when one is done.
    fn next_with<T>(
        &mut self,
        mut take: impl FnMut(&mut Source, &mut DuplicateIds) -> Option<Result<T, InputError>>,
    ) -> Option<Result<T, InputError>> {
        loop {
            if let Some(source) = &mut self.current {
                match take(source, &mut self.seen) {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            let opened = match self.queue.pop_front()? {
                Pending::Reader(source) => Ok(source),
                Pending::Walk(mut files) => match files.next() {
                    None => continue,
                    Some(found) => {
                        self.queue.push_front(Pending::Walk(files));
                        match found {
                            Ok(path) => match Format::from_path(&path) {
                                Some(format) => Inputs::open(&path, format),
                                None => continue,
                            },
                            Err(e) => Err(InputError::file_error(
                                &e.path().display().to_string(),
                                Position::File,
                                e.message().to_owned(),
                            )),
                        }
                    }
                },
                Pending::Given(path) if path.as_os_str() == "-" => Ok(Source::new(
                    "<stdin>".to_owned(),
                    Box::new(BufReader::with_capacity(64 << 10, io::stdin())),
                    Format::Auto,
                )),
                Pending::Given(path) if path.is_dir() => {
                    self.queue
                        .push_front(Pending::Walk(crate::walk::files(&path)));
                    continue;
                }
                Pending::Given(path) => {
                    Inputs::open(&path, Format::from_path(&path).unwrap_or(Format::Auto))
                }
            };
            match opened {
                Ok(source) => self.current = Some(source),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<Call, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_with(|source, seen| {
            let call = match source.next()? {
                Ok(call) => call,
                Err(e) => return Some(Err(e)),
            };
            Some(
                seen.admit(&call.id, source.name(), source.last_position())
                    .map(|()| call),
            )
        })
    }
}

/// The records of a batch, in input order, split off but not parsed
/// ([`Inputs::records`]): the file problems come as [`Inputs`] gives them,
/// a record is parsed with [`Record::parse`] (on any thread), and the
/// parsed calls' ids are checked in input order with
/// [`DuplicateIds::admit`]; together that is exactly what [`Inputs`]
/// yields.
pub struct Records(Inputs);

impl Iterator for Records {
    type Item = Result<Record, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next_with(|source, _| source.next_record())
    }
}
