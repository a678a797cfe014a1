//! Problems found while importing, and the errors of the import options.
//!
//! An import never stops at the first bad record: every problem becomes an
//! [`ImportProblem`] naming the file and the line (or the call) it is about,
//! and the rest of the input is still imported. [`OptionsError`] is for the
//! options themselves (mapping file, time zone, encoding), which the command
//! line checks before reading any input.

use std::fmt;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The record was imported, but something had to be assumed (and is
    /// usually also recorded in the call's `import.*` tags).
    Warning,
    /// A record, or a whole file, could not be imported.
    Error,
}

/// One problem, with where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// The file the problem was found in, as given.
    pub file: String,
    /// 1-based line of the record, when the format has lines.
    pub line: Option<usize>,
    /// The call (or record) the problem is about, when there is no line.
    pub record: Option<String>,
    /// Whether the record was imported with an assumption (warning) or not at all (error).
    pub severity: Severity,
    /// Lower-case, no final period, bad values quoted.
    pub message: String,
}

impl ImportProblem {
    /// An error in `file` at `line` (1-based, when the format has lines).
    pub fn error(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        ImportProblem {
            file: file.to_string(),
            line,
            record: None,
            severity: Severity::Error,
            message: message.into(),
        }
    }

    /// A warning in `file` at `line` (1-based, when the format has lines).
    pub fn warning(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        ImportProblem {
            severity: Severity::Warning,
            ..ImportProblem::error(file, line, message)
        }
    }

    /// Names the call the problem is about.
    pub fn with_record(mut self, record: &str) -> Self {
        self.record = Some(record.to_string());
        self
    }

    /// True for an error, false for a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `file:line: message`, or `file: call "id": message` without a line.
impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": ")?;
        if self.severity == Severity::Warning {
            write!(f, "warning: ")?;
        }
        if let (None, Some(record)) = (self.line, &self.record) {
            write!(f, "call {record:?}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// A bad import option: mapping file, time zone, encoding or format name.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum OptionsError {
    /// The mapping file could not be read.
    #[error("cannot read mapping file {path:?}")]
    MappingIo {
        /// The mapping file as given.
        path: String,
        /// Why reading it failed.
        #[source]
        source: std::io::Error,
    },
    /// The mapping file was read but is not a valid mapping.
    #[error("mapping file {path:?}: {message}")]
    Mapping {
        /// The mapping file as given.
        path: String,
        /// What is wrong with it, lower-case.
        message: String,
    },
    /// The `--timezone` value (quoted) is neither an IANA zone nor an offset.
    #[error("unknown time zone {0:?} (expected an IANA name such as \"Europe/Moscow\", \"UTC\" or an offset such as \"+03:00\")")]
    TimeZone(String),
    /// The `--encoding` value (quoted) is not a WHATWG encoding label.
    #[error(
        "unknown encoding {0:?} (expected a WHATWG label such as \"utf-8\" or \"windows-1251\")"
    )]
    Encoding(String),
    /// The `--format` value (quoted) is unknown; the second string lists the known names.
    #[error("unknown format {0:?} (expected one of {1})")]
    Format(String, String),
}
