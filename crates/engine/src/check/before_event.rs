//! `before_event`: words expected shortly before an event: asking permission before a
//! hold, announcing a transfer. Words count for the first event after them
//! only: one announcement does not cover two transfers.

use callqa_model::{Call, Lang};

use super::shared::{event_evidence, event_times, hold_unknown, times};
use super::{fail, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};
use crate::messages::{self as msg, m, Msg};
use crate::standard::{EventSel, SetMask, SpeakerSel};

/// The parameters of a `before_event` check.
#[derive(Clone, Debug, PartialEq)]
pub struct BeforeEvent {
    /// The event the words must precede.
    pub event: EventSel,
    /// How many seconds before the event the words may come.
    pub within: f64,
    /// The phrases expected.
    pub sets: SetMask,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
}

impl Kind for BeforeEvent {
    const SIGNALS: Signals = Signals::TRANSCRIPT_AND_EVENTS;
    const LIVENESS: Liveness = Liveness::Early;

    fn unknown_signal(&self, call: &Call, lang: Lang) -> Option<String> {
        hold_unknown(call, self.event, lang)
    }

    /// Words matter only once the event has happened.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        matches!(pushed, Pushed::Event) || !times(v, self.event).is_empty()
    }

    fn decide(&self, v: &CallView) -> Decision {
        before(v, self.event, self.within, &self.sets, self.speaker)
    }
}

fn before(
    v: &CallView,
    sel: EventSel,
    within: f64,
    sets: &SetMask,
    speaker: SpeakerSel,
) -> Decision {
    let at = match event_times(v, sel, sets) {
        Ok(at) => at,
        Err(d) => return d,
    };
    let mut evidence = Vec::new();
    // Words said before an earlier event of the same kind were for that
    // one: one announcement does not cover two transfers.
    let mut prev = f64::NEG_INFINITY;
    for &t in &at {
        let from = t - within;
        let near: Vec<usize> = (0..v.utts().len())
            .filter(|&i| {
                let u = &v.utts()[i];
                speaker.accepts(u.speaker) && u.start <= t + 0.5 && u.end >= from && u.start >= prev
            })
            .collect();
        prev = prev.max(t);
        match near
            .iter()
            .find_map(|&i| v.matches(i, sets, true).next().map(|m| v.quote(i, m)))
        {
            Some(e) => evidence.push(e),
            None => {
                if !v.complete && v.now < t + 10.0 {
                    return Decision::Pending;
                }
                let lang = v.out();
                let who = msg::speaker(lang, speaker);
                let said = if near.is_empty() {
                    m!(lang, Msg::SaidNothingBefore, who = who, secs = within)
                } else {
                    m!(
                        lang,
                        Msg::Said,
                        who = who,
                        said = v.said(&near[near.len().saturating_sub(2)..])
                    )
                };
                let event = msg::event(lang, sel);
                let mut ev = vec![event_evidence(lang, event, t)];
                ev.extend(near.last().map(|&i| v.utt_evidence(i)));
                return fail(
                    m!(
                        lang,
                        Msg::NotHeardBefore,
                        event = event,
                        event_rel = msg::event_rel(lang, sel),
                        at = clock(t),
                        sets = sets.label_in(lang),
                        said = said
                    ),
                    ev,
                );
            }
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    Decision::Pass(evidence)
}
