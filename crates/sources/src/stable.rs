//! `stable_chars`: how many leading characters (Unicode scalar values) of a
//! segment's text will not change. Recognisers mark stability per word
//! (AWS `Stable`, AssemblyAI `word_is_final`); the stable prefix is the
//! text up to the end of the last word of the unbroken run of stable words
//! from the start.

/// Characters of `s`.
pub fn chars(s: &str) -> usize {
    s.chars().count()
}

/// The stable prefix of `text` given its words in order, each with whether
/// it is stable. Words are found in `text` left to right (punctuation may
/// sit between them); a word that cannot be found ends the run.
pub fn stable_prefix<'a>(text: &str, words: impl IntoIterator<Item = (&'a str, bool)>) -> usize {
    let mut pos = 0usize; // byte offset in text
    let mut stable_end = 0usize;
    for (w, stable) in words {
        if !stable {
            break;
        }
        let w = w.trim();
        if w.is_empty() {
            continue;
        }
        match text.get(pos..).and_then(|rest| rest.find(w)) {
            Some(i) => {
                pos += i + w.len();
                stable_end = pos;
            }
            None => break,
        }
    }
    chars(&text[..stable_end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_run_of_stable_words_from_the_start() {
        let t = "Добрый день, компания Ромашка";
        assert_eq!(
            stable_prefix(
                t,
                [
                    ("Добрый", true),
                    ("день", true),
                    (",", true),
                    ("компания", false)
                ]
            ),
            12
        );
        assert_eq!(stable_prefix(t, [("Добрый", false), ("день", true)]), 0);
        assert_eq!(stable_prefix(t, [("нет", true)]), 0);
        assert_eq!(
            stable_prefix(
                t,
                [
                    ("Добрый", true),
                    ("день", true),
                    ("компания", true),
                    ("Ромашка", true)
                ]
            ),
            chars(t)
        );
    }
}
