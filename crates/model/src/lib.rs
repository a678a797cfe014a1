//! callqa-model: the call record (input format v1) and the audit result
//! (output format v1) shared by every callqa crate.
//!
//! The types here are plain data. [`parse`] builds a [`Call`] from untrusted
//! JSON with errors that name the field (`events[3].at: …`), and [`read`]
//! reads batches (`.json`, `.jsonl`, directories, stdin) so that one broken
//! call is reported and the others still come through. [`limits`] lists the
//! size limits on untrusted input. The JSON Schemas of both formats are in
//! `schemas/` at the repository root.

pub mod audit;
pub mod call;
pub mod limits;
pub mod parse;
pub mod read;

pub use audit::{CallAudit, Evidence, Outcome, Severity, Verdict};
pub use call::{Call, Client, Direction, Event, EventKind, Lang, Operator, Party, Utterance, Word};
pub use parse::{
    call_from_json, call_from_slice, call_from_str, call_from_value, CallError, FieldError,
};
pub use read::{read_inputs, read_reader, Format, InputError, InputErrorKind, Inputs, Position};
