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
    assert_eq!(audit.verdicts.len(), std.rules().len());
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
            assert_eq!(a.verdicts.len(), std.rules().len());
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

criterion_group!(benches, evaluate_one, batch);
criterion_main!(benches);
