//! `event_duration`: no hold may last longer than `max_secs`.

use callqa_model::{Call, Evidence, Lang};

use super::shared::{event_evidence, no_event};
use super::{fail, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};
use crate::messages::{self as msg, m, Msg};
use crate::standard::EventSel;

/// The parameters of a `event_duration` check.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDuration {
    /// The longest hold allowed, in seconds.
    pub max_secs: f64,
}

impl Kind for EventDuration {
    const SIGNALS: Signals = Signals::EVENTS;
    const LIVENESS: Liveness = Liveness::Early;

    fn unknown_signal(&self, call: &Call, lang: Lang) -> Option<String> {
        (call.tags.get("import.hold").map(String::as_str) == Some("unknown"))
            .then(|| m!(lang, Msg::HoldUnknown))
    }

    /// Only a hold can last too long.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        matches!(pushed, Pushed::Event) || !v.holds.is_empty()
    }

    fn decide(&self, v: &CallView) -> Decision {
        hold_duration(v, self.max_secs)
    }
}

fn hold_duration(v: &CallView, max_secs: f64) -> Decision {
    let lang = v.out();
    for &(s, e) in &v.holds {
        let ongoing = !v.complete && e >= v.end;
        let len = if ongoing { v.now - s } else { e - s };
        if len > max_secs {
            let text = m!(
                lang,
                Msg::HoldTooLong,
                at = clock(s),
                secs = format!("{len:.0}"),
                max = format!("{max_secs:.0}")
            );
            let hold = msg::event(lang, EventSel::Hold);
            return fail(text, vec![event_evidence(lang, hold, s)]);
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    if v.holds.is_empty() {
        return no_event(lang, EventSel::Hold);
    }
    let longest = v.holds.iter().map(|(s, e)| e - s).fold(0.0, f64::max);
    Decision::Pass(vec![Evidence::fact(
        v.holds[0].0,
        v.holds[0].1,
        m!(lang, Msg::LongestHold, secs = format!("{longest:.0}")),
    )])
}
