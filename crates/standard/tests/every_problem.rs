//! The front end reads by taking keys out of each table, so one run
//! reports every problem of a standard file: unknown keys anywhere (with
//! "did you mean"), wrong types in plain words, keys that do not apply to
//! the check type, and version 2 keys in a version 1 file.

use callqa_standard::StandardError;

const HEAD: &str = r#"version = 1
id = "acme"

[phrases.greeting]
ru = ["здравствуйте"]
"#;

fn err(text: &str) -> (StandardError, String) {
    match callqa_standard::from_toml("acme.toml", text) {
        Ok(_) => panic!("expected errors in:\n{text}"),
        Err(e) => {
            let shown = e.to_string();
            (e, shown)
        }
    }
}

#[test]
fn four_misspelt_keys_give_four_diagnostics_in_one_run() {
    let (e, shown) = err(r#"version = 1
id = "acme"
titel = "Acme"

[setings]
ring_cycle_secs = 5

[phrases.greeting]
ru = ["здравствуйте"]
fuzy = false

[[rule]]
id = "greeting.hello"
severity = "major"
wieght = 3
check = { type = "phrase_required", phrases = ["greeting"], negaton = false }
"#);
    assert_eq!(e.diagnostics.len(), 5, "{shown}");
    for (key, near) in [
        ("titel", "title"),
        ("setings", "settings"),
        ("fuzy", "fuzzy"),
        ("wieght", "weight"),
        ("negaton", "negation"),
    ] {
        assert!(
            shown.contains(&format!("unknown key \"{key}\"")),
            "{key}: {shown}"
        );
        assert!(
            shown.contains(&format!("did you mean \"{near}\"?")),
            "{near}: {shown}"
        );
    }
}

#[test]
fn wrong_types_are_named_in_plain_words_with_the_value() {
    let (e, shown) = err(&format!(
        r#"{HEAD}
[[rule]]
id = "answer.speed"
severity = "major"
enabled = "yes"
check = {{ type = "answer_speed", max_rings = "two" }}

[[rule]]
id = "greeting.hello"
severity = 3
check = {{ type = "phrase_required", phrases = "greeting" }}
"#
    ));
    assert!(
        shown.contains("check.max_rings must be a whole number, got \"two\""),
        "{shown}"
    );
    assert!(
        shown.contains("enabled must be true or false, got \"yes\""),
        "{shown}"
    );
    assert!(
        shown.contains("severity must be text in quotes, got 3"),
        "{shown}"
    );
    assert!(
        shown.contains("check.phrases must be a list of texts in quotes"),
        "{shown}"
    );
    assert_eq!(e.diagnostics.len(), 4, "{shown}");
}

#[test]
fn every_key_that_does_not_apply_is_reported() {
    let (e, shown) = err(&format!(
        r#"{HEAD}
[[rule]]
id = "phrase.forbidden"
severity = "minor"
check = {{ type = "phrase_forbidden", phrases = ["greeting"], all = true, negation = true, max_rings = 3 }}
"#
    ));
    assert_eq!(e.diagnostics.len(), 3, "{shown}");
    for key in ["all", "negation", "max_rings"] {
        assert!(
            shown.contains(&format!(
                "check.{key} does not apply to check type \"phrase_forbidden\""
            )),
            "{key}: {shown}"
        );
    }
}

#[test]
fn an_unknown_key_in_a_check_suggests_the_types_own_key() {
    let (_, shown) = err(&format!(
        r#"{HEAD}
[[rule]]
id = "silence.dead_air"
severity = "minor"
check = {{ type = "dead_air", max_sec = 10 }}
"#
    ));
    assert!(
        shown.contains("unknown key \"max_sec\" in check"),
        "{shown}"
    );
    assert!(shown.contains("did you mean \"max_secs\"?"), "{shown}");
}

#[test]
fn version_2_keys_in_a_version_1_file_say_so() {
    let (e, shown) = err(&format!(
        r#"pass_score = 70
{HEAD}
[[rule]]
id = "greeting.hello"
severity = "major"
section = "opening"
check = {{ type = "phrase_required", phrases = ["greeting"] }}
"#
    ));
    assert_eq!(e.diagnostics.len(), 2, "{shown}");
    assert!(shown.contains("pass_score needs version = 2"), "{shown}");
    assert!(shown.contains("section needs version = 2"), "{shown}");
}

#[test]
fn a_missing_key_is_named_with_an_example() {
    let (e, shown) = err(&format!(
        r#"{HEAD}
[[rule]]
id = "greeting.hello"
check = {{ type = "phrase_required", phrases = ["greeting"] }}
"#
    ));
    assert_eq!(e.diagnostics.len(), 1, "{shown}");
    assert!(shown.contains("rule is missing key severity"), "{shown}");
}

#[test]
fn rendering_reads_each_diagnostics_line_once_not_the_file() {
    // 2,000 bad rules: each diagnostic reads its own line of the file.
    let mut text = String::from(HEAD);
    for i in 0..2000 {
        text.push_str(&format!(
            "\n[[rule]]\nid = \"r{i}\"\nseverity = \"major\"\ncheck = {{ type = \"phrase_requird\", phrases = [\"greeting\"] }}\n"
        ));
    }
    let (e, _) = err(&text);
    assert_eq!(e.diagnostics.len(), 2000);
    let before = callqa_standard::diagnostic::lines_scanned();
    let shown = e.to_string();
    let scanned = callqa_standard::diagnostic::lines_scanned() - before;
    assert_eq!(scanned, 2000, "one line read per diagnostic");
    let last = format!("acme.toml:{}:", text.lines().count());
    assert!(
        shown.contains(&last),
        "positions stay right at the end of the file"
    );
}

#[test]
fn a_long_line_is_shortened_around_the_caret() {
    let filler = "x".repeat(300_000);
    let text = format!("version = 1\nid = \"acme\"\nnote = [\"{filler}\"] ; bogus = 1\n");
    let e = match callqa_standard::from_toml("acme.toml", &text) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    };
    let shown = e.to_string();
    assert!(shown.len() < 2_000, "{} bytes echoed", shown.len());
    assert!(shown.contains('…'), "{shown}");
}

#[test]
fn terminal_escapes_in_the_standard_are_escaped_when_echoed() {
    let (_, shown) = err(&format!(
        "{HEAD}\n[[rule]]\nid = \"a\"\nseverity = \"bogus\u{1b}[31m\"\ncheck = {{ type = \"dead_air\" }}\n"
    ));
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("bogus\\u{1b}[31m"), "{shown}");
}
