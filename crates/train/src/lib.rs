//! callqa-train: operator training generated from the telephone standard.
//! [`quiz`] builds multiple-choice questions from the standard's rules and
//! phrase sets, each answer checked by the engine on a short training call;
//! [`sim`] plays a scripted client (a hold, a swearing client, a colleague
//! who is away, a dropped line, no time on an outbound call) while the
//! trainee types the operator's lines, and the engine's live session scores
//! each turn and the whole call. [`TrainingResult`] is what `callqa train
//! --to URL` posts to the server.

#![deny(missing_docs)]

pub mod phrases;
pub mod probe;
pub mod quiz;
pub mod rules;
pub mod scenarios;
pub mod session;
pub mod sim;
pub mod words;

pub use session::{take_quiz, TrainingResult};
