//! The hand-written reader of the common record shape against serde's
//! derived reader (`check_direct_reader`): wherever the hand-written one
//! takes a record it gives the same intermediate form, floats to the bit;
//! it takes every record of the examples, the corpus and `callqa bench`'s
//! shape; and whatever it leaves goes on to give the same calls and errors
//! (`call_from_slice` is compared with the `Value` path).

use std::path::Path;

use proptest::collection::vec;
use proptest::prelude::*;
use serde_json::Value;

use callqa_model::parse::check_direct_reader;
use callqa_model::{call_from_slice, call_from_value, Call, CallError};

fn value_path(bytes: &[u8]) -> Result<Call, CallError> {
    call_from_value(serde_json::from_slice::<Value>(bytes).unwrap())
}

/// Agrees wherever it reads; returns whether it read `text`. Also checks
/// that the whole parser agrees with the `Value` path on valid JSON.
fn takes(text: &str) -> bool {
    let took = match check_direct_reader(text.as_bytes()) {
        Ok(took) => took,
        Err(e) => panic!("{text}\n{e}"),
    };
    if serde_json::from_str::<Value>(text).is_ok() {
        assert_eq!(
            call_from_slice(text.as_bytes()),
            value_path(text.as_bytes()),
            "{text}"
        );
    }
    took
}

const BASE: &str = r#""id": "c1", "direction": "inbound", "operator": {"id": "op"}"#;

fn with(extra: &str) -> String {
    format!("{{{BASE}, {extra}}}")
}

fn at(number: &str) -> String {
    with(&format!(
        r#""events": [{{"at": {number}, "type": "ring"}}]"#
    ))
}

