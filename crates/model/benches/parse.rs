//! Benchmarks of call parsing, the reading half of `callqa bench`: one
//! realistic five-minute Russian call (74 utterances, ~11 kB of JSON)
//! through the `serde_json::Value` path, through serde's derived typed
//! reader (`serde_typed`) and through [`call_from_slice`] (`fast`: the
//! hand-written reader of the common shape, falling back to serde's typed
//! reader, then to the `Value` path), and a JSON Lines batch through
//! [`read_reader`].
//!
//! The `split` group is the pipeline's split: a batch cut into records
//! only ([`callqa_model::Inputs::records`], the calling thread's share of
//! `callqa audit -j N`), and records then parsed ([`Record::parse`], the
//! workers' share), which must give what the reader gives.
//!
//! Each benchmark asserts the parsed utterance count first, so a change that
//! makes parsing faster by reading less fails loudly.

use std::hint::black_box;

use callqa_model::parse::{call_from_slice_fast, call_from_slice_serde, check_direct_reader};
use callqa_model::{
    call_from_slice, call_from_value, read_reader, Call, Client, Direction, Event, EventKind,
    Format, Lang, Operator, Party, Record, Utterance,
};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const UTTERANCES: usize = 74;
const BATCH: usize = 100;

const OPERATOR: &[&str] = &[
    "Добрый день, компания «Ромашка», меня зовут Анна. Чем могу помочь?",
    "Подскажите, пожалуйста, ваш номер договора или номер телефона, на который он оформлен.",
    "Спасибо, одну минуту, я проверю информацию по вашему лицевому счёту.",
    "Вижу, что последний платёж поступил двадцать пятого числа, задолженности нет.",
    "Да, конечно, я могу оформить заявку на перерасчёт, это займёт около трёх рабочих дней.",
    "Уточните, пожалуйста, удобно ли вам получить ответ по электронной почте?",
    "Спасибо за ожидание! Я всё проверила, оплата прошла успешно.",
    "Могу ли я ещё чем-нибудь вам помочь? Спасибо за обращение, всего доброго!",
];
const CLIENT: &[&str] = &[
    "Здравствуйте, у меня не проходит оплата через приложение, уже третий раз пробую.",
    "Номер договора сто двадцать три дробь сорок пять, оформлен на Иванова.",
    "Да, хорошо, я подожду.",
    "А почему тогда в личном кабинете висит долг в четыреста рублей?",
    "Ну да, по почте будет удобно, адрес тот же, что указан в договоре.",
    "Понятно, спасибо большое, вы мне очень помогли.",
];

/// A five-minute inbound call: ring, answer, a hold, a hangup, and
/// [`UTTERANCES`] alternating utterances.
fn call(n: usize) -> Call {
    let utterances = (0..UTTERANCES)
        .map(|i| {
            let start = 10.0 + i as f64 * 3.9;
            let (speaker, texts) = if i % 2 == 0 {
                (Party::Operator, OPERATOR)
            } else {
                (Party::Client, CLIENT)
            };
            Utterance {
                speaker,
                start: (start * 10.0).round() / 10.0,
                end: ((start + 3.5) * 10.0).round() / 10.0,
                text: texts[(i / 2 + n) % texts.len()].to_owned(),
                words: Vec::new(),
            }
        })
        .collect();
    let event = |at, kind| Event { at, kind };
    Call {
        id: format!("2026-03-02-{n:06}"),
        direction: Direction::Inbound,
        started_at: Some(time::macros::datetime!(2026-03-02 09:15:04 +03:00)),
        language: Some(Lang::Ru),
        company: Some("Ромашка".to_owned()),
        department: Some("служба поддержки".to_owned()),
        operator: Operator {
            id: "op-17".to_owned(),
            name: Some("Анна Смирнова".to_owned()),
        },
        client: Client {
            id: Some("cl-5521".to_owned()),
            name: Some("Иван Петрович".to_owned()),
            number: Some("+79161234567".to_owned()),
            third_party: Some(false),
        },
        tags: [("queue".to_owned(), "support".to_owned())].into(),
        events: vec![
            event(0.0, EventKind::Ring),
            event(9.8, EventKind::Answer),
            event(62.0, EventKind::HoldStart),
            event(95.5, EventKind::HoldEnd),
            event(301.2, EventKind::Hangup { by: Party::Client }),
        ],
        utterances,
    }
}

