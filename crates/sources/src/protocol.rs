//! The live protocol v2 input messages this crate emits (`start`,
//! `update`, `event`, `utterance`, `end`), serialised exactly as
//! `shared/spec/live-protocol.md` says: one JSON object per line with a
//! `type` tag. This is the one file that defines them here, so it can be
//! swapped for the engine's own v2 types when those land.

use std::collections::BTreeMap;

use callqa_model::{Client, Direction, Event, Lang, Operator, Utterance};
use serde::Serialize;
use time::OffsetDateTime;

/// The call record's fields without events and utterances (the `call` of a
/// `start`). `operator` is `None` while the PBX has not said who answers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CallHead {
    /// The call's id; every later message of the call names it.
    pub id: String,
    /// Whether the client or the operator placed the call.
    pub direction: Direction,
    /// Wall-clock time of the first event; event and utterance times count seconds from it.
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub started_at: Option<OffsetDateTime>,
    /// The language spoken, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    /// The company name the operator is expected to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The department name the operator is expected to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The operator, once the PBX has said who answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<Operator>,
    /// What is known about the client so far.
    #[serde(skip_serializing_if = "client_is_empty")]
    pub client: Client,
    /// Tags of the call (`import.*`, campaign…).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

fn client_is_empty(c: &Client) -> bool {
    *c == Client::default()
}

/// Metadata learnt after the `start` (AMI knows the agent only once the
/// queue connects). Tags are merged into the call's tags key by key.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Update {
    /// The id of the call this updates.
    pub call: String,
    /// The operator, when now known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub operator: Option<Operator>,
    /// The client, when now known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<Client>,
    /// The queue the call came through, when now known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<String>,
    /// Tags to merge into the call's tags, key by key.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
}

impl Update {
    /// True when the update carries nothing.
    pub fn is_empty(&self) -> bool {
        self.operator.is_none()
            && self.client.is_none()
            && self.queue.is_none()
            && self.tags.is_empty()
    }
}

/// A recognised segment. The same `segment` may be sent again with longer
/// or corrected text until `final`; `stable_chars` leading characters (Unicode
/// scalar values) of `utterance.text` will not change any more.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UtteranceMsg {
    /// The id of the call.
    pub call: String,
    /// The speech so far, as in the call record (times in seconds since `started_at`).
    pub utterance: Utterance,
    /// The segment's id, so that a later copy replaces this one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// True when the text will not change any more (`final` in JSON).
    #[serde(rename = "final")]
    pub is_final: bool,
    /// How many leading characters of `utterance.text` will not change.
    pub stable_chars: usize,
}

/// One v2 input message.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Message {
    /// A call began.
    Start {
        /// The call's fields known at the start.
        call: CallHead,
    },
    /// Metadata learnt after the start.
    Update(Update),
    /// Something happened on the line.
    Event {
        /// The id of the call.
        call: String,
        /// The event, `at` seconds since `started_at`.
        event: Event,
    },
    /// A recognised segment, possibly not yet final.
    Utterance(UtteranceMsg),
    /// The call is over.
    End {
        /// The id of the call.
        call: String,
        /// When it ended, in seconds since `started_at`, when the source knows.
        #[serde(skip_serializing_if = "Option::is_none")]
        at: Option<f64>,
    },
}

impl Message {
    /// The id of the call the message is about.
    pub fn call_id(&self) -> &str {
        match self {
            Message::Start { call } => &call.id,
            Message::Update(u) => &u.call,
            Message::Event { call, .. } | Message::End { call, .. } => call,
            Message::Utterance(u) => &u.call,
        }
    }

    /// The message as one JSON Lines line (without the newline).
    pub fn to_line(&self) -> String {
        // Every field is a string, a finite number, a bool or a map of
        // strings: serialisation cannot fail.
        serde_json::to_string(self).unwrap_or_else(|e| {
            format!("{{\"type\":\"error\",\"message\":\"cannot serialise: {e}\"}}")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callqa_model::{EventKind, Party};

    #[test]
    fn messages_serialise_as_the_spec_says() {
        let start = Message::Start {
            call: CallHead {
                id: "c1".into(),
                direction: Direction::Inbound,
                started_at: None,
                language: None,
                company: None,
                department: None,
                operator: None,
                client: Client {
                    number: Some("+79161234567".into()),
                    ..Client::default()
                },
                tags: BTreeMap::from([("queue".into(), "support".into())]),
            },
        };
        assert_eq!(
            start.to_line(),
            r#"{"type":"start","call":{"id":"c1","direction":"inbound","client":{"number":"+79161234567"},"tags":{"queue":"support"}}}"#
        );
        let ev = Message::Event {
            call: "c1".into(),
            event: Event {
                at: 301.2,
                kind: EventKind::Hangup { by: Party::Client },
            },
        };
        assert_eq!(
            ev.to_line(),
            r#"{"type":"event","call":"c1","event":{"at":301.2,"type":"hangup","by":"client"}}"#
        );
        let u = Message::Utterance(UtteranceMsg {
            call: "c1".into(),
            utterance: Utterance {
                speaker: Party::Operator,
                start: 1.0,
                end: 2.5,
                text: "добрый день".into(),
                words: Vec::new(),
            },
            segment: Some("0".into()),
            is_final: false,
            stable_chars: 6,
        });
        assert_eq!(
            u.to_line(),
            r#"{"type":"utterance","call":"c1","utterance":{"speaker":"operator","start":1.0,"end":2.5,"text":"добрый день"},"segment":"0","final":false,"stable_chars":6}"#
        );
        let up = Message::Update(Update {
            call: "c1".into(),
            operator: Some(Operator {
                id: "1002".into(),
                name: Some("Boris".into()),
            }),
            ..Update::default()
        });
        assert_eq!(
            up.to_line(),
            r#"{"type":"update","call":"c1","operator":{"id":"1002","name":"Boris"}}"#
        );
        let end = Message::End {
            call: "c1".into(),
            at: Some(90.2),
        };
        assert_eq!(end.to_line(), r#"{"type":"end","call":"c1","at":90.2}"#);
    }
}
