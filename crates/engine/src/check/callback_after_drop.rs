//! `callback_after_drop`: a call that dropped must be called back within `within_secs` by the
//! side that placed it.
//!
//! A cross-call check: it is decided over the other calls of the same
//! client (linked by `client.id`, else `client.number`) once the call has
//! ended, by the batch in `crosscall.rs`; on its own a call leaves it open.

use callqa_model::Party;

use super::{Decision, Kind, Liveness, Signals};
use crate::context::CallView;

/// The parameters of a `callback_after_drop` check.
#[derive(Clone, Debug, PartialEq)]
pub struct CallbackAfterDrop {
    /// How soon the call-back must come, in seconds (default 300).
    pub within_secs: f64,
    /// Who placed the dropped call and so must call back (default: the operator).
    pub initiator: Party,
}

impl Kind for CallbackAfterDrop {
    const SIGNALS: Signals = Signals::HISTORY_AND_EVENTS;
    const LIVENESS: Liveness = Liveness::CrossCall;

    fn decide(&self, _v: &CallView) -> Decision {
        Decision::Pending
    }
}
