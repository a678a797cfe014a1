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
    Inbound,
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
    Operator,
    Client,
}

impl Party {
    pub fn as_str(self) -> &'static str {
        match self {
            Party::Operator => "operator",
            Party::Client => "client",
        }
    }

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
    Ru,
    En,
    Hy,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::Ru, Lang::En, Lang::Hy];

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

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Operator {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Client {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
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
    Ring,
    Answer,
    HoldStart,
    HoldEnd,
    Transfer {
        #[serde(skip_serializing_if = "Option::is_none")]
        to: Option<String>,
    },
    Hangup {
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub at: f64,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// One recognised word with its own timing, when the recogniser gives them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Word {
    pub w: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conf: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Utterance {
    pub speaker: Party,
    pub start: f64,
    pub end: f64,
    pub text: String,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub words: Vec<Word>,
}

/// One call. Field meanings are those of `shared/spec/call-record.md`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Call {
    pub id: String,
    pub direction: Direction,
    /// Time of the first event, with the UTC offset that gives the local
    /// time used by time-of-day rules. Absent only on records imported from
    /// transcripts alone; time rules are then `n/a`.
    #[serde(
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub started_at: Option<OffsetDateTime>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Lang>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    pub operator: Operator,
    #[serde(skip_serializing_if = "client_is_empty")]
    pub client: Client,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub tags: BTreeMap<String, String>,
    pub events: Vec<Event>,
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
