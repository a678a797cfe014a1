//! Vosk recogniser results: `{"result": [{"word", "start", "end", "conf"}],
//! "text": "..."}` (one per utterance, as JSON lines, a JSON array, or
//! `vosk-transcriber` output), and the `alternatives` form
//! (`SetMaxAlternatives`), of which the best is taken. The mean word `conf`
//! is the segment confidence.

use callqa_model::Word;
use serde_json::Value;

use crate::parts::{secs_value, Segment, SpeakerRef, Transcript};
use crate::ParseCtx;

/// Parses Vosk JSON (one document, an array, or JSON lines).
pub fn parse(text: &str, ctx: &mut ParseCtx) -> Vec<Transcript> {
    let mut docs: Vec<(Option<usize>, Value)> = Vec::new();
    match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
        Ok(Value::Array(a)) => docs.extend(a.into_iter().map(|v| (None, v))),
        Ok(v) => docs.push((Some(1), v)),
        Err(_) => {
            for (i, l) in text.lines().enumerate() {
                if l.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<Value>(l) {
                    Ok(v) => docs.push((Some(i + 1), v)),
                    Err(e) => ctx.error(Some(i + 1), format!("bad JSON: {e}")),
                }
            }
        }
    }
    let mut t = Transcript::default();
    for (line, d) in docs {
        // vosk-transcriber wraps results in {"result": [...], "text": ...}
        // per utterance; alternatives nest them one level deeper.
        let best = match d.get("alternatives").and_then(Value::as_array) {
            Some(a) => a.first().cloned().unwrap_or(Value::Null),
            None => d,
        };
        let Some(words) = best.get("result").and_then(Value::as_array) else {
            if best.get("partial").is_none() && best.get("text").is_none() {
                ctx.error(line, "no \"result\" word list");
            }
            continue;
        };
        let mut ws = Vec::new();
        for w in words {
            let Some(token) = w.get("word").and_then(Value::as_str) else {
                continue;
            };
            ws.push(Word {
                w: token.to_string(),
                start: w.get("start").and_then(secs_value),
                end: w.get("end").and_then(secs_value),
                conf: w
                    .get("conf")
                    .and_then(Value::as_f64)
                    .filter(|c| c.is_finite()),
            });
        }
        let (Some(start), Some(end)) = (
            ws.iter().find_map(|w| w.start),
            ws.iter().rev().find_map(|w| w.end),
        ) else {
            continue;
        };
        let text = best
            .get("text")
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| {
                ws.iter()
                    .map(|w| w.w.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            });
        let confs: Vec<f64> = ws.iter().filter_map(|w| w.conf).collect();
        let confidence =
            (!confs.is_empty()).then(|| confs.iter().sum::<f64>() / confs.len() as f64);
        t.segments.push(Segment {
            speaker: SpeakerRef::Unknown,
            start,
            end,
            text,
            words: ws,
            confidence,
            no_speech_prob: None,
            line,
        });
    }
    vec![t]
}
