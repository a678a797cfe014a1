//! Harper Valley Bank style segment lists: JSON lines (or a JSON array) of
//! `{speaker_role, channel_index, start_ms, duration_ms, transcript,
//! human_transcript, start_timestamp_ms}`. The human transcript is used
//! when present (tag `import.text`), else the recogniser's. A
//! `<sid>.metadata.json` beside the file adds the agent's name, the call's
//! wall-clock start and the hang-up of each side: the one who left first
//! hung up.

use std::path::{Path, PathBuf};

use callqa_model::{EventKind, Party};
use serde_json::Value;

use crate::clock::from_unix;
use crate::parts::{role_label, Segment, SpeakerRef, Transcript};
use crate::ParseCtx;

/// The metadata file beside a segments file, read as text.
pub fn metadata_beside(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let sid = name.split('.').next()?;
    let meta: PathBuf = path.with_file_name(format!("{sid}.metadata.json"));
    std::fs::read_to_string(meta).ok()
}

fn num(v: Option<&Value>) -> Option<f64> {
    match v? {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .filter(|x: &f64| x.is_finite())
}

/// Parses segments, with the metadata document when there is one.
pub fn parse(text: &str, metadata: Option<&str>, ctx: &mut ParseCtx) -> Vec<Transcript> {
    let mut rows: Vec<(Option<usize>, Value)> = Vec::new();
    match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
        Ok(Value::Array(a)) => rows.extend(a.into_iter().map(|v| (None, v))),
        Ok(v) => rows.push((Some(1), v)),
        Err(_) => {
            for (i, l) in text.lines().enumerate() {
                if l.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(l) {
                    Ok(v) => rows.push((Some(i + 1), v)),
                    Err(e) => ctx.error(Some(i + 1), format!("bad JSON: {e}")),
                }
            }
        }
    }
    let mut t = Transcript::default();
    let mut zero_ms: Option<f64> = None;
    let mut human = 0;
    for (line, r) in &rows {
        let (Some(start), Some(dur)) = (num(r.get("start_ms")), num(r.get("duration_ms"))) else {
            ctx.error(*line, "segment without numeric start_ms/duration_ms");
            continue;
        };
        if zero_ms.is_none() {
            zero_ms = num(r.get("start_timestamp_ms")).map(|ts| ts - start);
        }
        let speaker = match r.get("speaker_role").and_then(Value::as_str) {
            Some(role) => role_label(role)
                .map(SpeakerRef::Role)
                .unwrap_or_else(|| SpeakerRef::Label(role.to_string())),
            None => match num(r.get("channel_index")) {
                Some(c) if c >= 0.0 => SpeakerRef::Channel(c as u32),
                _ => SpeakerRef::Unknown,
            },
        };
        let text = match r.get("human_transcript").and_then(Value::as_str) {
            Some(h) if !h.trim().is_empty() => {
                human += 1;
                h
            }
            _ => r.get("transcript").and_then(Value::as_str).unwrap_or(""),
        };
        t.segments.push(Segment {
            speaker,
            start: start / 1000.0,
            end: (start + dur.max(0.0)) / 1000.0,
            text: text.to_string(),
            words: Vec::new(),
            confidence: None,
            no_speech_prob: None,
            line: *line,
        });
    }
    // Customers call the bank.
    t.direction = Some(callqa_model::Direction::Inbound);
    t.tags.insert(
        "import.text".into(),
        if human > 0 {
            "human_transcript"
        } else {
            "transcript (asr)"
        }
        .into(),
    );
    if let Some(m) = metadata {
        match serde_json::from_str::<Value>(m) {
            Ok(meta) => apply_metadata(&mut t, &meta, zero_ms, ctx),
            Err(e) => ctx.error(None, format!("metadata: bad JSON: {e}")),
        }
    }
    vec![t]
}

fn apply_metadata(t: &mut Transcript, meta: &Value, zero_ms: Option<f64>, ctx: &mut ParseCtx) {
    if let Some(sid) = meta.get("sid").and_then(Value::as_str) {
        t.id = sid.to_string();
    }
    let agent = meta.get("agent");
    t.operator_name = agent
        .and_then(|a| a.get("metadata"))
        .and_then(|m| m.get("agent_name"))
        .and_then(Value::as_str)
        .map(str::to_string);
    t.operator_id = agent
        .and_then(|a| num(a.get("speaker_id")))
        .map(|id| format!("hvb-speaker-{id}"));
    let zero = zero_ms.or_else(|| num(meta.get("start_time_ms")));
    let Some(zero) = zero else { return };
    t.started_at = from_unix(zero / 1000.0, ctx.zone);
    let agent_up = agent.and_then(|a| num(a.get("hangup_time_ms")));
    let caller_up = meta
        .get("caller")
        .and_then(|c| num(c.get("hangup_time_ms")));
    let (at, by) = match (agent_up, caller_up) {
        (Some(a), Some(c)) if a <= c => (a, Party::Operator),
        (Some(_), Some(c)) => (c, Party::Client),
        (Some(a), None) => (a, Party::Operator),
        (None, Some(c)) => (c, Party::Client),
        (None, None) => return,
    };
    let start = num(meta.get("start_time_ms")).unwrap_or(zero);
    t.events = vec![
        (((start - zero) / 1000.0).max(0.0), EventKind::Ring),
        (((start - zero) / 1000.0).max(0.0), EventKind::Answer),
        (((at - zero) / 1000.0).max(0.0), EventKind::Hangup { by }),
    ];
    t.tags.insert("import.hold".into(), "unknown".into());
}
