//! `event_count`: an event may happen at most `max` times (holds, transfers).

use super::shared::{event_evidence, no_event, times};
use super::{fail, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::CallView;
use crate::messages::{self as msg, m, Msg, Noun};
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
    let lang = v.out();
    let event = msg::event(lang, sel);
    let at = times(v, sel);
    if at.len() > max {
        let ev = at.iter().map(|&t| event_evidence(lang, event, t)).collect();
        let times = msg::count(lang, at.len() as u64, Noun::Time);
        return fail(
            m!(lang, Msg::TooManyEvents, event = event, times = times, max = max),
            ev,
        );
    }
    if !v.complete {
        return Decision::Pending;
    }
    if at.is_empty() {
        return no_event(lang, sel);
    }
    Decision::Pass(
        at.iter()
            .map(|&t| event_evidence(lang, event, t))
            .collect(),
    )
}
