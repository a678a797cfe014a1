//! callqa-standard: the telephone standard as a file, and its evaluation.
//!
//! A standard is a TOML file (format in `docs/standard-format.md`): phrase
//! sets in Russian, English and Armenian, and rules with applicability,
//! windows, thresholds, severities and weights. [`Standard::from_toml`]
//! validates it (every problem as `file:line:column` with a hint) and
//! compiles it once into an immutable, `Send + Sync` rule set;
//! [`Standard::builtin`] is the default standard shipped in the binary.
//!
//! Evaluation: [`Standard::audit_call`] decides every rule on one call;
//! [`Batch`] adds the cross-call rules (call-backs, repeat calls, contact
//! frequency) over the calls audited together; [`Session`] evaluates a call
//! as its events and utterances arrive and reports each verdict as soon as
//! it can no longer change.
//!
//! ```
//! use callqa_standard::Standard;
//! let std = Standard::builtin();
//! assert!(std.rule("greeting.hello").is_some());
//! ```

mod check;
mod compile;
mod context;
mod crosscall;
pub mod diagnostic;
mod evaluate;
mod load;
mod params;
pub mod schema;
mod score;
mod session;
mod standard;

pub use crosscall::{Batch, Evaluated};
pub use diagnostic::{Diagnostic, StandardError};
pub use load::DEFAULT_STANDARD_TOML;
pub use score::score;
pub use session::Session;
pub use standard::{
    Check, EventSel, HangupPolicy, Period, ResponseWithin, Rule, SetMask, Settings, SpeakerSel,
    Standard, When, Window,
};
