//! FreeSWITCH `CHANNEL_*` events → calls in progress → v2 messages.
//!
//! A call is its A-leg (the channel facing the caller: `Call-Direction:
//! inbound`); B-leg events (`outbound`) are routed to it by
//! `Other-Leg-Unique-ID`/`Channel-Call-UUID`. After each A-leg event the
//! latest headers are read by the importer's own FreeSWITCH parser
//! (`callqa_import::freeswitch::parse`) as if the channel had hung up far
//! in the future, so caller, callee, agent, queue and direction mean what
//! they mean in an import; holds come from `CHANNEL_HOLD`/`CHANNEL_UNHOLD`
//! as they happen. The A-leg's `CHANNEL_HANGUP_COMPLETE` is read as the
//! importer reads it and ends the call (who hung up from
//! `sip_hangup_disposition`). When the importer only has the hold total
//! (`hold_accum_seconds`) the holds seen live are kept instead: they are
//! exact.

use std::collections::{HashMap, HashSet};

use callqa_import::parts::{EventCall, RawEvent};
use callqa_import::{freeswitch, Mapping, ParseCtx, Zone};

use super::frame::{fields, get};
use crate::protocol::Message;
use crate::record::call_from_events;
use crate::tracker::Tracker;

/// Seconds after the latest event where the placeholder end of a call in
/// progress is put.
const PLACEHOLDER: f64 = 1.0e6;

/// At most this many calls in progress; past it the oldest is dropped.
pub const MAX_OPEN_CALLS: usize = 20_000;

/// Headers the placeholder hang-up must not inherit from a live event.
const ENDING: &[&str] = &[
    "Event-Name",
    "Caller-Channel-Hangup-Time",
    "Caller-Channel-Hold-Accum",
    "Caller-Channel-Last-Hold",
    "Hangup-Cause",
    "variable_hold_events",
    "variable_hold_accum_seconds",
    "variable_hold_accum_ms",
    "variable_hold_accum_usec",
    "variable_last_hold_epoch",
    "variable_last_hold_uepoch",
    "variable_end_epoch",
    "variable_end_uepoch",
    "variable_sip_hangup_disposition",
    "variable_hangup_cause",
];

#[derive(Debug, Default)]
struct Chan {
    /// The latest A-leg event body, as sent.
    body: String,
    /// Holds seen live: Unix seconds of start and end.
    holds: Vec<(f64, Option<f64>)>,
    tracker: Tracker,
    seq: u64,
}

/// The calls in progress on one event socket (kept across reconnects).
#[derive(Default)]
pub struct EslCalls {
    mapping: Mapping,
    zone: Option<Zone>,
    calls: HashMap<String, Chan>,
    /// B-leg uuid → A-leg uuid.
    legs: HashMap<String, String>,
    seq: u64,
    /// Calls that ended: a late event of theirs does not start them again.
    finished: HashSet<String>,
}

/// A µs (or s) Unix time header.
fn micros(v: &str) -> Option<f64> {
    let x: f64 = v.trim().parse().ok()?;
    (x.is_finite() && x > 0.0).then(|| if x > 1e14 { x / 1e6 } else { x })
}

impl EslCalls {
    /// A tracker with no calls yet; `mapping` says which legs are operators, `zone` reads stamps without an offset.
    pub fn new(mapping: Mapping, zone: Option<Zone>) -> EslCalls {
        EslCalls {
            mapping,
            zone,
            ..EslCalls::default()
        }
    }

    /// How many calls are in progress.
    pub fn open_calls(&self) -> usize {
        self.calls.len()
    }