fn bench(c: &mut Criterion) {
    let one = serde_json::to_vec(&call(0)).unwrap();
    let mut batch = Vec::new();
    for n in 0..BATCH {
        serde_json::to_writer(&mut batch, &call(n)).unwrap();
        batch.push(b'\n');
    }
    println!(
        "one call: {} bytes; batch: {BATCH} calls, {} bytes",
        one.len(),
        batch.len()
    );

    let value_path = |bytes: &[u8]| {
        let value = serde_json::from_slice::<serde_json::Value>(bytes).unwrap();
        call_from_value(value).unwrap()
    };
    assert_eq!(value_path(&one).utterances.len(), UTTERANCES);
    assert_eq!(call_from_slice(&one).unwrap().utterances.len(), UTTERANCES);
    assert_eq!(call_from_slice(&one).unwrap(), value_path(&one));
    assert!(
        call_from_slice_fast(&one).is_some(),
        "the bench call falls back"
    );
    let read_batch = |bytes: &[u8]| -> usize {
        read_reader(
            "bench.jsonl",
            std::io::Cursor::new(bytes.to_vec()),
            Format::JsonLines,
        )
        .map(|c| c.unwrap().utterances.len())
        .sum()
    };
    assert_eq!(read_batch(&batch), BATCH * UTTERANCES);

    assert_eq!(
        check_direct_reader(&one),
        Ok(true),
        "the hand-written reader leaves the bench call to serde"
    );
    assert_eq!(
        call_from_slice_serde(&one),
        Some(Ok(call_from_slice(&one).unwrap()))
    );

    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Elements(1));
    g.bench_function("value", |b| b.iter(|| value_path(black_box(&one))));
    g.bench_function("serde_typed", |b| {
        b.iter(|| {
            let call = call_from_slice_serde(black_box(&one)).unwrap().unwrap();
            assert_eq!(call.utterances.len(), UTTERANCES);
            call
        })
    });
    g.bench_function("fast", |b| {
        b.iter(|| {
            let call = call_from_slice(black_box(&one)).unwrap();
            assert_eq!(call.utterances.len(), UTTERANCES);
            call
        })
    });
    g.finish();

    let mut g = c.benchmark_group("read");
    g.throughput(Throughput::Elements(BATCH as u64));
    g.bench_function("jsonl", |b| b.iter(|| read_batch(black_box(&batch))));
    // The same lines parsed directly: the reader's own per-line cost is the
    // difference.
    g.bench_function("lines_direct", |b| {
        b.iter(|| {
            black_box(&batch)
                .split(|&b| b == b'\n')
                .filter(|l| !l.is_empty())
                .map(|l| call_from_slice(l).unwrap().utterances.len())
                .sum::<usize>()
        })
    });
    g.finish();

    let split = |bytes: &[u8]| -> Vec<Record> {
        read_reader(
            "bench.jsonl",
            std::io::Cursor::new(bytes.to_vec()),
            Format::JsonLines,
        )
        .records()
        .map(|r| r.unwrap())
        .collect()
    };
    let records = split(&batch);
    assert_eq!(records.len(), BATCH);
    let parsed: Vec<Call> = records.iter().map(|r| r.parse().unwrap()).collect();
    let read: Vec<Call> = read_reader(
        "bench.jsonl",
        std::io::Cursor::new(batch.clone()),
        Format::JsonLines,
    )
    .map(|c| c.unwrap())
    .collect();
    assert!(parsed == read, "records parse to what the reader gives");
    let mut g = c.benchmark_group("split");
    g.throughput(Throughput::Elements(BATCH as u64));
    g.bench_function("records_only", |b| {
        b.iter(|| {
            let records = split(black_box(&batch));
            assert_eq!(records.len(), BATCH);
            records
        })
    });
    g.bench_function("records_parsed", |b| {
        b.iter(|| {
            let n: usize = split(black_box(&batch))
                .iter()
                .map(|r| r.parse().unwrap().utterances.len())
                .sum();
            assert_eq!(n, BATCH * UTTERANCES);
            n
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
