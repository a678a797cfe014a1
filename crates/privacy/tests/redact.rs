//! Redaction, table-driven: what is redacted and as what, what is left
//! alone (times, prices, years, quantities, ordinary words), and that word
//! counts never change.

use callqa_privacy::{Config, Kind, Redactor};
use proptest::prelude::*;

fn redact(text: &str) -> String {
    Redactor::new(Config::default()).redact_text(text).text
}

#[test]
fn personal_data_becomes_typed_placeholders() {
    let cases = [
        // Written digits.
        (
            "Номер карты 4276 3800 1234 5679.",
            "Номер карты ⟨card⟩ ⟨card⟩ ⟨card⟩ ⟨card⟩.",
        ),
        ("card 4111111111111111 please", "card ⟨card⟩ please"),
        // Card length without a card word or a valid Luhn digit: still redacted.
        (
            "это 4111 1111 1111 1112",
            "это ⟨number⟩ ⟨number⟩ ⟨number⟩ ⟨number⟩",
        ),
        (
            "Мой номер +7 (916) 123-45-67",
            "Мой номер ⟨phone⟩ (⟨phone⟩) ⟨phone⟩",
        ),
        ("звоните на 89161234567", "звоните на ⟨phone⟩"),
        ("мой телефон 123-45-67", "мой телефон ⟨phone⟩"),
        ("+37491123456 is mine", "⟨phone⟩ is mine"),
        (
            "пишите на anna.petrova@mail.ru, ответим",
            "пишите на ⟨email⟩, ответим",
        ),
        (
            "паспорт 45 08 123456",
            "паспорт ⟨passport⟩ ⟨passport⟩ ⟨passport⟩",
        ),
        ("СНИЛС 123-456-789 01", "СНИЛС ⟨snils⟩ ⟨snils⟩"),
        ("ИНН 770123456789", "ИНН ⟨inn⟩"),
        ("договор номер 7731955", "договор номер ⟨number⟩"),
        // Spoken digits, Russian and English.
        (
            "девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь",
            "⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩",
        ),
        (
            "плюс семь девятьсот шестнадцать один два три",
            "⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩ ⟨phone⟩",
        ),
        (
            "код один два три четыре",
            "код ⟨number⟩ ⟨number⟩ ⟨number⟩ ⟨number⟩",
        ),
        (
            "my card is four one one one",
            "my card is ⟨card⟩ ⟨card⟩ ⟨card⟩ ⟨card⟩",
        ),
        (
            "it's nine one six four, right",
            "it's ⟨number⟩ ⟨number⟩ ⟨number⟩ ⟨number⟩, right",
        ),
    ];
    for (text, want) in cases {
        assert_eq!(redact(text), want, "{text}");
    }
}

/// A run of digits spoken as words, however a caller groups it.
#[test]
fn spoken_digit_runs_in_russian_and_english() {
    let p = |kind: &str, n: usize| vec![kind; n].join(" ");
    let cases = [
        // A card dictated digit by digit (Luhn-valid: a card with no card word).
        (
            "четыре два семь шесть три восемь ноль ноль один два три четыре пять шесть семь девять".to_string(),
            p("⟨card⟩", 16),
        ),
        // In pairs, as people read a card aloud.
        (
            "сорок два семьдесят шесть тридцать восемь ноль ноль двенадцать тридцать четыре пятьдесят шесть семьдесят девять".into(),
            p("⟨card⟩", 15),
        ),
        // English says zero as "oh" inside a run.
        (
            "card number four two seven six three eight oh oh one two three four five six seven nine".into(),
            format!("card number {}", p("⟨card⟩", 16)),
        ),
        (
            "call me at five five five oh one two three".into(),
            format!("call me at {}", p("⟨number⟩", 7)),
        ),
        (
            "plus one two one two five five five one two three four".into(),
            p("⟨phone⟩", 12),
        ),
        (
            "восемь девятьсот шестнадцать один два три сорок пять шестьдесят семь".into(),
            p("⟨phone⟩", 10),
        ),
        (
            "last four digits five six seven nine".into(),
            format!("last four digits {}", p("⟨number⟩", 4)),
        ),
        (
            "ten twenty thirty forty".into(),
            p("⟨number⟩", 4),
        ),
        // A spoken year is a card's last four when a card is named.
        (
            "карта заканчивается на двадцать двадцать".into(),
            "карта заканчивается на ⟨card⟩ ⟨card⟩".into(),
        ),
    ];
    for (text, want) in cases {
        assert_eq!(redact(&text), want, "{text}");
    }
}

