//! Live evaluation: feeding a call's events and utterances into a
//! [`Session`] in time order gives exactly the verdicts of the batch audit,
//! and every verdict a `push_*` reports early is the final one.

mod support;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use callqa_model::{read_inputs, Call, CallAudit, Event, EventKind, Party, Utterance, Verdict};
use callqa_standard::{Batch, Evaluated, Session, Standard};
use proptest::prelude::*;
use support::*;

enum Item {
    Event(Event),
    Utterance(Utterance),
}

/// The call's events and utterances merged by time (an event before an
/// utterance that starts at the same moment).
fn timeline(call: &Call) -> Vec<Item> {
    let mut items: Vec<(f64, u8, Item)> = Vec::new();
    for e in &call.events {
        items.push((e.at, 0, Item::Event(e.clone())));
    }
    for u in &call.utterances {
        items.push((u.start, 1, Item::Utterance(u.clone())));
    }
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    items.into_iter().map(|(_, _, i)| i).collect()
}

/// What a live session reported: each early verdict with the step it came
/// at, and the evaluated call.
struct Live {
    early: BTreeMap<String, (usize, Verdict)>,
    evaluated: Evaluated,
}

fn run_live(std: &Arc<Standard>, call: &Call) -> Live {
    let mut header = call.clone();
    header.events.clear();
    header.utterances.clear();
    let mut session = Session::new(std.clone(), header);
    let mut early: BTreeMap<String, (usize, Verdict)> = BTreeMap::new();
    for (step, item) in timeline(call).into_iter().enumerate() {
        let decided = match item {
            Item::Event(e) => session.push_event(e),
            Item::Utterance(u) => session.push_utterance(u),
        };
        for v in decided {
            let rule = v.rule.clone();
            if let Some((at, first)) = early.insert(rule.clone(), (step, v)) {
                panic!(
                    "{}: {rule} reported twice (first at step {at}: {})",
                    call.id,
                    first.outcome.as_str()
                );
            }
        }
    }
    assert_eq!(
        session.decided().count(),
        early.len(),
        "{}: decided() lists what push_* reported",
        call.id
    );
    Live {
        early,
        evaluated: session.finish(),
    }
}

/// How closely a live audit must match the batch audit.
#[derive(Clone, Copy, PartialEq)]
enum Match {
    /// The whole verdict: outcome, message, reason and evidence.
    Exact,
    /// The decision: outcome, severity, weight and the n/a reason (a
    /// failure's message may count fewer occurrences when it was decided
    /// early).
    Decision,
}

fn same(m: Match, a: &Verdict, b: &Verdict) -> bool {
    match m {
        Match::Exact => a == b,
        Match::Decision => {
            (&a.rule, a.outcome, a.severity, a.weight, &a.reason)
                == (&b.rule, b.outcome, b.severity, b.weight, &b.reason)
        }
    }
}

/// Compares a live audit with the batch audit of the same call, and every
/// early verdict with the final one; returns the problems.
fn compare(
    m: Match,
    call: &Call,
    live: &CallAudit,
    early: &BTreeMap<String, (usize, Verdict)>,
    batch: &CallAudit,
) -> Vec<String> {
    let mut problems = Vec::new();
    if live.verdicts.len() != batch.verdicts.len() {
        problems.push(format!(
            "{}: {} live verdicts, {} batch verdicts",
            call.id,
            live.verdicts.len(),
            batch.verdicts.len()
        ));
    }
    for (l, b) in live.verdicts.iter().zip(&batch.verdicts) {
        if !same(m, l, b) {
            problems.push(format!(
                "{} {}: live {} ({}), batch {} ({})",
                call.id,
                b.rule,
                l.outcome.as_str(),
                explain(l),
                b.outcome.as_str(),
                explain(b)
            ));
        }
    }
    if (live.score, live.passed) != (batch.score, batch.passed) {
        problems.push(format!(
            "{}: live score {:?} / {}, batch {:?} / {}",
            call.id, live.score, live.passed, batch.score, batch.passed
        ));
    }
    // An early verdict is a live alert: its outcome is final, its message
    // counts what was seen so far («1 × slang»), so it is compared by
    // decision; the finished audit is compared with `m`.
    for (rule, (step, v)) in early {
        let fin = find(batch, rule);
        if !same(Match::Decision, v, &fin) {
            problems.push(format!(
                "{} {rule}: decided early at step {step} as {} ({}), finally {} ({})",
                call.id,
                v.outcome.as_str(),
                explain(v),
                fin.outcome.as_str(),
                explain(&fin)
            ));
        }
    }
    problems
}

