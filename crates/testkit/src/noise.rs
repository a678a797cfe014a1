//! What makes real transcripts hard on caches: names, numbers and ASR
//! misspellings, mixed into generated sentences at fixed rates.
//!
//! Owns the rates ([`NAME_PERCENT`], [`NUMBER_PERCENT`], [`TYPO_PERCENT`])
//! and the generators: surnames built from syllables and endings (in any
//! grammatical case for Russian), account and phone numbers in digits, and
//! one-letter ASR errors (substitution, deletion, doubling, transposition).
//! Together they give about one utterance in three a word not seen earlier
//! in a corpus of a few thousand calls (`novelty.rs` measures it).

use callqa_model::Lang;

use crate::Rng;

/// Percent of generated utterances that mention a person by name.
pub const NAME_PERCENT: u32 = 18;
/// Percent of generated utterances with a number said as digits.
pub const NUMBER_PERCENT: u32 = 22;
/// Percent of generated utterances with one misrecognised word.
pub const TYPO_PERCENT: u32 = 36;

const RU_FIRST: &[&str] = &[
    "Анна",
    "Ольга",
    "Мария",
    "Елена",
    "Иван",
    "Сергей",
    "Дмитрий",
    "Наталья",
    "Алексей",
    "Татьяна",
    "Павел",
    "Юлия",
    "Андрей",
    "Ирина",
    "Николай",
    "Светлана",
];
const RU_HEAD: &[&str] = &[
    "Кор", "Бел", "Сер", "Мал", "Ден", "Вол", "Жур", "Тих", "Гром", "Лав", "Рус", "Пан", "Сом",
    "Ник", "Бар", "Шуст", "Кар", "Мир", "Зуб", "Лоп", "Гор", "Чер", "Сав", "Фед", "Хром", "Дуб",
];
const RU_MID: &[&str] = &[
    "", "ан", "ин", "ен", "от", "ар", "ул", "ик", "ец", "ач", "ям",
];
const RU_TAIL: &[&str] = &["ов", "ев", "ин", "овск", "енк", "ук", "ых"];
const RU_CASE: &[&str] = &["", "а", "у", "ым", "е", "ой", "ой", "ым"];

const EN_FIRST: &[&str] = &[
    "Mary", "John", "Linda", "James", "Patricia", "Robert", "Susan", "Michael", "Karen", "David",
];
const EN_HEAD: &[&str] = &[
    "Ash", "Brad", "Carl", "Dal", "Fen", "Gar", "Hol", "Kem", "Lang", "Mor", "Nor", "Pen", "Rad",
    "Sted", "Thorn", "Wes", "Bram", "Cord", "Hart", "Wil",
];
const EN_MID: &[&str] = &["", "er", "ing", "ford", "ton", "man", "wood", "en"];
const EN_TAIL: &[&str] = &["", "s", "son", "ley", "wick", "by", "ham"];

const HY_FIRST: &[&str] = &[
    "Աննա",
    "Արմեն",
    "Գոհար",
    "Տիգրան",
    "Նարե",
    "Դավիթ",
    "Լիլիթ",
    "Հայկ",
];
const HY_HEAD: &[&str] = &[
    "Պետրոս",
    "Սարգս",
    "Ավետիս",
    "Մկրտչ",
    "Հովհաննիս",
    "Գևորգ",
    "Վարդան",
    "Ներսիս",
    "Գրիգոր",
    "Աբրահամ",
    "Կարապետ",
    "Մանուկ",
    "Խաչատր",
    "Համբարձում",
];
const HY_MID: &[&str] = &["", "ով", "ան", "ել", "իկ"];
const HY_TAIL: &[&str] = &["յան", "յանց", "ունի", "յանի", "յանին"];

const RU_LETTERS: &[char] = &[
    'а', 'б', 'в', 'г', 'д', 'е', 'ж', 'з', 'и', 'й', 'к', 'л', 'м', 'н', 'о', 'п', 'р', 'с', 'т',
    'у', 'ф', 'х', 'ц', 'ч', 'ш', 'щ', 'ы', 'ь', 'э', 'ю', 'я',
];
const EN_LETTERS: &[char] = &[
    'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's',
    't', 'u', 'v', 'w', 'x', 'y', 'z',
];
const HY_LETTERS: &[char] = &[
    'ա', 'բ', 'գ', 'դ', 'ե', 'զ', 'է', 'ը', 'թ', 'ժ', 'ի', 'լ', 'խ', 'ծ', 'կ', 'հ', 'ձ', 'ղ', 'ճ',
    'մ', 'յ', 'ն', 'շ', 'ո', 'չ', 'պ', 'ջ', 'ռ', 'ս', 'վ', 'տ', 'ր', 'ց', 'ւ', 'փ', 'ք', 'օ', 'ֆ',
];

