//! Live input validation in one place: every event and utterance of a live
//! call passes [`admit`] before it reaches the session, with the batch
//! reader's limits (`callqa_model::limits`). Messages name the field and
//! quote the bad value, as the batch reader's do.

use callqa_model::limits::{MAX_EVENTS, MAX_TEXT_BYTES, MAX_UTTERANCES};
use callqa_model::{Event, EventKind, Party, Utterance};

use super::protocol::{EventIn, UtteranceIn};

/// What validation remembers of a call's timeline.
#[derive(Clone, Debug, Default)]
pub(crate) struct Timeline {
    last_event: f64,
    events: usize,
    utterances: usize,
    /// The call hung up or dropped.
    ended: bool,
    /// Start of the last utterance given to the session.
    last_start: f64,
}

impl Timeline {
    /// The timeline of a `start` message's own events and utterances
    /// (already checked by the call record parser).
    pub(crate) fn of(events: &[Event], utterances: &[Utterance]) -> Timeline {
        Timeline {
            last_event: events.last().map_or(0.0, |e| e.at),
            events: events.len(),
            utterances: utterances.len(),
            ended: events
                .last()
                .is_some_and(|e| matches!(e.kind, EventKind::Hangup { .. } | EventKind::Drop)),
            last_start: utterances.last().map_or(0.0, |u| u.start),
        }
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
            if t.ended {
                return Err(format!(
                    "event.at: a {} event after the call's hangup or drop",
                    e.kind
                ));
            }
            if !e.at.is_finite() || e.at < 0.0 {
                return Err(format!("event.at: {} is not a time in seconds ≥ 0", e.at));
            }
            if e.at < t.last_event {
                return Err(format!(
                    "event.at: {:.1} is earlier than the previous event at {:.1}",
                    e.at, t.last_event
                ));
            }
            if t.events >= MAX_EVENTS {
                return Err(format!("event: more than {MAX_EVENTS} events in one call"));
            }
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
            t.ended = matches!(kind, EventKind::Hangup { .. } | EventKind::Drop);
            t.last_event = e.at;
            t.events += 1;
            Ok(Admitted::Event(Event { at: e.at, kind }))
        }
        Item::Segment(u) => {
            let u = utterance(u)?;
            Ok(Admitted::Utterance(u))
        }
        Item::Release(u) => {
            if u.start < t.last_start {
                return Err(format!(
                    "utterance.start: {:.1} is earlier than the previous utterance at {:.1}",
                    u.start, t.last_start
                ));
            }
            if t.utterances >= MAX_UTTERANCES {
                return Err(format!(
                    "utterance: more than {MAX_UTTERANCES} utterances in one call"
                ));
            }
            t.last_start = u.start;
            t.utterances += 1;
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
