//! English names a client gives in their own introduction.
//!
//! Owns two English details of reading the client's name from a matched
//! `client_intro` phrase (see `shared::client_intro`): the name is the word
//! before a closing "here", "calling" or "speaking" ("This is Sam
//! speaking", "Sam here"), not that word; and a surname right after it
//! belongs to the name ("My name's Margaret Wilson" makes "Mrs
//! Wilson" an address too). Also when an English name match is no address:
//! a name that is also a word written in lower case in a text with
//! capitals ("the engineer will come" to a client Will), or a possessive
//! ("Mr Hill's wife" speaks of the client, not to them).

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

/// Whether the English match `start..end` of `text` is no address of the
/// client: in a text that uses capitals, its first word written in lower
/// case (a name there is capitalised: "we'll mark it", "the engineer will
/// come", "a grace period"); or its last word a possessive ("Mr Hill's
/// wife", "Mrs Moore's account").
pub(super) fn not_an_address(text: &str, start: usize, end: usize) -> bool {
    let Some(span) = text.get(start..end) else {
        return false;
    };
    // a text that starts with a capital is written with capitals (raw ASR
    // text is all lower case, perhaps but for "I")
    let cased = text
        .chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    let first = span.split_whitespace().next().unwrap_or_default();
    if cased && first.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let rest = text.get(end..).unwrap_or_default();
    let apostrophe_s = |s: &str| {
        let mut c = s.chars();
        matches!(c.next(), Some('\'' | '\u{2019}'))
            && matches!(c.next(), Some('s' | 'S'))
            && !c.next().is_some_and(char::is_alphanumeric)
    };
    let last = span.rsplit(char::is_whitespace).next().unwrap_or_default();
    let tail = last
        .char_indices()
        .rev()
        .nth(1)
        .map_or("", |(k, _)| &last[k..]);
    apostrophe_s(tail) || apostrophe_s(rest)
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

    #[test]
    fn a_lower_case_name_in_cased_text_or_a_possessive_is_no_address() {
        let at = |text: &str, word: &str| {
            let start = text.find(word).unwrap();
            not_an_address(text, start, start + word.len())
        };
        assert!(at("Okay, the engineer will come on Thursday, sir.", "will"));
        assert!(at("We'll mark it as urgent.", "mark"));
        assert!(!at("Okay Will, that's sorted.", "Will"));
        assert!(!at("Thanks, Mr Hill.", "Mr Hill"));
        // lower-case ASR text cannot tell: left to the phrase set
        assert!(!at("okay bill thats done", "bill"));
        assert!(!at("okay bob I'll sort that", "bob"));
        assert!(at("Do you want me to add Mr Hill's wife?", "Mr Hill's"));
        assert!(at("Do you want me to add Mr Hill's wife?", "Mr Hill"));
        assert!(at("is that mrs moore's account", "mrs moore's"));
    }
}
