//! AWS Transcribe streaming `TranscriptEvent`s: `Transcript.Results[]`,
//! each with a `ResultId` that is re-sent with growing text while
//! `IsPartial` is true and once more with `IsPartial: false`. With partial
//! results stabilization on, each item says whether it is `Stable`; the
//! stable prefix is the run of stable items from the start. `ChannelId`
//! (`ch_0`, `ch_1`) picks the speaker.

use callqa_model::Word;
use serde_json::Value;

use super::{kind_of, secs, AdaptConfig, Recogniser, Seg};
use crate::stable::{chars, stable_prefix};

#[derive(Debug, Default)]
pub(crate) struct Aws;

fn channel(r: &Value) -> Option<u32> {
    r.get("ChannelId")?
        .as_str()?
        .trim_start_matches("ch_")
        .parse()
        .ok()
}

impl Recogniser for Aws {
    fn answer(&mut self, v: &Value, _cfg: &AdaptConfig) -> Result<Vec<Seg>, String> {
        let ev = v.get("TranscriptEvent").unwrap_or(v);
        let Some(t) = ev.get("Transcript") else {
            // BadRequestException and other events carry no transcript.
            if let Some(m) = ev.get("Message").and_then(Value::as_str) {
                return Err(format!("the recogniser reported: {m:?}"));
            }
            return Ok(Vec::new());
        };
        let results = match t.get("Results") {
            Some(Value::Array(a)) => a,
            Some(x) => {
                return Err(format!(
                    "Transcript.Results: expected an array, found {}",
                    kind_of(x)
                ))
            }
            None => return Ok(Vec::new()),
        };
        let mut out = Vec::new();
        for (i, r) in results.iter().enumerate() {
            let at = |e: String| format!("Transcript.Results[{i}].{e}");
            let id = match r.get("ResultId") {
                Some(Value::String(s)) if !s.is_empty() => s.clone(),
                Some(x) => return Err(at(format!("ResultId: {x} is not an id"))),
                None => return Err(at("ResultId: missing".into())),
            };
            let partial = match r.get("IsPartial") {
                Some(Value::Bool(b)) => *b,
                None => false,
                Some(x) => return Err(at(format!("IsPartial: {x} is not true or false"))),
            };
            let start = secs(r, "StartTime").map_err(&at)?.unwrap_or(0.0);
            let end = secs(r, "EndTime").map_err(&at)?.unwrap_or(start).max(start);
            let Some(alt) = r.get("Alternatives").and_then(|a| a.get(0)) else {
                continue;
            };
            let text = alt
                .get("Transcript")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let items: &[Value] = alt
                .get("Items")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            let stable = if partial {
                stable_prefix(
                    &text,
                    items.iter().map(|it| {
                        (
                            it.get("Content").and_then(Value::as_str).unwrap_or(""),
                            it.get("Stable").and_then(Value::as_bool).unwrap_or(false),
                        )
                    }),
                )
            } else {
                chars(&text)
            };
            let mut words = Vec::new();
            if !partial {
                for it in items {
                    if it.get("Type").and_then(Value::as_str) == Some("punctuation") {
                        continue;
                    }
                    let Some(w) = it.get("Content").and_then(Value::as_str) else {
                        continue;
                    };
                    words.push(Word {
                        w: w.to_string(),
                        start: secs(it, "StartTime").ok().flatten(),
                        end: secs(it, "EndTime").ok().flatten(),
                        conf: it.get("Confidence").and_then(Value::as_f64),
                    });
                }
            }
            out.push(Seg {
                segment: id,
                channel: channel(r),
                start,
                end,
                text,
                words,
                is_final: !partial,
                stable_chars: stable,
            });
        }
        Ok(out)
    }
}
