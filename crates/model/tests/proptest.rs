//! Property tests: the parser and the reader never panic on any JSON value or
//! any bytes, and every valid call survives serialize → parse unchanged.

use std::collections::BTreeMap;

use proptest::collection::{btree_map, vec};
use proptest::prelude::*;
use serde_json::{Map, Number, Value};
use time::{OffsetDateTime, UtcOffset};

use callqa_model::parse::call_from_slice_fast;
use callqa_model::{
    call_from_json, call_from_slice, call_from_str, call_from_value, read_reader, Call, CallError,
    Client, Direction, Event, EventKind, Format, Lang, Operator, Party, Utterance, Word,
};

/// Keys of the format, so that random objects often look like calls.
const KEYS: &[&str] = &[
    "id",
    "direction",
    "started_at",
    "language",
    "operator",
    "client",
    "tags",
    "events",
    "utterances",
    "at",
    "type",
    "by",
    "to",
    "speaker",
    "start",
    "end",
    "text",
    "words",
    "w",
    "conf",
    "name",
    "number",
    "third_party",
];
const WORDS: &[&str] = &[
    "inbound",
    "outbound",
    "ring",
    "answer",
    "hold_start",
    "hold_end",
    "transfer",
    "hangup",
    "drop",
    "operator",
    "client",
    "ru",
    "en-GB",
    "fr",
    "NaN",
    "2026-03-02T09:15:04+03:00",
    "",
];

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| Value::Number(n.into())),
        any::<f64>().prop_map(|x| Number::from_f64(x).map_or(Value::Null, Value::Number)),
        (-5.0..500.0f64).prop_map(|x| Number::from_f64(x).map_or(Value::Null, Value::Number)),
        proptest::sample::select(WORDS).prop_map(|s| Value::String(s.to_owned())),
        ".{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..8).prop_map(Value::Array),
            vec((proptest::sample::select(KEYS), inner), 0..8).prop_map(|kv| {
                Value::Object(
                    kv.into_iter()
                        .map(|(k, v)| (k.to_owned(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

proptest! {
    #[test]
    fn parser_never_panics_on_json(v in json_value()) {
        let _ = call_from_json(&v);
        let mut call = serde_json::json!({"id": "x", "direction": "inbound", "operator": {"id": "o"}});
        if let Value::Object(extra) = &v {
            for (k, x) in extra {
                call[k] = x.clone();
            }
        }
        if let Err(e) = call_from_json(&call) {
            prop_assert!(e.count() > 0);
            prop_assert!(!e.to_string().is_empty());
        }
    }

    #[test]
    fn parser_and_reader_never_panic_on_bytes(bytes in vec(any::<u8>(), 0..512)) {
        let _ = call_from_slice(&bytes);
        for format in [Format::Auto, Format::Json, Format::JsonLines] {
            for item in read_reader("fuzz", std::io::Cursor::new(bytes.clone()), format).take(1000) {
                if let Err(e) = item {
                    let _ = e.to_string();
                }
            }
        }
    }

    #[test]
    fn reader_never_panics_on_json_text(values in vec(json_value(), 0..4), pretty in any::<bool>()) {
        let mut text = String::new();
        for v in &values {
            let s = if pretty { serde_json::to_string_pretty(v) } else { serde_json::to_string(v) };
            text.push_str(&s.unwrap());
            text.push('\n');
        }
        for format in [Format::Auto, Format::Json, Format::JsonLines] {
            let n = read_reader("t", std::io::Cursor::new(text.clone().into_bytes()), format).take(1000).count();
            prop_assert!(n <= text.len() + 1);
        }
    }

    #[test]
    fn fast_path_takes_valid_calls_and_agrees(call in valid_call(), pretty in any::<bool>()) {
        let text = if pretty { serde_json::to_string_pretty(&call) } else { serde_json::to_string(&call) }.unwrap();
        let fast = call_from_slice_fast(text.as_bytes());
        prop_assert_eq!(fast.as_ref(), Some(&value_path(text.as_bytes())), "{}", text);
        prop_assert_eq!(fast, Some(Ok(call)), "{}", text);
    }

    /// Whatever the fast path takes (valid or not), it gives what the
    /// `Value` path gives, errors included.
    #[test]
    fn fast_path_agrees_on_any_json(v in json_value()) {
        for v in [v.clone(), merged(&v)] {
            let text = serde_json::to_vec(&v).unwrap();
            if let Some(fast) = call_from_slice_fast(&text) {
                prop_assert_eq!(fast, value_path(&text), "{}", String::from_utf8_lossy(&text));
            }
        }
    }

    #[test]
    fn fast_path_agrees_on_any_bytes(bytes in vec(any::<u8>(), 0..256)) {
        if let Some(fast) = call_from_slice_fast(&bytes) {
            prop_assert_eq!(fast, value_path(&bytes));
        }
    }

    #[test]
    fn valid_calls_round_trip(call in valid_call()) {
        let text = serde_json::to_string(&call).unwrap();
        let back = call_from_str(&text);
        prop_assert_eq!(back.as_ref(), Ok(&call), "{}", text);
    }
}

/// The `Value` path alone, as `call_from_slice` takes it.
fn value_path(bytes: &[u8]) -> Result<Call, CallError> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(v) => call_from_value(v),
        Err(e) => panic!("not json: {e}"),
    }
}

/// A minimal valid call with the fields of `v` (when an object) over it.
fn merged(v: &Value) -> Value {
    let mut call = serde_json::json!({"id": "x", "direction": "inbound", "operator": {"id": "o"}});
    if let Value::Object(extra) = v {
        for (k, x) in extra {
            call[k] = x.clone();
        }
    }
    call
}

/// Seconds with millisecond precision (what recognisers and switches give;
/// these parse back exactly without serde_json's `float_roundtrip`).
fn secs(ms: u32) -> f64 {
    f64::from(ms) / 1000.0
}

fn millis(max: u32) -> impl Strategy<Value = f64> {
    (0..max).prop_map(secs)
}

fn id() -> impl Strategy<Value = String> {
    "[A-Za-z0-9][A-Za-z0-9 ._-]{0,15}"
}

fn opt_text() -> impl Strategy<Value = Option<String>> {
    proptest::option::of(".{0,12}")
}

fn party() -> impl Strategy<Value = Party> {
    prop_oneof![Just(Party::Operator), Just(Party::Client)]
}

fn started_at() -> impl Strategy<Value = Option<OffsetDateTime>> {
    proptest::option::of(
        (946_684_800i64..4_102_444_800, -12 * 60..14 * 60i32).prop_map(|(secs, offset_min)| {
            let offset = UtcOffset::from_whole_seconds(offset_min * 60).unwrap();
            OffsetDateTime::from_unix_timestamp(secs)
                .unwrap()
                .to_offset(offset)
        }),
    )
}

/// A valid event sequence: middle events (a hold is a start/end pair),
/// then `hangup` or `drop`; or no events at all.
fn events() -> impl Strategy<Value = Vec<Event>> {
    let middle = prop_oneof![
        Just(vec![EventKind::Ring]),
        Just(vec![EventKind::Answer]),
        Just(vec![EventKind::HoldStart, EventKind::HoldEnd]),
        proptest::option::of(id()).prop_map(|to| vec![EventKind::Transfer { to }]),
    ];
    let end = prop_oneof![
        party().prop_map(|by| EventKind::Hangup { by }),
        Just(EventKind::Drop)
    ];
    proptest::option::of((vec(middle, 0..6), end)).prop_flat_map(|seq| {
        let kinds: Vec<EventKind> = match seq {
            None => vec![],
            Some((middle, end)) => middle.into_iter().flatten().chain([end]).collect(),
        };
        let n = kinds.len();
        vec(millis(100_000), n).prop_map(move |mut times| {
            times.sort_by(f64::total_cmp);
            kinds
                .iter()
                .cloned()
                .zip(times)
                .map(|(kind, at)| Event { at, kind })
                .collect()
        })
    })
}

fn word() -> impl Strategy<Value = Word> {
    (
        ".{0,8}",
        proptest::option::of((0..100_000u32, 0..2_000u32)),
        proptest::option::of(millis(1_001)),
    )
        .prop_map(|(w, span, conf)| Word {
            w,
            start: span.map(|(s, _)| secs(s)),
            end: span.map(|(s, d)| secs(s + d)),
            conf,
        })
}

fn utterances() -> impl Strategy<Value = Vec<Utterance>> {
    vec(
        (
            party(),
            0..100_000u32,
            0..20_000u32,
            ".{0,40}",
            vec(word(), 0..3),
        ),
        0..8,
    )
    .prop_map(|mut items| {
        items.sort_by_key(|item| item.1);
        items
            .into_iter()
            .map(|(speaker, start, dur, text, words)| Utterance {
                speaker,
                start: secs(start),
                end: secs(start + dur),
                text,
                words,
            })
            .collect()
    })
}

fn valid_call() -> impl Strategy<Value = Call> {
    let head = (
        id(),
        prop_oneof![Just(Direction::Inbound), Just(Direction::Outbound)],
        started_at(),
        proptest::option::of(proptest::sample::select(Lang::ALL.to_vec())),
        opt_text(),
        opt_text(),
    );
    let people = (
        (id(), opt_text()).prop_map(|(id, name)| Operator { id, name }),
        (
            proptest::option::of(id()),
            opt_text(),
            opt_text(),
            proptest::option::of(any::<bool>()),
        )
            .prop_map(|(id, name, number, third_party)| Client {
                id,
                name,
                number,
                third_party,
            }),
        btree_map(".{0,8}", ".{0,8}", 0..4),
    );
    (head, people, events(), utterances()).prop_map(
        |(
            (id, direction, started_at, language, company, department),
            (operator, client, tags),
            events,
            utterances,
        )| Call {
            id,
            direction,
            started_at,
            language,
            company,
            department,
            operator,
            client,
            tags: tags.into_iter().collect::<BTreeMap<_, _>>(),
            events,
            utterances,
        },
    )
}
