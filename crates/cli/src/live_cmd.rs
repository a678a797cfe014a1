//! `callqa live`: audits calls while they happen. Reads a stream of JSON
//! Lines envelopes (stdin or a file) and writes each verdict as soon as the
//! standard can decide it — a forbidden word right after its utterance, a
//! missing greeting when the opening is over — and the full audit when the
//! call ends. Several calls may be interleaved.
//!
//! Input, one object per line:
//!
//! ```text
//! {"type":"start","call":{"id":"c1","direction":"inbound","operator":{"id":"op-1"},...}}
//! {"type":"event","call":"c1","event":{"at":0.0,"type":"ring"}}
//! {"type":"utterance","call":"c1","utterance":{"speaker":"operator","start":6.1,"end":9.0,"text":"..."}}
//! {"type":"end","call":"c1"}
//! ```
//!
//! Output: `{"type":"verdict","call":"c1","at":9.0,"data":{verdict}}` lines,
//! then `{"type":"audit","data":{audit v1}}` when the call ends.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::sync::Arc;

use anyhow::{Context, Result};
use callqa_model::{call_from_json, Event, EventKind, Party, Utterance, Verdict};
use callqa_standard::{Batch, Session, Standard};
use serde::{Deserialize, Serialize};

use crate::args::LiveArgs;
use crate::Status;

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum Envelope {
    Start {
        call: serde_json::Value,
    },
    Event {
        call: String,
        event: EventIn,
    },
    Utterance {
        call: String,
        utterance: UtteranceIn,
    },
    End {
        call: String,
    },
}

#[derive(Deserialize)]
struct EventIn {
    at: f64,
    #[serde(rename = "type")]
    kind: String,
    by: Option<String>,
    to: Option<String>,
}

#[derive(Deserialize)]
struct UtteranceIn {
    speaker: String,
    start: f64,
    end: f64,
    text: String,
}

struct Live {
    session: Session,
    last_event: f64,
    last_start: f64,
    ended: bool,
}