/// Mixes names, numbers and misspellings into the words of one sentence.
pub(crate) fn apply(lang: Lang, rng: &mut Rng, operator: bool, words: &mut Vec<String>) {
    if rng.chance(TYPO_PERCENT) {
        misspell(lang, rng, words);
    }
    if rng.chance(NAME_PERCENT) {
        let at = rng.below(words.len() + 1);
        let with_first = !operator && rng.chance(50);
        words.insert(at, name(lang, rng, with_first));
    }
    if rng.chance(NUMBER_PERCENT) {
        let at = rng.below(words.len() + 1);
        words.insert(at, number(rng));
    }
}

/// A surname (sometimes after a first name) from syllables: thousands of
/// distinct forms, Russian ones in any case.
pub fn name(lang: Lang, rng: &mut Rng, with_first: bool) -> String {
    let (first, head, mid, tail) = match lang {
        Lang::Ru => (RU_FIRST, RU_HEAD, RU_MID, RU_TAIL),
        Lang::En => (EN_FIRST, EN_HEAD, EN_MID, EN_TAIL),
        Lang::Hy => (HY_FIRST, HY_HEAD, HY_MID, HY_TAIL),
    };
    let mut out = String::new();
    if with_first {
        out.push_str(rng.pick(first));
        out.push(' ');
    }
    out.push_str(rng.pick(head));
    out.push_str(rng.pick(mid));
    let tail = rng.pick(tail);
    out.push_str(tail);
    if lang == Lang::Ru {
        // «-овск»/«-енк» need a vowel: «Коровский», «Коренко».
        match tail {
            "овск" => out.push_str(["ий", "ого", "ому", "им", "ая"][rng.below(5)]),
            "енк" => out.push('о'),
            _ => out.push_str(rng.pick(RU_CASE)),
        }
    }
    out
}

/// A number as an ASR engine writes digits: an account, a contract or a
/// phone number, in one to three groups.
pub fn number(rng: &mut Rng) -> String {
    let groups = 1 + rng.below(3);
    let mut out = String::new();
    for g in 0..groups {
        if g > 0 {
            out.push(if rng.chance(50) { ' ' } else { '-' });
        }
        let digits = 2 + rng.below(4);
        for _ in 0..digits {
            out.push(char::from(b'0' + rng.below(10) as u8));
        }
    }
    out
}

/// Replaces one word of 4+ letters with a one-letter ASR error of it.
fn misspell(lang: Lang, rng: &mut Rng, words: &mut [String]) {
    let long: Vec<usize> = (0..words.len())
        .filter(|&i| words[i].chars().count() >= 4)
        .collect();
    if long.is_empty() {
        return;
    }
    let i = long[rng.below(long.len())];
    words[i] = typo(lang, rng, &words[i]);
}

/// `word` with one letter substituted, deleted, doubled or swapped with
/// its neighbour (never the first letter: ASR keeps onsets).
pub fn typo(lang: Lang, rng: &mut Rng, word: &str) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 3 {
        return word.to_string();
    }
    let letters = match lang {
        Lang::Ru => RU_LETTERS,
        Lang::En => EN_LETTERS,
        Lang::Hy => HY_LETTERS,
    };
    let at = 1 + rng.below(chars.len() - 1);
    match rng.below(4) {
        0 => chars[at] = letters[rng.below(letters.len())],
        1 => {
            chars.remove(at);
        }
        2 => chars.insert(at, chars[at]),
        _ if at + 1 < chars.len() => chars.swap(at, at + 1),
        _ => chars.swap(at - 1, at),
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_change_one_letter() {
        let mut rng = Rng::new(9);
        for _ in 0..200 {
            let t = typo(Lang::Ru, &mut rng, "договором");
            let (a, b) = (t.chars().count() as i64, 9i64);
            assert!((a - b).abs() <= 1, "{t}");
            assert!(t.starts_with('д'), "{t}");
        }
    }

    #[test]
    fn names_and_numbers_are_many() {
        let mut rng = Rng::new(3);
        let names: std::collections::HashSet<String> =
            (0..2000).map(|_| name(Lang::Ru, &mut rng, false)).collect();
        assert!(names.len() > 1000, "{} distinct names of 2000", names.len());
        let n = number(&mut rng);
        assert!(
            n.chars()
                .all(|c| c.is_ascii_digit() || c == ' ' || c == '-'),
            "{n}"
        );
    }
}
