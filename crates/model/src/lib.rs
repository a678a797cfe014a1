//! callqa-model: the call record (input format v1) and the audit result
//! (output format v1) shared by every callqa crate.
//!
//! The types here are plain data. [`parse`] builds a [`Call`] from untrusted
//! JSON with errors that name the field (`events[3].at: …`), and [`read`]
//! reads batches (`.json`, `.jsonl`, directories, stdin) so that one broken
//! call is reported and the others still come through. [`limits`] lists the
//! size limits on untrusted input. The JSON Schemas of both formats are in
//! `schemas/` at the repository root.
//!
//! # Examples
//!
//! ```
//! use callqa_model::{call_from_str, read_reader, Format};
//!
//! let call = call_from_str(r#"{"id": "c1", "direction": "inbound", "operator": {"id": "op-1"}}"#)?;
//! assert_eq!(call.operator.id, "op-1");
//!
//! let err = call_from_str(r#"{"id": "c2", "direction": "in", "operator": {}}"#).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     r#"direction: unknown direction "in" (expected "inbound" or "outbound"); operator.id: missing"#
//! );
//!
//! let batch = "{\"id\": \"a\", \"direction\": \"outbound\", \"operator\": {\"id\": \"o\"}}\n[]\n";
//! let items: Vec<_> = read_reader("calls.jsonl", batch.as_bytes(), Format::JsonLines).collect();
//! assert!(items[0].is_ok());
//! let e = items[1].as_ref().unwrap_err();
//! assert_eq!(e.to_string(), "calls.jsonl:2: expected a call object, found an array");
//! assert!(!e.is_fatal());
//! # Ok::<(), callqa_model::CallError>(())
//! ```
#![deny(missing_docs)]

pub mod audit;
pub mod call;
mod encoding;
pub mod limits;
pub mod parse;
pub mod read;
pub mod timeline;
pub mod walk;

pub use audit::{
    CallAudit, CallInfo, Evidence, EvidenceKind, Outcome, SectionScore, Severity, Verdict, V1,
};
pub use call::{Call, Client, Direction, Event, EventKind, Lang, Operator, Party, Utterance, Word};
pub use parse::{
    call_from_json, call_from_slice, call_from_str, call_from_value, CallError, FieldError,
};
pub use read::{
    read_inputs, read_reader, DuplicateIds, FirstSeen, Format, InputError, InputErrorKind, Inputs,
    Position, Record, Records,
};
pub use timeline::{repair, validate_call, Repair, RepairKind, TimelineState};
