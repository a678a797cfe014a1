//! Property tests: any text is analysed and matched without panics, and
//! every offset is a char boundary inside the text.

use callqa_text::{tokenize, Language, PhraseBook, PhraseBookBuilder, Slots};
use proptest::prelude::*;
use std::sync::OnceLock;

fn book(lang: Language) -> &'static PhraseBook {
    static BOOKS: OnceLock<Vec<PhraseBook>> = OnceLock::new();
    &BOOKS.get_or_init(|| Language::ALL.into_iter().map(build_book).collect())[lang as usize]
}

fn build_book(lang: Language) -> PhraseBook {
    let mut builder = PhraseBookBuilder::new(lang, 6);
    let sets: &[(&str, &[&str])] = &[
        (
            "greet",
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
                "с вами {operator_name}",
                "{company}",
                "my name is {any}",
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
        builder.add_set(name, &phrases, true).unwrap();
    }
    builder.build()
}

fn check(book: &PhraseBook, text: &str) {
    let mut slots = Slots::new();
    slots.set(book.analyzer(), "operator_name", &["Анна", "Anna Smith"]);
    slots.set(book.analyzer(), "company", &[text]);
    let analyzed = book.analyzer().analyze(text);
    let mut last_end = 0;
    for i in 0..analyzed.len() {
        let token = analyzed.token(i);
        assert!(token.start < token.end && token.end <= text.len());
        assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
        assert!(token.start >= last_end, "tokens are ordered and disjoint");
        assert!(!token.norm.is_empty() && !token.stem.is_empty());
        assert!(!token.norm.contains(' ') && !token.stem.contains(' '));
        last_end = token.end;
    }
    // Analysing with the book (terms resolved in the analysis) and with the
    // bare analyzer (terms resolved by `find`) give the same tokens and
    // matches.
    let with_book = book.analyze(text);
    assert_eq!(
        with_book.tokens().collect::<Vec<_>>(),
        analyzed.tokens().collect::<Vec<_>>()
    );
    assert_eq!(book.find(&with_book, &slots), book.find(&analyzed, &slots));
    for found in book.find(&analyzed, &slots) {
        assert!(found.first_token < found.end_token && found.end_token <= analyzed.len());
        assert!(found.start < found.end && found.end <= text.len());
        assert!(text.is_char_boundary(found.start) && text.is_char_boundary(found.end));
    }
    for (start, end) in tokenize(text) {
        assert!(start < end && text.is_char_boundary(start) && text.is_char_boundary(end));
    }
}

fn speech() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "здравствуйте",
        "Здраствуйте",
        "э-э",
        "ээээ",
        "ну",
        "не",
        "могу",
        "вам",
        "помочь",
        "меня",
        "зовут",
        "Анна",
        "hello",
        "mm-hmm",
        "can't",
        "help",
        "you",
        "բարև",
        "ձեզ",
        "ինչո՞վ",
        "չեմ",
        "կարող",
        "եմ",
        "օգնել",
        "«",
        "»",
        "-",
        "—",
        "՞",
        "։",
        "\u{0301}",
        "ё",
        "пиздец",
        "употреблять",
        "!",
        " ",
        "\u{200D}",
        "ß",
        "İ",
        "ﬁ",
    ]);
    prop::collection::vec(words, 0..24).prop_map(|words| words.join(" "))
}

proptest! {
    #[test]
    fn any_string_ru(text in any::<String>()) {
        check(book(Language::Ru), &text);
    }

    #[test]
    fn any_string_hy(text in "\\PC{0,40}") {
        check(book(Language::Hy), &text);
    }

    #[test]
    fn speech_like(text in speech()) {
        for lang in Language::ALL {
            check(book(lang), &text);
        }
    }

    /// Oracle: a one-word phrase matches exactly the tokens with its stem.
    #[test]
    fn single_word_oracle(text in speech()) {
        let book = book(Language::Ru);
        let analyzed = book.analyzer().analyze(&text);
        let greet = book.set_id("greet").unwrap();
        let target = book.analyzer().analyze("здравствуйте");
        let stem = target.token(0).stem;
        let found: Vec<usize> = book
            .find(&analyzed, &Slots::new())
            .iter()
            .filter(|m| m.set == greet && m.end_token - m.first_token == 1)
            .map(|m| m.first_token)
            .collect();
        let exact: Vec<usize> = (0..analyzed.len()).filter(|&i| analyzed.token(i).stem == stem).collect();
        // Fuzzy matches may add tokens, never remove exact ones.
        for i in exact {
            prop_assert!(found.contains(&i));
        }
    }
}
