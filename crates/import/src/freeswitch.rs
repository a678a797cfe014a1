//! FreeSWITCH: `mod_json_cdr` JSON (one object per file, an array, or one
//! object per line) and Event Socket `CHANNEL_HANGUP_COMPLETE` events in
//! plain format (`Key: url-encoded value` lines, blank line between events).
//!
//! Maps `start_uepoch` → ring, `answer_uepoch` → answer, `hold_events`
//! (µs intervals) → holds, or `hold_accum_seconds` with `last_hold_uepoch`
//! → one hold, `end_uepoch` → hangup, and `sip_hangup_disposition` → who
//! hung up: `recv_*` means the far end of this leg hung up, `send_*` that
//! FreeSWITCH hung it up because the other leg did. The A-leg (the one with
//! an `originatee`, or `direction = inbound`) faces the caller.

use std::collections::BTreeMap;

use callqa_model::Direction;
use serde_json::{Map, Value};

use crate::clock::from_unix;
use crate::parts::{EventCall, Leg, RawEvent, Side};
use crate::ParseCtx;

/// A flat view of one CDR: variables plus the caller profile.
#[derive(Debug, Default)]
struct Vars {
    map: BTreeMap<String, String>,
    /// This record is of the leg facing the caller.
    a_leg: bool,
    line: Option<usize>,
}

impl Vars {
    fn get(&self, k: &str) -> Option<&str> {
        self.map
            .get(k)
            .map(|s| s.as_str())
            .filter(|s| !s.is_empty())
    }

    /// A µs epoch from `<name>_uepoch`, else `<name>_epoch`; 0 means never.
    fn epoch(&self, name: &str) -> Option<f64> {
        let us = self
            .get(&format!("{name}_uepoch"))
            .and_then(|v| v.parse::<f64>().ok())
            .filter(|v| v.is_finite() && *v > 0.0)
            .map(|v| v / 1e6);
        us.or_else(|| {
            self.get(&format!("{name}_epoch"))
                .and_then(|v| v.parse::<f64>().ok())
                .filter(|v| v.is_finite() && *v > 0.0)
        })
    }
}

