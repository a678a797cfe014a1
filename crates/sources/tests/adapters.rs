//! The recogniser adapters on sample answers written from each vendor's
//! public documentation (`tests/data/adapt/`, labelled in its README).

mod common;

use callqa_model::Party;
use callqa_sources::adapt::{AdaptConfig, Adapter, Kind};
use callqa_sources::fold::fold;
use callqa_sources::{CallHead, Message, UtteranceMsg};
use common::data;

fn run(kind: Kind, file: &str, cfg: AdaptConfig) -> Vec<UtteranceMsg> {
    let text = std::fs::read_to_string(data(&format!("adapt/{file}"))).unwrap();
    let mut a = Adapter::new(kind, cfg);
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate() {
        for m in a
            .line(l)
            .unwrap_or_else(|e| panic!("{file}:{}: {e}", i + 1))
        {
            let Message::Utterance(u) = m else {
                panic!("{m:?}")
            };
            out.push(u);
        }
    }
    out
}

/// (segment, final, stable_chars, text) of each message.
fn shape(us: &[UtteranceMsg]) -> Vec<(String, bool, usize, String)> {
    us.iter()
        .map(|u| {
            (
                u.segment.clone().unwrap(),
                u.is_final,
                u.stable_chars,
                u.utterance.text.clone(),
            )
        })
        .collect()
}

fn s(seg: &str, f: bool, stable: usize, text: &str) -> (String, bool, usize, String) {
    (seg.into(), f, stable, text.into())
}

/// Stable text never changes later, in any message of the same segment.
fn stable_prefixes_hold(us: &[UtteranceMsg]) {
    for (i, u) in us.iter().enumerate() {
        let prefix: String = u.utterance.text.chars().take(u.stable_chars).collect();
        for later in &us[i + 1..] {
            if later.segment == u.segment {
                assert!(
                    later.utterance.text.starts_with(&prefix),
                    "{u:?} then {later:?}"
                );
            }
        }
    }
}

/// The finals fold into a valid call record.
fn folds(us: &[UtteranceMsg]) -> callqa_model::Call {
    let mut msgs = vec![Message::Start {
        call: CallHead {
            id: "c1".into(),
            direction: callqa_model::Direction::Inbound,
            started_at: None,
            language: None,
            company: None,
            department: None,
            operator: None,
            client: Default::default(),
            tags: Default::default(),
        },
    }];
    msgs.extend(us.iter().cloned().map(Message::Utterance));
    msgs.push(Message::End {
        call: "c1".into(),
        at: None,
    });
    fold(&msgs).remove(0).1.unwrap()
}

#[test]
fn aws_same_result_id_until_not_partial() {
    let us = run(Kind::Aws, "aws.jsonl", AdaptConfig::new("c1"));
    assert_eq!(
        shape(&us),
        [
            s("a1b2c3", false, 0, "Good"),
            s("a1b2c3", false, 13, "Good morning, this"),
            s("a1b2c3", true, 27, "Good morning, this is Anna."),
            s("d4e5f6", false, 2, "Hi I"),
        ]
    );
    stable_prefixes_hold(&us);
    assert_eq!(us[2].utterance.speaker, Party::Operator);
    assert_eq!(us[3].utterance.speaker, Party::Client); // ch_1
    assert_eq!(us[2].utterance.words.len(), 5); // punctuation items are not words
    let c = folds(&us);
    assert_eq!(c.utterances.len(), 2);
}

#[test]
fn deepgram_interim_then_final_segments() {
    let mut cfg = AdaptConfig::new("c1");
    cfg.offset = 10.0; // the bridge started streaming at the answer, 10 s in
    let us = run(Kind::Deepgram, "deepgram.jsonl", cfg);
    assert_eq!(
        shape(&us),
        [
            s("1-0", false, 0, "hello i"),
            s("1-0", false, 0, "hello i have a problem"),
            s("1-0", true, 24, "Hello, I have a problem."),
            s("1-1", false, 0, "with my card"),
        ]
    );
    assert_eq!(us[2].utterance.speaker, Party::Client); // channel_index [1, 2]
    assert_eq!((us[2].utterance.start, us[2].utterance.end), (10.0, 12.2));
    assert_eq!(us[2].utterance.words[0].w, "Hello,");
    assert_eq!(us[2].utterance.words[0].start, Some(10.1));
    folds(&us);
}

