//! Word segmentation: raw word spans as byte offsets into the original text.
//!
//! Owns the character classes of the pipeline (what is a word character, what
//! is a mark that may stand inside a word). It does not normalise or stem.
//!
//! A word is a run of letters and digits that may contain inner marks:
//! hyphens («э-э», "mm-hmm"), apostrophes ("don't"), combining accents
//! («позвони́те») and the Armenian marks ՚ ՛ ՜ ՞ ՟ ֊ («ինչո՞վ»). Marks at the
//! edges of a run are not part of the span. Everything else (spaces, quotes,
//! punctuation, the Armenian full stop ։ and comma ՝) separates words.
//!
//! A censored word — letters with asterisks a transcript or recogniser put
//! in place of some of them ("f***ing", "s**t", "b*****ks", «խ***») — is one
//! word with its asterisks (see [`is_masked`]): a run of `*` inside a word,
//! or a run of two or more at its end. A single `*` after a word ("note*")
//! and asterisks before one are no part of it.

/// Whether `c` may stand inside a word without splitting it.
pub(crate) fn is_inner_mark(c: char) -> bool {
    matches!(
        c,
        '-' | '\''
            | '`'
            | '\u{00AD}'
            | '\u{02BC}'
            | '\u{2010}'
            | '\u{2011}'
            | '\u{2018}'
            | '\u{2019}'
            | '\u{200C}'
            | '\u{200D}'
            | '\u{055A}'..='\u{055C}'
            | '\u{055E}'
            | '\u{055F}'
            | '\u{058A}'
            | '\u{0300}'..='\u{036F}'
    )
}

/// Whether `c` is a word character (kept by normalisation).
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() && !is_inner_mark(c)
    }
}

/// Whether the raw word `raw` (a span of [`tokenize`]) is a censored word:
/// it starts with a letter and holds an asterisk ("f***", "sh*t"; not a
/// masked number such as "4111**1234"). Normalisation reads every such word
/// as the one form `normalize::MASKED_WORD`, so a phrase entry written
/// masked ("f***") stands for any of them.
pub(crate) fn is_masked(raw: &str) -> bool {
    raw.contains('*') && raw.chars().next().is_some_and(char::is_alphabetic)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Mark,
    /// `*`, the asterisk of a censored word.
    Mask,
    Sep,
}

fn class_at(text: &str, pos: usize) -> (Class, usize) {
    let b = text.as_bytes()[pos];
    if b < 0x80 {
        let class = if b.is_ascii_alphanumeric() {
            Class::Word
        } else if b == b'-' || b == b'\'' || b == b'`' {
            Class::Mark
        } else if b == b'*' {
            Class::Mask
        } else {
            Class::Sep
        };
        return (class, 1);
    }
    // Fast path for two-byte letters: Cyrillic and Armenian speech is made
    // of them, and the general Unicode tables are far slower.
    if (0xC2..0xE0).contains(&b) {
        if let Some(&next) = text.as_bytes().get(pos + 1) {
            let cp = (u32::from(b & 0x1F) << 6) | u32::from(next & 0x3F);
            if matches!(cp, 0x410..=0x44F | 0x401 | 0x451 | 0x531..=0x556 | 0x561..=0x587) {
                return (Class::Word, 2);
            }
        }
    }
    let c = text[pos..].chars().next().unwrap_or(' ');
    let class = if is_inner_mark(c) {
        Class::Mark
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Sep
    };
    (class, c.len_utf8())
}

/// The classes of the ASCII characters, by byte: one load instead of the
/// range comparisons, for the commonest bytes of the hot path.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Sep; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            table[b] = Class::Word;
        } else if c == b'-' || c == b'\'' || c == b'`' {
            table[b] = Class::Mark;
        } else if c == b'*' {
            table[b] = Class::Mask;
        }
        b += 1;
    }
    table
};

/// The class of the character at `pos` for the common cases, without a
/// call: ASCII, the Russian alphabet (U+0410–U+044F, «Ё», «ё») and the
/// Armenian letters `class_at` takes on its fast path; `None` for any other
/// character (then `class_at` decides). Segmentation runs on every byte of
/// every utterance, so this is the tokeniser's hot path; a test checks it
/// against `class_at` on every character it answers for.
#[inline(always)]
fn fast_class(bytes: &[u8], pos: usize) -> Option<(Class, usize)> {
    let b = bytes[pos];
    if b < 0x80 {
        return Some((ASCII_CLASS[usize::from(b)], 1));
    }
    let next = *bytes.get(pos + 1)?;
    let letter = match b {
        0xD0 => (0x90..=0xBF).contains(&next) || next == 0x81,
        0xD1 => (0x80..=0x8F).contains(&next) || next == 0x91,
        // Armenian capitals U+0531–U+0556 and small letters U+0561–U+0587.
        0xD4 => (0xB1..=0xBF).contains(&next),
        0xD5 => (0x80..=0x96).contains(&next) || (0xA1..=0xBF).contains(&next),
        0xD6 => (0x80..=0x87).contains(&next),
        _ => false,
    };
    letter.then_some((Class::Word, 2))
}

