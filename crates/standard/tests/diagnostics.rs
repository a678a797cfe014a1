//! Problems in a standard file: each reported as `file:line:column` with
//! the offending line, a caret and a hint, and all of them in one go.

use callqa_standard::{Standard, StandardError, DEFAULT_STANDARD_TOML};

const HEAD: &str = r#"version = 1
id = "acme"

[phrases.greeting]
ru = ["здравствуйте"]
"#;

fn err(text: &str) -> StandardError {
    match callqa_standard::from_toml("acme.toml", text) {
        Ok(_) => panic!("expected errors in:\n{text}"),
        Err(e) => e,
    }
}

/// The rendered report of a file that is `HEAD` plus `rest`.
fn report(rest: &str) -> (StandardError, String) {
    let e = err(&format!("{HEAD}{rest}"));
    let shown = e.to_string();
    (e, shown)
}

#[test]
fn unknown_check_type_suggests_the_nearest() {
    let (e, shown) = report(
        r#"
[[rule]]
id = "greeting.hello"
severity = "major"
check = { type = "phrase_requird", phrases = ["greeting"] }
"#,
    );
    assert_eq!(e.diagnostics.len(), 1, "{shown}");
    assert!(
        shown.starts_with("acme.toml:10:18: unknown check type \"phrase_requird\""),
        "{shown}"
    );
    assert!(
        shown.contains("10 | check = { type = \"phrase_requird\""),
        "{shown}"
    );
    assert!(
        shown.contains("= help: did you mean \"phrase_required\"?"),
        "{shown}"
    );
}

#[test]
fn unknown_phrase_set_suggests_the_nearest() {
    let (e, shown) = report(
        r#"
[[rule]]
id = "greeting.hello"
severity = "major"
check = { type = "phrase_required", phrases = ["greting"] }
"#,
    );
    assert_eq!(e.diagnostics.len(), 1, "{shown}");
    assert!(
        shown.starts_with("acme.toml:10:48: unknown phrase set \"greting\""),
        "{shown}"
    );
    assert!(shown.contains("did you mean \"greeting\"?"), "{shown}");
}

#[test]
fn a_key_that_does_not_apply_to_the_check_type_is_reported() {
    let (e, shown) = report(
        r#"
[[rule]]
id = "silence.dead_air"
severity = "minor"
check = { type = "dead_air", max_secs = 10, phrases = ["greeting"] }
"#,
    );
    assert_eq!(e.diagnostics.len(), 1, "{shown}");
    assert!(
        shown.starts_with(
            "acme.toml:10:45: check.phrases does not apply to check type \"dead_air\""
        ),
        "{shown}"
    );
    assert!(
        shown.contains("= help: docs/standard-format.md lists the parameters of every check type"),
        "{shown}"
    );
}

#[test]
fn negative_numbers_are_rejected_where_they_stand() {
    let (e, shown) = report(
        r#"
[settings]
ring_cycle_secs = -5.0

[[rule]]
id = "hold.max_duration"
severity = "minor"
check = { type = "event_duration", event = "hold", max_secs = -60 }
"#,
    );
    assert_eq!(e.diagnostics.len(), 2, "{shown}");
    assert!(
        shown.contains("acme.toml:8:19: settings.ring_cycle_secs must be greater than 0, got -5"),
        "{shown}"
    );
    assert!(
        shown.contains("acme.toml:13:63: check.max_secs must be greater than 0, got -60"),
        "{shown}"
    );
}

#[test]
fn duplicate_rule_ids_are_reported_at_the_second() {
    let rule = r#"
[[rule]]
id = "greeting.hello"
severity = "major"
check = { type = "phrase_required", phrases = ["greeting"] }
"#;
    let (e, shown) = report(&format!("{rule}{rule}"));
    assert_eq!(e.diagnostics.len(), 1, "{shown}");
    assert!(
        shown.starts_with("acme.toml:13:6: duplicate rule id \"greeting.hello\""),
        "{shown}"
    );
    assert!(
        shown.contains("the rule at line 7 already has this id"),
        "{shown}"
    );
}

