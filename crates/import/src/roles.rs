//! Who is the operator and who the client: the mapping file
//! (`mapping.toml`) and the rules that apply it to telephony legs and to
//! transcript speakers. The order of evidence is documented in
//! `docs/import/mapping.md`: mapping patterns, then what the source says
//! (queue agent, FreeSWITCH direction, Wazo incall/outcall), then an
//! assumption that is reported.

use std::collections::BTreeMap;

use callqa_model::{Direction, Party};
use serde::Deserialize;

use crate::error::OptionsError;
use crate::parts::{EventCall, Leg, Side};

/// The mapping file, exactly as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    version: Option<u32>,
    #[serde(default)]
    operators: Vec<String>,
    #[serde(default)]
    clients: Vec<String>,
    default_direction: Option<String>,
    recording_starts_at: Option<String>,
    #[serde(default)]
    channels: BTreeMap<String, String>,
    #[serde(default)]
    speakers: BTreeMap<String, String>,
    first_speaker_inbound: Option<String>,
    min_confidence: Option<f64>,
    max_no_speech_prob: Option<f64>,
}

/// Where second 0 of a transcript lies on the call's timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecordingStart {
    /// The recording starts at the answer (Asterisk `MixMonitor` from the
    /// queue or `Dial` options, FreeSWITCH `record_session` after answer).
    Answer,
    /// The recording starts with the call (first event).
    Ring,
}

/// The compiled mapping.
#[derive(Clone, Debug)]
pub struct Mapping {
    /// Glob patterns (`*`, `?`, case-insensitive) matched against channel
    /// names, devices (`PJSIP/1001`) and numbers: a leg that matches is the
    /// operator.
    pub operators: Vec<String>,
    /// Patterns for legs that are always the client (trunks).
    pub clients: Vec<String>,
    /// Used when nothing else decides; `None` = report and assume inbound.
    pub default_direction: Option<Direction>,
    /// When the recording (and so the transcript's clock) starts relative to the call's events.
    pub recording_starts_at: RecordingStart,
    /// Stereo channel → role. Default: channel 0 operator, 1 client.
    pub channels: BTreeMap<u32, Party>,
    /// Diariser label → role, overriding the first-speaker heuristic.
    pub speakers: BTreeMap<String, Party>,
    /// Who speaks first after the answer on an inbound call (default
    /// operator); on outbound calls it is the other party.
    pub first_speaker_inbound: Party,
    /// Segments (or words) with confidence below this are dropped.
    pub min_confidence: f64,
    /// Whisper segments with `no_speech_prob` above this are dropped.
    pub max_no_speech_prob: f64,
}

impl Default for Mapping {
    fn default() -> Self {
        Mapping {
            operators: Vec::new(),
            clients: Vec::new(),
            default_direction: None,
            recording_starts_at: RecordingStart::Answer,
            channels: BTreeMap::from([(0, Party::Operator), (1, Party::Client)]),
            speakers: BTreeMap::new(),
            first_speaker_inbound: Party::Operator,
            min_confidence: 0.3,
            max_no_speech_prob: 0.6,
        }
    }
}

fn party(s: &str) -> Option<Party> {
    match s.trim().to_ascii_lowercase().as_str() {
        "operator" => Some(Party::Operator),
        "client" => Some(Party::Client),
        _ => None,
    }
}

impl Mapping {
    /// Parses and validates a mapping file, reporting every bad key at once.
    pub fn from_toml(path: &str, text: &str) -> Result<Mapping, OptionsError> {
        let bad = |message: String| OptionsError::Mapping {
            path: path.to_string(),
            message,
        };
        let file: MappingFile = toml::from_str(text).map_err(|e| bad(e.to_string()))?;
        let mut errors = Vec::new();
        let mut m = Mapping::default();
        if let Some(v) = file.version {
            if v != 1 {
                errors.push(format!("version: unsupported version {v} (expected 1)"));
            }
        }
        m.operators = file.operators;
        m.clients = file.clients;
        if let Some(d) = file.default_direction {
            match d.as_str() {
                "inbound" => m.default_direction = Some(Direction::Inbound),
                "outbound" => m.default_direction = Some(Direction::Outbound),
                _ => errors.push(format!(
                    "default_direction: {d:?} is not \"inbound\" or \"outbound\""
                )),
            }
        }
        if let Some(r) = file.recording_starts_at {
            match r.as_str() {
                "answer" => m.recording_starts_at = RecordingStart::Answer,
                "ring" | "start" => m.recording_starts_at = RecordingStart::Ring,
                _ => errors.push(format!(
                    "recording_starts_at: {r:?} is not \"answer\" or \"ring\""
                )),
            }
        }
        if !file.channels.is_empty() {
            m.channels.clear();
        }
        for (k, v) in &file.channels {
            match (k.parse::<u32>(), party(v)) {
                (Ok(ch), Some(p)) => {
                    m.channels.insert(ch, p);
                }
                (Err(_), _) => errors.push(format!("channels: {k:?} is not a channel number")),
                (_, None) => errors.push(format!(
                    "channels.{k}: {v:?} is not \"operator\" or \"client\""
                )),
            }
        }
        for (k, v) in &file.speakers {
            match party(v) {
                Some(p) => {
                    m.speakers.insert(k.clone(), p);
                }
                None => errors.push(format!(
                    "speakers.{k}: {v:?} is not \"operator\" or \"client\""
                )),
            }
        }
        if let Some(f) = file.first_speaker_inbound {
            match party(&f) {
                Some(p) => m.first_speaker_inbound = p,
                None => errors.push(format!(
                    "first_speaker_inbound: {f:?} is not \"operator\" or \"client\""
                )),
            }
        }
        if let Some(c) = file.min_confidence {
            if (0.0..=1.0).contains(&c) {
                m.min_confidence = c;
            } else {
                errors.push(format!("min_confidence: {c} is not between 0 and 1"));
            }
        }
        if let Some(c) = file.max_no_speech_prob {
            if (0.0..=1.0).contains(&c) {
                m.max_no_speech_prob = c;
            } else {
                errors.push(format!("max_no_speech_prob: {c} is not between 0 and 1"));
            }
        }
        if errors.is_empty() {
            Ok(m)
        } else {
            Err(bad(errors.join("; ")))
        }
    }

