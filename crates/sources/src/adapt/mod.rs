//! Message-format adapters for cloud recognisers. The customer's own
//! bridge streams audio to the recogniser and hands its answers to callqa
//! one JSON object per line (callqa itself makes no cloud calls); each
//! adapter turns its recogniser's partial-result semantics into v2
//! `utterance` messages with `segment`, `final` and `stable_chars`:
//!
//! - [`aws`]: AWS Transcribe streaming — the same `ResultId` re-sent until
//!   `IsPartial` is false; per-item `Stable` gives the stable prefix;
//! - [`deepgram`]: interim results, then an `is_final` segment;
//! - [`assemblyai`]: v3 `Turn` messages — the running text of a turn until
//!   `end_of_turn` (or its formatted copy);
//! - [`speechkit`]: Yandex SpeechKit v3 — `partial`, `final` and
//!   `finalRefinement` (normalised text of a final).
//!
//! A line is either the recogniser's own message or `{"call": "...",
//! "message": {...}}` when one bridge carries several calls.

use std::collections::BTreeMap;

use callqa_model::{Party, Utterance, Word};
use serde_json::Value;

use crate::protocol::{Message, UtteranceMsg};
use crate::record::round_us;

pub mod assemblyai;
pub mod aws;
pub mod deepgram;
pub mod speechkit;

/// The recognisers with an adapter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// AWS Transcribe streaming results.
    Aws,
    /// Deepgram live transcription results.
    Deepgram,
    /// AssemblyAI v3 streaming turns.
    AssemblyAi,
    /// Yandex SpeechKit v3 streaming results.
    SpeechKit,
}

impl Kind {
    /// The recogniser named on the command line (`aws`, `deepgram`, `assemblyai`, `speechkit`); `None` for any other name.
    pub fn from_name(s: &str) -> Option<Kind> {
        match s {
            "aws" => Some(Kind::Aws),
            "deepgram" => Some(Kind::Deepgram),
            "assemblyai" => Some(Kind::AssemblyAi),
            "speechkit" => Some(Kind::SpeechKit),
            _ => None,
        }
    }
}

/// How answers map onto the call.
#[derive(Clone, Debug)]
pub struct AdaptConfig {
    /// The call id, unless a line names its own.
    pub call: String,
    /// Seconds on the call's clock where the recogniser's second 0 lies
    /// (the answer, when the bridge starts streaming then).
    pub offset: f64,
    /// Audio channel → speaker (default 0 operator, 1 client).
    pub channels: BTreeMap<u32, Party>,
    /// The speaker of a stream with no channel information.
    pub speaker: Party,
    /// The recogniser sends a corrected copy after the final one
    /// (AssemblyAI `format_turns`, SpeechKit text normalisation): the
    /// segment is final only with that copy.
    pub refined: bool,
}

impl AdaptConfig {
    /// The defaults for `call`: offset 0, channel 0 the operator and 1 the client, a stream without channels the operator, no refined copies.
    pub fn new(call: &str) -> AdaptConfig {
        AdaptConfig {
            call: call.to_string(),
            offset: 0.0,
            channels: BTreeMap::from([(0, Party::Operator), (1, Party::Client)]),
            speaker: Party::Operator,
            refined: false,
        }
    }

    fn speaker_of(&self, channel: Option<u32>) -> Party {
        channel
            .and_then(|c| self.channels.get(&c).copied())
            .unwrap_or(self.speaker)
    }
}

/// One recognised segment before it becomes a message.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Seg {
    pub segment: String,
    pub channel: Option<u32>,
    pub start: f64,
    pub end: f64,
    pub text: String,
    pub words: Vec<Word>,
    pub is_final: bool,
    pub stable_chars: usize,
}

/// A recogniser's answers → segments.
pub(crate) trait Recogniser {
    /// The segments one answer gives; `Err` says what is wrong with it.
    fn answer(&mut self, v: &Value, cfg: &AdaptConfig) -> Result<Vec<Seg>, String>;
}

/// An adapter for one stream of answers.
pub struct Adapter {
    cfg: AdaptConfig,
    rec: Box<dyn Recogniser + Send>,
}

/// The JSON type of a value, for errors.
pub(crate) fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Seconds from a number or string field; `Err` names the field.
pub(crate) fn secs(v: &Value, field: &str) -> Result<Option<f64>, String> {
    match v.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => callqa_import::parts::secs_value(x)
            .map(Some)
            .ok_or_else(|| format!("{field}: {x} is not a number of seconds")),
    }
}

/// Milliseconds from a number or string field, as seconds.
pub(crate) fn millis(v: &Value, field: &str) -> Result<Option<f64>, String> {
    match v.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(x) => callqa_import::parts::ms_value(x)
            .map(Some)
            .ok_or_else(|| format!("{field}: {x} is not a number of milliseconds")),
    }
}

impl Adapter {
    /// An adapter that reads `kind`'s answers and maps them onto the call as `cfg` says.
    pub fn new(kind: Kind, cfg: AdaptConfig) -> Adapter {
        let rec: Box<dyn Recogniser + Send> = match kind {
            Kind::Aws => Box::new(aws::Aws),
            Kind::Deepgram => Box::new(deepgram::Deepgram::default()),
            Kind::AssemblyAi => Box::new(assemblyai::AssemblyAi::default()),
            Kind::SpeechKit => Box::new(speechkit::SpeechKit::default()),
        };
        Adapter { cfg, rec }
    }

    /// One line from the bridge → the utterance messages it gives. `Err`
    /// is what is wrong with the line (quoting it); the stream goes on.
    pub fn line(&mut self, line: &str) -> Result<Vec<Message>, String> {
        let v: Value = serde_json::from_str(line).map_err(|e| {
            let shown: String = line.chars().take(60).collect();
            format!("not JSON ({e}): {shown:?}")
        })?;
        let (call, msg) = match (&v, v.get("call"), v.get("message")) {
            (Value::Object(_), Some(Value::String(c)), Some(m)) => (c.clone(), m),
            (Value::Object(_), Some(c), Some(_)) => {
                return Err(format!("call: expected a string, found {}", kind_of(c)))
            }
            (Value::Object(_), _, _) => (self.cfg.call.clone(), &v),
            _ => return Err(format!("expected an object, found {}", kind_of(&v))),
        };
        let segs = self.rec.answer(msg, &self.cfg)?;
        Ok(segs
            .into_iter()
            .map(|s| {
                let start = round_us((s.start + self.cfg.offset).max(0.0));
                let end = round_us((s.end + self.cfg.offset).max(start));
                Message::Utterance(UtteranceMsg {
                    call: call.clone(),
                    utterance: Utterance {
                        speaker: self.cfg.speaker_of(s.channel),
                        start,
                        end,
                        text: s.text,
                        words: s
                            .words
                            .into_iter()
                            .map(|mut w| {
                                w.start = w.start.map(|t| round_us(t + self.cfg.offset));
                                w.end = w.end.map(|t| round_us(t + self.cfg.offset));
                                w
                            })
                            .collect(),
                    },
                    segment: Some(s.segment),
                    is_final: s.is_final,
                    stable_chars: s.stable_chars,
                })
            })
            .collect())
    }
}
