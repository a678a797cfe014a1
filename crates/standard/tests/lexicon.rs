//! Conformance of the default standard's phrase sets with real third-party
//! word lists in `../shared/data` (skipped with a message when absent):
//! the profanity test suite of asyncee/python-obscene-words-filter (words
//! that must and must not count), real operator quotes with diminutives,
//! and sourced Russian hesitation fillers.

use std::path::PathBuf;

use callqa_model::Lang;
use callqa_text::Slots;

fn data(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent", p.display());
        None
    }
}

/// The words of `text` that the set matches, as written in the text.
fn matched(set: &str, text: &str) -> Vec<String> {
    let std = callqa_standard::builtin();
    let book = std.book(Lang::Ru);
    let id = book
        .set_id(set)
        .unwrap_or_else(|| panic!("the default standard has no set {set:?}"));
    let analyzed = book.analyzer().analyze(text);
    book.find(&analyzed, &Slots::new())
        .into_iter()
        .filter(|m| m.set == id)
        .map(|m| text[m.start..m.end].to_string())
        .collect()
}

#[test]
fn profanity_matches_every_obscene_word_form_and_no_innocent_word() {
    let Some(path) = data("asyncee-obscene-words-filter/ru_obscene_stems_and_cases.json") else {
        return;
    };
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let tests = &json["tests"];
    let mut problems = Vec::new();
    for w in tests["must_be_bad_words"].as_array().unwrap() {
        let w = w.as_str().unwrap();
        if matched("profanity", w).is_empty() {
            problems.push(format!("not caught: {w}"));
        }
    }
    for w in tests["must_be_good_words"].as_array().unwrap() {
        let w = w.as_str().unwrap();
        let m = matched("profanity", w);
        if !m.is_empty() {
            problems.push(format!("false alarm: {w}"));
        }
    }
    for (text, want) in tests["find_bad_word_matches_without_good_words"]
        .as_object()
        .unwrap()
    {
        let want: Vec<&str> = want
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        let got = matched("profanity", text);
        if got != want {
            problems.push(format!("in «{text}»: got {got:?}, expected {want:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn real_operator_quotes_with_diminutives_are_caught() {
    let Some(path) = data("ru-speech-lexicon-references/ru_operator_diminutive_quotes.tsv") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut missed = Vec::new();
    for line in text.lines().skip(1) {
        let quote = line.split('\t').next().unwrap();
        if matched("diminutives", quote).is_empty() {
            missed.push(quote.to_string());
        }
    }
    assert!(
        missed.is_empty(),
        "quotes with no diminutive found:\n{}",
        missed.join("\n")
    );
}

#[test]
fn sourced_hesitation_fillers_are_fillers() {
    let Some(path) = data("ru-speech-lexicon-references/ru_fillers_sourced.tsv") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let mut missed = Vec::new();
    for line in text.lines().skip(1) {
        let mut cols = line.split('\t');
        let (phrase, kind) = (cols.next().unwrap(), cols.next().unwrap_or(""));
        // Hesitation sounds are fillers in any context; discourse words
        // («например», «вообще») are fillers only when overused, which the
        // standard leaves to each company's list.
        // «а-а» keeps two letters («аа»), so it is no conjunction «а».
        if kind == "hesitation" && matched("fillers", phrase).is_empty() {
            missed.push(phrase.to_string());
        }
    }
    assert!(
        missed.is_empty(),
        "hesitation fillers not in the fillers set: {missed:?}"
    );
}
