//! Version 2 of the standard file: report language, pass mark, sections,
//! titles per language, manual items, privacy and the reserved test and
//! prompt tables, kept in the compiled standard behind accessors; version
//! 1 files keep their version 1 meaning.

use callqa_model::Lang;

const V2: &str = r#"version = 2
id = "acme"
report_language = "en"
pass_score = 70
title = { ru = "Стандарт Acme", en = "Acme standard" }

[phrases.greeting]
ru = ["здравствуйте"]
en = ["hello"]

[[section]]
id = "opening"
title = { ru = "Ответ на звонок", en = "Answering the call" }
weight = 2

[[section]]
id = "manner"
title = "Manner"

[[rule]]
id = "greeting.hello"
title = { ru = "Приветствие", en = "Greeting" }
severity = "major"
check = { type = "phrase_required", phrases = ["greeting"], window = "opening" }

[[rule]]
id = "speech.no_hello_twice"
section = "manner"
severity = "minor"
check = { type = "phrase_forbidden", phrases = ["greeting"], max = 3 }

[[manual]]
id = "manner.smile"
section = "manner"
title = { ru = "Улыбка в голосе", en = "Smile in the voice" }
weight = 1

[privacy]
phone = false

[[test]]
id = "hello"
call = "tests/hello.json"
expect = { "greeting.hello" = "pass" }

[[prompt]]
id = "remind"
rule = "greeting.hello"
text = { en = "Greet the client" }
"#;

#[test]
fn a_version_2_file_gives_its_additions_through_accessors() {
    let std = callqa_standard::from_toml("acme.toml", V2).expect("compiles");
    assert_eq!(std.format_version(), 2);
    assert_eq!(std.report_language(), Lang::En);
    assert_eq!(std.pass_score(), Some(70.0));
    assert_eq!(std.title(), "Acme standard");
    let ids: Vec<&str> = std.sections().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["opening", "manner"]);
    assert_eq!(std.section("opening").and_then(|s| s.weight), Some(2.0));
    assert_eq!(
        std.section("opening").and_then(|s| s.title.get(Lang::Ru)),
        Some("Ответ на звонок")
    );
    let hello = std.rule("greeting.hello").expect("rule");
    assert_eq!(hello.section, "opening", "default section by id");
    assert_eq!(hello.title, "Greeting", "title in the report language");
    assert_eq!(hello.titles.get(Lang::Ru), Some("Приветствие"));
    assert_eq!(std.rules_in("manner").count(), 1);
    let smile = &std.manual_items()[0];
    assert_eq!((smile.id.as_str(), smile.weight), ("manner.smile", 1.0));
    assert!(!std.privacy().is_on("phone"));
    assert!(std.privacy().is_on("card"));
    assert_eq!(
        std.test_cases()[0].expect,
        [("greeting.hello".to_string(), "pass".to_string())]
    );
    assert_eq!(std.prompts()[0].rule.as_deref(), Some("greeting.hello"));
}

#[test]
fn a_version_1_file_keeps_its_meaning() {
    let head = V2.split("[[section]]").next().expect("head");
    let v1 = head
        .replace("version = 2", "version = 1")
        .replace("report_language = \"en\"\npass_score = 70\n", "")
        .replace(
            "title = { ru = \"Стандарт Acme\", en = \"Acme standard\" }",
            "title = \"Acme\"",
        )
        + "[[rule]]\nid = \"answer.speed\"\nseverity = \"major\"\ncheck = { type = \"answer_speed\" }\n";
    let std = callqa_standard::from_toml("acme.toml", &v1).expect("compiles");
    assert_eq!(std.format_version(), 1);
    assert_eq!(
        std.pass_score(),
        None,
        "passed unless a critical rule failed"
    );
    assert!(std.manual_items().is_empty());
    assert_eq!(
        std.rule("answer.speed").map(|r| r.section.as_str()),
        Some("opening")
    );
    assert_eq!(std.sections()[0].id, "opening");
}

#[test]
fn the_default_standard_is_version_2_with_its_manual_items() {
    let std = callqa_standard::builtin();
    assert_eq!(std.format_version(), 2);
    assert_eq!(std.pass_score(), Some(80.0));
    assert_eq!(std.report_language(), Lang::Ru);
    for rule in std.rules() {
        assert!(std.section(&rule.section).is_some(), "{}", rule.id);
        assert_ne!(rule.section, "other", "{} is in a catalog section", rule.id);
    }
    assert_eq!(std.manual_items().len(), 4);
    assert!(std.manual_items().iter().all(|m| m.weight == 0.0));
}

#[test]
fn bad_version_2_references_are_each_reported() {
    let text = V2
        .replace(
            "section = \"manner\"\nseverity",
            "section = \"maner\"\nseverity",
        )
        .replace(
            "expect = { \"greeting.hello\"",
            "expect = { \"greeting.helo\"",
        )
        .replace("pass_score = 70", "pass_score = 170")
        .replace("phone = false", "phone = false\nfax = false");
    let e = match callqa_standard::from_toml("acme.toml", &text) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e,
    };
    let shown = e.to_string();
    assert!(shown.contains("unknown section \"maner\""), "{shown}");
    assert!(shown.contains("did you mean \"manner\"?"), "{shown}");
    assert!(shown.contains("unknown rule \"greeting.helo\""), "{shown}");
    assert!(
        shown.contains("pass_score must be from 0 to 100, got 170"),
        "{shown}"
    );
    assert!(
        shown.contains("unknown key \"fax\" in [privacy]"),
        "{shown}"
    );
    assert_eq!(e.diagnostics.len(), 4, "{shown}");
}
