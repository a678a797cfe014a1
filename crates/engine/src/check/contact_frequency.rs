//! `contact_frequency`: limits on answered calls to one debtor per day, week and month.
//!
//! A cross-call check: it is decided over the other calls of the same
//! client (linked by `client.id`, else `client.number`) once the call has
//! ended, by the batch in `crosscall.rs`; on its own a call leaves it open.

use super::{Decision, Kind, Liveness, Signals};
use crate::context::CallView;

/// The parameters of a `contact_frequency` check.
#[derive(Clone, Debug, PartialEq)]
pub struct ContactFrequency {
    /// Answered calls allowed within 24 hours (default 1).
    pub per_day: usize,
    /// …within 7 days (default 2).
    pub per_week: usize,
    /// …within 30 days (default 8).
    pub per_month: usize,
}

impl Kind for ContactFrequency {
    const SIGNALS: Signals = Signals::HISTORY;
    const LIVENESS: Liveness = Liveness::CrossCall;

    fn decide(&self, _v: &CallView) -> Decision {
        Decision::Pending
    }
}
