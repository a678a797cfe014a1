//! `after_event`: words expected in the speaker's first turn after an event: thanks for
//! waiting after a hold.

use callqa_model::{Call, Lang};

use super::shared::{event_evidence, event_times, hold_unknown, times};
use super::{fail, na, Decision, Kind, Liveness, Pushed, Signals};
use crate::context::{clock, CallView};
use crate::messages::{self as msg, m, Msg};
use crate::standard::{EventSel, SetMask, SpeakerSel};

/// The parameters of a `after_event` check.
#[derive(Clone, Debug, PartialEq)]
pub struct AfterEvent {
    /// The event the words must follow.
    pub event: EventSel,
    /// How many seconds after the event the speaker must start.
    pub within: f64,
    /// The phrases expected.
    pub sets: SetMask,
    /// Whose speech is checked (default: the operator).
    pub speaker: SpeakerSel,
}

impl Kind for AfterEvent {
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
        after(v, self.event, self.within, &self.sets, self.speaker)
    }
}

fn after(
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
    let utts = v.utts();
    let mut evidence = Vec::new();
    let mut checked = 0;
    for &t in &at {
        let Some(first) =
            (0..utts.len()).find(|&i| speaker.accepts(utts[i].speaker) && utts[i].start >= t - 0.5)
        else {
            if !v.complete {
                return Decision::Pending;
            }
            continue; // the call ended without more words from the speaker
        };
        checked += 1;
        // The speaker's words from there until the other side takes a turn.
        let mut turn = vec![first];
        for (i, u) in utts.iter().enumerate().skip(first + 1) {
            if speaker.accepts(u.speaker) {
                turn.push(i);
            } else if !v.an[i].backchannel {
                break;
            }
        }
        let late = utts[first].start > t + within;
        let hit = if late {
            None
        } else {
            turn.iter()
                .find_map(|&i| v.matches(i, sets, true).next().map(|m| v.quote(i, m)))
        };
        match hit {
            Some(e) => evidence.push(e),
            None => {
                let turn_complete = turn.last().is_some_and(|&l| l + 1 < utts.len());
                if !v.complete && !turn_complete && !late {
                    return Decision::Pending;
                }
                let lang = v.out();
                let (event, event_rel) = (msg::event(lang, sel), msg::event_rel(lang, sel));
                let text = if late {
                    m!(
                        lang,
                        Msg::AfterLate,
                        event = event,
                        event_rel = event_rel,
                        at = clock(t),
                        who = msg::speaker(lang, speaker),
                        secs = format!("{:.0}", utts[first].start - t),
                        said = v.said(&turn),
                        sets = sets.label_in(lang)
                    )
                } else {
                    m!(
                        lang,
                        Msg::AfterFirstWords,
                        event = event,
                        event_rel = event_rel,
                        at = clock(t),
                        whose = msg::speaker_of(lang, speaker),
                        said = v.said(&turn),
                        sets = sets.label_in(lang)
                    )
                };
                return fail(
                    text,
                    vec![event_evidence(lang, event, t), v.utt_evidence(first)],
                );
            }
        }
    }
    if !v.complete {
        return Decision::Pending;
    }
    if checked == 0 {
        let lang = v.out();
        return na(m!(
            lang,
            Msg::DidNotSpeakAfter,
            who = msg::speaker(lang, speaker),
            event = msg::event(lang, sel),
            event_rel = msg::event_rel(lang, sel)
        ));
    }
    Decision::Pass(evidence)
}
