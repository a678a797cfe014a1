//! Russian company names as an operator says them and a recogniser writes
//! them: acronyms spelled letter by letter.
//!
//! Owns the Russian names of the letters, used by `slots.rs` for
//! `{company}`: `МТС` / `MTS` is said «эм тэ эс», `ВТБ` «вэ тэ бэ», and a
//! recogniser writes the letters as separate words or as one. Also the
//! brand said without the kind of company (`МедЛайн Клиник` said
//! «Медлайн», `Арбат-Сервис` said «Арбат»).

/// The Russian name of a Cyrillic capital letter as said in an acronym.
fn cyrillic_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'А' => "а",
        'Б' => "бэ",
        'В' => "вэ",
        'Г' => "гэ",
        'Д' => "дэ",
        'Е' => "е",
        'Ж' => "жэ",
        'З' => "зэ",
        'И' => "и",
        'К' => "ка",
        'Л' => "эл",
        'М' => "эм",
        'Н' => "эн",
        'О' => "о",
        'П' => "пэ",
        'Р' => "эр",
        'С' => "эс",
        'Т' => "тэ",
        'У' => "у",
        'Ф' => "эф",
        'Х' => "ха",
        'Ц' => "цэ",
        'Ч' => "че",
        'Ш' => "ша",
        'Э' => "э",
        'Ю' => "ю",
        'Я' => "я",
        _ => return None,
    })
}

/// The Russian name of a Latin capital letter in a Russian brand's acronym
/// (`MTS` is «эм тэ эс», `RBK` «эр бэ ка»).
fn latin_letter(c: char) -> Option<&'static str> {
    Some(match c {
        'A' => "а",
        'B' => "бэ",
        'C' => "цэ",
        'D' => "дэ",
        'E' => "е",
        'F' => "эф",
        'G' => "гэ",
        'H' => "ха",
        'I' => "и",
        'K' => "ка",
        'L' => "эл",
        'M' => "эм",
        'N' => "эн",
        'O' => "о",
        'P' => "пэ",
        'R' => "эр",
        'S' => "эс",
        'T' => "тэ",
        'U' => "у",
        'V' => "вэ",
        'X' => "икс",
        'Z' => "зэ",
        _ => return None,
    })
}

/// A company name with its acronyms (a word of 2 to 5 capital letters, in
/// Cyrillic or Latin) spelled as said letter by letter («МТС» → «эм тэ эс»,
/// «Банк ВТБ» → «Банк вэ тэ бэ»); `None` when the name has no acronym.
pub(crate) fn ru_acronyms_spelled(name: &str) -> Option<String> {
    let mut changed = false;
    let words: Vec<String> = name
        .split_whitespace()
        .map(|w| {
            let letters = w.chars().count();
            let spelled: Option<Vec<&str>> = (2..=5)
                .contains(&letters)
                .then(|| {
                    w.chars()
                        .map(|c| cyrillic_letter(c).or_else(|| latin_letter(c)))
                        .collect()
                })
                .flatten();
            match spelled {
                Some(names) => {
                    changed = true;
                    names.join(" ")
                }
                None => w.to_string(),
            }
        })
        .collect();
    changed.then(|| words.join(" "))
}

/// A Latin capital letter written in Cyrillic (`DNS` is written «ДНС»).
fn latin_to_cyrillic(c: char) -> Option<char> {
    Some(match c {
        'A' => 'А',
        'B' => 'Б',
        'C' => 'С',
        'D' => 'Д',
        'E' => 'Е',
        'F' => 'Ф',
        'G' => 'Г',
        'H' => 'Х',
        'I' => 'И',
        'K' => 'К',
        'L' => 'Л',
        'M' => 'М',
        'N' => 'Н',
        'O' => 'О',
        'P' => 'П',
        'R' => 'Р',
        'S' => 'С',
        'T' => 'Т',
        'U' => 'У',
        'V' => 'В',
        'Z' => 'З',
        _ => return None,
    })
}

