//! Cross-call rules over a stream: the same verdicts in any input order
//! (`CrossCalls::complete`), audits held only while a call-back window is
//! open (`CrossCalls::new`), and messages that do not grow with the batch.

mod support;

use callqa_engine::{CallFacts, CrossCalls};
use callqa_model::{Call, CallAudit, Outcome};
use callqa_standard::Standard;
use std::sync::Arc;
use support::*;

fn outbound(id: &str, start: &str, client: &str) -> Call {
    outbound_ru(&["Добрый день, меня зовут Анна, компания Ромашка. Вам удобно говорить?"])
        .id(id)
        .client_id(client)
        .started(start)
        .build()
}

fn dropped(id: &str, start: &str) -> Call {
    outbound_ru(&["Добрый день, меня зовут Анна, компания Ромашка."])
        .id(id)
        .client_id("cl-1")
        .started(start)
        .dropped(60.0)
        .build()
}

/// A small day of calls: drops with and without call-backs, repeats, other
/// clients.
fn day() -> Vec<Call> {
    vec![
        dropped("d1", "2026-03-02T10:00:00+03:00"),
        outbound("back1", "2026-03-02T10:04:00+03:00", "cl-1"),
        outbound("again", "2026-03-02T12:00:00+03:00", "cl-1"),
        dropped("d2", "2026-03-02T13:00:00+03:00"),
        outbound("x1", "2026-03-02T13:02:00+03:00", "cl-2"),
        outbound("x2", "2026-03-02T13:02:00+03:00", "cl-2"),
        outbound("x3", "2026-03-02T13:02:00+03:00", "cl-2"),
        outbound("late", "2026-03-02T18:00:00+03:00", "cl-9"),
    ]
}

fn complete(std: &Arc<Standard>, calls: &[Call]) -> Vec<CallAudit> {
    let mut cross = CrossCalls::complete(std.clone());
    for c in calls {
        cross.add_facts(CallFacts::of(c));
    }
    let mut out = Vec::new();
    for c in calls {
        cross.push(std.evaluate_call(c), &mut out);
    }
    assert_eq!(cross.held(), 0, "a complete history decides at once");
    cross.finish(&mut out);
    out
}

fn one_pass(std: &Arc<Standard>, calls: &[Call]) -> (Vec<CallAudit>, usize) {
    let mut cross = CrossCalls::new(std.clone());
    let mut out = Vec::new();
    let mut most_held = 0;
    for c in calls {
        cross.push(std.evaluate_call(c), &mut out);
        most_held = most_held.max(cross.held());
    }
    cross.finish(&mut out);
    (out, most_held)
}

fn sorted(mut audits: Vec<CallAudit>) -> Vec<String> {
    audits.sort_by(|a, b| a.call.cmp(&b.call));
    audits
        .iter()
        .map(|a| serde_json::to_string(a).unwrap())
        .collect()
}

#[test]
fn any_input_order_gives_the_same_audits() {
    let std = builtin();
    let calls = day();
    let audits = complete(&std, &calls);
    let d1 = audits.iter().find(|a| a.call == "d1").unwrap();
    assert_eq!(find(d1, "callback.after_drop").outcome, Outcome::Pass);
    let d2 = audits.iter().find(|a| a.call == "d2").unwrap();
    assert_eq!(find(d2, "callback.after_drop").outcome, Outcome::Fail);
    let again = audits.iter().find(|a| a.call == "again").unwrap();
    // d1 and back1 are two outbound calls to cl-1 in the 24 h before.
    assert_eq!(find(again, "outbound.repeat_calls").outcome, Outcome::Fail);
    let want = sorted(audits);
    let mut reversed = calls.clone();
    reversed.reverse();
    assert_eq!(sorted(complete(&std, &reversed)), want, "reversed");
    let mut rotated = calls.clone();
    rotated.rotate_left(3);
    assert_eq!(sorted(complete(&std, &rotated)), want, "rotated");
    let (streamed, _) = one_pass(&std, &calls);
    assert_eq!(sorted(streamed), want, "one pass in time order");
}

#[test]
fn one_pass_holds_a_drop_until_a_later_call_closes_its_window() {
    let std = builtin();
    let calls = day();
    let mut cross = CrossCalls::new(std.clone());
    let mut out = Vec::new();
    cross.push(std.evaluate_call(&calls[0]), &mut out);
    assert!(out.is_empty(), "d1 waits for its five-minute window");
    assert_eq!(cross.held(), 1);
    cross.push(std.evaluate_call(&calls[1]), &mut out);
    // back1 (10:04) is inside the window; its own repeat-call check waits
    // for a later start.
    assert!(out.iter().all(|a| a.call != "d1"));
    cross.push(std.evaluate_call(&calls[2]), &mut out);
    let ids: Vec<&str> = out.iter().map(|a| a.call.as_str()).collect();
    // Released by the time they waited for: back1 (its own start, 10:04)
    // before d1 (the end of its window, 10:06).
    assert_eq!(ids, ["back1", "d1"], "12:00 closes both windows");
    let (_, most_held) = one_pass(&std, &calls);
    // At most d2 and the three calls of 13:02 (waiting for a later start).
    assert!(most_held <= 4, "held {most_held}");
}

