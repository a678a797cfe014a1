//! Clauses said in another language than the call's: an Armenian operator's
//! «Спасибо за ожидание», «до свидания», a client swearing in Russian. The
//! words of such a clause are written in that language's script; the clause
//! is matched with that language's phrase book too (the same rule's sets,
//! its own analyzer, placeholders and negation), and its matches join the
//! utterance's, each carrying the language of its entry.
//!
//! Only text with a letter of another script pays: the test for one is a
//! byte scan, and a clause is analysed again only when the standard has a
//! book of its script's language other than the call's.

use callqa_model::Lang;
use callqa_text::{letter_language, Analyzed, Match, PhraseBook, Slots};

use crate::standard::model_language;

/// The scripts of the languages with a book of their own, other than the
/// call's (a bit per [`Lang`]); 0 when there are none.
pub(crate) type Others = u8;

pub(crate) fn bit(lang: Lang) -> Others {
    match lang {
        Lang::Ru => 1,
        Lang::En => 2,
        Lang::Hy => 4,
    }
}

/// Whether `text` may have a word written in one of `others`: a byte test,
/// no char decoding (Cyrillic letters start with the bytes D0–D3 in UTF-8,
/// Armenian ones with D4–D6; Latin letters are ASCII). Every utterance of
/// every call asks, so it is written to be vectorised: 32 bytes at a time,
/// without a branch per byte.
#[inline]
pub(crate) fn may_switch(text: &str, others: Others) -> bool {
    // Lead bytes of the other non-Latin scripts: `b - lo < len`.
    let (lo, len): (u8, u8) = match (others & bit(Lang::Ru) != 0, others & bit(Lang::Hy) != 0) {
        (true, true) => (0xD0, 7),
        (true, false) => (0xD0, 4),
        (false, true) => (0xD4, 3),
        (false, false) => (0, 0),
    };
    // ASCII letters, when English is another language: `(b | 0x20) - 'a' < latin`.
    let latin: u8 = if others & bit(Lang::En) != 0 { 26 } else { 0 };
    let hit =
        |b: u8| (b.wrapping_sub(lo) < len) as u8 | ((b | 0x20).wrapping_sub(b'a') < latin) as u8;
    let bytes = text.as_bytes();
    let mut chunks = bytes.chunks_exact(32);
    for chunk in &mut chunks {
        if chunk.iter().fold(0u8, |acc, &b| acc | hit(b)) != 0 {
            return true;
        }
    }
    chunks.remainder().iter().fold(0u8, |acc, &b| acc | hit(b)) != 0
}

/// The script of a word: the language every letter of it is written in,
/// `None` for a word without letters (a number); a word of mixed scripts
/// («SMS-ով») belongs to the call's language.
fn script(word: &str, call: Lang) -> Option<Lang> {
    let mut found = None;
    for lang in word.chars().filter_map(letter_language).map(model_language) {
        match found {
            None => found = Some(lang),
            Some(l) if l == lang => {}
            Some(_) => return Some(call),
        }
    }
    found
}

/// A run of words of one other language: tokens `[first, end)` of the
/// utterance, and the bytes from the first word to the next word of
/// another script (so a `?` or `,` after the clause stays with it).
#[derive(Debug, PartialEq)]
pub(crate) struct Clause {
    pub lang: Lang,
    pub first: usize,
    pub end: usize,
    pub bytes: (usize, usize),
}

/// The clauses of `text` (analysed as `an` in the call's language `call`)
/// written in one of `others`. Words without letters inside a clause
/// belong to it.
pub(crate) fn clauses(text: &str, an: &Analyzed, call: Lang, others: Others) -> Vec<Clause> {
    let mut out: Vec<Clause> = Vec::new();
    // The open clause: its language, first token and last word of its script.
    let mut open: Option<(Lang, usize, usize)> = None;
    let close = |open: Option<(Lang, usize, usize)>, out: &mut Vec<Clause>| {
        if let Some((lang, first, last)) = open {
            let to = if last + 1 < an.len() {
                an.token(last + 1).start
            } else {
                text.len()
            };
            out.push(Clause {
                lang,
                first,
                end: last + 1,
                bytes: (an.token(first).start, to),
            });
        }
    };
    for (i, t) in an.tokens().enumerate() {
        match script(&text[t.start..t.end], call) {
            None => {}
            Some(lang) if lang != call && others & bit(lang) != 0 => match &mut open {
                Some((l, _, last)) if *l == lang => *last = i,
                _ => {
                    close(open.take(), &mut out);
                    open = Some((lang, i, i));
                }
            },
            Some(_) => close(open.take(), &mut out),
        }
    }
    close(open, &mut out);
    out
}

