//! From "the record of the call so far" to v2 messages: a PBX client
//! rebuilds a call's record after each event that matters (with the
//! importer's own parser) and the [`Tracker`] sends what is new since the
//! last time — the `start` once the call is worth announcing, each new
//! event once, an `update` when the operator, the client or a tag changed,
//! and the `end` with the final record. Events already sent are never
//! re-sent or retracted.

use std::collections::BTreeMap;

use callqa_model::limits::MAX_SECONDS;
use callqa_model::{Call, Event, EventKind};

use crate::protocol::{CallHead, Message, Update};

/// What has been sent about one call.
#[derive(Debug, Default)]
pub struct Tracker {
    head: Option<CallHead>,
    sent: Vec<Event>,
}

fn same(a: &Event, b: &Event) -> bool {
    a.kind == b.kind && (a.at - b.at).abs() < 1e-6
}

impl Tracker {
    /// Whether the `start` was sent.
    pub fn started(&self) -> bool {
        self.head.is_some()
    }

    /// The call id the `start` announced.
    pub fn id(&self) -> Option<&str> {
        self.head.as_ref().map(|h| h.id.as_str())
    }

    /// The call so far, rebuilt with a placeholder end at `until` seconds:
    /// only events before `until` are real. `operator_known` says whether
    /// `call.operator` is the real one yet.
    pub fn progress(
        &mut self,
        call: &Call,
        operator_known: bool,
        until: f64,
        out: &mut Vec<Message>,
    ) {
        self.send(call, operator_known, until, out);
    }

    /// The final record: everything not sent yet, then `end`.
    pub fn finish(&mut self, call: &Call, out: &mut Vec<Message>) {
        self.send(call, true, f64::INFINITY, out);
        let id = self.id().unwrap_or(&call.id).to_string();
        out.push(Message::End {
            call: id,
            at: Some(call.ended_at().min(MAX_SECONDS)),
        });
    }

    fn send(&mut self, call: &Call, operator_known: bool, until: f64, out: &mut Vec<Message>) {
        match &mut self.head {
            None => {
                let head = CallHead {
                    id: call.id.clone(),
                    direction: call.direction,
                    started_at: call.started_at,
                    language: call.language,
                    company: call.company.clone(),
                    department: call.department.clone(),
                    operator: operator_known.then(|| call.operator.clone()),
                    client: call.client.clone(),
                    tags: call.tags.clone(),
                };
                out.push(Message::Start { call: head.clone() });
                self.head = Some(head);
            }
            Some(head) => {
                let mut up = Update {
                    call: head.id.clone(),
                    ..Update::default()
                };
                if operator_known && head.operator.as_ref() != Some(&call.operator) {
                    up.operator = Some(call.operator.clone());
                    head.operator = Some(call.operator.clone());
                }
                if head.client != call.client {
                    up.client = Some(call.client.clone());
                    head.client = call.client.clone();
                }
                let changed: BTreeMap<String, String> = call
                    .tags
                    .iter()
                    .filter(|(k, v)| head.tags.get(*k) != Some(*v))
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                if !changed.is_empty() {
                    head.tags.extend(changed.clone());
                    up.tags = changed;
                }
                if !up.is_empty() {
                    out.push(Message::Update(up));
                }
            }
        }
        let id = self.id().unwrap_or(&call.id).to_string();
        let mut unsent: Vec<&Event> = Vec::new();
        let mut sent: Vec<&Event> = self.sent.iter().collect();
        let real = call
            .events
            .iter()
            .filter(|e| e.at < until || (until.is_infinite() && e.at.is_finite()));
        for e in real {
            match sent.iter().position(|s| same(s, e)) {
                Some(i) => {
                    sent.swap_remove(i);
                }
                // A call rings and is answered once: a later, more exact
                // time of either cannot be sent again.
                None if matches!(e.kind, EventKind::Ring | EventKind::Answer)
                    && self.sent.iter().any(|s| s.kind == e.kind) => {}
                None => unsent.push(e),
            }
        }
        let unsent: Vec<Event> = unsent.into_iter().cloned().collect();
        for mut e in unsent {
            // What was sent cannot be taken back: a new event that would
            // break the record's rules after it (a time before the last
            // one sent, a hold inside a hold) is made to fit or left out.
            // Times past the record's limit (a PBX clock gone wrong) are
            // held at the limit, so what was sent stays a valid record.
            let last = self.sent.iter().map(|s| s.at).fold(0.0, f64::max);
            e.at = e.at.max(last).min(MAX_SECONDS);
            let in_hold = self.in_hold();
            let ok = match e.kind {
                EventKind::HoldStart => !in_hold,
                EventKind::HoldEnd => in_hold,
                EventKind::Hangup { .. } | EventKind::Drop => {
                    if in_hold {
                        self.push(
                            &id,
                            Event {
                                at: e.at,
                                kind: EventKind::HoldEnd,
                            },
                            out,
                        );
                    }
                    true
                }
                _ => true,
            };
            if ok {
                self.push(&id, e, out);
            }
        }
    }

