//! Snowball stemming of normalised words (Russian, English, Armenian).
//!
//! Owns the choice of stemmer per language and the guard that a stem is never
//! empty. Input is a normalised word (`normalize.rs`); caching is `cache.rs`.

use snowball_stemmers_rs::{Algorithm, Stemmer};

use crate::Language;

/// Appends the stem of the normalised word `norm` to `out`.
///
/// A number («2026», «15») is its own stem in every language: Snowball's
/// rules only take letters off, so the stemmer is not run on it (a third
/// of the words a realistic corpus has not seen before are numbers).
pub(crate) fn stem_into(lang: Language, norm: &str, out: &mut String) {
    if norm.bytes().all(|b| b.is_ascii_digit()) {
        out.push_str(norm);
        return;
    }
    stem_letters(lang, norm, out);
}

/// [`stem_into`] through the stemmer, whatever the word is.
fn stem_letters(lang: Language, norm: &str, out: &mut String) {
    let algorithm = match lang {
        Language::Ru => Algorithm::Russian,
        Language::En => Algorithm::English,
        Language::Hy => Algorithm::Armenian,
    };
    let norm = match lang {
        Language::Hy => strip_armenian_article(norm),
        _ => norm,
    };
    let stem = Stemmer::create(algorithm).stem(norm);
    let stem = if stem.is_empty() { norm } else { &stem };
    let stem = match lang {
        Language::Ru => strip_personal_ending(stem),
        _ => stem,
    };
    out.push_str(stem);
}

/// Strips the definite article «-ը», which Snowball Armenian handles
/// inconsistently («շնորհակալությունը» → «շնորհակալ», but
/// «շնորհակալություն» → «շնորհակալությ»).
fn strip_armenian_article(norm: &str) -> &str {
    match norm.strip_suffix('ը') {
        // two letters are a word too: «օրը» is «օր», «էշը» is «էշ»
        Some(rest) if rest.chars().count() >= 2 => rest,
        _ => norm,
    }
}

/// Strips the verb endings «-ет»/«-еш» that Snowball Russian leaves when
/// they are not preceded by «а»/«я» («подождёте» → «подождет» → «подожд»,
/// the stem of «подождите»). Nouns ending in «-ет» («кабинет») lose it too,
/// in every case form, so both sides of a comparison still agree.
fn strip_personal_ending(stem: &str) -> &str {
    match stem.strip_suffix("ет").or_else(|| stem.strip_suffix("еш")) {
        Some(rest) if rest.chars().count() >= 3 => rest,
        _ => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(lang: Language, norm: &str) -> String {
        let mut out = String::new();
        stem_into(lang, norm, &mut out);
        out
    }

    #[test]
    fn a_number_is_its_own_stem_as_the_stemmer_says() {
        let langs = [Language::Ru, Language::En, Language::Hy];
        let long = ["00000000000000000000", "4276380012345679", "79161234567"];
        let numbers = (0..=3000u32)
            .map(|n| n.to_string())
            .chain((0..100u32).map(|n| format!("{n:04}")))
            .chain(long.iter().map(|s| s.to_string()));
        for n in numbers {
            for lang in langs {
                let mut full = String::new();
                stem_letters(lang, &n, &mut full);
                assert_eq!(full, n, "{lang:?}");
                assert_eq!(stem(lang, &n), n, "{lang:?}");
            }
        }
    }

    #[test]
    fn word_forms_share_a_stem() {
        let groups: &[(Language, &[&str])] = &[
            (Language::Ru, &["благодарю", "благодарим"]),
            (
                Language::Ru,
                &["подождите", "подождете", "подождет", "подождешь"],
            ),
            (Language::Ru, &["кабинет", "кабинете", "кабинета"]),
            (Language::Ru, &["компания", "компании", "компанию"]),
            (Language::Ru, &["иван", "ивана"]),
            (Language::Ru, &["петрович", "петровича"]),
            (Language::Ru, &["анна", "анну"]),
            (Language::En, &["thanks", "thank"]),
            (Language::En, &["waiting", "wait"]),
            (Language::Hy, &["շնորհակալություն", "շնորհակալությունը"]),
            (Language::Hy, &["օր", "օրը"]),
        ];
        for (lang, words) in groups {
            let first = stem(*lang, words[0]);
            for word in *words {
                assert_eq!(stem(*lang, word), first, "{word:?}");
            }
        }
    }
}
