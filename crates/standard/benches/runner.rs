//! Criterion bench of the parallel batch runner: 200 generated calls with
//! the cross-call rules, each decided audit rendered as JSON on the workers
//! (`Runner::run_then`), on one and two workers. The bench asserts that
//! every call comes out and that two workers give the one-worker output
//! byte for byte.

use callqa_engine::{CrossCalls, Runner};
use callqa_model::CallAudit;
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
        lines
    };
    let one = run(1);
    assert!(one.iter().all(|l| l.starts_with(b"{\"call\":")));
    let mut g = c.benchmark_group("runner");
    g.throughput(Throughput::Elements(calls.len() as u64));
    g.sample_size(10);
    for jobs in [1, 2] {
        g.bench_function(format!("200_calls_rendered_on_workers_j{jobs}"), |b| {
            b.iter(|| {
                let lines = run(jobs);
                assert!(lines == one, "-j {jobs} gives the -j 1 output");
                lines
            })
        });
    }
    g.finish();
}

criterion_group!(benches, runner);
criterion_main!(benches);
