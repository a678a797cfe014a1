//! Live input validation in one place: every event and utterance of a live
//! call passes [`admit`] before it reaches the session. The timeline rules
//! (order, holds, nothing after the hangup, time and size limits) are the
//! call model's incremental validator, [`TimelineState`], so a live stream
//! and `callqa audit` refuse the same bad timeline with the same message;
//! this module only turns the protocol's fields into events and utterances.

use callqa_model::limits::MAX_TEXT_BYTES;
use callqa_model::{Event, EventKind, Party, TimelineState, Utterance};

use super::protocol::{EventIn, UtteranceIn};

/// What validation remembers of a call's timeline.
#[derive(Clone, Debug, Default)]
pub(crate) struct Timeline {
    state: TimelineState,
}

impl Timeline {
    /// The timeline of a `start` message's own events and utterances
    /// (already checked by the call record parser).
    pub(crate) fn of(events: &[Event], utterances: &[Utterance]) -> Timeline {
        let mut state = TimelineState::new();
        for e in events {
            let _ = state.push_event(e);
        }
        for u in utterances {
            let _ = state.push_utterance(u);
        }
        Timeline { state }
    }
}

/// One item a live call receives.
pub(crate) enum Item {
    /// A telephony event.
    Event(EventIn),
    /// An utterance's fields, final or not, before it is buffered.
    Segment(UtteranceIn),
    /// A final utterance, about to be evaluated (in start order).
    Release(Utterance),
}

/// What an admitted item becomes.
pub(crate) enum Admitted {
    Event(Event),
    Utterance(Utterance),
}

/// Checks one item against the call's timeline and the limits, and records
/// it. The single live validation function.
pub(crate) fn admit(t: &mut Timeline, item: Item) -> Result<Admitted, String> {
    match item {
        Item::Event(e) => {
            let kind = match e.kind.as_str() {
                "ring" => EventKind::Ring,
                "answer" => EventKind::Answer,
                "hold_start" => EventKind::HoldStart,
                "hold_end" => EventKind::HoldEnd,
                "transfer" => EventKind::Transfer { to: e.to },
                "drop" => EventKind::Drop,
                "hangup" => EventKind::Hangup {
                    by: party(
                        e.by.as_deref().ok_or("event.by: missing on a hangup")?,
                        "event.by",
                    )?,
                },
                other => return Err(format!("event.type: unknown event \"{other}\"")),
            };
            let event = Event { at: e.at, kind };
            t.state.push_event(&event).map_err(|e| e.to_string())?;
            Ok(Admitted::Event(event))
        }
        // A segment may still change: only its fields are checked now, its
        // place in the timeline when it is released.
        Item::Segment(u) => Ok(Admitted::Utterance(utterance(u)?)),
        Item::Release(u) => {
            t.state.push_utterance(&u).map_err(|e| e.to_string())?;
            Ok(Admitted::Utterance(u))
        }
    }
}

fn utterance(u: UtteranceIn) -> Result<Utterance, String> {
    if !(u.start.is_finite() && u.end.is_finite() && u.start >= 0.0 && u.end >= u.start) {
        return Err(format!(
            "utterance: start {} and end {} are not a time span",
            u.start, u.end
        ));
    }
    if u.text.len() > MAX_TEXT_BYTES {
        return Err(format!(
            "utterance.text: {} bytes, more than the limit of {MAX_TEXT_BYTES}",
            u.text.len()
        ));
    }
    Ok(Utterance {
        speaker: party(&u.speaker, "utterance.speaker")?,
        start: u.start,
        end: u.end,
        text: u.text,
        words: Vec::new(),
    })
}

fn party(s: &str, field: &str) -> Result<Party, String> {
    match s {
        "operator" => Ok(Party::Operator),
        "client" => Ok(Party::Client),
        other => Err(format!(
            "{field}: unknown speaker \"{other}\" (expected \"operator\" or \"client\")"
        )),
    }
}
