//! A telephony call as the importers' parsers see it
//! ([`callqa_import::EventCall`]: legs and sides) made into the call
//! record's terms (operator, client, direction, `hangup.by`), with the
//! record's invariants applied.
//!
//! This is the importer's own mapping (`callqa_import::join`'s
//! `call_from_events` and `normalize`, crate-private there), restated here
//! so a live source builds the same record the importer builds from the same
//! session; the replay tests compare the two. When the importer makes those
//! two functions public this file shrinks to a call of them.

use callqa_import::parts::{EventCall, RawEvent, Side};
use callqa_import::Mapping;
use callqa_model::{Call, Client, Direction, Event, EventKind, Operator, Party};

/// The record of `ev`, and whether the operator's leg is known yet (a
/// queue call knows its agent only once the agent's phone rings).
pub fn call_from_events(ev: &EventCall, mapping: &Mapping) -> (Call, bool) {
    let mut tags = ev.tags.clone();
    let op_side = match mapping.operator_side(ev) {
        Ok((side, why)) => {
            tags.insert("import.roles".into(), why);
            side
        }
        Err(_) => {
            tags.insert("import.roles".into(), "assumed inbound".into());
            Side::Callee
        }
    };
    let direction = match op_side {
        Side::Callee => Direction::Inbound,
        Side::Caller => Direction::Outbound,
    };
    let callee = ev.callees.first().cloned().unwrap_or_default();
    let (op_leg, cl_leg) = match op_side {
        Side::Callee => (&callee, &ev.caller),
        Side::Caller => (&ev.caller, &callee),
    };
    let known =
        op_leg.number.as_deref().is_some_and(|n| !n.is_empty()) || !op_leg.device().is_empty();
    let operator = Operator {
        id: op_leg
            .number
            .clone()
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| {
                let d = op_leg.device();
                if d.is_empty() {
                    "unknown".to_string()
                } else {
                    d.to_string()
                }
            }),
        name: op_leg
            .name
            .clone()
            .filter(|n| Some(n) != op_leg.number.as_ref()),
    };
    let client = Client {
        number: cl_leg.number.clone().filter(|n| !n.is_empty()),
        name: cl_leg
            .name
            .clone()
            .filter(|n| !n.is_empty() && Some(n) != cl_leg.number.as_ref()),
        ..Client::default()
    };
    let mut events = Vec::with_capacity(ev.events.len());
    for (at, raw) in &ev.events {
        let kind = match raw {
            RawEvent::Ring => EventKind::Ring,
            RawEvent::Answer => EventKind::Answer,
            RawEvent::HoldStart => EventKind::HoldStart,
            RawEvent::HoldEnd => EventKind::HoldEnd,
            RawEvent::Transfer(to) => EventKind::Transfer { to: to.clone() },
            RawEvent::Drop => EventKind::Drop,
            RawEvent::Hangup(Some(side)) => EventKind::Hangup {
                by: if *side == op_side {
                    Party::Operator
                } else {
                    Party::Client
                },
            },
            RawEvent::Hangup(None) => {
                tags.insert("import.hangup_by".into(), "unknown".into());
                EventKind::Hangup { by: Party::Client }
            }
        };
        events.push(Event { at: *at, kind });
    }
    let mut call = Call {
        id: ev.id.clone(),
        direction,
        started_at: Some(ev.start),
        language: None,
        company: None,
        department: None,
        operator,
        client,
        tags,
        events,
        utterances: Vec::new(),
    };
    normalize_events(&mut call);
    (call, known)
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
