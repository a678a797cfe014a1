//! `callqa standard explain` and `callqa standard diff`, tried as a QA
//! manager would: on the examples and on a copy of the default standard
//! with a threshold and a phrase changed and a test case added.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::run;

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The default standard, revision 2: answer by ring 2, «могу я вам
/// помочь?» as an offer of help, and a test case for it.
fn my_standard(dir: &Path) -> PathBuf {
    let mut s = callqa_standard::DEFAULT_STANDARD_TOML
        .replacen("revision = 1", "revision = 2", 1)
        .replacen(
            "check = { type = \"answer_speed\", max_rings = 3 }",
            "check = { type = \"answer_speed\", max_rings = 2 }",
            1,
        )
        .replacen(
            "[phrases.offer_help]\n",
            "[phrases.offer_help]\n# ours\n",
            1,
        );
    let at = s.find("# ours\n").expect("offer_help set");
    let ru = s[at..].find("ru = [\n").expect("ru entries") + at + "ru = [\n".len();
    s.insert_str(ru, "  \"могу ли я вам чем-нибудь помочь сегодня\",\n");
    s.push_str(
        "\n[[test]]\nid = \"my-answer-on-ring-3\"\ndescription = \"Ring 3 is late now\"\nexpect = { \"answer.speed\" = \"fail\" }\n[[test.call]]\nlanguage = \"ru\"\nanswer_at = 12\nsay = [\"operator: Добрый день, компания Ромашка.\"]\n",
    );
    let p = dir.join("my-standard.toml");
    std::fs::write(&p, s).expect("writes");
    p
}

#[test]
fn explain_tells_the_rule_its_parameters_and_its_phrases() {
    // (args, pieces of the output)
    let table: &[(&[&str], &[&str])] = &[
        (
            &["answer.speed"],
            &[
                "answer.speed — ",
                "Ответить не позднее 3-го звонка.",
                "max_rings = 3",
            ],
        ),
        (
            &["answer.speed", "--lang", "en"],
            &["Answer by ring 3.", "Parameters: max_rings = 3"],
        ),
        (
            &["greeting.hello", "--lang", "en"],
            &[
                "Phrase set «greeting» (recommended): Greeting words",
                "ru (",
                "здравствуйте |",
            ],
        ),
        (&["speech.slang", "--lang", "en"], &["(to avoid)"]),
        (
            &["greeting.order", "--lang", "en"],
            &["disabled (enabled = false)"],
        ),
    ];
    for (args, pieces) in table {
        let mut all = vec!["standard", "explain"];
        all.extend_from_slice(args);
        let o = run(&all);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", err(&o));
        for p in *pieces {
            assert!(out(&o).contains(p), "{args:?}: no {p:?} in\n{}", out(&o));
        }
    }
}

