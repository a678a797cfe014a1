//! Random call records, valid by construction, as JSON values: answered,
//! missed and transcript-only calls with holds, transfers, a hangup or a
//! drop, overlapping speech in three languages made of the shared
//! vocabulary (plus names, the company, punctuation and raw characters),
//! linked to each other by client for the cross-call rules. And the live
//! protocol lines that stream such a call.

use serde_json::{json, Map, Value};

use super::draw::Draw;
use super::lexicon::{words, COMPANIES, LANGS, PEOPLE, PUNCT};

fn text(d: &mut Draw, lang: &str, call: &Value) -> String {
    let mut out = Vec::new();
    for _ in 0..d.n(1, 7) {
        let w = match d.n(0, 19) {
            0 => call["company"]
                .as_str()
                .unwrap_or_else(|| d.pick(COMPANIES))
                .to_string(),
            1 => call["client"]["name"]
                .as_str()
                .unwrap_or_else(|| d.pick(PEOPLE))
                .to_string(),
            2 => d.pick(PEOPLE).to_string(),
            3 => d.raw(12),
            4 => {
                let other = d.pick_lang();
                d.pick(words(other)).to_string()
            }
            _ => d.pick(words(lang)).to_string(),
        };
        out.push(format!("{w}{}", d.pick(PUNCT)));
    }
    out.join(" ")
}

trait PickLang {
    fn pick_lang(&mut self) -> &'static str;
}

impl PickLang for Draw<'_> {
    fn pick_lang(&mut self) -> &'static str {
        self.pick(LANGS)
    }
}

/// One call record `c{index}`.
pub fn call(d: &mut Draw, index: usize) -> Value {
    let mut c = Map::new();
    c.insert("id".into(), json!(format!("c{index}")));
    let direction = d.pick(&["inbound", "outbound"]);
    c.insert("direction".into(), json!(direction));
    let lang = d.pick_lang();
    if d.chance(2, 3) {
        c.insert("language".into(), json!(lang));
    }
    if d.chance(2, 3) {
        c.insert("company".into(), json!(d.pick(COMPANIES)));
    }
    let mut op = Map::new();
    op.insert("id".into(), json!(format!("op{}", d.n(1, 2))));
    if d.flag() {
        op.insert("name".into(), json!(d.pick(PEOPLE)));
    }
    c.insert("operator".into(), Value::Object(op));
    let mut client = Map::new();
    if d.flag() {
        client.insert("id".into(), json!(format!("cl{}", d.n(1, 2))));
    } else if d.flag() {
        client.insert("number".into(), json!(format!("+7900000000{}", d.n(1, 2))));
    }
    if d.flag() {
        client.insert("name".into(), json!(d.pick(PEOPLE)));
    }
    if d.chance(1, 6) {
        client.insert("third_party".into(), json!(d.flag()));
    }
    c.insert("client".into(), Value::Object(client));
    if d.chance(1, 3) {
        c.insert(
            "tags".into(),
            json!({"queue": d.pick(&["support", "sales"])}),
        );
    }
    let transcript_only = d.chance(1, 8);
    if !transcript_only || d.flag() {
        // Days 1-14 of a month: weekdays and weekends; offsets move the hour.
        let at = format!(
            "2026-03-{:02}T{:02}:{:02}:{:02}{}",
            d.n(1, 14),
            d.n(0, 23),
            d.n(0, 59),
            d.n(0, 59),
            d.pick(&["Z", "+03:00", "+04:00", "-05:00"])
        );
        c.insert("started_at".into(), json!(at));
    }
    let answered = transcript_only || d.chance(4, 5);
    let mut events = Vec::new();
    let mut t = 0.0;
    if !transcript_only && d.flag() {
        events.push(json!({"at": 0.0, "type": "ring"}));
    }
    let answer = d.tenths(0.0, 40.0);
    if answered && !transcript_only {
        events.push(json!({"at": answer, "type": "answer"}));
        t = answer;
    }
    // Utterances from the answer on; some overlap the one before.
    let mut utterances = Vec::new();
    let mut start = if answered { answer } else { 0.0 };
    let n = if answered { d.n(0, 14) } else { 0 };
    let call_so_far = Value::Object(c.clone());
    for _ in 0..n {
        start += d.tenths(0.0, 8.0);
        let end = start + d.tenths(0.0, 9.0);
        let speaker = d.pick(&["operator", "client"]);
        utterances.push(json!({
            "speaker": speaker, "start": start, "end": end,
            "text": text(d, lang, &call_so_far),
        }));
    }
    let speech_end = utterances
        .iter()
        .map(|u| u["end"].as_f64().unwrap_or(0.0))
        .fold(t, f64::max);
    if !transcript_only {
        // Holds and transfers between the answer and the end of speech.
        if answered {
            for _ in 0..d.n(0, 3) {
                let at = t + d.tenths(0.0, (speech_end - t).max(0.0) + 5.0);
                match d.n(0, 2) {
                    0 | 1 => {
                        let back = at + d.tenths(0.0, 90.0);
                        events.push(json!({"at": at, "type": "hold_start"}));
                        events.push(json!({"at": back, "type": "hold_end"}));
                        t = back;
                    }
                    _ => {
                        events.push(json!({"at": at, "type": "transfer", "to": "op-3"}));
                        t = at;
                    }
                }
            }
        }
        let end = t.max(speech_end) + d.tenths(0.0, 5.0);
        let last = match d.n(0, 3) {
            0 => json!({"at": end, "type": "drop"}),
            1 => json!({"at": end, "type": "hangup", "by": "operator"}),
            _ => json!({"at": end, "type": "hangup", "by": "client"}),
        };
        events.push(last);
    }
    c.insert("events".into(), Value::Array(events));
    c.insert("utterances".into(), Value::Array(utterances));
    Value::Object(c)
}

