//! Quiz generation on the default standard: every right option is accepted
//! by the engine and every wrong one is not, in ru/en/hy; the same seed gives
//! the same quiz, another seed another one.

use std::collections::BTreeSet;

use callqa_model::{Lang, Outcome};
use callqa_standard::DEFAULT_STANDARD_TOML;
use callqa_train::probe;
use callqa_train::quiz::{self, Kind, Question};

fn template(lang: Lang, q: &Question) -> probe::Template {
    probe::templates(lang)
        .into_iter()
        .find(|t| t.direction == q.direction)
        .expect("the question's model call")
}

fn failed(lang: Lang, q: &Question, text: Option<&str>) -> BTreeSet<String> {
    let std = callqa_standard::builtin();
    let call = probe::build(&template(lang, q), lang, &q.slot, text);
    probe::failed(&probe::audit(&std, &call))
}

#[test]
fn right_options_pass_and_wrong_ones_fail_in_every_language() {
    let std = callqa_standard::builtin();
    for lang in Lang::ALL {
        let qs = quiz::generate(&std, DEFAULT_STANDARD_TOML, lang, 7, 1000);
        let kinds: BTreeSet<String> = qs.iter().map(|q| format!("{:?}", q.kind)).collect();
        assert_eq!(
            kinds.len(),
            3,
            "{lang:?}: every kind of question, got {kinds:?}"
        );
        assert!(qs.len() >= 15, "{lang:?}: only {} questions", qs.len());
        for q in &qs {
            assert_eq!(q.options.len(), 4, "{q:?}");
            let distinct: BTreeSet<&String> = q.options.iter().collect();
            assert_eq!(distinct.len(), 4, "{q:?}");
            match q.kind {
                Kind::Say => {
                    let omitted = failed(lang, q, None);
                    for (i, o) in q.options.iter().enumerate() {
                        let f = failed(lang, q, Some(o));
                        let accepted = !f.contains(&q.rule) && f.is_subset(&omitted);
                        assert_eq!(accepted, i == q.right, "{lang:?} {} «{o}»: {f:?}", q.rule);
                    }
                }
                Kind::Avoid => {
                    for (i, o) in q.options.iter().enumerate() {
                        let f = failed(lang, q, Some(o));
                        assert_eq!(
                            !f.contains(&q.rule),
                            i == q.right,
                            "{lang:?} {} «{o}»",
                            q.rule
                        );
                        if i == q.right {
                            assert!(f.is_empty(), "{lang:?} right «{o}» fails {f:?}");
                        }
                    }
                }
                Kind::WhatIsWrong => {
                    let shown = q.shown.as_deref().expect("shown words");
                    let call = probe::build(&template(lang, q), lang, &q.slot, Some(shown));
                    let audit = probe::audit(&std, &call);
                    assert_eq!(probe::failed(&audit).len(), 1, "{lang:?} «{shown}»");
                    for (i, id) in q.option_rules.iter().enumerate() {
                        let want = if i == q.right {
                            Outcome::Fail
                        } else {
                            Outcome::Pass
                        };
                        assert_eq!(
                            probe::outcome(&audit, id),
                            Some(want),
                            "{lang:?} «{shown}» {id}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn the_same_seed_gives_the_same_quiz() {
    let std = callqa_standard::builtin();
    let a = quiz::generate(&std, DEFAULT_STANDARD_TOML, Lang::Ru, 42, 10);
    let b = quiz::generate(&std, DEFAULT_STANDARD_TOML, Lang::Ru, 42, 10);
    let c = quiz::generate(&std, DEFAULT_STANDARD_TOML, Lang::Ru, 43, 10);
    let text = |qs: &[Question]| serde_json::to_string(qs).unwrap();
    assert_eq!(a.len(), 10);
    assert_eq!(text(&a), text(&b));
    assert_ne!(text(&a), text(&c));
}

#[test]
fn a_companys_own_phrases_become_the_answers() {
    // A company accepts only its own words for thanks after a hold.
    let start = DEFAULT_STANDARD_TOML.find("[phrases.hold_thanks]").unwrap();
    let ru = start + DEFAULT_STANDARD_TOML[start..].find("ru = [").unwrap();
    let end = ru + DEFAULT_STANDARD_TOML[ru..].find("]\n").unwrap() + 2;
    let text = format!(
        "{}ru = [\"низкий поклон за ожидание\"]\n{}",
        &DEFAULT_STANDARD_TOML[..ru],
        &DEFAULT_STANDARD_TOML[end..]
    );
    let std =
        callqa_standard::from_toml("company.toml", &text).expect("the changed standard compiles");
    let qs = quiz::generate(&std, &text, Lang::Ru, 1, 1000);
    let q = qs
        .iter()
        .find(|q| q.rule == "hold.thanks" && q.kind == Kind::Say)
        .expect("a question on thanks after a hold");
    assert_eq!(q.options[q.right], "Низкий поклон за ожидание");
    // «Спасибо за ожидание» is no longer accepted by this standard.
    let default_thanks = "Спасибо за ожидание";
    let call = probe::build(
        &template(Lang::Ru, q),
        Lang::Ru,
        &q.slot,
        Some(default_thanks),
    );
    assert!(probe::failed(&probe::audit(&std, &call)).contains("hold.thanks"));
}
