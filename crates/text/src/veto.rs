//! `not:` entries: near-misses a phrase set must not count.
//!
//! Owns the `not:` prefix and the veto step of [`PhraseBook::find`]. An
//! entry written `not: переведу … деньги` is an ordinary phrase or pattern
//! that never matches itself; instead, every match of the same set that
//! shares a word with it is dropped («переведу вам деньги» is no transfer
//! announcement, "connect you to the internet" is no transfer, "thanks to
//! the update" is no closing thanks). A `not:` entry does not make its set
//! non-empty and is not part of the set when it is used as an `@group`.
//!
//! [`PhraseBook::find`]: crate::PhraseBook::find

use crate::find::Match;

/// The prefix of a veto entry.
pub(crate) const PREFIX: &str = "not:";

/// The entry without its `not:` prefix, when it has one.
pub(crate) fn strip(raw: &str) -> Option<&str> {
    let trimmed = raw.trim_start();
    let head = trimmed.get(..PREFIX.len())?;
    head.eq_ignore_ascii_case(PREFIX)
        .then(|| &trimmed[PREFIX.len()..])
}

/// Drops the veto matches from `out` and every match of the same set that
/// overlaps one of them. `is_veto` is indexed by entry id. Matches are few
/// per utterance, and the scan runs only when a veto matched.
pub(crate) fn apply(out: &mut Vec<Match>, is_veto: &[bool]) {
    let vetoed = |m: &Match| is_veto[m.entry as usize];
    if !out.iter().any(vetoed) {
        return;
    }
    let mut keep = vec![true; out.len()];
    for (i, m) in out.iter().enumerate() {
        if vetoed(m) {
            keep[i] = false;
            continue;
        }
        keep[i] = !out.iter().any(|v| {
            vetoed(v)
                && v.set == m.set
                && v.first_token < m.end_token
                && m.first_token < v.end_token
        });
    }
    let mut i = 0;
    out.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

#[cfg(test)]
mod tests {
    use crate::{Language, PhraseBookBuilder, Slots};

    fn hits(lang: Language, entries: &[&str], text: &str) -> Vec<String> {
        let mut builder = PhraseBookBuilder::new(lang, 6);
        let entries: Vec<String> = entries.iter().map(|e| e.to_string()).collect();
        builder.add_set("s", &entries, true).unwrap();
        let book = builder.build();
        let analyzed = book.analyze(text);
        book.find(&analyzed, &Slots::new())
            .iter()
            .map(|m| text[m.start..m.end].to_string())
            .collect()
    }

    #[test]
    fn a_veto_drops_overlapping_matches_of_its_set() {
        let set = [
            "(переведу | соединю) [вас]",
            "not: переведу … (деньги | средства)",
        ];
        assert_eq!(
            hits(Language::Ru, &set, "Сейчас переведу вас"),
            ["переведу вас"]
        );
        assert!(hits(Language::Ru, &set, "Сейчас переведу вам деньги").is_empty());
        assert_eq!(
            hits(
                Language::Ru,
                &set,
                "Переведу вам деньги. Сейчас соединю вас"
            ),
            ["соединю вас"]
        );
    }

    #[test]
    fn a_plain_veto_works_and_never_matches_itself() {
        let set = ["thanks", "not: thanks to", "not: no thanks needed"];
        assert_eq!(hits(Language::En, &set, "Thanks, bye"), ["Thanks"]);
        assert!(hits(Language::En, &set, "Thanks to the update it works").is_empty());
        assert!(hits(Language::En, &set, "No thanks needed, bye").is_empty());
        assert!(hits(Language::En, &["not: thanks to"], "thanks to you").is_empty());
    }

    #[test]
    fn a_veto_alone_leaves_the_set_empty_and_out_of_groups() {
        let mut builder = PhraseBookBuilder::new(Language::En, 6);
        let only = builder
            .add_set("only", &["not: hello".into()], true)
            .unwrap();
        builder
            .add_set("word", &["thanks".into(), "not: cheers".into()], true)
            .unwrap();
        let group = builder.add_set("g", &["@word + bye".into()], true).unwrap();
        let book = builder.build();
        assert!(book.set_is_empty(only));
        // `cheers` is no alternative of `@word`.
        let text = book.analyze("cheers bye");
        assert!(book
            .find(&text, &Slots::new())
            .iter()
            .all(|m| m.set != group));
        let text = book.analyze("thanks bye");
        assert!(book
            .find(&text, &Slots::new())
            .iter()
            .any(|m| m.set == group));
    }

    #[test]
    fn the_prefix_is_recognised_only_at_the_start() {
        assert_eq!(super::strip("not: a b"), Some(" a b"));
        assert_eq!(super::strip("  NOT:a"), Some("a"));
        assert_eq!(super::strip("nothing"), None);
        assert_eq!(super::strip("is not: a"), None);
        assert_eq!(super::strip("не"), None);
    }
}
