//! Russian company names as an operator says them and a recogniser writes
//! them: acronyms spelled letter by letter.
//!
//! Owns the Russian names of the letters, used by `slots.rs` for
//! `{company}`: `МТС` / `MTS` is said «эм тэ эс», `ВТБ` «вэ тэ бэ», and a
//! recogniser writes the letters as separate words or as one.

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
