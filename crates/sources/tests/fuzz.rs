//! Fuzz-style property tests: every parser of network input takes
//! arbitrary bytes (and arbitrary well-formed-looking input) without
//! panicking. Bounded case counts keep them quick.

use callqa_import::Mapping;
use callqa_model::Party;
use callqa_sources::adapt::{AdaptConfig, Adapter, Kind};
use callqa_sources::ami::frame::{Block, Frame, Framer as AmiFramer};
use callqa_sources::ami::AmiCalls;
use callqa_sources::esl::frame::Framer as EslFramer;
use callqa_sources::esl::EslCalls;
use callqa_sources::fold::fold;
use callqa_sources::vosk::VoskStream;
use proptest::prelude::*;
use serde_json::Value;

fn chunks() -> impl Strategy<Value = Vec<Vec<u8>>> {
    prop::collection::vec(prop::collection::vec(any::<u8>(), 0..200), 0..12)
}

const AMI_KEYS: &[&str] = &[
    "Event",
    "Timestamp",
    "Channel",
    "Uniqueid",
    "Linkedid",
    "DestUniqueid",
    "Uniqueid1",
    "Uniqueid2",
    "ChannelState",
    "ChannelStateDesc",
    "CallerIDNum",
    "CallerIDName",
    "Queue",
    "Reason",
    "BridgeTechnology",
    "Extension",
    "TransfererUniqueid",
    "EventName",
    "EventTime",
];
const AMI_EVENTS: &[&str] = &[
    "Newchannel",
    "Newstate",
    "Hold",
    "Unhold",
    "MusicOnHoldStart",
    "MusicOnHoldStop",
    "BridgeEnter",
    "BridgeLeave",
    "BlindTransfer",
    "AttendedTransfer",
    "HangupRequest",
    "Hangup",
    "AgentConnect",
    "AgentComplete",
    "QueueCallerJoin",
    "DialBegin",
    "Dial",
    "Bridge",
    "CEL",
];

