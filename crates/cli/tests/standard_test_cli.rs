//! `callqa standard test`: the default standard's own cases pass; a wrong
//! expectation is reported with expected, got and the evidence (exit 1);
//! a bad test case is a bad file (exit 2).

use std::path::Path;
use std::process::{Command, Output};

use callqa_standard::DEFAULT_STANDARD_TOML;

fn callqa(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_callqa"))
        .args(args)
        .output()
        .expect("runs callqa")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("writes");
    p.display().to_string()
}

#[test]
fn the_default_standard_passes_its_own_cases() {
    let o = callqa(&["standard", "test"]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    let last = out.lines().last().expect("a summary line");
    let passed: usize = last
        .strip_suffix(" passed, 0 failed")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("summary: {last}"));
    assert!(passed >= 15, "{last}");
}

#[test]
fn a_wrong_expectation_is_reported_with_the_evidence() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = DEFAULT_STANDARD_TOML.replace(
        "expect = { \"greeting.offer_help\" = \"fail\", \"greeting.hello\" = \"pass\" }",
        "expect = { \"greeting.offer_help\" = \"pass\", \"greeting.hello\" = \"pass\" }",
    );
    assert_ne!(
        text, DEFAULT_STANDARD_TOML,
        "the case is in the default standard"
    );
    let file = write(dir.path(), "std.toml", &text);
    let o = callqa(&["standard", "test", &file]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(out.contains("FAIL ru-offer-help-negated"), "{out}");
    assert!(
        out.contains(
            "greeting.offer_help on call ru-offer-help-negated#1: expected pass, got fail"
        ),
        "{out}"
    );
    assert!(
        out.lines().last().unwrap().ends_with(" passed, 1 failed"),
        "{out}"
    );
}

#[test]
fn a_case_with_a_call_record_on_disk_runs_relative_to_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let call = r#"{"id":"c1","direction":"inbound","started_at":"2026-03-02T14:00:00+03:00",
        "language":"ru","operator":{"id":"op"},
        "events":[{"at":0,"type":"ring"},{"at":2,"type":"answer"},{"at":9,"type":"hangup","by":"client"}],
        "utterances":[{"speaker":"operator","start":2.5,"end":5,"text":"Алло."}]}"#;
    std::fs::create_dir(dir.path().join("calls")).expect("dir");
    write(dir.path(), "calls/bare.json", call);
    let text = format!(
        "{DEFAULT_STANDARD_TOML}\n[[test]]\nid = \"on-disk\"\ncall = \"calls/bare.json\"\nexpect = {{ \"greeting.hello\" = \"pass\" }}\n"
    );
    let file = write(dir.path(), "std.toml", &text);
    let o = callqa(&["standard", "test", &file]);
    let out = stdout(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("greeting.hello on call c1: expected pass, got fail"),
        "{out}"
    );
}

#[test]
fn a_bad_inline_call_is_a_bad_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = format!(
        "{DEFAULT_STANDARD_TOML}\n[[test]]\nid = \"bad\"\nexpect = {{ \"greeting.hello\" = \"pass\" }}\n[[test.call]]\nsay = [\"manager: hi\"]\n"
    );
    let file = write(dir.path(), "std.toml", &text);
    let o = callqa(&["standard", "test", &file]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("unknown speaker \"manager\""), "{err}");
}
