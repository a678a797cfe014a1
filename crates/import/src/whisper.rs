//! openai-whisper `--output_format json`, faster-whisper segment dumps
//! (same field names; a bare list of segments is accepted) and WhisperX
//! (`speaker` on segments and words; words without times tolerated).
//!
//! Each segment becomes one utterance; `no_speech_prob` is kept so that
//! hallucinations on hold music and silence can be dropped, and word
//! `probability`/`score` become word confidences. Speakers come from
//! WhisperX labels (`SPEAKER_00`), else the file's channel suffix.

use callqa_model::{Lang, Word};
use serde_json::Value;

use crate::parts::{secs_value, Segment, SpeakerRef, Transcript};
use crate::ParseCtx;

/// Parses one Whisper-family JSON document.
pub fn parse(text: &str, ctx: &mut ParseCtx) -> Vec<Transcript> {
    let v: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            ctx.error(Some(e.line()), format!("bad JSON: {e}"));
            return Vec::new();
        }
    };
    let (segments, language) = match &v {
        Value::Array(a) => (a.as_slice(), None),
        Value::Object(o) => match o.get("segments") {
            Some(Value::Array(a)) => (a.as_slice(), o.get("language").and_then(Value::as_str)),
            _ => {
                ctx.error(Some(1), "no \"segments\" array");
                return Vec::new();
            }
        },
        _ => {
            ctx.error(Some(1), "expected a JSON object with \"segments\"");
            return Vec::new();
        }
    };
    let mut t = Transcript {
        language: language.and_then(Lang::from_tag),
        ..Transcript::default()
    };
    for (i, s) in segments.iter().enumerate() {
        match segment(s) {
            Ok(seg) => t.segments.push(seg),
            Err(msg) => ctx.error(None, format!("segments[{i}]: {msg}")),
        }
    }
    vec![t]
}

fn segment(s: &Value) -> Result<Segment, String> {
    let start = s
        .get("start")
        .and_then(secs_value)
        .ok_or("no numeric \"start\"")?;
    let end = s
        .get("end")
        .and_then(secs_value)
        .ok_or("no numeric \"end\"")?;
    let text = s
        .get("text")
        .and_then(Value::as_str)
        .ok_or("no \"text\"")?
        .trim()
        .to_string();
    let mut words = Vec::new();
    let mut word_speakers: Vec<&str> = Vec::new();
    if let Some(Value::Array(ws)) = s.get("words") {
        for w in ws {
            let Some(token) = w
                .get("word")
                .or_else(|| w.get("text"))
                .and_then(Value::as_str)
            else {
                continue;
            };
            let token = token.trim();
            if token.is_empty() {
                continue;
            }
            if let Some(sp) = w.get("speaker").and_then(Value::as_str) {
                word_speakers.push(sp);
            }
            words.push(Word {
                w: token.to_string(),
                start: w.get("start").and_then(secs_value),
                end: w.get("end").and_then(secs_value),
                conf: w
                    .get("probability")
                    .or_else(|| w.get("score"))
                    .and_then(Value::as_f64)
                    .filter(|c| c.is_finite()),
            });
        }
    }
    let speaker = match s.get("speaker").and_then(Value::as_str) {
        Some(sp) => SpeakerRef::Label(sp.to_string()),
        None => majority(&word_speakers)
            .map(|sp| SpeakerRef::Label(sp.to_string()))
            .unwrap_or(SpeakerRef::Unknown),
    };
    Ok(Segment {
        speaker,
        start,
        end,
        text,
        words,
        confidence: None,
        no_speech_prob: s.get("no_speech_prob").and_then(Value::as_f64),
        line: None,
    })
}

fn majority<'a>(xs: &[&'a str]) -> Option<&'a str> {
    let mut best: Option<(&str, usize)> = None;
    for x in xs {
        let n = xs.iter().filter(|y| *y == x).count();
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((x, n));
        }
    }
    best.map(|(x, _)| x)
}
