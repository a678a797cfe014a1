//! Integration tests that run the `callqa` binary as a user would: on the
//! examples, on broken input, on a broken standard, through stdin, and in
//! every output format. Exit codes are part of the contract (0 / 1 / 2).

use std::path::PathBuf;

mod common;
use common::{root, run, run_stdin};

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("callqa-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn rule_count() -> usize {
    let out = run(&["standard", "rules"]);
    assert!(out.status.success());
    text(&out.stdout).lines().count() - 1
}

const GOOD: &str = r#"{"id":"good-1","direction":"inbound","started_at":"2026-03-02T10:15:04+03:00","language":"ru","company":"Ромашка","operator":{"id":"op-1","name":"Анна Смирнова"},"client":{"id":"cl-1","name":"Иван Петрович"},"events":[{"at":0,"type":"ring"},{"at":6,"type":"answer"},{"at":40,"type":"hangup","by":"client"}],"utterances":[{"speaker":"operator","start":6.5,"end":11,"text":"Добрый день, компания «Ромашка», меня зовут Анна. Чем могу помочь?"},{"speaker":"client","start":11.5,"end":15,"text":"Здравствуйте, это Иван Петрович, хочу узнать баланс."},{"speaker":"operator","start":15.5,"end":22,"text":"Иван Петрович, ваш баланс пятьсот рублей."},{"speaker":"operator","start":23,"end":30,"text":"Могу ли я ещё чем-то помочь? Спасибо за обращение, всего доброго!"},{"speaker":"client","start":31,"end":33,"text":"Нет, спасибо, до свидания."}]}"#;