#[test]
fn a_window_open_at_the_end_of_the_input_is_not_applicable() {
    let std = builtin();
    let calls = [
        outbound("before", "2026-03-02T09:00:00+03:00", "cl-5"),
        dropped("d", "2026-03-02T10:00:00+03:00"),
    ];
    for audits in [complete(&std, &calls), one_pass(&std, &calls).0] {
        let d = audits.iter().find(|a| a.call == "d").unwrap();
        let v = find(d, "callback.after_drop");
        assert_eq!(v.outcome, Outcome::NotApplicable);
        // In the report language (Russian for the default standard).
        assert_eq!(
            v.reason.as_deref(),
            Some("окно правила ещё не закрылось, а входные данные закончились")
        );
    }
    let mut en = (*std).clone();
    en.set_report_language(callqa_model::Lang::En);
    let audits = complete(&Arc::new(en), &calls);
    let d = audits.iter().find(|a| a.call == "d").unwrap();
    assert_eq!(
        find(d, "callback.after_drop").reason.as_deref(),
        Some(callqa_engine::STILL_OPEN)
    );
}

#[test]
fn repeat_call_messages_name_a_few_calls_however_many_there_are() {
    let std = builtin();
    let calls: Vec<Call> = (0..200)
        .map(|i| {
            outbound(
                &format!("c{i:03}"),
                &format!("2026-03-02T10:{:02}:{:02}+03:00", i / 60, i % 60),
                "cl-1",
            )
        })
        .collect();
    let audits = complete(&std, &calls);
    let last = find(audits.last().unwrap(), "outbound.repeat_calls");
    assert_eq!(last.outcome, Outcome::Fail);
    let msg = last.message.unwrap();
    // The default standard reports in Russian: the count takes its form.
    assert!(msg.starts_with("199 исходящих звонков"), "{msg}");
    assert!(msg.contains("c000, c001, c002 и ещё 196"), "{msg}");
    assert!(msg.len() < 200, "{} bytes: {msg}", msg.len());
}

#[test]
fn the_runner_gives_the_same_order_for_any_number_of_jobs_and_stops_on_a_sink_error() {
    use callqa_engine::Runner;
    let std = builtin();
    let mut calls = day();
    for i in 0..200 {
        calls.push(callqa_testkit::call(i));
    }
    let run = |jobs: usize| {
        let mut got = Vec::new();
        let stats = Runner::new(std.clone(), jobs)
            .run(CrossCalls::new(std.clone()), calls.clone(), &mut |a| {
                got.push(serde_json::to_string(&a).unwrap());
                Ok::<(), ()>(())
            })
            .unwrap();
        assert_eq!(stats.calls, calls.len());
        got
    };
    let one = run(1);
    for jobs in [2, 3, 7] {
        assert!(run(jobs) == one, "-j {jobs}");
    }
    let mut seen = 0;
    let stopped =
        Runner::new(std.clone(), 3).run(CrossCalls::new(std.clone()), calls.clone(), &mut |_| {
            seen += 1;
            if seen == 5 {
                Err("closed")
            } else {
                Ok(())
            }
        });
    assert_eq!(stopped, Err("closed"));
    assert_eq!(seen, 5, "nothing is written after the error");
}

#[test]
fn finishing_on_the_workers_gives_what_finishing_after_the_run_gives() {
    use callqa_engine::Runner;
    let std = builtin();
    let mut calls = day();
    for i in 0..150 {
        calls.push(callqa_testkit::call(i));
    }
    let render = |a: callqa_model::CallAudit| (a.passed, serde_json::to_string(&a).unwrap());
    let mut after = Vec::new();
    Runner::new(std.clone(), 1)
        .run(CrossCalls::new(std.clone()), calls.clone(), &mut |a| {
            after.push(render(a));
            Ok::<(), ()>(())
        })
        .unwrap();
    assert_eq!(after.len(), calls.len());
    for jobs in [1, 2, 3, 7] {
        let mut got = Vec::new();
        let stats = Runner::new(std.clone(), jobs)
            .run_then(
                CrossCalls::new(std.clone()),
                calls.clone(),
                &render,
                &mut |r| {
                    got.push(r);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
        assert!(got == after, "-j {jobs}");
        assert_eq!(stats.calls, calls.len(), "-j {jobs}");
        let failed = after.iter().filter(|(passed, _)| !passed).count();
        assert!(failed > 0, "some calls fail");
        assert_eq!(stats.failed, failed, "-j {jobs}");
    }
    let mut seen = 0;
    let stopped = Runner::new(std.clone(), 3).run_then(
        CrossCalls::new(std.clone()),
        calls,
        &render,
        &mut |_| {
            seen += 1;
            if seen == 7 {
                Err("closed")
            } else {
                Ok(())
            }
        },
    );
    assert_eq!(stopped, Err("closed"));
    assert_eq!(seen, 7, "nothing is given after the error");
}

#[test]
fn decided_calls_made_audits_later_are_the_audits_push_gives() {
    // The parallel runner takes the decided calls (`push_decided`) and
    // builds their audits on its workers: the same audits, in the same
    // order, as `push` gives, held ones included.
    let std = callqa_standard::builtin();
    let calls = day();
    let (pushed, most_held) = one_pass(&std, &calls);
    assert!(most_held > 0, "the day holds a drop for its call-back");
    let mut cross = CrossCalls::new(std.clone());
    let mut decided = Vec::new();
    for c in &calls {
        cross.push_decided(std.evaluate_call(c), &mut decided);
    }
    let built_with = cross.standard().clone();
    cross.finish_decided(&mut decided);
    let later: Vec<CallAudit> = decided
        .into_iter()
        .map(|e| built_with.audit_of(e))
        .collect();
    let json = |a: &[CallAudit]| -> Vec<String> {
        a.iter()
            .map(|a| serde_json::to_string(a).unwrap())
            .collect()
    };
    assert_eq!(json(&later), json(&pushed));
}
