//! Properties of auditing any valid call: no panic, exactly one verdict per
//! rule, a message on every failure and a reason on every n/a, a score in
//! [0, 100], and `passed` exactly when no critical rule failed.

mod support;

use callqa_model::{
    Call, CallAudit, Client, Direction, Event, EventKind, Lang, Operator, Outcome, Party, Severity,
    Utterance,
};
use callqa_standard::Standard;
use proptest::prelude::*;
use support::*;

const PHRASES: &[&str] = &[
    "Добрый день, компания «Ромашка», меня зовут Анна. Чем могу помочь?",
    "здравствуйте кампания ромашка оператор анна слушаю вас",
    "Алло?",
    "Могу я попросить вас подождать? Мне нужно уточнить.",
    "Спасибо за ожидание.",
    "ну короче типа щас посмотрю",
    "Минуточку, ваша заявочка у меня.",
    "Да вы там совсем охуели, блядь!",
    "Если вы продолжите, я буду вынуждена прервать разговор.",
    "Я не могу вам помочь.",
    "Меня зовут Ивана Петровича нет на месте.",
    "Соединяю вас с бухгалтерией.",
    "Вам удобно сейчас говорить? Звоню по поводу вашей заявки.",
    "Нет, вы ошиблись номером.",
    "Мне сейчас неудобно, перезвоните позже.",
    "Могу ли я ещё чем-то помочь? Спасибо за звонок, всего доброго!",
    "Good morning, thank you for calling Harper Valley. My name is Jennifer.",
    "um uh you know yeah gonna check",
    "Is there anything else? Thank you for calling, goodbye.",
    "Բարի օր, «Արև», իմ անունը Աննա է։ Ինչո՞վ կարող եմ օգնել։",
    "Շնորհակալություն սպասելու համար։ Ցտեսություն։",
    "угу",
    "mm hmm",
    "",
    "   ",
    "—…«»՞։",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(PHRASES).prop_map(str::to_string),
        1 => any::<String>(),
        1 => (prop::sample::select(PHRASES), any::<String>()).prop_map(|(p, s)| format!("{p} {s}")),
    ]
}

/// Events in a valid order: ring, maybe answer, holds and transfers, and an
/// end (hangup or drop), at non-decreasing times.
fn events() -> impl Strategy<Value = Vec<Event>> {
    (
        any::<bool>(),
        0.0..40.0f64,
        prop::collection::vec((0u8..3, 0.0..30.0f64), 0..5),
        0u8..3,
        0.0..60.0f64,
        any::<bool>(),
    )
        .prop_map(|(answered, answer_at, middle, end, tail, ring)| {
            let mut out = Vec::new();
            if ring {
                out.push(Event {
                    at: 0.0,
                    kind: EventKind::Ring,
                });
            }
            let mut t = answer_at;
            if answered {
                out.push(Event {
                    at: t,
                    kind: EventKind::Answer,
                });
                for (kind, gap) in middle {
                    t += gap;
                    match kind {
                        0 => {
                            out.push(Event {
                                at: t,
                                kind: EventKind::HoldStart,
                            });
                            t += gap;
                            out.push(Event {
                                at: t,
                                kind: EventKind::HoldEnd,
                            });
                        }
                        1 => out.push(Event {
                            at: t,
                            kind: EventKind::Transfer { to: None },
                        }),
                        _ => out.push(Event {
                            at: t,
                            kind: EventKind::HoldStart,
                        }),
                    }
                }
            }
            t += tail;
            out.push(Event {
                at: t,
                kind: match end {
                    0 => EventKind::Hangup { by: Party::Client },
                    1 => EventKind::Hangup {
                        by: Party::Operator,
                    },
                    _ => EventKind::Drop,
                },
            });
            out
        })
}

fn utterances() -> impl Strategy<Value = Vec<Utterance>> {
    prop::collection::vec((any::<bool>(), 0.0..300.0f64, 0.0..15.0f64, text()), 0..25).prop_map(
        |mut raw| {
            raw.sort_by(|a, b| a.1.total_cmp(&b.1));
            raw.into_iter()
                .map(|(op, start, len, text)| Utterance {
                    speaker: if op { Party::Operator } else { Party::Client },
                    start,
                    end: start + len,
                    text,
                    words: Vec::new(),
                })
                .collect()
        },
    )
}

