//! A telephony call as the importers' parsers see it
//! ([`callqa_import::EventCall`]: legs and sides) made into the call
//! record's terms (operator, client, direction, `hangup.by`) by the
//! importer's own [`callqa_import::join::skeleton`], then the record's event
//! invariants applied to the events a live source has seen so far; the
//! replay tests compare the result with the importer's record.

use callqa_import::join::skeleton;
use callqa_import::parts::EventCall;
use callqa_import::Mapping;
use callqa_model::{Call, Event, EventKind};

/// The record of `ev`, and whether the operator's leg is known yet (a
/// queue call knows its agent only once the agent's phone rings).
pub fn call_from_events(ev: &EventCall, mapping: &Mapping) -> (Call, bool) {
    let sk = skeleton(ev, mapping);
    let mut call = sk.call;
    normalize_events(&mut call);
    (call, sk.operator_known)
}

/// Rounds seconds to microseconds (the sources' precision).
pub(crate) fn round_us(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// The record's event invariants, as the importer applies them: sorted,
/// one ring and one answer, holds only after the answer and paired, the
/// terminal `hangup`/`drop` last (a hold still open ends with it).
fn normalize_events(call: &mut Call) {
    let mut events: Vec<Event> = std::mem::take(&mut call.events)
        .into_iter()
        .filter(|e| e.at.is_finite())
        .map(|mut e| {
            e.at = round_us(e.at.max(0.0));
            e
        })
        .collect();
    events.sort_by(|a, b| a.at.total_cmp(&b.at));
    let terminal_idx = events
        .iter()
        .rposition(|e| matches!(e.kind, EventKind::Hangup { .. } | EventKind::Drop));
    let terminal = match terminal_idx {
        Some(i) => Some(events.remove(i)),
        None if !events.is_empty() => {
            let at = events.last().map(|e| e.at).unwrap_or(0.0);
            call.tags.insert("import.end".into(), "missing".into());
            Some(Event {
                at,
                kind: EventKind::Drop,
            })
        }
        None => None,
    };
    let mut out = Vec::with_capacity(events.len() + 2);
    let (mut rung, mut answered, mut in_hold) = (false, false, false);
    let end_at = terminal.as_ref().map(|t| t.at).unwrap_or(f64::INFINITY);
    for mut e in events {
        e.at = e.at.min(end_at);
        match e.kind {
            EventKind::Ring if rung || answered => continue,
            EventKind::Ring => rung = true,
            EventKind::Answer if answered => continue,
            EventKind::Answer => answered = true,
            EventKind::HoldStart if in_hold || !answered => continue,
            EventKind::HoldStart => in_hold = true,
            EventKind::HoldEnd if !in_hold => continue,
            EventKind::HoldEnd => in_hold = false,
            EventKind::Hangup { .. } | EventKind::Drop => continue,
            EventKind::Transfer { .. } => {}
        }
        out.push(e);
    }
    if let Some(t) = terminal {
        if in_hold {
            out.push(Event {
                at: t.at,
                kind: EventKind::HoldEnd,
            });
        }
        out.push(t);
    }
    call.events = out;
}
