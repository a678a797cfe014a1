//! Table tests of the message catalogue: every message in every language,
//! the parameters each template names, and the forms counts take.

use super::*;
use callqa_model::Party;
use render_impl::decimal;

#[test]
fn every_message_is_written_in_every_language() {
    for &msg in Msg::ALL {
        for lang in Lang::ALL {
            let t = msg.template(lang);
            assert!(!t.trim().is_empty(), "{msg:?} is empty in {lang:?}");
            assert_ne!(
                t,
                msg.template(if lang == Lang::En { Lang::Ru } else { Lang::En }),
                "{msg:?} in {lang:?} is a copy of another language"
            );
        }
    }
}

/// The `{name}`s of a template.
fn placeholders(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = t;
    while let Some(i) = rest.find('{') {
        let Some(j) = rest[i..].find('}') else { break };
        out.push(&rest[i + 1..i + j]);
        rest = &rest[i + j..];
    }
    out
}

#[test]
fn templates_name_only_their_parameters_and_use_each_in_some_language() {
    for &msg in Msg::ALL {
        let mut used = Vec::new();
        for lang in Lang::ALL {
            for p in placeholders(msg.template(lang)) {
                assert!(
                    msg.params().contains(&p),
                    "{msg:?} in {lang:?} names {{{p}}}, not a parameter"
                );
                used.push(p);
            }
        }
        for p in msg.params() {
            assert!(used.contains(p), "{msg:?} never uses {{{p}}}");
        }
    }
}

#[test]
fn a_rendered_message_has_no_placeholder_left() {
    for &msg in Msg::ALL {
        let args: Vec<(&str, &str)> = msg.params().iter().map(|p| (*p, "X")).collect();
        for lang in Lang::ALL {
            let s = render(lang, msg, &args);
            assert!(!s.contains('{'), "{msg:?} in {lang:?}: {s}");
        }
    }
}

#[test]
fn russian_counts_take_the_form_of_their_number() {
    let cases = [
        (1, "1 слово"),
        (2, "2 слова"),
        (3, "3 слова"),
        (5, "5 слов"),
        (11, "11 слов"),
        (12, "12 слов"),
        (14, "14 слов"),
        (21, "21 слово"),
        (22, "22 слова"),
        (25, "25 слов"),
        (101, "101 слово"),
        (111, "111 слов"),
        (0, "0 слов"),
    ];
    for (n, want) in cases {
        assert_eq!(count(Lang::Ru, n, Noun::Word), want);
    }
    assert_eq!(count(Lang::Ru, 3, Noun::Time), "3 раза");
    assert_eq!(count(Lang::Ru, 5, Noun::Time), "5 раз");
    assert_eq!(count(Lang::Ru, 2, Noun::Ring), "2 гудка");
    assert_eq!(count(Lang::Ru, 24, Noun::Hour), "24 часа");
    assert_eq!(count(Lang::Ru, 7, Noun::Day), "7 дней");
    assert_eq!(count(Lang::Ru, 3, Noun::OutboundCall), "3 исходящих звонка");
}

#[test]
fn english_and_armenian_counts() {
    assert_eq!(count(Lang::En, 1, Noun::Time), "1 time");
    assert_eq!(count(Lang::En, 3, Noun::Time), "3 times");
    assert_eq!(count(Lang::En, 0, Noun::Word), "0 words");
    // Armenian keeps the noun singular after a numeral.
    assert_eq!(count(Lang::Hy, 5, Noun::Word), "5 բառ");
    assert_eq!(count(Lang::Hy, 1, Noun::Word), "1 բառ");
}

#[test]
fn every_noun_has_every_form() {
    for &noun in Noun::ALL {
        for n in [1, 2, 5] {
            for lang in Lang::ALL {
                let s = count(lang, n, noun);
                assert!(s.len() > 2, "{noun:?} {n} in {lang:?}");
            }
        }
        // «раз» is the one noun whose forms for 1 and 5 agree.
        if noun != Noun::Time {
            assert_ne!(noun.ru()[0], noun.ru()[2], "{noun:?}");
        }
        assert_ne!(noun.en()[0], noun.en()[1], "{noun:?}");
    }
}

