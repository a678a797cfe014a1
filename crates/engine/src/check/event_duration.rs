//! `event_duration`: no hold may last longer than `max_secs`.

use callqa_model::{Call, Evidence};

use super::shared::{event_evidence, HOLD_UNKNOWN};
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};

/// The parameters of a `event_duration` check.
#[derive(Clone, Debug, PartialEq)]
pub struct EventDuration {
    /// The longest hold allowed, in seconds.
    pub max_secs: f64,
}

impl Kind for EventDuration {
    const SIGNALS: Signals = Signals::EVENTS;
    const LIVENESS: Liveness = Liveness::Early;

    fn unknown_signal(&self, call: &Call) -> Option<String> {
        (call.tags.get("import.hold").map(String::as_str) == Some("unknown"))
            .then(|| HOLD_UNKNOWN.to_string())
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
    for &(s, e) in &v.holds {
        let ongoing = !v.complete && e >= v.end;
        let len = if ongoing { v.now - s } else { e - s };
        if len > max_secs {
            let msg = format!(
                "a hold from {} lasted {:.0} s (limit {max_secs:.0} s)",
                clock(s),
                len
            );
            return fail(msg, vec![event_evidence("hold", s)]);
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    if v.holds.is_empty() {
        return na("no hold on this call");
    }
    let longest = v.holds.iter().map(|(s, e)| e - s).fold(0.0, f64::max);
    Decision::Pass(vec![Evidence::fact(
        v.holds[0].0,
        v.holds[0].1,
        format!("longest hold {longest:.0} s"),
    )])
}
