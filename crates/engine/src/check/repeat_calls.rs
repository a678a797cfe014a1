//! `repeat_calls`: at most `max` outbound calls to one client within `period_secs`.
//!
//! A cross-call check: it is decided over the other calls of the same
//! client (linked by `client.id`, else `client.number`) once the call has
//! ended, by the batch in `crosscall.rs`; on its own a call leaves it open.

use super::{Decision, Kind, Liveness, Signals};
use crate::context::CallView;

/// The parameters of a `repeat_calls` check.
#[derive(Clone, Debug, PartialEq)]
pub struct RepeatCalls {
    /// How many outbound calls in the period make one too many (default 2).
    pub max: usize,
    /// The period, in seconds (default 86400).
    pub period_secs: f64,
}

impl Kind for RepeatCalls {
    const SIGNALS: Signals = Signals::HISTORY;
    const LIVENESS: Liveness = Liveness::CrossCall;

    fn decide(&self, _v: &CallView) -> Decision {
        Decision::Pending
    }
}
