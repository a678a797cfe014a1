//! The cost of a live call: each pushed message re-runs only the open rules
//! it can affect, and rules decided only at the end are not re-run per
//! message. Counted as check decisions (work), never as seconds.

use callqa_model::{Call, EventKind, Utterance};
use callqa_standard::{decisions_run, Session};
use callqa_testkit as synth;

/// A call of `n` utterances: a generated five-minute call's conversation
/// repeated, with its ring and answer first and its hangup at the end.
fn long_call(n: usize) -> Call {
    let base = synth::call(7);
    let span = base.utterances.last().map(|u| u.end).unwrap_or(0.0) + 1.0;
    let first = base.utterances.first().map(|u| u.start).unwrap_or(0.0);
    let mut call = base.clone();
    call.utterances.clear();
    let mut round = 0.0;
    while call.utterances.len() < n {
        for u in &base.utterances {
            if call.utterances.len() == n {
                break;
            }
            call.utterances.push(Utterance {
                start: u.start + round,
                end: u.end + round,
                ..u.clone()
            });
        }
        round += span - first;
    }
    let end = call.utterances.last().map(|u| u.end).unwrap_or(0.0) + 1.0;
    for e in call.events.iter_mut() {
        if matches!(e.kind, EventKind::Hangup { .. } | EventKind::Drop) {
            e.at = end;
        }
    }
    call.events.retain(|e| {
        matches!(
            e.kind,
            EventKind::Ring | EventKind::Answer | EventKind::Hangup { .. }
        )
    });
    call
}

#[test]
fn a_pushed_utterance_reruns_only_the_rules_it_can_affect() {
    let std = callqa_standard::builtin();
    let call = long_call(2000);
    let mut header = call.clone();
    header.utterances.clear();
    let hangup = header.events.pop().expect("a hangup");
    let mut session = Session::new(std.clone(), header);
    let start = decisions_run();
    for u in call.utterances.iter().cloned() {
        session.push_utterance(u);
    }
    let during = decisions_run() - start;
    session.push_event(hangup);
    let audit = {
        let mut b = callqa_standard::Batch::new(std.clone());
        b.push(session.finish());
        b.finish().pop().expect("one audit")
    };
    assert_eq!(audit, std.audit_call(&call), "live equals batch");
    let rules = std.rules().len() as u64;
    let per_push = during as f64 / 2000.0;
    eprintln!("{during} decisions over 2,000 pushes ({per_push:.2} per push, {rules} rules)");
    // Re-running every open rule per push would cost about `rules` per push;
    // only the rules a message can affect run again.
    assert!(
        during < 2000,
        "{during} decisions over 2,000 pushes ({per_push:.2} per push, {rules} rules)"
    );
}
