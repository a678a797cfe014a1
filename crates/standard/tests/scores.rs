//! The "Revision 2 decisions" of the rule catalog on scores, one test per
//! decision: no score when nothing applied, section scores, section
//! weights, the auto-fail with `raw_score`, the pass mark, `[[manual]]`
//! items `n/a` until marked, and re-scoring with a supervisor's marks and
//! overturned verdicts; plus `more` and `kind` of evidence.

mod support;

use callqa_model::{EvidenceKind, Outcome, Party};
use callqa_standard::{to_be_marked, Mark, Override, RescoreError};
use support::*;

/// `polite_ru()` with the operator's answer at 1:25 replaced by `answer`
/// and the call ended by `by`.
fn polite(answer: &str, by: Party) -> callqa_model::Call {
    CallB::inbound("ru")
        .company("Ромашка")
        .operator_name("Анна Смирнова")
        .client_name("Иван Петрович")
        .answer(9.8)
        .op(
            10.1,
            14.5,
            "Добрый день, компания «Ромашка», меня зовут Анна. Чем могу помочь?",
        )
        .client(
            15.1,
            21.1,
            "Добрый день. У меня вопрос по счёту за февраль.",
        )
        .op(
            21.7,
            30.3,
            "Иван Петрович, я вижу ваш лицевой счёт, в феврале добавилась услуга «Антивирус».",
        )
        .client(81.8, 84.9, "Я её не подключал. Можно её отключить?")
        .op(85.5, 94.9, answer)
        .client(95.5, 96.5, "Хорошо, спасибо.")
        .op(
            97.1,
            103.2,
            "Услуга отключена. Могу ли я ещё чем-то помочь?",
        )
        .client(103.8, 105.2, "Нет, это всё.")
        .op(
            105.8,
            111.0,
            "Спасибо за обращение, Иван Петрович. Всего доброго, до свидания!",
        )
        .client(111.6, 112.7, "До свидания.")
        .hangup(113.8, by)
        .build()
}

const POLITE_ANSWER: &str = "Да, я отключу её прямо сейчас и сделаю перерасчёт за февраль.";

#[test]
fn a_call_with_no_applicable_rule_has_no_score() {
    let std = builtin();
    // A ping: rang 3 s, no answer, no words.
    let ping = CallB::inbound("ru")
        .unanswered()
        .hangup(3.0, Party::Client)
        .build();
    let a = std.audit_call(&ping);
    assert!(a
        .verdicts
        .iter()
        .all(|v| v.outcome == NA || v.weight == 0.0));
    assert_eq!((a.score, a.raw_score, a.passed), (None, None, true));
    assert!(
        a.sections.iter().all(|s| s.score.is_none()),
        "{:?}",
        a.sections
    );
    let v = serde_json::to_value(&a).unwrap();
    assert!(v["score"].is_null() && v["raw_score"].is_null());
    // v1 has no null score: 100, as before.
    let v1 = serde_json::to_value(callqa_model::V1(&a)).unwrap();
    assert_eq!(v1["score"], 100.0);
}

#[test]
fn every_rule_belongs_to_one_section_and_sections_have_scores() {
    let std = builtin();
    let ids: Vec<&str> = std.sections().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "opening",
            "outbound",
            "conversation",
            "hold",
            "closing",
            "callbacks",
            "collection"
        ]
    );
    for r in std.rules() {
        assert!(std.section(&r.section).is_some(), "{}: {}", r.id, r.section);
    }
    let a = std.audit_call(&polite_ru().build());
    assert_eq!(a.sections.len(), ids.len());
    assert_eq!(a.section_score("opening"), Some(100.0));
    assert_eq!(a.section_score("outbound"), None, "inbound call");
    assert_eq!(a.section_score("closing"), Some(100.0));
    // The opening without the company's name: only that section drops.
    let no_company = opening_ru("Добрый день, меня зовут Анна. Чем могу помочь?").build();
    let b = std.audit_call(&no_company);
    assert_eq!(find(&b, "greeting.company").outcome, FAIL);
    let opening = b.section_score("opening").unwrap();
    assert!(opening < 100.0, "{opening}");
    assert_eq!(b.section_score("closing"), a.section_score("closing"));
    let json = serde_json::to_value(&b).unwrap();
    assert_eq!(json["sections"]["opening"], opening);
    assert!(json["sections"]["outbound"].is_null());
}

const WEIGHTED: &str = r#"version = 2
id = "weighted"
report_language = "en"
pass_score = 60

