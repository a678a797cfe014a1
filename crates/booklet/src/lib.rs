//! callqa-booklet: the telephone standard for people. [`run_tests`] runs a
//! standard's `[[test]]` cases through the engine and says which expected
//! outcomes came out otherwise, with the evidence; [`render`] writes the
//! standard as a booklet (Markdown or HTML) an operator can read.

#![deny(missing_docs)]

mod cases;
mod explain;
mod phrases;
mod render;
mod sentence;
mod suggest;

pub use cases::{run_tests, CaseResult, Mismatch};
pub use explain::{explain, rule_tables};
pub use phrases::{
    did_you_mean, nearest, text_lang, try_set, Near, PhraseCatalog, SetText, Tried, TryMatch,
};
pub use render::{render, BookletFormat};
pub use sentence::{sentence, set_ids};
pub use suggest::{suggest, Suggestion};
