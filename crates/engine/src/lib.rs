//! callqa-engine: evaluation of calls against a compiled telephone standard.
//!
//! The engine knows no file format. The standard file's front end
//! (`callqa-standard`) reads, validates and compiles a TOML file into a
//! [`Standard`] — an immutable rule set shared as `Arc<Standard>` by every
//! audit, live session and worker.
//!
//! Evaluation: [`Standard::audit_call`] decides every rule on one call;
//! [`Batch`] adds the cross-call rules (call-backs, repeat calls, contact
//! frequency) over the calls audited together, and [`CrossCalls`] decides
//! them over a stream of calls, keeping only each call's compact
//! [`CallFacts`] in a [`History`]; [`Session`] evaluates a call
//! as its events and utterances arrive and reports each verdict as soon as
//! it can no longer change.

#![deny(missing_docs)]

mod batch;
mod check;
mod codeswitch;
mod context;
// Its public items get their docs with the History seam (the `stream` work).
#[allow(missing_docs)]
mod crosscall;
mod evaluate;
pub mod history;
pub mod live;
pub mod messages;
pub mod runner;
mod score;
mod sections;
mod session;
mod slot_cache;
mod standard;
mod stats;
mod trace;

pub use batch::{Batch, CrossCalls};
pub use check::{
    AfterEvent, AnswerSpeed, AskName, BeforeEvent, CallHours, CallbackAfterDrop, ContactFrequency,
    DeadAir, EventCount, EventDuration, HangupBy, Interruptions, Liveness, MissedCallback,
    NameUsage, NotOnly, PhraseForbidden, PhraseOrder, PhraseRate, PhraseRequired,
    ProfanityProtocol, RepeatCalls, Signals, SpeechPace, TimeOfDay, TriggerResponse,
};
pub use crosscall::{still_open, Evaluated, Horizon, NAMED, STILL_OPEN};
pub use history::{CallFacts, History, MemoryHistory};
pub use runner::{RunStats, Runner};
pub use score::to_be_marked;
pub use score::{score_verdicts, Mark, Override, RescoreError, Scored};
pub use sections::{
    FollowAction, FollowUp, Localized, ManualItem, Privacy, Prompt, Section, TestCall,
    TestCallSource, TestCase, Trigger,
};
pub use session::Session;
pub use standard::{
    model_language, text_language, Check, EventSel, FormatExtras, HangupPolicy, Hours, Period,
    ResponseWithin, Rule, SetMask, Settings, SpeakerSel, Standard, StandardParts, When, Window,
};
#[doc(hidden)]
pub use stats::decisions_run;
pub use trace::{check_sets, Trace, TraceWindow, TracedMatch, TracedUtterance};