/// The Luhn check labels a card; it is not a gate: a card-length run that
/// fails it is still redacted, as a number, or as a card when the words
/// before it say so.
#[test]
fn luhn_labels_a_card_and_gates_nothing() {
    let r = Redactor::new(Config::default());
    let kinds = |t: &str| r.redact_text(t).found;
    // 4111 1111 1111 1111 passes, …1112 fails.
    assert_eq!(kinds("4111 1111 1111 1111"), [Kind::Card]);
    assert_eq!(kinds("4111 1111 1111 1112"), [Kind::Number]);
    assert_eq!(kinds("карта 4111 1111 1111 1112"), [Kind::Card]);
    assert_eq!(
        kinds("four one one one one one one one one one one one one one one one"),
        [Kind::Card]
    );
    assert_eq!(
        kinds("four one one one one one one one one one one one one one one two"),
        [Kind::Number]
    );
    assert_eq!(
        kinds("my card is four one one one one one one one one one one one one one one two"),
        [Kind::Card]
    );
}

#[test]
fn spoken_times_years_and_short_numbers_stay() {
    let cases = [
        "I'll call you at nine fifteen",
        "I'll be there at ten oh five",
        "at nine oh five",
        "в девять сорок пять перезвоню",
        "back in nineteen ninety five",
        "since twenty twenty six",
        "в две тысячи двадцать шестом году",
        "the number is one two three",
        "код три семь",
        "zero zero seven",
        "Oh, one more thing",
        "four thousand two hundred",
        "It's $15.99 a month",
        "стоимость 1 500 рублей",
        "всего 2 500 000 рублей",
        "the total is 1,250 dollars",
        "дом 12 квартира 45",
        "it was 12:45 and then 13:05",
        "с 9 до 18",
    ];
    for text in cases {
        assert_eq!(redact(text), text, "{text} must stay as it is");
    }
}

#[test]
fn times_prices_years_and_quantities_stay() {
    let cases = [
        "Перезвоню вам в десять тридцать",
        "I'll call you back at ten thirty",
        "Списание 1500 рублей было двенадцатого числа",
        "It costs 2500 dollars",
        "с 2026 года тариф другой",
        "Договор от 12.03.2026",
        "встреча в 10:30",
        "две тысячи пятьсот рублей",
        "оценка 59.3 из ста",
        "подождите одну минуту",
        "три четыре раза",
        "двадцать пять процентов",
        "Добрый день, компания Ромашка, меня зовут Анна",
        "ожидание 120 секунд",
    ];
    for text in cases {
        assert_eq!(redact(text), text, "{text} must stay as it is");
    }
}

#[test]
fn a_kind_that_is_off_is_not_redacted() {
    let config = Config {
        email: false,
        spoken_digits: false,
        ..Config::default()
    };
    let r = Redactor::new(config);
    assert_eq!(r.redact_text("a@b.ru").text, "a@b.ru");
    assert_eq!(
        r.redact_text("один два три четыре").text,
        "один два три четыре"
    );
    assert_eq!(
        r.redact_text("карта 4111111111111111").found,
        vec![Kind::Card]
    );
}

proptest! {
    /// Whatever the text, redaction keeps the number of words: timings and
    /// word counts (speech pace, filler rates) never change.
    #[test]
    fn word_count_is_kept(words in proptest::collection::vec(
        prop_oneof![
            "[0-9]{1,5}", "[a-zа-я]{1,8}", Just("один".to_string()), Just("девять".to_string()),
            Just("плюс".to_string()), Just("сто".to_string()), Just("+7".to_string()),
            Just("a@b.ru,".to_string()), Just("(916)".to_string()), Just("«4111".to_string()),
        ], 0..30)) {
        let text = words.join(" ");
        let out = redact(&text);
        prop_assert_eq!(out.split_whitespace().count(), text.split_whitespace().count());
    }

    #[test]
    fn never_panics(text in "\\PC{0,80}") {
        let _ = redact(&text);
    }
}