/// The live lines that stream `call` (start, events and utterances by time,
/// end). With `segments`, each utterance is first sent as a partial of its
/// first half under a segment id, then as its final.
pub fn live_lines(call: &Value, segments: bool) -> Vec<String> {
    let mut header = call.clone();
    let obj = header.as_object_mut().expect("a call is an object");
    let events = obj.remove("events").unwrap_or(json!([]));
    let utterances = obj.remove("utterances").unwrap_or(json!([]));
    let id = &call["id"];
    let mut items: Vec<(f64, u8, Value)> = Vec::new();
    for e in events.as_array().into_iter().flatten() {
        let at = e["at"].as_f64().unwrap_or(0.0);
        items.push((at, 0, json!({"type": "event", "call": id, "event": e})));
    }
    for (i, u) in utterances.as_array().into_iter().flatten().enumerate() {
        let start = u["start"].as_f64().unwrap_or(0.0);
        if segments {
            let text = u["text"].as_str().unwrap_or("");
            let half: String = text.chars().take(text.chars().count() / 2).collect();
            let end = u["end"].as_f64().unwrap_or(start);
            let mut partial = u.clone();
            partial["text"] = json!(half);
            partial["end"] = json!((start + end) / 2.0);
            items.push((
                start,
                1,
                json!({"type": "utterance", "call": id, "utterance": partial,
                       "segment": format!("s{i}"), "final": false,
                       "stable_chars": half.chars().count() / 2}),
            ));
            items.push((
                start,
                2,
                json!({"type": "utterance", "call": id, "utterance": u,
                       "segment": format!("s{i}"), "final": true}),
            ));
        } else {
            items.push((
                start,
                1,
                json!({"type": "utterance", "call": id, "utterance": u}),
            ));
        }
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut out = vec![json!({"type": "start", "call": header}).to_string()];
    out.extend(items.into_iter().map(|(_, _, v)| v.to_string()));
    out.push(json!({"type": "end", "call": id}).to_string());
    out
}