    /// One plain event body; the messages it gives.
    pub fn feed(&mut self, body: &str) -> Vec<Message> {
        let mut out = Vec::new();
        let f = fields(body);
        let name = get(&f, "Event-Name");
        let uuid = get(&f, "Unique-ID").to_string();
        if uuid.is_empty() || !name.starts_with("CHANNEL_") {
            return out;
        }
        let other_type = get(&f, "Other-Type");
        let direction = {
            let d = get(&f, "Call-Direction");
            if d.is_empty() {
                get(&f, "Caller-Direction")
            } else {
                d
            }
        };
        let b_leg =
            other_type == "originator" || (other_type.is_empty() && direction == "outbound");
        let a = if b_leg {
            let call_uuid = get(&f, "Channel-Call-UUID");
            let other = get(&f, "Other-Leg-Unique-ID");
            let a = [other, call_uuid]
                .into_iter()
                .find(|u| !u.is_empty() && *u != uuid && self.calls.contains_key(*u))
                .map(str::to_string)
                .or_else(|| self.legs.get(&uuid).cloned());
            match a {
                Some(a) => {
                    self.legs.insert(uuid.clone(), a.clone());
                    a
                }
                None => return out, // a B-leg of a call we never saw begin
            }
        } else {
            uuid.clone()
        };
        if self.finished.contains(&a) {
            return out;
        }
        let at = micros(get(&f, "Event-Date-Timestamp"));
        if !self.calls.contains_key(&a) && self.calls.len() >= MAX_OPEN_CALLS {
            if let Some(k) = self
                .calls
                .iter()
                .min_by_key(|(_, c)| c.seq)
                .map(|(k, _)| k.clone())
            {
                self.calls.remove(&k);
            }
        }
        self.seq += 1;
        let seq = self.seq;
        let c = self.calls.entry(a.clone()).or_insert_with(|| Chan {
            seq,
            ..Chan::default()
        });
        match (name, at) {
            ("CHANNEL_HOLD", Some(t)) if c.holds.last().is_none_or(|h| h.1.is_some()) => {
                c.holds.push((t, None));
            }
            ("CHANNEL_UNHOLD", Some(t)) => {
                if let Some(h) = c.holds.last_mut().filter(|h| h.1.is_none()) {
                    h.1 = Some(t.max(h.0));
                }
            }
            _ => {}
        }
        if b_leg {
            if name == "CHANNEL_HANGUP_COMPLETE" {
                self.legs.remove(&uuid);
            } else if matches!(name, "CHANNEL_HOLD" | "CHANNEL_UNHOLD") {
                self.progress(&a, &mut out);
            }
            return out;
        }
        if name == "CHANNEL_HANGUP_COMPLETE" {
            self.finish(&a, body, &mut out);
        } else {
            c.body = body.to_string();
            self.progress(&a, &mut out);
        }
        out
    }

    fn parse(&self, body: &str) -> Option<EventCall> {
        let mut ctx = ParseCtx::new("esl", self.zone.as_ref());
        freeswitch::parse(body, &mut ctx).into_iter().next()
    }

    fn progress(&mut self, a: &str, out: &mut Vec<Message>) {
        let Some(c) = self.calls.get(a) else { return };
        let f = fields(&c.body);
        let now = micros(get(&f, "Event-Date-Timestamp"))
            .or_else(|| micros(get(&f, "Caller-Channel-Created-Time")));
        let Some(now) = now else { return };
        let mut body = String::from("Event-Name: CHANNEL_HANGUP_COMPLETE\n");
        for l in c.body.lines().filter(|l| !l.trim().is_empty()) {
            let key = l.split_once(':').map(|(k, _)| k.trim()).unwrap_or("");
            if !ENDING.iter().any(|e| e.eq_ignore_ascii_case(key)) {
                body.push_str(l);
                body.push('\n');
            }
        }
        body.push_str(&format!(
            "Caller-Channel-Hangup-Time: {:.0}\n\n",
            (now + PLACEHOLDER) * 1e6
        ));
        let Some(mut ev) = self.parse(&body) else {
            return;
        };
        // The placeholder end says nothing about who hung up.
        ev.tags
            .retain(|k, _| !k.starts_with("freeswitch.") && k != "import.hold");
        add_holds(&mut ev, &c.holds);
        let (mut call, known) = call_from_events(&ev, &self.mapping);
        call.tags.retain(|k, _| !k.starts_with("import.hangup"));
        let until = call
            .events
            .last()
            .map(|e| e.at - PLACEHOLDER / 2.0)
            .unwrap_or(f64::INFINITY);
        if let Some(c) = self.calls.get_mut(a) {
            c.tracker.progress(&call, known, until, out);
        }
    }

    fn finish(&mut self, a: &str, body: &str, out: &mut Vec<Message>) {
        let Some(mut c) = self.calls.remove(a) else {
            return;
        };
        self.legs.retain(|_, v| v != a);
        if self.finished.len() >= 4 * MAX_OPEN_CALLS {
            self.finished.clear();
        }
        self.finished.insert(a.to_string());
        let Some(mut ev) = self.parse(body) else {
            return;
        };
        if ev.tags.contains_key("import.hold") && !c.holds.is_empty() {
            // The importer has only the total; the live holds are exact.
            ev.tags.remove("import.hold");
            ev.events
                .retain(|(_, e)| !matches!(e, RawEvent::HoldStart | RawEvent::HoldEnd));
            add_holds(&mut ev, &c.holds);
        }
        let (call, _) = call_from_events(&ev, &self.mapping);
        c.tracker.finish(&call, out);
    }
}

/// Adds the live holds to a parsed call (seconds from its start).
fn add_holds(ev: &mut EventCall, holds: &[(f64, Option<f64>)]) {
    let start = ev.start.unix_timestamp_nanos() as f64 / 1e9;
    for (a, b) in holds {
        ev.events.push((a - start, RawEvent::HoldStart));
        if let Some(b) = b {
            ev.events.push((b - start, RawEvent::HoldEnd));
        }
    }
}
