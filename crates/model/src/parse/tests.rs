//! Table-driven tests of every validation rule of the call parser: each case
//! patches a valid call and expects either success or the exact error text.

use serde_json::{json, Value};

use super::*;
use crate::call::{EventKind, Party};
use crate::limits::{MAX_EVENTS, MAX_FIELD_ERRORS, MAX_TEXT_BYTES};

/// The spec's example call (`tests/data/spec-call.json`, shared with the
/// schema tests).
fn base() -> Value {
    serde_json::from_str(include_str!("../../tests/data/spec-call.json")).expect("valid JSON")
}

/// Sets the value at a `/`-separated pointer of the base call, or removes
/// it when `value` is `None`.
fn with(pointer: &str, value: Option<Value>) -> Value {
    let mut call = base();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let target = call.pointer_mut(parent).unwrap();
    match (target, value) {
        (Value::Object(m), Some(v)) => {
            m.insert(key.to_owned(), v);
        }
        (Value::Object(m), None) => {
            m.remove(key);
        }
        (Value::Array(a), Some(v)) => a[key.parse::<usize>().unwrap()] = v,
        (Value::Array(a), None) => {
            a.remove(key.parse::<usize>().unwrap());
        }
        _ => panic!("bad pointer {pointer}"),
    }
    call
}

fn err(value: &Value) -> String {
    match call_from_json(value) {
        Ok(_) => "ok".to_owned(),
        Err(e) => e.to_string(),
    }
}

/// `t!(pointer, value, expected)`: `expected` is "ok" or the whole error.
macro_rules! t {
    ($ptr:expr, -, $expected:expr) => {
        (line!(), $ptr, None, $expected)
    };
    ($ptr:expr, $value:expr, $expected:expr) => {
        (line!(), $ptr, Some($value), $expected)
    };
}

#[test]
fn the_spec_example_parses() {
    let call = call_from_json(&base()).unwrap();
    assert_eq!(call.id, "2026-03-02-000117");
    assert_eq!(call.language, Some(Lang::Ru));
    assert_eq!(call.started_at.unwrap().offset().whole_hours(), 3);
    assert_eq!(call.events.len(), 6);
    assert_eq!(call.events[5].kind, EventKind::Hangup { by: Party::Client });
    assert_eq!(
        call.events[4].kind,
        EventKind::Transfer {
            to: Some("op-3".into())
        }
    );
    assert_eq!(call.utterances[0].words[0].conf, Some(0.93));
    assert_eq!(call.client.third_party, Some(false));
    assert_eq!(call.tags["queue"], "support");
    assert_eq!(call_from_str(&base().to_string()).unwrap(), call);
}

