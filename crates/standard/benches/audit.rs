//! Criterion benches of the evaluator: one five-minute call (about 74
//! utterances) through the full default standard, and a batch of 200 calls
//! with the cross-call rules. Each bench asserts its own result so a broken
//! engine cannot look fast.

use callqa_model::Outcome;
use callqa_standard::Batch;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

fn evaluate_one(c: &mut Criterion) {
    let std = callqa_standard::builtin();
    let call = callqa_testkit::call(7);
    let audit = std.audit_call(&call);
    // One verdict per rule and per manual item (manual ones stay unmarked).
    let verdicts = std.rules().len() + std.manual_items().len();
    assert_eq!(audit.verdicts.len(), verdicts);
    let passes = audit
        .verdicts
        .iter()
        .filter(|v| v.outcome == Outcome::Pass)
        .count();
    assert!(
        passes >= 10,
        "a synthetic good call passes most rules, got {passes}"
    );
    let mut g = c.benchmark_group("evaluate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one_five_minute_call", |b| {
        b.iter(|| {
            let a = std.audit_call(black_box(&call));
            assert_eq!(a.verdicts.len(), verdicts);
            a
        })
    });
    g.finish();
}

fn batch(c: &mut Criterion) {
    let std = callqa_standard::builtin();
    let calls: Vec<_> = (0..200).map(callqa_testkit::call).collect();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Elements(calls.len() as u64));
    g.sample_size(10);
    g.bench_function("200_calls_with_cross_call_rules", |b| {
        b.iter(|| {
            let mut batch = Batch::new(std.clone());
            for call in &calls {
                batch.add(call);
            }
            let audits = batch.finish();
            assert_eq!(audits.len(), 200);
            audits
        })
    });
    g.finish();
}

/// A generated call's conversation repeated to `n` utterances, hangup last.
fn long_call(n: usize) -> callqa_model::Call {
    let base = callqa_testkit::call(7);
    let first = base.utterances.first().map(|u| u.start).unwrap_or(0.0);
    let span = base.utterances.last().map(|u| u.end).unwrap_or(0.0) + 1.0 - first;
    let mut call = base.clone();
    call.utterances = (0..n)
        .map(|i| {
            let u = &base.utterances[i % base.utterances.len()];
            let round = (i / base.utterances.len()) as f64 * span;
            callqa_model::Utterance {
                start: u.start + round,
                end: u.end + round,
                ..u.clone()
            }
        })
        .collect();
    let end = call.utterances.last().map(|u| u.end).unwrap_or(0.0) + 1.0;
    call.events.retain(|e| {
        matches!(
            e.kind,
            callqa_model::EventKind::Ring | callqa_model::EventKind::Answer
        )
    });
    call.events.push(callqa_model::Event {
        at: end,
        kind: callqa_model::EventKind::Hangup {
            by: callqa_model::Party::Client,
        },
    });
    call
}

/// One 10,000-utterance call, in batch and streamed through a `Session`:
/// live should cost about what batch does.
fn long_call_live(c: &mut Criterion) {
    let std = callqa_standard::builtin();
    let call = long_call(10_000);
    let batch_audit = std.audit_call(&call);
    let mut g = c.benchmark_group("long_call");
    g.sample_size(10);
    g.bench_function("10k_utterances_batch", |b| {
        b.iter(|| std.audit_call(black_box(&call)))
    });
    g.bench_function("10k_utterances_live", |b| {
        b.iter(|| {
            let mut header = call.clone();
            header.utterances.clear();
            let hangup = header.events.pop().expect("hangup");
            let mut s = callqa_standard::Session::new(std.clone(), header);
            for u in &call.utterances {
                s.push_utterance(u.clone());
            }
            s.push_event(hangup);
            let mut batch = Batch::new(std.clone());
            batch.push(s.finish());
            let audit = batch.finish().pop().expect("one audit");
            assert_eq!(audit, batch_audit);
            audit
        })
    });
    g.finish();
}

criterion_group!(benches, evaluate_one, batch, long_call_live);
criterion_main!(benches);
