//! AWS Transcribe: standard jobs (`results.items` with string times and
//! `alternatives[0].confidence`; `channel_labels` for channel
//! identification, `speaker_labels` for diarisation, `audio_segments` when
//! present) and Call Analytics (`Transcript[]` with `ParticipantRole`,
//! `BeginOffsetMillis`, `EndOffsetMillis`).
//!
//! Items of one channel or speaker are cut into utterances at a pause of
//! more than 1 s or at sentence-ending punctuation. Channel labels `ch_0`,
//! `ch_1` become channels 0 and 1; speaker labels `spk_0` stay labels.

use callqa_model::{Party, Word};
use serde_json::Value;

use crate::parts::{ms_value, secs_value, Segment, SpeakerRef, Transcript};
use crate::ParseCtx;

/// Parses AWS Transcribe or Call Analytics output.
pub fn parse(text: &str, ctx: &mut ParseCtx) -> Vec<Transcript> {
    let v: Value = match serde_json::from_str(text.trim_start_matches('\u{feff}')) {
        Ok(v) => v,
        Err(e) => {
            ctx.error(Some(e.line()), format!("bad JSON: {e}"));
            return Vec::new();
        }
    };
    let mut t = Transcript::default();
    if let Some(name) = v
        .get("jobName")
        .or_else(|| v.get("JobName"))
        .and_then(Value::as_str)
    {
        t.tags.insert("aws.job".into(), name.to_string());
    }
    if let Some(turns) = v.get("Transcript").and_then(Value::as_array) {
        for (i, turn) in turns.iter().enumerate() {
            let role = match turn.get("ParticipantRole").and_then(Value::as_str) {
                Some("AGENT") => SpeakerRef::Role(Party::Operator),
                Some("CUSTOMER") => SpeakerRef::Role(Party::Client),
                Some(other) => SpeakerRef::Label(other.to_string()),
                None => SpeakerRef::Unknown,
            };
            let (Some(start), Some(end)) = (
                turn.get("BeginOffsetMillis").and_then(ms_value),
                turn.get("EndOffsetMillis").and_then(ms_value),
            ) else {
                ctx.error(
                    None,
                    format!("Transcript[{i}]: no BeginOffsetMillis/EndOffsetMillis"),
                );
                continue;
            };
            let words = turn
                .get("Items")
                .and_then(Value::as_array)
                .map(|items| {
                    items
                        .iter()
                        .filter(|it| it.get("Type").and_then(Value::as_str) != Some("punctuation"))
                        .filter_map(|it| {
                            Some(Word {
                                w: it.get("Content")?.as_str()?.to_string(),
                                start: it.get("BeginOffsetMillis").and_then(ms_value),
                                end: it.get("EndOffsetMillis").and_then(ms_value),
                                conf: it.get("Confidence").and_then(secs_value),
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            t.segments.push(Segment {
                speaker: role,
                start,
                end,
                text: turn
                    .get("Content")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string(),
                words,
                confidence: None,
                no_speech_prob: None,
                line: None,
            });
        }
        return vec![t];
    }
    let Some(results) = v.get("results") else {
        ctx.error(Some(1), "neither \"results\" nor \"Transcript\" found");
        return Vec::new();
    };
    if let Some(segs) = results.get("audio_segments").and_then(Value::as_array) {
        if !segs.is_empty() {
            for s in segs {
                let speaker = speaker_of(s);
                let (Some(start), Some(end)) = (
                    s.get("start_time").and_then(secs_value),
                    s.get("end_time").and_then(secs_value),
                ) else {
                    continue;
                };
                t.segments.push(Segment {
                    speaker,
                    start,
                    end,
                    text: s
                        .get("transcript")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    words: Vec::new(),
                    confidence: None,
                    no_speech_prob: None,
                    line: None,
                });
            }
            return vec![t];
        }
    }
    if let Some(chs) = results
        .get("channel_labels")
        .and_then(|c| c.get("channels"))
        .and_then(Value::as_array)
    {
        for c in chs {
            let speaker = speaker_of(c);
            if let Some(items) = c.get("items").and_then(Value::as_array) {
                cut(items, |_| speaker.clone(), &mut t.segments);
            }
        }
        t.segments.sort_by(|a, b| a.start.total_cmp(&b.start));
        return vec![t];
    }
    let Some(items) = results.get("items").and_then(Value::as_array) else {
        ctx.error(Some(1), "no \"results.items\"");
        return Vec::new();
    };
    // Speaker labels: on the items themselves, or in speaker_labels.segments.
    let mut spans: Vec<(f64, f64, String)> = Vec::new();
    if let Some(segs) = results
        .get("speaker_labels")
        .and_then(|s| s.get("segments"))
        .and_then(Value::as_array)
    {
        for s in segs {
            if let (Some(a), Some(b), Some(l)) = (
                s.get("start_time").and_then(secs_value),
                s.get("end_time").and_then(secs_value),
                s.get("speaker_label").and_then(Value::as_str),
            ) {
                spans.push((a, b, l.to_string()));
            }
        }
    }
    cut(
        items,
        |it| {
            if it.get("speaker_label").is_some() || it.get("channel_label").is_some() {
                return speaker_of(it);
            }
            let at = it.get("start_time").and_then(secs_value).unwrap_or(-1.0);
            spans
                .iter()
                .find(|(a, b, _)| at >= *a && at <= *b)
                .map(|(_, _, l)| SpeakerRef::Label(l.clone()))
                .unwrap_or(SpeakerRef::Unknown)
        },
        &mut t.segments,
    );
    vec![t]
}

fn speaker_of(v: &Value) -> SpeakerRef {
    if let Some(ch) = v.get("channel_label").and_then(Value::as_str) {
        if let Some(n) = ch.strip_prefix("ch_").and_then(|n| n.parse().ok()) {
            return SpeakerRef::Channel(n);
        }
        return SpeakerRef::Label(ch.to_string());
    }
    match v.get("speaker_label").and_then(Value::as_str) {
        Some(l) => SpeakerRef::Label(l.to_string()),
        None => SpeakerRef::Unknown,
    }
}

/// Groups items into utterances.
fn cut(items: &[Value], speaker: impl Fn(&Value) -> SpeakerRef, out: &mut Vec<Segment>) {
    let mut cur: Option<Segment> = None;
    let flush = |cur: &mut Option<Segment>, out: &mut Vec<Segment>| {
        if let Some(mut s) = cur.take() {
            let confs: Vec<f64> = s.words.iter().filter_map(|w| w.conf).collect();
            if !confs.is_empty() {
                s.confidence = Some(confs.iter().sum::<f64>() / confs.len() as f64);
            }
            out.push(s);
        }
    };
    for it in items {
        let alt = it.get("alternatives").and_then(|a| a.get(0));
        let content = alt
            .and_then(|a| a.get("content"))
            .and_then(Value::as_str)
            .unwrap_or("");
        if it.get("type").and_then(Value::as_str) == Some("punctuation") {
            if let Some(s) = cur.as_mut() {
                s.text.push_str(content);
                if matches!(content, "." | "?" | "!") {
                    flush(&mut cur, out);
                }
            }
            continue;
        }
        let (Some(start), Some(end)) = (
            it.get("start_time").and_then(secs_value),
            it.get("end_time").and_then(secs_value),
        ) else {
            continue;
        };
        let sp = speaker(it);
        let new_turn = cur
            .as_ref()
            .is_none_or(|s| s.speaker != sp || start - s.end > 1.0);
        if new_turn {
            flush(&mut cur, out);
            cur = Some(Segment {
                speaker: sp,
                start,
                end,
                text: String::new(),
                words: Vec::new(),
                confidence: None,
                no_speech_prob: None,
                line: None,
            });
        }
        if let Some(s) = cur.as_mut() {
            if !s.text.is_empty() {
                s.text.push(' ');
            }
            s.text.push_str(content);
            s.end = end.max(s.end);
            s.words.push(Word {
                w: content.to_string(),
                start: Some(start),
                end: Some(end),
                conf: alt.and_then(|a| a.get("confidence")).and_then(secs_value),
            });
        }
    }
    flush(&mut cur, out);
}