#[test]
fn takes_every_example_and_corpus_call() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut n = 0;
    for dir in ["examples", "corpus/calls"] {
        for entry in walkdir(&root.join(dir)) {
            if entry.extension().is_some_and(|e| e == "json") {
                let text = std::fs::read_to_string(&entry).unwrap();
                assert!(takes(&text), "{} left to serde", entry.display());
                n += 1;
            }
        }
    }
    assert!(n >= 100, "only {n} files");
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walkdir(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn what_it_takes() {
    assert!(takes(&format!("{{{BASE}}}")));
    assert!(takes(&format!(" \r\n\t{{{BASE}}} \n")));
    assert!(takes(
        r#"{"utterances": [], "operator": {"name": "Анна", "id": 7}, "direction": "x", "id": -12}"#
    ));
    assert!(takes(&with(
        r#""unknown": {"deep": [1, "x", null, true, false, {}, [], -0.5e-3]}, "client": {"id": 17, "x": 1}"#
    )));
    assert!(takes(&with(
        r#""started_at": null, "client": null, "tags": null, "events": null, "utterances": null"#
    )));
    assert!(takes(&with(
        r#""client": {"id": null, "name": "И", "number": "+1", "third_party": false}"#
    )));
    assert!(takes(&with(
        r#""tags": {"a": "1", "a": "2", "b": true, "c": -3, "d": 9999999999999999999}"#
    )));
    assert!(takes(&with(r#""tags": {"\u0061\n": "\"x\"", "": ""}"#)));
    assert!(takes(&with(
        r#""utterances": [{"speaker": "client", "start": 1, "end": 2E1, "text": "\u0430\n\/\\\b\f\r\t\ud83d\ude00 ок", "words": [{"w": "a", "conf": null, "start": 0.5, "end": 1e-2}]}]"#
    )));
    assert!(takes(&with(r#""company": "\u0000""#)));
    for n in [
        "0",
        "-0",
        "0.0",
        "-0.0",
        "1",
        "-1",
        "23.900000000000002",
        "295.4166666666667",
        "1e22",
        "1e-22",
        "9999999999999999999",
        "0.1234567890123456789",
        "1.7976931348623157e22",
        "4.9e-21",
        "12345678901234567.8",
        "0e0",
        "1E+2",
        "1e-0",
    ] {
        assert!(takes(&at(n)), "{n}");
    }
}

/// serde_json (without `float_roundtrip`) rounds twice: the digits to an
/// `f64`, then the division by the power of ten. The hand-written reader
/// gives its value, not the correctly rounded one.
#[test]
fn rounds_as_serde_json_does() {
    let text = with(
        r#""events": [{"at": 0, "type": "ring"}, {"at": 16.856766499050875, "type": "drop"}]"#,
    );
    assert!(takes(&text));
    let serde: f64 = serde_json::from_str("16.856766499050875").unwrap();
    assert_eq!(serde, 16.856766499050877);
    assert_ne!(serde, "16.856766499050875".parse::<f64>().unwrap());
    let call = call_from_slice(text.as_bytes()).unwrap();
    assert_eq!(call.events[1].at.to_bits(), serde.to_bits());
}

#[test]
fn what_it_leaves_to_serde() {
    // Not JSON, or JSON serde's reader refuses.
    for text in [
        "",
        "[]",
        "null",
        &format!("{{{BASE}}} x"),
        &format!("{{{BASE},}}"),
        &format!("{{{BASE}"),
        &with(r#""direction": 1"#),
        &with(r#""client": ["x"]"#),
        &with(r#""client": {"third_party": "no"}"#),
        &with(r#""events": [null]"#),
        &with(r#""events": [{"at": "1", "type": "drop"}]"#),
        &with(r#""utterances": [{"speaker": "client", "text": null}]"#),
        &with(r#""tags": {"a": null}"#),
        &with(r#""tags": {"a": [1]}"#),
        &with(r#""x": "\ud800""#),
        &with(r#""x": "\udc00""#),
        &with(r#""x": "\ud800\u0041""#),
        &with(r#""x": "\q""#),
        &with(r#""x": "\u12""#),
        &with("\"x\": \"a\u{1}b\""),
        &with(r#""x": 01"#),
        &with(r#""x": 1."#),
        &with(r#""x": -"#),
        &with(r#""x": 1e"#),
        &with(r#""x": 1e400"#),
        &with(r#""x": nul"#),
        r#"{"id": 1, "id": "c1", "direction": "inbound", "operator": {"id": "op"}}"#,
        r#"{"\u0069d": "c1", "direction": "inbound", "operator": {"id": "op"}}"#,
    ] {
        assert!(!takes(text), "{text}");
    }
    // Valid, but rare enough to leave: long numbers, big exponents, float
    // or `-0` ids and tags, deep unknown values.
    assert!(takes(&with(r#""tags": {"d": 18446744073709551615}"#)));
    for n in [
        "18446744073709551616",
        "0.18446744073709551616",
        "1e23",
        "1e-23",
        "0.00000000000000000000001",
    ] {
        assert!(!takes(&at(n)), "{n}");
    }
    assert!(!takes(&with(r#""client": {"id": 1.5}"#)));
    assert!(!takes(&with(r#""client": {"id": -0}"#)));
    assert!(!takes(&with(r#""tags": {"a": 1.5}"#)));
    let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
    assert!(!takes(&with(&format!(r#""x": {deep}"#))));
}

/// A JSON number as text, of every form the grammar allows: mostly short
/// ones (as records have), now and then one too long for the hand-written
/// reader.
fn number_text() -> impl Strategy<Value = String> {
    let int = prop_oneof![30 => "0|[1-9][0-9]{0,5}", 1 => "0|[1-9][0-9]{0,20}"];
    let frac = prop_oneof![30 => "[0-9]{1,17}", 1 => "[0-9]{1,22}"];
    let exp = prop_oneof![
        30 => Just(None),
        2 => ("[eE]", "[+-]?", "[0-9]{1,2}").prop_map(Some),
        1 => ("[eE]", "[+-]?", "[0-9]{1,5}").prop_map(Some),
    ];
    number(int, frac, exp)
}

/// Numbers of every length and exponent, evenly.
fn any_number_text() -> impl Strategy<Value = String> {
    number(
        "0|[1-9][0-9]{0,21}",
        "[0-9]{1,24}",
        ("[eE]", "[+-]?", "[0-9]{1,3}").prop_map(Some),
    )
}

fn number(
    int: impl Strategy<Value = String>,
    frac: impl Strategy<Value = String>,
    exp: impl Strategy<Value = Option<(String, String, String)>>,
) -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        int,
        proptest::option::of(frac),
        proptest::option::weighted(0.5, exp),
    )
        .prop_map(|(neg, int, frac, exp)| {
            let mut s = String::new();
            if neg {
                s.push('-');
            }
            s.push_str(&int);
            if let Some(f) = frac {
                s.push('.');
                s.push_str(&f);
            }
            if let Some(Some((e, sign, d))) = exp {
                s.push_str(&e);
                s.push_str(&sign);
                s.push_str(&d);
            }
            s
        })
}

/// A string literal with escapes of every kind, raw Cyrillic and Armenian,
/// and the odd bad escape or control character.
fn string_text() -> impl Strategy<Value = String> {
    vec(
        prop_oneof![
            100 => "[a-zа-яա-ֆ .,?]{1,6}",
            4 => proptest::sample::select(vec![
                r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t", r"\u0430", r"\u00e9",
                r"\ud83d\ude00", r"\u0000", r"\uDBFF\uDFFF", "\u{7f}",
            ])
            .prop_map(str::to_owned),
            1 => proptest::sample::select(vec![r"\uD800", r"\udfff", r"\x", "\u{1}", r"\u00"])
            .prop_map(str::to_owned),
        ],
        0..6,
    )
    .prop_map(|parts| format!("\"{}\"", parts.concat()))
}

/// A value for a field: usually of its type, sometimes not.
fn value_text(depth: u32) -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        string_text(),
        number_text(),
        Just("null".to_owned()),
        Just("true".to_owned()),
        Just("false".to_owned()),
    ];
    leaf.prop_recursive(depth, 24, 4, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..4).prop_map(|v| format!("[{}]", v.join(","))),
            vec((key_text(), inner), 0..4).prop_map(|kv| object(&kv)),
        ]
    })
    .boxed()
}

fn key_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => proptest::sample::select(vec![
            "id", "direction", "started_at", "language", "company", "department", "operator",
            "client", "tags", "events", "utterances", "at", "type", "by", "to", "speaker", "start",
            "end", "text", "words", "w", "conf", "name", "number", "third_party", "extra",
        ])
        .prop_map(|k| format!("\"{k}\"")),
        1 => string_text(),
    ]
}

fn object(kv: &[(String, String)]) -> String {
    let fields: Vec<String> = kv.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", fields.join(", "))
}

fn event_text() -> impl Strategy<Value = String> {
    (
        number_text(),
        proptest::sample::select(vec!["ring", "answer", "hangup", "hold_start"]),
        prop_oneof![
            4 => Just(None),
            4 => Just(Some("\"client\"".to_owned())),
            1 => value_text(1).prop_map(Some),
        ],
    )
        .prop_map(|(at, kind, extra)| {
            let mut kv = vec![
                ("\"at\"".to_owned(), at),
                ("\"type\"".to_owned(), format!("\"{kind}\"")),
            ];
            if let Some(x) = extra {
                kv.push(("\"by\"".to_owned(), x));
            }
            object(&kv)
        })
}

fn word_text() -> impl Strategy<Value = String> {
    (string_text(), number_text(), number_text(), number_text())
        .prop_map(|(w, s, e, c)| format!(r#"{{"w": {w}, "start": {s}, "end": {e}, "conf": {c}}}"#))
}

fn utterance_text() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(vec!["operator", "client"]),
        number_text(),
        number_text(),
        string_text(),
        proptest::option::of(vec(word_text(), 0..3)),
    )
        .prop_map(|(sp, s, e, t, words)| {
            let mut u = format!(r#"{{"speaker": "{sp}", "start": {s}, "end": {e}, "text": {t}"#);
            if let Some(w) = words {
                u.push_str(&format!(r#", "words": [{}]"#, w.join(",")));
            }
            u.push('}');
            u
        })
}

/// A record of the common shape with random values, extra fields, and now
/// and then a field of a wrong type or repeated.
fn record_text() -> impl Strategy<Value = String> {
    (
        prop_oneof![string_text(), number_text()],
        vec(event_text(), 0..4),
        vec(utterance_text(), 0..5),
        vec(
            (
                prop_oneof![
                    6 => "\"x_[a-z]{0,3}\"",
                    1 => key_text(),
                ],
                value_text(2),
            ),
            0..3,
        ),
        proptest::option::of(vec(
            (
                string_text(),
                prop_oneof![6 => string_text(), 2 => number_text(), 1 => value_text(1)],
            ),
            0..3,
        )),
    )
        .prop_map(|(id, events, utterances, extra, tags)| {
            let mut kv = vec![
                ("\"id\"".to_owned(), id),
                ("\"direction\"".to_owned(), "\"inbound\"".to_owned()),
                (
                    "\"started_at\"".to_owned(),
                    "\"2026-03-02T09:00:00+03:00\"".to_owned(),
                ),
                ("\"language\"".to_owned(), "\"ru\"".to_owned()),
                (
                    "\"operator\"".to_owned(),
                    r#"{"id": "op", "name": "Анна"}"#.to_owned(),
                ),
                (
                    "\"client\"".to_owned(),
                    r#"{"id": "cl", "third_party": true}"#.to_owned(),
                ),
                ("\"events\"".to_owned(), format!("[{}]", events.join(","))),
                (
                    "\"utterances\"".to_owned(),
                    format!("[{}]", utterances.join(", ")),
                ),
            ];
            if let Some(t) = tags {
                kv.push(("\"tags\"".to_owned(), object(&t)));
            }
            kv.extend(extra);
            object(&kv)
        })
}

/// What a byte edit may put in.
const EDITS: &[u8] = b"{}[]\",:\\ 0123456789.eE-+ntfu\n\x01";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn agrees_on_numbers(n in any_number_text()) {
        takes(&at(&n));
    }

    #[test]
    fn agrees_on_printed_floats(x in any::<f64>(), scale in 0..4usize) {
        // What serializers write: the shortest round-trip text, at several
        // magnitudes.
        let x = x / [1.0, 1e10, 1e300, 1e-10][scale];
        if x.is_finite() {
            takes(&at(&format!("{x:?}")));
            takes(&at(&format!("{x}")));
            takes(&at(&format!("{x:e}")));
        }
    }

    #[test]
    fn agrees_on_records(text in record_text()) {
        takes(&text);
    }

    #[test]
    fn agrees_on_edited_records(
        text in record_text(),
        edits in vec((any::<prop::sample::Index>(), 0..3u8, prop::sample::select(EDITS)), 1..4),
    ) {
        let mut bytes = text.into_bytes();
        for (at, op, b) in edits {
            let i = at.index(bytes.len() + 1);
            match op {
                0 => bytes.insert(i, b),
                1 if i < bytes.len() => { bytes.remove(i); }
                _ if i < bytes.len() => bytes[i] = b,
                _ => {}
            }
        }
        // Edits may cut a character in two: then both readers refuse.
        match check_direct_reader(&bytes) {
            Ok(_) => {}
            Err(e) => panic!("{}\n{e}", String::from_utf8_lossy(&bytes)),
        }
        if serde_json::from_slice::<Value>(&bytes).is_ok() {
            prop_assert_eq!(call_from_slice(&bytes), value_path(&bytes));
        }
    }

    #[test]
    fn agrees_on_any_bytes(bytes in vec(any::<u8>(), 0..256)) {
        prop_assert!(check_direct_reader(&bytes).is_ok());
    }
}

/// Most generated records are taken: the tests above do exercise the
/// hand-written reader, not only its refusals.
#[test]
fn the_generated_records_are_mostly_taken() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let strategy = record_text();
    let (mut taken, mut total) = (0, 0);
    for _ in 0..500 {
        let text = strategy.new_tree(&mut runner).unwrap().current();
        total += 1;
        if takes(&text) {
            taken += 1;
        }
    }
    assert!(taken * 5 >= total, "only {taken} of {total} taken");
}