#[test]
fn an_unsupported_version_is_reported() {
    let e = err("version = 3\nid = \"acme\"\n");
    let shown = e.to_string();
    assert!(
        shown.starts_with("acme.toml:1:11: unsupported format version 3"),
        "{shown}"
    );
    assert!(
        shown.contains("= help: this callqa reads version = 1 and version = 2"),
        "{shown}"
    );
}

#[test]
fn a_toml_syntax_error_has_its_position() {
    let e = err("version = 1\nid = \"acme\n");
    assert_eq!(e.diagnostics.len(), 1);
    let shown = e.to_string();
    assert!(shown.starts_with("acme.toml:2:"), "{shown}");
    assert!(shown.contains("2 | id = \"acme"), "{shown}");
}

#[test]
fn an_unknown_key_is_a_typo_with_help() {
    let (e, shown) = report(
        r#"
[[rule]]
id = "greeting.hello"
severty = "major"
check = { type = "phrase_required", phrases = ["greeting"] }
"#,
    );
    assert_eq!(e.diagnostics.len(), 1, "{shown}");
    assert!(shown.contains("unknown key \"severty\" in rule"), "{shown}");
    assert!(shown.contains("did you mean \"severity\"?"), "{shown}");
}

#[test]
fn every_problem_is_reported_in_one_go() {
    let (e, shown) = report(
        r#"
[[rule]]
id = "a"
severity = "major"
check = { type = "phrase_requird", phrases = ["greeting"] }

[[rule]]
id = "b"
severity = "minor"
check = { type = "phrase_forbidden", phrases = ["slangg"] }

[[rule]]
id = "c"
severity = "minor"
check = { type = "dead_air", max_secs = -1 }
"#,
    );
    assert_eq!(e.diagnostics.len(), 3, "{shown}");
    let lines: Vec<&str> = shown
        .lines()
        .filter(|l| l.starts_with("acme.toml:"))
        .collect();
    assert_eq!(lines.len(), 3, "{shown}");
    assert!(lines[0].starts_with("acme.toml:10:"), "{shown}");
    assert!(lines[1].starts_with("acme.toml:15:"), "{shown}");
    assert!(lines[2].starts_with("acme.toml:20:"), "{shown}");
}

#[test]
fn the_default_standard_compiles_with_every_catalog_rule() {
    let std = callqa_standard::from_toml("default.toml", DEFAULT_STANDARD_TOML).expect("compiles");
    assert_eq!(std.label(), "callqa-default@1");
    for id in [
        "answer.speed",
        "greeting.hello",
        "outbound.repeat_calls",
        "speech.profanity",
        "closing.who_hangs_up",
        "missed.callback",
    ] {
        assert!(std.rule(id).is_some(), "{id}");
    }
    assert!(std.rule("greeting.order").is_none(), "disabled by default");
}

// Static assertion: this file does not compile if `Standard` is not
// `Send + Sync`.
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Standard>();
};

#[test]
fn one_standard_is_shared_by_audits_on_several_threads() {
    let std = callqa_standard::builtin();
    let call = callqa_testkit::call(7);
    let audits: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..2).map(|_| s.spawn(|| std.audit_call(&call))).collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("no panic"))
            .collect()
    });
    assert_eq!(audits[0], audits[1]);
}

/// Issue 14 (9): `closing_turns = 4294967296` was refused as "must be a
/// whole number ≥ 0", which it is; the message states the real limit, and
/// a check's count says its own.
#[test]
fn counts_past_their_limit_state_the_limit() {
    let (e, shown) = report(
        r#"
[settings]
closing_turns = 4294967296

[[rule]]
id = "transfer.count"
severity = "minor"
check = { type = "event_count", event = "transfer", max = 4294967296 }
"#,
    );
    assert_eq!(e.diagnostics.len(), 2, "{shown}");
    assert!(
        shown.contains(
            "settings.closing_turns must be a whole number from 0 to 1000000, got 4294967296"
        ),
        "{shown}"
    );
    assert!(
        shown.contains("check.max must be a whole number from 0 to 1000000000, got 4294967296"),
        "{shown}"
    );
}
