//! Negation words per language.
//!
//! Owns the lists that decide whether a normalised word negates what follows
//! («не», "don't", «չեմ»). Deciding whether a match is negated (the two-token
//! window) is done by the phrase matcher in `find.rs`.

use crate::Language;

const RU: &[&str] = &["не", "ни", "нет"];

// Normalised forms: apostrophes are dropped by normalisation.
const EN: &[&str] = &[
    "not", "no", "never", "dont", "cant", "cannot", "wont", "doesnt", "didnt", "isnt", "couldnt",
    "arent", "wasnt", "werent", "shouldnt", "wouldnt", "havent", "hasnt", "nt",
];

const HY_WORDS: &[&str] = &["ոչ", "մի"];

// Words starting with «չ» that are not negated verb forms.
const HY_NOT_NEGATION: &[&str] = &["չորս", "չափ", "չար", "չոր", "չամիչ", "չափազանց"];

/// Whether the normalised word `norm` is a negation word in `lang`.
pub(crate) fn is_negation(lang: Language, norm: &str) -> bool {
    match lang {
        Language::Ru => RU.contains(&norm),
        Language::En => EN.contains(&norm),
        Language::Hy => {
            HY_WORDS.contains(&norm)
                || (norm.starts_with('չ')
                    && norm.chars().count() >= 2
                    && !HY_NOT_NEGATION.iter().any(|w| norm.starts_with(w)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases = [
            (Language::Ru, "не", true),
            (Language::Ru, "нет", true),
            (Language::Ru, "ни", true),
            (Language::Ru, "нам", false),
            (Language::En, "dont", true),
            (Language::En, "cannot", true),
            (Language::En, "now", false),
            (Language::Hy, "չեմ", true),
            (Language::Hy, "չենք", true),
            (Language::Hy, "չի", true),
            (Language::Hy, "չէ", true),
            (Language::Hy, "ոչ", true),
            (Language::Hy, "մի", true),
            (Language::Hy, "չորս", false),
            (Language::Hy, "կարող", false),
        ];
        for (lang, word, expected) in cases {
            assert_eq!(is_negation(lang, word), expected, "{word:?}");
        }
    }
}