pub fn run(args: &LiveArgs) -> Result<Status> {
    let Some(std) = crate::standard_cmd::load(args.standard.as_deref())? else {
        return Ok(Status::BadInput);
    };
    let (name, input): (String, Box<dyn BufRead>) = match &args.input {
        None => (
            "stdin".into(),
            Box::new(BufReader::new(std::io::stdin().lock())),
        ),
        Some(p) if p.as_os_str() == "-" => (
            "stdin".into(),
            Box::new(BufReader::new(std::io::stdin().lock())),
        ),
        Some(p) => {
            let f =
                std::fs::File::open(p).with_context(|| format!("cannot read {}", p.display()))?;
            (p.display().to_string(), Box::new(BufReader::new(f)))
        }
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut calls: HashMap<String, Live> = HashMap::new();
    let mut problems = 0usize;
    let mut any_failed = false;
    for (n, line) in input.lines().enumerate() {
        let line = line.with_context(|| format!("{name}:{}: cannot read the line", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match step(&std, &mut calls, &line, &mut out, &mut any_failed) {
            Ok(()) => {}
            Err(msg) => {
                problems += 1;
                eprintln!("callqa: {name}:{}: {msg}", n + 1);
            }
        }
        // A live consumer wants each verdict now, not when a buffer fills.
        out.flush()?;
    }
    let mut open: Vec<String> = calls.keys().cloned().collect();
    open.sort();
    for id in open {
        eprintln!("callqa: {name}: call \"{id}\" never ended; audited as it stands");
        problems += 1;
        let live = calls.remove(&id).expect("listed above");
        any_failed |= finish(&std, live, &mut out)?;
    }
    out.flush()?;
    Ok(if problems > 0 {
        Status::BadInput
    } else if any_failed {
        Status::SomeFailed
    } else {
        Status::Ok
    })
}

fn step(
    std: &Arc<Standard>,
    calls: &mut HashMap<String, Live>,
    line: &str,
    out: &mut impl Write,
    any_failed: &mut bool,
) -> Result<(), String> {
    let env: Envelope =
        serde_json::from_str(line).map_err(|e| format!("not a live envelope: {e}"))?;
    let write_err = |e: std::io::Error| format!("cannot write the output: {e}");
    match env {
        Envelope::Start { call } => {
            let call = call_from_json(&call).map_err(|e| format!("start: {e}"))?;
            if calls.contains_key(&call.id) {
                return Err(format!("call \"{}\" has already started", call.id));
            }
            let id = call.id.clone();
            let last_event = call.events.last().map_or(0.0, |e| e.at);
            let last_start = call.utterances.last().map_or(0.0, |u| u.start);
            let session = Session::new(std.clone(), call);
            calls.insert(
                id,
                Live {
                    session,
                    last_event,
                    last_start,
                    ended: false,
                },
            );
        }
        Envelope::Event { call, event } => {
            let live = calls
                .get_mut(&call)
                .ok_or_else(|| format!("event for call \"{call}\", which has not started"))?;
            let event = check_event(event, live)?;
            let at = event.at;
            let decided = live.session.push_event(event);
            emit(out, &call, at, &decided).map_err(write_err)?;
        }
        Envelope::Utterance { call, utterance } => {
            let live = calls
                .get_mut(&call)
                .ok_or_else(|| format!("utterance for call \"{call}\", which has not started"))?;
            let u = check_utterance(utterance, live)?;
            let at = u.end;
            let decided = live.session.push_utterance(u);
            emit(out, &call, at, &decided).map_err(write_err)?;
        }
        Envelope::End { call } => {
            let live = calls
                .remove(&call)
                .ok_or_else(|| format!("end of call \"{call}\", which has not started"))?;
            *any_failed |= finish(std, live, out).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

fn check_event(e: EventIn, live: &mut Live) -> Result<Event, String> {
    if live.ended {
        return Err(format!(
            "event.at: a {} event after the call's hangup or drop",
            e.kind
        ));
    }
    if !e.at.is_finite() || e.at < 0.0 {
        return Err(format!("event.at: {} is not a time in seconds ≥ 0", e.at));
    }
    if e.at < live.last_event {
        return Err(format!(
            "event.at: {:.1} is earlier than the previous event at {:.1}",
            e.at, live.last_event
        ));
    }
    let kind = match e.kind.as_str() {
        "ring" => EventKind::Ring,
        "answer" => EventKind::Answer,
        "hold_start" => EventKind::HoldStart,
        "hold_end" => EventKind::HoldEnd,
        "transfer" => EventKind::Transfer { to: e.to },
        "drop" => EventKind::Drop,
        "hangup" => EventKind::Hangup {
            by: party(
                e.by.as_deref().ok_or("event.by: missing on a hangup")?,
                "event.by",
            )?,
        },
        other => return Err(format!("event.type: unknown event \"{other}\"")),
    };
    live.ended = matches!(kind, EventKind::Hangup { .. } | EventKind::Drop);
    live.last_event = e.at;
    Ok(Event { at: e.at, kind })
}

fn check_utterance(u: UtteranceIn, live: &mut Live) -> Result<Utterance, String> {
    if !(u.start.is_finite() && u.end.is_finite() && u.start >= 0.0 && u.end >= u.start) {
        return Err(format!(
            "utterance: start {} and end {} are not a time span",
            u.start, u.end
        ));
    }
    if u.start < live.last_start {
        return Err(format!(
            "utterance.start: {:.1} is earlier than the previous utterance at {:.1}",
            u.start, live.last_start
        ));
    }
    live.last_start = u.start;
    Ok(Utterance {
        speaker: party(&u.speaker, "utterance.speaker")?,
        start: u.start,
        end: u.end,
        text: u.text,
        words: Vec::new(),
    })
}

fn party(s: &str, field: &str) -> Result<Party, String> {
    match s {
        "operator" => Ok(Party::Operator),
        "client" => Ok(Party::Client),
        other => Err(format!(
            "{field}: unknown speaker \"{other}\" (expected \"operator\" or \"client\")"
        )),
    }
}

/// An output line: `{"type": "verdict"|"audit", …, "data": …}`.
#[derive(Serialize)]
struct Out<'a, T: Serialize> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    call: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<f64>,
    data: &'a T,
}

fn emit(out: &mut impl Write, call: &str, at: f64, decided: &[Verdict]) -> std::io::Result<()> {
    for v in decided {
        serde_json::to_writer(
            &mut *out,
            &Out {
                kind: "verdict",
                call: Some(call),
                at: Some(at),
                data: v,
            },
        )?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Writes the call's full audit; returns whether it failed.
fn finish(std: &Arc<Standard>, live: Live, out: &mut impl Write) -> Result<bool> {
    let mut batch = Batch::new(std.clone());
    batch.push(live.session.finish());
    let audit = batch.finish().pop().expect("one call in, one audit out");
    serde_json::to_writer(
        &mut *out,
        &Out {
            kind: "audit",
            call: None,
            at: None,
            data: &audit,
        },
    )?;
    out.write_all(b"\n")?;
    Ok(!audit.passed)
}
