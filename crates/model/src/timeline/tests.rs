//! The three modes of the timeline rules agree: the incremental state and
//! the typed validator give the parser's message for the same bad
//! timeline, and a repaired timeline passes.

use proptest::prelude::*;
use serde_json::json;

use super::{repair, validate_call, RepairKind, TimelineState};
use crate::call::{Call, Event, EventKind, Party, Utterance, Word};
use crate::call_from_value;

fn call_json(events: serde_json::Value, utterances: serde_json::Value) -> serde_json::Value {
    json!({
        "id": "c1",
        "direction": "inbound",
        "operator": {"id": "op-1"},
        "events": events,
        "utterances": utterances,
    })
}

/// The strict parser's message for the record.
fn strict(events: serde_json::Value, utterances: serde_json::Value) -> String {
    call_from_value(call_json(events, utterances))
        .unwrap_err()
        .to_string()
}

fn ev(at: f64, kind: EventKind) -> Event {
    Event { at, kind }
}

fn utt(start: f64, end: f64) -> Utterance {
    Utterance {
        speaker: Party::Operator,
        start,
        end,
        text: "алло".into(),
        words: Vec::new(),
    }
}

/// Pushes every event, returning the first refusal.
fn incremental_events(events: &[Event]) -> (TimelineState, Option<String>) {
    let mut t = TimelineState::new();
    for e in events {
        if let Err(err) = t.push_event(e) {
            return (t, Some(err.to_string()));
        }
    }
    (t, t.finish().err().map(|e| e.to_string()))
}

fn incremental_utterances(utterances: &[Utterance]) -> Option<String> {
    let mut t = TimelineState::new();
    utterances
        .iter()
        .find_map(|u| t.push_utterance(u).err())
        .map(|e| e.to_string())
}

#[test]
fn a_nested_hold_start_gets_the_parsers_message_when_pushed() {
    let want = strict(
        json!([
            {"at": 0.0, "type": "ring"},
            {"at": 2.0, "type": "answer"},
            {"at": 5.0, "type": "hold_start"},
            {"at": 9.0, "type": "hold_start"},
            {"at": 12.0, "type": "hold_end"},
            {"at": 20.0, "type": "hangup", "by": "client"},
        ]),
        json!([]),
    );
    assert_eq!(
        want,
        "events[3].type: hold_start while the hold started at events[2] is still open"
    );
    let events = [
        ev(0.0, EventKind::Ring),
        ev(2.0, EventKind::Answer),
        ev(5.0, EventKind::HoldStart),
        ev(9.0, EventKind::HoldStart),
    ];
    let (state, got) = incremental_events(&events);
    assert_eq!(got.as_deref(), Some(want.as_str()));
    assert_eq!(state.events(), 3, "the refused event is not taken");
    assert!(state.in_hold());
}

#[test]
fn every_event_rule_has_the_same_message_in_all_modes() {
    let hangup = || EventKind::Hangup { by: Party::Client };
    let cases: Vec<(serde_json::Value, Vec<Event>)> = vec![
        (
            json!([{"at": 5.0, "type": "ring"}, {"at": 3.0, "type": "hangup", "by": "client"}]),
            vec![ev(5.0, EventKind::Ring), ev(3.0, hangup())],
        ),
        (
            json!([{"at": 1.0, "type": "hangup", "by": "client"}, {"at": 3.0, "type": "ring"}]),
            vec![ev(1.0, hangup()), ev(3.0, EventKind::Ring)],
        ),
        (
            json!([{"at": 1.0, "type": "hold_end"}, {"at": 3.0, "type": "drop"}]),
            vec![ev(1.0, EventKind::HoldEnd), ev(3.0, EventKind::Drop)],
        ),
        (
            json!([{"at": 1.0, "type": "ring"}, {"at": 1e300, "type": "drop"}]),
            vec![ev(1.0, EventKind::Ring), ev(1e300, EventKind::Drop)],
        ),
        (
            json!([{"at": 1.0, "type": "ring"}, {"at": 2.0, "type": "answer"}]),
            vec![ev(1.0, EventKind::Ring), ev(2.0, EventKind::Answer)],
        ),
    ];
    for (raw, typed) in cases {
        let want = strict(raw, json!([]));
        let (_, got) = incremental_events(&typed);
        assert_eq!(got.as_deref(), Some(want.as_str()), "{typed:?}");
        let call = Call {
            events: typed.clone(),
            ..minimal()
        };
        assert_eq!(validate_call(&call).unwrap_err().to_string(), want);
    }
}

