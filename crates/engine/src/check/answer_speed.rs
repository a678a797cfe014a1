//! `answer_speed`: the call must be answered by ring `max_rings` (a ring lasts
//! `settings.ring_cycle_secs`).

use callqa_model::{Call, EventKind, Evidence, Lang};

use super::shared::event_evidence;
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};
use crate::messages::{self as msg, m, Msg, Noun};

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
    fn unknown_signal(&self, call: &Call, lang: Lang) -> Option<String> {
        if call.tags.get("import.ring").map(String::as_str) == Some("unknown") {
            return Some(m!(lang, Msg::RingUnknown));
        }
        let ring = call
            .events
            .iter()
            .find(|e| matches!(e.kind, EventKind::Ring))
            .map(|e| e.at);
        match (ring, call.answered_at()) {
            (None, _) => Some(m!(lang, Msg::NoRing)),
            (Some(r), Some(a)) if r >= a => Some(m!(lang, Msg::NoRingBeforeAnswer, at = clock(a))),
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
    let lang = v.out();
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
            let secs = format!("{:.1}", a - ring_at);
            let ev = vec![Evidence::fact(
                a,
                a,
                m!(lang, Msg::AnsweredOnRing, ring = rings, secs = secs),
            )];
            if rings <= max_rings as u64 {
                Decision::Pass(ev)
            } else {
                fail(
                    m!(
                        lang,
                        Msg::AnsweredLate,
                        ring = rings,
                        secs = secs,
                        max = max_rings
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
                let what = m!(lang, Msg::EndOfRinging);
                let ev = vec![event_evidence(lang, &what, ring_at + rang)];
                return fail(
                    m!(
                        lang,
                        Msg::NotAnsweredRang,
                        secs = format!("{rang:.0}"),
                        max = max_rings
                    ),
                    ev,
                );
            }
            if !v.complete {
                return Decision::Pending;
            }
            na(m!(
                lang,
                Msg::MissedShort,
                secs = format!("{rang:.0}"),
                rings = msg::count(lang, max_rings.into(), Noun::Ring)
            ))
        }
    }
}
