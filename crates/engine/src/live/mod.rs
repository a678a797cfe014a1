//! Live protocol v2 (`shared/spec/live-protocol.md`, usage in
//! `docs/live.md`): the envelopes in and out ([`In`], [`Out`]), the one
//! validation of live input, and the [`Hub`] of calls in progress by call
//! id. Adapters (`callqa live` on stdin/stdout, the server's WebSocket)
//! only move lines or frames in and messages out.
//!
//! ```
//! # fn demo(std: std::sync::Arc<callqa_engine::Standard>) {
//! let mut hub = callqa_engine::live::Hub::new(std);
//! let mut out = Vec::new();
//! let line = br#"{"type":"start","call":{"id":"c1","direction":"inbound"}}"#;
//! hub.push_line(line, &mut out).unwrap();
//! hub.push_line(br#"{"type":"end","call":"c1"}"#, &mut out).unwrap();
//! assert!(matches!(out.last(), Some(callqa_engine::live::Out::Audit { .. })));
//! # }
//! ```

mod hub;
mod prompts;
mod protocol;
mod validate;

pub use hub::{Hub, LiveError, MAX_OPEN_SEGMENTS, REORDER_SECS};
pub use prompts::PROMPT_GAP_SECS;
pub use protocol::{EventIn, In, Out, UtteranceIn};