/// The English name of a Latin capital letter as Russians say it in a
/// foreign brand's acronym (`DPD` is «ди пи ди», `BMW` «би эм дабл ю»).
fn latin_letter_english(c: char) -> Option<&'static str> {
    Some(match c {
        'A' => "эй",
        'B' => "би",
        'C' => "си",
        'D' => "ди",
        'E' => "и",
        'F' => "эф",
        'G' => "джи",
        'H' => "эйч",
        'I' => "ай",
        'J' => "джей",
        'K' => "кей",
        'L' => "эл",
        'M' => "эм",
        'N' => "эн",
        'O' => "оу",
        'P' => "пи",
        'Q' => "кью",
        'R' => "ар",
        'S' => "эс",
        'T' => "ти",
        'U' => "ю",
        'V' => "ви",
        'W' => "дабл ю",
        'X' => "экс",
        'Y' => "уай",
        'Z' => "зед",
        _ => return None,
    })
}

/// A company name with its Latin acronyms (2 to 5 Latin capitals) as a
/// Russian operator says or a recogniser writes them: in Cyrillic letters
/// («ДНС» for `DNS`) and by the letters' English names («ди пи ди» for
/// `DPD`); empty when the name has no Latin acronym.
pub(crate) fn ru_latin_acronyms_read(name: &str) -> Vec<String> {
    let acronym =
        |w: &str| (2..=5).contains(&w.chars().count()) && w.chars().all(|c| c.is_ascii_uppercase());
    if !name.split_whitespace().any(acronym) {
        return Vec::new();
    }
    let read = |f: &dyn Fn(&str) -> Option<String>| -> Option<String> {
        name.split_whitespace()
            .map(|w| {
                if acronym(w) {
                    f(w)
                } else {
                    Some(w.to_string())
                }
            })
            .collect::<Option<Vec<String>>>()
            .map(|ws| ws.join(" "))
    };
    let cyrillic = read(&|w| w.chars().map(latin_to_cyrillic).collect::<Option<String>>());
    let english = read(&|w| {
        w.chars()
            .map(latin_letter_english)
            .collect::<Option<Vec<&str>>>()
            .map(|ls| ls.join(" "))
    });
    cyrillic.into_iter().chain(english).collect()
}

/// Kinds of shop or venue whose name a Russian speaker says right after
/// them («в магазине «Дочки-Сыночки»», «кафе «Теремок»»), as prefixes of
/// normalised words (their case forms), and the words said exactly.
const RU_VENUE_PREFIXES: &[&str] = &[
    "магазин",
    "супермаркет",
    "гипермаркет",
    "минимаркет",
    "аптек",
    "кафе",
    "ресторан",
    "пекарн",
    "кондитерск",
    "бутик",
    "салон",
    "кофейн",
    "столов",
    "закусочн",
];
const RU_VENUE_WORDS: &[&str] = &["тц", "трц", "сеть", "сети", "сетью"];

/// Whether the word at `token` is part of a venue's name: one of the two
/// words right after a kind of shop or venue, in the same clause. A
/// recogniser writes the name in lower case without quotes («из магазина
/// дочки сыночки»), so it cannot read as a proper noun.
pub(crate) fn ru_in_venue_name(text: &crate::Analyzed, token: usize) -> bool {
    let is_venue = |i: usize| {
        let w = text.norm(i);
        RU_VENUE_WORDS.contains(&w) || RU_VENUE_PREFIXES.iter().any(|p| w.starts_with(p))
    };
    (1..=2).any(|back| {
        token >= back
            && is_venue(token - back)
            && (token - back + 1..=token).all(|j| !text.clause_starts(j))
    })
}

/// Kinds of company that a Russian speaker leaves out after the brand
/// («Медлайн, регистратура» for `МедЛайн Клиник`, «Гарант, здравствуйте»
/// for `Гарант-Страхование`), compared in lower case.
const RU_KIND_AFTER: &[&str] = &[
    "банк",
    "клиник",
    "клиника",
    "групп",
    "груп",
    "группа",
    "телеком",
    "логистик",
    "логистика",
    "сервис",
    "страхование",
    "недвижимость",
    "девелопмент",
    "холдинг",
    "экспресс",
    "трейд",
    "консалтинг",
    "отель",
    "hotel",
    // a Latin brand's English kind: `Azimut Hotels` said «отель «Азимут»»
    "hotels",
    "group",
    "bank",
    "clinic",
    "telecom",
    "гостиница",
    "хостел",
    "ресторан",
    "автосалон",
];