#[test]
fn every_utterance_rule_has_the_same_message_in_all_modes() {
    let word = |start, end, conf| Word {
        w: "да".into(),
        start,
        end,
        conf,
    };
    let cases: Vec<(serde_json::Value, Vec<Utterance>)> = vec![
        (
            json!([{"speaker": "client", "start": 5.0, "end": 2.0, "text": "a"}]),
            vec![utt(5.0, 2.0)],
        ),
        (
            json!([
                {"speaker": "client", "start": 5.0, "end": 6.0, "text": "a"},
                {"speaker": "client", "start": 4.0, "end": 6.0, "text": "b"},
            ]),
            vec![utt(5.0, 6.0), utt(4.0, 6.0)],
        ),
        (
            json!([{"speaker": "client", "start": 1.0, "end": 1e300, "text": "a"}]),
            vec![utt(1.0, 1e300)],
        ),
        (
            json!([{"speaker": "client", "start": 1.0, "end": 2.0, "text": "a",
                    "words": [{"w": "да", "start": 2.0, "end": 1.3, "conf": 1.99}]}]),
            vec![Utterance {
                words: vec![word(Some(2.0), Some(1.3), Some(1.99))],
                ..utt(1.0, 2.0)
            }],
        ),
    ];
    for (raw, typed) in cases {
        let want = strict(json!([]), raw);
        assert_eq!(
            incremental_utterances(&typed).as_deref(),
            Some(want.as_str())
        );
        let call = Call {
            utterances: typed.clone(),
            ..minimal()
        };
        assert_eq!(validate_call(&call).unwrap_err().to_string(), want);
    }
}

#[test]
fn absurd_times_name_the_limit() {
    let msg = strict(
        json!([]),
        json!([{"speaker": "client", "start": 1.0, "end": 1e300, "text": "a"}]),
    );
    assert_eq!(
        msg,
        "utterances[0].end: 1e300 is more than the limit of 10000000.0 seconds (about 115 days)"
    );
}

fn minimal() -> Call {
    Call {
        id: "c1".into(),
        direction: crate::Direction::Inbound,
        started_at: None,
        language: None,
        company: None,
        department: None,
        operator: crate::Operator {
            id: "op-1".into(),
            name: None,
        },
        client: crate::Client::default(),
        tags: Default::default(),
        events: Vec::new(),
        utterances: Vec::new(),
    }
}

#[test]
fn validate_call_reports_blank_ids_like_the_parser() {
    let call = Call {
        id: String::new(),
        ..minimal()
    };
    assert_eq!(
        validate_call(&call).unwrap_err().to_string(),
        r#"id: "" is blank"#
    );
}

#[test]
fn repair_notes_what_it_fixed() {
    let mut call = Call {
        events: vec![
            ev(5.0, EventKind::Answer),
            ev(0.0, EventKind::Ring),
            ev(6.0, EventKind::HoldStart),
            ev(7.0, EventKind::HoldStart),
            ev(1e303, EventKind::HoldEnd),
        ],
        utterances: vec![utt(9.0, 3.0), utt(-1.0, 2.0)],
        ..minimal()
    };
    let repairs = repair(&mut call);
    let kinds: Vec<_> = repairs.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        [
            RepairKind::TimeOutOfRange,
            RepairKind::NegativeTime,
            RepairKind::EventsSorted,
            RepairKind::EndAdded,
            RepairKind::UnpairedHold,
            RepairKind::EndBeforeStart,
            RepairKind::UtterancesSorted,
        ]
    );
    assert_eq!(
        repairs[0].note,
        "events[4].at: 1e303 is out of range; event dropped"
    );
    assert_eq!(
        repairs[5].note,
        "utterances[0].end: 3.0 is earlier than start 9.0; end set to start"
    );
    validate_call(&call).unwrap();
    assert!(
        repair(&mut call).is_empty(),
        "a repaired call needs no repair"
    );
}

fn any_kind() -> impl Strategy<Value = EventKind> {
    prop_oneof![
        Just(EventKind::Ring),
        Just(EventKind::Answer),
        Just(EventKind::HoldStart),
        Just(EventKind::HoldEnd),
        Just(EventKind::Transfer { to: None }),
        Just(EventKind::Hangup { by: Party::Client }),
        Just(EventKind::Drop),
    ]
}

fn any_time() -> impl Strategy<Value = f64> {
    prop_oneof![
        8 => -5.0..100.0f64,
        1 => Just(f64::NAN),
        1 => Just(1e303),
        1 => Just(-0.0),
    ]
}

proptest! {
    /// Repair, then strict validation: whatever the timeline, it passes,
    /// and pushing the repaired timeline incrementally is accepted too.
    #[test]
    fn a_repaired_timeline_passes_every_mode(
        events in prop::collection::vec((any_time(), any_kind()), 0..12),
        utts in prop::collection::vec(
            (any_time(), any_time(), prop::option::of(any_time()), prop::option::of(-1.0..2.0f64)),
            0..8,
        ),
    ) {
        let mut call = Call {
            events: events.into_iter().map(|(at, kind)| Event { at, kind }).collect(),
            utterances: utts
                .into_iter()
                .map(|(s, e, ws, conf)| Utterance {
                    words: vec![Word { w: "x".into(), start: ws, end: ws.map(|x| x + 0.5), conf }],
                    ..utt(s, e)
                })
                .collect(),
            ..minimal()
        };
        repair(&mut call);
        prop_assert!(validate_call(&call).is_ok(), "{:?}", validate_call(&call));
        let mut t = TimelineState::new();
        for e in &call.events {
            prop_assert!(t.push_event(e).is_ok());
        }
        for u in &call.utterances {
            prop_assert!(t.push_utterance(u).is_ok());
        }
        prop_assert!(t.finish().is_ok());
        let text = serde_json::to_string(&call).unwrap();
        prop_assert!(crate::call_from_str(&text).is_ok());
    }
}