fn ami_block() -> impl Strategy<Value = Block> {
    let value = prop_oneof![
        prop::sample::select(vec![
            "1.1",
            "1.2",
            "1.3",
            "PJSIP/1-0001",
            "Local/x;1",
            "6",
            "Up",
            "holding_bridge",
            "caller",
            "agent",
            "1709370000.5",
            "2014-10-28 16:36:40",
            ""
        ])
        .prop_map(str::to_string),
        "[ -~]{0,12}",
        "[0-9]{1,11}(\\.[0-9]{1,6})?",
    ];
    (
        prop::sample::select(AMI_EVENTS.to_vec()),
        prop::collection::vec((prop::sample::select(AMI_KEYS.to_vec()), value), 0..8),
    )
        .prop_map(|(e, kv)| {
            let mut fields = vec![("Event".to_string(), e.to_string())];
            fields.extend(kv.into_iter().map(|(k, v)| (k.to_string(), v)));
            Block { fields }
        })
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or(Value::Null)),
        prop::sample::select(vec![
            "ch_0", "ch_1", "0", "1", "Results", "Turn", "800", "1.5s", "x"
        ])
        .prop_map(|s| Value::String(s.into())),
        "[ -~]{0,10}".prop_map(Value::String),
    ];
    let keys = prop::sample::select(vec![
        "Transcript",
        "Results",
        "ResultId",
        "IsPartial",
        "Alternatives",
        "Items",
        "Content",
        "Stable",
        "StartTime",
        "EndTime",
        "ChannelId",
        "type",
        "channel",
        "channel_index",
        "is_final",
        "start",
        "duration",
        "alternatives",
        "transcript",
        "words",
        "turn_order",
        "end_of_turn",
        "turn_is_formatted",
        "word_is_final",
        "text",
        "partial",
        "final",
        "finalRefinement",
        "finalIndex",
        "normalizedText",
        "audioCursors",
        "channelTag",
        "startTimeMs",
        "endTimeMs",
        "result",
        "call",
        "message",
        "word",
        "conf",
        "end",
    ]);
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..6).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn ami_framing_and_calls_take_any_bytes(cs in chunks()) {
        let mut f = AmiFramer::new();
        let mut calls = AmiCalls::new(Mapping::default(), None);
        for c in &cs {
            f.push(c);
            while let Some(fr) = f.next_frame() {
                if let Frame::Block(b) = fr {
                    let _ = calls.feed(&b);
                }
            }
        }
    }

    #[test]
    fn ami_calls_take_any_event_sequence(bs in prop::collection::vec(ami_block(), 0..30)) {
        let mut calls = AmiCalls::new(Mapping::default(), None);
        let mut msgs = Vec::new();
        for b in &bs {
            msgs.extend(calls.feed(b));
        }
        // What was sent about a call that ended is a valid call record.
        for (id, r) in fold(&msgs) {
            let ended = msgs.iter().any(|m| matches!(m, callqa_sources::Message::End { call, .. } if *call == id));
            if ended {
                prop_assert!(r.is_ok(), "{id}: {r:?}\n{:#?}\n{bs:#?}", msgs);
            }
        }
    }

    #[test]
    fn esl_framing_and_calls_take_any_bytes(cs in chunks()) {
        let mut f = EslFramer::new();
        let mut calls = EslCalls::new(Mapping::default(), None);
        for c in &cs {
            f.push(c);
            loop {
                match f.next_message() {
                    Ok(Some(m)) => { let _ = calls.feed(&m.body); let _ = calls.feed(&String::from_utf8_lossy(c)); }
                    Ok(None) => break,
                    Err(_) => { f = EslFramer::new(); break; }
                }
            }
        }
    }

    #[test]
    fn esl_calls_take_any_event_headers(evs in prop::collection::vec(
        (prop::sample::select(vec!["CHANNEL_CREATE", "CHANNEL_ANSWER", "CHANNEL_HOLD", "CHANNEL_UNHOLD", "CHANNEL_BRIDGE", "CHANNEL_HANGUP_COMPLETE"]),
         prop::sample::select(vec!["a", "b"]),
         prop::sample::select(vec!["inbound", "outbound", ""]),
         "[0-9]{0,17}",
         "[ -~]{0,20}"), 0..20)) {
        let mut calls = EslCalls::new(Mapping::default(), None);
        let mut msgs = Vec::new();
        for (name, id, dir, ts, junk) in evs {
            let body = format!(
                "Event-Name: {name}\nUnique-ID: {id}\nCall-Direction: {dir}\nOther-Leg-Unique-ID: a\nEvent-Date-Timestamp: {ts}\nCaller-Channel-Created-Time: {ts}\nCaller-Channel-Answered-Time: {ts}\nCaller-Channel-Hangup-Time: {ts}\nvariable_hold_events: {junk}\nvariable_sip_hangup_disposition: {junk}\n\n"
            );
            msgs.extend(calls.feed(&body));
        }
        for (id, r) in fold(&msgs) {
            let ended = msgs.iter().any(|m| matches!(m, callqa_sources::Message::End { call, .. } if *call == id));
            if ended {
                prop_assert!(r.is_ok(), "{id}: {r:?}\n{:#?}", msgs);
            }
        }
    }

    #[test]
    fn adapters_take_any_line(line in "\\PC{0,200}", v in json()) {
        for kind in [Kind::Aws, Kind::Deepgram, Kind::AssemblyAi, Kind::SpeechKit] {
            for refined in [false, true] {
                let mut cfg = AdaptConfig::new("c1");
                cfg.refined = refined;
                let mut a = Adapter::new(kind, cfg);
                let _ = a.line(&line);
                let _ = a.line(&v.to_string());
                let _ = a.line(&serde_json::json!({"call": "c2", "message": v}).to_string());
            }
        }
    }

    #[test]
    fn vosk_answers_take_anything(line in "\\PC{0,200}", v in json(), heard in any::<f64>()) {
        let mut s = VoskStream::new("c1", Party::Client, "1-", 0.0);
        let _ = s.answer(&line, heard);
        let _ = s.answer(&v.to_string(), heard);
    }
}
