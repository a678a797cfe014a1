//! Yandex SpeechKit v3 `StreamingResponse`s: `partial` (the current
//! utterance so far, may change anywhere), `final` (the utterance's
//! recognised text) and, with text normalisation on, `finalRefinement`
//! (the normalised text of the final with that `finalIndex`). Without
//! [`AdaptConfig::refined`] the `final` is final and refinements are not
//! sent; with it the `final` fixes the words (stable prefix 0: numbers and
//! punctuation may still change) and the refinement is final. `channelTag`
//! picks the speaker; `eouUpdate` and status messages give nothing. A
//! response may be wrapped in `{"result": …}` (the REST gateway).

use std::collections::BTreeMap;

use callqa_model::Word;
use serde_json::Value;

use super::{millis, AdaptConfig, Recogniser, Seg};
use crate::stable::chars;

#[derive(Debug, Default)]
pub(crate) struct SpeechKit {
    /// Per channel: the number of the utterance in progress.
    next: BTreeMap<u32, u64>,
    /// (channel, finalIndex) → segment of that final.
    finals: BTreeMap<(u32, String), String>,
}

fn channel(v: &Value) -> Option<u32> {
    match v.get("channelTag")? {
        Value::String(s) => s.parse().ok(),
        Value::Number(n) => n.as_u64().map(|n| n as u32),
        _ => None,
    }
}

fn alternative(v: &Value, field: &str) -> Result<(f64, f64, String, Vec<Word>), String> {
    let Some(alt) = v.get("alternatives").and_then(|a| a.get(0)) else {
        return Ok((0.0, 0.0, String::new(), Vec::new()));
    };
    let at = |e: String| format!("{field}.alternatives[0].{e}");
    let text = alt
        .get("text")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let start = millis(alt, "startTimeMs").map_err(at)?.unwrap_or(0.0);
    let end = millis(alt, "endTimeMs")
        .map_err(at)?
        .unwrap_or(start)
        .max(start);
    let mut words = Vec::new();
    for w in alt
        .get("words")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
    {
        words.push(Word {
            w: w.get("text")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            start: millis(w, "startTimeMs").ok().flatten(),
            end: millis(w, "endTimeMs").ok().flatten(),
            conf: None,
        });
    }
    Ok((start, end, text, words))
}

impl Recogniser for SpeechKit {
    fn answer(&mut self, v: &Value, cfg: &AdaptConfig) -> Result<Vec<Seg>, String> {
        let v = v.get("result").unwrap_or(v);
        let top = channel(v);
        let final_index =
            v.get("audioCursors")
                .and_then(|c| c.get("finalIndex"))
                .map(|x| match x {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                });
        if let Some(p) = v.get("partial") {
            let ch = channel(p).or(top).unwrap_or(0);
            let (start, end, text, _) = alternative(p, "partial")?;
            if text.trim().is_empty() {
                return Ok(Vec::new());
            }
            let n = *self.next.entry(ch).or_insert(0);
            return Ok(vec![Seg {
                segment: format!("{ch}-{n}"),
                channel: channel(p).or(top),
                start,
                end,
                text,
                words: Vec::new(),
                is_final: false,
                stable_chars: 0,
            }]);
        }
        if let Some(f) = v.get("final") {
            let ch = channel(f).or(top).unwrap_or(0);
            let (start, end, text, words) = alternative(f, "final")?;
            let n = self.next.entry(ch).or_insert(0);
            let segment = format!("{ch}-{n}");
            *n += 1;
            if let Some(i) = final_index {
                self.finals.insert((ch, i), segment.clone());
            }
            if text.trim().is_empty() {
                return Ok(Vec::new());
            }
            let stable = if cfg.refined { 0 } else { chars(&text) };
            return Ok(vec![Seg {
                segment,
                channel: channel(f).or(top),
                start,
                end,
                text,
                words,
                is_final: !cfg.refined,
                stable_chars: stable,
            }]);
        }
        if let Some(r) = v.get("finalRefinement") {
            if !cfg.refined {
                return Ok(Vec::new());
            }
            let ch = channel(r).or(top).unwrap_or(0);
            let index = match r.get("finalIndex") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Number(n)) => n.to_string(),
                Some(x) => return Err(format!("finalRefinement.finalIndex: {x} is not an index")),
                None => return Err("finalRefinement.finalIndex: missing".into()),
            };
            let Some(segment) = self.finals.remove(&(ch, index.clone())) else {
                return Err(format!(
                    "finalRefinement.finalIndex: {index:?} names no final of channel {ch}"
                ));
            };
            let norm = r.get("normalizedText").unwrap_or(&Value::Null);
            let (start, end, text, words) = alternative(norm, "finalRefinement.normalizedText")?;
            let stable = chars(&text);
            return Ok(vec![Seg {
                segment,
                channel: channel(r).or(top),
                start,
                end,
                text,
                words,
                is_final: true,
                stable_chars: stable,
            }]);
        }
        Ok(Vec::new())
    }
}