#[test]
fn explain_with_a_call_gives_the_reason_step_by_step() {
    let o = run(&[
        "standard",
        "explain",
        "greeting.hello",
        "--call",
        "examples/ru-inbound-bare-alo.json",
        "--lang",
        "en",
    ]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(text.contains("On call ru-in-002 (ru,"), "{text}");
    assert!(
        text.contains("1. Window: the opening (0:21–0:36), the operator (utterances: 3)"),
        "{text}"
    );
    assert!(text.contains("[0:21–0:22 operator] «Алло.»"), "{text}");
    assert!(
        text.contains(
            "2. Outcome: fail — not heard in the opening: greeting words in the operator's opening"
        ),
        "{text}"
    );

    let o = run(&[
        "standard",
        "explain",
        "hold.thanks",
        "--call",
        "examples/ru-inbound-hold-no-thanks-asr.json",
        "--lang",
        "en",
    ]);
    let text = out(&o);
    assert!(text.contains("after the hold_end at 1:20"), "{text}");
    assert!(text.contains("Outcome: fail"), "{text}");

    // A near miss names the words found and missing; a window that has
    // the phrase elsewhere shows none.
    let dir = tempfile::tempdir().expect("temp dir");
    let call = dir.path().join("call.json");
    std::fs::write(
        &call,
        r#"{"id":"near","started_at":"2025-03-03T10:00:00+03:00","direction":"inbound","language":"ru","company":"Ромашка","operator":{"id":"op-1","name":"Анна"},"client":{"id":"cl-1"},"events":[{"at":0,"type":"ring"},{"at":4,"type":"answer"},{"at":60,"type":"hangup","by":"client"}],"utterances":[{"speaker":"operator","start":4.5,"end":8,"text":"Здравствуйте, компания Ромашка, Анна. Могу я вам помочь?"},{"speaker":"client","start":9,"end":12,"text":"Хочу узнать про заказ."}]}"#,
    )
    .expect("writes");
    let call = call.display().to_string();
    let o = run(&[
        "standard",
        "explain",
        "greeting.offer_help",
        "--call",
        &call,
        "--lang",
        "en",
    ]);
    let text = out(&o);
    assert!(text.contains("Outcome: fail"), "{text}");
    assert!(
        text.contains("nearly «offer_help» «чем я могу вам помочь»"),
        "{text}"
    );
    let o = run(&[
        "standard",
        "explain",
        "greeting.offer_help",
        "--call",
        "examples/ru-inbound-transfer-colleague.json",
        "--lang",
        "en",
    ]);
    assert!(!out(&o).contains("nearly"), "{}", out(&o));
    let o = run(&[
        "standard",
        "explain",
        "greeting.offer_help",
        "--call",
        &call,
        "--lang",
        "en",
    ]);
    let text = out(&o);
    assert!(text.contains("missing: чем"), "{text}");
}

#[test]
fn explain_errors_name_the_rule_and_the_file() {
    let o = run(&["standard", "explain", "greeting.helo"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("no rule «greeting.helo»"), "{}", err(&o));
    assert!(
        err(&o).contains("did you mean «greeting.hello»?"),
        "{}",
        err(&o)
    );

    let o = run(&[
        "standard",
        "explain",
        "greeting.hello",
        "--call",
        "examples/nope.json",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("examples/nope.json"), "{}", err(&o));

    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "version = 2\nid = \"x\"\n[[rule]]\nid = 3\n").expect("writes");
    let o = run(&[
        "standard",
        "explain",
        "greeting.hello",
        "--standard",
        &bad.display().to_string(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("bad.toml:4:6"), "{}", err(&o));
}

#[test]
fn a_qa_manager_tests_and_diffs_a_revision_on_the_examples() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mine = my_standard(dir.path());
    let mine = mine.display().to_string();

    let o = run(&["standard", "test", &mine]);
    assert_eq!(o.status.code(), Some(0), "{}", out(&o));

    let o = run(&[
        "standard",
        "diff",
        "standards/default.toml",
        &mine,
        "--calls",
        "examples/",
    ]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    for p in [
        "callqa-default@1 → callqa-default@2",
        "revision: 1 → 2",
        "answer.speed changed\n    check.max_rings: 3 → 2",
        "offer_help changed\n    + ru «могу ли я вам чем-нибудь помочь сегодня»",
        "test my-answer-on-ring-3 added",
        // The default standard reports in Russian.
        "ru-in-012\n    answer.speed: pass → fail — ответ на 3-м гудке",
        "ru-in-012: score 85.3 → 79.4",
        "20 calls, 1 verdict changed on 1 call, mean score",
    ] {
        assert!(text.contains(p), "no {p:?} in\n{text}");
    }

    let o = run(&[
        "standard",
        "diff",
        "standards/default.toml",
        &mine,
        "--calls",
        "examples/",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("json");
    assert_eq!(v["calls"]["calls"], 20);
    assert_eq!(v["calls"]["verdicts_changed"], 1);
    assert_eq!(v["calls"]["verdicts"][0]["rule"], "answer.speed");
    assert_eq!(v["rules"][0]["changes"][0]["field"], "check.max_rings");

    let o = run(&[
        "standard",
        "diff",
        "standards/default.toml",
        "standards/default.toml",
    ]);
    assert!(out(&o).contains("no differences"), "{}", out(&o));
}

#[test]
fn diff_errors_name_the_file() {
    let o = run(&["standard", "diff", "standards/default.toml", "nope.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("nope.toml"), "{}", err(&o));
    let o = run(&[
        "standard",
        "diff",
        "standards/default.toml",
        "standards/default.toml",
        "--calls",
        "nope.jsonl",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("nope.jsonl"), "{}", err(&o));
}
