//! callqa-standard: the telephone standard as a file — its format, its
//! validation and its compilation into the engine's rule set.
//!
//! A standard is a TOML file (format in `docs/standard-format.md`): phrase
//! sets in Russian, English and Armenian, and rules with applicability,
//! windows, thresholds, severities and weights. [`from_toml`] validates it
//! (every problem as `file:line:column` with a hint) and compiles it once
//! into an immutable, `Send + Sync` [`Standard`] shared as `Arc`;
//! [`builtin`] is the default standard shipped in the binary. Evaluation
//! lives in `callqa-engine` (re-exported here).
//!
//! ```
//! let std = callqa_standard::builtin();
//! assert!(std.rule("greeting.hello").is_some());
//! ```

#![deny(missing_docs)]

mod compile;
pub mod diagnostic;
mod extras;
mod load;
mod params;
mod phrase_sets;
mod prompts;
mod read;
mod test_cases;

pub use diagnostic::{Diagnostic, StandardError};
pub use load::{builtin, from_path, from_toml, DEFAULT_STANDARD_TOML};

// The engine's types, so that a user of the front end needs one import.
#[doc(hidden)]
pub use callqa_engine::decisions_run;
pub use callqa_engine::{
    score_verdicts, to_be_marked, Batch, Check, Evaluated, EventSel, FollowAction, FollowUp,
    FormatExtras, HangupPolicy, Liveness, Localized, ManualItem, Mark, Override, Period, Privacy,
    Prompt, RescoreError, ResponseWithin, Rule, Scored, Section, Session, SetMask, Settings,
    Signals, SpeakerSel, Standard, StandardParts, TestCall, TestCallSource, TestCase, Trigger,
    When, Window,
};