fn flat(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn from_json(o: &Map<String, Value>, line: Option<usize>) -> Vars {
    let mut map = BTreeMap::new();
    if let Some(Value::Object(vars)) = o.get("variables") {
        for (k, v) in vars {
            map.insert(k.clone(), flat(v));
        }
    }
    let flow = match o.get("callflow") {
        Some(Value::Array(a)) => a.first(),
        Some(v @ Value::Object(_)) => Some(v),
        _ => None,
    };
    let mut a_leg = None;
    if let Some(cp) = flow.and_then(|f| f.get("caller_profile")) {
        for k in [
            "caller_id_number",
            "caller_id_name",
            "destination_number",
            "chan_name",
        ] {
            if let Some(v) = cp.get(k) {
                map.entry(format!("cp_{k}")).or_insert_with(|| flat(v));
            }
        }
        if let Some(first) = cp
            .get("originatee")
            .and_then(|o| o.get("originatee_caller_profiles"))
            .and_then(|a| a.get(0))
        {
            a_leg = Some(true);
            if let Some(c) = first.get("chan_name") {
                map.insert("other_chan_name".into(), flat(c));
            }
            if let Some(u) = first.get("uuid") {
                map.insert("other_leg_uuid".into(), flat(u));
            }
        } else if cp.get("originator").is_some() {
            a_leg = Some(false);
        }
    }
    if let Some(Value::Object(cd)) = o.get("channel_data") {
        if let Some(d) = cd.get("direction") {
            map.entry("direction".into()).or_insert_with(|| flat(d));
        }
    }
    let a_leg = a_leg.unwrap_or_else(|| map.get("direction").is_none_or(|d| d != "outbound"));
    Vars { map, a_leg, line }
}

fn url_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = |c: u8| (c as char).to_digit(16);
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if b[i] == b'+' { b' ' } else { b[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn from_esl(block: &[(usize, &str)]) -> Vars {
    let mut map = BTreeMap::new();
    let mut other_type = String::new();
    let mut direction = None;
    for (_, l) in block {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let v = url_decode(v.trim());
        let k = k.trim();
        if let Some(var) = k.strip_prefix("variable_") {
            map.insert(var.to_string(), v);
            continue;
        }
        let key = match k {
            "Unique-ID" => "uuid",
            "Caller-Caller-ID-Number" => "cp_caller_id_number",
            "Caller-Caller-ID-Name" => "cp_caller_id_name",
            "Caller-Destination-Number" => "cp_destination_number",
            "Caller-Channel-Name" => "cp_chan_name",
            "Other-Leg-Unique-ID" => "other_leg_uuid",
            "Other-Leg-Channel-Name" => "other_chan_name",
            "Caller-Channel-Hold-Accum" => "esl_hold_accum_usec",
            "Caller-Channel-Last-Hold" => "esl_last_hold_uepoch",
            "Caller-Channel-Created-Time" => "esl_created_uepoch",
            "Caller-Channel-Answered-Time" => "esl_answer_uepoch",
            "Caller-Channel-Hangup-Time" => "esl_end_uepoch",
            "Hangup-Cause" => "esl_hangup_cause",
            "Other-Type" => {
                other_type = v.clone();
                continue;
            }
            "Call-Direction" | "Caller-Direction" => {
                direction = Some(v.clone());
                continue;
            }
            _ => continue,
        };
        map.entry(key.to_string()).or_insert(v);
    }
    if let Some(d) = direction {
        map.entry("direction".into()).or_insert(d);
    }
    // Fill the CDR names from the ESL headers where variables are missing.
    for (esl, var) in [
        ("esl_created_uepoch", "start_uepoch"),
        ("esl_answer_uepoch", "answer_uepoch"),
        ("esl_end_uepoch", "end_uepoch"),
        ("esl_last_hold_uepoch", "last_hold_uepoch"),
        ("esl_hangup_cause", "hangup_cause"),
    ] {
        if let Some(v) = map.get(esl).cloned() {
            map.entry(var.to_string()).or_insert(v);
        }
    }
    if let Some(v) = map
        .get("esl_hold_accum_usec")
        .and_then(|v| v.parse::<f64>().ok())
    {
        map.entry("hold_accum_seconds".into())
            .or_insert_with(|| format!("{}", v / 1e6));
    }
    let a_leg = if other_type == "originatee" {
        true
    } else if other_type == "originator" {
        false
    } else {
        map.get("direction").is_none_or(|d| d != "outbound")
    };
    Vars {
        map,
        a_leg,
        line: block.first().map(|(l, _)| *l),
    }
}

/// Parses FreeSWITCH JSON CDRs or ESL events.
pub fn parse(text: &str, ctx: &mut ParseCtx) -> Vec<EventCall> {
    let t = text.trim_start();
    let mut records = Vec::new();
    if t.starts_with('{') || t.starts_with('[') {
        match serde_json::from_str::<Value>(t) {
            Ok(Value::Array(a)) => {
                for (i, v) in a.iter().enumerate() {
                    match v {
                        Value::Object(o) => records.push(from_json(o, None)),
                        _ => ctx.error(None, format!("array item {i} is not a CDR object")),
                    }
                }
            }
            Ok(Value::Object(o)) => records.push(from_json(&o, Some(1))),
            Ok(_) => ctx.error(Some(1), "not a FreeSWITCH JSON CDR object"),
            Err(_) => {
                for (i, l) in text.lines().enumerate() {
                    if l.trim().is_empty() {
                        continue;
                    }
                    match serde_json::from_str::<Value>(l) {
                        Ok(Value::Object(o)) => records.push(from_json(&o, Some(i + 1))),
                        Ok(_) => ctx.error(Some(i + 1), "not a FreeSWITCH JSON CDR object"),
                        Err(e) => ctx.error(Some(i + 1), format!("bad JSON: {e}")),
                    }
                }
            }
        }
    } else {
        let mut block: Vec<(usize, &str)> = Vec::new();
        let lines = text.lines().map(|l| l.trim_end_matches('\r'));
        for (i, l) in lines.chain(std::iter::once("")).enumerate() {
            if l.trim().is_empty() {
                if block
                    .iter()
                    .any(|(_, l)| l.starts_with("Event-Name: CHANNEL_HANGUP_COMPLETE"))
                {
                    records.push(from_esl(&block));
                }
                block.clear();
            } else {
                block.push((i + 1, l));
            }
        }
        if records.is_empty() {
            ctx.error(None, "no CHANNEL_HANGUP_COMPLETE event found");
        }
    }
    records.iter().filter_map(|v| build(v, ctx)).collect()
}

fn parse_hold_events(s: &str) -> Vec<(f64, f64)> {
    // "{{1515666348363496,1515666415502648},{...}}"
    s.split('}')
        .filter_map(|part| {
            let nums: Vec<f64> = part
                .trim_start_matches([',', '{'])
                .split(',')
                .filter_map(|n| n.trim().parse::<f64>().ok())
                .filter(|n| n.is_finite())
                .collect();
            match nums.as_slice() {
                [a, b] if *a > 0.0 && b >= a => Some((a / 1e6, b / 1e6)),
                _ => None,
            }
        })
        .collect()
}

fn build(v: &Vars, ctx: &mut ParseCtx) -> Option<EventCall> {
    let id = v.get("uuid").or_else(|| v.get("call_uuid"))?.to_string();
    let Some(start) = v.epoch("start").or_else(|| v.epoch("profile_start")) else {
        ctx.problems.push(
            crate::ImportProblem::error(ctx.file, v.line, "CDR has no start_epoch/start_uepoch")
                .with_record(&id),
        );
        return None;
    };
    let Some(started) = from_unix(start, ctx.zone) else {
        ctx.error(v.line, format!("bad start time {start}"));
        return None;
    };
    // An answer after the end (clock skew, broken record) moves the end.
    let answer = v.epoch("answer").filter(|a| *a >= start);
    let end = v
        .epoch("end")
        .unwrap_or(start)
        .max(start)
        .max(answer.unwrap_or(start));
    let t = |x: f64| (x - start).max(0.0);
    let mut events = vec![(0.0, RawEvent::Ring)];
    let mut tags = BTreeMap::new();
    tags.insert("import.source".to_string(), "freeswitch".to_string());
    if let Some(a) = answer {
        events.push((t(a), RawEvent::Answer));
        let holds = v
            .get("hold_events")
            .map(parse_hold_events)
            .unwrap_or_default();
        let accum: f64 = v
            .get("hold_accum_seconds")
            .and_then(|s| s.parse().ok())
            .filter(|x: &f64| x.is_finite() && *x > 0.0)
            .unwrap_or(0.0);
        if !holds.is_empty() {
            for (a0, b0) in holds {
                let (a1, b1) = (a0.clamp(a, end), b0.clamp(a, end));
                events.push((t(a1), RawEvent::HoldStart));
                events.push((t(b1), RawEvent::HoldEnd));
            }
        } else if accum > 0.0 {
            // Only the total is known: one hold, from the last hold start
            // when given, else from the answer.
            let from = v.epoch("last_hold").unwrap_or(a).clamp(a, end);
            let from = if from + accum > end {
                (end - accum).max(a)
            } else {
                from
            };
            events.push((t(from), RawEvent::HoldStart));
            events.push((t((from + accum).min(end)), RawEvent::HoldEnd));
            tags.insert(
                "import.hold".into(),
                "total only (hold_accum_seconds)".into(),
            );
        }
    }
    let disp = v
        .get("sip_hangup_disposition")
        .unwrap_or("")
        .to_ascii_lowercase();
    let far_end = if v.a_leg { Side::Caller } else { Side::Callee };
    let near = if v.a_leg { Side::Callee } else { Side::Caller };
    let by = if disp.starts_with("recv_") {
        Some(far_end)
    } else if disp.starts_with("send_") {
        Some(near)
    } else {
        None
    };
    let cause = v.get("hangup_cause").unwrap_or("").to_ascii_uppercase();
    let dropped = matches!(
        cause.as_str(),
        "MEDIA_TIMEOUT"
            | "NETWORK_OUT_OF_ORDER"
            | "DESTINATION_OUT_OF_ORDER"
            | "RECOVERY_ON_TIMER_EXPIRE"
            | "LOSE_RACE"
            | "GATEWAY_DOWN"
    );
    events.push((
        t(end),
        if dropped {
            RawEvent::Drop
        } else {
            RawEvent::Hangup(by)
        },
    ));
    if !disp.is_empty() {
        tags.insert("freeswitch.sip_hangup_disposition".into(), disp.clone());
    }
    if !cause.is_empty() {
        tags.insert("freeswitch.hangup_cause".into(), cause);
    }
    let caller = Leg {
        channel: v
            .get("cp_chan_name")
            .or_else(|| v.get("channel_name"))
            .unwrap_or("")
            .to_string(),
        number: v
            .get("cp_caller_id_number")
            .or_else(|| v.get("caller_id_number"))
            .or_else(|| v.get("sip_from_user"))
            .map(str::to_string),
        name: v
            .get("cp_caller_id_name")
            .or_else(|| v.get("caller_id_name"))
            .map(str::to_string),
    };
    let agent = v
        .get("cc_agent")
        .map(|a| a.split('@').next().unwrap_or(a).to_string());
    let callee = Leg {
        channel: v
            .get("other_chan_name")
            .or_else(|| v.get("bridge_channel"))
            .unwrap_or("")
            .to_string(),
        number: agent.clone().or_else(|| {
            v.get("cp_destination_number")
                .or_else(|| v.get("destination_number"))
                .or_else(|| v.get("dialed_user"))
                .or_else(|| v.get("sip_to_user"))
                .map(str::to_string)
        }),
        name: None,
    };
    // A B-leg record: its "caller" profile is the callee.
    let (caller, callee) = if v.a_leg {
        (caller, callee)
    } else {
        (callee, caller)
    };
    let mut operator_hint = None;
    if let Some(a) = &agent {
        operator_hint = Some((Side::Callee, format!("FreeSWITCH: cc_agent {a:?}")));
    }
    if let Some(q) = v.get("cc_queue") {
        tags.insert("queue".into(), q.split('@').next().unwrap_or(q).to_string());
    }
    let direction_hint = match v.get("call_direction") {
        Some("inbound") => Some((
            Direction::Inbound,
            "FreeSWITCH: call_direction inbound".into(),
        )),
        Some("outbound") => Some((
            Direction::Outbound,
            "FreeSWITCH: call_direction outbound".into(),
        )),
        _ => None,
    };
    let mut aliases = Vec::new();
    for k in [
        "call_uuid",
        "bridge_uuid",
        "other_leg_uuid",
        "cc_member_uuid",
        "sip_call_id",
    ] {
        if let Some(a) = v.get(k) {
            if a != id && !aliases.iter().any(|x: &String| x == a) {
                aliases.push(a.to_string());
            }
        }
    }
    Some(EventCall {
        id,
        aliases,
        file: ctx.file.to_string(),
        line: v.line,
        start: started,
        caller,
        callees: vec![callee],
        direction_hint,
        operator_hint,
        events,
        tags,
    })
}