#[test]
fn the_shared_parts_exist_in_every_language() {
    use crate::standard::{EventSel, SpeakerSel, Window};
    let windows = [
        Window::Call,
        Window::Opening,
        Window::Closing,
        Window::FirstTurns(1),
        Window::FirstTurns(3),
        Window::FirstSecs(30.0),
        Window::LastSecs(20.0),
    ];
    let events = [
        EventSel::Answer,
        EventSel::Hold,
        EventSel::HoldStart,
        EventSel::HoldEnd,
        EventSel::Transfer,
        EventSel::Hangup,
        EventSel::Drop,
    ];
    for lang in Lang::ALL {
        for w in &windows {
            assert!(!in_window(lang, w, "").is_empty());
        }
        for e in events {
            assert!(!event(lang, e).is_empty() && !event_rel(lang, e).is_empty());
        }
        for s in [
            SpeakerSel::Any,
            SpeakerSel::Only(Party::Operator),
            SpeakerSel::Only(Party::Client),
        ] {
            assert!(!speaker(lang, s).is_empty() && !speaker_of(lang, s).is_empty());
        }
    }
    assert_eq!(event_rel(Lang::Ru, EventSel::Hold), "удержания");
    assert_eq!(
        in_window(Lang::Ru, &Window::FirstTurns(3), ""),
        "в первых 3 репликах"
    );
}

#[test]
fn a_message_reads_as_a_sentence_in_each_language() {
    let said = |lang| {
        m!(
            lang,
            Msg::TalkedOver,
            times = count(lang, 3, Noun::Time),
            max = 2,
            list = "0:10, 0:20, 0:30"
        )
    };
    assert_eq!(
        said(Lang::Ru),
        "оператор перебил клиента 3 раза (допустимо не больше 2): в 0:10, 0:20, 0:30"
    );
    assert_eq!(
        said(Lang::En),
        "the operator talked over the client 3 times (at most 2): at 0:10, 0:20, 0:30"
    );
}

#[test]
fn decimal_numbers_take_the_language_separator() {
    let cases = [
        (Lang::Ru, "21.3", "ответ на 5-м гудке (21,3 с)"),
        (Lang::Hy, "21.3", "պատասխանել են 5-րդ ազդանշանին (21,3 վ)"),
        (Lang::En, "21.3", "answered on ring 5 (21.3 s)"),
        (Lang::Ru, "21", "ответ на 5-м гудке (21 с)"),
    ];
    for (lang, secs, want) in cases {
        let got = render(lang, Msg::AnsweredOnRing, &[("ring", "5"), ("secs", secs)]);
        assert_eq!(got, want, "{lang:?} {secs}");
    }
    // Only a whole parameter that is a number changes: quotes and times stay.
    for v in ["3:21", "1.2.3", ".5", "5.", "«версия 2.0»", "v1.2"] {
        assert_eq!(decimal(Lang::Ru, v), v, "{v}");
    }
    assert_eq!(decimal(Lang::Ru, "-0.5"), "-0,5");
}

#[test]
fn templates_use_braces_only_around_names() {
    for &msg in Msg::ALL {
        for lang in Lang::ALL {
            let t = msg.template(lang);
            let mut rest = t;
            while let Some(i) = rest.find(['{', '}']) {
                assert!(rest[i..].starts_with('{'), "{msg:?} in {lang:?}: {t}");
                let after = &rest[i + 1..];
                let close = after.find('}').unwrap_or(0);
                assert!(
                    close > 0
                        && after[..close]
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{msg:?} in {lang:?}: {t}"
                );
                rest = &after[close + 1..];
            }
        }
    }
}

#[test]
fn one_pass_render_is_replacing_each_parameter_in_turn() {
    let values = ["X", "12.5", "-0.5", "3:21", "", "{secs}", "a}b{", "{"];
    for &msg in Msg::ALL {
        for lang in Lang::ALL {
            for (n, v) in values.iter().enumerate() {
                let owned: Vec<String> = (0..msg.params().len())
                    .map(|i| format!("{v}{}", if i % 2 == 0 { "" } else { "7" }))
                    .collect();
                let all: Vec<(&str, &str)> = msg
                    .params()
                    .iter()
                    .zip(&owned)
                    .map(|(p, v)| (*p, v.as_str()))
                    .collect();
                // Some parameters left out (they stay `{name}`).
                let some: Vec<(&str, &str)> = all.iter().copied().skip(n % 2).step_by(2).collect();
                for args in [&all, &some] {
                    assert_eq!(
                        render(lang, msg, args),
                        render_impl::render_by_replacing(lang, msg.template(lang), args),
                        "{msg:?} in {lang:?} with {args:?}"
                    );
                }
            }
        }
    }
}