#[test]
fn assemblyai_running_turn_text_and_formatted_copy() {
    let us = run(Kind::AssemblyAi, "assemblyai.jsonl", AdaptConfig::new("c1"));
    assert_eq!(
        shape(&us),
        [
            s("0", false, 4, "good"),
            s("0", false, 12, "good morning how"),
            s("0", true, 27, "good morning how can i help"),
        ]
    );
    stable_prefixes_hold(&us);
    // With format_turns on, the formatted copy is the final one.
    let mut cfg = AdaptConfig::new("c1");
    cfg.refined = true;
    let us = run(Kind::AssemblyAi, "assemblyai.jsonl", cfg);
    assert_eq!(us.len(), 4);
    assert_eq!(
        shape(&us)[2],
        s("0", false, 27, "good morning how can i help")
    );
    assert_eq!(
        shape(&us)[3],
        s("0", true, 29, "Good morning, how can I help?")
    );
    assert_eq!((us[3].utterance.start, us[3].utterance.end), (0.32, 1.8));
    assert_eq!(
        folds(&us).utterances[0].text,
        "Good morning, how can I help?"
    );
}

#[test]
fn speechkit_partial_final_and_refinement() {
    let us = run(Kind::SpeechKit, "speechkit.jsonl", AdaptConfig::new("c1"));
    assert_eq!(
        shape(&us),
        [
            s("0-0", false, 0, "добрый"),
            s("0-0", false, 0, "добрый день компания"),
            s("0-0", true, 28, "добрый день компания ромашка"),
            s("1-0", false, 0, "здравствуйте"),
        ]
    );
    assert_eq!(us[3].utterance.speaker, Party::Client);
    assert_eq!((us[2].utterance.start, us[2].utterance.end), (0.16, 2.3));
    let mut cfg = AdaptConfig::new("c1");
    cfg.refined = true;
    let us = run(Kind::SpeechKit, "speechkit.jsonl", cfg);
    assert_eq!(
        shape(&us)[2],
        s("0-0", false, 0, "добрый день компания ромашка")
    );
    assert_eq!(
        shape(&us)[3],
        s("0-0", true, 32, "Добрый день, компания «Ромашка».")
    );
    assert_eq!(
        folds(&us).utterances[0].text,
        "Добрый день, компания «Ромашка»."
    );
}

#[test]
fn bad_lines_are_errors_that_quote_them() {
    let mut a = Adapter::new(Kind::Aws, AdaptConfig::new("c1"));
    assert_eq!(
        a.line("{oops").unwrap_err(),
        "not JSON (key must be a string at line 1 column 2): \"{oops\""
    );
    assert_eq!(
        a.line(r#"{"Transcript":{"Results":[{"IsPartial":true}]}}"#)
            .unwrap_err(),
        "Transcript.Results[0].ResultId: missing"
    );
    assert_eq!(
        a.line("[1]").unwrap_err(),
        "expected an object, found an array"
    );
    let mut d = Adapter::new(Kind::Deepgram, AdaptConfig::new("c1"));
    assert_eq!(
        d.line(r#"{"type":"Results","channel":{},"start":"soon"}"#)
            .unwrap_err(),
        "start: \"soon\" is not a number of seconds"
    );
    let mut k = Adapter::new(Kind::SpeechKit, AdaptConfig::new("c1"));
    let mut cfg = AdaptConfig::new("c1");
    cfg.refined = true;
    let mut kr = Adapter::new(Kind::SpeechKit, cfg);
    assert!(k
        .line(r#"{"finalRefinement":{"finalIndex":"7"}}"#)
        .unwrap()
        .is_empty());
    assert_eq!(
        kr.line(r#"{"finalRefinement":{"finalIndex":"7"}}"#)
            .unwrap_err(),
        "finalRefinement.finalIndex: \"7\" names no final of channel 0"
    );
    // A line that names its own call.
    let mut a = Adapter::new(Kind::AssemblyAi, AdaptConfig::new("c1"));
    let m = a
        .line(r#"{"call":"c9","message":{"type":"Turn","turn_order":3,"end_of_turn":true,"transcript":"да","words":[]}}"#)
        .unwrap();
    assert_eq!(m[0].call_id(), "c9");
}
