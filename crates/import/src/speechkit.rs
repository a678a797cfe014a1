//! Yandex SpeechKit: v2 long-running recognition results
//! (`response.chunks[].alternatives[]`, `channelTag`, times as `"0.880s"`)
//! and v3 results as JSON lines (`result.final` / `result.finalRefinement`,
//! `channelTag`, `startTimeMs`/`endTimeMs` as strings). The normalised text
//! of a `finalRefinement` replaces the raw `final` of the same
//! `finalIndex`. v2 tags are 1-based (`"1"`, `"2"`) and become channels 0
//! and 1; v3 tags are already 0-based.

use std::collections::BTreeMap;

use callqa_model::Word;
use serde_json::Value;

use crate::parts::{ms_value, secs_value, Segment, SpeakerRef, Transcript};
use crate::ParseCtx;

fn tag(v: Option<&Value>) -> Option<u32> {
    match v? {
        Value::String(s) => s.trim().parse().ok(),
        Value::Number(n) => n.as_u64().and_then(|x| u32::try_from(x).ok()),
        _ => None,
    }
}

/// Parses SpeechKit v2 or v3 output.
pub fn parse(text: &str, ctx: &mut ParseCtx) -> Vec<Transcript> {
    let clean = text.trim_start_matches('\u{feff}');
    if let Ok(v) = serde_json::from_str::<Value>(clean) {
        let chunks = v
            .get("response")
            .and_then(|r| r.get("chunks"))
            .or_else(|| v.get("chunks"))
            .and_then(Value::as_array);
        if let Some(chunks) = chunks {
            return vec![v2(chunks, ctx)];
        }
        if v.get("result").is_some() || v.get("final").is_some() {
            return vec![v3(clean, ctx)];
        }
        ctx.error(Some(1), "neither v2 \"chunks\" nor v3 \"result\" found");
        return Vec::new();
    }
    vec![v3(clean, ctx)]
}

fn v2(chunks: &[Value], ctx: &mut ParseCtx) -> Transcript {
    let mut t = Transcript::default();
    let tags: Vec<Option<u32>> = chunks.iter().map(|c| tag(c.get("channelTag"))).collect();
    let one_based = !tags.contains(&Some(0));
    for (i, c) in chunks.iter().enumerate() {
        let Some(alt) = c.get("alternatives").and_then(|a| a.get(0)) else {
            ctx.error(None, format!("chunks[{i}]: no alternatives"));
            continue;
        };
        let words: Vec<Word> = alt
            .get("words")
            .and_then(Value::as_array)
            .map(|ws| {
                ws.iter()
                    .filter_map(|w| {
                        Some(Word {
                            w: w.get("word")?.as_str()?.to_string(),
                            start: w.get("startTime").and_then(secs_value),
                            end: w.get("endTime").and_then(secs_value),
                            conf: w.get("confidence").and_then(Value::as_f64),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        let (Some(start), Some(end)) = (
            words.iter().find_map(|w| w.start),
            words.iter().rev().find_map(|w| w.end),
        ) else {
            ctx.error(None, format!("chunks[{i}]: no word times"));
            continue;
        };
        let speaker = match tags[i] {
            Some(ch) if one_based => SpeakerRef::Channel(ch.saturating_sub(1)),
            Some(ch) => SpeakerRef::Channel(ch),
            None => SpeakerRef::Unknown,
        };
        t.segments
            .push(segment(alt, speaker, (start, end), words, None));
    }
    t
}

fn v3(text: &str, ctx: &mut ParseCtx) -> Transcript {
    // (channel, finalIndex) → segment; refinements overwrite the text.
    let mut finals: BTreeMap<(u32, u64), Segment> = BTreeMap::new();
    let mut refined: BTreeMap<(u32, u64), String> = BTreeMap::new();
    let mut seq = 0u64;
    for (i, l) in text.lines().enumerate() {
        if l.trim().is_empty() {
            continue;
        }
        let v: Value = match serde_json::from_str(l) {
            Ok(v) => v,
            Err(e) => {
                ctx.error(Some(i + 1), format!("bad JSON: {e}"));
                continue;
            }
        };
        let r = v.get("result").unwrap_or(&v);
        let index = r
            .get("audioCursors")
            .and_then(|a| a.get("finalIndex"))
            .and_then(|x| {
                x.as_str()
                    .and_then(|s| s.parse().ok())
                    .or_else(|| x.as_u64())
            });
        let channel = tag(r.get("channelTag")).unwrap_or(0);
        if let Some(f) = r.get("final") {
            let Some(alt) = f.get("alternatives").and_then(|a| a.get(0)) else {
                continue;
            };
            let channel = tag(f.get("channelTag")).unwrap_or(channel);
            let words: Vec<Word> = alt
                .get("words")
                .and_then(Value::as_array)
                .map(|ws| {
                    ws.iter()
                        .filter_map(|w| {
                            Some(Word {
                                w: w.get("text")?.as_str()?.to_string(),
                                start: w.get("startTimeMs").and_then(ms_value),
                                end: w.get("endTimeMs").and_then(ms_value),
                                conf: None,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            let start = alt
                .get("startTimeMs")
                .and_then(ms_value)
                .or_else(|| words.iter().find_map(|w| w.start));
            let end = alt
                .get("endTimeMs")
                .and_then(ms_value)
                .or_else(|| words.iter().rev().find_map(|w| w.end));
            let (Some(start), Some(end)) = (start, end) else {
                ctx.error(Some(i + 1), "final without startTimeMs/endTimeMs");
                continue;
            };
            let key = (channel, index.unwrap_or(seq));
            seq += 1;
            finals.insert(
                key,
                segment(
                    alt,
                    SpeakerRef::Channel(channel),
                    (start, end),
                    words,
                    Some(i + 1),
                ),
            );
        } else if let Some(fr) = r.get("finalRefinement") {
            let Some(idx) = fr
                .get("finalIndex")
                .and_then(|x| {
                    x.as_str()
                        .and_then(|s| s.parse().ok())
                        .or_else(|| x.as_u64())
                })
                .or(index)
            else {
                continue;
            };
            let channel = tag(fr.get("channelTag")).unwrap_or(channel);
            if let Some(t) = fr
                .get("normalizedText")
                .and_then(|n| n.get("alternatives"))
                .and_then(|a| a.get(0))
                .and_then(|a| a.get("text"))
                .and_then(Value::as_str)
            {
                refined.insert((channel, idx), t.to_string());
            }
        }
    }
    let mut t = Transcript::default();
    for (k, mut s) in finals {
        if let Some(text) = refined.remove(&k) {
            s.text = text;
        }
        t.segments.push(s);
    }
    t
}

/// A segment from one recognition alternative (`text`, `confidence`), the
/// same in the v2 and v3 formats.
fn segment(
    alt: &Value,
    speaker: SpeakerRef,
    (start, end): (f64, f64),
    words: Vec<Word>,
    line: Option<usize>,
) -> Segment {
    Segment {
        speaker,
        start,
        end,
        text: alt
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        words,
        confidence: alt
            .get("confidence")
            .and_then(Value::as_f64)
            .filter(|c| *c > 0.0 && *c <= 1.0),
        no_speech_prob: None,
        line,
    }
}
