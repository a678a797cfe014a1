//! Benchmarks of the matching paths per utterance that the throughput work
//! changed: placeholders matched at every word (`{client_name}`,
//! `{company}` as whole entries, with the name forms of `Slots::set_name`
//! and `Slots::set_company`), and pattern entries tried at each start
//! (anchored on a word, or floating after an optional first item), on the
//! generated corpus of `corpus.rs`.
//!
//! Each benchmark asserts its result first (matches per set), so a change
//! that makes it faster by matching less fails loudly.

use std::hint::black_box;

use callqa_text::{Analyzed, Language, PhraseBook, PhraseBookBuilder, Slots};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[allow(dead_code)]
mod corpus;

const UTTERANCES: usize = 2_000;

/// (language, matches of the placeholder set, matches of the pattern set),
/// as the branch perf5a gives them (its audit output on the realistic
/// corpus is byte-identical to main's before it).
const EXPECTED: [(Language, usize, usize); 3] = [
    (Language::Ru, 590, 504),
    (Language::En, 578, 774),
    (Language::Hy, 577, 286),
];

/// A book of the whole-entry placeholders and a few pattern entries.
fn book(lang: Language) -> PhraseBook {
    let patterns: &[&str] = match lang {
        Language::Ru => &[
            "[пожалуйста] (подождите | ожидайте) …2 (линии | минуту)",
            "(спасибо | благодарю) …3 (звонок | обращение | ожидание)",
            "[вы] (можете | могли) …2 (перезвонить | уточнить)",
            "меня зовут {operator_name}",
        ],
        Language::En => &[
            "[please] (hold | wait) …2 (line | moment)",
            "(thank | thanks) …3 (call | calling | waiting)",
            "[you] (can | could) …2 (call | check)",
            "my name is {operator_name}",
        ],
        Language::Hy => &[
            "[խնդրում եմ] (սպասեք | մնացեք) …2 (գծին | րոպե)",
            "(շնորհակալություն | շնորհակալ) …3 (զանգի | զանգահարելու)",
            "իմ անունը {operator_name} է",
        ],
    };
    let mut builder = PhraseBookBuilder::new(lang, 6);
    let entries = |list: &[&str]| list.iter().map(|e| e.to_string()).collect::<Vec<_>>();
    builder
        .add_set("names", &entries(&["{client_name}", "{company}"]), false)
        .unwrap();
    builder
        .add_set("patterns", &entries(patterns), true)
        .unwrap();
    builder.build()
}

/// The call's names as a record gives them.
fn slots(book: &PhraseBook) -> Slots {
    let (company, operator, client): (&[&str], &str, &str) = match book.language() {
        Language::Ru => (
            &["Ромашка", "ООО «Северный ветер»"],
            "Анна Иванова",
            "Иван Петрович",
        ),
        Language::En => (&["Romashka Broadband"], "Anna Smith", "John Brown"),
        Language::Hy => (&["Ռոմաշկա"], "Աննա Հակոբյան", "Արամ Սարգսյան"),
    };
    let mut slots = Slots::new();
    slots.set_company(book.analyzer(), "company", company);
    slots.set_name(book.analyzer(), "operator_name", operator);
    slots.set_name(book.analyzer(), "client_name", client);
    slots
}

fn bench(c: &mut Criterion) {
    for (lang, expected_names, expected_patterns) in EXPECTED {
        let book = book(lang);
        let slots = slots(&book);
        let texts = corpus::utterances(lang, UTTERANCES);
        let analyzed: Vec<Analyzed> = texts.iter().map(|t| book.analyze(t)).collect();
        let words: usize = analyzed.iter().map(Analyzed::len).sum();
        let count = |analyzed: &[Analyzed]| {
            let (mut names, mut patterns) = (0, 0);
            for text in analyzed {
                for m in book.find(text, &slots) {
                    match book.set_name(m.set) {
                        "names" => names += 1,
                        _ => patterns += 1,
                    }
                }
            }
            (names, patterns)
        };
        let (names, patterns) = count(&analyzed);
        println!("{lang:?}: {words} words, {names} name matches, {patterns} pattern matches");
        assert!(names > 0 && patterns > 0, "{lang:?}: nothing matched");
        assert_eq!(
            (names, patterns),
            (expected_names, expected_patterns),
            "{lang:?} matches"
        );
        let matches = names + patterns;
        let mut group = c.benchmark_group(format!("placeholders/{}", lang.code()));
        group.throughput(Throughput::Elements(words as u64));
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
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
