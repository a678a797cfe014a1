//! AssemblyAI Universal-Streaming (v3) `Turn` messages: the running text of
//! one turn (`turn_order`), re-sent as words arrive, until `end_of_turn`.
//! Words with `word_is_final` no longer change: their run from the start
//! is the stable prefix. With `format_turns` on, a formatted copy
//! (`turn_is_formatted: true`) follows the end of the turn; with
//! [`AdaptConfig::refined`] that copy is the final one, else the first
//! `end_of_turn` is final and the copy is not sent. `Begin` and
//! `Termination` give nothing.

use std::collections::BTreeSet;

use callqa_model::Word;
use serde_json::Value;

use super::{millis, AdaptConfig, Recogniser, Seg};
use crate::stable::{chars, stable_prefix};

#[derive(Debug, Default)]
pub(crate) struct AssemblyAi {
    done: BTreeSet<u64>,
}

impl Recogniser for AssemblyAi {
    fn answer(&mut self, v: &Value, cfg: &AdaptConfig) -> Result<Vec<Seg>, String> {
        match v.get("type").and_then(Value::as_str) {
            Some("Turn") => {}
            Some(_) => return Ok(Vec::new()),
            None => return Err("type: missing".into()),
        }
        let turn = match v.get("turn_order") {
            Some(x) => x
                .as_u64()
                .ok_or_else(|| format!("turn_order: {x} is not a turn number"))?,
            None => return Err("turn_order: missing".into()),
        };
        if self.done.contains(&turn) {
            return Ok(Vec::new());
        }
        let flag = |k: &str| v.get(k).and_then(Value::as_bool).unwrap_or(false);
        let end_of_turn = flag("end_of_turn");
        let formatted = flag("turn_is_formatted");
        let is_final = end_of_turn && (!cfg.refined || formatted);
        let text = v
            .get("transcript")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let ws: &[Value] = v
            .get("words")
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        let mut words = Vec::new();
        let mut start = None;
        let mut end: Option<f64> = None;
        for (i, w) in ws.iter().enumerate() {
            let s = millis(w, "start").map_err(|e| format!("words[{i}].{e}"))?;
            let e = millis(w, "end").map_err(|e| format!("words[{i}].{e}"))?;
            start = start.or(s);
            end = e.or(end);
            if is_final {
                words.push(Word {
                    w: w.get("text")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_string(),
                    start: s,
                    end: e,
                    conf: w.get("confidence").and_then(Value::as_f64),
                });
            }
        }
        if text.trim().is_empty() && !is_final {
            return Ok(Vec::new());
        }
        let stable = if is_final {
            chars(&text)
        } else if formatted {
            0
        } else {
            stable_prefix(
                &text,
                ws.iter().map(|w| {
                    (
                        w.get("text").and_then(Value::as_str).unwrap_or(""),
                        w.get("word_is_final")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                    )
                }),
            )
        };
        if is_final {
            self.done.insert(turn);
        }
        let start = start.unwrap_or(0.0);
        Ok(vec![Seg {
            segment: turn.to_string(),
            channel: None,
            start,
            end: end.unwrap_or(start).max(start),
            text,
            words,
            is_final,
            stable_chars: stable,
        }])
    }
}
