//! Benchmarks of redaction on the texts an audit quotes: an ordinary
//! utterance with nothing to redact (most quotes and messages: the fast
//! path that allocates nothing), one with a number that is no personal data
//! (a price), and one with a dictated phone number and a card number.
//!
//! Each bench asserts its result: nothing found, nothing found, and the
//! phone and the card found with their placeholders. A last bench redacts
//! a whole audit (messages, reasons, evidence quotes, some repeated) and
//! checks it against redacting each text alone.

use std::hint::black_box;

use callqa_privacy::{Config, Kind, Redactor};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const PLAIN: &str = "Здравствуйте, компания «Ромашка», оператор Мария, слушаю вас. \
    Подскажите, пожалуйста, как к вам можно обращаться?";
const PRICE: &str = "Тариф стоит 1500 рублей в месяц, подключим в десять тридцать.";
const PERSONAL: &str = "Мой номер плюс семь девятьсот шестнадцать сто двадцать три \
    сорок пять шестьдесят семь, карта 4276 3800 1234 5679.";

fn redact(c: &mut Criterion) {
    let r = Redactor::new(Config::default());
    let mut g = c.benchmark_group("redact");
    for (name, text, want) in [
        ("utterance, nothing to redact", PLAIN, &[][..]),
        ("price and time, left alone", PRICE, &[][..]),
        (
            "dictated phone and card number",
            PERSONAL,
            &[Kind::Phone, Kind::Card][..],
        ),
    ] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                let out = r.redact_text(black_box(text));
                assert_eq!(out.found, want, "{text}");
                if want.is_empty() {
                    assert_eq!(out.text, text);
                } else {
                    assert!(out.text.contains("⟨phone⟩") && out.text.contains("⟨card⟩"));
                }
                out
            })
        });
    }
    g.finish();
}

fn redact_audit(c: &mut Criterion) {
    let std = callqa_standard::builtin();
    let r = Redactor::new(Config::default());
    let mut call = callqa_testkit::call(3);
    let mid = call.utterances.len() / 2;
    let mut dictated = call.utterances[mid].clone();
    dictated.text = PERSONAL.to_string();
    call.utterances.insert(mid, dictated);
    let mut audit = std.audit_call(&call);
    // The dictated utterance quoted by three verdicts.
    let quoting = audit
        .verdicts
        .iter()
        .position(|v| !v.evidence.is_empty())
        .expect("evidence");
    let mut quote = audit.verdicts[quoting].evidence[0].clone();
    quote.quote = PERSONAL.to_string();
    for v in audit
        .verdicts
        .iter_mut()
        .filter(|v| !v.evidence.is_empty())
        .take(3)
    {
        v.evidence.push(quote.clone());
    }
    let texts = |a: &callqa_model::CallAudit| -> Vec<String> {
        a.verdicts
            .iter()
            .flat_map(|v| {
                v.message
                    .iter()
                    .chain(&v.reason)
                    .cloned()
                    .chain(v.evidence.iter().map(|e| e.quote.clone()))
            })
            .collect()
    };
    let alone: Vec<String> = texts(&audit)
        .iter()
        .map(|t| r.redact_text(t).text)
        .collect();
    let mut g = c.benchmark_group("redact");
    g.throughput(Throughput::Elements(1));
    g.bench_function("one audit, a dictated number quoted 3 times", |b| {
        b.iter(|| {
            let mut a = audit.clone();
            let counts = r.redact_audit(black_box(&mut a));
            assert_eq!(counts.get(Kind::Card), 3);
            assert_eq!(texts(&a), alone);
            a
        })
    });
    g.finish();
}

criterion_group!(benches, redact, redact_audit);
criterion_main!(benches);