/// The matches of `book` (of the clause's language) in `clause` of `text`,
/// in the tokens of the utterance's own analysis `an`; a match of a set
/// that `own` (the utterance's matches so far) already has on any of the
/// same words is left out.
pub(crate) fn matches_in(
    text: &str,
    an: &Analyzed,
    clause: &Clause,
    book: &PhraseBook,
    slots: &Slots,
    own: &[Match],
    out: &mut Vec<Match>,
) {
    let (from, to) = clause.bytes;
    let sub = book.analyze(&text[from..to]);
    let token_at = |byte: usize, start: bool| {
        (clause.first..clause.end).find(|&k| {
            let t = an.token(k);
            if start {
                t.start == byte
            } else {
                t.end == byte
            }
        })
    };
    for mut m in book.find(&sub, slots) {
        let (Some(first), Some(last)) = (
            token_at(from + m.start, true),
            token_at(from + m.end, false),
        ) else {
            continue;
        };
        if own
            .iter()
            .any(|o| o.set == m.set && o.first_token <= last && first < o.end_token)
        {
            continue;
        }
        m.first_token = first;
        m.end_token = last + 1;
        m.start += from;
        m.end += from;
        out.push(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use callqa_text::{Analyzer, Language};

    /// A text, the other books, the clauses found (language and words).
    type Case<'a> = (&'a str, Others, &'a [(Lang, &'a str)]);

    #[test]
    fn finds_the_clauses_of_other_scripts() {
        let all = bit(Lang::Ru) | bit(Lang::En);
        let cases: &[Case] = &[
            ("Բարև ձեզ, լսում եմ։", all, &[]),
            (
                "Спасибо за ожидание, ձեր հայտը գրանցված է։",
                all,
                &[(Lang::Ru, "Спасибо за ожидание, ")],
            ),
            (
                "Всего доброго, до свидания.",
                all,
                &[(Lang::Ru, "Всего доброго, до свидания.")],
            ),
            // numbers inside a clause stay with it
            (
                "Перезвоню через 5 минут",
                all,
                &[(Lang::Ru, "Перезвоню через 5 минут")],
            ),
            // a word of mixed scripts is the call's
            ("Կուղարկեմ SMS-ով։", all, &[]),
            (
                "Լավ, thank you, до свидания",
                all,
                &[(Lang::En, "thank you, "), (Lang::Ru, "до свидания")],
            ),
            // without an English book Latin words are no clause
            ("Լավ, thank you", bit(Lang::Ru), &[]),
            ("Ալո, Samsung-ի՞ց եք", all, &[]),
        ];
        for (text, others, want) in cases {
            let an = Analyzer::new(Language::Hy).analyze(text);
            let got: Vec<(Lang, &str)> = clauses(text, &an, Lang::Hy, *others)
                .iter()
                .map(|c| (c.lang, &text[c.bytes.0..c.bytes.1]))
                .collect();
            assert_eq!(&got, want, "{text}");
            let scan = may_switch(text, *others);
            assert!(scan || want.is_empty(), "{text}: the byte test said no");
        }
    }
}

/// The matching seam end to end: a small standard with books of some
/// languages, one utterance of a call, the matches and their evidence.
#[cfg(test)]
mod matching {
    use callqa_model::{Call, Client, Direction, Lang, Operator, Party, Utterance};
    use callqa_text::PhraseBookBuilder;

    use crate::context::{CallView, Prepared};
    use crate::standard::{text_language, FormatExtras, Settings, Standard};
    use crate::StandardParts;

    /// Each set with its entries per language (`hy`, `ru`, `en`).
    const SETS: &[(&str, [&[&str]; 3])] = &[
        (
            "thanks_wait",
            [
                &["շնորհակալություն սպասելու համար"],
                &["спасибо за ожидание"],
                &["thank you for waiting"],
            ],
        ),
        (
            "farewell",
            [&["ցտեսություն"], &["до свидания"], &["goodbye"]],
        ),
        (
            "offer_help",
            [&["կարող եմ օգնել"], &["могу вам помочь"], &["can I help"]],
        ),
        (
            "company",
            [
                &["{company} ընկերություն"],
                &["компания {company}"],
                &["{company} company"],
            ],
        ),
        ("profanity", [&["բոզանոց"], &["блядь"], &["damn"]]),
        // an Armenian list that also has the Russian word
        ("bye", [&["пока"], &["пока"], &["bye"]]),
    ];

    fn standard(langs: &[Lang]) -> Standard {
        let books = langs
            .iter()
            .map(|&lang| {
                let column = match lang {
                    Lang::Hy => 0,
                    Lang::Ru => 1,
                    Lang::En => 2,
                };
                let mut b = PhraseBookBuilder::new(text_language(lang), 6);
                for (name, entries) in SETS {
                    let entries: Vec<String> =
                        entries[column].iter().map(|e| e.to_string()).collect();
                    b.add_set(name, &entries, false).expect("a good entry");
                }
                (lang, b.build())
            })
            .collect();
        Standard::new(StandardParts {
            id: "codeswitch".into(),
            revision: 1,
            title: String::new(),
            fallback_language: langs[0],
            settings: Settings::default(),
            company_names: Vec::new(),
            set_names: SETS.iter().map(|(n, _)| n.to_string()).collect(),
            rules: Vec::new(),
            books,
            requires: Default::default(),
            format: FormatExtras::version_1(langs[0], Vec::new()),
        })
    }

