//! Throughput of following calls: AMI blocks and ESL events per second
//! through the call trackers (each call read with the importer's parser
//! after every meaningful event), and recogniser answers per second
//! through an adapter. Inputs are the documented sessions of
//! `tests/data`, repeated with fresh ids.

use callqa_import::Mapping;
use callqa_sources::adapt::{AdaptConfig, Adapter, Kind};
use callqa_sources::ami::frame::Block;
use callqa_sources::ami::AmiCalls;
use callqa_sources::esl::EslCalls;
use callqa_sources::Message;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const CALLS: usize = 50;

fn data(name: &str) -> String {
    std::fs::read_to_string(format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn blocks(text: &str) -> Vec<String> {
    text.split("\n\n")
        .filter(|b| !b.trim().is_empty())
        .map(str::to_string)
        .collect()
}

fn ami_blocks() -> Vec<Block> {
    let one = data("ami/queue_hold_caller_hangs_up.ami");
    let mut out = Vec::new();
    for i in 0..CALLS {
        let text = one
            .replace("1767261600.40", &format!("1767261600.{}", 1000 + 2 * i))
            .replace("1767261604.41", &format!("1767261604.{}", 1001 + 2 * i));
        out.extend(blocks(&text).iter().map(|b| Block::parse(b)));
    }
    out
}

fn esl_bodies() -> Vec<String> {
    let one = data("esl/inbound_hold_operator_hangs_up.esl");
    let mut out = Vec::new();
    for i in 0..CALLS {
        let text = one.replace("0d9a3c1e2f0", &format!("{i:010}f0"));
        out.extend(blocks(&text));
    }
    out
}

fn bench(c: &mut Criterion) {
    let mapping = Mapping::from_toml("m.toml", "operators = [\"PJSIP/1*\", \"1003\"]").unwrap();
    let ami = ami_blocks();
    let mut g = c.benchmark_group("follow");
    g.sample_size(20);
    g.throughput(Throughput::Elements(ami.len() as u64));
    g.bench_function("ami_blocks", |b| {
        b.iter(|| {
            let mut calls = AmiCalls::new(mapping.clone(), None);
            let mut ends = 0;
            for bl in &ami {
                ends += calls
                    .feed(bl)
                    .iter()
                    .filter(|m| matches!(m, Message::End { .. }))
                    .count();
            }
            assert_eq!(ends, CALLS);
        })
    });
    let esl = esl_bodies();
    g.throughput(Throughput::Elements(esl.len() as u64));
    g.bench_function("esl_events", |b| {
        b.iter(|| {
            let mut calls = EslCalls::new(mapping.clone(), None);
            let mut ends = 0;
            for body in &esl {
                ends += calls
                    .feed(body)
                    .iter()
                    .filter(|m| matches!(m, Message::End { .. }))
                    .count();
            }
            assert_eq!(ends, CALLS);
        })
    });
    let lines: Vec<String> = data("adapt/aws.jsonl")
        .lines()
        .map(str::to_string)
        .collect();
    let lines: Vec<String> = (0..CALLS).flat_map(|_| lines.clone()).collect();
    g.throughput(Throughput::Elements(lines.len() as u64));
    g.bench_function("aws_answers", |b| {
        b.iter(|| {
            let mut a = Adapter::new(Kind::Aws, AdaptConfig::new("c1"));
            let n: usize = lines.iter().map(|l| a.line(l).unwrap().len()).sum();
            assert_eq!(n, lines.len());
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
