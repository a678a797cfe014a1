//! The `[[test]]` tables of a version 2 standard: each case's calls —
//! paths to call records, or calls written inline in the file, with a
//! `say` shorthand for the conversation — and the outcomes expected for
//! named rules. An inline call is validated as a call record here, so a
//! bad one is a problem of the standard file with its line and field.

use std::ops::Range;

use callqa_engine::{TestCall, TestCallSource, TestCase};
use serde_json::{Map, Number, Value};
use toml::de::DeValue;

use crate::compile::{missing, required_text};
use crate::diagnostic::{escape, Diagnostic};
use crate::extras::RuleRefs;
use crate::read::{Reader, Table, V};

/// `started_at` of an inline call that gives none: a Monday afternoon.
const DEFAULT_START: &str = "2026-03-02T14:00:00+03:00";
/// Seconds a `say` line lasts per word (150 words a minute).
const SECS_PER_WORD: f64 = 0.4;
/// Pause between two `say` lines, seconds.
const GAP_SECS: f64 = 0.5;

/// Keys an inline call takes besides those of a call record.
const SHORTHAND: &[&str] = &["expect", "say", "answer_at", "end"];

pub(crate) fn read_test(r: &mut Reader, t: &mut Table, refs: &mut RuleRefs) -> Option<TestCase> {
    let id = required_text(r, t, "id", "test ", "id = \"greeting-missing\"");
    let description = t
        .take("description")
        .and_then(|v| r.text("test.description", v))
        .map(|s| s.into_inner());
    let case_id = id.as_ref().map(|s| s.get_ref().clone()).unwrap_or_default();
    let mut calls = Vec::new();
    match t.take("call") {
        None => missing(
            r,
            t,
            "call",
            "test ",
            "call = \"tests/greeting-missing.json\", or [[test.call]] with say = [\"operator: …\"]",
        ),
        Some(v) => {
            let span = v.span();
            let items = match v.get_ref() {
                DeValue::Array(_) => r
                    .array("test.call", "a list of calls", v)
                    .map(|a| a.into_inner())
                    .unwrap_or_default(),
                _ => vec![v],
            };
            if items.is_empty() {
                r.error("test.call must name at least one call", span);
            }
            for (i, item) in items.into_iter().enumerate() {
                if let Some(c) = read_call(r, item, &case_id, i + 1, refs) {
                    calls.push(c);
                }
            }
        }
    }
    let expect = match t.take("expect") {
        Some(v) => read_expect(r, v, "test.expect", refs),
        None => Vec::new(),
    };
    if expect.is_empty() && calls.iter().all(|c| c.expect.is_empty()) && id.is_some() {
        r.push(
            Diagnostic::new(
                format!("test \"{}\" expects nothing", escape(&case_id)),
                Some(t.span.clone()),
            )
            .with_help("add expect = { \"greeting.hello\" = \"fail\" }"),
        );
    }
    r.unknown_keys(
        t,
        "[[test]]",
        &["id", "description", "call", "expect"],
        "id, description, call or expect",
    );
    Some(TestCase {
        id: id?.into_inner(),
        description,
        calls,
        expect,
    })
}

fn read_expect(r: &mut Reader, v: V, name: &str, refs: &mut RuleRefs) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Some(mut e) = r.table(name, v) else {
        return out;
    };
    for (rule, span) in e.keys() {
        let Some(v) = e.take(&rule) else { continue };
        if let Some(o) = r.text(&format!("{name}.{rule}"), v) {
            if !matches!(o.get_ref().as_str(), "pass" | "fail" | "n/a") {
                r.push(
                    Diagnostic::new(
                        format!("unknown outcome \"{}\"", escape(o.get_ref())),
                        Some(o.span()),
                    )
                    .with_help("expected \"pass\", \"fail\" or \"n/a\""),
                );
                continue;
            }
            refs.0.push((rule.clone(), span));
            out.push((rule, o.into_inner()));
        }
    }
    out
}

