//! JSON Lines writing of realistic audits: `write_jsonl` (the fast
//! escaper) next to plain `serde_json::to_vec`. The bench first asserts
//! that both give the same bytes, so a faster but different writer fails.

use std::hint::black_box;

use callqa_model::CallAudit;
use callqa_report::write_jsonl;
use callqa_standard::Batch;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn audits() -> Vec<CallAudit> {
    let std = callqa_standard::builtin();
    let mut batch = Batch::new(std);
    for seed in 0..200 {
        batch.add(&callqa_testkit::realistic_call(seed));
    }
    batch.finish()
}

fn bench(c: &mut Criterion) {
    let audits = audits();
    let mut fast = Vec::new();
    let mut serde = Vec::new();
    for a in &audits {
        write_jsonl(&mut fast, a).unwrap();
        serde.extend(serde_json::to_vec(a).unwrap());
        serde.push(b'\n');
    }
    assert_eq!(fast, serde, "write_jsonl differs from serde_json");
    assert_eq!(fast.iter().filter(|&&b| b == b'\n').count(), audits.len());
    let mut g = c.benchmark_group("jsonl");
    g.throughput(Throughput::Bytes(fast.len() as u64));
    g.bench_function("write_jsonl (200 audits)", |b| {
        let mut out = Vec::with_capacity(fast.len());
        b.iter(|| {
            out.clear();
            for a in &audits {
                write_jsonl(&mut out, black_box(a)).unwrap();
            }
            assert_eq!(out.len(), fast.len());
        })
    });
    g.bench_function("serde_json::to_vec (200 audits)", |b| {
        let mut out = Vec::with_capacity(fast.len());
        b.iter(|| {
            out.clear();
            for a in &audits {
                out.extend(serde_json::to_vec(black_box(a)).unwrap());
                out.push(b'\n');
            }
            assert_eq!(out.len(), fast.len());
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
