//! callqa-booklet: the telephone standard for people. [`run_tests`] runs a
//! standard's `[[test]]` cases through the engine and says which expected
//! outcomes came out otherwise, with the evidence; [`render`] writes the
//! standard as a booklet (Markdown or HTML) an operator can read;
//! [`explain`] tells what a rule checks and why it decided a call so;
//! [`diff`] and [`diff_calls`] show what a new revision changes, in the
//! file and on calls; [`try_set`], [`nearest`] and [`suggest`] show how a
//! sentence matches a phrase set and which real utterances nearly do.

#![deny(missing_docs)]

mod cases;
mod diff;
mod diff_render;
mod explain;
mod phrases;
mod render;
mod sentence;
mod suggest;

pub use cases::{run_tests, CaseResult, Mismatch};
pub use diff::{
    diff, diff_calls, CallsDiff, Change, RuleDiff, RuleStatus, ScoreChange, SetDiff, StandardDiff,
    VerdictChange,
};
pub use diff_render::{diff_json, diff_text};
pub use explain::{explain, rule_tables};
pub use phrases::{
    did_you_mean, nearest, text_lang, try_set, Near, PhraseCatalog, SetText, Tried, TryMatch,
};
pub use render::{render, BookletFormat};
pub use sentence::{sentence, set_ids};
pub use suggest::{suggest, Suggestion};
