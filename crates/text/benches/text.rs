//! Benchmarks of the hot path: `tokenize` (the floor), `analyze`, `find`,
//! and both together, on a generated corpus (see `corpus.rs`).
//!
//! Each benchmark asserts its result first (token and match counts), so a
//! change that makes it faster by matching less fails loudly.

use std::hint::black_box;

use callqa_text::{tokenize, Analyzed, Language};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[allow(dead_code)]
mod corpus;

const UTTERANCES: usize = 2_000;

/// (language, expected words, expected matches) of the corpus. The Armenian
/// count is the one main gives since its Armenian matching was tuned (4,606
/// before; checked at 827511d, before the throughput branches).
const EXPECTED: [(Language, usize, usize); 3] = [
    (Language::Ru, 14_570, 4_850),
    (Language::En, 16_190, 4_547),
    (Language::Hy, 12_789, 4_021),
];

fn bench(c: &mut Criterion) {
    for (lang, expected_words, expected_matches) in EXPECTED {
        let book = corpus::book(lang, 50, 1_500);
        let slots = corpus::slots(&book);
        let texts = corpus::utterances(lang, UTTERANCES);
        let analyzer = *book.analyzer();
        let analyzed: Vec<Analyzed> = texts.iter().map(|t| book.analyze(t)).collect();
        let words: usize = analyzed.iter().map(Analyzed::len).sum();
        let matches: usize = analyzed.iter().map(|a| book.find(a, &slots).len()).sum();
        // Texts analysed without the book match the same.
        let bare: usize = texts
            .iter()
            .map(|t| book.find(&analyzer.analyze(t), &slots).len())
            .sum();
        assert_eq!(bare, matches, "{lang:?}: analyzer and book analyses differ");
        println!("{lang:?}: {words} words, {matches} matches");
        if expected_words != 0 {
            assert_eq!(
                (words, matches),
                (expected_words, expected_matches),
                "{lang:?} corpus"
            );
        }
        assert_eq!(tokenize_count(&texts), words);

        let mut group = c.benchmark_group(format!("text/{}", lang.code()));
        group.throughput(Throughput::Elements(words as u64));
        group.bench_function("tokenize", |b| b.iter(|| tokenize_count(black_box(&texts))));
        group.bench_function("analyze (book)", |b| {
            let mut out = Analyzed::default();
            b.iter(|| {
                let mut n = 0;
                for text in &texts {
                    book.analyze_into(black_box(text), &mut out);
                    n += out.len();
                }
                assert_eq!(n, words);
            })
        });
        group.bench_function("analyze", |b| {
            let mut out = Analyzed::default();
            b.iter(|| {
                let mut n = 0;
                for text in &texts {
                    analyzer.analyze_into(black_box(text), &mut out);
                    n += out.len();
                }
                assert_eq!(n, words);
            })
        });
        group.bench_function("find", |b| {
            let mut out = Vec::new();
            b.iter(|| {
                let mut n = 0;
                for text in &analyzed {
                    book.find_into(black_box(text), &slots, &mut out);
                    n += out.len();
                }
                assert_eq!(n, matches);
            })
        });
        group.bench_function("analyze+find", |b| {
            let mut text_out = Analyzed::default();
            let mut out = Vec::new();
            b.iter(|| {
                let mut n = 0;
                for text in &texts {
                    book.analyze_into(black_box(text), &mut text_out);
                    book.find_into(&text_out, &slots, &mut out);
                    n += out.len();
                }
                assert_eq!(n, matches);
            })
        });
        group.finish();
    }
}

fn tokenize_count(texts: &[String]) -> usize {
    texts.iter().map(|t| tokenize(t).count()).sum()
}

criterion_group!(benches, bench);
criterion_main!(benches);
