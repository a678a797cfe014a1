//! Criterion bench of the parallel batch runner: 200 generated calls with
//! the cross-call rules, each decided audit rendered as JSON on the workers
//! (`Runner::run_then`), on one and two workers. The bench asserts that
//! every call comes out and that two workers give the one-worker output
//! byte for byte, and the same count of failed audits.
//!
//! `read_on_workers`: the same calls as JSON Lines records, parsed on the
//! workers (`Runner::run_read`, as `callqa audit` runs) with a duplicate
//! id refused in input order, and the first pass's facts of every record
//! (`Runner::map_in_order`); both assert that two workers give what one
//! gives.

use std::io::Cursor;

use callqa_engine::{CallFacts, CrossCalls, Runner};
use callqa_model::{read_reader, CallAudit, DuplicateIds, Format, InputError, Position, Record};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn runner(c: &mut Criterion) {
    let std = callqa_standard::builtin();
    let calls: Vec<_> = (0..200).map(callqa_testkit::call).collect();
    let render = |a: CallAudit| serde_json::to_vec(&a).expect("an audit serialises");
    let run = |jobs: usize| {
        let mut lines = Vec::with_capacity(calls.len());
        let stats = Runner::new(std.clone(), jobs)
            .run_then(
                CrossCalls::new(std.clone()),
                calls.clone(),
                &render,
                &mut |line| {
                    lines.push(line);
                    Ok::<(), ()>(())
                },
            )
            .expect("the sink never fails");
        assert_eq!(stats.calls, calls.len());
        // The audits are built on the workers: the failed count comes
        // back with each finished result, the same for any jobs.
        (lines, stats.failed)
    };
    let one = run(1);
    assert!(one.0.iter().all(|l| l.starts_with(b"{\"call\":")));
    let mut g = c.benchmark_group("runner");
    g.throughput(Throughput::Elements(calls.len() as u64));
    g.sample_size(10);
    for jobs in [1, 2] {
        g.bench_function(format!("200_calls_rendered_on_workers_j{jobs}"), |b| {
            b.iter(|| {
                let out = run(jobs);
                assert!(out == one, "-j {jobs} gives the -j 1 output and counts");
                out
            })
        });
    }
    g.finish();
}

fn read_on_workers(c: &mut Criterion) {
    let std = callqa_standard::builtin();
    let mut text = Vec::new();
    for n in (0..200).chain([7]) {
        serde_json::to_writer(&mut text, &callqa_testkit::call(n)).expect("a call serialises");
        text.push(b'\n');
    }
    let records: Vec<Record> = read_reader("calls.jsonl", Cursor::new(text), Format::JsonLines)
        .records()
        .map(|r| r.expect("a record"))
        .collect();
    assert_eq!(records.len(), 201);
    let render = |a: CallAudit| serde_json::to_vec(&a).expect("an audit serialises");
    let read = |r: Record| {
        r.parse().map(|call| {
            let key = (r.position(), call.id.clone());
            (call, key)
        })
    };
    let run = |jobs: usize| {
        let mut seen = DuplicateIds::new();
        let mut refused = Vec::new();
        let mut lines = Vec::new();
        let stats = Runner::new(std.clone(), jobs)
            .run_read(
                CrossCalls::new(std.clone()),
                records.clone(),
                &read,
                &mut |key: Result<(Position, String), InputError>| match key
                    .and_then(|(at, id)| seen.admit(&id, "calls.jsonl", at))
                {
                    Ok(()) => true,
                    Err(e) => {
                        refused.push(e.to_string());
                        false
                    }
                },
                &render,
                &mut |line| {
                    lines.push(line);
                    Ok::<(), ()>(())
                },
            )
            .expect("the sink never fails");
        assert_eq!(stats.calls, 200);
        (lines, refused)
    };
    let facts = |jobs: usize| {
        let mut all = Vec::new();
        Runner::new(std.clone(), jobs)
            .map_in_order(
                records.clone(),
                &|r: Record| r.parse().map(|c| CallFacts::of(&c)).ok(),
                &mut |f| {
                    all.push(f.expect("every record parses"));
                    Ok::<(), ()>(())
                },
            )
            .expect("the sink never fails");
        all
    };
    let one = run(1);
    assert_eq!(one.1.len(), 1, "{:?}", one.1);
    assert!(one.1[0].starts_with("calls.jsonl:201: "), "{:?}", one.1);
    let one_facts = facts(1);
    assert_eq!(one_facts.len(), 201);
    let mut g = c.benchmark_group("runner");
    g.throughput(Throughput::Elements(records.len() as u64));
    g.sample_size(10);
    for jobs in [1, 2] {
        g.bench_function(format!("201_records_read_on_workers_j{jobs}"), |b| {
            b.iter(|| {
                let out = run(jobs);
                assert!(out == one, "-j {jobs} gives the -j 1 output");
                out
            })
        });
        g.bench_function(format!("201_records_facts_in_order_j{jobs}"), |b| {
            b.iter(|| {
                let out = facts(jobs);
                assert!(out == one_facts, "-j {jobs} gives the -j 1 facts");
                out
            })
        });
    }
    g.finish();
}

criterion_group!(benches, runner, read_on_workers);
criterion_main!(benches);