[phrases.greeting]
en = ["hello"]

[phrases.farewell]
en = ["goodbye"]

[phrases.slang]
en = ["gonna", "yeah", "nope"]

[[section]]
id = "opening"
title = "Opening"
weight = 3

[[section]]
id = "closing"
title = "Closing"
weight = 1

[[section]]
id = "conversation"
title = "Conversation"

[[rule]]
id = "greeting.hello"
severity = "major"
check = { type = "phrase_required", phrases = ["greeting"], speaker = "operator", window = "opening" }

[[rule]]
id = "closing.farewell"
severity = "major"
check = { type = "phrase_required", phrases = ["farewell"], speaker = "operator", window = "closing" }

[[rule]]
id = "speech.slang"
severity = "minor"
check = { type = "phrase_forbidden", phrases = ["slang"], speaker = "operator" }
"#;

fn en_call(closing: &str) -> callqa_model::Call {
    CallB::inbound("en")
        .answer(2.0)
        .op(2.5, 5.0, "Hello, how can I help?")
        .client(5.5, 9.0, "I need my balance.")
        .op(9.5, 40.0, "It is fifty dollars, yeah.")
        .client(41.0, 43.0, "Thanks.")
        .op(44.0, 46.0, closing)
        .hangup(50.0, Party::Client)
        .build()
}

#[test]
fn section_weights_make_the_call_score_a_weighted_mean_of_sections() {
    let std = standard(WEIGHTED);
    let a = std.audit_call(&en_call("Have a nice day."));
    assert_eq!(find(&a, "greeting.hello").outcome, PASS);
    assert_eq!(find(&a, "closing.farewell").outcome, FAIL);
    assert_eq!(find(&a, "speech.slang").outcome, FAIL);
    assert_eq!(a.section_score("opening"), Some(100.0));
    assert_eq!(a.section_score("closing"), Some(0.0));
    assert_eq!(a.section_score("conversation"), Some(0.0));
    // (3 × 100 + 1 × 0) / 4; the unweighted section is left out; rule-weighted
    // it would be 10 / 25 = 40.
    assert_eq!(a.score, Some(75.0));
    assert!(a.passed, "75 reaches the pass mark 60");
}

#[test]
fn a_critical_failure_is_an_auto_fail_and_keeps_the_raw_score() {
    let std = builtin();
    let kept = std.audit_call(&polite(POLITE_ANSWER, Party::Client));
    let rude = polite(
        "Да отключу я её, блядь, прямо сейчас, и перерасчёт сделаю.",
        Party::Client,
    );
    let a = std.audit_call(&rude);
    assert_eq!(find(&a, "speech.profanity").outcome, FAIL);
    assert_eq!(a.score, Some(0.0));
    let raw = a.raw_score.unwrap();
    assert!(raw > 80.0 && raw < kept.score.unwrap(), "{raw}");
    assert!(!a.passed);
}

#[test]
fn passed_needs_the_pass_mark() {
    let std = builtin();
    assert_eq!(std.pass_score(), Some(80.0));
    // A bare «Алло», no company, name or offer of help: nothing critical.
    let bare = opening_ru("Алло.").build();
    let a = std.audit_call(&bare);
    assert!(a
        .verdicts
        .iter()
        .all(|v| v.outcome != FAIL || v.severity != callqa_model::Severity::Critical));
    let score = a.score.unwrap();
    assert!(score < 80.0, "{score}");
    assert!(!a.passed);
    // The same standard with pass_score = 0 passes it; a version 1 file has
    // no pass mark at all.
    let lenient = standard(
        &callqa_standard::DEFAULT_STANDARD_TOML.replace("pass_score = 80", "pass_score = 0"),
    );
    assert!(lenient.audit_call(&bare).passed);
}

