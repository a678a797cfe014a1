//! The call record (format v1): one phone call with its telephony events and
//! its diarised transcript. These are plain data types; the JSON reader that
//! builds them from untrusted input, with field-precise errors, lives in
//! `parse.rs`, and batch reading (files, directories, stdin) in `read.rs`.

use std::collections::BTreeMap;

use serde::Serialize;
use time::OffsetDateTime;

/// Who placed the call. The initiator is the client on inbound calls and the
/// operator on outbound calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// The client called the company.
    Inbound,
    /// The operator called the client.
    Outbound,
}

impl Direction {
    /// The party that placed the call.
    pub fn initiator(self) -> Party {
        match self {
            Direction::Inbound => Party::Client,
            Direction::Outbound => Party::Operator,
        }
    }

    /// The string of the call record format: `inbound` or `outbound`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }
}

/// One side of the call: the speaker of an utterance, or who hung up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Party {
    /// The company's employee who takes or places the call.
    Operator,
    /// The person on the other end of the line.
    Client,
}

impl Party {
    /// The string of the call record format: `operator` or `client`.
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Operator => "operator",
            Party::Client => "client",
        }
    }

    /// The other side of the call: the client for the operator and the operator for the client.
    pub fn other(self) -> Party {
        match self {
            Party::Operator => Party::Client,
            Party::Client => Party::Operator,
        }
    }
}

/// A language the default standard has phrase sets for (the primary BCP-47
/// subtag of `language`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Russian.
    Ru,
    /// English.
    En,
    /// Armenian.
    Hy,
}

impl Lang {
    /// Every supported language, in declaration order.
    pub const ALL: [Lang; 3] = [Lang::Ru, Lang::En, Lang::Hy];

    /// The primary BCP-47 subtag: `ru`, `en` or `hy`.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::Hy => "hy",
        }
    }

    /// Parses a BCP-47 tag by its primary subtag: `ru`, `ru-RU`, `EN_us`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "ru" => Some(Lang::Ru),
            "en" => Some(Lang::En),
            "hy" => Some(Lang::Hy),
            _ => None,
        }
    }
}

/// The operator who handled the call.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Operator {
    /// The operator's id in the company's systems; required, never empty.
    pub id: String,
    /// The operator's full name, needed by the self-introduction rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// What is known about the client; every field is optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Client {
    /// The client's id in the company's systems; links the client's calls across a batch.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The client's name, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The client's phone number (E.164); links calls when there is no id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// True when the person who answered is not the client the call is about (for example, not the debtor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub third_party: Option<bool>,
}

impl Client {
    /// The key that links this client's calls across a batch: `id`, else
    /// `number`.
    pub fn link_key(&self) -> Option<&str> {
        self.id.as_deref().or(self.number.as_deref())
    }
}

/// What happened on the line, `at` seconds after `started_at`.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The line rang (the call was offered).
    Ring,
    /// The call was answered; a call without one was missed.
    Answer,
    /// The client was put on hold.
    HoldStart,
    /// The client was taken off hold.
    HoldEnd,
    /// The call was transferred.
    Transfer {
        /// Where the call went (an operator id, extension or queue), when known.
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<String>,
    },
    /// The call ended because one party hung up.
    Hangup {
        /// The party who hung up.
        by: Party,
    },
    /// The line failed; neither party hung up.
    Drop,
}

impl EventKind {
    /// The `type` string of the JSON format.
    pub fn type_name(&self) -> &'static str {
        match self {
            EventKind::Ring => "ring",
            EventKind::Answer => "answer",
            EventKind::HoldStart => "hold_start",
            EventKind::HoldEnd => "hold_end",
            EventKind::Transfer { .. } => "transfer",
            EventKind::Hangup { .. } => "hangup",
            EventKind::Drop => "drop",
        }
    }
}

/// One timed event of the call.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    /// Seconds since `started_at`; non-decreasing along `events`.
    pub at: f64,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// One recognised word with its own timing, when the recogniser gives them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Word {
    /// The word as recognised.
    pub w: String,
    /// Start of the word, in seconds since `started_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    /// End of the word, in seconds since `started_at`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
    /// The recogniser's confidence in the word, from 0 to 1.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conf: Option<f64>,
}

/// One stretch of speech by one party.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Utterance {
    /// Who spoke.
    pub speaker: Party,
    /// Start of the speech, in seconds since `started_at`.
    pub start: f64,
    /// End of the speech, in seconds since `started_at`; not before `start`.
    pub end: f64,
    /// The words as spoken or recognised (may be lower-case without punctuation).
    pub text: String,
    /// Per-word timing and confidence, when the recogniser gives them; empty otherwise.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub words: Vec<Word>,
}

/// One call. Field meanings are those of `shared/spec/call-record.md`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Call {
    /// The call's id, unique within a batch.
    pub id: String,
    /// Whether the client or the operator placed the call.
    pub direction: Direction,
    /// Time of the first event, with the UTC offset that gives the local
    /// time used by time-of-day rules. Absent only on records imported from
    /// transcripts alone; time rules are then `n/a`.
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub started_at: Option<OffsetDateTime>,
    /// The language spoken; when absent it is detected from the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    /// The company name the operator is expected to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    /// The department name the operator is expected to say.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The operator who handled the call.
    pub operator: Operator,
    /// What is known about the client.
    #[serde(skip_serializing_if = "client_is_empty")]
    pub client: Client,
    /// Free string labels (campaign, purpose, queue…) that rules and reports can filter on.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    /// What happened on the line, sorted by `at`; when there are events, the last is a hangup or a drop.
    pub events: Vec<Event>,
    /// What was said, sorted by `start`; the two speakers may overlap.
    pub utterances: Vec<Utterance>,
}

fn client_is_empty(c: &Client) -> bool {
    *c == Client::default()
}

impl Call {
    /// Time of the `answer` event; `None` on a missed call.
    pub fn answered_at(&self) -> Option<f64> {
        self.events
            .iter()
            .find(|e| matches!(e.kind, EventKind::Answer))
            .map(|e| e.at)
    }

    /// Time of the last event (`hangup` or `drop`), else of the last
    /// utterance end, else 0.
    pub fn ended_at(&self) -> f64 {
        let ev = self.events.last().map(|e| e.at).unwrap_or(0.0);
        let utt = self.utterances.iter().map(|u| u.end).fold(0.0, f64::max);
        ev.max(utt)
    }

    /// Whether the call has telephony events at all (records imported from a
    /// transcript alone have none; event rules are then `n/a`).
    pub fn has_events(&self) -> bool {
        !self.events.is_empty()
    }
}
