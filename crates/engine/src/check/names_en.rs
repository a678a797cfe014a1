//! English names a client gives in their own introduction.
//!
//! Owns two English details of reading the client's name from a matched
//! `client_intro` phrase (see `shared::client_intro`): the name is the word
//! before a closing "here", "calling" or "speaking" ("This is Sam
//! speaking", "Sam here"), not that word; and a surname right after it
//! belongs to the name ("My name's Margaret Wilson" makes "Mrs
//! Wilson" an address too).

use callqa_text::Analyzed;

/// Words an English introduction ends with after the name.
const INTRO_TAIL: &[&str] = &["here", "calling", "speaking", "by", "the", "way"];

/// Words that are no surname even when capitalised after the name, or as
/// the last word of a lower-case introduction ("its sarah thanks").
const NOT_A_SURNAME: &[&str] = &[
    "i", "i'm", "im", "and", "from", "here", "calling", "speaking", "thanks", "thank", "please",
    "again", "yeah", "yes", "hi", "hello", "bye", "sorry", "okay", "ok", "love", "mate", "by",
    "the", "way", "though", "too", "now", "today", "there", "sir", "madam", "speak",
];

/// The name token of an English introduction matched over tokens
/// `first..end`: the last one that is not a closing word of [`INTRO_TAIL`].
pub(super) fn intro_name_token(an: &Analyzed, first: usize, end: usize) -> usize {
    let mut tok = end.saturating_sub(1);
    while tok > first && INTRO_TAIL.contains(&an.token(tok).norm) {
        tok -= 1;
    }
    tok
}

/// The byte span of the client's name in `text` from name token `tok`:
/// the token and the surname right after it in the same clause: in a text
/// with capitals a capitalised word ("Margaret Wilson"), in lower-case text
/// the last word of the utterance ("hi its sarah jones").
pub(super) fn intro_name_span(text: &str, an: &Analyzed, tok: usize) -> (usize, usize) {
    let t = an.token(tok);
    let next = tok + 1;
    if next < an.len() && !an.clause_starts(next) {
        let n = an.token(next);
        let word = &text[n.start..n.end];
        // in lower-case text only the last word can be told a surname
        let surname = if text.chars().any(char::is_uppercase) {
            word.chars().next().is_some_and(char::is_uppercase)
        } else {
            next + 1 == an.len()
        };
        if surname && word.chars().all(char::is_alphabetic) && !NOT_A_SURNAME.contains(&n.norm) {
            return (t.start, n.end);
        }
    }
    (t.start, t.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use callqa_text::{Analyzer, Language};

    fn an(text: &str) -> Analyzed {
        Analyzer::new(Language::En).analyze(text)
    }

    #[test]
    fn the_name_is_before_a_closing_word() {
        let a = an("This is Sam speaking.");
        assert_eq!(a.token(intro_name_token(&a, 0, 4)).norm, "sam");
        let a = an("Hi, Sam here, calling about my broadband.");
        assert_eq!(a.token(intro_name_token(&a, 0, 3)).norm, "sam");
        let a = an("my name is tom");
        assert_eq!(a.token(intro_name_token(&a, 0, 4)).norm, "tom");
    }

    #[test]
    fn a_capitalised_surname_joins_the_name() {
        let text = "My name's Margaret Wilson, I'm calling about my pension.";
        let a = an(text);
        let (s, e) = intro_name_span(text, &a, 2);
        assert_eq!(&text[s..e], "Margaret Wilson");
        let text = "My name's Tom, I'm calling.";
        let a = an(text);
        let (s, e) = intro_name_span(text, &a, 2);
        assert_eq!(&text[s..e], "Tom");
        // lower-case ASR text: only a last word is a surname
        let text = "hi its sarah jones";
        let a = an(text);
        let (s, e) = intro_name_span(text, &a, 2);
        assert_eq!(&text[s..e], "sarah jones");
        let text = "its sarah thanks";
        let a = an(text);
        let (s, e) = intro_name_span(text, &a, 1);
        assert_eq!(&text[s..e], "sarah");
        let text = "my names tom calling about my bill";
        let a = an(text);
        let (s, e) = intro_name_span(text, &a, 2);
        assert_eq!(&text[s..e], "tom");
        let text = "It's Sam. I called yesterday.";
        let a = an(text);
        let (s, e) = intro_name_span(text, &a, 1);
        assert_eq!(&text[s..e], "Sam");
    }
}