#[test]
fn audit_examples_shows_every_rule_and_exits_1_when_a_critical_rule_fails() {
    let out = run(&["audit", "--color", "never", "examples/"]);
    let stdout = text(&out.stdout);
    // en-inbound-bad has operator profanity (critical): the batch fails.
    assert_eq!(out.status.code(), Some(1), "stderr: {}", text(&out.stderr));
    // The default standard reports in Russian: labels and messages.
    assert!(
        stdout.contains("НЕ ПРОЙДЕН (критичные: speech.profanity)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("ответ на 5-м гудке (23,0 с), а отвечать нужно не позже 3-го"),
        "{stdout}"
    );
    assert!(stdout.contains("✓ greeting.company"), "{stdout}");
    assert!(stdout.contains("Итого"), "{stdout}");
    assert!(stdout.contains("Операторы"), "{stdout}");
    assert!(
        !stdout.contains("\x1b["),
        "no colour when not asked and not a terminal"
    );

    // --lang en: the same report in English.
    let out = run(&["audit", "--color", "never", "--lang", "en", "examples/"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "stderr: {}", text(&out.stderr));
    assert!(
        stdout.contains("FAILED (critical: speech.profanity)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("answered on ring 5 (23.0 s); the limit is ring 3"),
        "{stdout}"
    );
    assert!(stdout.contains("Summary"), "{stdout}");
    assert!(stdout.contains("Operators"), "{stdout}");
    assert!(!stdout.contains("оценка"), "{stdout}");
}

#[test]
fn jsonl_output_has_one_line_per_call_and_one_verdict_per_rule() {
    let out = run(&["audit", "--format", "jsonl", "examples/"]);
    assert_eq!(out.status.code(), Some(1));
    let rules = rule_count();
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert!(lines.len() >= 12);
    for l in &lines {
        assert_eq!(l["standard"], "callqa-default@1");
        // One verdict per rule, then the [[manual]] items (n/a until marked).
        let verdicts = l["verdicts"].as_array().unwrap();
        let by_rule = verdicts.iter().filter(|v| v["manual"] != true).count();
        assert_eq!(by_rule, rules, "{}", l["call"]);
        assert!(
            l.get("raw_score").is_some() && l["sections"].is_object(),
            "{l}"
        );
        for v in l["verdicts"].as_array().unwrap() {
            match v["outcome"].as_str().unwrap() {
                "fail" => assert!(v["message"].is_string(), "{v}"),
                "n/a" => assert!(v["reason"].is_string(), "{v}"),
                "pass" => {}
                other => panic!("unknown outcome {other}"),
            }
        }
    }
}

#[test]
fn a_good_call_from_stdin_passes_with_exit_0() {
    let out = run_stdin(&["audit", "--format", "json", "-"], GOOD);
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let call = &doc["calls"][0];
    assert_eq!(call["call"], "good-1");
    assert_eq!(call["passed"], true);
    let verdict = |id: &str| {
        call["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["rule"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(verdict("greeting.company")["outcome"], "pass");
    assert_eq!(verdict("greeting.self_intro")["outcome"], "pass");
    assert_eq!(
        verdict("client.name_usage")["evidence"][0]["quote"],
        "Иван Петрович"
    );
    assert_eq!(verdict("hold.thanks")["outcome"], "n/a");
}

#[test]
fn broken_calls_are_reported_with_file_and_line_and_the_rest_is_audited() {
    let dir = temp_dir("broken");
    let bad_order = GOOD
        .replace(r#""id":"good-1""#, r#""id":"bad-2""#)
        .replace(r#"{"at":40,"type":"hangup""#, r#"{"at":4,"type":"hangup""#);
    let file = dir.join("calls.jsonl");
    std::fs::write(&file, format!("{GOOD}\nnot json at all\n{bad_order}\n")).unwrap();
    let out = run(&["audit", "--format", "jsonl", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2), "input errors exit 2");
    let stderr = text(&out.stderr);
    assert!(stderr.contains("calls.jsonl:2:"), "{stderr}");
    assert!(stderr.contains("calls.jsonl:3:"), "{stderr}");
    assert!(stderr.contains("events[2].at"), "{stderr}");
    let audited: Vec<&str> = text(&out.stdout).lines().map(|_| "x").collect();
    assert_eq!(audited.len(), 1, "the good call is still audited");
}

#[test]
fn a_missing_input_is_an_error_not_a_panic() {
    let out = run(&["audit", "no/such/dir"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("no/such/dir"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_broken_standard_reports_every_problem_with_its_position() {
    let dir = temp_dir("std");
    let file = dir.join("acme.toml");
    std::fs::write(
        &file,
        "version = 1\nid = \"acme\"\n\n[phrases.greeting]\nru = [\"здравствуйте\"]\n\n[[rule]]\nid = \"g\"\nseverity = \"major\"\ncheck = { type = \"phrase_requred\", phrases = [\"greeting\"] }\n\n[[rule]]\nid = \"h\"\nseverity = \"huge\"\ncheck = { type = \"phrase_required\", phrases = [\"greting\"] }\n",
    )
    .unwrap();
    let out = run_stdin(&["audit", "--standard", file.to_str().unwrap(), "-"], GOOD);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("acme.toml:10:18: unknown check type \"phrase_requred\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean \"phrase_required\"?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("acme.toml:14:12: unknown severity \"huge\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown phrase set \"greting\""),
        "{stderr}"
    );

    let check = run(&["standard", "check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(2));
    assert!(
        text(&check.stderr).contains("3 problem(s)"),
        "{}",
        text(&check.stderr)
    );
}

#[test]
fn the_default_standard_printed_by_show_checks_clean_and_audits_the_same() {
    let dir = temp_dir("show");
    let out = run(&["standard", "show"]);
    assert!(out.status.success());
    let file = dir.join("mine.toml");
    std::fs::write(&file, &out.stdout).unwrap();
    let check = run(&["standard", "check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", text(&check.stderr));
    let a = run(&["audit", "--format", "jsonl", "examples/"]);
    let b = run(&[
        "audit",
        "--format",
        "jsonl",
        "--standard",
        file.to_str().unwrap(),
        "examples/",
    ]);
    assert_eq!(text(&a.stdout), text(&b.stdout));
}

#[test]
fn html_report_goes_to_the_out_file() {
    let dir = temp_dir("html");
    let file = dir.join("report.html");
    let out = run(&[
        "audit",
        "--format",
        "html",
        "--out",
        file.to_str().unwrap(),
        "examples/",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(
        html.starts_with("<!DOCTYPE html>") || html.starts_with("<!doctype html>"),
        "{}",
        &html[..40]
    );
    assert!(html.contains("speech.profanity"));
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["audit"]).status.code(), Some(2));
    assert_eq!(
        run(&["audit", "--format", "xml", "examples/"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn bench_reports_both_figures_and_the_ratio() {
    let out = run(&["bench", "--calls", "20", "--rounds", "1"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("floor (read + tokenise)"), "{stdout}");
    assert!(stdout.contains("audit time / floor time"), "{stdout}");
    assert!(
        stdout.contains("rg -F -i") || stdout.contains("rg floor skipped"),
        "{stdout}"
    );
}

#[test]
fn bench_writes_the_calls_it_measured() {
    let dir = temp_dir("bench-write");
    let file = dir.join("calls.jsonl");
    let out = run(&[
        "bench",
        "--calls",
        "12",
        "--rounds",
        "1",
        "--write",
        file.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("12 realistic calls"), "{stdout}");
    assert!(
        stdout.contains("utterances with a word not seen before"),
        "{stdout}"
    );
    let written = std::fs::read_to_string(&file).unwrap();
    assert_eq!(written.lines().count(), 12);
    // The written calls are valid input: they audit like any others.
    let audit = run(&["audit", "--format", "jsonl", file.to_str().unwrap()]);
    assert!(
        matches!(audit.status.code(), Some(0 | 1)),
        "{}",
        text(&audit.stderr)
    );
    assert_eq!(text(&audit.stdout).lines().count(), 12);
}

#[test]
fn standard_phrases_lists_every_entry_exactly() {
    let out = run(&["standard", "phrases"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let listed = text(&out.stdout);
    let lines: Vec<&str> = listed.lines().collect();
    // Entries are written as in the file, placeholders and wildcards too.
    for entry in ["здравствуйте", "компания {company}"] {
        assert!(lines.contains(&entry), "{entry:?} missing");
    }
    assert!(lines.iter().all(|l| !l.is_empty() && l.trim() == *l));
    let file = root().join("standards/default.toml");
    let from_file = run(&["standard", "phrases", file.to_str().unwrap()]);
    assert_eq!(text(&from_file.stdout), listed);
    let dir = temp_dir("phrases-bad");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "version = 1\nid = \"x\"\nfrobnicate = 1\n").unwrap();
    assert_eq!(
        run(&["standard", "phrases", bad.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn audit_reads_importer_sources_directly() {
    let data = root().join("../shared/data/harper-valley-bank");
    if !data.exists() {
        eprintln!("skipped: {} is absent", data.display());
        return;
    }
    let out = run(&[
        "audit",
        "--format",
        "jsonl",
        "--transcripts",
        data.to_str().unwrap(),
    ]);
    let stdout = text(&out.stdout);
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(!lines.is_empty(), "stderr: {}", text(&out.stderr));
    let verdict = |l: &serde_json::Value, id: &str| {
        l["verdicts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["rule"] == id)
            .unwrap()["outcome"]
            .clone()
    };
    // Real bank agents greet in English: the greeting rule decides on them.
    assert!(
        lines.iter().any(|l| verdict(l, "greeting.hello") == "pass"),
        "{stdout}"
    );
}

#[test]
fn live_reports_a_forbidden_word_before_the_call_ends() {
    let stream = [
        r#"{"type":"start","call":{"id":"c1","direction":"inbound","language":"ru","company":"Ромашка","operator":{"id":"op-1","name":"Анна"}}}"#,
        r#"{"type":"event","call":"c1","event":{"at":0,"type":"ring"}}"#,
        r#"{"type":"event","call":"c1","event":{"at":6,"type":"answer"}}"#,
        r#"{"type":"utterance","call":"c1","utterance":{"speaker":"operator","start":6.5,"end":10,"text":"Добрый день, компания Ромашка, меня зовут Анна"}}"#,
        r#"{"type":"utterance","call":"c1","utterance":{"speaker":"operator","start":10.5,"end":12,"text":"щас посмотрю"}}"#,
        r#"{"type":"utterance","call":"c1","utterance":{"speaker":"client","start":9,"end":9.5,"text":"out of order"}}"#,
        r#"{"type":"event","call":"c1","event":{"at":30,"type":"hangup","by":"client"}}"#,
        r#"{"type":"end","call":"c1"}"#,
    ]
    .join("\n");
    let out = run_stdin(&["live"], &stream);
    assert_eq!(
        out.status.code(),
        Some(2),
        "the out-of-order line is an input error"
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr
            .contains("stdin:6: utterances[2].start: 9.0 is earlier than utterances[1].start 10.5"),
        "{stderr}"
    );
    let lines: Vec<serde_json::Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let slang = lines
        .iter()
        .position(|l| l["type"] == "verdict" && l["data"]["rule"] == "speech.slang")
        .expect("slang decided live");
    assert_eq!(
        lines[slang]["at"], 12.0,
        "decided right after the utterance"
    );
    assert_eq!(lines[slang]["data"]["outcome"], "fail");
    let audit = lines
        .iter()
        .position(|l| l["type"] == "audit")
        .expect("the audit at the end");
    assert!(slang < audit);
    let verdicts = lines[audit]["data"]["verdicts"].as_array().unwrap();
    assert_eq!(
        verdicts.iter().filter(|v| v["manual"] != true).count(),
        rule_count()
    );
}

/// `callqa live` and `callqa audit` refuse the same bad timeline (a hold
/// started inside a hold) with the same message: both go through the call
/// model's one timeline validator.
#[test]
fn live_and_audit_refuse_a_nested_hold_with_the_same_message() {
    let events = [
        r#"{"at":0,"type":"ring"}"#,
        r#"{"at":5,"type":"answer"}"#,
        r#"{"at":20,"type":"hold_start"}"#,
        r#"{"at":25,"type":"hold_start"}"#,
    ];
    let record = format!(
        r#"{{"id":"n1","direction":"inbound","events":[{},{{"at":60,"type":"hangup","by":"client"}}],"utterances":[]}}"#,
        events.join(",")
    );
    let audit = run_stdin(&["audit", "--format", "jsonl", "-"], &record);
    let audit_err = text(&audit.stderr);
    let mut stream = vec![
        r#"{"type":"start","call":{"id":"n1","direction":"inbound","operator":{"id":"op-1"}}}"#
            .to_string(),
    ];
    stream.extend(
        events
            .iter()
            .map(|e| format!(r#"{{"type":"event","call":"n1","event":{e}}}"#)),
    );
    stream.push(r#"{"type":"end","call":"n1"}"#.to_string());
    let live = run_stdin(&["live"], &stream.join("\n"));
    let live_err = text(&live.stderr);
    let message = "events[3].type: hold_start while the hold started at events[2] is still open";
    assert!(audit_err.contains(message), "audit: {audit_err}");
    assert!(live_err.contains(message), "live: {live_err}");
    assert_eq!(audit.status.code(), Some(2));
    assert_eq!(live.status.code(), Some(2));
}

#[test]
fn audit_output_revision_2_v1_for_old_consumers_and_lang() {
    let file = "examples/ru-inbound-bare-alo.json";
    let v2 = run(&["audit", "--format", "jsonl", file]);
    assert_eq!(v2.status.code(), Some(1), "score 50 is below the pass mark");
    let a: serde_json::Value = serde_json::from_str(text(&v2.stdout).trim()).unwrap();
    assert_eq!(
        (a["score"].clone(), a["passed"].clone()),
        (50.0.into(), false.into())
    );
    assert!(a["sections"]["opening"].is_number() && a["sections"]["hold"].is_null());
    assert_eq!(a["duration"], 58.4);
    let speed = &a["verdicts"][0];
    assert_eq!(
        speed["title"], "Ответ не позднее 3-го гудка",
        "report_language ru"
    );
    assert_eq!(speed["evidence"][0]["kind"], "fact");

    let en = run(&["audit", "--format", "jsonl", "--lang", "en", file]);
    let a: serde_json::Value = serde_json::from_str(text(&en.stdout).trim()).unwrap();
    assert_eq!(a["verdicts"][0]["title"], "Answered by ring 3");

    let v1 = run(&["audit", "--format", "jsonl-v1", file]);
    let a: serde_json::Value = serde_json::from_str(text(&v1.stdout).trim()).unwrap();
    assert!(a.get("raw_score").is_none() && a.get("sections").is_none());
    assert!(a["verdicts"][0].get("title").is_none());
    assert!(a["verdicts"][0]["evidence"][0]["quote"].is_string());
    assert!(a["verdicts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|v| v.get("manual").is_none()));
    let json_v1 = run(&["audit", "--format", "json-v1", file]);
    let doc: serde_json::Value = serde_json::from_slice(&json_v1.stdout).unwrap();
    assert_eq!(doc["schema_version"], 1);
    let json = run(&["audit", "--format", "json", file]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["schema_version"], 2);

    // The table names each failed rule by its title and shows computed
    // facts as facts, not as quotes.
    let table = run(&["audit", "--details", "failed", "--lang", "en", file]);
    let out = text(&table.stdout);
    assert!(
        out.contains("answer.speed            major  Answered by ring 3"),
        "{out}"
    );
    assert!(out.contains("[0:21] answered on ring 5"), "{out}");
    assert!(!out.contains("«answered on ring"), "{out}");
}