    fn leg_matches(patterns: &[String], leg: &Leg) -> Option<String> {
        let candidates = [
            Some(leg.channel.as_str()),
            Some(leg.device()),
            leg.number.as_deref(),
        ];
        for p in patterns {
            for c in candidates.iter().flatten() {
                if !c.is_empty() && glob(p, c) {
                    return Some(format!("{c:?} matches {p:?}"));
                }
            }
        }
        None
    }

    /// Which side is the operator, and why; `Err` says what could not be
    /// decided (the caller then assumes the default and reports it).
    pub fn operator_side(&self, call: &EventCall) -> Result<(Side, String), String> {
        let caller_op = Mapping::leg_matches(&self.operators, &call.caller);
        let callee_op = call
            .callees
            .iter()
            .find_map(|l| Mapping::leg_matches(&self.operators, l));
        let caller_cl = Mapping::leg_matches(&self.clients, &call.caller);
        let callee_cl = call
            .callees
            .iter()
            .find_map(|l| Mapping::leg_matches(&self.clients, l));
        match (caller_op, callee_op) {
            (Some(why), None) => return Ok((Side::Caller, format!("mapping: caller {why}"))),
            (None, Some(why)) => return Ok((Side::Callee, format!("mapping: callee {why}"))),
            (Some(a), Some(b)) => {
                // An internal call between two operators: the client
                // patterns may still decide it.
                if callee_cl.is_some() {
                    return Ok((Side::Caller, format!("mapping: caller {a}")));
                }
                if caller_cl.is_some() {
                    return Ok((Side::Callee, format!("mapping: callee {b}")));
                }
            }
            (None, None) => {
                if let Some(why) = caller_cl {
                    return Ok((Side::Callee, format!("mapping: caller {why} (client)")));
                }
                if let Some(why) = callee_cl {
                    return Ok((Side::Caller, format!("mapping: callee {why} (client)")));
                }
            }
        }
        if let Some((side, why)) = &call.operator_hint {
            return Ok((*side, why.clone()));
        }
        if let Some((dir, why)) = &call.direction_hint {
            let side = match dir {
                Direction::Inbound => Side::Callee,
                Direction::Outbound => Side::Caller,
            };
            return Ok((side, why.clone()));
        }
        if let Some(d) = self.default_direction {
            let side = match d {
                Direction::Inbound => Side::Callee,
                Direction::Outbound => Side::Caller,
            };
            return Ok((
                side,
                format!("mapping: default_direction = {:?}", d.as_str()),
            ));
        }
        let callee = call
            .callees
            .first()
            .map(|l| format!("{:?}", l.channel))
            .unwrap_or_else(|| "no callee".to_string());
        Err(format!(
            "cannot tell the operator from the client: neither caller {:?} ({}) nor callee {} \
             matches an `operators` pattern and the source names no agent or direction; \
             assumed inbound (the caller is the client) — add `operators = [...]` or \
             `default_direction` to the mapping file",
            call.caller.channel,
            call.caller.number.as_deref().unwrap_or("no number"),
            callee
        ))
    }
}

/// Case-insensitive glob with `*` (any run) and `?` (one character).
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.to_lowercase().chars().collect();
    let t: Vec<char> = text.to_lowercase().chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globbing() {
        assert!(glob("PJSIP/1*", "pjsip/1001-00000003"));
        assert!(glob("1001", "1001"));
        assert!(!glob("1001", "10011"));
        assert!(glob("*bob*", "SIP/bob-00000001"));
        assert!(glob("SIP/?ob", "SIP/bob"));
    }

    #[test]
    fn mapping_errors_are_collected() {
        let e = Mapping::from_toml(
            "m.toml",
            "default_direction = \"up\"\n[channels]\nx = \"op\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("\"up\"") && e.contains("\"x\""), "{e}");
        let e = Mapping::from_toml("m.toml", "operator = []")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown field"), "{e}");
    }
}
