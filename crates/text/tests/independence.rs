//! Each entry of a phrase set matches the same texts whatever else the book
//! holds and in whatever order the entries are written (callqa issue 7:
//! a tuner adding one entry must not silently change another).
//!
//! Every row is run twice: with the entries alone and with unrelated
//! entries, vetoes or sets added (or the entries reordered); the result for
//! the entries under test must not change.
//!
//! Mechanism behind the first test (ignored until decided): a word gets
//! one term id per book (`Inner::resolve`): the term of its stem when any
//! entry of the book has that stem, otherwise the first fuzzy-set term one
//! edit away. So «отвлеку» listed in any set gives the word its own term,
//! and «не отвлекаю» (stem «отвлека», one edit from «отвлек») stops
//! matching it; and of two terms one edit away only the first found counts.

use callqa_text::{Language, PhraseBookBuilder, Slots};

/// `(set, entry, matched text, negated)` of every match of sets named in
/// `watch`, for a book of `sets` (fuzzy, 6 letters).
fn run(
    lang: Language,
    sets: &[(&str, &[&str])],
    watch: &[&str],
    text: &str,
) -> Vec<(String, String, bool)> {
    let mut builder = PhraseBookBuilder::new(lang, 6);
    for (name, entries) in sets {
        let entries: Vec<String> = entries.iter().map(|e| e.to_string()).collect();
        builder.add_set(name, &entries, true).unwrap();
    }
    let book = builder.build();
    // Both ways of analysing: with the book (term ids carried) and without.
    let with_book = book.analyze(text);
    let plain = book.analyzer().analyze(text);
    let mut results = Vec::new();
    for analyzed in [&with_book, &plain] {
        let found: Vec<(String, String, bool)> = book
            .find(analyzed, &Slots::new())
            .into_iter()
            .filter(|m| watch.contains(&book.set_name(m.set)))
            .map(|m| {
                (
                    book.set_name(m.set).to_string(),
                    text[m.start..m.end].to_string(),
                    m.negated,
                )
            })
            .collect();
        results.push(found);
    }
    assert_eq!(results[0], results[1], "{text}: with and without the book");
    results.pop().unwrap()
}

/// One row: a base book, the same book with more added, the text, and what
/// the watched sets must match in both (`!` marks a negated match).
struct Row {
    lang: Language,
    base: &'static [(&'static str, &'static [&'static str])],
    more: &'static [(&'static str, &'static [&'static str])],
    text: &'static str,
    expect: &'static [&'static str],
}

fn check(rows: &[Row]) {
    let mut problems = Vec::new();
    for row in rows {
        let watch: Vec<&str> = row.base.iter().map(|(name, _)| *name).collect();
        let expect: Vec<(String, bool)> = row
            .expect
            .iter()
            .map(|e| match e.strip_prefix('!') {
                Some(rest) => (rest.to_string(), true),
                None => (e.to_string(), false),
            })
            .collect();
        let mut both = row.base.to_vec();
        both.extend_from_slice(row.more);
        for (label, sets) in [("alone", row.base.to_vec()), ("with more", both)] {
            let got: Vec<(String, bool)> = run(row.lang, &sets, &watch, row.text)
                .into_iter()
                .map(|(_, span, negated)| (span, negated))
                .collect();
            if got != expect {
                problems.push(format!(
                    "{label}: {:?} in {:?}: got {got:?}, expected {expect:?}",
                    row.text, sets
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
#[ignore = "a token carries one term id, and a stem found in the book's vocabulary gets no one-edit substitute, so any set's word forms decide whether another set matches a misspelling; the vocabulary is also what keeps real one-letter neighbours (hy կզանգեք/կզանգեմ, ru позволите/позвольте) from matching, so removing the coupling costs dev paraphrase hy -6 ru -1 and blind calls en -1 hy -4 (branch match3-setlocal): it needs a per-set or per-language list of real word forms first"]
fn a_word_form_added_elsewhere_does_not_change_how_other_entries_match() {
    check(&[
        // «отвлеку» is one edit from «отвлекаю»'s stem: adding the form
        // literally to another set must not take that away.
        Row {
            lang: Language::Ru,
            base: &[("not_disturbing", &["не отвлекаю"])],
            more: &[("other", &["отвлеку вас на минуту"])],
            text: "Не отвлеку",
            expect: &["Не отвлеку"],
        },
        Row {
            lang: Language::Ru,
            base: &[("not_disturbing", &["не отвлекаю"])],
            more: &[("other", &["=отвлеку вас", "not: отвлеку … деньги"])],
            text: "Я вас не отвлеку?",
            expect: &["не отвлеку"],
        },
        // A misspelling one edit from two phrase words matches both.
        Row {
            lang: Language::Ru,
            base: &[("company", &["компания"])],
            more: &[("campaign", &["кампания"])],
            text: "кампания",
            expect: &["кампания"],
        },
        Row {
            lang: Language::Ru,
            base: &[("company", &["(наша | ваша) компания"])],
            more: &[("campaign", &["кампания … скидок"])],
            text: "наша кампания",
            expect: &["наша кампания"],
        },
        // A veto keeps catching what it caught when another set gets a
        // veto of its own with a related word form.
        Row {
            lang: Language::Hy,
            base: &[(
                "hold_request",
                &["կարող եք սպասել", "not: սպասել …3 (=առաքիչին | =առաքչին)"],
            )],
            more: &[(
                "colleague_away",
                &["not: =առաքիչը … (=կլինի | =կգա)", "չկա"],
            )],
            text: "Կարո՞ղ եք սպասել առաքիչին",
            expect: &[],
        },
    ]);
}

#[test]
fn a_non_negated_reading_of_the_same_words_wins_whatever_the_entry_order() {
    let negated_first: &[&str] = &["вас …2 отвлекаю", "вас не (отвлекаю | беспокою)"];
    let positive_first: &[&str] = &["вас не (отвлекаю | беспокою)", "вас …2 отвлекаю"];
    for entries in [negated_first, positive_first] {
        let found = run(
            Language::Ru,
            &[("inconvenient", entries)],
            &["inconvenient"],
            "Я вас не отвлекаю?",
        );
        assert_eq!(
            found,
            [(
                "inconvenient".to_string(),
                "вас не отвлекаю".to_string(),
                false
            )],
            "{entries:?}"
        );
    }
    // A plain phrase and a pattern over the same words: the same rule.
    for entries in [
        &["удобно …2 говорить", "удобно не говорить"][..],
        &["удобно не говорить", "удобно …2 говорить"][..],
    ] {
        let found = run(
            Language::Ru,
            &[("s", entries)],
            &["s"],
            "Удобно не говорить",
        );
        assert_eq!(found.len(), 1, "{entries:?}");
        assert!(!found[0].2, "{entries:?}: {found:?}");
    }
    // Negated only when every reading of the chosen words is negated.
    let found = run(
        Language::Ru,
        &[("s", &["могу вам помочь", "могу … помочь"])],
        &["s"],
        "я не могу вам помочь",
    );
    assert_eq!(
        found,
        [("s".to_string(), "могу вам помочь".to_string(), true)]
    );
}
