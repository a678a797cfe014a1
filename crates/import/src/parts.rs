//! What the parsers produce before joining: a telephony call as the PBX saw
//! it (caller and callee legs, not yet operator and client) and a transcript
//! as the recogniser saw it (channels or speaker labels, not yet roles).
//! `roles.rs` decides who is who, `join.rs` puts the two together.

use std::collections::BTreeMap;

use callqa_model::{Direction, Party, Word};
use time::OffsetDateTime;

/// One party's line as the PBX saw it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Leg {
    /// Channel name (`PJSIP/1001-0000002a`, `sofia/internal/1001@host`).
    pub channel: String,
    /// The leg's phone number or extension (caller id number), when known.
    pub number: Option<String>,
    /// The caller id name on the leg, when known.
    pub name: Option<String>,
}

impl Leg {
    /// The channel without its per-call suffix: `PJSIP/1001-0000002a` →
    /// `PJSIP/1001`, `SIP/bob-00000001` → `SIP/bob`.
    pub fn device(&self) -> &str {
        let ch = self.channel.trim_end_matches("<ZOMBIE>");
        match ch.rfind('-') {
            Some(i) if ch.len() - i > 4 && ch[i + 1..].bytes().all(|b| b.is_ascii_hexdigit()) => {
                &ch[..i]
            }
            _ => ch,
        }
    }
}

/// Which side of the call, before roles are known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The party that placed the call.
    Caller,
    /// The party that was called (the answering one, after transfers).
    Callee,
}

/// A telephony event, `at` seconds after the call's start.
#[derive(Clone, Debug, PartialEq)]
pub enum RawEvent {
    /// The line rang.
    Ring,
    /// The call was answered.
    Answer,
    /// A hold began.
    HoldStart,
    /// A hold ended.
    HoldEnd,
    /// The call was transferred, to the named target when the source gives one.
    Transfer(Option<String>),
    /// Who hung up; `None` when the source cannot tell.
    Hangup(Option<Side>),
    /// The line failed; neither party hung up.
    Drop,
}

/// A call from a telephony source.
#[derive(Clone, Debug)]
pub struct EventCall {
    /// The call's id (the PBX's linkedid, uniqueid or uuid); becomes the record's `id`.
    pub id: String,
    /// Other ids the call is known by (uniqueids of its channels, the other
    /// leg's uuid): a transcript named after any of them joins this call.
    pub aliases: Vec<String>,
    /// The file the call was read from, as given.
    pub file: String,
    /// The 1-based line of the call's first record, when the format has lines.
    pub line: Option<usize>,
    /// Wall-clock time of the call's first event; becomes `started_at`.
    pub start: OffsetDateTime,
    /// The leg that placed the call.
    pub caller: Leg,
    /// Every called leg, the one that answered (last, after transfers) first.
    pub callees: Vec<Leg>,
    /// What the source itself says about the direction, and why.
    pub direction_hint: Option<(Direction, String)>,
    /// When the source names the operator's leg directly (queue agent,
    /// `cc_agent`): its side.
    pub operator_hint: Option<(Side, String)>,
    /// The call's events, each `at` seconds after `start`, in the order found.
    pub events: Vec<(f64, RawEvent)>,
    /// Tags for the record (`import.*`, queue), from the source's own fields.
    pub tags: BTreeMap<String, String>,
}

/// Who said a segment, as the recogniser labelled it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SpeakerRef {
    /// The source names the role (`agent`, `Operator`, `ParticipantRole: AGENT`).
    Role(Party),
    /// Audio channel of a stereo recording (0-based).
    Channel(u32),
    /// A diariser label (`SPEAKER_00`, `spk_1`).
    Label(String),
    /// Nothing said who spoke (mono, no diarisation).
    Unknown,
}

/// One recognised stretch of speech.
#[derive(Clone, Debug, PartialEq)]
pub struct Segment {
    /// Who said it, as the recogniser labelled it.
    pub speaker: SpeakerRef,
    /// Start of the speech, in seconds from the start of the recording.
    pub start: f64,
    /// End of the speech, in seconds from the start of the recording.
    pub end: f64,
    /// The recognised text.
    pub text: String,
    /// Per-word timing and confidence, when the recogniser gives them (seconds from the start of the recording).
    pub words: Vec<Word>,
    /// Recogniser confidence 0..1, when given.
    pub confidence: Option<f64>,
    /// Whisper's probability that the segment is not speech.
    pub no_speech_prob: Option<f64>,
    /// The 1-based line of the segment in its file, when the format has lines.
    pub line: Option<usize>,
}

/// A transcript file.
#[derive(Clone, Debug, Default)]
pub struct Transcript {
    /// Call id: embedded in the file, else the file name without its
    /// extension and channel suffix.
    pub id: String,
    /// The file the transcript was read from, as given.
    pub file: String,
    /// For per-channel files (`call.ch0.json`, `call-left.vtt`): the channel.
    pub channel: Option<u32>,
    /// The recognised stretches of speech, in the order found.
    pub segments: Vec<Segment>,
    /// When the transcript knows its own wall-clock start (Harper Valley).
    pub started_at: Option<OffsetDateTime>,
    /// The language the recogniser reports, when it does.
    pub language: Option<callqa_model::Lang>,
    /// Events a transcript source knows by itself (Harper Valley metadata).
    pub events: Vec<(f64, callqa_model::EventKind)>,
    /// When the source knows the direction (Harper Valley: inbound).
    pub direction: Option<Direction>,
    /// The operator's name, when the source gives it.
    pub operator_name: Option<String>,
    /// The operator's id, when the source gives it.
    pub operator_id: Option<String>,
    /// Tags for the record, from the source's own metadata.
    pub tags: BTreeMap<String, String>,
}

/// Seconds as f64 from a JSON number or a string (`"0.880s"`, `"1234"`).
pub fn secs_value(v: &serde_json::Value) -> Option<f64> {
    let x = match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().trim_end_matches('s').trim().parse().ok(),
        _ => None,
    }?;
    x.is_finite().then_some(x)
}

/// Milliseconds (number or string) as seconds.
pub fn ms_value(v: &serde_json::Value) -> Option<f64> {
    let x = match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }?;
    x.is_finite().then_some(x / 1000.0)
}

/// Maps a role label in any of the supported languages: `operator`, `agent`,
/// `оператор`, `client`, `caller`, `customer`, `клиент`, `абонент`.
pub fn role_label(label: &str) -> Option<Party> {
    let l = label.trim().to_lowercase();
    let l = l.trim_matches(|c: char| !c.is_alphanumeric());
    match l {
        "operator" | "agent" | "оператор" | "сотрудник" | "менеджер" | "op" | "employee"
        | "rep" | "representative" => Some(Party::Operator),
        "client" | "caller" | "customer" | "клиент" | "абонент" | "звонящий" | "cl" | "user" => {
            Some(Party::Client)
        }
        _ => None,
    }
}