#[test]
fn manual_items_are_na_until_marked_and_marks_count_by_their_weight() {
    let std = builtin();
    let a = std.audit_call(&polite_ru().build());
    let manual: Vec<_> = a.verdicts.iter().filter(|v| v.manual).collect();
    assert_eq!(manual.len(), std.manual_items().len());
    for v in &manual {
        assert_eq!(v.outcome, NA);
        assert_eq!(v.reason, Some(to_be_marked(std.report_language())));
        assert_eq!(v.reason.as_deref(), Some("отмечает супервизор"));
        assert!(!v.title.is_empty(), "{}: a title", v.rule);
    }
    // Weight 0 (the default items): a mark is recorded, the score stays.
    let marked = std
        .rescore_with(
            &a,
            &[Mark {
                item: "manner.smile".into(),
                passed: false,
                note: Some("no smile heard".into()),
            }],
            &[],
        )
        .unwrap();
    let smile = find(&marked, "manner.smile");
    assert_eq!(smile.outcome, FAIL);
    assert_eq!(smile.message.as_deref(), Some("no smile heard"));
    assert_eq!(marked.score, a.score);
    // With a weight, the mark counts like a rule's verdict.
    let weighted = standard(&callqa_standard::DEFAULT_STANDARD_TOML.replace(
        "id = \"manner.smile\"\nsection = \"conversation\"",
        "id = \"manner.smile\"\nsection = \"conversation\"\nweight = 100",
    ));
    let b = weighted.audit_call(&polite_ru().build());
    assert_eq!(b.score, Some(100.0), "unmarked: n/a, out of the score");
    let c = weighted
        .rescore_with(
            &b,
            &[Mark {
                item: "manner.smile".into(),
                passed: false,
                note: None,
            }],
            &[],
        )
        .unwrap();
    let s = c.score.unwrap();
    assert!(s < 80.0, "{s}");
    assert!(!c.passed);
    assert!(c.section_score("conversation").unwrap() < 100.0);
}

#[test]
fn overturned_verdicts_rescore_the_call() {
    let std = builtin();
    let a = std.audit_call(&opening_ru("Добрый день, меня зовут Анна. Чем могу помочь?").build());
    assert_eq!(find(&a, "greeting.company").outcome, FAIL);
    let upheld = std
        .rescore_with(
            &a,
            &[],
            &[Override {
                rule: "greeting.company".into(),
                outcome: Outcome::Pass,
                note: None,
            }],
        )
        .unwrap();
    assert_eq!(find(&upheld, "greeting.company").outcome, PASS);
    assert!(upheld.score > a.score);
    assert_eq!(
        upheld,
        std.rescore_with(&upheld, &[], &[]).unwrap(),
        "re-scoring is idempotent"
    );
    let to_na = std
        .rescore_with(
            &a,
            &[],
            &[Override {
                rule: "greeting.company".into(),
                outcome: Outcome::NotApplicable,
                note: Some("the company had no name yet".into()),
            }],
        )
        .unwrap();
    let v = find(&to_na, "greeting.company");
    assert_eq!(v.reason.as_deref(), Some("the company had no name yet"));
    assert_eq!(
        std.rescore_with(
            &a,
            &[Mark {
                item: "no.such".into(),
                passed: true,
                note: None
            }],
            &[]
        )
        .unwrap_err(),
        RescoreError::UnknownItem("no.such".into())
    );
    let err = std
        .rescore_with(
            &a,
            &[],
            &[Override {
                rule: "manner.smile".into(),
                outcome: Outcome::Pass,
                note: None,
            }],
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "override: no rule \"manner.smile\" in the audit"
    );
}

#[test]
fn counts_and_evidence_agree_with_more_for_the_rest() {
    let std = builtin();
    let lines = "Ну, значит, короче, как бы, ну, типа, значит, короче, ну, отключу.";
    let call = polite(lines, Party::Client);
    let v = verdict(&std, &call, "speech.fillers");
    assert_eq!(v.outcome, FAIL, "{}", explain(&v));
    let msg = v.message.clone().unwrap();
    // «слова-паразиты: 9 раз на 50 слов (…): «Ну», … и ещё 4»
    let count: usize = msg
        .split(' ')
        .find_map(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{msg}"));
    assert_eq!(v.evidence.len() + v.more, count, "{msg}");
    assert!(v.more > 0, "{msg}");
    assert!(msg.contains(&format!("и ещё {}", v.more)), "{msg}");
    assert!(v.evidence.iter().all(|e| e.kind == EvidenceKind::Quote));
}

#[test]
fn computed_facts_are_evidence_of_kind_fact() {
    let std = builtin();
    let call = polite(POLITE_ANSWER, Party::Operator);
    let v = verdict(&std, &call, "closing.who_hangs_up");
    assert_eq!(v.outcome, FAIL);
    assert_eq!(v.evidence[0].kind, EvidenceKind::Fact);
    let json = serde_json::to_value(&v.evidence[0]).unwrap();
    assert_eq!(json["kind"], "fact");
    assert!(json.get("quote").is_none() && json["text"].is_string());
}
