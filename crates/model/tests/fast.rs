//! The typed fast path of `call_from_slice` against the `Value` path: same
//! calls, same errors, and the records it must leave to the `Value` path.

use std::path::Path;

use callqa_model::parse::call_from_slice_fast;
use callqa_model::{call_from_slice, call_from_value, read_reader, Call, CallError, Format};
use serde_json::Value;

fn value_path(bytes: &[u8]) -> Result<Call, CallError> {
    call_from_value(serde_json::from_slice::<Value>(bytes).unwrap())
}

/// Whether the fast path takes `text`; when it does, it agrees with the
/// `Value` path, and `call_from_slice` agrees with both either way.
fn fast(text: &str) -> bool {
    let bytes = text.as_bytes();
    let fast = call_from_slice_fast(bytes);
    let slow = serde_json::from_slice::<Value>(bytes)
        .map_err(|e| e.to_string())
        .map(call_from_value);
    match (&fast, &slow) {
        (Some(f), Ok(s)) => assert_eq!(f, s, "{text}"),
        (Some(f), Err(e)) => panic!("the fast path took {text} ({f:?}), not json: {e}"),
        (None, _) => {}
    }
    if let Ok(s) = slow {
        assert_eq!(call_from_slice(bytes), s, "{text}");
    }
    fast.is_some()
}

const BASE: &str = r#""id": "c1", "direction": "inbound", "operator": {"id": "op"}"#;

fn with(extra: &str) -> String {
    format!("{{{BASE}, {extra}}}")
}

#[test]
fn every_example_takes_the_fast_path_and_agrees() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            let bytes = std::fs::read(&path).unwrap();
            let fast = call_from_slice_fast(&bytes);
            assert!(fast.is_some(), "{} fell back", path.display());
            assert_eq!(fast.unwrap(), value_path(&bytes), "{}", path.display());
            n += 1;
        }
    }
    assert!(n >= 10, "only {n} examples in {}", dir.display());
}

#[test]
fn what_the_fast_path_takes() {
    // Valid calls, with the format's leniencies.
    assert!(fast(&format!("{{{BASE}}}")));
    assert!(fast(&with(
        r#""unknown": {"deep": [1, "x", null]}, "client": {"id": 17, "x": 1}"#
    )));
    assert!(fast(&with(
        r#""started_at": null, "client": null, "tags": null, "events": null"#
    )));
    assert!(fast(&with(
        r#""tags": {"b": 1.5, "a": true, "c": -3, "d": "x", "e": 1e20}"#
    )));
    assert!(fast(&with(r#""tags": {"a": "1", "a": "2"}"#)));
    assert!(fast(
        r#"{"id": 18446744073709551615, "direction": "outbound", "operator": {"id": -5}}"#
    ));
    assert!(fast(&with(
        r#""utterances": [{"speaker": "client", "start": 1, "end": 2, "text": "\u0430\n", "words": [{"w": "a", "conf": null}]}]"#
    )));
    // Invalid calls whose every field has its type: the same errors, from
    // the one validator.
    assert!(fast(
        r#"{"id": "c1", "direction": "in", "started_at": "yesterday", "operator": {}}"#
    ));
    assert!(fast(&with(
        r#""events": [{"at": 5, "type": "hold_end"}, {"at": 1, "type": "hangup"}, {"at": 2, "type": "x"}]"#
    )));
    assert!(fast(
        r#"{"id": " ", "direction": "inbound", "operator": {"id": "o"}, "utterances": [{"start": 2, "end": 1}]}"#
    ));
}

#[test]
fn what_falls_back_to_the_value_path() {
    // Not an object, anywhere an object is expected.
    assert!(!fast("[]"));
    assert!(!fast(r#"["c1", "inbound"]"#));
    assert!(!fast(&with(r#""client": ["x"]"#)));
    assert!(!fast(&with(r#""events": [["1", "ring"]]"#)));
    assert!(!fast(&with(r#""events": [null]"#)));
    // Wrong types.
    assert!(!fast(&with(r#""direction": 1"#)));
    assert!(!fast(&with(r#""client": {"id": 1.5}"#)));
    assert!(!fast(&with(r#""client": {"third_party": "no"}"#)));
    assert!(!fast(&with(r#""tags": {"a": null}"#)));
    assert!(!fast(&with(r#""tags": {"a": [1]}"#)));
    assert!(!fast(&with(r#""events": [{"at": "1", "type": "drop"}]"#)));
    assert!(!fast(&with(
        r#""utterances": [{"speaker": "client", "start": 1, "end": 2, "text": null}]"#
    )));
    // A wrongly typed field the validator would not even look at.
    assert!(!fast(&with(
        r#""events": [{"at": 1, "type": "drop", "by": 5}]"#
    )));
    // A duplicate field (the `Value` path keeps the last one).
    assert!(!fast(
        r#"{"id": 1, "id": "c1", "direction": "inbound", "operator": {"id": "op"}}"#
    ));
    // JSON that is not valid, even where an unknown field is skipped.
    assert!(!fast(&with(r#""x": 1e400"#)));
    assert!(!fast(&with(r#""x": "\ud800""#)));
    assert!(call_from_slice_fast(format!("{{{BASE}, \"x\": \"\u{FF}\"}}").as_bytes()).is_some());
    let mut bad_utf8 = with(r#""x": "?""#).into_bytes();
    let q = bad_utf8.iter().rposition(|&b| b == b'?').unwrap();
    bad_utf8[q] = 0xFF;
    assert!(call_from_slice_fast(&bad_utf8).is_none());
    assert!(serde_json::from_slice::<Value>(&bad_utf8).is_err());
    // Bytes that are not UTF-8 are named as such, not as a JSON error.
    assert_eq!(
        call_from_slice(&bad_utf8).unwrap_err().to_string(),
        format!(
            "not utf-8: byte 0xff at column {} is not valid UTF-8, and call records are UTF-8; convert the file to UTF-8",
            q + 1
        )
    );
}

#[test]
fn the_reader_gives_the_same_errors_either_way() {
    let lines = [
        r#"{"id": "c1", "direction": "in", "operator": {"id": "op"}}"#.to_owned(),
        r#"{"id": "c1", "direction": 1, "operator": {"id": "op"}}"#.to_owned(),
        with(r#""x": 1e400"#),
        "[]".to_owned(),
        with(r#""events": [{"at": 1, "type": "hangup", "by": "client"}]"#),
    ]
    .join("\n");
    let got: Vec<String> = read_reader(
        "t.jsonl",
        std::io::Cursor::new(lines.into_bytes()),
        Format::JsonLines,
    )
    .map(|r| match r {
        Ok(c) => format!("ok {}", c.id),
        Err(e) => e.to_string(),
    })
    .collect();
    assert_eq!(
        got,
        [
            r#"t.jsonl:1: call "c1": direction: unknown direction "in" (expected "inbound" or "outbound")"#,
            r#"t.jsonl:2: call "c1": direction: expected "inbound" or "outbound", found number 1"#,
            "t.jsonl:3: not valid json: number out of range at column 73",
            "t.jsonl:4: expected a call object, found an array",
            "ok c1",
        ]
    );
}
