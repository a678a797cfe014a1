//! callqa-engine: evaluation of calls against a compiled telephone standard.
//!
//! The engine knows no file format. The standard file's front end
//! (`callqa-standard`) reads, validates and compiles a TOML file into a
//! [`Standard`] — an immutable rule set shared as `Arc<Standard>` by every
//! audit, live session and worker.
//!
//! Evaluation: [`Standard::audit_call`] decides every rule on one call;
//! [`Batch`] adds the cross-call rules (call-backs, repeat calls, contact
//! frequency) over the calls audited together; [`Session`] evaluates a call
//! as its events and utterances arrive and reports each verdict as soon as
//! it can no longer change.

#![deny(missing_docs)]

mod check;
mod context;
// Its public items get their docs with the History seam (the `stream` work).
#[allow(missing_docs)]
mod crosscall;
mod evaluate;
mod score;
mod sections;
mod session;
mod standard;
mod stats;

pub use check::{
    AfterEvent, AnswerSpeed, AskName, BeforeEvent, CallHours, CallbackAfterDrop, ContactFrequency,
    DeadAir, EventCount, EventDuration, HangupBy, Interruptions, Liveness, MissedCallback,
    NameUsage, NotOnly, PhraseForbidden, PhraseOrder, PhraseRate, PhraseRequired,
    ProfanityProtocol, RepeatCalls, Signals, SpeechPace, TimeOfDay, TriggerResponse,
};
pub use crosscall::{Batch, Evaluated};
pub use score::score;
pub use sections::{Localized, ManualItem, Privacy, Prompt, Section, TestCase};
pub use session::Session;
pub use standard::{
    model_language, text_language, Check, EventSel, FormatExtras, HangupPolicy, Hours, Period,
    ResponseWithin, Rule, SetMask, Settings, SpeakerSel, Standard, StandardParts, When, Window,
};
#[doc(hidden)]
pub use stats::decisions_run;
