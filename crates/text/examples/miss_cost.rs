//! The cost of word-cache misses, for `valgrind --tool=callgrind`.
//!
//! Analyses `N` distinct words never seen before (each one utterance, 7–10
//! letters, so the fuzzy one-edit lookup runs) with the 1,500-phrase
//! Russian book of the benches. Run with two values of `N`; the difference
//! of the instruction counts divided by the difference of `N` is the cost
//! of one miss:
//!
//! ```sh
//! cargo build --release -p callqa-text --example miss_cost
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/miss_cost 2000
//! valgrind --tool=callgrind --callgrind-out-file=/dev/null target/release/examples/miss_cost 12000
//! ```

use callqa_text::{Analyzed, Language};

#[allow(dead_code)]
#[path = "../benches/corpus.rs"]
mod corpus;

const STEMS: &[&str] = &[
    "договор",
    "перезвон",
    "оформлен",
    "подключ",
    "квитанц",
    "уведомлен",
    "задолжен",
    "сообщен",
];
const LETTERS: &[char] = &['а', 'е', 'и', 'о', 'у', 'к', 'л', 'м', 'н', 'р', 'с', 'т'];

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let book = corpus::book(Language::Ru, 50, 1_500);
    let mut out = Analyzed::default();
    let mut word = String::new();
    let mut tokens = 0;
    for i in 0..n {
        word.clear();
        word.push_str(STEMS[i % STEMS.len()]);
        let mut k = i / STEMS.len();
        for _ in 0..3 {
            word.push(LETTERS[k % LETTERS.len()]);
            k /= LETTERS.len();
        }
        book.analyze_into(&word, &mut out);
        tokens += out.len();
    }
    assert_eq!(tokens, n);
    println!("{n} distinct new words analysed");
}
