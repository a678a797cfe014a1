//! The languages callqa analyses and script-based language detection.
//!
//! Owns [`Language`] and [`detect_language`]; it does not know how words of a
//! language are normalised or stemmed (see `normalize.rs`, `stem.rs`).

/// A language with its own analyzer (stemmer and negation words).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Language {
    /// Russian (Cyrillic script).
    Ru,
    /// English (Latin script).
    En,
    /// Armenian (Armenian script).
    Hy,
}

impl Language {
    /// All languages, in a stable order.
    pub const ALL: [Language; 3] = [Language::Ru, Language::En, Language::Hy];

    /// The ISO 639-1 code: `"ru"`, `"en"` or `"hy"`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::En => "en",
            Language::Hy => "hy",
        }
    }

    /// Parses an ISO 639-1 code (case-insensitive).
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|lang| lang.code().eq_ignore_ascii_case(code))
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Language::Ru => 0,
            Language::En => 1,
            Language::Hy => 2,
        }
    }
}

/// The language whose script the letter `c` is written in: Latin letters
/// (with the accented ones of U+00C0–U+024F) English, Cyrillic Russian,
/// Armenian Armenian; `None` for anything else (digits, marks, other scripts).
pub fn letter_language(c: char) -> Option<Language> {
    match c {
        'a'..='z' | 'A'..='Z' => Some(Language::En),
        '\u{0400}'..='\u{04FF}' if c.is_alphabetic() => Some(Language::Ru),
        '\u{0531}'..='\u{0556}' | '\u{0561}'..='\u{0587}' | '\u{FB13}'..='\u{FB17}' => {
            Some(Language::Hy)
        }
        _ if c.is_ascii() => None,
        _ if c.is_alphabetic() && ('\u{00C0}'..='\u{024F}').contains(&c) => Some(Language::En),
        _ => None,
    }
}

/// Detects the language of `text` by the script of its letters.
///
/// Armenian letters mean [`Language::Hy`], Cyrillic [`Language::Ru`], Latin
/// [`Language::En`]. Armenian wins when at least a fifth of the letters are
/// Armenian, then Cyrillic likewise, so Latin brand names in Armenian or
/// Russian speech («Բարև ձեզ, Romashka») do not flip the language; otherwise
/// the script with the most letters wins. Returns `None` when the text has no
/// letters of these scripts.
pub fn detect_language(text: &str) -> Option<Language> {
    let (mut hy, mut ru, mut en) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        match letter_language(c) {
            Some(Language::En) => en += 1,
            Some(Language::Ru) => ru += 1,
            Some(Language::Hy) => hy += 1,
            None => {}
        }
    }
    let total = hy + ru + en;
    let best = hy.max(ru).max(en);
    if total == 0 {
        None
    } else if hy * 5 >= total {
        Some(Language::Hy)
    } else if ru * 5 >= total {
        Some(Language::Ru)
    } else if hy == best {
        Some(Language::Hy)
    } else if ru == best {
        Some(Language::Ru)
    } else {
        Some(Language::En)
    }
}
