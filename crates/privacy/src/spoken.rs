//! Numbers spoken as words, in Russian and English: which words are digits,
//! tens, teens or hundreds, and how consecutive number words compose into
//! the digit string a listener would write down («девятьсот шестнадцать
//! сто двадцать три» → `916123`, "nine one six" → `916`).
//!
//! Hand-written on purpose: the lexicon is small and closed, and what
//! matters is the grouping rule (a new group starts when a word cannot
//! continue the current number), which no crate offers for dictated digits.

/// The place a number word takes in a spoken group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Order {
    /// 0–9 («ноль», «пять», "five").
    Unit,
    /// 10–19: ends its group.
    Teen,
    /// 20, 30, … 90: may take a unit after it.
    Tens,
    /// 100 … 900 («сто», «девятьсот»): may take tens, a teen or a unit.
    Hundreds,
}

/// A number word: its value and its place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NumberWord {
    pub value: u32,
    pub order: Order,
}

/// Magnitude words make a quantity or a price («две тысячи», "a million"),
/// never a dictated number: a run next to one is left as it is.
pub(crate) fn is_magnitude(word: &str) -> bool {
    const STEMS: &[&str] = &[
        "тысяч",
        "миллион",
        "миллиард",
        "thousand",
        "million",
        "billion",
    ];
    let w = word.to_lowercase();
    STEMS.iter().any(|s| w.starts_with(s)) || w == "hundred" || w == "hundreds"
}

/// The longest number word in bytes («восемнадцать», «четырнадцать»).
pub(crate) const LONGEST: usize = 24;

/// `word` lower-cased with «ё» → «е» into `buf`, or `None` when the result
/// is longer than [`LONGEST`], so longer than any number word or «плюс» (no
/// allocation: most words are checked here and are neither).
///
/// Char-wise lower-casing equals `str::to_lowercase` for these words: the
/// two differ only on a final «Σ», which none has.
pub(crate) fn lower_short<'a>(word: &str, buf: &'a mut [u8; LONGEST]) -> Option<&'a str> {
    let mut len = 0;
    let mut push = |c: char| {
        let c = if c == 'ё' { 'е' } else { c };
        let n = c.len_utf8();
        if len + n > LONGEST {
            return false;
        }
        c.encode_utf8(&mut buf[len..len + n]);
        len += n;
        true
    };
    for c in word.chars() {
        // ASCII and the Russian alphabet without the Unicode table search.
        let fits = match c {
            'A'..='Z' => push(c.to_ascii_lowercase()),
            'А'..='Я' => push(char::from_u32(c as u32 + 32).unwrap_or(c)),
            'Ё' => push('е'),
            _ if c.is_ascii() || ('а'..='я').contains(&c) => push(c),
            _ => c.to_lowercase().all(&mut push),
        };
        if !fits {
            return None;
        }
    }
    std::str::from_utf8(&buf[..len]).ok()
}

/// The number word `word` is, if it is one (case-insensitive, «ё» = «е»).
#[cfg(test)]
pub(crate) fn number_word(word: &str) -> Option<NumberWord> {
    let mut buf = [0u8; LONGEST];
    lower_number_word(lower_short(word, &mut buf)?)
}

/// Every number word (lower case, «е» for «ё»), its value and its place.
const LEXICON: &[(&str, u32, Order)] = {
    use Order::*;
    &[
        ("ноль", 0, Unit),
        ("нуль", 0, Unit),
        ("zero", 0, Unit),
        ("один", 1, Unit),
        ("одна", 1, Unit),
        ("одно", 1, Unit),
        ("one", 1, Unit),
        ("два", 2, Unit),
        ("две", 2, Unit),
        ("two", 2, Unit),
        ("три", 3, Unit),
        ("three", 3, Unit),
        ("четыре", 4, Unit),
        ("four", 4, Unit),
        ("пять", 5, Unit),
        ("five", 5, Unit),
        ("шесть", 6, Unit),
        ("six", 6, Unit),
        ("семь", 7, Unit),
        ("seven", 7, Unit),
        ("восемь", 8, Unit),
        ("eight", 8, Unit),
        ("девять", 9, Unit),
        ("nine", 9, Unit),
        ("десять", 10, Teen),
        ("ten", 10, Teen),
        ("одиннадцать", 11, Teen),
        ("eleven", 11, Teen),
        ("двенадцать", 12, Teen),
        ("twelve", 12, Teen),
        ("тринадцать", 13, Teen),
        ("thirteen", 13, Teen),
        ("четырнадцать", 14, Teen),
        ("fourteen", 14, Teen),
        ("пятнадцать", 15, Teen),
        ("fifteen", 15, Teen),
        ("шестнадцать", 16, Teen),
        ("sixteen", 16, Teen),
        ("семнадцать", 17, Teen),
        ("seventeen", 17, Teen),
        ("восемнадцать", 18, Teen),
        ("eighteen", 18, Teen),
        ("девятнадцать", 19, Teen),
        ("nineteen", 19, Teen),
        ("двадцать", 20, Tens),
        ("twenty", 20, Tens),
        ("тридцать", 30, Tens),
        ("thirty", 30, Tens),
        ("сорок", 40, Tens),
        ("forty", 40, Tens),
        ("пятьдесят", 50, Tens),
        ("fifty", 50, Tens),
        ("шестьдесят", 60, Tens),
        ("sixty", 60, Tens),
        ("семьдесят", 70, Tens),
        ("seventy", 70, Tens),
        ("восемьдесят", 80, Tens),
        ("eighty", 80, Tens),
        ("девяносто", 90, Tens),
        ("ninety", 90, Tens),
        ("сто", 100, Hundreds),
        ("двести", 200, Hundreds),
        ("триста", 300, Hundreds),
        ("четыреста", 400, Hundreds),
        ("пятьсот", 500, Hundreds),
        ("шестьсот", 600, Hundreds),
        ("семьсот", 700, Hundreds),
        ("восемьсот", 800, Hundreds),
        ("девятьсот", 900, Hundreds),
    ]
};

