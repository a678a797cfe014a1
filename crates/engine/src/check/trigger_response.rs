//! `trigger_response`: when one side says a trigger (an inconvenient time, a wrong number),
//! the other must respond with one of the response phrases.

use callqa_model::EventKind;

use super::shared::pushed_match;
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};
use crate::messages::{self as msg, m, Msg};
use crate::standard::{ResponseWithin, SetMask, SpeakerSel};

/// The parameters of a `trigger_response` check.
#[derive(Clone, Debug, PartialEq)]
pub struct TriggerResponse {
    /// The trigger phrases.
    pub trigger: SetMask,
    /// Who says the trigger (default: the client).
    pub trigger_speaker: SpeakerSel,
    /// The phrases expected in response.
    pub response: SetMask,
    /// Who must respond (default: the operator).
    pub response_speaker: SpeakerSel,
    /// How soon the response must come.
    pub within: ResponseWithin,
}

impl Kind for TriggerResponse {
    const SIGNALS: Signals = Signals::TRANSCRIPT;
    const LIVENESS: Liveness = Liveness::Early;

    /// Decided early only by a response to a trigger: a new match of
    /// either.
    fn affected_by(&self, v: &CallView, pushed: Pushed) -> bool {
        pushed_match(v, pushed, &self.trigger, SpeakerSel::Any)
            || pushed_match(v, pushed, &self.response, SpeakerSel::Any)
    }

    fn decide(&self, v: &CallView) -> Decision {
        trigger_response(
            v,
            &self.trigger,
            self.trigger_speaker,
            &self.response,
            self.response_speaker,
            self.within,
        )
    }
}

fn trigger_response(
    v: &CallView,
    trigger: &SetMask,
    trigger_speaker: SpeakerSel,
    response: &SetMask,
    response_speaker: SpeakerSel,
    within: ResponseWithin,
) -> Decision {
    let utts = v.utts();
    let Some((ti, tev)) = (0..utts.len())
        .filter(|&i| trigger_speaker.accepts(utts[i].speaker))
        .find_map(|i| {
            v.matches(i, trigger, true)
                .next()
                .map(|m| (i, v.quote(i, m)))
        })
    else {
        return if v.complete {
            na(m!(
                v.out(),
                Msg::NoTrigger,
                whose = msg::speaker_of(v.out(), trigger_speaker),
                sets = trigger.label_in(v.out())
            ))
        } else {
            Decision::Pending
        };
    };
    let candidates: Vec<usize> = match within {
        ResponseWithin::RestOfCall => (ti..utts.len())
            .filter(|&i| response_speaker.accepts(utts[i].speaker))
            .collect(),
        ResponseWithin::SameOrNextTurn => {
            let turn_of = |i: usize| v.turns.iter().position(|t| t.utts.contains(&i));
            let mut out = Vec::new();
            if let Some(t) = turn_of(ti) {
                let own = v.turns[t..]
                    .iter()
                    .filter(|t| response_speaker.accepts(t.speaker))
                    .take(2);
                for turn in own {
                    out.extend(turn.utts.iter().copied().filter(|&i| i >= ti));
                }
            }
            // A transfer hands the line to someone else: what the next
            // person says («ինչո՞վ կարող եմ օգնել» of another department)
            // is no response of the operator who said the trigger.
            let handed_over = v
                .call
                .events
                .iter()
                .filter(|e| matches!(e.kind, EventKind::Transfer { .. }))
                .map(|e| e.at)
                .filter(|&at| at >= utts[ti].start)
                .fold(f64::INFINITY, f64::min);
            out.retain(|&i| utts[i].start < handed_over);
            out
        }
    };
    for &i in &candidates {
        if let Some(m) = v.matches(i, response, true).next() {
            return Decision::Pass(vec![tev, v.quote(i, m)]);
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    let lang = v.out();
    let text = m!(
        lang,
        Msg::NoResponse,
        who = msg::speaker(lang, trigger_speaker),
        quote = tev.quote,
        at = clock(tev.start),
        other = msg::speaker(lang, response_speaker),
        sets = response.label_in(lang)
    );
    fail(text, vec![tev])
}
