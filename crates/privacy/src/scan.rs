//! Finding personal data in one text: the text is cut into words (runs of
//! non-space characters, with their byte ranges), each word is classified
//! (an e-mail, a written number, a spoken number word, a prefix word such as
//! «плюс», or ordinary), and maximal runs of number words are read as one
//! number and typed by its digits and the words around it.

use std::ops::Range;

use crate::luhn::luhn_valid;
use crate::spoken::{
    digit_string, groups, is_magnitude, lower_number_word, lower_short, may_be_number_word,
    NumberWord, Order, LONGEST,
};
use crate::{Config, Kind};

/// One word of the text (a run of non-space characters): the byte range of
/// its part without the punctuation around it.
#[derive(Clone, Debug)]
pub(crate) struct Word {
    /// Byte range of the word without leading and trailing punctuation.
    pub core: Range<usize>,
}

/// A finding: the words it covers (indices into the word list) and its kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Finding {
    pub words: Range<usize>,
    pub kind: Kind,
}

pub(crate) fn words(text: &str) -> Vec<Word> {
    Words { text, i: 0 }.collect()
}

/// The words of a text, one by one (no list is built).
struct Words<'a> {
    text: &'a str,
    /// Byte offset where the search for the next word starts.
    i: usize,
}

impl Iterator for Words<'_> {
    type Item = Word;

    fn next(&mut self) -> Option<Word> {
        let text = self.text;
        let mut start = None;
        while self.i < text.len() {
            let (space, len) = space_at(text, self.i);
            if space {
                if let Some(s) = start {
                    let w = word(text, s..self.i);
                    self.i += len;
                    return Some(w);
                }
            } else if start.is_none() {
                start = Some(self.i);
            }
            self.i += len;
        }
        start.map(|s| word(text, s..text.len()))
    }
}

/// Whether [`scan`] may find anything in `text`: `false` when the text has
/// no ASCII digit, no `@` and no spoken number word, so no word of it can
/// start a finding. Exact, and cheaper than the scan: no word list, no
/// lower-casing of words whose first and last letters rule them out.
pub(crate) fn may_find(text: &str) -> bool {
    if text.bytes().any(|b| b.is_ascii_digit() || b == b'@') {
        return true;
    }
    Words { text, i: 0 }.any(|w| {
        let core = &text[w.core];
        may_be_number_word(core) && matches!(classify(core), Class::Spoken(_))
    })
}