fn live_vs_batch_one(m: Match, std: &Arc<Standard>, call: &Call) -> Vec<String> {
    let live = run_live(std, call);
    let mut b = Batch::new(std.clone());
    b.push(live.evaluated);
    let live_audit = b.finish().pop().expect("one call");
    compare(m, call, &live_audit, &live.early, &std.audit_call(call))
}

fn examples() -> Vec<Call> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let calls: Vec<Call> = read_inputs(&[dir])
        .map(|c| c.expect("every example is a valid call record"))
        .collect();
    assert!(calls.len() >= 12, "examples/ holds the example calls");
    calls
}

/// The call as a record that starts at `answer`: without its `ring` event
/// (transcript imports often have none).
fn from_answer(call: &Call) -> Call {
    let mut c = call.clone();
    c.events.retain(|e| !matches!(e.kind, EventKind::Ring));
    c
}

fn examples_live(m: Match, std: &Arc<Standard>, calls: &[Call]) {
    let mut live_batch = Batch::new(std.clone());
    let mut early = Vec::new();
    for call in calls {
        let live = run_live(std, call);
        live_batch.push(live.evaluated);
        early.push(live.early);
    }
    let live_audits = live_batch.finish();
    let batch_audits = audit_batch(std, calls);
    let mut problems = Vec::new();
    for (((call, l), e), b) in calls
        .iter()
        .zip(&live_audits)
        .zip(&early)
        .zip(&batch_audits)
    {
        problems.extend(compare(m, call, l, e, b));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn scenarios() -> Vec<Call> {
    vec![
        polite_ru().build(),
        polite_ru().hangup(113.8, Party::Operator).build(),
        polite_ru().no_events().build(),
        polite_ru().no_transcript().build(),
        polite_ru().dropped(114.0).build(),
        opening_ru("Алло?").build(),
        opening_ru("Доброе утро, компания Ромашка, щас посмотрю.").build(),
        outbound_ru(&[
            "Добрый день, меня зовут Анна, компания Ромашка.",
            "Вам удобно говорить?",
        ])
        .build(),
        CallB::inbound("ru")
            .client_id("cl-1")
            .hangup(20.0, Party::Client)
            .build(),
        // «Спасибо» early on is in the closing of the call so far, not in the
        // closing of the whole call.
        operator_says(&[
            "Спасибо, записала ваш номер.",
            "Ваша заявка зарегистрирована и передана в отдел доставки сегодня утром.",
            "Ваша заявка зарегистрирована и передана в отдел доставки сегодня утром.",
            "Ваша заявка зарегистрирована и передана в отдел доставки сегодня утром.",
            "Ваша заявка зарегистрирована и передана в отдел доставки сегодня утром.",
            "Ваша заявка зарегистрирована и передана в отдел доставки сегодня утром.",
            "Ваша заявка зарегистрирована и передана в отдел доставки сегодня утром.",
            "Всего доброго.",
        ])
        .build(),
        CallB::inbound("ru")
            .client_id("cl-1")
            .hangup(3.0, Party::Client)
            .build(),
        // Revision 2: a silence before the client's first words is judged
        // only once the call shows whether the client's channel exists.
        CallB::inbound("ru")
            .answer(2.0)
            .op(
                2.3,
                6.0,
                "Добрый день, компания «Ромашка», меня зовут Анна.",
            )
            .op(26.0, 30.0, "Я проверила ваш заказ, он отправлен сегодня.")
            .client(30.5, 32.0, "Спасибо.")
            .hangup(40.0, Party::Client)
            .build(),
        CallB::inbound("ru")
            .answer(2.0)
            .op(
                2.3,
                6.0,
                "Добрый день, компания «Ромашка», меня зовут Анна.",
            )
            .op(26.0, 30.0, "Я проверила ваш заказ, он отправлен сегодня.")
            .hangup(40.0, Party::Client)
            .build(),
        // Revision 2: closing rules wait for the end of an outbound call
        // that may be rescheduled, dropped or a wrong number.
        outbound_ru(&["Добрый день, меня зовут Анна, компания «Ромашка»."])
            .client(8.0, 9.0, "Мне сейчас неудобно говорить.")
            .op(
                9.5,
                12.0,
                "Когда вам будет удобно? Перезвоню завтра в десять.",
            )
            .hangup(14.0, Party::Client)
            .build(),
        outbound_ru(&["Добрый день, компания «Ромашка», это Ирина?"])
            .client(8.0, 9.0, "Нет, вы ошиблись номером.")
            .hangup(14.0, Party::Client)
            .build(),
        polite_ru().dropped(50.0).build(),
        polite_ru().tag("import.ring", "unknown").build(),
        polite_ru().tag("import.missing_channel", "client").build(),
        polite_ru().client_name("Unknown").build(),
    ]
}

fn all_live(m: Match, std: &Arc<Standard>, calls: impl IntoIterator<Item = Call>) {
    let mut problems = Vec::new();
    for call in calls {
        problems.extend(live_vs_batch_one(m, std, &call));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn live_decisions_over_the_examples_equal_the_batch_audit() {
    let calls: Vec<Call> = examples().iter().map(from_answer).collect();
    examples_live(Match::Decision, &builtin(), &calls);
}

#[test]
fn live_decisions_with_every_rule_enabled_equal_the_batch_audit() {
    all_live(
        Match::Decision,
        &all_enabled(),
        examples().iter().map(from_answer),
    );
}

#[test]
fn live_decisions_over_the_rule_scenarios_equal_the_batch_audit() {
    all_live(
        Match::Decision,
        &builtin(),
        scenarios().iter().map(from_answer),
    );
}

#[test]
fn live_decisions_over_generated_calls_equal_the_batch_audit() {
    all_live(
        Match::Decision,
        &builtin(),
        (0..40).map(|s| from_answer(&callqa_testkit::call(s))),
    );
}

#[test]
fn live_sessions_fed_from_the_ring_equal_the_batch_audit() {
    examples_live(Match::Decision, &builtin(), &examples());
    all_live(Match::Decision, &builtin(), scenarios());
    all_live(
        Match::Decision,
        &builtin(),
        (0..40).map(callqa_testkit::call),
    );
}

#[test]
fn finished_live_audits_equal_the_batch_audits_word_for_word() {
    let calls: Vec<Call> = examples().iter().map(from_answer).collect();
    examples_live(Match::Exact, &builtin(), &calls);
}

#[test]
fn a_forbidden_word_is_reported_right_after_its_utterance() {
    let std = &builtin();
    let call = opening_ru("Добрый день, компания Ромашка, меня зовут Анна. Чем могу помочь?")
        .op(13.5, 18.0, "Так, щас посмотрю вашу заявку.")
        .build();
    let live = run_live(std, &call);
    let steps = timeline(&call);
    let slang_step = steps
        .iter()
        .position(|i| matches!(i, Item::Utterance(u) if u.text.contains("щас")))
        .expect("the slang utterance");
    let (step, v) = live
        .early
        .get("speech.slang")
        .expect("speech.slang decided early");
    assert_eq!(*step, slang_step, "decided by the utterance with «щас»");
    assert_eq!(v.outcome, FAIL);
    assert!(explain(v).contains("щас"), "{}", explain(v));
    // Rules about the opening are decided before the call ends too.
    let last = steps.len() - 1;
    for rule in [
        "greeting.hello",
        "greeting.company",
        "greeting.self_intro",
        "greeting.offer_help",
    ] {
        let (step, v) = live
            .early
            .get(rule)
            .unwrap_or_else(|| panic!("{rule} decided early"));
        assert!(*step < last, "{rule} decided before the hangup");
        assert_eq!(v.outcome, PASS, "{rule}");
    }
    assert!(
        !live.early.contains_key("closing.farewell"),
        "the closing cannot be decided before the call ends"
    );
}

#[test]
fn a_late_answer_fails_answer_speed_as_soon_as_it_arrives() {
    let call = CallB::inbound("ru")
        .answer(21.0)
        .op(21.5, 24.0, "Добрый день, компания Ромашка.")
        .hangup(40.0, Party::Client)
        .build();
    let live = run_live(&builtin(), &call);
    let (step, v) = live.early.get("answer.speed").expect("decided early");
    assert_eq!(*step, 1, "decided by the answer event");
    assert_eq!(v.outcome, FAIL);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]

    #[test]
    fn live_equals_batch_on_any_generated_call(seed in any::<u64>()) {
        let problems = live_vs_batch_one(Match::Decision, &builtin(), &from_answer(&callqa_testkit::call(seed)));
        prop_assert!(problems.is_empty(), "{}", problems.join("\n"));
    }
}

/// `time_of_day` over a window that moves with the end of the call
/// (`last_secs`, `closing`) passed live on a greeting the window later
/// left, while the batch audit found none in it (fuzz target `evaluate`).
#[test]
fn a_greeting_that_leaves_a_last_seconds_window_is_not_decided_early() {
    let std = standard(
        r#"
version = 1
id = "t"
revision = 1
title = "t"
fallback_language = "ru"

[phrases.morning]
ru = ["доброе утро"]

[[rule]]
id = "greeting.time_of_day"
title = "t"
severity = "minor"
check = { type = "time_of_day", periods = [{ phrases = "morning", from = 5, to = 12 }], window = { last_secs = 10 } }
"#,
    );
    let call = CallB::inbound("ru")
        .started("2026-03-02T09:00:00+03:00")
        .answer(2.0)
        .op(2.5, 4.0, "Доброе утро, слушаю вас.")
        .client(5.0, 30.0, "У меня вопрос по счёту.")
        .op(31.0, 50.0, "Сейчас посмотрю, всё в порядке.")
        .hangup(60.0, Party::Client)
        .build();
    let problems = live_vs_batch_one(Match::Exact, &std, &call);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let v = verdict(&std, &call, "greeting.time_of_day");
    assert_eq!(v.outcome, callqa_model::Outcome::NotApplicable);
}

/// A phrase check over a window that closes early (`first_secs`) passed
/// live when the window closed, though the operator had not spoken yet and
/// never did, which the batch audit makes n/a (fuzz target `evaluate`).
#[test]
fn a_window_that_closes_before_the_speaker_spoke_decides_nothing_early() {
    let std = standard(
        r#"
version = 1
id = "t"
revision = 1
title = "t"
fallback_language = "ru"

[phrases.slang]
ru = ["блин"]

[phrases.greeting]
ru = ["здравствуйте"]

[[rule]]
id = "speech.slang"
title = "t"
severity = "minor"
check = { type = "phrase_forbidden", phrases = ["slang"], window = { first_secs = 5 } }

[[rule]]
id = "greeting.hello"
title = "t"
severity = "major"
check = { type = "phrase_required", phrases = ["greeting"], window = "opening" }
"#,
    );
    let call = CallB::inbound("ru")
        .answer(2.0)
        .client(3.0, 5.0, "Алло?")
        .client(20.0, 24.0, "Алло, вы меня слышите?")
        .hangup(30.0, Party::Client)
        .build();
    let problems = live_vs_batch_one(Match::Exact, &std, &call);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    for rule in ["speech.slang", "greeting.hello"] {
        let v = verdict(&std, &call, rule);
        assert_eq!(v.outcome, callqa_model::Outcome::NotApplicable, "{rule}");
    }
}
