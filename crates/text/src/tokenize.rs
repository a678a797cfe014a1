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

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Word,
    Mark,
    Sep,
}

fn class_at(text: &str, pos: usize) -> (Class, usize) {
    let b = text.as_bytes()[pos];
    if b < 0x80 {
        let class = if b.is_ascii_alphanumeric() {
            Class::Word
        } else if b == b'-' || b == b'\'' || b == b'`' {
            Class::Mark
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

/// The length of the run of ASCII letters and digits and Russian letters
/// (U+0410–U+044F, «Ё», «ё») at the start of `bytes`.
#[inline]
fn plain_word_run(bytes: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let letter = match (b, bytes.get(i + 1)) {
            (0xD0, Some(&n)) => (0x90..=0xBF).contains(&n) || n == 0x81,
            (0xD1, Some(&n)) => (0x80..=0x8F).contains(&n) || n == 0x91,
            _ => false,
        };
        if !letter {
            break;
        }
        i += 2;
    }
    i
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
        // Skip to the first word character.
        let start = loop {
            if self.pos >= text.len() {
                return None;
            }
            let (class, len) = class_at(text, self.pos);
            if class == Class::Word {
                break self.pos;
            }
            self.pos += len;
        };
        let mut end = start;
        while self.pos < text.len() {
            // Runs of ASCII letters and digits and of Russian letters are
            // taken without the general classification (what `class_at`
            // says of them too: `Word`, one or two bytes each).
            let run = plain_word_run(&text.as_bytes()[self.pos..]);
            if run > 0 {
                self.pos += run;
                end = self.pos;
                continue;
            }
            let (class, len) = class_at(text, self.pos);
            match class {
                Class::Word => {
                    self.pos += len;
                    end = self.pos;
                }
                Class::Mark => self.pos += len,
                Class::Sep => break,
            }
        }
        Some((start, end))
    }
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
        ];
        for (text, expected) in cases {
            assert_eq!(words(text), *expected, "{text:?}");
        }
    }

    /// The fast run takes exactly the characters `class_at` calls words,
    /// with their lengths.
    #[test]
    fn plain_runs_agree_with_the_classes() {
        let mut taken = 0;
        for c in (0u32..0x800).filter_map(char::from_u32) {
            let s = c.to_string();
            let run = plain_word_run(s.as_bytes());
            if run > 0 {
                taken += 1;
                assert_eq!(run, s.len(), "{c:?}");
                assert!(class_at(&s, 0) == (Class::Word, s.len()), "{c:?}");
            }
        }
        assert_eq!(
            taken,
            62 + 66,
            "ASCII letters and digits, the Russian alphabet"
        );
    }
}