    fn in_hold(&self) -> bool {
        self.sent.iter().fold(false, |h, e| match e.kind {
            EventKind::HoldStart => true,
            EventKind::HoldEnd => false,
            _ => h,
        })
    }

    fn push(&mut self, id: &str, e: Event, out: &mut Vec<Message>) {
        self.sent.push(e.clone());
        out.push(Message::Event {
            call: id.to_string(),
            event: e,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callqa_model::{Client, Direction, Operator, Party};

    fn call(events: &[(f64, EventKind)], op: &str, queue: Option<&str>) -> Call {
        Call {
            id: "c1".into(),
            direction: Direction::Inbound,
            started_at: None,
            language: None,
            company: None,
            department: None,
            operator: Operator {
                id: op.into(),
                name: None,
            },
            client: Client::default(),
            tags: queue
                .map(|q| BTreeMap::from([("queue".to_string(), q.to_string())]))
                .unwrap_or_default(),
            events: events
                .iter()
                .map(|(at, kind)| Event {
                    at: *at,
                    kind: kind.clone(),
                })
                .collect(),
            utterances: Vec::new(),
        }
    }

    fn types(m: &[Message]) -> Vec<String> {
        m.iter()
            .map(|m| match m {
                Message::Start { .. } => "start".to_string(),
                Message::Update(_) => "update".to_string(),
                Message::Event { event, .. } => event.kind.type_name().to_string(),
                Message::Utterance(_) => "utterance".to_string(),
                Message::End { .. } => "end".to_string(),
            })
            .collect()
    }

    #[test]
    fn sends_each_event_once_and_never_a_placeholder() {
        let far = 1e6;
        let mut t = Tracker::default();
        let mut out = Vec::new();
        let hangup = EventKind::Hangup { by: Party::Client };
        t.progress(
            &call(
                &[(0.0, EventKind::Ring), (far, hangup.clone())],
                "unknown",
                Some("q"),
            ),
            false,
            far / 2.0,
            &mut out,
        );
        assert_eq!(types(&out), ["start", "ring"]);
        let Message::Start { call: head } = &out[0] else {
            panic!()
        };
        assert_eq!(head.operator, None);
        out.clear();
        // The agent is known and the call answered: an update and the answer.
        let now = [
            (0.0, EventKind::Ring),
            (5.0, EventKind::Answer),
            (far, hangup.clone()),
        ];
        t.progress(&call(&now, "1003", Some("q")), true, far / 2.0, &mut out);
        assert_eq!(types(&out), ["update", "answer"]);
        out.clear();
        // The same again: nothing new.
        t.progress(&call(&now, "1003", Some("q")), true, far / 2.0, &mut out);
        assert!(out.is_empty(), "{out:?}");
        // A later, different answer time is not sent again.
        let moved = [
            (0.0, EventKind::Ring),
            (6.0, EventKind::Answer),
            (far, hangup.clone()),
        ];
        t.progress(&call(&moved, "1003", Some("q")), true, far / 2.0, &mut out);
        assert!(out.is_empty(), "{out:?}");
        let fin = [
            (0.0, EventKind::Ring),
            (5.0, EventKind::Answer),
            (90.0, hangup),
        ];
        t.finish(&call(&fin, "1003", Some("q")), &mut out);
        assert_eq!(types(&out), ["hangup", "end"]);
    }
}
