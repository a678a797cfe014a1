//! `callqa phrases list|try|suggest` on the default standard, the examples
//! and a bad set name.

mod common;

use std::process::Output;

use common::run;

fn out(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn list_prints_entries_exactly_as_written() {
    let all = run(&["phrases", "list"]);
    assert_eq!(all.status.code(), Some(0));
    assert_eq!(
        out(&all),
        out(&run(&["standard", "phrases"])),
        "the same as `standard phrases`"
    );
    let o = run(&["phrases", "list", "hold_thanks"]);
    let lines: Vec<String> = out(&o).lines().map(str::to_string).collect();
    assert_eq!(
        lines.first().map(String::as_str),
        Some("спасибо за ожидание")
    );
    assert!(
        lines.iter().any(|l| l == "@thanks_word + @waiting_word"),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l == "thank you for holding"),
        "{lines:?}"
    );
}

#[test]
fn try_says_how_a_sentence_matches_or_what_it_misses() {
    // (args, exit code, pieces of the output)
    let table: &[(&[&str], i32, &[&str])] = &[
        (
            &["greeting", "Добрый день!"],
            0,
            &["match: matched «добрый день» — «Добрый день»"],
        ),
        (
            &["hold_thanks", "thanks so much for being patient"],
            0,
            &[
                "(en)",
                "matched «@thanks_word + @waiting_word» with 4 words between",
            ],
        ),
        (
            &["offer_help", "Не знаю чем могу помочь"],
            0,
            &["matched «чем могу помочь»", "negated"],
        ),
        (
            &["hold_thanks", "thanks for calling", "--lang", "en"],
            1,
            &[
                "no match among",
                "nearest: «thanks for holding»: found: thanks, for; missing: holding",
            ],
        ),
        (
            &["greeting", "Номер заказа какой?"],
            1,
            &["no entry is near"],
        ),
    ];
    for (args, code, pieces) in table {
        let mut all = vec!["phrases", "try"];
        all.extend_from_slice(args);
        let o = run(&all);
        assert_eq!(
            o.status.code(),
            Some(*code),
            "{args:?}: {}{}",
            out(&o),
            err(&o)
        );
        for p in *pieces {
            assert!(out(&o).contains(p), "{args:?}: no {p:?} in\n{}", out(&o));
        }
    }
}

/// A short inbound call whose operator opens with `opening`.
fn call(id: &str, opening: &str) -> String {
    format!(
        r#"{{"id":"{id}","started_at":"2025-03-03T10:00:00+03:00","direction":"inbound","language":"ru","company":"Ромашка","operator":{{"id":"op-1","name":"Анна"}},"client":{{"id":"cl-1"}},"events":[{{"at":0,"type":"ring"}},{{"at":4,"type":"answer"}},{{"at":60,"type":"hangup","by":"client"}}],"utterances":[{{"speaker":"operator","start":4.5,"end":8,"text":"{opening}"}},{{"speaker":"client","start":9,"end":12,"text":"Хочу узнать про заказ."}}]}}"#
    )
}

#[test]
fn suggest_lists_near_misses_most_frequent_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let calls = [
        call(
            "c1",
            "Здравствуйте, компания Ромашка, Анна. Могу я вам помочь?",
        ),
        call(
            "c2",
            "Здравствуйте, компания Ромашка, Анна. Чем могу помочь?",
        ),
        call(
            "c3",
            "Здравствуйте, компания Ромашка, Анна. могу я вам помочь",
        ),
        call(
            "c4",
            "Здравствуйте, компания Ромашка, Анна. Слушаю вас, чем помогу?",
        ),
        call(
            "c5",
            "Здравствуйте, компания Ромашка, Анна. Могу я вам помочь?",
        ),
    ];
    let path = dir.path().join("calls.jsonl");
    std::fs::write(&path, calls.join("\n")).expect("writes");
    let o = run(&[
        "phrases",
        "suggest",
        "--rule",
        "greeting.offer_help",
        &path.display().to_string(),
        "--lang",
        "en",
    ]);
    let text = out(&o);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(text.starts_with("greeting.offer_help: "), "{text}");
    assert!(text.contains("over 5 calls"), "{text}");
    let first = text.lines().nth(1).unwrap_or_default();
    assert!(
        first.starts_with(
            "   3 × «Здравствуйте, компания Ромашка, Анна. Могу я вам помочь?»  (e.g. call c1)"
        ),
        "{text}"
    );
    assert!(text.contains("missing: чем"), "{text}");
    assert!(
        !text.contains("call c2"),
        "a call that says the phrase is no near miss: {text}"
    );

    // On the examples: every group counted, most frequent first.
    let o = run(&[
        "phrases",
        "suggest",
        "--rule",
        "closing.farewell",
        "examples/",
        "--lang",
        "en",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let text = out(&o);
    assert!(text.contains("over 20 calls"), "{text}");
    let counts: Vec<usize> = text
        .lines()
        .filter_map(|l| l.trim_start().split(" × ").next()?.parse().ok())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
}

#[test]
fn bad_names_are_errors_with_a_hint() {
    let o = run(&["phrases", "try", "greting", "Здравствуйте"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).contains("no phrase set «greting»; did you mean «greeting»?"),
        "{}",
        err(&o)
    );
    let o = run(&["phrases", "list", "greting"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["phrases", "suggest", "--rule", "answer.speed", "examples/"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("no recommended phrases"), "{}", err(&o));
    let o = run(&["phrases", "suggest", "--rule", "greeting.hello", "nope/"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("nope"), "{}", err(&o));
}
