//! `event_count`: an event may happen at most `max` times (holds, transfers).

use super::shared::{event_evidence, noun, times};
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::CallView;
use crate::standard::EventSel;

/// The parameters of a `event_count` check.
#[derive(Clone, Debug, PartialEq)]
pub struct EventCount {
    /// The event counted.
    pub event: EventSel,
    /// How many are allowed.
    pub max: usize,
}

impl Kind for EventCount {
    const SIGNALS: Signals = Signals::EVENTS;
    const LIVENESS: Liveness = Liveness::Early;

    /// Only a new event can change the count.
    fn affected_by(&self, _v: &CallView, pushed: Pushed) -> bool {
        matches!(pushed, Pushed::Event)
    }

    fn decide(&self, v: &CallView) -> Decision {
        count(v, self.event, self.max)
    }
}

fn count(v: &CallView, sel: EventSel, max: usize) -> Decision {
    let at = times(v, sel);
    if at.len() > max {
        let ev = at.iter().map(|&t| event_evidence(noun(sel), t)).collect();
        return fail(format!("{} × {} (at most {max})", at.len(), noun(sel)), ev);
    }
    if !v.complete {
        return Decision::Pending;
    }
    if at.is_empty() {
        return na(format!("no {} on this call", noun(sel)));
    }
    Decision::Pass(at.iter().map(|&t| event_evidence(noun(sel), t)).collect())
}
