//! Titles and descriptions for people (catalog, "Revision 2 decisions",
//! Language of messages): every rule of the default standard has a title
//! and a plain description in Russian, English and Armenian; they follow
//! the rule's parameters; the audit carries the title in the report
//! language, and `localize` gives it in another.

mod support;

use callqa_model::Lang;
use support::*;

#[test]
fn every_rule_has_a_title_and_description_in_ru_en_and_hy() {
    let std = all_enabled();
    for r in std.rules() {
        for lang in Lang::ALL {
            let title = r.titles.exact(lang);
            let description = r.descriptions.exact(lang);
            assert!(
                title.is_some_and(|t| !t.is_empty()),
                "{}: no {} title",
                r.id,
                lang.as_str()
            );
            assert!(
                description.is_some_and(|d| !d.is_empty()),
                "{}: no {} description",
                r.id,
                lang.as_str()
            );
            for text in [title.unwrap(), description.unwrap()] {
                assert!(
                    !text.contains('{'),
                    "{}: unfilled parameter in {text:?}",
                    r.id
                );
            }
        }
    }
    for m in std.manual_items() {
        for lang in Lang::ALL {
            assert!(
                m.title.exact(lang).is_some(),
                "{}: no {} title",
                m.id,
                lang.as_str()
            );
        }
    }
}

#[test]
fn titles_follow_the_parameters() {
    let std = builtin();
    let speed = std.rule("answer.speed").unwrap();
    assert_eq!(speed.titles.exact(Lang::En), Some("Answered by ring 3"));
    assert_eq!(
        speed.titles.exact(Lang::Ru),
        Some("Ответ не позднее 3-го гудка")
    );
    let two =
        standard(&callqa_standard::DEFAULT_STANDARD_TOML.replace("max_rings = 3", "max_rings = 2"));
    let speed = two.rule("answer.speed").unwrap();
    assert_eq!(speed.titles.exact(Lang::En), Some("Answered by ring 2"));
    assert_eq!(
        speed.titles.exact(Lang::Ru),
        Some("Ответ не позднее 2-го гудка")
    );
    assert!(speed
        .descriptions
        .exact(Lang::En)
        .unwrap()
        .contains("ring 2"));
    // Seconds of whole minutes read as minutes.
    let missed = std.rule("missed.callback").unwrap();
    assert_eq!(
        missed.titles.exact(Lang::En),
        Some("Missed calls returned within 30 min")
    );
    let air = std.rule("silence.dead_air").unwrap();
    assert_eq!(air.titles.exact(Lang::En), Some("No silence over 10 s"));
}

#[test]
fn audits_carry_titles_in_the_report_language() {
    let std = builtin();
    assert_eq!(std.report_language(), Lang::Ru);
    let mut a = std.audit_call(&polite_ru().build());
    assert_eq!(find(&a, "closing.farewell").title, "Попрощался");
    assert_eq!(find(&a, "manner.smile").title, "Улыбка в голосе");
    std.localize(&mut a, Lang::En);
    assert_eq!(find(&a, "closing.farewell").title, "Says goodbye");
    assert_eq!(find(&a, "manner.smile").title, "A smile in the voice");
    std.localize(&mut a, Lang::Hy);
    assert_eq!(find(&a, "closing.farewell").title, "Հրաժեշտ է տալիս");
    assert_eq!(find(&a, "manner.smile").title, "Ժպիտ ձայնում");
}