#[test]
fn rules() {
    let cases: Vec<(u32, &str, Option<Value>, &str)> = vec![
        // id
        t!("/id", json!(117), "ok"),
        t!("/id", json!(-3), "ok"),
        t!(
            "/id",
            json!(1.5),
            "id: expected a string or an integer, found number 1.5"
        ),
        t!("/id", json!(""), r#"id: "" is blank"#),
        t!("/id", json!("  "), r#"id: "  " is blank"#),
        t!("/id", json!(null), "id: missing"),
        t!("/id", -, "id: missing"),
        t!(
            "/id",
            json!(["a"]),
            "id: expected a string or an integer, found an array"
        ),
        // direction
        t!("/direction", json!("outbound"), "ok"),
        t!(
            "/direction",
            json!("in"),
            r#"direction: unknown direction "in" (expected "inbound" or "outbound")"#
        ),
        t!(
            "/direction",
            json!(1),
            r#"direction: expected "inbound" or "outbound", found number 1"#
        ),
        t!("/direction", -, "direction: missing"),
        // started_at
        t!("/started_at", -, "ok"),
        t!("/started_at", json!(null), "ok"),
        t!("/started_at", json!("2026-03-02T06:15:04Z"), "ok"),
        // RFC 3339 allows a leap second at any offset.
        t!("/started_at", json!("2026-12-31T23:59:60+03:00"), "ok"),
        t!("/started_at", json!("2016-12-31T23:59:60.5Z"), "ok"),
        t!(
            "/started_at",
            json!("2026-12-31T23:59:61+03:00"),
            r#"started_at: "2026-12-31T23:59:61+03:00" is not an RFC 3339 time with offset"#
        ),
        t!(
            "/started_at",
            json!("2026-13-02"),
            r#"started_at: "2026-13-02" is not an RFC 3339 time with offset"#
        ),
        t!(
            "/started_at",
            json!("2026-03-02T09:15:04"),
            r#"started_at: "2026-03-02T09:15:04" is not an RFC 3339 time with offset"#
        ),
        t!(
            "/started_at",
            json!(1772432104),
            "started_at: expected an RFC 3339 time string, found number 1772432104"
        ),
        // language
        t!("/language", json!("en-GB"), "ok"),
        t!("/language", json!("HY"), "ok"),
        t!("/language", -, "ok"),
        t!(
            "/language",
            json!("fr"),
            r#"language: unknown language "fr" (expected "ru", "en" or "hy")"#
        ),
        t!(
            "/language",
            json!(true),
            "language: expected a language tag string, found true"
        ),
        // company, department
        t!("/company", json!(""), "ok"),
        t!(
            "/company",
            json!(5),
            "company: expected a string, found number 5"
        ),
        t!(
            "/department",
            json!({}),
            "department: expected a string, found an object"
        ),
        // operator
        t!("/operator", -, "operator: missing"),
        t!(
            "/operator",
            json!("op-17"),
            r#"operator: expected an object, found string "op-17""#
        ),
        t!("/operator/id", -, "operator.id: missing"),
        t!("/operator/id", json!(17), "ok"),
        t!("/operator/name", -, "ok"),
        t!(
            "/operator/name",
            json!(["a"]),
            "operator.name: expected a string, found an array"
        ),
        t!("/operator/extra", json!({"future": 1}), "ok"),
        // client
        t!("/client", -, "ok"),
        t!("/client", json!({}), "ok"),
        t!(
            "/client",
            json!([]),
            "client: expected an object, found an array"
        ),
        t!("/client/id", json!(""), r#"client.id: "" is blank"#),
        t!(
            "/client/third_party",
            json!("no"),
            r#"client.third_party: expected true or false, found string "no""#
        ),
        t!(
            "/client/number",
            json!(79161234567u64),
            "client.number: expected a string, found number 79161234567"
        ),
        // tags
        t!("/tags", -, "ok"),
        t!("/tags/attempt", json!(2), "ok"),
        t!("/tags/vip", json!(true), "ok"),
        t!(
            "/tags/queue",
            json!(null),
            "tags.queue: expected a string, found null"
        ),
        t!(
            "/tags/a b",
            json!([]),
            r#"tags["a b"]: expected a string, found an array"#
        ),
        t!(
            "/tags",
            json!(["x"]),
            "tags: expected an object, found an array"
        ),
        // events
        t!("/events", -, "ok"),
        t!("/events", json!([]), "ok"),
        t!(
            "/events",
            json!({}),
            "events: expected an array, found an object"
        ),
        t!(
            "/events/0",
            json!(7),
            "events[0]: expected an event object, found number 7"
        ),
        t!("/events/1/at", json!(-1), "events[1].at: -1.0 is negative"),
        t!(
            "/events/1/at",
            json!("NaN"),
            r#"events[1].at: expected a number, found string "NaN""#
        ),
        t!("/events/1/at", -, "events[1].at: missing"),
        t!(
            "/events/3/at",
            json!(12.0),
            "events[3].at: 12.0 is earlier than events[2].at 62.0"
        ),
        t!("/events/1/at", json!(0), "ok"),
        t!(
            "/events/1/type",
            json!("hold"),
            r#"events[1].type: unknown event type "hold" (expected one of "ring", "answer", "hold_start", "hold_end", "transfer", "hangup", "drop")"#
        ),
        t!("/events/1/type", -, "events[1].type: missing"),
        t!(
            "/events/1/type",
            json!(2),
            "events[1].type: expected an event type string, found number 2"
        ),
        t!("/events/4/to", -, "ok"),
        t!(
            "/events/4/to",
            json!(3),
            "events[4].to: expected a string, found number 3"
        ),
        t!("/events/5/by", -, r#"events[5].by: missing (a hangup names who hung up: "operator" or "client")"#),
        t!(
            "/events/5/by",
            json!("me"),
            r#"events[5].by: unknown party "me" (expected "operator" or "client")"#
        ),
        t!("/events/5", json!({"at": 301.2, "type": "drop"}), "ok"),
        t!("/events/5", -, r#"events[4].type: the last event is "transfer" but a call ends with "hangup" or "drop""#),
        t!("/events/3", -, "ok"),
        t!(
            "/events/3",
            json!({"at": 95.5, "type": "hold_start"}),
            "events[3].type: hold_start while the hold started at events[2] is still open"
        ),
        t!(
            "/events/2",
            json!({"at": 62.0, "type": "answer"}),
            "events[3].type: hold_end without a hold_start before it"
        ),
        t!(
            "/events/4",
            json!({"at": 130.0, "type": "hangup", "by": "operator"}),
            r#"events[5].type: "hangup" after the call ended with "hangup" at events[4]"#
        ),
        t!(
            "/events/1",
            json!({"at": 9.8, "type": "drop"}),
            r#"events[2].type: "hold_start" after the call ended with "drop" at events[1]; events[3].type: "hold_end" after the call ended with "drop" at events[1]; events[4].type: "transfer" after the call ended with "drop" at events[1]; events[5].type: "hangup" after the call ended with "drop" at events[1]"#
        ),
        // utterances
        t!("/utterances", -, "ok"),
        t!(
            "/utterances",
            json!("hi"),
            r#"utterances: expected an array, found string "hi""#
        ),
        t!(
            "/utterances/0",
            json!(null),
            "utterances[0]: expected an utterance object, found null"
        ),
        t!(
            "/utterances/0/speaker",
            json!("agnt"),
            r#"utterances[0].speaker: unknown speaker "agnt" (expected "operator" or "client")"#
        ),
        t!("/utterances/0/speaker", -, "utterances[0].speaker: missing"),
        t!("/utterances/0/start", json!(13.9), "ok"),
        t!("/utterances/1/start", json!(10.1), "ok"),
        t!("/utterances/0/end", json!(10.1), "ok"),
        t!(
            "/utterances/0/end",
            json!(9.0),
            "utterances[0].end: 9.0 is earlier than start 10.1"
        ),
        t!(
            "/utterances/1/start",
            json!(3.0),
            "utterances[1].start: 3.0 is earlier than utterances[0].start 10.1"
        ),
        t!(
            "/utterances/1/end",
            json!("18"),
            r#"utterances[1].end: expected a number, found string "18""#
        ),
        t!(
            "/utterances/1/start",
            json!(-0.5),
            "utterances[1].start: -0.5 is negative"
        ),
        t!("/utterances/1/text", json!(""), "ok"),
        t!("/utterances/1/text", -, "utterances[1].text: missing"),
        t!(
            "/utterances/1/text",
            json!(null),
            "utterances[1].text: expected a string, found null"
        ),
        t!("/utterances/0/words", json!([]), "ok"),
        t!(
            "/utterances/0/words",
            json!({}),
            "utterances[0].words: expected an array, found an object"
        ),
        t!("/utterances/0/words/0", json!({"w": "да"}), "ok"),
        t!(
            "/utterances/0/words/0",
            json!({"start": 1}),
            "utterances[0].words[0].w: missing"
        ),
        t!(
            "/utterances/0/words/0",
            json!({"w": "да", "conf": 1.5}),
            "utterances[0].words[0].conf: 1.5 is not between 0 and 1"
        ),
        t!(
            "/utterances/0/words/0",
            json!({"w": "да", "start": 2, "end": 1}),
            "utterances[0].words[0].end: 1.0 is earlier than start 2.0"
        ),
        t!(
            "/utterances/0/words/0",
            json!({"w": "да", "start": -2}),
            "utterances[0].words[0].start: -2.0 is negative"
        ),
        // forward compatibility
        t!("/future_field", json!({"anything": [1, 2]}), "ok"),
        t!("/events/0/future", json!(1), "ok"),
    ];
    let mut failures = Vec::new();
    for (line, ptr, value, expected) in cases {
        let got = err(&with(ptr, value));
        if got != expected {
            failures.push(format!(
                "line {line}: {ptr}\n  expected: {expected}\n       got: {got}"
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn all_problems_are_collected_and_the_id_kept() {
    let mut call = with("/direction", Some(json!("sideways")));
    call["events"][3]["at"] = json!(12.0);
    call["utterances"][0]["speaker"] = json!("agnt");
    let e = call_from_json(&call).unwrap_err();
    assert_eq!(e.id(), Some("2026-03-02-000117"));
    assert_eq!(e.count(), 3);
    let paths: Vec<_> = e.errors().iter().map(FieldError::path).collect();
    assert_eq!(
        paths,
        ["direction", "events[3].at", "utterances[0].speaker"]
    );
}

#[test]
fn the_record_itself() {
    assert_eq!(err(&json!([])), "expected a call object, found an array");
    assert_eq!(
        err(&json!("x")),
        r#"expected a call object, found string "x""#
    );
    assert_eq!(
        err(&json!({})),
        "id: missing; direction: missing; operator: missing"
    );
    let e = call_from_str("{\"id\": ").unwrap_err().to_string();
    assert!(e.starts_with("not valid json: EOF while parsing"), "{e}");
    assert!(call_from_str("1e400")
        .unwrap_err()
        .to_string()
        .contains("number out of range"));
    assert!(call_from_slice(b"{\"id\": \"\xff\"}").is_err());
    let bom = format!("\u{feff}{}", base());
    assert!(call_from_str(&bom).is_ok());
}

#[test]
fn minimal_call() {
    let call = call_from_str(r#"{"id":"x","direction":"outbound","operator":{"id":"o"}}"#).unwrap();
    assert!(call.events.is_empty() && call.utterances.is_empty());
    assert_eq!(call.client, Client::default());
}

#[test]
fn long_values_are_cut_in_messages() {
    let long = "я".repeat(500);
    let got = err(&with("/direction", Some(json!(long))));
    assert!(got.chars().count() < 150, "{got}");
    assert!(got.contains("…"), "{got}");
}

#[test]
fn limits() {
    let text = "a".repeat(MAX_TEXT_BYTES + 1);
    let got = err(&with("/utterances/1/text", Some(json!(text))));
    assert!(got.starts_with("utterances[1].text: \"aaa"), "{got}");
    assert!(
        got.ends_with(&format!(
            "is {} bytes, more than the limit of {MAX_TEXT_BYTES}",
            MAX_TEXT_BYTES + 1
        )),
        "{got}"
    );

    let events = vec![json!({"at": 0, "type": "ring"}); MAX_EVENTS + 1];
    let got = err(&with("/events", Some(Value::Array(events))));
    assert_eq!(
        got,
        format!(
            "events: {} events is more than the limit of {MAX_EVENTS}",
            MAX_EVENTS + 1
        )
    );

    let bad = vec![json!({"speaker": "x", "start": 0, "end": 0, "text": ""}); 500];
    let e = call_from_json(&with("/utterances", Some(Value::Array(bad)))).unwrap_err();
    assert_eq!(e.errors().len(), MAX_FIELD_ERRORS);
    assert_eq!(e.count(), 500);
    assert!(e
        .to_string()
        .ends_with(&format!("; and {} more problems", 500 - MAX_FIELD_ERRORS)));
}