/// Kinds of company that a Russian speaker leaves out before the brand
/// («Меридиан, добрый день» for `Банк Меридиан`).
const RU_KIND_BEFORE: &[&str] = &["банк", "клиника", "агентство", "салон", "магазин"];

/// Letters a brand needs to be said alone: a shorter one («Мир», «Дом») is
/// too often an ordinary word of the opening.
const RU_BRAND_LETTERS: usize = 4;

/// The brand of a two-part company name whose other part is a kind of
/// company («МедЛайн Клиник» → «МедЛайн», «Арбат-Сервис» → «Арбат», «Банк
/// Меридиан» → «Меридиан»); `None` for any other name or a brand of fewer
/// than [`RU_BRAND_LETTERS`] letters («Мир Кухни», «Дом Сервис»).
pub(crate) fn ru_brand_without_kind(name: &str) -> Option<String> {
    let quotes: &[char] = &['«', '»', '"', '“', '”', '„'];
    let parts: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches(quotes))
        .filter(|w| !w.is_empty())
        .collect();
    let is = |list: &[&str], w: &str| list.contains(&w.to_lowercase().as_str());
    // `AZIMUT Отель Смоленская` said «гостиница Азимут»: a brand, its kind
    // of company, then a place
    if let [first, second, _, ..] = parts[..] {
        let letters = first.chars().filter(|c| c.is_alphabetic()).count();
        return (is(RU_KIND_AFTER, second)
            && letters >= RU_BRAND_LETTERS
            && !is(RU_KIND_AFTER, first)
            && !is(RU_KIND_BEFORE, first))
        .then(|| first.to_string());
    }
    let [first, second] = parts[..] else {
        return None;
    };
    let brand = if is(RU_KIND_AFTER, second) {
        first
    } else if is(RU_KIND_BEFORE, first) {
        second
    } else {
        return None;
    };
    let letters = brand.chars().filter(|c| c.is_alphabetic()).count();
    (letters >= RU_BRAND_LETTERS && !is(RU_KIND_AFTER, brand) && !is(RU_KIND_BEFORE, brand))
        .then(|| brand.to_string())
}

/// A Latin brand word as a Russian recogniser writes it, beyond what
/// [`hy_english_reading`](crate::names::hy_english_reading) respells: the
/// long «i» of «-ild» («вайлд» for `wild`) and a final «-ies» said «-из»
/// (`Wildberries` → «вайлдберриз», which the skeleton then matches). `None`
/// when nothing changes.
pub(crate) fn ru_english_reading(word: &str) -> Option<String> {
    // «c» before «e», «i», «y» is «с» (`Insurance` «иншуранс»), and «ie»
    // after a consonant is «и» (`Greenfield` «гринфилд»)
    let lower = word.to_lowercase();
    let soft_c: String = {
        let chars: Vec<char> = lower.chars().collect();
        (0..chars.len())
            .map(|i| match (chars[i], chars.get(i + 1)) {
                ('c', Some('e' | 'i' | 'y')) => 's',
                (c, _) => c,
            })
            .collect()
    };
    let base = crate::names::hy_english_reading(&soft_c).unwrap_or(soft_c);
    if base.chars().count() < 4 || !base.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let vowel = |c: char| "aeiouy".contains(c);
    let chars: Vec<char> = base.chars().collect();
    let mut out = String::with_capacity(base.len() + 2);
    for (i, &c) in chars.iter().enumerate() {
        let ild = c == 'i'
            && i > 0
            && !vowel(chars[i - 1])
            && chars.get(i + 1) == Some(&'l')
            && chars.get(i + 2) == Some(&'d');
        if ild {
            out.push_str("ai");
        } else {
            out.push(c);
        }
    }
    if let Some(stem) = out.strip_suffix("ies") {
        if stem.chars().count() >= 3 {
            out = format!("{stem}is");
        }
    }
    // «ie» inside a word after a consonant: `field` «филд»
    let chars: Vec<char> = out.chars().collect();
    let out: String = chars
        .iter()
        .enumerate()
        .filter(|&(i, &c)| {
            !(c == 'e'
                && i >= 2
                && i + 1 < chars.len()
                && chars[i - 1] == 'i'
                && !vowel(chars[i - 2]))
        })
        .map(|(_, &c)| c)
        .collect();
    (out != lower).then_some(out)
}