fn read_call(r: &mut Reader, v: V, case: &str, n: usize, refs: &mut RuleRefs) -> Option<TestCall> {
    if matches!(v.get_ref(), DeValue::String(_)) {
        let path = r.text("test.call", v)?;
        return Some(TestCall {
            source: TestCallSource::Path(path.into_inner()),
            expect: Vec::new(),
        });
    }
    let mut t = r.table("test.call", v)?;
    let expect = match t.take("expect") {
        Some(v) => read_expect(r, v, "test.call.expect", refs),
        None => Vec::new(),
    };
    if let Some(p) = t.take("path") {
        let path = r.text("test.call.path", p);
        r.unknown_keys(
            &mut t,
            "a test call with path",
            &["path", "expect"],
            "path or expect (the record itself is in the file)",
        );
        return Some(TestCall {
            source: TestCallSource::Path(path?.into_inner()),
            expect,
        });
    }
    let span = t.span.clone();
    let say = t.take("say");
    let answer_at = t
        .take("answer_at")
        .and_then(|v| r.number("test.call.answer_at", v));
    let end = t.take("end").and_then(|v| r.text("test.call.end", v));
    let mut record = Map::new();
    for (key, value) in t.take_rest() {
        record.insert(key, json(value.into_inner()));
    }
    let default = |record: &mut Map<String, Value>, key: &str, v: Value| {
        record.entry(key.to_string()).or_insert(v);
    };
    default(&mut record, "id", Value::String(format!("{case}#{n}")));
    default(&mut record, "direction", Value::String("inbound".into()));
    default(
        &mut record,
        "started_at",
        Value::String(DEFAULT_START.into()),
    );
    default(&mut record, "operator", serde_json::json!({ "id": "op-1" }));
    if let Some(say) = say {
        if record.contains_key("utterances") {
            r.error("a test call gives say or utterances, not both", say.span());
            return None;
        }
        let lines = r.texts("test.call.say", say)?;
        let answer = answer_at.map(|a| *a.get_ref()).unwrap_or(2.0);
        let hangup = match end.as_ref().map(|e| e.get_ref().as_str()) {
            None | Some("client") => serde_json::json!({ "type": "hangup", "by": "client" }),
            Some("operator") => serde_json::json!({ "type": "hangup", "by": "operator" }),
            Some("drop") => serde_json::json!({ "type": "drop" }),
            Some(other) => {
                let e = end.as_ref().map(|e| e.span()).unwrap_or(span.clone());
                r.push(
                    Diagnostic::new(format!("unknown call end \"{}\"", escape(other)), Some(e))
                        .with_help("expected \"client\", \"operator\" or \"drop\""),
                );
                return None;
            }
        };
        let (utterances, mut events) = spoken(r, &lines.into_inner(), answer)?;
        if !record.contains_key("events") {
            let last = utterances
                .iter()
                .filter_map(|u| u["end"].as_f64())
                .chain(events.iter().filter_map(|e| e["at"].as_f64()))
                .fold(answer, f64::max);
            let mut all = vec![
                serde_json::json!({ "at": 0.0, "type": "ring" }),
                serde_json::json!({ "at": answer, "type": "answer" }),
            ];
            all.append(&mut events);
            let mut hangup = hangup;
            hangup["at"] = number(last + 1.0);
            all.push(hangup);
            record.insert("events".into(), Value::Array(all));
        } else if !events.is_empty() {
            r.error(
                "a test call with its own events lists none in say",
                span.clone(),
            );
            return None;
        }
        record.insert("utterances".into(), Value::Array(utterances));
    } else if answer_at.is_some() || end.is_some() {
        r.error("answer_at and end only go with say", span.clone());
        return None;
    }
    match callqa_model::call_from_value(Value::Object(record)) {
        Ok(call) => Some(TestCall {
            source: TestCallSource::Inline(Box::new(call)),
            expect,
        }),
        Err(e) => {
            r.push(
                Diagnostic::new(
                    format!("test \"{}\", call {n}: {e}", escape(case)),
                    Some(span),
                )
                .with_help(format!(
                    "an inline call is a call record (shared/spec/call-record.md) in TOML, or say = [\"operator: …\", \"client: …\"]; {} are shorthand",
                    SHORTHAND.join(", ")
                )),
            );
            None
        }
    }
}