/// The class of the character at `pos`: [`fast_class`], else `class_at`.
#[inline(always)]
fn class_of(text: &str, pos: usize) -> (Class, usize) {
    match fast_class(text.as_bytes(), pos) {
        Some(answer) => answer,
        None => class_at(text, pos),
    }
}

/// Iterator over raw word spans; see [`tokenize`].
#[derive(Clone, Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl Iterator for Tokens<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let len = text.len();
        // A local cursor (not `self.pos`) keeps the loops in registers.
        let mut pos = self.pos;
        // Skip to the first word character.
        let start = loop {
            if pos >= len {
                self.pos = pos;
                return None;
            }
            let (class, n) = class_of(text, pos);
            if class == Class::Word {
                break pos;
            }
            pos += n;
        };
        let mut end = start;
        while pos < len {
            let (class, n) = class_of(text, pos);
            match class {
                Class::Word => {
                    pos += n;
                    end = pos;
                }
                Class::Mark => pos += n,
                Class::Mask => pos = mask_run(text.as_bytes(), pos, &mut end),
                Class::Sep => break,
            }
        }
        self.pos = pos;
        Some((start, end))
    }
}

/// Steps over the run of `*` at `pos` inside a word whose span so far ends
/// at `end`; a run of two or more right after the word's last letter joins
/// the span (the end of "f***"). A letter after any run joins it through
/// the caller ("f***ing", "sh*t").
#[inline]
fn mask_run(bytes: &[u8], pos: usize, end: &mut usize) -> usize {
    let mut after = pos;
    while bytes.get(after) == Some(&b'*') {
        after += 1;
    }
    if pos == *end && after - pos >= 2 {
        *end = after;
    }
    after
}

/// Raw word spans of `text` as `(start, end)` byte offsets.
///
/// This is segmentation only (no normalisation or stemming): the floor the
/// benchmarks compare the analyzer against. Every span starts and ends on a
/// char boundary and contains at least one letter or digit.
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).map(|(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn spans() {
        let cases: &[(&str, &[&str])] = &[
            ("", &[]),
            ("  ,.!", &[]),
            (
                "Здравствуйте, компания «Ромашка»!",
                &["Здравствуйте", "компания", "Ромашка"],
            ),
            ("э-э, ну", &["э-э", "ну"]),
            ("mm-hmm.", &["mm-hmm"]),
            ("don't 'quoted'", &["don't", "quoted"]),
            (
                "ինչո՞վ կարող եմ օգնել։",
                &["ինչո՞վ", "կարող", "եմ", "օգնել"],
            ),
            ("բարև՝ ինչպե՞ս", &["բարև", "ինչպե՞ս"]),
            ("a -- b - c", &["a", "b", "c"]),
            ("word—word", &["word", "word"]),
            ("24/7 support", &["24", "7", "support"]),
            ("позвони́те", &["позвони́те"]),
            ("ЁЖИК ёжик Я я А а", &["ЁЖИК", "ёжик", "Я", "я", "А", "а"]),
            ("ѐ ѓ ѐж", &["ѐ", "ѓ", "ѐж"]),
            // censored words keep their asterisks; a lone or leading '*' is no part of a word
            ("f***ing s**t, b****.", &["f***ing", "s**t", "b****"]),
            ("sh*t f*** d***head", &["sh*t", "f***", "d***head"]),
            ("խ*** եք", &["խ***", "եք"]),
            ("note* *** *star", &["note", "star"]),
            ("a** b-** c*-d", &["a**", "b", "c*-d"]),
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "{text:?}");
        }
    }

    /// The inline classes are `class_at`'s, with the same lengths, on every
    /// character they answer for.
    #[test]
    fn fast_classes_agree_with_class_at() {
        let mut taken = 0;
        for c in (0u32..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.to_string();
            if let Some(fast) = fast_class(s.as_bytes(), 0) {
                taken += 1;
                assert!(fast == class_at(&s, 0), "{c:?}");
            }
        }
        assert_eq!(
            taken,
            128 + 66 + 38 + 39,
            "ASCII, the Russian alphabet, the Armenian letters"
        );
    }

    /// Segmentation as it was before the inline classes: `class_at` alone.
    fn reference(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < text.len() {
            let (class, len) = class_at(text, pos);
            if class != Class::Word {
                pos += len;
                continue;
            }
            let start = pos;
            let mut end = pos;
            while pos < text.len() {
                let (class, len) = class_at(text, pos);
                match class {
                    Class::Word => {
                        pos += len;
                        end = pos;
                    }
                    Class::Mark => pos += len,
                    Class::Mask => pos = mask_run(text.as_bytes(), pos, &mut end),
                    Class::Sep => break,
                }
            }
            out.push((start, end));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn spans_are_those_of_class_at(
            text in "[a-zA-Z0-9 ,.*'`\\-ёЁа-яА-ЯѐѓӁԱ-Ֆա-ևաՙ՚՛՜՞֊\u{0301}\u{00AD}\u{2019}«»—é中😀]{0,40}"
        ) {
            let got: Vec<_> = tokenize(&text).collect();
            proptest::prop_assert_eq!(got, reference(&text));
        }
    }
}