/// Foreign first names written in Latin letters in the record and the way
/// Russians say and a recogniser writes them, when the letters alone do
/// not give it (`William` «Уильям», `Catherine` «Кэтрин»), normalised.
const RU_READINGS_OF_LATIN: &[(&str, &[&str])] = &[
    ("william", &["уильям", "вильям"]),
    ("catherine", &["кэтрин", "катрин", "кэтрин"]),
    ("katherine", &["кэтрин", "катрин"]),
    ("kathryn", &["кэтрин"]),
    ("james", &["джеймс"]),
    ("john", &["джон"]),
    ("michael", &["майкл"]),
    ("george", &["джордж"]),
    ("charles", &["чарльз"]),
    ("matthew", &["мэтью", "мэттью"]),
    ("andrew", &["эндрю"]),
    ("stephen", &["стивен"]),
    ("steven", &["стивен"]),
    ("joseph", &["джозеф"]),
    ("david", &["дэвид"]),
    ("daniel", &["дэниел"]),
    ("peter", &["питер"]),
    ("paul", &["пол"]),
    ("jack", &["джек"]),
    ("harry", &["гарри"]),
    ("henry", &["генри"]),
    ("jennifer", &["дженнифер"]),
    ("jessica", &["джессика"]),
    ("mary", &["мэри"]),
    ("kate", &["кейт"]),
    ("lucy", &["люси"]),
    ("sophie", &["софи"]),
    ("emily", &["эмили"]),
    ("grace", &["грейс"]),
    ("claire", &["клэр", "клер"]),
    ("helen", &["хелен", "элен"]),
    ("sarah", &["сара", "сэра"]),
    ("hans", &["ганс", "ханс"]),
    ("jean", &["жан"]),
    ("pierre", &["пьер"]),
    ("jacques", &["жак"]),
];

/// How Russians say a first name written in Latin letters (see
/// [`RU_READINGS_OF_LATIN`]); empty for other names.
pub(crate) fn ru_readings_of_latin(norm: &str) -> &'static [&'static str] {
    RU_READINGS_OF_LATIN
        .iter()
        .find(|(latin, _)| *latin == norm)
        .map_or(&[], |(_, read)| read)
}

