//! `answer_speed`: the call must be answered by ring `max_rings` (a ring lasts
//! `settings.ring_cycle_secs`).

use callqa_model::{Call, EventKind, Evidence};

use super::shared::event_evidence;
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};

/// The parameters of a `answer_speed` check.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerSpeed {
    /// The last ring the answer may come on (default 3).
    pub max_rings: u32,
}

impl Kind for AnswerSpeed {
    const SIGNALS: Signals = Signals::EVENTS;
    const LIVENESS: Liveness = Liveness::Early;

    /// Rings can be counted only when the record has ring data: a `ring`
    /// event strictly before the answer and no `import.ring = "unknown"`
    /// (transcript-only imports have ring and answer at the same instant).
    fn unknown_signal(&self, call: &Call) -> Option<String> {
        if call.tags.get("import.ring").map(String::as_str) == Some("unknown") {
            return Some("the source does not record ringing (import.ring = unknown)".into());
        }
        let ring = call
            .events
            .iter()
            .find(|e| matches!(e.kind, EventKind::Ring))
            .map(|e| e.at);
        match (ring, call.answered_at()) {
            (None, _) => Some("no ring in the record: the rings cannot be counted".into()),
            (Some(r), Some(a)) if r >= a => Some(format!(
                "no ringing before the answer at {}: the rings cannot be counted",
                clock(a)
            )),
            _ => None,
        }
    }

    /// Decided once the answer comes, or when the ringing outlasts the
    /// limit: only time passing matters before that.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        matches!(pushed, Pushed::Event) || v.answer.is_none()
    }

    fn decide(&self, v: &CallView) -> Decision {
        answer_speed(v, self.max_rings)
    }
}

fn answer_speed(v: &CallView, max_rings: u32) -> Decision {
    let cycle = v.std.settings.ring_cycle_secs;
    let limit = max_rings as f64 * cycle;
    let ring_at = v
        .call
        .events
        .iter()
        .find(|e| matches!(e.kind, EventKind::Ring))
        .map(|e| e.at)
        .unwrap_or(0.0);
    match v.answer {
        Some(a) => {
            let rings = ((a - ring_at) / cycle).floor() as u64 + 1;
            let ev = vec![Evidence::fact(
                a,
                a,
                format!("answered on ring {rings} ({:.1} s)", a - ring_at),
            )];
            if rings <= max_rings as u64 {
                Decision::Pass(ev)
            } else {
                fail(
                    format!(
                        "answered on ring {rings} ({:.1} s); the limit is ring {max_rings}",
                        a - ring_at
                    ),
                    ev,
                )
            }
        }
        None => {
            let rang = if v.complete {
                v.end - ring_at
            } else {
                v.now - ring_at
            };
            if rang > limit {
                let ev = vec![event_evidence("end of ringing", ring_at + rang)];
                return fail(
                    format!("not answered: it rang {rang:.0} s, past ring {max_rings}"),
                    ev,
                );
            }
            if !v.complete {
                return Decision::Pending;
            }
            na(format!(
                "missed call that rang {rang:.0} s, less than {max_rings} rings"
            ))
        }
    }
}
