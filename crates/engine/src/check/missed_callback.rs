//! `missed_callback`: a missed inbound call must be called back within `within_secs`.
//!
//! A cross-call check: it is decided over the other calls of the same
//! client (linked by `client.id`, else `client.number`) once the call has
//! ended, by the batch in `crosscall.rs`; on its own a call leaves it open.

use super::{Decision, Kind, Liveness, Signals};
use crate::context::CallView;

/// The parameters of a `missed_callback` check.
#[derive(Clone, Debug, PartialEq)]
pub struct MissedCallback {
    /// How soon the call-back must come, in seconds (default 1800).
    pub within_secs: f64,
}

impl Kind for MissedCallback {
    const SIGNALS: Signals = Signals::HISTORY_AND_EVENTS;
    const LIVENESS: Liveness = Liveness::CrossCall;

    fn decide(&self, _v: &CallView) -> Decision {
        Decision::Pending
    }
}
