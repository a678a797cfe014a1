//! What the redaction tests share: the example calls, generated calls with
//! card numbers, phone numbers and digit runs spoken into them in Russian
//! and English, the audit of a call's raw text, and the store backends.

#![allow(dead_code)]

use std::path::PathBuf;

use callqa_engine::history::{CallFacts, MemoryHistory};
use callqa_engine::Horizon;
use callqa_model::{read_inputs, Call, CallAudit, Party, Utterance, Word};
use callqa_standard::Standard;
use callqa_store::{PgStore, SqliteStore, Store};

/// The card number the tests speak and write into calls (Luhn-valid).
pub const CARD: &str = "4276380012345679";
/// The same card, spoken digit by digit in Russian.
pub const CARD_RU: &str =
    "четыре два семь шесть три восемь ноль ноль один два три четыре пять шесть семь девять";
/// A Visa test card, spoken digit by digit in English.
pub const CARD_EN: &str = "four one one one one one one one one one one one one one one one";

pub fn sqlite(name: &str) -> Box<dyn Store> {
    let dir = data_dir(name);
    Box::new(SqliteStore::open_dir(&dir).expect("open sqlite"))
}

/// A fresh data directory for a test.
pub fn data_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("callqa-server-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

pub fn postgres(name: &str) -> Option<Box<dyn Store>> {
    let Ok(url) = std::env::var("CALLQA_TEST_PG_URL") else {
        eprintln!("skipped: CALLQA_TEST_PG_URL is not set (.ci/postgres.sh starts a server)");
        return None;
    };
    let schema = format!("srv_{name}");
    let mut c = postgres::Client::connect(&url, postgres::NoTls).expect("connect");
    c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"))
        .expect("drop schema");
    Some(Box::new(
        PgStore::connect_in_schema(&url, Some(&schema)).expect("open postgres"),
    ))
}

/// Every call of `examples/`.
pub fn examples() -> Vec<Call> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    read_inputs(&[dir])
        .map(|c| c.expect("every example is a valid call record"))
        .collect()
}

/// An utterance whose recognised words carry their own timings.
fn said(speaker: Party, start: f64, text: &str) -> Utterance {
    let words: Vec<Word> = text
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| Word {
            w: w.to_string(),
            start: Some(start + i as f64 * 0.3),
            end: Some(start + i as f64 * 0.3 + 0.25),
            conf: None,
        })
        .collect();
    let end = words.last().and_then(|w| w.end).unwrap_or(start + 0.3);
    Utterance {
        speaker,
        start,
        end,
        text: text.to_string(),
        words,
    }
}

/// The call with the client dictating a card number (spoken, or written
/// as an ASR engine writes digits), the operator repeating a phone number
/// and a code spoken as a run of digits, in the middle of the call; which
/// of them depends on `variant`.
pub fn with_numbers(mut call: Call, variant: u64) -> Call {
    let Some(mid) = call
        .utterances
        .get(call.utterances.len() / 2)
        .map(|u| u.end)
    else {
        return call;
    };
    let en = call.language.map(|l| l.as_str()) == Some("en");
    let lines: Vec<(Party, String)> = match (en, variant % 3) {
        (true, 0) => vec![
            (Party::Client, format!("My card number is {CARD_EN}")),
            (
                Party::Operator,
                "So your phone is nine one six one two three four five six seven".into(),
            ),
        ],
        (true, 1) => vec![
            (Party::Client, "the card is 4111 1111 1111 1111".into()),
            (Party::Operator, "and the code is seven seven three one".into()),
        ],
        (true, _) => vec![
            (Party::Client, "call me at plus one two one two five five five one two three four".into()),
            (Party::Operator, "I'll call you back at ten thirty, it costs 2500 dollars".into()),
        ],
        (false, 0) => vec![
            (Party::Client, format!("Номер карты {CARD_RU}")),
            (
                Party::Operator,
                "Записала ваш телефон: восемь девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь".into(),
            ),
        ],
        (false, 1) => vec![
            (Party::Client, "карта 4276 3800 1234 5679".into()),
            (Party::Operator, "и код подтверждения один два три четыре".into()),
        ],
        (false, _) => vec![
            (Party::Client, "мой номер плюс семь девятьсот шестнадцать один два три сорок пять шестьдесят семь".into()),
            (Party::Operator, "Перезвоню вам в десять тридцать, списание 1500 рублей".into()),
        ],
    };
    let at = call
        .utterances
        .iter()
        .position(|u| u.start > mid)
        .unwrap_or(call.utterances.len());
    let mut start = mid + 0.1;
    let mut new = Vec::new();
    for (speaker, text) in lines {
        let u = said(speaker, start, &text);
        start = u.end + 0.05;
        new.push(u);
    }
    // What was said later moves on by the time the new lines take.
    let shift = start - mid;
    for u in &mut call.utterances[at..] {
        u.start += shift;
        u.end += shift;
        for w in &mut u.words {
            w.start = w.start.map(|t| t + shift);
            w.end = w.end.map(|t| t + shift);
        }
    }
    for e in &mut call.events {
        if e.at > mid {
            e.at += shift;
        }
    }
    call.utterances.splice(at..at, new);
    call
}

/// The examples, each also with numbers spoken into it, and `generated`
/// realistic generated calls with numbers spoken into them.
pub fn calls_with_numbers(generated: u64) -> Vec<Call> {
    let mut calls = Vec::new();
    for (i, c) in examples().into_iter().enumerate() {
        let mut with = with_numbers(c.clone(), i as u64);
        with.id = format!("{}-numbers", c.id);
        calls.push(c);
        calls.push(with);
    }
    for seed in 0..generated {
        calls.push(with_numbers(callqa_testkit::realistic_call(seed), seed));
    }
    calls
}

/// The audits of the raw calls, their cross-call rules decided against one
/// another at `horizon` (as one ingest request decides them).
pub fn raw_audits(std: &Standard, calls: &[Call], horizon: Horizon) -> Vec<CallAudit> {
    let mut history = MemoryHistory::new();
    for c in calls {
        history.insert(CallFacts::of(c));
    }
    calls
        .iter()
        .map(|c| {
            let mut e = std.evaluate_call(c);
            std.decide_cross_calls(&mut e, &history, horizon);
            std.audit_of(e)
        })
        .collect()
}
