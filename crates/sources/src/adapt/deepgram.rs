//! Deepgram live `Results` messages: interim results (`is_final: false`)
//! of the current stretch of audio, each replacing the last, then one with
//! `is_final: true` that fixes that stretch; the next interim starts a new
//! segment. `speech_final` marks the end of an utterance (an endpoint) and
//! needs nothing more here. Interim text may change anywhere: its stable
//! prefix is 0. `channel_index: [c, n]` picks the speaker. Other messages
//! (`Metadata`, `SpeechStarted`, `UtteranceEnd`) give nothing.

use std::collections::BTreeMap;

use callqa_model::Word;
use serde_json::Value;

use super::{kind_of, secs, AdaptConfig, Recogniser, Seg};
use crate::stable::chars;

#[derive(Debug, Default)]
pub(crate) struct Deepgram {
    /// Per channel: the number of the current segment and whether it was
    /// sent already.
    next: BTreeMap<u32, (u64, bool)>,
}

impl Recogniser for Deepgram {
    fn answer(&mut self, v: &Value, _cfg: &AdaptConfig) -> Result<Vec<Seg>, String> {
        match v.get("type").and_then(Value::as_str) {
            Some("Results") | None => {}
            Some(_) => return Ok(Vec::new()),
        }
        let Some(ch) = v.get("channel") else {
            return Err("channel: missing".into());
        };
        let channel = match v.get("channel_index") {
            Some(Value::Array(a)) => a.first().and_then(Value::as_u64).map(|c| c as u32),
            None => None,
            Some(x) => {
                return Err(format!(
                    "channel_index: expected an array, found {}",
                    kind_of(x)
                ))
            }
        };
        let is_final = match v.get("is_final") {
            Some(Value::Bool(b)) => *b,
            None => false,
            Some(x) => return Err(format!("is_final: {x} is not true or false")),
        };
        let start = secs(v, "start")?.unwrap_or(0.0);
        let duration = secs(v, "duration")?.unwrap_or(0.0).max(0.0);
        let alt = ch.get("alternatives").and_then(|a| a.get(0));
        let text = alt
            .and_then(|a| a.get("transcript"))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let (n, sent) = self.next.entry(channel.unwrap_or(0)).or_insert((0, false));
        let segment = format!("{}-{}", channel.unwrap_or(0), n);
        if is_final {
            let had = *sent;
            *n += 1;
            *sent = false;
            // An empty final closes a segment only if something was sent.
            if text.trim().is_empty() && !had {
                return Ok(Vec::new());
            }
        } else {
            if text.trim().is_empty() {
                return Ok(Vec::new());
            }
            *sent = true;
        }
        let mut words = Vec::new();
        if is_final {
            for w in alt
                .and_then(|a| a.get("words"))
                .and_then(Value::as_array)
                .map(Vec::as_slice)
                .unwrap_or(&[])
            {
                let Some(word) = w
                    .get("punctuated_word")
                    .or_else(|| w.get("word"))
                    .and_then(Value::as_str)
                else {
                    continue;
                };
                words.push(Word {
                    w: word.to_string(),
                    start: secs(w, "start").ok().flatten(),
                    end: secs(w, "end").ok().flatten(),
                    conf: w.get("confidence").and_then(Value::as_f64),
                });
            }
        }
        let stable = if is_final { chars(&text) } else { 0 };
        Ok(vec![Seg {
            segment,
            channel,
            start,
            end: start + duration,
            text,
            words,
            is_final,
            stable_chars: stable,
        }])
    }
}
