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
