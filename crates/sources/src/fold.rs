//! v2 input messages folded back into call records, the way a consumer of
//! the stream sees the calls: `start` gives the head, `update` overrides
//! operator and client and merges tags, events are appended, an utterance
//! segment sent again replaces its earlier text, and `end` closes the call.
//! The record goes through the model's validating reader, so what a source
//! sends is checked against the call record's rules. The replay tests use
//! this to compare a live source with the importer.

use std::collections::BTreeMap;

use callqa_model::{call_from_value, Call, Event, Utterance};
use serde_json::{json, Value};

use crate::protocol::{CallHead, Message};

#[derive(Debug)]
struct Open {
    head: CallHead,
    events: Vec<Event>,
    /// Segment id (or a running number for segment-less utterances) → the
    /// last text sent, in first-seen order.
    utterances: Vec<(String, Utterance)>,
}

/// A call record, or why the messages about it do not make one.
pub type Folded = Result<Call, String>;

/// Folds `messages` into records, in the order the calls ended; calls that
/// never ended come last, as they stand (by id).
pub fn fold(messages: &[Message]) -> Vec<(String, Folded)> {
    let mut open: BTreeMap<String, Open> = BTreeMap::new();
    let mut out = Vec::new();
    let mut anon = 0usize;
    for m in messages {
        match m {
            Message::Start { call } => {
                open.insert(
                    call.id.clone(),
                    Open {
                        head: call.clone(),
                        events: Vec::new(),
                        utterances: Vec::new(),
                    },
                );
            }
            Message::Update(u) => {
                let Some(c) = open.get_mut(&u.call) else {
                    out.push((u.call.clone(), Err("update before start".into())));
                    continue;
                };
                if let Some(o) = &u.operator {
                    c.head.operator = Some(o.clone());
                }
                if let Some(cl) = &u.client {
                    c.head.client = cl.clone();
                }
                if let Some(q) = &u.queue {
                    c.head.tags.insert("queue".into(), q.clone());
                }
                c.head.tags.extend(u.tags.clone());
            }
            Message::Event { call, event } => match open.get_mut(call) {
                Some(c) => c.events.push(event.clone()),
                None => out.push((call.clone(), Err("event before start".into()))),
            },
            Message::Utterance(u) => {
                let Some(c) = open.get_mut(&u.call) else {
                    out.push((u.call.clone(), Err("utterance before start".into())));
                    continue;
                };
                let key = u.segment.clone().unwrap_or_else(|| {
                    anon += 1;
                    format!("\u{0}{anon}")
                });
                match c.utterances.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, old)) => *old = u.utterance.clone(),
                    None => c.utterances.push((key, u.utterance.clone())),
                }
            }
            Message::End { call, .. } => match open.remove(call) {
                Some(c) => out.push((call.clone(), record(c))),
                None => out.push((call.clone(), Err("end before start".into()))),
            },
        }
    }
    for (id, c) in open {
        out.push((id, record(c)));
    }
    out
}

fn record(c: Open) -> Folded {
    let mut head = serde_json::to_value(&c.head).map_err(|e| e.to_string())?;
    let Value::Object(map) = &mut head else {
        return Err("the head is not an object".into());
    };
    if c.head.operator.is_none() {
        map.insert("operator".into(), json!({"id": "unknown"}));
        let tags = map.entry("tags").or_insert_with(|| json!({}));
        if let Value::Object(t) = tags {
            t.insert("import.operator".into(), json!("unknown"));
        }
    }
    map.insert(
        "events".into(),
        serde_json::to_value(&c.events).map_err(|e| e.to_string())?,
    );
    let mut utts: Vec<Utterance> = c.utterances.into_iter().map(|(_, u)| u).collect();
    utts.sort_by(|a, b| a.start.total_cmp(&b.start));
    map.insert(
        "utterances".into(),
        serde_json::to_value(&utts).map_err(|e| e.to_string())?,
    );
    call_from_value(head).map_err(|e| e.to_string())
}
