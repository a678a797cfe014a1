//! Fuzzes the text pipeline: arbitrary text through `analyze` and `find` on
//! a small book of every entry kind, in each language, checking that every
//! offset is a char boundary inside the text.
#![no_main]

use std::sync::OnceLock;

use callqa_text::{Language, PhraseBook, PhraseBookBuilder, Slots};
use libfuzzer_sys::fuzz_target;

fn books() -> &'static [(PhraseBook, Slots)] {
    static BOOKS: OnceLock<Vec<(PhraseBook, Slots)>> = OnceLock::new();
    BOOKS.get_or_init(|| {
        Language::ALL
            .into_iter()
            .map(|lang| {
                let mut builder = PhraseBookBuilder::new(lang, 6);
                let sets: &[(&str, &[&str])] = &[
                    (
                        "greeting",
                        &[
                            "здравствуйте",
                            "добрый день",
                            "hello",
                            "good morning",
                            "բարև ձեզ",
                        ],
                    ),
                    (
                        "intro",
                        &[
                            "меня зовут {operator_name}",
                            "{company}",
                            "my name is {any}",
                            "{client_name} {any}",
                        ],
                    ),
                    ("filler", &["э-э", "ну", "um", "mm-hmm", "ինչո՞վ"]),
                    ("profanity", &["пизд*", "*бля*", "!употреблять", "*fuck*"]),
                    (
                        "help",
                        &["могу вам помочь", "can help you", "կարող եմ օգնել"],
                    ),
                ];
                for (name, phrases) in sets {
                    let phrases: Vec<String> = phrases.iter().map(|p| p.to_string()).collect();
                    builder
                        .add_set(name, &phrases, true)
                        .expect("valid phrases");
                }
                let book = builder.build();
                let mut slots = Slots::new();
                slots.set(book.analyzer(), "company", &["Ромашка", "Green Leaf"]);
                slots.set(book.analyzer(), "client_name", &["Иван Петрович", "Анна"]);
                slots.set_any("operator_name");
                (book, slots)
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = callqa_text::detect_language(text);
    for (book, slots) in books() {
        let analyzed = book.analyzer().analyze(text);
        for token in analyzed.tokens() {
            assert!(token.start < token.end && token.end <= text.len());
            assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        }
        for found in book.find(&analyzed, slots) {
            assert!(found.first_token < found.end_token && found.end_token <= analyzed.len());
            assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
            assert!(found.start < found.end && found.end <= text.len());
        }
    }
});