/// The utterances and events of `say` lines: `"operator: text"`,
/// `"client: text"`, `"+12 operator: text"` (a 12 s pause first) and
/// `"event: hold_start"` (an event at that moment).
fn spoken(
    r: &mut Reader,
    lines: &[crate::read::S<String>],
    answer: f64,
) -> Option<(Vec<Value>, Vec<Value>)> {
    let mut t = answer + GAP_SECS;
    let mut utterances = Vec::new();
    let mut events = Vec::new();
    let mut ok = true;
    for line in lines {
        match parse_line(line.get_ref()) {
            Ok(Line::Speech {
                pause,
                speaker,
                text,
            }) => {
                t += pause;
                let words = text.split_whitespace().count().max(1) as f64;
                let end = t + (words * SECS_PER_WORD).max(1.0);
                utterances.push(serde_json::json!({
                    "speaker": speaker, "start": round(t), "end": round(end), "text": text,
                }));
                t = end + GAP_SECS;
            }
            Ok(Line::Event { pause, kind }) => {
                t += pause;
                events.push(serde_json::json!({ "at": round(t), "type": kind }));
                t += GAP_SECS;
            }
            Err(message) => {
                ok = false;
                r.push(bad_line(&message, line.span()));
            }
        }
    }
    ok.then_some((utterances, events))
}

fn bad_line(message: &str, span: Range<usize>) -> Diagnostic {
    Diagnostic::new(message.to_string(), Some(span)).with_help(
        "write \"operator: text\", \"client: text\", \"+12 client: text\" (after a 12 s pause) or \"event: hold_start\"",
    )
}

enum Line<'a> {
    Speech {
        pause: f64,
        speaker: &'a str,
        text: &'a str,
    },
    Event {
        pause: f64,
        kind: &'a str,
    },
}

fn parse_line(line: &str) -> Result<Line<'_>, String> {
    let mut rest = line.trim_start();
    let mut pause = 0.0;
    if let Some(after) = rest.strip_prefix('+') {
        let (n, tail) = after.split_once(' ').unwrap_or((after, ""));
        pause = n
            .trim_end_matches('s')
            .parse::<f64>()
            .ok()
            .filter(|p| p.is_finite() && *p >= 0.0)
            .ok_or_else(|| format!("bad pause \"+{}\" in a say line", escape(n)))?;
        rest = tail.trim_start();
    }
    let Some((who, text)) = rest.split_once(':') else {
        return Err(format!(
            "a say line needs \"operator:\", \"client:\" or \"event:\", got \"{}\"",
            escape(line)
        ));
    };
    let text = text.trim();
    match who.trim() {
        "operator" | "client" => Ok(Line::Speech {
            pause,
            speaker: if who.trim() == "operator" {
                "operator"
            } else {
                "client"
            },
            text,
        }),
        "event" => match text {
            "hold_start" | "hold_end" | "transfer" => Ok(Line::Event { pause, kind: text }),
            _ => Err(format!(
                "unknown say event \"{}\" (hold_start, hold_end or transfer)",
                escape(text)
            )),
        },
        other => Err(format!(
            "unknown speaker \"{}\" in a say line",
            escape(other)
        )),
    }
}

fn round(x: f64) -> Value {
    number((x * 100.0).round() / 100.0)
}

fn number(x: f64) -> Value {
    Number::from_f64(x)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// A TOML value as JSON, for the call-record reader.
fn json(v: DeValue) -> Value {
    match v {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .map(|x| Value::Number(x.into()))
            .unwrap_or_else(|_| Value::String(i.as_str().to_string())),
        DeValue::Float(f) => f
            .as_str()
            .parse::<f64>()
            .map(number)
            .unwrap_or_else(|_| Value::String(f.as_str().to_string())),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(a) => Value::Array(a.into_iter().map(|x| json(x.into_inner())).collect()),
        DeValue::Table(t) => Value::Object(
            t.into_iter()
                .map(|(k, v)| (k.into_inner().into_owned(), json(v.into_inner())))
                .collect(),
        ),
    }
}