/// Whether the character at byte `i` (a char boundary) is white space
/// (`char::is_whitespace`), and its length. Only characters whose UTF-8
/// starts with 0xC2 (U+0085, U+00A0) or 0xE1–0xE3 (U+1680, U+2000–U+205F,
/// U+3000) can be non-ASCII spaces, so Cyrillic and Armenian letters are
/// decided by their first byte.
#[inline]
fn space_at(text: &str, i: usize) -> (bool, usize) {
    let b = text.as_bytes()[i];
    match b {
        0..=0x7F => (matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '), 1),
        0xC2 | 0xE1..=0xE3 => {
            let c = text[i..].chars().next().unwrap_or('\0');
            (c.is_whitespace(), c.len_utf8())
        }
        0xF0.. => (false, 4),
        0xE0.. => (false, 3),
        _ => (false, 2),
    }
}

fn word(text: &str, range: Range<usize>) -> Word {
    let w = &text[range.clone()];
    // A leading '+' belongs to a phone number, not to the punctuation.
    let edge = |c: char| !(alphanumeric(c) || c == '+' || c == '@');
    let lead = w.len() - w.trim_start_matches(edge).len();
    let trimmed = w.trim_start_matches(edge);
    let trail = trimmed.len() - trimmed.trim_end_matches(|c: char| !alphanumeric(c)).len();
    let core = range.start + lead..range.end - trail;
    let core = if core.start > core.end {
        range.start..range.start
    } else {
        core
    };
    Word { core }
}

/// `char::is_alphanumeric`, with the Russian alphabet decided before the
/// Unicode table search (most words here are Russian).
fn alphanumeric(c: char) -> bool {
    matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё') || c.is_alphanumeric()
}

#[derive(Clone, Debug)]
enum Class {
    Email,
    /// Written digits (with separators such as `-`, `(`, `)`, `.`, `/`).
    Written {
        digits: String,
        plus: bool,
    },
    Spoken(NumberWord),
    /// «плюс», "plus": a phone prefix when a number follows.
    Plus,
    /// A time or date written with digits (`10:30`, `12.03.2026`).
    TimeOrDate,
    Other,
}

fn classify(core: &str) -> Class {
    if core.is_empty() {
        return Class::Other;
    }
    if let Some(at) = core.find('@') {
        let (local, domain) = (&core[..at], &core[at + 1..]);
        let ok = |c: char| c.is_alphanumeric() || "._%+-".contains(c);
        if !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && local.chars().all(ok)
            && domain.chars().all(ok)
        {
            return Class::Email;
        }
        return Class::Other;
    }
    // ASCII digits are single bytes: no other byte of UTF-8 is one.
    let has_digit = core.bytes().any(|b| b.is_ascii_digit());
    if has_digit
        && core
            .chars()
            .all(|c| c.is_ascii_digit() || "+-()./:".contains(c))
    {
        if core.contains(':') {
            return Class::TimeOrDate;
        }
        if core.contains('.') && !dotted_digit_groups(core) {
            return Class::TimeOrDate;
        }
        return Class::Written {
            digits: core.chars().filter(char::is_ascii_digit).collect(),
            plus: core.starts_with('+'),
        };
    }
    if !may_be_number_word(core) {
        return Class::Other;
    }
    let mut buf = [0u8; LONGEST];
    let Some(lower) = lower_short(core, &mut buf) else {
        return Class::Other;
    };
    // («ё» → «е» in `lower` changes neither comparison.)
    if lower == "плюс" || lower == "plus" {
        return Class::Plus;
    }
    match lower_number_word(lower) {
        Some(n) => Class::Spoken(n),
        None => Class::Other,
    }
}

/// `4276.1234.5678` is a number written in groups; `12.03.2026` and `59.3`
/// are a date and a decimal.
fn dotted_digit_groups(core: &str) -> bool {
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() >= 3 && parts.iter().all(|p| p.len() >= 3)
}

fn lower(text: &str, w: &Word) -> String {
    text[w.core.clone()].to_lowercase().replace('ё', "е")
}

fn starts_with_any(word: &str, stems: &[&str]) -> bool {
    stems.iter().any(|s| word.starts_with(s))
}

/// Words after a number that make it a price, a quantity or a time that
/// the rules read, not personal data.
const AFTER_EXEMPT: &[&str] = &[
    "руб",
    "коп",
    "евро",
    "доллар",
    "драм",
    "тенге",
    "гривн",
    "процент",
    "час",
    "минут",
    "секунд",
    "сек",
    "мин",
    "год",
    "лет",
    "утра",
    "вечера",
    "дня",
    "ночи",
    "раз",
    "штук",
    "dollar",
    "euro",
    "ruble",
    "rouble",
    "pound",
    "cent",
    "dram",
    "percent",
    "hour",
    "minute",
    "second",
    "year",
    "o'clock",
    "am",
    "pm",
    "times",
    "%",
    "₽",
    "$",
    "€",
];
/// Words before a number that make it a price or a year.
const BEFORE_EXEMPT: &[&str] = &["$", "€", "₽", "usd", "eur", "rub"];
const TIME_PREPOSITIONS: &[&str] = &["в", "к", "до", "после", "с", "at", "by", "until", "from"];

fn kind_from_context(before: &[String]) -> Option<Kind> {
    for w in before.iter().rev().take(4) {
        if w.starts_with("паспорт") || w.starts_with("passport") {
            return Some(Kind::Passport);
        }
        if w.starts_with("снилс") || w == "snils" {
            return Some(Kind::Snils);
        }
        if w == "инн" || w == "inn" {
            return Some(Kind::Inn);
        }
        if starts_with_any(w, &["карт", "card"]) {
            return Some(Kind::Card);
        }
        if starts_with_any(w, &["телефон", "phone", "мобильн", "mobile"]) {
            return Some(Kind::Phone);
        }
    }
    None
}

/// Scans a text and returns what it finds, in text order.
pub(crate) fn scan(text: &str, words: &[Word], config: &Config) -> Vec<Finding> {
    let mut classes: Vec<Class> = words
        .iter()
        .map(|w| classify(&text[w.core.clone()]))
        .collect();
    // Nothing starts a number run or an e-mail: no finding (most texts;
    // «плюс» and "oh" only join a run of number words).
    if !classes
        .iter()
        .any(|c| matches!(c, Class::Email | Class::Written { .. } | Class::Spoken(_)))
    {
        return Vec::new();
    }
    let lowers: Vec<String> = words.iter().map(|w| lower(text, w)).collect();
    // "five five five oh one two": English says a zero as "oh" inside a
    // dictated run; on its own ("oh, I see") it is no number.
    for i in 0..words.len() {
        if (lowers[i] == "oh" || lowers[i] == "o") && matches!(classes[i], Class::Other) {
            let spoken = |j: Option<usize>| {
                j.and_then(|j| classes.get(j))
                    .is_some_and(|c| matches!(c, Class::Spoken(_)))
            };
            if spoken(i.checked_sub(1)) || spoken(Some(i + 1)) {
                classes[i] = Class::Spoken(NumberWord {
                    value: 0,
                    order: Order::Unit,
                });
            }
        }
    }
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if matches!(classes[i], Class::Email) {
            if config.email {
                out.push(Finding {
                    words: i..i + 1,
                    kind: Kind::Email,
                });
            }
            i += 1;
            continue;
        }
        let starts_run = match classes[i] {
            Class::Written { .. } | Class::Spoken(_) => true,
            Class::Plus => matches!(
                classes.get(i + 1),
                Some(Class::Written { .. } | Class::Spoken(_))
            ),
            _ => false,
        };
        if !starts_run {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < words.len() && matches!(classes[end], Class::Written { .. } | Class::Spoken(_))
        {
            end += 1;
        }
        if let Some(kind) = run_kind(&classes, &lowers, start..end, config) {
            out.push(Finding {
                words: start..end,
                kind,
            });
        }
        i = end;
    }
    out
}

/// The kind of personal data a run of number words is, or `None` when it
/// is short, a time, a price, a year or a quantity.
fn run_kind(
    classes: &[Class],
    lowers: &[String],
    run: Range<usize>,
    config: &Config,
) -> Option<Kind> {
    let mut digits = String::new();
    let mut plus = false;
    let mut spoken: Vec<NumberWord> = Vec::new();
    let mut spoken_groups = 0;
    for c in &classes[run.clone()] {
        match c {
            Class::Written { digits: d, plus: p } => {
                if !spoken.is_empty() {
                    let g = groups(&spoken);
                    spoken_groups += g.len();
                    digits.push_str(&digit_string(&g));
                    spoken.clear();
                }
                plus |= *p;
                digits.push_str(d);
            }
            Class::Spoken(n) => spoken.push(*n),
            Class::Plus => plus = true,
            _ => {}
        }
    }
    if !spoken.is_empty() {
        let g = groups(&spoken);
        spoken_groups += g.len();
        digits.push_str(&digit_string(&g));
    }
    let only_spoken = classes[run.clone()]
        .iter()
        .all(|c| matches!(c, Class::Spoken(_) | Class::Plus));
    if only_spoken && !config.spoken_digits {
        return None;
    }
    if digits.len() < 4 {
        return None;
    }
    let next = lowers.get(run.end).map(String::as_str).unwrap_or("");
    let prev = run
        .start
        .checked_sub(1)
        .map(|i| lowers[i].as_str())
        .unwrap_or("");
    if is_magnitude(next) || is_magnitude(prev) {
        return None;
    }
    if starts_with_any(next, AFTER_EXEMPT) || BEFORE_EXEMPT.contains(&prev) {
        return None;
    }
    // «в десять тридцать», "at ten thirty", "at ten oh five": an hour and
    // minutes.
    if only_spoken
        && (2..=3).contains(&spoken_groups)
        && digits.len() == 4
        && TIME_PREPOSITIONS.contains(&prev)
    {
        let (h, m) = (&digits[..2], &digits[2..]);
        if h.parse::<u32>().is_ok_and(|h| h <= 24) && m.parse::<u32>().is_ok_and(|m| m < 60) {
            return None;
        }
    }
    // A written year on its own: «в 2026 году» is caught above, «2026» here.
    if !only_spoken
        && digits.len() == 4
        && run.len() == 1
        && digits
            .parse::<u32>()
            .is_ok_and(|y| (1900..=2099).contains(&y))
    {
        return None;
    }
    let before: Vec<String> = lowers[run.start.saturating_sub(4)..run.start].to_vec();
    let context = kind_from_context(&before);
    // A year said in two halves, "nineteen ninety five", "twenty twenty
    // six", like a written «2026»: unless the words before name a card, a
    // phone or a document.
    if only_spoken
        && spoken_groups == 2
        && digits.len() == 4
        && context.is_none()
        && (digits.starts_with("19") || digits.starts_with("20"))
    {
        return None;
    }
    let kind = match context {
        Some(k) => k,
        None => by_digits(&digits, plus),
    };
    config.enabled(kind).then_some(kind)
}

fn by_digits(digits: &str, plus: bool) -> Kind {
    let n = digits.len();
    if (13..=19).contains(&n) && luhn_valid(digits) {
        return Kind::Card;
    }
    let phone_prefix =
        digits.starts_with('7') || digits.starts_with('8') || digits.starts_with("374");
    if plus && (7..=15).contains(&n) {
        return Kind::Phone;
    }
    if (n == 11 && phone_prefix) || (n == 10 && digits.starts_with('9')) {
        return Kind::Phone;
    }
    Kind::Number
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The word spans as cut by `char::is_whitespace`, char by char.
    fn reference(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                if let Some(s) = start.take() {
                    out.push(word(text, s..i).core);
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(s) = start {
            out.push(word(text, s..text.len()).core);
        }
        out
    }

    fn cores(text: &str) -> Vec<Range<usize>> {
        words(text).into_iter().map(|w| w.core).collect()
    }

    #[test]
    fn every_white_space_cuts_words_and_nothing_else_does() {
        let spaces: Vec<char> = (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        assert!(spaces.len() >= 25, "{spaces:?}");
        for &c in &spaces {
            let text = format!("номер{c}4276{c}{c}ժամ,{c}ok");
            assert_eq!(cores(&text), reference(&text), "{:?}", c);
            assert_eq!(cores(&text).len(), 4, "{:?}", c);
        }
        // Letters whose UTF-8 starts like a space's do not cut.
        for text in ["a\u{00A9}b", "x\u{1681}y", "\u{2030}z", "й\u{3001}ё 𝔸𝔹"] {
            assert_eq!(cores(text), reference(text), "{text:?}");
        }
    }

    #[test]
    fn the_pre_check_lets_every_finding_through_and_stops_plain_texts() {
        for text in [
            "плюс семь девятьсот шестнадцать",
            "ДВАДЦАТЬ ДВА",
            "Nine one six four",
            "пишите на a@b.ru",
            "карта 4276",
        ] {
            assert!(may_find(text), "{text}");
        }
        for text in [
            "Здравствуйте, компания «Ромашка», слушаю вас.",
            "Спасибо за звонок, всего доброго!",
            "Thank you for calling, have a nice day.",
            "",
        ] {
            assert!(!may_find(text), "{text}");
        }
    }

    proptest! {
        #[test]
        fn the_pre_check_never_hides_a_finding(
            words in proptest::collection::vec(
                "ноль|Два|ТРИ|сто|сорок|плюс|oh|five|Nine|вас|слушаю|İ|ǅ|[a-zа-яё]{1,6}|[0-9]{1,4}|x@y.ru", 0..12)
        ) {
            let text = words.join(" ");
            let found = scan(&text, &super::words(&text), &Config::default());
            prop_assert!(may_find(&text) || found.is_empty(), "{}", text);
        }

        #[test]
        fn words_are_cut_as_char_is_whitespace_cuts_them(text in "\\PC{0,40}|[ \\t\\u{85}\\u{a0}\\u{2000}-\\u{200b}\\u{3000}а-яёԱ-ֆa-z0-9@+.,-]{0,60}") {
            prop_assert_eq!(cores(&text), reference(&text));
        }
    }
}
