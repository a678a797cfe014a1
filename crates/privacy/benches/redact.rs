//! Benchmarks of redaction on the texts an audit quotes: an ordinary
//! utterance with nothing to redact (most quotes and messages: the fast
//! path that allocates nothing), one with a number that is no personal data
//! (a price), and one with a dictated phone number and a card number.
//!
//! Each bench asserts its result: nothing found, nothing found, and the
//! phone and the card found with their placeholders.

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

criterion_group!(benches, redact);
criterion_main!(benches);