/// A Latin word with its umlauts as Russians say them (`Müller` «Мюллер»,
/// `Schröder` «Шрёдер»): «ü» is «ю», «ö» «ё», «ä» «э», «ß» «сс»; the
/// skeleton then compares it with the Cyrillic. `None` without umlauts.
pub(crate) fn ru_umlauts_read(word: &str) -> Option<String> {
    let mut changed = false;
    let mut out = String::with_capacity(word.len() + 2);
    for c in word.chars() {
        let read = match c {
            'ü' | 'Ü' => "ю",
            'ö' | 'Ö' => "ё",
            'ä' | 'Ä' => "э",
            'ß' => "сс",
            _ => {
                out.push(c);
                continue;
            }
        };
        changed = true;
        out.push_str(read);
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_names_read_as_russians_say_them() {
        assert_eq!(ru_readings_of_latin("william"), &["уильям", "вильям"]);
        assert!(ru_readings_of_latin("catherine").contains(&"кэтрин"));
        assert!(ru_readings_of_latin("olga").is_empty());
        assert_eq!(ru_umlauts_read("Müller").as_deref(), Some("Mюller"));
        assert_eq!(ru_umlauts_read("Schröder").as_deref(), Some("Schrёder"));
        assert_eq!(ru_umlauts_read("Miller"), None);
    }

    #[test]
    fn latin_brands_read_as_a_russian_recogniser_writes_them() {
        let cases: &[(&str, Option<&str>)] = &[
            ("Wildberries", Some("waildberris")),
            ("Wildfire", Some("waildfair")),
            ("Goodies", Some("goodis")),
            ("Greenfield", Some("grinfild")),
            ("Insurance", Some("insurans")),
            ("Build", None),
            ("Ozon", None),
            ("Windows", None),
        ];
        for (word, want) in cases {
            assert_eq!(ru_english_reading(word).as_deref(), *want, "{word}");
        }
    }

    #[test]
    fn acronyms_are_spelled_letter_by_letter() {
        assert_eq!(ru_acronyms_spelled("МТС").as_deref(), Some("эм тэ эс"));
        assert_eq!(ru_acronyms_spelled("MTS").as_deref(), Some("эм тэ эс"));
        assert_eq!(
            ru_acronyms_spelled("Банк ВТБ").as_deref(),
            Some("Банк вэ тэ бэ")
        );
        assert_eq!(ru_acronyms_spelled("Ромашка"), None);
        assert_eq!(ru_acronyms_spelled("Теле2"), None);
        // a lower-case word or a long capital word is no acronym
        assert_eq!(ru_acronyms_spelled("мтс"), None);
        assert_eq!(ru_acronyms_spelled("РОСТЕЛЕКОМ"), None);
    }

    #[test]
    fn latin_acronyms_are_read_in_cyrillic_and_by_english_letter_names() {
        let cases: &[(&str, &[&str])] = &[
            ("DNS", &["ДНС", "ди эн эс"]),
            ("DPD", &["ДПД", "ди пи ди"]),
            ("Банк BTB", &["Банк БТБ", "Банк би ти би"]),
            // no Cyrillic letter for W, Y, J, Q, X: the English names only
            ("BMW", &["би эм дабл ю"]),
            ("Ромашка", &[]),
            ("Azimut Hotels", &[]),
            ("МТС", &[]),
            ("dns", &[]),
        ];
        for (name, want) in cases {
            assert_eq!(ru_latin_acronyms_read(name), *want, "{name}");
        }
    }

    #[test]
    fn a_brand_is_said_without_its_kind_of_company() {
        let brand = |name| ru_brand_without_kind(name);
        assert_eq!(brand("МедЛайн Клиник").as_deref(), Some("МедЛайн"));
        assert_eq!(brand("Арбат-Сервис").as_deref(), Some("Арбат"));
        assert_eq!(brand("Гарант-Страхование").as_deref(), Some("Гарант"));
        assert_eq!(brand("Линк Телеком").as_deref(), Some("Линк"));
        assert_eq!(brand("Банк Меридиан").as_deref(), Some("Меридиан"));
        assert_eq!(brand("«Восход» Банк").as_deref(), Some("Восход"));
        // no kind of company, a short brand, or more than two parts
        assert_eq!(brand("Быстрая Почта"), None);
        assert_eq!(brand("Дом Сервис"), None);
        assert_eq!(brand("Мир Кухни"), None);
        assert_eq!(brand("Ромашка"), None);
        assert_eq!(brand("Северный Ветер Логистик"), None);
        assert_eq!(brand("Банк Клиника"), None);
        // a brand, its kind, then a place
        assert_eq!(brand("AZIMUT Отель Смоленская").as_deref(), Some("AZIMUT"));
        assert_eq!(brand("Космос Отель Москва").as_deref(), Some("Космос"));
        assert_eq!(brand("Мир Отель Тверь"), None);
        // an English kind after a Latin brand
        assert_eq!(brand("Azimut Hotels").as_deref(), Some("Azimut"));
        assert_eq!(brand("Nordic Group").as_deref(), Some("Nordic"));
        assert_eq!(brand("Северный Ветер Логистик"), None);
    }
}
