//! A record split off an input but not parsed yet ([`Record`]), so that
//! the cheap part of reading (finding where each record ends) can stay on
//! one thread while the costly part (parsing and validating it) runs on
//! others; and the one function that parses a record, whichever thread
//! it is on, with the same errors as [`super::Inputs`] gives.

use std::sync::Arc;

use serde_json::Value;

use super::{DuplicateIds, InputError, Position};
use crate::call::Call;
use crate::parse::{call_from_value, fast_from_slice};

/// One call record of an input, as bytes, with where it is: a JSON Lines
/// line, an element of a top-level array, or a value of a `.json` file.
/// [`Record::parse`] gives exactly what [`super::Inputs`] gives for it,
/// but for the duplicate-id check, which needs the records in input order
/// ([`DuplicateIds::admit`]).
#[derive(Clone, Debug)]
pub struct Record {
    pub(crate) file: Arc<str>,
    pub(crate) position: Position,
    pub(crate) origin: Option<(u64, u64)>,
    pub(crate) bytes: Vec<u8>,
}

impl Record {
    /// The file the record is in, as given (`<stdin>` for stdin).
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The file name, shared by every record of the file.
    pub fn file_shared(&self) -> &Arc<str> {
        &self.file
    }

    /// Where in the file the record is.
    pub fn position(&self) -> Position {
        self.position
    }

    /// The record's bytes (a JSON Lines line without its line end).
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Parses and validates the record.
    pub fn parse(&self) -> Result<Call, InputError> {
        parse_record(&self.file, &self.bytes, self.position, self.origin)
    }
}

impl DuplicateIds {
    /// Records the id of a call parsed from `file` at `position`, in input
    /// order; the error [`super::Inputs`] gives when the id was read
    /// before (the call is then skipped).
    pub fn admit(&mut self, id: &str, file: &str, position: Position) -> Result<(), InputError> {
        match self.check(id, file, position) {
            None => Ok(()),
            Some(first) => Err(InputError::duplicate(file, position, id, &first)),
        }
    }
}

/// Parses one record of `file`. `origin` is the line and column where it
/// starts in the input, to make serde_json's positions absolute; `None`
/// for a JSON Lines record, where the column alone is given.
pub(crate) fn parse_record(
    file: &str,
    bytes: &[u8],
    at: Position,
    origin: Option<(u64, u64)>,
) -> Result<Call, InputError> {
    if let Some(result) = fast_from_slice(bytes) {
        return result.map_err(|e| InputError::call(file, at, e));
    }
    if let Some(message) = crate::encoding::not_utf8(bytes, origin) {
        return Err(InputError::record(file, at, message));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => call_from_value(value).map_err(|e| InputError::call(file, at, e)),
        Err(e) => {
            let text = e.to_string();
            let suffix = format!(" at line {} column {}", e.line(), e.column());
            let message = text.strip_suffix(&suffix).unwrap_or(&text);
            let message = match origin {
                _ if e.line() == 0 => format!("not valid json: {message}"),
                None => format!("not valid json: {message} at column {}", e.column()),
                Some((line, col)) => {
                    let abs_line = line + e.line() as u64 - 1;
                    let abs_col = if e.line() == 1 {
                        col + e.column() as u64 - 1
                    } else {
                        e.column() as u64
                    };
                    format!("not valid json: {message} at line {abs_line} column {abs_col}")
                }
            };
            Err(InputError::record(file, at, message))
        }
    }
}