/// The number word `w` (lower case, «е» for «ё») is, if it is one.
pub(crate) fn lower_number_word(w: &str) -> Option<NumberWord> {
    LEXICON
        .iter()
        .find(|(word, _, _)| *word == w)
        .map(|&(_, value, order)| NumberWord { value, order })
}

/// A letter's slot in the edge table: `a`–`z` are 0–25, `а`–`я` 26–57 (either
/// case, «ё» as «е»); `None` for any other character.
fn edge_slot(c: char) -> Option<usize> {
    match c {
        'a'..='z' => Some(c as usize - 'a' as usize),
        'A'..='Z' => Some(c as usize - 'A' as usize),
        'а'..='я' => Some(26 + c as usize - 'а' as usize),
        'А'..='Я' => Some(26 + c as usize - 'А' as usize),
        'ё' | 'Ё' => Some(26 + 'е' as usize - 'а' as usize),
        _ => None,
    }
}

/// For each first letter, a bit per last letter that some number word (or
/// «плюс», "plus") has.
fn edge_table() -> &'static [u64; 58] {
    static TABLE: std::sync::OnceLock<[u64; 58]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = [0u64; 58];
        let plus = ["плюс", "plus"];
        for w in LEXICON.iter().map(|(w, _, _)| *w).chain(plus) {
            let first = w.chars().next().and_then(edge_slot);
            let last = w.chars().next_back().and_then(edge_slot);
            if let (Some(f), Some(l)) = (first, last) {
                t[f] |= 1 << l;
            }
        }
        t
    })
}

/// Characters whose lower case holds a Latin or Russian letter although
/// they are none themselves (`İ` → `i̇`, the Kelvin sign → `k`): a word
/// with one at an edge is decided by the full check.
const LOWERS_INTO_LETTERS: &[char] = &['\u{130}', '\u{212A}'];

/// Whether `word` (any case) may be a number word or «плюс»: `false` when
/// its first and last letters (Latin or Russian) are those of none, or when
/// an edge is a character of another script or no letter (an Armenian
/// word, a quote): lower-casing a Latin or Russian letter gives the letter
/// in lower case, and no other character but [`LOWERS_INTO_LETTERS`] gives
/// one, so the answer is exact for what [`lower_number_word`] accepts after
/// [`lower_short`].
pub(crate) fn may_be_number_word(word: &str) -> bool {
    let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) else {
        return false;
    };
    match (edge_slot(first), edge_slot(last)) {
        (Some(f), Some(l)) => edge_table()[f] & (1 << l) != 0,
        _ => LOWERS_INTO_LETTERS.contains(&first) || LOWERS_INTO_LETTERS.contains(&last),
    }
}

/// One spoken number of a run: its value and how many digits it is
/// written with («сто пять» = 105, three digits; «ноль» = 0, one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Group {
    pub value: u32,
    pub digits: usize,
}

/// Composes consecutive number words into groups: a word continues the
/// current group only where it fills a lower place that is still free
/// (hundreds → tens/teen/unit, tens → unit).
pub(crate) fn groups(words: &[NumberWord]) -> Vec<Group> {
    let mut out = Vec::new();
    let mut current: Option<(u32, usize, Order)> = None;
    for w in words {
        let continues = match (current, w.order) {
            (Some((v, _, Order::Hundreds)), Order::Tens | Order::Teen | Order::Unit) => {
                v % 100 == 0 && w.value != 0
            }
            (Some((_, _, Order::Tens)), Order::Unit) => w.value != 0,
            _ => false,
        };
        if continues {
            let (v, d, _) = current.expect("continues only an open group");
            current = Some((v + w.value, d, w.order));
        } else {
            if let Some((v, d, _)) = current {
                out.push(Group {
                    value: v,
                    digits: d,
                });
            }
            let digits = match w.order {
                Order::Unit => 1,
                Order::Teen | Order::Tens => 2,
                Order::Hundreds => 3,
            };
            current = Some((w.value, digits, w.order));
        }
    }
    if let Some((v, d, _)) = current {
        out.push(Group {
            value: v,
            digits: d,
        });
    }
    out
}