prop_compose! {
    fn call()(
        outbound in any::<bool>(),
        lang in prop::option::of(prop::sample::select(&Lang::ALL[..])),
        events in prop_oneof![4 => events(), 1 => Just(Vec::new())],
        utterances in utterances(),
        start in prop::option::of(0i64..400_000_000),
        offset_h in -12i8..14,
        company in prop::option::of(prop::sample::select(&["Ромашка", "Harper Valley National Bank", "Արև"][..])),
        op_name in prop::option::of(prop::sample::select(&["Анна Смирнова", "Jennifer Hayes", "Աննա Հակոբյան", ""][..])),
        client_name in prop::option::of(prop::sample::select(&["Иван Петрович", "Patricia", ""][..])),
        client in prop::option::of(0u8..3),
        third_party in prop::option::of(any::<bool>()),
    ) -> Call {
        let started_at = start.map(|s| {
            time::OffsetDateTime::from_unix_timestamp(1_700_000_000 + s)
                .expect("valid time")
                .to_offset(time::UtcOffset::from_hms(offset_h, 0, 0).expect("valid offset"))
        });
        Call {
            id: "p".into(),
            direction: if outbound { Direction::Outbound } else { Direction::Inbound },
            started_at,
            language: lang,
            company: company.map(str::to_string),
            department: None,
            operator: Operator { id: "op".into(), name: op_name.map(str::to_string) },
            client: Client {
                id: client.map(|c| format!("cl-{c}")),
                name: client_name.map(str::to_string),
                number: None,
                third_party,
            },
            tags: Default::default(),
            events,
            utterances,
        }
    }
}

fn check_audit(std: &Standard, audit: &CallAudit) -> Result<(), TestCaseError> {
    prop_assert_eq!(
        audit.verdicts.len(),
        std.rules().len() + std.manual_items().len()
    );
    for (v, rule) in audit.verdicts.iter().zip(std.rules()) {
        prop_assert_eq!(&v.rule, &rule.id, "one verdict per rule, in rule order");
        match v.outcome {
            Outcome::Fail => prop_assert!(
                v.message.as_deref().is_some_and(|m| !m.is_empty()),
                "{}: fail without a message",
                v.rule
            ),
            Outcome::NotApplicable => prop_assert!(
                v.reason.as_deref().is_some_and(|m| !m.is_empty()),
                "{}: n/a without a reason",
                v.rule
            ),
            Outcome::Pass => {}
        }
    }
    let applied = audit
        .verdicts
        .iter()
        .any(|v| v.outcome != Outcome::NotApplicable && v.weight > 0.0);
    prop_assert_eq!(audit.score.is_some(), applied, "score {:?}", audit.score);
    prop_assert_eq!(audit.raw_score.is_some(), applied);
    if let (Some(score), Some(raw)) = (audit.score, audit.raw_score) {
        prop_assert!((0.0..=100.0).contains(&score), "score {}", score);
        prop_assert!((0.0..=100.0).contains(&raw), "raw score {}", raw);
    }
    let critical_fail = audit
        .verdicts
        .iter()
        .any(|v| v.outcome == Outcome::Fail && v.severity == Severity::Critical);
    if critical_fail {
        prop_assert_eq!(audit.score, Some(0.0));
    } else {
        prop_assert_eq!(audit.score, audit.raw_score);
    }
    let mark = std.pass_score().unwrap_or(0.0);
    let expected = !critical_fail && audit.score.is_none_or(|s| s >= mark);
    prop_assert_eq!(audit.passed, expected);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, .. ProptestConfig::default() })]

    #[test]
    fn any_valid_call_gets_one_well_formed_verdict_per_rule(call in call()) {
        check_audit(&builtin(), &builtin().audit_call(&call))?;
    }

    #[test]
    fn any_valid_call_is_audited_by_every_rule_when_all_are_enabled(call in call()) {
        check_audit(&all_enabled(), &all_enabled().audit_call(&call))?;
    }

    #[test]
    fn batches_of_valid_calls_get_one_audit_per_call(calls in prop::collection::vec(call(), 1..6)) {
        let calls: Vec<Call> = calls
            .into_iter()
            .enumerate()
            .map(|(i, mut c)| { c.id = format!("p{i}"); c })
            .collect();
        let audits = audit_batch(&all_enabled(), &calls);
        prop_assert_eq!(audits.len(), calls.len());
        for (a, c) in audits.iter().zip(&calls) {
            prop_assert_eq!(&a.call, &c.id);
            check_audit(&all_enabled(), a)?;
        }
    }

    #[test]
    fn generated_synth_calls_are_audited_without_panic(seed in any::<u64>()) {
        let call = callqa_testkit::call(seed);
        check_audit(&builtin(), &builtin().audit_call(&call))?;
    }
}

#[test]
fn the_first_synth_calls_pass_the_audit_checks() {
    for seed in 0..50 {
        let audit = builtin().audit_call(&callqa_testkit::call(seed));
        check_audit(&builtin(), &audit).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        let audit = builtin().audit_call(&callqa_testkit::realistic_call(seed));
        check_audit(&builtin(), &audit).unwrap_or_else(|e| panic!("realistic seed {seed}: {e}"));
    }
}