    fn call(lang: Lang, speaker: Party, text: &str) -> Call {
        Call {
            id: "c".into(),
            direction: Direction::Inbound,
            started_at: None,
            language: Some(lang),
            company: Some("Ромашка".into()),
            department: None,
            operator: Operator {
                id: "op".into(),
                name: None,
            },
            client: Client::default(),
            tags: Default::default(),
            events: Vec::new(),
            utterances: vec![Utterance {
                speaker,
                start: 1.0,
                end: 3.0,
                text: text.into(),
                words: Vec::new(),
            }],
        }
    }

    /// A match as the test reads it: set, the language of the evidence
    /// (`None`: the call's), the words, negated.
    type Found = (&'static str, Option<Lang>, &'static str, bool);
    /// The call's language, the standard's books, who speaks, the words,
    /// the matches.
    type Case = (Lang, &'static [Lang], Party, &'static str, &'static [Found]);

    use Lang::{En, Hy, Ru};
    const ALL: &[Lang] = &[Hy, Ru, En];

    #[test]
    fn a_clause_in_another_script_is_matched_in_its_language() {
        let cases: &[Case] = &[
            // a Russian clause in an Armenian call
            (
                Hy,
                ALL,
                Party::Operator,
                "Спасибо за ожидание, ձեր հայտը գրանցված է։",
                &[("thanks_wait", Some(Ru), "Спасибо за ожидание", false)],
            ),
            // both languages in one utterance, each in its own words
            (
                Hy,
                ALL,
                Party::Operator,
                "Շնորհակալություն սպասելու համար, всего доброго, до свидания",
                &[
                    (
                        "thanks_wait",
                        None,
                        "Շնորհակալություն սպասելու համար",
                        false,
                    ),
                    ("farewell", Some(Ru), "до свидания", false),
                ],
            ),
            // Russian negation negates the Russian clause
            (
                Hy,
                ALL,
                Party::Operator,
                "Лավ, я не могу вам помочь",
                &[("offer_help", Some(Ru), "могу вам помочь", true)],
            ),
            // placeholders are read with the clause's book
            (
                Hy,
                ALL,
                Party::Operator,
                "Компания «Ромашка», բարև ձեզ",
                &[("company", Some(Ru), "Компания «Ромашка", false)],
            ),
            // a client swearing in Russian
            (
                Hy,
                ALL,
                Party::Client,
                "Նույնը երեկ էլ էիք ասում, блядь",
                &[("profanity", Some(Ru), "блядь", false)],
            ),
            // an English clause in an Armenian call
            (
                Hy,
                ALL,
                Party::Operator,
                "Goodbye, ցտեսություն",
                &[
                    ("farewell", Some(En), "Goodbye", false),
                    ("farewell", None, "ցտեսություն", false),
                ],
            ),
            // a word the call's own list has is not matched twice
            (
                Hy,
                ALL,
                Party::Operator,
                "Ну пока",
                &[("bye", None, "пока", false)],
            ),
            // a standard without Russian sets does not read Russian
            (Hy, &[Hy, En], Party::Operator, "Спасибо за ожидание", &[]),
            // a call in a language without a book is matched with the
            // fallback book once, as the call's own
            (
                Hy,
                &[Ru],
                Party::Operator,
                "Спасибо за ожидание",
                &[("thanks_wait", None, "Спасибо за ожидание", false)],
            ),
            // the call's own script: nothing more
            (
                Ru,
                ALL,
                Party::Operator,
                "Спасибо за ожидание, до свидания",
                &[
                    ("thanks_wait", None, "Спасибо за ожидание", false),
                    ("farewell", None, "до свидания", false),
                ],
            ),
            // a Latin brand name inside Armenian speech is no English clause
            (
                Hy,
                ALL,
                Party::Operator,
                "Կուղարկեմ SMS-ով, ցտեսություն",
                &[("farewell", None, "ցտեսություն", false)],
            ),
        ];
        for (lang, books, speaker, text, want) in cases {
            let std = standard(books);
            let call = call(*lang, *speaker, text);
            let prepared = Prepared::new(&std, &call);
            let an = vec![prepared.analyze(&std, text)];
            let view = CallView::new(&std, &call, &an, prepared.lang, &prepared.unknown, true);
            let got: Vec<Found> = an[0]
                .matches
                .iter()
                .map(|m| {
                    let e = view.quote(0, m);
                    let set: &'static str = SETS[m.set.0 as usize].0;
                    let quote: &'static str = Box::leak(e.quote.into_boxed_str());
                    (set, e.lang, quote, m.negated)
                })
                .collect();
            assert_eq!(&got, want, "{lang:?} call, books {books:?}: {text}");
        }
    }
}