/// The digit string of the groups, each written with its width.
pub(crate) fn digit_string(groups: &[Group]) -> String {
    let mut s = String::new();
    for g in groups {
        s.push_str(&format!("{:0width$}", g.value, width = g.digits));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spoken(text: &str) -> String {
        let words: Vec<NumberWord> = text
            .split_whitespace()
            .map(|w| number_word(w).unwrap_or_else(|| panic!("{w} is a number word")))
            .collect();
        digit_string(&groups(&words))
    }

    #[test]
    fn dictated_numbers_compose_as_a_listener_writes_them() {
        let cases = [
            (
                "девятьсот шестнадцать сто двадцать три сорок пять шестьдесят семь",
                "9161234567",
            ),
            ("восемь девятьсот шестнадцать", "8916"),
            ("ноль ноль семь", "007"),
            ("сто пять", "105"),
            ("сто десять", "110"),
            ("двадцать двадцать", "2020"),
            ("двадцать один", "21"),
            ("nine one six four", "9164"),
            ("forty two seventeen", "4217"),
            ("пятнадцать ноль", "150"),
            ("Сорок Два", "42"),
        ];
        for (text, want) in cases {
            assert_eq!(spoken(text), want, "{text}");
        }
    }

    #[test]
    fn magnitudes_are_told_apart() {
        for w in ["тысяча", "тысячи", "миллионов", "thousand", "hundred"] {
            assert!(is_magnitude(w), "{w}");
        }
        for w in ["сто", "один", "hund"] {
            assert!(!is_magnitude(w), "{w}");
        }
        assert_eq!(number_word("ещё"), None);
        assert_eq!(number_word("одна").map(|n| n.value), Some(1));
        // The longest words fit the lower-casing buffer, in any case.
        for (w, v) in [
            ("Восемнадцать", 18),
            ("ЧЕТЫРНАДЦАТЬ", 14),
            ("девятнадцать", 19),
            ("восемьдесят", 80),
        ] {
            assert_eq!(number_word(w).map(|n| n.value), Some(v), "{w}");
        }
        assert_eq!(number_word("восемнадцатьсот"), None);
        assert_eq!(number_word("ВОСЕМНАДЦАТЬ!"), None);
        assert_eq!(number_word("ЧЕТЫРЁХ"), None);
        assert_eq!(number_word("TWENTY").map(|n| n.value), Some(20));
        assert_eq!(number_word("Ноль").map(|n| n.value), Some(0));
    }

    #[test]
    fn every_number_word_passes_the_edge_filter_in_any_case() {
        for (w, value, _) in LEXICON {
            let title: String = w
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i == 0 {
                        c.to_uppercase().next().unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect();
            for form in [w.to_string(), w.to_uppercase(), title] {
                assert!(may_be_number_word(&form), "{form}");
                assert_eq!(number_word(&form).map(|n| n.value), Some(*value), "{form}");
            }
        }
        for w in ["плюс", "ПЛЮС", "Plus"] {
            assert!(may_be_number_word(w), "{w}");
        }
        for w in ["здравствуйте", "вас", "hello", "company", "а", ""] {
            assert!(!may_be_number_word(w), "{w}");
        }
        // Another script or no letter at an edge: no number word.
        for w in ["բարեւ", "«два", "два»", "δύο"] {
            assert!(!may_be_number_word(w), "{w}");
        }
        // A character that lower-cases into a letter: the full check.
        assert!(may_be_number_word("İx"));
    }

    /// No character but the listed ones lower-cases into something holding
    /// a Latin or Russian letter unless it is one (what makes the edge
    /// filter exact).
    #[test]
    fn only_the_listed_characters_lower_case_into_letters() {
        let mut found = Vec::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if edge_slot(c).is_none() && c.to_lowercase().any(|l| edge_slot(l).is_some()) {
                found.push(c);
            }
        }
        assert_eq!(found, LOWERS_INTO_LETTERS);
    }

    #[test]
    fn lower_casing_on_the_stack_is_str_to_lowercase() {
        let mut buf = [0u8; LONGEST];
        for w in [
            "ПЛЮС",
            "Ёлка",
            "ЁЖ",
            "İstanbul",
            "ǅemal",
            "Ǆ",
            "Բարեւ",
            "ΣΑΣ",
            "abcXYZ",
            "АЯая",
        ] {
            let want = w.to_lowercase().replace('ё', "е");
            if want.ends_with('ς') {
                continue;
            }
            assert_eq!(lower_short(w, &mut buf), Some(want.as_str()), "{w}");
        }
        assert_eq!(lower_short("ЧЕТЫРНАДЦАТЬЖ", &mut buf), None);
    }
}
