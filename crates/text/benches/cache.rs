//! Benchmarks of the word-cache paths: the fuzzy one-edit lookup on a
//! misspelt word (hit) and on a word no phrase is near (miss), both on new
//! words so every lookup runs the fuzzy index, and a fresh thread
//! analysing text other threads already learnt (the shared cache).
//!
//! Each bench asserts its result (the typo matches its set, the miss
//! matches nothing, the fresh thread is answered by the shared cache).

use std::hint::black_box;

use callqa_text::{Analyzed, Language, SharedWordCache};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};

#[allow(dead_code)]
mod corpus;

const LETTERS: &[char] = &['а', 'е', 'и', 'о', 'у', 'к', 'л', 'м', 'н', 'р', 'с', 'т'];

/// A word made unique by `n` (below 12⁸): `stem` and eight letters that spell `n`.
fn unique(stem: &str, mut n: usize) -> String {
    let mut word = stem.to_string();
    for _ in 0..8 {
        word.push(LETTERS[n % LETTERS.len()]);
        n /= LETTERS.len();
    }
    word
}

fn fuzzy(c: &mut Criterion) {
    let book = corpus::book(Language::Ru, 50, 1_500);
    let slots = corpus::slots(&book);
    let greeting = book.set_id("greeting").expect("greeting set");
    let mut g = c.benchmark_group("fuzzy");
    g.throughput(Throughput::Elements(1));
    let mut n = 0usize;
    // A typo of «здравствуйте» never seen before: one letter doubled at a
    // position that changes with n, then the rest of the word.
    g.bench_function("miss-then-fuzzy-hit (new misspelt word)", |b| {
        b.iter_batched(
            || {
                n += 1;
                let (head, tail) = "здравствуйте"
                    .split_at("здравствуйте".char_indices().nth(1 + n % 10).unwrap().0);
                // A unique prefix word keeps the typo itself fresh too.
                format!(
                    "{} {head}{}{tail}",
                    unique("ъ", n),
                    tail.chars().next().unwrap()
                )
            },
            |text| {
                let mut out = Analyzed::default();
                book.analyze_into(black_box(&text), &mut out);
                let m = book.find(&out, &slots);
                assert!(m.iter().any(|m| m.set == greeting), "{text}: {m:?}");
            },
            BatchSize::SmallInput,
        )
    });
    g.bench_function("miss (new word near no phrase)", |b| {
        b.iter_batched(
            || {
                n += 1;
                unique("перезвонщик", n)
            },
            |word| {
                let mut out = Analyzed::default();
                book.analyze_into(black_box(&word), &mut out);
                assert_eq!(out.len(), 1);
                assert!(book.find(&out, &slots).is_empty(), "{word}");
            },
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn shared(c: &mut Criterion) {
    let book = corpus::book(Language::Ru, 50, 1_500);
    let texts = corpus::utterances(Language::Ru, 500);
    let words: usize = texts.iter().map(|t| book.analyze(t).len()).sum();
    let cache = SharedWordCache::global(Language::Ru);
    let mut g = c.benchmark_group("shared cache");
    g.throughput(Throughput::Elements(words as u64));
    g.bench_function("fresh thread analyses 500 utterances others learnt", |b| {
        b.iter(|| {
            let before = cache.stats();
            let n = std::thread::scope(|s| {
                s.spawn(|| {
                    let mut out = Analyzed::default();
                    let mut n = 0;
                    for t in &texts {
                        book.analyze_into(black_box(t), &mut out);
                        n += out.len();
                    }
                    n
                })
                .join()
                .expect("no panic")
            });
            assert_eq!(n, words);
            let after = cache.stats();
            assert!(
                after.hits > before.hits,
                "the fresh thread hit the shared cache"
            );
            assert_eq!(after.misses, before.misses, "nothing computed afresh");
        })
    });
    g.finish();
}

criterion_group!(benches, fuzzy, shared);
criterion_main!(benches);
